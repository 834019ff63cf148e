//! The `pdf` fuzz target (see `zfxxgk_fuzz::Target::Pdf`): `cargo xtask fuzz pdf`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Pdf.run(data)
});
