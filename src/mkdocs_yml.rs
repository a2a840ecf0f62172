//! Stage 1, load: a site's `mkdocs.yml` files, each read once per build and shared by
//! everything that asks what one says: the dialect (pymdownx.tilde), the page order
//! (`nav`, literate-nav's `nav_file`), snippets (`pymdownx.snippets`) and the walk of
//! content/ (`docs_dir`, and `theme.custom_dir`, which MkDocs never publishes).
//!
//! The file is read as lines, not as YAML: it holds Python tags (`!!python/name:…`)
//! a YAML reader refuses, and only a few keys matter here (the `nav` block alone is
//! handed to the YAML reader, by order.rs).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One `mkdocs.yml`: where it is and its text.
#[derive(Debug)]
pub struct Mkdocs {
    /// The folder it is in (as first asked for).
    pub dir: PathBuf,
    pub path: PathBuf,
    pub text: String,
}

impl Mkdocs {
    /// `docs_dir:`, else MkDocs' default `docs`.
    pub fn docs_dir(&self) -> String {
        docs_dir(&self.text)
    }

    /// `theme.custom_dir`, relative to the file's folder, if set.
    pub fn custom_dir(&self) -> Option<String> {
        let mut inside = false;
        for line in self.text.lines() {
            if !line.starts_with([' ', '\t']) && !line.trim().is_empty() && !line.trim_start().starts_with('#') {
                inside = line.trim_end() == "theme:";
                continue;
            }
            if inside && let Some(v) = line.trim().strip_prefix("custom_dir:") {
                let v = unquote(v);
                return (!v.is_empty()).then(|| v.trim_start_matches("./").trim_end_matches('/').to_string());
            }
        }
        None
    }

    /// Whether the `markdown_extensions:` list names `name` (as `- name` or `- name:`
    /// with options).
    pub fn extension_on(&self, name: &str) -> bool {
        extension_on(&self.text, name)
    }

    /// Whether the `plugins:` list names `name` (as `- name` or `- name:` with options).
    pub fn plugin_on(&self, name: &str) -> bool {
        list_names(&self.text, "plugins:", name)
    }

    /// `nav_file:` of the literate-nav plugin, else its default `SUMMARY.md`.
    pub fn literate_nav_file(&self) -> String {
        self.text
            .lines()
            .find_map(|l| l.trim().strip_prefix("nav_file:"))
            .map(|v| unquote(v).to_string())
            .unwrap_or_else(|| "SUMMARY.md".into())
    }
}

/// The `mkdocs.yml` files asked for so far, by folder: each is read at most once.
#[derive(Debug, Default)]
pub struct MkdocsFiles {
    read: Mutex<HashMap<PathBuf, Option<Arc<Mkdocs>>>>,
}

impl MkdocsFiles {
    /// The `mkdocs.yml` in `dir`, if there is one (a folder named by another path, a
    /// link or `..`, is the same folder).
    pub fn at(&self, dir: &Path) -> Option<Arc<Mkdocs>> {
        let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let mut read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        read.entry(key)
            .or_insert_with(|| {
                let path = dir.join("mkdocs.yml");
                let text = std::fs::read_to_string(&path).ok()?;
                Some(Arc::new(Mkdocs {
                    dir: dir.to_path_buf(),
                    path,
                    text,
                }))
            })
            .clone()
    }

    /// The `mkdocs.yml` files found so far.
    pub fn paths(&self) -> Vec<PathBuf> {
        let read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        read.values().flatten().map(|m| m.path.clone()).collect()
    }

    /// The `theme.custom_dir` folders of the `mkdocs.yml` in `content` and beside it in
    /// `root` (whose `docs_dir` content/ stands for), as paths under `content`.
    pub fn theme_dirs(&self, root: &Path, content: &Path) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        if let Some(custom) = self.at(content).and_then(|m| m.custom_dir()) {
            dirs.push(content.join(custom));
        }
        if let Some(m) = self.at(root)
            && let Some(custom) = m.custom_dir()
            && let Some(rest) = custom.strip_prefix(m.docs_dir().as_str())
            && let Some(rest) = rest.strip_prefix('/')
        {
            dirs.push(content.join(rest));
        }
        dirs
    }
}

fn unquote(v: &str) -> &str {
    v.trim().trim_matches(['"', '\''])
}

fn docs_dir(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("docs_dir:"))
        .map(|v| unquote(v).trim_matches('/').to_string())
        .unwrap_or_else(|| "docs".into())
}

fn extension_on(text: &str, name: &str) -> bool {
    list_names(text, "markdown_extensions:", name)
}

/// Whether the top-level list `key` (`plugins:`) has an item `name`.
fn list_names(text: &str, key: &str, name: &str) -> bool {
    let mut inside = false;
    for line in text.lines() {
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            inside = line.trim_end().starts_with(key);
            continue;
        }
        if inside && let Some(item) = line.trim_start().strip_prefix("- ") {
            let item = item.trim().trim_end_matches(':').trim_matches(['"', '\'']);
            if item == name {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yml(text: &str) -> Mkdocs {
        Mkdocs {
            dir: PathBuf::new(),
            path: PathBuf::from("mkdocs.yml"),
            text: text.into(),
        }
    }

    #[test]
    fn a_mkdocs_extension_is_found_in_its_list_only() {
        let m = yml(
            "site_name: x\nmarkdown_extensions:\n  - admonition\n  - pymdownx.tilde:\n      smart_delete: true\n  - toc:\n      permalink: true\nplugins:\n  - pymdownx.caret\n",
        );
        assert!(m.extension_on("pymdownx.tilde"));
        assert!(m.extension_on("admonition"));
        assert!(!m.extension_on("pymdownx.caret"));
        assert!(!yml("markdown_extensions: []\n").extension_on("pymdownx.tilde"));
        assert!(m.plugin_on("pymdownx.caret"));
        assert!(!m.plugin_on("admonition"));
        assert!(yml("plugins:\n  - search\n  - macros:\n      module_name: main\n").plugin_on("macros"));
    }

    #[test]
    fn custom_dir_is_read_from_the_theme_only() {
        let m = yml(
            "site_name: x\ndocs_dir: src\ntheme:\n  name: material\n  # custom_dir: nope\n  custom_dir: \"src/overrides/\"\n  features:\n    - navigation.tabs\nplugins:\n  - custom_dir: elsewhere\n",
        );
        assert_eq!(m.custom_dir().as_deref(), Some("src/overrides"));
        assert_eq!(m.docs_dir(), "src");
        assert_eq!(yml("theme:\n  name: material\ncustom_dir: x\n").custom_dir(), None);
        assert_eq!(yml("site_name: x\n").docs_dir(), "docs");
    }

    #[test]
    fn each_file_is_read_once_whatever_path_names_its_folder() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("a")).unwrap();
        std::fs::write(t.path().join("a/mkdocs.yml"), "nav_file: NAV.md\n").unwrap();
        let files = MkdocsFiles::default();
        let first = files.at(&t.path().join("a")).unwrap();
        assert_eq!(first.literate_nav_file(), "NAV.md");
        std::fs::write(t.path().join("a/mkdocs.yml"), "changed\n").unwrap();
        let again = files.at(&t.path().join("a/../a")).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(files.at(t.path()).is_none());
    }
}
