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
//! behind `<details>` (works without JavaScript, [`html`]) and keeps the question's
//! parts, which `Draft::finish` renders again for the quiz data ([`model`]).
//!
//! Each written form is one file. The forms of an answer that follows a question's
//! heading (or, in lenient mode, its `Q12.` line and stem) implement [`AnswerForm`] and
//! are listed in [`ANSWER_FORMS`]: a new one is a new file and a line there. The
//! compact form ([`compact`]) and lenient mode's banks ([`bank`]) divide a section
//! into questions.

mod bank;
mod boilerplate;
mod cloze;
mod compact;
mod details;
pub mod domains;
mod free;
mod html;
mod ids;
mod lettered;
mod listed;
mod meta;
mod model;
mod numeric;
mod qa;
mod srcards;
mod summary;
mod tasklist;
mod todo;
mod typed;

use std::collections::HashSet;

use pulldown_cmark::Event;

use crate::content::SourcePage;
use crate::diagnostics::{Diagnostic, Severity};
use crate::locale::Strings;
use crate::markdown::blocks::{Block, top_level};
use crate::markdown::headings::{Heading, plain_text};
use crate::markdown::{Ev, Locator, ParseCtx};
pub use boilerplate::is_nav_text;
pub use html::mark_answers;
pub use ids::{auto_id, normalise};
pub use meta::{Meta, parse_meta};
pub use model::{ChoiceOption, ClozeCard, Draft, NumericAnswer, Question, QuestionKind, letter};
pub use tasklist::is_pinned;
pub use typed::normalise_answer;

/// A written form of a question's answer, after its heading (or `Q12.` line) and stem.
pub trait AnswerForm: Sync {
    /// Where among the question's own blocks this form's answer starts, if it is there.
    fn find(&self, evs: &[Ev], own: &[Block]) -> Option<usize>;

    /// Reads the answer (`blocks`: from where [`AnswerForm::find`] found it to the end
    /// of the question) into `draft`; false when it cannot make a question.
    fn read<'a>(&self, evs: &[Ev<'a>], blocks: &[Block], draft: &mut Draft<'a>, cx: &mut FormCx) -> bool;

    /// Whether the answer found at `answer` makes the section a question at all (a task
    /// list may be a to-do list); most forms always do.
    fn reads_as_question(&self, _evs: &[Ev], _answer: Block, _asking: &Asking) -> bool {
        true
    }
}

/// What tells a question from notes that look like one.
pub struct Asking<'s> {
    /// The heading's (or `Q12.` line's) text.
    pub heading: &'s str,
    /// An id comment (`<!-- id: … -->`) under the heading.
    pub has_meta: bool,
    /// The site treats its task lists as questions (`[questions] lenient`).
    pub lenient: bool,
    /// The page does (front matter `questions: true`).
    pub page_says: bool,
}

/// What a form reads an answer with.
pub struct FormCx<'c> {
    pub loc: &'c Locator<'c>,
    pub lenient: bool,
    pub diags: &'c mut Vec<Diagnostic>,
}

/// The answer forms: the one whose answer starts first makes the question.
pub const ANSWER_FORMS: &[&dyn AnswerForm] = &[&free::CheckMark, &tasklist::TaskList, &details::DetailsAnswer];

pub(crate) fn slice<'a>(evs: &[Ev<'a>], blocks: &[Block]) -> Vec<Ev<'a>> {
    blocks
        .iter()
        .flat_map(|b| evs[b.start..b.end].iter().cloned())
        .collect()
}

/// Problems with a question: in lenient mode warnings (the question is left out); else
/// errors marked as ones lenient mode would turn into warnings, so the build's summary
/// can point an imported bank's author at it.
fn for_mode(lenient: bool, diags: &mut [Diagnostic]) {
    for d in diags {
        if lenient {
            d.severity = Severity::Warning;
        } else if d.is_error() {
            d.malformed_question = true;
        }
    }
}

struct Found<'a> {
    drafts: Vec<Draft<'a>>,
    diags: Vec<Diagnostic>,
    ids: HashSet<String>,
}

/// What opens a question: a heading, or (lenient mode) a `Q12.` paragraph.
enum Head {
    Heading(Block, Heading),
    Para(Block),
}

impl Head {
    /// The head's block, its heading id (none for a `Q12.` paragraph) and its text.
    fn parts(&self, evs: &[Ev]) -> (Block, Option<String>, String) {
        match self {
            Head::Heading(b, h) => (*b, Some(h.id.clone()), h.text.clone()),
            Head::Para(b) => (
                *b,
                None,
                plain_text(&evs[b.start + 1..b.end - 1])
                    .trim_start_matches('#')
                    .trim()
                    .to_string(),
            ),
        }
    }
}

