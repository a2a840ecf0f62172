//! The top-level blocks of an event list (paragraphs, lists, headings, …) as index
//! ranges, for transforms that reason about document structure (questions).

use pulldown_cmark::{Event, Tag};

use super::Ev;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Index of the block's first event.
    pub start: usize,
    /// Index one past its last event.
    pub end: usize,
}

impl Block {
    pub fn first<'e, 'a>(&self, evs: &'e [Ev<'a>]) -> &'e Event<'a> {
        &evs[self.start].0
    }

    pub fn is_heading(&self, evs: &[Ev]) -> Option<u8> {
        match self.first(evs) {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        }
    }

    pub fn is_paragraph(&self, evs: &[Ev]) -> bool {
        matches!(self.first(evs), Event::Start(Tag::Paragraph))
    }

    pub fn is_list(&self, evs: &[Ev]) -> bool {
        matches!(self.first(evs), Event::Start(Tag::List(_)))
    }

    pub fn is_html(&self, evs: &[Ev]) -> bool {
        matches!(self.first(evs), Event::Start(Tag::HtmlBlock))
    }
}

/// Splits events into top-level blocks.
pub fn top_level(evs: &[Ev]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, (e, _)) in evs.iter().enumerate() {
        match e {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(Block { start, end: i + 1 });
                }
            }
            _ if depth == 0 => out.push(Block { start: i, end: i + 1 }),
            _ => {}
        }
    }
    out
}

/// The direct children of a container block (`[start+1, end-1)`), as blocks.
pub fn children(evs: &[Ev], block: Block) -> Vec<Block> {
    if block.end - block.start < 2 {
        return Vec::new();
    }
    top_level(&evs[block.start + 1..block.end - 1])
        .into_iter()
        .map(|b| Block {
            start: b.start + block.start + 1,
            end: b.end + block.start + 1,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::events;
    use pulldown_cmark::Options;

    #[test]
    fn splits_top_level_and_children() {
        let evs = events("# H\n\npara\n\n- a\n- b\n\n---\n", Options::empty());
        let blocks = top_level(&evs);
        assert_eq!(blocks.len(), 4);
        assert_eq!(blocks[0].is_heading(&evs), Some(1));
        assert!(blocks[1].is_paragraph(&evs));
        assert!(blocks[2].is_list(&evs));
        assert_eq!(children(&evs, blocks[2]).len(), 2);
    }
}
