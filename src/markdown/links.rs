//! Links and images: `.md` links between source files become links between output
//! pages, relative to the page (so the site works from any folder or host);
//! `javascript:`, `vbscript:` and `data:` URLs are neutralised whatever the HTML
//! policy; every internal link is recorded so it can be checked once all pages are
//! parsed.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag};

use super::{Ev, RenderCx};
use crate::util::root_prefix;

/// Where every source file ends up.
#[derive(Debug, Default, Clone)]
pub struct LinkMap {
    /// Source path inside content/ (`s3.md`, `guide/_index.md`) → URL from the root.
    pub pages: HashMap<String, String>,
    /// Non-Markdown files inside content/, copied as they are.
    pub assets: HashSet<String>,
    /// The files of the site's `static/` folder, copied to the output's root.
    pub statics: HashSet<String>,
    /// The same files by name, for wikilinks (built on first use).
    pub wiki: std::sync::OnceLock<super::wikilinks::WikiIndex>,
    /// A folder (`guide`, or "" for the root) → the source of its own page
    /// (`guide/README.md`).
    pub folders: HashMap<String, String>,
    /// A folder without a page of its own → the source of its first page (by weight,
    /// then the natural order of paths): where a link to the folder (`docs/`) lands, as
    /// GitHub shows a folder's files for one.
    pub first_in: HashMap<String, String>,
    /// Other names of pages (front-matter `aliases` that are names, not addresses),
    /// lower-case → the pages' sources: wikilinks `[[Alias]]` resolve to them.
    pub aliases: HashMap<String, Vec<String>>,
    /// In a site of several languages, the others: a link that climbs out of this
    /// language's folder into another's (`../de/s3.md`) finds its page there.
    pub languages: Vec<OtherLanguage>,
}

/// Another language of the site, as links from this one see it.
#[derive(Debug, Clone)]
pub struct OtherLanguage {
    /// Its code, the name of its folder in content/.
    pub code: String,
    /// From this language's output root to its own (`de/`, `../`, `../fr/`).
    pub href: String,
    pub links: std::sync::Arc<LinkMap>,
}

impl LinkMap {
    /// A link out of this language's folder (`folder` is the page's, inside it) into
    /// another language's: the URL from this language's root, or the problem.
    fn other_language(&self, own: &str, folder: &str, link: &str) -> Option<Result<String, String>> {
        let rel = resolve(&format!("{own}/{folder}"), link)?;
        let (code, rest) = rel.split_once('/').unwrap_or((&rel, ""));
        let other = self.languages.iter().find(|o| o.code == code)?;
        let rest = if rest.is_empty() { "_index.md" } else { rest };
        Some(match other.links.find(rest) {
            Some((_, url)) => Ok(format!("{}{url}", other.href)),
            None if other.links.assets.contains(rest) => Ok(format!("{}{}", other.href, encode_path(rest))),
            None => Err(format!("no page `{rest}` in content/{code}/")),
        })
    }
}

impl LinkMap {
    /// The page a path inside content/ names, as `(source, url)`: the `.md` file itself,
    /// the same name as mdBook's output (`page.html`) or as a folder-style URL
    /// (`page/`), or a folder (`guide`, `guide/`, `guide/index.html`) for its own page.
    pub fn find(&self, rel: &str) -> Option<(&String, &String)> {
        if let Some(hit) = self.pages.get_key_value(rel) {
            return Some(hit);
        }
        let bare = rel.trim_end_matches('/');
        let stem = bare.strip_suffix(".html").or_else(|| bare.strip_suffix(".htm"));
        let mut names: Vec<String> = Vec::with_capacity(3);
        match stem {
            Some(stem) => {
                names.push(format!("{stem}.md"));
                if let Some(folder) = stem.strip_suffix("/index").or((stem == "index").then_some("")) {
                    names.push(format!("{folder}/"));
                }
            }
            None => {
                if rel.ends_with('/') && !bare.is_empty() {
                    names.push(format!("{bare}.md"));
                }
                names.push(format!("{bare}/"));
            }
        }
        names.iter().find_map(|n| match n.strip_suffix('/') {
            Some(folder) => self
                .folders
                .get(folder)
                .or_else(|| self.first_in.get(folder))
                .and_then(|r| self.pages.get_key_value(r)),
            None => self.pages.get_key_value(n.as_str()),
        })
    }
}

