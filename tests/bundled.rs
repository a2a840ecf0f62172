//! The repository's own site, the DVA-C02 notes: it builds, `check` is clean, and every
//! internal link and anchor in the output resolves.

mod common;

use std::path::Path;

use common::{bin, broken_links, stderr};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bundled_site_builds_and_every_link_resolves() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("site");
    let run = bin().args(["build", "-o"]).arg(&out).arg(repo()).output().unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let broken = broken_links(&out);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn bundled_site_is_clean_under_check() {
    let run = bin().arg("check").arg(repo()).output().unwrap();
    assert!(
        run.status.success() && stderr(&run).contains("No problems found."),
        "{}",
        stderr(&run)
    );
}

#[test]
fn crawler_notices_a_broken_link() {
    // The crawler itself must be able to fail.
    let t = tempfile::tempdir().unwrap();
    std::fs::write(
        t.path().join("index.html"),
        "<a href=\"gone.html\">x</a><a href=\"#nope\">y</a><p id=\"here\"></p><a href=\"#here\">z</a>",
    )
    .unwrap();
    let broken = broken_links(t.path());
    assert_eq!(broken.len(), 2, "{broken:?}");
}
