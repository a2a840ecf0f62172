//! The printed answer key (`print.answers = "key"`), on note pages and the questions page.

use serde::Serialize;

use super::common::rebase_links;
use crate::routes::special_path;
use crate::site::Site;
use crate::util::root_prefix;

/// The printed answer key (`print.answers = "key"`): the questions of `pages`, numbered
/// in page order on paper, each with its answer; a group per page with questions (its
/// title is left out when there is one page).
#[derive(Serialize)]
pub(super) struct KeyGroup<'a> {
    pub(super) title: &'a str,
    pub(super) items: Vec<KeyEntry<'a>>,
}

#[derive(Serialize)]
pub(super) struct KeyEntry<'a> {
    pub(super) id: &'a str,
    /// The question's title as HTML (`questions::title_html`), its links moved to the page.
    pub(super) text: String,
    /// Letters of the correct options (choice questions).
    pub(super) letters: Vec<String>,
    /// The correct options, and the wrong ones that carry an explanation.
    pub(super) options: Vec<KeyOption>,
    /// The answer (free response) or the explanation after the options.
    pub(super) answer: String,
}

#[derive(Serialize)]
pub(super) struct KeyOption {
    pub(super) letter: String,
    pub(super) correct: bool,
    pub(super) html: String,
    pub(super) why: String,
}

pub(super) fn answer_key<'a>(site: &'a Site, pages: &[usize], out_path: &str) -> Vec<KeyGroup<'a>> {
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
                    text: rebase_links(&super::questions::title_html(q), &from, &to),
                    letters: q.correct_letters(),
                    options: q
                        .options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.correct || !o.why.is_empty())
                        .map(|(n, o)| KeyOption {
                            letter: crate::questions::letter(n),
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
