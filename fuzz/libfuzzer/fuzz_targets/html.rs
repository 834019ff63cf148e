//! The `html` fuzz target (see `zfxxgk_fuzz::Target::Html`): `cargo xtask fuzz html`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Html.run(data)
});
