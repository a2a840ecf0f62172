//! Note transclusion, Obsidian's `![[Note]]`, `![[Note#Heading]]` and
//! `![[Note#^block-id]]`: the note, the heading's section (the heading and everything
//! down to the next heading of its level or above) or the block (the paragraph or list
//! item ending in `^block-id`) is rendered in place, with the page's extensions, inside
//! a box that names and links its source. Links in it are written relative to the page
//! showing it. Embeds nest up to [`MAX_DEPTH`] notes deep; a note that embeds itself
//! (directly or through others) and an embed nested deeper are shown as links and
//! reported at the embed's `path:line:col`, as is a heading or block that is not there.
//!
//! Called by `wikilinks.rs` once it has resolved the target to a note.

use pulldown_cmark::Event;

use super::{Ev, Locator, RenderCx};
use crate::content::SourcePage;

/// How many notes deep embeds nest (the page itself not counted).
pub const MAX_DEPTH: usize = 4;

/// Why a note embed is shown as a link instead.
pub(super) enum Refused {
    /// A link still makes sense (the note is there): a warning of our own.
    Warn(String),
    /// The heading or block is not in the note: the link check reports the anchor.
    Missing,
}

/// The embedded part of note `key` as HTML, for the page `rcx` renders.
pub(super) fn render(key: &str, fragment: Option<&str>, at: usize, rcx: &mut RenderCx) -> Result<String, Refused> {
    let wanted = (key.to_string(), fragment.unwrap_or("").to_lowercase());
    let mut chain = rcx.embed_chain.clone();
    if chain.is_empty() {
        chain.push((crate::util::nfc(&rcx.loc.page.rel), String::new()));
    }
    let shown = |c: &[(String, String)], last: &(String, String)| {
        c.iter()
            .chain(std::iter::once(last))
            .map(|(k, f)| name(k, f))
            .collect::<Vec<_>>()
            .join(" → ")
    };
    // The same note, or the same part of it, inside itself.
    if chain.contains(&wanted) {
        return Err(Refused::Warn(format!(
            "`{}` embeds itself ({}); the embed is shown as a link",
            name(&wanted.0, &wanted.1),
            shown(&chain, &wanted)
        )));
    }
    if chain.len() > MAX_DEPTH {
        return Err(Refused::Warn(format!(
            "embeds nest more than {MAX_DEPTH} notes deep ({}); the deepest is shown as a link",
            shown(&chain, &wanted)
        )));
    }
    let Some(target) = source(rcx.cx.sources, key) else {
        return Err(Refused::Missing);
    };
    let body = target.body();
    let (start, end) = match fragment {
        None => (0, body.len()),
        Some(f) => match f.rsplit('#').next().unwrap_or(f).trim() {
            b if b.starts_with('^') => block(body, &b[1..]).ok_or(Refused::Missing)?,
            h => section(body, h).ok_or(Refused::Missing)?,
        },
    };
    let loc = Locator::new(target);
    let evs = events(&body[start..end], start, &target.folder, rcx);
    let mut inner = RenderCx::new(&loc, rcx.cx, rcx.out_path, false);
    chain.push(wanted);
    inner.embed_chain = chain;
    // (Its code goes back now: the page's gate reads the embed as part of the page.)
    let html = inner.render(evs);
    let mut html = inner.held_code.take_back(html);
    // The same note embedded twice (or beside the page's own footnotes, rows and blocks)
    // must not repeat an id: each embed's ids, and the links inside it to them, get a prefix.
    rcx.embeds += 1;
    html = scope_ids(&html, &format!("embed-{}-", rcx.embeds));
    // Its callouts are on the cheat sheet from their own page already.
    let _ = super::cheatsheet::extract(&mut html, rcx.out_path, |_| Default::default());
    rcx.formulas += inner.formulas;
    rcx.has_raw_html |= inner.has_raw_html;
    rcx.raw_unmarked |= inner.raw_unmarked;
    rcx.tabs |= inner.tabs;
    rcx.diagrams += inner.diagrams;
    if let Some(problem) = inner.embed_problem {
        report(problem, at, rcx);
    }
    Ok(html)
}

