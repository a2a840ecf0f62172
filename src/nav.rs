//! The reading order of the site: pages grouped by folder, sorted by weight then
//! title, as a tree for the sidebar and a flat list for previous/next links.

use serde::Serialize;

use crate::content::PageKind;
use crate::site::Page;

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
    let mut nodes = build_level(pages, "");
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

/// How many entries the tree has.
pub fn count(tree: &[NavNode]) -> usize {
    tree.iter().map(|n| 1 + count(&n.children)).sum()
}

/// The sidebar for the page at reading position `pos` (`None` for generated pages): the
/// whole tree if `full`, else the top level plus the folders that hold that page.
pub fn for_page(tree: &[NavNode], pos: Option<usize>, full: bool) -> Vec<NavNode> {
    tree.iter()
        .map(|n| {
            let open = full || pos.is_some_and(|p| n.span.0 <= p && p < n.span.1);
            if open || n.children.is_empty() {
                NavNode {
                    children: for_page(&n.children, pos, full),
                    ..shallow(n)
                }
            } else {
                NavNode {
                    collapsed: true,
                    first: if n.url.is_empty() {
                        first_url(&n.children)
                    } else {
                        String::new()
                    },
                    ..shallow(n)
                }
            }
        })
        .collect()
}

fn shallow(n: &NavNode) -> NavNode {
    NavNode {
        page: n.page,
        title: n.title.clone(),
        url: n.url.clone(),
        questions: n.questions,
        children: Vec::new(),
        collapsed: false,
        first: String::new(),
        span: n.span,
    }
}

fn first_url(nodes: &[NavNode]) -> String {
    for n in nodes {
        if !n.url.is_empty() {
            return n.url.clone();
        }
        let f = first_url(&n.children);
        if !f.is_empty() {
            return f;
        }
    }
    String::new()
}

fn sort_key(pages: &[Page], node: &NavNode) -> (i64, String) {
    let weight = node.page.and_then(|i| pages[i].source.front.weight).unwrap_or(i64::MAX);
    (weight, node.title.to_lowercase())
}

fn build_level(pages: &[Page], folder: &str) -> Vec<NavNode> {
    let mut nodes: Vec<NavNode> = Vec::new();
    let mut subfolders: Vec<String> = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let s = &p.source;
        if s.kind == PageKind::Home {
            continue;
        }
        if s.kind == PageKind::Page && s.folder == folder {
            nodes.push(node(pages, i, Vec::new()));
        } else {
            // A folder directly below this one?
            let inner = if folder.is_empty() {
                s.folder.as_str()
            } else {
                s.folder
                    .strip_prefix(folder)
                    .and_then(|r| r.strip_prefix('/'))
                    .unwrap_or("")
            };
            if inner.is_empty() || (!folder.is_empty() && !s.folder.starts_with(folder)) {
                continue;
            }
            let first = inner.split('/').next().unwrap_or("");
            let full = if folder.is_empty() {
                first.to_string()
            } else {
                format!("{folder}/{first}")
            };
            if !subfolders.contains(&full) {
                subfolders.push(full);
            }
        }
    }
    for sub in subfolders {
        let children = build_level(pages, &sub);
        let index = pages
            .iter()
            .position(|p| p.source.kind == PageKind::Section && p.source.folder == sub);
        let mut n = match index {
            Some(i) => node(pages, i, children),
            None => NavNode {
                page: None,
                title: sub.rsplit('/').next().unwrap_or(&sub).replace(['-', '_'], " "),
                url: String::new(),
                questions: 0,
                children,
                collapsed: false,
                first: String::new(),
                span: (0, 0),
            },
        };
        n.questions += n.children.iter().map(|c| c.questions).sum::<usize>();
        nodes.push(n);
    }
    nodes.sort_by_key(|n| sort_key(pages, n));
    nodes
}

fn node(pages: &[Page], i: usize, children: Vec<NavNode>) -> NavNode {
    NavNode {
        page: Some(i),
        title: pages[i].parsed.title.clone(),
        url: pages[i].source.url.clone(),
        questions: pages[i].parsed.questions.len(),
        children,
        collapsed: false,
        first: String::new(),
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
}
