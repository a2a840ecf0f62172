//! Which files the offline service worker keeps (README: Offline), in order:
//!
//! 1. required: the shell and the data — every script, stylesheet and font under `assets/`
//!    (the search index with its shards and the quiz data with its parts among them), the
//!    icons and the manifest — and the home, questions and quiz pages;
//! 2. the note and folder pages in reading order;
//! 3. the other pages (cheat sheet, parts of a split questions page, redirects);
//! 4. everything else (images and files beside the notes, the site's static files).
//!
//! Everything is kept when it all fits in the cap ([`CAP`], bytes as written); above it
//! the required files always are, then the others in that order until the next one would
//! pass the cap; the rest are cached when visited (`later` counts them). Never listed:
//! the worker itself, host files (`404.html`, which a host answers missing paths with,
//! `robots.txt`, `sitemap.xml`, `CNAME`, `_headers`, `_redirects`) and dot-files
//! (`.nojekyll`), which no page loads.

use std::collections::HashMap;

use crate::markdown::links::encode_path;
use crate::routes::special_path;
use crate::site::Site;
use crate::util::content_hash;

/// The bytes precached at most, beyond the required files: 20 MiB.
pub const CAP: usize = 20 * 1024 * 1024;

/// The cap, or `STUDYSITE_OFFLINE_CAP` (bytes) where set: the tests' way to a large site.
pub(super) fn cap() -> usize {
    std::env::var("STUDYSITE_OFFLINE_CAP")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(CAP)
}

/// A file handed to the sink.
#[derive(Debug, Clone)]
pub(super) struct File {
    pub(super) path: String,
    pub(super) bytes: usize,
    pub(super) hash: u64,
}

/// The precache list of a build.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Changes with any file of the build or the worker's code: names the cache.
    pub(super) version: String,
    /// URLs relative to the worker, the required ones first.
    pub(super) files: Vec<String>,
    pub(super) required: usize,
    /// The listed files with content-hashed names (cache-first, kept across builds).
    pub(super) hashed: Vec<String>,
    /// Files left to be cached when visited (above the cap).
    pub(super) later: usize,
}

/// Host files and dot-files: in the output, but no page of the site loads them (a missing
/// page offline is the browser's own "no connection" page, not the host's 404).
pub(super) fn skipped(path: &str) -> bool {
    const HOST_FILES: &[&str] = &[
        "sw.js",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "CNAME",
        "_headers",
        "_redirects",
    ];
    HOST_FILES.contains(&path) || path.split('/').any(|seg| seg.starts_with('.'))
}

fn is_shell(path: &str) -> bool {
    let Some(name) = path.strip_prefix(crate::fingerprint::DIR) else {
        return false;
    };
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    matches!(ext.as_str(), "js" | "css" | "woff2" | "woff" | "ttf" | "otf")
}

/// Rank of each file: 0 required, 1 pages in reading order (by position), 2 other pages,
/// 3 the rest.
fn ranker(site: &Site) -> impl Fn(&str) -> (u8, usize) + '_ {
    let style = site.config.url_style;
    let main: Vec<String> = [
        "index.html".to_string(),
        super::offline::MANIFEST.to_string(),
        special_path("questions", style).0,
        special_path("quiz", style).0,
    ]
    .into_iter()
    .collect();
    let reading: HashMap<&str, usize> = site
        .order
        .iter()
        .enumerate()
        .map(|(n, &i)| (site.pages[i].source.out_path.as_str(), n))
        .collect();
    move |path: &str| {
        if is_shell(path) || main.iter().any(|m| m == path) || is_icon(path) {
            (0, 0)
        } else if let Some(&n) = reading.get(path) {
            (1, n)
        } else if path.ends_with(".html") {
            (2, 0)
        } else {
            (3, 0)
        }
    }
}

