//! Exam domains (`[quiz.domains.<id>]` in studysite.toml): which domain each page's
//! questions belong to (a question's `domain:` metadata over its page's), and the checks
//! that every named page and domain exists.

use std::collections::HashMap;
use std::path::Path;

use super::Question;
use crate::config::{Config, Domain, find_key};
use crate::diagnostics::Diagnostic;
use crate::util::did_you_mean;

/// The configured domains, heaviest first (then by id), and the domain of each page.
pub struct Domains<'a> {
    pub list: Vec<(&'a str, &'a Domain)>,
    by_page: HashMap<&'a str, usize>,
}

/// A page as `pages = […]` names it: its path in `content/` without `.md`.
pub fn page_key(rel: &str) -> &str {
    rel.strip_suffix(".md").unwrap_or(rel)
}

impl<'a> Domains<'a> {
    pub fn new(config: &'a Config) -> Self {
        let mut list: Vec<(&str, &Domain)> = config.quiz.domains.iter().map(|(k, d)| (k.as_str(), d)).collect();
        list.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight).then(a.0.cmp(b.0)));
        let mut by_page = HashMap::new();
        for (i, (_, d)) in list.iter().enumerate() {
            for p in &d.pages {
                by_page.entry(p.trim_end_matches(".md")).or_insert(i);
            }
        }
        Domains { list, by_page }
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|(k, _)| *k == id)
    }

    /// The domain of the page at `rel` (its path in `content/`).
    pub fn of_page(&self, rel: &str) -> Option<usize> {
        self.by_page.get(page_key(rel)).copied()
    }
}

/// Errors for a domain that names no page, a page in two domains, a weight that is not
/// positive and a question's unknown `domain:`; a warning for each page with questions
/// in no domain. `pages` are (path in content/, file, questions).
pub fn check(config: &Config, toml_path: &Path, toml: &str, pages: &[(&str, &Path, &[Question])]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if config.quiz.domains.is_empty() {
        return out;
    }
    let domains = Domains::new(config);
    let keys: Vec<&str> = pages.iter().map(|(rel, _, _)| page_key(rel)).collect();
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for (id, d) in &domains.list {
        let table = format!("quiz.domains.{id}");
        let at = |key: &str| {
            let (line, col) = find_key(toml, &table, key);
            if line == 0 {
                find_key(toml, "quiz.domains", id)
            } else {
                (line, col)
            }
        };
        if !(d.weight.is_finite() && d.weight > 0.0) {
            let (line, col) = at("weight");
            out.push(
                Diagnostic::error(toml_path, format!("exam domain `{id}` has weight {}", d.weight))
                    .at(toml, line, col)
                    .with_help("give it a positive share of the exam, e.g. `weight = 26` (percent)"),
            );
        }
        for p in &d.pages {
            let p = p.trim_end_matches(".md");
            if !keys.contains(&p) {
                let (line, col) = at("pages");
                let help = match did_you_mean(p, &keys) {
                    Some(s) => format!("did you mean `{s}`? Pages are named by their path in content/ without `.md`"),
                    None => {
                        "pages are named by their path in content/ without `.md`, e.g. \"lambda\" or \"aws/iam\"".into()
                    }
                };
                out.push(
                    Diagnostic::error(toml_path, format!("exam domain `{id}` lists `{p}`, which is no page"))
                        .at(toml, line, col)
                        .with_help(help),
                );
            } else if let Some(first) = owner.insert(p, id).filter(|f| f != id) {
                let (line, col) = at("pages");
                out.push(
                    Diagnostic::error(
                        toml_path,
                        format!("page `{p}` is in two exam domains, `{first}` and `{id}`"),
                    )
                    .at(toml, line, col)
                    .with_help(
                        "list each page under one domain; a single question can say `domain: <id>` in its metadata",
                    ),
                );
            }
        }
    }
    out.extend(check_questions(&domains, pages));
    out
}

/// A question's unknown `domain:` (an error) and each page's questions in no domain (a
/// warning).
fn check_questions(domains: &Domains, pages: &[(&str, &Path, &[Question])]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ids: Vec<&str> = domains.list.iter().map(|(k, _)| *k).collect();
    for (rel, path, questions) in pages {
        let mut homeless = 0;
        for q in questions.iter() {
            match &q.domain {
                Some(d) if domains.index(d).is_none() => {
                    let mut e = Diagnostic::error(
                        path,
                        format!("question metadata names exam domain `{d}`, which studysite.toml does not define"),
                    )
                    .with_help(match did_you_mean(d, &ids) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("the domains are: {}", ids.join(", ")),
                    });
                    e.line = q.line;
                    e.col = 1;
                    out.push(e);
                }
                Some(_) => {}
                None if domains.of_page(rel).is_none() => homeless += 1,
                None => {}
            }
        }
        if homeless > 0 {
            out.push(
                Diagnostic::warning(
                    path,
                    format!("{homeless} question(s) of this page are in no exam domain (they count as \"Other\")"),
                )
                .with_help(format!(
                    "add \"{}\" to the `pages` of one of [quiz.domains.*] in studysite.toml",
                    page_key(rel)
                )),
            );
        }
    }
    out
}
