//! Stage 3, render: parsed pages → finished files. Runs the Tera templates for every
//! page and the generated pages (home, questions, quiz, cheat sheet, 404), writes the
//! data files and sitemap, copies the theme's and the site's static files, and
//! minifies HTML.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::{Config, PrintAnswers, UrlStyle};
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{self, Assets};
use crate::markdown::{CheatItem, Question, TocEntry};
use crate::nav::NavNode;
use crate::output::{MemorySink, Output, Sink};
use crate::site::Site;
use crate::theme;
use crate::timings::Phases;
use crate::util::root_prefix;

/// Output file and URL of a generated page (`questions`, `quiz`, `cheatsheet`).
pub fn special_path(name: &str, style: UrlStyle) -> (String, String) {
    match style {
        UrlStyle::File => (format!("{name}.html"), format!("{name}.html")),
        UrlStyle::Pretty => (format!("{name}/index.html"), format!("{name}/")),
    }
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    site_id: &'a str,
    print_answers: &'a str,
    version: &'a str,
    questions: usize,
}

#[derive(Serialize)]
struct Urls {
    home: String,
    questions: String,
    quiz: String,
    cheatsheet: String,
}

#[derive(Serialize, Clone)]
struct Link {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    description: &'a str,
    html: &'a str,
    toc: &'a [TocEntry],
    topics: &'a [String],
    tags: &'a [String],
    url: &'a str,
    kind: &'a str,
    questions: usize,
    /// Anchor of the first question, for the "N questions" link.
    first_question: String,
    breadcrumb: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
    children: Vec<Link>,
    canonical: String,
}

#[derive(Serialize)]
struct SectionCard<'a> {
    title: &'a str,
    url: &'a str,
    description: &'a str,
    topics: &'a [String],
    questions: usize,
    children: usize,
}

#[derive(Serialize)]
struct QuestionGroup<'a> {
    title: &'a str,
    url: &'a str,
    slug: String,
    count: usize,
    questions: Vec<QuestionCtx<'a>>,
}

#[derive(Serialize)]
struct QuestionCtx<'a> {
    q: &'a Question,
    url: String,
    letters: Vec<String>,
}

#[derive(Serialize)]
struct CheatGroup<'a> {
    title: &'a str,
    url: &'a str,
    items: Vec<CheatCtx<'a>>,
}

#[derive(Serialize)]
struct CheatCtx<'a> {
    kind: &'a str,
    anchor: &'a str,
    heading: &'a str,
    html: String,
}

struct Common<'a> {
    tera: &'a Tera,
    site: &'a Site,
    site_ctx: SiteCtx<'a>,
    /// The fingerprinted files: the templates' `assets` map.
    assets: &'a Assets,
    minify: bool,
    /// Folder → its section page, and folder → its pages in reading order: looked up for
    /// every page's breadcrumb and every section's list, so a hash lookup, not a scan.
    sections: HashMap<&'a str, usize>,
    folder_pages: HashMap<&'a str, Vec<usize>>,
    /// URL → position in the reading order, for each page's sidebar.
    positions: HashMap<&'a str, usize>,
    full_nav: bool,
    /// The values every page's context holds, converted to Tera values once: site,
    /// config, urls, assets and search_files (`search.js`'s `data-files`: the hashed
    /// names of the search data files, as JSON).
    base: Context,
    /// Sidebars by [`crate::nav::view_key`].
    nav_cache: std::sync::Mutex<HashMap<Vec<u32>, tera::Value>>,
    /// Whether note pages may be minified around their body ([`Common::render_page`]).
    splice_body: bool,
}

