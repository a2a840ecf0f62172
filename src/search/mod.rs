//! The search index: every section, table row and question of the site as a unit with
//! its own anchor, written as scripts that set globals (so search works from `file://`):
//! `assets/search-index.js` (sorted terms, front-coded, delta-coded postings, lengths for
//! BM25), `assets/search-docs.js` (what a result shows: type, title, breadcrumb, link)
//! and `assets/search-excerpts.js` (the text under each result). `search.js` loads the
//! first two on first use and the excerpts once the first results are shown.
//!
//! Above about 200 KB gzipped ([`SHARD_ABOVE_RAW_BYTES`]) the index is sharded instead
//! ([`shard`]): a manifest, then only the shards a query needs.

pub mod shard;
pub mod tokenize;

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::util::js_global;

/// Section excerpts are cut to this many characters: results show a window of
/// about 22 words, and the docs file should stay small.
const EXCERPT_CHARS: usize = 150;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnitKind {
    #[serde(rename = "s")]
    Section,
    #[serde(rename = "r")]
    Row,
    #[serde(rename = "q")]
    Question,
}

/// One searchable unit. Its title and indexed text are borrowed from the parsed pages
/// where they can be: a large site's search text is not copied.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub kind: UnitKind,
    pub title: Cow<'a, str>,
    /// Page › headings: shown, and indexed at weight 1.
    pub crumb: String,
    /// Link from the site root, with the anchor.
    pub url: String,
    /// Indexed text.
    pub body: Cow<'a, str>,
}

impl Unit<'_> {
    /// Shown text: the start of the body, "" for questions (a result never reveals the
    /// answer). Made when the excerpts are written, not held for every unit.
    pub fn excerpt(&self) -> String {
        match self.kind {
            UnitKind::Question => String::new(),
            UnitKind::Section | UnitKind::Row => cut(&self.body, EXCERPT_CHARS),
        }
    }
}

/// Every unit of the site, in reading order (the pages' units made in parallel).
pub fn units(site: &Site) -> Vec<Unit<'_>> {
    let per_page: Vec<Vec<Unit>> = site.order.par_iter().map(|&i| page_units(&site.pages[i])).collect();
    per_page.concat()
}

/// A page's units: its sections, table rows and questions.
fn page_units(p: &crate::site::Page) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    let url = &p.source.url;
    let title = &p.parsed.title;
    let with = |anchor: &str| {
        if anchor.is_empty() {
            url.clone()
        } else {
            format!("{url}#{anchor}")
        }
    };
    for s in &p.parsed.sections {
        let mut crumb = vec![title.as_str()];
        crumb.extend(s.parents.iter().map(String::as_str));
        let unit_title = if s.title.is_empty() {
            title.as_str()
        } else {
            s.title.as_str()
        };
        if s.text.trim().is_empty() && s.title.is_empty() {
            continue;
        }
        out.push(Unit {
            kind: UnitKind::Section,
            title: unit_title.into(),
            crumb: if s.title.is_empty() {
                String::new()
            } else {
                crumb.join(" › ")
            },
            url: with(&s.anchor),
            body: s.text.as_str().into(),
        });
    }
    for r in &p.parsed.rows {
        let crumb = if r.heading.is_empty() {
            title.clone()
        } else {
            format!("{title} › {}", r.heading)
        };
        out.push(Unit {
            kind: UnitKind::Row,
            title: r.title.as_str().into(),
            crumb,
            url: with(&r.anchor),
            body: r.body.as_str().into(),
        });
    }
    for q in &p.parsed.questions {
        out.push(Unit {
            kind: UnitKind::Question,
            title: q.text.as_str().into(),
            crumb: q.topic.join(" › "),
            url: with(&format!("q-{}", q.id)),
            body: q.answer_text.as_str().into(),
        });
    }
    out
}

fn cut(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", &text[..cut])
}

#[derive(Serialize)]
struct Index {
    v: u32,
    n: usize,
    t: String,
    p: Vec<Vec<u32>>,
    dl: Vec<u32>,
}

/// The search data files.
pub struct SearchFiles {
    /// Name under `assets/` and text of the data files still to be named by their hash:
    /// the three files of an unsharded index, or the manifest of a sharded one (whose
    /// shards went to [`Emit`]).
    pub files: Vec<(String, String)>,
    /// The files `search.js` is told about in its `data-files` attribute: the three files of
    /// an unsharded index, or the manifest of a sharded one (which names the shards).
    pub listed: Vec<&'static str>,
    pub units: usize,
}

/// Whether the index is split into shards (see [`shard`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharding {
    /// Shard when the unsharded index would pass about 200 KB gzipped.
    Auto,
    Always,
    Never,
}