/// One page's walk through its blocks: the page's events with questions marked up
/// (`out`), and what was found.
struct Walk<'a, 'p> {
    evs: &'p [Ev<'a>],
    page: &'p SourcePage,
    loc: &'p Locator<'p>,
    lenient: bool,
    /// The interface strings of the page's language.
    ui: &'static Strings,
    /// A page marked as flashcards: its `#flashcards…` tags ([`srcards`]).
    cards: Option<Vec<String>>,
    out: Vec<Ev<'a>>,
    found: Found<'a>,
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
        Event::Text(t) if t.contains('✅') => true,
        Event::TaskListMarker(_) => true,
        // `- [ ]text`: a box Markdown does not see.
        Event::Text(t) if tasklist::starts_with_box(t) => true,
        // `<details>` answers and questions, lettered banks' keys.
        Event::Html(t) => crate::util::has(t, "<details") || crate::util::has(t, "<DETAILS"),
        Event::Text(t) => {
            crate::util::has(t, "nswer")
                || crate::util::has(t, "#flashcards")
                || crate::util::has(t, "{{c")
                || qa::opens(t)
        }
        _ => false,
    });
    // `questions: false`: the page is notes, whatever it holds.
    if page.front.questions == Some(false) {
        return (evs, Vec::new(), Vec::new());
    }
    if !has_candidates && !page.front.cards && !page.front.tags.iter().any(|t| t.starts_with("flashcards")) {
        return (evs, Vec::new(), Vec::new());
    }
    let blocks = top_level(&evs);
    let mut w = Walk {
        evs: &evs,
        page,
        loc,
        lenient: cx.config.questions.lenient,
        ui: &cx.config.strings().ui,
        cards: srcards::deck_tags(&evs, page),
        out: Vec::with_capacity(evs.len() + 32),
        found: Found {
            drafts: Vec::new(),
            diags: Vec::new(),
            ids: HashSet::new(),
        },
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
        w.section(None, &blocks[..first_heading], &[title.to_string()]);
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
        topic.extend(stack.iter().filter(|(_, t)| !is_nav_text(t)).map(|(_, t)| t.clone()));
        let heading_text = heading.as_ref().map(|h| h.text.clone()).unwrap_or_default();
        let hinfo = heading.filter(|_| level >= 2).map(|hd| (h, hd));
        if hinfo.is_none() {
            // A `#` heading opens no question, and stays (a title from front matter or
            // the file name leaves the body's own `#` headings in it).
            w.out.extend(evs[h.start..h.end].iter().cloned());
        }
        w.section(hinfo, &blocks[i + 1..next], &topic);
        stack.push((level, heading_text));
        i = next;
    }
    (w.out, w.found.drafts, w.found.diags)
}

