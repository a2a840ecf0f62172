//! Note pages take their sidebar from a memo, rendered and minified once for all the
//! pages that show the same one, with the current page marked afterwards
//! (src/render/nav_splice.rs). A site with its own `partials/nav.html` renders every
//! page's sidebar with the page, as before. Each site here is built both ways, the
//! second with a copy of the theme's `nav.html` that only adds a comment; every output
//! file must be byte for byte the same.

mod common;

use std::path::Path;

use common::{Site, snapshot_dir, stderr};

const NAV: &str = include_str!("../templates/partials/nav.html");

/// Builds `site` minified as it is and with its own copy of the sidebar template, and
/// compares the two outputs file by file.
fn same_both_ways(site: &Site) {
    let build = |out: &str| {
        let o = common::bin()
            .args(["build", "-o"])
            .arg(site.path(out))
            .arg(site.root())
            .output()
            .unwrap();
        assert!(o.status.success(), "build failed:\n{}", stderr(&o));
        snapshot_dir(&site.path(out))
    };
    let memo = build("out-memo");
    site.write("templates/partials/nav.html", &format!("{NAV}{{# a copy #}}\n"));
    let whole = build("out-whole");
    std::fs::remove_file(site.path("templates/partials/nav.html")).unwrap();
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&memo), names(&whole));
    let mut pages = 0;
    for ((name, a), (_, b)) in memo.iter().zip(&whole) {
        if a != b {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
            let around = |s: &str| {
                s.get(at.saturating_sub(120)..(at + 120).min(s.len()))
                    .unwrap_or("")
                    .to_string()
            };
            panic!(
                "{name} differs at byte {at}:\nmemo:  {}\nwhole: {}",
                around(&a),
                around(&b)
            );
        }
        pages += name.ends_with(".html") as usize;
    }
    assert!(pages > 3, "{pages} pages built");
}

/// Every file of `dir`, copied into a temporary site.
fn copy_of(dir: &Path) -> Site {
    let site = Site::new(&[]);
    for e in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        if e.file_type().is_file() && !rel.starts_with("public/") && !rel.starts_with("target/") {
            site.write_bytes(&rel, &std::fs::read(e.path()).unwrap());
        }
    }
    site
}

#[test]
fn the_bundled_site_comes_out_the_same_with_the_memo() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = Site::new(&[(
        "studysite.toml",
        &std::fs::read_to_string(repo.join("studysite.toml")).unwrap(),
    )]);
    for e in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(repo)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            site.write_bytes(&rel, &std::fs::read(e.path()).unwrap());
        }
    }
    same_both_ways(&site);
}

#[test]
fn fixture_sites_come_out_the_same_with_the_memo() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in [
        "vault",
        "notes/obsidian-vault",
        "notes/mkdocs",
        "i18n-site",
        "languages-site",
    ] {
        same_both_ways(&copy_of(&fixtures.join(name)));
    }
}

/// A site too large to list every page on every page (windows with "N more" entries),
/// folders without their own page (linked by their first page), a tree deeper than the
/// sidebar's six levels, and file names the minifier must quote or escape.
#[test]
fn a_large_and_awkward_site_comes_out_the_same_with_the_memo() {
    let site = Site::new(&[("studysite.toml", "title = \"Awkward & large\"\n")]);
    site.write("content/_index.md", "# Home\n\nThe start.\n");
    site.write("content/intro.md", "# Intro <&> \"quoted\"\n\nText.\n");
    site.write("content/big/_index.md", "# Big folder\n\nMany pages.\n");
    for p in 0..130 {
        site.write(
            &format!("content/big/page{p:03}.md"),
            &format!("# Big page {p} & <more>\n\nText of page {p}.\n"),
        );
    }
    for p in 0..12 {
        site.write(
            &format!("content/plain/note{p:02}.md"),
            &format!("# Plain note {p}\n\nText.\n"),
        );
    }
    for (i, name) in ["two words", "café", "it's", "a&b", "x=y", "hash#tag", "q?mark"]
        .iter()
        .enumerate()
    {
        site.write(
            &format!("content/odd/{name}.md"),
            &format!("# Odd {i}: {name}\n\nText.\n"),
        );
    }
    site.write("content/a/b/c/d/e/f/g/deep.md", "# Deep\n\nSeven folders down.\n");
    site.write("content/a/b/c/d/e/f/leaf.md", "# Leaf\n\nSix folders down.\n");
    site.write("content/a/b/c/d/_index.md", "# D\n\nA folder page.\n");
    same_both_ways(&site);

    // With folder URLs (`big/page001/`, each page a folder deeper).
    site.write(
        "studysite.toml",
        "title = \"Awkward & large\"\nurl_style = \"pretty\"\n",
    );
    same_both_ways(&site);

    // The same site, small enough for the whole tree on every page.
    for p in 10..130 {
        std::fs::remove_file(site.path(&format!("content/big/page{p:03}.md"))).unwrap();
    }
    same_both_ways(&site);
}
