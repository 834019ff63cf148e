//! The `zfxxgk` binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    let env = zfxxgk_cli::Env::detect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = zfxxgk_cli::run(
        std::env::args_os(),
        &mut stdout.lock(),
        &mut stderr.lock(),
        &env,
    );
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
