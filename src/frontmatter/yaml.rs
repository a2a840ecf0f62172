//! YAML front matter (`---`), as Obsidian, Jekyll, MkDocs, Hugo and Docusaurus write
//! it: the keys that mean something here are mapped onto [`FrontMatter`] (with the
//! other tools' names for them), every other key is kept in `extra` for templates, and
//! a key that looks like a misspelling of one of ours gets a "did you mean".

use std::path::Path;

use serde_json::Value;

use super::FrontMatter;
use crate::diagnostics::Diagnostic;

/// Our keys and the names other tools use for the same thing.
const TITLE: &[&str] = &["title"];
const NAV_TITLE: &[&str] = &["nav_title", "linktitle", "sidebar_label"];
const WEIGHT: &[&str] = &["weight", "nav_order", "sidebar_position", "order", "position"];
const DESCRIPTION: &[&str] = &["description", "summary"];
const TAGS: &[&str] = &["tags", "tag", "keywords"];
const TOPICS: &[&str] = &["topics"];
const ALIASES: &[&str] = &["aliases", "alias", "redirect_from"];
const DATE: &[&str] = &["date", "created"];
const UPDATED: &[&str] = &["updated", "lastmod", "last_modified_at", "modified"];

/// Parses the YAML between the fences. `first_line` is the file line the YAML starts on.
pub(super) fn parse_yaml(
    path: &Path,
    source: &str,
    yaml: &str,
    first_line: usize,
) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let value: Value = if yaml.trim().is_empty() {
        Value::Null
    } else {
        value(yaml).map_err(|e| vec![yaml_error(path, source, yaml, first_line, &e)])?
    };
    let map = match value {
        Value::Null => return Ok((FrontMatter::default(), Vec::new())),
        Value::Object(m) => m,
        other => {
            return Err(vec![
                Diagnostic::error(
                    path,
                    format!("front matter is a {}, not a list of `key: value` lines", kind(&other)),
                )
                .at(source, first_line, 1)
                .with_help("write one `key: value` per line between the `---` lines"),
            ]);
        }
    };
    map_keys(path, source, yaml, first_line, map)
}

/// YAML as a value, the way notes mean it: YAML 1.2 booleans (`true`/`false` only: a
/// `title: Y` or `answer: no` stays text), no snippet in the error (ours has one).
pub fn value(yaml: &str) -> Result<Value, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    serde_saphyr::from_str_with_options(yaml, options)
}

/// Sets the field a known key (any tool's name for it) maps to: `Ok(false)` for a key of
/// no field, `Err(what was expected)` for a value of the wrong kind.
fn set_known(front: &mut FrontMatter, k: &str, value: &Value) -> Result<bool, &'static str> {
    if TITLE.contains(&k) {
        match scalar(value) {
            Some(s) => front.title = Some(s),
            None => return Err("text"),
        }
    } else if NAV_TITLE.contains(&k) {
        match scalar(value) {
            Some(s) if !s.trim().is_empty() => front.nav_title = Some(s),
            Some(_) => {}
            None => return Err("text"),
        }
    } else if WEIGHT.contains(&k) {
        match value.as_f64() {
            Some(w) => front.weight = Some(w.round() as i64),
            None => return Err("a number"),
        }
    } else if DESCRIPTION.contains(&k) {
        match scalar(value) {
            Some(s) => front.description = Some(s),
            None => return Err("text"),
        }
    } else if TAGS.contains(&k) {
        match list(value) {
            Some(l) => front.tags.extend(l),
            None => return Err("a list of words"),
        }
    } else if TOPICS.contains(&k) {
        match list(value) {
            Some(l) => front.topics = l,
            None => return Err("a list"),
        }
    } else if ALIASES.contains(&k) {
        match list(value) {
            Some(l) => front.aliases.extend(l),
            None => return Err("a list"),
        }
    } else if k == "draft" || k == "publish" || k == "published" {
        match value.as_bool() {
            Some(b) => front.draft |= if k == "draft" { b } else { !b },
            None => return Err("true or false"),
        }
    } else if k == "cards" {
        match value.as_bool() {
            Some(b) => front.cards = b,
            None => return Err("true or false"),
        }
    } else if k == "questions" && value.is_boolean() {
        // (another tool's `questions:` list stays in `page.extra`)
        front.questions = value.as_bool();
    } else if DATE.contains(&k) {
        front.date = scalar(value);
    } else if UPDATED.contains(&k) {
        front.updated = scalar(value);
    } else if k == "extra" {
        if let Some(toml::Value::Table(t)) = to_toml(value) {
            front.extra.extend(t);
        }
    } else {
        return Ok(false);
    }
    Ok(true)
}

