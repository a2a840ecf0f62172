//! `studysite.toml`: the site configuration, its defaults, and validation. Unknown keys
//! are warnings with a "did you mean" suggestion; wrong types are errors at the line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
pub use crate::routes::UrlStyle;
use crate::util::{LineIndex, did_you_mean, slugify};

pub mod languages;

/// The whole configuration. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    /// Site title, shown in the header and in `<title>`. Default: "Study notes".
    pub title: String,
    /// One-line description for the home page and `<meta name="description">`. Default: "".
    pub description: String,
    /// Absolute URL the site is served from, e.g. `https://me.github.io/notes/`. Needed
    /// for sitemap.xml, robots.txt and canonical links; links inside the site stay
    /// relative either way. Default: "" (none).
    pub base_url: String,
    /// `"file"`: pages are `ec2.html` and links point at files, which works from
    /// `file://`, GitHub Pages, S3 and CloudFront alike. `"pretty"`: `ec2/index.html`,
    /// linked as `ec2/`, for hosts that serve folders. Default: "file".
    pub url_style: UrlStyle,
    /// The site's language: `lang` of every page, the interface strings
    /// (`locales/<code>.toml`), plural forms, numbers and dates, and `dir="rtl"` for a
    /// language written right to left. Default: "en".
    pub language: String,
    /// Interface strings over the language's own: `key = "text"` for every table that
    /// has the key, `[translations.ui]` / `.js` / `.quiz` for one. Default: none.
    pub translations: toml::Table,
    /// Several languages in one site: `[languages.<code>]` for each, its pages in
    /// `content/<code>/`; `language` names the default one, built at the output root
    /// (the others under `<code>/`). Default: none (one language, all of `content/`).
    pub languages: BTreeMap<String, languages::LanguageConfig>,
    /// Namespace for progress kept in the browser (localStorage), so two sites on one
    /// origin don't share progress. Default: derived from the title.
    pub site_id: String,
    /// Trust raw HTML in notes instead of sanitising it. Default: false.
    pub unsafe_html: bool,
    /// Minify the HTML output. Default: true (`--no-minify` overrides).
    pub minify: bool,
    /// `"heading"`: a page's title is its opening heading, else its file name.
    /// `"filename"`: the file name (vaults whose note names are their titles, as in
    /// Obsidian). Default: "filename" for an Obsidian vault (a `.obsidian/` folder in
    /// content/ or beside it; decided in `Site::load`), else "heading".
    pub title_from: Option<TitleFrom>,
    /// Follow symbolic links that lead out of the site folder: a `content/`,
    /// `static/` or `templates/` linked to a folder kept elsewhere (an Obsidian vault),
    /// and links to files outside the site. Default: false (such links are errors for
    /// the top-level folders and skipped with a warning inside them).
    pub follow_outside_links: bool,
    /// Make a hosted site installable and readable with no network: a web app manifest,
    /// icons and a service worker (over https or on localhost only; README: Offline).
    /// Default: false (nothing of it in the output).
    pub offline: bool,
    pub markdown: MarkdownConfig,
    pub questions: QuestionsConfig,
    pub quiz: QuizConfig,
    pub print: PrintConfig,
    /// Free-form values for custom templates, available as `config.extra`.
    pub extra: toml::Table,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Study notes".into(),
            description: String::new(),
            base_url: String::new(),
            url_style: UrlStyle::File,
            language: "en".into(),
            translations: toml::Table::new(),
            languages: BTreeMap::new(),
            site_id: String::new(),
            unsafe_html: false,
            minify: true,
            title_from: None,
            follow_outside_links: false,
            offline: false,
            markdown: MarkdownConfig::default(),
            questions: QuestionsConfig::default(),
            quiz: QuizConfig::default(),
            print: PrintConfig::default(),
            extra: toml::Table::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct MarkdownConfig {
    /// Highlight fenced code at build time. Default: true.
    pub highlight: bool,
    /// syntect theme for light mode (and print). Default: "InspiredGitHub".
    pub highlight_theme: String,
    /// syntect theme for dark mode. Default: "base16-ocean.dark".
    pub highlight_theme_dark: String,
    /// Turn quotes and dashes into typographic ones. Default: false.
    pub smart_punctuation: bool,
    /// `~x~` is subscript (and `~~x~~` strikethrough), as MkDocs' pymdownx.tilde reads
    /// it. Default: on when the site's `mkdocs.yml` turns pymdownx.tilde on (decided in
    /// `Site::load`), else off: `~x~` is strikethrough, as on GitHub.
    pub subscript: Option<bool>,
    /// Liquid runs over the site's code blocks too, so `{% raw %}` markers there are the
    /// author's escapes, not code (GitHub Pages runs Jekyll on any repository). Not a
    /// setting: true unless the folder is an mdBook or a MkDocs site without the macros
    /// plugin (decided in `Site::load`).
    #[serde(skip)]
    pub liquid_in_code: bool,
}

