//! Text other tools include into a page (issue 17): pymdownx snippets (`--8<--`) in a
//! MkDocs project, mdBook's `{{#title}}`, and the files that are only ever included,
//! which are parts of pages and not pages of their own. Each builds a site in a
//! temporary folder.

mod common;

use std::fmt::Write as _;

use common::{Site as TempSite, stderr};
use studysite::site::Site;

fn load(site: &TempSite) -> Site {
    Site::load(site.root(), false, None).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The sidebar, the pages and their titles, and the warnings, as text.
fn outline(site: &Site) -> String {
    let mut out = common::site_outline(site);
    for d in site.warnings.iter().chain(&site.link_problems) {
        writeln!(out, "{}:{}: {}", d.path.display(), d.line, d.message).unwrap();
    }
    out
}

fn html<'a>(site: &'a Site, rel: &str) -> &'a str {
    &site
        .pages
        .iter()
        .find(|p| p.source.rel == rel)
        .unwrap_or_else(|| panic!("no page {rel}"))
        .parsed
        .html
}

/// A MkDocs Material project as people keep it, its `docs/` become content/ and
/// `mkdocs.yml` beside it: code kept in `snippets/` and included into fences, shared
/// text in `includes/` (named from the project, `docs/includes/…`, or from the page),
/// a footer every page gets (`auto_append`).
fn mkdocs_site() -> TempSite {
    TempSite::new(&[
        (
            "mkdocs.yml",
            "site_name: Algorithms\nmarkdown_extensions:\n  - pymdownx.snippets:\n      auto_append:\n        - docs/includes/footer.md\nnav:\n  - Home: index.md\n  - Sorting: sorting.md\n",
        ),
        ("content/index.md", "# Algorithms\n\nSee [sorting](sorting.md).\n"),
        (
            "content/sorting.md",
            "# Sorting\n\n```python\n--8<-- \"snippets/sort.py:insertion\"\n```\n\n\
             Lines 1 to 2:\n\n```python\n--8<-- \"snippets/sort.py:1:2\"\n```\n\n\
             !!! note\n\n    --8<-- \"includes/stable.md\"\n\n\
             --8<--\ndocs/includes/complexity.md\n--8<--\n\n\
             Write `;--8<-- \"file\"` as:\n\n;--8<-- \"file.md\"\n",
        ),
        (
            "snippets/sort.py",
            "def swap(a, i, j):\n    a[i], a[j] = a[j], a[i]\n\n# --8<-- [start:insertion]\ndef insertion(a):\n    return sorted(a)\n# --8<-- [end:insertion]\n",
        ),
        ("content/includes/stable.md", "A stable sort keeps equal keys in order."),
        ("content/includes/footer.md", "*Notes of the algorithms class.*"),
        (
            "content/includes/complexity.md",
            "| sort | time |\n|---|---|\n| insertion | O(n²) |\n",
        ),
    ])
}

