//! Fenced and indented code blocks: highlighted at build time, or escaped plain text
//! for unknown languages (with a warning naming the fence).

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::highlight::Highlighted;
use super::{Ev, RenderCx};
use crate::util::escape_html;

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_)))) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter();
    while let Some((e, at)) = iter.next() {
        let Event::Start(Tag::CodeBlock(kind)) = e else {
            out.push((e, at));
            continue;
        };
        let code = block_text(&mut iter);
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => fence_language(info).to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        out.push((Event::Html(render(&code, &lang, at, rcx).into()), at));
    }
    out
}

/// The text of a code block whose start was just taken from `iter`, up to and with its end.
pub(super) fn block_text<'a>(iter: &mut impl Iterator<Item = Ev<'a>>) -> String {
    let mut code = String::new();
    for (inner, _) in iter {
        match inner {
            Event::End(TagEnd::CodeBlock) => break,
            Event::Text(t) => code.push_str(&t),
            _ => {}
        }
    }
    code
}

/// The language of a fence's info string: `rust`, `rust,ignore`, `python {linenos}`,
/// and the attribute forms of Pandoc, kramdown and Python-Markdown: `{.cpp file=x}`,
/// `{ .python }`, `.c++`.
fn fence_language(info: &str) -> &str {
    let info = info.trim_start();
    let info = info.strip_prefix('{').map_or(info, str::trim_start);
    let first = info
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()
        .unwrap_or("");
    first.strip_prefix('.').unwrap_or(first)
}

fn render(code: &str, lang: &str, at: usize, rcx: &mut RenderCx) -> String {
    let enabled = rcx.cx.config.markdown.highlight;
    let body = if enabled {
        match rcx.cx.highlighter.highlight(code, lang) {
            Highlighted::Html(h) => Some(h),
            Highlighted::Plain => None,
            Highlighted::Unknown => {
                rcx.warn(
                    at,
                    format!("unknown code language `{lang}`; the block is shown as plain text"),
                    Some("use a common name such as yaml, json, python, bash, sql, or `text` for plain text"),
                );
                None
            }
            Highlighted::TooLarge => {
                rcx.warn(at, "code block too large to highlight; shown as plain text", None);
                None
            }
        }
    } else {
        None
    };
    let body = body.unwrap_or_else(|| escape_html(code));
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        let l = escape_html(lang);
        format!("<pre class=\"code\" data-lang=\"{l}\"><code class=\"language-{l}\">{body}</code></pre>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::fence_language;

    #[test]
    fn fence_languages_in_every_attribute_form() {
        for (info, lang) in [
            ("rust", "rust"),
            ("rust,ignore", "rust"),
            ("python {linenos=true}", "python"),
            ("{.cpp file=point-line}", "cpp"),
            ("{ .python .numberLines }", "python"),
            (".c++", "c++"),
            ("", ""),
            ("{}", ""),
        ] {
            assert_eq!(fence_language(info), lang, "{info}");
        }
    }
}
