//! Highlighted code held out of a fragment while the sanitiser reads it. A page with
//! raw HTML is sanitised whole, and its highlighted code (escaped text in `<span
//! class="hl-…">`: our own markup, safe as written) was most of what the sanitiser
//! parsed: 58 % of its input on cp-algorithms, a sixth of that build's time. In a
//! fragment the sanitiser will read (`RenderCx::hold_code`: the author's HTML, other
//! than comments, in a site that does not trust it), the code transform hands each
//! highlighted body to [`HeldCode::hold`], which leaves a marker in its place, and
//! [`super::sanitize::gate`] puts the bodies back once the fragment has passed. Other
//! fragments get their code in place (holding it would cost a copy of the page).
//!
//! A marker is text no author writes: private-use characters around a number drawn
//! once per process (a notes file cannot guess it) and the body's index. Text passes
//! the sanitiser as it is, so every marker comes out where it went in; one inside
//! something the sanitiser drops (a `<script>`) goes with it, as its code did before.
//! Put back, a body is the same escaped, span-wrapped code that went in.

use std::sync::OnceLock;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The highlighted bodies of one fragment's code blocks, in the order they were held.
#[derive(Debug, Default)]
pub struct HeldCode(Vec<String>);

/// A number drawn once per process, in hex: part of every marker the renderer leaves
/// in a fragment for the gate (here and in [`super::raw_regions`]), so that no notes
/// file can write one.
pub fn process_number() -> &'static str {
    static N: OnceLock<String> = OnceLock::new();
    N.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        let n = std::collections::hash_map::RandomState::new().build_hasher().finish();
        format!("{n:016x}")
    })
}

/// `OPEN`, this process's number and a dot: the start of every marker.
fn prefix() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| format!("{OPEN}{}.", process_number()))
}

impl HeldCode {
    /// Keeps `body` and gives the marker to write in its place.
    pub fn hold(&mut self, body: String) -> String {
        self.0.push(body);
        format!("{}{}{CLOSE}", prefix(), self.0.len() - 1)
    }

    /// `html` (not sanitised) with each marker of these bodies replaced by its body, as
    /// it was held.
    pub fn restore(&self, html: String) -> String {
        self.put_back_as(html, |body, out| out.push_str(body))
    }

    /// [`Self::restore`] for the sanitiser's output, or `None` when a marker came out
    /// anywhere but right after a tag's `>` (it is written right after its `<code …>`):
    /// the sanitiser took it as text, inside the author's `<textarea>` or `<xmp>`
    /// around a fence, so the caller sanitises the fragment with its code in it, as
    /// before (rare, and the sanitiser alone knows how each such element reads text).
    pub fn restore_sanitised(&self, html: String) -> Option<String> {
        let mut as_text = false;
        let out = self.put_back_as(html, |body, out| {
            as_text |= !out.ends_with('>');
            push_unquoted(body, out);
        });
        (!as_text).then_some(out)
    }

    /// [`Self::restore`] of `html`, added to `out`.
    pub fn restore_into(&self, html: &str, out: &mut String) {
        if self.0.is_empty() {
            out.push_str(html);
        } else {
            self.put_back_into(html, out, |body, out| out.push_str(body));
        }
    }

