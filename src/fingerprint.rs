//! Content-hashed ("fingerprinted") names for every file under the output's `assets/`:
//! `assets/style.css` is written as `assets/style.1a2b3c4d5e.css`, so a host may cache
//! everything under `assets/` for a year and a changed file still reaches readers under
//! its new name. HTML pages are never renamed.
//!
//! What is fingerprinted: the theme's assets (or a site's `static/assets/` files, which
//! replace them by name), any other file in a site's `static/assets/`, `highlight.css`,
//! and the generated data files (quiz data, search index). Files elsewhere in `static/`
//! and files beside the notes in `content/` keep their names: authors link to those.
//!
//! Templates reach the names through the `assets` map: `{{ root }}{{ assets["style.css"] }}`.
//! `url(…)` and `@import` references between files in `assets/` (a font or an image in a
//! site's own CSS) are rewritten to the hashed names. `search.js` learns the names of the
//! search data files from the `data-files` attribute of its script tag.

use crate::theme::SiteTemplate;
use std::collections::BTreeMap;

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::util::{LineIndex, content_hash};

/// The folder of the output that holds the fingerprinted files.
pub const DIR: &str = "assets/";

/// Hex digits of the hash in a name (40 bits: plenty to tell versions of one file apart).
pub const HASH_LEN: usize = 10;

/// `style.css` + its bytes → `style.1a2b3c4d5e.css`: a stable hash of the bytes before the
/// last extension (after the name when there is none). Any folder in `name` is kept.
pub fn fingerprint(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", content_hash(bytes));
    let hash = &hash[..HASH_LEN];
    let (dir, file) = name.rsplit_once('/').map_or(("", name), |(d, f)| (d, f));
    let hashed = match file.rfind('.') {
        Some(i) if i > 0 => format!("{}.{hash}{}", &file[..i], &file[i..]),
        _ => format!("{file}.{hash}"),
    };
    if dir.is_empty() {
        hashed
    } else {
        format!("{dir}/{hashed}")
    }
}

/// The files under `assets/` with their hashed names.
#[derive(Debug, Default)]
pub struct Assets {
    /// Name under `assets/` (`"style.css"`) → output path (`"assets/style.1a2b3c4d5e.css"`);
    /// the `assets` map of the templates.
    pub urls: BTreeMap<String, String>,
    /// Name under `assets/` → final bytes (CSS with its references rewritten).
    bytes: BTreeMap<String, Vec<u8>>,
}

impl Assets {
    /// Fingerprints `sources` (name under `assets/` → bytes). Files other than CSS are
    /// hashed first; then each stylesheet, once the files it references have their names.
    pub fn new(sources: BTreeMap<String, Vec<u8>>) -> Assets {
        let mut assets = Assets::default();
        let mut css: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        for (name, bytes) in sources {
            if is_css(&name) {
                css.insert(name, bytes);
            } else {
                assets.insert(name, bytes);
            }
        }
        while !css.is_empty() {
            let ready: Vec<String> = css
                .iter()
                .filter(|(name, bytes)| {
                    css_refs(name, bytes)
                        .iter()
                        .all(|r| r.target == **name || !css.contains_key(&r.target))
                })
                .map(|(name, _)| name.clone())
                .collect();
            // An import cycle: hash the rest as they are (their mutual references stay unhashed).
            let batch = if ready.is_empty() {
                css.keys().cloned().collect()
            } else {
                ready
            };
            for name in batch {
                let bytes = css.remove(&name).unwrap_or_default();
                let rewritten = assets.rewrite_css(&name, &bytes);
                assets.insert(name, rewritten);
            }
        }
        assets
    }

    fn insert(&mut self, name: String, bytes: Vec<u8>) {
        self.urls
            .insert(name.clone(), format!("{DIR}{}", fingerprint(&name, &bytes)));
        self.bytes.insert(name, bytes);
    }

    /// The output path of an asset, e.g. `url("style.css")` = `"assets/style.1a2b3c4d5e.css"`.
    pub fn url(&self, name: &str) -> Option<&str> {
        self.urls.get(name).map(String::as_str)
    }

    /// The final bytes of an asset (for inlining).
    pub fn bytes(&self, name: &str) -> Option<&[u8]> {
        self.bytes.get(name).map(Vec::as_slice)
    }

