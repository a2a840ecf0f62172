//! The questions page.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::answer_key::answer_key;
use super::common::Common;
use super::minify::{BODY_PLACEHOLDER, compact_blocks, single_match};
use crate::config::PrintAnswers;
use crate::diagnostics::Diagnostic;
use crate::markdown::html::tag_name;
use crate::questions::Question;
use crate::routes::special_path;
use crate::sink::Sink;
use crate::site::Site;
use crate::util::root_prefix;

/// Whether a question shows a formula (the page then loads the math stylesheet).
pub(super) fn questions_have_math(site: &Site) -> bool {
    pages_have_math(site, 0..site.pages.len())
}

/// [`questions_have_math`] for the questions of these pages (a part of the questions page).
pub(super) fn pages_have_math(site: &Site, pages: impl Iterator<Item = usize>) -> bool {
    pages
        .map(|i| &site.pages[i])
        .filter(|p| p.parsed.formulas > 0)
        .any(|p| {
            p.parsed.questions.iter().any(|q| {
                [&q.q_html, &q.stem_html, &q.a_html, &q.explain_html]
                    .into_iter()
                    .chain(q.options.iter().flat_map(|o| [&o.html, &o.why]))
                    .any(|h| h.contains("<math"))
            })
        })
}

/// The questions page: every question of the site, by page, with a tag index.
pub(super) fn render(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    if !common.question_parts.parts.is_empty() {
        return super::question_parts::render(common, site, &common.question_parts, out, errors);
    }
    let config = &site.config;
    let questions = common.site_ctx.questions;
    let (q_out, q_url) = special_path("questions", config.url_style);
    let groups = question_groups(site);
    let mut ctx = Context::new();
    ctx.insert("tags", &tag_list(&groups));
    ctx.insert("total", &questions);
    ctx.insert("math", &questions_have_math(site));
    ctx.insert(
        "kinds",
        &site.pages.iter().any(|p| super::pages::has_kinds(&p.parsed.questions)),
    );
    if config.print.answers == PrintAnswers::Key {
        ctx.insert("answer_key", &answer_key(site, &site.order, &q_out));
    }
    if let Err(e) =
        questions_page(common, &q_out, &q_url, ctx, &groups).and_then(|parts| out.put_parts(q_out.clone(), parts))
    {
        errors.push(e);
    }
}

#[derive(Serialize)]
pub(super) struct QuestionGroup<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) slug: String,
    pub(super) count: usize,
    pub(super) questions: Vec<QuestionCtx<'a>>,
}

#[derive(Serialize)]
pub(super) struct QuestionCtx<'a> {
    pub(super) q: &'a Question,
    pub(super) url: String,
    pub(super) letters: Vec<String>,
    /// The question's title as HTML ([`title_html`]).
    pub(super) title: std::borrow::Cow<'a, str>,
}

/// A question's own line as the title of its entry (`<h3>`): the paragraph it renders
/// as, without the `<p>`, so its formulas, code and emphasis show as they do on its page;
/// its plain text, escaped, when that paragraph holds more than phrasing content (raw
/// block HTML the sanitiser kept).
pub(super) fn title_html(q: &Question) -> std::borrow::Cow<'_, str> {
    let inline = q
        .q_html
        .as_str()
        .strip_suffix(q.stem_html.as_str())
        .and_then(|own| own.strip_prefix("<p>"))
        .and_then(|own| own.strip_suffix("</p>\n"))
        .filter(|inner| {
            memchr::memchr_iter(b'<', inner.as_bytes()).all(|i| {
                let rest = &inner.as_bytes()[i + 1..];
                !super::minify::is_block_tag(tag_name(rest.strip_prefix(b"/").unwrap_or(rest)))
            })
        });
    match inline {
        Some(html) if !html.trim().is_empty() => std::borrow::Cow::Borrowed(html),
        _ => std::borrow::Cow::Owned(crate::util::escape_html(&q.text)),
    }
}

/// The questions page, which holds every question of the site (50 MB for 5,000 pages):
/// its sections are rendered and minified in parallel, a group each, and go into the
/// minified page where it prints `sections`.
pub(super) fn questions_page(
    common: &Common,
    out_path: &str,
    url: &str,
    mut extra: Context,
    groups: &[QuestionGroup],
) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let root = root_prefix(out_path);
    // Tera's context only for a site's own question partials.
    let base = (!common.direct_questions).then(|| {
        let mut base = common.base.clone();
        base.insert("root", &root);
        base
    });
    let ui = super::question_html::Strings::new(&common.site.config.strings().ui);
    let sections: Vec<Vec<u8>> = groups
        .par_iter()
        .map(|g| {
            let html = if let Some(base) = &base {
                let mut ctx = base.clone();
                ctx.insert("g", g);
                common.run("partials/question-section.html", &ctx)?
            } else {
                super::question_html::section(g, &root, &ui)
            };
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
pub(super) struct GroupEntry<'a> {
    title: &'a str,
    url: &'a str,
    slug: &'a str,
    count: usize,
}

/// The tag filter's options: each tag of `groups` with its count, sorted. A list, not a
/// map: Tera's maps do not keep the sorted order, and the output must be the same on
/// every build.
pub(super) fn tag_list<'a>(groups: &[QuestionGroup<'a>]) -> Vec<(&'a str, usize)> {
    let mut tag_counts: BTreeMap<&str, usize> = BTreeMap::new();
    for g in groups {
        for q in &g.questions {
            for t in &q.q.tags {
                *tag_counts.entry(t).or_default() += 1;
            }
        }
    }
    tag_counts.into_iter().collect()
}

pub(super) fn question_groups(site: &Site) -> Vec<QuestionGroup<'_>> {
    groups_of(site, site.question_order().into_iter())
}

/// The groups of the pages `pages` (in that order) that have questions.
pub(super) fn groups_of(site: &Site, pages: impl Iterator<Item = usize>) -> Vec<QuestionGroup<'_>> {
    pages
        .map(|i| &site.pages[i])
        .filter(|p| !p.parsed.questions.is_empty())
        .map(|p| QuestionGroup {
            title: &p.parsed.title,
            url: &p.source.url,
            slug: super::quizdata::section_slug(&p.source.out_path),
            count: p.parsed.questions.len(),
            questions: p
                .parsed
                .questions
                .iter()
                .map(|q| QuestionCtx {
                    q,
                    url: format!("{}#q-{}", p.source.url, q.id),
                    letters: q.correct_letters(),
                    title: title_html(q),
                })
                .collect(),
        })
        .collect()
}
