//! Markdown around and inside raw HTML blocks, as MkDocs reads it.
//!
//! - [`split`]: in CommonMark an HTML block (`<div id="x"></div>`) runs on to the next
//!   blank line, so the `## Heading`, `!!! note` or list written on the line under it
//!   is printed as text. Python-Markdown (MkDocs) ends the raw HTML where its elements
//!   close; so does this: the lines after the point where every element the block
//!   opened is closed again are parsed as Markdown. Runs on the parsed events before
//!   headings get their ids, so such a heading is in the table of contents.
//! - [`transform`]: `$…$`, `$$…$$` and `\(…\)` written in the text of raw HTML
//!   (`<i>the value $7$</i>`, a caption in a `<div>`) are formulas (MathJax typesets
//!   them on the MkDocs site), rendered like the others. Tags and attribute values are
//!   never read for formulas; pandoc's rules for `$` hold (`$5 and $10` stays text).

use pulldown_cmark::{Event, Options, Tag, TagEnd};

use super::{Ev, RenderCx};

/// HTML elements without an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
];

/// Elements whose text is shown as written.
const VERBATIM: &[&str] = &[
    "code", "pre", "kbd", "samp", "script", "style", "textarea", "math", "svg",
];

/// Splits each HTML block where its elements are closed and Markdown follows.
pub fn split<'a>(evs: Vec<Ev<'a>>, body: &'a str, options: Options) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Start(Tag::HtmlBlock))) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter();
    // Containers open around the event (a block inside a list or quote is left alone:
    // its lines in the body carry the container's markers).
    let mut depth = 0usize;
    while let Some(ev) = iter.next() {
        let top = depth == 0;
        match ev.0 {
            Event::Start(Tag::HtmlBlock) if top => {}
            Event::Start(_) => {
                depth += 1;
                out.push(ev);
                continue;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                out.push(ev);
                continue;
            }
            _ => {
                out.push(ev);
                continue;
            }
        }
        let mut lines: Vec<Ev<'a>> = Vec::new();
        let mut end_ev = None;
        for inner in iter.by_ref() {
            if matches!(inner.0, Event::End(TagEnd::HtmlBlock)) {
                end_ev = Some(inner);
                break;
            }
            lines.push(inner);
        }
        let cut = markdown_after(&lines, body);
        out.push(ev);
        match cut {
            Some(k) => {
                let from = lines[k].1;
                let to = lines
                    .last()
                    .map_or(from, |(e, at)| at + if let Event::Html(h) = e { h.len() } else { 0 })
                    .min(body.len());
                out.extend(lines.drain(..k));
                out.extend(end_ev);
                let rest = super::events(&body[from..to], options);
                out.extend(rest.into_iter().map(|(e, at)| (e, from + at)));
            }
            None => {
                out.extend(lines);
                out.extend(end_ev);
            }
        }
    }
    out
}

/// The index of the first line that is Markdown: it follows a line where every
/// element opened so far is closed again, is not blank, and does not start a tag.
fn markdown_after(lines: &[Ev], body: &str) -> Option<usize> {
    // Only blocks that end at a blank line (CommonMark's kinds 6 and 7, an element's
    // tag first): a comment, `<?…?>`, `<!…>` or `<pre>`/`<script>`/`<style>`/
    // `<textarea>` block runs to its own end marker, and what is in it is not Markdown.
    let first = match lines.first() {
        Some((Event::Html(h), _)) => h.trim_start().to_ascii_lowercase(),
        _ => return None,
    };
    let name: String = first
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() || ["pre", "script", "style", "textarea"].contains(&name.as_str()) {
        return None;
    }
    let mut depth: i64 = 0;
    for (k, (e, at)) in lines.iter().enumerate() {
        let Event::Html(h) = e else { return None };
        // A comment left open on a line: nothing after it is read.
        if h.matches("<!--").count() > h.matches("-->").count() {
            return None;
        }
        // Only lines as the page has them (not a container's copy without its `>`).
        if !body.get(*at..).is_some_and(|b| b.starts_with(&**h)) {
            return None;
        }
        if k > 0 && depth <= 0 && !h.trim().is_empty() && !h.trim_start().starts_with('<') {
            return Some(k);
        }
        depth += balance(h);
    }
    None
}

/// Elements a line opens minus those it closes (void and self-closed tags count 0;
/// comments are skipped).
fn balance(h: &str) -> i64 {
    let mut n = 0;
    let mut rest = h;
    while let Some(p) = rest.find('<') {
        rest = &rest[p + 1..];
        if let Some(r) = rest.strip_prefix("!--") {
            rest = r.find("-->").map_or("", |q| &r[q + 3..]);
            continue;
        }
        let close = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let self_closed = rest[..end].ends_with('/');
        if close {
            n -= 1;
        } else if !self_closed && !VOID.contains(&name.as_str()) {
            n += 1;
        }
    }
    n
}