pub const DEFAULT_HIGHLIGHT_THEME: &str = "InspiredGitHub";
pub const DEFAULT_HIGHLIGHT_THEME_DARK: &str = "base16-ocean.dark";

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight: true,
            highlight_theme: DEFAULT_HIGHLIGHT_THEME.into(),
            highlight_theme_dark: DEFAULT_HIGHLIGHT_THEME_DARK.into(),
            smart_punctuation: false,
            subscript: None,
            liquid_in_code: false,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct QuestionsConfig {
    /// Accept the conventions of imported `- [x]` question banks; malformed questions
    /// become warnings and are left out. Default: false.
    pub lenient: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct QuizConfig {
    /// Questions in a mock exam. Default: 65.
    pub exam_questions: u32,
    /// Minutes for a mock exam. Default: 130.
    pub exam_minutes: u32,
    /// Pass mark in percent. Default: 72.
    pub pass_mark: u32,
    /// Exam domains, `[quiz.domains.<id>]`: a mock exam is drawn in their weights'
    /// proportions and its result is given by domain. Default: none.
    pub domains: BTreeMap<String, Domain>,
}

impl Default for QuizConfig {
    fn default() -> Self {
        QuizConfig {
            exam_questions: 65,
            exam_minutes: 130,
            pass_mark: 72,
            domains: BTreeMap::new(),
        }
    }
}

/// One exam domain: `[quiz.domains.security]` with `title`, `weight` and the `pages`
/// whose questions belong to it (a question may say `domain: <id>` in its metadata).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Domain {
    /// Shown in results and on the quiz's start screen. Default: the id.
    pub title: String,
    /// Share of the exam (any unit: percent, or parts). Default: 1.
    pub weight: f64,
    /// Pages by their path in `content/` without `.md` (`lambda`, `aws/iam`).
    pub pages: Vec<String>,
}

impl Default for Domain {
    fn default() -> Self {
        Domain {
            title: String::new(),
            weight: 1.0,
            pages: Vec::new(),
        }
    }
}

/// Keys of a `[quiz.domains.<id>]` table.
pub const DOMAIN_KEYS: &[&str] = &["title", "weight", "pages"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct PrintConfig {
    /// Answers on paper: "show" (inline), "hide", or "key" (an answer key at the end).
    /// Default: "show".
    pub answers: PrintAnswers,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            answers: PrintAnswers::Show,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum TitleFrom {
    #[default]
    Heading,
    #[serde(alias = "file", alias = "file_name")]
    Filename,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PrintAnswers {
    Show,
    Hide,
    Key,
}

/// Every key the config knows, per table, for "did you mean" suggestions.
const KNOWN_KEYS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "title",
            "description",
            "base_url",
            "url_style",
            "language",
            "translations",
            "languages",
            "site_id",
            "unsafe_html",
            "minify",
            "title_from",
            "offline",
            "markdown",
            "questions",
            "quiz",
            "print",
            "extra",
        ],
    ),
    (
        "markdown",
        &[
            "highlight",
            "highlight_theme",
            "highlight_theme_dark",
            "smart_punctuation",
            "subscript",
        ],
    ),
    ("questions", &["lenient"]),
    ("quiz", &["exam_questions", "exam_minutes", "pass_mark", "domains"]),
    ("print", &["answers"]),
];

