//! The question bank as the quiz's data file: `assets/quiz-data.js`, a script that
//! sets `window.STUDYSITE_QUIZ` (no fetch, so it works from file://), escaped so no
//! question text can close the script or run (SPEC §5).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::learn;
use crate::questions::QuestionKind;
use crate::questions::domains::Domains;
use crate::site::Site;
use crate::util::js_global;

#[derive(Serialize)]
pub(super) struct Data<'a> {
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
pub(super) struct Exam {
    questions: u32,
    minutes: u32,
    pass: u32,
}

#[derive(Serialize)]
pub(super) struct DomainData<'a> {
    id: &'a str,
    title: &'a str,
    weight: f64,
}

#[derive(Serialize)]
pub(super) struct Section<'a> {
    pub(super) slug: String,
    pub(super) title: &'a str,
    /// Left out of a split bank's manifest (`quiz-loader.js` takes it from a loaded question).
    pub(super) url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) domain: Option<usize>,
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
pub(super) struct Opt<'a> {
    html: &'a str,
    correct: bool,
    why: &'a str,
    pin: bool,
}

#[derive(Serialize)]
pub(super) struct Q<'a> {
    pub(super) id: &'a str,
    pub(super) kind: QuestionKind,
    pub(super) section: usize,
    topic: String,
    url: String,
    pub(super) tags: &'a [String],
    q: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    a: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) options: Vec<Opt<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    fixed: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    explain: &'a str,
    fp: &'a str,
    /// Its own domain when it differs from its page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) domain: Option<usize>,
    /// The section that teaches it (url#anchor) and its heading.
    #[serde(skip_serializing_if = "String::is_empty")]
    see: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    seet: &'a str,
    /// A typed question's accepted answers.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    accept: &'a [String],
    /// A numeric question's accepted range and unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    num: Option<Num<'a>>,
}

#[derive(Serialize)]
pub(super) struct Num<'a> {
    min: f64,
    max: f64,
    unit: &'a str,
}

impl Q<'_> {
    /// Bytes its JSON has at least: the texts it holds, which serialising only escapes.
    pub(super) fn min_json_len(&self) -> usize {
        let texts = [
            self.id,
            &self.topic,
            &self.url,
            self.q,
            self.a,
            self.explain,
            self.fp,
            &self.see,
            self.seet,
        ];
        texts.iter().map(|t| t.len()).sum::<usize>()
            + self.options.iter().map(|o| o.html.len() + o.why.len()).sum::<usize>()
    }
}

/// The pages whose questions the quiz asks, in order: a section each.
pub(super) fn quiz_pages(site: &Site) -> Vec<usize> {
    site.question_order()
        .into_iter()
        .filter(|&i| !site.pages[i].parsed.questions.is_empty())
        .collect()
}

/// One section of the quiz: page `i`, the `section`-th, and its questions.
pub(super) fn section_data<'a>(
    site: &'a Site,
    domains: &Domains,
    i: usize,
    section: usize,
) -> (Section<'a>, Vec<Q<'a>>) {
    let page = &site.pages[i];
    let page_domain = domains.of_page(&page.source.rel);
    let head = Section {
        slug: section_slug(&page.source.out_path),
        title: &page.parsed.title,
        url: &page.source.url,
        domain: page_domain,
    };
    let targets = learn::targets(page);
    let questions = page
        .parsed
        .questions
        .iter()
        .zip(targets)
        .map(|(q, target)| Q {
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
            accept: &q.accept,
            num: q.numeric.as_ref().map(|n| Num {
                min: n.min,
                max: n.max,
                unit: &n.unit,
            }),
        })
        .collect();
    (head, questions)
}

/// The text of `quiz-data.js`: the whole bank in one script.
pub fn quiz_data(site: &Site) -> String {
    let domains = Domains::new(&site.config);
    let data = quiz_pages(site)
        .par_iter()
        .enumerate()
        .map(|(s, &i)| section_data(site, &domains, i, s))
        .collect();
    whole(site, &domains, data)
}

