//! The content pipeline on arbitrary input: configuration, front matter, Markdown with
//! every transform (questions in strict and lenient mode), sanitising; and, for one
//! input in four, the whole build after loading (every generated page, the quiz and
//! search data, minifying) with the input as a site's only page. Nothing may panic,
//! overflow the stack or hang.
//!
//!     cargo +nightly fuzz run pipeline -- -max_total_time=600 -max_len=16384
//!
//! Inputs it ever found are kept in tests/fuzz_regressions/ and replayed by `cargo test`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        studysite::testing::fuzz_one(text);
        // Rendering a whole site costs more than parsing: a quarter of the inputs, chosen
        // by their length so that a found input replays the same way.
        if data.len() % 4 == 0 {
            studysite::testing::fuzz_site(text, data.len() % 8 == 0);
        }
    }
});