impl Sharding {
    /// `STUDYSITE_SEARCH_SHARDS=always|never` overrides the size rule, for tests and
    /// benchmarks (a small site in the sharded format, a big one in a single file).
    pub fn from_env() -> Sharding {
        match std::env::var("STUDYSITE_SEARCH_SHARDS").as_deref() {
            Ok("always") => Sharding::Always,
            Ok("never") => Sharding::Never,
            _ => Sharding::Auto,
        }
    }
}

/// The unsharded index is sharded once its raw size passes this estimate. Its gzip ratio is
/// about 3.3 on the bundled notes and 5.8 on the 1,000-page benchmark corpus, so this is
/// about 200 KB gzipped (design/search.md §5.2), reached around 300 pages of dense notes.
pub const SHARD_ABOVE_RAW_BYTES: usize = 800_000;

/// Term → postings (unit, weight), sorted as JavaScript compares strings, plus the
/// weighted length of every unit.
pub(crate) struct Postings {
    pub terms: Vec<(String, Vec<(u32, u32)>)>,
    pub dl: Vec<u32>,
}

/// A unit's term counts: a list while it is short (most units have a few dozen terms, and
/// a scan of a short list beats hashing), a hash map once it is long.
/// A term that is a slice of the unit's text is kept as that slice (no copy).
#[derive(Default)]
pub(crate) struct TermCounts<'a> {
    list: Vec<(Cow<'a, str>, u32)>,
    map: HashMap<Cow<'a, str>, u32>,
}

impl<'a> TermCounts<'a> {
    const LIST_MAX: usize = 24;

    fn add(&mut self, term: &str, slice: Option<&'a str>, n: u32) {
        let owned = || slice.map_or_else(|| Cow::Owned(term.to_string()), Cow::Borrowed);
        if self.map.is_empty() {
            if let Some((_, c)) = self.list.iter_mut().find(|(t, _)| t == term) {
                *c += n;
                return;
            }
            if self.list.len() < Self::LIST_MAX {
                self.list.push((owned(), n));
                return;
            }
            self.map.extend(self.list.drain(..));
        }
        match self.map.get_mut(term) {
            Some(c) => *c += n,
            None => {
                self.map.insert(owned(), n);
            }
        }
    }

    fn into_iter(self) -> impl Iterator<Item = (Cow<'a, str>, u32)> {
        self.list.into_iter().chain(self.map)
    }
}

/// Tokenises every unit: weight = min(31, 3·tf_title + tf_crumb + tf_body).
pub(crate) fn postings<'u>(units: &'u [Unit]) -> Postings {
    /// Units tokenised at a time: bounds the per-unit term lists held at once (they were
    /// most of a large build's peak memory), while the merge of one chunk runs beside
    /// the tokenising of the next.
    const CHUNK: usize = 4096;
    fn merge(postings: &mut HashMap<String, Vec<(u32, u32)>>, dl: &mut Vec<u32>, tfs: Vec<TermCounts<'_>>) {
        // Units are merged in order, so every postings list is sorted by unit.
        for tf in tfs {
            let d = dl.len() as u32;
            let mut len = 0;
            for (term, w) in tf.into_iter() {
                let w = w.min(31);
                len += w;
                match postings.get_mut(term.as_ref()) {
                    Some(list) => list.push((d, w)),
                    None => {
                        postings.insert(term.into_owned(), vec![(d, w)]);
                    }
                }
            }
            dl.push(len);
        }
    }
    let tokenise = |chunk: &'u [Unit]| -> Vec<TermCounts<'u>> {
        chunk
            .par_iter()
            .map(|u| {
                let mut tf = TermCounts::default();
                tokenize::tokenize_in(&u.title, |t, s| tf.add(t, s, 3));
                tokenize::tokenize_in(&u.crumb, |t, s| tf.add(t, s, 1));
                tokenize::tokenize_in(&u.body, |t, s| tf.add(t, s, 1));
                tf
            })
            .collect()
    };
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::default();
    let mut dl = Vec::with_capacity(units.len());
    let mut pending: Vec<TermCounts> = Vec::new();
    for chunk in units.chunks(CHUNK) {
        let (next, ()) = rayon::join(
            || tokenise(chunk),
            || merge(&mut postings, &mut dl, std::mem::take(&mut pending)),
        );
        pending = next;
    }
    merge(&mut postings, &mut dl, pending);
    // Terms sorted as JavaScript compares strings (UTF-16 code units), so the browser
    // can binary-search them.
    let mut terms: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| js_order(&a.0, &b.0));
    Postings { terms, dl }
}

/// Strings in JavaScript's order (UTF-16 code units). UTF-8 bytes sort in code point
/// order, which differs only where a character beyond U+FFFF meets one from U+E000 to
/// U+FFFF: only strings with 4-byte characters need the UTF-16 comparison.
pub(crate) fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    let astral = |s: &str| s.bytes().any(|c| c >= 0xF0);
    if astral(a) || astral(b) {
        a.encode_utf16().cmp(b.encode_utf16())
    } else {
        a.cmp(b)
    }
}

