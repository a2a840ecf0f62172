//! Heading ids (slugs, de-duplicated with `-1`, `-2`; `{#custom}` honoured), the link
//! each heading gets to itself, and the page's table of contents.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

use super::Ev;
use crate::util::{escape_html, slugify};

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
    /// Byte offset in the body.
    pub offset: usize,
    /// The author gave the id (`{#my-id}`): it is the heading's only name.
    #[serde(skip)]
    pub custom: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// The heading's formatting, for a heading with a formula (whose plain text would
    /// show its TeX): see [`toc_html`]. Empty otherwise.
    pub html: String,
    /// Questions under this heading (shown as a count instead of one entry each).
    pub questions: usize,
}

/// Gives every heading an id and returns them in order. Custom ids win; generated
/// ones avoid every id already used on the page.
pub fn assign_ids(evs: &mut [Ev], used: &mut HashSet<String>) -> Vec<Heading> {
    let mut out = Vec::new();
    // Custom ids first, so a generated id never takes one an author chose.
    for (e, _) in evs.iter() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            used.insert(id.to_string());
        }
    }
    let mut next = HashMap::new();
    let mut i = 0;
    while i < evs.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &evs[i].0 {
            let level = *level as u8;
            let end = evs[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(evs.len(), |p| i + p);
            let text = plain_text(&evs[i + 1..end]);
            let custom = id.is_some();
            let new_id = match id {
                Some(custom) => custom.to_string(),
                None => unique(&slug_or_section(&text), used, &mut next),
            };
            if let Event::Start(Tag::Heading { id, .. }) = &mut evs[i].0 {
                *id = Some(new_id.clone().into());
            }
            out.push(Heading {
                level,
                id: new_id,
                text,
                offset: evs[i].1,
                custom,
            });
            i = end;
        }
        i += 1;
    }
    out
}

fn slug_or_section(text: &str) -> String {
    let s = slugify(text);
    if s.is_empty() { "section".into() } else { s }
}

/// `base`, or `base-1`, `base-2`, … whichever is free; the result is marked used.
/// `next` remembers, per base, the suffix to try first (every lower one is taken), so
/// 40,000 headings of one text take linear time, not quadratic.
pub fn unique(base: &str, used: &mut HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    let mut candidate = base.to_string();
    let n = next.entry(base.to_string()).or_insert(1);
    while used.contains(&candidate) {
        candidate = format!("{base}-{n}");
        *n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// The text a reader sees, without markup.
pub fn plain_text(evs: &[Ev]) -> String {
    let mut s = String::new();
    for (e, _) in evs {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// The (id, plain text) of the heading that starts at `evs[i]`, for transforms that
/// label what they wrap with the heading above it (callouts and tables on the cheat
/// sheet, table row anchors).
pub fn heading_at(evs: &[Ev], i: usize) -> (String, String) {
    let Event::Start(Tag::Heading { id, .. }) = &evs[i].0 else {
        return (String::new(), String::new());
    };
    let end = evs[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
        .map_or(evs.len(), |p| i + p);
    (id.as_deref().unwrap_or("").to_string(), plain_text(&evs[i + 1..end]))
}

/// Writes headings with their id and a trailing self-link.
pub fn transform(evs: Vec<Ev>) -> Vec<Ev> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. }))) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut open: Vec<(u8, String)> = Vec::new();
    for (e, at) in evs {
        match e {
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                let id = id.map(|i| i.to_string()).unwrap_or_default();
                let level = level as u8;
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(
                        " class=\"{}\"",
                        escape_html(&classes.iter().map(|c| c.as_ref()).collect::<Vec<_>>().join(" "))
                    )
                };
                let id_attr = if id.is_empty() {
                    String::new()
                } else {
                    format!(" id=\"{}\"", escape_html(&id))
                };
                out.push((Event::Html(format!("<h{level}{id_attr}{class}>").into()), at));
                open.push((level, id));
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, id) = open.pop().unwrap_or((2, String::new()));
                let link = if id.is_empty() {
                    String::new()
                } else {
                    format!(
                        " <a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this heading\">#</a>",
                        escape_html(&id)
                    )
                };
                out.push((Event::Html(format!("{link}</h{level}>").into()), at));
            }
            other => out.push((other, at)),
        }
    }
    out
}

/// Table of contents: h2 and h3 headings; a question's heading is not listed, its
/// count is added to the heading it sits under instead.
/// `question_ids`: the ids of the headings that are questions.
pub fn toc(headings: &[Heading], question_ids: &HashSet<&str>) -> Vec<TocEntry> {
    let mut out: Vec<TocEntry> = Vec::new();
    for h in headings {
        if question_ids.contains(h.id.as_str()) {
            if let Some(last) = out.last_mut() {
                last.questions += 1;
            }
            continue;
        }
        if (2..=3).contains(&h.level) {
            out.push(TocEntry {
                level: h.level,
                id: h.id.clone(),
                text: super::emoji::replace(&h.text).into_owned(),
                html: String::new(),
                questions: 0,
            });
        }
    }
    out
}

