//! Replays every input the fuzz target (fuzz/fuzz_targets/pipeline.rs) ever found, plus
//! the pathological cases of design/reliability.md, through the whole content pipeline:
//! parsing (strict and lenient) and a whole build of the input as a site's only page, in
//! both URL styles.

use std::path::Path;

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        eprintln!("{}", path.display());
        studysite::testing::fuzz_one(&text);
        studysite::testing::fuzz_site(&text, false);
        studysite::testing::fuzz_site(&text, true);
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}

/// reliability.md §4 cases 11 and 12 on a thread with a small stack (256 KiB, an
/// eighth of what rayon's build threads get): deep nesting of every container the
/// parser knows, and inputs that are quadratic in naive parsers, through parsing and
/// a whole build of the page.
#[test]
fn deep_nesting_and_quadratic_inputs_on_a_small_stack() {
    let cases: Vec<(&str, String)> = vec![
        ("quotes", format!("{} deep\n", ">".repeat(100_000))),
        ("bullets on one line", format!("{}item\n", "- ".repeat(50_000))),
        ("ordered on one line", format!("{}item\n", "1. ".repeat(30_000))),
        ("quote and list", format!("{}x\n", "> - ".repeat(30_000))),
        ("tasks", format!("## Q?\n\n{}x\n", "- [x] ".repeat(20_000))),
        ("emphasis", format!("{}x{}\n", "*_".repeat(20_000), "_*".repeat(20_000))),
        ("links", format!("{}\n", "[a](<b".repeat(50_000))),
        ("stars", format!("{}\n", "a***".repeat(50_000))),
        ("brackets", format!("{}{}\n", "[".repeat(50_000), "]".repeat(50_000))),
        (
            "raw html",
            format!("{}x{}\n", "<div>".repeat(30_000), "</div>".repeat(30_000)),
        ),
        ("alerts", format!("{}\n", "> [!NOTE]\n".repeat(20_000))),
        (
            "footnotes",
            (0..20_000).map(|i| format!("[^{i}]: [^{}]\n", i + 1)).collect(),
        ),
    ];
    for (name, text) in cases {
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                studysite::testing::fuzz_one(&text);
                studysite::testing::fuzz_site(&text, false);
            })
            .unwrap();
        assert!(handle.join().is_ok(), "{name} panicked");
    }
}