/// An internal link found on a page, checked after every page is parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    pub line: usize,
    pub col: usize,
    /// The link as written.
    pub raw: String,
    /// The source page it points at (`s3.md`); `None` for the page itself.
    pub page: Option<String>,
    /// The `#fragment`, if any.
    pub anchor: Option<String>,
    /// Set when the target does not exist (missing page or asset, or outside the site).
    pub problem: Option<String>,
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    evs.into_iter()
        .map(|(e, at)| match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = rewrite(&dest_url, false, at, rcx);
                (
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest.into(),
                        title,
                        id,
                    }),
                    at,
                )
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if super::rawlinks::is_remote(&dest_url) {
                    super::rawlinks::remote_warning(&dest_url, "img", at, rcx);
                }
                let dest = rewrite(&dest_url, true, at, rcx);
                (
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: dest.into(),
                        title,
                        id,
                    }),
                    at,
                )
            }
            other => (other, at),
        })
        .collect()
}

/// Schemes that run code or smuggle documents; removed from every link and image.
fn unsafe_url(url: &str, image: bool) -> bool {
    // Decoded too: `javascript%3A…` names a file, but must never become a live link.
    unsafe_url_as_written(url, image) || (url.contains('%') && unsafe_url_as_written(&percent_decode(url), image))
}

fn unsafe_url_as_written(url: &str, image: bool) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.starts_with("javascript:") || cleaned.starts_with("vbscript:") {
        return true;
    }
    if let Some(data) = cleaned.strip_prefix("data:") {
        let raster = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]
            .iter()
            .any(|t| data.starts_with(t));
        return !(image && raster);
    }
    false
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let s = &url[..i];
            !s.is_empty()
                && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !url[..i].contains('/')
        }
        None => false,
    }
}

