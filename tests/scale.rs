//! A site too large to list every page on every page: each page's sidebar holds the top
//! level and its own folder, so the output grows with the page count, not its square.

mod common;

use common::{Site, attr_values, broken_links};

const FOLDERS: usize = 8;
const PER_FOLDER: usize = 30;

fn big_site() -> Site {
    let site = Site::new(&[("studysite.toml", "title = \"Big\"\n")]);
    for f in 0..FOLDERS {
        site.write(
            &format!("content/part{f}/_index.md"),
            &format!("+++\ntitle = \"Part {f}\"\nweight = {f}\n+++\n\nPart {f}.\n"),
        );
        for p in 0..PER_FOLDER {
            site.write(
                &format!("content/part{f}/page{p:02}.md"),
                &format!("+++\ntitle = \"Part {f} page {p}\"\nweight = {p}\n+++\n\n## Heading\n\nText of page {p}.\n"),
            );
        }
    }
    site
}

#[test]
fn a_large_sites_sidebar_lists_the_top_level_and_the_current_folder() {
    let site = big_site();
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/part3/page05.html");
    let links = attr_values(&html, "href");
    // Siblings in the same folder are listed...
    for p in 0..PER_FOLDER {
        let sib = format!("../part3/page{p:02}.html");
        assert!(
            links.iter().any(|l| l == &sib),
            "sidebar lacks sibling {sib}: {links:?}"
        );
    }
    // ...pages of other folders are not, but each other folder is, by its own page.
    assert!(!links.iter().any(|l| l.contains("part4/page")), "{links:?}");
    for f in (0..FOLDERS).filter(|&f| f != 3) {
        let index = format!("../part{f}/index.html");
        assert!(
            links.iter().any(|l| l == &index),
            "sidebar lacks folder {index}: {links:?}"
        );
    }
    assert!(html.contains("nav-collapsed"), "closed folders are marked");
    // Every link of the site still resolves.
    assert_eq!(broken_links(&site.path("public")), Vec::<String>::new());
}

#[test]
fn a_small_site_lists_every_page_on_every_page() {
    let site = Site::new(&[
        ("studysite.toml", "title = \"Small\"\n"),
        ("content/a/one.md", "+++\ntitle = \"One\"\n+++\n\nOne.\n"),
        ("content/b/two.md", "+++\ntitle = \"Two\"\n+++\n\nTwo.\n"),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/a/one.html");
    assert!(attr_values(&html, "href").iter().any(|l| l == "../b/two.html"));
    assert!(!html.contains("nav-collapsed"));
}
