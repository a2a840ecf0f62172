//! `[languages]` in `studysite.toml`: several languages in one site. Each
//! `[languages.<code>]` table names a language whose pages are in `content/<code>/`;
//! the top-level `language` is the default one, built at the output root (the others
//! under `<code>/`). A folder named like a language code is never a language without
//! the table (a folder `it/` about IT stays a section).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Config, find_key};
use crate::diagnostics::Diagnostic;

/// One language of a site of several: what differs from the top-level configuration.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct LanguageConfig {
    /// The site title in this language. Default: the top-level `title`.
    pub title: Option<String>,
    /// The description in this language. Default: the top-level `description`.
    pub description: Option<String>,
    /// The language's name in the switcher. Default: its own name (`Deutsch`), else the code.
    pub name: Option<String>,
    /// Interface strings over this language's own (as the top-level `[translations]`,
    /// which applies to the default language only). Default: none.
    pub translations: toml::Table,
}

/// Keys of a `[languages.<code>]` table.
pub const LANGUAGE_KEYS: &[&str] = &["title", "description", "name", "translations"];

/// `en`, `de`, `pt-BR`, `zh-Hans-CN`: a primary tag of 2–3 letters, then subtags of
/// 1–8 letters or digits. Nothing else (no `/`, `.`, space) becomes a folder name.
pub fn valid_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Config {
    /// The site's languages, the default first, then the others by code; empty for a
    /// site of one language.
    pub fn language_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.languages.keys().map(String::as_str).collect();
        codes.sort_by_key(|c| *c != self.language);
        codes
    }

    /// The configuration of one language of a site of several: its title, description
    /// and strings; progress kept apart (`site_id/<code>`) and URLs under `<code>/`
    /// for every language but the default, whose are the site's own.
    pub fn for_language(&self, code: &str) -> Config {
        let mut c = self.clone();
        let own = self.languages.get(code).cloned().unwrap_or_default();
        c.language = code.to_string();
        if let Some(t) = own.title {
            c.title = t;
        }
        if let Some(d) = own.description {
            c.description = d;
        }
        if code != self.language {
            c.translations = own.translations;
            c.site_id = format!("{}/{code}", self.site_id);
            if !c.base_url.is_empty() {
                c.base_url = format!("{}{code}/", self.base_url);
            }
        }
        c
    }
}

/// The line and column of the `[languages]` table (or its first `[languages.x]`).
fn table_line(source: &str) -> (usize, usize) {
    source
        .lines()
        .enumerate()
        .find(|(_, l)| {
            let t = l.trim_start();
            t.starts_with("[languages]") || t.starts_with("[languages.") || t.starts_with("languages")
        })
        .map_or((0, 0), |(i, l)| (i + 1, l.len() - l.trim_start().len() + 1))
}

/// The line and column of a language's table: `[languages.de]`, `[languages."de"]`, or
/// `de = {…}` inside `[languages]`; else of the `[languages]` table.
pub fn code_line(source: &str, code: &str) -> (usize, usize) {
    let header = format!("[languages.{code}]");
    let found = source.lines().enumerate().find(|(_, l)| {
        let t: String = l.trim().chars().filter(|c| !matches!(c, '"' | '\'' | ' ')).collect();
        t == header
    });
    if let Some((i, l)) = found {
        return (i + 1, l.len() - l.trim_start().len() + 2);
    }
    match find_key(source, "languages", code) {
        (0, _) => table_line(source),
        found => found,
    }
}

