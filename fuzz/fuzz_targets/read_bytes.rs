//! Any bytes: `read_bytes` returns a report or an error and stays within its limits.
//!
//! Run from this directory (cargo-fuzz needs nightly features; the stable toolchain allows them
//! with RUSTC_BOOTSTRAP):
//!
//! ```sh
//! cargo install cargo-fuzz
//! mkdir -p corpus/read_bytes && cp ../tests/fixtures/examples/* ../tests/fixtures/workbooks/*.x* corpus/read_bytes/
//! RUSTC_BOOTSTRAP=1 cargo fuzz run read_bytes -- -max_total_time=300 -rss_limit_mb=1024 -timeout=10
//! ```
//!
//! libfuzzer-sys aborts on any panic, even one that `read_bytes` catches (calamine panics on some
//! damaged xls, e.g. tests/fixtures/hostile/calamine-panic-mulrk.xls, which this target found).
//! Set `ZFXXGK_FUZZ_CAUGHT_PANICS=1` to let such caught panics pass and look for other failures:
//! a panic that `read_bytes` does not catch still aborts the run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zfxxgk_excel::read::{ReadOptions, read_bytes, sniff};

fuzz_target!(init: {
    if std::env::var_os("ZFXXGK_FUZZ_CAUGHT_PANICS").is_some() {
        // Replace libfuzzer-sys's aborting hook: a panic caught inside read_bytes is then quiet,
        // and one that escapes unwinds out of the fuzz callback, which still aborts the run.
        std::panic::set_hook(Box::new(|_| {}));
    }
}, |data: &[u8]| {
    let _ = sniff(data);
    let opts = ReadOptions {
        max_inflated_bytes: 16 * 1024 * 1024,
        ..ReadOptions::default()
    };
    let _ = read_bytes(data, &opts);
});
