//! Stage 2, parse, for one page: its Markdown ([`crate::markdown`]) and its questions
//! ([`crate::questions`]) → HTML body, title, table of contents, questions, cheat-sheet
//! items, search text and the links to check.

use std::collections::HashSet;

use pulldown_cmark::Event;

use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::markdown::{
    CheatItem, Ev, Heading, LinkRef, Locator, MAX_MINIFY_DEPTH, ParseCtx, RenderCx, SectionText, TocEntry, cheatsheet,
    events, headings, html, options, sanitize, sections, slugs, tables, title,
};
use crate::questions::{self, Question};

/// A page after parsing.
pub struct Page {
    pub source: SourcePage,
    pub parsed: ParsedPage,
}

#[derive(Debug, Clone, Default)]
pub struct ParsedPage {
    pub title: String,
    pub title_source: title::Source,
    /// Through the sanitiser gate ([`sanitize::gate`]).
    pub html: sanitize::SafeHtml,
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
    /// Formulas on the page (the page loads the math stylesheet when there are any).
    pub formulas: usize,
    /// The front matter's tags and the inline `#tags`, shown as chips.
    pub tags: Vec<String>,
    /// Content tabs on the page (it loads the tabs script).
    pub tabs: bool,
    /// Mermaid diagrams on the page (it loads the diagram scripts when there are any).
    pub diagrams: usize,
    /// Warnings in a build that `check` reports as errors (embeds shown as links), kept
    /// apart from `diagnostics` like the link problems.
    pub check_errors: Vec<Diagnostic>,
}

/// Parses one page.
pub fn parse_page(page: &SourcePage, cx: &ParseCtx) -> ParsedPage {
    let loc = Locator::new(page);
    let crate::markdown::Prepared {
        text: prepared,
        unclosed_comment: unclosed,
        toc_labels,
    } = crate::markdown::prepare(page.body(), options(cx.config), &page.folder, cx.links);
    let body = prepared.as_deref().unwrap_or(page.body());
    let mut evs = events(body, options(cx.config));
    // Markdown written right under a closed HTML element, as MkDocs reads it.
    evs = crate::markdown::html_blocks::split(evs, body, options(cx.config));
    // `*[HTML]: …` lines leave the text; the words they define are marked as it renders.
    let abbreviations = crate::markdown::abbreviations::take(&mut evs, body);
    // Inline `#tags` join the front matter's (the title's too: it is taken next).
    let inline_tags = crate::markdown::tags::collect(&evs);
    // Title: front matter, else the opening heading (which then leaves the body, since
    // the template prints the title), else the file name.
    let (title, title_source, title_warning) = title::take(&mut evs, page, cx.config);
    let mut parsed = ParsedPage {
        title,
        title_source,
        ..ParsedPage::default()
    };
    if let Some(at) = unclosed {
        parsed.diagnostics.push(
            loc.warning(at, "`%%` opens a comment that is never closed; it is shown as written")
                .with_help("close the comment with another `%%`"),
        );
    }
    parsed.diagnostics.extend(title_warning);

    check_nesting(&mut evs, page, cx, &mut parsed.diagnostics);

    let page = &*with_tags(page, inline_tags);
    parsed.tags = page.front.tags.clone();

    let mut used_ids: HashSet<String> = HashSet::new();
    parsed.headings = headings::assign_ids(&mut evs, &mut used_ids);
    let (evs, questions, qdiags) = questions::extract(evs, &parsed.title, &parsed.headings, page, &loc, cx);
    parsed.diagnostics.extend(qdiags);

    let question_headings: HashSet<String> = questions
        .iter()
        .filter_map(|q| q.heading_id().map(str::to_string))
        .collect();
    parsed.sections = sections::section_texts(&evs, &question_headings);

    let raw_ids = slugs::raw_html_ids(&evs);
    let mut evs = evs;
    let alias_ids = slugs::insert_aliases(&mut evs, &parsed.headings);
    let mut rcx = RenderCx::new(&loc, cx, &page.out_path, true);
    rcx.abbreviations = abbreviations.clone();
    let mut html = rcx.render(evs);
    parsed.rows = std::mem::take(&mut rcx.rows);
    parsed.diagnostics.append(&mut rcx.diagnostics);
    parsed.links = std::mem::take(&mut rcx.links);
    parsed.formulas = rcx.formulas;
    parsed.tabs = rcx.tabs;
    parsed.diagrams = rcx.diagrams;
    parsed.check_errors = std::mem::take(&mut rcx.check_errors);
    // Lift the cheat-sheet copies out first: the sanitiser would drop their sentinels.
    let (raw, unsafe_html, marked) = (rcx.has_raw_html, cx.config.unsafe_html, rcx.raw_marked(&html));
    let held = &rcx.held_code;
    parsed.cheatsheet = cheatsheet::extract(&mut html, &page.out_path, |h| {
        sanitize::gate(h, raw, unsafe_html, held, marked)
    });
    parsed.html = sanitize::gate(html, raw, unsafe_html, held, marked);
    parsed
        .html
        .theme_edit(|h| *h = questions::mark_answers(std::mem::take(h)));

    // Question fragments for the quiz data, with links relative to the quiz page.
    let mut qcx = RenderCx::new(&loc, cx, cx.quiz_out_path, false);
    qcx.abbreviations = abbreviations;
    parsed.questions = questions
        .into_iter()
        .map(|draft| draft.finish(&mut qcx, cx.config.unsafe_html))
        .collect();
    parsed.formulas += qcx.formulas;
    parsed.diagrams += qcx.diagrams;

    let question_ids: HashSet<&str> = parsed
        .questions
        .iter()
        .filter_map(|q| q.heading_id.as_deref())
        .collect();
    parsed.toc = headings::toc(&parsed.headings, &question_ids);
    // An entry for a heading with a formula shows it rendered, not its TeX (unless the
    // author labelled the entry).
    if parsed.formulas > 0 {
        let html = parsed.html.as_str();
        for entry in &mut parsed.toc {
            entry.html = headings::toc_html(html, entry.level, &entry.id).unwrap_or_default();
        }
    }
    label_toc(&mut parsed, &toc_labels, body);
    for entry in parsed.toc.iter_mut().filter(|e| e.text.contains('#')) {
        entry.text = crate::markdown::tags::strip(&entry.text);
    }
    collect_anchors(
        &mut parsed,
        [rcx.footnote_ids, raw_ids, alias_ids],
        [rcx.row_ids, rcx.block_ids],
    );
    shrink(&mut parsed);
    parsed
}

