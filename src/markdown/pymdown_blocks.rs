//! pymdownx's generic blocks (`pymdownx.blocks.*`, MkDocs Material's newer syntax),
//! paired like the colon containers ([`super::containers`]):
//!
//! ```markdown
//! /// details | Why?
//!     type: warning
//!
//! The body, in Markdown.
//! ///
//! ```
//!
//! `admonition` (its `type:`, default a note), an admonition kind by name
//! (`/// tip | Title`), and `details` (closed until opened; `open: true` shows it open)
//! become callouts; `tab` is its content under its label; `html`, `caption` and `define`
//! keep their content without the fences. The indented `key: value` lines under the
//! opening are its options, never text. Nested blocks take more slashes (`////`).

use super::containers::Fence;

/// The kinds of callout a block may be named after.
const KINDS: &[&str] = &[
    "note",
    "abstract",
    "summary",
    "tldr",
    "info",
    "todo",
    "tip",
    "hint",
    "important",
    "success",
    "check",
    "done",
    "question",
    "help",
    "faq",
    "warning",
    "caution",
    "attention",
    "failure",
    "fail",
    "missing",
    "danger",
    "error",
    "bug",
    "example",
    "quote",
    "cite",
    "seealso",
];

/// Whether a line may be a block's fence (three or more slashes first).
pub(super) fn may_open(t: &str) -> bool {
    t.starts_with("///")
}

/// Whether a source line is an option line of an opening (`    type: warning`).
pub(super) fn is_option(line: &str) -> bool {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim();
    indent >= 2
        && t.split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-'))
}

/// The fence a block's opening (with its option lines after a `\n`) or closing stands for.
pub(super) fn fence(text: &str) -> Option<Fence<'_>> {
    let mut lines = text.split('\n');
    let head = lines.next()?.trim();
    let slashes = head.len() - head.trim_start_matches('/').len();
    if slashes < 3 {
        return None;
    }
    let rest = head[slashes..].trim();
    if rest.is_empty() {
        return Some(Fence::Close);
    }
    let (name, title) = match rest.split_once('|') {
        Some((n, t)) => (n.trim(), Some(t.trim().to_string()).filter(|t| !t.is_empty())),
        None => (rest, None),
    };
    let option = |key: &str| {
        lines.clone().find_map(|l| {
            let (k, v) = l.trim().split_once(':')?;
            (k.trim() == key).then(|| v.trim().trim_matches(['"', '\'']).to_ascii_lowercase())
        })
    };
    let kind_of = |k: Option<String>| {
        k.and_then(|k| KINDS.iter().find(|&&x| x == k).copied())
            .unwrap_or("note")
    };
    Some(match name {
        "admonition" => Fence::Open {
            kind: Some(kind_of(option("type"))),
            title,
            fold: false,
        },
        "details" => Fence::Open {
            kind: Some(kind_of(option("type"))),
            title,
            fold: !matches!(option("open").as_deref(), Some("true" | "yes")),
        },
        "tab" => Fence::Titled {
            title: title.unwrap_or_default(),
        },
        "html" | "caption" | "define" => Fence::Open {
            kind: None,
            title: None,
            fold: false,
        },
        n => Fence::Open {
            kind: Some(KINDS.iter().find(|&&k| k == n).copied()?),
            title,
            fold: false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openings_closings_and_options() {
        assert_eq!(fence("///"), Some(Fence::Close));
        assert_eq!(fence("////  "), Some(Fence::Close));
        assert_eq!(
            fence("/// details | Why?\ntype: warning"),
            Some(Fence::Open {
                kind: Some("warning"),
                title: Some("Why?".into()),
                fold: true
            })
        );
        assert_eq!(
            fence("/// details | Shown\nopen: True"),
            Some(Fence::Open {
                kind: Some("note"),
                title: Some("Shown".into()),
                fold: false
            })
        );
        assert_eq!(
            fence("/// tip | Remember"),
            Some(Fence::Open {
                kind: Some("tip"),
                title: Some("Remember".into()),
                fold: false
            })
        );
        assert_eq!(fence("/// tab | Linux"), Some(Fence::Titled { title: "Linux".into() }));
        assert_eq!(
            fence("/// html | div.box"),
            Some(Fence::Open {
                kind: None,
                title: None,
                fold: false
            })
        );
        assert_eq!(fence("/// not-a-block"), None);
        assert_eq!(fence("// comment"), None);
        assert!(is_option("    type: warning") && !is_option("type: warning") && !is_option("    Some text."));
    }
}
