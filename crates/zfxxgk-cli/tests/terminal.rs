//! The real binary on a terminal: with standard error on a pseudo-terminal the progress bar is
//! drawn from the worker threads, and the run must still finish (it once deadlocked on a
//! standard-error lock held by `main`). Python's `pty` module provides the terminal.

use std::process::Command;
use std::time::{Duration, Instant};

const DRIVER: &str = r#"
import os, pty, select, subprocess, sys, time
m, s = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=s, stdin=subprocess.DEVNULL)
os.close(s)
out = b""
deadline = time.time() + 60
while time.time() < deadline:
    r, _, _ = select.select([m], [], [], 0.2)
    if r:
        try:
            d = os.read(m, 65536)
        except OSError:
            d = b""
        out += d
        if not d and p.poll() is not None:
            break
    elif p.poll() is not None:
        break
if p.poll() is None:
    p.kill()
    sys.stdout.write("HUNG\n")
sys.stdout.write("exit=%s\n" % p.poll())
sys.stdout.buffer.write(out)
"#;

#[test]
fn a_batch_on_a_terminal_shows_progress_and_finishes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/reports");
    let start = Instant::now();
    let output = Command::new("python3")
        .args([
            "-c",
            DRIVER,
            env!("CARGO_BIN_EXE_zfxxgk"),
            "check",
            dir,
            "--format",
            "json",
        ])
        .output()
        .expect("python3 runs (it provides the pseudo-terminal)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        !text.contains("HUNG"),
        "zfxxgk hung with standard error on a terminal:\n{text}"
    );
    // The fixtures hold one report with errors, so the status is 1.
    assert!(text.starts_with("exit=1\n"), "{text}");
    assert!(
        text.contains("检查 ") && !text.contains("checking"),
        "no progress bar on the terminal:\n{text}"
    );
    assert!(start.elapsed() < Duration::from_secs(60));
}
