//! pymdownx.snippets (MkDocs), applied to a page's text before it is parsed, as
//! pymdownx does it: everywhere, fenced code included. A line `--8<-- "file"` is
//! replaced by the file's lines, each indented as the directive is; between two lines
//! `--8<--` every line names a file (a blank one is a blank line, one starting with `;`
//! is a comment). `file:3:7` takes lines 3 to 7 (`:3` from 3 on, `::7` up to 7),
//! `file:name` the lines between `--8<-- [start:name]` and `--8<-- [end:name]`; those
//! marker lines are never included. `;--8<-- "file"` is the directive written as text.
//!
//! Paths are resolved as pymdownx's default `base_path: ["."]`: from the folder holding
//! the nearest `mkdocs.yml` (for one beside content/, also from content/ as its
//! `docs_dir`), else from content/ and the site root; then from the page's (or the
//! including file's) folder. Included files are confined to the site folder. A missing
//! file or section is an error at the directive (pymdownx's `check_paths`), a URL is not
//! fetched (a warning; the line is shown as written), and so is a block never closed.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::include::{MAX_DEPTH, Problem, Used};

/// The body with its snippets expanded, or None when it has none; the files included
/// go to `used`, warnings to `warnings`. `site_root` is canonical.
#[allow(clippy::too_many_arguments)]
pub fn expand(
    path: &Path,
    site_root: &Path,
    content_dir: &Path,
    source: &str,
    body_start: usize,
    body_line: usize,
    used: &mut Used,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<String>, Vec<Diagnostic>> {
    let body = &source[body_start..];
    if !crate::util::has(body, "8<-") || !body.lines().any(|l| marker(l).is_some()) {
        return Ok(None);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut cx = Cx {
        site_root,
        bases: bases(dir, site_root, content_dir),
        used,
        stack: Vec::new(),
    };
    let mut issues = Vec::new();
    let text = process(body, dir, &mut cx, &mut issues);
    let mut errors = Vec::new();
    for issue in issues {
        let d = match issue.error {
            true => Diagnostic::error(path, issue.message),
            false => Diagnostic::warning(path, issue.message),
        };
        let d = d.at(source, body_line + issue.line, issue.col).with_help(issue.help);
        if d.is_error() { errors.push(d) } else { warnings.push(d) }
    }
    if errors.is_empty() { Ok(Some(text)) } else { Err(errors) }
}

/// Where snippet paths are looked up, in order, and how.
struct Base {
    dir: PathBuf,
    /// A `docs_dir/` that paths may start with (a `mkdocs.yml` beside content/: the
    /// project's docs folder is content/ here).
    strip: Option<String>,
}

struct Cx<'a> {
    site_root: &'a Path,
    bases: Vec<Base>,
    used: &'a mut Used,
    /// The files being included, outermost first (a file including itself is an error).
    stack: Vec<PathBuf>,
}

/// A problem at a line (0-based, of the text processed) and column.
struct Issue {
    line: usize,
    col: usize,
    message: String,
    help: &'static str,
    error: bool,
}

/// The folder holding the nearest `mkdocs.yml` above the page's (up to the site root),
/// else content/ and the site root.
fn bases(dir: &Path, site_root: &Path, content_dir: &Path) -> Vec<Base> {
    let content = content_dir.canonicalize().unwrap_or_else(|_| content_dir.to_path_buf());
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| d.starts_with(site_root)) {
        let yml = d.join("mkdocs.yml");
        if yml.is_file() {
            let mut out = vec![Base {
                dir: d.to_path_buf(),
                strip: None,
            }];
            if d == site_root {
                let docs = std::fs::read_to_string(&yml).unwrap_or_default();
                out.push(Base {
                    dir: content,
                    strip: Some(format!("{}/", crate::util::mkdocs_docs_dir(&docs))),
                });
            }
            return out;
        }
        at = d.parent();
    }
    [content, site_root.to_path_buf()]
        .into_iter()
        .map(|dir| Base { dir, strip: None })
        .collect()
}

