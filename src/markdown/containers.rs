//! Colon containers: Docusaurus' admonitions (`:::note`, `:::tip[Title]`,
//! `:::warning Title`), VitePress' (`::: details Title`, closed) and Quarto's callouts
//! (`::: {.callout-note title="…"}`), each closed by a line of colons; also Hugo's and
//! GitBook's callout shortcodes ([`super::shortcodes`]) and pymdownx's `///` blocks
//! ([`super::pymdown_blocks`]), paired the same way. They become the
//! theme's callouts, as MkDocs' `!!!` do; a Pandoc fenced div of another class
//! (`::: {.columns}`) keeps its content and loses only its fences. A fence never closed
//! is shown as written, with a warning.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};

/// A fence line: an opening (kind, title, whether it is closed until opened) or a
/// closing.
#[derive(Debug, PartialEq)]
pub(super) enum Fence<'s> {
    Open {
        kind: Option<&'s str>,
        title: Option<String>,
        fold: bool,
    },
    /// A set of content tabs, and one tab in it.
    Tabs,
    Tab {
        label: String,
    },
    /// Code under its file name (GitBook's `{% code title="main.py" %}`).
    Titled {
        title: String,
    },
    /// A line that stands for a link (a video, an embed, a file).
    Link {
        href: String,
        label: String,
    },
    /// A line that leaves nothing (`{% endembed %}`).
    Nothing,
    Close,
}

impl Fence<'_> {
    /// Whether the fence opens a block that a later one closes.
    fn opens(&self) -> bool {
        matches!(
            self,
            Fence::Open { .. } | Fence::Tabs | Fence::Tab { .. } | Fence::Titled { .. }
        )
    }
}

/// Whether a text starts the way a fence line does (colons, or a shortcode).
fn may_open(t: &str) -> bool {
    t.starts_with(":::") || t.starts_with("{{") || t.starts_with("{%") || super::pymdown_blocks::may_open(t)
}

/// A fence line of any kind: colons, a Hugo or GitBook callout shortcode, Hugo's tabs
/// and videos, or GitBook's blocks.
pub(super) fn any_fence(line: &str) -> Option<Fence<'_>> {
    if line.trim_start().starts_with('{') {
        super::shortcodes::fence(line).or_else(|| super::gitbook::fence(line))
    } else if line.trim_start().starts_with('/') {
        super::pymdown_blocks::fence(line)
    } else {
        fence(line)
    }
}