/// Decimal digits of `n`.
pub(crate) fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// The raw size of the unsharded `search-index.js`, without writing it.
fn unsharded_size(ix: &Postings) -> usize {
    let mut size = 64;
    for (term, ps) in &ix.terms {
        size += term.len() + 4;
        let mut prev = 0;
        for &(d, w) in ps {
            size += digits(d - prev) + digits(w) + 2;
            prev = d;
        }
    }
    size + ix.dl.iter().map(|&l| digits(l) + 1).sum::<usize>()
}

/// Takes a finished shard of a sharded index, (name under `assets/`, its fingerprinted
/// name, text), as soon as it is made: a large site's shards are written out instead of
/// held together.
pub type Emit<'a> = &'a (dyn Fn(String, String, String) -> Result<(), Diagnostic> + Sync);

/// Builds the search data files of a site; the shards of a sharded index go to `emit`.
pub fn build(site: &Site, emit: Emit) -> Result<SearchFiles, Diagnostic> {
    build_units_to(units(site), Sharding::from_env(), emit)
}

/// Builds the search data files of these units, every file in `files` (the manifest,
/// then the index, docs and excerpts shards in order): for tests.
#[cfg(test)]
pub fn build_units(units: Vec<Unit>, sharding: Sharding) -> SearchFiles {
    let shards = std::sync::Mutex::new(Vec::new());
    let emit = |name: String, hashed: String, text: String| {
        // The name a shard is written under is the one the fingerprinting gives it.
        assert_eq!(hashed, crate::fingerprint::fingerprint(&name, text.as_bytes()));
        shards.lock().expect("shards").push((name, text));
        Ok(())
    };
    let mut out = build_units_to(units, sharding, &emit).expect("collecting cannot fail");
    let mut shards = shards.into_inner().expect("shards");
    // Index shards, then docs, then excerpts, each by number.
    shards.sort_by_key(|(name, _)| {
        let stem = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".js");
        let (kind, k) = stem.rsplit_once('-').unwrap_or((stem, "0"));
        let rank = ["index", "docs", "excerpts"].iter().position(|x| *x == kind);
        (rank, k.parse::<usize>().unwrap_or(0))
    });
    out.files.extend(shards);
    out
}

/// [`build_units`], the shards of a sharded index going to `emit`.
pub fn build_units_to(units: Vec<Unit>, sharding: Sharding, emit: Emit) -> Result<SearchFiles, Diagnostic> {
    let ix = postings(&units);
    let sharded = match sharding {
        Sharding::Always => true,
        Sharding::Never => false,
        Sharding::Auto => unsharded_size(&ix) > SHARD_ABOVE_RAW_BYTES,
    };
    if sharded {
        return Ok(SearchFiles {
            files: vec![shard::files(&units, &ix, emit)?],
            listed: vec![shard::MANIFEST],
            units: units.len(),
        });
    }
    let Postings { terms, dl } = ix;
    let index = Index {
        v: 2,
        n: units.len(),
        t: shard::front_code(terms.iter().map(|(t, _)| t.as_str())),
        p: terms
            .iter()
            .map(|(_, ps)| {
                let mut prev = 0;
                let mut flat = Vec::with_capacity(ps.len() * 2);
                for (n, (d, w)) in ps.iter().enumerate() {
                    flat.push(if n == 0 { *d } else { d - prev });
                    flat.push(*w);
                    prev = *d;
                }
                flat
            })
            .collect(),
        dl,
    };
    let docs: Vec<(UnitKind, &str, &str, &str)> = units
        .iter()
        .map(|u| (u.kind, &*u.title, u.crumb.as_str(), u.url.as_str()))
        .collect();
    let excerpts: Vec<String> = units.iter().map(Unit::excerpt).collect();
    Ok(SearchFiles {
        files: vec![
            ("search-index.js".into(), js_global("STUDYSITE_SEARCH", &index)),
            ("search-docs.js".into(), js_global("STUDYSITE_DOCS", &docs)),
            ("search-excerpts.js".into(), js_global("STUDYSITE_EXCERPTS", &excerpts)),
        ],
        listed: vec!["search-index.js", "search-docs.js", "search-excerpts.js"],
        units: units.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn terms_sort_as_javascript_compares_strings() {
        let words = [
            "a",
            "ab",
            "b",
            "café",
            "cafe",
            "\u{FFFD}",
            "\u{E000}x",
            "𠀀",
            "𠀀a",
            "日本",
            "z",
            "é",
        ];
        for a in words {
            for b in words {
                assert_eq!(super::js_order(a, b), a.encode_utf16().cmp(b.encode_utf16()), "{a} {b}");
            }
        }
    }

    #[test]
    fn excerpts_are_cut_at_a_word() {
        assert_eq!(cut("one  two\nthree", 100), "one two three");
        assert_eq!(cut("alpha beta gamma", 12), "alpha beta…");
    }
}
