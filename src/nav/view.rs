//! What one page's sidebar shows of the site's tree: in a large site, the top level and
//! the folders on the way to the page, each long level cut to a window around it.

use super::NavNode;

/// How many entries the tree has.
pub fn count(tree: &[NavNode]) -> usize {
    tree.iter().map(|n| 1 + count(&n.children)).sum()
}

/// In a site too large to list every entry on every page, a level (the top level, or
/// the pages of one folder) with more entries than this shows a window of
/// `2 * WINDOW_RADIUS + 1` of them around the way to the current page, and one "more"
/// entry for those left out on each side. Without it every page of a site of 400
/// folders listed all 400: output and time growing with the square of the page count.
pub const LEVEL_LIMIT: usize = 50;
pub const WINDOW_RADIUS: usize = 15;

/// Where the entries a window leaves out at the top level are listed: the home page's
/// section list.
pub const CONTENTS_URL: &str = "index.html#sections-title";

/// The entries of `nodes` shown for reading position `pos`: `(start, end, open)`, with
/// `open` the entry that holds the current page.
fn window(nodes: &[NavNode], pos: Option<usize>, full: bool) -> (usize, usize, Option<usize>) {
    let open = pos.and_then(|p| {
        let i = nodes.partition_point(|n| n.span.1 <= p);
        nodes.get(i).is_some_and(|n| n.span.0 <= p).then_some(i)
    });
    if full || nodes.len() <= LEVEL_LIMIT {
        return (0, nodes.len(), open);
    }
    let width = 2 * WINDOW_RADIUS + 1;
    let start = open.unwrap_or(0).saturating_sub(WINDOW_RADIUS).min(nodes.len() - width);
    (start, start + width, open)
}

/// The sidebar for the page at reading position `pos` (`None` for generated pages): the
/// whole tree if `full`, else the top level plus the folders that hold that page, each
/// long level cut to a window around the way to the page.
pub fn for_page(tree: &[NavNode], pos: Option<usize>, full: bool) -> Vec<NavNode> {
    level(tree, pos, full, CONTENTS_URL)
}

/// Identifies [`for_page`]'s result: pages with the same key get the same sidebar (the
/// current page is marked by the template, not here). Pages of one folder share one.
pub fn view_key(tree: &[NavNode], pos: Option<usize>, full: bool) -> Vec<u32> {
    let mut key = Vec::new();
    let mut nodes = tree;
    loop {
        let (start, _, open) = window(nodes, pos, full);
        key.push(start as u32);
        match open {
            // Only an open folder changes what is shown below it.
            Some(i) if !full && !nodes[i].children.is_empty() => {
                key.push(i as u32);
                nodes = &nodes[i].children;
            }
            _ => return key,
        }
    }
}

fn level(nodes: &[NavNode], pos: Option<usize>, full: bool, more_url: &str) -> Vec<NavNode> {
    let (start, end, open) = window(nodes, pos, full);
    let more = |count: usize| NavNode {
        page: None,
        title: format!("{count} more"),
        url: more_url.to_string(),
        questions: 0,
        children: Vec::new(),
        collapsed: false,
        first: String::new(),
        more: count,
        span: (0, 0),
    };
    let mut out = Vec::with_capacity(end - start + 2);
    if start > 0 {
        out.push(more(start));
    }
    for (i, n) in nodes.iter().enumerate().take(end).skip(start) {
        if full || open == Some(i) || n.children.is_empty() {
            let inner = if n.url.is_empty() { more_url } else { &n.url };
            out.push(NavNode {
                children: level(&n.children, pos, full, inner),
                ..shallow(n)
            });
        } else {
            out.push(NavNode {
                collapsed: true,
                first: if n.url.is_empty() {
                    first_url(&n.children)
                } else {
                    String::new()
                },
                ..shallow(n)
            });
        }
    }
    if end < nodes.len() {
        out.push(more(nodes.len() - end));
    }
    out
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
        more: 0,
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
