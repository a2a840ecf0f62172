//! Several languages in one site (`[languages]` in studysite.toml): where each
//! language's pages are (`content/<code>/`) and go (the default language at the output
//! root, the others under `<code>/`), the links between them, and what each page needs
//! to offer the others: the switcher's links (the same page in the other language,
//! matched by its path in its language's folder or by `translation_key`, else that
//! language's home), `hreflang` alternates, and the sitemap of every language. Each
//! language is otherwise a site of its own ([`crate::site::Site`]), built with its own
//! strings, search index and quiz data; [`crate::build`] runs them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::content::{LoadedContent, SourcePage};
use crate::diagnostics::Diagnostic;
use crate::markdown::{LinkMap, OtherLanguage};
use crate::routes::{GENERATED, special_path};

/// One language to build.
pub struct Plan {
    pub code: String,
    /// Its output folder inside the site's: "" for the default language, else `<code>/`.
    pub prefix: String,
    pub config: Config,
    /// `content/<code>`.
    pub content: PathBuf,
}

/// The languages of a site whose configuration has `[languages]`, the default first,
/// or every problem with its content folder: a language without a folder, and anything
/// in content/ that is in no language's folder (it would silently not be built).
pub fn plan(root: &Path, config: &Config) -> Result<Vec<Plan>, Vec<Diagnostic>> {
    let content = root.join("content");
    let toml_path = root.join("studysite.toml");
    let toml = std::fs::read_to_string(&toml_path).unwrap_or_default();
    let codes = config.language_codes();
    let mut errors = Vec::new();
    let mut plans = Vec::new();
    for code in &codes {
        let dir = content.join(code);
        if !dir.is_dir() {
            let (line, col) = crate::config::languages::code_line(&toml, code);
            errors.push(
                Diagnostic::error(&toml_path, format!("language `{code}` has no folder content/{code}/"))
                    .at(&toml, line, col)
                    .with_help(format!(
                        "put the {code} pages in content/{code}/, or remove [languages.{code}]"
                    )),
            );
        }
        plans.push(Plan {
            code: code.to_string(),
            prefix: if *code == config.language {
                String::new()
            } else {
                format!("{code}/")
            },
            config: config.for_language(code),
            content: dir,
        });
    }
    let entries = std::fs::read_dir(&content)
        .map(|d| d.flatten().collect::<Vec<_>>())
        .unwrap_or_default();
    let mut strays: Vec<PathBuf> = entries
        .iter()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            !crate::content::is_ignored(&name) && !codes.contains(&name.as_str())
        })
        .map(|e| e.path())
        .collect();
    strays.sort();
    for path in strays {
        errors.push(
            Diagnostic::error(&path, "this is in no language's folder, so it would not be built").with_help(format!(
                "the site has [languages] ({}): move it into content/{}/ (or another language's folder)",
                codes.join(", "),
                config.language
            )),
        );
    }
    if errors.is_empty() { Ok(plans) } else { Err(errors) }
}

/// The default language's pages and files whose output would land in another
/// language's folder (`content/en/de/x.md` → `de/x.html`).
pub fn prefix_collisions(plans: &[Plan], loaded: &[LoadedContent]) -> Vec<Diagnostic> {
    let (Some(first), Some(content)) = (plans.first(), loaded.first()) else {
        return Vec::new();
    };
    let taken = |out: &str| {
        let top = out.split('/').next().unwrap_or("").to_ascii_lowercase();
        plans[1..].iter().find(|p| p.code.to_ascii_lowercase() == top)
    };
    let pages = content.pages.iter().map(|p| (&p.path, &p.out_path));
    let assets = content.assets.iter().map(|a| (&a.path, &a.rel));
    pages
        .chain(assets)
        .filter_map(|(path, out)| {
            let other = taken(out)?;
            Some(
                Diagnostic::error(
                    path,
                    format!("its output `{out}` is inside the {} language's folder", other.code),
                )
                .with_help(format!(
                    "rename the folder in content/{}/: `{}/` holds the {} pages",
                    first.code, other.code, other.code
                )),
            )
        })
        .collect()
}

/// The other languages as the links of language `i` see them.
pub fn others(plans: &[Plan], maps: &[Arc<LinkMap>], i: usize) -> Vec<OtherLanguage> {
    let up = if plans[i].prefix.is_empty() { "" } else { "../" };
    (0..plans.len())
        .filter(|&j| j != i)
        .map(|j| OtherLanguage {
            code: plans[j].code.clone(),
            href: format!("{up}{}", plans[j].prefix),
            links: maps[j].clone(),
        })
        .collect()
}