impl Common<'_> {
    /// The context every template gets, for a file at `out_path`: the shared values
    /// (converted to Tera values once, see [`Common::base`]) and this page's sidebar,
    /// converted once for all the pages that share it.
    fn context(&self, out_path: &str, current: &str) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("root", &root_prefix(out_path));
        ctx.insert("current", current);
        let pos = self.positions.get(current).copied();
        let key = crate::nav::view_key(&self.site.nav, pos, self.full_nav);
        let cached = self.nav_cache.lock().expect("nav cache").get(&key).cloned();
        let nav = cached.unwrap_or_else(|| {
            let value = tera::Value::from_serializable(&crate::nav::for_page(&self.site.nav, pos, self.full_nav));
            self.nav_cache.lock().expect("nav cache").insert(key, value.clone());
            value
        });
        ctx.insert_value("nav", nav);
        ctx
    }

    fn run(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| theme::template_error(&self.site.root.join("templates"), &e))
    }

    /// Renders `template` for a file at `out_path`, with the shared context.
    fn render(&self, template: &str, out_path: &str, current: &str, extra: Context) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = self.context(out_path, current);
        ctx.extend(extra);
        self.finish(template, &ctx)
    }

    /// Renders and minifies.
    fn finish(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let html = self.run(template, ctx)?.into_bytes();
        if !self.minify {
            return Ok(html);
        }
        match minify_fast(html) {
            Ok(bytes) => Ok(bytes),
            // The fast minifier spoilt the buffer it refused: render again for the
            // tolerant one (rare: malformed HTML from a site's own templates, or raw
            // author HTML with `unsafe_html`).
            Err(()) => Ok(minify_tolerant(self.run(template, ctx)?.as_bytes())),
        }
    }

    /// Renders a note or folder page. Minifying is most of the cost of a page, and most
    /// of a page is its Markdown body, which the Markdown renderer already wrote without
    /// template indentation; so the page is rendered with a placeholder for the body,
    /// only that shell is minified, and the body goes in compacted
    /// ([`compact_blocks`]). A site whose own templates use `page.html` otherwise than
    /// to print it (a filter, say) gets the whole page minified, as does any shell the
    /// placeholder does not come through once.
    fn render_page(
        &self,
        template: &str,
        out_path: &str,
        current: &str,
        extra: Context,
        mut page: PageCtx,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = self.context(out_path, current);
        ctx.extend(extra);
        if self.minify && self.splice_body {
            let body = page.html;
            page.html = BODY_PLACEHOLDER;
            ctx.insert("page", &page);
            if let Ok(shell) = minify_fast(self.run(template, &ctx)?.into_bytes())
                && let Some(at) = single_match(&shell, BODY_PLACEHOLDER.as_bytes())
            {
                let mut out = Vec::with_capacity(shell.len() + body.len());
                out.extend_from_slice(&shell[..at]);
                compact_blocks(body, &mut out);
                out.extend_from_slice(&shell[at + BODY_PLACEHOLDER.len()..]);
                return Ok(out);
            }
            page.html = body;
        }
        ctx.insert("page", &page);
        self.finish(template, &ctx)
    }
}

/// Stands for a page's body while its shell is minified: letters only, so the
/// minifier leaves it as it is.
const BODY_PLACEHOLDER: &str = "studysiteBodyPlaceholder7Q2x9Kz";

/// Where `needle` occurs in `hay`, if it occurs exactly once.
fn single_match(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut it = memchr::memmem::find_iter(hay, needle);
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// Block-level elements: a line break between two of their tags never shows. (A `match`
/// on the lower-cased name: asked for every tag of every page.)
fn is_block_tag(name: &[u8]) -> bool {
    if name.is_empty() || name.len() > 10 {
        return false;
    }
    let mut lower = [0u8; 10];
    for (l, c) in lower.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"li"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"section"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"tr"
            | b"ul"
    )
}

