//! Logseq's page properties: a run of `key:: value` lines at the very top of a page
//! (`title:: My page`, `tags:: [[a]], b`, `alias:: x`) is its front matter. `title`,
//! `tags` and `alias` (`aliases`) mean what ours do, `public:: false` is a draft (Logseq
//! leaves such a page out when it publishes); every other key is kept in `extra` for
//! templates, as written. Conservative: a key is `[A-Za-z][A-Za-z0-9_-]*`, then `::` and
//! a space (or the line's end), at the start of the line.
//!
//! Obsidian's Dataview writes the same `key:: value` inline fields, and shows them. So a
//! run is page properties only when the page reads as Logseq's: its body is an outline
//! (the first line after the run is a `- ` block, or there is none), or the run names a
//! key only Logseq gives pages (`title`, `alias`, `public`). Otherwise the lines stay in
//! the body, where [`crate::markdown::logseq`] shows each as a property line.

use super::{FrontMatter, Split};

/// The key of a property line, and its value; `None` for any other line.
pub(crate) fn property(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end_matches(['\n', '\r']);
    let (key, rest) = line.split_once("::")?;
    let mut chars = key.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim()))
}

/// A list value: `[[a]], [[b c]], #d, e` → `a`, `b c`, `d`, `e`.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(|v| {
            let v = v.trim();
            let v = v.strip_prefix("#").unwrap_or(v);
            let v = v.strip_prefix("[[").and_then(|v| v.strip_suffix("]]")).unwrap_or(v);
            v.trim().to_string()
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// Whether a run of property lines, followed by `rest`, is a Logseq page's header.
fn is_page_header(keys: &[&str], rest: &str) -> bool {
    let logseq_key = keys.iter().any(|k| {
        ["title", "alias", "aliases", "public"]
            .iter()
            .any(|l| k.eq_ignore_ascii_case(l))
    });
    let next = rest.lines().find(|l| !l.trim().is_empty());
    logseq_key || next.is_none_or(|l| l.starts_with("- ") || l.starts_with("-\t") || l == "-")
}

/// The page's properties, when its first line is one; the body starts after the run.
pub(super) fn split(source: &str) -> Option<Split> {
    let mut offset = 0;
    let mut keys = Vec::new();
    for line in source.split_inclusive('\n') {
        let Some((key, _)) = property(line) else { break };
        keys.push(key);
        offset += line.len();
    }
    if keys.is_empty() || !is_page_header(&keys, &source[offset..]) {
        return None;
    }
    let mut front = FrontMatter::default();
    for line in source[..offset].split_inclusive('\n') {
        let Some((key, value)) = property(line) else { break };
        match key.to_ascii_lowercase().as_str() {
            "title" if !value.is_empty() => front.title = Some(value.to_string()),
            "tags" => front.tags.extend(list(value)),
            "alias" | "aliases" => front.aliases.extend(list(value)),
            "public" if value.eq_ignore_ascii_case("false") => front.draft = true,
            _ => {
                front
                    .extra
                    .insert(key.to_string(), toml::Value::String(value.to_string()));
            }
        }
    }
    Some(Split {
        front,
        body_start: offset,
        body_line: keys.len() + 1,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_lines() {
        assert_eq!(property("title:: My page\n"), Some(("title", "My page")));
        assert_eq!(property("collapsed::\n"), Some(("collapsed", "")));
        assert_eq!(property("my-key_2:: v"), Some(("my-key_2", "v")));
        for not in [
            "Note::x",
            "1st:: x",
            "a b:: x",
            " title:: x",
            "std::vec",
            "- title:: x",
            "C++:: x",
        ] {
            assert_eq!(property(not), None, "{not}");
        }
    }

    #[test]
    fn page_properties_are_front_matter() {
        let src = "title:: Linear models\ntags:: [[stats]], #ml, week 2\nalias:: OLS, [[Least squares]]\ntype:: lecture\n\n- first block\n";
        let s = split(src).unwrap();
        assert_eq!(s.front.title.as_deref(), Some("Linear models"));
        assert_eq!(s.front.tags, ["stats", "ml", "week 2"]);
        assert_eq!(s.front.aliases, ["OLS", "Least squares"]);
        assert_eq!(s.front.extra.get("type").and_then(|v| v.as_str()), Some("lecture"));
        assert_eq!(&src[s.body_start..], "\n- first block\n");
        assert_eq!(s.body_line, 5);
        assert!(split("# Title\ntitle:: x\n").is_none());
    }

    #[test]
    fn public_false_is_a_draft() {
        assert!(split("public:: false\n- a\n").unwrap().front.draft);
        assert!(!split("public:: true\n- a\n").unwrap().front.draft);
    }

    #[test]
    fn dataview_fields_on_a_prose_note_stay_in_the_body() {
        // An Obsidian note: fields, then a heading or prose. Logseq would write `- ` blocks.
        assert!(split("status:: done\nrating:: 4\n\n# Review\ntext\n").is_none());
        assert!(split("status:: done\nSome prose.\n").is_none());
        // Logseq: an outline after the header, or no body, or a key only Logseq writes.
        assert!(split("type:: book\n\n- first block\n").is_some());
        assert!(split("type:: book\n").is_some());
        assert!(split("title:: Linear models\n\nProse under a Logseq title.\n").is_some());
    }
}
