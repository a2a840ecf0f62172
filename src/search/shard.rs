//! The sharded search index, for sites whose single index would pass about 200 KB gzipped
//! (design/search.md §5.2): `search.js` loads a small manifest on first use, then only the
//! shards a query needs, all as `<script>` tags (so it works from `file://`).
//!
//! - `assets/search-manifest.<hash>.js` sets `STUDYSITE_MANIFEST`:
//!   - `n`: the number of units; `s`: [`IMPACT_SCALE`]; `c`: [`CLOSE_STEPS`];
//!   - `l`: the lexicon for typo matching: every term found in at least
//!     [`lexicon_min_df`] units, sorted as JavaScript compares strings,
//!     [front-coded](front_code);
//!   - `f`: the first term of each index shard;
//!   - `u`: units per docs and excerpts shard;
//!   - `i`, `d`: the content hashes of the index and docs shards, concatenated ([`HASH_LEN`]
//!     hex digits each): index shard k is `assets/search/index-<k>.<hash>.js`, the name
//!     `fingerprint::fingerprint` gives it and it is written under. Hashes rather than
//!     names keep the manifest small: a 20,000-page site has about 10,000 shards. The hash
//!     of excerpts shard k is in docs shard k, which is always loaded first.
//! - `assets/search/index-<k>.<hash>.js` calls `STUDYSITE_SHARD("i", k, {t, p})`: a
//!   contiguous range of the sorted terms, every term of the site in exactly one shard,
//!   cut after about [`INDEX_SHARD_BYTES`]. `t`: its terms, front-coded (so prefix matching
//!   sees every term, also those left out of the lexicon); `p[j]`: the postings of term j
//!   as `Δunit, v[, c]`, where `v` = 2 × impact + (1 if `c` follows). The impact is the
//!   posting's BM25 term-frequency part (k1 1.2, b 0.75: its unit's length is in it) times
//!   the unit type's prior, × [`IMPACT_SCALE`], rounded: the browser multiplies it by the
//!   term's idf (from the number of postings and `n`) and needs no unit lengths. `c`
//!   says how much of the unit's title and page title the term covers (for the closeness
//!   boost, which the unsharded engine computes from the titles): with C = [`CLOSE_STEPS`],
//!   `c` = (C + 1) × ⌈C × share of the title's tokens⌉ + ⌈C × share of the page title's tokens⌉.
//! - `assets/search/docs-<k>.<hash>.js` calls `STUDYSITE_SHARD("d", k, {d: [[type, title,
//!   crumb, url], …], e: "<hash of excerpts shard k>"})` for units k·u … k·u + u − 1, and
//!   `assets/search/excerpts-<k>.<hash>.js` `STUDYSITE_SHARD("e", k, [excerpt, …])`: loaded
//!   only for the units shown.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::{Emit, Postings, Unit, UnitKind, digits, tokenize::tokenize_each};
use crate::diagnostics::Diagnostic;
use crate::fingerprint::{HASH_LEN, fingerprint};
use crate::util::{js_global, js_json_parse};

/// The one file `search.js` is told about; it names all the others.
pub const MANIFEST: &str = "search-manifest.js";
/// The folder under `assets/` that holds the shards.
pub const DIR: &str = "search/";
/// An index shard is closed once its postings pass about this many raw bytes: a few
/// mid-size files rather than many tiny ones (many small requests lose on slow links).
pub const INDEX_SHARD_BYTES: usize = 256 * 1024;
/// Units per docs shard and per excerpts shard: a query's 20 results are often on 20
/// pages, and each loads its whole shard, while every shard costs its hash in the manifest.
pub const UNITS_PER_SHARD: usize = 128;
/// The manifest's lexicon, which typo matching scans, leaves out terms found in fewer
/// units than this: 2, plus 1 for every 200,000 units. On big sites most terms occur once
/// or twice (identifiers, numbers, compounds): leaving them out makes the lexicon of the
/// 20,000-page benchmark site 18 times smaller (20 KB gzipped instead of 370). Prefix
/// matching still finds them: it reads the term lists of the shards it loads.
pub fn lexicon_min_df(units: usize) -> usize {
    2 + units / 200_000
}
/// Impacts are BM25 term-frequency parts (0 to 2.2 × the prior) times this, rounded (at
/// least 1): two digits, within 2% of the exact score for a typical posting.
pub const IMPACT_SCALE: f64 = 32.0;
/// Steps of the title and page-title shares in a closeness code: 60 makes the share exact
/// for titles of up to 6 tokens (and 10, 12, 15, …).
pub const CLOSE_STEPS: u32 = 60;
/// Front coding: the shared-prefix length is one character, `]` (0) to `~` (33), none of
/// which JSON or `js_global` escapes.
const FRONT_BASE: u32 = ']' as u32;
const FRONT_MAX: usize = 33;

