//! Markdown (part of stage 2, parse): pulldown-cmark produces the events of a page
//! body; each syntax extension in this folder rewrites the event list for one feature
//! (one file, one `transform` entry point), [`extensions`] lists which of them a site
//! turns on and in which order, and `push_html` writes what is left. The page as a
//! whole (title, questions, cheat sheet, search text) is put together in
//! [`crate::page`]; questions are recognised in [`crate::questions`].

pub mod abbreviations;
pub mod admonition_fences;
pub mod alerts;
pub mod attr_inline;
pub mod attr_lists;
pub mod autolinks;
pub mod blocks;
pub mod callouts;
pub mod cheatsheet;
pub mod code;
pub mod containers;
pub mod deflists;
pub mod embeds;
pub mod emoji;
pub mod environments;
pub mod extensions;
pub mod footnotes;
pub mod gitbook;
pub mod headings;
pub mod held_code;
pub mod highlight;
pub mod highlight_memo;
pub mod html;
pub mod html_blocks;
pub mod hugo;
pub mod icons;
pub mod inline_footnotes;
pub mod keys;
pub mod links;
pub mod liquid;
pub mod logseq;
pub mod marks;
pub mod math;
pub mod math_tex;
pub mod mermaid;
pub mod mkdocs;
pub mod obsidian_inline;
pub mod plain;
pub mod pymdown_blocks;
pub mod raw_regions;
pub mod rawlinks;
pub mod sanitize;
pub mod sections;
pub mod shortcodes;
pub mod slugs;
pub mod spans;
pub mod tables;
pub mod tags;
pub mod title;
pub mod wikilinks;

use pulldown_cmark::{Event, Options, Parser};

use crate::config::Config;
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::util::LineIndex;

pub use cheatsheet::{CS_CLOSE, CS_OPEN, CheatItem};
pub use extensions::options;
pub use headings::{Heading, TocEntry};
pub use highlight::Highlighter;
pub use links::{LinkMap, LinkRef, OtherLanguage};
pub use sections::SectionText;

/// Deepest element nesting minify-html is given: its parser recurses, and 100,000 nested
/// quotes overflow the stack. Deeper pages are written unminified (and reported when
/// they are parsed).
pub const MAX_MINIFY_DEPTH: usize = 256;

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
    /// Every page of the site, for note embeds (`![[Note]]`).
    pub sources: &'a [SourcePage],
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

/// A text after the source passes every Markdown text gets before it is parsed (a page
/// body, an embedded note's part, a MkDocs block's dedented body). Each pass keeps every
/// offset, so events still point into the source; `text` is `None` when none changed it.
pub struct Prepared {
    pub text: Option<String>,
    /// Where a `%%` comment opens that is never closed.
    pub unclosed_comment: Option<usize>,
    /// `{: toc_label=… }` labels, by offset.
    pub toc_labels: attr_lists::TocLabels,
}

