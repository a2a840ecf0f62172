//! Clozes: `{{c1::hidden text::hint}}` anywhere in a note's paragraph (Anki's syntax), and
//! `==hidden==` in a paragraph of a page marked as cards (`#flashcards`, [`super::srcards`]).
//! A paragraph makes one card per cloze number (each `==…==` its own number, after the
//! written ones); the other clozes of the paragraph are shown on that card. On the page the
//! paragraph reads as written, each cloze a `<span class="cloze">` that `question-kinds.js`
//! turns into a blank revealed by a click or Enter (without JavaScript the text is simply
//! there). A cloze with nothing hidden (`{{c1::}}`) is an error naming where it is.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event};

use super::Walk;
use super::html::html;
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::{Draft, QuestionKind};
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::markdown::headings::plain_text;
use crate::util::escape_html;

/// A paragraph's inline content with its clozes found.
enum Piece<'a> {
    Ev(Ev<'a>),
    /// A cloze opens: its number, its hint and the offset of its marker.
    Open(u32, String, usize),
    Close,
}

/// Whether a text event may hold a cloze (`{{c1::`, or `==` on a cards page).
pub(super) fn may_hold(text: &str, cards: bool) -> bool {
    text.contains("{{c") || (cards && text.contains("=="))
}

/// `{{c12::` at the start of `s`: the number and the marker's length.
fn opener(s: &str) -> Option<(u32, usize)> {
    let rest = s.strip_prefix("{{c")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !rest[digits..].starts_with("::") {
        return None;
    }
    Some((rest[..digits].parse().ok()?, 3 + digits + 2))
}

/// Splits a paragraph's inline events at its cloze markers; `None` when there is no
/// complete cloze (an unclosed marker leaves the paragraph as written).
fn pieces<'a>(inline: &[Ev<'a>], cards: bool) -> Option<Vec<Piece<'a>>> {
    let mut out = Vec::new();
    // Inside a cloze: `}}` (Anki) or `==` (a highlight) closes it.
    let mut inside: Option<&str> = None;
    let mut auto = 0u32;
    let mut found = false;
    for (e, at) in inline {
        let Event::Text(t) = e else {
            out.push(Piece::Ev((e.clone(), *at)));
            continue;
        };
        let s: &str = t;
        let mut i = 0;
        let mut start = 0;
        let flush = |out: &mut Vec<Piece<'a>>, from: usize, to: usize| {
            if to > from {
                out.push(Piece::Ev((
                    Event::Text(CowStr::from(s[from..to].to_string())),
                    at + from,
                )));
            }
        };
        while i < s.len() {
            let rest = &s[i..];
            match inside {
                None => {
                    if let Some((n, len)) = opener(rest) {
                        flush(&mut out, start, i);
                        // the hint: `::hint` before the closing `}}` in the same text
                        let body = &rest[len..];
                        let (hint, close) = match (body.find("::"), body.find("}}")) {
                            (Some(h), Some(c)) if h < c => (body[h + 2..c].to_string(), Some((h, c))),
                            _ => (String::new(), None),
                        };
                        out.push(Piece::Open(n, hint, at + i));
                        inside = Some("}}");
                        found = true;
                        i += len;
                        start = i;
                        if let Some((h, c)) = close {
                            // the hidden text, then skip the hint
                            flush(&mut out, i, i + h);
                            out.push(Piece::Close);
                            inside = None;
                            i += c + 2;
                            start = i;
                        }
                        continue;
                    }
                    if cards && rest.starts_with("==") && rest[2..].contains("==") {
                        flush(&mut out, start, i);
                        auto += 1;
                        out.push(Piece::Open(1000 + auto, String::new(), at + i));
                        inside = Some("==");
                        found = true;
                        i += 2;
                        start = i;
                        continue;
                    }
                }
                Some(close) => {
                    if rest.starts_with(close) {
                        flush(&mut out, start, i);
                        out.push(Piece::Close);
                        inside = None;
                        i += 2;
                        start = i;
                        continue;
                    }
                }
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        flush(&mut out, start, s.len());
    }
    (found && inside.is_none()).then_some(out)
}

