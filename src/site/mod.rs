//! The loaded and parsed site, the end of stage 2: the configuration, every page
//! loaded ([`crate::content`]) and parsed ([`crate::page`]), the navigation tree, and
//! the checks across pages (duplicate question ids, broken links). Render reads it;
//! [`crate::build`] runs the stages in order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::{self, ContentAsset, SourcePage};
use crate::diagnostics::{Diagnostic, Severity};
use crate::markdown::{Highlighter, ParseCtx};
use crate::nav::{self, NavNode};
pub use crate::page::Page;
use crate::util::absolute;

mod cache;
mod include_only;
mod link_map;

pub use link_map::link_map;
use link_map::static_files;

pub use cache::ParseCache;
use cache::parse_all;

pub const CONFIG_FILE: &str = "studysite.toml";

/// A loaded and parsed site, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub pages: Vec<Page>,
    pub assets: Vec<ContentAsset>,
    pub nav: Vec<NavNode>,
    /// Page indices in reading order.
    pub order: Vec<usize>,
    /// Warnings found while loading and parsing.
    pub warnings: Vec<Diagnostic>,
    /// Broken internal links and anchors: warnings in `build`, errors in `check`.
    pub link_problems: Vec<Diagnostic>,
    /// Files outside content/ the build read (`mkdocs.yml`, included files), which
    /// `serve` watches.
    pub read_outside: Vec<PathBuf>,
    /// In a site of several languages, which one this is and the others.
    pub language: Option<crate::languages::Membership>,
}

/// The largest `studysite.toml` read (a configuration is a few hundred bytes).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The site's configuration file, or an error telling how to make one. Only a regular
/// file inside the site, at most [`MAX_CONFIG_BYTES`], is read: a link out of the site,
/// a FIFO or `/dev/zero` in its place is an error that shows nothing of it.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
    use std::io::Read;
    let path = root.join(CONFIG_FILE);
    let refuse = |why: &str| {
        vec![Diagnostic::error(
            &path,
            format!("not reading the configuration: {why}"),
        )]
    };
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(vec![
                Diagnostic::error(&path, format!("no {CONFIG_FILE} in {}", root.display())).with_help(
                    "run studysite in a site folder, pass the folder as DIR, or create one with `studysite init DIR`",
                ),
            ]);
        }
        Ok(m) if m.file_type().is_symlink() => {
            let inside = path.canonicalize().is_ok_and(|t| t.starts_with(absolute(root)));
            if !inside {
                return Err(refuse("it is a symbolic link that leads out of the site (or nowhere)"));
            }
        }
        _ => {}
    }
    let meta = std::fs::metadata(&path).map_err(|e| vec![Diagnostic::error(&path, format!("cannot read: {e}"))])?;
    if !meta.is_file() {
        return Err(refuse("it is not a regular file"));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(refuse(&format!(
            "it is {} bytes, more than the {MAX_CONFIG_BYTES}-byte limit",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| vec![Diagnostic::error(&path, format!("cannot read: {e}"))])?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(refuse(&format!("it is more than the {MAX_CONFIG_BYTES}-byte limit")));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::error(
            &path,
            format!("not valid UTF-8 (byte offset {})", e.utf8_error().valid_up_to()),
        )]
    })?;
    let (mut config, mut warnings) = Config::parse(&path, text.strip_prefix('\u{feff}').unwrap_or(&text))?;
    if let Some(b) = base_url {
        config.base_url = with_slash(b);
    }
    warnings.extend(crate::content::top_level_links(root, &config)?);
    Ok((config, warnings))
}

