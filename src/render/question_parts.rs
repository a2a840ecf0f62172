//! The questions page of a large bank, split: when every question on one page would make
//! it heavier than a phone can open (~800 KB of HTML), `questions.html` becomes an index
//! of parts with their counts (`questions-index.html`), and each top-level folder gets a
//! page of its own (`questions-FOLDER.html`, beside `questions.html` so question markup
//! needs no re-basing), itself cut in consecutive pieces when one folder is too large.
//! A bank that fits stays one page, byte for byte as before. The cheat sheet is split
//! the same way (`cheatsheet-FOLDER.html`, [`cheat_plan`]).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::answer_key::answer_key;
use super::common::Common;
use super::questions::{groups_of, questions_page, tag_list};
use crate::config::PrintAnswers;
use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::routes::{UrlStyle, special_path};
use crate::sink::Sink;
use crate::site::Site;

/// The most HTML one questions page should hold, as estimated by [`page_estimate`].
pub(super) const PAGE_CAP: usize = 800 * 1024;

/// One part of a split questions page.
#[derive(Serialize)]
pub(super) struct Part {
    pub(super) title: String,
    pub(super) out: String,
    pub(super) url: String,
    /// Site page indices, in question order.
    #[serde(skip)]
    pub(super) pages: Vec<usize>,
    /// Which piece of its folder this is (1-based) and how many there are.
    pub(super) piece: usize,
    pub(super) pieces: usize,
    pub(super) count: usize,
    /// Pages with questions in it.
    pub(super) sections: usize,
}

/// How the questions page is laid out: one page (`parts` empty) or an index and parts.
#[derive(Default)]
pub(super) struct Plan {
    pub(super) parts: Vec<Part>,
    /// Site page index → its part.
    by_page: HashMap<usize, usize>,
}

impl Plan {
    /// The part that lists a page's questions (none when the questions page is whole).
    pub(super) fn url_of(&self, page: usize) -> Option<&str> {
        self.by_page.get(&page).map(|&n| self.parts[n].url.as_str())
    }
}

/// About how many bytes of the questions page a page's questions make (the markup
/// around each question's own HTML is ~700 bytes, its buttons and labels).
fn page_estimate(site: &Site, i: usize) -> usize {
    let p = &site.pages[i];
    p.parsed
        .questions
        .iter()
        .map(|q| {
            let opts: usize = q.options.iter().map(|o| o.html.len() + o.why.len() + 160).sum();
            q.q_html.len() + q.stem_html.len() + q.a_html.len() + q.explain_html.len() + opts + 700
        })
        .sum::<usize>()
        + 300
}

/// The top-level folder a page is in ("" for pages at the top).
fn top_folder(folder: &str) -> &str {
    folder.split('/').next().unwrap_or("")
}

/// Splits the questions page when the whole would exceed `cap` (estimated).
pub(super) fn plan(site: &Site, cap: usize) -> Plan {
    let order: Vec<usize> = site
        .question_order()
        .into_iter()
        .filter(|&i| !site.pages[i].parsed.questions.is_empty())
        .collect();
    // The printed answer key repeats every answer.
    let key = site.config.print.answers == PrintAnswers::Key;
    split(
        site,
        order,
        |i| page_estimate(site, i),
        cap,
        if key { cap / 2 } else { cap },
        "questions",
        |i| site.pages[i].parsed.questions.len(),
    )
}

/// Splits the cheat sheet likewise when it would exceed `cap`.
pub(super) fn cheat_plan(site: &Site, cap: usize) -> Plan {
    let order: Vec<usize> = site
        .order
        .iter()
        .copied()
        .filter(|&i| !site.pages[i].parsed.cheatsheet.is_empty())
        .collect();
    let size = |i: usize| {
        site.pages[i]
            .parsed
            .cheatsheet
            .iter()
            .map(|c| c.html.len() + c.heading.len() * 2 + 250)
            .sum::<usize>()
            + 300
    };
    split(site, order, size, cap, cap, "cheatsheet", |i| {
        site.pages[i].parsed.cheatsheet.len()
    })
}

