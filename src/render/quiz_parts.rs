//! The quiz data of a large bank, per section: `quiz-data.js` becomes a small manifest
//! (each question's id, kind, option count, tags and domain; each section's count and the
//! hash in its script's name), enough for the start screen, the review queue and stored
//! progress, and each section's questions go in a classic script of their own,
//! `quiz-data-N.<hash>.js`, which `quiz-loader.js` adds before a session that asks from it
//! (no fetch, so it works from `file://`). A bank under [`SPLIT_OVER`] stays one script,
//! byte for byte as before.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::SerializeSeq;

use super::quizdata::{DomainData, Exam, Q, Section, domain_list, exam, quiz_pages, section_data, whole_spliced};
use crate::fingerprint::fingerprint;
use crate::questions::QuestionKind;
use crate::questions::domains::Domains;
use crate::site::Site;
use crate::util::js_json_parse;

/// Quiz data larger than this (its sections' scripts together) is split.
pub const SPLIT_OVER: usize = 512 * 1024;

/// The global the section scripts add themselves to (`quiz-loader.js` reads it).
const PARTS_GLOBAL: &str = "STUDYSITE_QUIZ_PARTS";

#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    site: &'a str,
    title: &'a str,
    exam: Exam,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    domains: Vec<DomainData<'a>>,
    sections: Vec<Section<'a>>,
    tags: Vec<&'a str>,
    kinds: Vec<QuestionKind>,
    /// A row per question, in section order: `[id, kind, options, [tags], domain]` (the
    /// last two left out when empty).
    rows: Vec<Row<'a>>,
}

struct Row<'a> {
    id: &'a str,
    kind: usize,
    options: usize,
    tags: Vec<usize>,
    domain: Option<usize>,
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let len = 3 + usize::from(!self.tags.is_empty() || self.domain.is_some()) + usize::from(self.domain.is_some());
        let mut seq = s.serialize_seq(Some(len))?;
        seq.serialize_element(self.id)?;
        seq.serialize_element(&self.kind)?;
        seq.serialize_element(&self.options)?;
        if len > 3 {
            seq.serialize_element(&self.tags)?;
        }
        if let Some(d) = self.domain {
            seq.serialize_element(&d)?;
        }
        seq.end()
    }
}

/// Whether to split: `STUDYSITE_QUIZ_PARTS=always|never` overrides the size rule, for
/// tests and measurements.
fn split(bytes: usize) -> bool {
    match std::env::var("STUDYSITE_QUIZ_PARTS").as_deref() {
        Ok("always") => true,
        Ok("never") => false,
        _ => bytes > SPLIT_OVER,
    }
}

/// The quiz's data: `quiz-data.js` (the whole bank, or a manifest) and a split bank's
/// section scripts, named with their hashes already (they are not in the templates'
/// `assets` map, which every page's context holds).
pub struct QuizFiles {
    pub data: String,
    /// File name under `assets/` → text.
    pub parts: Vec<(String, String)>,
}

/// The quiz's data files; sections are made in parallel.
pub fn quiz_files(site: &Site) -> QuizFiles {
    let domains = Domains::new(&site.config);
    let data: Vec<(Section, Vec<Q>)> = quiz_pages(site)
        .par_iter()
        .enumerate()
        .map(|(s, &i)| section_data(site, &domains, i, s))
        .collect();
    // Each section's questions are written once, as its own script; the whole bank (below
    // the split size) is spliced from those scripts' `JSON.parse('…')`.
    let scripts: Vec<String> = data
        .par_iter()
        .enumerate()
        .map(|(s, (_, qs))| part_script(s, qs))
        .collect();
    if !split(scripts.iter().map(String::len).sum()) {
        let written: Vec<&str> = scripts
            .iter()
            .enumerate()
            .map(|(s, text)| &text[part_head(s).len()..text.len() - PART_TAIL.len()])
            .collect();
        return QuizFiles {
            data: whole_spliced(site, &domains, data, &written),
            parts: Vec::new(),
        };
    }
    let names: Vec<String> = scripts
        .par_iter()
        .enumerate()
        .map(|(s, text)| fingerprint(&part_name(s), text.as_bytes()))
        .collect();
    QuizFiles {
        data: manifest(site, &domains, data, &names),
        parts: names.into_iter().zip(scripts).collect(),
    }
}

fn part_name(section: usize) -> String {
    format!("quiz-data-{section}.js")
}

/// A section's script: `(window.STUDYSITE_QUIZ_PARTS ||= {})[N] = [questions]`, escaped
/// as `quiz-data.js` is.
fn part_script(section: usize, questions: &[Q]) -> String {
    let mut out = part_head(section);
    js_json_parse(&questions, &mut out);
    out.push_str(PART_TAIL);
    out
}

const PART_TAIL: &str = ";\n";

fn part_head(section: usize) -> String {
    format!("(window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}})[{section}]=")
}

fn manifest<'a>(
    site: &'a Site,
    domains: &Domains<'a>,
    data: Vec<(Section<'a>, Vec<Q<'a>>)>,
    names: &[String],
) -> String {
    let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, qs) in &data {
        for q in qs {
            for t in q.tags {
                tags.insert(t, 0);
            }
        }
    }
    for (n, v) in tags.values_mut().enumerate() {
        *v = n;
    }
    let mut kinds: Vec<QuestionKind> = Vec::new();
    let mut sections = Vec::with_capacity(data.len());
    let mut rows = Vec::new();
    for ((mut section, qs), name) in data.into_iter().zip(names) {
        section.n = Some(qs.len());
        section.h = name.split('.').nth(1).map(str::to_string);
        sections.push(section);
        for q in qs {
            let kind = kinds.iter().position(|&k| k == q.kind).unwrap_or_else(|| {
                kinds.push(q.kind);
                kinds.len() - 1
            });
            rows.push(Row {
                id: q.id,
                kind,
                options: q.options.len(),
                tags: q.tags.iter().map(|t| tags[t.as_str()]).collect(),
                domain: q.domain,
            });
        }
    }
    let c = &site.config;
    let m = Manifest {
        v: 1,
        site: &c.site_id,
        title: &c.title,
        exam: exam(site),
        domains: domain_list(domains),
        sections,
        tags: tags.into_keys().collect(),
        kinds,
        rows,
    };
    crate::util::js_global("STUDYSITE_QUIZ", &m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_leaves_out_what_is_empty() {
        let row = |tags: Vec<usize>, domain| Row {
            id: "a",
            kind: 1,
            options: 4,
            tags,
            domain,
        };
        assert_eq!(serde_json::to_string(&row(vec![], None)).unwrap(), r#"["a",1,4]"#);
        assert_eq!(serde_json::to_string(&row(vec![2], None)).unwrap(), r#"["a",1,4,[2]]"#);
        assert_eq!(
            serde_json::to_string(&row(vec![], Some(0))).unwrap(),
            r#"["a",1,4,[],0]"#
        );
    }
}
