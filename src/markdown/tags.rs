//! Obsidian's inline tags: `#tag`, `#nested/tag`, `#multi-word_tag` in the text of a
//! note. Obsidian's rules: the `#` starts the text or follows whitespace (so `C#`, a
//! URL's `/#part` and `&#123;` are no tags), the name is letters, digits, `_`, `-` and
//! `/`, and holds something besides digits (`#123` is an issue number, no tag). Code,
//! code blocks, raw HTML and link targets are never read for tags, and a heading
//! marker (`## Heading`) never reaches the text at all.
//!
//! The page's tags ([`collect`]) join its front-matter tags: its questions carry them
//! (the questions page and the quiz filter by them) and the page shows them as chips.
//! In the text each tag is kept where it was written, as a chip ([`transform`]); it is
//! never part of a title (`title.rs` drops it).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Ev, RenderCx};
use crate::util::escape_html;

/// Byte ranges of the tags in one piece of text (`#` included).
pub fn find(text: &str) -> Vec<(usize, usize)> {
    find_after(text, true)
}

/// [`find`] in a text that follows other inline content (`<br>#Tips`: no whitespace
/// before the `#`) when `clean` is false.
fn find_after(text: &str, clean: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !text.contains('#') {
        return out;
    }
    for (i, _) in text.match_indices('#') {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| !c.is_whitespace()) || before.is_none() && !clean {
            continue;
        }
        let name_len: usize = text[i + 1..]
            .chars()
            .take_while(|&c| is_tag_char(c))
            .map(char::len_utf8)
            .sum();
        let name = text[i + 1..i + 1 + name_len].trim_end_matches(['/', '-']);
        if name.is_empty() || name.chars().all(|c| c.is_ascii_digit() || c == '/') {
            continue;
        }
        out.push((i, i + 1 + name.len()));
    }
    out
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '/')
}

/// Walks the text a reader sees as prose (not code, raw HTML or a heading the title
/// took), calling `f` for each text event with whether it starts clean (a block or
/// line starts there, not right after other inline content such as `<br>`).
fn prose_texts<'e>(evs: &'e [Ev], mut f: impl FnMut(usize, &'e str, bool)) {
    let mut skip = 0usize;
    let mut clean = true;
    for (i, (e, _)) in evs.iter().enumerate() {
        match e {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) if skip == 0 => f(i, t, clean),
            _ => {}
        }
        clean = matches!(e, Event::Start(_) | Event::SoftBreak | Event::HardBreak);
    }
}

/// The page's inline tags, in the order written, each once (without `#`).
pub fn collect(evs: &[Ev]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    prose_texts(evs, |_, t, clean| {
        for (s, e) in find_after(t, clean) {
            let name = &t[s + 1..e];
            if !tags.iter().any(|x| x == name) {
                tags.push(name.to_string());
            }
        }
    });
    tags
}

/// `text` without its tags (for a title or a label).
pub fn strip(text: &str) -> String {
    let found = find(text);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::new();
    let mut last = 0;
    for (s, e) in found {
        out.push_str(&text[last..s]);
        last = e;
    }
    out.push_str(&text[last..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each tag in the text becomes a chip.
pub fn transform<'a>(evs: Vec<Ev<'a>>, _rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let mut hits: Vec<(usize, bool)> = Vec::new();
    prose_texts(&evs, |i, t, clean| {
        if !find_after(t, clean).is_empty() {
            hits.push((i, clean));
        }
    });
    if hits.is_empty() {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len() + hits.len() * 2);
    let mut next = hits.into_iter().peekable();
    for (i, (e, at)) in evs.into_iter().enumerate() {
        let Some(&(_, clean)) = next.peek().filter(|(h, _)| *h == i) else {
            out.push((e, at));
            continue;
        };
        next.next();
        let Event::Text(t) = &e else {
            out.push((e, at));
            continue;
        };
        let mut last = 0;
        for (s, end) in find_after(t, clean) {
            if s > last {
                out.push((Event::Text(t[last..s].to_string().into()), at));
            }
            out.push((Event::Html(chip(&t[s + 1..end]).into()), at));
            last = end;
        }
        if last < t.len() {
            out.push((Event::Text(t[last..].to_string().into()), at));
        }
    }
    out
}

/// A tag's chip, as the text shows it and the page header lists it.
pub fn chip(name: &str) -> String {
    format!("<span class=\"tag\" data-tag=\"{0}\">#{0}</span>", escape_html(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &str) -> Vec<&str> {
        find(t).into_iter().map(|(s, e)| &t[s + 1..e]).collect()
    }

    #[test]
    fn obsidians_rules() {
        assert_eq!(
            names("#physics and #maths/algebra, #multi-word_tag."),
            ["physics", "maths/algebra", "multi-word_tag"]
        );
        assert_eq!(
            names("issue #123, C# and a/#frag and &#123; and x#y"),
            Vec::<&str>::new()
        );
        assert_eq!(names("#1st #2024/q1 #ünïcode"), ["1st", "2024/q1", "ünïcode"]);
        assert_eq!(names("# alone and #- and #/ and #2024/10"), Vec::<&str>::new());
        assert_eq!(strip("Energy #physics notes"), "Energy notes");
        assert!(find_after("#Tips, export", false).is_empty(), "right after `<br>`");
    }
}
