//! The `zfxxgk` binary: the real streams and clock around [`zfxxgk_cli::run`], a quiet panic
//! hook, and the clean-up of temporary files when the run is interrupted.

use std::io::Write as _;
use std::process::ExitCode;
use std::sync::Mutex;

use zfxxgk_core::Lang;

/// mimalloc: reading a workbook makes many small short-lived allocations on every worker thread
/// (cell texts, normalised labels, values); glibc's allocator took about a fifth of `check`'s
/// time on them (docs/performance.md). Without transparent huge pages, so that the resident
/// memory stays that of what is used. The default feature `mimalloc`; without it, the system
/// allocator, which heap profilers see.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Where the last panic happened (`file:line`), for the message that replaces Rust's.
static PANIC_AT: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = zfxxgk_cli::cli::usage::lang_in_args(&args);
    // A panic prints nothing of Rust's (`thread 'main' panicked at …`): a panic in one file's
    // work is that file's error line (`batch::isolate`), any other is told below in words.
    std::panic::set_hook(Box::new(|info| {
        if let Some(at) = info.location()
            && let Ok(mut slot) = PANIC_AT.lock()
        {
            *slot = Some(format!("{}:{}", at.file(), at.line()));
        }
    }));
    #[cfg(unix)]
    signals::clean_up_on_interrupt(lang);
    let env = zfxxgk_cli::Env::detect();
    let code = std::panic::catch_unwind(|| {
        let stdout = std::io::stdout();
        // Standard error is not locked for the whole run: the progress bar draws on it from the
        // worker threads, and a lock held here would block them for ever.
        zfxxgk_cli::run(args, &mut stdout.lock(), &mut std::io::stderr(), &env)
    });
    match code {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
        Err(_) => {
            let at = PANIC_AT
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or_default();
            let report = zfxxgk_cli::batch::where_to_report(lang);
            let message = match lang {
                Lang::Zh => format!(
                    "zfxxgk 内部出错，已停止（出错位置：{at}）。这是程序的缺陷，不是您的操作有误；请把所用的命令和输入文件发给开发者：{report}"
                ),
                Lang::En => format!(
                    "zfxxgk failed with an internal error and stopped (at {at}). This is a bug in the program, not a mistake of yours; please send the command and the input files to the developers: {report}"
                ),
            };
            let _ = writeln!(std::io::stderr(), "{message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(unix)]
mod signals {
    use std::io::Write as _;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use zfxxgk_core::Lang;

    /// On Ctrl-C (SIGINT), SIGTERM or SIGHUP: removes the temporary files being written, says
    /// so, and ends with 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM), as a shell
    /// reports a process ended by it.
    pub fn clean_up_on_interrupt(lang: Lang) {
        // Without the handler (it could not be installed) a signal ends the run as before.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // The lock stays held: no write renames or starts a file from here on.
                    let (removed, _held) = zfxxgk_cli::write::remove_pending();
                    let message = match (lang, removed > 0) {
                        (Lang::Zh, true) => "已中断；未写完的输出文件已删除。",
                        (Lang::Zh, false) => "已中断。",
                        (Lang::En, true) => "interrupted; the unfinished output file was removed.",
                        (Lang::En, false) => "interrupted.",
                    };
                    let _ = writeln!(std::io::stderr(), "{message}");
                    std::process::exit(128 + signal);
                }
            });
        drop(spawned);
    }
}
