//! The `workbook` fuzz target (see `zfxxgk_fuzz::Target::Workbook`): `cargo xtask fuzz workbook`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Workbook.run(data)
});
