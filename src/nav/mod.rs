//! The reading order of the site: the site's nav file when it has one (mdBook
//! `SUMMARY.md`, MkDocs `nav`), else pages grouped by folder, sorted by weight then the
//! natural order of file names; as a tree for the sidebar and a flat list for
//! previous/next links.

use std::collections::HashMap;

use serde::Serialize;

use crate::content::PageKind;
use crate::docusaurus::{Categories, NavItem};
use crate::order::{NavEntry, NavFile};
use crate::page::Page;

mod view;
pub use view::{CONTENTS_URL, LEVEL_LIMIT, WINDOW_RADIUS, count, for_page, view_key};

#[derive(Debug, Clone, Serialize)]
pub struct NavNode {
    /// Index into the site's pages, if this node is a page.
    #[serde(skip)]
    pub page: Option<usize>,
    pub title: String,
    /// URL from the site root, or "" for a folder without its own page.
    pub url: String,
    pub questions: usize,
    pub children: Vec<NavNode>,
    /// In a page's sidebar: a folder shown without its pages (not on the way to the
    /// current page, in a site too large to list every page on every page).
    pub collapsed: bool,
    /// For a collapsed folder without its own page: the URL of its first page.
    pub first: String,
    /// In a page's sidebar: this entry stands for this many entries of a long level left
    /// out around the window shown ([`LEVEL_LIMIT`]); its `url` is where they are listed.
    pub more: usize,
    /// Positions in the reading order this node and its descendants cover.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// A site with at most this many entries in its tree lists every one on every page;
/// a larger one shows, on each page, the top level and the folders on the way to that
/// page. (Listing every page on every page makes the output grow with the square of
/// the page count: 115 MB instead of 52 MB for the 1,000-page benchmark corpus.)
pub const FULL_NAV_LIMIT: usize = 150;

/// Builds the tree: the root's pages and folders, each folder with its own pages.
pub fn tree(pages: &[Page]) -> Vec<NavNode> {
    tree_with(pages, &[], &Categories::new())
}

/// [`tree`], in the order of the nav files: the site's own first, its entries as it
/// nests them, then the pages it does not list, by folder; a folder with a nav file of
/// its own (a book copied whole into content/) lists its pages the same way.
/// A folder without a page of its own is titled by its Docusaurus category label, and
/// a category's position places the folder among its siblings when its page has no weight.
pub fn tree_with(pages: &[Page], navs: &[NavFile], categories: &Categories) -> Vec<NavNode> {
    let mut nodes = Vec::new();
    let mut listed = vec![false; pages.len()];
    let by_rel: HashMap<&str, usize> = if navs.is_empty() {
        HashMap::new()
    } else {
        pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.source.kind != PageKind::Home)
            .map(|(i, p)| (p.source.rel.as_str(), i))
            .collect()
    };
    if let Some(nf) = navs.iter().find(|n| n.folder.is_empty()) {
        nodes = from_entries(pages, &nf.entries, &by_rel, &mut listed);
    }
    let rest: Vec<usize> = (0..pages.len()).filter(|&i| !listed[i]).collect();
    let lv = Level {
        pages,
        folders: folders(pages, &rest),
        navs: navs
            .iter()
            .filter(|n| !n.folder.is_empty())
            .map(|n| (n.folder.as_str(), n))
            .collect(),
        by_rel,
        categories,
    };
    nodes.extend(lv.build(""));
    let mut next = 0;
    assign_spans(&mut nodes, &mut next);
    nodes
}

fn assign_spans(nodes: &mut [NavNode], next: &mut usize) {
    for n in nodes {
        let start = *next;
        if n.page.is_some() {
            *next += 1;
        }
        assign_spans(&mut n.children, next);
        n.span = (start, *next);
    }
}

fn from_entries(
    pages: &[Page],
    entries: &[NavEntry],
    by_rel: &HashMap<&str, usize>,
    listed: &mut [bool],
) -> Vec<NavNode> {
    let mut out = Vec::new();
    for e in entries {
        let children = from_entries(pages, &e.children, by_rel, listed);
        let page = e
            .rel
            .as_deref()
            .and_then(|r| by_rel.get(r).copied())
            .filter(|&i| !listed[i]);
        let mut n = match page {
            Some(i) => {
                listed[i] = true;
                let mut n = node(pages, i, children);
                if !e.title.is_empty() {
                    n.title = e.title.clone();
                }
                n
            }
            // A part title or a group; a draft chapter (or a missing page) with nothing
            // under it is left out.
            None if !children.is_empty() => group(e.title.clone(), children),
            None => continue,
        };
        n.questions += n.children.iter().map(|c| c.questions).sum::<usize>();
        out.push(n);
    }
    out
}

