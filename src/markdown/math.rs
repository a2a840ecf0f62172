//! Math: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and ```` ```math ```` fences, rendered at
//! build time to MathML (pulldown-latex), so formulas need no JavaScript, work from
//! `file://` and print. pulldown-cmark's math option keeps `$` and `$$` away from
//! Markdown parsing (its rules leave "$5 and $10" as text); [`prepare`] gives `\(…\)`
//! and `\[…\]` the same treatment. A formula that cannot be converted shows its TeX
//! source in a styled block and is a warning at its line.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{RenderConfig, Storage};

use super::{Ev, RenderCx};
use crate::util::escape_html;

/// The MathML elements pulldown-latex writes, for the sanitiser's allow-list.
pub const MATHML_TAGS: &[&str] = &[
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
];

/// The attributes on those elements (besides `class`).
pub const MATHML_ATTRIBUTES: &[&str] = &[
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "minsize",
    "maxsize",
    "linethickness",
    "width",
    "height",
    "depth",
    "lspace",
    "rspace",
    "encoding",
    "style",
];

/// Makes the body safe for pulldown-cmark's math option without moving any offset
/// ([`transform`] reads each formula back from the page body as written):
/// - `\(…\)` becomes `${…}$` and `\[…\]` (on its own lines) `$$…$$`;
/// - inside a `$$` block written over several lines at the left margin, a line that
///   would start a block (`1. & a \\`, `=`, `- x`, `> y`, `| z`) gets an inert first
///   character, so the block stays one formula instead of becoming a list or a heading.
///
/// Code and raw HTML are left alone. `None` when nothing needed changing.
pub fn prepare(body: &str, options: Options) -> Option<String> {
    let bytes = body.as_bytes();
    let parens = memchr::memmem::find_iter(bytes, b"\\").any(|i| matches!(bytes.get(i + 1), Some(b'(' | b'[')));
    let blocks = bytes.starts_with(b"$$") || memchr::memmem::find(bytes, b"\n$$").is_some();
    if !parens && !blocks {
        return None;
    }
    let protected = protected_ranges(body, options);
    let mut out = bytes.to_vec();
    let mut changed = false;
    if parens {
        changed |= rewrite_backslash_delimiters(bytes, &mut out, &protected);
    }
    if blocks || changed {
        changed |= shield_display_blocks(&mut out, &protected);
    }
    // Only ASCII bytes were replaced by ASCII bytes.
    changed.then(|| String::from_utf8(out).unwrap_or_else(|_| body.to_string()))
}

/// Code, raw HTML and what already parses as math, in source order.
fn protected_ranges(body: &str, options: Options) -> Vec<(usize, usize)> {
    let mut protected: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    for (e, r) in Parser::new_ext(body, options | Options::ENABLE_MATH).into_offset_iter() {
        match e {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                if depth == 0 {
                    protected.push((r.start, r.end));
                }
                depth += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => depth = depth.saturating_sub(1),
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) | Event::InlineMath(_) | Event::DisplayMath(_)
                if depth == 0 =>
            {
                protected.push((r.start, r.end))
            }
            _ => {}
        }
    }
    protected
}

/// The start of the protected range that `i` is in, or of the next one after it.
fn next_protected(protected: &[(usize, usize)], i: usize) -> Option<(usize, usize)> {
    let k = protected.partition_point(|r| r.1 <= i);
    protected.get(k).copied()
}

