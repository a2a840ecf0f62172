//! Minifying generated HTML: the fast in-place minifier, the tolerant one it falls back
//! to, and the compaction of page bodies the Markdown renderer already wrote tidily.

use crate::markdown::MAX_MINIFY_DEPTH;
use crate::markdown::html::nesting_depth;

/// Stands for a page's body while its shell is minified: letters only, so the
/// minifier leaves it as it is.
pub(super) const BODY_PLACEHOLDER: &str = "studysiteBodyPlaceholder7Q2x9Kz";

/// Where `needle` occurs in `hay`, if it occurs exactly once.
pub(super) fn single_match(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut it = memchr::memmem::find_iter(hay, needle);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// Block-level elements: a line break between two of their tags never shows. (A `match`
/// on the lower-cased name: asked for every tag of every page.)
pub(super) fn is_block_tag(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > 10 {
        return false;
    }
    let mut lower = [0u8; 10];
    for (l, c) in lower.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"li"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"section"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"tr"
            | b"ul"
    )
}

/// Appends HTML to `out` without the whitespace that never shows: runs of spaces and
/// line breaks between block tags (`</p>\n<p>`, `<ul>\n  <li>`: what the Markdown
/// renderer and template indentation put there). Whitespace that can show is kept: next
/// to text or an inline tag, and anywhere inside `<pre>` or `<textarea>`.
pub fn compact_blocks(html: &str, out: &mut Vec<u8>) {
    let bytes = html.as_bytes();
    // The tag name starting at `i` (just after `<` or `</`), lower-cased comparison.
    let name_at = |i: usize| -> &[u8] {
        let rest = &bytes[i.min(bytes.len())..];
        &rest[..rest
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len())]
    };
    let is_block = is_block_tag;
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let mut verbatim = 0usize; // depth of <pre>/<textarea>
    let mut last_tag_block = false; // whether the last tag seen was a block tag
    let mut copied = 0;
    for i in memchr::memchr2_iter(b'<', b'\n', bytes) {
        if i < copied {
            continue; // inside a run already dropped
        }
        if bytes[i] == b'<' {
            let closing = bytes.get(i + 1) == Some(&b'/');
            let name = name_at(i + 1 + closing as usize);
            if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"textarea") {
                verbatim = if closing {
                    verbatim.saturating_sub(1)
                } else {
                    verbatim + 1
                };
            }
            last_tag_block = is_block(name);
            continue;
        }
        if verbatim > 0 || !last_tag_block {
            continue;
        }
        // A line break in a run of whitespace: drop the run if it sits between a block
        // tag's `>` and a block tag.
        let start = i - bytes[..i].iter().rev().take_while(|&&c| is_space(c)).count();
        let end = i + bytes[i..].iter().take_while(|&&c| is_space(c)).count();
        if start > copied && bytes[start - 1] == b'>' && bytes.get(end) == Some(&b'<') {
            let closing = bytes.get(end + 1) == Some(&b'/');
            if is_block(name_at(end + 1 + closing as usize)) {
                out.extend_from_slice(&bytes[copied..start]);
                copied = end;
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// The one-pass minifier works in place without allocating and is several times
/// faster than the tolerant one. It refuses HTML it cannot prove well-formed, leaving
/// the buffer spoilt (`Err`). Pages nested deeper than [`MAX_MINIFY_DEPTH`] come back
/// as they are.
pub(super) fn minify_fast(mut html: Vec<u8>) -> Result<Vec<u8>, ()> {
    if nesting_depth(&html) > MAX_MINIFY_DEPTH {
        return Ok(html);
    }
    let cfg = minify_html_onepass::Cfg {
        minify_css: false,
        minify_js: false,
    };
    let len = minify_html_onepass::in_place(&mut html, &cfg).map_err(|_| ())?;
    html.truncate(len);
    Ok(html)
}

pub(super) fn minify_tolerant(html: &[u8]) -> Vec<u8> {
    if nesting_depth(html) > MAX_MINIFY_DEPTH {
        return html.to_vec();
    }
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_blocks_drops_only_breaks_that_never_show() {
        let compact = |s: &str| {
            let mut out = Vec::new();
            compact_blocks(s, &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            compact("<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n<table>\n<tr><td>c</td></tr>\n</table>\n"),
            "<p>a</p><ul><li>b</li></ul><table><tr><td>c</td></tr></table>\n"
        );
        // Between inline tags, next to text and inside <pre> a break is a space or a line.
        let kept = "<p><em>a</em>\n<strong>b</strong>\nc</p>\n<pre><code><span>x</span>\n<span>y</span></code></pre>";
        assert_eq!(compact(kept), kept);
        let pre = "<pre><div>a</div>\n<div>b</div></pre>\n<P>c</P>\n<DIV>d</DIV>";
        assert_eq!(
            compact(pre),
            "<pre><div>a</div>\n<div>b</div></pre>\n<P>c</P><DIV>d</DIV>"
        );
        // Template indentation between block tags goes; spaces between inline tags and
        // text stay, and so does a space-only run (no line break) next to a block tag.
        assert_eq!(
            compact(
                "<section>\n  <h2>T <span>(1)</span></h2>\n  \n  <div>\n    <b>x</b>\n <i>y</i>\n  </div>\n</section>"
            ),
            "<section><h2>T <span>(1)</span></h2><div>\n    <b>x</b>\n <i>y</i>\n  </div></section>"
        );
        assert_eq!(compact("<p>a</p> <p>b</p>"), "<p>a</p> <p>b</p>");
    }

    #[test]
    fn single_match_needs_exactly_one() {
        assert_eq!(single_match(b"xxABxx", b"AB"), Some(2));
        assert_eq!(single_match(b"ABAB", b"AB"), None);
        assert_eq!(single_match(b"xx", b"AB"), None);
    }

    #[test]
    fn pages_nested_too_deep_are_left_unminified() {
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<blockquote>".repeat(100_000),
            "</blockquote>".repeat(100_000)
        );
        // Deep pages come back untouched instead of overflowing the minifier's stack.
        assert_eq!(minify_fast(deep.clone().into_bytes()), Ok(deep.clone().into_bytes()));
        assert_eq!(minify_tolerant(deep.as_bytes()), deep.as_bytes());
    }
}
