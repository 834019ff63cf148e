//! The `text` fuzz target (see `zfxxgk_fuzz::Target::Text`): `cargo xtask fuzz text`.
#![no_main]

libfuzzer_sys::fuzz_target!(init: zfxxgk_fuzz::libfuzzer_init(), |data: &[u8]| {
    zfxxgk_fuzz::Target::Text.run(data)
});
