//! The `json` fuzz target (see `zfxxgk_fuzz::Target::Json`): `cargo xtask fuzz json`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Json.run(data)
});
