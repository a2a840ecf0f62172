//! Choice, task-list form: a heading whose section holds a task list (`- [x]` marks
//! correct options; bullets may be shuffled, `1. [ ]` keeps its order); a blockquote
//! nested in an option explains it, whatever follows the list explains the question.
//! A box Markdown does not see (`- [ ]text`, `- []`, `- [ ]\u{a0}text`, `- [x]text`,
//! `- [×]`) is read as an option's where the rest of the list are options, with a warning
//! saying how to write it. Lenient mode (imported banks) also merges an option list split
//! by an unindented code block or image.

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
            // `- [ ]text`, `- [ ]\u{a0}text`, `- []`: not task items to CommonMark;
            // read as options where the rest of the list are (with a warning).
            Event::Text(t) => near_box(t).is_some(),
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
    let read: Vec<Vec<(Block, Option<_>)>> = groups
        .iter()
        .map(|(l, _)| children(evs, *l).into_iter().map(|i| (i, option(evs, i))).collect())
        .collect();
    // A box Markdown does not see (`- [ ]text`) is an option's only where the rest of
    // the list are options too; else it is reported as a missing checkbox.
    let all_boxed = read.iter().flatten().all(|(_, o)| o.is_some());
    for ((_, attached), items) in groups.iter().zip(read) {
        for (item, read) in items {
            match read {
                Some((o, near)) if near.is_none() || all_boxed => {
                    if let Some(n) = near {
                        diags.push(loc.warning(n.at, n.message).with_help(n.help));
                    }
                    draft.options.push(o);
                }
                _ => diags.push(
                    loc.error(evs[item.start].1, "option without a checkbox in a choice question")
                        .with_help(format!(
                            "write every option as `- [ ] text`, and the correct ones as `- [x] text`{}",
                            way_out(lenient)
                        )),
                ),
            }
        }
        if let Some(o) = draft.options.last_mut() {
            o.extra.extend(slice(evs, attached));
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

/// An option's box written so that Markdown sees no checkbox: `[ ]text`, `[]`,
/// `[ ]\u{a0}text`, `[x]text`, `[×]`. Where it sits in a list of options it is read as
/// one, with a warning saying how to write it.
struct NearBox {
    /// Where the box starts (body offset).
    at: usize,
    /// How it was written, and how to write it.
    message: String,
    help: &'static str,
}

/// The near-boxes: what is written, ticked or not, and how to write it instead.
const NEAR_BOXES: [(&str, bool, &str); 7] = [
    ("[ ]", false, "put a space after the box: `- [ ] text`"),
    (
        "[]",
        false,
        "write the box with a space inside and after it: `- [ ] text`",
    ),
    ("[x]", true, "put a space after the box: `- [x] text`"),
    ("[X]", true, "put a space after the box: `- [x] text`"),
    ("[×]", true, "tick the box with the letter x: `- [x] text`"),
    // Cyrillic х.
    ("[\u{445}]", true, "tick the box with the Latin letter x: `- [x] text`"),
    ("[\u{425}]", true, "tick the box with the Latin letter x: `- [x] text`"),
];

/// The near-box a text starts with, and the text after it.
fn near_box(t: &str) -> Option<(usize, &'static (&'static str, bool, &'static str), &str)> {
    let lead = t.len() - t.trim_start().len();
    let trimmed = &t[lead..];
    NEAR_BOXES
        .iter()
        .find_map(|b| trimmed.strip_prefix(b.0).map(|rest| (lead, b, rest)))
}

/// A text that starts with a box Markdown does not see (`[ ]text`, `[]`, …).
pub(super) fn starts_with_box(t: &str) -> bool {
    t.trim_start().starts_with('[') && near_box(t).is_some()
}

/// An option: its text, and the near-box it was written with (if any).
fn option<'a>(evs: &[Ev<'a>], item: Block) -> Option<(DraftOption<'a>, Option<NearBox>)> {
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
    let mut near = None;
    if correct.is_none()
        && let Some((Event::Text(t), at)) = text.first().cloned()
        && let Some((lead, &(written, c, help), rest)) = near_box(&t)
    {
        // Not task items to CommonMark (nor GitHub): the box is read here, and reported.
        correct = Some(c);
        let after = rest.chars().next();
        let message = match after {
            Some(ch) if !ch.is_whitespace() || ch == '\u{a0}' => {
                let what = if ch == '\u{a0}' {
                    "a non-breaking space".to_string()
                } else {
                    "no space".to_string()
                };
                format!("`{written}` with {what} after it is not a checkbox in Markdown")
            }
            _ => format!("`{written}` is not a checkbox in Markdown"),
        };
        let message = match written.chars().nth(1).filter(|ch| !ch.is_ascii()) {
            Some(tick) => format!(
                "{message} (its tick is `{tick}`, U+{:04X}, not the letter x)",
                tick as u32
            ),
            None => message,
        };
        let message = format!(
            "{message}; read as {} option",
            if c { "a ticked (correct)" } else { "an unticked" }
        );
        near = Some(NearBox {
            at: at + lead,
            message,
            help,
        });
        text[0] = (
            Event::Text(rest.trim_start_matches(['\u{a0}', ' ']).to_string().into()),
            at,
        );
    }
    let correct = correct?;
    // Trim a soft break left before a nested quote.
    while matches!(text.last(), Some((Event::SoftBreak, _))) {
        text.pop();
    }
    let pin = is_pinned(&plain_text(&text));
    Some((
        DraftOption {
            text,
            extra,
            why,
            correct,
            pin,
        },
        near,
    ))
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

    #[test]
    fn boxes_markdown_does_not_see() {
        fn read(t: &str) -> Option<(usize, bool, &str)> {
            near_box(t).map(|(lead, b, rest)| (lead, b.1, rest))
        }
        assert_eq!(read("[ ]text"), Some((0, false, "text")));
        assert_eq!(read("[] text"), Some((0, false, " text")));
        assert_eq!(read("[]text"), Some((0, false, "text")));
        assert_eq!(read("[x]text"), Some((0, true, "text")));
        assert_eq!(read("[X]text"), Some((0, true, "text")));
        assert_eq!(read("[\u{d7}] 4"), Some((0, true, " 4")));
        assert_eq!(read("[\u{445}] Pulse"), Some((0, true, " Pulse")));
        assert_eq!(read(" [ ]\u{a0}a"), Some((1, false, "\u{a0}a")));
        // Text that only mentions a box, or a link, is not one.
        assert_eq!(read("text [ ]"), None);
        assert_eq!(read("[y] text"), None);
        assert_eq!(read("reference"), None);
    }
}