impl<'a> Walk<'a, '_> {
    /// Keeps a free question found outside the heading walk: its problems (warnings in
    /// lenient mode, where a broken question is left out), then its markup and draft.
    /// Returns whether it was kept.
    fn keep_free(&mut self, evs: &[Ev<'a>], draft: Draft<'a>, mut diags: Vec<Diagnostic>) -> bool {
        let failed = diags.iter().any(Diagnostic::is_error);
        for_mode(self.lenient, &mut diags);
        self.found.diags.extend(diags);
        if failed && self.lenient {
            return false;
        }
        html::emit(evs, None, &draft, &[], self.ui, &mut self.out);
        self.found.drafts.push(draft);
        true
    }

    /// The blocks under a heading (or before the first): one section, or in lenient
    /// mode as many as its `Q12.` paragraphs open.
    fn section(&mut self, heading: Option<(Block, Heading)>, body: &[Block], topic: &[String]) {
        if self.lenient {
            bank::section(self, heading, body, topic);
        } else {
            self.question_section(heading.map(|(b, h)| Head::Heading(b, h)), body, topic);
        }
    }

    /// A question's section: the question its head opens, if any, then the compact
    /// questions in it.
    fn question_section(&mut self, heading: Option<Head>, body: &[Block], topic: &[String]) {
        let evs = self.evs;
        let compact = compact::starts(evs, body);
        let own_end = compact.first().copied().unwrap_or(body.len());
        let own = &body[..own_end];
        let handled = heading
            .as_ref()
            .is_some_and(|head| self.head_question(head, own, topic));
        if !handled && let Some(Head::Heading(hblock, _) | Head::Para(hblock)) = &heading {
            self.out.extend(evs[hblock.start..hblock.end].iter().cloned());
        }
        let mut compact_topic = topic.to_vec();
        if let Some(Head::Heading(_, h)) = &heading {
            compact_topic.push(h.text.clone());
        }
        if !handled {
            self.notes(own, &compact_topic);
        }
        compact::questions(self, body, &compact, &compact_topic);
    }

    /// Blocks that no heading's question holds: notes, except for the forms that sit
    /// among notes (lettered banks in a numbered list, `<summary>Question?</summary>`).
    fn notes(&mut self, blocks: &[Block], topic: &[String]) {
        let evs = self.evs;
        let mut k = 0;
        while k < blocks.len() {
            let b = blocks[k];
            if lettered::is_candidate(evs, b) && lettered::list(self, b, topic) {
                k += 1;
                continue;
            }
            if b.is_list(evs) && listed::list(self, b, topic) {
                k += 1;
                continue;
            }
            if b.is_list(evs) && cloze::list(self, b, topic) {
                k += 1;
                continue;
            }
            if b.is_paragraph(evs) && cloze::paragraph(self, b, topic) {
                k += 1;
                continue;
            }
            if let Some(tags) = self.cards.clone()
                && b.is_paragraph(evs)
                && srcards::paragraph(self, b, &tags, topic)
            {
                k += 1;
                continue;
            }
            if b.is_paragraph(evs) {
                let n = qa::question(self, &blocks[k..], topic);
                if n > 0 {
                    k += n;
                    continue;
                }
            }
            if let Some(q) = summary::question_in(evs, b) {
                let n = summary::question(self, &blocks[k..], q, topic);
                if n > 0 {
                    k += n;
                    continue;
                }
            }
            self.out.extend(evs[b.start..b.end].iter().cloned());
            k += 1;
        }
    }

    /// The question a head opens with the blocks under it (`own`), if one of the
    /// [`ANSWER_FORMS`] is there; true when it was written out.
    fn head_question(&mut self, head: &Head, own: &[Block], topic: &[String]) -> bool {
        let evs = self.evs;
        let (hblock, heading_id, heading_text) = head.parts(evs);
        let meta_block = meta::meta_block(evs, own);
        let content_start = usize::from(meta_block.is_some());
        let asking = Asking {
            heading: &heading_text,
            has_meta: meta_block.is_some(),
            lenient: self.lenient,
            page_says: self.page.front.questions == Some(true),
        };
        let Some((at, form)) = ANSWER_FORMS
            .iter()
            .filter_map(|f| f.find(evs, own).map(|at| (at, *f)))
            .min_by_key(|(at, _)| *at)
            .filter(|(at, _)| *at >= content_start)
            .filter(|(at, f)| f.reads_as_question(evs, own[*at], &asking))
        else {
            return false;
        };
        let mut question: Vec<Ev<'a>> = evs[hblock.start + 1..hblock.end - 1].to_vec();
        if let (Head::Para(_), Some((Event::Text(t), at))) = (head, question.first().cloned()) {
            question[0] = (
                Event::Text(t.trim_start_matches('#').trim_start().to_string().into()),
                at,
            );
        }
        let stem_blocks = &own[content_start..at];
        let (line, _) = self.loc.line_col(evs[hblock.start].1);
        let meta = meta_block.as_ref().map(|(m, _)| m);
        let stem_text = plain_text(&slice(evs, stem_blocks));
        let mut diags = Vec::new();
        meta::unknown_keys(evs, &meta_block, self.loc, &mut diags);
        let at_head = evs[hblock.start].1;
        let id = ids::question_id(
            meta,
            &heading_text,
            &stem_text,
            at_head,
            self.loc,
            &mut self.found.ids,
            &mut diags,
        );
        let mut draft = Draft {
            id,
            explicit_id: meta.and_then(|m| m.id.as_ref()).is_some(),
            kind: QuestionKind::Free,
            line,
            heading_id,
            topic: topic.to_vec(),
            tags: meta::merge_tags(meta, self.page),
            see: meta.and_then(|m| m.see.clone()),
            domain: meta.and_then(|m| m.domain.clone()),
            text: heading_text,
            question,
            stem: slice(evs, stem_blocks),
            answer: Vec::new(),
            options: Vec::new(),
            fixed: false,
            explain: Vec::new(),
            accept: Vec::new(),
            numeric: None,
            cloze: None,
            guid: meta.and_then(|m| m.guid.clone()),
            reversed: meta.is_some_and(|m| m.reverse),
        };
        let mut cx = FormCx {
            loc: self.loc,
            lenient: self.lenient,
            diags: &mut diags,
        };
        let ok = form.read(evs, &own[at..], &mut draft, &mut cx);
        let failed = !ok || diags.iter().any(Diagnostic::is_error);
        for_mode(self.lenient, &mut diags);
        if self.lenient && failed {
            diags.push(self.loc.warning(at_head, "question left out (lenient mode)"));
        }
        self.found.diags.extend(diags);
        if failed && self.lenient {
            return false;
        }
        let shown_heading = matches!(head, Head::Heading(..)).then_some(hblock);
        html::emit(evs, shown_heading, &draft, stem_blocks, self.ui, &mut self.out);
        self.found.drafts.push(draft);
        true
    }
}