impl Config {
    /// The site's interface strings: its language's locale with `[translations]` over it.
    pub fn strings(&self) -> &'static crate::locale::Locale {
        crate::locale::site(&self.language, &self.translations)
    }

    /// Parses `source` (the text of `path`). Unknown keys are reported as warnings
    /// and ignored; syntax and type errors are errors at their line.
    pub fn parse(path: &Path, source: &str) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut unknown: Vec<String> = Vec::new();
        let parsed = toml::Deserializer::parse(source)
            .and_then(|de| serde_ignored::deserialize(de, |p| unknown.push(p.to_string())));
        let mut config: Config = parsed.map_err(|e| vec![toml_error(path, source, 0, &e)])?;
        let mut warnings = unknown_key_warnings(path, source, &unknown, KNOWN_KEYS);
        warnings.extend(locale_warnings(path, source, &config));
        warnings.extend(languages::check_config(path, source, &mut config)?);
        if config.site_id.is_empty() {
            config.site_id = slugify(&config.title);
        }
        match parse_base_url(&config.base_url) {
            Ok(b) => config.base_url = b,
            Err(e) => {
                let (line, col) = find_key(source, "", "base_url");
                return Err(vec![
                    Diagnostic::error(path, e)
                        .at(source, line, col)
                        .with_help("write the full URL, e.g. \"https://example.github.io/notes/\""),
                ]);
            }
        }
        Ok((config, warnings))
    }
}

/// The interface strings: keys of `[translations]` no table knows, and the keys the
/// site's language has no text for (English is used for them).
fn locale_warnings(path: &Path, source: &str, config: &Config) -> Vec<Diagnostic> {
    use crate::locale;
    let mut warnings = Vec::new();
    let every_key: Vec<&str> = locale::TABLES
        .iter()
        .flat_map(|t| locale::english_keys(t).iter().map(String::as_str))
        .collect();
    for (key, value) in &config.translations {
        let (table, entries): (&str, Vec<(&String, &toml::Value)>) = match value {
            toml::Value::Table(inner) if locale::TABLES.contains(&key.as_str()) => (key, inner.iter().collect()),
            _ => ("", vec![(key, value)]),
        };
        for (k, v) in entries {
            let section = if table.is_empty() {
                "translations".to_string()
            } else {
                format!("translations.{table}")
            };
            let (line, col) = find_key(source, &section, k);
            let known = if table.is_empty() {
                locale::TABLES.iter().any(|t| locale::known_key(t, k))
            } else {
                locale::known_key(table, k)
            };
            if !v.is_str() {
                warnings.push(
                    Diagnostic::warning(path, format!("`{section}.{k}` is not a string: it is ignored"))
                        .at(source, line, col)
                        .with_help("write the text in quotes"),
                );
            } else if !known {
                let d = Diagnostic::warning(path, format!("`{section}.{k}` is no interface string: it is ignored"))
                    .at(source, line, col);
                warnings.push(match did_you_mean(k, &every_key) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None => d.with_help(
                        "the keys are those of locales/en.toml, static/assets/strings.js and quiz-strings.js",
                    ),
                });
            }
        }
    }
    let lang = config.language.to_ascii_lowercase();
    if lang != "en" && !lang.starts_with("en-") {
        let mut own = locale::Locale::default();
        if let Some((_, builtin)) = locale::builtin(&config.language) {
            for t in locale::TABLES {
                own.table_mut(t).extend(builtin.table(t).clone());
            }
        }
        for (t, k, v) in locale::overrides(&config.translations) {
            own.table_mut(t).insert(k, v);
        }
        let missing = locale::missing_keys(&own);
        if !missing.is_empty() {
            let (line, col) = find_key(source, "", "language");
            let some: Vec<&str> = missing.iter().take(5).map(|(_, k)| *k).collect();
            let codes: Vec<&str> = locale::codes().collect();
            warnings.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "{} interface strings have no `{}` text, so they are in English ({}{})",
                        missing.len(),
                        config.language,
                        some.join(", "),
                        if missing.len() > 5 { ", …" } else { "" }
                    ),
                )
                .at(source, line, col)
                .with_help(format!(
                    "translate them in [translations] (`key = \"text\"`), or use a built-in language: {}",
                    codes.join(", ")
                )),
            );
        }
    }
    warnings
}