/// What a table of contents shows for the heading `<hN id="ID">` of a page's rendered
/// `html` when it holds a formula: the heading's HTML without its self-link, with its
/// links unwrapped (the entry is a link), and without ids (the heading keeps them) or
/// the empty spans that give it other names. `None` for a heading without a formula
/// (its plain text says it all) or not written as [`transform`] writes headings.
pub fn toc_html(html: &str, level: u8, id: &str) -> Option<String> {
    let open = format!("<h{level} id=\"{}\"", escape_html(id));
    let start = html.find(&open)? + open.len();
    let start = start + html[start..].find('>')? + 1;
    let inner = &html[start..start + html[start..].find(&format!("</h{level}>"))?];
    let inner = &inner[..inner.rfind(" <a class=\"anchor\" href=\"#")?];
    if !inner.contains("<math") {
        return None;
    }
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |gt| gt + 1);
        let tag = &rest[..end];
        let name = super::html::tag_name(tag.trim_start_matches(['<', '/']).as_bytes());
        rest = &rest[end..];
        // An empty `<span id>`: another name for the heading (slugs.rs), not content.
        if name == b"span" && tag.contains(" id=\"") && rest.starts_with("</span>") {
            rest = &rest["</span>".len()..];
            continue;
        }
        if !name.eq_ignore_ascii_case(b"a") {
            out.push_str(&without_id(tag));
        }
    }
    out.push_str(rest);
    Some(out)
}

/// A start tag without its ` id="…"` attribute.
fn without_id(tag: &str) -> std::borrow::Cow<'_, str> {
    match tag.find(" id=\"") {
        Some(at) => match tag[at + 5..].find('"') {
            Some(q) => format!("{}{}", &tag[..at], &tag[at + 5 + q + 1..]).into(),
            None => tag.into(),
        },
        None => tag.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::events;
    use pulldown_cmark::Options;

    fn ids(md: &str) -> Vec<String> {
        let mut evs = events(md, Options::ENABLE_HEADING_ATTRIBUTES);
        assign_ids(&mut evs, &mut HashSet::new())
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn ids_are_slugs_deduplicated_and_custom_ids_win() {
        assert_eq!(
            ids("## Storage Classes\n## Storage Classes\n## Storage Classes\n## Other {#storage-classes-1}\n"),
            vec![
                "storage-classes",
                "storage-classes-2",
                "storage-classes-3",
                "storage-classes-1"
            ]
        );
    }

    #[test]
    fn empty_or_symbol_headings_get_an_id() {
        assert_eq!(ids("## !!!\n## `code` *em*\n"), vec!["section", "code-em"]);
    }

    #[test]
    fn heading_html_has_id_and_self_link_and_escapes() {
        let mut evs = events(
            "## A \"quoted\" <b>x</b> {#my-id}\n",
            Options::ENABLE_HEADING_ATTRIBUTES,
        );
        assign_ids(&mut evs, &mut HashSet::new());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, transform(evs).into_iter().map(|(e, _)| e));
        assert!(html.starts_with("<h2 id=\"my-id\">A \"quoted\" <b>x</b>"), "{html}");
        assert!(html.contains("<a class=\"anchor\" href=\"#my-id\""));
    }

    #[test]
    fn toc_html_keeps_a_formula_and_drops_links_ids_and_the_self_link() {
        let math = "<math display=\"inline\"><semantics><mi>n</mi><annotation encoding=\"application/x-tex\">n</annotation></semantics></math>";
        let html = format!(
            "<p>x</p><h3 id=\"o-n\"><span id=\"old\"></span>Sort in <a href=\"a.html\">O</a>({math}) <code id=\"c\">t</code> \
             <a class=\"anchor\" href=\"#o-n\" aria-label=\"Link to this heading\">#</a></h3>"
        );
        assert_eq!(
            toc_html(&html, 3, "o-n").as_deref(),
            Some(format!("Sort in O({math}) <code>t</code>").as_str())
        );
        // Another level, another id, no formula, or no self-link: the plain text stays.
        assert_eq!(toc_html(&html, 2, "o-n"), None);
        assert_eq!(toc_html(&html, 3, "o"), None);
        assert_eq!(
            toc_html(
                "<h2 id=\"a\">A <b>b</b> <a class=\"anchor\" href=\"#a\">#</a></h2>",
                2,
                "a"
            ),
            None
        );
        assert_eq!(toc_html(&format!("<h2 id=\"a\">{math}</h2>"), 2, "a"), None);
    }
}
