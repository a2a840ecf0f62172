//! Stage 1, load: what a notes folder's own tool settings say about how its Markdown is
//! read, for the keys studysite.toml leaves unset. An Obsidian vault (a `.obsidian/`
//! folder) titles notes by their names; a MkDocs site whose `mkdocs.yml` turns on
//! pymdownx.tilde writes `~sub~` for subscript. Also the small line readers of
//! `mkdocs.yml` that the nav and snippets share (it holds Python tags a YAML reader
//! refuses).

use std::path::Path;

use crate::config::{Config, TitleFrom};

/// Fills in what `config` leaves unset from the tools' files in the site folder
/// (`root`) and in `content` (and a project copied whole into a folder of it).
pub fn settle(config: &mut Config, root: &Path, content: &Path) {
    if config.title_from.is_none()
        && [content.join(".obsidian"), root.join(".obsidian")]
            .iter()
            .any(|p| p.is_dir())
    {
        config.title_from = Some(TitleFrom::Filename);
    }
    if config.markdown.subscript.is_none() {
        let tilde = mkdocs_files(root, content).any(|text| extension_on(&text, "pymdownx.tilde"));
        config.markdown.subscript = Some(tilde);
    }
}

/// The texts of the `mkdocs.yml` files beside content/, in it, and one folder down.
fn mkdocs_files(root: &Path, content: &Path) -> impl Iterator<Item = String> {
    let mut places = vec![root.to_path_buf(), content.to_path_buf()];
    if let Ok(dir) = std::fs::read_dir(content) {
        places.extend(dir.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    places
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(p.join("mkdocs.yml")).ok())
}

/// `docs_dir:` of a mkdocs.yml, else MkDocs' default `docs`.
pub fn mkdocs_docs_dir(mkdocs: &str) -> String {
    mkdocs
        .lines()
        .find_map(|l| l.strip_prefix("docs_dir:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).trim_matches('/').to_string())
        .unwrap_or_else(|| "docs".into())
}

/// Whether the `markdown_extensions:` list of a mkdocs.yml names `name` (as `- name`
/// or `- name:` with options). The file is read as lines: the rest of it may hold
/// Python tags a YAML reader refuses.
fn extension_on(mkdocs: &str, name: &str) -> bool {
    let mut inside = false;
    for line in mkdocs.lines() {
        if !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty() {
            inside = line.trim_end().starts_with("markdown_extensions:");
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

    #[test]
    fn a_mkdocs_extension_is_found_in_its_list_only() {
        let yml = "site_name: x\nmarkdown_extensions:\n  - admonition\n  - pymdownx.tilde:\n      smart_delete: true\n  - toc:\n      permalink: true\nplugins:\n  - pymdownx.caret\n";
        assert!(extension_on(yml, "pymdownx.tilde"));
        assert!(extension_on(yml, "admonition"));
        assert!(!extension_on(yml, "pymdownx.caret"));
        assert!(!extension_on("markdown_extensions: []\n", "pymdownx.tilde"));
    }
}