/// Pages `order` (each `size(i)` bytes) on one page when they fit in `cap`; else a part
/// per top-level folder, `name-FOLDER`, in pieces of at most `budget`.
fn split(
    site: &Site,
    order: Vec<usize>,
    size: impl Fn(usize) -> usize,
    cap: usize,
    budget: usize,
    name: &str,
    count: impl Fn(usize) -> usize,
) -> Plan {
    let sizes: HashMap<usize, usize> = order.iter().map(|&i| (i, size(i))).collect();
    if sizes.values().sum::<usize>() <= cap {
        return Plan::default();
    }
    // Top-level folders in the order their first page comes.
    let mut folders: Vec<(&str, Vec<usize>)> = Vec::new();
    for &i in &order {
        let top = top_folder(&site.pages[i].source.folder);
        match folders.iter_mut().find(|(f, _)| *f == top) {
            Some((_, pages)) => pages.push(i),
            None => folders.push((top, vec![i])),
        }
    }
    let style = site.config.url_style;
    let mut taken: HashSet<String> = HashSet::new();
    let mut plan = Plan::default();
    for (folder, pages) in folders {
        let title = folder_title(site, folder);
        // Consecutive pieces, each within the budget (a page larger than it is a piece).
        let mut pieces: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = 0;
        for i in pages {
            let last = pieces.last_mut().expect("one piece");
            if !last.is_empty() && used + sizes[&i] > budget {
                pieces.push(vec![i]);
                used = sizes[&i];
            } else {
                last.push(i);
                used += sizes[&i];
            }
        }
        let n = pieces.len();
        let base = if folder.is_empty() {
            "top".to_string()
        } else {
            slug(folder)
        };
        for (k, pages) in pieces.into_iter().enumerate() {
            let mut part_name = if k == 0 {
                base.clone()
            } else {
                format!("{base}-{}", k + 1)
            };
            while !taken.insert(part_name.clone()) {
                part_name.push('_');
            }
            let (out, url) = part_path(name, &part_name, style);
            let part = plan.parts.len();
            for &i in &pages {
                plan.by_page.insert(i, part);
            }
            plan.parts.push(Part {
                title: title.clone(),
                out,
                url,
                count: pages.iter().map(|&i| count(i)).sum(),
                sections: pages.len(),
                pages,
                piece: k + 1,
                pieces: n,
            });
        }
    }
    plan
}

/// A part's file, beside the page it is part of (the same depth: links need no re-basing).
fn part_path(page: &str, name: &str, style: UrlStyle) -> (String, String) {
    special_path(&format!("{page}-{name}"), style)
}

/// A folder name as part of a file name: letters, digits, `-` and `_` kept.
fn slug(folder: &str) -> String {
    let s: String = folder
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "part".into() } else { s }
}

/// A folder's title: its folder page's, else its name; the site's for the top.
fn folder_title(site: &Site, folder: &str) -> String {
    if folder.is_empty() {
        return site
            .pages
            .iter()
            .find(|p| p.source.kind == PageKind::Home)
            .map_or_else(|| site.config.title.clone(), |p| p.parsed.title.clone());
    }
    site.pages
        .iter()
        .find(|p| p.source.kind == PageKind::Section && p.source.folder == folder)
        .map_or_else(|| folder.to_string(), |p| p.parsed.title.clone())
}

/// The index page at the questions page's place, and every part, in parallel.
pub(super) fn render(common: &Common, site: &Site, plan: &Plan, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    let (q_out, q_url) = special_path("questions", site.config.url_style);
    let mut ctx = Context::new();
    ctx.insert("parts", &plan.parts);
    ctx.insert("total", &common.site_ctx.questions);
    if let Err(e) = common
        .render("questions-index.html", &q_out, &q_url, ctx)
        .and_then(|bytes| out.put(q_out.clone(), bytes))
    {
        errors.push(e);
    }
    let part_errors: Vec<Diagnostic> = plan
        .parts
        .par_iter()
        .filter_map(|part| render_part(common, site, part, &q_url, out).err())
        .collect();
    errors.extend(part_errors);
}

fn render_part(common: &Common, site: &Site, part: &Part, index_url: &str, out: &dyn Sink) -> Result<(), Diagnostic> {
    let groups = groups_of(site, part.pages.iter().copied());
    let mut ctx = Context::new();
    ctx.insert("tags", &tag_list(&groups));
    ctx.insert("total", &part.count);
    ctx.insert(
        "math",
        &super::questions::pages_have_math(site, part.pages.iter().copied()),
    );
    ctx.insert("part", part);
    ctx.insert("index_url", index_url);
    if site.config.print.answers == PrintAnswers::Key {
        ctx.insert("answer_key", &answer_key(site, &part.pages, &part.out));
    }
    let parts = questions_page(common, &part.out, &part.url, ctx, &groups)?;
    out.put_parts(part.out.clone(), parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_become_file_names_without_odd_characters() {
        assert_eq!(slug("aws services"), "aws-services");
        assert_eq!(slug("a.b"), "a-b");
        assert_eq!(slug("día_2"), "d-a_2");
    }

    #[test]
    fn parts_sit_beside_the_questions_page() {
        assert_eq!(part_path("questions", "ec2", UrlStyle::File).0, "questions-ec2.html");
        assert_eq!(
            part_path("cheatsheet", "ec2", UrlStyle::Pretty),
            ("cheatsheet-ec2/index.html".into(), "cheatsheet-ec2/".into())
        );
    }
}
