//! The `csv` fuzz target (see `zfxxgk_fuzz::Target::Csv`): `cargo xtask fuzz csv`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Csv.run(data)
});
