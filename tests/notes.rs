//! Notes as other tools write them (issue 17): an Obsidian-style YAML vault, an mdBook
//! with `SUMMARY.md` and includes, a MkDocs layout with `nav`, a GitHub README with a
//! slug table of contents. Each fixture under tests/fixtures/notes/ is built with only a
//! title in studysite.toml; its titles, order and links are what the source tool shows.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Site as TempSite, stderr};
use studysite::site::Site;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/notes")
        .join(name)
}

fn load(name: &str) -> Site {
    Site::load(&fixture(name), false, None).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The sidebar as text: one line per entry, indented by depth, `title (source)`.
fn outline(site: &Site) -> String {
    let mut out = common::site_outline(site);
    for d in site.warnings.iter().chain(&site.link_problems) {
        writeln!(out, "{}: {}", if d.is_error() { "error" } else { "warning" }, d.message).unwrap();
    }
    out
}

fn html<'a>(site: &'a Site, rel: &str) -> &'a str {
    &site.pages.iter().find(|p| p.source.rel == rel).unwrap().parsed.html
}

#[test]
fn obsidian_vault_with_yaml_front_matter_and_note_names_as_titles() {
    let site = load("obsidian-vault");
    insta::assert_snapshot!("obsidian_vault", outline(&site));
    let week2 = site.pages.iter().find(|p| p.source.rel.starts_with("Week 2")).unwrap();
    assert_eq!(
        week2.parsed.title, "Week 2 - Linear Models",
        "the file name exactly as written"
    );
    assert_eq!(week2.source.front.tags, vec!["ml", "regression"]);
    assert_eq!(
        week2.source.front.extra.get("cssclass").and_then(|v| v.as_str()),
        Some("wide")
    );
    assert!(
        week2.parsed.html.contains("To Recap"),
        "a leading section heading stays in the note"
    );
    assert!(
        week2.parsed.questions.is_empty(),
        "a to-do list is notes, not a question"
    );
    assert!(
        !site.pages.iter().any(|p| p.source.rel == "Draft idea.md"),
        "publish: false is a draft"
    );
    assert!(
        site.warnings.is_empty() && site.link_problems.is_empty(),
        "{}",
        outline(&site)
    );
}

#[test]
fn mdbook_summary_gives_order_nesting_titles_and_includes_are_expanded() {
    let site = load("mdbook");
    insta::assert_snapshot!("mdbook", outline(&site));
    assert!(
        !site.pages.iter().any(|p| p.source.rel == "SUMMARY.md"),
        "the nav file is not a page"
    );
    let install = html(&site, "ch01-01-installation.md");
    assert!(install.contains("println!"), "{install}");
    assert!(install.contains("hello"), "the whole-file include: {install}");
    assert!(!install.contains("{{#") && !install.contains("ANCHOR"), "{install}");
    assert!(!install.contains("use std::io"), "only the anchor's lines: {install}");
    assert!(
        install.contains("<figcaption>Listing 1-1: Printing <code>Hello</code></figcaption>"),
        "{install}"
    );
    assert!(
        site.link_problems.is_empty(),
        "page.html links, heading and raw-HTML anchors resolve: {:?}",
        site.link_problems
    );
    let start = html(&site, "ch01-00-getting-started.md");
    assert!(start.contains("href=\"ch01-01-installation.html\""), "{start}");
}

#[test]
fn mkdocs_nav_in_mkdocs_yml_orders_the_site() {
    let site = load("mkdocs");
    insta::assert_snapshot!("mkdocs", outline(&site));
    let home = site.pages.iter().find(|p| p.source.rel == "index.md").unwrap();
    assert_eq!(
        home.source.kind,
        studysite::content::PageKind::Home,
        "index.md is the front page"
    );
    assert_eq!(home.parsed.title, "Algorithms for everyone");
    assert!(site.link_problems.is_empty(), "{:?}", site.link_problems);
}

#[test]
fn github_readme_with_a_slug_table_of_contents() {
    let site = load("github-readme");
    insta::assert_snapshot!("github_readme", outline(&site));
    let readme = site.pages.iter().find(|p| p.source.rel == "README.md").unwrap();
    assert_eq!(
        readme.parsed.title, "Kubernetes exercises",
        "the heading after a tracking pixel"
    );
    assert!(
        site.link_problems.is_empty(),
        "GitHub's slugs resolve: {:?}",
        site.link_problems
    );
    assert!(
        readme.parsed.html.contains("<span id=\"keyvalue-stores\"></span>"),
        "{}",
        readme.parsed.html
    );
}

