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
}

/// Builds the tree: the root's pages and folders, each folder with its own pages.
pub fn tree(pages: &[Page]) -> Vec<NavNode> {
    build_level(pages, "")
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
