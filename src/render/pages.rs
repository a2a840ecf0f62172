//! Note pages and folder (section) pages.

use crate::questions::QuestionKind;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::answer_key::answer_key;
use super::common::{Common, Link};
use crate::config::PrintAnswers;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::markdown::TocEntry;
use crate::sink::Sink;
use crate::site::Site;

#[derive(Serialize)]
pub(super) struct PageCtx<'a> {
    pub(super) title: &'a str,
    /// The whole `<title>` when the page sets it (mdBook's `{{#title …}}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) html_title: Option<&'a str>,
    pub(super) description: &'a str,
    pub(super) html: &'a str,
    pub(super) toc: &'a [TocEntry],
    pub(super) topics: &'a [String],
    /// The page's tags and each one's value in a `?tag=` query.
    pub(super) tags: Vec<(&'a str, String)>,
    pub(super) tabs: bool,
    /// Mermaid diagrams on the page (it loads the vendored Mermaid and diagrams.js).
    pub(super) diagrams: usize,
    /// Typed or numeric questions on the page (it loads `question-kinds.js`).
    pub(super) kinds: bool,
    pub(super) url: &'a str,
    pub(super) kind: &'a str,
    pub(super) questions: usize,
    /// The part of a split questions page that lists this page's questions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) questions_url: Option<String>,
    /// Anchor of the first question, for the "N questions" link.
    /// Formulas on the page (it loads the math stylesheet when there are any).
    pub(super) formulas: usize,
    pub(super) first_question: String,
    /// The page's name in the quiz (`quiz.html?section=…`), when it has questions.
    pub(super) quiz_section: String,
    pub(super) breadcrumb: Vec<Link>,
    pub(super) prev: Option<Link>,
    pub(super) next: Option<Link>,
    pub(super) children: Vec<Link>,
    pub(super) canonical: String,
}

/// Note pages and folder pages, in parallel.
pub(super) fn render(common: &Common, site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
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

pub(super) fn page_ctx<'a>(common: &Common<'a>, i: usize, prev: Option<Link>, next: Option<Link>) -> PageCtx<'a> {
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
        html_title: p.source.html_title.as_deref(),
        description: p.source.front.description.as_deref().unwrap_or(""),
        html: &p.parsed.html,
        toc: &p.parsed.toc,
        topics: &p.source.front.topics,
        tags: p
            .parsed
            .tags
            .iter()
            .map(|t| {
                let q = crate::markdown::links::encode_path(t)
                    .replace('&', "%26")
                    .replace('+', "%2B");
                (t.as_str(), q)
            })
            .collect(),
        url: &p.source.url,
        kind: match p.source.kind {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
        },
        questions: p.parsed.questions.len(),
        questions_url: common.question_parts.url_of(i).map(str::to_string),
        formulas: p.parsed.formulas,
        tabs: p.parsed.tabs,
        diagrams: p.parsed.diagrams,
        kinds: has_kinds(&p.parsed.questions),
        first_question: p
            .parsed
            .questions
            .first()
            .map(|q| format!("q-{}", q.id))
            .unwrap_or_default(),
        quiz_section: if p.parsed.questions.is_empty() {
            String::new()
        } else {
            super::quizdata::section_slug(&p.source.out_path)
        },
        breadcrumb,
        prev,
        next,
        children,
        canonical,
    }
}

/// Questions answered by typing (a typed or numeric answer) or clozes among `questions`.
pub(super) fn has_kinds(questions: &[crate::questions::Question]) -> bool {
    questions.iter().any(|q| {
        matches!(
            q.kind,
            QuestionKind::Typed | QuestionKind::Numeric | QuestionKind::Cloze
        )
    })
}
