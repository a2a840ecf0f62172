//! Lettered options with an answer key (practice-exam banks): an item of a numbered
//! list holds the stem, a nested list of options `A.`–`F.` (or `A)`), and the key,
//! either in a `<details>` ("Correct answer: B, E", "Correct Answer: AB") or on a
//! following "Answer: B" line. Whatever else follows the options (an "Explanation:",
//! links) explains the question. An item with lettered options and no key stays notes;
//! a key naming a letter with no option is an error at its line.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::details::{span, summary, unwrap};
use super::html::emit;
use super::ids::question_id;
use super::meta::merge_tags;
use super::model::{Draft, DraftOption, QuestionKind, letter};
use super::tasklist::is_pinned;
use super::{Walk, for_mode, slice};
use crate::diagnostics::Diagnostic;
use crate::markdown::blocks::{Block, children};
use crate::markdown::headings::plain_text;
use crate::markdown::{Ev, Locator};

/// A numbered list that may hold lettered questions.
pub(super) fn is_candidate(evs: &[Ev], b: Block) -> bool {
    matches!(b.first(evs), Event::Start(Tag::List(Some(_))))
}

/// Writes a numbered list whose items are lettered questions; items that are not stay
/// list items. False (nothing written) when no item is a question.
pub(super) fn list<'a>(w: &mut Walk<'a, '_>, list: Block, topic: &[String]) -> bool {
    let evs = w.evs;
    let items = children(evs, list);
    if !items.iter().any(|i| options_at(evs, &children(evs, *i)).is_some()) {
        return false;
    }
    let mut parsed = Vec::new();
    let mut any = false;
    for item in &items {
        let d = item_question(w, *item, topic);
        any |= d.is_some();
        parsed.push(d);
    }
    if !any {
        return false;
    }
    let mut pending: Vec<Block> = Vec::new();
    let flush = |w: &mut Walk<'a, '_>, pending: &mut Vec<Block>| {
        if !pending.is_empty() {
            w.out.push(evs[list.start].clone());
            w.out.extend(slice(evs, pending));
            w.out.push(evs[list.end - 1].clone());
            pending.clear();
        }
    };
    for (item, d) in items.iter().zip(parsed) {
        match d {
            Some((draft, stem)) => {
                flush(w, &mut pending);
                emit(evs, None, &draft, &stem, w.ui, &mut w.out);
                w.found.drafts.push(draft);
            }
            None => pending.push(*item),
        }
    }
    flush(w, &mut pending);
    true
}

/// The option letter an option item starts with (`A.`, `b)`), as an index.
fn option_letter(evs: &[Ev], item: Block) -> Option<usize> {
    let first = evs[item.start + 1..item.end]
        .iter()
        .find(|(e, _)| !matches!(e, Event::Start(Tag::Paragraph)))?;
    let Event::Text(t) = &first.0 else { return None };
    let mut cs = t.trim_start().chars();
    let (l, p, s) = (cs.next()?, cs.next()?, cs.next());
    let n = "abcdef".find(l.to_ascii_lowercase())?;
    (l.is_ascii_alphabetic() && matches!(p, '.' | ')') && s.is_none_or(char::is_whitespace)).then_some(n)
}

/// Where the lettered option list is among an item's children.
fn options_at(evs: &[Ev], kids: &[Block]) -> Option<usize> {
    kids.iter().position(|b| {
        let opts = if b.is_list(evs) { children(evs, *b) } else { Vec::new() };
        opts.len() >= 2 && opts.iter().enumerate().all(|(n, o)| option_letter(evs, *o) == Some(n))
    })
}

type Parsed<'a> = (Draft<'a>, Vec<Block>);

/// One item as a question, when it has lettered options and a key.
fn item_question<'a>(w: &mut Walk<'a, '_>, item: Block, topic: &[String]) -> Option<Parsed<'a>> {
    let evs = w.evs;
    let kids = children(evs, item);
    let at = options_at(evs, &kids)?;
    let (question, stem) = stem(evs, &kids[..at]);
    let mut after = match kids.get(at + 1) {
        Some(b) if summary(evs, *b).is_some() => {
            let n = span(evs, &kids[at + 1..]).unwrap_or(kids.len() - at - 1);
            let mut v = unwrap(evs, &kids[at + 1..at + 1 + n]);
            v.extend(slice(evs, &kids[at + 1 + n..]));
            v
        }
        _ => slice(evs, &kids[at + 1..]),
    };
    let (key, key_at) = take_key(&mut after)?;
    let item_at = evs[item.start].1;
    let mut diags = Vec::new();
    let mut options: Vec<DraftOption> = children(evs, kids[at])
        .iter()
        .map(|o| lettered_option(evs, *o))
        .collect();
    let ok = mark_key(&key, &mut options, w.loc, key_at, &mut diags);
    let text = plain_text(&question);
    let opt_text: Vec<String> = options.iter().map(|o| plain_text(&o.text)).collect();
    let stem_text = format!("{} {}", plain_text(&slice(evs, &stem)), opt_text.join(" "));
    let id = question_id(None, &text, &stem_text, item_at, w.loc, &mut w.found.ids, &mut diags);
    let correct = options.iter().filter(|o| o.correct).count();
    let draft = Draft {
        id,
        explicit_id: false,
        kind: if correct == 1 {
            QuestionKind::Single
        } else {
            QuestionKind::Multi
        },
        line: w.loc.line_col(item_at).0,
        heading_id: None,
        topic: topic.to_vec(),
        tags: merge_tags(None, w.page),
        see: None,
        domain: None,
        text,
        question,
        stem: slice(evs, &stem),
        answer: Vec::new(),
        options,
        fixed: true,
        explain: after,
        accept: Vec::new(),
        numeric: None,
        cloze: None,
        guid: None,
        reversed: false,
    };
    let failed = !ok || diags.iter().any(Diagnostic::is_error);
    for_mode(w.lenient, &mut diags);
    if w.lenient && failed {
        diags.push(w.loc.warning(item_at, "question left out (lenient mode)"));
    }
    w.found.diags.extend(diags);
    (!failed).then_some((draft, stem))
}

