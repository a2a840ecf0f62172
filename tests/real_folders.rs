//! Folders as people keep them, built with only a title in studysite.toml (issue 17):
//! an Obsidian vault (`.obsidian/`, YAML properties, nested folders, attachments,
//! wikilinks, callouts, a daily note), an mdBook repository copied whole (`book.toml`,
//! `src/SUMMARY.md` with parts and a draft, nested includes, `.html` links), a MkDocs
//! Material repository copied whole (`mkdocs.yml` nav, admonitions, tabs, math) and a
//! GitHub study repository (slug table of contents, `<details>` Q&A, back-to-top links,
//! badges, a roadmap). Each reads as its own tool shows it: titles, order, links, no
//! raw syntax, no false questions. The fixtures are in tests/fixtures/real/.

mod common;

use std::path::Path;

use studysite::nav::NavNode;
use studysite::site::Site;

fn load(name: &str) -> Site {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name);
    Site::load(&dir, false, None).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// A `^[` that is never closed, or `^[]`, stays as written.
#[test]
fn an_unclosed_inline_footnote_stays_as_written() {
    let p = studysite::testing::render_snippet(
        "a^[open and b^[] and `c^[x]` and x^[note] ok\n",
        &studysite::config::Config::default(),
    );
    assert!(p.html.contains("a^[open and b^[] and <code>c^[x]</code>"), "{}", p.html);
    assert!(!p.html.contains("x^[note]"), "{}", p.html);
}

/// The sidebar: `title (depth)`, in reading order.
fn sidebar(site: &Site) -> Vec<String> {
    fn walk(nodes: &[NavNode], depth: usize, out: &mut Vec<String>) {
        for n in nodes {
            out.push(format!("{}{}", "  ".repeat(depth), n.title));
            walk(&n.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&site.nav, 0, &mut out);
    out
}

fn page<'a>(site: &'a Site, rel: &str) -> &'a studysite::page::Page {
    site.pages
        .iter()
        .find(|p| p.source.rel == rel)
        .unwrap_or_else(|| panic!("no page {rel}"))
}

