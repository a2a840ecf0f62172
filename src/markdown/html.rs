//! Raw HTML written in notes: comments are dropped (they are metadata or notes to
//! self), anything else marks the page for sanitising (SPEC §5) unless the site
//! trusts its authors (`unsafe_html = true`).

use pulldown_cmark::Event;

use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    // Author HTML is `InlineHtml`, or `Html` inside an HTML block; the transforms
    // emit their own markup as bare `Html` events outside any HTML block.
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
                if !h.trim().is_empty() {
                    rcx.has_raw_html = true;
                    if !rcx.cx.config.unsafe_html && looks_dangerous(h) {
                        rcx.warn(
                            at,
                            "raw HTML with a script, event handler or frame is removed",
                            Some("notes are sanitised like GitHub does; set `unsafe_html = true` in studysite.toml to trust them"),
                        );
                    }
                }
            }
            _ => {}
        }
        out.push((e, at));
    }
    out
}

/// Whether a raw HTML event is only a comment (`<!-- … -->`, possibly with a newline).
pub fn is_comment(h: &str) -> bool {
    // Found by the fuzzer: `<!-->` both starts with `<!--` and ends with `-->`.
    let inner = h.trim().strip_prefix("<!--").and_then(|r| r.strip_suffix("-->"));
    inner.is_some_and(|i| !i.contains("-->"))
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
        assert!(!is_comment("<!-->"));
        assert!(!is_comment("<!--->"));
        assert!(is_comment("<!---->"));
    }

    #[test]
    fn comment_escaping_round_trips() {
        let s = "a-b: <c> & d";
        assert!(!escape_comment(s).contains('-'));
        assert_eq!(unescape_comment(&escape_comment(s)), s);
    }
}