fn group(title: String, children: Vec<NavNode>) -> NavNode {
    NavNode {
        page: None,
        title,
        url: String::new(),
        questions: 0,
        children,
        collapsed: false,
        first: String::new(),
        more: 0,
        span: (0, 0),
    }
}

/// Weight first (a folder's page's, else its category's position; those without one
/// after), then the natural order of file names.
fn sort_key<'p>(pages: &'p [Page], node: &NavNode, folder: &'p str, position: Option<i64>) -> (i64, &'p str) {
    match node.page {
        Some(i) => {
            let s = &pages[i].source;
            let name = match s.kind {
                PageKind::Page => s.rel.rsplit('/').next().unwrap_or(&s.rel),
                _ => s.folder.rsplit('/').next().unwrap_or(&s.folder),
            };
            (s.front.weight.or(position).unwrap_or(i64::MAX), name)
        }
        None => (position.unwrap_or(i64::MAX), folder),
    }
}

/// What the tree needs of one folder: its pages, its own page, and the folders directly
/// below it, in the order the pages list them.
#[derive(Default)]
struct Folder<'a> {
    pages: Vec<usize>,
    section: Option<usize>,
    subfolders: Vec<&'a str>,
}

/// Every folder of the site, found in one pass over the pages (a scan of every page per
/// folder grew with folders × pages).
fn folders<'a>(pages: &'a [Page], which: &[usize]) -> HashMap<&'a str, Folder<'a>> {
    let mut map: HashMap<&str, Folder> = HashMap::new();
    map.entry("").or_default();
    // Folders already listed in their parent.
    let mut listed: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for &i in which {
        let s = &pages[i].source;
        match s.kind {
            PageKind::Home => continue,
            PageKind::Page => map.entry(s.folder.as_str()).or_default().pages.push(i),
            PageKind::Section => {
                let f = map.entry(s.folder.as_str()).or_default();
                f.section.get_or_insert(i);
            }
        }
        // Register the folder in its parent, and so on up to the first folder known.
        let mut folder = s.folder.as_str();
        while !folder.is_empty() && listed.insert(folder) {
            let parent = folder.rsplit_once('/').map_or("", |(p, _)| p);
            map.entry(parent).or_default().subfolders.push(folder);
            folder = parent;
        }
    }
    map
}

/// A node of a folder's level: the node, the folder name to sort by ("" for a page),
/// its category's position, whether the node stands for its children.
type Entry<'a> = (NavNode, &'a str, Option<i64>, bool);

/// What [`Level::build`] reads.
struct Level<'a> {
    pages: &'a [Page],
    folders: HashMap<&'a str, Folder<'a>>,
    /// Nav files of folders (not the site's own), by folder.
    navs: HashMap<&'a str, &'a NavFile>,
    by_rel: HashMap<&'a str, usize>,
    categories: &'a Categories,
}

