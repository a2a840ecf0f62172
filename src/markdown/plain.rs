//! Plain fragments: an event list that none of the transforms of [`STUDYSITE`] would
//! change (text, inline code and basic Markdown, with none of the text any transform
//! reacts to), so [`super::extensions::run`] hands it back without running them. Most
//! of a question's quiz fragments (its options, answer and explanation) are plain, and
//! each of them would otherwise go through every transform.
//!
//! Exact, not a guess: each rule below is the test a transform makes before it touches
//! its input (its early return), or a wider one. Events of any other kind (links, HTML,
//! code blocks, math, footnotes, tables, quotes, headings, images) are never plain. A
//! transform added to the list, renamed or moved turns the fast path off until
//! [`VERIFIED`] is brought up to date (a unit test says so): check what the new one
//! reacts to first, and add a rule here if it is text.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::extensions::{STUDYSITE, Transform};
use super::{Ev, RenderCx};

/// The transforms of [`STUDYSITE`], in order, whose triggers the rules below cover.
const VERIFIED: &[&str] = &[
    "mkdocs",
    "admonition fences",
    "definition lists",
    "colon containers",
    "math environments",
    "math",
    "math in raw HTML",
    "inline footnotes",
    "footnotes",
    // reacts to `{` in text and to marked link URLs (both not plain already), and to
    // `{%` in inline code (a rule below)
    "liquid",
    "mermaid",
    "code",
    "emoji",
    "icons",
    "keys",
    "marks",
    "obsidian_inline",
    // reacts to `:: ` or a closing `::`: two colons are not plain already
    "logseq block properties",
    "tags",
    "autolinks",
    "wikilinks",
    "links",
    "raw HTML links",
    "html",
    "abbreviations",
    "tables",
    "callouts",
    "alerts",
    "headings",
];

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn covers(transforms: &[(&str, Transform)]) -> bool {
    if transforms.len() != VERIFIED.len() {
        return false;
    }
    let mut i = 0;
    while i < transforms.len() {
        if !same(transforms[i].0, VERIFIED[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether [`VERIFIED`] is [`STUDYSITE`]'s transform list (decided when compiling).
pub const COVERS_STUDYSITE: bool = covers(STUDYSITE.transforms);

/// Icon shortcode openings ([`super::icons`]).
const ICONS: &[&str] = &[":material-", ":fontawesome-", ":octicons-", ":simple-"];

/// Whether `evs` would come out of every transform of [`STUDYSITE`] as they went in,
/// leaving `rcx` as it was.
pub fn unchanged(evs: &[Ev], rcx: &RenderCx) -> bool {
    COVERS_STUDYSITE
        && evs.iter().all(|(e, _)| match e {
            Event::Text(t) => plain_text(t, rcx),
            // Line breaks: no transform reads them; inline code only liquid's `{% raw %}`.
            Event::Code(c) => !c.contains("{%"),
            Event::SoftBreak | Event::HardBreak => true,
            Event::Start(tag) => matches!(
                tag,
                Tag::Paragraph | Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::List(_) | Tag::Item
            ),
            Event::End(tag) => matches!(
                tag,
                TagEnd::Paragraph
                    | TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::List(_)
                    | TagEnd::Item
            ),
            _ => false,
        })
}

/// A text event no transform reacts to.
fn plain_text(t: &str, rcx: &RenderCx) -> bool {
    let b = t.as_bytes();
    // `{`: MkDocs' Jinja and Hugo shortcodes (reported), colon containers' `{{`/`{%`,
    // `\begin{` environments; `^`: inline footnotes, `^sup^` marks, block ids; `~`:
    // `~sub~` marks (when subscript is on; taken as a trigger always); `#`: inline tags.
    if b.iter().any(|c| matches!(c, b'{' | b'^' | b'~' | b'#')) {
        return false;
    }
    // MkDocs' `!!!`, `???`, `===` headers; definition-list and container `:` lines;
    // pymdownx's `///` blocks.
    if t.starts_with("!!!") || t.starts_with("???") || t.starts_with(':') || t.starts_with("///") {
        return false;
    }
    // Emoji shortcodes need two colons; icon shortcodes one and a set's name.
    let colons = memchr::memchr_iter(b':', b).take(2).count();
    if colons == 2 || (colons == 1 && ICONS.iter().any(|m| crate::util::has(t, m))) {
        return false;
    }
    // `++keys++`, `==highlights==` (and `===` tabs), bare URLs.
    for pat in ["++", "==", "://", "www."] {
        if crate::util::has(t, pat) {
            return false;
        }
    }
    // The table-of-contents markers MkDocs' transform drops.
    if matches!(t, "[TOC]" | "[toc]" | "[[_TOC_]]" | "_TOC_") {
        return false;
    }
    // The page's abbreviations, as their transform looks for them.
    !rcx.abbreviations.iter().any(|a| t.contains(&a.short))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::{PageKind, SourcePage};
    use crate::markdown::abbreviations::Abbr;
    use crate::markdown::{Highlighter, LinkMap, Locator, ParseCtx, events, options};

    // A failing test, not a build error: a transform added elsewhere only turns the fast
    // path off until this file is brought up to date.
    #[allow(clippy::assertions_on_constants)]
    #[test]
    fn the_rules_cover_every_transform() {
        assert!(
            COVERS_STUDYSITE,
            "STUDYSITE's transforms are not VERIFIED's: check what the new or moved one reacts to, \
             add a rule to plain.rs if it is text, then update VERIFIED"
        );
    }

    /// Whether `src` is plain; when it is, the transforms give the same HTML.
    fn plain(src: &str) -> bool {
        let page = SourcePage {
            path: "/t/content/page.md".into(),
            rel: "page.md".into(),
            kind: PageKind::Page,
            front: Default::default(),
            source: src.to_string(),
            body_start: 0,
            body_line: 1,
            out_path: "page.html".into(),
            url: "page.html".into(),
            folder: String::new(),
            html_title: None,
        };
        let config = Config::default();
        let links = LinkMap::default();
        let cx = ParseCtx {
            config: &config,
            links: &links,
            highlighter: Highlighter::shared(),
            quiz_out_path: "quiz.html",
            sources: &[],
        };
        let loc = Locator::new(&page);
        let mut rcx = RenderCx::new(&loc, &cx, "quiz.html", true);
        rcx.abbreviations = vec![Abbr {
            short: "HTML".into(),
            title: "HyperText Markup Language".into(),
        }];
        let evs = events(src, options(&config));
        let is_plain = unchanged(&evs, &rcx);
        let mut slow = evs.clone();
        for (_, transform) in STUDYSITE.transforms {
            slow = transform(slow, &mut rcx);
        }
        let html = |evs: Vec<Ev>| {
            let mut out = String::new();
            pulldown_cmark::html::push_html(&mut out, evs.into_iter().map(|(e, _)| e));
            out
        };
        if is_plain {
            assert_eq!(html(evs), html(slow), "{src:?}");
            assert!(
                rcx.diagnostics.is_empty() && rcx.links.is_empty() && !rcx.has_raw_html,
                "{src:?}"
            );
        }
        is_plain
    }

    #[test]
    fn plain_fragments_skip_the_transforms_and_come_out_the_same() {
        for src in [
            "Plain words, *emphasis*, **strong**, ~~struck~~ and `code {with} ^ :: # ++`.",
            "What is 2 + 2? Four! (About 3/4 of it.) Costs $5.",
            "Time: ten seconds, at most.",
            "- one\n- two\n  1. nested",
            "A line  \nand a hard break, then\nsoft.",
        ] {
            assert!(plain(src), "{src:?} is plain");
        }
    }

    #[test]
    fn fragments_a_transform_reacts_to_are_not_plain() {
        for src in [
            "x :smile: y",
            "a :material-check here",
            "press ++ctrl+c++",
            "a ==highlight== b",
            "x^2^ and ^^ins^^",
            "a note^[inline] here",
            "a fact ^block-1",
            "a #tag here",
            "see https://example.com or www.example.com",
            "{{< shortcode >}}",
            "{% include x %}",
            "`{% raw %}{{ x }}{% endraw %}`",
            "!!! note \"Title\"\n    body",
            "??? tip\n    body",
            "=== \"Tab\"\n    body",
            "Term\n: definition",
            "::: note\nbody\n:::",
            "\\begin{align}x\\end{align}",
            "$x^2$ and $$y$$",
            "[a link](other.md)",
            "![an image](a.png)",
            "<b>raw</b> HTML",
            "> a quote",
            "> [!NOTE]\n> an alert",
            "# A heading",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "```rust\nfn main() {}\n```",
            "    indented code",
            "text[^1]\n\n[^1]: the note",
            "[[Other note]]",
            "H~2~O",
            "HTML is a markup language",
            "[TOC]",
            "- [x] done",
            "---",
        ] {
            assert!(!plain(src), "{src:?} is not plain");
        }
    }
}
