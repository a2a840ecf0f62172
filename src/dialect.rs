//! Stage 1, load: what a notes folder's own tool settings say about how its Markdown is
//! read, for the keys studysite.toml leaves unset. An Obsidian vault (a `.obsidian/`
//! folder) titles notes by their names; a MkDocs site whose `mkdocs.yml` turns on
//! pymdownx.tilde writes `~sub~` for subscript. `{% raw %}` in code is a Liquid escape
//! unless the folder is an mdBook or a MkDocs site without the macros plugin (tools that
//! run no Liquid, whose code shows the markers).

use std::path::Path;

use crate::config::{Config, TitleFrom};
use crate::mkdocs_yml::MkdocsFiles;

/// Fills in what `config` leaves unset from the tools' files in the site folder
/// (`root`) and in `content` (and a project copied whole into a folder of it).
pub fn settle(config: &mut Config, root: &Path, content: &Path, mkdocs: &MkdocsFiles) {
    if config.title_from.is_none()
        && [content.join(".obsidian"), root.join(".obsidian")]
            .iter()
            .any(|p| p.is_dir())
    {
        config.title_from = Some(TitleFrom::Filename);
    }
    let mut places = vec![root.to_path_buf(), content.to_path_buf()];
    if let Ok(dir) = std::fs::read_dir(content) {
        places.extend(dir.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    let mdbook = places.iter().any(|p| p.join("book.toml").is_file());
    let mkdocs_plain = places
        .iter()
        .filter_map(|p| mkdocs.at(p))
        .any(|m| !m.plugin_on("macros"));
    config.markdown.liquid_in_code = !(mdbook || mkdocs_plain);
    if config.markdown.subscript.is_none() {
        let tilde = places
            .iter()
            .filter_map(|p| mkdocs.at(p))
            .any(|m| m.extension_on("pymdownx.tilde"));
        config.markdown.subscript = Some(tilde);
    }
}
