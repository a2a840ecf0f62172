//! MkDocs Material's admonitions (`!!! kind "Title"`, collapsible `??? kind` closed and
//! `???+ kind` open) and content tabs (`=== "Label"`). Their body is indented by four
//! spaces, which CommonMark reads as code: here the indented lines are parsed again as
//! Markdown and put inside a callout (the theme's, like Obsidian's: same kinds) or a
//! labelled tab. Tabs are all shown, one after the other, each under its label: they
//! read without JavaScript and print whole.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::{CS_CLOSE, CS_OPEN, Ev, RenderCx};
use crate::markdown::html::escape_comment;
use crate::util::escape_html;

/// A header line: `!!! note "Title"`, `??? tip`, `???+ info ""`, `=== "C++"`.
#[derive(Debug, PartialEq)]
enum Header<'s> {
    Admonition {
        kind: &'s str,
        title: Option<&'s str>,
        fold: Option<bool>,
    },
    Tab {
        label: &'s str,
    },
}

fn header(line: &str) -> Option<Header<'_>> {
    let line = line.trim_end();
    let (marker, rest) = line.split_once(' ')?;
    let fold = match marker {
        "!!!" => None,
        "???" => Some(false),
        "???+" => Some(true),
        "===" | "===+" => {
            let label = rest.trim().strip_prefix('"')?.strip_suffix('"')?;
            return Some(Header::Tab { label });
        }
        _ => return None,
    };
    let rest = rest.trim();
    let (kind, title) = match rest.find('"') {
        Some(q) => (rest[..q].trim(), Some(rest[q + 1..].strip_suffix('"')?)),
        None => (rest, None),
    };
    // `!!! note inline end`: the placement words are MkDocs' layout, not ours.
    let kind = kind.split_whitespace().next()?;
    kind.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .then_some(Header::Admonition { kind, title, fold })
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    report_jinja(&evs, rcx);
    let evs = drop_toc_markers(evs, rcx);
    blocks(evs, rcx, true)
}

/// Python-Markdown's `[TOC]` paragraph (Typora's `[toc]`, GitLab's and Azure DevOps'
/// `[[_TOC_]]`, VitePress' `[[toc]]` when no note is named `toc`) asks for the table of
/// contents there; every page already shows its own, so the marker itself goes.
fn drop_toc_markers<'a>(mut evs: Vec<Ev<'a>>, rcx: &RenderCx) -> Vec<Ev<'a>> {
    let toc_note = || {
        rcx.cx
            .links
            .pages
            .keys()
            .any(|k| k.rsplit('/').next().is_some_and(|n| n.eq_ignore_ascii_case("toc.md")))
    };
    let text = |e: &Event| matches!(e, Event::Text(t) if &**t == "[TOC]" || &**t == "[toc]" || &**t == "[[_TOC_]]" || &**t == "_TOC_" || &**t == "toc");
    let marker = |w: &[Ev]| -> Option<usize> {
        match w {
            [
                (Event::Start(Tag::Paragraph), _),
                (t, _),
                (Event::End(TagEnd::Paragraph), _),
                ..,
            ] if text(t) => Some(3),
            [
                (Event::Start(Tag::Paragraph), _),
                (Event::Start(Tag::Link { dest_url, .. }), _),
                (t, _),
                (Event::End(TagEnd::Link), _),
                (Event::End(TagEnd::Paragraph), _),
            ] if &**dest_url == "_TOC_" && text(t) => Some(5),
            [
                (Event::Start(Tag::Paragraph), _),
                (
                    Event::Start(Tag::Link {
                        link_type: LinkType::WikiLink { .. },
                        dest_url,
                        ..
                    }),
                    _,
                ),
                (Event::Text(t), _),
                (Event::End(TagEnd::Link), _),
                (Event::End(TagEnd::Paragraph), _),
            ] if &**dest_url == "toc" && &**t == "toc" && !toc_note() => Some(5),
            _ => None,
        }
    };
    if !evs.iter().any(|(e, _)| text(e)) {
        return evs;
    }
    let mut i = 0;
    while i < evs.len() {
        let end = (i + 5).min(evs.len());
        match marker(&evs[i..end]) {
            Some(n) => {
                evs.drain(i..i + n);
            }
            None => i += 1,
        }
    }
    evs
}

