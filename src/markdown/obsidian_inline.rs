//! Obsidian's inline marks: `==highlight==` becomes `<mark>`, `%%comments%%` (inline or
//! over several lines) are never published, and `^block-id` at the end of a paragraph
//! or list item becomes its anchor (the target of `[[Note#^block-id]]`).
//!
//! Comments are removed from the source before parsing ([`strip_comments`], in place
//! with spaces, so every offset stays valid): they then reach neither the page nor the
//! search index. Code is left alone.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Ev, RenderCx};
use crate::util::escape_html;

/// Blanks `%%…%%` outside code, keeping line breaks; `None` when there is none.
/// An unclosed `%%` is left as written and its offset returned.
pub fn strip_comments(body: &str, options: Options) -> (Option<String>, Option<usize>) {
    let bytes = body.as_bytes();
    if memchr::memmem::find(bytes, b"%%").is_none() {
        return (None, None);
    }
    let mut code: Vec<(usize, usize)> = Vec::new();
    for (e, r) in Parser::new_ext(body, options).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(_)) | Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) = e {
            code.push((r.start, r.end));
        }
    }
    let in_code = |i: usize| code.iter().any(|r| r.0 <= i && i < r.1);
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&bytes[from..], b"%%").map(|p| from + p) {
        if in_code(p) {
            from = p + 2;
            continue;
        }
        let close = memchr::memmem::find_iter(&bytes[p + 2..], b"%%")
            .map(|q| p + 2 + q)
            .find(|q| !in_code(*q));
        let Some(close) = close else {
            return (changed.then(|| String::from_utf8_lossy(&out).into_owned()), Some(p));
        };
        for b in &mut out[p..close + 2] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        changed = true;
        from = close + 2;
    }
    // Only whole comments were blanked, so every multi-byte character went whole.
    (changed.then(|| String::from_utf8_lossy(&out).into_owned()), None)
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let evs = block_ids(evs, rcx);
    highlights(evs)
}

/// `text ^block-id` at the end of a paragraph or list item: the id becomes an anchor.
fn block_ids<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Text(t) if t.contains('^'))) {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len());
    for (i, (e, at)) in evs.iter().enumerate() {
        let ends_block = matches!(
            evs.get(i + 1).map(|x| &x.0),
            Some(Event::End(TagEnd::Paragraph | TagEnd::Item))
        );
        if let (Event::Text(t), true) = (e, ends_block)
            && let Some((before, id)) = block_id(t)
        {
            if !before.is_empty() {
                out.push((Event::Text(before.to_string().into()), *at));
            }
            let id = format!("^{id}");
            out.push((
                Event::Html(
                    format!(
                        "<a class=\"block-id\" id=\"{}\" aria-hidden=\"true\"></a>",
                        escape_html(&id)
                    )
                    .into(),
                ),
                *at,
            ));
            if rcx.report {
                rcx.block_ids.push(id);
            }
            continue;
        }
        out.push((e.clone(), *at));
    }
    out
}

/// `… ^abc-1` → (`…`, `abc-1`): letters, digits and dashes, after a space or alone.
fn block_id(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let before = &trimmed[..caret];
    let ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (ok && (before.is_empty() || before.ends_with(char::is_whitespace))).then(|| (before.trim_end(), id))
}

/// `==text==` → `<mark>text</mark>`: an opening `==` before a non-space, a closing one
/// after a non-space, both at the same nesting depth within one block.
fn highlights<'a>(evs: Vec<Ev<'a>>) -> Vec<Ev<'a>> {
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if crate::util::has(t, "==")))
    {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len());
    // Depth and index in `out` of an unmatched opening `==` (as its own Text event).
    let mut open: Option<(usize, usize)> = None;
    let mut depth = 0usize;
    for (e, at) in evs {
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                if open.is_some_and(|(d, _)| d == depth) {
                    open = None; // the block or span ended: the `==` stays text
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        let Event::Text(t) = &e else {
            out.push((e, at));
            continue;
        };
        let mut rest: &str = t;
        while let Some(p) = rest.find("==") {
            let (before, after) = (&rest[..p], &rest[p + 2..]);
            let prev_ok = before.chars().last().is_some_and(|c| !c.is_whitespace())
                || out.last().is_some_and(|(e, _)| !matches!(e, Event::Text(_)));
            match open {
                Some((d, idx)) if d == depth && prev_ok && !(before.is_empty() && out.len() == idx + 1) => {
                    if !before.is_empty() {
                        out.push((Event::Text(before.to_string().into()), at));
                    }
                    out[idx].0 = Event::Html("<mark>".into());
                    out.push((Event::Html("</mark>".into()), at));
                    open = None;
                }
                // At the end of a text event the next event (emphasis, code) follows.
                _ if after.is_empty() || after.starts_with(|c: char| !c.is_whitespace() && c != '=') => {
                    if !before.is_empty() {
                        out.push((Event::Text(before.to_string().into()), at));
                    }
                    out.push((Event::Text("==".into()), at));
                    open = Some((depth, out.len() - 1));
                }
                _ => out.push((Event::Text(format!("{before}==").into()), at)),
            }
            rest = after;
        }
        if !rest.is_empty() {
            out.push((Event::Text(rest.to_string().into()), at));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_blanked_in_place_outside_code() {
        let body = "a %%hidden%% b `%%kept%%`\n%%\nblock\n%%\nc";
        let (out, unclosed) = strip_comments(body, Options::empty());
        let out = out.unwrap();
        assert_eq!(out.len(), body.len());
        assert_eq!(out, "a            b `%%kept%%`\n  \n     \n  \nc");
        assert_eq!(unclosed, None);
        assert_eq!(strip_comments("x %% open", Options::empty()), (None, Some(2)));
        assert_eq!(strip_comments("none", Options::empty()), (None, None));
    }

    #[test]
    fn block_id_rules() {
        assert_eq!(block_id("A fact. ^fact-1"), Some(("A fact.", "fact-1")));
        assert_eq!(block_id("^alone"), Some(("", "alone")));
        assert_eq!(block_id("x^2"), None);
        assert_eq!(block_id("2^10 is 1024"), None);
    }
}
