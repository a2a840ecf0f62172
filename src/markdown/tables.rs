//! Tables: wrapped so wide comparison tables scroll sideways instead of breaking the
//! layout (keyboard-scrollable), ✅/❌ marks wrapped for styling, and tables marked
//! with `<!-- cheatsheet -->` collected for the cheat sheet.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{CS_CLOSE, CS_OPEN, Ev, RenderCx};
use crate::markdown::html::escape_comment;
use crate::util::escape_html;

pub const CHEATSHEET_MARKER: &str = "cheatsheet";

pub fn transform<'a>(evs: Vec<Ev<'a>>, _rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len() + 8);
    let mut heading = (String::new(), String::new());
    let mut marked = false;
    let mut in_table: Option<bool> = None;
    let mut i = 0;
    while i < evs.len() {
        let (e, at) = &evs[i];
        match e {
            Event::Start(Tag::Heading { id, .. }) => {
                let end = evs[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))));
                let text = end
                    .map(|p| super::headings::plain_text(&evs[i + 1..i + p]))
                    .unwrap_or_default();
                heading = (id.as_deref().unwrap_or("").to_string(), text);
                marked = false;
                out.push(evs[i].clone());
            }
            Event::Html(h) if is_marker(h) => {
                marked = true;
                out.push(evs[i].clone());
            }
            Event::Start(Tag::Table(_)) => {
                let label = if heading.1.is_empty() {
                    "Table".to_string()
                } else {
                    format!("Table: {}", heading.1)
                };
                let sentinel = if marked {
                    format!("{CS_OPEN}table:{}:{}-->", heading.0, escape_comment(&heading.1))
                } else {
                    String::new()
                };
                out.push((
                    Event::Html(
                        format!(
                            "{sentinel}<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                            escape_html(&label)
                        )
                        .into(),
                    ),
                    *at,
                ));
                out.push(evs[i].clone());
                in_table = Some(marked);
                marked = false;
            }
            Event::End(TagEnd::Table) => {
                out.push(evs[i].clone());
                let close = if in_table == Some(true) { CS_CLOSE } else { "" };
                out.push((Event::Html(format!("</div>{close}").into()), *at));
                in_table = None;
            }
            Event::Text(t) if in_table.is_some() && (t.starts_with('✅') || t.starts_with('❌')) => {
                let (mark, class) = if t.starts_with('✅') {
                    ("✅", "yes")
                } else {
                    ("❌", "no")
                };
                out.push((
                    Event::Html(format!("<span class=\"mark {class}\">{mark}</span>").into()),
                    *at,
                ));
                let rest = &t[mark.len()..];
                if !rest.is_empty() {
                    out.push((Event::Text(rest.to_string().into()), *at));
                }
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::List(_)) | Event::Start(Tag::CodeBlock(_)) => {
                // A marker applies to the table right after it, not to one further down.
                if in_table.is_none() {
                    marked = false;
                }
                out.push(evs[i].clone());
            }
            _ => out.push(evs[i].clone()),
        }
        i += 1;
    }
    out
}

fn is_marker(h: &str) -> bool {
    let t = h.trim();
    t.strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == CHEATSHEET_MARKER)
}

#[cfg(test)]
mod tests {
    use super::is_marker;

    #[test]
    fn marker_is_a_lone_comment() {
        assert!(is_marker("<!-- cheatsheet -->\n"));
        assert!(is_marker("<!--cheatsheet-->"));
        assert!(!is_marker("<!-- cheatsheet: no -->"));
    }
}
