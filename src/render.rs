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
use crate::output::Output;
use crate::site::Site;
use crate::theme;
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
    urls: Urls,
    /// The fingerprinted files: the templates' `assets` map.
    assets: &'a Assets,
    /// `search.js`'s `data-files`: the hashed names of the search data files, as JSON.
    search_files: String,
    minify: bool,
    /// Folder → its section page, and folder → its pages in reading order: looked up for
    /// every page's breadcrumb and every section's list, so a hash lookup, not a scan.
    sections: HashMap<&'a str, usize>,
    folder_pages: HashMap<&'a str, Vec<usize>>,
    /// URL → position in the reading order, for each page's sidebar.
    positions: HashMap<&'a str, usize>,
    full_nav: bool,
}

impl Common<'_> {
    /// Renders `template` for a file at `out_path`, with the shared context.
    fn render(&self, template: &str, out_path: &str, current: &str, extra: Context) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("site", &self.site_ctx);
        ctx.insert("config", &self.site.config);
        ctx.insert("urls", &self.urls);
        ctx.insert("assets", &self.assets.urls);
        ctx.insert("search_files", &self.search_files);
        ctx.insert("root", &root_prefix(out_path));
        ctx.insert("current", current);
        if self.full_nav {
            ctx.insert("nav", &self.site.nav);
        } else {
            let pos = self.positions.get(current).copied();
            ctx.insert("nav", &crate::nav::for_page(&self.site.nav, pos, false));
        }
        ctx.extend(extra);
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| theme::template_error(&self.site.root.join("templates"), &e))?;
        Ok(if self.minify {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        })
    }
}

/// Deepest element nesting minify-html is given: its parser recurses, and 100,000 nested
/// quotes overflow the stack. Deeper pages are written unminified (and were reported by
/// the parser).
pub const MAX_MINIFY_DEPTH: usize = 256;