/// Terms (sorted, without spaces) as `"<k><rest> <k><rest> …"`: each term is the first k
/// UTF-16 code units of the one before it, then `rest`; k is written as the character
/// `]` + k. The first term has k = 0.
pub fn front_code<'a>(terms: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut prev = "";
    for (i, term) in terms.into_iter().enumerate() {
        let (mut units, mut bytes) = (0, 0);
        for (a, b) in prev.chars().zip(term.chars()) {
            if a != b || units + a.len_utf16() > FRONT_MAX {
                break;
            }
            units += a.len_utf16();
            bytes += a.len_utf8();
        }
        if i > 0 {
            out.push(' ');
        }
        out.push(char::from_u32(FRONT_BASE + units as u32).expect("an ASCII character"));
        out.push_str(&term[bytes..]);
        prev = term;
    }
    out
}

/// The inverse of [`front_code`] (for tests).
pub fn front_decode(coded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if coded.is_empty() {
        return out;
    }
    for entry in coded.split(' ') {
        let mut chars = entry.chars();
        let k = chars.next().map_or(0, |c| c as u32 - FRONT_BASE) as usize;
        let prev: Vec<u16> = out.last().map(|p| p.encode_utf16().collect()).unwrap_or_default();
        let mut term = String::from_utf16(&prev[..k]).expect("a prefix ends at a character");
        term.push_str(chars.as_str());
        out.push(term);
    }
    out
}

#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    n: usize,
    s: f64,
    c: u32,
    l: String,
    f: Vec<&'a str>,
    u: usize,
    i: String,
    d: String,
}

#[derive(Serialize)]
struct DocsShard<'a> {
    d: Vec<(UnitKind, &'a str, &'a str, &'a str)>,
    e: String,
}

#[derive(Serialize)]
struct IndexShard {
    t: String,
    p: Vec<Vec<u32>>,
}

/// The name `fingerprint` gives a shard (`search/docs-3.js` → `search/docs-3.<hash>.js`),
/// and the hash in it: the manifest lists the hashes, and `search.js` rebuilds the names.
fn named(name: &str, text: &str) -> (String, String) {
    let hashed = fingerprint(name, text.as_bytes());
    let stem = name.strip_suffix(".js").expect("a shard is a .js file");
    let hash = hashed
        .strip_prefix(stem)
        .and_then(|h| h.strip_prefix('.'))
        .and_then(|h| h.strip_suffix(".js"))
        .filter(|h| h.len() == HASH_LEN && h.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| panic!("fingerprint names {name} {hashed}: search.js expects <stem>.<hash>.js"))
        .to_string();
    (hash, hashed)
}

/// `STUDYSITE_SHARD("<kind>",k,JSON.parse('…'));` with `js_global`'s escaping.
fn shard_js<T: Serialize>(kind: &str, k: usize, value: &T) -> String {
    let mut out = format!("STUDYSITE_SHARD(\"{kind}\",{k},");
    js_json_parse(value, &mut out);
    out.push_str(");\n");
    out
}

fn prior(kind: UnitKind) -> f64 {
    match kind {
        UnitKind::Question => 1.1,
        UnitKind::Section => 1.0,
        UnitKind::Row => 0.8,
    }
}

