//! Raw HTML written in notes: comments are dropped (they are metadata or notes to
//! self), anything else marks the page for sanitising (SPEC §5) unless the site
//! trusts its authors (`unsafe_html = true`).

use pulldown_cmark::Event;

use super::{Ev, RenderCx};

/// Whether events hold HTML the author wrote: `InlineHtml`, or `Html` inside an HTML
/// block (the transforms emit their own markup as bare `Html` events outside any HTML
/// block).
pub fn has_author_html(evs: &[Ev]) -> bool {
    evs.iter()
        .any(|(e, _)| matches!(e, Event::InlineHtml(_) | Event::Start(pulldown_cmark::Tag::HtmlBlock)))
}

/// Whether a piece of author HTML marks its page for the sanitiser: anything but a
/// comment (which [`transform`] drops) or blank lines.
fn marks_raw(h: &str) -> bool {
    !is_comment(h) && !h.trim().is_empty()
}

/// Whether [`transform`] will mark these events for the sanitiser.
pub fn will_mark_raw(evs: &[Ev]) -> bool {
    let mut in_block = false;
    evs.iter().any(|(e, _)| match e {
        Event::Start(pulldown_cmark::Tag::HtmlBlock) => {
            in_block = true;
            false
        }
        Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
            in_block = false;
            false
        }
        Event::Html(h) if in_block => marks_raw(h),
        Event::InlineHtml(h) => marks_raw(h),
        _ => false,
    })
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !has_author_html(&evs) {
        return evs;
    }
    let mut in_block = false;
    let mut out = Vec::with_capacity(evs.len());
    for (e, at) in evs {
        match &e {
            Event::Start(pulldown_cmark::Tag::HtmlBlock) => in_block = true,
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => in_block = false,
            Event::Html(h) | Event::InlineHtml(h) if in_block || matches!(e, Event::InlineHtml(_)) => {
                if is_comment(h) {
                    // The cheat-sheet marker is for the table transform; other comments go.
                    if !h.contains(super::tables::CHEATSHEET_MARKER) {
                        continue;
                    }
                    out.push((e, at));
                    continue;
                }
                if is_odd_comment(h) {
                    rcx.warn(
                        at,
                        "HTML comment ends early where a browser ends it (`--!>`, `<!-->` or `<!--->`): the text after it is HTML",
                        Some("close comments with a plain `-->`; this one is treated as raw HTML"),
                    );
                }
                if marks_raw(h) {
                    rcx.has_raw_html = true;
                    // The same rule as Markdown links: `/x.html` leaves a site served
                    // from a sub-path or from file://.
                    let verbatim = rcx.loc.page.body().get(at..).is_some_and(|b| b.starts_with(&**h));
                    for (i, url) in url_attributes(h) {
                        if super::links::is_root_absolute(url) {
                            super::links::warn_root_absolute(url, if verbatim { at + i } else { at }, rcx);
                        }
                    }
                    if !rcx.cx.config.unsafe_html && looks_dangerous(h) {
                        rcx.warn(
                            at,
                            "raw HTML with a script, event handler or frame is removed",
                            Some("notes are sanitised like GitHub does; set `unsafe_html = true` in studysite.toml to trust them"),
                        );
                    }
                    // Marked for the gate, which sanitises the blocks it is in
                    // (`raw_regions`); without the marks it sanitises the whole fragment.
                    if rcx.hold_code {
                        let marked = super::raw_regions::mark_raw(h).into();
                        let e = match e {
                            Event::InlineHtml(_) => Event::InlineHtml(marked),
                            _ => Event::Html(marked),
                        };
                        out.push((e, at));
                        continue;
                    }
                    rcx.raw_unmarked = true;
                }
            }
            _ => {}
        }
        out.push((e, at));
    }
    out
}

/// HTML's void elements (no end tag, no content), as html5ever knows them.
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

/// The tag name `rest` starts with (what follows a tag's `<` or `</`): its ASCII letters
/// and digits, as written.
pub fn tag_name(rest: &[u8]) -> &[u8] {
    &rest[..rest
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len())]
}

/// Raw HTML nested deeper than this (counting the Markdown containers around it) is
/// not given to the sanitiser: html5ever looks through the stack of open elements for
/// every tag, so 30,000 nested `<div>`s took seconds and an 8 MiB page of them hours.
/// Such a page shows its raw HTML as text instead (see [`escape_raw_html`]).
pub const MAX_SANITIZE_DEPTH: usize = 512;

