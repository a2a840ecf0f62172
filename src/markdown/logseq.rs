//! Logseq's block properties: a `key:: value` line inside a list item (`- item` then
//! `  type:: book`, or a block that opens with one, `- type:: book`). Logseq shows them
//! as a small property table under the block; here each is a line of its own,
//! `type: book`, with the key marked (`property-key`). The ones Logseq hides,
//! `id:: <uuid>` (block references) and `collapsed:: true|false`, leave the text. Page
//! properties at the top of a Logseq page are front matter
//! ([`crate::frontmatter::logseq`]); Obsidian Dataview's fields, the same lines in a
//! paragraph of their own, are shown the same way (Dataview shows them too).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};
use crate::frontmatter::logseq::property;

/// Properties Logseq keeps out of sight.
fn hidden(key: &str, value: &str) -> bool {
    match key {
        "collapsed" => value == "true" || value == "false",
        "id" => value.len() == 36 && value.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
        _ => false,
    }
}

/// Whether the paragraph being written opened with a property line (a run of Dataview
/// fields), so a property after a line break there is one too.
fn para_of_properties(out: &[Ev<'_>]) -> bool {
    let open = out.iter().rposition(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)));
    open.is_some_and(
        |i| matches!(out.get(i + 1), Some((Event::Html(h), _)) if h.starts_with("<span class=\"property-key\">")),
    )
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, _rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.contains(":: ") || t.ends_with("::")))
    {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len());
    let mut items = 0usize;
    let mut code = 0usize;
    // Where the paragraph or item open: a property there starts a line already.
    let mut line_start = false;
    for (e, at) in evs {
        let at_start = std::mem::replace(&mut line_start, matches!(e, Event::Start(Tag::Paragraph | Tag::Item)));
        match &e {
            Event::Start(Tag::Item) => items += 1,
            Event::End(TagEnd::Item) => items = items.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            _ => {}
        }
        let after_break = matches!(out.last(), Some((Event::SoftBreak, _)));
        if let Event::Text(t) = &e
            && code == 0
            && let Some((key, value)) = property(t)
            && (at_start || (after_break && (items > 0 || para_of_properties(&out))))
        {
            let br = if after_break {
                out.pop();
                "<br>"
            } else {
                ""
            };
            if items > 0 && hidden(key, value) && !t.contains('\n') {
                continue;
            }
            let rest = &t[t.find("::").map_or(0, |p| p + 2)..];
            out.push((
                Event::Html(format!("{br}<span class=\"property-key\">{key}</span>:").into()),
                at,
            ));
            out.push((Event::Text(rest.to_string().into()), at));
            continue;
        }
        out.push((e, at));
    }
    out
}