/// A directive line: its indentation, the `;`s escaping it, and the quoted path of the
/// one-line form (None: a block's `--8<--`).
struct Marker<'a> {
    space: &'a str,
    escaped: bool,
    file: Option<&'a str>,
}

/// `[ \t]*;*-+8<-+` then nothing, or blanks and a quoted path (trailing blanks allowed).
fn marker(line: &str) -> Option<Marker<'_>> {
    let line = line.trim_end();
    let rest = line.trim_start_matches([' ', '\t']);
    let space = &line[..line.len() - rest.len()];
    let unescaped = rest.trim_start_matches(';');
    let escaped = unescaped.len() < rest.len();
    let after = scissors(unescaped)?;
    if after.is_empty() {
        return Some(Marker {
            space,
            escaped,
            file: None,
        });
    }
    let quoted = after.strip_prefix([' ', '\t'])?.trim_start();
    let q = quoted.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let inner = quoted[1..].strip_suffix(q)?;
    // An unescaped quote of the same kind inside: two strings, not a path.
    let bare_quote = inner
        .match_indices(q)
        .any(|(i, _)| i == 0 || inner.as_bytes()[i - 1] != b'\\');
    if inner.trim().is_empty() || bare_quote {
        return None;
    }
    Some(Marker {
        space,
        escaped,
        file: Some(inner),
    })
}

/// The text after `-+8<-+`, if `s` starts with it.
fn scissors(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches('-');
    if rest.len() == s.len() {
        return None;
    }
    let rest = rest.strip_prefix("8<")?;
    let after = rest.trim_start_matches('-');
    (after.len() < rest.len()).then_some(after)
}

/// A `--8<-- [start:name]` / `[end:name]` line.
#[derive(Debug, PartialEq)]
struct SectionMarker<'a> {
    start: bool,
    name: &'a str,
    /// The byte offset of the `;` written before the scissors, if one is.
    escape: Option<usize>,
}

/// `--8<-- [start:name]` / `[end:name]` anywhere in a line (a comment of the file's
/// language around it).
fn section_marker(line: &str) -> Option<SectionMarker<'_>> {
    let at = line.find("8<-")?;
    let dashes = line[..at].len() - line[..at].trim_end_matches('-').len();
    if dashes == 0 {
        return None;
    }
    let escape = (at - dashes).checked_sub(1).filter(|&i| line.as_bytes()[i] == b';');
    let rest = line[at + 2..].trim_start_matches('-');
    let inner = rest.strip_prefix([' ', '\t'])?.trim_start().strip_prefix('[')?;
    let (kind, tail) = inner.split_once(':')?;
    let start = match kind.trim().to_ascii_lowercase().as_str() {
        "start" => true,
        "end" => false,
        _ => return None,
    };
    let name = tail.split_once(']')?.0.trim();
    is_section_name(name).then_some(SectionMarker { start, name, escape })
}

fn is_section_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The directives of `text` expanded; `dir` is its file's folder (the last place a path
/// is looked up).
fn process(text: &str, dir: &Path, cx: &mut Cx, issues: &mut Vec<Issue>) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let unclosed = unclosed_block(&lines);
    let mut out = String::with_capacity(text.len() * 2);
    let mut block: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let content = raw.trim_end_matches(['\n', '\r']);
        let ending = &raw[content.len()..];
        let m = marker(content);
        if let Some(m) = m.as_ref().filter(|m| m.escaped) {
            // `;--8<--`: the directive written as text, one `;` removed.
            let at = m.space.len();
            out.push_str(&content[..at]);
            out.push_str(&content[at + 1..]);
            out.push_str(ending);
            continue;
        }
        match m {
            Some(Marker { file: None, .. }) if unclosed != Some(i) => {
                block = if block.is_some() { None } else { Some(i) };
                continue;
            }
            Some(Marker {
                space, file: Some(f), ..
            }) => {
                let col = space.chars().count() + 1;
                include(f, space, (i, col), content, dir, cx, issues, &mut out);
                out.push_str(ending);
                continue;
            }
            _ => {}
        }
        if block.is_none() {
            out.push_str(raw);
            continue;
        }
        // A line of a block: a file, a blank line, or a `;` comment.
        let spec = content.trim();
        if spec.is_empty() {
            out.push_str(ending);
            continue;
        }
        if spec.starts_with(';') {
            continue;
        }
        let space = &content[..content.len() - content.trim_start().len()];
        let col = space.chars().count() + 1;
        include(spec, space, (i, col), content, dir, cx, issues, &mut out);
        out.push_str(if ending.is_empty() { "\n" } else { ending });
    }
    if let Some(i) = unclosed {
        issues.push(Issue {
            line: i,
            col: 1,
            message: "`--8<--` opens a block of snippets that is never closed; it is shown as written".into(),
            help: "close the block with another `--8<--` line, or write `;--8<--` to show the line",
            error: false,
        });
    }
    out
}

