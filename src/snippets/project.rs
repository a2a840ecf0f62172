//! Where snippet paths start: the MkDocs project a page is in (the nearest `mkdocs.yml`
//! above it, up to the site root) and its `pymdownx.snippets` settings, `base_path`
//! (default `["."]`: the folder of `mkdocs.yml`) and `auto_append` (files added at the
//! end of every page). Without a `mkdocs.yml`, paths start at content/ and the site
//! root. Each project is read once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::diagnostics::Diagnostic;
use crate::include::Problem;
use crate::mkdocs_yml::{Mkdocs, MkdocsFiles};

/// A folder snippet paths are looked up in.
pub(super) struct Base {
    pub(super) dir: PathBuf,
    /// A `docs_dir/` that paths start with, left out under `dir` (a `mkdocs.yml` beside
    /// content/: the project's docs folder is content/ here).
    pub(super) strip: Option<String>,
}

/// The snippet settings of the pages of one MkDocs project (or of a site without one).
#[derive(Default)]
pub(super) struct Project {
    pub(super) bases: Vec<Base>,
    /// `auto_append`'s files that exist, as written.
    pub(super) append: Vec<String>,
    /// The `mkdocs.yml`, if there is one.
    pub(super) yml: Option<PathBuf>,
}

/// The projects of a site's pages, each read once; `site_root` and `content` are
/// canonical.
pub struct Snippets<'m> {
    pub(super) site_root: PathBuf,
    pub(super) content: PathBuf,
    by_folder: HashMap<PathBuf, Rc<Project>>,
    by_yml: HashMap<PathBuf, Rc<Project>>,
    mkdocs: &'m MkdocsFiles,
    /// Problems in the projects' settings and their appended files, each once.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'m> Snippets<'m> {
    pub fn new(site_root: &Path, content: &Path, mkdocs: &'m MkdocsFiles) -> Snippets<'m> {
        Snippets {
            site_root: site_root.to_path_buf(),
            content: content.to_path_buf(),
            by_folder: HashMap::new(),
            by_yml: HashMap::new(),
            mkdocs,
            diagnostics: Vec::new(),
        }
    }

    /// The project of the pages in `folder` (as walked).
    pub(super) fn project(&mut self, folder: &Path) -> Rc<Project> {
        if let Some(p) = self.by_folder.get(folder) {
            return p.clone();
        }
        let real = folder.canonicalize().unwrap_or_else(|_| folder.to_path_buf());
        let mut at = Some(real.as_path());
        let mut project = None;
        while let Some(d) = at.filter(|d| d.starts_with(&self.site_root)) {
            if let Some(yml) = self.mkdocs.at(d) {
                project = Some(match self.by_yml.get(d) {
                    Some(p) => p.clone(),
                    None => {
                        let p = Rc::new(self.read(d, &yml));
                        self.by_yml.insert(d.to_path_buf(), p.clone());
                        p
                    }
                });
                break;
            }
            at = d.parent();
        }
        let project = project.unwrap_or_else(|| {
            Rc::new(Project {
                bases: [&self.content, &self.site_root]
                    .map(|d| Base {
                        dir: d.clone(),
                        strip: None,
                    })
                    .into(),
                ..Project::default()
            })
        });
        self.by_folder.insert(folder.to_path_buf(), project.clone());
        project
    }

    /// The project of the `mkdocs.yml` in `dir`; an `auto_append` file that is not there
    /// is an error at its line.
    fn read(&mut self, dir: &Path, mkdocs: &Mkdocs) -> Project {
        let (yml, text) = (dir.join("mkdocs.yml"), &mkdocs.text);
        let settings = settings(text);
        let docs = mkdocs.docs_dir();
        let beside_content = dir == self.site_root;
        let mut bases = Vec::new();
        for b in settings.base_path.iter().map(String::as_str).chain(
            // pymdownx's default
            settings.base_path.is_empty().then_some("."),
        ) {
            let b = b.trim_start_matches("./").trim_end_matches('/');
            bases.push(Base {
                dir: dir.join(b),
                strip: None,
            });
            if !beside_content {
                continue;
            }
            if b == "." || b.is_empty() {
                bases.push(Base {
                    dir: self.content.clone(),
                    strip: Some(format!("{docs}/")),
                });
            } else if let Some(rest) = b
                .strip_prefix(docs.as_str())
                .filter(|r| r.is_empty() || r.starts_with('/'))
            {
                bases.push(Base {
                    dir: self.content.join(rest.trim_start_matches('/')),
                    strip: None,
                });
            }
        }
        let mut append = Vec::new();
        for (file, line) in settings.auto_append {
            match resolve(&file, None, &bases, &self.site_root) {
                Ok(_) => append.push(file),
                Err((message, help)) => self.diagnostics.push(
                    Diagnostic::error(&yml, format!("`auto_append` snippet `{file}`: {message}"))
                        .at(text, line, 1)
                        .with_help(help),
                ),
            }
        }
        Project {
            bases,
            append,
            yml: Some(yml),
        }
    }
}

