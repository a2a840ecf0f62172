//! Parsed pages kept by `serve` between rebuilds, and parsing every page of a site in
//! parallel through them.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::SourcePage;
use crate::markdown::{LinkMap, ParseCtx};
use crate::page::{ParsedPage, parse_page};

/// Parsed pages of earlier builds, kept by `serve` between rebuilds: a page whose text
/// and place are unchanged, in a site whose configuration and set of pages and assets
/// (what links resolve against) are unchanged, is not parsed again.
#[derive(Default)]
pub struct ParseCache(
    Mutex<HashMap<String, (u64, ParsedPage)>>,
    Mutex<HashMap<String, std::sync::Arc<ParseCache>>>,
);

impl ParseCache {
    /// The cache of one language of a site of several (their pages share paths).
    pub fn for_language(&self, code: &str) -> std::sync::Arc<ParseCache> {
        let mut map = self.1.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(code.to_string()).or_default().clone()
    }

    fn get(&self, rel: &str, key: u64) -> Option<ParsedPage> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(rel).filter(|(k, _)| *k == key).map(|(_, p)| p.clone())
    }

    fn put(&self, rel: &str, key: u64, page: &ParsedPage) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.insert(rel.to_string(), (key, page.clone()));
    }

    /// Forgets pages that are gone.
    fn retain(&self, rels: &std::collections::HashSet<&str>) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|rel, _| rels.contains(rel.as_str()));
    }
}

/// What every page's parse depends on besides its own file.
fn parse_env_key(config: &Config, links: &LinkMap, quiz_out: &str) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_string(config).unwrap_or_default().hash(&mut h);
    let mut pages: Vec<(&String, &String)> = links.pages.iter().collect();
    pages.sort_unstable();
    pages.hash(&mut h);
    let mut assets: Vec<&String> = links.assets.iter().collect();
    assets.sort_unstable();
    assets.hash(&mut h);
    let mut aliases: Vec<(&String, &Vec<String>)> = links.aliases.iter().collect();
    aliases.sort_unstable();
    aliases.hash(&mut h);
    quiz_out.hash(&mut h);
    for other in &links.languages {
        let mut pages: Vec<(&String, &String)> = other.links.pages.iter().collect();
        pages.sort_unstable();
        (&other.code, &other.href, pages).hash(&mut h);
    }
    h.finish()
}

fn parse_page_key(env: u64, p: &SourcePage) -> u64 {
    let mut h = DefaultHasher::new();
    (env, &p.rel, &p.source, &p.out_path, &p.url, &p.folder).hash(&mut h);
    h.finish()
}

/// Parses every page, in parallel, reusing the pages of `cache` that have not changed.
pub(super) fn parse_all(pages: &[SourcePage], cx: &ParseCtx, cache: Option<&ParseCache>) -> Vec<ParsedPage> {
    let parsed = parse_each(pages, cx, cache);
    crate::markdown::highlight_memo::forget();
    parsed
}

fn parse_each(pages: &[SourcePage], cx: &ParseCtx, cache: Option<&ParseCache>) -> Vec<ParsedPage> {
    match cache {
        None => pages.par_iter().map(|p| parse_page(p, cx)).collect(),
        Some(cache) => {
            let env = parse_env_key(cx.config, cx.links, cx.quiz_out_path);
            cache.retain(&pages.iter().map(|p| p.rel.as_str()).collect());
            pages
                .par_iter()
                .map(|p| {
                    // A page that embeds notes depends on their text too.
                    if p.source.contains("![[") {
                        return parse_page(p, cx);
                    }
                    let key = parse_page_key(env, p);
                    cache.get(&p.rel, key).unwrap_or_else(|| {
                        let parsed = parse_page(p, cx);
                        cache.put(&p.rel, key, &parsed);
                        parsed
                    })
                })
                .collect()
        }
    }
}