/// A base URL as the site uses it: empty, or `http(s)://host/…` ending with `/`.
/// (Also a clap value parser, for `--base-url`.)
pub fn parse_base_url(value: &str) -> Result<String, String> {
    let b = value.trim();
    if b.is_empty() {
        return Ok(String::new());
    }
    let host = b.strip_prefix("https://").or_else(|| b.strip_prefix("http://"));
    match host {
        Some(h) if !h.is_empty() && !h.starts_with('/') => Ok(if b.ends_with('/') {
            b.to_string()
        } else {
            format!("{b}/")
        }),
        Some(_) => Err(format!("base_url `{b}` has no host")),
        None => Err(format!("base_url `{b}` has no scheme")),
    }
}

/// Warnings for keys serde ignored, each at its line with a "did you mean".
/// `known` lists the keys of each table ("" = top level).
pub(crate) fn unknown_key_warnings(
    path: &Path,
    source: &str,
    unknown: &[String],
    known: &[(&str, &[&str])],
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for key in unknown {
        let parts: Vec<&str> = key.split('.').collect();
        let Some((leaf, parent)) = parts.split_last() else {
            continue;
        };
        let parent = parent.join(".");
        let keys = known.iter().find(|(t, _)| *t == parent).map(|(_, k)| *k);
        let keys = keys.unwrap_or(if parts.len() == 4 && parent.starts_with("quiz.domains.") {
            DOMAIN_KEYS
        } else if parts.len() == 3 && parent.starts_with("languages.") {
            languages::LANGUAGE_KEYS
        } else {
            &[]
        });
        let (line, col) = find_key(source, &parent, leaf);
        let d = Diagnostic::warning(path, format!("unknown key `{key}`")).at(source, line, col);
        warnings.push(match did_you_mean(leaf, keys) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")),
            None => d.with_help(format!("known keys here: {}", keys.join(", "))),
        });
    }
    warnings.sort_by_key(|d| (d.line, d.col));
    warnings
}

/// Best-effort line and column of `key` inside `[table]` (or at the top level).
pub(crate) fn find_key(source: &str, table: &str, key: &str) -> (usize, usize) {
    let mut current = String::new();
    let key = key.trim_matches('"');
    for (i, line) in source.lines().enumerate() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('[') {
            current = rest.trim_end().trim_end_matches(']').trim().to_string();
            if !table.is_empty() && current == format!("{table}.{key}") {
                return (i + 1, line.len() - t.len() + 2);
            }
            continue;
        }
        if current == table {
            let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
            if k == key || (table.is_empty() && k == key.split('.').next().unwrap_or("")) {
                return (i + 1, line.len() - t.len() + 1);
            }
        }
        if table.is_empty() && t.starts_with(&format!("{key}.")) {
            return (i + 1, line.len() - t.len() + 1);
        }
    }
    (0, 0)
}

/// A TOML error as a diagnostic, with `line_offset` lines added (front matter starts
/// after the opening `+++`).
pub(crate) fn toml_error(path: &Path, source: &str, line_offset: usize, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let idx = LineIndex::new(source);
            let (line, col) = idx.locate(source, span.start);
            let text = idx.line_text(source, line);
            let is_value_error = ["invalid type", "invalid value", "invalid length", "unknown variant"]
                .iter()
                .any(|p| message.starts_with(p));
            let message = match key_at(source, span.start) {
                Some(key) if is_value_error => format!("wrong value for `{key}`: {}", plain_types(&message)),
                _ => message,
            };
            let mut d = Diagnostic::error(path, message);
            d.line = line + line_offset;
            d.col = col;
            if !text.trim().is_empty() {
                d.snippet = Some(text.to_string());
            }
            d
        }
        None => Diagnostic::error(path, message),
    }
}

