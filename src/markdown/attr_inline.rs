//! Attribute lists that MkDocs (Python-Markdown's `attr_list`) puts after a link, an
//! image or an icon (`[Start](a.md){ .md-button }`, `:material-clock:{ .lg }`), and on
//! a line of their own closing a block (`{ .annotate }`). They style what they follow;
//! studysite has no use for the theme's classes, so a source pass (same offsets, like
//! `math::prepare`) takes them out of the text instead of printing them: an inline list
//! becomes an HTML comment of its width (which leaves nothing, and no hard line break at
//! the end of a line), a list on its own line becomes a blank line. Braces that hold
//! anything but attributes (`f(){ return 1; }`), and code, stay as written.

use super::attr_lists::{Fences, parse};

/// The shortest inline list made a comment: `<!---->` is 7 bytes; a shorter one
/// (`{.x}`) becomes spaces.
const COMMENT: usize = 7;

/// Takes the attribute lists out of `body`; None when it has none.
pub fn prepare(body: &str) -> Option<String> {
    if !crate::util::has(body, "){") && !crate::util::has(body, ":{") && !body.contains("\n{") && !body.starts_with('{')
    {
        return None;
    }
    let mut out: Option<Vec<u8>> = None;
    let mut fences = Fences::default();
    let mut prev_blank = true;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if fences.in_code(line) {
            prev_blank = false;
            continue;
        }
        let t = line.trim();
        if !prev_blank && t.len() > 2 && t.starts_with('{') && t.ends_with('}') && is_list(&t[1..t.len() - 1]) {
            // A block's list, on the line after it: the line goes blank.
            let at = start + line.find('{').unwrap_or(0);
            let buf = out.get_or_insert_with(|| body.as_bytes().to_vec());
            buf[at..at + t.len()].fill(b' ');
        } else {
            for (open, close) in inline_lists(line) {
                let buf = out.get_or_insert_with(|| body.as_bytes().to_vec());
                let span = &mut buf[start + open..=start + close];
                if span.len() >= COMMENT {
                    span.fill(b' ');
                    span[..4].copy_from_slice(b"<!--");
                    let n = span.len();
                    span[n - 3..].copy_from_slice(b"-->");
                } else {
                    span.fill(b' ');
                }
            }
        }
        prev_blank = t.is_empty();
    }
    // Only ASCII bytes of whole lists are replaced: the text stays valid UTF-8.
    out.map(|b| String::from_utf8(b).unwrap_or_else(|_| body.to_string()))
}

/// `.class #id key=value` (with or without the leading `:`).
fn is_list(inner: &str) -> bool {
    let inner = inner.strip_prefix(':').unwrap_or(inner);
    // (quoted values may hold anything; a list of them is still one list)
    parse(inner).is_some()
}

/// The (open, close) byte offsets of the attribute lists in `line` right after a `)` or
/// a `:` (a link, an image, an icon), outside code spans.
fn inline_lists(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut found = Vec::new();
    let mut code: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|&&c| c == b'`').count();
            code = match code {
                Some(n) if n == run => None,
                None => Some(run),
                other => other,
            };
            i += run;
            continue;
        }
        if code.is_none()
            && b[i] == b'{'
            && i > 0
            && matches!(b[i - 1], b')' | b':')
            && let Some(len) = line[i + 1..].find('}')
            && is_list(&line[i + 1..i + 1 + len])
        {
            found.push((i, i + 1 + len));
            i += len + 2;
            continue;
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(md: &str) -> String {
        let out = prepare(md).unwrap_or_else(|| md.to_string());
        assert_eq!(out.len(), md.len(), "offsets kept");
        out
    }

    #[test]
    fn lists_after_links_icons_and_blocks_leave() {
        let comment = |width: usize| format!("<!--{}-->", " ".repeat(width - 7));
        assert_eq!(
            run("[Start](a.md){ .md-button .md-button--primary }\n"),
            format!("[Start](a.md){}\n", comment(34))
        );
        assert_eq!(
            run(":material-clock:{ .lg .middle } x\n"),
            format!(":material-clock:{} x\n", comment(15))
        );
        assert_eq!(run("![x](a.png){.w}\n"), "![x](a.png)    \n");
        assert_eq!(run("Text (1)\n{ .annotate }\n"), "Text (1)\n             \n");
        assert_eq!(run("Text\n{: .note }\n"), "Text\n          \n");
    }

    #[test]
    fn other_braces_and_code_stay() {
        for md in [
            "f(){ return 1; }\n",
            "`[a](b){ .x }` in code\n",
            "```\n[a](b){ .x }\n```\n",
            "\n{ .alone }\n",
            "Set {a, b}\n",
            "a:{ b: 1 }\n",
        ] {
            assert_eq!(run(md), md, "{md}");
        }
    }
}