/// The deepest tag nesting in an HTML document (void and self-closed tags not counted).
pub fn nesting_depth(html: &[u8]) -> usize {
    const VOID: &[&[u8]] = &[
        b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track",
        b"wbr",
    ];
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < html.len() {
        if html[i] == b'<' {
            if html[i + 1] == b'/' {
                depth = depth.saturating_sub(1);
            } else if html[i + 1].is_ascii_alphabetic() {
                let name_end = html[i + 1..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(html.len(), |p| i + 1 + p);
                let name = html[i + 1..name_end].to_ascii_lowercase();
                let close = html[i..].iter().position(|&c| c == b'>').map_or(html.len(), |p| i + p);
                let self_closed = close > 0 && html.get(close - 1) == Some(&b'/');
                if !VOID.contains(&name.as_slice()) && !self_closed {
                    depth += 1;
                    max = max.max(depth);
                }
            }
        }
        i += 1;
    }
    max
}

pub fn minify(html: &[u8]) -> Vec<u8> {
    if nesting_depth(html) > MAX_MINIFY_DEPTH {
        return html.to_vec();
    }
    // The one-pass minifier works in place without allocating and is several times
    // faster; it refuses HTML it cannot prove well-formed (raw author HTML with
    // `unsafe_html`), which then goes through the tolerant minifier.
    let mut fast = html.to_vec();
    let cfg = minify_html_onepass::Cfg {
        minify_css: false,
        minify_js: false,
    };
    if let Ok(len) = minify_html_onepass::in_place(&mut fast, &cfg) {
        fast.truncate(len);
        return fast;
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

/// Renders the whole site into memory.
pub fn render(site: &Site, minify: bool) -> Result<Output, Vec<Diagnostic>> {
    let config = &site.config;
    let (tera, own_templates) = theme::templates(&site.root)?;
    let questions = site.question_count();

    // Everything under assets/ gets a content-hashed name before any page is rendered,
    // since pages link to those names (fingerprint.rs).
    let (mut sources, other_static) = fingerprint::sources(site)?;
    let (quiz_data, search) = rayon::join(|| crate::quizdata::quiz_data(site), || crate::search::build(site));
    sources.insert("quiz-data.js".into(), quiz_data.into());
    let search_names: Vec<&str> = search.listed.clone();
    sources.extend(search.files.into_iter().map(|(name, text)| (name, text.into_bytes())));
    let assets = Assets::new(sources);
    let stale = fingerprint::check_templates(&own_templates, &assets);
    if !stale.is_empty() {
        return Err(stale);
    }

    let common = Common {
        tera: &tera,
        site,
        site_ctx: SiteCtx {
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
        },
        urls: Urls {
            home: "index.html".into(),
            questions: special_path("questions", config.url_style).1,
            quiz: special_path("quiz", config.url_style).1,
            cheatsheet: special_path("cheatsheet", config.url_style).1,
        },
        assets: &assets,
        search_files: assets.json(&search_names),
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
    };
    let mut out = Output {
        search_units: search.units,
        ..Output::default()
    };
    let mut errors = Vec::new();
    // Note and folder pages in parallel with the generated pages.
    let (rendered, (special, special_errors)) = rayon::join(
        || render_pages(&common, site),
        || {
            let mut out = Output::default();
            let mut errors = Vec::new();
            render_specials(&common, site, &mut out, &mut errors);
            (out, errors)
        },
    );
    for r in rendered {
        match r {
            Ok((path, bytes)) => out.add(path, bytes),
            Err(e) => errors.push(e),
        }
    }
    out.files.extend(special.files);
    errors.extend(special_errors);

    if !errors.is_empty() {
        return Err(errors);
    }

    // The fingerprinted assets, the site's other static files, then content assets.
    for (path, bytes) in assets.into_files() {
        out.add(path, bytes);
    }
    for (rel, bytes) in other_static {
        out.add(rel, bytes);
    }
    for a in &site.assets {
        match std::fs::read(&a.path) {
            Ok(bytes) => out.add(a.rel.clone(), bytes),
            Err(e) => errors.push(Diagnostic::error(&a.path, format!("cannot read: {e}"))),
        }
    }
    out.add(".nojekyll", "");
    if !config.base_url.is_empty() {
        out.add("sitemap.xml", sitemap(site, config));
        out.add(
            "robots.txt",
            format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", config.base_url),
        );
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Note pages and folder pages, in parallel.
fn render_pages(common: &Common, site: &Site) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
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
            ctx.insert("page", &page);
            if site.config.print.answers == PrintAnswers::Key && !p.parsed.questions.is_empty() {
                ctx.insert("answer_key", &answer_key(site, &[i], &p.source.out_path));
            }
            let template = if p.source.kind == PageKind::Section {
                "section.html"
            } else {
                "page.html"
            };
            common
                .render(template, &p.source.out_path, &p.source.url, ctx)
                .map(|bytes| (p.source.out_path.clone(), bytes))
        })
        .collect()
}

/// The generated pages: home, questions, quiz, cheat sheet, 404.
fn render_specials(common: &Common, site: &Site, out: &mut Output, errors: &mut Vec<Diagnostic>) {
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
    ctx.insert("groups", &groups);
    // A list, not a map: Tera's maps do not keep the sorted order, and the output must
    // be the same on every build.
    let tags: Vec<(&str, usize)> = tag_counts.into_iter().collect();
    ctx.insert("tags", &tags);
    ctx.insert("total", &questions);
    if config.print.answers == PrintAnswers::Key {
        ctx.insert("answer_key", &answer_key(site, &site.order, &q_out));
    }
    push(
        out,
        errors,
        &q_out,
        common.render("questions.html", &q_out, &q_url, ctx),
    );

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

fn push(out: &mut Output, errors: &mut Vec<Diagnostic>, path: &str, r: Result<Vec<u8>, Diagnostic>) {
    match r {
        Ok(b) => out.add(path, b),
        Err(e) => errors.push(e),
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
    fn nesting_depth_ignores_void_and_self_closed_tags() {
        assert_eq!(nesting_depth(b"<div><p>a<br><img src=x/></p></div>"), 2);
        assert_eq!(nesting_depth(b"<blockquote>".repeat(300).as_slice()), 300);
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<blockquote>".repeat(100_000),
            "</blockquote>".repeat(100_000)
        );
        // Deep pages come back untouched instead of overflowing the minifier's stack.
        assert_eq!(minify(deep.as_bytes()), deep.as_bytes());
    }
}
