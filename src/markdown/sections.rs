//! A page's prose split by heading, for search.

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, headings};

/// The text under one heading (or before the first), for search.
#[derive(Debug, Clone, Default)]
pub struct SectionText {
    /// Heading id ("" for the text before the first heading).
    pub anchor: String,
    pub title: String,
    /// Texts of the headings above it.
    pub parents: Vec<String>,
    pub text: String,
}

/// Splits the page's prose by heading, leaving out tables (their rows are units of
/// their own) and the sections of question headings (questions are units too).
pub fn section_texts(evs: &[Ev], question_headings: &HashSet<String>) -> Vec<SectionText> {
    let mut out = Vec::new();
    let mut current = SectionText::default();
    let mut skip = false;
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut in_table = 0usize;
    let mut i = 0;
    while i < evs.len() {
        match &evs[i].0 {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = evs[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(evs.len(), |p| i + p);
                let title = headings::plain_text(&evs[i + 1..end]);
                let level = *level as u8;
                if !skip {
                    out.push(std::mem::take(&mut current));
                }
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    stack.pop();
                }
                let anchor = id.as_deref().unwrap_or("").to_string();
                skip = question_headings.contains(&anchor);
                current = SectionText {
                    anchor,
                    title: title.clone(),
                    parents: stack.iter().map(|(_, t)| t.clone()).collect(),
                    text: String::new(),
                };
                stack.push((level, title));
                i = end;
            }
            Event::Start(Tag::Table(_)) => in_table += 1,
            Event::End(TagEnd::Table) => in_table = in_table.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) if in_table == 0 => {
                current.text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if in_table == 0 && !current.text.ends_with(' ') => {
                current.text.push(' ');
            }
            _ => {}
        }
        i += 1;
    }
    if !skip {
        out.push(current);
    }
    out.retain(|s| !s.title.is_empty() || !s.text.trim().is_empty());
    for s in &mut out {
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}