/// The deepest tag nesting in a piece of HTML, void and self-closed tags not counted.
/// The renderer runs it over every page before minifying, so it jumps from `<` to `<`,
/// allocates nothing, and finds each `>` once (looking for it from every tag was
/// quadratic on `<a<a<a…`).
pub fn nesting_depth(html: &[u8]) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    // Position of the next `>` at or after the current tag (html.len() when none).
    let mut next_gt = 0usize;
    for i in memchr::memchr_iter(b'<', html) {
        match html.get(i + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(&html[i + 1..]);
                if VOID_ELEMENTS.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name)) {
                    continue;
                }
                if next_gt < i {
                    next_gt = memchr::memchr(b'>', &html[i..]).map_or(html.len(), |p| i + p);
                }
                let self_closed = next_gt > 0 && html.get(next_gt - 1) == Some(&b'/');
                if !self_closed {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// How deep the author's raw HTML (comments aside) nests, all of it taken as one text.
pub fn raw_html_depth(evs: &[Ev]) -> usize {
    let mut raw = String::new();
    for (e, _) in evs {
        if let Event::Html(h) | Event::InlineHtml(h) = e
            && !is_comment(h)
        {
            raw.push_str(h);
        }
    }
    nesting_depth(raw.as_bytes())
}

/// Turns the author's raw HTML (comments aside) into text, shown as written.
pub fn escape_raw_html(evs: &mut [Ev]) {
    for (e, _) in evs.iter_mut() {
        if let Event::Html(h) | Event::InlineHtml(h) = e
            && !is_comment(h)
        {
            *e = Event::Text(std::mem::replace(h, "".into()));
        }
    }
}

/// Whether a raw HTML event is only a comment (`<!-- … -->`, possibly with a newline),
/// judged as a browser reads it: the comment a browser sees must end exactly where
/// the event ends. `<!-- a --!><img …> -->`, `<!--><img …>` and `<!---><img …>` are
/// not comments to a browser past their first `--!>` / `>` (issue 15).
pub fn is_comment(h: &str) -> bool {
    let t = h.trim();
    t.starts_with("<!--") && comment_end(t) == Some(t.len())
}

/// Whether raw HTML opens a comment that a browser ends somewhere else than a plain
/// `-->` would suggest: worth a warning, since the text after it is live HTML.
pub fn is_odd_comment(h: &str) -> bool {
    let t = h.trim_start();
    t.starts_with("<!--") && !is_comment(h) && (t.contains("--!>") || t.starts_with("<!-->") || t.starts_with("<!--->"))
}

/// Where the comment opening `s` (which starts with `<!--`) ends for a browser: the
/// byte after its closing `>`, by the comment states of the HTML tokenizer
/// (`<!-->`, `<!--->`, `-->`, `--!>`); `None` if it runs to the end of `s`.
pub fn comment_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 4;
    // Comment start and comment start dash states: `<!-->` and `<!--->` end at once.
    match (b.get(4), b.get(5)) {
        (Some(b'>'), _) => return Some(5),
        (Some(b'-'), Some(b'>')) => return Some(6),
        _ => {}
    }
    // `dashes`: how many `-` were just seen (2 = the comment end state); `bang`: `--!`.
    let (mut dashes, mut bang) = (0usize, false);
    while i < b.len() {
        match b[i] {
            b'>' if dashes >= 2 || bang => return Some(i + 1),
            b'-' if bang => {
                bang = false;
                dashes = 1;
            }
            b'-' => dashes += 1,
            b'!' if dashes >= 2 => bang = true,
            _ => {
                dashes = 0;
                bang = false;
            }
        }
        i += 1;
    }
    None
}