/// The line of a block opener that no `--8<--` closes, if any.
fn unclosed_block(lines: &[&str]) -> Option<usize> {
    let openers: Vec<usize> = (0..lines.len())
        .filter(|&i| marker(lines[i]).is_some_and(|m| !m.escaped && m.file.is_none()))
        .collect();
    (openers.len() % 2 == 1).then(|| openers[openers.len() - 1])
}

/// Includes the file `spec` names (`file`, `file:3:7`, `file:name`) at `(line, col)`,
/// each line indented by `space`; `written` is the directive's line, kept when the
/// snippet is not included (a URL).
#[allow(clippy::too_many_arguments)]
fn include(
    spec: &str,
    space: &str,
    (line, col): (usize, usize),
    written: &str,
    dir: &Path,
    cx: &mut Cx,
    issues: &mut Vec<Issue>,
    out: &mut String,
) {
    let spec = spec.trim();
    if spec.starts_with(';') {
        return;
    }
    let lower = spec.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        issues.push(Issue {
            line,
            col,
            message: format!("snippet `{spec}` is a URL, which is not fetched; the line is shown as written"),
            help: "save the file in the site and include it by its path",
            error: false,
        });
        out.push_str(written);
        return;
    }
    let mut issue = |message: String, help: &'static str, error: bool| {
        issues.push(Issue {
            line,
            col,
            message: format!("snippet `{spec}`: {message}"),
            help,
            error,
        })
    };
    match snippet(spec, dir, cx) {
        Ok((text, warnings)) => {
            for (message, help) in warnings {
                issue(message, help, false);
            }
            for (n, l) in text.split('\n').enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                if !l.is_empty() {
                    out.push_str(space);
                }
                out.push_str(l);
            }
        }
        Err((message, help)) => issue(message, help, true),
    }
}

/// A range of lines or a section of a file.
#[derive(Debug, PartialEq)]
enum Pick<'a> {
    All,
    Lines(usize, Option<usize>),
    Section(&'a str),
}

/// `file`, `file:3:7` (1-based, inclusive; either side may be left out), `file:name`.
fn split_spec(spec: &str) -> (&str, Pick<'_>) {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let Some((head, tail)) = spec.rsplit_once(':') else {
        return (spec, Pick::All);
    };
    if is_section_name(tail) && !head.is_empty() {
        return (head.trim(), Pick::Section(tail));
    }
    if !digits(tail) {
        return (spec, Pick::All);
    }
    let num = |s: &str| s.parse::<usize>().ok();
    match head.rsplit_once(':') {
        Some((file, first)) if digits(first) => (
            file.trim(),
            Pick::Lines(num(first).map_or(0, |n| n.saturating_sub(1)), num(tail)),
        ),
        _ => (
            head.trim(),
            Pick::Lines(num(tail).map_or(0, |n| n.saturating_sub(1)), None),
        ),
    }
}

