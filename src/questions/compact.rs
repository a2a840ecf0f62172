//! Free response, compact form: a paragraph whose first line is the question and whose
//! next line starts with `✅`; the answer runs to the next compact question or the end
//! of the section.

use pulldown_cmark::{Event, Tag};

use super::free::starts_with_check;
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::Draft;
use super::{Walk, slice};
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::markdown::headings::plain_text;

/// Where compact questions start among a section's blocks.
pub(super) fn starts(evs: &[Ev], body: &[Block]) -> Vec<usize> {
    (0..body.len())
        .filter(|&k| compact_break(evs, body[k]).is_some())
        .collect()
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

/// The compact questions of a section (`starts`: from [`starts`]), each with `topic`.
pub(super) fn questions(w: &mut Walk, body: &[Block], starts: &[usize], topic: &[String]) {
    let evs = w.evs;
    for (n, &k) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(body.len());
        let para = body[k];
        let brk = compact_break(evs, para).unwrap_or(para.start);
        let question: Vec<Ev> = evs[para.start + 1..brk].to_vec();
        let text = plain_text(&question);
        let (line, _) = w.loc.line_col(evs[para.start].1);
        let mut diags = Vec::new();
        let id = question_id(None, &text, "", evs[para.start].1, w.loc, &mut w.found.ids, &mut diags);
        let mut answer = vec![(Event::Start(Tag::Paragraph), evs[brk + 1].1)];
        answer.extend(evs[brk + 1..para.end].iter().cloned());
        answer.extend(slice(evs, &body[k + 1..end]));
        let only_check = plain_text(&answer).trim_start_matches('✅').trim().is_empty();
        if only_check {
            diags.push(
                w.loc
                    .error(evs[brk + 1].1, "`✅` with nothing after it: the answer is empty")
                    .with_help("write the answer after the ✅ on the same line"),
            );
        }
        let mut draft = Draft::free(id, line, topic, merge_tags(None, w.page), text, question, answer);
        if !only_check {
            super::free::refine(&mut draft, w.loc, &mut diags);
        }
        if !w.keep_free(evs, draft, diags) {
            w.out.extend(slice(evs, &body[k..end]));
            continue;
        }
    }
}
