//! Minifying generated HTML: the fast in-place minifier, the tolerant one it falls back
//! to, and the compaction of page bodies the Markdown renderer already wrote tidily.

use crate::markdown::MAX_MINIFY_DEPTH;
use crate::markdown::html::{nesting_depth, tag_name};

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
    let name_at = |i: usize| tag_name(&bytes[i.min(bytes.len())..]);
    let is_block = is_block_tag;
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let mut verbatim = 0usize; // depth of <pre>/<textarea>
    let mut last_tag_block = false; // whether the last tag seen was a block tag
    let mut copied = 0;
    let mut from = 0;
    loop {
        // Inside `<pre>` or `<textarea>` nothing is dropped: only their own tags matter
        // there, not the line breaks and the many tags of highlighted code.
        let next = if verbatim > 0 {
            memchr::memchr(b'<', &bytes[from..])
        } else {
            memchr::memchr2(b'<', b'\n', &bytes[from..])
        };
        let Some(off) = next else { break };
        let i = from + off;
        from = i + 1;
        if i < copied {
            continue; // inside a run already dropped
        }
        if bytes[i] == b'<' {
            let closing = bytes.get(i + 1) == Some(&b'/');
            let at = i + 1 + closing as usize;
            if verbatim > 0 && !matches!(bytes.get(at), Some(b'p' | b'P' | b't' | b'T')) {
                continue;
            }
            let name = name_at(at);
            if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"textarea") {
                verbatim = if closing {
                    verbatim.saturating_sub(1)
                } else {
                    verbatim + 1
                };
            } else if verbatim > 0 {
                // (What the last tag was is asked only once out of them, and the tag that
                // ends them answers it.)
                continue;
            }
            last_tag_block = is_block(name);
            continue;
        }
        if !last_tag_block {
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
    Ok(terminate_references(html))
}

/// The one-pass minifier writes a `&` in an unquoted attribute value as `&amp` without
/// its `;`, but there a reference without `;` followed by a letter, a digit or `=` is not
/// decoded at all (HTML's "historical reasons"): `href="?a=1&amp;section=2"` came out as
/// `href=?a=1&ampsection=2`, a link to the wrong query (minify-html issues #34, #169).
/// Puts the `;` back there. (In such a value a literal `&` before `amp` is itself written
/// `&amp`, so every `&amp` there stands for a `&`; quoted values and text are right.)
fn terminate_references(html: Vec<u8>) -> Vec<u8> {
    let fixes = unquoted_amps(&html);
    if fixes.is_empty() {
        return html;
    }
    let mut out = Vec::with_capacity(html.len() + fixes.len());
    let mut from = 0;
    for at in fixes {
        let end = at + "&amp".len();
        out.extend_from_slice(&html[from..end]);
        out.push(b';');
        from = end;
    }
    out.extend_from_slice(&html[from..]);
    out
}

