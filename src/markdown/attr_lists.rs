//! Attribute lists on headings as MkDocs (Python-Markdown's `attr_list`) writes them:
//! `## Title { #id .class data-toc-label='Short <b>title</b>' }`, `{: #id }`.
//! pulldown-cmark reads `{#id .class}` itself but gives up on a quoted value holding
//! spaces, `<`, `>` or `\` and then prints the whole list in the heading. This source
//! pass (same offsets, like `math::prepare`) rewrites each such list in place to the
//! part pulldown-cmark keeps, `{#id .class}` padded with spaces: the id is used, the
//! classes applied, the other keys dropped, nothing printed. `data-toc-label` is kept
//! aside: it is what the table of contents shows for that heading.

/// A heading's table-of-contents label, by the body offset of its line.
pub type TocLabels = Vec<(usize, String)>;

/// Rewrites the attribute lists of `body`'s headings; `None` when nothing changed (no
/// heading line ends in `}`).
pub fn prepare(body: &str) -> (Option<String>, TocLabels) {
    let mut labels = Vec::new();
    // Trigger: a `}` at the end of some line.
    if !body.contains("}\n") && !body.trim_end().ends_with('}') && !body.contains("}\r\n") {
        return (None, labels);
    }
    let mut out: Option<Vec<u8>> = None;
    let mut fences = Fences::default();
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if fences.in_code(line) {
            continue;
        }
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent >= 4 || !trimmed.starts_with('#') {
            continue;
        }
        let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
        if hashes > 6 || !trimmed[hashes..].starts_with([' ', '\t']) {
            continue;
        }
        let Some((open, close, attrs)) = attribute_list(line) else {
            continue;
        };
        if let Some(label) = attrs.toc_label {
            labels.push((start, label));
        }
        let mut kept = String::from("{");
        if let Some(id) = attrs.id {
            kept.push('#');
            kept.push_str(id);
        }
        for c in attrs.classes {
            if kept.len() > 1 {
                kept.push(' ');
            }
            kept.push('.');
            kept.push_str(c);
        }
        let width = close + 1 - open;
        if kept.len() + 1 > width {
            continue;
        }
        kept.push_str(&" ".repeat(width - kept.len() - 1));
        kept.push('}');
        if line[open..=close] == kept {
            continue;
        }
        let buf = out.get_or_insert_with(|| body.as_bytes().to_vec());
        buf[start + open..start + close + 1].copy_from_slice(kept.as_bytes());
    }
    // The list is replaced whole (its characters, multi-byte ones too), so the text
    // stays valid UTF-8.
    (
        out.map(|b| String::from_utf8(b).unwrap_or_else(|_| body.to_string())),
        labels,
    )
}

/// Fenced code blocks, followed line by line (the source passes leave code alone).
#[derive(Default)]
pub(super) struct Fences(Option<(u8, usize)>);

impl Fences {
    /// Whether `line` opens, closes or stands in a fenced code block.
    pub(super) fn in_code(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some((ch, n)) = self.0 {
            let run = trimmed.bytes().take_while(|&b| b == ch).count();
            if indent < 4 && run >= n && trimmed[run..].trim().is_empty() {
                self.0 = None;
            }
            return true;
        }
        let first = trimmed.bytes().next().unwrap_or(0);
        if indent < 4 && (first == b'`' || first == b'~') {
            let run = trimmed.bytes().take_while(|&b| b == first).count();
            if run >= 3 {
                self.0 = Some((first, run));
                return true;
            }
        }
        false
    }
}

#[derive(Debug, Default, PartialEq)]
pub(super) struct Attrs<'s> {
    id: Option<&'s str>,
    classes: Vec<&'s str>,
    toc_label: Option<String>,
}

/// The attribute list closing a heading line: byte offsets of its `{` and `}` in the
/// line, and what it holds. `None` when the braces hold anything but attributes (a
/// heading may end in `{}` of its own: `## The set {}`).
fn attribute_list(line: &str) -> Option<(usize, usize, Attrs<'_>)> {
    let body = line.trim_end();
    // `## Title ## { #id }`: the closing hashes may stand before the list.
    let close = body.len().checked_sub(1)?;
    if !body.ends_with('}') {
        return None;
    }
    let open = find_open(body)?;
    let inner = &body[open + 1..close];
    let inner = inner.strip_prefix(':').unwrap_or(inner);
    let attrs = parse(inner)?;
    // The heading needs some text before its list.
    let before = body[..open]
        .trim_end()
        .trim_end_matches('#')
        .trim_start_matches('#')
        .trim();
    if before.is_empty() {
        return None;
    }
    Some((open, close, attrs))
}