/// The page with its inline `#tags` added to the front matter's (a copy only if any is new).
fn with_tags(page: &SourcePage, inline_tags: Vec<String>) -> std::borrow::Cow<'_, SourcePage> {
    if inline_tags.iter().all(|t| page.front.tags.contains(t)) {
        return std::borrow::Cow::Borrowed(page);
    }
    let mut copy = page.clone();
    for t in inline_tags {
        if !copy.front.tags.contains(&t) {
            copy.front.tags.push(t);
        }
    }
    std::borrow::Cow::Owned(copy)
}

/// Every id a link may name on the page: headings, questions, `before` (footnotes, raw
/// HTML ids, heading aliases), the title's own anchors when the title was the opening
/// heading (spans at the top of the text, so links to it land there), then `after`
/// (table rows, block ids).
fn collect_anchors(parsed: &mut ParsedPage, before: [Vec<String>; 3], after: [Vec<String>; 2]) {
    parsed.anchors = parsed.headings.iter().map(|h| h.id.clone()).collect();
    parsed
        .anchors
        .extend(parsed.questions.iter().map(|q| format!("q-{}", q.id)));
    parsed.anchors.extend(before.into_iter().flatten());
    if parsed.title_source == title::Source::Heading {
        let ids = slugs::title_anchors(&parsed.title, &parsed.anchors);
        let spans: String = ids
            .iter()
            .map(|id| format!("<span id=\"{}\"></span>", crate::util::escape_html(id)))
            .collect();
        parsed.html.theme_edit(|h| h.insert_str(0, &spans));
        parsed.anchors.extend(ids);
    }
    parsed.anchors.extend(after.into_iter().flatten());
}

/// Entries whose heading carries a `data-toc-label` show that label.
fn label_toc(parsed: &mut ParsedPage, labels: &crate::markdown::attr_lists::TocLabels, body: &str) {
    if labels.is_empty() {
        return;
    }
    for h in &parsed.headings {
        let line = body[..h.offset.min(body.len())].rfind('\n').map_or(0, |p| p + 1);
        let Some((_, label)) = labels.iter().find(|(at, _)| *at == line) else {
            continue;
        };
        for entry in parsed.toc.iter_mut().filter(|e| e.id == h.id) {
            entry.text = label.clone();
            entry.html.clear();
        }
    }
}

/// Warns of content nested too deep to minify, and shows raw HTML nested too deep to
/// sanitise as text.
fn check_nesting(evs: &mut Vec<Ev>, page: &SourcePage, cx: &ParseCtx, diagnostics: &mut Vec<Diagnostic>) {
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
    if depth > MAX_MINIFY_DEPTH / 2 {
        diagnostics.push(
            Diagnostic::warning(&page.path, format!("content nested {depth} levels deep"))
                .with_help("the page is written without minifying; flatten the nested quotes or lists"),
        );
    }

    // The sanitiser's time grows with the nesting depth times the number of tags: raw
    // HTML that would nest too deep is shown as text instead (reliability.md §4 case 12).
    if !cx.config.unsafe_html {
        let raw_depth = html::raw_html_depth(evs);
        if raw_depth > 0 && depth + raw_depth > html::MAX_SANITIZE_DEPTH {
            html::escape_raw_html(evs);
            diagnostics.push(
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
}

/// Every page is held until the pages are written: gives back what the strings grew
/// into and do not use (the page HTML is most of a large build's memory).
fn shrink(parsed: &mut ParsedPage) {
    parsed.html.theme_edit(fit);
    for q in &mut parsed.questions {
        for s in [&mut q.q_html, &mut q.stem_html, &mut q.a_html, &mut q.explain_html] {
            s.theme_edit(fit);
        }
        fit(&mut q.answer_text);
    }
}

/// Replaces `s` by an exact-size copy if it wastes more than an eighth of its allocation
/// (`shrink_to_fit` may keep the block: mimalloc shrinks in place when the waste is
/// under half).
fn fit(s: &mut String) {
    if s.capacity() - s.len() > s.len() / 8 {
        *s = s.as_str().to_owned();
    }
}