fn build_err(files: &[(&str, &str)]) -> String {
    let site = TempSite::new(files);
    let out = site.run(&["build"]);
    assert!(!out.status.success(), "build should fail");
    stderr(&out)
}

#[test]
fn yaml_errors_point_at_the_absolute_line() {
    let err = build_err(&[("content/a.md", "---\ntitle: x\ntags: [a, b\n---\nbody\n")]);
    assert!(err.contains("a.md:3:") || err.contains("a.md:4:"), "{err}");
    assert!(err.contains("not valid YAML"), "{err}");
    let err = build_err(&[("content/a.md", "---\ntitle: x\nweight: heavy\n---\n")]);
    assert!(
        err.contains("a.md:3:1") && err.contains("wrong value for `weight`"),
        "{err}"
    );
}

#[test]
fn two_front_pages_in_one_folder_are_an_error_naming_both() {
    let err = build_err(&[("content/g/index.md", "# A\n"), ("content/g/README.md", "# B\n")]);
    assert!(
        err.contains("`g/README.md` and `g/index.md` are both the page of their folder"),
        "{err}"
    );
}

#[test]
fn include_errors_name_the_directive_and_its_line() {
    let err = build_err(&[("content/a.md", "# A\n\n```rust\n{{#include missing.rs}}\n```\n")]);
    assert!(
        err.contains("a.md:4:1") && err.contains("no file `missing.rs`"),
        "{err}"
    );
    let err = build_err(&[("content/a.md", "{{#include ../../../etc/hostname}}\n")]);
    assert!(
        err.contains("outside the site folder") || err.contains("no file"),
        "{err}"
    );
}

#[test]
fn near_misses_of_our_keys_still_get_a_suggestion() {
    let site = TempSite::new(&[("content/a.md", "---\ntitel: x\nlayout: post\n---\n# A\n")]);
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("unknown key `titel`") && err.contains("did you mean `title`?"),
        "{err}"
    );
    assert!(!err.contains("layout"), "other tools' keys are kept silently: {err}");
}

#[test]
fn ten_thousand_headings_and_ten_thousand_broken_links_check_quickly() {
    let mut text = String::new();
    for i in 0..10_000 {
        writeln!(text, "## Heading {i}\n\n[x](#missing-anchor-{i})\n").unwrap();
    }
    let site = TempSite::new(&[("content/a.md", &text)]);
    let start = Instant::now();
    let loaded = Site::load(site.root(), false, None).unwrap();
    let took = start.elapsed();
    assert_eq!(loaded.link_problems.len(), 10_000);
    // 31.8 s before; the limit is generous for a debug build on a shared machine.
    assert!(took < Duration::from_secs(20), "{took:?}");
}

