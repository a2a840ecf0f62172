//! A generated site big enough for a sharded search index (src/search/shard.rs): `PAGES`
//! small pages in folders of 100, words drawn from a made-up vocabulary by a fixed LCG, so the
//! site is the same on every run. Used by tests/search_shards.rs and tests/browser.rs.
//!
//! Words the tests look for:
//! - `zephyrine`: only on the last page, in a section and a table row (so it is also in the
//!   manifest's lexicon, which typo matching scans);
//! - `quillwort<k>`: one per page k (`quillwort7`), a term of a single unit;
//! - `kaka` (the most frequent word) and the rest of the vocabulary: everywhere.

use std::fmt::Write as _;
use std::path::Path;

pub const PAGES: usize = 1500;
pub const LATE_WORD: &str = "zephyrine";

const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "nu", "pe", "ra", "so", "ti", "ve", "wo", "xa", "yu", "ba", "ce", "di", "fo", "gu", "ha", "jo",
    "ki", "lu", "mo", "ne", "pi",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn vocabulary() -> Vec<String> {
    let mut words = Vec::new();
    for a in SYLLABLES {
        for b in SYLLABLES {
            for c in ["", "n", "r", "v", "m"] {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

fn sentence(rng: &mut Lcg, vocab: &[String], words: usize) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(words);
    for _ in 0..words {
        // Zipf-like: low indexes are much more frequent.
        let i = rng.next(vocab.len()) * rng.next(vocab.len()) / vocab.len();
        out.push(&vocab[i]);
    }
    out.join(" ")
}

/// Writes the site's `studysite.toml` and `content/` into `dir`.
pub fn generate(dir: &Path) {
    let vocab = vocabulary();
    let mut rng = Lcg(7);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("studysite.toml"),
        "title = \"Sharded notes\"\ndescription = \"A generated site with a sharded search index.\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("content/_index.md"), "Generated notes.\n").unwrap();
    for k in 0..PAGES {
        let folder = dir.join(format!("content/part{:02}", k / 100));
        if k % 100 == 0 {
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(
                folder.join("_index.md"),
                format!(
                    "+++\ntitle = \"Part {:02}\"\nweight = {}\n+++\n\nPart {}.\n",
                    k / 100,
                    k / 100,
                    k / 100
                ),
            )
            .unwrap();
        }
        let title = format!("{} {}", capital(&vocab[rng.next(200)]), k);
        let mut md = format!("+++\ntitle = \"{title}\"\nweight = {k}\n+++\n\n");
        let _ = writeln!(md, "{} quillwort{k}.\n", sentence(&mut rng, &vocab, 20));
        for s in 0..3 {
            let heading = capital(&sentence(&mut rng, &vocab, 2));
            let _ = writeln!(md, "## {heading} {s}\n");
            let extra = if k == PAGES - 1 && s == 1 {
                format!(" The {LATE_WORD} clause.")
            } else {
                String::new()
            };
            let _ = writeln!(md, "{}.{extra}\n", capital(&sentence(&mut rng, &vocab, 30)));
        }
        let _ = writeln!(md, "| Name | Value | Note |\n|---|---|---|");
        for r in 0..3 {
            let name = if k == PAGES - 1 && r == 2 {
                capital(LATE_WORD)
            } else {
                capital(&vocab[rng.next(vocab.len())])
            };
            let _ = writeln!(
                md,
                "| {name} | {} | {} |",
                rng.next(1000),
                sentence(&mut rng, &vocab, 4)
            );
        }
        std::fs::write(folder.join(format!("page{k:04}.md")), md).unwrap();
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
