//! Stage 3, render: parsed pages → finished files. Runs the Tera templates for every
//! page and the generated pages (home, questions, quiz, cheat sheet, 404), writes the
//! data files and sitemap, copies the theme's and the site's static files, and
//! minifies HTML. One file per generated page or data file; this one runs them.

mod answer_key;
mod cheatsheet;
mod common;
pub mod export;
mod home;
mod learn;
mod minify;
mod nav_splice;
mod not_found;
mod offline;
mod pages;
mod precache;
mod question_html;
mod question_parts;
mod questions;
mod quiz;
pub mod quiz_parts;
pub mod quizdata;
mod redirects;
mod sitemap;
mod strings;

use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::fingerprint::{self, Assets};
pub use crate::markdown::MAX_MINIFY_DEPTH;
pub use crate::routes::special_path;
use crate::sink::{MemorySink, Output, Sink};
use crate::site::Site;
use crate::theme::{self, SiteTemplate};
use crate::timings::Phases;
use common::Common;
pub use minify::compact_blocks;
pub use sitemap::sitemap_urls;

/// Renders the whole site into memory (`serve`, `check`).
pub fn render(site: &Site, minify: bool) -> Result<Output, Vec<Diagnostic>> {
    let sink = MemorySink::default();
    let stats = render_to(site, minify, &sink, &mut Phases::new(std::time::Instant::now()))?;
    let mut out = sink.into_output();
    out.search_units = stats.search_units;
    Ok(out)
}

/// What a render made, for the summary line.
#[derive(Debug, Default)]
pub struct Stats {
    pub html_files: usize,
    pub bytes: usize,
    pub search_units: usize,
}

/// Counts what goes through to the real sink (and records it for the offline precache list).
struct Counting<'a> {
    sink: &'a dyn Sink,
    html: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicUsize,
    record: Option<offline::Record>,
}

impl Counting<'_> {
    fn count(&self, path: &str, len: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        if path.ends_with(".html") {
            self.html.fetch_add(1, Relaxed);
        }
        self.bytes.fetch_add(len, Relaxed);
    }
}

impl Sink for Counting<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.count(&path, bytes.len());
        if let Some(r) = &self.record {
            r.add(&path, &[&bytes]);
        }
        self.sink.put(path, bytes)
    }

    fn put_parts(&self, path: String, parts: Vec<Vec<u8>>) -> Result<(), Diagnostic> {
        self.count(&path, parts.iter().map(Vec::len).sum());
        if let Some(r) = &self.record {
            r.add(&path, &parts.iter().map(Vec::as_slice).collect::<Vec<_>>());
        }
        self.sink.put_parts(path, parts)
    }
}

/// What pages need before the first is rendered: the templates, and the assets with
/// their content-hashed names (the data files among them already written).
struct Prepared {
    tera: Tera,
    own_templates: Vec<SiteTemplate>,
    assets: Assets,
    /// The site's static files outside assets/.
    other_static: Vec<(String, Vec<u8>)>,
    search_names: Vec<&'static str>,
    search_units: usize,
    /// The quiz data is a manifest and a script per section ([`quiz_parts`]).
    quiz_split: bool,
}

