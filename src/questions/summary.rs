//! The question in a `<summary>`: `<details><summary>Question?</summary>answer</details>`,
//! anywhere among a section's notes. The summary must end with `?` (after its tags);
//! any other `<details>` ("Show code", "Click to expand", "Example") stays a disclosure.

use super::Walk;
use super::details::{is_blank, span, summary, unwrap};
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::Draft;
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use pulldown_cmark::Event;

/// The summary's question, when block `b` opens a `<details>` that asks one.
pub(super) fn question_in(evs: &[Ev], b: Block) -> Option<String> {
    summary(evs, b).filter(|s| s.ends_with('?') && s.len() > 1)
}

/// Writes `blocks[0..n]` (a `<details>` opened by `blocks[0]`, whose summary asks
/// `text`) as a free question; returns how many blocks it took (0: not a question).
pub(super) fn question(w: &mut Walk, blocks: &[Block], text: String, topic: &[String]) -> usize {
    let evs = w.evs;
    let Some(n) = span(evs, blocks) else { return 0 };
    let at = evs[blocks[0].start].1;
    let answer = unwrap(evs, &blocks[..n]);
    let mut diags = Vec::new();
    if is_blank(&answer) {
        diags.push(
            w.loc
                .error(at, "`<details>` question with nothing in its answer")
                .with_help("write the answer between `</summary>` and `</details>`"),
        );
    }
    let (line, _) = w.loc.line_col(at);
    let id = question_id(None, &text, "", at, w.loc, &mut w.found.ids, &mut diags);
    let question = vec![(Event::Text(text.clone().into()), at)];
    let draft = Draft::free(id, line, topic, merge_tags(None, w.page), text, question, answer);
    if !w.keep_free(evs, draft, diags) {
        return 0;
    }
    n
}