/// The text a snippet includes, its own snippets expanded, and the warnings found in
/// them (reported at the directive that included the file, as its errors are).
fn snippet(spec: &str, dir: &Path, cx: &mut Cx) -> Result<(String, Vec<Problem>), Problem> {
    let (file, pick) = split_spec(spec);
    if file.is_empty() {
        return Err(("names no file".into(), "write the file's path before the `:`"));
    }
    let real = resolve(file, dir, cx)?;
    if cx.stack.contains(&real) {
        return Err((
            format!("`{file}` includes itself"),
            "remove the snippet that includes the file",
        ));
    }
    if cx.stack.len() >= MAX_DEPTH {
        return Err((
            format!("`{file}` includes files more than {MAX_DEPTH} deep"),
            "include the files directly",
        ));
    }
    let text = crate::include::read(&real, file)?;
    cx.used.files.push(real.clone());
    let lines: Vec<&str> = text.lines().collect();
    let picked = match pick {
        Pick::All => lines,
        Pick::Lines(from, to) => crate::include::slice(&lines, from, to),
        Pick::Section(name) => section(&lines, name).ok_or_else(|| {
            (
                format!("no `--8<-- [start:{name}]` in `{file}`"),
                "name a section the file has, or give lines as `:3:7`",
            )
        })?,
    };
    let kept: Vec<String> = picked
        .into_iter()
        .filter_map(|l| match section_marker(l) {
            None => Some(l.to_string()),
            Some(SectionMarker { escape: Some(at), .. }) => Some(format!("{}{}", &l[..at], &l[at + 1..])),
            Some(_) => None,
        })
        .collect();
    let text = kept.join("\n");
    if !text.lines().any(|l| marker(l).is_some()) {
        return Ok((text, Vec::new()));
    }
    cx.stack.push(real.clone());
    let mut issues = Vec::new();
    let expanded = process(&text, real.parent().unwrap_or(dir), cx, &mut issues);
    cx.stack.pop();
    let inside = |i: Issue| (format!("in `{file}`: {}", i.message), i.help);
    let (errors, warnings): (Vec<Issue>, Vec<Issue>) = issues.into_iter().partition(|i| i.error);
    match errors.into_iter().next() {
        Some(i) => Err(inside(i)),
        None => Ok((expanded, warnings.into_iter().map(inside).collect())),
    }
}

/// The file a path names: under each base in turn, then under `dir`.
fn resolve(file: &str, dir: &Path, cx: &Cx) -> Result<PathBuf, Problem> {
    let mut outside = None;
    let candidates = cx
        .bases
        .iter()
        .filter_map(|b| match &b.strip {
            None => Some(b.dir.join(file)),
            Some(prefix) => file.strip_prefix(prefix.as_str()).map(|rest| b.dir.join(rest)),
        })
        .chain([dir.join(file)]);
    for target in candidates {
        match crate::include::locate(&target, cx.site_root) {
            Ok(Some(real)) => return Ok(real),
            Ok(None) => {}
            Err(p) => outside = Some(p),
        }
    }
    Err(outside.unwrap_or_else(|| {
        (
            format!("no file `{file}`"),
            "paths start from the folder of mkdocs.yml (else content/), or from the page's folder",
        )
    }))
}