impl Level<'_> {
    fn build(&self, folder: &str) -> Vec<NavNode> {
        let pages = self.pages;
        let Some(f) = self.folders.get(folder) else {
            return Vec::new();
        };
        let mut nodes: Vec<Entry> = f
            .pages
            .iter()
            .map(|&i| (node(pages, i, Vec::new()), "", None, false))
            .collect();
        for &sub in &f.subfolders {
            let mut children = self.build(sub);
            let section = self.folders.get(sub).and_then(|s| s.section);
            let nav = self.navs.get(sub);
            if let Some(nf) = nav {
                children = self.ordered(nf, section, children);
            }
            let name = sub.rsplit('/').next().unwrap_or(sub);
            let category = self.categories.get(sub);
            let mut n = match section {
                Some(i) => node(pages, i, children),
                None => {
                    let label = category.and_then(|c| c.label.clone());
                    group(
                        label.unwrap_or_else(|| crate::natural::without_prefix(name).to_string()),
                        children,
                    )
                }
            };
            if let Some(title) = category.and_then(|c| c.title.clone()) {
                n.title = title;
            }
            n.questions += n.children.iter().map(|c| c.questions).sum::<usize>();
            // A book's source folder without a page of its own (`src/`, `docs/`) is no
            // level of its own: its nav file's entries stand in its place. (A folder
            // named otherwise keeps its level: two courses, each with its SUMMARY.md.)
            let source_dir = matches!(name, "src" | "docs" | "doc" | "book");
            // A folder without a page of its own beside a page of its name (`X.md` and
            // `X/`: a Notion export's page and its subpages, Folder Notes kept in the
            // parent folder) is that page's level: its entries are the page's children.
            if section.is_none() && nav.is_none() {
                let twin = nodes.iter_mut().find(|(m, f, _, _)| {
                    f.is_empty()
                        && m.page.is_some_and(|i| {
                            let rel = &pages[i].source.rel;
                            rel.rsplit('/').next().and_then(|f| f.strip_suffix(".md")) == Some(name)
                        })
                });
                if let Some((m, _, _, _)) = twin {
                    m.questions += n.questions;
                    m.children.extend(n.children);
                    continue;
                }
            }
            let position = category.and_then(|c| c.position);
            nodes.push((n, name, position, nav.is_some() && section.is_none() && source_dir));
        }
        nodes.sort_by(|(a, fa, pa, _), (b, fb, pb, _)| {
            let (wa, na) = sort_key(pages, a, fa, *pa);
            let (wb, nb) = sort_key(pages, b, fb, *pb);
            wa.cmp(&wb).then_with(|| crate::natural::natural_cmp(na, nb))
        });
        if let Some(c) = self.categories.get(folder) {
            if c.desc {
                nodes.reverse();
            }
            if !c.nav.is_empty() {
                nodes = arranged(pages, nodes, &c.nav);
            }
        }
        let mut out = Vec::with_capacity(nodes.len());
        for (n, _, _, hoist) in nodes {
            if hoist {
                out.extend(n.children);
            } else {
                out.push(n);
            }
        }
        out
    }

    /// A folder's entries in the order of its own nav file, then those it does not list
    /// (`children`, as [`Level::build`] made them, without the listed pages).
    fn ordered(&self, nf: &NavFile, section: Option<usize>, children: Vec<NavNode>) -> Vec<NavNode> {
        let mut listed = vec![false; self.pages.len()];
        if let Some(i) = section {
            listed[i] = true;
        }
        let mut out = from_entries(self.pages, &nf.entries, &self.by_rel, &mut listed);
        if let Some(i) = section {
            listed[i] = false;
        }
        out.extend(without(children, &listed));
        out
    }
}

/// A folder's entries in the order its awesome-pages file lists them (by file or folder
/// name, with the title it gives), those it leaves out at its `...` or after.
fn arranged<'a>(pages: &[Page], nodes: Vec<Entry<'a>>, items: &[NavItem]) -> Vec<Entry<'a>> {
    let name = |(n, folder, _, _): &Entry| -> String {
        match (folder.is_empty(), n.page) {
            (true, Some(i)) => pages[i].source.rel.rsplit('/').next().unwrap_or_default().to_string(),
            _ => folder.to_string(),
        }
    };
    let mut left: Vec<Option<Entry>> = nodes.into_iter().map(Some).collect();
    let names: Vec<String> = left.iter().map(|e| e.as_ref().map(name).unwrap_or_default()).collect();
    let mut out = Vec::with_capacity(left.len());
    let mut rest_at = None;
    for item in items {
        match item {
            NavItem::Rest => {
                rest_at.get_or_insert(out.len());
            }
            NavItem::Entry { name, title } => {
                let Some(at) = names.iter().position(|n| n == name).filter(|&i| left[i].is_some()) else {
                    continue;
                };
                let mut e = left[at].take().unwrap_or_else(|| unreachable!());
                if let Some(t) = title {
                    e.0.title = t.clone();
                }
                out.push(e);
            }
        }
    }
    let rest: Vec<Entry> = left.into_iter().flatten().collect();
    let at = rest_at.unwrap_or(out.len());
    out.splice(at..at, rest);
    out
}

/// `nodes` without the pages marked in `listed` (their own entries kept in their place;
/// a group left empty goes too).
fn without(nodes: Vec<NavNode>, listed: &[bool]) -> Vec<NavNode> {
    let mut out = Vec::with_capacity(nodes.len());
    let sum = |ns: &[NavNode]| ns.iter().map(|c| c.questions).sum::<usize>();
    for mut n in nodes {
        let before = sum(&n.children);
        let children = without(std::mem::take(&mut n.children), listed);
        match n.page {
            Some(i) if listed[i] => out.extend(children),
            None if children.is_empty() => {}
            _ => {
                n.questions = n.questions - before + sum(&children);
                n.children = children;
                out.push(n);
            }
        }
    }
    out
}

