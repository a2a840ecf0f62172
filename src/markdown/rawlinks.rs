//! Links in raw HTML written by the author (`<img src>`, `<a href>`, `<source src>`):
//! rewritten like Markdown links (a folder's output name may differ from its source
//! name) and checked; remote images and scripts get a warning, since the built site
//! promises to work without a network.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    // Only raw HTML with an attribute can hold a link.
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(h) | Event::InlineHtml(h) if h.contains('=')))
    {
        return evs;
    }
    let mut in_block = false;
    let mut out = Vec::with_capacity(evs.len());
    for (e, at) in evs {
        match &e {
            Event::Start(Tag::HtmlBlock) => in_block = true,
            Event::End(TagEnd::HtmlBlock) => in_block = false,
            Event::Html(h) | Event::InlineHtml(h)
                if (in_block || matches!(e, Event::InlineHtml(_))) && h.contains('=') =>
            {
                if let Some(new) = rewrite_html(h, at, rcx) {
                    let e = if matches!(e, Event::Html(_)) {
                        Event::Html(new.into())
                    } else {
                        Event::InlineHtml(new.into())
                    };
                    out.push((e, at));
                    continue;
                }
            }
            _ => {}
        }
        out.push((e, at));
    }
    out
}

/// The HTML with its relative `src`/`href` values rewritten (and root-absolute ones that
/// name a page or file of the site), or None if none changed.
fn rewrite_html(h: &str, at: usize, rcx: &mut RenderCx) -> Option<String> {
    let verbatim = rcx.loc.page.body().get(at..).is_some_and(|b| b.starts_with(h));
    let mut out = String::new();
    let mut last = 0;
    for (start, end, tag, attr) in attributes(h) {
        let value = &h[start..end];
        let offset = if verbatim { at + start } else { at };
        if is_remote(value) {
            if attr == "src" && (tag == "img" || tag == "script") {
                remote_warning(value, &tag, offset, rcx);
            }
            continue;
        }
        // (a root-absolute one that names nothing in the site is warned about in `html`)
        let new = if super::links::is_root_absolute(value) {
            match super::links::root_link(value, offset, rcx) {
                Some(new) => new,
                None => continue,
            }
        } else if value.is_empty() || value.starts_with(['#', '/']) || value.contains(':') {
            continue;
        } else {
            super::links::rewrite(value, tag == "img" || tag == "source", offset, rcx)
        };
        if new != value {
            out.push_str(&h[last..start]);
            out.push_str(&crate::util::escape_html(&new));
            last = end;
        }
    }
    if last == 0 {
        return None;
    }
    out.push_str(&h[last..]);
    Some(out)
}

pub fn is_remote(url: &str) -> bool {
    let l = url.trim_start().to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("//")
}

/// Warns that a remote image or script needs a network.
pub fn remote_warning(url: &str, what: &str, at: usize, rcx: &mut RenderCx) {
    let shown: String = url.chars().take(80).collect();
    let kind = if what == "script" { "script" } else { "image" };
    rcx.warn(
        at,
        format!("remote {kind} `{shown}` is loaded from the network"),
        Some("the site works offline except for this; copy the file into content/ and link to it there"),
    );
}

/// `(value start, value end, tag, attribute)` of every `src=` / `href=` in the HTML.
fn attributes(h: &str) -> Vec<(usize, usize, String, &'static str)> {
    let mut out = Vec::new();
    let lower = h.to_ascii_lowercase();
    let mut tag = String::new();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let name: String = lower[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            i += 1 + name.len();
            tag = name;
            continue;
        }
        for attr in ["src", "href"] {
            if bytes[i..].starts_with(attr.as_bytes())
                && i > 0
                && bytes[i - 1].is_ascii_whitespace()
                && lower[i + attr.len()..].trim_start().starts_with('=')
            {
                let eq = i + attr.len() + lower[i + attr.len()..].find('=').unwrap_or(0) + 1;
                let rest = &h[eq..];
                let skip = rest.len() - rest.trim_start().len();
                let vstart = eq + skip;
                let (start, end) = match h[vstart..].chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let s = vstart + 1;
                        (s, h[s..].find(q).map_or(h.len(), |p| s + p))
                    }
                    _ => (
                        vstart,
                        h[vstart..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(h.len(), |p| vstart + p),
                    ),
                };
                out.push((start, end, tag.clone(), attr));
                i = end;
                break;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::attributes;

    #[test]
    fn finds_src_and_href_values_with_their_tags() {
        let h = r#"<p align="center"><img class=x src="img/a.png" alt=""> <a href='b.md#c'>b</a><img src=c.png></p>"#;
        let found: Vec<(&str, String, &str)> = attributes(h).into_iter().map(|(s, e, t, a)| (&h[s..e], t, a)).collect();
        assert_eq!(
            found,
            vec![
                ("img/a.png", "img".to_string(), "src"),
                ("b.md#c", "a".to_string(), "href"),
                ("c.png", "img".to_string(), "src"),
            ]
        );
    }
}
