//! Lenient mode's question banks: a paragraph that opens a question without a heading
//! (`Q67. …`, `###Q70. …`) when a task list follows it, so one section holds many
//! questions.

use super::tasklist::is_task_list;
use super::{Head, Walk};
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::markdown::headings::{Heading, plain_text};

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

/// A section split where a `Q12.` paragraph followed by a task list opens a new question.
pub(super) fn section(w: &mut Walk, heading: Option<(Block, Heading)>, body: &[Block], topic: &[String]) {
    let evs = w.evs;
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
    w.question_section(heading.map(|(b, h)| Head::Heading(b, h)), &body[..first], topic);
    for (n, &k) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        w.question_section(Some(Head::Para(body[k])), &body[k + 1..end], &head_topic);
    }
}
