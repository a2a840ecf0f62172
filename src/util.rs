//! Small helpers shared by every stage: slugs, escaping for HTML and for generated
//! JavaScript data files, a stable hash, and byte-offset → line/column lookup.

use unicode_normalization::UnicodeNormalization;

mod escape;
pub use escape::{Escaped, escape_html, escape_html_into, js_global, js_json_parse};

/// Turns text into a URL- and id-safe slug: NFC, lower-case, letters and digits
/// kept (any script), every other run of characters becomes one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    if text.is_ascii() {
        // The same rules without decoding: ASCII is its own NFC, and lower-cases to ASCII.
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                dash = true;
            }
        }
        return out;
    }
    slugify_chars(text, out)
}

fn slugify_chars(text: &str, mut out: String) -> String {
    let mut dash = false;
    for c in text.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The text of an HTML fragment: tags dropped, runs of white space one space.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `dir` + a relative `path` (`.` and `..` resolved), both `/`-separated; `None` if it
/// climbs out of the top.
pub fn join_relative(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Whether `text` holds `pat`: a scan for its first byte, then a compare (the many
/// "does this text event hold `==`/`^[`/`::`" tests of the Markdown passes; `str::contains`
/// sets up a two-way searcher every call).
pub fn has(text: &str, pat: &str) -> bool {
    let (t, p) = (text.as_bytes(), pat.as_bytes());
    let Some((&first, rest)) = p.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, t).any(|i| t[i + 1..].starts_with(rest))
}

/// Unicode NFC, the form file names and links are compared in.
pub fn nfc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfc().collect()
}

/// 64-bit FNV-1a: stable across Rust versions and platforms (unlike `DefaultHasher`),
/// used for question ids and asset fingerprints.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A fast 64-bit hash of a file's bytes for its fingerprinted name, eight bytes at a
/// time (about 8× FNV's speed). Not for ids: unlike [`fnv64`] it may change between
/// versions, which only renames the assets.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 29;
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    // splitmix64's finaliser: every bit of the input reaches the top bits kept.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// A short lower-case base32 rendering of a hash (13 characters for 64 bits).
pub fn base32(mut n: u64, len: usize) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    let mut out = String::with_capacity(len);
    for _ in 0..len {
        out.push(ALPHABET[(n & 31) as usize] as char);
        n >>= 5;
    }
    out
}

/// Maps byte offsets in a text to 1-based lines and columns (columns count characters).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based (line, column) of `offset`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = text.get(start..offset).map(|s| s.chars().count()).unwrap_or(0);
        (line + 1, col + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.starts.get(line).map_or(text.len(), |&e| e);
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Damerau-Levenshtein (optimal string alignment) distance, for "did you mean".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
/// Words longer than this get no "did you mean" (the table would be their square).
pub const MAX_SUGGEST_CHARS: usize = 256;

pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        // The distance is at least the difference in length: most candidates need no
        // table, and a long anchor (40,000 characters) none at all.
        .filter(|c| {
            let (w, n) = (word.chars().count(), c.chars().count());
            w <= MAX_SUGGEST_CHARS && n <= MAX_SUGGEST_CHARS && w.abs_diff(n) <= (c.len() / 3).max(1) + 1
        })
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1) + 1 && *d < word.len().max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "Did you mean" over many candidates (a page's anchors) for many misses, at a
/// bounded cost per miss: the candidate with the same letters and digits (case and
/// punctuation aside) is found by one lookup; the edit-distance search runs only over
/// the candidates of about the same length, and not at all beyond [`Suggester::SCAN`]
/// of them (10,000 headings × 10,000 broken links took 31.8 s and 1.24 GB).
pub struct Suggester<'c> {
    folded: std::collections::HashMap<String, &'c str>,
    by_len: Vec<&'c str>,
}

impl<'c> Suggester<'c> {
    pub const SCAN: usize = 256;

