//! Questions (SPEC §4), written so the same file reads well on GitHub:
//! - free response: a heading whose section holds a paragraph starting with `✅`
//!   (everything from there to the section's end is the answer), or the compact form,
//!   a paragraph whose first line is the question and whose next line starts with `✅`;
//! - choice: a heading whose section holds a task list (`- [x]` marks correct options;
//!   bullets may be shuffled, `1. [ ]` keeps its order), a blockquote nested in an
//!   option explains it, whatever follows the list explains the question;
//! - metadata: `<!-- id: …; tags: … -->` right under the heading.
//!
//! `extract` rewrites the page's events so each question renders with its answer
//! behind `<details>` (works without JavaScript) and keeps the question's parts, which
//! `Draft::finish` renders again for the quiz data.

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::markdown::blocks::{Block, children, top_level};
use crate::markdown::headings::{Heading, plain_text};
use crate::markdown::{Ev, Locator, ParseCtx, RenderCx, sanitize};
use crate::util::{base32, escape_html, fnv64, slugify};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Free,
    Single,
    Multi,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceOption {
    pub html: String,
    pub correct: bool,
    pub why: String,
    pub pin: bool,
}

/// A finished question: metadata plus HTML fragments with links relative to the quiz.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub explicit_id: bool,
    pub kind: QuestionKind,
    /// Absolute line of the question in its file.
    pub line: usize,
    /// Id of the question's heading (none for the compact form).
    pub heading_id: Option<String>,
    /// Page title, then the headings above the question.
    pub topic: Vec<String>,
    pub tags: Vec<String>,
    /// The question as plain text.
    pub text: String,
    pub q_html: String,
    /// The blocks between the question and its answer (code, tables), alone.
    pub stem_html: String,
    pub a_html: String,
    pub options: Vec<ChoiceOption>,
    /// Keep the author's option order (an ordered list).
    pub fixed: bool,
    pub explain_html: String,
    /// Fingerprint of the answer side, so a learner can see a card changed.
    pub fp: String,
    /// Plain text of the answer side (search indexes it).
    pub answer_text: String,
}

struct DraftOption<'a> {
    text: Vec<Ev<'a>>,
    extra: Vec<Ev<'a>>,
    why: Vec<Ev<'a>>,
    correct: bool,
    pin: bool,
}

/// A question found on a page, before its fragments are rendered for the quiz.
pub struct Draft<'a> {
    id: String,
    explicit_id: bool,
    kind: QuestionKind,
    line: usize,
    heading_id: Option<String>,
    topic: Vec<String>,
    tags: Vec<String>,
    text: String,
    /// Inline events of the question itself.
    question: Vec<Ev<'a>>,
    stem: Vec<Ev<'a>>,
    answer: Vec<Ev<'a>>,
    options: Vec<DraftOption<'a>>,
    fixed: bool,
    explain: Vec<Ev<'a>>,
}

impl Draft<'_> {
    /// Id of the question's heading (none for the compact form).
    pub fn heading_id(&self) -> Option<&str> {
        self.heading_id.as_deref()
    }

    pub fn finish(self, rcx: &mut RenderCx, unsafe_html: bool) -> Question {
        let mut render = |evs: Vec<Ev>| -> String {
            if evs.is_empty() {
                return String::new();
            }
            rcx.has_raw_html = false;
            let html = rcx.render(evs);
            if rcx.has_raw_html && !unsafe_html {
                sanitize::clean(&html)
            } else {
                html
            }
        };
        // The question's own paragraph, then its stem, each rendered once.
        let mut q = vec![(Event::Start(Tag::Paragraph), 0)];
        q.extend(self.question);
        q.push((Event::End(TagEnd::Paragraph), 0));
        let stem_html = render(self.stem);
        let q_html = render(q) + &stem_html;
        let mut answer_text = plain_text(&self.answer);
        let a_html = render(self.answer);
        let mut options = Vec::new();
        for o in self.options {
            answer_text.push(' ');
            answer_text.push_str(&plain_text(&o.text));
            let mut html = render(o.text);
            html.push_str(&render(o.extra));
            options.push(ChoiceOption {
                html,
                correct: o.correct,
                why: render(o.why),
                pin: o.pin,
            });
        }
        answer_text.push(' ');
        answer_text.push_str(&plain_text(&self.explain));
        let explain_html = render(self.explain);
        let fp_source = format!(
            "{a_html}|{}|{explain_html}",
            options
                .iter()
                .map(|o| format!("{}{}", o.correct, o.html))
                .collect::<Vec<_>>()
                .join("|")
        );
        Question {
            id: self.id,
            explicit_id: self.explicit_id,
            kind: self.kind,
            line: self.line,
            heading_id: self.heading_id,
            topic: self.topic,
            tags: self.tags,
            text: self.text,
            q_html,
            stem_html,
            // After the fingerprint, which predates the mark (progress is kept by it).
            a_html: mark_answers(a_html),
            options,
            fixed: self.fixed,
            explain_html,
            fp: base32(fnv64(fp_source.as_bytes()), 8),
            answer_text: answer_text.split_whitespace().collect::<Vec<_>>().join(" "),
        }
    }
}