/// The shared development corpora (when present beside the repository) build with only
/// a title, with none of the failures issue 17 counted.
#[test]
fn shared_corpora_build_with_only_a_title() {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !corpora.is_dir() {
        eprintln!("skipped: {} not found", corpora.display());
        return;
    }
    for (name, content, beside) in [
        ("ckad-exercises", "corpus", &[][..]),
        ("rust-book", "corpus/src", &["corpus/listings"][..]),
        ("cp-algorithms", "corpus/src", &["corpus/mkdocs.yml"][..]),
    ] {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join("studysite.toml"), format!("title = \"{name}\"\n")).unwrap();
        copy(&corpora.join(name).join(content), &t.path().join("content"));
        for b in beside {
            let from = corpora.join(name).join(b);
            copy(&from, &t.path().join(from.file_name().unwrap()));
        }
        let site = Site::load(t.path(), false, None).unwrap_or_else(|e| panic!("{name}: {:?}", &e[..e.len().min(5)]));
        assert!(site.pages.len() > 10, "{name}");
        let raw: Vec<&str> = site
            .pages
            .iter()
            .filter(|p| p.parsed.html.contains("{{#include") || p.parsed.html.contains("{{#rustdoc_include"))
            .map(|p| p.source.rel.as_str())
            .collect();
        assert!(raw.is_empty(), "{name}: includes left as text in {raw:?}");
        assert!(
            site.pages.iter().all(|p| !p.parsed.title.trim().is_empty()),
            "{name}: an empty title"
        );
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A link's query keeps every parameter on the minified home page, questions page and
/// cheat sheet (the minifier wrote `&amp;section` as `&ampsection`, which a browser reads
/// as a parameter named `ampsection`).
#[test]
fn links_with_a_query_keep_their_parameters_after_minifying() {
    let link = "https://example.com/s?q=1&section=2&copy=3&lang=en";
    let site = TempSite::new(&[
        ("studysite.toml", "title = \"Q\"\n"),
        ("content/index.md", &format!("# Home\n\nSee [the search]({link}).\n")),
        (
            "content/a.md",
            &format!("# A\n\n## Questions\n\n### Where is it?\n\n✅ In [the search]({link}).\n"),
        ),
    ]);
    let out = site.run(&["build"]); // minified, as sites are by default
    assert!(out.status.success(), "{}", stderr(&out));
    for page in ["public/index.html", "public/questions.html"] {
        let hrefs = common::attr_values(&site.read(page), "href");
        assert!(hrefs.iter().any(|h| h == link), "{page}: {hrefs:?}");
    }
}

/// The pages a nav file links to, in its order, as paths inside content/ (read here with
/// a plain scan of `](….md)`, not the nav reader under test).
fn nav_links(file: &Path, folder: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut out = Vec::new();
    for part in text.split("](").skip(1) {
        let Some(end) = part.find(')') else { continue };
        let target = part[..end].trim_start_matches("./");
        if target.ends_with(".md") && !target.contains("://") {
            out.push(format!("{folder}/{target}"));
        }
    }
    out
}

/// A book or MkDocs project copied whole into content/ (its nav file in a subfolder,
/// beside `listings/`, a SOURCE.md that documents `{{#include …}}`): it builds with only
/// a title, in the nav file's order, with the nav file's titles.
#[test]
fn shared_corpora_copied_whole_keep_their_order_and_titles() {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if !corpora.is_dir() {
        eprintln!("skipped: {} not found", corpora.display());
        return;
    }
    for (name, nav, folder) in [
        ("rust-book", "corpus/src/SUMMARY.md", "corpus/src"),
        ("cp-algorithms", "corpus/src/navigation.md", "corpus/src"),
    ] {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join("studysite.toml"), format!("title = \"{name}\"\n")).unwrap();
        copy(&corpora.join(name), &t.path().join("content"));
        let site = Site::load(t.path(), false, None).unwrap_or_else(|e| panic!("{name}: {:?}", &e[..e.len().min(5)]));
        let expected: Vec<String> = nav_links(&corpora.join(name).join(nav), folder)
            .into_iter()
            .filter(|r| site.pages.iter().any(|p| &p.source.rel == r))
            .collect();
        assert!(expected.len() > 100, "{name}: {}", expected.len());
        let mut seen = std::collections::HashSet::new();
        let got: Vec<&str> = site
            .order
            .iter()
            .map(|&i| site.pages[i].source.rel.as_str())
            .filter(|r| expected.iter().any(|e| e == r) && seen.insert(*r))
            .collect();
        let mut want = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for e in &expected {
            if seen.insert(e.as_str()) {
                want.push(e.as_str());
            }
        }
        assert_eq!(got, want, "{name}: reading order");
        let stem_titled: Vec<&str> = site
            .pages
            .iter()
            .filter(|p| want.contains(&p.source.rel.as_str()))
            .filter(|p| p.source.rel.ends_with(&format!("/{}.md", p.parsed.title)))
            .map(|p| p.source.rel.as_str())
            .collect();
        assert!(stem_titled.is_empty(), "{name}: titled by file name: {stem_titled:?}");
    }
}

/// A Docusaurus docs folder: `sidebar_position` orders the pages, each folder's
/// `_category_.json` / `_category_.yml` names it and places it among its siblings, and
/// the category files are not published.
#[test]
fn docusaurus_categories_name_and_order_folders() {
    let site = load("docusaurus");
    insta::assert_snapshot!("docusaurus", outline(&site));
    assert!(
        !site.assets.iter().any(|a| a.rel.contains("_category_")),
        "{:?}",
        site.assets.iter().map(|a| &a.rel).collect::<Vec<_>>()
    );
    assert!(site.warnings.is_empty(), "{:?}", site.warnings);
    assert!(site.link_problems.is_empty(), "{:?}", site.link_problems);
}