/// A cloze paragraph among notes: its cards, and its markup; false when it has none.
pub(super) fn paragraph(w: &mut Walk, b: Block, topic: &[String]) -> bool {
    let evs = w.evs;
    let inline = &evs[b.start + 1..b.end - 1];
    let cards = w.cards.is_some();
    if !inline
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if may_hold(t, cards)))
    {
        return false;
    }
    let Some(mut pieces) = pieces(inline, cards) else {
        return false;
    };
    renumber(&mut pieces);
    let mut diags = Vec::new();
    let empty = report_empty(&pieces, w.loc, &mut diags);
    let numbers: BTreeSet<u32> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Open(n, ..) => Some(*n),
            _ => None,
        })
        .collect();
    let (line, _) = w.loc.line_col(evs[b.start].1);
    let full_text = plain_text(&render_for(&pieces, None));
    let mut ids = Vec::new();
    if !empty {
        for &n in &numbers {
            let question = render_for(&pieces, Some((n, false)));
            let answer = render_for(&pieces, Some((n, true)));
            let text = plain_text(&blanked(&pieces, Some((n, false)), true));
            let id = question_id(
                None,
                &format!("{full_text} c{n}"),
                "",
                evs[b.start].1,
                w.loc,
                &mut w.found.ids,
                &mut diags,
            );
            let mut answer_para = vec![(Event::Start(pulldown_cmark::Tag::Paragraph), evs[b.start].1)];
            answer_para.extend(answer);
            answer_para.push((Event::End(pulldown_cmark::TagEnd::Paragraph), 0));
            let mut d = Draft::free(
                id.clone(),
                line,
                topic,
                merge_tags(None, w.page),
                text,
                question,
                answer_para,
            );
            d.kind = QuestionKind::Cloze;
            d.cloze = Some((n, n == *numbers.first().unwrap_or(&n), anki_text(&pieces)));
            ids.push(id);
            w.found.drafts.push(d);
        }
    }
    super::for_mode(w.lenient, &mut diags);
    w.found.diags.extend(diags);
    write_page(w, b, &ids, pieces);
    true
}

/// A list among notes whose items hold clozes (`- {{c1::Paris}} is the capital of France`):
/// each item a cloze paragraph of its own (one card per number), revealed in place; false
/// when no item has one. An item of text only, or of one paragraph, is read; a loose
/// item's nested list too; other items stay as written.
pub(super) fn list(w: &mut Walk, b: Block, topic: &[String]) -> bool {
    let evs = w.evs;
    let cards = w.cards.is_some();
    if !evs[b.start..b.end]
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if may_hold(t, cards)))
    {
        return false;
    }
    w.out.push(evs[b.start].clone());
    for item in crate::markdown::blocks::children(evs, b) {
        let inner = &evs[item.start + 1..item.end - 1];
        if !inner.iter().any(|(e, _)| matches!(e, Event::Start(t) if is_block(t))) {
            if !paragraph(w, item, topic) {
                w.out.extend(evs[item.start..item.end].iter().cloned());
            }
            continue;
        }
        w.out.push(evs[item.start].clone());
        for c in crate::markdown::blocks::children(evs, item) {
            let done = (c.is_paragraph(evs) && paragraph(w, c, topic)) || (c.is_list(evs) && list(w, c, topic));
            if !done {
                w.out.extend(evs[c.start..c.end].iter().cloned());
            }
        }
        w.out.push(evs[item.end - 1].clone());
    }
    w.out.push(evs[b.end - 1].clone());
    true
}