/// A header written on the line right under a paragraph (`$$…$$`, then `!!! example`)
/// is, to CommonMark, one more line of that paragraph; MkDocs starts a block there.
fn split_at_headers<'a>(evs: Vec<Ev<'a>>, rcx: &RenderCx) -> Vec<Ev<'a>> {
    let starts_header =
        |e: &Event| matches!(e, Event::Text(t) if t.starts_with("!!!") || t.starts_with("???") || t.starts_with("==="));
    if !evs.iter().any(|(e, _)| starts_header(e)) {
        return evs;
    }
    let body = rcx.loc.page.body();
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len() + 4);
    let mut in_paragraph = false;
    for ev in evs {
        if in_paragraph
            && starts_header(&ev.0)
            && matches!(out.last(), Some((Event::SoftBreak, _)))
            && body
                .get(ev.1..)
                .and_then(|b| b.split('\n').next())
                .and_then(header)
                .is_some()
        {
            let (_, at) = out.pop().unwrap_or((Event::SoftBreak, ev.1));
            out.push((Event::End(TagEnd::Paragraph), at));
            out.push((Event::Start(Tag::Paragraph), ev.1));
        }
        match ev.0 {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            _ => {}
        }
        out.push(ev);
    }
    out
}

/// `{% include … %}` and other Jinja (MkDocs' macros plugin) is not run: it is shown as
/// written and reported at its line.
fn report_jinja(evs: &[Ev], rcx: &mut RenderCx) {
    // Code is not scanned; Liquid's `{% raw %}`, `{% link %}`, `{% post_url %}` are
    // [`super::liquid`]'s, and so is what stands between `{% raw %}` and `{% endraw %}`.
    let mut code = 0usize;
    let mut in_raw = false;
    for (e, at) in evs {
        match e {
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            _ => {}
        }
        let Event::Text(t) = e else { continue };
        if code > 0 {
            continue;
        }
        // Every tag below opens with a brace (a byte scan, not a substring search).
        if memchr::memchr(b'{', t.as_bytes()).is_none() {
            continue;
        }
        let body = rcx.loc.page.body();
        // A callout shortcode on its own line is a container ([`super::containers`]).
        let line = body.get(*at..).and_then(|b| b.split('\n').next()).unwrap_or("");
        if line.starts_with('{') && super::containers::any_fence(line).is_some() {
            continue;
        }
        if let Some(p) = t.find("{{<").or_else(|| t.find("{{%"))
            && t[p..].contains("}}")
        {
            let code = quoted_tag(&t[p..], "}}");
            let at = body.get(*at..).and_then(|b| b.find(&code[..3])).map_or(*at, |q| at + q);
            let name = code[3..].split_whitespace().next().unwrap_or("");
            if matches!(name, "ref" | "relref") {
                // [`super::hugo`] found no page for it, or it stands outside a link's URL.
                rcx.warn(
                    at,
                    format!(
                        "Hugo `{code}` names no page in content/, or stands outside a link; it is shown as written"
                    ),
                    Some(
                        "write it as `[text]({{< ref \"page.md\" >}})`, naming a page beside this one or from content/",
                    ),
                );
                continue;
            }
            rcx.warn(
                at,
                format!("Hugo shortcode `{code}` is not supported; it is shown as written"),
                Some("studysite runs no Hugo shortcodes: write the Markdown it would produce"),
            );
            continue;
        }
        // The first tag that is not Liquid's (nor inside `{% raw %}`).
        let mut p = None;
        let mut from = 0;
        while let Some(q) = t[from..].find("{%").map(|q| q + from) {
            let Some(close) = t[q + 2..].find("%}").map(|c| c + q + 2) else {
                break;
            };
            let inner = t[q + 2..close].trim_matches(['-', ' ', '\t']);
            match inner {
                "raw" => in_raw = true,
                "endraw" => in_raw = false,
                _ if in_raw || super::liquid::handles_tag(inner) => {}
                // (a Markdown include the load expanded, or reported missing)
                _ if crate::liquid_include::is_markdown_include(&t[q..close + 2]) => {}
                _ => {
                    p = Some(q);
                    break;
                }
            }
            from = close + 2;
        }
        let Some(p) = p else { continue };
        let tag = quoted_tag(&t[p..], "%}");
        // The text event's offset is where its first piece starts; find the tag there.
        let at = body
            .get(*at..)
            .and_then(|b| b.find(tag.trim_end_matches('…')))
            .map_or(*at, |q| at + q);
        rcx.warn(
            at,
            format!("Jinja `{tag}` is not supported; it is shown as written"),
            Some("studysite does not run MkDocs' macros plugin: write the text it would produce"),
        );
    }
}

/// The tag at the start of `text`, up to its `close`, as a message quotes it: whole up to
/// 80 characters, else its first 60 and `…` (never a close that is not in the source).
fn quoted_tag(text: &str, close: &str) -> String {
    let end = text.find(close).map_or(text.len(), |e| e + close.len());
    let tag = &text[..end];
    if tag.chars().count() <= 80 {
        return tag.to_string();
    }
    tag.chars().take(60).collect::<String>() + "…"
}