fn map_keys(
    path: &Path,
    source: &str,
    yaml: &str,
    first_line: usize,
    map: serde_json::Map<String, Value>,
) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut front = FrontMatter::default();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let at = |key: &str| first_line + key_line(yaml, key);
    for (key, value) in map {
        if value.is_null() {
            continue;
        }
        let k = key.to_ascii_lowercase();
        let k = k.as_str();
        let wrong = |what: &str| {
            Diagnostic::error(
                path,
                format!("wrong value for `{key}`: expected {what}, found {}", kind(&value)),
            )
            .at(source, at(&key), 1)
        };
        match set_known(&mut front, k, &value) {
            Ok(true) => {}
            Err(expected) => errors.push(wrong(expected)),
            Ok(false) => {
                if let Some(s) = crate::util::did_you_mean(k, super::OURS) {
                    warnings.push(
                        Diagnostic::warning(path, format!("unknown key `{key}`"))
                            .at(source, at(&key), 1)
                            .with_help(format!("did you mean `{s}`?")),
                    );
                }
                if let Some(v) = to_toml(&value) {
                    front.extra.insert(key, v);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((front, warnings))
    } else {
        Err(errors)
    }
}

fn yaml_error(path: &Path, source: &str, yaml: &str, first_line: usize, e: &serde_saphyr::Error) -> Diagnostic {
    let text = e.to_string();
    let (line, col) = match e.location() {
        Some(loc) => (loc.line() as usize, loc.column() as usize),
        None => (0, 0),
    };
    let message = text.lines().next().unwrap_or("invalid YAML").to_string();
    let (line, col) = if line == 0 { (1, 1) } else { (line, col.max(1)) };
    let _ = yaml;
    Diagnostic::error(path, format!("front matter is not valid YAML: {message}"))
        .at(source, first_line + line - 1, col)
        .with_help("YAML front matter is `key: value` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`")
}

/// 0-based line of a top-level `key:` in the YAML text (0 when not found).
fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|l| {
            let l = l.trim_start_matches(['"', '\'']);
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'']).trim_start().starts_with(':'))
        })
        .unwrap_or(0)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table of keys",
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of words, also written as one word or as `a, b` (Obsidian and Jekyll accept
/// both).
fn list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => Some(items.iter().filter_map(scalar).filter(|s| !s.is_empty()).collect()),
        Value::String(s) => Some(
            s.split([',', ' '])
                .map(|t| t.trim().trim_start_matches('#').to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        ),
        Value::Number(_) | Value::Bool(_) => scalar(v).map(|s| vec![s]),
        _ => None,
    }
}

/// The TOML form of a YAML value, for `page.extra` (TOML has no null: nulls are left out).
fn to_toml(v: &Value) -> Option<toml::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(a) => toml::Value::Array(a.iter().filter_map(to_toml).collect()),
        Value::Object(o) => toml::Value::Table(o.iter().filter_map(|(k, v)| Some((k.clone(), to_toml(v)?))).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
        let source = format!("---\n{yaml}---\nbody\n");
        parse_yaml(Path::new("/s/content/a.md"), &source, yaml, 2)
    }

    #[test]
    fn other_tools_keys_are_understood() {
        let (f, w) = run("title: Week 2\nnav_order: 3\ntags: [ml, stats]\npublish: false\naliases: old-name\nlayout: exam\ncssclass: wide\n").unwrap();
        assert_eq!(f.title.as_deref(), Some("Week 2"));
        assert_eq!(f.weight, Some(3));
        assert_eq!(f.tags, vec!["ml", "stats"]);
        assert!(f.draft);
        assert_eq!(f.aliases, vec!["old-name"]);
        assert_eq!(f.extra.get("layout").and_then(|v| v.as_str()), Some("exam"));
        assert!(w.is_empty(), "other tools' keys are kept silently: {w:?}");
    }

    #[test]
    fn yaml_1_1_booleans_stay_text() {
        let (f, _) = run("title: Y\ndescription: no\n").unwrap();
        assert_eq!((f.title.as_deref(), f.description.as_deref()), (Some("Y"), Some("no")));
    }

    #[test]
    fn sidebar_position_and_single_tag_string() {
        let (f, _) = run("sidebar_position: 2\ntags: algebra\ndate: 2024-01-05\n").unwrap();
        assert_eq!(f.weight, Some(2));
        assert_eq!(f.tags, vec!["algebra"]);
        assert_eq!(f.date.as_deref(), Some("2024-01-05"));
        let (f, w) = run("title: Markdown Features\nsidebar_label: Markdown\n").unwrap();
        assert_eq!(f.nav_title.as_deref(), Some("Markdown"));
        assert!(w.is_empty(), "{w:?}");
        let (f, _) = run("linkTitle: Short\n").unwrap();
        assert_eq!(f.nav_title.as_deref(), Some("Short"));
    }

    #[test]
    fn a_near_miss_of_our_keys_warns_at_its_line() {
        let (_, w) = run("title: x\ntitel: y\n").unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 3);
        assert_eq!(w[0].help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn a_wrong_type_is_an_error_at_the_key_line() {
        let e = run("title: x\nweight: heavy\n").unwrap_err();
        assert_eq!(e[0].line, 3, "{}", e[0]);
        assert!(e[0].message.contains("`weight`"), "{}", e[0]);
    }

    #[test]
    fn a_syntax_error_is_at_its_absolute_line() {
        let e = run("title: x\ntags: [a, b\nweight: 2\n").unwrap_err();
        assert!(e[0].line >= 3, "{}", e[0]);
        assert!(e[0].message.contains("not valid YAML"), "{}", e[0]);
    }
}