/// Reports an embed shown as a link: on the page being built, at its outermost embed
/// (an embed inside an embed is rendered without reporting, so its problem is handed
/// up to the embed written on the page).
pub(super) fn report(problem: String, at: usize, rcx: &mut RenderCx) {
    if rcx.report {
        // A warning in build, an error in check (like a broken link).
        let d = rcx
            .loc
            .warning(at, problem)
            .with_help("embed a heading or block of the note (`![[Note#Heading]]`) instead, or link to it with [[…]]");
        rcx.check_errors.push(d);
    } else if rcx.embed_problem.is_none() {
        rcx.embed_problem = Some(problem);
    }
}

/// `html` with every `id` prefixed, and the references to them inside it (`href="#…"`,
/// `for`, `aria-labelledby`, `aria-describedby`, `aria-controls`) too. Our renderer
/// writes every attribute double-quoted and escapes quotes in text.
fn scope_ids(html: &str, prefix: &str) -> String {
    const ATTRS: [&str; 6] = [
        " id=\"",
        " href=\"#",
        " for=\"",
        " aria-labelledby=\"",
        " aria-describedby=\"",
        " aria-controls=\"",
    ];
    if !ATTRS.iter().any(|a| html.contains(a)) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some((at, attr)) = ATTRS.iter().filter_map(|a| rest.find(a).map(|i| (i, *a))).min() {
        let start = at + attr.len();
        out.push_str(&rest[..start]);
        let len = rest[start..].find('"').unwrap_or(rest.len() - start);
        let value = &rest[start..start + len];
        // Several ids in one list attribute; an empty `href="#"` stays as it is.
        let scoped: Vec<String> = value
            .split(' ')
            .map(|v| {
                if v.is_empty() {
                    String::new()
                } else {
                    format!("{prefix}{v}")
                }
            })
            .collect();
        out.push_str(&scoped.join(" "));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

fn name(key: &str, fragment: &str) -> String {
    let file = key.rsplit('/').next().unwrap_or(key);
    let file = file.strip_suffix(".md").unwrap_or(file);
    if fragment.is_empty() {
        file.to_string()
    } else {
        format!("{file}#{fragment}")
    }
}

fn source<'s>(sources: &'s [SourcePage], key: &str) -> Option<&'s SourcePage> {
    sources
        .iter()
        .find(|p| p.rel == key)
        .or_else(|| sources.iter().find(|p| crate::util::nfc(&p.rel) == key))
}

/// The part's events, with offsets in the embedded note's body, after the same source
/// passes a page gets ([`super::prepare`]).
fn events(text: &str, start: usize, folder: &str, rcx: &RenderCx) -> Vec<Ev<'static>> {
    let options = super::extensions::options(rcx.cx.config);
    let prepared = super::prepare(text, options, folder, rcx.cx.links).text;
    let src = prepared.as_deref().unwrap_or(text);
    super::events(src, options)
        .into_iter()
        .map(|(e, at)| {
            // Embedded headings get no ids: the page's own ids stay unique.
            let e = match e {
                Event::Start(pulldown_cmark::Tag::Heading {
                    level, classes, attrs, ..
                }) => Event::Start(pulldown_cmark::Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }),
                e => e,
            };
            (e.into_static(), start + at)
        })
        .collect()
}

/// Lines of `body` with their offsets, and whether each is inside a code fence.
fn lines(body: &str) -> Vec<(usize, &str, bool)> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start_matches(' ');
        let first = t.bytes().next().unwrap_or(0);
        let run = t.bytes().take_while(|&b| b == first).count();
        let code = match fence {
            Some((ch, n)) => {
                if first == ch && run >= n && t[run..].trim().is_empty() {
                    fence = None;
                }
                true
            }
            None if (first == b'`' || first == b'~') && run >= 3 => {
                fence = Some((first, run));
                true
            }
            None => false,
        };
        out.push((pos, line, code));
        pos += line.len();
    }
    out
}

