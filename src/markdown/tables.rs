//! Tables, rendered whole: wrapped so wide comparison tables scroll sideways instead of
//! breaking the layout (and can be scrolled with the keyboard); every body row gets an
//! id so search results can point at it; ✅/❌ marks are wrapped for styling; tables
//! marked with `<!-- cheatsheet -->` are collected for the cheat sheet. Runs after the
//! link and raw-HTML transforms, since it writes the cells' HTML itself.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::headings::plain_text;
use super::{CS_CLOSE, CS_OPEN, Ev, RenderCx};
use crate::markdown::html::escape_comment;
use crate::util::escape_html;

pub const CHEATSHEET_MARKER: &str = "cheatsheet";

/// A table row as a search unit.
#[derive(Debug, Clone)]
pub struct RowUnit {
    pub anchor: String,
    pub heading: String,
    /// First cell.
    pub title: String,
    /// The other cells as "Header: value; …".
    pub body: String,
}

pub fn transform<'a>(mut evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    // Most fragments (a question's option, say) have no table and no marker.
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))) || matches!(e, Event::Html(h) if is_marker(h)))
    {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len());
    let mut heading = (String::new(), String::new());
    let mut tables_here = 0;
    let mut marked = false;
    let mut i = 0;
    while i < evs.len() {
        match &evs[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                heading = super::headings::heading_at(&evs, i);
                tables_here = 0;
                marked = false;
                out.push(take(&mut evs, i));
            }
            Event::Html(h) if is_marker(h) => marked = true,
            Event::Start(Tag::Table(aligns)) => {
                let end = evs[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Table)))
                    .map_or(evs.len(), |p| i + p);
                tables_here += 1;
                let prefix = match (heading.0.is_empty(), tables_here) {
                    (true, n) => format!("table-{n}"),
                    (false, 1) => heading.0.clone(),
                    (false, n) => format!("{}-{n}", heading.0),
                };
                let html = render_table(&evs[i + 1..end], aligns, &prefix, &heading, tables_here, marked, rcx);
                out.push((Event::Html(html.into()), evs[i].1));
                marked = false;
                i = end;
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::List(_)) | Event::Start(Tag::CodeBlock(_)) => {
                // A marker applies to the table right after it, not one further down.
                marked = false;
                out.push(take(&mut evs, i));
            }
            _ => out.push(take(&mut evs, i)),
        }
        i += 1;
    }
    out
}

/// The event at `i`, moved out (only events before the one being read are taken; a
/// heading's text and a table are read ahead, and a table's events are rendered in place).
fn take<'a>(evs: &mut [Ev<'a>], i: usize) -> Ev<'a> {
    (std::mem::replace(&mut evs[i].0, Event::SoftBreak), evs[i].1)
}

/// A table's header cells and its body rows of cells.
#[allow(clippy::type_complexity)]
fn split_rows<'a>(inner: &[Ev<'a>]) -> (Vec<Vec<Ev<'a>>>, Vec<Vec<Vec<Ev<'a>>>>) {
    let mut head: Vec<Vec<Ev<'a>>> = Vec::new();
    let mut rows: Vec<Vec<Vec<Ev<'a>>>> = Vec::new();
    let mut in_head = false;
    let mut cell: Option<Vec<Ev<'a>>> = None;
    for (e, at) in inner {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let c = cell.take().unwrap_or_default();
                if in_head {
                    head.push(c);
                } else if let Some(r) = rows.last_mut() {
                    r.push(c);
                }
            }
            _ => {
                if let Some(c) = cell.as_mut() {
                    c.push((e.clone(), *at));
                }
            }
        }
    }
    (head, rows)
}

fn render_table(
    inner: &[Ev],
    aligns: &[Alignment],
    prefix: &str,
    heading: &(String, String),
    // Which table under this heading (1, 2, …): each region needs a name of its own.
    nth: usize,
    marked: bool,
    rcx: &mut RenderCx,
) -> String {
    let (head, rows) = split_rows(inner);
    let number = if nth > 1 { format!(" {nth}") } else { String::new() };
    let label = if heading.1.is_empty() {
        format!("Table{number}")
    } else {
        format!("Table{number}: {}", heading.1)
    };
    let mut html = String::new();
    if marked {
        html.push_str(&format!(
            "{CS_OPEN}table:{}:{}-->",
            escape_comment(&heading.0),
            escape_comment(&heading.1)
        ));
    }
    html.push_str(&format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\"><table>",
        escape_html(&label)
    ));
    let headers: Vec<String> = head.iter().map(|c| plain_text(c)).collect();
    if !head.is_empty() {
        html.push_str("<thead><tr>");
        for (n, c) in head.into_iter().enumerate() {
            cell_html(&mut html, "th", aligns.get(n), c);
        }
        html.push_str("</tr></thead>");
    }
    html.push_str("<tbody>\n");
    for (r, row) in rows.into_iter().enumerate() {
        let id = format!("{prefix}-r{}", r + 1);
        if rcx.report {
            let texts: Vec<String> = row.iter().map(|c| plain_text(c)).collect();
            let body = texts
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, t)| !t.is_empty())
                .map(|(n, t)| match headers.get(n).filter(|h| !h.is_empty()) {
                    Some(h) => format!("{h}: {t}"),
                    None => t.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ");
            rcx.rows.push(RowUnit {
                anchor: id.clone(),
                heading: heading.1.clone(),
                title: texts.first().cloned().unwrap_or_default(),
                body,
            });
            rcx.row_ids.push(id.clone());
        }
        html.push_str(&format!("<tr id=\"{}\">", escape_html(&id)));
        for (n, c) in row.into_iter().enumerate() {
            cell_html(&mut html, "td", aligns.get(n), c);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table></div>");
    if marked {
        html.push_str(CS_CLOSE);
    }
    html.push('\n');
    html
}

fn cell_html(html: &mut String, tag: &str, align: Option<&Alignment>, mut cell: Vec<Ev>) {
    let style = match align {
        Some(Alignment::Left) => " style=\"text-align: left\"",
        Some(Alignment::Center) => " style=\"text-align: center\"",
        Some(Alignment::Right) => " style=\"text-align: right\"",
        _ => "",
    };
    // Wrap a leading ✅ / ❌ so it can be coloured.
    if let Some((Event::Text(t), at)) = cell.first().cloned() {
        for (mark, class) in [("✅", "yes"), ("❌", "no")] {
            if let Some(rest) = t.strip_prefix(mark) {
                let mut replaced = vec![(
                    Event::Html(format!("<span class=\"mark {class}\">{mark}</span>").into()),
                    at,
                )];
                if !rest.is_empty() {
                    replaced.push((Event::Text(rest.to_string().into()), at));
                }
                cell.splice(0..1, replaced);
                break;
            }
        }
    }
    html.push_str(&format!("<{tag}{style}>"));
    pulldown_cmark::html::push_html(html, cell.into_iter().map(|(e, _)| e));
    html.push_str(&format!("</{tag}>"));
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
