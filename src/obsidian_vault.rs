//! Stage 1, load: what an Obsidian vault's settings (`.obsidian/`) say about its files.
//! The folder the core Templates plugin reads (`templates.json`, `"folder"`) and the one
//! Templater reads (`plugins/templater-obsidian/data.json`, `"templates_folder"`) hold
//! templates, not notes: their `{{date}}` and `<% tp.file.title %>` are filled in when a
//! note is made from them, so they are never pages. Excalidraw drawings
//! (`name.excalidraw.md`: the plugin's scene data) are not pages either; an embed of one
//! shows its exported image ([`crate::markdown::wikilinks`]).

use std::path::{Path, PathBuf};

/// Whether a content file is an Excalidraw drawing (`Drawing 1.excalidraw.md`).
pub fn is_drawing(rel: &str) -> bool {
    let b = rel.as_bytes();
    b.len() > 14 && b[b.len() - 14..].eq_ignore_ascii_case(b".excalidraw.md")
}

/// The template folders of the vaults at `content` and `root` (where a `.obsidian/`
/// folder is), as paths under the vault.
pub fn template_dirs(root: &Path, content: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for vault in [content, root] {
        let settings = vault.join(".obsidian");
        if !settings.is_dir() {
            continue;
        }
        let read = |file: &str, key: &str| -> Option<String> {
            let text = std::fs::read_to_string(settings.join(file)).ok()?;
            let value: serde_json::Value = serde_json::from_str(&text).ok()?;
            let folder = value.get(key)?.as_str()?.trim().trim_matches('/');
            (!folder.is_empty() && !folder.split('/').any(|s| s == "..")).then(|| folder.to_string())
        };
        for (file, key) in [
            ("templates.json", "folder"),
            ("plugins/templater-obsidian/data.json", "templates_folder"),
        ] {
            if let Some(folder) = read(file, key) {
                let dir = vault.join(folder);
                if dir.is_dir() && !out.contains(&dir) {
                    out.push(dir);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_are_known_by_their_double_extension() {
        assert!(is_drawing("Excalidraw/Drawing 2024-01-01.excalidraw.md"));
        assert!(is_drawing("a.Excalidraw.MD"));
        assert!(!is_drawing("excalidraw.md"));
        assert!(!is_drawing("notes/excalidraw tips.md"));
        assert!(!is_drawing("ノート/日本語のノート.md"), "a name that is not ASCII");
    }

    #[test]
    fn template_folders_come_from_both_plugins_settings() {
        let dir = tempfile::tempdir().unwrap();
        let v = dir.path();
        std::fs::create_dir_all(v.join(".obsidian/plugins/templater-obsidian")).unwrap();
        std::fs::create_dir_all(v.join("Meta/Templates")).unwrap();
        std::fs::create_dir_all(v.join("Templater")).unwrap();
        std::fs::write(v.join(".obsidian/templates.json"), r#"{"folder": "Meta/Templates"}"#).unwrap();
        std::fs::write(
            v.join(".obsidian/plugins/templater-obsidian/data.json"),
            r#"{"templates_folder": "Templater/", "trigger_on_file_creation": false}"#,
        )
        .unwrap();
        assert_eq!(template_dirs(v, v), [v.join("Meta/Templates"), v.join("Templater")]);
        std::fs::write(v.join(".obsidian/templates.json"), r#"{"folder": "../outside"}"#).unwrap();
        assert_eq!(template_dirs(v, v), [v.join("Templater")]);
    }
}
