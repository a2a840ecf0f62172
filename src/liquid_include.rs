//! `{% include "file.md" %}` naming a Markdown file: GitBook's reusable content
//! (`.gitbook/includes/…`), legacy GitBook's content references, and the include of
//! Jekyll and of the MkDocs macros plugin when it names a Markdown file. Before the page
//! is parsed, the tag is replaced by the file's text without its front matter, resolved
//! relative to the page's folder, then content/, then content/`_includes/` (Jekyll's
//! folder), and confined to the site folder (a path that leaves it is an error). Included
//! files may include others ([`crate::include::MAX_DEPTH`] deep).
//!
//! Only a tag with one quoted or bare path ending in `.md` or `.markdown` is expanded:
//! an HTML include, a variable, parameters or a URL stay as written and are reported
//! with the rest of the Liquid and Jinja tags ([`crate::markdown::liquid`]). A Markdown
//! path that no folder has is shown as written with a warning at its line:col. Tags in
//! code (fenced, indented, inline) and between `{% raw %}` and `{% endraw %}` are text.
//! Included text shifts the lines after it, as mdBook's includes do ([`crate::mdbook`]).

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::include::{MAX_DEPTH, Problem, Used};

/// The longest tag read.
const MAX_TAG: usize = 512;

/// A tag found in a text: where it starts and ends, and the path it names.
struct Tag<'a> {
    start: usize,
    end: usize,
    file: &'a str,
}

