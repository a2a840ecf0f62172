//! The one place that lists which syntax extensions a site turns on, and in which
//! order they rewrite a page's events. Each extension is one file in this folder with
//! one entry point, `transform`.
//!
//! A dialect (Obsidian, MkDocs, mdBook, …) is a named set of extensions: the parser
//! options it needs and its transforms in order, plus the front-matter conventions it
//! reads (those live in `frontmatter.rs`). Today every site uses [`STUDYSITE`]; a new
//! dialect is a new [`Dialect`] constant here (and its extension files), chosen in
//! [`for_site`].

use pulldown_cmark::Options;

use super::{
    Ev, RenderCx, abbreviations, admonition_fences, alerts, autolinks, callouts, code, containers, deflists, emoji,
    environments, footnotes, headings, html, html_blocks, icons, inline_footnotes, keys, links, liquid, logseq, marks,
    math, mermaid, mkdocs, obsidian_inline, rawlinks, tables, tags, wikilinks,
};
use crate::config::Config;

/// One syntax extension: rewrites the event list of a page.
pub type Transform = for<'e, 'r, 'a, 'b> fn(Vec<Ev<'e>>, &'r mut RenderCx<'a, 'b>) -> Vec<Ev<'e>>;

/// A named set of extensions.
pub struct Dialect {
    pub name: &'static str,
    /// pulldown-cmark's own extensions.
    pub options: Options,
    /// The transforms, in the order they run.
    pub transforms: &'static [(&'static str, Transform)],
}

/// studysite's own Markdown: GitHub-flavoured, with footnotes, alerts and questions,
/// and what notes written for other tools use (SPEC §3): math, Obsidian's wikilinks,
/// callouts, highlights, comments and block ids; MkDocs' admonitions and content tabs.
pub const STUDYSITE: Dialect = Dialect {
    name: "studysite",
    options: Options::ENABLE_TABLES
        .union(Options::ENABLE_FOOTNOTES)
        .union(Options::ENABLE_STRIKETHROUGH)
        .union(Options::ENABLE_TASKLISTS)
        .union(Options::ENABLE_HEADING_ATTRIBUTES)
        .union(Options::ENABLE_GFM)
        .union(Options::ENABLE_MATH)
        .union(Options::ENABLE_WIKILINKS),
    transforms: &[
        // First: MkDocs' indented bodies are Markdown, not code, and go through the rest.
        ("mkdocs", mkdocs::transform),
        // `Term` / `: definition` (MkDocs' def_list, PHP Markdown Extra, Pandoc).
        // The Obsidian Admonition plugin's ```ad-note fences: their body is Markdown.
        ("admonition fences", admonition_fences::transform),
        ("definition lists", deflists::transform),
        // Docusaurus' and VitePress' `:::note`, Quarto's `::: {.callout-tip}`.
        ("colon containers", containers::transform),
        // A paragraph that is a bare `\\begin{align}…\\end{align}` is a formula.
        ("math environments", environments::transform),
        // Then: ```math fences are formulas, not code.
        ("math", math::transform),
        // Formulas written in the text of raw HTML (a caption in a `<div>`).
        ("math in raw HTML", html_blocks::transform),
        // Obsidian's and Pandoc's `^[inline notes]`, numbered with the others.
        ("inline footnotes", inline_footnotes::transform),
        ("footnotes", footnotes::transform),
        // Jekyll's Liquid: `{{ site.baseurl }}` links (marked by `liquid::prepare`), `{% raw %}`,
        // other tags reported; code blocks are still code here, and skipped.
        ("liquid", liquid::transform),
        // Before code: a ```mermaid fence is a diagram (drawn in the browser).
        ("mermaid", mermaid::transform),
        ("code", code::transform),
        // Shortcodes in the prose that is left once code is HTML (heading ids are given
        // before the transforms run, from the text as written).
        ("emoji", emoji::transform),
        // MkDocs Material's `:material-check:` icons, pymdownx's `++ctrl+c++` keys and
        // `^sup^` / `^^ins^^` marks.
        ("icons", icons::transform),
        ("keys", keys::transform),
        ("marks", marks::transform),
        ("obsidian_inline", obsidian_inline::transform),
        // Logseq's `key:: value` lines in a block: a small line each (hidden ones go).
        ("logseq block properties", logseq::transform),
        // Inline `#tags` as chips, before links take text into link labels.
        ("tags", tags::transform),
        ("autolinks", |evs, _| autolinks::transform(evs)),
        // Before links: wikilinks become ordinary relative links, checked like any other.
        ("wikilinks", wikilinks::transform),
        ("links", links::transform),
        ("raw HTML links", rawlinks::transform),
        ("html", html::transform),
        // Before tables, which write their cells' HTML: the words stay text events.
        ("abbreviations", abbreviations::transform),
        ("tables", tables::transform),
        // Before alerts: a quote starting `[!kind] Title` is Obsidian's callout.
        ("callouts", callouts::transform),
        ("alerts", alerts::transform),
        ("headings", |evs, _| headings::transform(evs)),
    ],
};

/// The dialect a site is written in.
pub fn for_site(_config: &Config) -> &'static Dialect {
    &STUDYSITE
}

/// The parser options for a site: its dialect's, and the switches of its configuration.
pub fn options(config: &Config) -> Options {
    let mut o = for_site(config).options;
    if config.markdown.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    if config.markdown.subscript == Some(true) {
        o |= Options::ENABLE_SUBSCRIPT;
    }
    o
}

/// Runs the site's transforms, in order (none when no transform would change the
/// events: [`super::plain`]).
pub fn run<'e>(mut evs: Vec<Ev<'e>>, rcx: &mut RenderCx) -> Vec<Ev<'e>> {
    let dialect = for_site(rcx.cx.config);
    if dialect.name == STUDYSITE.name && super::plain::unchanged(&evs, rcx) {
        return evs;
    }
    for (_, transform) in dialect.transforms {
        evs = transform(evs, rcx);
    }
    evs
}