/// The question's own text (the first paragraph, or a tight item's leading inline
/// text) and the stem blocks after it.
fn stem<'a>(evs: &[Ev<'a>], before: &[Block]) -> (Vec<Ev<'a>>, Vec<Block>) {
    match before.first() {
        Some(p) if p.is_paragraph(evs) => (evs[p.start + 1..p.end - 1].to_vec(), before[1..].to_vec()),
        _ => {
            let inline = before.iter().take_while(|b| !is_block_level(b.first(evs))).count();
            (slice(evs, &before[..inline]), before[inline..].to_vec())
        }
    }
}

fn is_block_level(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(
            Tag::Paragraph
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::HtmlBlock
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::Heading { .. }
        )
    )
}

fn lettered_option<'a>(evs: &[Ev<'a>], item: Block) -> DraftOption<'a> {
    let mut text = Vec::new();
    let mut extra = Vec::new();
    for child in children(evs, item) {
        let e = child.first(evs);
        if matches!(e, Event::Start(Tag::Paragraph)) && text.is_empty() {
            text.extend(evs[child.start + 1..child.end - 1].iter().cloned());
        } else if is_block_level(e) {
            extra.extend(evs[child.start..child.end].iter().cloned());
        } else {
            text.extend(evs[child.start..child.end].iter().cloned());
        }
    }
    if let Some((Event::Text(t), at)) = text.first().cloned() {
        let rest = t.trim_start()[2..].trim_start().to_string();
        text[0] = (Event::Text(rest.into()), at);
    }
    let pin = is_pinned(&plain_text(&text));
    DraftOption {
        text,
        extra,
        why: Vec::new(),
        correct: false,
        pin,
    }
}

/// The text after "Correct answer:" / "Answer:" at the start of `s`.
fn key_after(s: &str) -> Option<&str> {
    let t = s.trim_start();
    let lower = t.to_ascii_lowercase();
    ["correct answers:", "correct answer:", "answers:", "answer:"]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| t[p.len()..].lines().next().unwrap_or("").trim())
}

/// Finds the key in what follows the options and takes it out: from a line of raw
/// HTML or from the start of a paragraph. Returns the key text and its offset.
fn take_key(after: &mut Vec<Ev>) -> Option<(String, usize)> {
    for i in 0..after.len() {
        let (e, at) = &after[i];
        let at = *at;
        match e {
            Event::Html(h) => {
                let lines: Vec<&str> = h.lines().collect();
                let Some(n) = lines.iter().position(|l| key_after(l).is_some()) else {
                    continue;
                };
                let key = key_after(lines[n]).unwrap_or("").to_string();
                let rest: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != n)
                    .map(|(_, l)| *l)
                    .collect();
                let rest = rest.join("\n");
                if rest.trim().is_empty() {
                    after.remove(i);
                } else {
                    after[i].0 = Event::Html(format!("{}\n", rest.trim()).into());
                }
                return Some((key, at));
            }
            Event::Text(t) if i > 0 && matches!(after[i - 1].0, Event::Start(Tag::Paragraph)) => {
                let Some(key) = key_after(t) else { continue };
                let key = key.to_string();
                after.remove(i);
                while matches!(after.get(i), Some((Event::SoftBreak | Event::HardBreak, _))) {
                    after.remove(i);
                }
                if matches!(after.get(i), Some((Event::End(TagEnd::Paragraph), _))) {
                    after.drain(i - 1..=i);
                }
                return Some((key, at));
            }
            _ => {}
        }
    }
    None
}

/// Ticks the options a key names (`B, E`, `AB`, `Ac`); errors for a key that names no
/// letter or a letter with no option.
fn mark_key(key: &str, options: &mut [DraftOption], loc: &Locator, at: usize, diags: &mut Vec<Diagnostic>) -> bool {
    let mut letters = Vec::new();
    for tok in key.split(|c: char| c == ',' || c == '&' || c == '/' || c.is_whitespace()) {
        let tok = tok.trim_end_matches(['.', ')']);
        if tok.is_empty() || tok.eq_ignore_ascii_case("and") {
            continue;
        }
        if tok.len() > 6 || !tok.chars().all(|c| matches!(c.to_ascii_uppercase(), 'A'..='F')) {
            break;
        }
        letters.extend(tok.chars().map(|c| c.to_ascii_uppercase()));
    }
    let last = letter(options.len().saturating_sub(1));
    if letters.is_empty() {
        diags.push(
            loc.error(at, format!("answer key `{key}` names no option letter"))
                .with_help(format!(
                    "write the key as `Correct answer: B` or `Correct answer: A, C` (options A–{last})"
                )),
        );
        return false;
    }
    for l in letters {
        let n = (l as u8 - b'A') as usize;
        match options.get_mut(n) {
            Some(o) => o.correct = true,
            None => {
                diags.push(
                    loc.error(at, format!("answer key names `{l}`, but the options are A–{last}"))
                        .with_help("fix the key or add the missing option"),
                );
                return false;
            }
        }
    }
    true
}
