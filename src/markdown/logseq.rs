//! Logseq's block properties: a `key:: value` line inside a list item (`- item` then
//! `  type:: book`). Logseq shows them as a small property table under the block; here
//! each is a line of its own, `type: book`, with the key marked (`property-key`). The
//! ones Logseq hides, `id:: <uuid>` (block references) and `collapsed:: true|false`,
//! leave the text. Page properties at the top of a page are front matter
//! ([`crate::frontmatter::logseq`]).

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
    for (e, at) in evs {
        match &e {
            Event::Start(Tag::Item) => items += 1,
            Event::End(TagEnd::Item) => items = items.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            _ => {}
        }
        if let Event::Text(t) = &e
            && items > 0
            && code == 0
            && matches!(out.last(), Some((Event::SoftBreak, _)))
            && let Some((key, value)) = property(t)
        {
            out.pop();
            if hidden(key, value) && !t.contains('\n') {
                continue;
            }
            let rest = &t[t.find("::").map_or(0, |p| p + 2)..];
            out.push((
                Event::Html(format!("<br><span class=\"property-key\">{key}</span>:").into()),
                at,
            ));
            out.push((Event::Text(rest.to_string().into()), at));
            continue;
        }
        out.push((e, at));
    }
    out
}
