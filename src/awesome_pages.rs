//! Stage 1, load: the MkDocs awesome-pages / awesome-nav plugin's folder files. A
//! folder's `.pages` (awesome-pages 2) or `.nav.yml` (awesome-nav 3) orders the
//! folder's entries and titles them, without a `nav` in `mkdocs.yml`:
//!
//! ```yaml
//! title: Compute            # the folder's title in the sidebar, over its page's
//! nav:
//!   - intro.md              # a page or a folder of this folder, in this order
//!   - Launching: launch.md  # with the title the sidebar shows
//!   - ...                   # the rest, in their own order (awesome-nav: "*")
//! order: desc               # the rest reversed (awesome-nav: sort: {direction: desc})
//! ```
//!
//! Entries the list leaves out follow the listed ones, at the `...` or at the end (the
//! plugin hides them from its nav; here every page stays reachable). Links and nested
//! sections in the list are not read. The files are settings, not assets: they are not
//! published. A file that cannot be read, and an entry the folder does not have, are
//! warnings naming the file.

use serde_json::Value;

use crate::content::ContentAsset;
use crate::diagnostics::Diagnostic;
use crate::docusaurus::{Categories, NavItem};
use crate::file_names::is_folder_file;

/// Takes the folder files out of `assets` and adds what they say to `categories`.
pub fn take(assets: &mut Vec<ContentAsset>, categories: &mut Categories, warnings: &mut Vec<Diagnostic>) {
    assets.retain(|a| {
        let (folder, name) = a.rel.rsplit_once('/').unwrap_or(("", a.rel.as_str()));
        if !is_folder_file(name) {
            return true;
        }
        match read(a) {
            Ok((title, nav, desc)) => {
                let dir = a.path.parent().unwrap_or(&a.path);
                for item in &nav {
                    if let NavItem::Entry { name, .. } = item
                        && !dir.join(name).exists()
                    {
                        warnings.push(
                            Diagnostic::warning(
                                &a.path,
                                format!("`{name}` is listed but this folder has no such page or folder"),
                            )
                            .with_help(
                                "list the file names of this folder (`intro.md`) or its folders, or `...` for the rest",
                            ),
                        );
                    }
                }
                let c = categories.entry(folder.to_string()).or_default();
                c.title = title.or(c.title.take());
                if !nav.is_empty() {
                    c.nav = nav;
                }
                c.desc |= desc;
            }
            Err(why) => warnings.push(
                Diagnostic::warning(&a.path, format!("cannot read this awesome-pages file: {why}"))
                    .with_help("write it as the plugin does: `title: Basics` and `nav:` with one file name a line"),
            ),
        }
        false
    });
}

type Read = (Option<String>, Vec<NavItem>, bool);

fn read(a: &ContentAsset) -> Result<Read, String> {
    let text = std::fs::read_to_string(&a.path).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Ok((None, Vec::new(), false));
    }
    let value = crate::frontmatter::yaml_value(&text).map_err(|e| e.to_string())?;
    let Value::Object(map) = value else {
        return Err("it is not a table of settings".into());
    };
    let title = map
        .get("title")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let list = map.get("nav").or_else(|| map.get("arrange"));
    let nav = match list {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.iter().filter_map(item).collect(),
        Some(_) => return Err("`nav` is not a list".into()),
    };
    let direction = map
        .get("order")
        .or_else(|| map.get("sort").and_then(|s| s.get("direction")))
        .and_then(Value::as_str);
    Ok((title, nav, direction == Some("desc")))
}

/// One list entry: `name`, `...` / `*` (the rest), `Title: name`; None for a link, a
/// nested section or anything else.
fn item(v: &Value) -> Option<NavItem> {
    let entry = |name: &str, title: Option<String>| {
        let name = name.trim().trim_start_matches("./").trim_end_matches('/');
        if name.starts_with("...") || name.contains('*') {
            return Some(NavItem::Rest);
        }
        let plain = !name.is_empty() && !name.contains("://") && !name.contains('/');
        plain.then(|| NavItem::Entry {
            name: name.to_string(),
            title,
        })
    };
    match v {
        Value::String(s) => entry(s, None),
        Value::Object(m) if m.len() == 1 => {
            let (title, target) = m.iter().next()?;
            entry(
                target.as_str()?,
                Some(title.trim().to_string()).filter(|t| !t.is_empty()),
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(yaml: &str) -> Vec<NavItem> {
        match crate::frontmatter::yaml_value(yaml).unwrap() {
            Value::Array(a) => a.iter().filter_map(item).collect(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn entries_the_rest_and_titles() {
        let got = items("- intro.md\n- ...\n- Launch it: launch.md\n- '*'\n- ... | glob=a*\n- sub/\n");
        let e = |n: &str, t: Option<&str>| NavItem::Entry {
            name: n.into(),
            title: t.map(Into::into),
        };
        assert_eq!(
            got,
            [
                e("intro.md", None),
                NavItem::Rest,
                e("launch.md", Some("Launch it")),
                NavItem::Rest,
                NavItem::Rest,
                e("sub", None)
            ]
        );
        // A link, a nested section and a path into another folder are not entries.
        assert!(items("- Web: https://example.com\n- Part:\n    - a.md\n- x/y.md\n").is_empty());
    }
}