fn rewrite_backslash_delimiters(bytes: &[u8], out: &mut [u8], protected: &[(usize, usize)]) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let next = next_protected(protected, i);
        if let Some((start, end)) = next
            && start <= i
        {
            i = end;
            continue;
        }
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let close: &[u8] = match bytes[i + 1] {
            b'(' => b"\\)",
            b'[' => b"\\]",
            _ => {
                i += 2; // an escape: `\\(` is a backslash and a parenthesis
                continue;
            }
        };
        // `\[` is display math only on its own line: in prose `a\[i\]` is escaped brackets.
        if close == b"\\]" && !starts_line(bytes, i) {
            i += 2;
            continue;
        }
        let limit = next.map_or(bytes.len(), |r| r.0);
        match find_close(&bytes[i + 2..limit], close) {
            Some(len) if close == b"\\)" || ends_line(bytes, i + 4 + len) => {
                let end = i + 2 + len;
                let (open, shut): (&[u8], &[u8]) = if close == b"\\)" {
                    (b"${", b"}$")
                } else {
                    (b"$$", b"$$")
                };
                out[i..i + 2].copy_from_slice(open);
                out[end..end + 2].copy_from_slice(shut);
                changed = true;
                i = end + 2;
            }
            _ => i += 2,
        }
    }
    changed
}

/// Gives the inner lines of multi-line `$$` blocks at the left margin an inert first
/// character where they would otherwise start a Markdown block.
fn shield_display_blocks(out: &mut [u8], protected: &[(usize, usize)]) -> bool {
    let mut changed = false;
    let mut line = 0;
    while line < out.len() {
        let eol = memchr::memchr(b'\n', &out[line..]).map_or(out.len(), |p| line + p);
        let inside = next_protected(protected, line).is_some_and(|r| r.0 <= line);
        if inside || !out[line..].starts_with(b"$$") {
            line = eol + 1;
            continue;
        }
        let limit = next_protected(protected, line).map_or(out.len(), |r| r.0);
        let Some(close) = memchr::memmem::find(&out[line + 2..limit], b"$$").map(|p| line + 2 + p) else {
            line = eol + 1;
            continue;
        };
        if close < eol || out[line..close].windows(2).any(|w| w == b"\n\n") {
            line = eol + 1;
            continue;
        }
        let mut l = eol + 1;
        while l < close {
            let first = l + out[l..close].iter().take_while(|b| **b == b' ' || **b == b'\t').count();
            if first < close && b"=-#>*+|<`~_0123456789".contains(&out[first]) {
                out[first] = b'x';
                changed = true;
            }
            l = memchr::memchr(b'\n', &out[l..close]).map_or(close, |p| l + p + 1);
        }
        line = close + 2;
    }
    changed
}

/// Whether only spaces and quote markers stand before `i` on its line.
fn starts_line(bytes: &[u8], i: usize) -> bool {
    bytes[..i]
        .iter()
        .rev()
        .take_while(|b| **b != b'\n')
        .all(|b| matches!(b, b' ' | b'\t' | b'>'))
}

/// Whether only spaces stand after `i` on its line.
fn ends_line(bytes: &[u8], i: usize) -> bool {
    bytes[i.min(bytes.len())..]
        .iter()
        .take_while(|b| **b != b'\n')
        .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// Offset of the unescaped `close` in `s`, before any blank line.
fn find_close(s: &[u8], close: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 1 < s.len() {
        match s[i] {
            b'\\' if s[i + 1] == close[1] => return Some(i),
            b'\\' => i += 2,
            b'\n'
                if s[i + 1..]
                    .iter()
                    .take_while(|b| **b != b'\n')
                    .all(u8::is_ascii_whitespace) =>
            {
                return None;
            }
            _ => i += 1,
        }
    }
    None
}

/// Replaces math events and ```` ```math ```` fences by MathML.
pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| is_math(e)) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter();
    while let Some((e, at)) = iter.next() {
        let (tex, display) = match e {
            Event::InlineMath(t) => (as_written(&t, at, rcx), false),
            Event::DisplayMath(t) => (as_written(&t, at, rcx), true),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) if fence_lang(info) == "math" => {
                let mut code = String::new();
                for (inner, _) in iter.by_ref() {
                    match inner {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => code.push_str(&t),
                        _ => {}
                    }
                }
                (code, true)
            }
            other => {
                out.push((other, at));
                continue;
            }
        };
        out.push((Event::Html(render(&tex, display, at, rcx).into()), at));
    }
    out
}

