//! The question bank as the quiz's data file: `assets/quiz-data.js`, a script that
//! sets `window.STUDYSITE_QUIZ` (no fetch, so it works from file://), escaped so no
//! question text can close the script or run (SPEC §5).

use std::collections::BTreeMap;

use serde::Serialize;

use super::learn;
use crate::questions::QuestionKind;
use crate::questions::domains::Domains;
use crate::site::Site;
use crate::util::js_global;

#[derive(Serialize)]
struct Data<'a> {
    v: u32,
    site: &'a str,
    title: &'a str,
    exam: Exam,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    domains: Vec<DomainData<'a>>,
    sections: Vec<Section<'a>>,
    tags: Vec<&'a str>,
    questions: Vec<Q<'a>>,
}

#[derive(Serialize)]
struct Exam {
    questions: u32,
    minutes: u32,
    pass: u32,
}

#[derive(Serialize)]
struct DomainData<'a> {
    id: &'a str,
    title: &'a str,
    weight: f64,
}

#[derive(Serialize)]
struct Section<'a> {
    slug: String,
    title: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<usize>,
}

/// A page's name in the quiz (`?section=` of quiz.html): its output path without `.html`
/// or `/index`, `/` as `-`.
pub(super) fn section_slug(out_path: &str) -> String {
    out_path
        .trim_end_matches(".html")
        .trim_end_matches("/index")
        .replace('/', "-")
}

#[derive(Serialize)]
struct Opt<'a> {
    html: &'a str,
    correct: bool,
    why: &'a str,
    pin: bool,
}

#[derive(Serialize)]
struct Q<'a> {
    id: &'a str,
    kind: QuestionKind,
    section: usize,
    topic: String,
    url: String,
    tags: &'a [String],
    q: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    a: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<Opt<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    fixed: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    explain: &'a str,
    fp: &'a str,
    /// Its own domain when it differs from its page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<usize>,
    /// The section that teaches it (url#anchor) and its heading.
    #[serde(skip_serializing_if = "String::is_empty")]
    see: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    seet: &'a str,
}

/// The text of `quiz-data.js`.
pub fn quiz_data(site: &Site) -> String {
    let mut sections = Vec::new();
    let mut questions = Vec::new();
    let mut tags: BTreeMap<&str, ()> = BTreeMap::new();
    let domains = Domains::new(&site.config);
    for i in site.question_order() {
        let page = &site.pages[i];
        if page.parsed.questions.is_empty() {
            continue;
        }
        let section = sections.len();
        let page_domain = domains.of_page(&page.source.rel);
        sections.push(Section {
            slug: section_slug(&page.source.out_path),
            title: &page.parsed.title,
            url: &page.source.url,
            domain: page_domain,
        });
        let targets = learn::targets(page);
        for (q, target) in page.parsed.questions.iter().zip(targets) {
            for t in &q.tags {
                tags.insert(t, ());
            }
            questions.push(Q {
                id: &q.id,
                kind: q.kind,
                section,
                topic: q.topic.join(" › "),
                url: format!("{}#q-{}", page.source.url, q.id),
                tags: &q.tags,
                q: &q.q_html,
                a: &q.a_html,
                options: q
                    .options
                    .iter()
                    .map(|o| Opt {
                        html: &o.html,
                        correct: o.correct,
                        why: &o.why,
                        pin: o.pin,
                    })
                    .collect(),
                fixed: q.fixed,
                explain: &q.explain_html,
                fp: &q.fp,
                domain: q
                    .domain
                    .as_deref()
                    .and_then(|d| domains.index(d))
                    .filter(|&d| Some(d) != page_domain),
                see: target
                    .as_ref()
                    .map_or(String::new(), |t| format!("{}#{}", page.source.url, t.anchor)),
                seet: target.map_or("", |t| t.title),
            });
        }
    }
    let c = &site.config;
    let data = Data {
        v: 1,
        site: &c.site_id,
        title: &c.title,
        exam: Exam {
            questions: c.quiz.exam_questions,
            minutes: c.quiz.exam_minutes,
            pass: c.quiz.pass_mark,
        },
        domains: domains
            .list
            .iter()
            .map(|(id, d)| DomainData {
                id,
                title: if d.title.is_empty() { id } else { &d.title },
                weight: d.weight,
            })
            .collect(),
        sections,
        tags: tags.into_keys().collect(),
        questions,
    };
    js_global("STUDYSITE_QUIZ", &data)
}