fn node(pages: &[Page], i: usize, children: Vec<NavNode>) -> NavNode {
    NavNode {
        page: Some(i),
        title: (pages[i].source.front.nav_title.clone()).unwrap_or_else(|| pages[i].parsed.title.clone()),
        url: pages[i].source.url.clone(),
        questions: pages[i].parsed.questions.len(),
        children,
        collapsed: false,
        first: String::new(),
        more: 0,
        span: (0, 0),
    }
}

/// Page indices in reading order (depth first).
pub fn order(tree: &[NavNode]) -> Vec<usize> {
    let mut out = Vec::new();
    fn walk(nodes: &[NavNode], out: &mut Vec<usize>) {
        for n in nodes {
            if let Some(p) = n.page {
                out.push(p);
            }
            walk(&n.children, out);
        }
    }
    walk(tree, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(page: usize, url: &str) -> NavNode {
        NavNode {
            page: Some(page),
            title: url.to_string(),
            url: url.to_string(),
            questions: 0,
            children: Vec::new(),
            collapsed: false,
            first: String::new(),
            more: 0,
            span: (0, 0),
        }
    }

    fn folder(url: &str, children: Vec<NavNode>) -> NavNode {
        NavNode {
            page: None,
            title: "folder".into(),
            url: url.to_string(),
            children,
            ..leaf(0, "")
        }
    }

    /// a.html, then folder x/ (no page of its own) with x/1 and x/2, then y/ with y/1.
    fn sample() -> Vec<NavNode> {
        let mut t = vec![
            leaf(0, "a.html"),
            folder("", vec![leaf(1, "x/1.html"), leaf(2, "x/2.html")]),
            folder("", vec![leaf(3, "y/1.html")]),
        ];
        let mut next = 0;
        assign_spans(&mut t, &mut next);
        t
    }

    #[test]
    fn spans_follow_the_reading_order() {
        let t = sample();
        assert_eq!(t[0].span, (0, 1));
        assert_eq!(t[1].span, (1, 3));
        assert_eq!(t[2].span, (3, 4));
        assert_eq!(count(&t), 6);
    }

    #[test]
    fn a_large_site_opens_only_the_folders_on_the_way_to_the_page() {
        let t = sample();
        let nav = for_page(&t, Some(2), false);
        assert_eq!(nav[1].children.len(), 2, "the current page's folder is open");
        assert!(!nav[1].collapsed);
        assert!(
            nav[2].children.is_empty() && nav[2].collapsed,
            "other folders are closed"
        );
        assert_eq!(
            nav[2].first, "y/1.html",
            "a closed folder without a page links to its first page"
        );
        // Generated pages (no position) show the top level only.
        assert!(for_page(&t, None, false).iter().all(|n| n.children.is_empty()));
    }

    #[test]
    fn a_small_site_lists_everything_everywhere() {
        let t = sample();
        let nav = for_page(&t, None, true);
        assert_eq!(count(&nav), 6);
        assert!(nav.iter().all(|n| !n.collapsed));
    }

    #[test]
    fn a_long_level_is_cut_to_a_window_and_pages_of_one_window_share_a_key() {
        let mut t: Vec<NavNode> = (0..100).map(|i| leaf(i, &format!("p{i}.html"))).collect();
        let mut next = 0;
        assign_spans(&mut t, &mut next);
        let nav = for_page(&t, Some(50), false);
        assert_eq!(nav.len(), 2 * WINDOW_RADIUS + 3);
        assert_eq!((nav[0].more, nav[0].url.as_str()), (50 - WINDOW_RADIUS, CONTENTS_URL));
        assert_eq!(nav[1].url, format!("p{}.html", 50 - WINDOW_RADIUS));
        assert_eq!(nav.last().unwrap().more, 100 - 51 - WINDOW_RADIUS);
        // At the ends the window is as wide, with one "more" entry.
        let first = for_page(&t, Some(0), false);
        assert_eq!((first.len(), first[0].url.as_str()), (2 * WINDOW_RADIUS + 2, "p0.html"));
        assert_eq!(for_page(&t, None, false)[0].url, "p0.html");
        // Same key, same sidebar; a key per window.
        assert_eq!(view_key(&t, Some(0), false), view_key(&t, Some(3), false));
        assert_ne!(view_key(&t, Some(50), false), view_key(&t, Some(51), false));
        // A full sidebar is not cut.
        assert_eq!(for_page(&t, Some(50), true).len(), 100);
    }
}