/// The theme's icons (hashed names): `assets/favicon.<hash>.svg`, `assets/icon-192.<hash>.png`.
fn is_icon(path: &str) -> bool {
    let Some(name) = path.strip_prefix(crate::fingerprint::DIR) else {
        return false;
    };
    ["favicon.", "icon-192.", "icon-512."]
        .iter()
        .any(|p| name.starts_with(p))
        && !name.contains('/')
}

/// A content-hashed name under `assets/`: `style.<10 hex>.css`, `LICENSE.<10 hex>`
/// ([`crate::fingerprint::fingerprint`]).
pub(super) fn hashed_name(path: &str) -> bool {
    let Some(name) = path.strip_prefix(crate::fingerprint::DIR) else {
        return false;
    };
    let file = name.rsplit('/').next().unwrap_or(name);
    let is_hash =
        |s: &str| s.len() == crate::fingerprint::HASH_LEN && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let parts: Vec<&str> = file.split('.').collect();
    match parts.len() {
        0 | 1 => false,
        2 => is_hash(parts[1]),
        n => is_hash(parts[n - 2]) || is_hash(parts[n - 1]),
    }
}

/// The precache list of `files` (every file of the build but the worker) within `cap`.
pub(super) fn plan(site: &Site, mut files: Vec<File>, code: &[u8], cap: usize) -> Plan {
    // A path written twice holds what was written last.
    files.reverse();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|next, kept| next.path == kept.path);
    let mut summary = String::with_capacity(files.len() * 48);
    for f in &files {
        summary.push_str(&format!("{}\0{:016x}\n", f.path, f.hash));
    }
    summary.push_str(&format!("{:016x}", content_hash(code)));
    let version = format!("{:016x}", content_hash(summary.as_bytes()));
    let rank = ranker(site);
    let mut listed: Vec<((u8, usize), File)> = files
        .into_iter()
        .filter(|f| !skipped(&f.path))
        .map(|f| (rank(&f.path), f))
        .collect();
    listed.sort_by_key(|(r, _)| *r);
    let total: usize = listed.iter().map(|(_, f)| f.bytes).sum();
    let mut plan = Plan {
        version,
        ..Plan::default()
    };
    let mut used = 0;
    let mut full = false;
    for ((r, _), f) in listed {
        let required = r == 0;
        if !required && (full || (total > cap && used + f.bytes > cap)) {
            full = true;
            plan.later += 1;
            continue;
        }
        used += f.bytes;
        plan.required += usize::from(required);
        let url = encode_path(&f.path);
        if hashed_name(&f.path) {
            plan.hashed.push(url.clone());
        }
        plan.files.push(url);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_files_and_dot_files_are_never_listed() {
        for p in [
            ".nojekyll",
            "sw.js",
            "404.html",
            "robots.txt",
            "sitemap.xml",
            "CNAME",
            "a/.hidden/x.png",
        ] {
            assert!(skipped(p), "{p}");
        }
        for p in [
            "index.html",
            "assets/style.0123456789.css",
            "img/sw.js",
            "notes/a.b.png",
        ] {
            assert!(!skipped(p), "{p}");
        }
    }

    #[test]
    fn hashed_names_are_told_apart() {
        assert!(hashed_name("assets/style.0123456789.css"));
        assert!(hashed_name("assets/fonts/a.abcdef0123.woff2"));
        assert!(hashed_name("assets/LICENSE.abcdef0123"));
        assert!(!hashed_name("assets/style.css"));
        assert!(!hashed_name("img/style.0123456789.css"));
        assert!(!hashed_name("assets/style.0123456789x.css"));
    }

    #[test]
    fn the_shell_is_every_script_style_and_font_under_assets() {
        assert!(is_shell("assets/search-index.0123456789.js"));
        assert!(is_shell("assets/fonts/latinmodern-math.0123456789.woff2"));
        assert!(!is_shell("assets/diagram.0123456789.png"));
        assert!(!is_shell("img/x.js"));
    }
}
