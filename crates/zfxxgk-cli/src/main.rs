//! The `zfxxgk` binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    let env = zfxxgk_cli::Env::detect();
    let stdout = std::io::stdout();
    // Standard error is not locked for the whole run: the progress bar draws on it from the
    // worker threads, and a lock held here would block them for ever.
    let code = zfxxgk_cli::run(
        std::env::args_os(),
        &mut stdout.lock(),
        &mut std::io::stderr(),
        &env,
    );
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