    /// A JSON object of some assets' output paths, keyed by name (missing names left out):
    /// what `search.js` reads from its `data-files` attribute.
    pub fn json(&self, names: &[&str]) -> String {
        let map: BTreeMap<&str, &str> = names.iter().filter_map(|n| self.url(n).map(|u| (*n, u))).collect();
        // With spaces after the separators: a value with a space must stay quoted in minified
        // HTML, and an unquoted attribute value may not contain `"`.
        let pairs: Vec<String> = map
            .iter()
            .map(|(k, v)| format!("{}: {}", serde_json::Value::from(*k), serde_json::Value::from(*v)))
            .collect();
        format!("{{{}}}", pairs.join(", "))
    }

    /// Takes out an asset's (output path, bytes), keeping its name: a large site's data
    /// files are written as soon as they are named, not held while pages render.
    pub fn take(&mut self, name: &str) -> Option<(String, Vec<u8>)> {
        let bytes = self.bytes.remove(name)?;
        Some((self.urls[name].clone(), bytes))
    }

    /// Every file not taken out, as (output path, bytes).
    pub fn into_files(self) -> impl Iterator<Item = (String, Vec<u8>)> {
        let Assets { urls, bytes } = self;
        bytes.into_iter().map(move |(name, b)| (urls[&name].clone(), b))
    }

    /// Points the `url(…)` and `@import` references of a stylesheet that lead to hashed
    /// files at their hashed names (only the file name changes; the path stays relative).
    fn rewrite_css(&self, name: &str, bytes: &[u8]) -> Vec<u8> {
        let refs = css_refs(name, bytes);
        if !refs.iter().any(|r| self.urls.contains_key(&r.target)) {
            return bytes.to_vec();
        }
        let mut out = Vec::with_capacity(bytes.len() + refs.len() * (HASH_LEN + 1));
        let mut pos = 0;
        for r in &refs {
            let Some(url) = self.url(&r.target) else { continue };
            let hashed_file = url.rsplit('/').next().unwrap_or(url);
            // Replace the last path segment of the reference (before any ?query or #hash).
            let path_end = r.start + r.path_len;
            let seg_start = bytes[r.start..path_end]
                .iter()
                .rposition(|&c| c == b'/')
                .map_or(r.start, |p| r.start + p + 1);
            out.extend_from_slice(&bytes[pos..seg_start]);
            out.extend_from_slice(hashed_file.as_bytes());
            pos = path_end;
        }
        out.extend_from_slice(&bytes[pos..]);
        out
    }
}

fn is_css(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".css")
}

/// A reference from a stylesheet to another file under `assets/`.
#[derive(Debug)]
struct CssRef {
    /// Byte offset of the reference text in the stylesheet.
    start: usize,
    /// Length of its path part (without `?query` or `#fragment`).
    path_len: usize,
    /// The name under `assets/` it resolves to.
    target: String,
}

/// Relative `url(…)` and `@import "…"` references of a stylesheet, in order, resolved
/// against its folder under `assets/`. URLs with a scheme, `//`, `/` or `#` are skipped.
fn css_refs(name: &str, bytes: &[u8]) -> Vec<CssRef> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let lower = text.to_ascii_lowercase();
    let dir = name.rsplit_once('/').map_or("", |(d, _)| d);
    let mut refs = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let url_at = lower[i..].find("url(").map(|p| (i + p, 4));
        let import_at = lower[i..].find("@import").map(|p| (i + p, 7));
        let Some((at, skip)) = [url_at, import_at].into_iter().flatten().min() else {
            break;
        };
        let mut j = at + skip;
        while text[j..].starts_with(|c: char| c.is_ascii_whitespace()) {
            j += 1;
        }
        if skip == 7 && lower[j..].starts_with("url(") {
            // `@import url(…)`: the url( is found next.
            i = j;
            continue;
        }
        let quote = text[j..].chars().next().filter(|c| *c == '"' || *c == '\'');
        if skip == 7 && quote.is_none() {
            i = j;
            continue;
        }
        let start = j + usize::from(quote.is_some());
        let end = match quote {
            Some(q) => text[start..].find(q).map_or(text.len(), |e| start + e),
            None => text[start..].find(')').map_or(text.len(), |e| start + e),
        };
        let raw = text[start..end].trim_end();
        let path_len = raw.find(['?', '#']).unwrap_or(raw.len());
        let path = &raw[..path_len];
        let has_scheme = path.find(':').is_some_and(|c| !path[..c].contains('/'));
        if !path.is_empty()
            && !has_scheme
            && !path.starts_with('/')
            && let Some(target) = crate::util::join_relative(dir, path)
        {
            refs.push(CssRef {
                start,
                path_len,
                target,
            });
        }
        i = end.max(j + text[j..].chars().next().map_or(1, char::len_utf8));
    }
    refs
}

