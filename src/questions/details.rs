//! `<details>` answers. A heading whose first block after its stem is a `<details>`
//! whose summary names an answer (`show`, `Answer`, `Show solution`, …) is a free
//! question with the disclosure's content as its answer (the CKAD exercises' form).
//!
//! The rule that keeps a disclosure a disclosure: every word of the summary must be one
//! of [`ANSWER_WORDS`] and one of them must be `show`, `reveal`, `answer(s)` or
//! `solution(s)`; so "Show code", "Click to expand", "Output" or "Hint" stay notes.
//! [`span`] and [`unwrap`] are shared with the `<summary>Question?</summary>` form.

use pulldown_cmark::Event;

use super::model::{Draft, QuestionKind};
use super::{AnswerForm, FormCx, slice};
use crate::markdown::Ev;
use crate::markdown::blocks::Block;

/// Words a summary that announces an answer is made of.
const ANSWER_WORDS: &[&str] = &[
    "show",
    "reveal",
    "answer",
    "answers",
    "solution",
    "solutions",
    "the",
    "click",
    "tap",
    "here",
    "to",
    "for",
    "see",
    "view",
    "me",
    "check",
    "your",
    "correct",
];
/// Of which one must be there.
const KEY_WORDS: &[&str] = &["show", "reveal", "answer", "answers", "solution", "solutions"];

/// A `<details>` answer after the question's heading.
pub struct DetailsAnswer;

impl AnswerForm for DetailsAnswer {
    fn find(&self, evs: &[Ev], own: &[Block]) -> Option<usize> {
        let at = own.iter().position(|b| summary(evs, *b).is_some())?;
        summary(evs, own[at]).filter(|s| is_answer_summary(s)).map(|_| at)
    }

    fn read<'a>(&self, evs: &[Ev<'a>], blocks: &[Block], draft: &mut Draft<'a>, cx: &mut FormCx) -> bool {
        draft.kind = QuestionKind::Free;
        let end = span(evs, blocks).unwrap_or(blocks.len());
        let mut answer = unwrap(evs, &blocks[..end]);
        // What follows the disclosure in the section stays with the answer.
        answer.extend(slice(evs, &blocks[end..]));
        if is_blank(&answer) {
            cx.diags.push(
                cx.loc
                    .error(evs[blocks[0].start].1, "`<details>` answer with nothing in it")
                    .with_help("write the answer between `<summary>…</summary>` and `</details>`"),
            );
            return false;
        }
        draft.answer = answer;
        true
    }
}

/// No text, code or HTML with anything in it.
pub(super) fn is_blank(evs: &[Ev]) -> bool {
    !evs.iter().any(|(e, _)| match e {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => !t.trim().is_empty(),
        Event::Start(pulldown_cmark::Tag::Image { .. }) => true,
        _ => false,
    })
}

/// The raw HTML of an HTML block, joined.
pub(super) fn html_text(evs: &[Ev], b: Block) -> Option<String> {
    if !b.is_html(evs) {
        return None;
    }
    let mut s = String::new();
    for (e, _) in &evs[b.start..b.end] {
        if let Event::Html(t) = e {
            s.push_str(t);
        }
    }
    Some(s)
}

/// The plain text of the summary of a `<details>` that opens block `b`.
pub(super) fn summary(evs: &[Ev], b: Block) -> Option<String> {
    let html = html_text(evs, b)?;
    let t = html.trim_start();
    if !t.to_ascii_lowercase().starts_with("<details") {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let open = lower.find("<summary")?;
    let body_start = open + lower[open..].find('>')? + 1;
    let close = body_start + lower[body_start..].find("</summary>")?;
    Some(decode(&crate::util::strip_tags(&t[body_start..close])))
}

pub(super) fn is_answer_summary(summary: &str) -> bool {
    let lower = summary.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| ANSWER_WORDS.contains(w)) && words.iter().any(|w| KEY_WORDS.contains(w))
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// How many `<details>` a piece of HTML opens minus how many it closes.
fn depth_change(html: &str) -> i32 {
    let l = html.to_ascii_lowercase();
    l.matches("<details").count() as i32 - l.matches("</details>").count() as i32
}

/// The number of blocks (from `blocks[0]`, which opens a `<details>`) up to and with
/// the one that closes it; none when it is never closed.
pub(super) fn span(evs: &[Ev], blocks: &[Block]) -> Option<usize> {
    let mut depth = 0;
    for (n, b) in blocks.iter().enumerate() {
        if let Some(h) = html_text(evs, *b) {
            depth += depth_change(&h);
            if depth <= 0 {
                return Some(n + 1);
            }
        }
    }
    None
}

/// The content of a `<details>` (`blocks`: from its opening to its closing block):
/// its inner blocks, and the inner HTML of the opening and closing blocks without the
/// `<details>`, `<summary>` and `</details>` tags (and a bare `<p>` around them).
pub(super) fn unwrap<'a>(evs: &[Ev<'a>], blocks: &[Block]) -> Vec<Ev<'a>> {
    let mut out = Vec::new();
    let last = blocks.len().saturating_sub(1);
    for (n, b) in blocks.iter().enumerate() {
        let html = if n == 0 || n == last { html_text(evs, *b) } else { None };
        let Some(mut h) = html else {
            out.extend(evs[b.start..b.end].iter().cloned());
            continue;
        };
        if n == 0 {
            let l = h.to_ascii_lowercase();
            match l.find("</summary>") {
                Some(i) => h = h[i + "</summary>".len()..].to_string(),
                None => h = h[l.find('>').map_or(0, |i| i + 1)..].to_string(),
            }
        }
        if n == last
            && let Some(i) = h.to_ascii_lowercase().rfind("</details>")
        {
            h.truncate(i);
        }
        // A `<p>` or `</p>` on a line of its own, around the disclosure's content.
        let t = h.trim();
        let t = if t == "<p>" || t.starts_with("<p>\n") {
            t[3..].trim()
        } else {
            t
        };
        let t = if t == "</p>" || t.ends_with("\n</p>") {
            t[..t.len() - 4].trim()
        } else {
            t
        };
        if !t.is_empty() {
            out.push((Event::Html(format!("{t}\n").into()), evs[b.start].1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_answer_summary;

    #[test]
    fn summaries_that_announce_an_answer() {
        for s in [
            "show",
            "Answer",
            "Show answer",
            "Show Solution",
            "Click to see the answer",
            "Reveal",
        ] {
            assert!(is_answer_summary(s), "{s}");
        }
        for s in ["Show code", "Click to expand", "Output", "Hint", "Details", "Why?", ""] {
            assert!(!is_answer_summary(s), "{s}");
        }
    }
}
