//! Obsidian Spaced Repetition cards, on a page marked as cards (a `#flashcards` tag in
//! its text, or `flashcards` among its front-matter tags), as the plugin reads them:
//! - one line `Question::Answer`, or `Question:::Answer` (reviewed both ways);
//! - several lines: the question, a line `?` (or `??`, both ways), the answer, up to
//!   the blank line that ends the paragraph.
//!
//! The plugin's schedule comments (`<!--SR:!2024-01-01,3,250-->`) are left out of the
//! card and the page, and the page's `#flashcards/deck` tags become the cards' tags.
//! Pages without the mark are notes: `std::io` in prose is not a card.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Walk;
use super::details::is_blank;
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::Draft;
use crate::content::SourcePage;
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::markdown::headings::plain_text;

/// The page's `#flashcards…` tags (without `#`) when the page is marked as cards.
pub(super) fn deck_tags(evs: &[Ev], page: &SourcePage) -> Option<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for (e, _) in evs {
        if let Event::Text(t) = e
            && crate::util::has(t, "#flashcards")
        {
            for word in t.split_whitespace().filter(|w| w.starts_with("#flashcards")) {
                let tag = word.trim_start_matches('#').to_string();
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
    }
    let marked = !tags.is_empty() || page.front.cards || page.front.tags.iter().any(|t| t.starts_with("flashcards"));
    marked.then_some(tags)
}

fn is_schedule(e: &Event) -> bool {
    matches!(e, Event::InlineHtml(t) | Event::Html(t) if t.trim_start().starts_with("<!--SR:"))
}

/// A paragraph's lines, schedule comments left out.
fn lines<'a>(evs: &[Ev<'a>], b: Block) -> Vec<Vec<Ev<'a>>> {
    let mut out = vec![Vec::new()];
    for ev in &evs[b.start + 1..b.end - 1] {
        match &ev.0 {
            Event::SoftBreak | Event::HardBreak => out.push(Vec::new()),
            e if is_schedule(e) => {}
            _ => out.last_mut().unwrap().push(ev.clone()),
        }
    }
    for l in &mut out {
        // The space before a schedule comment at the end of a line.
        if let Some((Event::Text(t), _)) = l.last_mut() {
            *t = t.trim_end().to_string().into();
        }
    }
    out.retain(|l| !plain_text(l).is_empty() || l.iter().any(|(e, _)| !matches!(e, Event::Text(_))));
    out
}

fn join<'a>(lines: &[Vec<Ev<'a>>]) -> Vec<Ev<'a>> {
    let mut out = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        if n > 0 {
            out.push((Event::SoftBreak, 0));
        }
        out.extend(l.iter().cloned());
    }
    out
}

/// A `Q::A` line split at its first `::` / `:::` outside code.
fn split_inline<'a>(line: &[Ev<'a>]) -> Option<(Vec<Ev<'a>>, Vec<Ev<'a>>, bool)> {
    let i = line
        .iter()
        .position(|(e, _)| matches!(e, Event::Text(t) if crate::util::has(t, "::")))?;
    let (Event::Text(t), at) = &line[i] else { return None };
    let k = t.find("::")?;
    let sep = if t[k..].starts_with(":::") { 3 } else { 2 };
    let mut q = line[..i].to_vec();
    let before = t[..k].trim_end();
    if !before.is_empty() {
        q.push((Event::Text(before.to_string().into()), *at));
    }
    let mut a = Vec::new();
    let after = t[k + sep..].trim_start();
    if !after.is_empty() {
        a.push((Event::Text(after.to_string().into()), *at));
    }
    a.extend(line[i + 1..].iter().cloned());
    Some((q, a, sep == 3))
}

/// Writes a paragraph of a cards page: its cards, and its other lines as a paragraph.
/// False (nothing written) when it holds no card.
pub(super) fn paragraph(w: &mut Walk, b: Block, tags: &[String], topic: &[String]) -> bool {
    let evs = w.evs;
    let ls = lines(evs, b);
    let at = evs[b.start].1;
    if let Some(k) = ls.iter().position(|l| matches!(plain_text(l).as_str(), "?" | "??")) {
        let both = plain_text(&ls[k]) == "??";
        card(w, join(&ls[..k]), join(&ls[k + 1..]), at, tags, topic, both);
        return true;
    }
    if !ls.iter().any(|l| split_inline(l).is_some()) {
        return false;
    }
    let mut plain: Vec<Vec<Ev>> = Vec::new();
    for l in &ls {
        match split_inline(l) {
            Some((q, a, both)) => {
                flush(w, &mut plain);
                card(w, q, a, l.first().map_or(at, |e| e.1), tags, topic, both);
            }
            None => plain.push(l.clone()),
        }
    }
    flush(w, &mut plain);
    true
}

fn flush<'a>(w: &mut Walk<'a, '_>, plain: &mut Vec<Vec<Ev<'a>>>) {
    if !plain.is_empty() {
        w.out.push((Event::Start(Tag::Paragraph), 0));
        w.out.extend(join(plain));
        w.out.push((Event::End(TagEnd::Paragraph), 0));
        plain.clear();
    }
}

fn card<'a>(
    w: &mut Walk<'a, '_>,
    question: Vec<Ev<'a>>,
    answer: Vec<Ev<'a>>,
    at: usize,
    tags: &[String],
    topic: &[String],
    both: bool,
) {
    let mut diags = Vec::new();
    let text = plain_text(&question);
    if text.is_empty() || is_blank(&answer) {
        let side = if text.is_empty() { "question" } else { "answer" };
        diags.push(
            w.loc
                .error(at, format!("flashcard with an empty {side}"))
                .with_help("write `Question::Answer`, or the question, a `?` line and the answer"),
        );
    }
    let id = question_id(None, &text, "", at, w.loc, &mut w.found.ids, &mut diags);
    let mut all_tags = merge_tags(None, w.page);
    all_tags.extend(
        tags.iter()
            .filter(|t| !all_tags.contains(t))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let mut a = vec![(Event::Start(Tag::Paragraph), at)];
    a.extend(answer);
    a.push((Event::End(TagEnd::Paragraph), at));
    let mut draft = Draft::free(id, w.loc.line_col(at).0, topic, all_tags, text, question, a);
    draft.reversed = both;
    w.keep_free(w.evs, draft, diags);
}
