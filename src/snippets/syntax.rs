//! The lines pymdownx snippets reads: a directive (`--8<-- "file"`, a block's
//! `--8<--`, either escaped with `;`), a file's spec (`file:3:7`, `file:name`) and the
//! section markers (`--8<-- [start:name]`, `[end:name]`) of an included file.

/// A directive line: its indentation, the `;`s escaping it, and the quoted path of the
/// one-line form (None: a block's `--8<--`).
pub(super) struct Marker<'a> {
    pub(super) space: &'a str,
    pub(super) escaped: bool,
    pub(super) file: Option<&'a str>,
}

/// `[ \t]*;*-+8<-+` then nothing, or blanks and a quoted path (trailing blanks allowed).
pub(super) fn marker(line: &str) -> Option<Marker<'_>> {
    let line = line.trim_end();
    let rest = line.trim_start_matches([' ', '\t']);
    let space = &line[..line.len() - rest.len()];
    let unescaped = rest.trim_start_matches(';');
    let escaped = unescaped.len() < rest.len();
    let after = scissors(unescaped)?;
    if after.is_empty() {
        return Some(Marker {
            space,
            escaped,
            file: None,
        });
    }
    let quoted = after.strip_prefix([' ', '\t'])?.trim_start();
    let q = quoted.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let inner = quoted[1..].strip_suffix(q)?;
    // An unescaped quote of the same kind inside: two strings, not a path.
    let bare_quote = inner
        .match_indices(q)
        .any(|(i, _)| i == 0 || inner.as_bytes()[i - 1] != b'\\');
    if inner.trim().is_empty() || bare_quote {
        return None;
    }
    Some(Marker {
        space,
        escaped,
        file: Some(inner),
    })
}

/// The text after `-+8<-+`, if `s` starts with it.
fn scissors(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches('-');
    if rest.len() == s.len() {
        return None;
    }
    let rest = rest.strip_prefix("8<")?;
    let after = rest.trim_start_matches('-');
    (after.len() < rest.len()).then_some(after)
}

/// A `--8<-- [start:name]` / `[end:name]` line.
#[derive(Debug, PartialEq)]
pub(super) struct SectionMarker<'a> {
    pub(super) start: bool,
    pub(super) name: &'a str,
    /// The byte offset of the `;` written before the scissors, if one is.
    pub(super) escape: Option<usize>,
}

/// `--8<-- [start:name]` / `[end:name]` anywhere in a line (a comment of the file's
/// language around it).
pub(super) fn section_marker(line: &str) -> Option<SectionMarker<'_>> {
    let at = line.find("8<-")?;
    let dashes = line[..at].len() - line[..at].trim_end_matches('-').len();
    if dashes == 0 {
        return None;
    }
    let escape = (at - dashes).checked_sub(1).filter(|&i| line.as_bytes()[i] == b';');
    let rest = line[at + 2..].trim_start_matches('-');
    let inner = rest.strip_prefix([' ', '\t'])?.trim_start().strip_prefix('[')?;
    let (kind, tail) = inner.split_once(':')?;
    let start = match kind.trim().to_ascii_lowercase().as_str() {
        "start" => true,
        "end" => false,
        _ => return None,
    };
    let name = tail.split_once(']')?.0.trim();
    is_section_name(name).then_some(SectionMarker { start, name, escape })
}

fn is_section_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A range of lines or a section of a file.
#[derive(Debug, PartialEq)]
pub(super) enum Pick<'a> {
    All,
    Lines(usize, Option<usize>),
    Section(&'a str),
}

/// `file`, `file:3:7` (1-based, inclusive; either side may be left out), `file:name`.
pub(super) fn split_spec(spec: &str) -> (&str, Pick<'_>) {
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let Some((head, tail)) = spec.rsplit_once(':') else {
        return (spec, Pick::All);
    };
    if is_section_name(tail) && !head.is_empty() {
        return (head.trim(), Pick::Section(tail));
    }
    if !digits(tail) {
        return (spec, Pick::All);
    }
    let num = |s: &str| s.parse::<usize>().ok();
    match head.rsplit_once(':') {
        Some((file, first)) if digits(first) => (
            file.trim(),
            Pick::Lines(num(first).map_or(0, |n| n.saturating_sub(1)), num(tail)),
        ),
        _ => (
            head.trim(),
            Pick::Lines(num(tail).map_or(0, |n| n.saturating_sub(1)), None),
        ),
    }
}

/// The lines between `--8<-- [start:name]` and its `[end:name]` (or the file's end),
/// if the file has that section.
pub(super) fn section<'a>(lines: &[&'a str], name: &str) -> Option<Vec<&'a str>> {
    let is = |l: &str, start: bool| {
        section_marker(l).is_some_and(|m| m.start == start && m.name == name && m.escape.is_none())
    };
    let from = lines.iter().position(|l| is(l, true))? + 1;
    let to = lines[from..]
        .iter()
        .position(|l| is(l, false))
        .map_or(lines.len(), |p| from + p);
    Some(lines[from..to].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_read_as_pymdownx_reads_them() {
        let m = marker("  --8<-- \"a.md\"").unwrap();
        assert_eq!((m.space, m.escaped, m.file), ("  ", false, Some("a.md")));
        assert_eq!(marker("-8<- 'b c.md'  ").unwrap().file, Some("b c.md"));
        assert!(marker(";--8<-- \"a.md\"").unwrap().escaped);
        assert_eq!(marker("--8<--").unwrap().file, None);
        for text in [
            "--8<-- a.md",
            "text --8<-- \"a.md\"",
            "--8<-- \"\"",
            "8<-- \"a\"",
            "--8<-- [start:x]",
        ] {
            assert!(marker(text).is_none(), "{text}");
        }
        let m = |start, name, escape| Some(SectionMarker { start, name, escape });
        assert_eq!(section_marker("# --8<-- [start:func]"), m(true, "func", None));
        assert_eq!(section_marker("<!-- --8<-- [ end : a-b ] -->"), m(false, "a-b", None));
        assert_eq!(section_marker("x; ;--8<-- [start:x]"), m(true, "x", Some(3)));
        assert_eq!(section_marker("--8<-- \"x.md\""), None);
    }

    #[test]
    fn specs_name_lines_or_a_section() {
        assert_eq!(split_spec("a.py"), ("a.py", Pick::All));
        assert_eq!(split_spec("a.py:3:7"), ("a.py", Pick::Lines(2, Some(7))));
        assert_eq!(split_spec("a.py:3"), ("a.py", Pick::Lines(2, None)));
        assert_eq!(split_spec("a.py::7"), ("a.py", Pick::Lines(0, Some(7))));
        assert_eq!(split_spec("a.py:func"), ("a.py", Pick::Section("func")));
        assert_eq!(split_spec("a:b/c.md"), ("a:b/c.md", Pick::All));
    }
}
