//! mdBook's preprocessors, applied to a page's text before it is parsed:
//! `{{#include path}}`, `{{#include path:anchor}}`, `{{#include path:10:20}}` and
//! `{{#rustdoc_include …}}` (the part shown) and `{{#playground …}}` (a runnable listing
//! on mdBook's site, a listing here) are replaced by the file's text, resolved
//! relative to the page and confined to the site folder, with `ANCHOR:` /
//! `ANCHOR_END:` lines removed; `{{#title My Title}}` is the page's HTML `<title>` (and
//! leaves the text); `<Listing number=… file-name=… caption=…>` becomes a figure with its
//! caption. Included text shifts the lines after it: a problem found later on such a
//! page is reported at the line of the expanded text.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::include::{MAX_DEPTH, Problem, Used};
use crate::util::escape_html;

const TITLE: &str = "{{#title ";
const DIRECTIVES: &[&str] = &["{{#include ", "{{#rustdoc_include ", "{{#playground ", TITLE];

/// The body with its includes and listings expanded, or None when it has none; the
/// files included and the `{{#title}}` given go to `used`. `site_root` is canonical;
/// `body_line` is the file line the body starts on.
pub fn expand(
    path: &Path,
    site_root: &Path,
    source: &str,
    body_start: usize,
    body_line: usize,
    used: &mut Used,
) -> Result<Option<String>, Vec<Diagnostic>> {
    let body = &source[body_start..];
    let has_include = crate::util::has(body, "{{#") && DIRECTIVES.iter().any(|d| body.contains(d));
    let has_listing = crate::util::has(body, "<Listing");
    if !has_include && !has_listing {
        return Ok(None);
    }
    let mut text = body.to_string();
    if has_include {
        text = includes(path, site_root, source, body, body_line, used)?;
    }
    if has_listing {
        text = listings(&text);
    }
    Ok(Some(text))
}

fn includes(
    path: &Path,
    site_root: &Path,
    source: &str,
    body: &str,
    body_line: usize,
    used: &mut Used,
) -> Result<String, Vec<Diagnostic>> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = String::with_capacity(body.len() * 2);
    let mut errors = Vec::new();
    let spans = code_spans(body);
    let mut rest = body;
    while let Some((at, directive)) = next_directive(rest) {
        let offset = body.len() - rest.len() + at;
        let before = &body[..offset];
        let line = body_line + before.matches('\n').count();
        // `\{{#include x}}` is the directive written as text.
        if at > 0 && rest.as_bytes()[at - 1] == b'\\' {
            out.push_str(&rest[..at - 1]);
            out.push_str(directive);
            rest = &rest[at + directive.len()..];
            continue;
        }
        // In an inline code span it is documentation about the directive: kept as text.
        if spans.iter().any(|r| r.contains(&offset)) {
            out.push_str(&rest[..at + directive.len()]);
            rest = &rest[at + directive.len()..];
            continue;
        }
        let Some(close) = rest[at..].find("}}") else { break };
        out.push_str(&rest[..at]);
        let arg = rest[at + directive.len()..at + close].trim();
        // (counted from the line's start: an earlier directive on the line is in `out`)
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        if directive == TITLE {
            used.title = Some(arg.to_string()).filter(|t| !t.is_empty());
            rest = &rest[at + close + 2..];
            continue;
        }
        match include_one(dir, site_root, arg, 0, used) {
            Ok(text) => out.push_str(&text),
            Err((message, help)) => {
                let d = Diagnostic::error(path, format!("`{}{arg}}}}}`: {message}", directive.trim_end()))
                    .at(source, line, col)
                    .with_help(help);
                errors.push(d);
            }
        }
        rest = &rest[at + close + 2..];
    }
    out.push_str(rest);
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The byte ranges of the body's inline code spans (`` `{{#include x}}` ``); fenced and
/// indented code blocks are not among them (a directive there is real).
fn code_spans(body: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser};
    Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
        .into_offset_iter()
        .filter_map(|(ev, range)| matches!(ev, Event::Code(_)).then_some(range))
        .collect()
}

fn next_directive(s: &str) -> Option<(usize, &'static str)> {
    DIRECTIVES
        .iter()
        .filter_map(|d| s.find(d).map(|i| (i, *d)))
        .min_by_key(|(i, _)| *i)
}

