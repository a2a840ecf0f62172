//! The default theme, compiled into the binary: Tera templates from `templates/` and
//! assets from `static/`. A site overrides any of them file by file with its own
//! `templates/` and `static/`.

use std::path::{Path, PathBuf};

use tera::Tera;
use walkdir::WalkDir;

use crate::content::is_ignored;
use crate::diagnostics::Diagnostic;

macro_rules! embed_dir {
    ($dir:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $dir, "/", $path)) as &[u8])),*]
    };
}

/// Built-in templates (a unit test checks this list against the folder).
pub const TEMPLATES: &[(&str, &[u8])] = embed_dir!("templates":
    "base.html",
    "index.html",
    "page.html",
    "section.html",
    "questions.html",
    "questions-index.html",
    "quiz.html",
    "cheatsheet.html",
    "404.html",
    "partials/nav.html",
    "partials/question.html",
    "partials/answer-key.html",
    "partials/question-section.html",
    "partials/print-choice.html",
);

/// Built-in static files, copied to the output unless the site has its own.
pub const STATIC: &[(&str, &[u8])] = embed_dir!("static":
    "assets/style.css",
    "assets/theme.js",
    "assets/strings.js",
    "assets/site.js",
    "assets/questions.css",
    "assets/questions.js",
    "assets/question-kinds.js",
    "assets/question-kinds.css",
    "assets/progress.js",
    "assets/home.js",
    "assets/quiz.css",
    "assets/quiz-strings.js",
    "assets/quiz-kit.js",
    "assets/quiz-progress.js",
    "assets/quiz-kinds.js",
    "assets/quiz-exam.js",
    "assets/quiz-setup.js",
    "assets/quiz.js",
    "assets/quiz-loader.js",
    "assets/fsrs.js",
    "assets/search.js",
    "assets/searchbox.js",
    "assets/search.css",
    "assets/languages.css",
    "assets/favicon.svg",
    "assets/math.css",
    "assets/tabs.js",
    "assets/fonts/latinmodern-math.woff2",
    "assets/offline.js",
    "assets/icon-192.png",
    "assets/icon-512.png",
    "sw.js",
    "assets/diagrams.js",
    "assets/diagrams.css",
    "assets/vendor/mermaid.min.js",
    "assets/vendor/mermaid.LICENSE.txt",
);

/// Built-in files that only pages with formulas use, left out of a site without any.
pub const MATH_ONLY: &[&str] = &["assets/math.css", "assets/fonts/latinmodern-math.woff2"];

/// Built-in files of `offline = true` (render/offline.rs), left out of every other site.
/// `sw.js` is the service worker's code, written with the build's precache list before it.
pub const OFFLINE_ONLY: &[&str] = &[
    "assets/offline.js",
    "assets/icon-192.png",
    "assets/icon-512.png",
    "sw.js",
];

/// Built-in files that only pages with a Mermaid diagram use, left out of a site without
/// any (the vendored Mermaid is 3.6 MB).
pub const DIAGRAM_ONLY: &[&str] = &[
    "assets/diagrams.js",
    "assets/diagrams.css",
    "assets/vendor/mermaid.min.js",
    "assets/vendor/mermaid.LICENSE.txt",
];

/// The built-in file only a site of several languages uses, left out of the others.
pub const LANGUAGES_ONLY: &str = "assets/languages.css";

/// Prefix of the built-in templates inside Tera; user templates have none, so a
/// site's `page.html` wins over `builtin/page.html`.
const BUILTIN: &str = "builtin/";

/// Loads the built-in templates and the site's overrides.
/// One of the site's own templates (`templates/` of the site), as read for Tera.
pub struct SiteTemplate {
    pub path: PathBuf,
    pub text: String,
}