fn is_block(t: &pulldown_cmark::Tag) -> bool {
    use pulldown_cmark::Tag;
    !matches!(
        t,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

/// `==…==` clozes (numbered from 1001 as found) take the numbers after the written ones.
fn renumber(pieces: &mut [Piece]) {
    let written = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Open(n, ..) if *n < 1000 => Some(*n),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for p in pieces {
        if let Piece::Open(n, ..) = p
            && *n > 1000
        {
            *n = written + (*n - 1000);
        }
    }
}

/// An error for each cloze that hides nothing; true if there is one.
fn report_empty(
    pieces: &[Piece],
    loc: &crate::markdown::Locator,
    diags: &mut Vec<crate::diagnostics::Diagnostic>,
) -> bool {
    let mut empty = false;
    for (k, p) in pieces.iter().enumerate() {
        if let Piece::Open(n, _, at) = p {
            let hidden: String = pieces[k + 1..]
                .iter()
                .take_while(|p| !matches!(p, Piece::Close))
                .filter_map(|p| match p {
                    Piece::Ev((Event::Text(t) | Event::Code(t), _)) => Some(t.to_string()),
                    Piece::Ev(_) => Some("x".to_string()),
                    _ => None,
                })
                .collect();
            if hidden.trim().is_empty() {
                empty = true;
                diags
                    .push(loc.error(*at, format!("cloze c{n} hides nothing")).with_help(
                        "write the hidden text after `::`, e.g. `{{c1::Paris}}`, or remove the empty cloze",
                    ));
            }
        }
    }
    empty
}

/// The page: the paragraph as written, each cloze a span (and an anchor per card).
fn write_page<'a>(w: &mut Walk<'a, '_>, b: Block, ids: &[String], pieces: Vec<Piece<'a>>) {
    let evs = w.evs;
    w.out.push(evs[b.start].clone());
    for id in ids {
        w.out.push(html(format!(
            "<span class=\"cloze-anchor\" id=\"q-{}\"></span>",
            escape_html(id)
        )));
    }
    for p in pieces {
        match p {
            Piece::Ev(ev) => w.out.push(ev),
            Piece::Open(n, hint, _) => {
                let hint = if hint.is_empty() {
                    String::new()
                } else {
                    format!(" data-hint=\"{}\"", escape_html(&hint))
                };
                w.out.push(html(format!("<span class=\"cloze\" data-c=\"{n}\"{hint}>")));
            }
            Piece::Close => w.out.push(html("</span>")),
        }
    }
    w.out.push(evs[b.end - 1].clone());
}

/// The paragraph's inline events for card `n`: its cloze a blank (`[hint]`, `[…]`) on the
/// question side, marked on the answer side; the other clozes as plain text.
fn render_for<'a>(pieces: &[Piece<'a>], card: Option<(u32, bool)>) -> Vec<Ev<'a>> {
    blanked(pieces, card, false)
}

/// [`render_for`], the blank as markup or (`as_text`, for the question's plain text) as text.
fn blanked<'a>(pieces: &[Piece<'a>], card: Option<(u32, bool)>, as_text: bool) -> Vec<Ev<'a>> {
    let mut out = Vec::new();
    let mut hiding = false;
    let mut current = false;
    for p in pieces {
        match p {
            Piece::Ev(ev) if !hiding => out.push(ev.clone()),
            Piece::Ev(_) => {}
            Piece::Open(n, hint, _) => {
                current = card.is_some_and(|(c, _)| c == *n);
                match card {
                    Some((_, false)) if current => {
                        let shown = if hint.is_empty() { "…" } else { hint };
                        out.push(if as_text {
                            (Event::Text(format!("[{shown}]").into()), 0)
                        } else {
                            html(format!("<span class=\"cloze-blank\">[{}]</span>", escape_html(shown)))
                        });
                        hiding = true;
                    }
                    Some((_, true)) if current => out.push(html("<mark class=\"cloze-answer\">")),
                    _ => {}
                }
            }
            Piece::Close => {
                if current && card.is_some_and(|(_, a)| a) {
                    out.push(html("</mark>"));
                }
                hiding = false;
                current = false;
            }
        }
    }
    out
}

/// The paragraph in Anki's Cloze note syntax, `{{c1::text::hint}}`, as events to render.
fn anki_text<'a>(pieces: &[Piece<'a>]) -> Vec<Ev<'a>> {
    let mut out = Vec::new();
    let mut hint_of = Vec::new();
    for p in pieces {
        match p {
            Piece::Ev(ev) => out.push(ev.clone()),
            Piece::Open(n, hint, _) => {
                out.push(html(format!("{{{{c{n}::")));
                hint_of.push(hint.clone());
            }
            Piece::Close => {
                let hint = hint_of.pop().unwrap_or_default();
                out.push(html(if hint.is_empty() {
                    "}}".to_string()
                } else {
                    format!("::{}}}}}", escape_html(&hint))
                }));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::opener;

    #[test]
    fn cloze_markers() {
        assert_eq!(opener("{{c1::x}}"), Some((1, 6)));
        assert_eq!(opener("{{c12::x}}"), Some((12, 7)));
        assert_eq!(opener("{{c::x}}"), None);
        assert_eq!(opener("{{cx::"), None);
    }
}
