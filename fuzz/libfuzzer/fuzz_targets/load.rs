//! The `load` fuzz target (see `zfxxgk_fuzz::Target::Load`): `cargo xtask fuzz load`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Load.run(data)
});