/// The built-in templates with the site's own over them, and the site's own as read, so
/// that later checks of them need not read the files again.
pub fn templates(root: &Path) -> Result<(Tera, Vec<SiteTemplate>), Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("count", count_filter);
    tera.set_fallback_prefixes(vec![BUILTIN])
        .map_err(|e| vec![Diagnostic::error(root, e.to_string())])?;
    let mut all: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(name, bytes)| (format!("{BUILTIN}{name}"), String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let dir = root.join("templates");
    let mut errors = Vec::new();
    let mut own = Vec::new();
    for (rel, path) in site_files(&dir)? {
        if !rel.ends_with(".html") && !rel.ends_with(".xml") {
            continue;
        }
        match std::fs::read_to_string(&path) {
            // A copy of the built-in template is no override (this repository's own site
            // is the theme's source): compiled once, and the page fast path stays on.
            Ok(text)
                if TEMPLATES
                    .iter()
                    .any(|(name, bytes)| *name == rel && bytes == &text.as_bytes()) => {}
            Ok(text) => {
                own.push(SiteTemplate {
                    path,
                    text: text.clone(),
                });
                all.push((rel, text));
            }
            Err(e) => errors.push(Diagnostic::error(&path, format!("cannot read template: {e}"))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    tera.add_raw_templates(all)
        .map_err(|e| vec![template_error(&dir, &e)])?;
    Ok((tera, own))
}

/// `{{ n | count(key="n_questions") }}`: the plural form of `ui.n_questions_…` for `n`
/// in the site's language (CLDR categories), with `{n}` the number as the language
/// writes it.
fn count_filter(n: u64, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
    let stem: &str = kwargs.must_get("key")?;
    let ui: tera::Value = state.get("ui")?.unwrap_or(tera::Value::undefined());
    let site: tera::Value = state.get("site")?.unwrap_or(tera::Value::undefined());
    let language = site.get_from_path("language").and_then(|v| v.as_str()).unwrap_or("en");
    let form = format!("{stem}_{}", crate::locale::plural(language, n));
    let other = format!("{stem}_other");
    let text = ui
        .get_from_path(&form)
        .or_else(|| ui.get_from_path(&other))
        .and_then(|v| v.as_str())
        .ok_or_else(|| tera::Error::message(format!("no interface string `{stem}_other`")))?;
    Ok(text.replace("{n}", &crate::locale::number(language, n)))
}

/// A Tera error as a diagnostic naming the template file.
pub fn template_error(dir: &Path, e: &tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let path = dir.to_path_buf();
    Diagnostic::error(&path, format!("template error: {message}"))
        .with_help("a template in templates/ (or a built-in one it extends) failed; fix it or delete the override")
}

/// Files under a site folder (templates/ or static/), as (relative path, path),
/// sorted, without hidden or temporary files, never following links out of it. A name
/// that is not UTF-8 is an error (shown lossily, two such names would be one output
/// file and one of them silently lost).
pub fn site_files(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>, Vec<Diagnostic>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                || (e.file_type().is_symlink()
                    && e.path()
                        .canonicalize()
                        .is_ok_and(|t| t.starts_with(&canonical) && t.is_file()))
        });
    for e in walker {
        let Some(rel) = e.path().strip_prefix(dir).unwrap_or(e.path()).to_str() else {
            errors.push(
                Diagnostic::error(e.path(), "file name is not valid UTF-8")
                    .with_help("rename it (the bad bytes are shown as \\xNN): URLs and output file names are UTF-8"),
            );
            continue;
        };
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        files.push((rel, e.path().to_path_buf()));
    }
    if errors.is_empty() { Ok(files) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(dir: &str, list: &[(&str, &[u8])]) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let on_disk: Vec<String> = site_files(&root).unwrap().into_iter().map(|(r, _)| r).collect();
        let embedded: Vec<&str> = list.iter().map(|(n, _)| *n).collect();
        for f in &on_disk {
            // The interface strings are embedded by locale.rs.
            assert!(
                embedded.contains(&f.as_str()),
                "{dir}/{f} exists but is not embedded in theme.rs"
            );
        }
    }

    #[test]
    fn every_theme_file_is_embedded() {
        listed("templates", TEMPLATES);
        listed("static", STATIC);
    }

    #[test]
    fn every_interface_string_the_templates_use_is_in_english() {
        let en = crate::locale::strings(crate::locale::DEFAULT);
        let plural_stem = |text: &str, at: usize| -> Option<String> {
            let rest = text[at..].strip_prefix("count(key=\"")?;
            Some(rest[..rest.find('"')?].to_string())
        };
        let mut used = 0;
        for (name, bytes) in TEMPLATES {
            let text = String::from_utf8_lossy(bytes);
            for (at, _) in text.match_indices("ui.") {
                let key: String = text[at + 3..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                used += 1;
                assert!(
                    en.contains_key(&key),
                    "{name} uses ui.{key}, which locales/en.toml lacks"
                );
            }
            for (at, _) in text.match_indices("count(key=") {
                let stem = plural_stem(&text, at).unwrap();
                assert!(
                    en.contains_key(&format!("{stem}_other")),
                    "{name}: no {stem}_other in locales/en.toml"
                );
            }
        }
        assert!(used > 50, "{used} strings used");
    }

    #[test]
    fn builtin_templates_parse() {
        let tmp = tempfile::tempdir().unwrap();
        templates(tmp.path()).unwrap();
    }
}
