//! Free response, heading form: a heading whose section holds a paragraph starting with
//! `✅`; everything from there to the section's end is the answer.

use pulldown_cmark::Event;

use super::model::{Draft, QuestionKind};
use super::{AnswerForm, FormCx, slice};
use crate::diagnostics::Diagnostic;
use crate::markdown::blocks::Block;
use crate::markdown::headings::plain_text;
use crate::markdown::{Ev, Locator};

/// `✅ answer` after the question.
pub struct CheckMark;

impl AnswerForm for CheckMark {
    fn find(&self, evs: &[Ev], own: &[Block]) -> Option<usize> {
        own.iter()
            .position(|b| b.is_paragraph(evs) && starts_with_check(evs, *b))
    }

    fn read<'a>(&self, evs: &[Ev<'a>], blocks: &[Block], draft: &mut Draft<'a>, cx: &mut FormCx) -> bool {
        free_answer(evs, blocks, draft, cx.loc, cx.diags)
    }
}

pub(super) fn starts_with_check(evs: &[Ev], block: Block) -> bool {
    matches!(evs.get(block.start + 1), Some((Event::Text(t), _)) if t.trim_start().starts_with('✅'))
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
    refine(draft, loc, diags);
    true
}

/// A free answer that is typed ([`super::typed`]) or a number ([`super::numeric`]).
pub(super) fn refine(draft: &mut Draft, loc: &Locator, diags: &mut Vec<Diagnostic>) {
    super::typed::read(draft, loc, diags);
    if draft.kind == QuestionKind::Free {
        super::numeric::read(draft, loc, diags);
    }
}