fn include_one(dir: &Path, site_root: &Path, arg: &str, depth: usize, used: &mut Used) -> Result<String, Problem> {
    let (file, selector) = match arg.split_once(':') {
        Some((f, s)) => (f.trim(), Some(s.trim())),
        None => (arg, None),
    };
    let Some(real) = crate::include::locate(&dir.join(file), site_root)? else {
        return Err((format!("no file `{file}`"), "the path is relative to the page's folder"));
    };
    let text = crate::include::read(&real, file)?;
    used.files.push(real.clone());
    let lines: Vec<&str> = text.lines().collect();
    let picked: Vec<&str> = match selector {
        None | Some("") => lines,
        Some(sel) => match line_range(sel) {
            Some((from, to)) => crate::include::slice(&lines, from, to),
            None => anchored(&lines, sel).ok_or_else(|| {
                (
                    format!("no `ANCHOR: {sel}` in `{file}`"),
                    "name an anchor the file has, or give lines as `:10:20`",
                )
            })?,
        },
    };
    let kept: Vec<&str> = picked.into_iter().filter(|l| !is_anchor_line(l)).collect();
    let text = kept.join("\n");
    if next_directive(&text).is_none() {
        return Ok(text);
    }
    nested(real.parent().unwrap_or(dir), site_root, file, &text, depth + 1, used)
}

/// The directives of an included file, expanded relative to its folder; a problem in
/// one is reported at the directive that included the file.
fn nested(
    dir: &Path,
    site_root: &Path,
    file: &str,
    text: &str,
    depth: usize,
    used: &mut Used,
) -> Result<String, Problem> {
    if depth > MAX_DEPTH {
        return Err((
            format!("`{file}` includes files more than {MAX_DEPTH} deep"),
            "does an included file include itself?",
        ));
    }
    let spans = code_spans(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, directive)) = next_directive(rest) {
        let offset = text.len() - rest.len() + at;
        let escaped = at > 0 && rest.as_bytes()[at - 1] == b'\\';
        let Some(close) = rest[at..]
            .find("}}")
            .filter(|_| !escaped && !spans.iter().any(|r| r.contains(&offset)))
        else {
            out.push_str(&rest[..at + directive.len()]);
            rest = &rest[at + directive.len()..];
            continue;
        };
        out.push_str(&rest[..at]);
        let arg = rest[at + directive.len()..at + close].trim();
        if directive == TITLE {
            // (an included file's title is the including page's, as in mdBook)
            used.title = Some(arg.to_string()).filter(|t| !t.is_empty());
        } else {
            let inner =
                include_one(dir, site_root, arg, depth, used).map_err(|(m, h)| (format!("in `{file}`: {m}"), h))?;
            out.push_str(&inner);
        }
        rest = &rest[at + close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `10` (line 10), `10:20`, `10:` and `:20`, 1-based and inclusive, as a 0-based range.
fn line_range(sel: &str) -> Option<(usize, Option<usize>)> {
    let (a, b) = match sel.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (sel.trim(), None),
    };
    let num = |s: &str| s.parse::<usize>().ok();
    if !a.is_empty() && num(a).is_none() || b.is_some_and(|b| !b.is_empty() && num(b).is_none()) {
        return None;
    }
    let from = num(a).map_or(0, |n| n.saturating_sub(1));
    match b {
        None => Some((from, Some(from + 1))),
        Some(b) => Some((from, num(b))),
    }
}

fn anchor_name<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    let i = line.find(tag)?;
    let rest = line[i + tag.len()..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

fn is_anchor_line(line: &str) -> bool {
    anchor_name(line, "ANCHOR:").is_some() || anchor_name(line, "ANCHOR_END:").is_some()
}

fn anchored<'a>(lines: &[&'a str], name: &str) -> Option<Vec<&'a str>> {
    let start = lines.iter().position(|l| anchor_name(l, "ANCHOR:") == Some(name))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| anchor_name(l, "ANCHOR_END:") == Some(name))
        .map_or(lines.len(), |p| start + 1 + p);
    Some(lines[start + 1..end].to_vec())
}