/// Runs the source passes in order on `text`, written in `folder` (for Hugo's `ref`):
/// Hugo's shortcodes first (`{{< katex >}}` becomes `$`, read by the math pass), then
/// formulas, `%%` comments, attribute lists and Liquid. Each reads the latest text and
/// replaces it only when it changed something.
pub fn prepare(text: &str, options: Options, folder: &str, links: &LinkMap) -> Prepared {
    let mut out = hugo::prepare(text, options, folder, links);
    if let Some(next) = math::prepare(out.as_deref().unwrap_or(text), options) {
        out = Some(next);
    }
    let (uncommented, unclosed_comment) = obsidian_inline::strip_comments(out.as_deref().unwrap_or(text), options);
    if uncommented.is_some() {
        out = uncommented;
    }
    let (attributed, toc_labels) = attr_lists::prepare(out.as_deref().unwrap_or(text));
    if attributed.is_some() {
        out = attributed;
    }
    if let Some(next) = attr_inline::prepare(out.as_deref().unwrap_or(text)) {
        out = Some(next);
    }
    if let Some(next) = liquid::prepare(out.as_deref().unwrap_or(text), options) {
        out = Some(next);
    }
    Prepared {
        text: out,
        unclosed_comment,
        toc_labels,
    }
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
        // Pandoc's rule for `$…$`: no space just inside either dollar. pulldown-cmark
        // checks only ASCII spaces, so French amounts (`20 000 $. … 5 000 $ ?`, with
        // no-break spaces) made a formula of the words between; such a span is its text.
        let event = match event {
            Event::InlineMath(m) if m.starts_with(char::is_whitespace) || m.ends_with(char::is_whitespace) => {
                Event::Text(pulldown_cmark::CowStr::Borrowed(&body[range.clone()]))
            }
            e => e,
        };
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
    /// Formulas rendered (converted or shown as source).
    pub formulas: usize,
    /// `^block-id` anchors written.
    pub block_ids: Vec<String>,
    /// The notes (and parts: heading, `^block`, or "" for all of it) being embedded
    /// around this text, outermost first: for the depth limit and cycles.
    pub embed_chain: Vec<(String, String)>,
    /// A problem with an embed inside this (unreported) text, for the embed around it.
    pub embed_problem: Option<String>,
    /// Content tabs written (the page loads the tabs script).
    pub tabs: bool,
    /// Mermaid diagrams written (the page loads the diagram scripts).
    pub diagrams: usize,
    /// Note embeds rendered here (each one's ids get their own prefix).
    pub embeds: usize,
    /// Warnings in a build that `check` reports as errors (an embed shown as a link).
    pub check_errors: Vec<Diagnostic>,
    /// The page's abbreviations (`*[HTML]: …`), longest first.
    pub abbreviations: Vec<abbreviations::Abbr>,
    /// Highlighted code bodies, each a marker in the HTML until the gate puts it back;
    /// held only while `hold_code` (set for a fragment the sanitiser will read).
    pub held_code: held_code::HeldCode,
    pub hold_code: bool,
    /// The author's HTML went into this fragment without `raw_regions`' marks (they
    /// are written only while `hold_code`): the gate must sanitise it whole.
    pub raw_unmarked: bool,
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
            formulas: 0,
            block_ids: Vec::new(),
            embed_chain: Vec::new(),
            embed_problem: None,
            tabs: false,
            diagrams: 0,
            embeds: 0,
            check_errors: Vec::new(),
            abbreviations: Vec::new(),
            held_code: held_code::HeldCode::default(),
            hold_code: false,
            raw_unmarked: false,
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

    /// Runs the site's extensions, in order ([`extensions`]), and writes HTML.
    pub fn render(&mut self, evs: Vec<Ev>) -> String {
        // Code is held out of what the sanitiser will read: a fragment with the author's
        // HTML (unless the site trusts it). Elsewhere it goes in as it is, with no copy.
        self.hold_code = !self.cx.config.unsafe_html && html::will_mark_raw(&evs);
        self.raw_unmarked = false;
        let evs = extensions::run(evs, self);
        let mut out = String::new();
        // A fragment with the author's HTML in it gets boundaries between its blocks, for
        // the gate (`raw_regions`); an embedded note's are the page's business.
        if self.hold_code && self.embed_chain.is_empty() {
            raw_regions::write_with_boundaries(&mut out, evs.into_iter().map(|(e, _)| e));
        } else {
            pulldown_cmark::html::push_html(&mut out, evs.into_iter().map(|(e, _)| e));
        }
        out
    }

    /// Whether every piece of the author's HTML in `html`, what [`Self::render`] wrote,
    /// is marked for the gate (so the parts of it without marks need no sanitiser).
    /// With the author's HTML seen but no mark in `html`, something carried it past the
    /// marking: no.
    pub fn raw_marked(&self, html: &str) -> bool {
        !self.raw_unmarked && (!self.has_raw_html || raw_regions::has_marks(html))
    }
}
