//! The question in a `<summary>`: `<details><summary>Question?</summary>answer</details>`,
//! anywhere among a section's notes. The summary must end with `?` (after its tags);
//! any other `<details>` ("Show code", "Click to expand", "Example") stays a disclosure.

use super::details::{is_blank, span, summary, unwrap};
use super::html::emit;
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::{Draft, QuestionKind};
use super::{Walk, lenient_warnings};
use crate::diagnostics::Diagnostic;
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
    let draft = Draft {
        id,
        explicit_id: false,
        kind: QuestionKind::Free,
        line,
        heading_id: None,
        topic: topic.to_vec(),
        tags: merge_tags(None, w.page),
        question: vec![(Event::Text(text.clone().into()), at)],
        text,
        stem: Vec::new(),
        answer,
        options: Vec::new(),
        fixed: false,
        explain: Vec::new(),
    };
    let failed = diags.iter().any(Diagnostic::is_error);
    if w.lenient {
        lenient_warnings(&mut diags);
    }
    w.found.diags.extend(diags);
    if failed && w.lenient {
        return 0;
    }
    emit(evs, None, &draft, &[], w.ui, &mut w.out);
    w.found.drafts.push(draft);
    n
}
