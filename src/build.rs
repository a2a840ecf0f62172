//! The commands' way through the stages, and the only module that knows their order:
//! load and parse ([`Site::load`]) → render ([`crate::render`]) → write (the staging
//! folder of [`crate::output`], swapped in at the end). `build` and `check` are the two
//! ways through it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::Arc;

use crate::diagnostics::{self, Diagnostic, Severity};
use crate::languages::{self, Lang, Membership};
use crate::output;
use crate::render;
use crate::sink::{MemorySink, Output, Prefixed, Sink};
use crate::site::{ParseCache, Site};
use crate::timings::Phases;

/// One language's site and the folder of the output it is written to ("" for a site
/// of one language, and for the default language of several).
pub struct Built {
    pub prefix: String,
    pub site: Site,
}

/// Loads and parses the site: one [`Site`], or one per language of a site with
/// `[languages]`, each knowing the others ([`Site::language`]).
pub fn load_sites(
    root: &Path,
    drafts: bool,
    base_url: Option<&str>,
    cache: Option<&ParseCache>,
) -> Result<Vec<Built>, Vec<Diagnostic>> {
    let root = output::absolute(root);
    crate::site::start_highlighter();
    let (config, warnings) = crate::site::load_config(&root, base_url)?;
    if config.languages.is_empty() {
        let site = Site::load_configured(&root, config, warnings, drafts, cache)?;
        return Ok(vec![Built {
            prefix: String::new(),
            site,
        }]);
    }
    let plans = languages::plan(&root, &config)?;
    let mut errors = Vec::new();
    let mut loaded = Vec::new();
    for p in &plans {
        match crate::content::load(&root, &p.content, &p.config, drafts, Default::default()) {
            Ok(l) => loaded.push(l),
            Err(e) => errors.extend(e),
        }
    }
    errors.extend(languages::prefix_collisions(&plans, &loaded));
    if !errors.is_empty() {
        errors.extend(warnings);
        return Err(errors);
    }
    let maps: Vec<Arc<_>> = plans
        .iter()
        .zip(&loaded)
        .map(|(p, l)| Arc::new(crate::site::link_map(l, &p.config).0))
        .collect();
    let mut warnings = Some(warnings);
    let mut sites = Vec::new();
    for (i, (p, l)) in plans.iter().zip(loaded).enumerate() {
        let others = languages::others(&plans, &maps, i);
        let cache = cache.map(|c| c.for_language(&p.code));
        let w = warnings.take().unwrap_or_default();
        match Site::from_loaded(&root, &p.content, p.config.clone(), w, l, cache.as_deref(), others) {
            Ok(site) => sites.push(site),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for s in &mut sites {
        let dups = languages::duplicate_keys(s.pages.iter().map(|pg| &pg.source));
        s.warnings.extend(dups);
    }
    let langs = plans
        .iter()
        .zip(&sites)
        .map(|(p, s)| {
            let pages = s
                .pages
                .iter()
                .map(|pg| (languages::page_key(&pg.source), pg.source.url.clone()));
            Lang::new(p, pages.collect(), render::sitemap_urls(s))
        })
        .collect();
    let family = languages::Family::new(langs, &plans[0].config);
    Ok(plans
        .into_iter()
        .zip(sites)
        .enumerate()
        .map(|(current, (p, mut site))| {
            site.language = Some(Membership {
                family: family.clone(),
                current,
            });
            Built { prefix: p.prefix, site }
        })
        .collect())
}

/// Renders every language into `sink`, each in its folder.
fn render_all(
    sites: &[Built],
    minify: bool,
    sink: &dyn Sink,
    phases: &mut Phases,
) -> Result<render::Stats, Vec<Diagnostic>> {
    let mut total = render::Stats::default();
    for b in sites {
        let prefixed = Prefixed {
            sink,
            prefix: &b.prefix,
        };
        let stats = render::render_to(&b.site, minify, &prefixed, phases)?;
        total.html_files += stats.html_files;
        total.bytes += stats.bytes;
        total.search_units += stats.search_units;
    }
    Ok(total)
}

/// Renders every language into memory (`serve`, `check`).
pub fn render_sites(sites: &[Built], minify: bool) -> Result<Output, Vec<Diagnostic>> {
    let sink = MemorySink::default();
    let stats = render_all(sites, minify, &sink, &mut Phases::new(Instant::now()))?;
    let mut out = sink.into_output();
    out.search_units = stats.search_units;
    Ok(out)
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub no_minify: bool,
    pub force: bool,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub questions: usize,
    pub search_units: usize,
    pub bytes: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let size = if self.bytes >= 1_000_000 {
            format!("{:.1} MB", self.bytes as f64 / 1e6)
        } else {
            format!("{:.0} KB", self.bytes as f64 / 1e3)
        };
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        let time = if ms >= 1000.0 {
            format!("{:.2} s", ms / 1000.0)
        } else {
            format!("{ms:.0} ms")
        };
        write!(
            f,
            "Built {} pages, {} questions, {} search entries ({size}) in {time}",
            self.pages, self.questions, self.search_units
        )
    }
}

/// `studysite build`: the whole pipeline, writing to the output folder. On success,
/// returns the summary and the warnings; on failure, every problem found.
pub fn build(opts: &BuildOptions) -> Result<(Summary, Vec<Diagnostic>), Vec<Diagnostic>> {
    let start = Instant::now();
    let root = output::absolute(&opts.root);
    let out = opts
        .output
        .clone()
        .map(|o| output::output_location(&o))
        .unwrap_or_else(|| root.join("public"));
    output::check_output_dir(&root, &out, opts.force).map_err(|d| vec![d])?;
    let _lock = output::lock(&out).map_err(|d| vec![d])?;
    let mut phases = Phases::new(start);
    let mut sites = load_sites(&root, opts.drafts, opts.base_url.as_deref(), None)?;
    for b in &mut sites {
        b.site.shed_checked();
    }
    phases.mark("load + parse");
    let minify = sites[0].site.config.minify && !opts.no_minify;
    // Files are written into the staging folder as they are rendered; dropped on an
    // error, the staging folder removes itself and the previous output stays.
    let staging = output::Staging::new(&out).map_err(|d| vec![d])?;
    let stats = render_all(&sites, minify, &staging, &mut phases)?;
    phases.mark("render + write");
    staging.commit().map_err(|d| vec![d])?;
    phases.mark("swap");
    phases.report();
    let questions = sites.iter().map(|b| b.site.question_count()).sum();
    let mut warnings = Vec::new();
    for b in &mut sites {
        warnings.extend(std::mem::take(&mut b.site.warnings));
        warnings.extend(std::mem::take(&mut b.site.link_problems));
    }
    diagnostics::sort(&mut warnings);
    // Freeing every parsed page takes a while on a large site and the command is about
    // to end: it happens on another thread, cut short by the exit (or here, if no thread
    // can be made: a failed spawn drops the closure, and the site with it).
    let _ = std::thread::Builder::new().spawn(move || drop(sites));
    let summary = Summary {
        pages: stats.html_files,
        questions,
        search_units: stats.search_units,
        bytes: stats.bytes,
        elapsed: start.elapsed(),
    };
    Ok((summary, warnings))
}

/// `studysite check`: everything `build` checks plus links as errors; writes nothing.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    let mut all = match load_sites(root, true, None, None) {
        Err(d) => d,
        Ok(sites) => {
            let mut d = Vec::new();
            if let Err(e) = render_sites(&sites, false) {
                d.extend(e);
            }
            if let [only] = &sites[..] {
                d.extend(languages::hint(&only.site.root, &only.site.config));
            }
            for b in sites {
                d.extend(b.site.warnings);
                d.extend(b.site.link_problems.into_iter().map(|mut l| {
                    l.severity = Severity::Error;
                    l
                }));
            }
            d
        }
    };
    diagnostics::sort(&mut all);
    all
}