fn is_math(e: &Event) -> bool {
    match e {
        Event::InlineMath(_) | Event::DisplayMath(_) => true,
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => fence_lang(info) == "math",
        _ => false,
    }
}

fn fence_lang(info: &str) -> &str {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
}

/// The formula as the page body has it: [`prepare`] may have changed the delimiters
/// and the first characters of lines. Inside a quote or a list the body also holds
/// the container's markers, and the parser's text (which has none) is used.
fn as_written(parsed: &str, at: usize, rcx: &RenderCx) -> String {
    let body = rcx.loc.page.body();
    let n = parsed.len();
    let (open, inner_len, close): (&str, usize, &str) = match body.get(at..at + 2) {
        Some("\\(") => ("\\(", n.saturating_sub(2), "\\)"),
        Some("\\[") => ("\\[", n, "\\]"),
        Some("$$") => ("$$", n, "$$"),
        _ => ("$", n, "$"),
    };
    let start = at + open.len();
    match (body.get(start..start + inner_len), body.get(start + inner_len..)) {
        (Some(inner), Some(rest)) if rest.starts_with(close) && !inner.contains("\n>") => inner.to_string(),
        _ if open == "\\(" && parsed.starts_with('{') && parsed.ends_with('}') && n >= 2 => {
            parsed[1..n - 1].to_string()
        }
        _ => parsed.to_string(),
    }
}

/// One formula as MathML, or its TeX source in a styled block and a warning.
pub(super) fn render(tex: &str, display: bool, at: usize, rcx: &mut RenderCx) -> String {
    rcx.formulas += 1;
    match to_mathml(tex, display) {
        Ok(mathml) => mathml,
        Err(reason) => {
            rcx.warn(
                at,
                format!("formula cannot be converted to MathML ({reason}); its TeX source is shown"),
                Some("check the formula's braces and commands; pulldown-latex supports most of what KaTeX does"),
            );
            let src = escape_html(tex.trim());
            // A block inside the paragraph that holds it: `<pre>` may not stand in a `<p>`.
            let class = if display { "math-error math-block" } else { "math-error" };
            format!(
                "<code class=\"{class}\" title=\"formula not converted: {}\">{src}</code>",
                escape_html(&reason)
            )
        }
    }
}

/// Converts one TeX formula to MathML, with the source as an annotation; the error is
/// the parser's reason.
pub fn to_mathml(tex: &str, display: bool) -> Result<String, String> {
    match super::math_tex::rewrite(tex, display) {
        Some(r) => convert(&r.tex, tex, display).map(|m| super::math_tex::finish(m, &r)),
        None => convert(tex, tex, display),
    }
}

/// Converts `input`, annotated with the formula as written.
fn convert(input: &str, tex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let input = with_macros(input);
    let events: Vec<_> = pulldown_latex::Parser::new(&input, &storage).collect();
    if let Some(err) = events.iter().find_map(|e| e.as_ref().err()) {
        let reason = std::error::Error::source(err).map_or_else(|| err.to_string(), |s| s.to_string());
        let reason = reason.lines().next().unwrap_or("").trim();
        let reason = match reason {
            "unknown primitive command found" => "unknown command",
            "unkown mathematical environment found" => "unknown environment",
            other => other,
        };
        return Err(match culprit(tex, reason) {
            Some(what) => format!("{reason} {what}"),
            None => reason.to_string(),
        });
    }
    // pulldown-latex writes the annotation as it is given.
    let annotation = escape_html(tex.trim());
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut out = String::with_capacity(tex.len() * 8);
    pulldown_latex::push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    // pulldown-latex writes `~` as the text `&nbsp;`, escaped: readers saw "&nbsp;" (417
    // times on cp-algorithms). A no-break space it is.
    if out.contains(ESCAPED_NBSP) {
        out = out.replace(ESCAPED_NBSP, "<mtext>\u{a0}</mtext>");
    }
    Ok(out)
}

/// What pulldown-latex writes for `~`.
const ESCAPED_NBSP: &str = "<mtext>&amp;nbsp;</mtext>";

