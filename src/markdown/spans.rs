//! The walk the small inline extensions share (keys, caret and tilde marks, icons,
//! abbreviations): each prose text event is offered to a rewriter, which may cut it
//! into text and generated markup. Code, math and raw HTML are other events, so they
//! are never offered; neither is an image's text (its `alt`, where markup can't go).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Ev;

/// A piece of rewritten text.
#[derive(Debug, PartialEq)]
pub enum Piece {
    Text(String),
    /// Markup made here, every text and attribute value in it already escaped.
    Html(String),
}

/// Offers each prose text event to `rewrite` (with its offset in the body); when that
/// returns pieces, they replace the event. `quick` is a cheap test that the text may
/// hold the syntax at all: when no text passes it, the list is returned as it is.
pub fn rewrite<'a>(
    evs: Vec<Ev<'a>>,
    quick: impl Fn(&str) -> bool,
    mut rewrite: impl FnMut(&str, usize) -> Option<Vec<Piece>>,
) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Text(t) if quick(t))) {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len() + 8);
    let mut in_image = 0usize;
    for (e, at) in evs {
        match &e {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) if in_image == 0 && quick(t) => {
                if let Some(pieces) = rewrite(t, at) {
                    for p in pieces {
                        out.push(match p {
                            Piece::Text(s) => (Event::Text(CowStr::from(s)), at),
                            Piece::Html(h) => (Event::Html(CowStr::from(h)), at),
                        });
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push((e, at));
    }
    out
}

/// Joins the text between the matches a rewriter found: `found` holds, in order and
/// without overlaps, each match's byte range and the pieces it becomes (its visible
/// words as text, so they stay searchable where a transform reads them, in tables).
pub fn splice(text: &str, found: Vec<(std::ops::Range<usize>, Vec<Piece>)>) -> Option<Vec<Piece>> {
    if found.is_empty() {
        return None;
    }
    let mut pieces = Vec::with_capacity(found.len() * 4 + 1);
    let mut copied = 0;
    for (range, made) in found {
        if range.start > copied {
            pieces.push(Piece::Text(text[copied..range.start].to_string()));
        }
        pieces.extend(made);
        copied = range.end;
    }
    if copied < text.len() {
        pieces.push(Piece::Text(text[copied..].to_string()));
    }
    Some(pieces)
}

/// `open`, the text, `close`: an element around visible text.
pub fn wrap(open: String, text: &str, close: &str) -> Vec<Piece> {
    vec![
        Piece::Html(open),
        Piece::Text(text.to_string()),
        Piece::Html(close.to_string()),
    ]
}

/// The pieces as HTML (for tests).
#[cfg(test)]
pub fn to_html(pieces: Vec<Piece>) -> String {
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => crate::util::escape_html(&t),
            Piece::Html(h) => h,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_around_matches_and_image_text_is_left_alone() {
        let evs = crate::markdown::events("a X b ![X](i.png) `X`", pulldown_cmark::Options::empty());
        let out = rewrite(
            evs,
            |t| t.contains('X'),
            |t, _| {
                let found = t
                    .match_indices('X')
                    .map(|(i, _)| (i..i + 1, wrap("<i>".into(), "x", "</i>")))
                    .collect();
                splice(t, found)
            },
        );
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter().map(|(e, _)| e));
        assert_eq!(
            html,
            "<p>a <i>x</i> b <img src=\"i.png\" alt=\"X\" /> <code>X</code></p>\n"
        );
    }
}