/// A page's visible text: code, math and tags removed.
fn visible(html: &str) -> String {
    let mut s = html.to_string();
    for tag in ["pre", "code", "math", "script", "style", "svg"] {
        while let Some(a) = s.find(&format!("<{tag}")) {
            let close = format!("</{tag}>");
            let b = s[a..].find(&close).map_or(s.len(), |b| a + b + close.len());
            s.replace_range(a..b, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Raw syntax of Obsidian, mdBook, MkDocs and GitHub left in a site's visible text.
fn raw_syntax(site: &Site) -> Vec<String> {
    const RAW: &[&str] = &[
        "[[",
        "]]",
        "{{#",
        "%%",
        "^[",
        "==",
        "!!!",
        "???",
        "=== \"",
        "](",
        "![",
        "[!note]",
        "[!tip]",
        "$$",
        "ANCHOR",
        "<Listing",
        "*[",
        "++ctrl",
        "^^",
        "~2~",
        "^10^",
        ":material-",
        "[TOC]",
        "\n: ",
        "\n:   ",
    ];
    let mut found = Vec::new();
    for p in &site.pages {
        let text = visible(&p.parsed.html);
        for r in RAW {
            if text.contains(r) {
                found.push(format!("{}: {r}", p.source.rel));
            }
        }
    }
    found
}

fn question_texts(site: &Site) -> Vec<String> {
    let mut q: Vec<String> = site
        .pages
        .iter()
        .flat_map(|p| p.parsed.questions.iter().map(|q| q.text.clone()))
        .collect();
    q.sort();
    q
}

fn link_problems(site: &Site) -> Vec<&str> {
    site.link_problems.iter().map(|d| d.message.as_str()).collect()
}

#[test]
fn an_obsidian_vault_reads_as_obsidian_shows_it() {
    let site = load("obsidian");
    assert_eq!(
        sidebar(&site),
        [
            "Courses",
            "  CS101",
            "    Week 1 - Intro",
            "    Week 2 - Stacks",
            "    Week 10 - Graphs",
            "Daily",
            "  2024-09-02",
        ],
        "a vault's notes are titled by their names (`.obsidian/` is there), in natural order"
    );
    assert_eq!(
        question_texts(&site),
        ["Which operation removes the top item?"],
        "to-do lists are notes"
    );
    assert_eq!(link_problems(&site), Vec::<&str>::new());
    assert_eq!(raw_syntax(&site), Vec::<String>::new());
    let stacks = &page(&site, "Courses/CS101/Week 2 - Stacks.md").parsed.html;
    assert!(
        stacks.contains("<h1 id=\"stacks\">Stacks"),
        "the note's own heading stays: {stacks}"
    );
    assert!(stacks.contains("<mark>push</mark>"), "{stacks}");
    assert!(
        !stacks.contains("private remark"),
        "an Obsidian comment is not published"
    );
    let graphs = &page(&site, "Courses/CS101/Week 10 - Graphs.md").parsed.html;
    assert!(
        graphs.contains("href=\"#fn-inline-1\"") && graphs.contains("<p>unlike DFS</p>"),
        "an inline footnote is a footnote: {graphs}"
    );
}

#[test]
fn an_mdbook_repository_copied_whole_keeps_its_summary() {
    let site = load("mdbook");
    let nav = sidebar(&site);
    assert_eq!(
        &nav[..8],
        [
            "Introduction",
            "Basics",
            "  Getting started",
            "    Installing",
            "  Variables",
            "Reference",
            "  Glossary",
            "  Contributors",
        ],
        "the SUMMARY's order, nesting, parts; the draft chapter left out; src/ is no level of its own"
    );
    assert_eq!(
        link_problems(&site),
        Vec::<&str>::new(),
        "`chapter.html` links find the page"
    );
    assert_eq!(raw_syntax(&site), Vec::<String>::new());
    let start = &page(&site, "src/basics/start.md").parsed.html;
    assert!(
        start.contains("rustc 1.80.0"),
        "an included file's own include: {start}"
    );
    let vars = &page(&site, "src/basics/variables.md").parsed.html;
    let code = common::text_of(vars);
    assert!(code.contains("let x = 5;") && !code.contains("ANCHOR"), "{code}");
    assert!(
        vars.contains("<figcaption>Listing 2-1: Binding <code>x</code></figcaption>"),
        "{vars}"
    );
    let install = &page(&site, "src/basics/install.md").parsed.html;
    for lang in ["toml", "powershell"] {
        let at = install.find(&format!("data-lang=\"{lang}\"")).unwrap();
        assert!(install[at..at + 200].contains("class=\"hl-"), "{lang} is highlighted");
    }
    let readme = &page(&site, "README.md").parsed.html;
    assert!(
        readme.contains("<code>{{#include file}}</code>"),
        "a directive in inline code is text"
    );
    assert!(
        site.warnings.iter().all(|w| !w.message.contains("code language")),
        "{:?}",
        site.warnings
    );
}

#[test]
fn a_mkdocs_repository_copied_whole_keeps_its_nav() {
    let site = load("mkdocs");
    let nav = sidebar(&site);
    assert_eq!(
        nav,
        ["Welcome", "  Guide", "    Sorting", "    Searching", "  About"],
        "{nav:?}"
    );
    assert_eq!(
        link_problems(&site),
        Vec::<&str>::new(),
        "`{{ #merge }}` ids and slugs resolve"
    );
    assert_eq!(raw_syntax(&site), Vec::<String>::new());
    let sorting = &page(&site, "docs/guide/sorting.md").parsed.html;
    assert!(
        sorting.contains("Stable sorts") && sorting.contains("<details"),
        "{sorting}"
    );
    assert!(sorting.contains("<math"), "formulas are MathML");
    assert_eq!(question_texts(&site), Vec::<String>::new());
    // pymdownx's caret, tilde and keys, abbreviations, definition lists, icons.
    let searching = &page(&site, "docs/guide/searching.md").parsed.html;
    for part in [
        "log<sub>2</sub> n",
        "2<sup>10</sup> items",
        "<kbd class=\"key-ctrl\">Ctrl</kbd>",
        "<ins>Sorted input</ins>",
        "<td>✓</td>",
        "<td>✗</td>",
        "<dt>Invariant</dt>",
        "<dd>The answer stays inside <code>[lo, hi)</code>.</dd>",
        "<abbr title=\"Binary Search Tree\">BST</abbr>",
    ] {
        assert!(searching.contains(part), "{part}: {searching}");
    }
}

#[test]
fn a_github_study_repository_has_its_questions_and_no_false_ones() {
    let site = load("github");
    assert_eq!(
        question_texts(&site),
        ["What does DNS do?", "What is a key/value store?"],
        "a `Show code` disclosure and the ticked roadmap are not questions"
    );
    assert_eq!(link_problems(&site), Vec::<&str>::new(), "GitHub's slugs resolve");
    assert_eq!(raw_syntax(&site), Vec::<String>::new());
    for p in &site.pages {
        for q in &p.parsed.questions {
            assert!(!q.explain_html.to_lowercase().contains("top"), "{}", q.explain_html);
        }
    }
}

/// Front matter `questions: false` makes a page notes; `questions: true` makes its task
/// lists questions, even one that would read as a to-do list.
#[test]
fn a_page_says_whether_its_task_lists_are_questions() {
    let q =
        "## Which is a stack operation?\n\n- [x] push\n- [ ] enqueue\n\n## Progress\n\n- [x] Week 1\n- [ ] Week 2\n";
    let site = common::Site::new(&[
        ("content/plain.md", &format!("# Plain\n\n{q}")),
        ("content/off.md", &format!("---\nquestions: false\n---\n# Off\n\n{q}")),
        ("content/on.md", &format!("+++\nquestions = true\n+++\n# On\n\n{q}")),
    ]);
    let loaded = Site::load(site.root(), false, None).unwrap();
    let count = |rel: &str| page(&loaded, rel).parsed.questions.len();
    assert_eq!((count("plain.md"), count("off.md"), count("on.md")), (1, 0, 2));
}

/// Two courses, each a folder with its own `SUMMARY.md`: each is ordered by its own, and
/// keeps its level in the sidebar (only a book's `src/` or `docs/` gives way to its entries).
#[test]
fn folders_with_their_own_summary_keep_their_level() {
    let site = common::Site::new(&[
        (
            "content/algebra/SUMMARY.md",
            "- [Groups](groups.md)\n- [Rings](rings.md)\n",
        ),
        ("content/algebra/rings.md", "# Rings\n"),
        ("content/algebra/groups.md", "# Groups\n"),
        ("content/biology/SUMMARY.md", "- [Zebras](z.md)\n- [Ants](a.md)\n"),
        ("content/biology/a.md", "# Ants\n"),
        ("content/biology/z.md", "# Zebras\n"),
    ]);
    let loaded = Site::load(site.root(), false, None).unwrap();
    assert_eq!(
        sidebar(&loaded),
        ["algebra", "  Groups", "  Rings", "biology", "  Zebras", "  Ants"]
    );
}

/// Obsidian's Folder Notes (`Compute/Compute.md`) are their folder's page, in the sidebar
/// and at the folder's URL, and links and wikilinks to them still lead there; a folder
/// with a README.md keeps it as its page and the same-named note as a page of its own.
#[test]
fn folder_notes_are_their_folders_page() {
    let t = tempfile::tempdir().unwrap();
    for (rel, text) in [
        ("studysite.toml", "title = \"Vault\"\n"),
        ("content/Compute/Compute.md", "# Compute\n\nAll about compute.\n"),
        (
            "content/Compute/EC2.md",
            "# EC2\n\nBack to [[Compute]] or [the note](Compute.md).\n",
        ),
        ("content/Storage/README.md", "# Storage\n"),
        ("content/Storage/Storage.md", "# Storage notes\n"),
    ] {
        let p = t.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let site = Site::load(t.path(), false, None).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        sidebar(&site),
        ["Compute", "  EC2", "Storage", "  Storage notes"],
        "{:?}",
        sidebar(&site)
    );
    assert_eq!(page(&site, "Compute/Compute.md").source.url, "compute/index.html");
    let ec2 = &page(&site, "Compute/EC2.md").parsed.html;
    assert_eq!(ec2.matches("href=\"../compute/index.html\"").count(), 2, "{ec2}");
    assert_eq!(page(&site, "Storage/Storage.md").source.url, "storage/storage.html");
}

/// A Notion export: each page `Name <id>.md` beside the folder `Name <id>/` of its
/// subpages, percent-encoded links between them. The ids are not in the titles, the
/// subpages sit under their page in the sidebar, and the links work.
#[test]
fn a_notion_export_reads_without_its_ids() {
    let id = |n: u8| format!("{n:x}").repeat(32);
    let (a, b) = (id(10), id(11));
    let t = tempfile::tempdir().unwrap();
    let files = [
        ("studysite.toml".to_string(), "title = \"Notion\"\n".to_string()),
        (
            format!("content/Course {a}.md"),
            format!("# Course\n\nSee [Week 1](Course%20{a}/Week%201%20{b}.md).\n"),
        ),
        (
            format!("content/Course {a}/Week 1 {b}.md"),
            "Notes of the week.\n".to_string(),
        ),
    ];
    for (rel, text) in &files {
        let p = t.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let site = Site::load(t.path(), false, None).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(sidebar(&site), ["Course", "  Week 1"]);
    let course = &page(&site, &format!("Course {a}.md")).parsed.html;
    let week = &page(&site, &format!("Course {a}/Week 1 {b}.md")).source.url;
    assert!(course.contains(&format!("href=\"{week}\"")), "{week}: {course}");
}

/// A link to a folder without a page of its own (`docs/`, `docs`), which GitHub shows as
/// the folder's files, leads to the folder's first page (by weight, then name) and is
/// not reported; a folder with a README.md leads to it.
#[test]
fn a_link_to_a_folder_without_a_page_lands_on_its_first_page() {
    let t = tempfile::tempdir().unwrap();
    for (rel, text) in [
        ("studysite.toml", "title = \"Repo\"\n"),
        (
            "content/README.md",
            "# Repo\n\n[docs](docs/), [labs](labs), [nested](docs/deep/), [guide](guide/)\n",
        ),
        ("content/docs/b.md", "# B\n"),
        ("content/docs/a10.md", "# A10\n"),
        ("content/docs/a2.md", "# A2\n"),
        ("content/docs/deep/z.md", "# Z\n"),
        ("content/labs/x.md", "+++\ntitle = \"X\"\nweight = 2\n+++\n"),
        ("content/labs/y.md", "+++\ntitle = \"Y\"\nweight = 1\n+++\n"),
        ("content/guide/README.md", "# Guide\n"),
        ("content/guide/a.md", "# A\n"),
    ] {
        let p = t.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let site = Site::load(t.path(), false, None).unwrap_or_else(|e| panic!("{e:?}"));
    let home = page(&site, "README.md");
    assert!(
        home.parsed.links.iter().all(|l| l.problem.is_none()),
        "{:?}",
        home.parsed.links
    );
    let html = &home.parsed.html;
    for (label, href) in [
        ("docs", "docs/a2.html"),
        ("labs", "labs/y.html"),
        ("nested", "docs/deep/z.html"),
        ("guide", "guide/index.html"),
    ] {
        assert!(
            html.contains(&format!("<a href=\"{href}\">{label}</a>")),
            "{label}: {html}"
        );
    }
}