/// `<Listing number="1-2" file-name="src/main.rs" caption="…">` … `</Listing>` (the
/// Rust book's listings) → `<figure class="listing">` with the file name on top and
/// the caption as its `<figcaption>`.
fn listings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut captions: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(attrs) = t
            .strip_prefix("<Listing")
            .filter(|a| a.ends_with('>') && (a.starts_with(' ') || a == &">"))
        {
            let get = |name: &str| attribute(attrs, name);
            out.push_str("<figure class=\"listing\">\n");
            if let Some(f) = get("file-name") {
                out.push_str(&format!(
                    "<span class=\"file-name\">Filename: {}</span>\n",
                    escape_html(&f)
                ));
            }
            let caption = match (get("number"), get("caption")) {
                (Some(n), Some(c)) => format!("Listing {}: {}", escape_html(&n), inline_code(&c)),
                (None, Some(c)) => inline_code(&c),
                (Some(n), None) => format!("Listing {}", escape_html(&n)),
                (None, None) => String::new(),
            };
            captions.push(caption);
            continue;
        }
        if t == "</Listing>"
            && let Some(caption) = captions.pop()
        {
            if !caption.is_empty() {
                out.push_str(&format!("<figcaption>{caption}</figcaption>\n"));
            }
            out.push_str("</figure>\n");
            continue;
        }
        out.push_str(line);
    }
    out
}

fn attribute(attrs: &str, name: &str) -> Option<String> {
    let i = attrs.find(&format!("{name}="))?;
    let rest = &attrs[i + name.len() + 1..];
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let end = rest[1..].find(quote)?;
        Some(rest[1..1 + end].to_string())
    } else {
        Some(rest.split([' ', '>']).next()?.to_string())
    }
}