/// A warning for each question whose `see:` names no heading of its page.
fn unknown_see(pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in pages {
        let ids: Vec<&str> = p.parsed.headings.iter().map(|h| h.id.as_str()).collect();
        for q in &p.parsed.questions {
            let Some(see) = q.see.as_deref().filter(|s| !ids.contains(s)) else {
                continue;
            };
            let mut d = Diagnostic::warning(
                &p.source.path,
                format!(
                    "`see: {see}` names no heading of this page; the quiz links to the section it finds best instead"
                ),
            )
            .with_help(match crate::util::did_you_mean(see, &ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "write the id of a heading on this page, e.g. `see: limits` for `## Limits {#limits}`".into(),
            });
            d.line = q.line;
            d.col = 1;
            out.push(d);
        }
    }
    out
}

/// The grammars load on another thread while the content is read (the first page with
/// code waits for them if they are not ready).
pub fn start_highlighter() {
    rayon::spawn(|| {
        Highlighter::shared();
    });
}

/// A base URL ends with `/` (or is empty).
fn with_slash(b: &str) -> String {
    let mut b = b.trim().to_string();
    if !b.is_empty() && !b.ends_with('/') {
        b.push('/');
    }
    b
}

/// The pages' own problems, then those across pages (duplicate ids, unknown `see:`,
/// oversized pages, exam domains): the errors returned, the warnings added to `warnings`.
fn page_checks(root: &Path, config: &Config, pages: &mut [Page], warnings: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for p in pages.iter_mut() {
        for d in p.parsed.diagnostics.drain(..) {
            if d.is_error() { errors.push(d) } else { warnings.push(d) }
        }
    }
    errors.extend(duplicate_ids(pages, warnings));
    warnings.extend(unknown_see(pages));
    warnings.extend(oversized(pages));
    if !config.quiz.domains.is_empty() {
        let toml_path = root.join(CONFIG_FILE);
        let toml = std::fs::read_to_string(&toml_path).unwrap_or_default();
        let list: Vec<(&str, &Path, &[crate::questions::Question])> = pages
            .iter()
            .map(|p| (p.source.rel.as_str(), p.source.path.as_path(), &p.parsed.questions[..]))
            .collect();
        for d in crate::questions::domains::check(config, &toml_path, &toml, &list) {
            if d.is_error() { errors.push(d) } else { warnings.push(d) }
        }
    }
    errors
}

impl Site {
    /// Frees what only loading needed (the Markdown text, and the headings, links and
    /// anchors that links were checked against), once the diagnostics are made: a large
    /// site's build then holds less while its search index is built.
    pub fn shed_checked(&mut self) {
        use rayon::prelude::*;
        // In parallel: freeing a large site's text is milliseconds on one core.
        self.pages.par_iter_mut().for_each(|p| {
            p.source.source = String::new();
            p.parsed.links = Vec::new();
            p.parsed.headings = Vec::new();
            p.parsed.anchors = Default::default();
        });
    }

    /// Loads the configuration and content and parses every page.
    pub fn load(root: &Path, drafts: bool, base_url: Option<&str>) -> Result<Site, Vec<Diagnostic>> {
        Site::load_cached(root, drafts, base_url, None)
    }

    /// [`Site::load`], reusing the pages of `cache` that have not changed. A site of
    /// several languages read as one (`export`) is its default language.
    pub fn load_cached(
        root: &Path,
        drafts: bool,
        base_url: Option<&str>,
        cache: Option<&ParseCache>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let root = absolute(root);
        start_highlighter();
        let (config, warnings) = load_config(&root, base_url)?;
        Site::load_configured(&root, config, warnings, drafts, cache)
    }

    /// [`Site::load_cached`] with the configuration read.
    pub fn load_configured(
        root: &Path,
        mut config: Config,
        warnings: Vec<Diagnostic>,
        drafts: bool,
        cache: Option<&ParseCache>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let mut content_dir = root.join("content");
        if !config.languages.is_empty() {
            content_dir.push(&config.language);
            config = config.for_language(&config.language);
        }
        // An Obsidian vault's notes are titled by their names, and so on.
        let mkdocs = crate::mkdocs_yml::MkdocsFiles::default();
        crate::dialect::settle(&mut config, root, &content_dir, &mkdocs);
        let loaded = match content::load(root, &content_dir, &config, drafts, mkdocs) {
            Ok(l) => l,
            Err(mut e) => {
                e.extend(warnings);
                return Err(e);
            }
        };
        Site::from_loaded(root, &content_dir, config, warnings, loaded, cache, Vec::new())
    }