pub(crate) fn rewrite(url: &str, image: bool, at: usize, rcx: &mut RenderCx) -> String {
    if unsafe_url(url, image) {
        rcx.warn(
            at,
            format!("unsafe URL `{}` removed", url.chars().take(40).collect::<String>()),
            Some("links may not run script: javascript:, vbscript: and data: URLs are replaced by `#`"),
        );
        return "#".into();
    }
    if is_root_absolute(url) {
        if let Some(link) = root_link(url, at, rcx) {
            return link;
        }
        warn_root_absolute(url, at, rcx);
        return url.to_string();
    }
    if url.is_empty() || has_scheme(url) || url.starts_with("//") {
        return url.to_string();
    }
    let (path_part, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let (line, col) = rcx.loc.line_col(at);
    if path_part.is_empty() {
        if rcx.report {
            rcx.links.push(LinkRef {
                line,
                col,
                raw: url.to_string(),
                page: None,
                anchor: fragment.map(percent_decode),
                problem: None,
            });
        }
        return url.to_string();
    }
    let decoded = percent_decode(path_part);
    let resolved = resolve(&crate::util::nfc(&rcx.loc.page.folder), &crate::util::nfc(&decoded));
    let map = rcx.cx.links;
    let (target_url, page, problem) = match &resolved {
        None => match map.other_language(
            &rcx.cx.config.language,
            &crate::util::nfc(&rcx.loc.page.folder),
            &crate::util::nfc(&decoded),
        ) {
            Some(Ok(u)) => (Some(u), None, None),
            Some(Err(problem)) => (None, None, Some(problem)),
            None => (None, None, Some("it points outside the site".to_string())),
        },
        Some(rel) => {
            if let Some((key, u)) = map.find(rel) {
                (Some(u.clone()), Some(key.clone()), None)
            } else if map.assets.contains(rel) {
                (Some(encode_path(rel)), None, None)
            } else if let Some(key) = bare_name(&decoded, rcx) {
                // Obsidian's bare file names (`![](pic.png)`) find the file anywhere.
                match map.pages.get(&key) {
                    Some(u) => (Some(u.clone()), Some(key), None),
                    None => (Some(encode_path(&key)), None, None),
                }
            } else if rel.ends_with(".md") {
                (None, Some(rel.clone()), Some(format!("no page `{rel}` in content/")))
            } else {
                (None, None, Some(format!("no file `{rel}` in content/")))
            }
        }
    };
    let to_page = page.is_some();
    if rcx.report {
        rcx.links.push(LinkRef {
            line,
            col,
            raw: url.to_string(),
            page: if problem.is_none() { page } else { None },
            // Another language's anchors are not checked (its pages are parsed apart), nor
            // a file's (a PDF's `#page=3` is its viewer's).
            anchor: fragment.filter(|_| resolved.is_some() && to_page).map(percent_decode),
            problem: problem.clone(),
        });
    }
    match target_url {
        Some(u) => from_page(rcx.out_path, &u, fragment),
        None => url.to_string(),
    }
}

/// A root-absolute link to a page or file of the site, as Hugo, Docusaurus and Jekyll
/// sites write them (`/posts/b/`, `/guide/setup`, `/images/a.png` from content/ or
/// static/): the link from this page to it, checked like a relative one. None when the
/// site has no such page or file.
pub(crate) fn root_link(url: &str, at: usize, rcx: &mut RenderCx) -> Option<String> {
    let (path_part, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    // (under a base_url with a path, `/notes/x.html` is the site's `x.html` too)
    let base = rcx
        .cx
        .config
        .base_url
        .splitn(4, '/')
        .nth(3)
        .unwrap_or("")
        .trim_end_matches('/');
    let path = &path_part[1..];
    let path = match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => rest.trim_start_matches('/'),
        _ => path,
    };
    let rel = crate::util::nfc(&percent_decode(path));
    if rel.split('/').any(|s| s == "..") {
        return None;
    }
    let map = rcx.cx.links;
    let extensionless = !rel.is_empty() && !rel.ends_with('/') && !rel.rsplit('/').next().unwrap_or("").contains('.');
    let (target, page) = if rel.is_empty() {
        // (`/`: the home page, written by studysite whether or not content/ has one)
        ("index.html".to_string(), map.folders.get("").cloned())
    } else if let Some((key, u)) = map
        .find(&rel)
        .or_else(|| extensionless.then(|| map.find(&format!("{rel}/"))).flatten())
    {
        (u.clone(), Some(key.clone()))
    } else if map.assets.contains(&rel) || map.statics.contains(&rel) {
        (encode_path(&rel), None)
    } else {
        return None;
    };
    if rcx.report {
        let (line, col) = rcx.loc.line_col(at);
        rcx.links.push(LinkRef {
            line,
            col,
            raw: url.to_string(),
            anchor: fragment.filter(|_| page.is_some()).map(percent_decode),
            page,
            problem: None,
        });
    }
    Some(from_page(rcx.out_path, &target, fragment))
}

/// The link from the page written to `out_path` to `target` (a URL from the root), with
/// its fragment.
fn from_page(out_path: &str, target: &str, fragment: Option<&str>) -> String {
    let mut out = root_prefix(out_path);
    out.push_str(target);
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The one file of the site a bare file name (`pic.png`, `Note.md`, no folder) names,
/// as Obsidian resolves it: by name, in any folder (the nearest, else the shortest path).
fn bare_name(name: &str, rcx: &RenderCx) -> Option<String> {
    if name.contains('/') || !name.contains('.') {
        return None;
    }
    rcx.cx.links.wiki().resolve(name, &rcx.loc.page.folder).ok()
}

/// `/x.html`: a link from the root of the host (not `//host/x`, which is another host).
pub fn is_root_absolute(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// A root-absolute link only works when the site is served from the host's root.
pub fn warn_root_absolute(url: &str, at: usize, rcx: &mut RenderCx) {
    let base = &rcx.cx.config.base_url;
    let sub_path = base.splitn(4, '/').nth(3).is_some_and(|p| !p.is_empty());
    let help = if sub_path {
        "the site is served from a sub-path (base_url), where this link leads out of it; link to the .md file instead"
    } else {
        "it breaks from file:// and under a sub-path such as GitHub Pages project sites; link to the .md file instead"
    };
    let shown: String = url.chars().take(80).collect();
    rcx.warn(at, format!("root-absolute link `{shown}`"), Some(help));
}

/// Joins a relative link to the folder of the page, resolving `.` and `..`; `None`
/// when it climbs out of content/.
pub fn resolve(folder: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if link.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes what may not stand in a URL path (spaces, `#`, `?`, `%`, quotes).
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            // A `:` in the first segment would read as a scheme (`javascript:x`).
            ':' => out.push_str("%3A"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_paths_inside_content_only() {
        assert_eq!(resolve("", "s3.md").as_deref(), Some("s3.md"));
        assert_eq!(resolve("guide", "../s3.md").as_deref(), Some("s3.md"));
        assert_eq!(resolve("guide", "./a/b.md").as_deref(), Some("guide/a/b.md"));
        assert_eq!(resolve("", "../../etc/passwd"), None);
    }

    #[test]
    fn unsafe_schemes_are_detected_in_any_disguise() {
        assert!(unsafe_url("javascript:alert(1)", false));
        assert!(unsafe_url("javascript%3Aalert(1)", false));
        assert!(unsafe_url("%6Aavascript%3aalert(1)", false));
        assert!(unsafe_url("java%09script:alert(1)", false));
        assert_eq!(encode_path("javascript:alert(1)"), "javascript%3Aalert(1)");
        assert!(unsafe_url(" JaVaScRiPt:alert(1)", false));
        assert!(unsafe_url("java\tscript:alert(1)", false));
        assert!(unsafe_url("vbscript:msgbox", false));
        assert!(unsafe_url("data:text/html,<script>", false));
        assert!(unsafe_url("data:image/svg+xml,<svg onload=x>", true));
        assert!(!unsafe_url("data:image/png;base64,AAAA", true));
        assert!(!unsafe_url("https://example.com", false));
    }

    #[test]
    fn schemes_and_percent_encoding() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("s3.md#a:b"));
        assert_eq!(percent_decode("Hello%20World.md"), "Hello World.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(encode_path("a b#c.png"), "a%20b%23c.png");
    }

    #[test]
    fn mdbook_and_folder_names_find_the_page() {
        let mut map = LinkMap::default();
        for (rel, url) in [
            ("ch01.md", "ch01.html"),
            ("guide/README.md", "guide/index.html"),
            ("README.md", "index.html"),
        ] {
            map.pages.insert(rel.into(), url.into());
        }
        map.folders.insert("guide".into(), "guide/README.md".into());
        map.folders.insert("".into(), "README.md".into());
        let find = |r: &str| map.find(r).map(|(k, _)| k.as_str());
        assert_eq!(find("ch01.md"), Some("ch01.md"));
        assert_eq!(find("ch01.html"), Some("ch01.md"));
        assert_eq!(find("ch01/"), Some("ch01.md"));
        assert_eq!(find("guide"), Some("guide/README.md"));
        assert_eq!(find("guide/"), Some("guide/README.md"));
        assert_eq!(find("guide/index.html"), Some("guide/README.md"));
        assert_eq!(find("index.html"), Some("README.md"));
        assert_eq!(find("nope.html"), None);
    }
}
