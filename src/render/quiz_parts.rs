//! The quiz data of a large bank, per section: `quiz-data.js` becomes a small manifest
//! (each section's count and the hash in its script's name; no row per
//! question, so it grows with the sections, not the bank), and each section's questions go
//! in a classic script of their own, `quiz-data-N.<hash>.js`, which `quiz-loader.js` adds
//! when a session draws from it (no fetch, so it works from `file://`). Stored progress
//! names its cards' sections; for what was stored without, `quiz-ids.<hash>.js` lists each
//! section's question ids and is loaded only then; `quiz-tags.<hash>.js` holds each
//! section's tag counts, loaded once a tag is chosen. A bank under [`SPLIT_OVER`] stays
//! one script, byte for byte as before.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::quizdata::{DomainData, Exam, Q, Section, domain_list, exam, quiz_pages, section_data, whole_spliced};
use crate::diagnostics::Diagnostic;
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
    /// 3: sections written column by column (2: a row per section; 1: a row per question).
    v: u32,
    site: &'a str,
    title: &'a str,
    exam: Exam,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    domains: Vec<DomainData<'a>>,
    sections: Columns<'a>,
    /// The sections' folders (content/-relative), for the start screen to group them; left
    /// out when they are all in one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    folders: Vec<&'a str>,
    tags: Vec<&'a str>,
    /// The hash in the name of `quiz-ids.<hash>.js`.
    ids: String,
    /// The hash in the name of `quiz-tags.<hash>.js`, if any question has a tag.
    #[serde(skip_serializing_if = "str::is_empty")]
    tagcounts: String,
}

/// The manifest's sections, a list per field (`quiz-loader.js` makes them rows again):
/// the field names are written once, not once per section, which is a quarter of a
/// large manifest. A field no section has is left out.
#[derive(Serialize, Default)]
struct Columns<'a> {
    slug: Vec<String>,
    title: Vec<&'a str>,
    #[serde(skip_serializing_if = "all_none")]
    domain: Vec<Option<usize>>,
    /// How many questions, and the hash in its script's name.
    n: Vec<usize>,
    h: Vec<String>,
    /// Its self-graded (free and cloze) questions, which an exam leaves out.
    #[serde(skip_serializing_if = "all_zero")]
    g: Vec<usize>,
    /// Its folder, as an index in `folders`.
    #[serde(skip_serializing_if = "all_zero")]
    f: Vec<usize>,
}

fn all_none(v: &[Option<usize>]) -> bool {
    v.iter().all(Option::is_none)
}

fn all_zero(v: &[usize]) -> bool {
    v.iter().all(|&n| n == 0)
}

/// Whether to split a bank whose scripts would take `bytes`:
/// `STUDYSITE_QUIZ_PARTS=always|never` overrides the size rule, for tests and measurements.
fn split(bytes: usize) -> bool {
    match std::env::var("STUDYSITE_QUIZ_PARTS").as_deref() {
        Ok("always") => true,
        Ok("never") => false,
        _ => bytes > SPLIT_OVER,
    }
}

/// Writes a file under `assets/`: its fingerprinted name and its text.
pub type Emit<'a> = dyn Fn(String, String) -> Result<(), Diagnostic> + Sync + 'a;

/// The quiz's data: `quiz-data.js` (the whole bank, or a manifest), and whether the bank
/// was split. A split bank's section scripts are written through `emit`, named with their
/// hashes already (they are not in the templates' `assets` map, which every page's
/// context holds).
pub struct QuizFiles {
    pub data: String,
    pub split: bool,
}

/// The quiz's data files; sections are made in parallel. A bank certain to be split (its
/// questions' texts alone are over the size) has each section's script written as it is
/// made, so a large bank is never held whole; otherwise the scripts are made first and
/// their size decides.
pub fn quiz_files(site: &Site, emit: &Emit) -> Result<QuizFiles, Diagnostic> {
    let domains = Domains::new(&site.config);
    let data: Vec<(Section, Vec<Q>)> = quiz_pages(site)
        .par_iter()
        .enumerate()
        .map(|(s, &i)| section_data(site, &domains, i, s))
        .collect();
    let at_least = data.iter().flat_map(|(_, qs)| qs).map(Q::min_json_len).sum();
    let names: Vec<String> = if split(at_least) {
        data.par_iter()
            .enumerate()
            .map(|(s, (_, qs))| write_part(s, part_script(s, qs), emit))
            .collect::<Result<_, Diagnostic>>()?
    } else {
        // Each section's questions are written once, as its own script; the whole bank
        // (below the split size) is spliced from those scripts' `JSON.parse('…')`.
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
            return Ok(QuizFiles {
                data: whole_spliced(site, &domains, data, &written),
                split: false,
            });
        }
        scripts
            .into_par_iter()
            .enumerate()
            .map(|(s, text)| write_part(s, text, emit))
            .collect::<Result<_, Diagnostic>>()?
    };
    let ids = ids_script(&data);
    let ids_name = fingerprint("quiz-ids.js", ids.as_bytes());
    emit(ids_name.clone(), ids)?;
    let (data, tag_counts) = manifest(site, &domains, data, &names, &ids_name);
    if let Some((name, text)) = tag_counts {
        emit(name, text)?;
    }
    Ok(QuizFiles { data, split: true })
}