/// The sources of `assets/` (the theme's files, `highlight.css`, and the site's
/// `static/assets/` over them), and the site's other static files, which keep their names.
pub type Sources = (BTreeMap<String, Vec<u8>>, Vec<(String, Vec<u8>)>);

/// Reads the theme's assets and the site's static files; see [`Sources`].
pub fn sources(site: &Site) -> Result<Sources, Vec<Diagnostic>> {
    let config = &site.config;
    let mut assets: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut other = Vec::new();
    let mut errors = Vec::new();
    // The math stylesheet and its 388 KB font serve only pages with formulas: a site
    // without any neither hashes nor ships them.
    let math = site.pages.iter().any(|p| p.parsed.formulas > 0);
    // Likewise the diagram scripts (the vendored Mermaid is 3.6 MB).
    let diagrams = site.pages.iter().any(|p| p.parsed.diagrams > 0);
    for (path, bytes) in crate::theme::STATIC {
        if (!math && crate::theme::MATH_ONLY.contains(path))
            || (!diagrams && crate::theme::DIAGRAM_ONLY.contains(path))
            || (!config.offline && crate::theme::OFFLINE_ONLY.contains(path))
        {
            continue;
        }
        // The language switcher's styles serve only a site of several languages.
        if site.language.is_none() && *path == crate::theme::LANGUAGES_ONLY {
            continue;
        }
        match path.strip_prefix(DIR) {
            Some(name) => assets.insert(name.to_string(), bytes.to_vec()),
            None => {
                other.push((path.to_string(), bytes.to_vec()));
                None
            }
        };
    }
    let css =
        crate::markdown::Highlighter::css(&config.markdown.highlight_theme, &config.markdown.highlight_theme_dark)
            .map_err(|e| vec![Diagnostic::error(&site.root.join(crate::site::CONFIG_FILE), e)])?;
    assets.insert("highlight.css".into(), css.into_bytes());
    for (rel, path) in crate::theme::site_files(&site.root.join("static"))? {
        match std::fs::read(&path) {
            // A copy of a built-in file is no override (this repository's own site is
            // the theme's source): the built-in is already in, or left out on purpose.
            Ok(bytes)
                if crate::theme::STATIC
                    .iter()
                    .any(|(p, b)| *p == rel && *b == bytes.as_slice()) => {}
            Ok(bytes) => match rel.strip_prefix(DIR) {
                Some(name) => {
                    assets.insert(name.to_string(), bytes);
                }
                None => other.push((rel, bytes)),
            },
            Err(e) => errors.push(Diagnostic::error(&path, format!("cannot read: {e}"))),
        }
    }
    if errors.is_empty() {
        Ok((assets, other))
    } else {
        Err(errors)
    }
}

/// Errors for a site's own templates that still link to an asset by its plain name
/// (`{{ root }}assets/style.css`), which no longer exists in the output.
pub fn check_templates(own: &[SiteTemplate], assets: &Assets) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for SiteTemplate { path, text } in own {
        for (name, offset) in plain_references(text, assets) {
            let (line, col) = LineIndex::new(text).locate(text, offset);
            out.push(
                Diagnostic::error(
                    path,
                    format!("`{DIR}{name}` is not in the built site: assets have content-hashed names"),
                )
                .at(text, line, col)
                .with_help(format!(
                    "link to it as {{{{ root }}}}{{{{ assets[\"{name}\"] }}}} (README: Fingerprinted assets)"
                )),
            );
        }
    }
    out
}