/// `outermost`: blocks at this level go on the cheat sheet (nested ones ride along).
fn blocks<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx, outermost: bool) -> Vec<Ev<'a>> {
    if !evs.iter().any(
        |(e, _)| matches!(e, Event::Text(t) if t.starts_with("!!!") || t.starts_with("???") || t.starts_with("===")),
    ) {
        return evs;
    }
    // (At every level: a nested body is parsed again, and may hold such a line too.)
    let mut evs = split_at_headers(evs, rcx);
    let mut out = Vec::with_capacity(evs.len());
    let mut i = 0;
    let mut heading = (String::new(), String::new());
    let mut in_tabs = false;
    while i < evs.len() {
        if let Event::Start(Tag::Heading { .. }) = evs[i].0 {
            heading = super::headings::heading_at(&evs, i);
        }
        // The header as written (a title may hold a link, which splits the text).
        let first_line: Option<String> = match (&evs[i].0, evs.get(i + 1)) {
            (Event::Start(Tag::Paragraph), Some((Event::Text(_), _))) => {
                let b = rcx.loc.page.body();
                let from = evs[i].1.min(b.len());
                Some(b[from..].split('\n').next().unwrap_or("").to_string())
            }
            _ => None,
        };
        let found = first_line.as_deref().and_then(header);
        let Some(h) = found else {
            if in_tabs {
                out.push((Event::Html("</div>".into()), evs[i].1));
                in_tabs = false;
            }
            out.push(evs[i].clone());
            i += 1;
            continue;
        };
        let at = evs[i].1;
        let (body, mut next) = body_events(&evs, i, rcx);
        // A header written right under the body (`??? hint` after `!!! example`'s last
        // line) is, to CommonMark, a line of the same paragraph: it starts one here.
        if next > i + 1
            && matches!(evs[next - 1].0, Event::SoftBreak)
            && matches!(evs.get(next).map(|e| &e.0), Some(Event::Text(_)))
        {
            next -= 1;
            evs[next] = (Event::Start(Tag::Paragraph), evs[next + 1].1);
        }
        // Admonitions and tabs nest (each level is indented four more spaces).
        let body = blocks(body, rcx, false);
        match h {
            Header::Tab { label } => {
                rcx.tabs = true;
                if !in_tabs {
                    out.push((Event::Html("<div class=\"tabbed-set\">".into()), at));
                    in_tabs = true;
                }
                out.push((
                    Event::Html(
                        format!(
                            "<section class=\"tabbed-block\"><p class=\"tabbed-label\">{}</p>",
                            escape_html(label)
                        )
                        .into(),
                    ),
                    at,
                ));
                out.extend(body);
                out.push((Event::Html("</section>".into()), at));
            }
            Header::Admonition { kind, title, fold } => {
                if in_tabs {
                    out.push((Event::Html("</div>".into()), at));
                    in_tabs = false;
                }
                let cs = outermost.then_some(&heading);
                let (open, close) = admonition_markup(kind, title, fold, cs, at, rcx);
                out.push((Event::Html(open.into()), at));
                out.extend(body);
                out.push((Event::Html(close.into()), at));
            }
        }
        i = next;
    }
    if in_tabs {
        out.push((Event::Html("</div>".into()), evs.last().map_or(0, |e| e.1)));
    }
    out
}

/// An admonition's opening (with its title) and closing markup; `heading` (the one
/// above it) when it goes on the cheat sheet.
pub(super) fn admonition_markup(
    kind: &str,
    title: Option<&str>,
    fold: Option<bool>,
    heading: Option<&(String, String)>,
    at: usize,
    rcx: &mut RenderCx,
) -> (String, String) {
    let (style, default) = super::callouts::kind(kind).unwrap_or_else(|| {
        rcx.warn(at, format!("unknown admonition kind `{kind}`; it is shown as a note"), Some("MkDocs' kinds: note, abstract, info, tip, success, question, warning, failure, danger, bug, example, quote"));
        ("note", "Note")
    });
    let title = title.map_or_else(|| super::callouts::localised(rcx, default), str::to_string);
    let title_html = inline_html(&title, rcx);
    let (cs, cs_close) = match heading {
        Some(h) => (
            format!("{CS_OPEN}callout:{}:{}-->", h.0, escape_comment(&h.1)),
            CS_CLOSE,
        ),
        None => (String::new(), ""),
    };
    let kind_attr = escape_html(&kind.to_ascii_lowercase());
    match fold {
        Some(open) => (
            format!(
                "{cs}<details class=\"callout callout-{style} callout-fold\" data-callout=\"{kind_attr}\"{}><summary class=\"callout-title\">{}</summary>",
                if open { " open" } else { "" },
                title_html
            ),
            format!("</details>{cs_close}"),
        ),
        None if title.is_empty() => (
            format!("{cs}<div class=\"callout callout-{style}\" data-callout=\"{kind_attr}\" role=\"note\">"),
            format!("</div>{cs_close}"),
        ),
        None => (
            format!(
                "{cs}<div class=\"callout callout-{style}\" data-callout=\"{kind_attr}\" role=\"note\"><p class=\"callout-title\">{}</p>",
                title_html
            ),
            format!("</div>{cs_close}"),
        ),
    }
}

