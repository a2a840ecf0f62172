//! Link targets besides our own heading ids: the ids GitHub (and mdBook, which slugs the
//! same way) and MkDocs give the same headings, so links written against them keep
//! working, and ids written in raw HTML (`<a id="…">`, `<div id="…">`).
//!
//! Why aliases and not GitHub's ids themselves: our ids are stable across builds and
//! already linked to (progress, cheat sheet, bookmarks); GitHub's keep every space as a
//! `-` (`elb--asg`) and drop `/`, `:` and `'` (`keyvalue`, `s3putobject`). On the
//! shared corpora most headings get the same id either way; for the others an empty
//! `<span id>` inside the heading makes the other tools' link land there too.

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag};
use unicode_normalization::UnicodeNormalization;

use super::{Ev, Heading};
use crate::util::escape_html;

/// GitHub's heading slug: lower case, letters, digits, `_` and `-` kept, each space a
/// `-`, everything else dropped.
pub fn github_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
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

/// Puts an empty `<span id>` for every other tool's slug of a heading that differs
/// from its id into the heading, and returns those ids.
pub fn insert_aliases(evs: &mut Vec<Ev>, headings: &[Heading]) -> Vec<String> {
    let mut taken: HashSet<String> = headings.iter().map(|h| h.id.clone()).collect();
    let mut github_seen: std::collections::HashMap<String, usize> = Default::default();
    let mut wanted: Vec<(&str, Vec<String>)> = Vec::new();
    for h in headings {
        let base = github_slug(&h.text);
        // An id the author gave (`{#my-id}`) is the heading's only name.
        if !h.id.starts_with(&crate::util::slugify(&h.text)) {
            continue;
        }
        let n = github_seen.entry(base.clone()).or_insert(0);
        let gh = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
        *n += 1;
        let mut ids = Vec::new();
        for alias in [gh, mkdocs_slug(&h.text)] {
            if !alias.is_empty() && !taken.contains(&alias) {
                taken.insert(alias.clone());
                ids.push(alias);
            }
        }
        wanted.push((h.id.as_str(), ids));
    }
    let mut all = Vec::new();
    if wanted.iter().all(|(_, ids)| ids.is_empty()) {
        return all;
    }
    let mut by_id: std::collections::HashMap<&str, Vec<String>> = wanted.into_iter().collect();
    let mut out = Vec::with_capacity(evs.len() + by_id.len());
    for (e, at) in evs.drain(..) {
        let id = match &e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        };
        out.push((e, at));
        if let Some(ids) = id.and_then(|id| by_id.remove(id.as_str())) {
            for alias in ids {
                out.push((
                    Event::Html(format!("<span id=\"{}\"></span>", escape_html(&alias)).into()),
                    at,
                ));
                all.push(alias);
            }
        }
    }
    *evs = out;
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
