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

/// Whether `t` is in [`STOPWORDS`] (a `match`: called for every token of a site).
fn is_stopword(t: &str) -> bool {
    matches!(
        t,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "by"
            | "for"
            | "from"
            | "how"
            | "in"
            | "is"
            | "it"
            | "of"
            | "on"
            | "or"
            | "that"
            | "the"
            | "this"
            | "to"
            | "was"
            | "what"
            | "when"
            | "which"
            | "with"
    )
}

/// A Unicode character class as sorted ranges, built once from regex-syntax's tables so
/// that Rust and the browser's `\p{…}` regular expressions agree on every character.
struct Class(Vec<(char, char)>);

impl Class {
    fn new(pattern: &str) -> Class {
        let hir = regex_syntax::Parser::new().parse(pattern).expect("valid class");
        match hir.kind() {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
                Class(c.ranges().iter().map(|r| (r.start(), r.end())).collect())
            }
            _ => unreachable!("{pattern} is a Unicode class"),
        }
    }

    fn contains(&self, c: char) -> bool {
        let i = self.0.partition_point(|(_, end)| *end < c);
        self.0.get(i).is_some_and(|(start, _)| *start <= c)
    }
}

struct Classes {
    word: Class,
    upper: Class,
    lower: Class,
    number: Class,
    cjk: Class,
}

fn classes() -> &'static Classes {
    static C: std::sync::OnceLock<Classes> = std::sync::OnceLock::new();
    C.get_or_init(|| Classes {
        word: Class::new(r"[\p{L}\p{N}\p{M}]"),
        upper: Class::new(r"\p{Lu}"),
        lower: Class::new(r"\p{Ll}"),
        number: Class::new(r"\p{N}"),
        cjk: Class::new(r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]"),
    })
}

// ASCII answers first: the tables agree with them, and almost all text is ASCII.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    classes().word.contains(c)
}

/// Han, Hiragana, Katakana and Hangul, by script extension (as search.js tests them).
pub fn is_cjk(c: char) -> bool {
    !c.is_ascii() && classes().cjk.contains(c)
}

fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    classes().upper.contains(c)
}

fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    classes().lower.contains(c)
}

fn is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    classes().number.contains(c)
}

