//! Question and answer written as `Q:` and `A:` among the notes, the way plain notes
//! and many study repositories write them:
//!
//! ```markdown
//! Q: What does S3 versioning protect against?
//! A: Overwrites and deletes: every version is kept.
//!
//! **Q:** Which service queues messages?
//!
//! **A:** SQS.
//! ```
//!
//! The question is a paragraph whose first line starts with `Q:` (or `Question:`, either
//! in bold); the answer starts at a line of the same paragraph, or the paragraph right
//! after it, that starts with `A:` (`Ans:`, `Answer:`), and holds the rest of that
//! paragraph and the lists, code, tables and quotes right under it. A `Q:` with no `A:`
//! is notes.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Walk;
use super::details::is_blank;
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::Draft;
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::markdown::headings::plain_text;

const QUESTION: [&str; 2] = ["Q:", "Question:"];
const ANSWER: [&str; 3] = ["A:", "Ans:", "Answer:"];

/// Whether a text may open a `Q:` question (the page's quick check for candidates).
pub(super) fn opens(t: &str) -> bool {
    QUESTION.iter().any(|m| t.trim_start().starts_with(m))
}

/// A line without its leading marker (`Q:`, `**Q:**`), when it starts with one of `markers`.
fn unmarked<'a>(line: &[Ev<'a>], markers: &[&str]) -> Option<Vec<Ev<'a>>> {
    fn strip<'t>(t: &'t str, markers: &[&str]) -> Option<&'t str> {
        markers
            .iter()
            .find_map(|m| t.trim_start().strip_prefix(m))
            .map(str::trim_start)
    }
    match line {
        [(Event::Text(t), at), rest @ ..] => {
            let after = strip(t, markers)?;
            let mut out = Vec::with_capacity(line.len());
            if !after.is_empty() {
                out.push((Event::Text(after.to_string().into()), *at));
            }
            out.extend(rest.iter().cloned());
            Some(out)
        }
        // `**Q:**` / `*Q:*` then the text.
        [
            (open @ Event::Start(Tag::Strong | Tag::Emphasis), o),
            (Event::Text(t), at),
            (close @ Event::End(_), c),
            rest @ ..,
        ] => {
            let after = strip(t, markers)?;
            if !after.is_empty() {
                // `**Q: The whole question in bold?**`
                let mut out = vec![
                    (open.clone(), *o),
                    (Event::Text(after.to_string().into()), *at),
                    (close.clone(), *c),
                ];
                out.extend(rest.iter().cloned());
                return Some(out);
            }
            let mut rest = rest.to_vec();
            if let Some((Event::Text(t), _)) = rest.first_mut() {
                *t = t.trim_start().to_string().into();
            }
            Some(rest)
        }
        _ => None,
    }
}

/// A paragraph's lines (split at its line breaks).
fn lines<'a>(evs: &[Ev<'a>], b: Block) -> Vec<Vec<Ev<'a>>> {
    let mut out = vec![Vec::new()];
    for ev in &evs[b.start + 1..b.end - 1] {
        match ev.0 {
            Event::SoftBreak | Event::HardBreak => out.push(Vec::new()),
            _ => out.last_mut().unwrap_or_else(|| unreachable!()).push(ev.clone()),
        }
    }
    out
}

/// Lines joined back into a paragraph's events.
fn paragraph<'a>(lines: &[Vec<Ev<'a>>], at: usize) -> Vec<Ev<'a>> {
    let mut out = vec![(Event::Start(Tag::Paragraph), at)];
    for (n, l) in lines.iter().enumerate() {
        if n > 0 {
            out.push((Event::SoftBreak, at));
        }
        out.extend(l.iter().cloned());
    }
    out.push((Event::End(TagEnd::Paragraph), at));
    out
}

/// Whether a block may continue an answer: a list, code, a table or a quote.
fn continues(evs: &[Ev], b: Block) -> bool {
    matches!(
        b.first(evs),
        Event::Start(Tag::List(_) | Tag::CodeBlock(_) | Tag::Table(_) | Tag::BlockQuote(_))
    )
}

/// Writes a `Q:` / `A:` question opened by `blocks[0]`; returns how many blocks it took
/// (0: not one).
pub(super) fn question(w: &mut Walk, blocks: &[Block], topic: &[String]) -> usize {
    let evs = w.evs;
    let first = blocks[0];
    if !first.is_paragraph(evs) {
        return 0;
    }
    let mut qlines = lines(evs, first);
    let Some(q0) = unmarked(&qlines[0], &QUESTION) else {
        return 0;
    };
    qlines[0] = q0;
    let at = evs[first.start].1;
    // The answer's line: in the question's paragraph, or opening the next one.
    let (alines, mut used) = match qlines.iter().position(|l| unmarked(l, &ANSWER).is_some()) {
        Some(n) if n > 0 => (qlines.split_off(n), 1),
        _ => match blocks.get(1).filter(|b| b.is_paragraph(evs)) {
            Some(&next) => (lines(evs, next), 2),
            None => return 0,
        },
    };
    let Some(a0) = unmarked(&alines[0], &ANSWER) else {
        return 0;
    };
    let mut alines = alines;
    alines[0] = a0;
    let mut question: Vec<Ev> = Vec::new();
    for (n, l) in qlines.iter().enumerate() {
        if n > 0 {
            question.push((Event::SoftBreak, at));
        }
        question.extend(l.iter().cloned());
    }
    let text = plain_text(&question);
    if text.trim().is_empty() {
        return 0;
    }
    let answer_at = evs[blocks[used - 1].start].1;
    let mut answer = paragraph(&alines, answer_at);
    while let Some(&b) = blocks.get(used).filter(|b| continues(evs, **b)) {
        answer.extend(evs[b.start..b.end].iter().cloned());
        used += 1;
    }
    let mut diags = Vec::new();
    if is_blank(&answer) {
        diags.push(
            w.loc
                .error(answer_at, "`A:` with nothing after it: the answer is empty")
                .with_help("write the answer after `A:`"),
        );
    }
    let (line, _) = w.loc.line_col(at);
    let id = question_id(None, &text, "", at, w.loc, &mut w.found.ids, &mut diags);
    let mut draft = Draft::free(id, line, topic, merge_tags(None, w.page), text, question, answer);
    super::free::refine(&mut draft, w.loc, &mut diags);
    if !w.keep_free(evs, draft, diags) {
        return 0;
    }
    used
}