/// Wraps the ✅ that starts a free answer's paragraph so the theme draws it (an emoji is
/// blank without an emoji font): on the pages, the questions page, the answer key and in
/// the quiz data alike.
pub fn mark_answers(html: String) -> String {
    if html.contains("<p>✅") {
        html.replace("<p>✅", "<p><span class=\"mark yes\">✅</span>")
    } else {
        html
    }
}

/// `<!-- id: x; tags: a, b -->` right under a question's heading.
#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub id: Option<String>,
    pub tags: Vec<String>,
    pub unknown: Vec<String>,
}

pub fn parse_meta(html: &str) -> Option<Meta> {
    let t = html.trim();
    let inner = t.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    if !inner.contains(':') {
        return None;
    }
    let mut meta = Meta::default();
    for part in inner.split(';') {
        let Some((k, v)) = part.split_once(':') else { continue };
        let v = v.trim();
        match k.trim() {
            "id" => meta.id = Some(v.to_string()),
            "tags" | "tag" => {
                meta.tags = v
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            other => meta.unknown.push(other.to_string()),
        }
    }
    Some(meta)
}

/// Normalised question text for automatic ids: NFKC, lower-case, `Q12.` and
/// `(Choose 2)` removed, punctuation and whitespace collapsed.
pub fn normalise(text: &str) -> String {
    let lower: String = text.nfkc().collect::<String>().to_lowercase();
    let mut t = lower.trim();
    if let Some(rest) = t.strip_prefix('q') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')', ':']) {
            t = rest[digits + 1..].trim_start();
        }
    }
    let mut s = t.to_string();
    for hint in ["(choose", "(select", "(pick"] {
        if let Some(i) = s.rfind(hint)
            && s[i..].contains(')')
        {
            s.truncate(i);
        }
    }
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Automatic id: the first words as a slug plus a hash of the whole normalised text.
pub fn auto_id(question: &str, stem: &str) -> String {
    let norm = normalise(&format!("{question} {stem}"));
    let words: Vec<&str> = norm.split(' ').take(5).collect();
    let mut head = slugify(&words.join(" "));
    head.truncate(40);
    let hash = base32(fnv64(norm.as_bytes()), 6);
    if head.is_empty() {
        format!("q{hash}")
    } else {
        format!("{}-{hash}", head.trim_end_matches('-'))
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Options such as "All of the above" stay last when options are shuffled.
pub fn is_pinned(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    [
        "all of the above",
        "none of the above",
        "both of the above",
        "neither of the above",
        "all of these",
        "none of these",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || t == "both"
        || t.starts_with("both a and b")
        || t.starts_with("both (a) and (b)")
}

fn starts_with_check(evs: &[Ev], block: Block) -> bool {
    matches!(evs.get(block.start + 1), Some((Event::Text(t), _)) if t.trim_start().starts_with('✅'))
}

/// For a compact question paragraph, the index of the soft break before its `✅` line.
fn compact_break(evs: &[Ev], block: Block) -> Option<usize> {
    if !block.is_paragraph(evs) || starts_with_check(evs, block) {
        return None;
    }
    (block.start + 1..block.end - 1).find(|&i| {
        matches!(evs[i].0, Event::SoftBreak | Event::HardBreak)
            && matches!(evs.get(i + 1), Some((Event::Text(t), _)) if t.trim_start().starts_with('✅'))
    })
}

fn is_task_list(evs: &[Ev], block: Block) -> bool {
    if !block.is_list(evs) {
        return false;
    }
    children(evs, block).iter().any(|item| {
        evs[item.start..item.end].iter().take(3).any(|(e, _)| match e {
            Event::TaskListMarker(_) => true,
            // `- [ ]\u{a0}text` and `- []`: not task items to CommonMark; lenient mode
            // accepts them, strict mode reports them.
            Event::Text(t) => ["[ ]", "[]", "[x]", "[X]"]
                .iter()
                .any(|m| t.trim_start().starts_with(m)),
            _ => false,
        })
    })
}

fn slice<'a>(evs: &[Ev<'a>], blocks: &[Block]) -> Vec<Ev<'a>> {
    blocks
        .iter()
        .flat_map(|b| evs[b.start..b.end].iter().cloned())
        .collect()
}