/// Appends HTML to `out` without the whitespace that never shows: runs of spaces and
/// line breaks between block tags (`</p>\n<p>`, `<ul>\n  <li>`: what the Markdown
/// renderer and template indentation put there). Whitespace that can show is kept: next
/// to text or an inline tag, and anywhere inside `<pre>` or `<textarea>`.
pub fn compact_blocks(html: &str, out: &mut Vec<u8>) {
    let bytes = html.as_bytes();
    // The tag name starting at `i` (just after `<` or `</`), lower-cased comparison.
    let name_at = |i: usize| -> &[u8] {
        let rest = &bytes[i.min(bytes.len())..];
        &rest[..rest
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len())]
    };
    let is_block = is_block_tag;
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let mut verbatim = 0usize; // depth of <pre>/<textarea>
    let mut last_tag_block = false; // whether the last tag seen was a block tag
    let mut copied = 0;
    for i in memchr::memchr2_iter(b'<', b'\n', bytes) {
        if i < copied {
            continue; // inside a run already dropped
        }
        if bytes[i] == b'<' {
            let closing = bytes.get(i + 1) == Some(&b'/');
            let name = name_at(i + 1 + closing as usize);
            if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"textarea") {
                verbatim = if closing {
                    verbatim.saturating_sub(1)
                } else {
                    verbatim + 1
                };
            }
            last_tag_block = is_block(name);
            continue;
        }
        if verbatim > 0 || !last_tag_block {
            continue;
        }
        // A line break in a run of whitespace: drop the run if it sits between a block
        // tag's `>` and a block tag.
        let start = i - bytes[..i].iter().rev().take_while(|&&c| is_space(c)).count();
        let end = i + bytes[i..].iter().take_while(|&&c| is_space(c)).count();
        if start > copied && bytes[start - 1] == b'>' && bytes.get(end) == Some(&b'<') {
            let closing = bytes.get(end + 1) == Some(&b'/');
            if is_block(name_at(end + 1 + closing as usize)) {
                out.extend_from_slice(&bytes[copied..start]);
                copied = end;
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Deepest element nesting minify-html is given: its parser recurses, and 100,000 nested
/// quotes overflow the stack. Deeper pages are written unminified (and were reported by
/// the parser).
pub const MAX_MINIFY_DEPTH: usize = 256;

use crate::markdown::html::nesting_depth;

/// The one-pass minifier works in place without allocating and is several times
/// faster than the tolerant one. It refuses HTML it cannot prove well-formed, leaving
/// the buffer spoilt (`Err`). Pages nested deeper than [`MAX_MINIFY_DEPTH`] come back
/// as they are.
fn minify_fast(mut html: Vec<u8>) -> Result<Vec<u8>, ()> {
    if nesting_depth(&html) > MAX_MINIFY_DEPTH {
        return Ok(html);
    }
    let cfg = minify_html_onepass::Cfg {
        minify_css: false,
        minify_js: false,
    };
    let len = minify_html_onepass::in_place(&mut html, &cfg).map_err(|_| ())?;
    html.truncate(len);
    Ok(html)
}

fn minify_tolerant(html: &[u8]) -> Vec<u8> {
    if nesting_depth(html) > MAX_MINIFY_DEPTH {
        return html.to_vec();
    }
    let cfg = minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

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

/// Counts what goes through to the real sink.
struct Counting<'a> {
    sink: &'a dyn Sink,
    html: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicUsize,
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
        self.sink.put(path, bytes)
    }

    fn put_parts(&self, path: String, parts: Vec<Vec<u8>>) -> Result<(), Diagnostic> {
        self.count(&path, parts.iter().map(Vec::len).sum());
        self.sink.put_parts(path, parts)
    }
}

/// Renders the whole site, handing every file to `sink` as soon as it is made.
pub fn render_to(site: &Site, minify: bool, sink: &dyn Sink, phases: &mut Phases) -> Result<Stats, Vec<Diagnostic>> {
    let sink = Counting {
        sink,
        html: Default::default(),
        bytes: Default::default(),
    };
    let config = &site.config;
    let questions = site.question_count();
    // Everything under assets/ gets a content-hashed name before any page is rendered,
    // since pages link to those names (fingerprint.rs). The templates and the theme's
    // files are read while the quiz and search data are made.
    // A sharded search index's shards are named and written as they are made.
    let emit = |_name: String, hashed: String, text: String| {
        sink.put(format!("{}{hashed}", fingerprint::DIR), text.into_bytes())
    };
    let ((templates, sources), (quiz_data, search)) = rayon::join(
        || (theme::templates(&site.root), fingerprint::sources(site)),
        || {
            rayon::join(
                || crate::quizdata::quiz_data(site),
                || crate::search::build(site, &emit),
            )
        },
    );
    let (tera, own_templates) = templates?;
    let (mut sources, other_static) = sources?;
    let search = search.map_err(|e| vec![e])?;
    sources.insert("quiz-data.js".into(), quiz_data.into());
    let search_names: Vec<&str> = search.listed.clone();
    let data_files: Vec<String> = std::iter::once("quiz-data.js".to_string())
        .chain(search.files.iter().map(|(name, _)| name.clone()))
        .collect();
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

    let site_ctx = SiteCtx {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base_url: &config.base_url,
        site_id: &config.site_id,
        print_answers: match config.print.answers {
            crate::config::PrintAnswers::Show => "show",
            crate::config::PrintAnswers::Hide => "hide",
            crate::config::PrintAnswers::Key => "key",
        },
        version: env!("CARGO_PKG_VERSION"),
        questions,
    };
    let urls = Urls {
        home: "index.html".into(),
        questions: special_path("questions", config.url_style).1,
        quiz: special_path("quiz", config.url_style).1,
        cheatsheet: special_path("cheatsheet", config.url_style).1,
    };
    let mut base = Context::new();
    base.insert("site", &site_ctx);
    base.insert("config", config);
    base.insert("urls", &urls);
    base.insert("assets", &assets.urls);
    base.insert("search_files", &assets.json(&search_names));
    let common = Common {
        tera: &tera,
        site,
        site_ctx,
        assets: &assets,
        minify,
        sections: site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.source.kind == PageKind::Section)
            .map(|(i, p)| (p.source.folder.as_str(), i))
            .collect(),
        folder_pages: {
            let mut m: HashMap<&str, Vec<usize>> = HashMap::new();
            for &i in &site.order {
                let p = &site.pages[i];
                if p.source.kind == PageKind::Page {
                    m.entry(p.source.folder.as_str()).or_default().push(i);
                }
            }
            m
        },
        positions: site
            .order
            .iter()
            .enumerate()
            .map(|(n, &i)| (site.pages[i].source.url.as_str(), n))
            .collect(),
        full_nav: crate::nav::count(&site.nav) <= crate::nav::FULL_NAV_LIMIT,
        base,
        nav_cache: Default::default(),
        splice_body: !own_templates.iter().any(|t| {
            ["page.html", "page[\"html\"]", "page['html']"]
                .iter()
                .any(|u| t.text.contains(u))
        }),
    };
    let search_units = search.units;
    // Note and folder pages in parallel with the generated pages; each file goes to the
    // sink as soon as it is made.
    let (mut errors, special_errors) = rayon::join(
        || render_pages(&common, site, &sink),
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

    // The fingerprinted assets, the site's other static files, then content assets.
    let mut put = |path: String, bytes: Vec<u8>| {
        if let Err(e) = sink.put(path, bytes) {
            errors.push(e);
        }
    };
    for (path, bytes) in assets.into_files() {
        put(path, bytes);
    }
    for (rel, bytes) in other_static {
        put(rel, bytes);
    }
    let mut read_errors = Vec::new();
    for a in &site.assets {
        match std::fs::read(&a.path) {
            Ok(bytes) => put(a.rel.clone(), bytes),
            Err(e) => read_errors.push(Diagnostic::error(&a.path, format!("cannot read: {e}"))),
        }
    }
    put(".nojekyll".into(), Vec::new());
    if !config.base_url.is_empty() {
        put("sitemap.xml".into(), sitemap(site, config).into_bytes());
        put(
            "robots.txt".into(),
            format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", config.base_url).into_bytes(),
        );
    }
    errors.extend(read_errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    use std::sync::atomic::Ordering::Relaxed;
    Ok(Stats {
        html_files: sink.html.load(Relaxed),
        bytes: sink.bytes.load(Relaxed),
        search_units,
    })
}

/// Note pages and folder pages, in parallel.
fn render_pages(common: &Common, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
    site.pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.source.kind != PageKind::Home)
        .map(|(i, p)| {
            let pos = common.positions.get(p.source.url.as_str()).copied();
            let link = |j: usize| Link {
                title: site.pages[j].parsed.title.clone(),
                url: site.pages[j].source.url.clone(),
            };
            let prev = pos.and_then(|n| n.checked_sub(1)).map(|n| link(site.order[n]));
            let next = pos.and_then(|n| site.order.get(n + 1)).map(|&j| link(j));
            let page = page_ctx(common, i, prev, next);
            let mut ctx = Context::new();
            if site.config.print.answers == PrintAnswers::Key && !p.parsed.questions.is_empty() {
                ctx.insert("answer_key", &answer_key(site, &[i], &p.source.out_path));
            }
            let template = if p.source.kind == PageKind::Section {
                "section.html"
            } else {
                "page.html"
            };
            common
                .render_page(template, &p.source.out_path, &p.source.url, ctx, page)
                .and_then(|bytes| sink.put(p.source.out_path.clone(), bytes))
                .err()
        })
        .flatten()
        .collect()
}

/// The generated pages: home, questions, quiz, cheat sheet, 404.
fn render_specials(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let questions = common.site_ctx.questions;
    // Home.
    let home = site.pages.iter().position(|p| p.source.kind == PageKind::Home);
    let cards: Vec<SectionCard> = site.nav.iter().filter_map(|n| card(site, n)).collect();
    let mut ctx = Context::new();
    ctx.insert("sections", &cards);
    ctx.insert(
        "page",
        &home.map(|i| {
            page_ctx(
                common,
                i,
                None,
                site.order.first().map(|&j| Link {
                    title: site.pages[j].parsed.title.clone(),
                    url: site.pages[j].source.url.clone(),
                }),
            )
        }),
    );
    push(
        out,
        errors,
        "index.html",
        common.render("index.html", "index.html", "index.html", ctx),
    );

    // Questions page.
    let (q_out, q_url) = special_path("questions", config.url_style);
    let groups = question_groups(site);
    let mut tag_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &groups {
        for q in &g.questions {
            for t in &q.q.tags {
                *tag_counts.entry(t).or_default() += 1;
            }
        }
    }
    let mut ctx = Context::new();
    // A list, not a map: Tera's maps do not keep the sorted order, and the output must
    // be the same on every build.
    let tags: Vec<(&str, usize)> = tag_counts.into_iter().collect();
    ctx.insert("tags", &tags);
    ctx.insert("total", &questions);
    if config.print.answers == PrintAnswers::Key {
        ctx.insert("answer_key", &answer_key(site, &site.order, &q_out));
    }
    if let Err(e) =
        questions_page(common, &q_out, &q_url, ctx, &groups).and_then(|parts| out.put_parts(q_out.clone(), parts))
    {
        errors.push(e);
    }

    // Quiz.
    let (z_out, z_url) = special_path("quiz", config.url_style);
    let mut ctx = Context::new();
    ctx.insert("total", &questions);
    push(out, errors, &z_out, common.render("quiz.html", &z_out, &z_url, ctx));

    // Cheat sheet.
    let (c_out, c_url) = special_path("cheatsheet", config.url_style);
    let depth = c_out.matches('/').count();
    let cheat: Vec<CheatGroup> = site
        .order
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| !p.parsed.cheatsheet.is_empty())
        .map(|p| CheatGroup {
            title: &p.parsed.title,
            url: &p.source.url,
            items: p
                .parsed
                .cheatsheet
                .iter()
                .map(|c| cheat_ctx(c, depth, &p.parsed.title))
                .collect(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("groups", &cheat);
    push(
        out,
        errors,
        &c_out,
        common.render("cheatsheet.html", &c_out, &c_url, ctx),
    );

    // 404: served for a missing page at any depth, so its links are absolute: to base_url
    // when it is set, else to the host's root, with its styles inline so that it keeps
    // them even under a sub-path the build did not know about.
    let mut ctx = Context::new();
    ctx.insert("base_href", &config.base_url);
    if config.base_url.is_empty() {
        ctx.insert("root", "/");
        let css: Vec<String> = ["style.css", "search.css"]
            .iter()
            .filter_map(|n| common.assets.bytes(n))
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect();
        ctx.insert("inline_css", &css.join("\n"));
    } else {
        ctx.insert("root", &config.base_url);
    }
    push(
        out,
        errors,
        "404.html",
        common.render("404.html", "404.html", "404.html", ctx),
    );
}

/// The questions page, which holds every question of the site (50 MB for 5,000 pages):
/// its sections are rendered and minified in parallel, a group each, and go into the
/// minified page where it prints `sections`.
fn questions_page(
    common: &Common,
    out_path: &str,
    url: &str,
    mut extra: Context,
    groups: &[QuestionGroup],
) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let mut base = common.base.clone();
    base.insert("root", &root_prefix(out_path));
    let sections: Vec<Vec<u8>> = groups
        .par_iter()
        .map(|g| {
            let mut ctx = base.clone();
            ctx.insert("g", g);
            let html = common.run("partials/question-section.html", &ctx)?;
            // Compacted, not minified: a large site's questions page is mostly question
            // HTML, and minifying it cost as much as every other page together
            // (1.4 % more bytes gzipped on the bundled site).
            Ok(if common.minify {
                let mut out = Vec::with_capacity(html.len());
                compact_blocks(&html, &mut out);
                out
            } else {
                html.into_bytes()
            })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let index: Vec<GroupEntry> = groups
        .iter()
        .map(|g| GroupEntry {
            title: g.title,
            url: g.url,
            slug: &g.slug,
            count: g.count,
        })
        .collect();
    extra.insert("groups", &index);
    extra.insert("sections", BODY_PLACEHOLDER);
    let shell = common.render("questions.html", out_path, url, extra)?;
    let Some(at) = single_match(&shell, BODY_PLACEHOLDER.as_bytes()) else {
        return Ok(vec![shell]); // a site's own questions.html that does not print `sections`
    };
    let mut parts = Vec::with_capacity(sections.len() + 2);
    parts.push(shell[..at].to_vec());
    parts.extend(sections);
    parts.push(shell[at + BODY_PLACEHOLDER.len()..].to_vec());
    Ok(parts)
}

/// A line of the questions page's index of sections.
#[derive(Serialize)]
struct GroupEntry<'a> {
    title: &'a str,
    url: &'a str,
    slug: &'a str,
    count: usize,
}

fn push(out: &dyn Sink, errors: &mut Vec<Diagnostic>, path: &str, r: Result<Vec<u8>, Diagnostic>) {
    if let Err(e) = r.and_then(|b| out.put(path.to_string(), b)) {
        errors.push(e);
    }
}

fn page_ctx<'a>(common: &Common<'a>, i: usize, prev: Option<Link>, next: Option<Link>) -> PageCtx<'a> {
    let site = common.site;
    let p = &site.pages[i];
    let link = |j: usize| Link {
        title: site.pages[j].parsed.title.clone(),
        url: site.pages[j].source.url.clone(),
    };
    // Folder pages above this one.
    let mut folder = p.source.folder.as_str();
    if p.source.kind == PageKind::Section {
        folder = folder.rsplit_once('/').map_or("", |(f, _)| f);
    }
    let mut breadcrumb = Vec::new();
    while !folder.is_empty() {
        if let Some(&sec) = common.sections.get(folder) {
            breadcrumb.push(link(sec));
        }
        folder = folder.rsplit_once('/').map_or("", |(f, _)| f);
    }
    breadcrumb.reverse();
    let children = if p.source.kind == PageKind::Section {
        common
            .folder_pages
            .get(p.source.folder.as_str())
            .map(|v| v.iter().map(|&j| link(j)).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let canonical = if site.config.base_url.is_empty() {
        String::new()
    } else {
        format!(
            "{}{}",
            site.config.base_url,
            p.source.url.trim_end_matches("index.html")
        )
    };
    PageCtx {
        title: &p.parsed.title,
        description: p.source.front.description.as_deref().unwrap_or(""),
        html: &p.parsed.html,
        toc: &p.parsed.toc,
        topics: &p.source.front.topics,
        tags: &p.source.front.tags,
        url: &p.source.url,
        kind: match p.source.kind {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
        },
        questions: p.parsed.questions.len(),
        first_question: p
            .parsed
            .questions
            .first()
            .map(|q| format!("q-{}", q.id))
            .unwrap_or_default(),
        breadcrumb,
        prev,
        next,
        children,
        canonical,
    }
}

fn card<'a>(site: &'a Site, n: &'a NavNode) -> Option<SectionCard<'a>> {
    let p = n.page.map(|i| &site.pages[i]);
    Some(SectionCard {
        title: &n.title,
        url: &n.url,
        description: p.and_then(|p| p.source.front.description.as_deref()).unwrap_or(""),
        topics: p.map_or(&[][..], |p| &p.source.front.topics),
        questions: n.questions,
        children: n.children.len(),
    })
}

fn question_groups(site: &Site) -> Vec<QuestionGroup<'_>> {
    site.order
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| !p.parsed.questions.is_empty())
        .map(|p| QuestionGroup {
            title: &p.parsed.title,
            url: &p.source.url,
            slug: p
                .source
                .out_path
                .trim_end_matches(".html")
                .trim_end_matches("/index")
                .replace('/', "-"),
            count: p.parsed.questions.len(),
            questions: p
                .parsed
                .questions
                .iter()
                .map(|q| QuestionCtx {
                    q,
                    url: format!("{}#q-{}", p.source.url, q.id),
                    letters: q.correct_letters(),
                })
                .collect(),
        })
        .collect()
}

/// The printed answer key (`print.answers = "key"`): the questions of `pages`, numbered
/// in page order on paper, each with its answer; a group per page with questions (its
/// title is left out when there is one page).
#[derive(Serialize)]
struct KeyGroup<'a> {
    title: &'a str,
    items: Vec<KeyEntry<'a>>,
}

