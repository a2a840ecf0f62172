//! Choice, task-list form: a heading whose section holds a task list (`- [x]` marks
//! correct options; bullets may be shuffled, `1. [ ]` keeps its order); a blockquote
//! nested in an option explains it, whatever follows the list explains the question.
//! Lenient mode (imported banks) also takes `- []` and `- [ ]\u{a0}text`, and merges an
//! option list split by an unindented code block or image.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::model::{Draft, DraftOption, QuestionKind};
use super::{AnswerForm, Asking, FormCx, slice};
use crate::diagnostics::Diagnostic;
use crate::markdown::blocks::{Block, children};
use crate::markdown::headings::plain_text;
use crate::markdown::{Ev, Locator};

/// A task list after the question.
pub struct TaskList;

impl AnswerForm for TaskList {
    fn find(&self, evs: &[Ev], own: &[Block]) -> Option<usize> {
        own.iter().position(|b| is_task_list(evs, *b))
    }

    fn read<'a>(&self, evs: &[Ev<'a>], blocks: &[Block], draft: &mut Draft<'a>, cx: &mut FormCx) -> bool {
        choice_question(evs, blocks[0], &blocks[1..], draft, cx.loc, cx.lenient, cx.diags)
    }

    /// A task list is a question only when it reads as one: the heading asks (has a
    /// `?`, or is numbered `Q12.`), an id comment marks it, an option is ticked (and it
    /// is not a to-do list: [`super::todo`]), or the page (`questions: true`) or site
    /// (lenient) says so. Otherwise (`## Thursday` / `- [ ] buy milk`) it is notes.
    fn reads_as_question(&self, evs: &[Ev], list: Block, asking: &Asking) -> bool {
        asking.lenient
            || asking.page_says
            || asking.has_meta
            || asks(asking.heading)
            || evs[list.start..list.end]
                .iter()
                .any(|(e, _)| matches!(e, Event::TaskListMarker(true)))
                && !super::todo::is_todo(evs, list, asking.heading)
    }
}

/// A heading that asks: it has a `?`, or starts `Q12.` / `Q12:`.
fn asks(heading: &str) -> bool {
    let t = heading.trim();
    let numbered = t.strip_prefix(['Q', 'q']).is_some_and(|r| {
        r.starts_with(|c: char| c.is_ascii_digit())
            && r.trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with(['.', ':', ')'])
    });
    numbered || t.contains(['?', '？', '؟'])
}

pub(super) fn is_task_list(evs: &[Ev], block: Block) -> bool {
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

/// The way out for an imported bank, in the help of its commonest errors (not in
/// lenient mode, which took it).
fn way_out(lenient: bool) -> &'static str {
    if lenient {
        ""
    } else {
        "; if this is an imported question bank, `[questions] lenient = true` in studysite.toml \
         leaves such questions out with a warning"
    }
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
                        .with_help(format!(
                            "write every option as `- [ ] text`, and the correct ones as `- [x] text`{}",
                            way_out(lenient)
                        )),
                ),
            }
        }
        if let Some(o) = draft.options.last_mut() {
            o.extra.extend(slice(evs, &attached));
        }
    }
    // Navigation lines ("⬆ Back to Top") are not explanations.
    let rest: Vec<Block> = rest
        .iter()
        .copied()
        .filter(|b| !super::boilerplate::is_nav_block(evs, *b))
        .collect();
    draft.explain = slice(evs, &rest);
    let correct = draft.options.iter().filter(|o| o.correct).count();
    let at = evs[list.start].1;
    if correct == 0 {
        diags.push(
            loc.error(at, "choice question has no correct option")
                .with_help(format!("mark the correct option(s) with `- [x]`{}", way_out(lenient))),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::letter;

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
