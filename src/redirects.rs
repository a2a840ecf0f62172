//! Front-matter `aliases` (and `alias`, `redirect_from`) that name an old address of a
//! page (`/old/page/`, `old-name.html`: they start with `/` or end in `/`, `.html` or
//! `.htm`, as Hugo's and Jekyll's do) become redirect pages: a small HTML file at that
//! place in the output that sends the reader on with a meta refresh (no JavaScript) and
//! names the page as canonical. The place must stay inside the output folder and not
//! be another page's. An alias that is a plain name (Obsidian's `aliases: [Newton]`)
//! is another name for wikilinks instead (`markdown/wikilinks.rs`).

use std::collections::HashSet;

use crate::config::{Config, UrlStyle};
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::routes::{GENERATED, special_path};

/// One redirect page: where it is written, and the index of the page it points to.
#[derive(Debug, Clone, PartialEq)]
pub struct Redirect {
    pub out_path: String,
    pub page: usize,
}

/// Whether an alias is an old address (a redirect) rather than another name.
pub fn is_address(alias: &str) -> bool {
    let a = alias.trim();
    a.starts_with('/') || a.ends_with('/') || a.ends_with(".html") || a.ends_with(".htm")
}

/// The redirect pages the pages' aliases ask for, and a warning for each that cannot
/// be written (leaves the output folder, or is already a page).
pub fn plan(pages: &[&SourcePage], config: &Config) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut taken: HashSet<String> = pages.iter().map(|p| p.out_path.clone()).collect();
    for name in GENERATED {
        taken.insert(special_path(name, config.url_style).0);
    }
    for special in ["index.html", "404.html", "sitemap.xml", "robots.txt"] {
        taken.insert(special.to_string());
    }
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        for alias in p.front.aliases.iter().filter(|a| is_address(a)) {
            let warn = |why: String| {
                let mut d = Diagnostic::warning(&p.path, why)
                    .with_help("an alias is an address inside the site, like `/old/page/` or `old-name.html`");
                if let Some(at) = p.source[..p.body_start.min(p.source.len())].find(alias.as_str()) {
                    let (l, c) = crate::util::LineIndex::new(&p.source).locate(&p.source, at);
                    d = d.at(&p.source, l, c);
                }
                d
            };
            match out_path(alias, config) {
                Err(why) => warnings.push(warn(format!("alias `{alias}` {why}; no redirect is written"))),
                Ok(path) if taken.contains(&path) => warnings.push(warn(format!(
                    "alias `{alias}` is the address of another page (`{path}`); no redirect is written"
                ))),
                Ok(path) => {
                    taken.insert(path.clone());
                    out.push(Redirect {
                        out_path: path,
                        page: i,
                    });
                }
            }
        }
    }
    (out, warnings)
}

/// The file an address is served from: `old/` → `old/index.html`, `old.html` as it is,
/// `old` → `old/index.html` (pretty) or `old.html`.
fn out_path(alias: &str, config: &Config) -> Result<String, &'static str> {
    let a = alias.trim();
    // An address under the site's own base path (`/notes/old/` with base_url …/notes/).
    let base_path = config
        .base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('/'))
        .map_or("", |(_, p)| p);
    let a = a.trim_start_matches('/');
    let a = if !base_path.is_empty() {
        a.strip_prefix(base_path).unwrap_or(a)
    } else {
        a
    };
    let a = a.split(['?', '#']).next().unwrap_or("");
    if a.contains(['\\', '\0', ':']) {
        return Err("is not a path inside the site");
    }
    let segments: Vec<&str> = a.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Err("leaves the output folder");
    }
    if segments.is_empty() {
        return Err("is the home page's address");
    }
    let joined = segments.join("/");
    Ok(if a.ends_with('/') {
        format!("{joined}/index.html")
    } else if joined.ends_with(".html") || joined.ends_with(".htm") {
        joined
    } else {
        match config.url_style {
            UrlStyle::Pretty => format!("{joined}/index.html"),
            _ => format!("{joined}.html"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_their_files() {
        let c = Config::default();
        assert!(is_address("/old/page/") && is_address("old.html") && !is_address("Newton's laws"));
        assert_eq!(out_path("/old/page/", &c).unwrap(), "old/page/index.html");
        assert_eq!(out_path("old-name.html", &c).unwrap(), "old-name.html");
        assert_eq!(out_path("/a/../../etc/", &c).unwrap_err(), "leaves the output folder");
        assert!(out_path("/", &c).is_err());
        assert!(out_path("C:\\x.html", &c).is_err());
        let c = Config {
            base_url: "https://example.org/notes/".into(),
            ..Config::default()
        };
        assert_eq!(out_path("/notes/old/", &c).unwrap(), "old/index.html");
    }
}
