//! Link targets besides our own heading ids: the ids GitHub (and mdBook, which slugs the
//! same way) and MkDocs give the same headings, so links written against them keep
//! working, and ids written in raw HTML (`<a id="…">`, `<div id="…">`).
//!
//! Why aliases and not GitHub's ids themselves: our ids are stable across builds and
//! already linked to (progress, cheat sheet, bookmarks); GitHub's keep every space as a
//! `-` (`elb--asg`) and drop `/`, `:` and `'` (`keyvalue`, `s3putobject`). On the
//! shared corpora most headings get the same id either way; for the others an empty
//! `<span id>` inside the heading makes the other tools' link land there too.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag};
use unicode_normalization::UnicodeNormalization;

use super::{Ev, Heading};
use crate::util::escape_html;

/// GitHub's heading slug: lower case, letters, digits, `_` and `-` kept, each space a
/// `-`, everything else dropped.
pub fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    github_slug_into(&mut out, text);
    out
}

fn github_slug_into(out: &mut String, text: &str) {
    out.clear();
    for c in text.trim().chars() {
        if c.is_ascii() {
            match c {
                'a'..='z' | '0'..='9' | '_' | '-' => out.push(c),
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                ' ' => out.push('-'),
                _ => {}
            }
        } else {
            for c in c.to_lowercase() {
                if c.is_alphanumeric() {
                    out.push(c);
                }
            }
        }
    }
}

/// MkDocs' default (Python-Markdown `toc`) slug: ASCII only, runs of spaces and `-`
/// become one `-`.
pub fn mkdocs_slug(text: &str) -> String {
    let keep = |c: &char| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || c.is_whitespace();
    // NFKD leaves ASCII as it is: only other text needs decomposing.
    let ascii: String = if text.is_ascii() {
        text.chars().filter(keep).collect()
    } else {
        text.nfkd().filter(keep).collect()
    };
    let lower = ascii.trim().to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for part in lower
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    out
}

/// Whether MkDocs' slug of `text` is certainly `id` (our slug of the same text) without
/// computing it: ASCII letters, digits and single spaces only, as most headings are.
fn plain_words(text: &str) -> bool {
    let t = text.trim().as_bytes();
    !t.is_empty() && t.iter().all(|b| b.is_ascii_alphanumeric() || *b == b' ') && !t.windows(2).any(|w| w == b"  ")
}

/// Puts an empty `<span id>` for every other tool's slug of a heading that differs
/// from its id into the heading, and returns those ids.
pub fn insert_aliases(evs: &mut Vec<Ev>, headings: &[Heading]) -> Vec<String> {
    let mut github_seen: HashMap<String, usize> = HashMap::new();
    // Every id on the page and every alias given: made when the first alias is wanted.
    let mut taken: Option<HashSet<String>> = None;
    let mut by_id: HashMap<&str, Vec<String>> = HashMap::new();
    let mut buf = String::new();
    for h in headings {
        if h.custom {
            continue;
        }
        github_slug_into(&mut buf, &h.text);
        let n = match github_seen.get_mut(buf.as_str()) {
            Some(n) => {
                *n += 1;
                *n - 1
            }
            None => {
                github_seen.insert(buf.clone(), 1);
                0
            }
        };
        // Our id for text of plain words is GitHub's and MkDocs' slug too (the first time).
        if n == 0 && plain_words(&h.text) && buf == h.id {
            continue;
        }
        let gh = if n == 0 { buf.clone() } else { format!("{buf}-{n}") };
        for alias in [gh, mkdocs_slug(&h.text)] {
            if alias.is_empty() || alias == h.id {
                continue;
            }
            let taken = taken.get_or_insert_with(|| headings.iter().map(|h| h.id.clone()).collect());
            if taken.insert(alias.clone()) {
                by_id.entry(h.id.as_str()).or_default().push(alias);
            }
        }
    }
    let mut all = Vec::new();
    if by_id.is_empty() {
        return all;
    }
    // The heading starts that get spans, last first, so that inserting keeps the
    // earlier indices.
    let mut at: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, (e, _)) in evs.iter().enumerate() {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e
            && let Some(aliases) = by_id.remove(id.as_ref())
        {
            at.push((i, aliases));
        }
    }
    for (i, aliases) in at.into_iter().rev() {
        let offset = evs[i].1;
        let spans: Vec<Ev> = aliases
            .iter()
            .map(|alias| {
                (
                    Event::Html(format!("<span id=\"{}\"></span>", escape_html(alias)).into()),
                    offset,
                )
            })
            .collect();
        evs.splice(i + 1..i + 1, spans);
        all.extend(aliases);
    }
    all
}

/// The ids a title taken from the page's opening heading had as a heading (ours,
/// GitHub's, MkDocs'), which links may still target, less those the page already has.
pub fn title_anchors(title: &str, taken: &HashSet<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in [crate::util::slugify(title), github_slug(title), mkdocs_slug(title)] {
        if !id.is_empty() && !taken.contains(&id) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Ids written in raw HTML by the author (`id="…"` on any tag), which the sanitiser
/// keeps: links may target them.
pub fn raw_html_ids(evs: &[Ev]) -> Vec<String> {
    let mut out = Vec::new();
    for (e, _) in evs {
        if let Event::Html(h) | Event::InlineHtml(h) = e {
            let mut rest: &str = h;
            while let Some(i) = rest.find("id=") {
                let before = rest[..i].chars().next_back();
                rest = &rest[i + 3..];
                if !before.is_some_and(|c| c.is_whitespace()) {
                    continue;
                }
                let value = match rest.chars().next() {
                    Some(q @ ('"' | '\'')) => rest[1..].split(q).next(),
                    _ => rest.split(|c: char| c.is_whitespace() || c == '>').next(),
                };
                if let Some(v) = value.filter(|v| !v.is_empty()) {
                    out.push(v.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs_as_github_writes_them() {
        assert_eq!(github_slug("key/value"), "keyvalue");
        assert_eq!(github_slug("The company's data"), "the-companys-data");
        assert_eq!(github_slug("user_id"), "user_id");
        assert_eq!(github_slug("s3:PutObject"), "s3putobject");
        assert_eq!(github_slug("ELB & ASG"), "elb--asg");
    }

    #[test]
    fn mkdocs_slugs_collapse_separators() {
        assert_eq!(mkdocs_slug("ELB & ASG"), "elb-asg");
        assert_eq!(mkdocs_slug("Café au lait"), "cafe-au-lait");
        assert_eq!(mkdocs_slug("user_id"), "user_id");
    }

    #[test]
    fn ids_in_raw_html_are_found() {
        let evs = vec![
            (Event::Html("<a id=\"old-name\"></a>".into()), 0),
            (Event::InlineHtml("<div class='x' id='box'>".into()), 0),
            (Event::Html("<p data-id=\"no\" hid=x>".into()), 0),
        ];
        assert_eq!(raw_html_ids(&evs), vec!["old-name", "box"]);
    }
}
