//! Mermaid diagrams: a ```` ```mermaid ```` fence becomes a figure that holds the
//! diagram's source as a code block with a caption, which is how it reads without
//! JavaScript. `static/assets/diagrams.js` (loaded, with the vendored Mermaid script,
//! only by pages that have a diagram) draws it in the browser, light and dark, and shows
//! a parse error beside the source. The source is escaped here and Mermaid runs with
//! `securityLevel: 'strict'`, so no label's markup ever runs.

use pulldown_cmark::{CodeBlockKind, Event, Tag};

use super::{Ev, RenderCx};
use crate::util::escape_html;

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| is_mermaid(e)) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter();
    while let Some((e, at)) = iter.next() {
        if !is_mermaid(&e) {
            out.push((e, at));
            continue;
        }
        let code = super::code::block_text(&mut iter);
        if code.trim().is_empty() {
            rcx.warn(
                at,
                "empty ```mermaid block; nothing is drawn",
                Some("write the diagram inside the fence, e.g. `flowchart LR` then `A --> B`"),
            );
        }
        rcx.diagrams += 1;
        out.push((Event::Html(figure(&code, &caption(rcx)).into()), at));
    }
    out
}

fn is_mermaid(e: &Event) -> bool {
    matches!(e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
        if info.split(|c: char| c.is_whitespace() || c == ',' || c == '{').next() == Some("mermaid"))
}

/// The caption in the site's language.
fn caption(rcx: &RenderCx) -> String {
    rcx.cx
        .config
        .strings()
        .ui
        .get("diagram_source")
        .cloned()
        .unwrap_or_else(|| "Diagram (Mermaid source)".to_string())
}

/// The figure: the source as code (what the script reads and draws), its caption.
pub fn figure(code: &str, caption: &str) -> String {
    format!(
        "<figure class=\"diagram\" data-diagram=\"mermaid\"><pre class=\"code diagram-source\" data-lang=\"mermaid\"><code class=\"language-mermaid\">{}</code></pre><figcaption class=\"diagram-caption\">{}</figcaption></figure>\n",
        escape_html(code),
        escape_html(caption)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_is_escaped_text() {
        let f = figure(
            "graph TD\n  A[\"<img src=x onerror=alert(1)>\"] --> B",
            "Diagram & <source>",
        );
        assert!(!f.contains("<img"), "{f}");
        assert!(f.contains("&lt;img src=x onerror=alert(1)&gt;"), "{f}");
        assert!(f.contains("Diagram &amp; &lt;source&gt;"), "{f}");
    }

    #[test]
    fn survives_the_sanitiser() {
        let f = figure("graph TD\n  A --> B", "Diagram");
        assert_eq!(super::super::sanitize::clean(&f), f);
    }

    #[test]
    fn only_mermaid_fences() {
        let fenced = |s: &'static str| Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(s.into())));
        assert!(is_mermaid(&fenced("mermaid")));
        assert!(is_mermaid(&fenced("mermaid {.wide}")));
        assert!(!is_mermaid(&fenced("mermaidx")));
        assert!(!is_mermaid(&fenced("text")));
        assert!(!is_mermaid(&Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))));
    }
}
