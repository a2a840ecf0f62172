//! Lines highlighted once per process. A grammar's result for a line depends only on the
//! line and the parser's state before it, and notes repeat lines: `}`, `return 0;`,
//! `import boto3`, `  Type: AWS::Lambda::Function` (half the code lines of the notes
//! corpora, a third of their bytes, a fifth of cp-algorithms'). The memo keeps, for a
//! line, the states it was parsed from with the scope operations and the state after:
//! the same line from the same state is not parsed again. The HTML it gives is the same
//! as parsing, byte for byte (tested below and in `highlight`'s tests).
//!
//! An entry costs about a kilobyte (two parser states and the operations), so a line is
//! kept the second time it is met (lines met once, half of them, cost 8 bytes), and the
//! memo is emptied once a build has parsed its pages ([`forget`]): it would hold on to
//! 10 MB for the rest of the build (`serve` reparses only the pages that changed).

use std::cell::RefCell;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use syntect::parsing::{ParseState, ScopeStackOp};

pub(super) type Ops = Vec<(usize, ScopeStackOp)>;

/// At most this many (line, state) entries are kept by a thread (about 20 MB at the
/// worst); lines met after that are parsed as usual. The dense 1,000-page bench corpus
/// keeps about 4,000.
const MAX_ENTRIES: usize = 20_000;
/// At most this many states are kept for one line (`}` follows many nestings).
const MAX_STATES: usize = 8;

struct Entry {
    set: usize,
    line: Box<str>,
    before: ParseState,
    ops: Ops,
    after: ParseState,
}

#[derive(Default)]
struct Table {
    /// By the hash of the grammar set (its address: context ids are per set) and the
    /// line; the entries say which set and line they are for.
    lines: FxHashMap<u64, Vec<Entry>>,
    entries: usize,
    /// The hashes of the lines met once (not kept yet).
    seen: FxHashSet<u64>,
}

thread_local! {
    /// Each thread's memo (a parser state holds Oniguruma regions, which stay on their
    /// thread).
    static MEMO: RefCell<Table> = RefCell::default();
}

/// The operations and next state for `line` parsed from `state` with the grammar set
/// `set`, if known.
pub(super) fn get(set: usize, line: &str, state: &ParseState) -> Option<(Ops, ParseState)> {
    MEMO.with_borrow(|table| {
        table
            .lines
            .get(&key(set, line))?
            .iter()
            .find(|e| e.set == set && *e.line == *line && e.before == *state)
            .map(|e| (e.ops.clone(), e.after.clone()))
    })
}

/// Whether a new entry for `line` would be kept: it was met before and there is room
/// (so the caller clones the state before parsing only then). Notes the line as met.
pub(super) fn wants(set: usize, line: &str) -> bool {
    MEMO.with_borrow_mut(|t| !t.seen.insert(key(set, line)) && t.entries < MAX_ENTRIES)
}

pub(super) fn put(set: usize, line: &str, before: ParseState, ops: &Ops, after: &ParseState) {
    // A state holding a capture (a heredoc's or raw string's delimiter) is never equal
    // to another, not even to its copy (Oniguruma's regions compare by address): it
    // could never be found, so it is not kept.
    if before != before.clone() {
        return;
    }
    MEMO.with_borrow_mut(|table| {
        if table.entries >= MAX_ENTRIES {
            return;
        }
        let entries = table.lines.entry(key(set, line)).or_default();
        let same = entries.iter().filter(|e| e.set == set && *e.line == *line);
        if same.clone().count() >= MAX_STATES || same.clone().any(|e| e.before == before) {
            return;
        }
        entries.push(Entry {
            set,
            line: line.into(),
            before,
            ops: ops.clone(),
            after: after.clone(),
        });
        table.entries += 1;
    })
}

/// Empties the memo of every thread of the pool.
pub fn forget() {
    rayon::broadcast(|_| MEMO.with_borrow_mut(|t| *t = Table::default()));
}

fn key(set: usize, line: &str) -> u64 {
    FxBuildHasher.hash_one((set, line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::highlight::{CLASS_STYLE, Highlighted, Highlighter};
    use syntect::html::ClassedHTMLGenerator;
    use syntect::util::LinesWithEndings;

    /// syntect's own generator, without the memo.
    fn plain(code: &str, lang: &str) -> String {
        let set = syntect::parsing::SyntaxSet::load_defaults_newlines();
        let syntax = set.find_syntax_by_token(lang).unwrap();
        let mut g = ClassedHTMLGenerator::new_with_class_style(syntax, &set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            g.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        g.finalize()
    }

    fn memo_entries() -> usize {
        MEMO.with_borrow(|t| t.entries)
    }

    #[test]
    fn remembered_lines_give_the_same_html_as_parsing_them() {
        // `}` recurs at other nestings and inside a string, where it is text.
        let code =
            "fn a() {\n    if x {\n        \"}\"\n    }\n}\nconst S: &str = \"\n}\n    }\n\";\nfn b() {\n    }\n}\n";
        let h = Highlighter::shared();
        let html = || match h.highlight(code, "rust") {
            Highlighted::Html(html) => html,
            _ => panic!("rust not highlighted"),
        };
        let before = memo_entries();
        let first = html();
        let second = html();
        let kept = memo_entries();
        assert!(kept > before, "the lines were kept the second time they were met");
        let third = html();
        assert_eq!(memo_entries(), kept, "the third time every line was found");
        let expected = plain(code, "rust");
        assert_eq!(first, expected);
        assert_eq!(second, expected);
        assert_eq!(third, expected);
        // In the string `}` is string text, outside it punctuation.
        assert!(expected.contains("hl-string"), "{expected}");
    }

    #[test]
    fn lines_after_a_captured_delimiter_are_parsed_each_time() {
        // A raw string's `#`s and a heredoc's word are captures in the parser state.
        let h = Highlighter::shared();
        for (code, lang) in [
            ("let s = r##\"\n}\n\"# still text\n\"##;\nlet t = 1;\n", "rust"),
            ("cat <<EOF\n$x }\nEOF\necho done\n", "bash"),
        ] {
            for _ in 0..2 {
                let Highlighted::Html(html) = h.highlight(code, lang) else {
                    panic!("{lang} not highlighted");
                };
                assert_eq!(html, plain(code, lang), "{lang}");
            }
        }
    }

    #[test]
    fn a_line_is_kept_for_each_state_it_was_met_in() {
        let h = Highlighter::shared();
        // (After a first line: the first line is parsed in a state of its own.)
        let code = "\nx = 1\ns = \"\"\"\nx = 1\n\"\"\"\nx = 1\n";
        let Highlighted::Html(html) = h.highlight(code, "python") else {
            panic!("python not highlighted");
        };
        assert_eq!(html, plain(code, "python"));
        let set = std::ptr::from_ref(&h.syntaxes) as usize;
        let states = MEMO.with_borrow(|t| {
            t.lines
                .get(&key(set, "x = 1\n"))
                .map_or(0, |v| v.iter().filter(|e| *e.line == *"x = 1\n").count())
        });
        assert_eq!(states, 2, "code (twice, once kept), and text inside a string");
    }
}
