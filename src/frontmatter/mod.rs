//! Front matter: `+++` TOML or `---` YAML, split from the body and parsed, with lines
//! counted from the top of the file (YAML's keys are mapped in [`yaml`]); Logseq's
//! `key:: value` page properties ([`logseq`]) too.

pub(crate) mod logseq;
mod yaml;

pub use yaml::value as yaml_value;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{toml_error, unknown_key_warnings};
use crate::diagnostics::Diagnostic;

/// What a page may say about itself. Every key is optional.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    /// Page title; default: the first `#` heading, else the file name.
    pub title: Option<String>,
    /// The page's shorter name in the sidebar (Hugo's `linkTitle`, Docusaurus'
    /// `sidebar_label`); default: its title.
    #[serde(alias = "linkTitle", alias = "sidebar_label")]
    pub nav_title: Option<String>,
    /// Sort order among siblings (lower first); pages without a weight come last, by path.
    pub weight: Option<i64>,
    /// One sentence for the home page, `<meta name="description">` and search.
    pub description: Option<String>,
    /// Topics listed under the page on the home page.
    pub topics: Vec<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// Tags for the page's questions (added to each question's own tags).
    pub tags: Vec<String>,
    /// Other names of the page (Obsidian, Hugo, Jekyll): also link targets.
    pub aliases: Vec<String>,
    /// When the page was written and last changed, as written (for templates).
    #[serde(deserialize_with = "any_scalar")]
    pub date: Option<String>,
    #[serde(deserialize_with = "any_scalar")]
    pub updated: Option<String>,
    /// The page is flashcards (`cards: true`): `==text==` is a cloze, `Q::A` a card.
    pub cards: bool,
    /// `questions: false`: the page is notes, nothing on it a question; `true`: its task
    /// lists are questions even where they would read as to-do lists.
    pub questions: Option<bool>,
    /// Free-form values for custom templates; YAML keys of other tools land here too.
    pub extra: toml::Table,
}

/// The keys a misspelling is compared with (ours, not the other tools' synonyms).
pub(super) const OURS: &[&str] = &[
    "title",
    "nav_title",
    "weight",
    "description",
    "topics",
    "draft",
    "tags",
    "aliases",
    "date",
    "updated",
    "cards",
    "questions",
    "extra",
];

const KNOWN: &[(&str, &[&str])] = &[("", OURS)];

/// A date is a TOML datetime or a string; kept as written.
fn any_scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match toml::Value::deserialize(d)? {
        toml::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

/// A file split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    pub front: FrontMatter,
    /// Byte offset of the body in the source text.
    pub body_start: usize,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Splits and parses front matter. `source` is the whole file (BOM already removed).
pub fn split(path: &Path, source: &str) -> Result<Split, Vec<Diagnostic>> {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let fence = first.trim_end_matches(['\n', '\r']).trim_end();
    if fence == "---" && looks_like_yaml(lines.clone().next().unwrap_or("")) {
        return split_yaml(path, source, first.len());
    }
    if fence != "+++" {
        if let Some(s) = logseq::split(source) {
            return Ok(s);
        }
        return Ok(Split {
            front: FrontMatter::default(),
            body_start: 0,
            body_line: 1,
            warnings: Vec::new(),
        });
    }
    let toml_start = first.len();
    let mut offset = toml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end_matches(['\n', '\r']).trim_end() == "+++" {
            let toml_text = &source[toml_start..offset];
            let body_start = offset + line.len();
            let (front, warnings) = parse_toml(path, toml_text)?;
            return Ok(Split {
                front,
                body_start,
                body_line: line_no + 1,
                warnings,
            });
        }
        offset += line.len();
    }
    Err(vec![not_closed(path, source, "+++")])
}

fn not_closed(path: &Path, source: &str, fence: &str) -> Diagnostic {
    Diagnostic::error(path, "front matter opened at line 1 is not closed")
        .at(source, 1, 1)
        .with_help(format!("end the front matter with a line holding only `{fence}`"))
}

fn parse_toml(path: &Path, toml_text: &str) -> Result<(FrontMatter, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut unknown = Vec::new();
    let parsed = toml::Deserializer::parse(toml_text)
        .and_then(|de| serde_ignored::deserialize(de, |p| unknown.push(p.to_string())));
    let mut front: FrontMatter = parsed.map_err(|e| {
        let mut d = toml_error(path, toml_text, 1, &e);
        d.help = Some("front matter is TOML: strings in quotes, lists in [ ]".into());
        vec![d]
    })?;
    // Keys of other tools (Hugo, Zola) are kept for templates; only a near-miss of one
    // of ours is worth a warning.
    if !unknown.is_empty()
        && let Ok(table) = toml_text.parse::<toml::Table>()
    {
        for key in unknown.iter().filter(|k| !k.contains('.')) {
            if let Some(v) = table.get(key) {
                front.extra.insert(key.clone(), v.clone());
            }
        }
    }
    unknown.retain(|k| {
        let leaf = k.rsplit('.').next().unwrap_or(k);
        k.starts_with("extra.") || crate::util::did_you_mean(leaf, OURS).is_some()
    });
    unknown.retain(|k| !k.starts_with("extra."));
    let mut warnings = unknown_key_warnings(path, toml_text, &unknown, KNOWN);
    for w in &mut warnings {
        if w.line > 0 {
            w.line += 1;
        }
    }
    Ok((front, warnings))
}

