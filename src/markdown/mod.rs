//! Stage 2, parse: one page's Markdown → HTML body, table of contents, questions,
//! cheat-sheet items and the links to check. pulldown-cmark produces the events;
//! each transform in this folder rewrites the event list for one feature, and
//! `push_html` writes what is left.

pub mod alerts;
pub mod autolinks;
pub mod blocks;
pub mod code;
pub mod footnotes;
pub mod headings;
pub mod highlight;
pub mod html;
pub mod links;
pub mod questions;
pub mod sanitize;
pub mod tables;

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::Config;
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::util::LineIndex;

pub use headings::{Heading, TocEntry};
pub use highlight::Highlighter;
pub use links::{LinkMap, LinkRef};
pub use questions::{Question, QuestionKind};

/// An event with the byte offset in the page body where it starts.
pub type Ev<'a> = (Event<'a>, usize);

/// Everything the parser needs besides the page itself.
pub struct ParseCtx<'a> {
    pub config: &'a Config,
    pub links: &'a LinkMap,
    pub highlighter: &'a Highlighter,
    /// Output path of the page that shows question fragments outside their note (the
    /// quiz), so links inside them are made relative to it.
    pub quiz_out_path: &'a str,
}

/// A callout or marked table for the cheat sheet.
#[derive(Debug, Clone)]
pub struct CheatItem {
    /// `callout` or `table`.
    pub kind: &'static str,
    /// Id of the nearest heading above (for the link back), or "".
    pub anchor: String,
    /// Text of that heading.
    pub heading: String,
    /// HTML with links relative to the page it came from.
    pub html: String,
    /// Folder depth of that page (0 for `s3.html`, 1 for `s3/index.html`).
    pub depth: usize,
}

/// The text under one heading (or before the first), for search.
#[derive(Debug, Clone, Default)]
pub struct SectionText {
    /// Heading id ("" for the text before the first heading).
    pub anchor: String,
    pub title: String,
    /// Texts of the headings above it.
    pub parents: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct ParsedPage {
    pub title: String,
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub headings: Vec<Heading>,
    pub questions: Vec<Question>,
    pub cheatsheet: Vec<CheatItem>,
    /// Search units: prose sections and table rows (questions are in `questions`).
    pub sections: Vec<SectionText>,
    pub rows: Vec<tables::RowUnit>,
    pub links: Vec<LinkRef>,
    /// Every id on the page that a link may target.
    pub anchors: HashSet<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a diagnostic for a body offset points: the file, the absolute line and column.
pub struct Locator<'a> {
    pub page: &'a SourcePage,
    index: LineIndex,
}

impl<'a> Locator<'a> {
    pub fn new(page: &'a SourcePage) -> Self {
        Locator {
            page,
            index: LineIndex::new(&page.source),
        }
    }

    /// Absolute (line, column) in the file of a byte offset in the body.
    pub fn line_col(&self, body_offset: usize) -> (usize, usize) {
        self.index.locate(&self.page.source, self.page.body_start + body_offset)
    }

    pub fn error(&self, body_offset: usize, message: impl Into<String>) -> Diagnostic {
        let (l, c) = self.line_col(body_offset);
        Diagnostic::error(&self.page.path, message).at(&self.page.source, l, c)
    }