    pub fn new(candidates: impl Iterator<Item = &'c str>) -> Self {
        let mut by_len: Vec<&str> = candidates.collect();
        by_len.sort_unstable_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
        let mut folded = std::collections::HashMap::with_capacity(by_len.len());
        for c in &by_len {
            folded.entry(fold(c)).or_insert(*c);
        }
        Suggester { folded, by_len }
    }

    pub fn suggest(&self, word: &str) -> Option<&'c str> {
        if let Some(c) = self.folded.get(&fold(word)) {
            return Some(c);
        }
        let slack = word.len() / 3 + 2;
        let lo = self.by_len.partition_point(|c| c.len() + slack < word.len());
        let hi = self.by_len.partition_point(|c| c.len() <= word.len() + slack);
        let near = &self.by_len[lo..hi];
        if near.len() > Self::SCAN {
            return None;
        }
        did_you_mean(word, near)
    }
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Relative prefix from an output file to the site root: "" for `index.html`,
/// "../" for `ec2/index.html`.
pub fn root_prefix(output_path: &str) -> String {
    "../".repeat(output_path.matches('/').count())
}

/// The real location of `path`: made absolute, every symbolic link followed, `.` and
/// `..` resolved after the links before them (as the operating system resolves them).
/// Parts that do not exist yet are appended as they are.
pub fn absolute(path: &std::path::Path) -> std::path::PathBuf {
    resolve(path, true)
}

/// Like [`absolute`], but a symbolic link as the last part is not followed: the
/// location of the output folder itself, which the swap renames.
pub fn output_location(path: &std::path::Path) -> std::path::PathBuf {
    resolve(path, false)
}

fn resolve(path: &std::path::Path, follow_last: bool) -> std::path::PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let parts: Vec<std::path::Component> = abs.components().collect();
    let last_normal = parts.iter().rposition(|c| matches!(c, std::path::Component::Normal(_)));
    let mut out = std::path::PathBuf::new();
    for (i, part) in parts.iter().enumerate() {
        match part {
            std::path::Component::Prefix(_) | std::path::Component::RootDir => out.push(part.as_os_str()),
            std::path::Component::CurDir => {}
            // `out` is already resolved, so its parent is the real parent.
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::Normal(name) => {
                out.push(name);
                let is_last = Some(i) == last_normal && !parts[i + 1..].contains(&std::path::Component::ParentDir);
                if (follow_last || !is_last)
                    && std::fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink())
                    && let Ok(real) = out.canonicalize()
                {
                    out = real;
                }
            }
        }
    }
    out
}

