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

/// An Obsidian vault as people keep it: a template folder (named in `.obsidian/`) and
/// Excalidraw drawings are not pages; an embedded drawing shows the image its plugin
/// exported beside it, and one without an image is a warning that says how to get one.
#[test]
fn templates_and_drawings_are_not_pages_and_a_drawing_embeds_its_image() {
    let site = common::Site::new(&[
        ("content/.obsidian/templates.json", r#"{"folder": "Meta/Templates"}"#),
        ("content/Meta/Templates/Daily.md", "# {{date}}\n\n<% tp.file.title %>\n"),
        (
            "content/Excalidraw/Sketch.excalidraw.md",
            "---\nexcalidraw-plugin: parsed\n---\n==⚠  Switch to EXCALIDRAW VIEW ⚠==\n\n# Text Elements\nforce ^a1\n\n%%\n# Drawing\n```compressed-json\nN4Ig\n```\n%%\n",
        ),
        (
            "content/Excalidraw/Sketch.excalidraw.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
        (
            "content/Excalidraw/Bare.excalidraw.md",
            "---\nexcalidraw-plugin: parsed\n---\n# Text Elements\n",
        ),
        (
            "content/Forces.md",
            "# Forces\n\n![[Sketch.excalidraw]]\n\n![[Bare.excalidraw]]\n",
        ),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let all = common::snapshot_dir(&site.path("public"));
    let pages: Vec<&String> = all.iter().map(|(p, _)| p).filter(|p| p.ends_with(".html")).collect();
    assert!(pages.iter().any(|p| p.contains("forces")), "{pages:?}");
    for gone in ["daily", "templates", "bare", "sketch"] {
        assert!(
            !pages.iter().any(|p| p.to_lowercase().contains(gone)),
            "{gone}: no page: {pages:?}"
        );
    }
    let html = site.read("public/forces.html");
    assert!(html.contains("<img src=\"Excalidraw/Sketch.excalidraw.svg\""), "{html}");
    assert!(site.path("public/Excalidraw/Sketch.excalidraw.svg").exists());
    assert!(
        err.contains("the Excalidraw drawing `Bare.excalidraw` has no exported image beside it"),
        "{err}"
    );
    assert!(
        !all.iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains("tp.file.title")),
        "no template text anywhere in the site"
    );
}

/// A file's own fragment (a PDF's `#page=3`) is its viewer's: kept as written in a
/// wikilink, an embed and a Markdown link, and never checked as a heading of the page.
#[test]
fn a_pdf_page_fragment_is_kept_and_not_checked_as_an_anchor() {
    let site = Site::new(&[
        (
            "content/a.md",
            "# A\n\n![[slides.pdf#page=3]] [[slides.pdf#page=4|p4]] [md](files/slides.pdf#page=5)\n",
        ),
        ("content/files/slides.pdf", "%PDF"),
    ]);
    let out = site.run(&["check"]);
    let err = common::stderr(&out);
    assert!(!err.contains("anchor"), "{err}");
    site.build();
    let hrefs = common::attr_values(&site.read("public/a.html"), "href");
    for want in [
        "files/slides.pdf#page=3",
        "files/slides.pdf#page=4",
        "files/slides.pdf#page=5",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want}: {hrefs:?}");
    }
}