/// Errors for a `[languages]` table that cannot be built (a code that is no language
/// code, two codes that differ only in case, a default language that is not in it), and
/// warnings for languages without built-in interface strings.
pub fn check_config(path: &Path, source: &str, config: &mut Config) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    if config.languages.is_empty() {
        return Ok(Vec::new());
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let at = |code: &str| code_line(source, code);
    let mut seen: Vec<String> = Vec::new();
    for code in config.languages.keys() {
        let (line, col) = at(code);
        if !valid_code(code) {
            errors.push(
                Diagnostic::error(path, format!("`{code}` in [languages] is not a language code"))
                    .at(source, line, col)
                    .with_help("name each language by its code, e.g. [languages.de] or [languages.pt-BR]; its pages go in content/<code>/"),
            );
            continue;
        }
        let lower = code.to_ascii_lowercase();
        if seen.contains(&lower) {
            errors.push(
                Diagnostic::error(
                    path,
                    format!("language `{code}` is listed twice in [languages] (letter case aside)"),
                )
                .at(source, line, col)
                .with_help("keep one table per language"),
            );
        }
        seen.push(lower);
        if code != &config.language && crate::locale::builtin(code).is_none() {
            let codes: Vec<&str> = crate::locale::codes().collect();
            warnings.push(
                Diagnostic::warning(
                    path,
                    format!("language `{code}` has no built-in interface strings, so they are in English"),
                )
                .at(source, line, col)
                .with_help(format!(
                    "translate them in [languages.{code}.translations], or use a built-in language: {}",
                    codes.join(", ")
                )),
            );
        }
    }
    // The default language may be written in another case than its table.
    if let Some(code) = config
        .languages
        .keys()
        .find(|c| c.eq_ignore_ascii_case(&config.language))
    {
        config.language = code.clone();
    } else {
        let (line, col) = match find_key(source, "", "language") {
            (0, _) => table_line(source),
            found => found,
        };
        let first = config.languages.keys().next().cloned().unwrap_or_default();
        errors.push(
            Diagnostic::error(
                path,
                format!("the default language `{}` is not in [languages]", config.language),
            )
            .at(source, line, col)
            .with_help(format!(
                "set `language = \"{first}\"` at the top of studysite.toml (the default language, built at the site's root), or add [languages.{}]",
                config.language
            )),
        );
    }
    if errors.is_empty() { Ok(warnings) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
        Config::parse(Path::new("/s/studysite.toml"), src)
    }

    #[test]
    fn codes() {
        for ok in ["en", "de", "pt-BR", "zh-Hans-CN", "fil"] {
            assert!(valid_code(ok), "{ok}");
        }
        for bad in ["", "e", "english", "de/", "../x", "de-", "d e", "de_AT"] {
            assert!(!valid_code(bad), "{bad}");
        }
    }

    #[test]
    fn a_table_per_language_with_the_default_first() {
        let src = "title = \"Notes\"\nlanguage = \"de\"\n[languages.en]\n[languages.de]\ntitle = \"Notizen\"\n";
        let (c, w) = parse(src).unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.language_codes(), ["de", "en"]);
        let de = c.for_language("de");
        assert_eq!(
            (de.title.as_str(), de.site_id.as_str(), de.language.as_str()),
            ("Notizen", "notes", "de")
        );
        let en = c.for_language("en");
        assert_eq!((en.title.as_str(), en.site_id.as_str()), ("Notes", "notes/en"));
    }

    #[test]
    fn bad_tables_are_errors_at_their_line() {
        let e = parse("[languages.en]\n[languages.\"d/e\"]\n").unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].line, e[0].col), (2, 2), "{}", e[0]);
        assert!(e[0].message.contains("not a language code"), "{}", e[0]);

        let e = parse("title = \"x\"\nlanguage = \"fr\"\n[languages]\nen = {}\nde = {}\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (2, 1), "{}", e[0]);
        assert!(e[0].message.contains("`fr` is not in [languages]"), "{}", e[0]);

        let e = parse("[languages]\nen = \"English\"\n").unwrap_err();
        assert_eq!(e[0].line, 2, "{}", e[0]);

        let (_, w) = parse("[languages.en]\n[languages.de]\ntitel = \"x\"\n").unwrap();
        assert_eq!((w[0].line, w[0].help.as_deref()), (3, Some("did you mean `title`?")));
    }
}
