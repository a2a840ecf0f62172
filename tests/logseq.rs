//! A Logseq graph's pages (written here in Logseq's syntax): `key:: value` lines at the
//! top of a page are its properties (title, tags, aliases, the rest for templates), not
//! text; a block's own properties are a small line under it, and the ones Logseq hides
//! (`id::`, `collapsed::`) leave the text.

mod common;

const PAGE: &str = "title:: Linear models\ntags:: [[stats]], #ml\nalias:: OLS, [[Least squares]]\ntype:: lecture\n\n\
- Fit a line\n  id:: 64f1c2a0-1234-4abc-9def-0123456789ab\n- Read it again\n  source:: chapter 3\n  collapsed:: true\n  - a child block\n";

#[test]
fn page_properties_are_front_matter_and_block_properties_a_line() {
    let site = common::Site::new(&[
        ("content/pages/week 2.md", PAGE),
        (
            "content/pages/other.md",
            "# Other\n\nSee [[OLS]] and [[Least squares]].\n\nnot:a:: property\n",
        ),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let html = site.read("public/pages/week-2.html");
    assert!(html.contains("<title>Linear models"), "{html}");
    assert!(html.contains("<h1>Linear models</h1>"), "{html}");
    assert!(html.contains("#stats</li><li class=\"chip-tag\">#ml</li>"), "{html}");
    for gone in [
        "title::",
        "tags::",
        "alias::",
        "type::",
        "id::",
        "64f1c2a0",
        "collapsed",
    ] {
        assert!(!html.contains(gone), "{gone} left in the text: {html}");
    }
    assert!(
        html.contains("<li>Read it again<br><span class=\"property-key\">source</span>: chapter 3"),
        "{html}"
    );
    assert!(html.contains("<li>Fit a line</li>"), "{html}");
    // Aliases are link targets.
    let other = site.read("public/pages/other.html");
    assert!(other.contains("week-2.html\">OLS</a>"), "{other}");
    assert!(other.contains("week-2.html\">Least squares</a>"), "{other}");
    assert!(other.contains("not:a:: property"), "not a property: {other}");
}

/// A page that only mentions `::` (Rust paths, C++) is untouched.
#[test]
fn double_colons_elsewhere_are_text() {
    let site = common::Site::new(&[(
        "content/a.md",
        "std::vec::Vec is a type.\n\n- item\n  std::mem::swap swaps\n",
    )]);
    let out = site.run(&["build", "--no-minify"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/a.html");
    assert!(html.contains("std::vec::Vec is a type."), "{html}");
    assert!(html.contains("std::mem::swap swaps"), "{html}");
}

/// Obsidian's Dataview fields open a prose note: they stay visible, each a property
/// line; a Logseq block that opens with a property is one too; `public:: false` is a
/// draft, left out of the build.
#[test]
fn dataview_fields_stay_visible_and_private_pages_are_drafts() {
    let site = common::Site::new(&[
        (
            "content/review.md",
            "status:: done\nrating:: 4\n\n# Book review\n\nGood book.\n",
        ),
        (
            "content/journal.md",
            "- type:: book\n  Read on the train\n- plain block\n",
        ),
        ("content/secret.md", "public:: false\n\n- private notes\n"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let html = site.read("public/review.html");
    assert!(
        html.contains("<title>Book review"),
        "the fields are not the title: {html}"
    );
    assert!(
        html.contains(
            "<p><span class=\"property-key\">status</span>: done<br><span class=\"property-key\">rating</span>: 4</p>"
        ),
        "{html}"
    );
    let journal = site.read("public/journal.html");
    assert!(
        journal.contains("<span class=\"property-key\">type</span>: book"),
        "{journal}"
    );
    assert!(!journal.contains("type::"), "{journal}");
    assert!(!site.path("public/secret.html").exists(), "public:: false is a draft");
}
