//! The cheat sheet.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::common::{Common, push, rebase_links};
use crate::diagnostics::Diagnostic;
use crate::markdown::CheatItem;
use crate::routes::special_path;
use crate::sink::Sink;
use crate::site::Site;

/// The cheat sheet: every page's callouts and marked tables, in reading order.
pub(super) fn render(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let (c_out, c_url) = special_path("cheatsheet", config.url_style);
    let plan = super::question_parts::cheat_plan(site, super::question_parts::PAGE_CAP);
    let math = site
        .pages
        .iter()
        .filter(|p| p.parsed.formulas > 0)
        .any(|p| p.parsed.cheatsheet.iter().any(|c| c.html.contains("<math")));
    if !plan.parts.is_empty() {
        // An index of the parts at the cheat sheet's place, then each part.
        let mut ctx = Context::new();
        ctx.insert("parts", &plan.parts);
        push(
            out,
            errors,
            &c_out,
            common.render("cheatsheet.html", &c_out, &c_url, ctx),
        );
        let results: Vec<(String, Result<Vec<u8>, Diagnostic>)> = plan
            .parts
            .par_iter()
            .map(|part| {
                let mut ctx = Context::new();
                ctx.insert("groups", &groups(site, &part.pages, &part.out));
                ctx.insert("math", &math);
                ctx.insert("part", part);
                ctx.insert("index_url", &c_url);
                (
                    part.out.clone(),
                    common.render("cheatsheet.html", &part.out, &part.url, ctx),
                )
            })
            .collect();
        for (path, r) in results {
            push(out, errors, &path, r);
        }
        return;
    }
    let mut ctx = Context::new();
    ctx.insert("groups", &groups(site, &site.order, &c_out));
    ctx.insert("math", &math);
    push(
        out,
        errors,
        &c_out,
        common.render("cheatsheet.html", &c_out, &c_url, ctx),
    );
}

/// The cheat-sheet groups of `pages` (those with items), for a page at `out_path`.
fn groups<'a>(site: &'a Site, pages: &[usize], out_path: &str) -> Vec<CheatGroup<'a>> {
    let depth = out_path.matches('/').count();
    pages
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
        .collect()
}

#[derive(Serialize)]
pub(super) struct CheatGroup<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) items: Vec<CheatCtx<'a>>,
}

#[derive(Serialize)]
pub(super) struct CheatCtx<'a> {
    pub(super) kind: &'a str,
    pub(super) anchor: &'a str,
    pub(super) heading: &'a str,
    pub(super) html: String,
}

/// Cheat-sheet items carry links relative to their page; re-base them when the cheat
/// sheet sits at another depth. A table's region label gets the page's title, since
/// two pages may have tables under the same heading (and a landmark needs a name of its own).
pub(super) fn cheat_ctx<'a>(c: &'a CheatItem, depth: usize, page_title: &str) -> CheatCtx<'a> {
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
