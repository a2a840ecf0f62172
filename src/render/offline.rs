//! `offline = true` (README: Offline): the web app manifest, what the pages' `<head>` needs
//! (base.html's `offline` value), and the service worker: `static/sw.js` (a site's own
//! `static/sw.js` replaces it) with this build's precache list written before it
//! ([`super::precache`]). Without `offline` nothing here runs and pages carry nothing of it.

use std::sync::Mutex;

use serde_json::{Value, json};

use super::precache;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Assets;
use crate::sink::Sink;
use crate::site::Site;
use crate::util::content_hash;

/// The manifest's name in the output (beside the home page).
pub(super) const MANIFEST: &str = "manifest.webmanifest";
/// The service worker, at the output's root: its scope is the whole site.
pub(super) const WORKER: &str = "sw.js";

/// The colours of the manifest and of `<meta name="theme-color">`, read from the site's
/// `style.css` (`--accent` and `--bg`, the first of each: the light theme's `:root`).
struct Colours {
    theme: String,
    background: String,
}

fn colours(assets: &Assets) -> Colours {
    let css = assets
        .bytes("style.css")
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    Colours {
        theme: css_colour(&css, "--accent").unwrap_or_else(|| "#2456c7".into()),
        background: css_colour(&css, "--bg").unwrap_or_else(|| "#ffffff".into()),
    }
}

/// The value of custom property `name` when it is a hex colour (`#rgb`, `#rrggbb`, with or
/// without alpha); anything else is left to the defaults.
fn css_colour(css: &str, name: &str) -> Option<String> {
    let at = css.match_indices(name).find(|(i, _)| {
        let after = &css[i + name.len()..];
        after.trim_start().starts_with(':') && !css[..*i].ends_with(['-', '_'])
    })?;
    let rest = &css[at.0 + name.len()..];
    let rest = rest.trim_start().strip_prefix(':')?;
    let value = rest[..rest.find([';', '}', '\n']).unwrap_or(rest.len())].trim();
    let hex = value.strip_prefix('#')?;
    let ok = [3, 4, 6, 8].contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| value.to_ascii_lowercase())
}

/// The templates' `offline` value: `false`, or what base.html writes in the head.
pub(super) fn page_value(site: &Site, assets: &Assets) -> Value {
    if !site.config.offline {
        return Value::Bool(false);
    }
    json!({ "manifest": MANIFEST, "theme_color": colours(assets).theme })
}

/// A launcher's label: the title's first words that fit in 15 characters.
fn short_name(title: &str) -> String {
    const MAX: usize = 15;
    if title.chars().count() <= MAX {
        return title.to_string();
    }
    let mut out = String::new();
    for word in title.split_whitespace() {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = title.chars().take(MAX - 1).collect::<String>() + "…";
    }
    out
}

/// The web app manifest: URLs relative to it, so the site installs from any sub-path.
pub(super) fn manifest(site: &Site, assets: &Assets) -> Vec<u8> {
    let config = &site.config;
    let c = colours(assets);
    let icons: Vec<Value> = [
        ("favicon.svg", "any", "image/svg+xml"),
        ("icon-192.png", "192x192", "image/png"),
        ("icon-512.png", "512x512", "image/png"),
    ]
    .iter()
    .filter_map(|(name, sizes, kind)| {
        let src = assets.url(name)?;
        Some(json!({ "src": src, "sizes": sizes, "type": kind, "purpose": "any" }))
    })
    .collect();
    let mut m = json!({
        "id": "./",
        "name": config.title,
        "short_name": short_name(&config.title),
        "lang": config.language,
        "dir": crate::locale::dir(&config.language),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": c.theme,
        "background_color": c.background,
        "icons": icons,
    });
    if !config.description.is_empty() {
        m["description"] = Value::from(config.description.as_str());
    }
    serde_json::to_vec_pretty(&m).unwrap_or_default()
}