/// `---` YAML `---` (or `...`): `yaml_start` is the byte after the opening fence.
fn split_yaml(path: &Path, source: &str, yaml_start: usize) -> Result<Split, Vec<Diagnostic>> {
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in source[yaml_start..].split_inclusive('\n') {
        line_no += 1;
        let t = line.trim_end_matches(['\n', '\r']).trim_end();
        if t == "---" || t == "..." {
            let yaml = &source[yaml_start..offset];
            let (front, warnings) = yaml::parse_yaml(path, source, yaml, 2)?;
            return Ok(Split {
                front,
                body_start: offset + line.len(),
                body_line: line_no + 1,
                warnings,
            });
        }
        offset += line.len();
    }
    Err(vec![not_closed(path, source, "---")])
}

/// The line after an opening `---` starts YAML (a `key:` line, or the closing fence of
/// an empty front matter), not a page that opens with a thematic break.
fn looks_like_yaml(line: &str) -> bool {
    let t = line.trim();
    if t == "---" {
        return true;
    }
    let Some((key, _)) = t.split_once(':') else {
        return false;
    };
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || "_-. \"'".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Result<Split, Vec<Diagnostic>> {
        split(Path::new("/s/content/a.md"), src)
    }

    #[test]
    fn no_front_matter_means_body_from_line_one() {
        let s = run("# Hi\n").unwrap();
        assert_eq!((s.body_start, s.body_line), (0, 1));
        assert_eq!(s.front, FrontMatter::default());
    }

    #[test]
    fn parses_every_key_and_counts_lines() {
        let src = "+++\ntitle = \"EC2\"\nweight = 3\ndescription = \"d\"\ntopics = [\"A\", \"B\"]\ndraft = true\ntags = [\"x\"]\n+++\nbody\n";
        let s = run(src).unwrap();
        assert_eq!(s.front.title.as_deref(), Some("EC2"));
        assert_eq!(s.front.weight, Some(3));
        assert_eq!(s.front.topics, vec!["A", "B"]);
        assert!(s.front.draft);
        assert_eq!(s.body_line, 9);
        assert_eq!(&src[s.body_start..], "body\n");
    }

    #[test]
    fn crlf_front_matter_is_accepted() {
        let s = run("+++\r\ntitle = \"x\"\r\n+++\r\nbody").unwrap();
        assert_eq!(s.front.title.as_deref(), Some("x"));
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn toml_error_line_is_absolute() {
        let e = run("+++\ntitle = \"x\"\nweight = \"heavy\"\n+++\n").unwrap_err();
        assert_eq!(e[0].line, 3, "{}", e[0]);
        assert!(e[0].message.contains("invalid type"), "{}", e[0]);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = run("+++\ntitle = \"x\"\n# body\n").unwrap_err();
        assert!(e[0].message.contains("not closed"));
        assert_eq!(e[0].line, 1);
    }

    #[test]
    fn yaml_front_matter_is_read() {
        let s = run("---  \ntitle: x\nweight: 2\n---\t\nbody\n").unwrap();
        assert_eq!(s.front.title.as_deref(), Some("x"));
        assert_eq!((s.front.weight, s.body_line), (Some(2), 5));
        // A thematic break at the top is not front matter.
        let s = run("---\n\ntext\n").unwrap();
        assert_eq!(s.body_start, 0);
        let e = run("---\ntitle: x\n# body\n").unwrap_err();
        assert!(e[0].help.as_deref().unwrap().contains("`---`"), "{}", e[0]);
    }

    #[test]
    fn other_toml_keys_go_to_extra_without_a_warning() {
        let s = run("+++\ntitle = \"x\"\ntemplate = \"page.html\"\ndate = 2024-01-02\n+++\n").unwrap();
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert_eq!(
            s.front.extra.get("template").and_then(|v| v.as_str()),
            Some("page.html")
        );
        assert_eq!(s.front.date.as_deref(), Some("2024-01-02"));
        let s = run("+++\ntitle = \"Getting started with Hugo\"\nlinkTitle = \"Start\"\n+++\n").unwrap();
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert_eq!(s.front.nav_title.as_deref(), Some("Start"));
    }

    #[test]
    fn unknown_key_warns_at_absolute_line() {
        let s = run("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n").unwrap();
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.warnings[0].line, 3);
        assert_eq!(s.warnings[0].help.as_deref(), Some("did you mean `title`?"));
    }
}
