//! Replays every input the fuzz target (fuzz/fuzz_targets/pipeline.rs) ever found, plus
//! the pathological cases of design/reliability.md, through the whole content pipeline.

use std::path::Path;

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        studysite::markdown::fuzz_one(&text);
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}
