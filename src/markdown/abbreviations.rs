//! Abbreviations, as MkDocs (Python-Markdown's `abbr`) and PHP Markdown Extra write
//! them: a line `*[HTML]: Hyper Text Markup Language` defines one and is not shown;
//! every whole-word `HTML` in the page's prose (headings, lists, tables, questions)
//! then becomes `<abbr title="Hyper Text Markup Language">HTML</abbr>`. Case counts,
//! code is left alone, and an empty definition (`*[HTML]:`) takes one back.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::spans::{self, Piece};
use super::{Ev, RenderCx};
use crate::util::escape_html;

/// One abbreviation and what it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Abbr {
    pub short: String,
    pub title: String,
}

/// Takes the definition lines out of the page's paragraphs (a paragraph left empty goes
/// too) and returns the abbreviations, longest first. `body` is the text the events'
/// offsets point into.
pub fn take(evs: &mut Vec<Ev>, body: &str) -> Vec<Abbr> {
    let starts = |e: &Event| matches!(e, Event::Text(t) if t.starts_with("*["));
    if !evs.iter().any(|(e, _)| starts(e)) {
        return Vec::new();
    }
    let mut defs: Vec<Abbr> = Vec::new();
    let mut out: Vec<Ev> = Vec::with_capacity(evs.len());
    let mut line_start = false;
    let mut skipping = false;
    for (e, at) in std::mem::take(evs) {
        if skipping {
            match e {
                Event::SoftBreak | Event::HardBreak => {
                    skipping = false;
                    line_start = true;
                    continue;
                }
                Event::End(TagEnd::Paragraph) => skipping = false,
                _ => continue,
            }
        }
        if line_start
            && starts(&e)
            && let Some(def) = definition(body.get(at..).unwrap_or("").split('\n').next().unwrap_or(""))
        {
            defs.retain(|d| d.short != def.short);
            if !def.title.is_empty() {
                defs.push(def);
            }
            skipping = true;
            continue;
        }
        line_start = matches!(e, Event::Start(Tag::Paragraph) | Event::SoftBreak | Event::HardBreak);
        // A line break before the definitions, or a paragraph they filled.
        if let Event::End(TagEnd::Paragraph) = e {
            while matches!(out.last(), Some((Event::SoftBreak | Event::HardBreak, _))) {
                out.pop();
            }
            if matches!(out.last(), Some((Event::Start(Tag::Paragraph), _))) {
                out.pop();
                continue;
            }
        }
        out.push((e, at));
    }
    *evs = out;
    defs.sort_by_key(|d| std::cmp::Reverse(d.short.len()));
    defs
}

/// `*[HTML]: Hyper Text Markup Language` (the title may be quoted).
fn definition(line: &str) -> Option<Abbr> {
    let rest = line.strip_prefix("*[")?;
    let close = rest.find(']')?;
    let short = &rest[..close];
    let after = rest[close + 1..].strip_prefix(' ').unwrap_or(&rest[close + 1..]);
    let title = after.strip_prefix(':')?.trim();
    let title = title
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(title);
    (!short.trim().is_empty() && !short.contains('\\')).then(|| Abbr {
        short: short.to_string(),
        title: title.to_string(),
    })
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if rcx.abbreviations.is_empty() {
        return evs;
    }
    let abbrs = std::mem::take(&mut rcx.abbreviations);
    let evs = spans::rewrite(
        evs,
        |t| abbrs.iter().any(|a| t.contains(&a.short)),
        |t, _| rewrite(t, &abbrs),
    );
    rcx.abbreviations = abbrs;
    evs
}

fn rewrite(text: &str, abbrs: &[Abbr]) -> Option<Vec<Piece>> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut hits: Vec<(usize, usize, &Abbr)> = Vec::new();
    for a in abbrs {
        for (i, _) in text.match_indices(&a.short) {
            let end = i + a.short.len();
            if !word(text[..i].chars().next_back()) && !word(text[end..].chars().next()) {
                hits.push((i, end, a));
            }
        }
    }
    // In order; at one place the longest (they come longest first), no overlaps.
    hits.sort_by_key(|h| h.0);
    let mut found = Vec::new();
    let mut taken_to = 0;
    for (start, end, a) in hits {
        if start >= taken_to {
            let open = format!("<abbr title=\"{}\">", escape_html(&a.title));
            found.push((start..end, spans::wrap(open, &a.short, "</abbr>")));
            taken_to = end;
        }
    }
    spans::splice(text, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(md: &str) -> (String, Vec<Abbr>) {
        let mut evs = crate::markdown::events(md, pulldown_cmark::Options::empty());
        let defs = take(&mut evs, md);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, evs.into_iter().map(|(e, _)| e));
        (html, defs)
    }

    #[test]
    fn definitions_are_taken_out_of_the_text() {
        let (html, defs) =
            page("The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]:  \"World Wide Web Consortium\"\n");
        assert_eq!(html, "<p>The HTML spec.</p>\n");
        assert_eq!(
            defs,
            vec![
                Abbr {
                    short: "HTML".into(),
                    title: "Hyper Text Markup Language".into()
                },
                Abbr {
                    short: "W3C".into(),
                    title: "World Wide Web Consortium".into()
                },
            ]
        );
        // Right under a paragraph's text, and an empty one takes a definition back.
        let (html, defs) = page("Some text\n*[API]: Application Programming Interface\n*[API]:\n\nMore");
        assert_eq!(html, "<p>Some text</p>\n<p>More</p>\n");
        assert!(defs.is_empty());
        // Not a definition: in code, or mid-line.
        let (html, defs) = page("`*[X]: y` and *[Y]: z\n\n    *[Z]: code\n");
        assert!(html.contains("*[Y]: z") && html.contains("*[Z]: code"), "{html}");
        assert!(defs.is_empty());
    }

    #[test]
    fn whole_words_become_abbr_elements() {
        let abbrs = vec![
            Abbr {
                short: "HTML5".into(),
                title: "HTML, version 5".into(),
            },
            Abbr {
                short: "HTML".into(),
                title: "Hyper <Text>".into(),
            },
        ];
        let out = spans::to_html(rewrite("HTML and HTML5, not XHTML or HTMLs.", &abbrs).unwrap());
        assert_eq!(
            out,
            "<abbr title=\"Hyper &lt;Text&gt;\">HTML</abbr> and \
             <abbr title=\"HTML, version 5\">HTML5</abbr>, not XHTML or HTMLs."
        );
    }
}
