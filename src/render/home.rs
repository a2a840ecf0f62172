//! The home page.

use serde::Serialize;
use tera::Context;

use super::common::{Common, Link, push};
use super::pages::page_ctx;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::nav::NavNode;
use crate::sink::Sink;
use crate::site::Site;

/// The home page: the home note, if any, and a card per top-level section.
pub(super) fn render(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
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
}

#[derive(Serialize)]
pub(super) struct SectionCard<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) description: &'a str,
    pub(super) topics: &'a [String],
    pub(super) questions: usize,
    pub(super) children: usize,
    /// The quiz's names of the pages under it with questions, comma-separated
    /// (`quiz.html?section=…`).
    pub(super) quiz_sections: String,
}

/// The quiz names of the pages of `n` and its descendants that have questions.
fn quiz_sections(site: &Site, n: &NavNode, out: &mut Vec<String>) {
    if let Some(p) = n
        .page
        .map(|i| &site.pages[i])
        .filter(|p| !p.parsed.questions.is_empty())
    {
        out.push(super::quizdata::section_slug(&p.source.out_path));
    }
    for c in &n.children {
        quiz_sections(site, c, out);
    }
}

pub(super) fn card<'a>(site: &'a Site, n: &'a NavNode) -> Option<SectionCard<'a>> {
    let p = n.page.map(|i| &site.pages[i]);
    Some(SectionCard {
        title: &n.title,
        url: &n.url,
        description: p.and_then(|p| p.source.front.description.as_deref()).unwrap_or(""),
        topics: p.map_or(&[][..], |p| &p.source.front.topics),
        questions: n.questions,
        children: n.children.len(),
        quiz_sections: {
            let mut v = Vec::new();
            quiz_sections(site, n, &mut v);
            v.join(",")
        },
    })
}
