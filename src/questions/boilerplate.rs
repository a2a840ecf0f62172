//! Navigation lines in question banks ("⬆ Back to Top", "Table of Contents"): never a
//! question's explanation, never a topic.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::markdown::headings::plain_text;

const NAV: &[&str] = &[
    "back to top",
    "back to the top",
    "go to top",
    "return to top",
    "top",
    "table of contents",
    "back to table of contents",
    "back to contents",
    "contents",
    "toc",
];

/// A line of navigation: its words (arrows and emoji aside) are one of [`NAV`].
pub fn is_nav_text(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    NAV.contains(&words.join(" ").as_str())
}

/// A paragraph that is only a navigation line (text, links, emphasis).
pub(super) fn is_nav_block(evs: &[Ev], b: Block) -> bool {
    b.is_paragraph(evs)
        && evs[b.start + 1..b.end - 1].iter().all(|(e, _)| {
            matches!(
                e,
                Event::Text(_)
                    | Event::SoftBreak
                    | Event::Start(Tag::Link { .. } | Tag::Strong | Tag::Emphasis)
                    | Event::End(TagEnd::Link | TagEnd::Strong | TagEnd::Emphasis)
            )
        })
        && is_nav_text(&plain_text(&evs[b.start..b.end]))
}

#[cfg(test)]
mod tests {
    #[test]
    fn navigation_lines() {
        assert!(super::is_nav_text("⬆ Back to Top"));
        assert!(super::is_nav_text("Table of Contents"));
        assert!(!super::is_nav_text("Back to basics: the top of the stack"));
    }
}