fn html<'a>(s: impl Into<String>) -> Ev<'a> {
    (Event::Html(s.into().into()), 0)
}

struct Found<'a> {
    drafts: Vec<Draft<'a>>,
    diags: Vec<Diagnostic>,
    ids: HashSet<String>,
}

/// Finds the questions of a page; returns the page's events with questions marked up,
/// the drafts, and problems.
pub fn extract<'a>(
    evs: Vec<Ev<'a>>,
    title: &str,
    headings: &[Heading],
    page: &SourcePage,
    loc: &Locator,
    cx: &ParseCtx,
) -> (Vec<Ev<'a>>, Vec<Draft<'a>>, Vec<Diagnostic>) {
    let has_candidates = evs.iter().any(|(e, _)| match e {
        Event::Text(t) => t.contains('✅'),
        Event::TaskListMarker(_) => true,
        _ => false,
    });
    if !has_candidates {
        return (evs, Vec::new(), Vec::new());
    }
    let lenient = cx.config.questions.lenient;
    let blocks = top_level(&evs);
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len() + 32);
    let mut found = Found {
        drafts: Vec::new(),
        diags: Vec::new(),
        ids: HashSet::new(),
    };
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut heading_no = 0;
    let mut i = 0;
    // Blocks before the first heading form a section without a heading.
    let first_heading = blocks
        .iter()
        .position(|b| b.is_heading(&evs).is_some())
        .unwrap_or(blocks.len());
    if first_heading > 0 {
        let topic = vec![title.to_string()];
        section(
            &evs,
            None,
            &blocks[..first_heading],
            &topic,
            page,
            loc,
            lenient,
            &mut out,
            &mut found,
        );
        i = first_heading;
    }
    while i < blocks.len() {
        let h = blocks[i];
        let level = h.is_heading(&evs).unwrap_or(0);
        let next = blocks[i + 1..]
            .iter()
            .position(|b| b.is_heading(&evs).is_some())
            .map_or(blocks.len(), |p| i + 1 + p);
        let heading = headings.get(heading_no).cloned();
        heading_no += 1;
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let mut topic = vec![title.to_string()];
        topic.extend(stack.iter().map(|(_, t)| t.clone()));
        let heading_text = heading.as_ref().map(|h| h.text.clone()).unwrap_or_default();
        let hinfo = heading.filter(|_| level >= 2).map(|hd| (h, hd));
        section(
            &evs,
            hinfo,
            &blocks[i + 1..next],
            &topic,
            page,
            loc,
            lenient,
            &mut out,
            &mut found,
        );
        stack.push((level, heading_text));
        i = next;
    }
    (out, found.drafts, found.diags)
}

/// What opens a question: a heading, or (lenient mode) a `Q12.` paragraph.
enum Head {
    Heading(Block, Heading),
    Para(Block),
}

/// Lenient mode: a paragraph that opens a question without a heading (`Q67. …`,
/// `###Q70. …`), recognised when a task list follows it.
fn is_para_stem(evs: &[Ev], block: Block, after_list: bool) -> bool {
    if !block.is_paragraph(evs) {
        return false;
    }
    let text = plain_text(&evs[block.start + 1..block.end - 1]);
    let t = text.trim_start_matches('#').trim_start();
    let numbered = t.strip_prefix(['Q', 'q']).is_some_and(|r| {
        let d = r.chars().take_while(char::is_ascii_digit).count();
        d > 0 && r[d..].starts_with(['.', ')', ':'])
    });
    numbered || (after_list && text.trim_end().ends_with('?'))
}

