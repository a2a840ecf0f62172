//! "Learn it": the section of a question's page that teaches what it asks, for the quiz's
//! link after an answer and in an exam's review. The question's `see:` wins; otherwise
//! the page's prose sections (with their tables' rows) are ranked against the question
//! and its answer with BM25 over the search tokenizer's terms, the section title
//! counting three times (as in the search index), and the best one is taken.
//!
//! Only the questions' terms are counted in the sections (every other word adds to a
//! section's length only), so a page's text is never turned into strings.

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
    /// (question term number, count in this section), by term number (other terms are
    /// only counted).
    tf: Vec<(u32, u32)>,
    len: u32,
}

/// The terms of a page's questions, numbered in the order they are first met: BM25
/// needs the sections' counts of these terms only, and the sections' lengths.
#[derive(Default)]
struct Terms {
    ids: HashMap<String, u32>,
}

impl Terms {
    /// The numbers of `texts`' terms, each once, in order.
    fn add(&mut self, texts: &[&str]) -> Vec<u32> {
        let mut out = Vec::new();
        for text in texts {
            tokenize_each(text, |t| {
                let id = match self.ids.get(t) {
                    Some(&id) => id,
                    None => {
                        let id = self.ids.len() as u32;
                        self.ids.insert(t.to_string(), id);
                        id
                    }
                };
                out.push(id);
            });
        }
        out.sort_unstable();
        out.dedup();
        out
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
    let mut terms = Terms::default();
    let asked: Vec<Option<Vec<u32>>> = parsed
        .questions
        .iter()
        .map(|q| named(q).is_none().then(|| terms.add(&[&q.text, &q.answer_text])))
        .collect();
    if asked.iter().all(Option::is_none) {
        return parsed.questions.iter().map(named).collect();
    }
    let docs = docs(page, &terms);
    let mut df = vec![0u32; terms.ids.len()];
    for d in &docs {
        for &(t, _) in &d.tf {
            df[t as usize] += 1;
        }
    }
    let avg = docs.iter().map(|d| d.len).sum::<u32>() as f64 / docs.len().max(1) as f64;
    parsed
        .questions
        .iter()
        .zip(&asked)
        .map(|(q, ids)| match ids {
            None => named(q),
            Some(ids) => best(ids, &docs, &df, avg),
        })
        .collect()
}

/// Prose sections with a heading and some text (the questions' own sections are not
/// among them), each with the rows of the tables under its heading.
fn docs<'a>(page: &'a Page, terms: &Terms) -> Vec<Doc<'a>> {
    let parsed = &page.parsed;
    // The rows of each heading's tables, found once (not once per section).
    let mut rows: HashMap<&str, Vec<&crate::markdown::tables::RowUnit>> = HashMap::default();
    for r in &parsed.rows {
        rows.entry(r.heading.as_str()).or_default().push(r);
    }
    // A section's counts by term number (an array, not a hash map), and the terms met.
    let mut counts = vec![0u32; terms.ids.len()];
    let mut met: Vec<u32> = Vec::new();
    parsed
        .sections
        .iter()
        .filter(|s| !s.anchor.is_empty())
        .filter_map(|s| {
            let mut len = 0u32;
            let mut add = |text: &str, w: u32, len: &mut u32| {
                tokenize_each(text, |t| {
                    *len += w;
                    if let Some(&id) = terms.ids.get(t) {
                        let c = &mut counts[id as usize];
                        if *c == 0 {
                            met.push(id);
                        }
                        *c += w;
                    }
                });
            };
            add(&s.text, 1, &mut len);
            for r in rows.get(s.title.as_str()).into_iter().flatten() {
                add(&r.title, 1, &mut len);
                add(&r.body, 1, &mut len);
            }
            // (a heading over sub-sections or questions only has no prose to learn from)
            let prose = len > 0;
            add(&s.title, 3, &mut len);
            met.sort_unstable();
            let tf: Vec<(u32, u32)> = met
                .drain(..)
                .map(|id| (id, std::mem::take(&mut counts[id as usize])))
                .collect();
            prose.then(|| Doc {
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

fn best<'a>(ids: &[u32], docs: &[Doc<'a>], df: &[u32], avg: f64) -> Option<Target<'a>> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let n = docs.len() as f64;
    let mut top: Option<(f64, &Doc)> = None;
    for d in docs {
        let mut score = 0.0;
        // Both by term number: a merge (`ids` is sorted and without repeats).
        let mut tf = d.tf.iter().peekable();
        for &t in ids {
            while tf.next_if(|(id, _)| *id < t).is_some() {}
            let Some(&&(_, f)) = tf.peek().filter(|(id, _)| *id == t) else {
                continue;
            };
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
