//! The search tokenizer. The browser's `search.js` implements the same rules; the
//! shared vectors in `tests/search-tokenize.json` are checked on both sides.
//!
//! 1. Words are maximal runs of letters, digits and combining marks.
//! 2. A camelCase word also yields its parts (`getItem` → `get`, `item`).
//! 3. Tokens are NFKD-normalised, stripped of combining marks and lower-cased.
//! 4. Words joined by single `-`, `.`, `_` or `/` also yield their joined form
//!    (`us-east-1` → `us`, `east`, `1`, `useast1`), for up to 4 parts.
//! 5. Han, Hiragana, Katakana and Hangul runs become overlapping bigrams.
//! 6. English stopwords are dropped.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "of", "on", "or", "that",
    "the", "this", "to", "was", "what", "when", "which", "with",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Han, Hiragana, Katakana and Hangul (the script extensions search.js tests).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B | 0x3190..=0x319F | 0x31C0..=0x31EF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF // Han
        | 0x3040..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F | 0x1B000..=0x1B16F // kana
        | 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xFFA0..=0xFFDC) // Hangul
}

/// NFKD, without combining marks (nor the spaces a few compatibility letters
/// decompose to), lower-cased.
fn normalise(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c) && *c != ' ')
        .collect::<String>()
        .to_lowercase()
}

/// camelCase parts of a word, or nothing if it has no lower→upper change.
fn camel_parts(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if !chars.windows(2).any(|w| w[0].is_lowercase() && w[1].is_uppercase()) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut cur = String::new();
    for i in 0..chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if c.is_uppercase() => {
                p.is_lowercase() || (next.is_some_and(char::is_lowercase) && (p.is_uppercase() || p.is_numeric()))
            }
            _ => false,
        };
        if boundary && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// Tokens of one word (letters/digits/marks only), in order.
fn word_tokens(word: &str, out: &mut Vec<String>) {
    // Split CJK runs from the rest.
    let mut segment = String::new();
    let mut cjk = false;
    let flush = |seg: &mut String, cjk: bool, out: &mut Vec<String>| {
        if seg.is_empty() {
            return;
        }
        if cjk {
            let chars: Vec<char> = seg.chars().collect();
            if chars.len() == 1 {
                out.push(normalise(seg));
            } else {
                for w in chars.windows(2) {
                    out.push(normalise(&w.iter().collect::<String>()));
                }
            }
        } else {
            out.push(normalise(seg));
            for p in camel_parts(seg) {
                out.push(normalise(&p));
            }
        }
        seg.clear();
    };
    for c in word.chars() {
        let c_cjk = is_cjk(c);
        if c_cjk != cjk && !segment.is_empty() {
            flush(&mut segment, cjk, out);
        }
        cjk = c_cjk;
        segment.push(c);
    }
    flush(&mut segment, cjk, out);
}

/// Tokenises text for the index and for queries.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Words with the single separator that follows each (None at a gap).
    let mut words: Vec<(String, Option<char>)> = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            let joins = matches!(c, '-' | '.' | '_' | '/') && chars.peek().is_some_and(|n| is_word_char(*n));
            words.push((std::mem::take(&mut cur), joins.then_some(c)));
        }
    }
    if !cur.is_empty() {
        words.push((cur, None));
    }
    // A chain of words joined by single separators also yields its joined form
    // (2 to 4 words, none of them CJK).
    let mut run: Vec<String> = Vec::new();
    let mut run_cjk = false;
    for (word, sep) in words {
        word_tokens(&word, &mut out);
        run_cjk |= word.chars().any(is_cjk);
        run.push(normalise(&word));
        if sep.is_none() {
            if (2..=4).contains(&run.len()) && !run_cjk {
                out.push(run.concat());
            }
            run.clear();
            run_cjk = false;
        }
    }
    out.retain(|t| !t.is_empty() && !STOPWORDS.contains(&t.as_str()));
    out
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    #[test]
    fn basics() {
        assert_eq!(
            tokenize("The visibility timeout of SQS"),
            vec!["visibility", "timeout", "sqs"]
        );
        assert_eq!(tokenize("us-east-1"), vec!["us", "east", "1", "useast1"]);
        assert_eq!(tokenize("m5.2xlarge"), vec!["m5", "2xlarge", "m52xlarge"]);
        assert_eq!(tokenize("getItem"), vec!["getitem", "get", "item"]);
        assert_eq!(tokenize("café"), vec!["cafe"]);
        assert_eq!(tokenize("日本語"), vec!["日本", "本語"]);
        assert!(tokenize("!!! ... ").is_empty());
    }

    /// The vectors shared with search.js.
    #[test]
    fn shared_vectors() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search-tokenize.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            panic!("missing {}", path.display());
        };
        let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        assert!(vectors.len() >= 30);
        let mut failures = Vec::new();
        for v in &vectors {
            let input = v["input"].as_str().unwrap();
            let want: Vec<String> = v["tokens"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            let got = tokenize(input);
            if got != want {
                failures.push(format!("{input:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