    /// Parses loaded content (from `content_dir`, `content/` or a language's folder):
    /// the pages, the checks across them, the navigation. `others` are the site's other
    /// languages, which links may lead to.
    pub fn from_loaded(
        root: &Path,
        content_dir: &Path,
        config: Config,
        mut warnings: Vec<Diagnostic>,
        mut loaded: content::LoadedContent,
        cache: Option<&ParseCache>,
        others: Vec<crate::markdown::OtherLanguage>,
    ) -> Result<Site, Vec<Diagnostic>> {
        let nav_root = if config.languages.is_empty() { root } else { content_dir };
        let navfiles = match read_navfiles(nav_root, content_dir, &mut loaded.pages, &loaded.mkdocs) {
            Ok(n) => n,
            Err(mut e) => {
                e.extend(warnings);
                return Err(e);
            }
        };
        let mut categories = crate::docusaurus::take(&mut loaded.assets, &mut warnings);
        crate::awesome_pages::take(&mut loaded.assets, &mut categories, &mut warnings);
        let (mut links, quiz_out) = link_map(&loaded, &config);
        links.languages = others;
        if config.languages.is_empty() {
            links.statics = static_files(root);
        }
        warnings.extend(loaded.warnings);
        let cx = ParseCtx {
            config: &config,
            links: &links,
            highlighter: Highlighter::shared(),
            quiz_out_path: &quiz_out,
            sources: &loaded.pages,
        };
        let parsed = parse_all(&loaded.pages, &cx, cache);
        let mut pages: Vec<Page> = loaded
            .pages
            .into_iter()
            .zip(parsed)
            .map(|(source, parsed)| Page { source, parsed })
            .collect();
        include_only::take_out(&mut pages, &loaded.included, &navfiles);
        let mut errors = page_checks(root, &config, &mut pages, &mut warnings);
        // Broken links, embeds shown as links and redirects not written: warnings in a
        // build, errors in check.
        let mut link_problems = check_links(&pages);
        link_problems.extend(pages.iter().flat_map(|p| p.parsed.check_errors.iter().cloned()));
        let sources: Vec<&SourcePage> = pages.iter().map(|p| &p.source).collect();
        link_problems.extend(crate::redirects::plan(&sources, &config).1);
        if !errors.is_empty() {
            errors.extend(warnings);
            return Err(errors);
        }
        nav_titles(&mut pages, &navfiles);
        let mut read_outside = loaded.read_outside;
        read_outside.extend(loaded.mkdocs.paths());
        let nav = nav::tree_with(&pages, &navfiles, &categories);
        let order = nav::order(&nav);
        Ok(Site {
            root: root.to_path_buf(),
            config,
            pages,
            assets: loaded.assets,
            nav,
            order,
            warnings,
            link_problems,
            read_outside: read_outside.into_iter().collect(),
            language: None,
        })
    }

    /// Page indices in the order their questions are listed (questions page, quiz):
    /// the home page (`content/_index.md`, outside the reading order) first, then the
    /// reading order, so every counted question is also listed.
    pub fn question_order(&self) -> Vec<usize> {
        let mut in_order = vec![false; self.pages.len()];
        for &i in &self.order {
            in_order[i] = true;
        }
        let outside = (0..self.pages.len()).filter(|&i| !in_order[i] && !self.pages[i].parsed.questions.is_empty());
        outside.chain(self.order.iter().copied()).collect()
    }

    pub fn question_count(&self) -> usize {
        self.pages.iter().map(|p| p.parsed.questions.len()).sum()
    }
}