/// The values of the `href` and `src` attributes in a piece of raw HTML, with their
/// byte offsets: quoted with `"` or `'`, or bare.
pub fn url_attributes(h: &str) -> Vec<(usize, &str)> {
    let lower = h.to_ascii_lowercase();
    let bytes = h.as_bytes();
    let mut out = Vec::new();
    for name in ["href", "src"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(name) {
            let start = from + found;
            from = start + name.len();
            // An attribute name: after whitespace, followed by `=` (spaces allowed).
            if start == 0 || !bytes[start - 1].is_ascii_whitespace() {
                continue;
            }
            let mut i = from;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (value_start, end) = match bytes.get(i) {
                Some(q @ (b'"' | b'\'')) => {
                    let end = h[i + 1..].find(*q as char).map_or(h.len(), |e| i + 1 + e);
                    (i + 1, end)
                }
                Some(_) => {
                    let end = h[i..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(h.len(), |e| i + e);
                    (i, end)
                }
                None => continue,
            };
            out.push((value_start, &h[value_start..end]));
            from = end;
        }
    }
    out.sort_unstable();
    out
}

fn looks_dangerous(h: &str) -> bool {
    let l = h.to_ascii_lowercase();
    l.contains("<script")
        || l.contains("<iframe")
        || l.contains("javascript:")
        || l.split(|c: char| c.is_whitespace() || c == '/')
            .any(|w| w.starts_with("on") && w.contains('='))
}

/// Text safe inside an HTML comment and our `:`-separated sentinel header.
pub fn escape_comment(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('-', "&#45;")
        .replace(':', "&#58;")
        .replace('>', "&gt;")
        .replace('<', "&lt;")
}

pub fn unescape_comment(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#58;", ":")
        .replace("&#45;", "-")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_recognised() {
        assert!(is_comment("<!-- id: x -->\n"));
        assert!(!is_comment("<!-- a --> <b>x</b> <!-- c -->"));
        assert!(!is_comment("<b>"));
        assert!(is_comment("<!---->"));
        assert!(is_comment("<!-- a --!>"), "a browser ends it there too");
        // Ended as a browser ends them: what follows is HTML, not comment.
        for odd in [
            "<!-- cheatsheet --!><img src=x onerror=alert(1)> -->",
            "<!--><img src=x onerror=alert(1)> -->",
            "<!---><img src=x onerror=alert(1)> -->",
            "<!-- a -- > --> <b>",
        ] {
            assert!(!is_comment(odd), "{odd}");
        }
        for (odd, yes) in [
            ("<!-- cheatsheet --!><img src=x> -->", true),
            ("<!--><img src=x> -->", true),
            ("<!---> x -->", true),
            ("<!-- a --> <b>x</b> <!-- c -->", false),
            ("<!-- plain -->", false),
            ("<b>", false),
        ] {
            assert_eq!(is_odd_comment(odd), yes, "{odd}");
        }
        assert_eq!(comment_end("<!-->x"), Some(5));
        assert_eq!(comment_end("<!--->x"), Some(6));
        assert_eq!(comment_end("<!-- a --!>x"), Some(11));
        assert_eq!(comment_end("<!-- a ---->x"), Some(12));
        assert_eq!(comment_end("<!-- a --!-->x"), Some(13));
        assert_eq!(comment_end("<!-- a -- ! >"), None);
    }

    #[test]
    fn nesting_depth_skips_void_and_self_closed_tags_in_linear_time() {
        for (html, depth) in [
            ("<div><p>a<br>b<img src=x/></p></div>", 2),
            ("<DIV><IMG src=x><Br></DIV>", 1),
            ("<ul><li><ul><li>x</li></ul></li></ul><hr>", 4),
            ("<a<b<c", 3),
            ("<svg><path d=x/><g></g></svg>", 2),
            ("</div></div><b>", 1),
            ("", 0),
            ("<", 0),
        ] {
            assert_eq!(nesting_depth(html.as_bytes()), depth, "{html}");
        }
        assert_eq!(nesting_depth(b"<blockquote>".repeat(300).as_slice()), 300);
        // 200,000 tags without a `>`: one pass, not one pass per tag (minutes before).
        assert_eq!(nesting_depth("<a".repeat(200_000).as_bytes()), 200_000);
    }

    #[test]
    fn url_attributes_are_found_in_every_quoting() {
        let h = "<a class=x HREF=\"/a.html\" data-href=\"/no\"><img src='/i.png' alt=y><img\nsrc = /bare.png>";
        let found: Vec<&str> = url_attributes(h).into_iter().map(|(_, v)| v).collect();
        assert_eq!(found, ["/a.html", "/i.png", "/bare.png"]);
        let (at, v) = url_attributes(h)[0];
        assert_eq!(&h[at..at + v.len()], "/a.html");
        assert!(url_attributes("<a href>").is_empty());
        assert!(url_attributes("<a href=\"").iter().all(|(_, v)| v.is_empty()));
    }

    #[test]
    fn comment_escaping_round_trips() {
        let s = "a-b: <c> & d";
        assert!(!escape_comment(s).contains('-'));
        assert_eq!(unescape_comment(&escape_comment(s)), s);
    }
}