#[derive(Serialize)]
struct KeyEntry<'a> {
    id: &'a str,
    text: &'a str,
    /// Letters of the correct options (choice questions).
    letters: Vec<String>,
    /// The correct options, and the wrong ones that carry an explanation.
    options: Vec<KeyOption>,
    /// The answer (free response) or the explanation after the options.
    answer: String,
}

#[derive(Serialize)]
struct KeyOption {
    letter: String,
    correct: bool,
    html: String,
    why: String,
}

fn answer_key<'a>(site: &'a Site, pages: &[usize], out_path: &str) -> Vec<KeyGroup<'a>> {
    // Question fragments have links relative to the quiz page.
    let from = root_prefix(&special_path("quiz", site.config.url_style).0);
    let to = root_prefix(out_path);
    let groups: Vec<KeyGroup> = pages
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| !p.parsed.questions.is_empty())
        .map(|p| KeyGroup {
            title: &p.parsed.title,
            items: p
                .parsed
                .questions
                .iter()
                .map(|q| KeyEntry {
                    id: &q.id,
                    text: &q.text,
                    letters: q.correct_letters(),
                    options: q
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.correct || !o.why.is_empty())
                        .map(|(n, o)| KeyOption {
                            letter: crate::markdown::questions::letter(n),
                            correct: o.correct,
                            html: rebase_links(&o.html, &from, &to),
                            why: rebase_links(&o.why, &from, &to),
                        })
                        .collect(),
                    answer: rebase_links(
                        if q.options.is_empty() {
                            &q.a_html
                        } else {
                            &q.explain_html
                        },
                        &from,
                        &to,
                    ),
                })
                .collect(),
        })
        .collect();
    if groups.len() == 1 {
        groups.into_iter().map(|g| KeyGroup { title: "", ..g }).collect()
    } else {
        groups
    }
}