/// The lines between `--8<-- [start:name]` and its `[end:name]` (or the file's end),
/// if the file has that section.
fn section<'a>(lines: &[&'a str], name: &str) -> Option<Vec<&'a str>> {
    let is = |l: &str, start: bool| {
        section_marker(l).is_some_and(|m| m.start == start && m.name == name && m.escape.is_none())
    };
    let from = lines.iter().position(|l| is(l, true))? + 1;
    let to = lines[from..]
        .iter()
        .position(|l| is(l, false))
        .map_or(lines.len(), |p| from + p);
    Some(lines[from..to].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().canonicalize().unwrap().join("site");
        std::fs::create_dir_all(root.join("content/guide")).unwrap();
        std::fs::create_dir_all(root.join("snippets")).unwrap();
        std::fs::write(
            root.join("snippets/demo.py"),
            "import os\n# --8<-- [start:func]\ndef f():\n    return 1\n# --8<-- [end:func]\nprint(f())\n",
        )
        .unwrap();
        std::fs::write(root.join("content/note.md"), "!!! note\n    A shared note.").unwrap();
        (t, root)
    }

    fn run_at(root: &Path, page: &str, body: &str) -> (Result<Option<String>, Vec<Diagnostic>>, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let out = expand(
            &root.join(page),
            root,
            &root.join("content"),
            body,
            0,
            1,
            &mut Used::default(),
            &mut warnings,
        );
        (out, warnings)
    }

    fn run(root: &Path, body: &str) -> String {
        let (out, warnings) = run_at(root, "content/guide/a.md", body);
        assert!(warnings.is_empty(), "{warnings:?}");
        out.unwrap().unwrap()
    }

    #[test]
    fn markers_are_read_as_pymdownx_reads_them() {
        let m = marker("  --8<-- \"a.md\"").unwrap();
        assert_eq!((m.space, m.escaped, m.file), ("  ", false, Some("a.md")));
        assert_eq!(marker("-8<- 'b c.md'  ").unwrap().file, Some("b c.md"));
        assert!(marker(";--8<-- \"a.md\"").unwrap().escaped);
        assert_eq!(marker("--8<--").unwrap().file, None);
        for text in [
            "--8<-- a.md",
            "text --8<-- \"a.md\"",
            "--8<-- \"\"",
            "8<-- \"a\"",
            "--8<-- [start:x]",
        ] {
            assert!(marker(text).is_none(), "{text}");
        }
        let m = |start, name, escape| Some(SectionMarker { start, name, escape });
        assert_eq!(section_marker("# --8<-- [start:func]"), m(true, "func", None));
        assert_eq!(section_marker("<!-- --8<-- [ end : a-b ] -->"), m(false, "a-b", None));
        assert_eq!(section_marker("x; ;--8<-- [start:x]"), m(true, "x", Some(3)));
        assert_eq!(section_marker("--8<-- \"x.md\""), None);
    }

    #[test]
    fn specs_name_lines_or_a_section() {
        assert_eq!(split_spec("a.py"), ("a.py", Pick::All));
        assert_eq!(split_spec("a.py:3:7"), ("a.py", Pick::Lines(2, Some(7))));
        assert_eq!(split_spec("a.py:3"), ("a.py", Pick::Lines(2, None)));
        assert_eq!(split_spec("a.py::7"), ("a.py", Pick::Lines(0, Some(7))));
        assert_eq!(split_spec("a.py:func"), ("a.py", Pick::Section("func")));
        assert_eq!(split_spec("a:b/c.md"), ("a:b/c.md", Pick::All));
    }

    #[test]
    fn whole_files_lines_and_sections_in_fenced_code() {
        let (_t, root) = site();
        let whole = run(&root, "```py\n--8<-- \"snippets/demo.py\"\n```\n");
        assert_eq!(whole, "```py\nimport os\ndef f():\n    return 1\nprint(f())\n```\n");
        let lines = run(&root, "--8<-- \"snippets/demo.py:3:4\"\n");
        assert_eq!(lines, "def f():\n    return 1\n");
        let section = run(&root, "- item\n\n    --8<-- 'snippets/demo.py:func'\n");
        assert_eq!(section, "- item\n\n    def f():\n        return 1\n");
        assert_eq!(run(&root, "--8<-- \"snippets/demo.py:6\""), "print(f())");
    }

    #[test]
    fn the_block_form_includes_each_file_and_the_escape_shows_the_line() {
        let (_t, root) = site();
        let out = run(
            &root,
            "Before\n--8<--\nnote.md\n\n; a comment\nsnippets/demo.py:6:6\n--8<--\nAfter\n;--8<-- \"x.md\"\n;;--8<--\n",
        );
        assert_eq!(
            out,
            "Before\n!!! note\n    A shared note.\n\nprint(f())\nAfter\n--8<-- \"x.md\"\n;--8<--\n"
        );
    }

    #[test]
    fn paths_start_at_mkdocs_yml_and_fall_back_to_the_page() {
        let (_t, root) = site();
        std::fs::write(root.join("content/guide/near.md"), "near").unwrap();
        assert_eq!(run(&root, "--8<-- \"near.md\""), "near", "the page's folder");
        assert_eq!(run(&root, "--8<-- \"note.md:1:1\""), "!!! note", "content/");
        // A MkDocs project copied into content/: its folder is the base.
        let proj = root.join("content/proj");
        std::fs::create_dir_all(proj.join("docs/includes")).unwrap();
        std::fs::write(proj.join("mkdocs.yml"), "site_name: x\n").unwrap();
        std::fs::write(proj.join("docs/includes/abbr.md"), "*[HTML]: Hyper Text").unwrap();
        let (out, _) = run_at(&root, "content/proj/docs/a.md", "--8<-- \"docs/includes/abbr.md\"");
        assert_eq!(out.unwrap().unwrap(), "*[HTML]: Hyper Text");
        // A mkdocs.yml beside content/: content/ is its docs_dir.
        std::fs::write(root.join("mkdocs.yml"), "site_name: x\ndocs_dir: docs\n").unwrap();
        let (out, _) = run_at(&root, "content/guide/a.md", "--8<-- \"docs/note.md:1:1\"");
        assert_eq!(out.unwrap().unwrap(), "!!! note");
        let (out, _) = run_at(&root, "content/guide/a.md", "--8<-- \"snippets/demo.py:1:1\"");
        assert_eq!(out.unwrap().unwrap(), "import os");
    }

    #[test]
    fn a_missing_file_or_section_is_an_error_at_the_directive() {
        let (_t, root) = site();
        let (out, _) = run_at(&root, "content/a.md", "# A\n\n```\n  --8<-- \"nope.md\"\n```\n");
        let e = out.unwrap_err();
        assert_eq!((e[0].line, e[0].col), (4, 3), "{}", e[0]);
        assert!(
            e[0].message.contains("snippet `nope.md`: no file `nope.md`"),
            "{}",
            e[0]
        );
        let (out, _) = run_at(&root, "content/a.md", "--8<--\nsnippets/demo.py:gone\n--8<--\n");
        let e = out.unwrap_err();
        assert_eq!(e[0].line, 2, "{}", e[0]);
        assert!(e[0].message.contains("no `--8<-- [start:gone]`"), "{}", e[0]);
    }

    #[test]
    fn urls_and_unclosed_blocks_are_warnings_shown_as_written() {
        let (_t, root) = site();
        let (out, w) = run_at(&root, "content/a.md", "x\n--8<-- \"https://example.com/a.md\"\n");
        assert_eq!(out.unwrap().unwrap(), "x\n--8<-- \"https://example.com/a.md\"\n");
        assert!(w[0].message.contains("is a URL, which is not fetched"), "{}", w[0]);
        assert_eq!(w[0].line, 2);
        let (out, w) = run_at(&root, "content/a.md", "a\n--8<--\nb\n");
        assert_eq!(out.unwrap().unwrap(), "a\n--8<--\nb\n");
        assert!(w[0].message.contains("never closed"), "{}", w[0]);
    }

    #[test]
    fn nested_snippets_cycles_and_the_site_boundary() {
        let (_t, root) = site();
        std::fs::write(root.join("content/outer.md"), "Outer:\n--8<-- \"note.md:2\"").unwrap();
        assert_eq!(run(&root, "--8<-- \"outer.md\""), "Outer:\n    A shared note.");
        std::fs::write(root.join("content/loop.md"), "--8<-- \"loop.md\"").unwrap();
        let (out, _) = run_at(&root, "content/a.md", "x\n--8<-- \"loop.md\"\n");
        let e = out.unwrap_err();
        assert_eq!(e[0].line, 2);
        assert!(
            e[0].message
                .contains("in `loop.md`: snippet `loop.md`: `loop.md` includes itself"),
            "{}",
            e[0]
        );
        std::fs::write(root.parent().unwrap().join("secret.txt"), "x").unwrap();
        let (out, _) = run_at(&root, "content/a.md", "--8<-- \"../secret.txt\"");
        assert!(out.unwrap_err()[0].message.contains("outside the site"));
    }

    #[test]
    fn a_page_without_snippets_is_left_alone() {
        let (_t, root) = site();
        let (out, _) = run_at(&root, "content/a.md", "scissors 8<- here\n--8<-- not a path\n");
        assert!(out.unwrap().is_none());
    }
}