    fn put_back_as(&self, html: String, put: impl FnMut(&str, &mut String)) -> String {
        if self.0.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len() + self.0.iter().map(String::len).sum::<usize>());
        self.put_back_into(&html, &mut out, put);
        out
    }

    fn put_back_into(&self, html: &str, out: &mut String, mut put: impl FnMut(&str, &mut String)) {
        let prefix = prefix();
        let mut rest = html;
        while let Some(at) = memchr::memmem::find(rest.as_bytes(), prefix.as_bytes()) {
            let after = &rest[at + prefix.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let body = after[..digits]
                .parse::<usize>()
                .ok()
                .filter(|_| after[digits..].starts_with(CLOSE))
                .and_then(|i| self.0.get(i));
            match body {
                Some(body) => {
                    out.push_str(&rest[..at]);
                    put(body, out);
                    rest = &after[digits + CLOSE.len_utf8()..];
                }
                None => {
                    out.push_str(&rest[..at + prefix.len()]);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
    }

    /// Puts the bodies back into `html` now (HTML that goes on into another fragment,
    /// such as an embedded note's, which the outer fragment's gate then reads whole).
    pub fn take_back(&mut self, html: String) -> String {
        let out = self.restore(html);
        self.0.clear();
        out
    }
}

/// A body as element content, where quotes need no escape: `&#39;` and `&quot;` go back
/// as `'` and `"`, as the sanitiser writes them (4 and 5 bytes fewer each).
fn push_unquoted(body: &str, out: &mut String) {
    let mut rest = body;
    while let Some(at) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (text, len) = if tail.starts_with("&#39;") {
            ("'", 5)
        } else if tail.starts_with("&quot;") {
            ("\"", 6)
        } else {
            ("&", 1)
        };
        out.push_str(text);
        rest = &tail[len..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::sanitize::{clean, gate};

    const BODY: &str = "<span class=\"hl-source hl-python\"><span class=\"hl-keyword\">if</span> a &lt; b &amp;&amp; c == &#39;&quot;&#39;:\n</span>";

    #[test]
    fn held_code_comes_back_where_it_was_after_sanitising() {
        let mut held = HeldCode::default();
        let marker = held.hold(BODY.to_string());
        let html = format!(
            "<div onclick=\"x()\">raw</div>\n<pre class=\"code\" data-lang=\"python\"><code class=\"language-python\">{marker}</code></pre>\n"
        );
        let out = gate(html, true, false, &held, false).into_string();
        assert!(!out.contains("onclick"), "{out}");
        let unquoted = BODY.replace("&#39;", "'").replace("&quot;", "\"");
        assert!(
            out.contains(&format!("<code class=\"language-python\">{unquoted}</code>")),
            "{out}"
        );
        // The same as sanitising the code with the page (the sanitiser rewrites nothing
        // in it but the quotes it need not escape).
        let whole = clean(&format!(
            "<div>raw</div>\n<pre class=\"code\" data-lang=\"python\"><code class=\"language-python\">{BODY}</code></pre>\n"
        ));
        assert_eq!(out, whole);
    }

    #[test]
    fn markers_go_back_without_sanitising_and_inside_dropped_markup_go_with_it() {
        let mut held = HeldCode::default();
        let a = held.hold("A".into());
        let b = held.hold("B".into());
        assert_eq!(
            gate(format!("<p>{b}</p>{a}"), false, false, &held, false).as_str(),
            "<p>B</p>A"
        );
        let out = gate(format!("<script>{a}</script><p>{b}</p>"), true, false, &held, false).into_string();
        assert_eq!(out, "<p>B</p>");
    }

    #[test]
    fn code_the_sanitiser_took_as_text_goes_back_as_text() {
        let code = |body: &str| format!("<pre class=\"code\"><code class=\"language-c\">{body}</code></pre>");
        let mut held = HeldCode::default();
        let marker = held.hold(BODY.to_string());
        let out = gate(
            format!("<textarea>{}</textarea>", code(&marker)),
            true,
            false,
            &held,
            false,
        )
        .into_string();
        let before = clean(&format!("<textarea>{}</textarea>", code(BODY)));
        assert_eq!(out, before);
        assert!(!out.contains("<span"), "{out}");
    }

    #[test]
    fn a_marker_an_author_writes_is_left_as_text() {
        let mut held = HeldCode::default();
        held.hold("<span>x</span>".into());
        for forged in [
            "\u{E000}0000000000000000.0\u{E001}",
            &format!("{}9\u{E001}", prefix()),
            &format!("{}0", prefix()),
        ] {
            let out = held.restore(format!("<p>{forged}</p>"));
            assert_eq!(out, format!("<p>{forged}</p>"), "{forged:?}");
        }
    }
}