/// Formulas in the text of raw HTML become MathML.
pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let mut in_block = false;
    let mut out = Vec::with_capacity(evs.len());
    let mut any = false;
    // Inside `<code>`, `<pre>` and the like (their text is no formula), across lines.
    let mut verbatim: Option<&'static str> = None;
    for (e, at) in evs {
        match &e {
            Event::Start(Tag::HtmlBlock) => {
                in_block = true;
                verbatim = None;
            }
            Event::End(TagEnd::HtmlBlock) => in_block = false,
            // Every line of the block: `<pre>` on one line makes the next ones verbatim.
            Event::Html(h) if in_block => {
                if let Some(new) = formulas(h, at, &mut verbatim, rcx) {
                    out.push((Event::Html(new.into()), at));
                    any = true;
                    continue;
                }
            }
            _ => {}
        }
        out.push((e, at));
    }
    if any {
        rcx.has_raw_html = true;
    }
    out
}

/// The HTML with the formulas of its text (outside tags) rendered, or None.
fn formulas(h: &str, at: usize, verbatim: &mut Option<&'static str>, rcx: &mut RenderCx) -> Option<String> {
    if verbatim.is_none() && !h.contains('$') && !h.contains("\\(") && !h.contains('<') {
        return None;
    }
    let mut out = String::with_capacity(h.len());
    let mut changed = false;
    let mut rest = h;
    while !rest.is_empty() {
        // A tag (or comment) is copied as it is.
        if rest.starts_with('<') {
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map_or(rest.len(), |q| q + 3)
            } else {
                rest.find('>').map_or(rest.len(), |q| q + 1)
            };
            let tag = rest[1..end].trim_start_matches('/').to_ascii_lowercase();
            let name = tag.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
            match *verbatim {
                Some(v) if rest.starts_with("</") && name == v => *verbatim = None,
                None if !rest.starts_with("</") => *verbatim = VERBATIM.iter().find(|v| **v == name).copied(),
                _ => {}
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let text_end = rest.find('<').unwrap_or(rest.len());
        let (text, after) = rest.split_at(text_end);
        let offset = at + (h.len() - rest.len());
        if verbatim.is_some() {
            out.push_str(text);
            rest = after;
            continue;
        }
        match text_formulas(text, offset, rcx) {
            Some(t) => {
                out.push_str(&t);
                changed = true;
            }
            None => out.push_str(text),
        }
        rest = after;
    }
    changed.then_some(out)
}

/// One run of text with its `$…$`, `$$…$$` and `\(…\)` rendered.
fn text_formulas(text: &str, at: usize, rcx: &mut RenderCx) -> Option<String> {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        let found = match b[i] {
            b'\\' if b.get(i + 1) == Some(&b'(') => text[i + 2..].find("\\)").map(|q| (i + 2, i + 2 + q, 2, false)),
            b'\\' => {
                i += 2;
                continue;
            }
            b'$' if b.get(i + 1) == Some(&b'$') => text[i + 2..].find("$$").map(|q| (i + 2, i + 2 + q, 2, true)),
            b'$' => dollar_close(text, i).map(|c| (i + 1, c, 1, false)),
            _ => None,
        };
        let Some((s, e, width, display)) = found else {
            i += 1;
            continue;
        };
        if text[s..e].trim().is_empty() {
            i = e + width;
            continue;
        }
        out.push_str(&text[last..i]);
        let tex = unescape(&text[s..e]);
        out.push_str(&super::math::render(&tex, display, at + i, rcx));
        i = e + width;
        last = i;
    }
    if last == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// pandoc's rule: `$` opens when a non-space follows it, closes when a non-space
/// precedes it and no digit follows.
fn dollar_close(text: &str, open: usize) -> Option<usize> {
    let b = text.as_bytes();
    // (Spaces as Pandoc has them: any Unicode space, so `5 000 $` with a no-break space.)
    if text[open + 1..].chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    let mut j = open + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 1,
            b'$' if !text[..j].ends_with(char::is_whitespace) && !b.get(j + 1).is_some_and(u8::is_ascii_digit) => {
                return Some(j);
            }
            b'$' => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

/// The few entities a formula in HTML text is written with.
fn unescape(tex: &str) -> String {
    if !tex.contains('&') {
        return tex.to_string();
    }
    tex.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balance_counts_elements() {
        assert_eq!(balance("<div id=\"x\"></div>\n"), 0);
        assert_eq!(balance("<div style=\"a\">\n"), 1);
        assert_eq!(balance("<img src=x><br/><br>\n"), 0);
        assert_eq!(balance("</center>\n"), -1);
        assert_eq!(balance("<!-- <div> -->\n"), 0);
    }

    #[test]
    fn dollars_follow_pandoc() {
        assert_eq!(dollar_close("$x$ and", 0), Some(2));
        assert_eq!(dollar_close("$5 and $10", 0), None);
        assert_eq!(
            dollar_close("$. Comment 5 000\u{a0}$ ?", 0),
            None,
            "a no-break space is a space"
        );
        assert_eq!(dollar_close("$\u{a0}x$", 0), None);
        assert_eq!(dollar_close("$é$", 0), Some(3));
        assert_eq!(dollar_close("$ x$", 0), None);
    }
}
