//! Stage 1, load: Docusaurus' folder settings. A docs folder's `_category_.json` (or
//! `_category_.yml`) gives the folder's sidebar label and its position among its
//! siblings (`{"label": "Getting started", "position": 2}`); the nav uses them for a
//! folder without a page of its own, as Docusaurus' sidebar does, and the position for
//! one whose page has no weight. The files are settings, not assets: they are not
//! published. MDX pages (`.mdx`: Markdown with JSX) are not read; each is named in a
//! warning rather than published as its source.

use std::collections::HashMap;

use serde_json::Value;

use crate::content::ContentAsset;
use crate::diagnostics::Diagnostic;

/// What a folder's settings say: its `_category_` file, and an awesome-pages file
/// ([`crate::awesome_pages`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Category {
    /// The folder's title when it has no page of its own.
    pub label: Option<String>,
    /// Rounded, as a page's `sidebar_position` is.
    pub position: Option<i64>,
    /// The folder's title, over its page's (awesome-pages' `title`).
    pub title: Option<String>,
    /// The order of the folder's entries (awesome-pages' `nav`); empty: their own.
    pub nav: Vec<NavItem>,
    /// The entries' own order reversed (awesome-pages' `order: desc`).
    pub desc: bool,
}

/// One entry of a folder's own order.
#[derive(Debug, Clone, PartialEq)]
pub enum NavItem {
    /// A page (`intro.md`) or folder (`basics`) of the folder, with the title to show.
    Entry { name: String, title: Option<String> },
    /// The entries not listed, in their own order (`...`).
    Rest,
}

/// Categories by folder inside content/ (`guide/basics`).
pub type Categories = HashMap<String, Category>;

const NAMES: [&str; 3] = ["_category_.json", "_category_.yml", "_category_.yaml"];

/// Takes the `_category_` files out of `assets` and reads them; a file that cannot be
/// read is a warning (the folder keeps its name and natural order).
pub fn take(assets: &mut Vec<ContentAsset>, warnings: &mut Vec<Diagnostic>) -> Categories {
    let mut out = Categories::new();
    assets.retain(|a| {
        let b = a.rel.as_bytes();
        if b.len() > 4 && b[b.len() - 4..].eq_ignore_ascii_case(b".mdx") {
            warnings.push(
                Diagnostic::warning(
                    &a.path,
                    "MDX pages (Markdown with JSX) are not read; this one is left out",
                )
                .with_help("to publish it, take out its `import` lines and JSX components and rename it to .md"),
            );
            return false;
        }
        let (folder, name) = a.rel.rsplit_once('/').unwrap_or(("", a.rel.as_str()));
        if !NAMES.contains(&name) {
            return true;
        }
        match read(a, name) {
            Ok(c) => {
                out.insert(folder.to_string(), c);
            }
            Err(why) => warnings.push(
                Diagnostic::warning(&a.path, format!("cannot read this Docusaurus category file: {why}"))
                    .with_help("write it as Docusaurus does: {\"label\": \"Basics\", \"position\": 2}"),
            ),
        }
        false
    });
    out
}

fn read(a: &ContentAsset, name: &str) -> Result<Category, String> {
    let text = std::fs::read_to_string(&a.path).map_err(|e| e.to_string())?;
    let value: Value = if name.ends_with(".json") {
        serde_json::from_str(&text).map_err(|e| e.to_string())?
    } else {
        crate::frontmatter::yaml_value(&text).map_err(|e| e.to_string())?
    };
    if !value.is_object() {
        return Err("it is not a table of settings".into());
    }
    let label = value
        .get("label")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let position = value.get("position").and_then(Value::as_f64).map(|p| p.round() as i64);
    Ok(Category {
        label,
        position,
        ..Category::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_files_are_read_and_leave_the_assets() {
        let dir = tempfile::tempdir().unwrap();
        let file = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            ContentAsset {
                path,
                rel: rel.to_string(),
            }
        };
        let mut assets = vec![
            file(
                "basics/_category_.json",
                r#"{"label": "The basics", "position": 2, "link": {"type": "generated-index"}}"#,
            ),
            file("advanced/_category_.yml", "label: Advanced\nposition: 1.4\n"),
            file("broken/_category_.json", "{label: oops"),
            file("basics/pic.png", "png"),
            file("basics/tabs.mdx", "import Tabs from '@theme/Tabs';\n"),
            file("basics/図.png", "png"),
        ];
        let mut warnings = Vec::new();
        let c = take(&mut assets, &mut warnings);
        assert_eq!(assets.len(), 2, "only the pictures are assets");
        assert_eq!(
            c["basics"],
            Category {
                label: Some("The basics".into()),
                position: Some(2),
                ..Category::default()
            }
        );
        assert_eq!(c["advanced"].position, Some(1));
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("cannot read this Docusaurus category file"))
        );
        assert!(warnings.iter().any(|w| w.message.contains("MDX pages")));
    }
}