/// The file a path names: under each base in turn, then under `fallback` (the folder
/// of the page or of the including file).
pub(super) fn resolve(
    file: &str,
    fallback: Option<&Path>,
    bases: &[Base],
    site_root: &Path,
) -> Result<PathBuf, Problem> {
    let mut outside = None;
    let candidates = bases
        .iter()
        .filter_map(|b| match &b.strip {
            None => Some(b.dir.join(file)),
            Some(prefix) => file.strip_prefix(prefix.as_str()).map(|rest| b.dir.join(rest)),
        })
        .chain(fallback.map(|d| d.join(file)));
    for target in candidates {
        match crate::include::locate(&target, site_root) {
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

/// The `pymdownx.snippets` settings of a mkdocs.yml that matter here.
#[derive(Debug, Default, PartialEq)]
struct Settings {
    base_path: Vec<String>,
    /// Each file with its line (1-based).
    auto_append: Vec<(String, usize)>,
}

/// Reads the `pymdownx.snippets:` entry of `markdown_extensions` line by line (a
/// mkdocs.yml holds `!!python/name:` tags a YAML reader refuses): `key: value`,
/// `key: [a, b]`, and `key:` followed by `- item` lines.
fn settings(yml: &str) -> Settings {
    let mut out = Settings::default();
    let lines: Vec<&str> = yml.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let Some(start) = lines
        .iter()
        .position(|l| l.trim().trim_start_matches("- ").trim_end() == "pymdownx.snippets:")
    else {
        return out;
    };
    let mut key = "";
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let t = l.split(" #").next().unwrap_or("").trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if indent(l) <= indent(lines[start]) {
            break;
        }
        let mut push = |k: &str, v: &str| {
            let v = v.trim().trim_matches(['"', '\'']).to_string();
            match k {
                "base_path" if !v.is_empty() => out.base_path.push(v),
                "auto_append" if !v.is_empty() => out.auto_append.push((v, i + 1)),
                _ => {}
            }
        };
        if let Some(item) = t.strip_prefix("- ") {
            push(key, item);
            continue;
        }
        let Some((k, v)) = t.split_once(':') else { continue };
        key = k.trim();
        let v = v.trim();
        match v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(list) => list.split(',').for_each(|item| push(key, item)),
            None => push(key, v),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_from_the_snippets_entry_only() {
        let yml = "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n  - pymdownx.snippets:\n      base_path: [\".\", 'docs/snippets']\n      auto_append:\n        - includes/abbreviations.md  # glossary\n      check_paths: true\n  - pymdownx.superfences\nnav:\n  - auto_append: x.md\n";
        assert_eq!(
            settings(yml),
            Settings {
                base_path: vec![".".into(), "docs/snippets".into()],
                auto_append: vec![("includes/abbreviations.md".into(), 8)],
            }
        );
        let scalar = "markdown_extensions:\n- pymdownx.snippets:\n    base_path: docs\n";
        assert_eq!(settings(scalar).base_path, ["docs"]);
        assert_eq!(
            settings("markdown_extensions:\n  - pymdownx.snippets\n"),
            Settings::default()
        );
    }

    #[test]
    fn a_project_beside_content_finds_its_docs_in_content() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().canonicalize().unwrap();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("snippets")).unwrap();
        std::fs::create_dir_all(content.join("guide")).unwrap();
        std::fs::write(content.join("snippets/a.md"), "a").unwrap();
        std::fs::write(
            root.join("mkdocs.yml"),
            "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/snippets]\n      auto_append: [a.md, gone.md]\n",
        )
        .unwrap();
        let files = MkdocsFiles::default();
        let mut s = Snippets::new(&root, &content, &files);
        let p = s.project(&content.join("guide"));
        assert_eq!(p.append, ["a.md"]);
        let found = resolve("a.md", None, &p.bases, &root).unwrap();
        assert_eq!(found, content.join("snippets/a.md"));
        assert_eq!(s.diagnostics.len(), 1, "the missing one, once");
        assert_eq!(s.diagnostics[0].line, 4, "{}", s.diagnostics[0]);
        assert!(
            s.diagnostics[0]
                .message
                .contains("`auto_append` snippet `gone.md`: no file")
        );
        s.project(&content);
        assert_eq!(s.diagnostics.len(), 1, "one read of the project");
    }
}