#[allow(clippy::too_many_arguments)]
fn section<'a>(
    evs: &[Ev<'a>],
    heading: Option<(Block, Heading)>,
    body: &[Block],
    topic: &[String],
    page: &SourcePage,
    loc: &Locator,
    lenient: bool,
    out: &mut Vec<Ev<'a>>,
    found: &mut Found<'a>,
) {
    if !lenient {
        return question_section(
            evs,
            heading.map(|(b, h)| Head::Heading(b, h)),
            body,
            topic,
            page,
            loc,
            lenient,
            out,
            found,
        );
    }
    // Split the section where a `Q12.` paragraph followed by a task list opens a new question.
    let mut starts = Vec::new();
    let mut seen_list = false;
    for k in 0..body.len() {
        if k + 1 < body.len()
            && is_task_list(evs, body[k + 1])
            && is_para_stem(evs, body[k], seen_list)
            && (seen_list || k > 0 || heading.is_none())
        {
            starts.push(k);
        }
        if is_task_list(evs, body[k]) {
            seen_list = true;
        }
    }
    let first = starts.first().copied().unwrap_or(body.len());
    let head_topic = {
        let mut t = topic.to_vec();
        if let Some((_, h)) = &heading {
            t.push(h.text.clone());
        }
        t
    };
    question_section(
        evs,
        heading.map(|(b, h)| Head::Heading(b, h)),
        &body[..first],
        topic,
        page,
        loc,
        lenient,
        out,
        found,
    );
    for (n, &k) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        question_section(
            evs,
            Some(Head::Para(body[k])),
            &body[k + 1..end],
            &head_topic,
            page,
            loc,
            lenient,
            out,
            found,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn question_section<'a>(
    evs: &[Ev<'a>],
    heading: Option<Head>,
    body: &[Block],
    topic: &[String],
    page: &SourcePage,
    loc: &Locator,
    lenient: bool,
    out: &mut Vec<Ev<'a>>,
    found: &mut Found<'a>,
) {
    let compact: Vec<usize> = (0..body.len())
        .filter(|&k| compact_break(evs, body[k]).is_some())
        .collect();
    let own_end = compact.first().copied().unwrap_or(body.len());
    let own = &body[..own_end];

    // The heading's own question, if any.
    let mut handled = false;
    if let Some(head) = &heading {
        let (hblock, heading_id, heading_text) = match head {
            Head::Heading(b, h) => (*b, Some(h.id.clone()), h.text.clone()),
            Head::Para(b) => (
                *b,
                None,
                plain_text(&evs[b.start + 1..b.end - 1])
                    .trim_start_matches('#')
                    .trim()
                    .to_string(),
            ),
        };
        let meta_block = own.first().filter(|b| b.is_html(evs)).and_then(|b| {
            let text: String = evs[b.start..b.end]
                .iter()
                .filter_map(|(e, _)| {
                    if let Event::Html(h) = e {
                        Some(h.to_string())
                    } else {
                        None
                    }
                })
                .collect();
            parse_meta(&text).map(|m| (m, *b))
        });
        let content_start = usize::from(meta_block.is_some());
        let answer_at = own
            .iter()
            .position(|b| b.is_paragraph(evs) && starts_with_check(evs, *b));
        let list_at = own.iter().position(|b| is_task_list(evs, *b));
        let kind = match (answer_at, list_at) {
            (Some(a), Some(l)) if l < a => Some((l, true)),
            (Some(a), _) => Some((a, false)),
            (None, Some(l)) => Some((l, true)),
            (None, None) => None,
        };
        if let Some((at, choice)) = kind.filter(|(at, _)| *at >= content_start) {
            let mut question: Vec<Ev<'a>> = evs[hblock.start + 1..hblock.end - 1].to_vec();
            if let (Head::Para(_), Some((Event::Text(t), at))) = (head, question.first().cloned()) {
                question[0] = (
                    Event::Text(t.trim_start_matches('#').trim_start().to_string().into()),
                    at,
                );
            }
            let stem_blocks = &own[content_start..at];
            let (line, _) = loc.line_col(evs[hblock.start].1);
            let meta = meta_block.as_ref().map(|(m, _)| m);
            let stem_text = plain_text(&slice(evs, stem_blocks));
            let mut diags = Vec::new();
            if let Some((m, b)) = &meta_block {
                for k in &m.unknown {
                    diags.push(
                        loc.warning(evs[b.start].1, format!("unknown question metadata `{k}`"))
                            .with_help("question metadata knows `id` and `tags`: <!-- id: my-id; tags: a, b -->"),
                    );
                }
            }
            let id = question_id(
                meta,
                &heading_text,
                &stem_text,
                evs[hblock.start].1,
                loc,
                found,
                &mut diags,
            );
            let tags = merge_tags(meta, page);
            let mut draft = Draft {
                id,
                explicit_id: meta.and_then(|m| m.id.as_ref()).is_some(),
                kind: QuestionKind::Free,
                line,
                heading_id,
                topic: topic.to_vec(),
                tags,
                text: heading_text,
                question,
                stem: slice(evs, stem_blocks),
                answer: Vec::new(),
                options: Vec::new(),
                fixed: false,
                explain: Vec::new(),
            };
            let ok = if choice {
                choice_question(evs, own[at], &own[at + 1..], &mut draft, loc, lenient, &mut diags)
            } else {
                free_answer(evs, &own[at..], &mut draft, loc, &mut diags)
            };
            let failed = !ok || diags.iter().any(Diagnostic::is_error);
            if lenient {
                for d in &mut diags {
                    d.severity = crate::diagnostics::Severity::Warning;
                }
                if failed {
                    diags.push(loc.warning(evs[hblock.start].1, "question left out (lenient mode)"));
                }
            }
            found.diags.extend(diags);
            if !failed || !lenient {
                let shown_heading = matches!(head, Head::Heading(..)).then_some(hblock);
                emit(evs, shown_heading, &draft, stem_blocks, out);
                found.drafts.push(draft);
                handled = true;
            }
        }
    }
    if !handled {
        if let Some(Head::Heading(hblock, _) | Head::Para(hblock)) = &heading {
            out.extend(evs[hblock.start..hblock.end].iter().cloned());
        }
        out.extend(slice(evs, own));
    }

    // Compact questions.
    for (n, &k) in compact.iter().enumerate() {
        let end = compact.get(n + 1).copied().unwrap_or(body.len());
        let para = body[k];
        let brk = compact_break(evs, para).unwrap_or(para.start);
        let question: Vec<Ev<'a>> = evs[para.start + 1..brk].to_vec();
        let text = plain_text(&question);
        let (line, _) = loc.line_col(evs[para.start].1);
        let mut diags = Vec::new();
        let id = question_id(None, &text, "", evs[para.start].1, loc, found, &mut diags);
        let mut answer = vec![(Event::Start(Tag::Paragraph), evs[brk + 1].1)];
        answer.extend(evs[brk + 1..para.end].iter().cloned());
        answer.extend(slice(evs, &body[k + 1..end]));
        let only_check = plain_text(&answer).trim_start_matches('✅').trim().is_empty();
        if only_check {
            diags.push(
                loc.error(evs[brk + 1].1, "`✅` with nothing after it: the answer is empty")
                    .with_help("write the answer after the ✅ on the same line"),
            );
        }
        let draft = Draft {
            id,
            explicit_id: false,
            kind: QuestionKind::Free,
            line,
            heading_id: None,
            topic: {
                let mut t = topic.to_vec();
                if let Some(Head::Heading(_, h)) = &heading {
                    t.push(h.text.clone());
                }
                t
            },
            tags: merge_tags(None, page),
            text,
            question,
            stem: Vec::new(),
            answer,
            options: Vec::new(),
            fixed: false,
            explain: Vec::new(),
        };
        let failed = diags.iter().any(Diagnostic::is_error);
        if lenient {
            for d in &mut diags {
                d.severity = crate::diagnostics::Severity::Warning;
            }
        }
        found.diags.extend(diags);
        if failed && lenient {
            out.extend(slice(evs, &body[k..end]));
            continue;
        }
        emit(evs, None, &draft, &[], out);
        found.drafts.push(draft);
    }
}

fn merge_tags(meta: Option<&Meta>, page: &SourcePage) -> Vec<String> {
    let mut tags: Vec<String> = meta.map(|m| m.tags.clone()).unwrap_or_default();
    for t in &page.front.tags {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    tags
}

fn question_id(
    meta: Option<&Meta>,
    text: &str,
    stem: &str,
    at: usize,
    loc: &Locator,
    found: &mut Found,
    diags: &mut Vec<Diagnostic>,
) -> String {
    if let Some(id) = meta.and_then(|m| m.id.clone()) {
        if !valid_id(&id) {
            diags.push(
                loc.error(
                    at,
                    format!("question id `{id}` may only hold letters, digits, `-` and `_`"),
                )
                .with_help("for example <!-- id: sqs-visibility-timeout -->"),
            );
        } else if !found.ids.insert(id.clone()) {
            diags.push(
                loc.error(at, format!("duplicate question id `{id}` on this page"))
                    .with_help("every question needs its own id"),
            );
        }
        return id;
    }
    let base = auto_id(text, stem);
    let mut id = base.clone();
    let mut n = 2;
    while !found.ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    if n > 2 {
        diags.push(
            loc.warning(at, "the same question appears twice on this page")
                .with_help("give one of them an id: <!-- id: my-question -->"),
        );
    }
    id
}

fn free_answer<'a>(
    evs: &[Ev<'a>],
    blocks: &[Block],
    draft: &mut Draft<'a>,
    loc: &Locator,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    draft.kind = QuestionKind::Free;
    draft.answer = slice(evs, blocks);
    let text = plain_text(&draft.answer);
    if text.trim_start_matches('✅').trim().is_empty() {
        diags.push(
            loc.error(
                evs[blocks[0].start].1,
                "`✅` with nothing after it: the answer is empty",
            )
            .with_help("write the answer after the ✅"),
        );
        return false;
    }
    true
}

fn choice_question<'a>(
    evs: &[Ev<'a>],
    list: Block,
    after: &[Block],
    draft: &mut Draft<'a>,
    loc: &Locator,
    lenient: bool,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    draft.fixed = matches!(evs[list.start].0, Event::Start(Tag::List(Some(_))));
    // Each option list, with the blocks that follow it before the next list.
    let mut groups: Vec<(Block, Vec<Block>)> = vec![(list, Vec::new())];
    let mut rest = after;
    if lenient {
        // Imported banks split one option list into several when an unindented code
        // block or image follows an option: merge them, attaching what stands between
        // the lists to the option before it.
        loop {
            let run = rest.iter().take_while(|b| attachable(evs, **b)).count();
            match rest.get(run) {
                Some(b) if is_task_list(evs, *b) => {
                    if let Some(g) = groups.last_mut() {
                        g.1.extend_from_slice(&rest[..run]);
                    }
                    groups.push((*b, Vec::new()));
                    rest = &rest[run + 1..];
                }
                _ => break,
            }
        }
    }
    for (l, attached) in groups {
        for item in children(evs, l) {
            match option(evs, item, lenient) {
                Some(o) => draft.options.push(o),
                None => diags.push(
                    loc.error(evs[item.start].1, "option without a checkbox in a choice question")
                        .with_help("write every option as `- [ ] text`, and the correct ones as `- [x] text`"),
                ),
            }
        }
        if let Some(o) = draft.options.last_mut() {
            o.extra.extend(slice(evs, &attached));
        }
    }
    draft.explain = slice(evs, rest);
    let correct = draft.options.iter().filter(|o| o.correct).count();
    let at = evs[list.start].1;
    if correct == 0 {
        diags.push(
            loc.error(at, "choice question has no correct option")
                .with_help("mark the correct option(s) with `- [x]`"),
        );
        return false;
    }
    if draft.options.len() == 1 {
        diags.push(loc.warning(at, "choice question with a single option"));
    }
    draft.kind = if correct == 1 {
        QuestionKind::Single
    } else {
        QuestionKind::Multi
    };
    if let Some(n) = choose_hint(&draft.text)
        && n != correct
    {
        diags.push(loc.warning(
            at,
            format!("the question says choose {n} but {correct} options are marked correct"),
        ));
    }
    true
}

/// Blocks that may stand between two halves of a split option list (lenient mode).
fn attachable(evs: &[Ev], b: Block) -> bool {
    match b.first(evs) {
        Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => true,
        Event::Start(Tag::Paragraph) => {
            evs[b.start + 1..b.end - 1].iter().all(|(e, _)| {
                matches!(
                    e,
                    Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) | Event::Text(_) | Event::SoftBreak
                )
            }) && evs[b.start..b.end]
                .iter()
                .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
        }
        _ => false,
    }
}

/// `(Choose 2)` / `(Select TWO)` in a question.
fn choose_hint(text: &str) -> Option<usize> {
    let l = text.to_lowercase();
    let i = l.find("(choose ").or_else(|| l.find("(select "))?;
    let word = l[i..].split_whitespace().nth(1)?.trim_end_matches(')');
    let words = ["zero", "one", "two", "three", "four", "five", "six"];
    word.parse().ok().or_else(|| words.iter().position(|w| *w == word))
}

fn option<'a>(evs: &[Ev<'a>], item: Block, lenient: bool) -> Option<DraftOption<'a>> {
    let mut text = Vec::new();
    let mut extra = Vec::new();
    let mut why = Vec::new();
    let mut correct = None;
    for child in children(evs, item) {
        let first = child.first(evs);
        match first {
            Event::TaskListMarker(c) if correct.is_none() => correct = Some(*c),
            Event::Start(Tag::BlockQuote(_)) => why.extend(evs[child.start + 1..child.end - 1].iter().cloned()),
            Event::Start(Tag::Paragraph) if text.is_empty() && extra.is_empty() => {
                // A loose item: the marker sits inside the first paragraph.
                for (e, at) in &evs[child.start + 1..child.end - 1] {
                    match e {
                        Event::TaskListMarker(c) if correct.is_none() => correct = Some(*c),
                        _ => text.push((e.clone(), *at)),
                    }
                }
            }
            _ if child.end - child.start == 1 && extra.is_empty() && !matches!(first, Event::Start(_)) => {
                text.push(evs[child.start].clone());
            }
            _ => extra.extend(evs[child.start..child.end].iter().cloned()),
        }
    }
    if correct.is_none()
        && lenient
        && let Some((Event::Text(t), at)) = text.first().cloned()
    {
        // `- [ ]\u{a0}text` and `- []` are not task items to CommonMark (nor GitHub).
        let trimmed = t.trim_start();
        for (marker, c) in [("[ ]", false), ("[]", false), ("[x]", true), ("[X]", true)] {
            if let Some(rest) = trimmed.strip_prefix(marker) {
                correct = Some(c);
                text[0] = (
                    Event::Text(rest.trim_start_matches(['\u{a0}', ' ']).to_string().into()),
                    at,
                );
                break;
            }
        }
    }
    let correct = correct?;
    // Trim a soft break left before a nested quote.
    while matches!(text.last(), Some((Event::SoftBreak, _))) {
        text.pop();
    }
    let pin = is_pinned(&plain_text(&text));
    Some(DraftOption {
        text,
        extra,
        why,
        correct,
        pin,
    })
}