/// Escapes a caption, keeping its `` `code` `` spans.
fn inline_code(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escape_html(part));
            out.push_str("</code>");
        } else {
            out.push_str(&escape_html(part));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, std::path::PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().canonicalize().unwrap().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("listings")).unwrap();
        std::fs::write(
            root.join("listings/main.rs"),
            "use std::io;\n// ANCHOR: here\nfn main() {\n    // ANCHOR: inner\n    println!(\"hi\");\n    // ANCHOR_END: inner\n}\n// ANCHOR_END: here\n",
        )
        .unwrap();
        (t, root)
    }

    fn run(root: &Path, body: &str) -> Result<Option<String>, Vec<Diagnostic>> {
        expand(&root.join("content/ch1.md"), root, body, 0, 1, &mut Used::default())
    }

    #[test]
    fn includes_whole_files_anchors_and_line_ranges() {
        let (_t, root) = site();
        let whole = run(&root, "```rust\n{{#include ../listings/main.rs}}\n```\n")
            .unwrap()
            .unwrap();
        assert!(
            whole.contains("use std::io;\nfn main() {\n    println!(\"hi\");\n}\n```"),
            "{whole}"
        );
        assert!(!whole.contains("ANCHOR"), "{whole}");
        let anchor = run(&root, "{{#rustdoc_include ../listings/main.rs:inner}}")
            .unwrap()
            .unwrap();
        assert_eq!(anchor, "    println!(\"hi\");");
        let lines = run(
            &root,
            "{{#include ../listings/main.rs:1:1}}|{{#include ../listings/main.rs:3}}",
        )
        .unwrap()
        .unwrap();
        assert_eq!(lines, "use std::io;|fn main() {");
        assert_eq!(run(&root, "no directives").unwrap(), None);
        let escaped = run(&root, "\\{{#include x.rs}}").unwrap().unwrap();
        assert_eq!(escaped, "{{#include x.rs}}");
    }

    #[test]
    fn a_title_directive_is_taken_out_of_the_text() {
        let (_t, root) = site();
        let mut used = Used::default();
        let out = expand(
            &root.join("content/ch1.md"),
            &root,
            "{{#title Installing Rust}}\n# Installation\n\n`{{#title x}}`\n",
            0,
            1,
            &mut used,
        );
        assert_eq!(out.unwrap().unwrap(), "\n# Installation\n\n`{{#title x}}`\n");
        assert_eq!(used.title.as_deref(), Some("Installing Rust"));
        assert!(used.files.is_empty());
        let mut used = Used::default();
        let body = "{{#include ../listings/main.rs:1}}";
        expand(&root.join("content/ch1.md"), &root, body, 0, 1, &mut used).unwrap();
        assert_eq!(used.files, [root.join("listings/main.rs")], "the files read are kept");
    }

    #[test]
    fn a_playground_is_the_file_as_a_listing() {
        let (_t, root) = site();
        let out = run(&root, "```rust\n{{#playground ../listings/main.rs:inner}}\n```\n")
            .unwrap()
            .unwrap();
        assert_eq!(out, "```rust\n    println!(\"hi\");\n```\n");
    }

    #[test]
    fn a_directive_in_inline_code_is_text_and_one_in_a_fence_is_real() {
        let (_t, root) = site();
        let doc = "Write `{{#include …}}` or ``{{#rustdoc_include x.rs:2}}`` to include.\n";
        assert_eq!(run(&root, doc).unwrap().unwrap(), doc);
        let mixed = run(
            &root,
            "`{{#include nope.rs}}`\n\n```\n{{#include ../listings/main.rs:3}}\n```\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(mixed, "`{{#include nope.rs}}`\n\n```\nfn main() {\n```\n");
        let e = run(&root, "`code` then {{#include nope.rs}}\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (1, 13), "{}", e[0]);
    }

    #[test]
    fn a_missing_file_or_anchor_is_an_error_at_the_directive() {
        let (_t, root) = site();
        let e = run(&root, "text\n\n```\n{{#include ../listings/nope.rs}}\n```\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (4, 1), "{}", e[0]);
        assert!(e[0].message.contains("no file `../listings/nope.rs`"), "{}", e[0]);
        let e = run(&root, "{{#include ../listings/main.rs:missing}}").unwrap_err();
        assert!(e[0].message.contains("no `ANCHOR: missing`"), "{}", e[0]);
        // The second directive of a line is placed from the line's start.
        let e = run(
            &root,
            "See {{#include ../listings/main.rs:1:1}} and {{#include nope.rs}}.",
        )
        .unwrap_err();
        assert_eq!((e[0].line, e[0].col), (1, 46), "{}", e[0]);
    }

    #[test]
    fn included_files_include_others_relative_to_themselves() {
        let (_t, root) = site();
        std::fs::create_dir_all(root.join("content/shared")).unwrap();
        std::fs::write(
            root.join("content/shared/note.md"),
            "Note: {{#include ../../listings/main.rs:1}} and `{{#include x}}`",
        )
        .unwrap();
        let out = run(&root, "{{#include shared/note.md}}\n").unwrap().unwrap();
        assert_eq!(out, "Note: use std::io; and `{{#include x}}`\n");
        std::fs::write(root.join("content/shared/loop.md"), "{{#include loop.md}}").unwrap();
        let e = run(&root, "x\n{{#include shared/loop.md}}\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (2, 1), "{}", e[0]);
        assert!(e[0].message.contains("more than 8 deep"), "{}", e[0]);
        std::fs::write(root.join("content/shared/bad.md"), "{{#include nope.rs}}").unwrap();
        let e = run(&root, "{{#include shared/bad.md}}\n").unwrap_err();
        assert!(
            e[0].message.contains("in `shared/bad.md`: no file `nope.rs`"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_path_out_of_the_site_is_refused() {
        let (_t, root) = site();
        std::fs::write(root.parent().unwrap().join("secret.txt"), "x").unwrap();
        let e = run(&root, "{{#include ../../secret.txt}}").unwrap_err();
        assert!(e[0].message.contains("outside the site"), "{}", e[0]);
    }

    #[test]
    fn a_listing_keeps_its_caption() {
        let out = listings(
            "<Listing number=\"2-1\" file-name=\"src/main.rs\" caption=\"Reading `input`\">\n\n```rust\nx\n```\n\n</Listing>\n",
        );
        assert!(
            out.starts_with("<figure class=\"listing\">\n<span class=\"file-name\">Filename: src/main.rs</span>\n"),
            "{out}"
        );
        assert!(
            out.contains("<figcaption>Listing 2-1: Reading <code>input</code></figcaption>\n</figure>"),
            "{out}"
        );
    }
}