/// The key (with its table, `quiz.pass_mark`) whose value starts at byte `at`, when
/// it is written `key = value` on one line.
fn key_at(source: &str, at: usize) -> Option<String> {
    let line_start = source.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..at];
    let (key, _) = before.split_once('=')?;
    let key = key.trim();
    let bare = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || "_-.\"' ".contains(c));
    if !bare(key) {
        return None;
    }
    let key: String = key
        .split('.')
        .map(|p| p.trim().trim_matches(['"', '\'']))
        .collect::<Vec<_>>()
        .join(".");
    let table = source[..line_start].lines().rev().find_map(|l| {
        let t = l.trim();
        let inner = t.strip_prefix('[')?.strip_suffix(']')?;
        Some(inner.trim_matches(['[', ']']).trim().to_string())
    });
    Some(match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key,
    })
}

/// serde's names of Rust types in words an author knows.
fn plain_types(message: &str) -> String {
    let mut m = message.to_string();
    for t in ["i64", "i32", "u64", "u32", "usize", "u16", "u8"] {
        m = m.replace(&format!("expected {t}"), "expected a whole number");
    }
    m.replace("expected a sequence", "expected a list, like [\"a\", \"b\"]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
        Config::parse(Path::new("/s/studysite.toml"), src)
    }

    #[test]
    fn empty_file_gives_documented_defaults() {
        let (c, w) = parse("").unwrap();
        assert!(w.is_empty());
        assert_eq!(c.title, "Study notes");
        assert_eq!(c.url_style, UrlStyle::File);
        assert_eq!(c.quiz.exam_questions, 65);
        assert_eq!(c.quiz.exam_minutes, 130);
        assert_eq!(c.quiz.pass_mark, 72);
        assert!(c.minify && !c.unsafe_html);
        assert_eq!(c.site_id, "study-notes");
    }

    #[test]
    fn unknown_keys_warn_with_suggestion_and_line() {
        let (c, w) = parse("titel = \"x\"\n[quiz]\npass_marc = 80\n[extra]\nanything = 1\n").unwrap();
        assert_eq!(c.title, "Study notes");
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!((w[0].line, w[0].help.as_deref()), (1, Some("did you mean `title`?")));
        assert_eq!(w[1].line, 3);
        assert_eq!(w[1].help.as_deref(), Some("did you mean `pass_mark`?"));
    }

    #[test]
    fn wrong_type_is_an_error_at_its_line() {
        let e = parse("title = \"x\"\n\n[quiz]\nexam_minutes = \"long\"\n").unwrap_err();
        assert_eq!(e[0].line, 4, "{}", e[0]);
        assert_eq!(
            e[0].message,
            "wrong value for `quiz.exam_minutes`: invalid type: string \"long\", expected a whole number"
        );
        let e = parse("description = \"x\"\ntitle = [1]\n").unwrap_err();
        assert_eq!(
            e[0].message,
            "wrong value for `title`: invalid type: sequence, expected a string"
        );
        assert_eq!((e[0].line, e[0].col), (2, 9));
    }

    #[test]
    fn syntax_error_points_at_line() {
        let e = parse("title = \"x\nbase_url = 3\n").unwrap_err();
        assert_eq!(e[0].line, 1, "{}", e[0]);
    }

    #[test]
    fn base_url_values() {
        assert_eq!(
            parse_base_url(" https://e.com/notes ").as_deref(),
            Ok("https://e.com/notes/")
        );
        assert_eq!(parse_base_url("http://e.com/").as_deref(), Ok("http://e.com/"));
        assert_eq!(parse_base_url("").as_deref(), Ok(""));
        assert_eq!(
            parse_base_url("me.github.io/notes"),
            Err("base_url `me.github.io/notes` has no scheme".to_string())
        );
        assert!(parse_base_url("https://").is_err() && parse_base_url("https:///x").is_err());
    }

    #[test]
    fn base_url_needs_a_scheme_and_gets_a_trailing_slash() {
        assert!(parse("base_url = \"example.com\"").is_err());
        let (c, _) = parse("base_url = \"https://e.com/notes\"").unwrap();
        assert_eq!(c.base_url, "https://e.com/notes/");
    }
}
