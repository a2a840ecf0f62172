//! Conveniences for tests, snapshots, tools and the fuzz targets: a Markdown snippet
//! through the parse stage, and one input through the whole pipeline as the only page
//! of a site. They sit at the top, above every stage, since they build whole sites.

use crate::config::Config;
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::markdown::{Highlighter, LinkMap, ParseCtx};
use crate::page::{ParsedPage, parse_page};
use crate::routes::{GENERATED, special_path};

/// Renders a Markdown snippet as the body of a page `page.md` at the site root, with
/// no other pages (for tests, snapshots and tools).
pub fn render_snippet(markdown: &str, config: &Config) -> ParsedPage {
    let page = SourcePage {
        path: std::path::PathBuf::from("/snippet/content/page.md"),
        rel: "page.md".into(),
        kind: crate::content::PageKind::Page,
        // A fragment has a title of its own: its headings stay in its text.
        front: crate::frontmatter::FrontMatter {
            title: Some("page".into()),
            ..Default::default()
        },
        source: markdown.to_string(),
        body_start: 0,
        body_line: 1,
        out_path: "page.html".into(),
        url: "page.html".into(),
        folder: String::new(),
        html_title: None,
    };
    let mut links = LinkMap::default();
    links.pages.insert("page.md".into(), "page.html".into());
    links.pages.insert("other.md".into(), "other.html".into());
    let cx = ParseCtx {
        config,
        links: &links,
        highlighter: Highlighter::shared(),
        quiz_out_path: "quiz.html",
        sources: &[],
    };
    parse_page(&page, &cx)
}

/// A snippet's HTML with its diagnostics after it, one `<!-- line:col: Severity: message -->`
/// comment each (the form the snapshot tests keep).
pub fn snippet_html(markdown: &str) -> String {
    let parsed = render_snippet(markdown, &Config::default());
    let mut out = parsed.html.into_string();
    for d in parsed.diagnostics {
        out.push_str(&format!(
            "\n<!-- {}:{}: {:?}: {} -->",
            d.line, d.col, d.severity, d.message
        ));
    }
    out
}

/// One input as the only page of a site, through everything `build` runs after
/// loading: front matter, parsing, and (when the page has no errors, as in a real
/// build) rendering every page and data file, minified, in one URL style or the other.
/// Returns the built files, for fuzz tests that look at what reaches the browser.
pub fn fuzz_site(text: &str, pretty: bool) -> Option<crate::sink::Output> {
    use crate::config::UrlStyle;
    use crate::content::PageKind;
    let path = std::path::PathBuf::from("/fuzz/content/page.md");
    let Ok(split) = crate::frontmatter::split(&path, text) else {
        return None;
    };
    let mut config = Config::default();
    if pretty {
        config.url_style = UrlStyle::Pretty;
    }
    let (out_path, url) = crate::content::output_location("page.md", PageKind::Page, config.url_style);
    let source = SourcePage {
        path,
        rel: "page.md".into(),
        kind: PageKind::Page,
        front: split.front,
        source: text.to_string(),
        body_start: split.body_start,
        body_line: split.body_line,
        out_path,
        url: url.clone(),
        folder: String::new(),
        html_title: None,
    };
    let mut links = LinkMap::default();
    links.pages.insert("page.md".into(), url);
    for name in GENERATED {
        links
            .pages
            .insert(format!("{name}.html"), special_path(name, config.url_style).1);
    }
    let quiz_out = special_path("quiz", config.url_style).0;
    let cx = ParseCtx {
        config: &config,
        links: &links,
        highlighter: Highlighter::shared(),
        quiz_out_path: &quiz_out,
        sources: &[],
    };
    let parsed = parse_page(&source, &cx);
    if parsed.diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    let pages = vec![crate::page::Page { source, parsed }];
    let nav = crate::nav::tree(&pages);
    let order = crate::nav::order(&nav);
    let site = crate::site::Site {
        root: std::path::PathBuf::from("/fuzz"),
        config,
        pages,
        assets: Vec::new(),
        nav,
        order,
        warnings: Vec::new(),
        link_problems: Vec::new(),
        read_outside: Vec::new(),
        language: None,
    };
    crate::render::render(&site, true).ok()
}

/// One input through everything that reads notes: configuration and front-matter
/// parsing, and the Markdown pipeline in strict and lenient mode (for the fuzz target
/// and its regression tests).
pub fn fuzz_one(text: &str) {
    let path = std::path::Path::new("/fuzz/content/page.md");
    let _ = Config::parse(path, text);
    let body = match crate::frontmatter::split(path, text) {
        Ok(split) => &text[split.body_start..],
        Err(_) => text,
    };
    let mut config = Config::default();
    let _ = render_snippet(body, &config);
    config.questions.lenient = true;
    config.unsafe_html = true;
    let _ = render_snippet(body, &config);
}
