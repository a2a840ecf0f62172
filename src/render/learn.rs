//! "Learn it": the section of a question's page that teaches what it asks, for the quiz's
//! link after an answer and in an exam's review. The question's `see:` wins; otherwise
//! the page's prose sections (with their tables' rows) are ranked against the question
//! and its answer with BM25 over the search tokenizer's terms, the section title
//! counting three times (as in the search index), and the best one is taken.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::questions::Question;
use crate::search::tokenize::{tokenize, tokenize_each};
use crate::site::Page;

/// A section to learn a question from: its heading id and text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Target<'a> {
    pub(super) anchor: &'a str,
    pub(super) title: &'a str,
}

struct Doc<'a> {
    target: Target<'a>,
    tf: FxHashMap<String, u32>,
    len: u32,
}

/// The learning targets of a page's questions, in their order.
pub(super) fn targets(page: &Page) -> Vec<Option<Target<'_>>> {
    let parsed = &page.parsed;
    if parsed.questions.is_empty() {
        return Vec::new();
    }
    let docs = docs(page);
    let mut df: FxHashMap<&str, u32> = FxHashMap::default();
    for d in &docs {
        for t in d.tf.keys() {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let avg = docs.iter().map(|d| d.len).sum::<u32>() as f64 / docs.len().max(1) as f64;
    parsed
        .questions
        .iter()
        .map(|q| {
            let named = q.see.as_deref().and_then(|see| {
                let s = parsed
                    .sections
                    .iter()
                    .find(|s| s.anchor == see)
                    .map(|s| (&s.anchor, &s.title));
                s.or_else(|| parsed.toc.iter().find(|t| t.id == see).map(|t| (&t.id, &t.text)))
                    .map(|(anchor, title)| Target { anchor, title })
            });
            if named.is_some() {
                return named;
            }
            best(q, &docs, &df, avg)
        })
        .collect()
}

/// Prose sections with a heading and some text (the questions' own sections are not
/// among them), each with the rows of the tables under its heading.
fn docs(page: &Page) -> Vec<Doc<'_>> {
    let parsed = &page.parsed;
    // The rows of each heading's tables, found once (not once per section).
    let mut rows: HashMap<&str, Vec<&crate::markdown::tables::RowUnit>> = HashMap::new();
    for r in &parsed.rows {
        rows.entry(r.heading.as_str()).or_default().push(r);
    }
    parsed
        .sections
        .iter()
        .filter(|s| !s.anchor.is_empty())
        .filter_map(|s| {
            let mut tf: FxHashMap<String, u32> = FxHashMap::default();
            // A string is made for a term's first occurrence only.
            let add = |tf: &mut FxHashMap<String, u32>, text: &str, w: u32| {
                tokenize_each(text, |t| match tf.get_mut(t) {
                    Some(n) => *n += w,
                    None => {
                        tf.insert(t.to_string(), w);
                    }
                });
            };
            add(&mut tf, &s.text, 1);
            for r in rows.get(s.title.as_str()).into_iter().flatten() {
                add(&mut tf, &r.title, 1);
                add(&mut tf, &r.body, 1);
            }
            if tf.is_empty() {
                return None; // a heading over sub-sections or questions only
            }
            add(&mut tf, &s.title, 3);
            let len = tf.values().sum();
            Some(Doc {
                target: Target {
                    anchor: &s.anchor,
                    title: &s.title,
                },
                tf,
                len,
            })
        })
        .collect()
}

fn best<'a>(q: &Question, docs: &[Doc<'a>], df: &FxHashMap<&str, u32>, avg: f64) -> Option<Target<'a>> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let mut terms = tokenize(&q.text);
    terms.extend(tokenize(&q.answer_text));
    terms.sort_unstable();
    terms.dedup();
    let n = docs.len() as f64;
    let mut top: Option<(f64, &Doc)> = None;
    for d in docs {
        let mut score = 0.0;
        for t in &terms {
            let Some(&f) = d.tf.get(t) else { continue };
            let df = f64::from(df.get(t.as_str()).copied().unwrap_or(0));
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            let f = f64::from(f);
            score += idf * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * f64::from(d.len) / avg.max(1.0)));
        }
        if score > 0.0 && top.is_none_or(|(s, _)| score > s) {
            top = Some((score, d));
        }
    }
    top.map(|(_, d)| d.target.clone())
}