/// Names of fingerprinted assets a template refers to by plain path, with byte offsets.
fn plain_references<'t>(text: &'t str, assets: &Assets) -> Vec<(&'t str, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(DIR) {
        if text[..at].ends_with("static/") {
            continue; // a comment naming the source file
        }
        let rest = &text[at + DIR.len()..];
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"'?#)<>{},;\\`".contains(c))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if assets.urls.contains_key(name) {
            out.push((name, at));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assets(files: &[(&str, &str)]) -> Assets {
        Assets::new(
            files
                .iter()
                .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
                .collect(),
        )
    }

    #[test]
    fn names_change_with_the_content_only() {
        let a = fingerprint("style.css", b"body{}");
        assert!(a.starts_with("style.") && a.ends_with(".css") && a.len() == "style..css".len() + HASH_LEN);
        assert_eq!(a, fingerprint("style.css", b"body{}"));
        assert_ne!(a, fingerprint("style.css", b"body{color:red}"));
        assert!(fingerprint("fonts/a.woff2", b"x").starts_with("fonts/a."));
        assert!(fingerprint("LICENSE", b"x").starts_with("LICENSE."));
        assert!(fingerprint("archive.tar.gz", b"x").starts_with("archive.tar."));
    }

    #[test]
    fn css_references_follow_the_hashed_names() {
        let a = assets(&[
            ("fonts/inter.woff2", "font"),
            ("img/bg.png", "png"),
            (
                "site.css",
                "@font-face{src:url( \"fonts/inter.woff2?v=1#x\" )}\n@import 'base.css';\nb{background:url(img/bg.png)}",
            ),
            (
                "base.css",
                "i{background:url('./img/bg.png')} s{background:url(data:image/png;base64,AA)} u{x:url(/img/bg.png)}",
            ),
            (
                "deep/more.css",
                "q{background:url(../img/bg.png)} r{background:url(../../outside.png)}",
            ),
        ]);
        let font = a
            .url("fonts/inter.woff2")
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        let png = a.url("img/bg.png").unwrap().rsplit('/').next().unwrap().to_string();
        let base = a.url("base.css").unwrap().rsplit('/').next().unwrap().to_string();
        let site = String::from_utf8(a.bytes("site.css").unwrap().to_vec()).unwrap();
        assert_eq!(
            site,
            format!(
                "@font-face{{src:url( \"fonts/{font}?v=1#x\" )}}\n@import '{base}';\nb{{background:url(img/{png})}}"
            )
        );
        let b = String::from_utf8(a.bytes("base.css").unwrap().to_vec()).unwrap();
        assert!(b.contains(&format!("url('./img/{png}')")), "{b}");
        assert!(
            b.contains("url(data:image/png;base64,AA)") && b.contains("url(/img/bg.png)"),
            "{b}"
        );
        let more = String::from_utf8(a.bytes("deep/more.css").unwrap().to_vec()).unwrap();
        assert!(more.contains(&format!("url(../img/{png})")) && more.contains("url(../../outside.png)"));
        // The importer's name covers the imported file's final bytes.
        assert_eq!(
            a.url("site.css").unwrap(),
            format!("assets/{}", fingerprint("site.css", site.as_bytes()))
        );
    }

    #[test]
    fn css_import_cycles_still_finish() {
        let a = assets(&[("a.css", "@import 'b.css';"), ("b.css", "@import 'a.css';")]);
        assert_eq!(a.urls.len(), 2);
    }

    #[test]
    fn plain_references_in_templates_are_found_but_not_the_new_form() {
        let a = assets(&[("style.css", "x"), ("search.js", "y")]);
        let t = "<link href=\"{{ root }}assets/style.css\">{{ root }}{{ assets[\"style.css\"] }}\n\
                 {# static/assets/style.css #}<script src='../assets/search.js?v=1'></script>assets/other.css";
        let found = plain_references(t, &a);
        assert_eq!(
            found.iter().map(|f| f.0).collect::<Vec<_>>(),
            ["style.css", "search.js"]
        );
    }

    #[test]
    fn builtin_templates_link_every_asset_through_the_map() {
        let mut names: Vec<String> = crate::theme::STATIC
            .iter()
            .filter_map(|(p, _)| p.strip_prefix(DIR))
            .map(str::to_string)
            .collect();
        names.extend(
            [
                "highlight.css",
                "quiz-data.js",
                "search-index.js",
                "search-docs.js",
                "search-excerpts.js",
            ]
            .map(String::from),
        );
        let a = Assets::new(names.into_iter().map(|n| (n, Vec::new())).collect());
        for (name, bytes) in crate::theme::TEMPLATES {
            let text = String::from_utf8_lossy(bytes);
            let plain: Vec<&str> = plain_references(&text, &a).into_iter().map(|p| p.0).collect();
            assert!(
                plain.is_empty(),
                "templates/{name} links {plain:?} by plain name: use {{{{ assets[...] }}}}"
            );
            for (at, _) in text.match_indices("assets[\"") {
                let key = &text[at + 8..];
                let key = &key[..key.find('"').unwrap()];
                assert!(
                    a.url(key).is_some(),
                    "templates/{name} links assets[\"{key}\"], which the build does not make"
                );
            }
        }
    }

    #[test]
    fn json_lists_the_named_files() {
        let a = assets(&[("search-index.js", "i"), ("x.js", "x")]);
        let j: BTreeMap<String, String> = serde_json::from_str(&a.json(&["search-index.js", "gone.js"])).unwrap();
        assert_eq!(j.len(), 1);
        assert_eq!(j["search-index.js"], a.url("search-index.js").unwrap());
    }
}