/// Writes the manifest unless the site has its own (in `static/` or beside the notes).
pub(super) fn write_manifest(
    site: &Site,
    assets: &Assets,
    other_static: &[(String, Vec<u8>)],
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let own = other_static.iter().any(|(rel, _)| rel == MANIFEST) || site.assets.iter().any(|a| a.rel == MANIFEST);
    if own {
        return Ok(());
    }
    sink.put(MANIFEST.into(), manifest(site, assets))
}

/// Takes the service worker's code out of the static files (the built-in, or the site's
/// own `static/sw.js` over it): it is written last, with the precache list.
pub(super) fn take_code(other_static: &mut Vec<(String, Vec<u8>)>) -> Vec<u8> {
    let mut code = Vec::new();
    other_static.retain_mut(|(rel, bytes)| {
        if rel == WORKER {
            code = std::mem::take(bytes);
        }
        rel != WORKER
    });
    code
}

/// Every file handed to the sink: its path, length and a hash of its bytes.
#[derive(Default)]
pub(super) struct Record(Mutex<Vec<precache::File>>);

impl Record {
    pub(super) fn add(&self, path: &str, parts: &[&[u8]]) {
        let hash = match parts {
            // A content-hashed name already says what is in the file.
            _ if precache::hashed_name(path) => 0,
            [one] => content_hash(one),
            _ => parts.iter().fold(0u64, |h, p| {
                content_hash(&[h.to_le_bytes(), content_hash(p).to_le_bytes()].concat())
            }),
        };
        let file = precache::File {
            path: path.to_string(),
            bytes: parts.iter().map(|p| p.len()).sum(),
            hash,
        };
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }

    fn take(&self) -> Vec<precache::File> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The service worker: the precache list of every file recorded so far, then `code`.
pub(super) fn worker(site: &Site, record: &Record, code: &[u8]) -> Vec<u8> {
    let plan = precache::plan(site, record.take(), code, precache::cap());
    let list = json!({
        "version": plan.version,
        "files": plan.files,
        "required": plan.required,
        "hashed": plan.hashed,
        "later": plan.later,
    });
    let mut out = String::from(
        "/* studysite: generated by the build. The files this build's service worker keeps for offline\n   use, relative to it (README: Offline); the worker's code follows. */\nself.STUDYSITE_PRECACHE = ",
    );
    out.push_str(&serde_json::to_string(&list).unwrap_or_default());
    out.push_str(";\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(code);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_come_from_the_first_hex_value_of_each_property() {
        let css = ":root {\n  --bg: #FFFFFF;\n  --bg-soft: #f5f7fa;\n  --accent: #2456c7;\n  --accent-fg: #fff;\n}\nhtml[data-theme=dark] { --accent: #7aa7ff; }";
        assert_eq!(css_colour(css, "--accent").as_deref(), Some("#2456c7"));
        assert_eq!(css_colour(css, "--bg").as_deref(), Some("#ffffff"));
        assert_eq!(css_colour(":root{--x-bg: #123456; --bg: red}", "--bg"), None);
        assert_eq!(css_colour(":root{--accent: #12345}", "--accent"), None);
        assert_eq!(css_colour(":root{--accent: #abc\"<x>}", "--accent"), None);
    }

    #[test]
    fn short_names_keep_whole_words() {
        assert_eq!(short_name("AWS DVA-C02 Notes"), "AWS DVA-C02");
        assert_eq!(short_name("Biology"), "Biology");
        assert_eq!(short_name("Supercalifragilisticexpialidocious"), "Supercalifragi…");
    }

    #[test]
    fn the_worker_code_is_taken_out_of_the_static_files() {
        let mut files = vec![
            ("sw.js".to_string(), b"builtin".to_vec()),
            ("img/a.png".to_string(), b"png".to_vec()),
            ("sw.js".to_string(), b"own".to_vec()),
        ];
        assert_eq!(take_code(&mut files), b"own");
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "img/a.png");
    }
}
