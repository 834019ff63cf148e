//! Any bytes: `read_bytes` returns a report or an error and stays within its limits. Seed the
//! corpus with tests/fixtures/examples/*. libfuzzer-sys aborts on any panic, even one that
//! `read_bytes` would catch, so parser panics (calamine's on some damaged xls) show up here as
//! crashes: report them upstream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zfxxgk_excel::read::{ReadOptions, read_bytes, sniff};

fuzz_target!(|data: &[u8]| {
    let _ = sniff(data);
    let opts = ReadOptions {
        max_inflated_bytes: 16 * 1024 * 1024,
        ..ReadOptions::default()
    };
    let _ = read_bytes(data, &opts);
});