#[test]
fn pymdownx_snippets_in_a_mkdocs_project() {
    let temp = mkdocs_site();
    let site = load(&temp);
    insta::assert_snapshot!(
        "mkdocs_snippets",
        outline(&site).replace(&*temp.root().to_string_lossy(), "SITE")
    );
    let sorting = html(&site, "sorting.md");
    assert!(sorting.contains("insertion"), "a named section: {sorting}");
    // What `serve` watches beyond content/: the snippet and mkdocs.yml, nothing inside.
    let real = temp.root().canonicalize().unwrap();
    let mut read: Vec<String> = (site.read_outside.iter())
        .map(|p| {
            p.canonicalize()
                .unwrap()
                .strip_prefix(&real)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    read.sort();
    assert_eq!(read, ["mkdocs.yml", "snippets/sort.py"]);
    assert!(
        !sorting.contains("start:insertion") && !sorting.contains("swap(a, i"),
        "{sorting}"
    );
    assert!(sorting.contains("swap"), "lines 1 to 2: {sorting}");
    assert!(
        sorting.contains("A stable sort keeps equal keys in order."),
        "indented into the admonition: {sorting}"
    );
    assert!(sorting.contains("<table>"), "the block form: {sorting}");
    assert!(
        sorting.contains("<p>--8&lt;-- \"file.md\"</p>"),
        "the escaped form is text without its `;`: {sorting}"
    );
    for rel in ["index.md", "sorting.md"] {
        assert!(
            html(&site, rel).ends_with("<p><em>Notes of the algorithms class.</em></p>\n"),
            "auto_append: {}",
            html(&site, rel)
        );
    }
    assert!(
        !site.pages.iter().any(|p| p.source.rel.starts_with("includes/")),
        "included files are not pages"
    );
}

#[test]
fn snippet_errors_name_the_directive_and_its_line() {
    let temp = TempSite::new(&[(
        "content/a.md",
        "# A\n\n```\n  --8<-- \"nope.py\"\n```\n\n--8<--\nother.md\n--8<--\n",
    )]);
    let out = temp.run(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("a.md:4:3: error: snippet `nope.py`: no file `nope.py`"),
        "{err}"
    );
    assert!(
        err.contains("a.md:8:1: error: snippet `other.md`: no file `other.md`"),
        "{err}"
    );
    assert!(err.contains("paths start from the folder of mkdocs.yml"), "{err}");
    let temp = TempSite::new(&[
        (
            "mkdocs.yml",
            "markdown_extensions:\n  - pymdownx.snippets:\n      auto_append:\n        - includes/gone.md\n",
        ),
        ("content/a.md", "# A\n"),
        ("content/b.md", "# B\n"),
    ]);
    let err = stderr(&temp.run(&["build"]));
    assert_eq!(
        err.matches("mkdocs.yml:4:1: error: `auto_append` snippet `includes/gone.md`: no file")
            .count(),
        1,
        "once, at its line: {err}"
    );
    let temp = TempSite::new(&[("content/a.md", "# A\n\n--8<-- \"https://example.com/x.md\"\n")]);
    let out = temp.build();
    let err = stderr(&out);
    assert!(
        err.contains("a.md:3:1: warning: snippet `https://example.com/x.md` is a URL"),
        "{err}"
    );
    let page = temp.read("public/a.html");
    assert!(
        page.contains("<p>--8&lt;-- \"<a href=\"https://example.com/x.md\">"),
        "shown as written: {page}"
    );
}

#[test]
fn mdbook_title_sets_the_html_title_only() {
    let temp = TempSite::new(&[
        ("content/SUMMARY.md", "# Summary\n\n- [Installation](ch01.md)\n"),
        (
            "content/ch01.md",
            "{{#title Installing Rust on Linux}}\n# Installation\n\nText.\n",
        ),
    ]);
    temp.build();
    let page = temp.read("public/ch01.html");
    assert!(page.contains("<title>Installing Rust on Linux</title>"), "{page}");
    assert!(page.contains("<h1>Installation</h1>"), "the heading stays: {page}");
    assert!(!page.contains("{{#title"), "{page}");
    let site = load(&temp);
    assert_eq!(site.pages[0].parsed.title, "Installation", "the page's own title");
}

#[test]
fn files_only_included_are_not_pages() {
    let temp = TempSite::new(&[
        (
            "content/SUMMARY.md",
            "# Summary\n\n- [One](ch01.md)\n- [Two](ch02.md)\n- [Shared](shared/listed.md)\n",
        ),
        (
            "content/ch01.md",
            "# One\n\n{{#include partials/warning.md}}\n\n{{#include shared/linked.md}}\n\n{{#include shared/listed.md}}\n",
        ),
        ("content/ch02.md", "# Two\n\nSee [the linked note](shared/linked.md).\n"),
        ("content/partials/warning.md", "> **Warning**: back up first."),
        ("content/shared/linked.md", "# Linked\n\nIncluded and linked."),
        ("content/shared/listed.md", "# Listed\n\nIncluded and in SUMMARY."),
        ("content/partials/own.md", "# Own\n\nA note in a folder named partials."),
    ]);
    let site = load(&temp);
    let rels: Vec<&str> = site.pages.iter().map(|p| p.source.rel.as_str()).collect();
    assert!(!rels.contains(&"partials/warning.md"), "{rels:?}");
    for kept in ["shared/linked.md", "shared/listed.md", "partials/own.md"] {
        assert!(rels.contains(&kept), "{kept} stays a page: {rels:?}");
    }
    assert!(html(&site, "ch01.md").contains("back up first"));
    assert!(site.link_problems.is_empty(), "{:?}", site.link_problems);
    temp.build();
    assert!(!temp.path("public/partials/warning.html").exists());
    assert!(temp.path("public/partials/own.html").exists());
    let search: String = walkdir::WalkDir::new(temp.path("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(!search.contains("partials/warning"), "not in the search index");
}

/// A MkDocs project's `theme.custom_dir` holds its theme's Jinja templates: MkDocs never
/// publishes it, so neither does studysite, whether the project is copied into content/
/// or its mkdocs.yml sits beside content/ (content/ standing for its `docs_dir`).
#[test]
fn a_mkdocs_theme_folder_is_not_published() {
    let jinja = "{% extends \"base.html\" %}{% block content %}{{ super() }}{% endblock %}";
    let copied = TempSite::new(&[
        (
            "content/mkdocs.yml",
            "site_name: x\ndocs_dir: src\ntheme:\n  name: material\n  custom_dir: src/overrides\n",
        ),
        ("content/src/index.md", "# Home\n\nText.\n"),
        ("content/src/overrides/main.html", jinja),
        ("content/src/overrides/partials/header.html", jinja),
        ("content/src/overrides/notes.md", "# Theme notes\n"),
        ("content/src/img/a.html", "<p>kept</p>"),
    ]);
    let out = copied.build();
    assert!(!copied.path("public/src/overrides").exists());
    assert!(
        copied.path("public/src/img/a.html").exists(),
        "other HTML files are still copied"
    );
    assert!(copied.path("public/src/index.html").exists());
    let err = stderr(&out);
    assert!(!err.contains("overrides"), "no warning about the theme folder: {err}");

    let beside = TempSite::new(&[
        ("mkdocs.yml", "site_name: x\ntheme:\n  custom_dir: 'docs/theme/'\n"),
        ("content/index.md", "# Home\n"),
        ("content/theme/main.html", jinja),
    ]);
    beside.build();
    assert!(!beside.path("public/theme").exists());
    assert!(beside.path("public/index.html").exists());
}