fn fence(line: &str) -> Option<Fence<'_>> {
    let line = line.trim();
    let colons = line.len() - line.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let rest = line[colons..].trim();
    if rest.is_empty() {
        return Some(Fence::Close);
    }
    if let Some(attrs) = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        // Quarto / Pandoc: `{.callout-tip title="…"}`.
        let kind = attrs.split_whitespace().find_map(|a| a.strip_prefix(".callout-"));
        let title = attrs
            .split_once("title=\"")
            .and_then(|(_, t)| t.split_once('"'))
            .map(|(t, _)| t.to_string());
        return Some(Fence::Open {
            kind,
            title,
            fold: attrs.contains("collapse=\"true\"") || attrs.contains("collapse=true"),
        });
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let (kind, after) = rest.split_at(name_len);
    let after = after.trim();
    // VitePress' `::: code-group`: its code blocks, each under its `[label]`.
    if kind == "code-group" {
        return Some(Fence::Open {
            kind: None,
            title: None,
            fold: false,
        });
    }
    let title = match after.strip_prefix('[') {
        Some(t) => Some(t.strip_suffix(']')?.to_string()),
        None => (!after.is_empty()).then(|| after.to_string()),
    };
    Some(Fence::Open {
        kind: Some(kind),
        fold: kind == "details",
        title,
    })
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Text(t) if may_open(t))) {
        return evs;
    }
    let body = rcx.loc.page.body();
    let line_at = |at: usize| body.get(at..).and_then(|b| b.split('\n').next()).unwrap_or("");
    // Pass 1: every fence line becomes a block of its own (a placeholder in `out`).
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len());
    let mut fences: Vec<(usize, usize, String)> = Vec::new(); // (index in out, offset, line)
    let mut in_paragraph = false;
    let mut line_start = false;
    let mut iter = evs.into_iter().peekable();
    while let Some((e, at)) = iter.next() {
        let is_fence_line = line_start
            && matches!(&e, Event::Text(t) if may_open(t))
            && line_at(at).starts_with([':', '{', '/'])
            && any_fence(line_at(at)).is_some();
        if is_fence_line {
            // The rest of the line (a title may hold emphasis or code) is the fence's.
            while !matches!(
                iter.peek(),
                None | Some((Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph), _))
            ) {
                iter.next();
            }
            // Close the paragraph so far (or drop the empty one), then the fence.
            if matches!(out.last(), Some((Event::Start(Tag::Paragraph), _))) {
                out.pop();
            } else {
                while matches!(out.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
                    out.pop();
                }
                out.push((Event::End(TagEnd::Paragraph), at));
            }
            let mut line = line_at(at).to_string();
            // A pymdownx block's option lines (`    type: warning`) are the fence's too.
            if line.starts_with('/') && super::pymdown_blocks::fence(&line).is_some_and(|f| f != Fence::Close) {
                while let Some((Event::SoftBreak, next)) = iter.peek() {
                    let nl = body
                        .get(*next..)
                        .and_then(|b| b.find('\n'))
                        .map_or(body.len(), |i| next + i);
                    let option = line_at(nl + 1);
                    if !super::pymdown_blocks::is_option(option) {
                        break;
                    }
                    line.push('\n');
                    line.push_str(option.trim());
                    iter.next();
                    while !matches!(
                        iter.peek(),
                        None | Some((Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph), _))
                    ) {
                        iter.next();
                    }
                }
            }
            fences.push((out.len(), at, line));
            out.push((Event::Html("".into()), at));
            // What follows on the next lines is a paragraph again.
            match iter.peek() {
                Some((Event::SoftBreak | Event::HardBreak, _)) => {
                    iter.next();
                    out.push((Event::Start(Tag::Paragraph), at));
                }
                Some((Event::End(TagEnd::Paragraph), _)) => {
                    iter.next();
                    in_paragraph = false;
                }
                _ => {}
            }
            line_start = true;
            continue;
        }
        match &e {
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                line_start = true;
            }
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::SoftBreak | Event::HardBreak => line_start = in_paragraph,
            _ => line_start = false,
        }
        out.push((e, at));
    }
    // Pass 2: pair the fences, innermost first.
    let mut stack: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut markup: Vec<Option<Vec<Ev<'a>>>> = vec![None; fences.len()];
    let mut spliced: Vec<(usize, Vec<Ev<'a>>)> = Vec::new();
    for (n, (_, at, line)) in fences.iter().enumerate() {
        match any_fence(line) {
            Some(Fence::Close) if !stack.is_empty() => pairs.push((stack.pop().unwrap_or(0), n)),
            Some(Fence::Link { href, label }) => markup[n] = Some(link(href, label, *at)),
            Some(Fence::Nothing) => markup[n] = Some(Vec::new()),
            Some(f) if f.opens() => stack.push(n),
            _ => stack.push(n), // a closing fence with nothing open: shown as written
        }
    }
    let html = |s: String, at: usize| vec![(Event::Html(s.into()), at)];
    for (o, c) in pairs {
        let (_, at, line) = &fences[o];
        let (open, close) = match any_fence(line) {
            Some(Fence::Open {
                kind: Some(kind),
                title,
                fold,
            }) => {
                // VitePress' `details` is a closed note.
                let kind = if kind == "details" { "note" } else { kind };
                // A Quarto callout without `title=` takes its first heading as its title.
                let title = title.or_else(|| {
                    let quarto = line.contains(".callout-");
                    quarto.then(|| heading_title(&mut out, fences[o].0 + 1)).flatten()
                });
                super::mkdocs::admonition_markup(kind, title.as_deref(), fold.then_some(false), None, *at, rcx)
            }
            Some(Fence::Tabs) => {
                rcx.tabs = true;
                ("<div class=\"tabbed-set\">".to_string(), "</div>".to_string())
            }
            Some(Fence::Tab { label }) => (
                format!(
                    "<section class=\"tabbed-block\"><p class=\"tabbed-label\">{}</p>",
                    crate::util::escape_html(&label)
                ),
                "</section>".to_string(),
            ),
            Some(Fence::Titled { title }) => (
                format!(
                    "<div class=\"code-titled\"><p class=\"code-title\">{}</p>",
                    crate::util::escape_html(&title)
                ),
                "</div>".to_string(),
            ),
            // A fenced div of another class: its content, without the fences.
            _ => (String::new(), String::new()),
        };
        markup[o] = Some(html(open, *at));
        markup[c] = Some(html(close, fences[c].1));
    }
    for (n, (idx, at, line)) in fences.iter().enumerate() {
        out[*idx].0 = match markup[n].take() {
            Some(evs) if evs.len() == 1 => evs.into_iter().next().map_or(Event::Html("".into()), |e| e.0),
            Some(evs) => {
                // Several events (a link) go in after this pass; an empty slot stays.
                spliced.push((*idx, evs));
                Event::Html("".into())
            }
            None => {
                let help = match super::shortcodes::tag(line) {
                    Some(("{%", name, _)) => format!("close it with `{{% end{name} %}}`"),
                    Some((open, name, _)) => {
                        let close = if open == "{{<" { ">}}" } else { "%}}" };
                        format!("close it with `{open} /{name} {close}`")
                    }
                    None if line.starts_with('/') => {
                        let n = line.len() - line.trim_start_matches('/').len();
                        format!("close the block with a line of `{}`", "/".repeat(n))
                    }
                    None => "close the container with a line of `:::`".to_string(),
                };
                rcx.warn(
                    *at,
                    format!("`{}` is never closed; it is shown as written", line.trim()),
                    Some(&help),
                );
                Event::Html(format!("<p>{}</p>", crate::util::escape_html(line.trim())).into())
            }
        };
    }
    if spliced.is_empty() {
        return out;
    }
    let mut joined = Vec::with_capacity(out.len() + spliced.len() * 4);
    let mut spliced = spliced.into_iter().peekable();
    for (i, ev) in out.into_iter().enumerate() {
        match spliced.next_if(|(idx, _)| *idx == i) {
            Some((_, evs)) => joined.extend(evs),
            None => joined.push(ev),
        }
    }
    joined
}