/// The body with its Markdown includes expanded, or None when it has none. `content_root`
/// is content/ (canonical), `site_root` the site folder (canonical); `body_line` is the
/// file line the body starts on. A missing file is a warning, pushed to `warnings`.
pub fn expand(
    path: &Path,
    roots: (&Path, &Path),
    source: &str,
    (body_start, body_line): (usize, usize),
    used: &mut Used,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<String>, Vec<Diagnostic>> {
    let body = &source[body_start..];
    if !crate::util::has(body, "{%") || !body.contains("include") {
        return Ok(None);
    }
    let tags = tags(body);
    if tags.is_empty() {
        return Ok(None);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = String::with_capacity(body.len() * 2);
    let mut errors = Vec::new();
    let mut last = 0;
    for tag in tags {
        let line = body_line + body[..tag.start].matches('\n').count();
        let col = body[..tag.start].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let written = &body[tag.start..tag.end];
        match include_one(dir, roots, tag.file, 0, used) {
            Ok(Some(text)) => {
                out.push_str(&body[last..tag.start]);
                out.push_str(&text);
                last = tag.end;
            }
            Ok(None) => warnings.push(
                Diagnostic::warning(
                    path,
                    format!("`{written}`: no file `{}`; it is shown as written", tag.file),
                )
                .at(source, line, col)
                .with_help("the path is looked up from the page's folder, then content/, then content/_includes/"),
            ),
            Err((message, help)) => errors.push(
                Diagnostic::error(path, format!("`{written}`: {message}"))
                    .at(source, line, col)
                    .with_help(help),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if last == 0 {
        return Ok(None);
    }
    out.push_str(&body[last..]);
    Ok(Some(out))
}

/// The file's text without its front matter and final newline, its own includes expanded;
/// None when no folder has it.
fn include_one(
    dir: &Path,
    (content_root, site_root): (&Path, &Path),
    file: &str,
    depth: usize,
    used: &mut Used,
) -> Result<Option<String>, Problem> {
    if depth >= MAX_DEPTH {
        return Err((
            format!("`{file}` includes files more than {MAX_DEPTH} deep"),
            "does an included file include itself?",
        ));
    }
    let candidates: [PathBuf; 3] = [
        dir.join(file),
        content_root.join(file),
        content_root.join("_includes").join(file),
    ];
    let mut found = None;
    for c in &candidates {
        if let Some(real) = crate::include::locate(c, site_root)? {
            found = Some(real);
            break;
        }
    }
    let Some(real) = found else { return Ok(None) };
    let text = crate::include::read(&real, file)?;
    used.files.push(real.clone());
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let body_start = crate::frontmatter::split(&real, text).map_or(0, |s| s.body_start);
    let body = text[body_start..].trim_end_matches(['\n', '\r']);
    let inner = tags(body);
    if inner.is_empty() {
        return Ok(Some(body.to_string()));
    }
    let here = real.parent().unwrap_or(dir);
    let mut out = String::with_capacity(body.len() * 2);
    let mut last = 0;
    for tag in inner {
        let nested = include_one(here, (content_root, site_root), tag.file, depth + 1, used)
            .map_err(|(m, h)| (format!("in `{file}`: {m}"), h))?;
        if let Some(text) = nested {
            out.push_str(&body[last..tag.start]);
            out.push_str(&text);
            last = tag.end;
        }
    }
    out.push_str(&body[last..]);
    Ok(Some(out))
}

/// The Markdown include tags of `text`, in order, outside code and `{% raw %}`.
fn tags(text: &str) -> Vec<Tag<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{%") {
        let start = from + i;
        from = start + 2;
        if let Some((len, file)) = tag_at(&text[start..]) {
            found.push(Tag {
                start,
                end: start + len,
                file,
            });
            from = start + len;
        }
    }
    if found.is_empty() {
        return found;
    }
    let text_only = plain_ranges(text);
    found.retain(|t| !text_only.iter().any(|r| r.contains(&t.start)));
    found
}

/// Whether a tag (`{% include "x.md" %}`) is one this module expands, or reports when
/// its file is missing (the Jinja report leaves it alone).
pub fn is_markdown_include(tag: &str) -> bool {
    tag_at(tag).is_some()
}

/// A Markdown include tag at the start of `s`: its length and the path.
fn tag_at(s: &str) -> Option<(usize, &str)> {
    let rest = s.strip_prefix("{%")?;
    let close = rest.as_bytes().windows(2).take(MAX_TAG).position(|w| w == b"%}")?;
    let inner = rest[..close].trim_start_matches('-').trim_end_matches('-').trim();
    let arg = inner.strip_prefix("include")?;
    if !arg.starts_with([' ', '\t']) {
        return None;
    }
    let arg = arg.trim();
    let file = match arg.as_bytes().first()? {
        q @ (b'"' | b'\'') => arg[1..].strip_suffix(*q as char)?,
        _ => arg,
    };
    let lower = file.to_ascii_lowercase();
    let markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
    let plain = !file.is_empty() && !file.contains(['"', '\'', ' ', '\t', '{', '}', '\n']) && !file.contains("://");
    (markdown && plain && !lower.starts_with("git+")).then_some((2 + close + 2, file))
}

/// The byte ranges in which a tag is text: code (fenced, indented, inline) and what
/// stands between `{% raw %}` and `{% endraw %}`.
fn plain_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut block = None;
    for (ev, range) in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES).into_offset_iter() {
        match ev {
            Event::Code(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(s) = block.take() {
                    out.push(s..range.end);
                }
            }
            _ => {}
        }
    }
    let mut from = 0;
    while let Some(i) = text[from..].find("{% raw %}") {
        let start = from + i;
        let end = text[start..].find("{% endraw %}").map_or(text.len(), |e| start + e);
        out.push(start..end);
        from = end.max(start + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_markdown_path_is_an_include() {
        assert_eq!(
            tag_at("{% include \"../.gitbook/includes/a.md\" %} x"),
            Some((41, "../.gitbook/includes/a.md"))
        );
        assert_eq!(
            tag_at("{%- include 'notes/b.markdown' -%}").map(|t| t.1),
            Some("notes/b.markdown")
        );
        assert_eq!(tag_at("{% include footer.md %}").map(|t| t.1), Some("footer.md"));
        for not in [
            "{% include note.html content=\"x\" %}",
            "{% include footer.md param=1 %}",
            "{% include \"git+https://github.com/a/b.git/README.md\" %}",
            "{% include 'a.md' ignore missing %}",
            "{% includex 'a.md' %}",
            "{% include page.file %}",
            "{% include \"a.md' %}",
        ] {
            assert_eq!(tag_at(not), None, "{not}");
        }
    }

    #[test]
    fn tags_in_code_and_raw_are_text() {
        let text = "{% include \"a.md\" %}\n\n`{% include \"b.md\" %}`\n\n```\n{% include \"c.md\" %}\n```\n\n\
                    {% raw %}{% include \"d.md\" %}{% endraw %}\n\n    {% include \"e.md\" %}\n";
        let files: Vec<&str> = tags(text).iter().map(|t| t.file).collect();
        assert_eq!(files, ["a.md"]);
    }
}
