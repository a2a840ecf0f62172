//! "Learn it": the section of a question's page that teaches what it asks, for the quiz's
//! link after an answer and in an exam's review. The question's `see:` wins; otherwise
//! the page's prose sections (with their tables' rows) are ranked against the question
//! and its answer with BM25 over the search tokenizer's terms, the section title
//! counting three times (as in the search index), and the best one is taken.
//!
//! Each page's terms are numbered once (one string per distinct term of the page, not one
//! per word), so the sections' counts are small integer maps.

use rustc_hash::FxHashMap as HashMap;

use crate::questions::Question;
use crate::search::tokenize::tokenize_each;
use crate::site::Page;

/// A section to learn a question from: its heading id and text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Target<'a> {
    pub(super) anchor: &'a str,
    pub(super) title: &'a str,
}

struct Doc<'a> {
    target: Target<'a>,
    /// Term number → count.
    tf: HashMap<u32, u32>,
    len: u32,
}

/// A page's terms, numbered in the order they are first met.
#[derive(Default)]
struct Terms {
    ids: HashMap<String, u32>,
}

impl Terms {
    fn id(&mut self, t: &str) -> u32 {
        if let Some(&id) = self.ids.get(t) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(t.to_string(), id);
        id
    }
}

/// The learning targets of a page's questions, in their order.
pub(super) fn targets(page: &Page) -> Vec<Option<Target<'_>>> {
    let parsed = &page.parsed;
    if parsed.questions.is_empty() {
        return Vec::new();
    }
    let named = |q: &Question| {
        q.see.as_deref().and_then(|see| {
            let s = parsed
                .sections
                .iter()
                .find(|s| s.anchor == see)
                .map(|s| (&s.anchor, &s.title));
            s.or_else(|| parsed.toc.iter().find(|t| t.id == see).map(|t| (&t.id, &t.text)))
                .map(|(anchor, title)| Target { anchor, title })
        })
    };
    if parsed.questions.iter().all(|q| named(q).is_some()) {
        return parsed.questions.iter().map(named).collect();
    }
    let mut terms = Terms::default();
    let docs = docs(page, &mut terms);
    let mut df = vec![0u32; terms.ids.len()];
    for d in &docs {
        for &t in d.tf.keys() {
            df[t as usize] += 1;
        }
    }
    let avg = docs.iter().map(|d| d.len).sum::<u32>() as f64 / docs.len().max(1) as f64;
    parsed
        .questions
        .iter()
        .map(|q| named(q).or_else(|| best(q, &terms, &docs, &df, avg)))
        .collect()
}

/// Prose sections with a heading and some text (the questions' own sections are not
/// among them), each with the rows of the tables under its heading.
fn docs<'a>(page: &'a Page, terms: &mut Terms) -> Vec<Doc<'a>> {
    let parsed = &page.parsed;
    // The rows of each heading's tables, found once (not once per section).
    let mut rows: HashMap<&str, Vec<&crate::markdown::tables::RowUnit>> = HashMap::default();
    for r in &parsed.rows {
        rows.entry(r.heading.as_str()).or_default().push(r);
    }
    parsed
        .sections
        .iter()
        .filter(|s| !s.anchor.is_empty())
        .filter_map(|s| {
            let mut tf: HashMap<u32, u32> = HashMap::default();
            let mut add = |text: &str, w: u32| {
                tokenize_each(text, |t| *tf.entry(terms.id(t)).or_default() += w);
            };
            add(&s.text, 1);
            for r in rows.get(s.title.as_str()).into_iter().flatten() {
                add(&r.title, 1);
                add(&r.body, 1);
            }
            let prose = tf.len();
            // (a heading over sub-sections or questions only has no prose to learn from)
            (prose > 0).then(|| {
                tokenize_each(&s.title, |t| *tf.entry(terms.id(t)).or_default() += 3);
                let len = tf.values().sum();
                Doc {
                    target: Target {
                        anchor: &s.anchor,
                        title: &s.title,
                    },
                    tf,
                    len,
                }
            })
        })
        .collect()
}

fn best<'a>(q: &Question, terms: &Terms, docs: &[Doc<'a>], df: &[u32], avg: f64) -> Option<Target<'a>> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    // The question's terms the page has at all (a term no section holds scores nothing).
    let mut ids = Vec::new();
    let mut known = |t: &str| {
        if let Some(&id) = terms.ids.get(t) {
            ids.push(id);
        }
    };
    tokenize_each(&q.text, &mut known);
    tokenize_each(&q.answer_text, &mut known);
    ids.sort_unstable();
    ids.dedup();
    let n = docs.len() as f64;
    let mut top: Option<(f64, &Doc)> = None;
    for d in docs {
        let mut score = 0.0;
        for &t in &ids {
            let Some(&f) = d.tf.get(&t) else { continue };
            let df = f64::from(df[t as usize]);
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
