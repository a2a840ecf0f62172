//! A list of questions, an item each, as interview-question repositories write them:
//! the item's text is the question and a `<details>` in it, whose summary names an
//! answer ([`super::details`]: `Answer`, `Show answer`, `Solution`), holds the answer.
//!
//! ```markdown
//! 1. What is a closure?
//!
//!    <details><summary>Answer</summary>
//!
//!    A function with the variables around it.
//!
//!    </details>
//! ```
//!
//! Only a list whose every item reads so is questions; any other list stays notes.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Walk;
use super::details::{is_answer_summary, is_blank, span, summary, unwrap};
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::Draft;
use crate::markdown::Ev;
use crate::markdown::blocks::{Block, children, top_level};
use crate::markdown::headings::plain_text;

/// One item read as a question: its question (inline events), its answer and where it is.
type Item<'a> = (Vec<Ev<'a>>, Vec<Ev<'a>>, usize);

/// Writes list `b` as questions when every item is one; true when it did.
pub(super) fn list(w: &mut Walk, b: Block, topic: &[String]) -> bool {
    let evs = w.evs;
    let items = children(evs, b);
    let mut read: Vec<Item> = Vec::with_capacity(items.len());
    for it in &items {
        if !matches!(evs[it.start].0, Event::Start(Tag::Item)) || it.end - it.start < 2 {
            return false;
        }
        match item(&evs[it.start + 1..it.end - 1]) {
            Some(q) => read.push(q),
            None => return false,
        }
    }
    if read.is_empty() {
        return false;
    }
    for (question, answer, at) in read {
        let text = plain_text(&question);
        let mut diags = Vec::new();
        if is_blank(&answer) {
            diags.push(
                w.loc
                    .error(at, "`<details>` answer with nothing in it")
                    .with_help("write the answer between `<summary>…</summary>` and `</details>`"),
            );
        }
        let (line, _) = w.loc.line_col(at);
        let id = question_id(None, &text, "", at, w.loc, &mut w.found.ids, &mut diags);
        let draft = Draft::free(id, line, topic, merge_tags(None, w.page), text, question, answer);
        w.keep_free(evs, draft, diags);
    }
    true
}

/// An item's question and answer: its text first (a paragraph, or a tight item's
/// inline text), then a `<details>` with an answer summary and what follows it.
fn item<'a>(sub: &[Ev<'a>]) -> Option<Item<'a>> {
    let blocks = top_level(sub);
    let at = blocks
        .iter()
        .position(|bl| summary(sub, *bl).is_some_and(|s| is_answer_summary(&s)))?;
    let question: Vec<Ev> = match &blocks[..at] {
        [] => return None,
        [p] if p.is_paragraph(sub) => sub[p.start + 1..p.end - 1].to_vec(),
        inline => {
            let block_level = |b: &Block| {
                matches!(
                    sub[b.start].0,
                    Event::Start(
                        Tag::Paragraph
                            | Tag::List(_)
                            | Tag::CodeBlock(_)
                            | Tag::Heading { .. }
                            | Tag::Table(_)
                            | Tag::BlockQuote(_)
                            | Tag::HtmlBlock
                    )
                )
            };
            if inline.iter().any(block_level) {
                return None;
            }
            inline
                .iter()
                .flat_map(|b| sub[b.start..b.end].iter().cloned())
                .collect()
        }
    };
    if plain_text(&question).trim().is_empty() {
        return None;
    }
    let n = span(sub, &blocks[at..])?;
    let mut answer = unwrap(sub, &blocks[at..at + n]);
    for b in &blocks[at + n..] {
        answer.extend(sub[b.start..b.end].iter().cloned());
    }
    // (an answer that is bare text, in a tight item, is a paragraph of it)
    if answer.first().is_some_and(|(e, _)| matches!(e, Event::Text(_))) {
        let at = answer[0].1;
        answer.insert(0, (Event::Start(Tag::Paragraph), at));
        answer.push((Event::End(TagEnd::Paragraph), at));
    }
    let at = sub.first().map_or(0, |e| e.1);
    Some((question, answer, at))
}
