//! Note embeds on one page: a note embedded twice repeats no id (its footnotes, table
//! rows and `^block` anchors are scoped per embed, the links inside it follow), and an
//! embed or redirect that cannot be made is a warning in build but an error in check.

mod common;

use common::Site;
use std::collections::HashMap;

const INNER: &str =
    "# Inner\n\nA claim[^1] to remember. ^claim\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: Its footnote.\n";

fn ids(html: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for part in html.split(" id=\"").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        *out.entry(id.to_string()).or_insert(0) += 1;
    }
    out
}

#[test]
fn a_note_embedded_twice_repeats_no_id_and_its_footnote_links_stay_inside_each_copy() {
    let site = Site::new(&[
        ("content/inner.md", INNER),
        (
            "content/outer.md",
            "# Outer\n\nMine[^1].\n\n![[inner]]\n\nAgain:\n\n![[inner]]\n\nSee [[inner#^claim]].\n\n[^1]: The page's own.\n",
        ),
    ]);
    site.build();
    let html = site.read("public/outer.html");
    let repeated: Vec<_> = ids(&html).into_iter().filter(|(_, n)| *n > 1).collect();
    assert!(repeated.is_empty(), "ids repeated: {repeated:?}\n{html}");
    assert_eq!(html.matches("Its footnote.").count(), 2, "{html}");
    // Every same-page link has its target on the page.
    let all = ids(&html);
    for part in html.split(" href=\"#").skip(1) {
        let target = &part[..part.find('"').unwrap()];
        assert!(
            target.is_empty() || all.contains_key(target),
            "`#{target}` has no target: {html}"
        );
    }
    assert!(html.contains("href=\"#embed-2-fn-1\""), "{html}");
    // The page's own footnote keeps its id, and the link into the note still goes there.
    assert!(html.contains(" id=\"fn-1\""), "{html}");
    assert!(html.contains("href=\"inner.html#^claim\""), "{html}");
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn embeds_shown_as_links_and_unwritten_redirects_are_errors_in_check() {
    let site = Site::new(&[
        ("content/a.md", "# A\n\n![[b]]\n"),
        ("content/b.md", "# B\n\n![[a]]\n"),
        ("content/r.md", "---\ntitle: R\naliases: [/a.html]\n---\n\nText.\n"),
    ]);
    let build = site.build();
    let err = common::stderr(&build);
    assert!(
        err.contains("a.md:3:1: warning: `a` embeds itself (a → b → a)"),
        "{err}"
    );
    assert!(
        err.contains("r.md:3:11: warning: alias `/a.html` is the address of another page"),
        "{err}"
    );
    let check = site.run(&["check"]);
    let err = common::stderr(&check);
    assert!(!check.status.success(), "{err}");
    assert!(err.contains("a.md:3:1: error: `a` embeds itself (a → b → a)"), "{err}");
    assert!(
        err.contains("r.md:3:11: error: alias `/a.html` is the address of another page"),
        "{err}"
    );
}