/// NFKD, without combining marks (accents, Arabic and Hebrew vowel points, nor the
/// spaces a few compatibility letters decompose to), lower-cased, then `FOLD`.
fn normalise(s: &str) -> String {
    if s.is_ascii() {
        // NFKD leaves ASCII as it is and it has no combining marks.
        return s
            .bytes()
            .filter(|&b| b != b' ')
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
    }
    let lower = s
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && *c != ' ')
        .collect::<String>()
        .to_lowercase();
    if !lower.chars().any(|c| FOLD.iter().any(|(f, _)| *f == c)) {
        return lower;
    }
    let mut out = String::with_capacity(lower.len() + 2);
    for c in lower.chars() {
        match FOLD.iter().find(|(f, _)| *f == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// Letters NFKD keeps whole that readers type without their mark (`Straße` → `strasse`,
/// `Øresund` → `oresund`, `Łódź` → `lodz`); search.js folds the same (tests/search-tokenize.json).
const FOLD: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ø', "o"),
    ('ł', "l"),
    ('đ', "d"),
    ('ð', "d"),
    ('æ', "ae"),
    ('œ', "oe"),
    ('þ', "th"),
    ('ı', "i"),
    ('ħ', "h"),
    ('ŧ', "t"),
];

/// camelCase parts of a word, or nothing if it has no lower→upper change.
fn camel_parts(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if !chars.windows(2).any(|w| is_lower(w[0]) && is_upper(w[1])) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut cur = String::new();
    for i in 0..chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if is_upper(c) => is_lower(p) || (next.is_some_and(is_lower) && (is_upper(p) || is_number(p))),
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
    tokenize_each(text, |t| out.push(t.to_string()));
    out
}

/// Calls `emit` with each token of `text`, in [`tokenize`]'s order, without allocating
/// a string per token: index building tokenises every word of a site, and almost all of
/// them are ASCII, which is lower-cased into a reused buffer.
pub fn tokenize_each(text: &str, mut emit: impl FnMut(&str)) {
    tokenize_in(text, |t, _| emit(t));
}

/// [`tokenize_each`], also handing `emit` the token as a slice of `text` when it is one
/// (a word already lower-case, most tokens), which outlives the call: a term list can
/// keep it without a copy.
pub fn tokenize_in<'a>(text: &'a str, mut emit: impl FnMut(&str, Option<&'a str>)) {
    let mut keep = |t: &str, slice: Option<&'a str>| {
        if !t.is_empty() && !is_stopword(t) {
            emit(t, slice);
        }
    };
    // A chain of words joined by single separators also yields its joined form
    // (2 to 4 words, none of them CJK): the normalised words so far, and how many.
    let mut run = String::new();
    let mut run_len = 0usize;
    let mut run_cjk = false;
    let mut buf = String::new();
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        // Up to the next word (ASCII bytes decided by a table, without decoding).
        while i < b.len() {
            match CLASS[b[i] as usize] {
                OTHER => i += 1,
                NON_ASCII => {
                    let c = text[i..].chars().next().expect("i is a character boundary");
                    if is_word_char(c) {
                        break;
                    }
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        if i == b.len() {
            return;
        }
        let start = i;
        let mut ascii = true;
        // Whether the word has a capital, and a lower-case letter followed by one.
        let (mut upper, mut camel) = (false, false);
        let mut prev = OTHER;
        while i < b.len() {
            let class = CLASS[b[i] as usize];
            match class {
                LOWER | DIGIT => i += 1,
                UPPER => {
                    upper = true;
                    camel |= prev == LOWER;
                    i += 1;
                }
                NON_ASCII => {
                    let c = text[i..].chars().next().expect("i is a character boundary");
                    if !is_word_char(c) {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
                _ => break,
            }
            prev = class;
        }
        let word = &text[start..i];
        // The single separator that joins this word to the next, if any.
        let joins = matches!(b.get(i), Some(b'-' | b'.' | b'_' | b'/'))
            && match b.get(i + 1) {
                None => false,
                Some(c) if c.is_ascii() => c.is_ascii_alphanumeric(),
                Some(_) => text[i + 1..].chars().next().is_some_and(is_word_char),
            };
        // A word that neither joins the next nor follows a joined one is no part of a
        // chain (most words): the chain is left empty, not filled and cleared.
        let chained = joins || run_len > 0;
        if ascii && !upper {
            // Already lower-case (most words): the word itself.
            keep(word, Some(word));
            if chained && run_len < 4 {
                run.push_str(word);
            }
        } else if ascii {
            ascii_word_tokens(word, camel, &mut buf, &mut |t| keep(t, None));
            if chained && run_len < 4 {
                // `buf` holds the word lower-cased.
                run.push_str(&buf);
            }
        } else {
            let mut toks = Vec::new();
            word_tokens(word, &mut toks);
            for t in &toks {
                keep(t, None);
            }
            if chained {
                run_cjk |= word.chars().any(is_cjk);
                if run_len < 4 {
                    run.push_str(&normalise(word));
                }
            }
        }
        run_len += 1;
        if !joins {
            if (2..=4).contains(&run_len) && !run_cjk {
                keep(&run, None);
            }
            run.clear();
            run_len = 0;
            run_cjk = false;
        }
    }
}

/// The byte at `i` if it is ASCII (`Ok`), else the character starting there (`Err`).
/// Byte classes for the ASCII fast path: every byte of 0x80 and above starts or
/// continues a character decoded the slow way.
const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;
const NON_ASCII: u8 = 4;
const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Appends `word` lower-cased (ASCII only).
fn lower_ascii_into(word: &str, out: &mut String) {
    let start = out.len();
    out.push_str(word);
    out[start..].make_ascii_lowercase();
}

/// [`word_tokens`] for an ASCII word with a capital: the word, then its camelCase parts
/// when it has a lower-case letter followed by a capital (`camel`). Leaves the word
/// lower-cased in `buf`.
fn ascii_word_tokens(word: &str, camel: bool, buf: &mut String, keep: &mut impl FnMut(&str)) {
    buf.clear();
    lower_ascii_into(word, buf);
    keep(buf);
    if !camel {
        return;
    }
    let b = word.as_bytes();
    let mut start = 0;
    for i in 1..b.len() {
        let (p, c) = (b[i - 1], b[i]);
        let boundary = c.is_ascii_uppercase()
            && (p.is_ascii_lowercase()
                || (b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
                    && (p.is_ascii_uppercase() || p.is_ascii_digit())));
        if boundary {
            keep(&buf[start..i]);
            start = i;
        }
    }
    keep(&buf[start..]);
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

    #[test]
    fn the_stopword_match_is_the_list() {
        for w in super::STOPWORDS {
            assert!(super::is_stopword(w), "{w}");
        }
        let matched = [
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "of", "on", "or",
            "that", "the", "this", "to", "was", "what", "when", "which", "with",
        ];
        assert_eq!(matched.len(), super::STOPWORDS.len());
        assert!(matched.iter().all(|w| super::STOPWORDS.contains(w)));
        assert!(!super::is_stopword("lambda") && !super::is_stopword("") && !super::is_stopword("thes"));
    }

    /// The ASCII fast path splits words exactly as the general one does.
    #[test]
    fn ascii_path_matches_general_path() {
        let words = [
            "getItem",
            "HTTPServer",
            "S3Bucket",
            "m5",
            "ABC",
            "aB",
            "Ab",
            "a",
            "X",
            "IPv4Address",
            "DynamoDBTable",
            "x86Y",
            "PutObjectACL",
            "s3ObjectLambda",
            "ECSTaskRole2Go",
            "aBC",
            "ABc",
            "a1B",
            "A1b",
            "9Lives",
        ];
        for w in words {
            let mut general = Vec::new();
            super::word_tokens(w, &mut general);
            general.retain(|t| !t.is_empty() && !super::is_stopword(t));
            assert_eq!(super::tokenize(w), general, "{w}");
        }
    }

    /// Words are found byte by byte where the text is ASCII: a non-ASCII character away
    /// from every word changes nothing.
    #[test]
    fn a_non_ascii_character_elsewhere_changes_no_token() {
        let texts = [
            "us-east-1 and m5.2xlarge/getItem",
            "a-b-c-d-e-f: the S3Bucket's ARN (arn:aws:s3:::x_y)",
            "-.start. end- /x/ a--b a-.b 1.2.3.4.5 HTTPServer_v2",
            "",
            "...",
            "x",
            "The visibility timeout of SQS is 30 s; DynamoDBTable.PutItem",
        ];
        for t in texts {
            let general: Vec<String> = {
                let mut v = Vec::new();
                super::tokenize_each(&format!("{t} \u{a0}"), |x| v.push(x.to_string()));
                v
            };
            assert_eq!(super::tokenize(t), general, "{t}");
        }
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