/// The `{` that opens the final list, skipping braces inside quoted values.
fn find_open(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut quote: Option<u8> = None;
    let mut open = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'{') => open = Some(i),
            (None, b'"' | b'\'') if open.is_some() && i > 0 && bytes[i - 1] == b'=' => quote = Some(b),
            (None, b'}') if i + 1 < bytes.len() => open = None,
            _ => {}
        }
    }
    open
}

/// `#id .class key=value key="a b" key='a b'` → the attributes; `None` for anything else.
pub(super) fn parse(inner: &str) -> Option<Attrs<'_>> {
    let mut attrs = Attrs::default();
    let mut rest = inner.trim_start();
    let mut any = false;
    while !rest.is_empty() {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        let token = &rest[..end];
        if let Some(id) = token.strip_prefix('#') {
            if id.is_empty() || !id.chars().all(name_char) {
                return None;
            }
            attrs.id = Some(id);
            rest = &rest[end..];
        } else if let Some(class) = token.strip_prefix('.') {
            if class.is_empty() || !class.chars().all(name_char) {
                return None;
            }
            attrs.classes.push(class);
            rest = &rest[end..];
        } else {
            let eq = token.find('=')?;
            let key = &token[..eq];
            if key.is_empty() || !key.chars().all(name_char) {
                return None;
            }
            let after = &rest[eq + 1..];
            let (value, consumed) = match after.as_bytes().first() {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = quoted_end(&after[1..], q)?;
                    (
                        after[1..1 + close].replace(&format!("\\{}", q as char), &(q as char).to_string()),
                        close + 2,
                    )
                }
                _ => {
                    let e = after.find([' ', '\t']).unwrap_or(after.len());
                    (after[..e].to_string(), e)
                }
            };
            if key == "data-toc-label" {
                attrs.toc_label = Some(label_text(&value));
            }
            rest = &after[consumed..];
        }
        any = true;
        rest = rest.trim_start();
    }
    any.then_some(attrs)
}

fn quoted_end(s: &str, q: u8) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == q => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')
}

/// A label's text: MkDocs allows HTML in it (`<script type="math/tex">k</script>`);
/// the table of contents shows text, so tags are dropped.
fn label_text(value: &str) -> String {
    crate::util::strip_tags(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(md: &str) -> (String, TocLabels) {
        let (out, labels) = prepare(md);
        let out = out.unwrap_or_else(|| md.to_string());
        assert_eq!(out.len(), md.len(), "offsets kept");
        (out, labels)
    }

    #[test]
    fn lists_become_what_pulldown_cmark_keeps() {
        let (out, labels) =
            run("## Definition of $g(i)$ { data-toc-label='Definition of <script type=\"math/tex\">g(i)</script>' }\n");
        assert!(out.starts_with("## Definition of $g(i)$ {"), "{out}");
        assert_eq!(out.trim_end().split('{').nth(1).unwrap().trim(), "}", "{out}");
        assert_eq!(labels, vec![(0, "Definition of g(i)".to_string())]);

        let (out, _) = run("text\n\n## Euler { #etf_1 .wide data-toc-label=\"Euler <b>x</b>\" }\n");
        assert!(out.contains("## Euler {#etf_1 .wide"), "{out}");
        let (out, _) = run("## Integral ## { #integral-theorem}\n");
        assert!(out.contains("{#integral-theorem"), "{out}");
        let (out, _) = run("### A {: #colon }\n");
        assert!(out.contains("{#colon"), "{out}");
    }

    #[test]
    fn what_is_no_attribute_list_stays() {
        for md in [
            "## The empty set {}\n",
            "## Set {a, b}\n",
            "```\n## code {#x data-a='b c'}\n```\n",
            "    ## indented {#x data-a='b c'}\n",
            "Paragraph {#x data-a='b c'}\n",
            "## {#only}\n",
        ] {
            let (out, labels) = prepare(md);
            assert!(out.is_none() || out.as_deref() == Some(md), "{md:?} → {out:?}");
            assert!(labels.is_empty(), "{md:?}");
        }
    }

    #[test]
    fn labels_are_text() {
        assert_eq!(
            label_text("Pollard's <script type='math/tex'>p - 1</script> method"),
            "Pollard's p - 1 method"
        );
    }
}
