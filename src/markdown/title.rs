//! A page's title: front matter, else the heading that opens the body (any level, after
//! leading images, badges and HTML anchors), else — later, in the site — its nav
//! file's title, else its file name as written. Never empty.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::{Ev, headings};
use crate::config::{Config, TitleFrom};
use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;

/// Where a page's title came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Source {
    FrontMatter,
    Heading,
    /// The file name: a nav file's title may replace it.
    #[default]
    FileName,
}

/// The title, taking the opening heading out of the events (the template prints the
/// title). A heading below `#` is the title only when it is the page's only heading of
/// its level or above and is not a question (a `?` heading with an answer under it).
pub fn take(evs: &mut Vec<Ev>, page: &SourcePage, config: &Config) -> (String, Source, Option<Diagnostic>) {
    let (title, source, warning) = find(evs, page, config.title_from.unwrap_or_default());
    // The home page without a title of its own is headed by the site's title.
    if source == Source::FileName && page.kind == crate::content::PageKind::Home {
        return (config.title.clone(), source, None);
    }
    (title, source, warning)
}

fn find(evs: &mut Vec<Ev>, page: &SourcePage, from: TitleFrom) -> (String, Source, Option<Diagnostic>) {
    if let Some(t) = &page.front.title {
        if !t.trim().is_empty() {
            return (t.clone(), Source::FrontMatter, None);
        }
        return fallback(page, "the front matter's `title` is empty");
    }
    if from == TitleFrom::Filename {
        return (page.fallback_title(), Source::FileName, None);
    }
    let start = skip_decorations(evs);
    let Some((Event::Start(Tag::Heading { level, .. }), _)) = evs.get(start) else {
        return (page.fallback_title(), Source::FileName, None);
    };
    let level = *level;
    let Some(len) = evs[start..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
    else {
        return (page.fallback_title(), Source::FileName, None);
    };
    let end = start + len;
    let text = headings::plain_text(&evs[start + 1..end]);
    if level != HeadingLevel::H1 && (asks(&text, &evs[end + 1..]) || another_heading(&evs[end..], level)) {
        return (page.fallback_title(), Source::FileName, None);
    }
    evs.drain(start..=end);
    // `# Energy #physics`: the tag is the page's, not part of its title.
    let text = super::emoji::replace(&super::tags::strip(text.trim())).into_owned();
    if text.is_empty() {
        return fallback(page, "the page's first heading is empty");
    }
    (text, Source::Heading, None)
}

fn fallback(page: &SourcePage, why: &str) -> (String, Source, Option<Diagnostic>) {
    let title = page.fallback_title();
    let d = Diagnostic::warning(&page.path, format!("{why}; the title is the file name, `{title}`"))
        .with_help("give the page a title: `title: …` in its front matter, or a `# Heading` at the top");
    (title, Source::FileName, Some(d))
}

/// A heading with a `?` whose section holds an answer (`✅`, a task list) is a question.
fn asks(text: &str, after: &[Ev]) -> bool {
    text.contains('?')
        && after
            .iter()
            .take_while(|(e, _)| !matches!(e, Event::Start(Tag::Heading { .. })))
            .any(|(e, _)| match e {
                Event::TaskListMarker(_) => true,
                Event::Text(t) => t.trim_start().starts_with('✅'),
                _ => false,
            })
}

fn another_heading(evs: &[Ev], level: HeadingLevel) -> bool {
    evs.iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Heading { level: l, .. }) if *l <= level))
}

/// Index of the first event after leading images, badges (linked images), HTML anchors
/// and other raw HTML without text.
fn skip_decorations(evs: &[Ev]) -> usize {
    let mut i = 0;
    while i < evs.len() {
        let end = match &evs[i].0 {
            Event::Start(Tag::HtmlBlock) => block_end(evs, i, |e| matches!(e, Event::End(TagEnd::HtmlBlock))),
            Event::Start(Tag::Paragraph) => block_end(evs, i, |e| matches!(e, Event::End(TagEnd::Paragraph))),
            _ => return i,
        };
        let Some(end) = end else { return i };
        let inner = &evs[i + 1..end];
        let decorations = inner.iter().all(|(e, _)| decoration(e)) && has_no_text(inner);
        if !(decorations || fields_only(inner)) {
            return i;
        }
        i = end + 1;
    }
    i
}

/// A paragraph of Dataview fields (`status:: done`, a line each) is the note's data,
/// shown above its title heading as Obsidian shows it.
fn fields_only(evs: &[Ev]) -> bool {
    let mut text = String::new();
    for (e, _) in evs {
        match e {
            Event::Text(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    !text.is_empty() && text.lines().all(|l| crate::frontmatter::logseq::property(l).is_some())
}

fn block_end(evs: &[Ev], from: usize, is_end: impl Fn(&Event) -> bool) -> Option<usize> {
    evs[from..].iter().position(|(e, _)| is_end(e)).map(|p| from + p)
}

fn decoration(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(Tag::Image { .. } | Tag::Link { .. })
            | Event::End(TagEnd::Image | TagEnd::Link)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Text(_)
    )
}

/// Text outside images (their alt text) and outside tags is content, not decoration.
fn has_no_text(evs: &[Ev]) -> bool {
    let mut in_image = 0usize;
    for (e, _) in evs {
        match e {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) if in_image == 0 && !t.trim().is_empty() => return false,
            Event::Html(h) | Event::InlineHtml(h) if !tags_only(h) => return false,
            _ => {}
        }
    }
    true
}

/// HTML made of tags and whitespace only (`<a id="x"></a>`, `<img …>`, `<p align=…>`).
fn tags_only(h: &str) -> bool {
    let mut inside = false;
    for c in h.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside && !c.is_whitespace() => return false,
            _ => {}
        }
    }
    true
}
