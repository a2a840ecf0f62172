//! The content pipeline on arbitrary input: configuration, front matter, Markdown with
//! every transform (questions in strict and lenient mode), sanitising. Nothing may panic,
//! overflow the stack or hang.
//!
//!     cargo +nightly fuzz run pipeline -- -max_total_time=600 -max_len=16384
//!
//! Inputs it ever found are kept in tests/fuzz_regressions/ and replayed by `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        studysite::markdown::fuzz_one(text);
    }
});
