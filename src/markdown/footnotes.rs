//! Footnotes: references numbered in order of first use, definitions moved to a list
//! at the end of the page with links both ways.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};
use crate::util::{escape_html, slugify};

/// A footnote definition: label, body events, offset.
type Definition<'a> = (String, Vec<Ev<'a>>, usize);

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| {
        matches!(
            e,
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
        )
    }) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    // Label → (number, offset of its first reference).
    let mut numbers: HashMap<String, (usize, usize)> = HashMap::new();
    let mut defs: Vec<Definition<'a>> = Vec::new();
    let mut current: Option<Definition<'a>> = None;
    let mut depth = 0;
    for (e, at) in evs {
        match e {
            Event::Start(Tag::FootnoteDefinition(label)) if current.is_none() => {
                current = Some((label.to_string(), Vec::new(), at));
                depth = 0;
            }
            Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::FootnoteDefinition) if depth == 0 => {
                if let Some(d) = current.take() {
                    defs.push(d);
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
            Event::FootnoteReference(label) => {
                let n = numbers.len() + 1;
                let (n, _) = *numbers.entry(label.to_string()).or_insert((n, at));
                let id = slug(&label);
                let html = format!(
                    "<sup class=\"fn-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\" aria-describedby=\"footnotes-label\">{n}</a></sup>"
                );
                let e = (Event::Html(html.into()), at);
                match current.as_mut() {
                    Some((_, body, _)) => body.push(e),
                    None => out.push(e),
                }
            }
            other => match current.as_mut() {
                Some((_, body, _)) => body.push((other, at)),
                None => out.push((other, at)),
            },
        }
    }
    let used = used_definitions(defs, &numbers, rcx);
    if !used.is_empty() {
        write_list(used, rcx, &mut out);
    }
    out
}

/// The definitions that are referenced, in order of first reference; a warning for
/// each reference without a definition.
fn used_definitions<'a>(
    defs: Vec<Definition<'a>>,
    numbers: &HashMap<String, (usize, usize)>,
    rcx: &mut RenderCx,
) -> Vec<Definition<'a>> {
    let mut used: Vec<_> = defs.into_iter().filter(|(l, _, _)| numbers.contains_key(l)).collect();
    used.sort_by_key(|(l, _, _)| numbers[l].0);
    // A set, not a scan of `used` per label: 20,000 footnotes were quadratic.
    let defined: std::collections::HashSet<&str> = used.iter().map(|(l, _, _)| l.as_str()).collect();
    let mut undefined: Vec<(&String, usize)> = numbers
        .iter()
        .filter(|(l, _)| !defined.contains(l.as_str()))
        .map(|(l, (_, at))| (l, *at))
        .collect();
    undefined.sort_by_key(|(_, at)| *at);
    for (label, at) in undefined {
        rcx.warn(
            at,
            format!("footnote `[^{label}]` is referenced but never defined"),
            None,
        );
    }
    used
}

/// The list of footnotes at the end of the page, each with a link back.
fn write_list<'a>(used: Vec<Definition<'a>>, rcx: &mut RenderCx, out: &mut Vec<Ev<'a>>) {
    out.push((
        Event::Html(
            "<section class=\"footnotes\"><h2 id=\"footnotes-label\" class=\"sr-only\">Footnotes</h2><ol>\n".into(),
        ),
        0,
    ));
    for (label, body, at) in used {
        let id = slug(&label);
        rcx.footnote_ids.push(format!("fn-{id}"));
        rcx.footnote_ids.push(format!("fnref-{id}"));
        out.push((Event::Html(format!("<li id=\"fn-{id}\">").into()), at));
        out.extend(body);
        out.push((
            Event::Html(
                format!(
                    "<a href=\"#fnref-{id}\" class=\"fn-back\" aria-label=\"Back to reference {}\">↩</a></li>\n",
                    escape_html(&label)
                )
                .into(),
            ),
            at,
        ));
    }
    out.push((Event::Html("</ol></section>\n".into()), 0));
}

fn slug(label: &str) -> String {
    let s = slugify(label);
    if s.is_empty() { "note".into() } else { s }
}
