//! The quiz data of a large bank, per section: `quiz-data.js` becomes a small manifest
//! (each section's count, tag counts and the hash in its script's name; no row per
//! question, so it grows with the sections, not the bank), and each section's questions go
//! in a classic script of their own, `quiz-data-N.<hash>.js`, which `quiz-loader.js` adds
//! when a session draws from it (no fetch, so it works from `file://`). Stored progress
//! names its cards' sections; for what was stored without, `quiz-ids.<hash>.js` lists each
//! section's question ids and is loaded only then. A bank under [`SPLIT_OVER`] stays one
//! script, byte for byte as before.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::quizdata::{
    Counts, DomainData, Exam, Q, Section, domain_list, exam, quiz_pages, section_data, whole_spliced,
};
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
    /// 2: sections only (1 had a row per question).
    v: u32,
    site: &'a str,
    title: &'a str,
    exam: Exam,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    domains: Vec<DomainData<'a>>,
    sections: Vec<Section<'a>>,
    tags: Vec<&'a str>,
    /// The hash in the name of `quiz-ids.<hash>.js`.
    ids: String,
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
    let ids = ids_script(&data);
    let ids_name = fingerprint("quiz-ids.js", ids.as_bytes());
    let mut parts: Vec<(String, String)> = names.iter().cloned().zip(scripts).collect();
    let data = manifest(site, &domains, data, &names, &ids_name);
    parts.push((ids_name, ids));
    QuizFiles { data, parts }
}

/// `quiz-ids.<hash>.js`: `(window.STUDYSITE_QUIZ_PARTS ||= {}).ids = [[ids of section 0], …]`.
fn ids_script(data: &[(Section, Vec<Q>)]) -> String {
    let ids: Vec<Vec<&str>> = data.iter().map(|(_, qs)| qs.iter().map(|q| q.id).collect()).collect();
    let mut out = format!("(window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}}).ids=");
    js_json_parse(&ids, &mut out);
    out.push_str(PART_TAIL);
    out
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
    ids_name: &str,
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
    let mut sections = Vec::with_capacity(data.len());
    for ((mut section, qs), name) in data.into_iter().zip(names) {
        section.n = Some(qs.len());
        section.url = None;
        section.h = hash_of(name);
        section.counts = Some(counts(&qs, &tags));
        sections.push(section);
    }
    let c = &site.config;
    let m = Manifest {
        v: 2,
        site: &c.site_id,
        title: &c.title,
        exam: exam(site),
        domains: domain_list(domains),
        sections,
        tags: tags.into_keys().collect(),
        ids: hash_of(ids_name).unwrap_or_default(),
    };
    crate::util::js_global("STUDYSITE_QUIZ", &m)
}

/// The hash in a fingerprinted name (`quiz-data-3.<hash>.js`).
fn hash_of(name: &str) -> Option<String> {
    name.rsplit('.').nth(1).map(str::to_string)
}

/// A section's counts for the manifest.
fn counts(qs: &[Q], tags: &BTreeMap<&str, usize>) -> Counts {
    let mut per_tag: BTreeMap<usize, usize> = BTreeMap::new();
    let mut g = 0;
    for q in qs {
        if matches!(q.kind, QuestionKind::Free | QuestionKind::Cloze) {
            g += 1;
        }
        for t in q.tags {
            *per_tag.entry(tags[t.as_str()]).or_default() += 1;
        }
    }
    Counts {
        g,
        t: per_tag.into_iter().flat_map(|(k, v)| [k, v]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sections_counts_leave_out_what_is_empty() {
        assert_eq!(serde_json::to_string(&Counts::default()).unwrap(), "{}");
        let c = Counts { g: 2, t: vec![0, 3] };
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"g":2,"t":[0,3]}"#);
    }

    #[test]
    fn the_hash_is_read_from_a_fingerprinted_name() {
        assert_eq!(hash_of("quiz-data-12.0a1b2c3d4e.js").as_deref(), Some("0a1b2c3d4e"));
        assert_eq!(hash_of("quiz-ids.ff00ff00ff.js").as_deref(), Some("ff00ff00ff"));
    }
}
