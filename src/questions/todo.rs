//! What tells a to-do list from a choice question when its heading does not ask: notes
//! are full of ticked lists (`## Progress` / `- [x] Week 1`, `## 2024-09-02` /
//! `- [x] email the TA`), and a false question on a notes site is worse than a missed
//! one. A ticked list under a heading that does not ask is notes when every item is
//! ticked (a done list; no choice question has every option right), or when the
//! heading names a to-do list, a plan or a day.

use pulldown_cmark::Event;

use crate::markdown::Ev;
use crate::markdown::blocks::{Block, children};

/// Whether the task list `list` under `heading` is a to-do list rather than a question.
pub fn is_todo(evs: &[Ev], list: Block, heading: &str) -> bool {
    all_ticked(evs, list) || todo_heading(heading)
}

fn all_ticked(evs: &[Ev], list: Block) -> bool {
    let items = children(evs, list);
    items.len() > 1
        && items.iter().all(|item| {
            evs[item.start..item.end]
                .iter()
                .take(3)
                .any(|(e, _)| matches!(e, Event::TaskListMarker(true)))
        })
}

/// Words of headings over to-do lists, plans and logs (lowercase; a heading is one when
/// one of its words, or pairs of words, is among them).
const TODO_WORDS: &[&str] = &[
    "todo",
    "todos",
    "to-do",
    "to-dos",
    "to do",
    "tasks",
    "task",
    "checklist",
    "check list",
    "progress",
    "roadmap",
    "done",
    "plan",
    "plans",
    "planning",
    "goals",
    "agenda",
    "backlog",
    "milestones",
    "next steps",
    "action items",
    "reading list",
    "homework",
    "assignments",
    "schedule",
    "status",
    "changelog",
    "habits",
    "today",
    "tomorrow",
    "yesterday",
    "daily",
    "weekly",
    "journal",
    "log",
    "aufgaben",
    "erledigt",
    "tâches",
    "tareas",
    "pendientes",
    "attività",
];

const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A heading that names a to-do list, a plan or a day (`## TODO`, `## Next steps`,
/// `## Thursday`, `## 2024-09-02`, `## Week 3 progress`).
fn todo_heading(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let pair = |i: usize| words.get(i + 1).map(|n| format!("{} {n}", words[i]));
    let date = words.iter().any(|w| {
        let digits: Vec<&str> = w.split('-').collect();
        digits.len() == 3
            && digits
                .iter()
                .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    });
    date || (0..words.len()).any(|i| {
        TODO_WORDS.contains(&words[i])
            || DAYS.contains(&words[i])
            || pair(i).is_some_and(|p| TODO_WORDS.contains(&p.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_do_headings_and_days() {
        for h in [
            "TODO",
            "To do",
            "Tasks",
            "Next steps",
            "Thursday",
            "2024-09-02",
            "Week 3 progress",
            "📋 Checklist",
            "Reading list",
        ] {
            assert!(todo_heading(h), "{h}");
        }
        for h in [
            "Which is a stack operation",
            "Stack operations",
            "Select the serverless services",
            "Planet sizes",
            "Dogs",
        ] {
            assert!(!todo_heading(h), "{h}");
        }
    }
}