/// A path as text that names it exactly: a name that is not UTF-8 keeps its valid parts
/// and shows each other byte as `\xNN` (displayed lossily, two such names would look the
/// same).
pub fn path_text(path: &std::path::Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Text for the terminal: control characters (ESC, OSC and CSI openers, BEL, CR,
/// C1 controls, DEL) and bidirectional overrides shown as `\u{..}` escapes, so a file
/// name or a line of a note cannot move the cursor, set the title or rewrite what the
/// terminal shows. Tabs and newlines stay.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\t' && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggester_finds_punctuation_variants_and_typos() {
        let anchors = ["key-value", "storage-classes", "user-id"];
        let s = Suggester::new(anchors.iter().copied());
        assert_eq!(s.suggest("keyvalue"), Some("key-value"));
        assert_eq!(s.suggest("user_id"), Some("user-id"));
        assert_eq!(s.suggest("storage-clases"), Some("storage-classes"));
        assert_eq!(s.suggest("zzz"), None);
    }

    #[test]
    fn terminal_text_has_no_raw_escapes() {
        assert_eq!(terminal_safe("a\x1b]0;pwned\x07b\tc\n"), "a\\u{1b}]0;pwned\\u{7}b\tc\n");
        assert_eq!(terminal_safe("x\u{9b}31m\r\u{202e}y"), "x\\u{9b}31m\\u{d}\\u{202e}y");
        assert!(matches!(terminal_safe("plain é"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn slugs_keep_letters_and_digits_of_any_script() {
        assert_eq!(slugify("S3 Encryption (SSE)"), "s3-encryption-sse");
        assert_eq!(slugify("  ELB & ASG  "), "elb-asg");
        assert_eq!(slugify("m5.2xlarge"), "m5-2xlarge");
        assert_eq!(slugify("Café Ünïcode"), "café-ünïcode");
        assert_eq!(slugify("日本語 テスト"), "日本語-テスト");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn has_finds_a_pattern_as_contains_does() {
        for (text, pat) in [
            ("a^[b", "^["),
            ("a^b[", "^["),
            ("^", "^["),
            ("x==", "=="),
            ("", "::"),
            ("é::", "::"),
            ("ab", ""),
        ] {
            assert_eq!(has(text, pat), text.contains(pat), "{text:?} {pat:?}");
        }
    }

    #[test]
    fn ascii_slugs_follow_the_general_rules() {
        let all: String = (0u8..128).map(char::from).collect();
        for text in [all.as_str(), "  Key/Value -- user_id S3:PutObject ", "X", "", "--a--"] {
            assert_eq!(slugify(text), slugify_chars(text, String::new()), "{text:?}");
        }
        assert_eq!(nfc(&all), all.chars().nfc().collect::<String>());
    }

    #[test]
    fn slug_of_nfd_equals_slug_of_nfc() {
        assert_eq!(slugify("cafe\u{301}"), slugify("caf\u{e9}"));
    }

    #[test]
    fn escape_covers_quotes_and_angle_brackets() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn js_global_cannot_close_a_script_or_break_the_literal() {
        let js = js_global(
            "X",
            &vec![
                "</script><script>alert(1)</script>",
                "it's",
                "\u{2028}\\",
                "… › \u{2029}€\n&",
            ],
        );
        assert!(!js.contains("</script"));
        assert!(!js.contains('\u{2028}'));
        assert!(js.contains(r"it\'s"));
        assert!(js.starts_with("window.X=JSON.parse('"));
        // The literal decodes back to the original JSON.
        let inner = &js["window.X=JSON.parse('".len()..js.len() - "');\n".len()];
        let unescaped = inner
            .replace("\\\\", "\u{0}")
            .replace("\\'", "'")
            .replace('\u{0}', "\\");
        let back: Vec<String> = serde_json::from_str(&unescaped).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
        assert_eq!(back[2], "\u{2028}\\");
        // Other characters that start with the byte E2 pass through; U+2029 does not.
        assert!(js.contains("… ›") && js.contains("€") && !js.contains('\u{2029}'));
        assert_eq!(back[3], "… › \u{2029}€\n&");
    }

    #[test]
    fn line_index_counts_lines_and_characters() {
        let text = "ab\ncäd\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 3), (2, 1));
        assert_eq!(idx.locate(text, 6), (2, 3)); // after "cä" (ä is 2 bytes)
        assert_eq!(idx.locate(text, text.len()), (4, 2));
        assert_eq!(idx.line_text(text, 2), "cäd");
        assert_eq!(idx.line_text(text, 9), "");
    }

    #[test]
    fn transposition_is_one_edit_and_suggestions_are_close() {
        assert_eq!(edit_distance("lamdba", "lambda"), 1);
        assert_eq!(did_you_mean("titel", &["title", "weight", "tags"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", &["title", "weight"]), None);
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn content_hash_changes_with_any_byte_and_the_length() {
        let base = vec![7u8; 37];
        let h = content_hash(&base);
        for i in 0..base.len() {
            let mut changed = base.clone();
            changed[i] ^= 0x80;
            assert_ne!(content_hash(&changed) >> 24, h >> 24, "byte {i}");
        }
        assert_ne!(content_hash(&base[..36]), h);
        assert_ne!(content_hash(b""), content_hash(b"\0"));
        assert_eq!(base32(0, 3), "aaa");
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("ec2/index.html"), "../");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
    }
}