/// Renders the whole site, handing every file to `sink` as soon as it is made.
pub fn render_to(site: &Site, minify: bool, sink: &dyn Sink, phases: &mut Phases) -> Result<Stats, Vec<Diagnostic>> {
    let sink = Counting {
        sink,
        html: Default::default(),
        bytes: Default::default(),
        record: site.config.offline.then(Default::default),
    };
    let mut prepared = prepare(site, &sink, phases)?;
    let mut common = Common::new(
        site,
        &prepared.tera,
        &prepared.assets,
        minify,
        &prepared.search_names,
        &prepared.own_templates,
    );
    common.quiz_split = prepared.quiz_split;
    common
        .base
        .insert("offline", &offline::page_value(site, &prepared.assets));
    // Note and folder pages in parallel with the generated pages; each file goes to the
    // sink as soon as it is made.
    let (mut errors, special_errors) = rayon::join(
        || pages::render(&common, site, &sink),
        || {
            let mut errors = Vec::new();
            render_specials(&common, site, &sink, &mut errors);
            errors
        },
    );
    errors.extend(special_errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    phases.mark("pages");
    drop(common);
    let mut worker_code = Vec::new();
    if site.config.offline {
        worker_code = offline::take_code(&mut prepared.other_static);
        offline::write_manifest(site, &prepared.assets, &prepared.other_static, &sink).map_err(|e| vec![e])?;
    }
    errors.extend(write_static(site, prepared.assets, prepared.other_static, &sink));
    if let Some(record) = &sink.record
        && errors.is_empty()
    {
        let worker = offline::worker(site, record, &worker_code);
        errors.extend(sink.put(offline::WORKER.into(), worker).err());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    use std::sync::atomic::Ordering::Relaxed;
    Ok(Stats {
        html_files: sink.html.load(Relaxed),
        bytes: sink.bytes.load(Relaxed),
        search_units: prepared.search_units,
    })
}

/// Reads the templates and the theme's files while the quiz and search data are made,
/// then gives everything under assets/ its content-hashed name (pages link to those
/// names, fingerprint.rs) and writes the data files.
fn prepare(site: &Site, sink: &dyn Sink, phases: &mut Phases) -> Result<Prepared, Vec<Diagnostic>> {
    // A sharded search index's shards are named and written as they are made.
    let emit = |_name: String, hashed: String, text: String| {
        sink.put(format!("{}{hashed}", fingerprint::DIR), text.into_bytes())
    };
    let ((templates, sources), (quiz_data, search)) = rayon::join(
        || (theme::templates(&site.root), fingerprint::sources(site)),
        || {
            rayon::join(
                // The quiz data's parts are written beside the search index's making.
                || quiz_parts::quiz_files(site, &|hashed, text| emit(String::new(), hashed, text)),
                || crate::search::build(site, &emit),
            )
        },
    );
    let quiz_data = quiz_data.map_err(|e| vec![e])?;
    let quiz_split = quiz_data.split;
    let (tera, own_templates) = templates?;
    let (mut sources, other_static) = sources?;
    strings::add_tables(&mut sources, &site.config);
    let search = search.map_err(|e| vec![e])?;
    let search_names: Vec<&str> = search.listed.clone();
    let data_files: Vec<String> = std::iter::once("quiz-data.js".to_string())
        .chain(search.files.iter().map(|(name, _)| name.clone()))
        .collect();
    sources.insert("quiz-data.js".into(), quiz_data.data.into());
    sources.extend(search.files.into_iter().map(|(name, text)| (name, text.into_bytes())));
    phases.mark("quiz data + search index");
    let mut assets = Assets::new(sources);
    let stale = fingerprint::check_templates(&own_templates, &assets);
    if !stale.is_empty() {
        return Err(stale);
    }
    // The quiz and search data are most of a large site's assets: written now, not held
    // while the pages render.
    for name in &data_files {
        if let Some((path, bytes)) = assets.take(name) {
            sink.put(path, bytes).map_err(|e| vec![e])?;
        }
    }
    Ok(Prepared {
        tera,
        own_templates,
        assets,
        other_static,
        search_names,
        search_units: search.units,
        quiz_split,
    })
}

/// The fingerprinted assets, the site's other static files, then content assets, and
/// the files for hosts.
fn write_static(site: &Site, assets: Assets, other_static: Vec<(String, Vec<u8>)>, sink: &dyn Sink) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut errors = Vec::new();
    let mut put = |path: String, bytes: Vec<u8>| {
        if let Err(e) = sink.put(path, bytes) {
            errors.push(e);
        }
    };
    for (path, bytes) in assets.into_files() {
        put(path, bytes);
    }
    // The files for hosts are generated only where the author has none of their own.
    let mut authors: std::collections::HashSet<String> = site.assets.iter().map(|a| a.rel.clone()).collect();
    for (rel, bytes) in other_static {
        authors.insert(rel.clone());
        put(rel, bytes);
    }
    let mut read_errors = Vec::new();
    for a in &site.assets {
        match std::fs::read(&a.path) {
            Ok(bytes) => put(a.rel.clone(), bytes),
            Err(e) => read_errors.push(Diagnostic::error(&a.path, format!("cannot read: {e}"))),
        }
    }
    // A site of several languages has these once, at the default language's root.
    let at_root = site.language.as_ref().is_none_or(|m| m.current == 0);
    let mut generated = Vec::new();
    if at_root {
        generated.push((".nojekyll".to_string(), Vec::new()));
    }
    if !config.base_url.is_empty() && at_root {
        generated.push(("sitemap.xml".into(), sitemap::sitemap(site, config).into_bytes()));
        generated.push((
            "robots.txt".into(),
            format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", config.base_url).into_bytes(),
        ));
    }
    for (rel, bytes) in generated {
        if !authors.contains(&rel) {
            put(rel, bytes);
        }
    }
    errors.extend(read_errors);
    errors
}

/// The generated pages: home, questions, quiz, cheat sheet, 404.
fn render_specials(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    home::render(common, site, out, errors);
    questions::render(common, site, out, errors);
    quiz::render(common, site, out, errors);
    cheatsheet::render(common, site, out, errors);
    not_found::render(common, site, out, errors);
    redirects::render(site, out, errors);
}