/// The body of the block whose header line starts at body offset `at`, as MkDocs reads
/// it: the lines after the header that are blank or indented by four spaces (or a tab),
/// dedented and parsed as Markdown. Returns its events and the index in `evs` of the
/// first event after it.
fn body_events<'a>(evs: &[Ev<'a>], i: usize, rcx: &mut RenderCx) -> (Vec<Ev<'a>>, usize) {
    let page_body = rcx.loc.page.body();
    let at = evs[i].1.min(page_body.len());
    // A nested header stands indented; its body is four spaces further in.
    let line_start = page_body[..at].rfind('\n').map_or(0, |p| p + 1);
    let indent = " ".repeat(at - line_start + 4);
    let mut pos = page_body[at..].find('\n').map_or(page_body.len(), |p| at + p + 1);
    let mut text = String::new();
    // For each dedented line: (its offset in `text`, its offset in the page body).
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut end = pos;
    while pos < page_body.len() {
        let eol = page_body[pos..].find('\n').map_or(page_body.len(), |p| pos + p + 1);
        let line = &page_body[pos..eol];
        let blank = line.trim().is_empty();
        let cut = if line.starts_with('\t') && indent.len() == 4 {
            1
        } else if line.starts_with(indent.as_str()) {
            indent.len()
        } else if blank {
            line.len() - line.trim_start_matches([' ', '\t']).len()
        } else {
            break;
        };
        lines.push((text.len(), pos + cut));
        text.push_str(&line[cut..]);
        if !blank {
            end = eol;
        }
        pos = eol;
    }
    let next = i + evs[i..]
        .iter()
        .position(|(_, o)| *o >= end && *o > at)
        .unwrap_or(evs.len() - i);
    // The header's paragraph ends with the header line when the body is indented.
    let next = skip_dangling_ends(evs, next);
    (reparse(&text, &lines, rcx), next)
}

/// A title's Markdown (links, code, math) as inline HTML.
fn inline_html(title: &str, rcx: &RenderCx) -> String {
    let mut out = String::new();
    let evs: Vec<Event> = super::events(title, super::extensions::options(rcx.cx.config))
        .into_iter()
        .map(|(e, _)| e)
        .filter(|e| !matches!(e, Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)))
        .collect();
    pulldown_cmark::html::push_html(&mut out, evs.into_iter());
    out.trim().to_string()
}

/// Closing events of blocks that started inside the body (their starts were skipped).
fn skip_dangling_ends(evs: &[Ev], mut j: usize) -> usize {
    while let Some((Event::End(TagEnd::Paragraph | TagEnd::CodeBlock), _)) = evs.get(j) {
        j += 1;
    }
    j
}

/// Parses a dedented body as Markdown; each event points where its text is in the page.
fn reparse<'a>(text: &str, lines: &[(usize, usize)], rcx: &RenderCx) -> Vec<Ev<'a>> {
    let options = super::extensions::options(rcx.cx.config);
    let prepared = super::prepare(text, options, &rcx.loc.page.folder, rcx.cx.links).text;
    let source = prepared.as_deref().unwrap_or(text);
    super::events(source, options)
        .into_iter()
        .map(|(e, off)| {
            let k = lines.partition_point(|(t, _)| *t <= off).saturating_sub(1);
            let (t0, b0) = lines.get(k).copied().unwrap_or((0, 0));
            (e.into_static(), b0 + off - t0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            header("!!! info \"Proof\""),
            Some(Header::Admonition {
                kind: "info",
                title: Some("Proof"),
                fold: None
            })
        );
        assert_eq!(
            header("??? tip"),
            Some(Header::Admonition {
                kind: "tip",
                title: None,
                fold: Some(false)
            })
        );
        assert_eq!(
            header("???+ note \"\""),
            Some(Header::Admonition {
                kind: "note",
                title: Some(""),
                fold: Some(true)
            })
        );
        assert_eq!(
            header("!!! note inline end \"Side\""),
            Some(Header::Admonition {
                kind: "note",
                title: Some("Side"),
                fold: None
            })
        );
        assert_eq!(header("=== \"C++\""), Some(Header::Tab { label: "C++" }));
        assert_eq!(header("=== not a tab"), None);
        assert_eq!(header("!!!!"), None);
        assert_eq!(header("!!! wow!"), None);
    }
}
