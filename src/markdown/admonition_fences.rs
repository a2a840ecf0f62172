//! The Obsidian Admonition plugin's fences: ```` ```ad-note ```` … ```` ``` ````, its
//! body Markdown, with optional `title:` and `collapse: open|closed` lines first
//! (`icon:` and `color:` are the plugin's looks, not ours). They become the theme's
//! callouts, as Obsidian's own `> [!note]` do. So do mdbook-admonish's fences:
//! ```` ```admonish warning title="Careful" collapsible=true ````, a note when no kind
//! is named.

use pulldown_cmark::{CodeBlockKind, Event, Tag};

use super::{Ev, RenderCx};

/// What a fence's info string says: the callout's kind, and for mdbook-admonish its
/// title and whether it is closed until opened (the Admonition plugin says both in
/// the body).
struct Info {
    kind: String,
    title: Option<String>,
    closed: bool,
    admonish: bool,
}

/// `ad-note` (the Admonition plugin), or `admonish warning title="…" collapsible=true`
/// (mdbook-admonish; no kind is a note).
fn info_of(info: &str) -> Option<Info> {
    let mut words = info.split_whitespace();
    let first = words.next()?;
    if let Some(kind) = first.strip_prefix("ad-").filter(|k| !k.is_empty()) {
        return Some(Info {
            kind: kind.to_string(),
            title: None,
            closed: false,
            admonish: false,
        });
    }
    if first != "admonish" {
        return None;
    }
    let rest = info.trim_start()[first.len()..].trim_start();
    let kind = rest
        .split_whitespace()
        .next()
        .filter(|w| !w.contains('='))
        .unwrap_or("note");
    let value = |key: &str| {
        let (_, after) = rest.split_once(&format!("{key}="))?;
        let v = match after.strip_prefix('"') {
            Some(q) => q.split('"').next()?,
            None => after.split_whitespace().next()?,
        };
        Some(v.to_string())
    };
    Some(Info {
        kind: kind.to_string(),
        title: value("title").filter(|t| !t.is_empty()),
        closed: value("collapsible").as_deref() == Some("true"),
        admonish: true,
    })
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let kind_of = |e: &Event| match e {
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info_of(info),
        _ => None,
    };
    if !evs.iter().any(|(e, _)| kind_of(e).is_some()) {
        return evs;
    }
    let body = rcx.loc.page.body();
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter();
    while let Some((e, at)) = iter.next() {
        let Some(info) = kind_of(&e) else {
            out.push((e, at));
            continue;
        };
        let text = super::code::block_text(&mut iter);
        let (params, rest) = if info.admonish {
            (Vec::new(), text.as_str())
        } else {
            split_params(&text)
        };
        let title = params
            .iter()
            .find(|(k, _)| *k == "title")
            .map(|(_, v)| *v)
            .or(info.title.as_deref());
        let fold = params
            .iter()
            .find(|(k, _)| *k == "collapse")
            .and_then(|(_, v)| match *v {
                "open" => Some(true),
                "closed" | "close" => Some(false),
                _ => None,
            })
            .or(info.closed.then_some(false));
        let kind = info.kind;
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
    fn mdbook_admonish_fences() {
        let i = info_of("admonish warning title=\"Be careful\" collapsible=true").unwrap();
        assert_eq!(
            (i.kind.as_str(), i.title.as_deref(), i.closed),
            ("warning", Some("Be careful"), true)
        );
        let i = info_of("admonish").unwrap();
        assert_eq!((i.kind.as_str(), i.title, i.closed), ("note", None, false));
        let i = info_of("admonish title=\"Only a title\"").unwrap();
        assert_eq!((i.kind.as_str(), i.title.as_deref()), ("note", Some("Only a title")));
        assert!(info_of("admonisher").is_none() && info_of("rust").is_none());
        assert_eq!(info_of("ad-tip").unwrap().kind, "tip");
    }

    #[test]
    fn parameters_lead_the_body() {
        let (p, rest) = split_params("title: Why\ncollapse: closed\nicon: x\nBody: with a colon.\n");
        assert_eq!(p, vec![("title", "Why"), ("collapse", "closed"), ("icon", "x")]);
        assert_eq!(rest, "Body: with a colon.\n");
        assert_eq!(split_params("Just body.\n"), (vec![], "Just body.\n"));
    }
}
