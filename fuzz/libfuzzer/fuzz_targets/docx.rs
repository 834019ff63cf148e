//! The `docx` fuzz target (see `zfxxgk_fuzz::Target::Docx`): `cargo xtask fuzz docx`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Docx.run(data)
});