/// Writes a question's page markup around its original events.
fn emit<'a>(evs: &[Ev<'a>], heading: Option<Block>, d: &Draft<'a>, stem: &[Block], out: &mut Vec<Ev<'a>>) {
    let id = escape_html(&d.id);
    let kind = match d.kind {
        QuestionKind::Free => "free",
        QuestionKind::Single => "single",
        QuestionKind::Multi => "multi",
    };
    let tags = escape_html(&d.tags.join(" "));
    let fixed = if d.fixed { " data-fixed" } else { "" };
    let at = heading.map_or(0, |h| evs[h.start].1);
    out.push((
        Event::Html(format!("<div class=\"question\" id=\"q-{id}\" data-qid=\"{id}\" data-kind=\"{kind}\" data-tags=\"{tags}\"{fixed}>\n").into()),
        at,
    ));
    match heading {
        Some(h) => out.extend(evs[h.start..h.end].iter().cloned()),
        None => {
            out.push(html("<p class=\"q-text\"><strong>"));
            out.extend(d.question.iter().cloned());
            out.push(html("</strong></p>\n"));
        }
    }
    if !stem.is_empty() {
        out.push(html("<div class=\"q-stem\">\n"));
        out.extend(slice(evs, stem));
        out.push(html("</div>\n"));
    }
    if d.kind == QuestionKind::Free {
        out.push(html(
            "<details class=\"q-answer\"><summary>Show answer</summary><div class=\"q-answer-body\">\n",
        ));
        out.extend(d.answer.iter().cloned());
        out.push(html("</div></details>\n</div>\n"));
        return;
    }
    let (input, legend) = if d.kind == QuestionKind::Single {
        ("radio", "Choose one answer")
    } else {
        ("checkbox", "Choose all that apply")
    };
    let list = if d.fixed { "ol" } else { "ul" };
    out.push(html(format!(
        "<fieldset class=\"q-choice\"><legend class=\"q-legend\">{legend}</legend><{list} class=\"q-options\">\n"
    )));
    for (n, o) in d.options.iter().enumerate() {
        let pin = if o.pin { " data-pin" } else { "" };
        out.push(html(format!(
            "<li class=\"q-option\" data-correct=\"{}\"{pin}><label><input type=\"{input}\" name=\"q-{id}\" value=\"{n}\"> <span class=\"q-option-text\">",
            o.correct
        )));
        out.extend(o.text.iter().cloned());
        out.push(html("</span></label>"));
        if !o.extra.is_empty() {
            out.push(html("<div class=\"q-option-extra\">"));
            out.extend(o.extra.iter().cloned());
            out.push(html("</div>"));
        }
        if !o.why.is_empty() {
            out.push(html("<div class=\"q-why\">"));
            out.extend(o.why.iter().cloned());
            out.push(html("</div>"));
        }
        out.push(html("</li>\n"));
    }
    let letters: Vec<String> = d
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(n, _)| letter(n))
        .collect();
    let label = if letters.len() == 1 { "Answer" } else { "Answers" };
    out.push(html(format!(
        "</{list}></fieldset>\n<div class=\"q-actions\"><button type=\"button\" class=\"q-check\">Check answer</button></div>\n<p class=\"q-feedback\" role=\"status\" aria-live=\"polite\"></p>\n<details class=\"q-answer\"><summary>Show answer</summary><div class=\"q-answer-body\">\n<p class=\"q-key\">{label}: <b>{}</b></p>\n",
        letters.join(", ")
    )));
    out.extend(d.explain.iter().cloned());
    out.push(html("</div></details>\n</div>\n"));
}