/// Moves the relative links and images of an HTML fragment written for a page whose
/// root prefix is `from` (`""`, `"../"`, …) to a page whose root prefix is `to`. Absolute
/// URLs, root-absolute paths and `#fragment` links stay as they are.
fn rebase_links(html: &str, from: &str, to: &str) -> String {
    if from == to {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = ["href=\"", "src=\""]
        .iter()
        .filter_map(|attr| rest.find(attr).map(|i| i + attr.len()))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let value = &rest[..rest.find('"').unwrap_or(rest.len())];
        let scheme = value.find(':').is_some_and(|c| !value[..c].contains(['/', '?', '#']));
        match value.strip_prefix(from) {
            Some(tail) if !scheme && !value.starts_with(['/', '#', '?']) => {
                out.push_str(to);
                out.push_str(tail);
                rest = &rest[value.len()..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// Cheat-sheet items carry links relative to their page; re-base them when the cheat
/// sheet sits at another depth. A table's region label gets the page's title, since
/// two pages may have tables under the same heading (and a landmark needs a name of its own).
fn cheat_ctx<'a>(c: &'a CheatItem, depth: usize, page_title: &str) -> CheatCtx<'a> {
    let mut html = rebase_links(&c.html, &"../".repeat(c.depth), &"../".repeat(depth));
    const LABEL: &str = "aria-label=\"Table";
    if let Some(start) = html.find(LABEL).map(|i| i + LABEL.len())
        && let Some(end) = html[start..].find('"')
    {
        html.insert_str(start + end, &format!(" ({})", crate::util::escape_html(page_title)));
    }
    CheatCtx {
        kind: c.kind,
        anchor: &c.anchor,
        heading: &c.heading,
        html,
    }
}

fn sitemap(site: &Site, config: &Config) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<String> = vec![String::new()];
    urls.extend(site.order.iter().map(|&i| site.pages[i].source.url.clone()));
    for name in ["questions", "quiz", "cheatsheet"] {
        urls.push(special_path(name, config.url_style).1);
    }
    for u in urls {
        s.push_str("  <url><loc>");
        crate::util::escape_html_into(&mut s, &format!("{}{}", config.base_url, u));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebase_links_moves_relative_links_only() {
        let html = concat!(
            "<a href=\"s3.html#x\">a</a> <img src=\"img/a.png\"> <a href=\"https://e.com/\">b</a> ",
            "<a href=\"#y\">c</a> <a href=\"/abs\">d</a> <a href=\"mailto:a@b.c\">e</a>"
        );
        assert_eq!(
            rebase_links(html, "", "../"),
            concat!(
                "<a href=\"../s3.html#x\">a</a> <img src=\"../img/a.png\"> <a href=\"https://e.com/\">b</a> ",
                "<a href=\"#y\">c</a> <a href=\"/abs\">d</a> <a href=\"mailto:a@b.c\">e</a>"
            )
        );
        assert_eq!(
            rebase_links("<a href=\"../s3/\">a</a>", "../", ""),
            "<a href=\"s3/\">a</a>"
        );
        assert_eq!(rebase_links(html, "", ""), html);
        // A value that does not start with the old prefix is left alone.
        assert_eq!(rebase_links("<a href=\"y\">", "../", ""), "<a href=\"y\">");
    }

    #[test]
    fn compact_blocks_drops_only_breaks_that_never_show() {
        let compact = |s: &str| {
            let mut out = Vec::new();
            compact_blocks(s, &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            compact("<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n<table>\n<tr><td>c</td></tr>\n</table>\n"),
            "<p>a</p><ul><li>b</li></ul><table><tr><td>c</td></tr></table>\n"
        );
        // Between inline tags, next to text and inside <pre> a break is a space or a line.
        let kept = "<p><em>a</em>\n<strong>b</strong>\nc</p>\n<pre><code><span>x</span>\n<span>y</span></code></pre>";
        assert_eq!(compact(kept), kept);
        let pre = "<pre><div>a</div>\n<div>b</div></pre>\n<P>c</P>\n<DIV>d</DIV>";
        assert_eq!(
            compact(pre),
            "<pre><div>a</div>\n<div>b</div></pre>\n<P>c</P><DIV>d</DIV>"
        );
        // Template indentation between block tags goes; spaces between inline tags and
        // text stay, and so does a space-only run (no line break) next to a block tag.
        assert_eq!(
            compact(
                "<section>\n  <h2>T <span>(1)</span></h2>\n  \n  <div>\n    <b>x</b>\n <i>y</i>\n  </div>\n</section>"
            ),
            "<section><h2>T <span>(1)</span></h2><div>\n    <b>x</b>\n <i>y</i>\n  </div></section>"
        );
        assert_eq!(compact("<p>a</p> <p>b</p>"), "<p>a</p> <p>b</p>");
    }

    #[test]
    fn single_match_needs_exactly_one() {
        assert_eq!(single_match(b"xxABxx", b"AB"), Some(2));
        assert_eq!(single_match(b"ABAB", b"AB"), None);
        assert_eq!(single_match(b"xx", b"AB"), None);
    }

    #[test]
    fn pages_nested_too_deep_are_left_unminified() {
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<blockquote>".repeat(100_000),
            "</blockquote>".repeat(100_000)
        );
        // Deep pages come back untouched instead of overflowing the minifier's stack.
        assert_eq!(minify_fast(deep.clone().into_bytes()), Ok(deep.clone().into_bytes()));
        assert_eq!(minify_tolerant(deep.as_bytes()), deep.as_bytes());
    }
}
