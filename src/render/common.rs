//! What every generated file shares: the site-wide template values, the sidebars,
//! running a template, and minifying its result.

use std::collections::HashMap;

use serde::Serialize;
use tera::{Context, Tera};

use super::minify::{BODY_PLACEHOLDER, compact_blocks, minify_fast, minify_tolerant, single_match};
use super::nav_splice::{NAV_PLACEHOLDER, splice};
use super::pages::PageCtx;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::fingerprint::Assets;
use crate::routes::special_path;
use crate::sink::Sink;
use crate::site::Site;
use crate::theme::{self, SiteTemplate};
use crate::util::root_prefix;

#[derive(Serialize)]
pub(super) struct SiteCtx<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) language: &'a str,
    /// `rtl` for a language written right to left, else `ltr` (base.html writes only rtl).
    pub(super) dir: &'static str,
    pub(super) base_url: &'a str,
    pub(super) site_id: &'a str,
    pub(super) print_answers: &'a str,
    pub(super) version: &'a str,
    pub(super) questions: usize,
}

#[derive(Serialize)]
pub(super) struct Urls {
    pub(super) home: String,
    pub(super) questions: String,
    pub(super) quiz: String,
    pub(super) cheatsheet: String,
}

#[derive(Serialize, Clone)]
pub(super) struct Link {
    pub(super) title: String,
    pub(super) url: String,
}

pub(super) struct Common<'a> {
    pub(super) tera: &'a Tera,
    pub(super) site: &'a Site,
    pub(super) site_ctx: SiteCtx<'a>,
    /// The fingerprinted files: the templates' `assets` map.
    pub(super) assets: &'a Assets,
    pub(super) minify: bool,
    /// Folder → its section page, and folder → its pages in reading order: looked up for
    /// every page's breadcrumb and every section's list, so a hash lookup, not a scan.
    pub(super) sections: HashMap<&'a str, usize>,
    pub(super) folder_pages: HashMap<&'a str, Vec<usize>>,
    /// URL → position in the reading order, for each page's sidebar.
    pub(super) positions: HashMap<&'a str, usize>,
    pub(super) full_nav: bool,
    /// The values every page's context holds, converted to Tera values once: site,
    /// config, urls, assets and search_files (`search.js`'s `data-files`: the hashed
    /// names of the search data files, as JSON).
    pub(super) base: Context,
    /// Sidebars by [`crate::nav::view_key`].
    pub(super) nav_cache: std::sync::Mutex<HashMap<Vec<u32>, tera::Value>>,
    /// Whether note pages may be minified around their body ([`Common::render_page`]).
    pub(super) splice_body: bool,
    /// Whether note pages take their sidebar from [`Common::nav_memo`]
    /// ([`super::nav_splice`]), and the memo.
    pub(super) splice_nav: bool,
    pub(super) nav_memo: super::nav_splice::NavMemo,
    /// The home page's and study tools' URLs (also in [`Common::base`]).
    pub(super) urls: Urls,
    /// One questions page, or an index and parts (a large bank).
    pub(super) question_parts: super::question_parts::Plan,
    /// The quiz data is split per section: the quiz page loads `quiz-loader.js`.
    pub(super) quiz_split: bool,
    /// The site keeps the theme's question partials: the questions page writes them
    /// directly ([`super::question_html`]).
    pub(super) direct_questions: bool,
}

impl<'a> Common<'a> {
    pub(super) fn new(
        site: &'a Site,
        tera: &'a Tera,
        assets: &'a Assets,
        minify: bool,
        search_names: &[&str],
        own_templates: &[SiteTemplate],
    ) -> Common<'a> {
        let config = &site.config;
        let questions = site.question_count();
        let site_ctx = SiteCtx {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            dir: crate::locale::dir(&config.language),
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
        base.insert("ui", &config.strings().ui);
        base.insert("urls", &urls);
        base.insert("assets", &assets.urls);
        base.insert("search_files", &assets.json(search_names));
        Common {
            tera,
            site,
            site_ctx,
            assets,
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
            splice_nav: super::nav_splice::applies(own_templates),
            nav_memo: Default::default(),
            urls,
            question_parts: super::question_parts::plan(site, super::question_parts::PAGE_CAP),
            quiz_split: false,
            direct_questions: super::question_html::applies(own_templates),
        }
    }
}

impl Common<'_> {
    /// The context every template gets, for a file at `out_path`: the shared values
    /// (converted to Tera values once, see [`Common::base`]) and this page's sidebar,
    /// converted once for all the pages that share it.
    pub(super) fn context(&self, out_path: &str, current: &str) -> Context {
        let mut ctx = self.base.clone();
        ctx.insert("root", &root_prefix(out_path));
        ctx.insert("current", current);
        // A site of several languages: the switcher and hreflang (not on the 404 page,
        // which is served at any depth).
        if let Some(m) = &self.site.language
            && current != "404.html"
        {
            ctx.insert("languages", &m.switcher(out_path, current));
            let alternates = m.alternates(current);
            if !alternates.is_empty() {
                ctx.insert("alternates", &alternates);
            }
        }
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

    pub(super) fn run(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| theme::template_error(&self.site.root.join("templates"), &e))
    }

    /// Renders `template` for a file at `out_path`, with the shared context.
    pub(super) fn render(
        &self,
        template: &str,
        out_path: &str,
        current: &str,
        extra: Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = self.context(out_path, current);
        ctx.extend(extra);
        self.finish(template, &ctx)
    }

    /// Renders and minifies.
    pub(super) fn finish(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
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
    pub(super) fn render_page(
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
            let nav = self.memo_nav(&ctx, out_path, current);
            if nav.is_some() {
                ctx.insert("sidebar_placeholder", NAV_PLACEHOLDER);
            }
            if let Ok(shell) = minify_fast(self.run(template, &ctx)?.into_bytes())
                && let Some(at) = single_match(&shell, BODY_PLACEHOLDER.as_bytes())
            {
                // The sidebar's placeholder, once, before the body (`base.html`'s order).
                let nav_at = nav
                    .as_ref()
                    .map(|_| single_match(&shell, NAV_PLACEHOLDER.as_bytes()).filter(|&n| n < at));
                // (A sidebar whose placeholder did not come through so: the page is rendered whole.)
                if nav_at != Some(None) {
                    let mut out = Vec::with_capacity(shell.len() + nav.as_ref().map_or(0, Vec::len) + body.len());
                    match (&nav, nav_at) {
                        (Some(nav), Some(Some(nav_at))) => splice(&shell[..at], nav_at, nav, &mut out),
                        _ => out.extend_from_slice(&shell[..at]),
                    }
                    compact_blocks(body, &mut out);
                    out.extend_from_slice(&shell[at + BODY_PLACEHOLDER.len()..]);
                    return Ok(out);
                }
            }
            ctx.remove("sidebar_placeholder");
            page.html = body;
        }
        ctx.insert("page", &page);
        self.finish(template, &ctx)
    }
}

pub(super) fn push(out: &dyn Sink, errors: &mut Vec<Diagnostic>, path: &str, r: Result<Vec<u8>, Diagnostic>) {
    if let Err(e) = r.and_then(|b| out.put(path.to_string(), b)) {
        errors.push(e);
    }
}

/// Moves the relative links and images of an HTML fragment written for a page whose
/// root prefix is `from` (`""`, `"../"`, …) to a page whose root prefix is `to`. Absolute
/// URLs, root-absolute paths and `#fragment` links stay as they are.
pub(super) fn rebase_links(html: &str, from: &str, to: &str) -> String {
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
}
