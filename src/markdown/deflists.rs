//! Definition lists, as MkDocs (Python-Markdown's `def_list`), PHP Markdown Extra and
//! Pandoc write them: a term on its own line, then `: definition` (a colon and one to
//! four spaces), right under it or after a blank line, continued by lazy lines or by a
//! paragraph indented four spaces. (pulldown-cmark's own option takes any line that
//! starts with a colon, so Docusaurus' `:::note` and vim's `:wq` would become
//! definitions; here the colon needs its space.)

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let body = rcx.loc.page.body();
    let is_marker = |e: &Event, at: usize| marker(e).is_some() && body.get(at..).is_some_and(|b| b.starts_with(':'));
    if !evs.iter().any(|(e, at)| is_marker(e, *at)) {
        return evs;
    }
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len() + 8);
    let mut i = 0;
    while i < evs.len() {
        let Some(end) = paragraph_end(&evs, i) else {
            // An indented paragraph right after a definition is more of it.
            if let (Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)), true) =
                (&evs[i].0, ends_with_dl(&out))
            {
                let (text, next) = code_text(&evs, i);
                let at = evs[i].1;
                reopen(&mut out);
                let options = super::extensions::options(rcx.cx.config);
                out.extend(
                    super::events(&text, options)
                        .into_iter()
                        .map(|(e, _)| (e.into_static(), at)),
                );
                out.push((Event::Html("</dd>".into()), at));
                close(&mut out, at);
                i = next;
                continue;
            }
            out.push(evs[i].clone());
            i += 1;
            continue;
        };
        let lines = lines(&evs[i + 1..end]);
        let first_def = lines
            .iter()
            .position(|l| l.first().is_some_and(|(e, at)| is_marker(e, *at)));
        let at = evs[i].1;
        match first_def {
            // `Term` / `: definition` in one paragraph.
            Some(k) if k > 0 => {
                open(&mut out, at);
                for term in &lines[..k] {
                    out.push((Event::Html("<dt>".into()), at));
                    out.extend(term.iter().cloned());
                    out.push((Event::Html("</dt>".into()), at));
                }
                definitions(&lines[k..], false, &is_marker, &mut out, at);
                close(&mut out, at);
            }
            // `: definition` after a blank line: the paragraph before holds the terms.
            Some(0) if ends_with_dl(&out) || previous_paragraph(&out).is_some() => {
                if !ends_with_dl(&out) {
                    let start = previous_paragraph(&out).unwrap_or(out.len());
                    let terms: Vec<Ev<'a>> = out.drain(start..).collect();
                    open(&mut out, at);
                    for term in lines_owned(&terms[1..terms.len() - 1]) {
                        out.push((Event::Html("<dt>".into()), at));
                        out.extend(term);
                        out.push((Event::Html("</dt>".into()), at));
                    }
                } else {
                    reopen_list(&mut out);
                }
                definitions(&lines, true, &is_marker, &mut out, at);
                close(&mut out, at);
            }
            _ => out.extend(evs[i..=end].iter().cloned()),
        }
        i = end + 1;
    }
    out
}

/// The definitions of `lines`, each from a marker line to the next: tight (`loose`
/// false) or each one's text a paragraph.
fn definitions<'a>(
    lines: &[&[Ev<'a>]],
    loose: bool,
    is_marker: &impl Fn(&Event, usize) -> bool,
    out: &mut Vec<Ev<'a>>,
    at: usize,
) {
    let mut open = false;
    for line in lines {
        let starts = line.first().is_some_and(|(e, a)| is_marker(e, *a));
        if starts {
            if open {
                finish_dd(out, loose, at);
            }
            out.push((Event::Html("<dd>".into()), at));
            if loose {
                out.push((Event::Start(Tag::Paragraph), at));
            }
            open = true;
            let (first, rest) = line.split_first().expect("a marker line has its marker");
            if let Some(text) = marker(&first.0).filter(|t| !t.is_empty()) {
                out.push((Event::Text(text.to_string().into()), first.1));
            }
            out.extend(rest.iter().cloned());
        } else {
            out.push((Event::SoftBreak, at));
            out.extend(line.iter().cloned());
        }
    }
    if open {
        finish_dd(out, loose, at);
    }
}

fn finish_dd(out: &mut Vec<Ev>, loose: bool, at: usize) {
    if loose {
        out.push((Event::End(TagEnd::Paragraph), at));
    }
    out.push((Event::Html("</dd>".into()), at));
}

/// `: text` → `text`: the marker is a colon and one to four spaces or a tab.
fn marker<'e>(e: &'e Event) -> Option<&'e str> {
    let Event::Text(t) = e else { return None };
    let rest = t.strip_prefix(':')?;
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    (spaces > 0 && (spaces <= 4 || rest.starts_with('\t'))).then(|| rest.trim_start())
}

/// The index of the `End(Paragraph)` of a paragraph starting at `i`.
fn paragraph_end(evs: &[Ev], i: usize) -> Option<usize> {
    matches!(evs[i].0, Event::Start(Tag::Paragraph)).then_some(())?;
    evs[i..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        .map(|p| i + p)
}

/// A paragraph's events cut at its line breaks.
fn lines<'s, 'a>(inner: &'s [Ev<'a>]) -> Vec<&'s [Ev<'a>]> {
    inner
        .split(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
        .filter(|l| !l.is_empty())
        .collect()
}

fn lines_owned<'a>(inner: &[Ev<'a>]) -> Vec<Vec<Ev<'a>>> {
    lines(inner).into_iter().map(<[Ev]>::to_vec).collect()
}

/// Where the paragraph that ends `out` starts, if it does end with one.
fn previous_paragraph(out: &[Ev]) -> Option<usize> {
    matches!(out.last(), Some((Event::End(TagEnd::Paragraph), _))).then_some(())?;
    out.iter().rposition(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))
}

fn open(out: &mut Vec<Ev>, at: usize) {
    // A list right after another (a blank line between two terms) is the same list.
    if ends_with_dl(out) {
        reopen_list(out);
    } else {
        out.push((Event::Html("<dl>".into()), at));
    }
}

fn close(out: &mut Vec<Ev>, at: usize) {
    out.push((Event::Html("</dl>".into()), at));
}

fn ends_with_dl(out: &[Ev]) -> bool {
    matches!(out.last(), Some((Event::Html(h), _)) if &**h == "</dl>")
}

/// Takes the closing `</dl>` off to add to the list.
fn reopen_list(out: &mut Vec<Ev>) {
    out.pop();
}

/// Takes `</dd></dl>` off to add to the last definition.
fn reopen(out: &mut Vec<Ev>) {
    out.pop();
    if matches!(out.last(), Some((Event::Html(h), _)) if &**h == "</dd>") {
        out.pop();
    }
}

/// The text of the indented code block at `i` and the index after it.
fn code_text(evs: &[Ev], i: usize) -> (String, usize) {
    let mut text = String::new();
    let mut j = i + 1;
    while let Some((e, _)) = evs.get(j) {
        j += 1;
        match e {
            Event::Text(t) => text.push_str(t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    (text, j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_needs_its_space() {
        let t = |s: &str| marker(&Event::Text(s.to_string().into())).map(str::to_string);
        assert_eq!(t(": A fruit."), Some("A fruit.".into()));
        assert_eq!(t(":   A fruit."), Some("A fruit.".into()));
        assert_eq!(t(":\tA fruit."), Some("A fruit.".into()));
        for s in [":::note", ":wq", ":+1: great", "::", "no marker"] {
            assert_eq!(t(s), None, "{s}");
        }
    }
}