/// What matches a page with its translations: its `translation_key`, else its path
/// inside its language's folder.
pub fn page_key(p: &SourcePage) -> String {
    match p.front.extra.get("translation_key").and_then(|v| v.as_str()) {
        Some(k) if !k.trim().is_empty() => format!("key:{}", k.trim()),
        _ => crate::util::nfc(&p.rel),
    }
}

/// A warning for each page whose `translation_key` another page of its language has:
/// the switcher leads to the first.
pub fn duplicate_keys<'a>(pages: impl Iterator<Item = &'a SourcePage>) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &SourcePage> = HashMap::new();
    let mut out = Vec::new();
    for p in pages {
        let key = page_key(p);
        if !key.starts_with("key:") {
            continue;
        }
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::warning(
                    &p.path,
                    format!(
                        "`translation_key = \"{}\"` is also the key of {}",
                        &key[4..],
                        first.path.display()
                    ),
                )
                .with_help("give each page of a language its own key: the language switcher leads to the first"),
            ),
            None => {
                seen.insert(key, p);
            }
        }
    }
    out
}

/// What a language offers the others.
pub struct Lang {
    pub code: String,
    pub name: String,
    pub prefix: String,
    /// Page key → URL inside the language's folder.
    urls: HashMap<String, String>,
    /// URL → page key.
    keys: HashMap<String, String>,
    /// URLs for the sitemap, inside the language's folder.
    sitemap: Vec<String>,
}

impl Lang {
    /// `pages`: every page's key and URL; `sitemap`: the URLs the sitemap lists.
    pub fn new(plan: &Plan, pages: Vec<(String, String)>, sitemap: Vec<String>) -> Lang {
        let name = plan.config.languages.get(&plan.code).and_then(|l| l.name.clone());
        let builtin = crate::locale::builtin(&plan.code).and_then(|(_, l)| l.meta.get("name").cloned());
        let mut urls = HashMap::new();
        let mut keys = HashMap::new();
        for (key, url) in pages {
            keys.entry(url.clone()).or_insert_with(|| key.clone());
            urls.entry(key).or_insert(url);
        }
        Lang {
            code: plan.code.clone(),
            name: name.or(builtin).unwrap_or_else(|| plan.code.clone()),
            prefix: plan.prefix.clone(),
            urls,
            keys,
            sitemap,
        }
    }
}

/// Every language of a site.
pub struct Family {
    pub langs: Vec<Lang>,
    /// The site's base URL (the default language's), or "".
    pub base_url: String,
    /// The generated pages' URLs and the home page's: in every language.
    generated: Vec<String>,
}

impl Family {
    pub fn new(langs: Vec<Lang>, config: &Config) -> Arc<Family> {
        let mut generated = vec!["index.html".to_string()];
        generated.extend(GENERATED.iter().map(|n| special_path(n, config.url_style).1));
        Arc::new(Family {
            langs,
            base_url: config.base_url.clone(),
            generated,
        })
    }
}

/// A language's place in its site.
#[derive(Clone)]
pub struct Membership {
    pub family: Arc<Family>,
    /// Its index in `family.langs`; 0 is the default language.
    pub current: usize,
}

/// A link of the language switcher.
#[derive(Serialize, Debug, PartialEq)]
pub struct Switch {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// An `hreflang` alternate of a page.
#[derive(Serialize, Debug, PartialEq)]
pub struct Alternate {
    pub lang: String,
    pub href: String,
}

impl Membership {
    /// The URL of the page at `url` (inside this language's folder) in language `to`.
    fn url_in(&self, url: &str, to: usize) -> Option<String> {
        let f = &self.family;
        if f.generated.iter().any(|g| g == url) {
            return Some(url.to_string());
        }
        let key = f.langs[self.current].keys.get(url)?;
        f.langs[to].urls.get(key).cloned()
    }

