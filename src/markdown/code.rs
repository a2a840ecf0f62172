//! Fenced and indented code blocks: highlighted at build time, or escaped plain text
//! for unknown languages (with a warning naming the fence). A file name given in the
//! info string (`py title="main.py"` in MkDocs and Docusaurus, `filename="…"` in Quarto,
//! `js [vite.config.js]` in VitePress) is shown above the code. Rust code loses the
//! lines mdBook and rustdoc hide (`# fn main() {`).

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
        let (lang, title) = match &kind {
            CodeBlockKind::Fenced(info) => (fence_language(info).to_string(), fence_title(info)),
            CodeBlockKind::Indented => (String::new(), None),
        };
        let code = match lang.as_str() {
            "rust" | "rs" => rust_shown(&code).unwrap_or(code),
            _ => code,
        };
        let html = render(&code, &lang, at, rcx);
        let html = match title {
            Some(t) => format!(
                "<div class=\"code-titled\"><p class=\"code-title\">{}</p>{html}</div>\n",
                escape_html(t)
            ),
            None => html,
        };
        out.push((Event::Html(html.into()), at));
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

/// The file name an info string gives the code: `title="main.py"` (or single quotes),
/// `filename="main.py"`, or VitePress' `[main.py]`.
fn fence_title(info: &str) -> Option<&str> {
    for key in ["title=", "filename="] {
        let mut from = 0;
        while let Some(p) = info[from..].find(key).map(|p| p + from) {
            from = p + key.len();
            // The key stands alone (not `subtitle=`).
            if p > 0 && !info[..p].ends_with([' ', '\t', '{', ',']) {
                continue;
            }
            let rest = &info[from..];
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &rest[1..rest[1..].find(quote)? + 1];
            return (!value.trim().is_empty()).then_some(value);
        }
    }
    let bracket = info
        .find(" [")
        .map(|p| p + 2)
        .or_else(|| info.find('[').filter(|p| *p > 0).map(|p| p + 1))?;
    let value = info[bracket..].strip_suffix(']').filter(|v| !v.contains(['[', ']']))?;
    (!value.trim().is_empty()).then_some(value.trim())
}

/// Rust code without the lines mdBook and rustdoc hide (`# fn main() {`: a `#` then a
/// space, or a lone `#`), `##` shown as `#`; None when it has none. Such a line is no
/// Rust (`#[derive]` and `#![…]` have no space), so any Rust block may hold them.
fn rust_shown(code: &str) -> Option<String> {
    let hidden = |l: &str| {
        let t = l.trim_start();
        t == "#" || t.starts_with("# ")
    };
    let escaped = |l: &str| l.trim_start().starts_with("##");
    if !code.lines().any(|l| hidden(l) || escaped(l)) {
        return None;
    }
    let mut out = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if hidden(body) {
            continue;
        }
        match line.find("##").filter(|_| escaped(body)) {
            Some(at) => {
                out.push_str(&line[..at]);
                out.push_str(&line[at + 1..]);
            }
            None => out.push_str(line),
        }
    }
    Some(out)
}

/// The Obsidian plugin that runs a code block of this language in the editor (what the
/// reader here sees is the query, not its result).
fn obsidian_query(lang: &str) -> Option<&'static str> {
    match lang.to_ascii_lowercase().as_str() {
        "dataview" | "dataviewjs" => Some("Obsidian's Dataview plugin"),
        "query" => Some("Obsidian's search"),
        "tasks" => Some("Obsidian's Tasks plugin"),
        _ => None,
    }
}

fn render(code: &str, lang: &str, at: usize, rcx: &mut RenderCx) -> String {
    let enabled = rcx.cx.config.markdown.highlight;
    let query = obsidian_query(lang);
    if let Some(plugin) = query {
        rcx.warn(
            at,
            format!("a `{lang}` block is a query {plugin} runs; studysite shows the query as written, not its result"),
            Some("paste the result in its place (or fence the block as `text` to show the query without this warning)"),
        );
    }
    let body = if enabled && query.is_none() {
        match rcx.cx.highlighter.highlight(code, lang) {
            // Held out while the fragment is sanitised (it is our own markup).
            Highlighted::Html(h) if rcx.hold_code => Some(rcx.held_code.hold(h)),
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
    use super::{fence_language, fence_title};

    #[test]
    fn rust_hidden_lines_are_left_out() {
        let code = "# #![allow(unused)]\n# fn main() {\nlet x = 1;\n    ##[derive(Debug)]\n#[test]\n#\n# }\n";
        assert_eq!(
            super::rust_shown(code).as_deref(),
            Some("let x = 1;\n    #[derive(Debug)]\n#[test]\n")
        );
        assert_eq!(super::rust_shown("#[derive(Debug)]\nstruct A;\n"), None);
    }

    #[test]
    fn fence_titles() {
        for (info, title) in [
            ("py title=\"main.py\"", Some("main.py")),
            ("py linenums=\"1\" title='app/x y.py'", Some("app/x y.py")),
            ("{.python title=\"a.py\"}", Some("a.py")),
            ("python filename=\"run.py\"", Some("run.py")),
            ("js [vite.config.js]", Some("vite.config.js")),
            ("py subtitle=\"no\"", None),
            ("py title=\"\"", None),
            ("rust,ignore", None),
            ("text", None),
        ] {
            assert_eq!(fence_title(info), title, "{info}");
        }
    }

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