    pub fn warning(&self, body_offset: usize, message: impl Into<String>) -> Diagnostic {
        let (l, c) = self.line_col(body_offset);
        Diagnostic::warning(&self.page.path, message).at(&self.page.source, l, c)
    }
}

pub fn options(config: &Config) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM;
    if config.markdown.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Parses Markdown into events with offsets, merging adjacent text events (the parser
/// splits text at `[`, `!` and the like).
pub fn events<'a>(body: &'a str, options: Options) -> Vec<Ev<'a>> {
    let mut out: Vec<Ev<'a>> = Vec::new();
    // A run of text events is joined in one buffer (joining pairwise would copy the run
    // again for every piece: quadratic on `[a](<b` × 50,000).
    let mut run: Option<(pulldown_cmark::CowStr<'a>, String, usize, usize)> = None;
    let flush = |run: &mut Option<(pulldown_cmark::CowStr<'a>, String, usize, usize)>, out: &mut Vec<Ev<'a>>| {
        if let Some((first, buf, at, pieces)) = run.take() {
            out.push((Event::Text(if pieces == 1 { first } else { buf.into() }), at));
        }
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Text(t) => match run.as_mut() {
                Some((first, buf, _, pieces)) => {
                    if *pieces == 1 {
                        buf.push_str(first);
                    }
                    buf.push_str(&t);
                    *pieces += 1;
                }
                None => run = Some((t, String::new(), range.start, 1)),
            },
            other => {
                flush(&mut run, &mut out);
                out.push((other, range.start));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Parses one page.
pub fn parse_page(page: &SourcePage, cx: &ParseCtx) -> ParsedPage {
    let loc = Locator::new(page);
    let body = page.body();
    let mut evs = events(body, options(cx.config));
    // Title: front matter, else a leading `# Heading` (which then leaves the body,
    // since the template prints the title), else the file name.
    let title = match &page.front.title {
        Some(t) => t.clone(),
        None => match take_leading_h1(&mut evs) {
            Some(t) => t,
            None => page.fallback_title(),
        },
    };
    let mut parsed = ParsedPage {
        title,
        ..ParsedPage::default()
    };

    let depth = evs
        .iter()
        .scan(0usize, |d, (e, _)| {
            match e {
                Event::Start(_) => *d += 1,
                Event::End(_) => *d = d.saturating_sub(1),
                _ => {}
            }
            Some(*d)
        })
        .max()
        .unwrap_or(0);
    if depth > crate::render::MAX_MINIFY_DEPTH / 2 {
        parsed.diagnostics.push(
            Diagnostic::warning(&page.path, format!("content nested {depth} levels deep"))
                .with_help("the page is written without minifying; flatten the nested quotes or lists"),
        );
    }

    // The sanitiser's time grows with the nesting depth times the number of tags: raw
    // HTML that would nest too deep is shown as text instead (reliability.md §4 case 12).
    if !cx.config.unsafe_html {
        let raw_depth = html::raw_html_depth(&evs);
        if raw_depth > 0 && depth + raw_depth > html::MAX_SANITIZE_DEPTH {
            html::escape_raw_html(&mut evs);
            parsed.diagnostics.push(
                Diagnostic::warning(
                    &page.path,
                    format!(
                        "raw HTML nested about {} levels deep is shown as text",
                        depth + raw_depth
                    ),
                )
                .with_help(format!(
                    "raw HTML is sanitised only up to {} levels; close its tags, or flatten the nesting",
                    html::MAX_SANITIZE_DEPTH
                )),
            );
        }
    }

    let mut used_ids: HashSet<String> = HashSet::new();
    parsed.headings = headings::assign_ids(&mut evs, &mut used_ids);
    let (evs, questions, qdiags) = questions::extract(evs, &parsed.title, &parsed.headings, page, &loc, cx);
    parsed.diagnostics.extend(qdiags);

    let question_headings: HashSet<String> = questions
        .iter()
        .filter_map(|q| q.heading_id().map(str::to_string))
        .collect();
    parsed.sections = section_texts(&evs, &question_headings);

    let mut rcx = RenderCx::new(&loc, cx, &page.out_path, true);
    parsed.html = rcx.render(evs);
    parsed.rows = std::mem::take(&mut rcx.rows);
    parsed.diagnostics.append(&mut rcx.diagnostics);
    parsed.links = std::mem::take(&mut rcx.links);
    // Lift the cheat-sheet copies out first: the sanitiser would drop their sentinels.
    parsed.cheatsheet = extract_cheat_items(&mut parsed.html, &page.out_path);
    if rcx.has_raw_html && !cx.config.unsafe_html {
        parsed.html = sanitize::clean(&parsed.html);
        for item in &mut parsed.cheatsheet {
            item.html = sanitize::clean(&item.html);
        }
    }
    parsed.html = questions::mark_answers(parsed.html);

    // Question fragments for the quiz data, with links relative to the quiz page.
    let mut qcx = RenderCx::new(&loc, cx, cx.quiz_out_path, false);
    parsed.questions = questions
        .into_iter()
        .map(|draft| draft.finish(&mut qcx, cx.config.unsafe_html))
        .collect();

    parsed.toc = headings::toc(&parsed.headings, &parsed.questions);
    parsed.anchors = parsed.headings.iter().map(|h| h.id.clone()).collect();
    parsed
        .anchors
        .extend(parsed.questions.iter().map(|q| format!("q-{}", q.id)));
    parsed.anchors.extend(rcx.footnote_ids);
    parsed.anchors.extend(rcx.row_ids);
    // Every page is held until the pages are written: give back what the strings grew
    // into and do not use (the page HTML is most of a large build's memory).
    fit(&mut parsed.html);
    for q in &mut parsed.questions {
        for s in [
            &mut q.q_html,
            &mut q.stem_html,
            &mut q.a_html,
            &mut q.explain_html,
            &mut q.answer_text,
        ] {
            fit(s);
        }
    }
    parsed
}

/// Replaces `s` by an exact-size copy if it wastes more than an eighth of its allocation
/// (`shrink_to_fit` may keep the block: mimalloc shrinks in place when the waste is
/// under half).
fn fit(s: &mut String) {
    if s.capacity() - s.len() > s.len() / 8 {
        *s = s.as_str().to_owned();
    }
}

/// Splits the page's prose by heading, leaving out tables (their rows are units of
/// their own) and the sections of question headings (questions are units too).
fn section_texts(evs: &[Ev], question_headings: &HashSet<String>) -> Vec<SectionText> {
    let mut out = Vec::new();
    let mut current = SectionText::default();
    let mut skip = false;
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut in_table = 0usize;
    let mut i = 0;
    while i < evs.len() {
        match &evs[i].0 {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = evs[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(evs.len(), |p| i + p);
                let title = headings::plain_text(&evs[i + 1..end]);
                let level = *level as u8;
                if !skip {
                    out.push(std::mem::take(&mut current));
                }
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    stack.pop();
                }
                let anchor = id.as_deref().unwrap_or("").to_string();
                skip = question_headings.contains(&anchor);
                current = SectionText {
                    anchor,
                    title: title.clone(),
                    parents: stack.iter().map(|(_, t)| t.clone()).collect(),
                    text: String::new(),
                };
                stack.push((level, title));
                i = end;
            }
            Event::Start(Tag::Table(_)) => in_table += 1,
            Event::End(TagEnd::Table) => in_table = in_table.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_table == 0 => current.text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if in_table == 0 && !current.text.ends_with(' ') => {
                current.text.push(' ');
            }
            _ => {}
        }
        i += 1;
    }
    if !skip {
        out.push(current);
    }
    out.retain(|s| !s.title.is_empty() || !s.text.trim().is_empty());
    for s in &mut out {
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

fn take_leading_h1(evs: &mut Vec<Ev>) -> Option<String> {
    let Some((
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }),
        _,
    )) = evs.first()
    else {
        return None;
    };
    let end = evs
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))?;
    let title = headings::plain_text(&evs[1..end]);
    evs.drain(..=end);
    Some(title)
}

/// State shared by the transforms while one event list is turned into HTML.
pub struct RenderCx<'a, 'b> {
    pub loc: &'b Locator<'a>,
    pub cx: &'b ParseCtx<'b>,
    /// Output path of the page the HTML is for (links are made relative to it).
    pub out_path: &'b str,
    /// Report problems and record links (false when rendering a second copy).
    pub report: bool,
    pub diagnostics: Vec<Diagnostic>,
    pub links: Vec<LinkRef>,
    pub has_raw_html: bool,
    pub footnote_ids: Vec<String>,
    /// Table rows seen, as search units, and their ids.
    pub rows: Vec<tables::RowUnit>,
    pub row_ids: Vec<String>,
}

impl<'a, 'b> RenderCx<'a, 'b> {
    pub fn new(loc: &'b Locator<'a>, cx: &'b ParseCtx<'b>, out_path: &'b str, report: bool) -> Self {
        RenderCx {
            loc,
            cx,
            out_path,
            report,
            diagnostics: Vec::new(),
            links: Vec::new(),
            has_raw_html: false,
            footnote_ids: Vec::new(),
            rows: Vec::new(),
            row_ids: Vec::new(),
        }
    }

    pub fn warn(&mut self, offset: usize, message: impl Into<String>, help: Option<&str>) {
        if self.report {
            let mut d = self.loc.warning(offset, message);
            if let Some(h) = help {
                d = d.with_help(h);
            }
            self.diagnostics.push(d);
        }
    }

    /// Runs every transform, in order, and writes HTML.
    pub fn render(&mut self, evs: Vec<Ev>) -> String {
        let evs = footnotes::transform(evs, self);
        let evs = code::transform(evs, self);
        let evs = autolinks::transform(evs);
        let evs = links::transform(evs, self);
        let evs = html::transform(evs, self);
        let evs = tables::transform(evs, self);
        let evs = alerts::transform(evs, self);
        let evs = headings::transform(evs);
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, evs.into_iter().map(|(e, _)| e));
        out
    }
}

/// Cheat-sheet sentinels: transforms wrap callouts and marked tables in
/// `<!--cs:KIND:ANCHOR:HEADING-->` … `<!--/cs-->`; this lifts copies out of the page
/// HTML and removes the sentinels.
pub const CS_OPEN: &str = "<!--cs:";
pub const CS_CLOSE: &str = "<!--/cs-->";

fn extract_cheat_items(html: &mut String, out_path: &str) -> Vec<CheatItem> {
    if !html.contains(CS_OPEN) {
        return Vec::new();
    }
    let depth = out_path.matches('/').count();
    let mut items = Vec::new();
    let mut clean = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find(CS_OPEN) {
        clean.push_str(&rest[..start]);
        let after = &rest[start + CS_OPEN.len()..];
        let Some(head_end) = after.find("-->") else { break };
        let header = &after[..head_end];
        let mut parts = header.splitn(3, ':');
        let kind = match parts.next() {
            Some("table") => "table",
            _ => "callout",
        };
        let anchor = parts.next().unwrap_or("").to_string();
        let heading = crate::markdown::html::unescape_comment(parts.next().unwrap_or(""));
        let inner_start = &after[head_end + 3..];
        let Some(close) = inner_start.find(CS_CLOSE) else {
            rest = inner_start;
            continue;
        };
        let inner = &inner_start[..close];
        // Nested sentinels (a callout inside a marked table) stay in the outer item only.
        let inner_clean = strip_sentinels(inner);
        clean.push_str(&inner_clean);
        items.push(CheatItem {
            kind,
            anchor,
            heading,
            html: inner_clean,
            depth,
        });
        rest = &inner_start[close + CS_CLOSE.len()..];
    }
    clean.push_str(rest);
    *html = clean;
    items
}

fn strip_sentinels(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        match (rest.find(CS_OPEN), rest.find(CS_CLOSE)) {
            (None, None) => break,
            (a, b) => {
                let at = match (a, b) {
                    (Some(a), Some(b)) => a.min(b),
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    _ => unreachable!(),
                };
                out.push_str(&rest[..at]);
                let end = rest[at..].find("-->").map_or(rest.len(), |e| at + e + 3);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Renders a Markdown snippet as the body of a page `page.md` at the site root, with
/// no other pages (for tests, snapshots and tools).
pub fn render_snippet(markdown: &str, config: &Config) -> ParsedPage {
    let page = SourcePage {
        path: std::path::PathBuf::from("/snippet/content/page.md"),
        rel: "page.md".into(),
        kind: crate::content::PageKind::Page,
        front: crate::frontmatter::FrontMatter::default(),
        source: markdown.to_string(),
        body_start: 0,
        body_line: 1,
        out_path: "page.html".into(),
        url: "page.html".into(),
        folder: String::new(),
    };
    let mut links = LinkMap::default();
    links.pages.insert("page.md".into(), "page.html".into());
    links.pages.insert("other.md".into(), "other.html".into());
    let cx = ParseCtx {
        config,
        links: &links,
        highlighter: Highlighter::shared(),
        quiz_out_path: "quiz.html",
    };
    parse_page(&page, &cx)
}

/// One input as the only page of a site, through everything `build` runs after
/// loading: front matter, parsing, and (when the page has no errors, as in a real
/// build) rendering every page and data file, minified, in one URL style or the other.
pub fn fuzz_site(text: &str, pretty: bool) {
    use crate::config::UrlStyle;
    use crate::content::PageKind;
    let path = std::path::PathBuf::from("/fuzz/content/page.md");
    let Ok(split) = crate::frontmatter::split(&path, text) else {
        return;
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
    };
    let mut links = LinkMap::default();
    links.pages.insert("page.md".into(), url);
    for name in ["questions", "quiz", "cheatsheet"] {
        links.pages.insert(
            format!("{name}.html"),
            crate::render::special_path(name, config.url_style).1,
        );
    }
    let quiz_out = crate::render::special_path("quiz", config.url_style).0;
    let cx = ParseCtx {
        config: &config,
        links: &links,
        highlighter: Highlighter::shared(),
        quiz_out_path: &quiz_out,
    };
    let parsed = parse_page(&source, &cx);
    if parsed.diagnostics.iter().any(Diagnostic::is_error) {
        return;
    }
    let pages = vec![crate::site::Page { source, parsed }];
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
    };
    let _ = crate::render::render(&site, true);
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