/// The text of the heading that opens at `out[i]`, which then leaves (its events
/// emptied in place, so that the fences' indices hold; its id stays, on an empty span,
/// for the table of contents).
fn heading_title(out: &mut [Ev], i: usize) -> Option<String> {
    let Some((Event::Start(Tag::Heading { id, .. }), _)) = out.get(i) else {
        return None;
    };
    let anchor = id
        .as_ref()
        .map(|id| format!("<span id=\"{}\"></span>", crate::util::escape_html(id)));
    let end = i + out[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))?;
    let title = super::headings::plain_text(&out[i + 1..end]);
    if title.is_empty() {
        return None;
    }
    for ev in &mut out[i..=end] {
        ev.0 = Event::Html("".into());
    }
    out[i].0 = Event::Html(anchor.unwrap_or_default().into());
    Some(title)
}

/// A paragraph holding a link, as Markdown's `[label](href)` gives it: rewritten and
/// checked by the links pass.
fn link<'a>(href: String, label: String, at: usize) -> Vec<Ev<'a>> {
    let tag = Tag::Link {
        link_type: pulldown_cmark::LinkType::Inline,
        dest_url: href.into(),
        title: "".into(),
        id: "".into(),
    };
    vec![
        (Event::Start(Tag::Paragraph), at),
        (Event::Start(tag), at),
        (Event::Text(label.into()), at),
        (Event::End(TagEnd::Link), at),
        (Event::End(TagEnd::Paragraph), at),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_lines() {
        let open = |kind, title: Option<&str>, fold| {
            Some(Fence::Open {
                kind,
                title: title.map(str::to_string),
                fold,
            })
        };
        assert_eq!(fence(":::note"), open(Some("note"), None, false));
        assert_eq!(
            fence(":::tip[My *title*]"),
            open(Some("tip"), Some("My *title*"), false)
        );
        assert_eq!(
            fence("::: warning Be careful"),
            open(Some("warning"), Some("Be careful"), false)
        );
        assert_eq!(
            fence("::: details Click me"),
            open(Some("details"), Some("Click me"), true)
        );
        assert_eq!(
            fence("::: {.callout-tip title=\"Tip\"}"),
            open(Some("tip"), Some("Tip"), false)
        );
        assert_eq!(fence("::: {.columns}"), open(None, None, false));
        assert_eq!(fence("::::"), Some(Fence::Close));
        for l in [":: x", "a:::", ":::[x", ":::"] {
            assert!(l == ":::" || fence(l).is_none(), "{l}");
        }
    }
}
