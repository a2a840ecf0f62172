//! The commands' way through the stages, and the only module that knows their order:
//! load and parse ([`Site::load`]) → render ([`crate::render`]) → write (the staging
//! folder of [`crate::output`], swapped in at the end). `build` and `check` are the two
//! ways through it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{self, Diagnostic, Severity};
use crate::output;
use crate::render;
use crate::site::Site;
use crate::timings::Phases;

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
    let mut site = Site::load(&root, opts.drafts, opts.base_url.as_deref())?;
    site.shed_checked();
    phases.mark("load + parse");
    let minify = site.config.minify && !opts.no_minify;
    // Files are written into the staging folder as they are rendered; dropped on an
    // error, the staging folder removes itself and the previous output stays.
    let staging = output::Staging::new(&out).map_err(|d| vec![d])?;
    let stats = render::render_to(&site, minify, &staging, &mut phases)?;
    phases.mark("render + write");
    staging.commit().map_err(|d| vec![d])?;
    phases.mark("swap");
    phases.report();
    let questions = site.question_count();
    let mut warnings = std::mem::take(&mut site.warnings);
    warnings.extend(std::mem::take(&mut site.link_problems));
    diagnostics::sort(&mut warnings);
    // Freeing every parsed page takes a while on a large site and the command is about
    // to end: it happens on another thread, cut short by the exit (or here, if no thread
    // can be made: a failed spawn drops the closure, and the site with it).
    let _ = std::thread::Builder::new().spawn(move || drop(site));
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
    let mut all = match Site::load(root, true, None) {
        Err(d) => d,
        Ok(site) => {
            let mut d = Vec::new();
            if let Err(e) = render::render(&site, false) {
                d.extend(e);
            }
            d.extend(site.warnings);
            d.extend(site.link_problems.into_iter().map(|mut l| {
                l.severity = Severity::Error;
                l
            }));
            d
        }
    };
    diagnostics::sort(&mut all);
    all
}
