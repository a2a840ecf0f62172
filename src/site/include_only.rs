//! Include-only files: a Markdown file that pages include (mdBook's `{{#include}}`,
//! pymdownx snippets) is a part of those pages, not a page of its own, unless a nav file
//! lists it or a page links to it. Decided by use, not by folder name: a folder called
//! `partials/` or `snippets/` may hold notes of its own.

use std::collections::{BTreeSet, HashSet};

use crate::content::PageKind;
use crate::order::NavFile;
use crate::page::Page;
use crate::util::nfc;

/// Takes the include-only files out of `pages` (parsed: their links are known);
/// `included` are the `rel`s of the files the pages include.
pub(super) fn take_out(pages: &mut Vec<Page>, included: &BTreeSet<String>, navs: &[NavFile]) {
    if included.is_empty() {
        return;
    }
    let listed: HashSet<String> = navs.iter().flat_map(|n| n.titles()).map(|(r, _)| nfc(r)).collect();
    let candidates: HashSet<String> = pages
        .iter()
        .filter(|p| p.source.kind == PageKind::Page && included.contains(&p.source.rel))
        .map(|p| nfc(&p.source.rel))
        .filter(|r| !listed.contains(r))
        .collect();
    if candidates.is_empty() {
        return;
    }
    // Links from the other pages (an include-only file's own links are in the pages
    // that include it).
    let linked: HashSet<String> = pages
        .iter()
        .filter(|p| !candidates.contains(&nfc(&p.source.rel)))
        .flat_map(|p| p.parsed.links.iter().filter_map(|l| l.page.clone()))
        .collect();
    pages.retain(|p| {
        let rel = nfc(&p.source.rel);
        !candidates.contains(&rel) || linked.contains(&rel)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SourcePage;
    use crate::markdown::LinkRef;
    use crate::order::NavEntry;

    fn page(rel: &str, links_to: &[&str]) -> Page {
        let source = SourcePage {
            path: rel.into(),
            rel: rel.into(),
            kind: PageKind::Page,
            front: Default::default(),
            source: String::new(),
            body_start: 0,
            body_line: 1,
            out_path: rel.replace(".md", ".html"),
            url: rel.replace(".md", ".html"),
            folder: rel.rsplit_once('/').map_or("", |(f, _)| f).into(),
            html_title: None,
        };
        let links = links_to
            .iter()
            .map(|r| LinkRef {
                line: 1,
                col: 1,
                raw: r.to_string(),
                page: Some(r.to_string()),
                anchor: None,
                problem: None,
            })
            .collect();
        let parsed = crate::page::ParsedPage {
            links,
            ..Default::default()
        };
        Page { source, parsed }
    }

    #[test]
    fn an_included_file_no_nav_lists_and_no_page_links_to_is_taken_out() {
        let mut pages = vec![
            page("ch1.md", &[]),
            page("ch2.md", &["shared/linked.md"]),
            page("parts/only.md", &["shared/pair.md"]),
            page("shared/linked.md", &[]),
            page("shared/listed.md", &[]),
            page("shared/pair.md", &[]),
            page("parts/note.md", &[]),
        ];
        let included = [
            "parts/only.md",
            "shared/linked.md",
            "shared/listed.md",
            "shared/pair.md",
        ]
        .map(String::from)
        .into();
        let nav = NavFile {
            entries: vec![NavEntry {
                title: "Listed".into(),
                rel: Some("shared/listed.md".into()),
                children: Vec::new(),
            }],
            ..NavFile::default()
        };
        take_out(&mut pages, &included, &[nav]);
        let rels: Vec<&str> = pages.iter().map(|p| p.source.rel.as_str()).collect();
        // `pair.md` is linked only from a file that is itself include-only.
        assert_eq!(
            rels,
            [
                "ch1.md",
                "ch2.md",
                "shared/linked.md",
                "shared/listed.md",
                "parts/note.md"
            ]
        );
    }
}
