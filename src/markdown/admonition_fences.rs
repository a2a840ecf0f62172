//! The Obsidian Admonition plugin's fences: ```` ```ad-note ```` … ```` ``` ````, its
//! body Markdown, with optional `title:` and `collapse: open|closed` lines first
//! (`icon:` and `color:` are the plugin's looks, not ours). They become the theme's
//! callouts, as Obsidian's own `> [!note]` do.

use pulldown_cmark::{CodeBlockKind, Event, Tag};

use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let kind_of = |e: &Event| match e {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info
            .split_whitespace()
            .next()
            .and_then(|l| l.strip_prefix("ad-"))
            .filter(|k| !k.is_empty())
            .map(str::to_string),
        _ => None,
    };
    if !evs.iter().any(|(e, _)| kind_of(e).is_some()) {
        return evs;
    }
    let body = rcx.loc.page.body();
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter();
    while let Some((e, at)) = iter.next() {
        let Some(kind) = kind_of(&e) else {
            out.push((e, at));
            continue;
        };
        let text = super::code::block_text(&mut iter);
        let (params, rest) = split_params(&text);
        let title = params.iter().find(|(k, _)| *k == "title").map(|(_, v)| *v);
        let fold = params
            .iter()
            .find(|(k, _)| *k == "collapse")
            .and_then(|(_, v)| match *v {
                "open" => Some(true),
                "closed" | "close" => Some(false),
                _ => None,
            });
        // Where the body starts in the page: after the fence line and the parameters.
        let content = body.get(at..).and_then(|b| b.find('\n')).map_or(at, |n| at + n + 1);
        let start = content + (text.len() - rest.len());
        let (open, close) = super::mkdocs::admonition_markup(&kind, title, fold, None, at, rcx);
        out.push((Event::Html(open.into()), at));
        let options = super::extensions::options(rcx.cx.config);
        out.extend(
            super::events(rest, options)
                .into_iter()
                .map(|(e, off)| (e.into_static(), start + off)),
        );
        out.push((Event::Html(close.into()), at));
    }
    out
}

/// The `key: value` lines the plugin reads at the top of the body, and the body after.
fn split_params(text: &str) -> (Vec<(&str, &str)>, &str) {
    let mut params = Vec::new();
    let mut rest = text;
    while let Some((line, after)) = rest
        .split_once('\n')
        .or_else(|| (!rest.is_empty()).then_some((rest, "")))
    {
        let Some((k, v)) = line.split_once(':') else { break };
        let k = k.trim();
        if !matches!(k, "title" | "collapse" | "icon" | "color") {
            break;
        }
        params.push((k, v.trim()));
        rest = after;
    }
    (params, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_lead_the_body() {
        let (p, rest) = split_params("title: Why\ncollapse: closed\nicon: x\nBody: with a colon.\n");
        assert_eq!(p, vec![("title", "Why"), ("collapse", "closed"), ("icon", "x")]);
        assert_eq!(rest, "Body: with a colon.\n");
        assert_eq!(split_params("Just body.\n"), (vec![], "Just body.\n"));
    }
}
