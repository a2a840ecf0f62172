//! Inline footnotes, `text^[the note]` (Obsidian, Pandoc): each becomes an ordinary
//! footnote, numbered with the others and listed at the end of the page. The note is
//! plain inline text up to the matching `]` in the same paragraph; a `^[` never closed
//! stays as written.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, _rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if crate::util::has(t, "^[") || t.ends_with('^')))
    {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len() + 8);
    let mut notes: Vec<Ev<'a>> = Vec::new();
    let mut code = 0usize;
    let mut i = 0;
    while i < evs.len() {
        let (e, at) = &evs[i];
        match e {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Text(_) if code == 0 => {
                if let Some(next) = inline_note(&evs, i, &mut out, &mut notes) {
                    i = next;
                    continue;
                }
            }
            _ => {}
        }
        out.push((e.clone(), *at));
        i += 1;
    }
    out.extend(notes);
    out
}

/// The text of the run of Text events starting at `i`, and where the run ends.
fn text_run<'a>(evs: &[Ev<'a>], i: usize) -> (String, usize) {
    let mut s = String::new();
    let mut j = i;
    while let Some((Event::Text(t), _)) = evs.get(j) {
        s.push_str(t);
        j += 1;
    }
    (s, j)
}

/// At a run of text holding `^[…]`: its pieces written to `out` (text, then a footnote
/// reference per note), the notes' definitions to `notes`; the index after the run.
fn inline_note<'a>(evs: &[Ev<'a>], i: usize, out: &mut Vec<Ev<'a>>, notes: &mut Vec<Ev<'a>>) -> Option<usize> {
    let (text, end) = text_run(evs, i);
    let at = evs[i].1;
    let mut rest = text.as_str();
    let mut changed = false;
    while let Some(p) = rest.find("^[") {
        let body = &rest[p + 2..];
        let mut depth = 0usize;
        let close = body.char_indices().find_map(|(k, c)| match c {
            '[' => {
                depth += 1;
                None
            }
            ']' if depth == 0 => Some(k),
            ']' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(close) = close.filter(|&k| !body[..k].trim().is_empty()) else {
            break;
        };
        changed = true;
        if p > 0 {
            out.push((Event::Text(CowStr::from(rest[..p].to_string())), at));
        }
        let label: CowStr<'a> = format!("^inline-{}", notes.len() / 5 + 1).into();
        out.push((Event::FootnoteReference(label.clone()), at));
        notes.extend([
            (Event::Start(Tag::FootnoteDefinition(label)), at),
            (Event::Start(Tag::Paragraph), at),
            (Event::Text(CowStr::from(body[..close].to_string())), at),
            (Event::End(TagEnd::Paragraph), at),
            (Event::End(TagEnd::FootnoteDefinition), at),
        ]);
        rest = &body[close + 1..];
    }
    if !changed {
        return None;
    }
    if !rest.is_empty() {
        out.push((Event::Text(CowStr::from(rest.to_string())), at));
    }
    Some(end)
}