/// Where `&amp` without `;`, then a letter, digit or `=`, stands in an unquoted attribute
/// value of minified HTML (raw text of `<script>` and `<style>` skipped).
fn unquoted_amps(h: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    if memchr::memmem::find(h, b"&amp").is_none() {
        return found;
    }
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &h[i..]) {
        i += lt + 1;
        let name_end = i + h[i..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if name_end == i {
            continue; // `</x>`, `<!doctype>`: no attributes to mend
        }
        let raw = h[i..name_end].eq_ignore_ascii_case(b"script") || h[i..name_end].eq_ignore_ascii_case(b"style");
        let tag = &h[i..name_end];
        i = name_end;
        // Attributes up to the tag's `>`.
        while i < h.len() && h[i] != b'>' {
            match h[i] {
                b'"' | b'\'' => {
                    let q = h[i];
                    i += 1 + memchr::memchr(q, &h[i + 1..]).unwrap_or(h.len() - i - 1);
                    i += 1;
                }
                b'=' if h.get(i + 1).is_some_and(|c| !matches!(c, b'"' | b'\'')) => {
                    i += 1;
                    while i < h.len() && !matches!(h[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>') {
                        if h[i..].starts_with(b"&amp")
                            && h.get(i + 4).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'=')
                        {
                            found.push(i);
                        }
                        i += 1;
                    }
                }
                _ => i += 1,
            }
        }
        if raw {
            // Raw text up to its end tag.
            let end = [b"</".as_slice(), tag].concat();
            let rest = &h[i.min(h.len())..];
            let close = (0..rest.len())
                .find(|&k| rest[k..].len() >= end.len() && rest[k..k + end.len()].eq_ignore_ascii_case(&end));
            i += close.unwrap_or(rest.len());
        }
    }
    found
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

    /// `compact_blocks` as it was before it skipped the inside of `<pre>`: every `<` and
    /// line break looked at.
    fn compact_reference(html: &str) -> Vec<u8> {
        let bytes = html.as_bytes();
        let name_at = |i: usize| tag_name(&bytes[i.min(bytes.len())..]);
        let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
        let (mut out, mut verbatim, mut last_tag_block, mut copied) = (Vec::new(), 0usize, false, 0);
        for i in memchr::memchr2_iter(b'<', b'\n', bytes) {
            if i < copied {
                continue;
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
                last_tag_block = is_block_tag(name);
                continue;
            }
            if verbatim > 0 || !last_tag_block {
                continue;
            }
            let start = i - bytes[..i].iter().rev().take_while(|&&c| is_space(c)).count();
            let end = i + bytes[i..].iter().take_while(|&&c| is_space(c)).count();
            if start > copied && bytes[start - 1] == b'>' && bytes.get(end) == Some(&b'<') {
                let closing = bytes.get(end + 1) == Some(&b'/');
                if is_block_tag(name_at(end + 1 + closing as usize)) {
                    out.extend_from_slice(&bytes[copied..start]);
                    copied = end;
                }
            }
        }
        out.extend_from_slice(&bytes[copied..]);
        out
    }

    #[test]
    fn compact_blocks_is_the_same_when_it_skips_code() {
        const PIECES: &[&str] = &[
            "<pre>",
            "</pre>",
            "<PRE class=x>",
            "</Pre>",
            "<textarea>",
            "</textarea>",
            "<p>",
            "</p>",
            "<P>",
            "<pa>",
            "<param>",
            "<t>",
            "<td>",
            "</td>",
            "<tr>",
            "<div>",
            "</div>",
            "<span>",
            "</span>",
            "<li>",
            "\n",
            "\n  ",
            " ",
            "x",
            "<",
            "</",
            "<>",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let mut html = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(PIECES[(seed >> 20) as usize % PIECES.len()]);
            }
            let mut out = Vec::new();
            compact_blocks(&html, &mut out);
            assert_eq!(out, compact_reference(&html), "{html:?}");
        }
    }

    #[test]
    fn a_query_keeps_its_ampersands_in_attributes() {
        let page = br#"<!doctype html><html><head><title>t</title><script>var a="<a b=c&amp;d>";</script></head><body><p><a href="https://e.com/s?q=1&amp;section=2&amp;copy=3&amp;lt=4&amp;x">R</a> <a title="&amp;ampz" href="?a&amp;b">S &amp;amp T</a></p></body></html>"#;
        for out in [minify_fast(page.to_vec()).unwrap(), minify_tolerant(page)] {
            let out = String::from_utf8(out).unwrap();
            // what a browser reads in the first href, whichever form the minifier chose
            let href = out
                .split("href=")
                .nth(1)
                .unwrap()
                .split('>')
                .next()
                .unwrap()
                .trim_matches('"');
            let decoded = href.replace("&amp;", "&");
            assert!(!decoded.contains("&amp"), "{out}");
            let decoded = if href.contains("&amp;") {
                decoded
            } else {
                href.to_string()
            };
            assert_eq!(decoded, "https://e.com/s?q=1&section=2&copy=3&lt=4&x", "{out}");
            assert!(
                out.contains(r#"var a="<a b=c&amp;d>";"#),
                "script text untouched: {out}"
            );
            // the title is the text "&ampz" in each form: escaped, quoted, or unquoted
            // where a reference without `;` before a letter is not decoded
            assert!(
                ["=&amp;ampz", "=\"&ampz\"", "=&ampz>"].iter().any(|f| out.contains(f)),
                "{out}"
            );
        }
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
