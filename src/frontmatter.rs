//! `+++` TOML front matter: splitting it from the body and parsing it, with lines
//! counted from the top of the file.

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
    /// Free-form values for custom templates.
    pub extra: toml::Table,
}

const KNOWN: &[(&str, &[&str])] = &[(
    "",
    &["title", "weight", "description", "topics", "draft", "tags", "extra"],
)];

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
    if fence == "---" {
        let next = lines.next().unwrap_or("");
        if looks_like_yaml(next) {
            return Err(vec![
                Diagnostic::error(path, "YAML front matter (`---`) is not supported")
                    .at(source, 1, 1)
                    .with_help("use TOML between `+++` lines: `+++` / `title = \"My page\"` / `+++`"),
            ]);
        }
    }
    if fence != "+++" {
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
            let mut unknown = Vec::new();
            let parsed = toml::Deserializer::parse(toml_text)
                .and_then(|de| serde_ignored::deserialize(de, |p| unknown.push(p.to_string())));
            let front: FrontMatter = parsed.map_err(|e| {
                let mut d = toml_error(path, toml_text, 1, &e);
                d.help = Some("front matter is TOML: strings in quotes, lists in [ ]".into());
                vec![d]
            })?;
            let mut warnings = unknown_key_warnings(path, toml_text, &unknown, KNOWN);
            for w in &mut warnings {
                if w.line > 0 {
                    w.line += 1;
                }
            }
            return Ok(Split {
                front,
                body_start,
                body_line: line_no + 1,
                warnings,
            });
        }
        offset += line.len();
    }
    Err(vec![
        Diagnostic::error(path, "front matter opened at line 1 is not closed")
            .at(source, 1, 1)
            .with_help("end the front matter with a line holding only `+++`"),
    ])
}

fn looks_like_yaml(line: &str) -> bool {
    let t = line.trim();
    let Some((key, _)) = t.split_once(':') else {
        return false;
    };
    !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
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
    fn yaml_gets_a_hint() {
        let e = run("---\ntitle: x\n---\n").unwrap_err();
        assert!(e[0].help.as_deref().unwrap().contains("+++"));
        // A thematic break at the top is not front matter.
        assert!(run("---\n\ntext\n").is_ok());
    }

    #[test]
    fn unknown_key_warns_at_absolute_line() {
        let s = run("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n").unwrap();
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.warnings[0].line, 3);
        assert_eq!(s.warnings[0].help.as_deref(), Some("did you mean `title`?"));
    }
}