    /// The switcher's links from the page written at `out_path` with URL `url`: the same
    /// page in each language, else that language's home.
    pub fn switcher(&self, out_path: &str, url: &str) -> Vec<Switch> {
        let f = &self.family;
        let mut to_root = crate::util::root_prefix(out_path);
        if self.current != 0 {
            to_root.push_str("../");
        }
        f.langs
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let target = self.url_in(url, i).unwrap_or_else(|| "index.html".into());
                Switch {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    href: format!("{to_root}{}{target}", l.prefix),
                    current: i == self.current,
                }
            })
            .collect()
    }

    /// `<link rel="alternate" hreflang>` for the page at `url`: each language that has
    /// it, and `x-default` (the default language's) when the site has a base URL and
    /// the page is in more than one language.
    pub fn alternates(&self, url: &str) -> Vec<Alternate> {
        let f = &self.family;
        if f.base_url.is_empty() {
            return Vec::new();
        }
        let mut out: Vec<Alternate> = (0..f.langs.len())
            .filter_map(|i| {
                let target = self.url_in(url, i)?;
                Some(Alternate {
                    lang: f.langs[i].code.clone(),
                    href: format!("{}{}{target}", f.base_url, f.langs[i].prefix),
                })
            })
            .collect();
        if out.len() < 2 {
            return Vec::new();
        }
        if out[0].lang == f.langs[0].code {
            let href = out[0].href.clone();
            out.push(Alternate {
                lang: "x-default".into(),
                href,
            });
        }
        out
    }

    /// Every language's sitemap URLs, absolute.
    pub fn sitemap_urls(&self) -> Vec<String> {
        let f = &self.family;
        f.langs
            .iter()
            .flat_map(|l| l.sitemap.iter().map(move |u| format!("{}{}{u}", f.base_url, l.prefix)))
            .collect()
    }
}

/// For `check`: a site without `[languages]` whose content/ has two or more
/// top-level folders named like built-in languages may have meant several languages.
pub fn hint(root: &Path, config: &Config) -> Option<Diagnostic> {
    if !config.languages.is_empty() {
        return None;
    }
    let content = root.join("content");
    let mut found: Vec<String> = std::fs::read_dir(&content)
        .ok()?
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| crate::locale::codes().any(|c| c == n))
        .collect();
    if found.len() < 2 {
        return None;
    }
    found.sort();
    let tables: Vec<String> = found.iter().map(|c| format!("[languages.{c}]")).collect();
    Some(
        Diagnostic::warning(
            &content,
            format!(
                "folders named like languages ({}) are built as sections",
                found.join(", ")
            ),
        )
        .with_help(format!(
            "for a site in several languages, add {} to studysite.toml and set `language` to the default one",
            tables.join(" ")
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(base_url: &str) -> (Membership, Membership) {
        let mut config: Config = toml::from_str("language = \"en\"\n[languages.en]\n[languages.de]\n").unwrap();
        config.base_url = base_url.into();
        let plan = |code: &str| Plan {
            code: code.into(),
            prefix: if code == "en" {
                String::new()
            } else {
                format!("{code}/")
            },
            config: config.for_language(code),
            content: PathBuf::new(),
        };
        let pages = |list: &[(&str, &str)]| list.iter().map(|(k, u)| (k.to_string(), u.to_string())).collect();
        let en = Lang::new(
            &plan("en"),
            pages(&[("s3.md", "s3.html"), ("key:iam", "iam.html"), ("only.md", "only.html")]),
            vec![],
        );
        let de = Lang::new(
            &plan("de"),
            pages(&[("s3.md", "s3.html"), ("key:iam", "guide/iam-de.html")]),
            vec![],
        );
        let f = Family::new(vec![en, de], &config);
        (
            Membership {
                family: f.clone(),
                current: 0,
            },
            Membership { family: f, current: 1 },
        )
    }

    #[test]
    fn the_switcher_keeps_the_page_or_goes_home() {
        let (en, de) = family("");
        let hrefs = |s: Vec<Switch>| s.into_iter().map(|s| s.href).collect::<Vec<_>>();
        assert_eq!(hrefs(en.switcher("s3.html", "s3.html")), ["s3.html", "de/s3.html"]);
        assert_eq!(
            hrefs(en.switcher("iam.html", "iam.html")),
            ["iam.html", "de/guide/iam-de.html"]
        );
        assert_eq!(
            hrefs(de.switcher("guide/iam-de.html", "guide/iam-de.html")),
            ["../../iam.html", "../../de/guide/iam-de.html"]
        );
        assert_eq!(
            hrefs(en.switcher("only.html", "only.html")),
            ["only.html", "de/index.html"]
        );
        assert_eq!(
            hrefs(de.switcher("quiz.html", "quiz.html")),
            ["../quiz.html", "../de/quiz.html"]
        );
        assert_eq!(en.switcher("s3.html", "s3.html")[1].name, "Deutsch");
        assert!(en.alternates("s3.html").is_empty(), "no base_url, no alternates");
    }

    #[test]
    fn alternates_name_each_language_and_the_default() {
        let (en, de) = family("https://e.org/n/");
        let alt = de.alternates("guide/iam-de.html");
        let pairs: Vec<(&str, &str)> = alt.iter().map(|a| (a.lang.as_str(), a.href.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("en", "https://e.org/n/iam.html"),
                ("de", "https://e.org/n/de/guide/iam-de.html"),
                ("x-default", "https://e.org/n/iam.html")
            ]
        );
        assert!(en.alternates("only.html").is_empty(), "a page in one language has none");
    }
}