/// Commands notes use that pulldown-latex lacks, defined over the ones it has (MathJax
/// and KaTeX know them): `(name, definition)`.
const MACROS: &[(&str, &str)] = &[
    // amsmath's `a \equiv b \mod m`.
    // (pulldown-latex's `\bmod` cannot stand in a macro; `\operatorname` can.)
    (r"\mod", r"\def\mod{\operatorname{mod}}"),
];

/// `tex` with the definitions of the [`MACROS`] it uses in front (a formula without
/// them is given as it is).
fn with_macros(tex: &str) -> std::borrow::Cow<'_, str> {
    let mut preamble = String::new();
    for (name, definition) in MACROS {
        let uses = tex
            .match_indices(name)
            .any(|(i, _)| !tex[i + name.len()..].starts_with(|c: char| c.is_ascii_alphabetic()));
        if uses {
            preamble.push_str(definition);
        }
    }
    if preamble.is_empty() {
        tex.into()
    } else {
        preamble.push_str(tex);
        preamble.into()
    }
}

/// The commands or environments of `tex` that the parser does not know, named in the
/// warning (its error context is a window of text, not the command).
fn culprit(tex: &str, reason: &str) -> Option<String> {
    let env = reason == "unknown environment";
    if !env && reason != "unknown command" {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let bytes = tex.as_bytes();
    for (i, _) in tex.match_indices('\\') {
        let rest = &tex[i + 1..];
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let name = match len {
            0 if rest.starts_with(|c: char| c.is_ascii_punctuation()) => &tex[i..i + 2],
            0 => continue,
            _ => &tex[i..i + 1 + len],
        };
        // `\\boxed` is rewritten before conversion (math_tex.rs): never the culprit.
        if !env && matches!(name, "\\begin" | "\\end" | "\\limits" | "\\nolimits" | "\\boxed") {
            continue;
        }
        let probe = if env {
            if name != "\\begin" || bytes.get(i + 6) != Some(&b'{') {
                continue;
            }
            let Some(close) = rest[6..].find('}') else { continue };
            let e = &rest[6..6 + close];
            format!("\\begin{{{e}}}x\\end{{{e}}}")
        } else {
            format!("{name}{{a}}{{b}}{{c}}")
        };
        let shown = if env {
            probe[..probe.find('}').map_or(0, |p| p + 1)].to_string()
        } else {
            name.to_string()
        };
        if names.contains(&shown) {
            continue;
        }
        let storage = Storage::new();
        let unknown = pulldown_latex::Parser::new(&probe, &storage).any(|e| {
            e.err()
                .and_then(|e| std::error::Error::source(&e).map(|s| s.to_string()))
                .is_some_and(|r| {
                    r.starts_with(if env {
                        "unkown mathematical environment"
                    } else {
                        "unknown primitive"
                    })
                })
        });
        if unknown {
            names.push(shown);
        }
    }
    (!names.is_empty()).then(|| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_is_escaped() {
        let m = to_mathml("a<b", false).unwrap();
        assert!(m.contains("a&lt;b</annotation>"), "{m}");
        assert!(!m.contains("a<b"), "{m}");
    }

    #[test]
    fn a_tilde_is_a_no_break_space() {
        let m = to_mathml(r"a~b \text{x}~y", false).unwrap();
        assert!(!m.contains("nbsp"), "{m}");
        assert_eq!(m.matches("<mtext>\u{a0}</mtext>").count(), 2, "{m}");
    }

    #[test]
    fn prepare_keeps_every_offset() {
        let body = "x \\(a\\) y\n\n\\[\nb\n\\]\n";
        let out = prepare(body, Options::empty()).unwrap();
        assert_eq!(out.len(), body.len());
        assert_eq!(out, "x ${a}$ y\n\n$$\nb\n$$\n");
        assert!(prepare("no math here", Options::empty()).is_none());
        assert!(prepare("unclosed \\( a\n\nb \\)", Options::empty()).is_none());
    }
}
