//! Bare LaTeX environments standing as a paragraph, `\begin{align} … \end{align}`
//! without `$$` around them: MathJax typesets them on MkDocs sites (its
//! `processEnvironments`), so notes written for it use them. Such a paragraph is a
//! display formula, read from the page as written (Markdown has already eaten its
//! `\\` and `_` in the paragraph's text).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if t.starts_with("\\begin{")))
    {
        return evs;
    }
    let body = rcx.loc.page.body();
    let mut out = Vec::with_capacity(evs.len());
    let mut i = 0;
    while i < evs.len() {
        if let (Event::Start(Tag::Paragraph), Some((Event::Text(t), _))) = (&evs[i].0, evs.get(i + 1))
            && t.starts_with("\\begin{")
            && let Some((tex, j)) = environment(&evs, i, body)
        {
            let html = super::math::render(tex, true, evs[i].1, rcx);
            out.push((Event::Html(html.into()), evs[i].1));
            i = j + 1;
            continue;
        }
        out.push(evs[i].clone());
        i += 1;
    }
    out
}

/// The environment the paragraph at `evs[i]` is made of, as written, and the index of
/// the paragraph's end; `None` when the paragraph holds anything else.
fn environment<'b>(evs: &[Ev], i: usize, body: &'b str) -> Option<(&'b str, usize)> {
    let at = evs[i].1;
    let src = body.get(at..)?;
    let name = src.strip_prefix("\\begin{")?.split('}').next()?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic() || c == '*') {
        return None;
    }
    let close = format!("\\end{{{name}}}");
    let end = src.find(&close)? + close.len();
    let tex = &src[..end];
    // Not inside a quote (its lines carry `>` markers), and nothing after it on its line.
    if tex.lines().skip(1).any(|l| l.trim_start().starts_with('>')) {
        return None;
    }
    if !src[end..].split('\n').next().unwrap_or("").trim().is_empty() {
        return None;
    }
    let j = i + evs[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))?;
    // The paragraph ends with the environment.
    evs[i..j].iter().all(|(_, o)| *o < at + end).then_some((tex, j))
}