/// An ATX heading line's level and text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) || !t[level..].starts_with([' ', '\t', '\n', '\r']) && t.len() > level {
        return None;
    }
    let text = t[level..].trim();
    let text = text.trim_end_matches('#').trim_end();
    let text = match text.rfind('{') {
        Some(p) if text.ends_with('}') => text[..p].trim_end(),
        _ => text,
    };
    Some((level, text))
}

/// The section of the heading whose text (or slug) is `wanted`.
fn section(body: &str, wanted: &str) -> Option<(usize, usize)> {
    let slug = crate::util::slugify(wanted);
    let lines = lines(body);
    let (i, level) = lines.iter().enumerate().find_map(|(i, (_, l, code))| {
        let (level, text) = heading(l).filter(|_| !code)?;
        (text.eq_ignore_ascii_case(wanted) || crate::util::slugify(text) == slug).then_some((i, level))
    })?;
    let end = lines[i + 1..]
        .iter()
        .find(|(_, l, code)| !code && heading(l).is_some_and(|(lv, _)| lv <= level))
        .map_or(body.len(), |(at, _, _)| *at);
    Some((lines[i].0, end))
}

/// The paragraph or list item that ends in ` ^id`.
fn block(body: &str, id: &str) -> Option<(usize, usize)> {
    let lines = lines(body);
    let marker = format!("^{id}");
    let i = lines.iter().position(|(_, l, code)| {
        !code
            && l.trim_end()
                .strip_suffix(marker.as_str())
                .is_some_and(|b| b.is_empty() || b.ends_with([' ', '\t']))
    })?;
    let item = |l: &str| {
        let t = l.trim_start();
        t.starts_with(['-', '*', '+']) && t[1..].starts_with(' ')
            || t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let blank = |l: &str| l.trim().is_empty();
    let mut first = i;
    if !item(lines[i].1) {
        while first > 0 && !blank(lines[first - 1].1) && !item(lines[first].1) && !lines[first - 1].2 {
            first -= 1;
        }
    }
    // A block id ends its block: the paragraph or item stops on that line.
    let end = lines[i].0 + lines[i].1.len();
    Some((lines[first].0, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_the_links_to_them_are_scoped() {
        let html = "<p>a<sup class=\"fn-ref\"><a href=\"#fn-1\" id=\"fnref-1\" aria-describedby=\"footnotes-label\">1</a></sup> <a href=\"other.html#x\">o</a> <a href=\"#\">top</a> id=&quot;no&quot;</p><label for=\"f\" aria-labelledby=\"a b\">";
        assert_eq!(
            scope_ids(html, "embed-2-"),
            "<p>a<sup class=\"fn-ref\"><a href=\"#embed-2-fn-1\" id=\"embed-2-fnref-1\" aria-describedby=\"embed-2-footnotes-label\">1</a></sup> <a href=\"other.html#x\">o</a> <a href=\"#\">top</a> id=&quot;no&quot;</p><label for=\"embed-2-f\" aria-labelledby=\"embed-2-a embed-2-b\">"
        );
        assert_eq!(scope_ids("<p>plain</p>", "e-"), "<p>plain</p>");
    }

    #[test]
    fn sections_and_blocks_are_found() {
        let body = "# Top\n\nIntro\n\n## Energy\n\nKinetic.\n\n### Sub\n\nMore.\n\n```\n## not a heading\n```\n\n## Next\n\nEnd\n";
        let (s, e) = section(body, "Energy").unwrap();
        assert_eq!(
            &body[s..e],
            "## Energy\n\nKinetic.\n\n### Sub\n\nMore.\n\n```\n## not a heading\n```\n\n"
        );
        assert!(section(body, "not a heading").is_none());
        let (s, e) = section(body, "next").unwrap();
        assert_eq!(&body[s..e], "## Next\n\nEnd\n");

        let body = "One line\nsecond line ^para\n\n- item a\n- item b ^item\n\nx\n";
        let (s, e) = block(body, "para").unwrap();
        assert_eq!(&body[s..e], "One line\nsecond line ^para\n");
        let (s, e) = block(body, "item").unwrap();
        assert_eq!(&body[s..e], "- item b ^item\n");
        assert!(block(body, "nothing").is_none());
    }
}