/// The closeness codes of a unit's title and page-title terms, by term number in
/// `term_ix` (every title and page-title token is an indexed term of its unit).
fn close_codes(u: &Unit, term_ix: &HashMap<&str, u32>) -> Vec<(u32, u32)> {
    let ids = |text: &str| {
        let mut v = Vec::new();
        tokenize_each(text, |t| v.push(term_ix.get(t).copied().unwrap_or(u32::MAX)));
        v
    };
    let title = ids(&u.title);
    let page = ids(u.crumb.split(" › ").next().unwrap_or(""));
    let share = |toks: &[u32], t: u32| {
        let m = toks.iter().filter(|x| **x == t).count() as u32;
        if m == 0 {
            0
        } else {
            (CLOSE_STEPS * m).div_ceil(toks.len() as u32)
        }
    };
    let mut terms: Vec<u32> = title.iter().chain(&page).copied().filter(|&t| t != u32::MAX).collect();
    terms.sort_unstable();
    terms.dedup();
    terms
        .into_iter()
        .map(|t| (t, share(&title, t) * (CLOSE_STEPS + 1) + share(&page, t)))
        .collect()
}

/// Index shards as term ranges: a shard is closed once its estimated size passes
/// [`INDEX_SHARD_BYTES`].
fn index_ranges(ix: &Postings) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (j, (term, ps)) in ix.terms.iter().enumerate() {
        if size >= INDEX_SHARD_BYTES {
            ranges.push((start, j));
            (start, size) = (j, 0);
        }
        size += term.len() + 4;
        let mut prev = 0;
        for &(d, _) in ps {
            size += digits(d - prev) + 5;
            prev = d;
        }
    }
    if start < ix.terms.len() {
        ranges.push((start, ix.terms.len()));
    }
    ranges
}

/// For each term, the units (in unit order) whose titles it is in, with the closeness
/// code: walked beside a term's postings (also in unit order) instead of a string search
/// per posting.
fn close_codes_by_term(units: &[Unit], ix: &Postings) -> Vec<Vec<(u32, u32)>> {
    let term_ix: HashMap<&str, u32> = ix
        .terms
        .iter()
        .enumerate()
        .map(|(i, (t, _))| (t.as_str(), i as u32))
        .collect();
    let codes: Vec<Vec<(u32, u32)>> = units.par_iter().map(|u| close_codes(u, &term_ix)).collect();
    drop(term_ix);
    let mut close: Vec<Vec<(u32, u32)>> = vec![Vec::new(); ix.terms.len()];
    for (unit, cs) in codes.into_iter().enumerate() {
        for (t, c) in cs {
            if c > 0 {
                close[t as usize].push((unit as u32, c));
            }
        }
    }
    close
}

/// The postings of the terms of one index shard: per term, for each unit it is in, the
/// gap from the unit before, the impact (BM25 tf part × prior, scaled) with a flag, and
/// the closeness code when flagged.
fn shard_postings(
    units: &[Unit],
    ix: &Postings,
    avg: f64,
    range: std::ops::Range<usize>,
    close: &[Vec<(u32, u32)>],
) -> Vec<Vec<u32>> {
    let terms = &ix.terms[range.clone()];
    terms
        .iter()
        .zip(&close[range])
        .map(|((_, ps), close)| {
            let mut flat = Vec::with_capacity(ps.len() * 2);
            let mut prev = 0;
            let mut close = close.iter().peekable();
            for &(d, w) in ps {
                let w = f64::from(w);
                let unit = d as usize;
                let norm = 1.2 * (0.25 + 0.75 * f64::from(ix.dl[unit]) / avg);
                let tf = w * 2.2 / (w + norm) * prior(units[unit].kind);
                let impact = ((tf * IMPACT_SCALE).round() as u32).max(1);
                while close.next_if(|&&(u, _)| u < d).is_some() {}
                let code = close.next_if(|&&(u, _)| u == d).map_or(0, |&(_, c)| c);
                flat.push(d - prev);
                flat.push(impact * 2 + u32::from(code > 0));
                if code > 0 {
                    flat.push(code);
                }
                prev = d;
            }
            flat
        })
        .collect()
}

