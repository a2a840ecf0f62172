//! MkDocs Material's icon shortcodes (`:material-check:`, `:fontawesome-solid-xmark:`,
//! `:octicons-alert-16:`, `:simple-github:`). studysite ships no icon fonts (every
//! kilobyte counts on a phone): the icons notes use for meaning, ticks, crosses,
//! warnings, arrows, become the Unicode sign for them; any other is left out with a
//! warning naming it, never printed as a raw shortcode.

use super::spans::{self, Piece};
use super::{Ev, RenderCx};

const SETS: &[&str] = &["material-", "fontawesome-", "octicons-", "simple-"];
/// Icons left out: their byte offsets in the text and names.
type Missing = Vec<(usize, String)>;

const MARKERS: &[&str] = &[":material-", ":fontawesome-", ":octicons-", ":simple-"];

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let mut unknown: Vec<(usize, String)> = Vec::new();
    let loc = rcx.loc;
    let evs = spans::rewrite(
        evs,
        |t| crate::util::has(t, ":") && MARKERS.iter().any(|m| crate::util::has(t, m)),
        |t, at| {
            let (pieces, missing) = rewrite(t)?;
            // The shortcode's own place when the text is as written there.
            let verbatim = loc.page.body().get(at..).is_some_and(|b| b.starts_with(t));
            unknown.extend(
                missing
                    .into_iter()
                    .map(|(i, name)| (if verbatim { at + i } else { at }, name)),
            );
            Some(pieces)
        },
    );
    for (at, name) in unknown {
        rcx.warn(
            at,
            format!("icon `:{name}:` is not drawn (studysite has no icon set); it is left out"),
            Some("write the sign or a word instead (✓, ✗, ⚠, →), or an image"),
        );
    }
    evs
}

/// The text with its icon shortcodes replaced, and the places and names of those left
/// out.
fn rewrite(text: &str) -> Option<(Vec<Piece>, Missing)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    let mut i = 0;
    while let Some(open) = memchr::memchr(b':', &b[i..]).map(|p| i + p) {
        let name_end = b[open + 1..]
            .iter()
            .position(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'))
            .map_or(b.len(), |p| open + 1 + p);
        let name = &text[open + 1..name_end];
        let word_before = open > 0 && b[open - 1].is_ascii_alphanumeric();
        if b.get(name_end) == Some(&b':') && !word_before && SETS.iter().any(|s| name.starts_with(s)) {
            let sign = sign(name);
            if sign.is_none() {
                missing.push((open, name.to_string()));
            }
            let made = sign.map(|s| vec![Piece::Text(s.to_string())]).unwrap_or_default();
            found.push((open..name_end + 1, made));
            i = name_end + 1;
        } else {
            i = open + 1;
        }
    }
    Some((spans::splice(text, found)?, missing))
}

/// The sign for an icon, by its name without the set, style and size
/// (`fontawesome-solid-circle-check` → `circle-check`, `octicons-x-16` → `x`).
fn sign(name: &str) -> Option<&'static str> {
    let (set, rest) = name.split_once('-')?;
    let rest = match set {
        "fontawesome" => rest.split_once('-').map_or(rest, |(_, r)| r),
        "octicons" => rest
            .rsplit_once('-')
            .filter(|(_, n)| n.parse::<u8>().is_ok())
            .map_or(rest, |(r, _)| r),
        _ => rest,
    };
    let base = rest
        .trim_end_matches("-outline")
        .trim_end_matches("-bold")
        .trim_end_matches("-thick")
        .trim_end_matches("-fill");
    Some(match base {
        "check" | "check-circle" | "circle-check" | "check-all" | "checkbox-marked" | "square-check" | "checkmark" => {
            "✓"
        }
        "close" | "close-circle" | "circle-xmark" | "xmark" | "x" | "x-circle" | "cancel" => "✗",
        "alert" | "alert-circle" | "alert-triangle" | "triangle-exclamation" | "warning" | "exclamation" => "⚠",
        "information" | "info" | "circle-info" | "information-variant" => "ℹ",
        "help" | "help-circle" | "question" | "circle-question" => "?",
        "arrow-right" | "chevron-right" | "arrow-right-thin" => "→",
        "arrow-left" | "chevron-left" | "arrow-left-thin" => "←",
        "arrow-up" | "chevron-up" => "↑",
        "arrow-down" | "chevron-down" => "↓",
        "star" => "★",
        "heart" => "♥",
        "plus" | "plus-circle" => "+",
        "minus" | "minus-circle" => "−",
        "lightbulb" | "lightbulb-on" => "💡",
        "link" | "link-variant" => "🔗",
        "lock" => "🔒",
        "clock" | "clock-time-four" => "🕓",
        "download" => "⬇",
        "pencil" | "pen" => "✎",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(text: &str) -> (String, Missing) {
        match rewrite(text) {
            None => (text.to_string(), Vec::new()),
            Some((p, missing)) => (spans::to_html(p), missing),
        }
    }

    #[test]
    fn icons_become_signs_or_are_reported() {
        assert_eq!(out("| :material-check: | :material-close: |").0, "| ✓ | ✗ |");
        assert_eq!(out(":fontawesome-solid-circle-check: done").0, "✓ done");
        assert_eq!(out(":octicons-alert-16: careful").0, "⚠ careful");
        assert_eq!(
            out("Star us :simple-github: now"),
            ("Star us  now".to_string(), vec![(8, "simple-github".to_string())])
        );
    }

    #[test]
    fn other_colons_stay_text() {
        for t in [
            "a:material-check: b",
            ":materialx:",
            "time 10:30:45",
            ":material-Check:",
            "arn:aws:iam::1:role",
        ] {
            assert_eq!(out(t).0, t, "{t}");
        }
    }
}