impl Question {
    /// Letters of the correct options (`A`, `C`), for choice questions.
    pub fn correct_letters(&self) -> Vec<String> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(n, _)| letter(n))
            .collect()
    }
}

pub fn letter(n: usize) -> String {
    if n < 26 {
        ((b'A' + n as u8) as char).to_string()
    } else {
        (n + 1).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_comment() {
        let m = parse_meta("<!-- id: sqs-vs-sns; tags: messaging, sqs -->\n").unwrap();
        assert_eq!(m.id.as_deref(), Some("sqs-vs-sns"));
        assert_eq!(m.tags, vec!["messaging", "sqs"]);
        assert!(parse_meta("<!-- just a note -->").is_none());
        assert_eq!(parse_meta("<!-- idd: x -->").unwrap().unknown, vec!["idd"]);
    }

    #[test]
    fn normalisation_ignores_numbering_hints_and_punctuation() {
        assert_eq!(normalise("Q12. Which   is it? (Choose 2)"), "which is it");
        assert_eq!(normalise("Which is it?"), "which is it");
        assert_eq!(auto_id("Q1. Which is it?", ""), auto_id("Which is it", ""));
        assert_ne!(auto_id("Which is it?", "code a"), auto_id("Which is it?", "code b"));
        assert!(auto_id("Is IAM a global or regional service?", "").starts_with("is-iam-a-global-or-"));
    }

    #[test]
    fn pins_and_hints() {
        assert!(is_pinned("All of the above"));
        assert!(is_pinned("None of the above."));
        assert!(!is_pinned("Amazon S3"));
        assert_eq!(choose_hint("Which two? (Choose 2)"), Some(2));
        assert_eq!(choose_hint("Which? (Select TWO)"), Some(2));
        assert_eq!(choose_hint("Which?"), None);
        assert_eq!(letter(1), "B");
    }
}