/// The whole bank's script from its sections and their questions already written as
/// `JSON.parse('[…]')` (the section scripts' text): the questions are spliced in, not
/// written a second time. Byte for byte [`whole`] (a test compares them).
pub(super) fn whole_spliced<'a>(
    site: &'a Site,
    domains: &Domains<'a>,
    data: Vec<(Section<'a>, Vec<Q<'a>>)>,
    written: &[&str],
) -> String {
    const OPEN: &str = "JSON.parse('[";
    const CLOSE: &str = "]')";
    // `questions` is the last field: its empty array ends the literal.
    const TAIL: &str = "[]}');\n";
    let tags = all_tags(&data);
    let sections = data.into_iter().map(|(s, _)| s).collect();
    let mut out = script(site, domains, sections, tags, Vec::new());
    debug_assert!(out.ends_with(TAIL));
    out.truncate(out.len() - TAIL.len());
    out.push('[');
    let mut first = true;
    for text in written {
        let inner = &text[OPEN.len()..text.len() - CLOSE.len()];
        if !inner.is_empty() {
            if !first {
                out.push(',');
            }
            out.push_str(inner);
            first = false;
        }
    }
    out.push_str(&TAIL[1..]);
    out
}

/// The whole bank's script from its sections.
pub(super) fn whole<'a>(site: &'a Site, domains: &Domains<'a>, data: Vec<(Section<'a>, Vec<Q<'a>>)>) -> String {
    let tags = all_tags(&data);
    let mut sections = Vec::with_capacity(data.len());
    let mut questions = Vec::new();
    for (section, qs) in data {
        sections.push(section);
        questions.extend(qs);
    }
    script(site, domains, sections, tags, questions)
}

/// Every tag of the bank, sorted, each once.
fn all_tags<'a>(data: &[(Section<'a>, Vec<Q<'a>>)]) -> Vec<&'a str> {
    let mut tags: BTreeMap<&str, ()> = BTreeMap::new();
    for (_, qs) in data {
        for q in qs {
            for t in q.tags {
                tags.insert(t, ());
            }
        }
    }
    tags.into_keys().collect()
}

fn script<'a>(
    site: &'a Site,
    domains: &Domains<'a>,
    sections: Vec<Section<'a>>,
    tags: Vec<&'a str>,
    questions: Vec<Q<'a>>,
) -> String {
    let c = &site.config;
    let data = Data {
        v: 1,
        site: &c.site_id,
        title: &c.title,
        exam: exam(site),
        domains: domain_list(domains),
        sections,
        tags,
        questions,
    };
    js_global("STUDYSITE_QUIZ", &data)
}

/// The exam settings of the configuration.
pub(super) fn exam(site: &Site) -> Exam {
    let c = &site.config.quiz;
    Exam {
        questions: c.exam_questions,
        minutes: c.exam_minutes,
        pass: c.pass_mark,
    }
}

pub(super) fn domain_list<'a>(domains: &Domains<'a>) -> Vec<DomainData<'a>> {
    domains
        .list
        .iter()
        .map(|(id, d)| DomainData {
            id,
            title: if d.title.is_empty() { id } else { &d.title },
            weight: d.weight,
        })
        .collect()
}

#[cfg(test)]
mod splice_tests {
    use super::*;

    /// The spliced bank is byte for byte the bank written in one go: the repository's own
    /// notes (many sections, tags, domains).
    #[test]
    fn the_spliced_bank_is_the_bank_written_whole() {
        let site = Site::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), false, None).unwrap();
        let domains = Domains::new(&site.config);
        let data = || -> Vec<(Section, Vec<Q>)> {
            quiz_pages(&site)
                .iter()
                .enumerate()
                .map(|(s, &i)| section_data(&site, &domains, i, s))
                .collect()
        };
        let sections = data();
        assert!(sections.iter().filter(|(_, qs)| !qs.is_empty()).count() > 2);
        let written: Vec<String> = sections
            .iter()
            .map(|(_, qs)| {
                let mut out = String::new();
                crate::util::js_json_parse(qs, &mut out);
                out
            })
            .collect();
        let written: Vec<&str> = written.iter().map(String::as_str).collect();
        let spliced = whole_spliced(&site, &domains, sections, &written);
        assert_eq!(spliced, whole(&site, &domains, data()));
    }
}