/// A page whose HTML is over ~1 MB: a phone opens it slowly, and only its author can
/// divide it.
fn oversized(pages: &[Page]) -> Vec<Diagnostic> {
    const LIMIT: usize = 1024 * 1024;
    pages
        .iter()
        .filter(|p| p.parsed.html.len() > LIMIT)
        .map(|p| {
            Diagnostic::warning(
                &p.source.path,
                format!(
                    "this page is {:.1} MB of HTML, more than a phone opens quickly (~1 MB)",
                    p.parsed.html.len() as f64 / LIMIT as f64
                ),
            )
            .with_help("split it into several pages (a folder of notes)")
        })
        .collect()
}

/// The site's nav files (`SUMMARY.md`, a MkDocs `nav`; the site's own and those of
/// projects copied whole into content/), each taken out of the pages unless it lists
/// itself.
fn read_navfiles(
    root: &Path,
    content_dir: &Path,
    pages: &mut Vec<SourcePage>,
    mkdocs: &crate::mkdocs_yml::MkdocsFiles,
) -> Result<Vec<crate::order::NavFile>, Vec<Diagnostic>> {
    let (navs, drop) = {
        let rels: std::collections::HashSet<&str> = pages.iter().map(|p| p.rel.as_str()).collect();
        let mut folders: std::collections::HashSet<&str> = std::collections::HashSet::from([""]);
        for p in pages.iter() {
            let mut f = p.folder.as_str();
            while !f.is_empty() && folders.insert(f) {
                f = f.rsplit_once('/').map_or("", |(up, _)| up);
            }
        }
        let mut navs = crate::order::read_navs(root, content_dir, mkdocs, |rel| rels.contains(rel), folders)?;
        // A `SUMMARY.md` that links to none of the pages is a page, not a nav file.
        navs.retain(|n| n.titles().iter().any(|(r, _)| rels.contains(r)));
        let drop: Vec<String> = navs
            .iter()
            .filter_map(|nf| {
                nf.file
                    .clone()
                    .filter(|file| !nf.titles().iter().any(|(r, _)| r == file))
            })
            .collect();
        (navs, drop)
    };
    pages.retain(|p| !drop.contains(&p.rel));
    Ok(navs)
}

/// A page whose title is only its file name takes the title its nav file gives it.
fn nav_titles(pages: &mut [Page], navs: &[crate::order::NavFile]) {
    let titles: HashMap<&str, &str> = navs
        .iter()
        .flat_map(|nf| nf.titles())
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if titles.is_empty() {
        return;
    }
    for p in pages {
        if p.parsed.title_source == crate::markdown::title::Source::FileName
            && let Some(t) = titles.get(p.source.rel.as_str())
        {
            p.parsed.title = t.to_string();
        }
    }
}

/// Explicit ids must be unique across the site; automatic ones that repeat on
/// different pages are the same question, which is allowed but worth a warning.
fn duplicate_ids(pages: &[Page], warnings: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, (&Page, usize)> = HashMap::new();
    let mut errors = Vec::new();
    for p in pages {
        for q in &p.parsed.questions {
            match seen.get(q.id.as_str()) {
                Some((other, line)) if !std::ptr::eq(*other, p) => {
                    let msg = format!(
                        "question id `{}` is also used at {}:{}",
                        q.id,
                        other.source.path.display(),
                        line
                    );
                    let d = Diagnostic::error(&p.source.path, msg).at(&p.source.source, q.line, 1);
                    if q.explicit_id {
                        errors.push(d.with_help("question ids must be unique across the site"));
                    } else {
                        let mut d = d.with_help(
                            "the same question on two pages shares its progress; give one an id to separate them",
                        );
                        d.severity = Severity::Warning;
                        warnings.push(d);
                    }
                }
                _ => {
                    seen.insert(&q.id, (p, q.line));
                }
            }
        }
    }
    errors
}

