//! pymdownx.snippets (MkDocs), applied to a page's text before it is parsed, as
//! pymdownx does it: everywhere, fenced code included. A line `--8<-- "file"` is
//! replaced by the file's lines, each indented as the directive is; between two lines
//! `--8<--` every line names a file (a blank one is a blank line, one starting with `;`
//! is a comment). `file:3:7` takes lines 3 to 7 (`:3` from 3 on, `::7` up to 7),
//! `file:name` the lines between `--8<-- [start:name]` and `--8<-- [end:name]`; those
//! marker lines are never included. `;--8<-- "file"` is the directive written as text.
//!
//! Paths start where the page's MkDocs project says (`project.rs`: its `base_path`, by
//! default the folder of `mkdocs.yml`; without one, content/ and the site root), then at
//! the page's (or the including file's) folder; its `auto_append` files end every page.
//! Included files are confined to the site folder. A missing file or section is an
//! error at the directive (pymdownx's `check_paths`), a URL is not fetched (a warning;
//! the line is shown as written), and so is a block never closed.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::include::{MAX_DEPTH, Problem, Used};

mod project;
mod syntax;

pub use project::Snippets;
use project::{Base, resolve};
use syntax::{Marker, Pick, SectionMarker, marker, section, section_marker, split_spec};

impl Snippets<'_> {
    /// The body with its snippets expanded and the project's `auto_append` files added,
    /// or None when there are none; the files included go to `used`, warnings to
    /// `warnings`.
    pub fn expand(
        &mut self,
        path: &Path,
        source: &str,
        body_start: usize,
        body_line: usize,
        used: &mut Used,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Option<String>, Vec<Diagnostic>> {
        let body = &source[body_start..];
        let has = crate::util::has(body, "8<-") && body.lines().any(|l| marker(l).is_some());
        let dir = path.parent().unwrap_or(Path::new("."));
        let project = self.project(dir);
        if !has && project.append.is_empty() {
            return Ok(None);
        }
        let mut cx = Cx {
            site_root: &self.site_root,
            bases: &project.bases,
            used,
            stack: path.canonicalize().into_iter().collect(),
        };
        let mut issues = Vec::new();
        let mut text = if has {
            process(body, dir, &mut cx, &mut issues)
        } else {
            body.to_string()
        };
        let mut appended = Vec::new();
        if !project.append.is_empty() {
            // As pymdownx appends them: a block of snippets after a blank line.
            let block = format!("--8<--\n{}\n--8<--\n", project.append.join("\n\n"));
            // (an appended file's own page gets it too, once)
            cx.stack.clear();
            let tail = process(&block, dir, &mut cx, &mut appended);
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&tail);
        }
        // A problem in an appended file is the project's, reported once at mkdocs.yml.
        let yml = project.yml.clone().unwrap_or_default();
        for issue in appended {
            let d = issue.diagnostic(&yml, format!("`auto_append`: {}", issue.message));
            if !self.diagnostics.iter().any(|o| o.message == d.message) {
                self.diagnostics.push(d);
            }
        }
        let mut errors = Vec::new();
        for issue in issues {
            let d = issue
                .diagnostic(path, issue.message.clone())
                .at(source, body_line + issue.line, issue.col);
            if d.is_error() { errors.push(d) } else { warnings.push(d) }
        }
        if errors.is_empty() { Ok(Some(text)) } else { Err(errors) }
    }
}

struct Cx<'a> {
    site_root: &'a Path,
    bases: &'a [Base],
    used: &'a mut Used,
    /// The page and the files being included, outermost first (a file including itself
    /// is an error).
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

impl Issue {
    fn diagnostic(&self, path: &Path, message: String) -> Diagnostic {
        let d = match self.error {
            true => Diagnostic::error(path, message),
            false => Diagnostic::warning(path, message),
        };
        d.with_help(self.help)
    }
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

/// The text a snippet includes, its own snippets expanded, and the warnings found in
/// them (reported at the directive that included the file, as its errors are).
fn snippet(spec: &str, dir: &Path, cx: &mut Cx) -> Result<(String, Vec<Problem>), Problem> {
    let (file, pick) = split_spec(spec);
    if file.is_empty() {
        return Err(("names no file".into(), "write the file's path before the `:`"));
    }
    let real = resolve(file, Some(dir), cx.bases, cx.site_root)?;
    if cx.stack.contains(&real) {
        return Err((
            format!("`{file}` includes itself"),
            "remove the snippet that includes the file",
        ));
    }
    if cx.stack.len() > MAX_DEPTH {
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
        let files = crate::mkdocs_yml::MkdocsFiles::default();
        let mut snippets = Snippets::new(root, &root.join("content"), &files);
        let out = snippets.expand(&root.join(page), body, 0, 1, &mut Used::default(), &mut warnings);
        warnings.append(&mut snippets.diagnostics);
        (out, warnings)
    }

    fn run(root: &Path, body: &str) -> String {
        let (out, warnings) = run_at(root, "content/guide/a.md", body);
        assert!(warnings.is_empty(), "{warnings:?}");
        out.unwrap().unwrap()
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
        std::fs::write(root.join("content/self.md"), "").unwrap();
        let (out, _) = run_at(&root, "content/self.md", "--8<-- \"self.md\"");
        assert!(out.unwrap_err()[0].message.contains("`self.md` includes itself"));
        std::fs::write(root.parent().unwrap().join("secret.txt"), "x").unwrap();
        let (out, _) = run_at(&root, "content/a.md", "--8<-- \"../secret.txt\"");
        assert!(out.unwrap_err()[0].message.contains("outside the site"));
    }

    #[test]
    fn auto_append_files_end_every_page_of_the_project() {
        let (_t, root) = site();
        std::fs::write(
            root.join("mkdocs.yml"),
            "markdown_extensions:\n  - pymdownx.snippets:\n      auto_append:\n        - docs/note.md\n",
        )
        .unwrap();
        assert_eq!(run(&root, "Text"), "Text\n\n!!! note\n    A shared note.\n");
        assert_eq!(
            run(&root, "--8<-- \"snippets/demo.py:1:1\"\n"),
            "import os\n\n!!! note\n    A shared note.\n"
        );
    }

    #[test]
    fn a_page_without_snippets_is_left_alone() {
        let (_t, root) = site();
        let (out, _) = run_at(&root, "content/a.md", "scissors 8<- here\n--8<-- not a path\n");
        assert!(out.unwrap().is_none());
    }
}