/// Writes section `s`'s script; gives its fingerprinted name.
fn write_part(s: usize, text: String, emit: &Emit) -> Result<String, Diagnostic> {
    let name = fingerprint(&part_name(s), text.as_bytes());
    emit(name.clone(), text)?;
    Ok(name)
}

/// `quiz-tags.<hash>.js`: `(window.STUDYSITE_QUIZ_PARTS ||= {}).t = [[tag, questions, …] of
/// section 0, …]`, loaded once a tag is chosen (the largest part of the manifest otherwise).
fn tags_script(counts: &[Vec<usize>]) -> String {
    let mut out = format!("(window.{PARTS_GLOBAL}=window.{PARTS_GLOBAL}||{{}}).t=");
    js_json_parse(&counts, &mut out);
    out.push_str(PART_TAIL);
    out
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
) -> (String, Option<(String, String)>) {
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
    let mut sections = Columns::default();
    let mut tag_counts = Vec::with_capacity(data.len());
    let mut folders: Vec<&str> = Vec::new();
    let mut folder_ids: std::collections::HashMap<&str, usize> = Default::default();
    for &i in &quiz_pages(site) {
        let folder = site.pages[i].source.folder.as_str();
        let next = folder_ids.len();
        let id = *folder_ids.entry(folder).or_insert_with(|| {
            folders.push(folder);
            next
        });
        sections.f.push(id);
    }
    if folders.len() < 2 {
        folders.clear();
        sections.f.iter_mut().for_each(|f| *f = 0);
    }
    for ((section, qs), name) in data.into_iter().zip(names) {
        let (g, t) = counts(&qs, &tags);
        sections.slug.push(section.slug);
        sections.title.push(section.title);
        sections.domain.push(section.domain);
        sections.n.push(qs.len());
        sections.h.push(hash_of(name).unwrap_or_default());
        sections.g.push(g);
        tag_counts.push(t);
    }
    let tags_file = (!tag_counts.iter().all(Vec::is_empty)).then(|| {
        let text = tags_script(&tag_counts);
        (fingerprint("quiz-tags.js", text.as_bytes()), text)
    });
    let c = &site.config;
    let m = Manifest {
        v: 3,
        site: &c.site_id,
        title: &c.title,
        exam: exam(site),
        domains: domain_list(domains),
        sections,
        folders,
        tags: tags.into_keys().collect(),
        ids: hash_of(ids_name).unwrap_or_default(),
        tagcounts: tags_file
            .as_ref()
            .and_then(|(name, _)| hash_of(name))
            .unwrap_or_default(),
    };
    (crate::util::js_global("STUDYSITE_QUIZ", &m), tags_file)
}

/// The hash in a fingerprinted name (`quiz-data-3.<hash>.js`).
fn hash_of(name: &str) -> Option<String> {
    name.rsplit('.').nth(1).map(str::to_string)
}

/// A section's self-graded questions and its flat tag counts, for the manifest.
fn counts(qs: &[Q], tags: &BTreeMap<&str, usize>) -> (usize, Vec<usize>) {
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
    (g, per_tag.into_iter().flat_map(|(k, v)| [k, v]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_leave_out_a_field_no_section_has() {
        let mut c = Columns::default();
        for (slug, domain, g) in [("a", None, 0), ("b", Some(1), 0)] {
            c.slug.push(slug.into());
            c.title.push("T");
            c.domain.push(domain);
            c.n.push(4);
            c.h.push("0a".into());
            c.g.push(g);
        }
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"slug":["a","b"],"title":["T","T"],"domain":[null,1],"n":[4,4],"h":["0a","0a"]}"#
        );
    }

    #[test]
    fn the_hash_is_read_from_a_fingerprinted_name() {
        assert_eq!(hash_of("quiz-data-12.0a1b2c3d4e.js").as_deref(), Some("0a1b2c3d4e"));
        assert_eq!(hash_of("quiz-ids.ff00ff00ff.js").as_deref(), Some("ff00ff00ff"));
    }
}
