//! What the links of every page resolve against (parse stage, built once before the
//! pages are parsed): the pages by source path (and by their own file name when it is
//! not `.md`), aliases, folders' own and first pages, assets, the site's `static/`
//! files and the generated pages.

use std::collections::HashMap;
use std::path::Path;

use crate::config::Config;
use crate::content;
use crate::markdown::LinkMap;
use crate::routes::{GENERATED, special_path};

/// What links resolve against: every page and asset of the site (keys in NFC), the
/// generated pages; and the quiz page's output path.
pub fn link_map(loaded: &content::LoadedContent, config: &Config) -> (LinkMap, String) {
    let mut links = LinkMap::default();
    for p in &loaded.pages {
        // Keys in NFC: a file saved in NFD (macOS) still matches a link typed in NFC.
        links.pages.insert(crate::util::nfc(&p.rel), p.url.clone());
        // A page read from `post.markdown` (its source path `post.md`) by its own name too.
        if let Some(real) = p.own_name() {
            links.pages.insert(crate::util::nfc(&real), p.url.clone());
        }
        for alias in p.front.aliases.iter().filter(|a| !crate::redirects::is_address(a)) {
            let pages = links
                .aliases
                .entry(crate::util::nfc(alias.trim()).to_lowercase())
                .or_default();
            pages.push(crate::util::nfc(&p.rel));
            pages.dedup();
        }
        if p.kind != content::PageKind::Page {
            links
                .folders
                .insert(crate::util::nfc(&p.folder), crate::util::nfc(&p.rel));
        }
    }
    links.first_in = first_pages(&loaded.pages, &links.folders);
    links.assets = loaded.assets.iter().map(|a| crate::util::nfc(&a.rel)).collect();
    // Notes may link to the generated pages as if they were files beside them.
    for name in GENERATED {
        links
            .pages
            .insert(format!("{name}.html"), special_path(name, config.url_style).1);
    }
    let quiz_out = special_path("quiz", config.url_style).0;
    (links, quiz_out)
}

/// Each folder without a page of its own → its first page, by weight and then the
/// natural order of paths (the order its sidebar shows when no nav file says otherwise).
fn first_pages(pages: &[content::SourcePage], own: &HashMap<String, String>) -> HashMap<String, String> {
    let mut first: HashMap<String, (i64, &str)> = HashMap::new();
    for p in pages.iter().filter(|p| p.kind == content::PageKind::Page) {
        let key = (p.front.weight.unwrap_or(i64::MAX), p.rel.as_str());
        let mut folder = p.folder.as_str();
        while !folder.is_empty() {
            if !own.contains_key(folder) {
                let better = first.get(folder).is_none_or(|(w, rel)| {
                    key.0
                        .cmp(w)
                        .then_with(|| crate::natural::natural_cmp(key.1, rel))
                        .is_lt()
                });
                if better {
                    first.insert(folder.to_string(), key);
                }
            }
            folder = folder.rsplit_once('/').map_or("", |(f, _)| f);
        }
    }
    first
        .into_iter()
        .map(|(f, (_, rel))| (crate::util::nfc(&f), crate::util::nfc(rel)))
        .collect()
}

/// The files of the site's own `static/` folder (copied to the output's root as they
/// are), by path inside it: what a root-absolute link (`/images/a.png`) may name.
pub(super) fn static_files(root: &Path) -> std::collections::HashSet<String> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Default::default();
    }
    walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !content::is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?.to_str()?.replace('\\', "/");
            Some(crate::util::nfc(&rel))
        })
        .collect()
}