/// Makes every shard, handing each to `emit` as soon as it is made, and returns the
/// manifest, as (name under `assets/`, text).
pub(crate) fn files(units: &[Unit], ix: &Postings, emit: Emit) -> Result<(String, String), Diagnostic> {
    let total: f64 = ix.dl.iter().map(|&l| f64::from(l)).sum();
    let avg = if ix.dl.is_empty() || total == 0.0 {
        1.0
    } else {
        total / ix.dl.len() as f64
    };
    let close = close_codes_by_term(units, ix);
    // Each shard is emitted as made; only its hash is kept, for the manifest.
    let put = |name: String, text: String| -> Result<String, Diagnostic> {
        let (hash, hashed) = named(&name, &text);
        emit(name, hashed, text).map(|()| hash)
    };
    let ranges = index_ranges(ix);
    let index: Vec<String> = ranges
        .par_iter()
        .enumerate()
        .map(|(k, &(start, end))| {
            let terms = &ix.terms[start..end];
            let p = shard_postings(units, ix, avg, start..end, &close);
            let shard = IndexShard {
                t: front_code(terms.iter().map(|(t, _)| t.as_str())),
                p,
            };
            put(format!("{DIR}index-{k}.js"), shard_js("i", k, &shard))
        })
        .collect::<Result<_, _>>()?;
    let chunks: Vec<&[Unit]> = units.chunks(UNITS_PER_SHARD).collect();
    // Excerpts shard k, then docs shard k, which names it by its hash.
    let docs: Vec<String> = chunks
        .par_iter()
        .enumerate()
        .map(|(k, chunk)| {
            let excerpts: Vec<String> = chunk.iter().map(Unit::excerpt).collect();
            let e = put(format!("{DIR}excerpts-{k}.js"), shard_js("e", k, &excerpts))?;
            let docs = DocsShard {
                d: chunk
                    .iter()
                    .map(|u| (u.kind, &*u.title, u.crumb.as_str(), u.url.as_str()))
                    .collect(),
                e,
            };
            put(format!("{DIR}docs-{k}.js"), shard_js("d", k, &docs))
        })
        .collect::<Result<_, _>>()?;
    let manifest = Manifest {
        v: 2,
        n: units.len(),
        s: IMPACT_SCALE,
        c: CLOSE_STEPS,
        l: front_code(
            ix.terms
                .iter()
                .filter(|(_, ps)| ps.len() >= lexicon_min_df(units.len()))
                .map(|(t, _)| t.as_str()),
        ),
        f: ranges.iter().map(|&(start, _)| ix.terms[start].0.as_str()).collect(),
        u: UNITS_PER_SHARD,
        i: index.concat(),
        d: docs.concat(),
    };
    Ok((MANIFEST.to_string(), js_global("STUDYSITE_MANIFEST", &manifest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{SearchFiles, Sharding, UnitKind, build_units, postings};
    use std::collections::{BTreeMap, BTreeSet};

    /// `count` units with a shared vocabulary, a unique word each, and a few titles that
    /// share their page title.
    fn units(count: usize) -> Vec<Unit<'static>> {
        let words = [
            "lambda", "timeout", "queue", "bucket", "stream", "shard", "table", "index",
        ];
        (0..count)
            .map(|i| Unit {
                kind: [UnitKind::Section, UnitKind::Row, UnitKind::Question][i % 3],
                title: format!("{} {}", words[i % 8], words[(i / 8) % 8]).into(),
                crumb: format!("Page {} › Part", i / 10),
                url: format!("p{}.html#u{i}", i / 10),
                body: format!(
                    "{} {} uniq{i}x and café-{} 日本語 it's </script>",
                    words[(i * 7) % 8],
                    words[(i * 3) % 8],
                    i % 97
                )
                .into(),
            })
            .collect()
    }

    /// The JSON value inside `STUDYSITE_SHARD("kind",k,JSON.parse('…'));` or
    /// `window.NAME=JSON.parse('…');`.
    fn json(js: &str) -> serde_json::Value {
        let start = js.find("JSON.parse('").unwrap() + "JSON.parse('".len();
        let end = js.rfind("')").unwrap();
        let inner = js[start..end]
            .replace("\\\\", "\u{0}")
            .replace("\\'", "'")
            .replace('\u{0}', "\\");
        serde_json::from_str(&inner).unwrap()
    }

    fn sharded(count: usize) -> SearchFiles {
        build_units(units(count), Sharding::Always)
    }

    #[test]
    fn front_coding_round_trips_in_utf16_units() {
        let terms = [
            "a", "ab", "abc", "abd", "b", "café", "cafés", "𠀀a", "𠀀b", "𠀁", "zzzz",
        ];
        let coded = front_code(terms);
        assert!(!coded.contains('\\') && !coded.contains('\'') && !coded.contains('"'));
        assert_eq!(front_decode(&coded), terms);
        assert!(coded.starts_with("]a ^b _c _d ]b"), "{coded}");
        // a long shared prefix is capped
        let long = ["x".repeat(50), format!("{}y", "x".repeat(50))];
        assert_eq!(front_decode(&front_code(long.iter().map(String::as_str))), long);
        assert_eq!(front_decode(&front_code([])), Vec::<String>::new());
    }

    #[test]
    fn small_sites_keep_one_index_file_and_big_ones_are_sharded() {
        let small = build_units(units(50), Sharding::Auto);
        assert_eq!(
            small.listed,
            ["search-index.js", "search-docs.js", "search-excerpts.js"]
        );
        assert_eq!(small.files.len(), 3);
        // about 30,000 units with a unique word each pass the size rule
        let big = build_units(units(30_000), Sharding::Auto);
        assert_eq!(big.listed, [MANIFEST]);
        assert_eq!(big.files[0].0, MANIFEST);
        let never = build_units(units(30_000), Sharding::Never);
        assert_eq!(never.files.len(), 3);
        assert!(never.files[0].1.len() > crate::search::SHARD_ABOVE_RAW_BYTES);
    }

    #[test]
    fn every_term_is_in_exactly_one_shard_and_the_manifest_names_every_file() {
        let us = units(30_000);
        let us_again = units(30_000);
        let all: BTreeSet<String> = postings(&us).terms.into_iter().map(|(t, _)| t).collect();
        let out = build_units(us, Sharding::Always);
        let m = json(&out.files[0].1);
        assert!(out.files[0].1.starts_with("window.STUDYSITE_MANIFEST=JSON.parse('"));
        assert_eq!(m["n"], 30_000);
        let names: BTreeMap<String, &str> = out
            .files
            .iter()
            .skip(1)
            .map(|(name, text)| (fingerprint(name, text.as_bytes()), text.as_str()))
            .collect();
        let list = |k: &str| -> Vec<String> {
            m[k].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        // The names search.js builds from the hashes.
        let names_of = |k: &str, kind: &str| -> Vec<String> {
            let hashes = m[k].as_str().unwrap();
            assert_eq!(hashes.len() % HASH_LEN, 0);
            (0..hashes.len() / HASH_LEN)
                .map(|j| format!("{DIR}{kind}-{j}.{}.js", &hashes[j * HASH_LEN..(j + 1) * HASH_LEN]))
                .collect()
        };
        let (index, docs) = (names_of("i", "index"), names_of("d", "docs"));
        // excerpts: named by the hash in their docs shard
        let excerpts: Vec<String> = docs
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let d = json(names.get(name).unwrap_or_else(|| panic!("{name} is not written")));
                format!("{DIR}excerpts-{k}.{}.js", d["e"].as_str().unwrap())
            })
            .collect();
        assert!(index.len() >= 3, "several index shards: {}", index.len());
        assert_eq!(docs.len(), 30_000usize.div_ceil(UNITS_PER_SHARD));
        assert_eq!(excerpts.len(), docs.len());
        assert_eq!(
            index.len() + docs.len() + excerpts.len(),
            names.len(),
            "the manifest names every shard"
        );
        let firsts = list("f");
        assert_eq!(firsts.len(), index.len());
        let mut seen: Vec<String> = Vec::new();
        for (k, name) in index.iter().enumerate() {
            assert!(name.starts_with("search/index-"), "{name}");
            let text = names.get(name).unwrap_or_else(|| panic!("{name} is not written"));
            assert!(text.starts_with(&format!("STUDYSITE_SHARD(\"i\",{k},JSON.parse('")));
            assert!(!text.contains("</script") && !text.contains("</"));
            let shard = json(text);
            let terms = front_decode(shard["t"].as_str().unwrap());
            assert_eq!(terms[0], firsts[k], "f holds each shard's first term");
            assert_eq!(terms.len(), shard["p"].as_array().unwrap().len());
            seen.extend(terms);
        }
        // the shards hold every term once, in order
        assert_eq!(seen.len(), all.len());
        assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), all);
        let utf16 = |s: &String| s.encode_utf16().collect::<Vec<_>>();
        assert!(
            seen.windows(2).all(|w| utf16(&w[0]) < utf16(&w[1])),
            "sorted, no duplicates"
        );
        for (k, name) in docs.iter().enumerate() {
            let d = &json(names.get(name).unwrap())["d"];
            assert_eq!(
                d[0][3],
                format!("p{}.html#u{}", k * UNITS_PER_SHARD / 10, k * UNITS_PER_SHARD)
            );
            let e = json(names.get(&excerpts[k]).unwrap());
            assert_eq!(e[0], us_again[k * UNITS_PER_SHARD].excerpt());
        }
        // the lexicon: terms of two units or more, in order
        let lexicon = front_decode(m["l"].as_str().unwrap());
        assert!(lexicon.contains(&"lambda".to_string()) && !lexicon.contains(&"uniq7x".to_string()));
        assert!(seen.contains(&"uniq7x".to_string()));
    }

    #[test]
    fn impacts_hold_bm25_the_prior_and_title_closeness() {
        let mut us = units(6);
        us[0].title = "Visibility timeout".into();
        us[0].crumb = "Amazon SQS › Queues".into();
        us[0].kind = UnitKind::Question;
        us[1].title = "Visibility".into();
        us[1].kind = UnitKind::Row;
        us[2].body.to_mut().push_str(" visibility");
        let out = build_units(us, Sharding::Always);
        let shard = json(&out.files[1].1);
        let terms = front_decode(shard["t"].as_str().unwrap());
        let p = |t: &str| -> Vec<u64> {
            let j = terms.iter().position(|x| x == t).unwrap();
            shard["p"][j]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect()
        };
        // visibility: unit 0 (half the title), unit 1 (the whole title), unit 2 (body only)
        let v = p("visibility");
        assert_eq!((v[0], v[2]), (0, 30 * 61));
        assert_eq!((v[3], v[5]), (1, 60 * 61));
        assert_eq!(v[6], 1);
        assert_eq!(v.len(), 8);
        assert!(v[1] % 2 == 1 && v[4] % 2 == 1 && v[7] % 2 == 0);
        // the title (×3) and the question prior beat the body
        assert!(v[1] / 2 > v[7] / 2 && v[4] / 2 > v[7] / 2, "{v:?}");
        // sqs is half the page title of unit 0
        assert_eq!(p("sqs")[2], 30);
    }

    #[test]
    fn output_is_deterministic() {
        let a = sharded(3_000).files;
        let b = sharded(3_000).files;
        assert!(a == b);
        let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], MANIFEST);
        assert!(names[1..].iter().all(|n| n.starts_with(DIR)));
    }

    #[test]
    fn an_empty_site_has_a_manifest_and_no_index_shard() {
        let out = build_units(Vec::new(), Sharding::Always);
        assert_eq!(out.files.len(), 1);
        let m = json(&out.files[0].1);
        assert_eq!(m["n"], 0);
        assert_eq!(m["i"], "");
    }
}
