//! Fuzz target: `otau_fuzz::qr_payload` (see that function for what it feeds and checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| otau_fuzz::qr_payload(data));