/// Every internal link and anchor, checked against the parsed pages.
fn check_links(pages: &[Page]) -> Vec<Diagnostic> {
    let mut by_rel: HashMap<String, &Page> = pages.iter().map(|p| (crate::util::nfc(&p.source.rel), p)).collect();
    for p in pages {
        if let Some(real) = p.source.own_name() {
            by_rel.insert(crate::util::nfc(&real), p);
        }
    }
    let mut out = Vec::new();
    // One suggester per page linked to with a broken anchor, built once.
    let mut suggesters: HashMap<usize, crate::util::Suggester> = HashMap::new();
    for p in pages.iter().filter(|p| !p.parsed.links.is_empty()) {
        // Built only for a page with a problem: most pages have none.
        let index = std::cell::OnceCell::new();
        for l in &p.parsed.links {
            let warn = |msg: String, help: &str| {
                let index = index.get_or_init(|| crate::util::LineIndex::new(&p.source.source));
                Diagnostic::warning(&p.source.path, msg)
                    .at_indexed(index, &p.source.source, l.line, l.col)
                    .with_help(help)
            };
            if let Some(problem) = &l.problem {
                out.push(warn(
                    format!("broken link `{}`: {problem}", l.raw),
                    "link to a Markdown file in content/, e.g. [S3](s3.md#storage-classes)",
                ));
                continue;
            }
            let target = match &l.page {
                Some(rel) => by_rel.get(rel).copied(),
                None => Some(p),
            };
            if let (Some(t), Some(anchor)) = (target, &l.anchor)
                && !anchor.is_empty()
                && !t.parsed.anchors.contains(anchor)
            {
                let suggest = suggesters
                    .entry(std::ptr::from_ref(t) as usize)
                    .or_insert_with(|| crate::util::Suggester::new(t.parsed.anchors.iter().map(String::as_str)));
                let help = match suggest.suggest(anchor) {
                    Some(s) => format!("did you mean `#{s}`?"),
                    None => "anchors are heading ids: lower-case words joined by `-`, or `{#custom-id}`".into(),
                };
                out.push(warn(format!("broken anchor `#{anchor}` in link `{}`", l.raw), &help));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn html_of<'a>(site: &'a Site, rel: &str) -> &'a str {
        &site.pages.iter().find(|p| p.source.rel == rel).unwrap().parsed.html
    }

    #[test]
    fn parse_cache_reuses_unchanged_pages_and_notices_every_change() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        write(root, "studysite.toml", "title = \"T\"\n");
        write(root, "content/a.md", "# A\n\nSee [B](b.md).\n");
        write(root, "content/c.md", "# C\n\nText.\n");
        let cache = ParseCache::default();
        let load = || Site::load_cached(root, false, None, Some(&cache)).unwrap();

        let first = load();
        assert_eq!(first.link_problems.len(), 1, "b.md does not exist yet");
        let second = load();
        assert_eq!(html_of(&first, "a.md"), html_of(&second, "a.md"));
        assert_eq!(second.link_problems.len(), 1, "cached pages keep their link problems");

        // A new page changes what links resolve to: a.md is parsed again.
        write(root, "content/b.md", "# B\n");
        let third = load();
        assert!(third.link_problems.is_empty(), "{:?}", third.link_problems);
        assert!(html_of(&third, "a.md").contains("href=\"b.html\""));

        // An edited page is parsed again; the other pages come from the cache.
        write(root, "content/c.md", "# C\n\nNew text.\n");
        let fourth = load();
        assert!(html_of(&fourth, "c.md").contains("New text."));
        assert_eq!(html_of(&fourth, "a.md"), html_of(&third, "a.md"));

        // A configuration change reaches every page.
        write(root, "studysite.toml", "title = \"T\"\nunsafe_html = true\n");
        write(root, "content/c.md", "# C\n\n<b onclick=\"x\">bold</b>\n");
        let trusted = load();
        assert!(html_of(&trusted, "c.md").contains("onclick"));
        write(root, "studysite.toml", "title = \"T\"\n");
        let safe = load();
        assert!(
            !html_of(&safe, "c.md").contains("onclick"),
            "{}",
            html_of(&safe, "c.md")
        );
    }
}
