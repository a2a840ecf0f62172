//! The sidebar of note pages, rendered and minified once for all the pages that show
//! the same one, instead of once a page. Minifying a page's shell was the largest
//! single cost of the pages phase, and the sidebar is most of a shell: a folder's
//! pages all show the same list, differing only in which entry is the current page.
//!
//! This holds for the theme's own `partials/nav.html` and `base.html` only (a site's
//! own may read anything from a page's context): the sidebar is rendered for a page
//! that is no entry of it (`current` matches no URL), minified on its own, and kept by
//! its view ([`crate::nav::view_key`]) and root prefix once a second page shows it. A
//! page then gets that copy with ` aria-current=page` put into its own entry's link,
//! which is what the template's `{% if current == n.url %}` writes there. Where that
//! is not certain (the current page also linked as a folder's first page or an "N
//! more" entry, a URL the minifier quotes, one of the study tools' pages) the page is
//! rendered whole, as before. tests/nav_splice.rs builds sites both ways and compares
//! every file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tera::Context;

use super::common::Common;
use super::minify::{minify_fast, single_match};
use crate::nav::NavNode;
use crate::theme::SiteTemplate;
use crate::util::root_prefix;

/// Stands for the sidebar while a page's shell is minified: letters only.
pub(super) const NAV_PLACEHOLDER: &str = "studysiteNavPlaceholder4Jq8Wd";

/// The `current` a sidebar is rendered with for the memo: no page's URL.
const NO_CURRENT: &str = "\u{0}";

/// Levels of the sidebar that `partials/nav.html` writes out.
const NAV_LEVELS: usize = 6;

/// A sidebar, minified, with how often each URL is linked from it.
pub(super) struct MinifiedNav {
    html: Vec<u8>,
    /// URL → (entries that link it as their own page, which the current page marks;
    /// other links to it: a folder's first page, an "N more" entry).
    links: HashMap<String, (u32, u32)>,
}

/// Sidebars by view and root prefix.
pub(super) type NavMemo = Mutex<HashMap<(Vec<u32>, String), Slot>>;

/// A view's entry in the memo. A sidebar is kept the second time its view is met: in a
/// level too long to list whole, each page's view can be its own, and keeping those
/// would cost memory and gain nothing.
#[derive(Clone)]
pub(super) enum Slot {
    /// Met once: that page was rendered whole.
    Seen,
    /// Kept (`None`: this view's sidebar is rendered with each page).
    Kept(Option<Arc<MinifiedNav>>),
}

/// Whether a site's pages may take their sidebar from the memo: it keeps the theme's
/// `base.html` and `partials/nav.html`.
pub(super) fn applies(own: &[SiteTemplate]) -> bool {
    !own.iter()
        .any(|t| t.path.ends_with("base.html") || t.path.ends_with("partials/nav.html"))
}

impl Common<'_> {
    /// The minified sidebar of the page at `out_path` whose URL is `current`, when the
    /// memo can give it; `ctx` is the page's context.
    pub(super) fn memo_nav(&self, ctx: &Context, out_path: &str, current: &str) -> Option<Vec<u8>> {
        let u = &self.urls;
        // The sidebar marks these too.
        if !self.splice_nav
            || [&u.home, &u.questions, &u.quiz, &u.cheatsheet]
                .iter()
                .any(|t| *t == current)
        {
            return None;
        }
        let pos = self.positions.get(current).copied();
        let root = root_prefix(out_path);
        let key = (crate::nav::view_key(&self.site.nav, pos, self.full_nav), root.clone());
        let known = {
            let mut memo = self.nav_memo.lock().expect("nav memo");
            match memo.get(&key) {
                Some(slot) => slot.clone(),
                None => {
                    memo.insert(key, Slot::Seen);
                    return None;
                }
            }
        };
        let nav = match known {
            Slot::Kept(nav) => nav,
            Slot::Seen => {
                let nav = self.minify_nav(ctx, pos).map(Arc::new);
                self.nav_memo
                    .lock()
                    .expect("nav memo")
                    .insert(key, Slot::Kept(nav.clone()));
                nav
            }
        }?;
        mark_current(&nav, &root, current)
    }

    /// Renders and minifies the sidebar of the view of the page at `pos`, for a page
    /// that is no entry of it.
    fn minify_nav(&self, ctx: &Context, pos: Option<usize>) -> Option<MinifiedNav> {
        let mut ctx = ctx.clone();
        ctx.insert("current", NO_CURRENT);
        let html = minify_fast(self.run("partials/nav.html", &ctx).ok()?.into_bytes()).ok()?;
        let mut links = HashMap::new();
        count_links(&crate::nav::for_page(&self.site.nav, pos, self.full_nav), 1, &mut links);
        Some(MinifiedNav { html, links })
    }
}

/// Counts the links of the entries `partials/nav.html` writes: an entry's own URL if it
/// has one, else its folder's first page; an "N more" entry's URL.
fn count_links(nodes: &[NavNode], level: usize, links: &mut HashMap<String, (u32, u32)>) {
    for n in nodes {
        if n.more > 0 {
            links.entry(n.url.clone()).or_default().1 += 1;
            continue;
        }
        if !n.url.is_empty() {
            links.entry(n.url.clone()).or_default().0 += 1;
        } else if !n.first.is_empty() {
            links.entry(n.first.clone()).or_default().1 += 1;
        }
        if level < NAV_LEVELS {
            count_links(&n.children, level + 1, links);
        }
    }
}

/// The sidebar for the page `current`: the memo's, with its own entry marked.
fn mark_current(nav: &MinifiedNav, root: &str, current: &str) -> Option<Vec<u8>> {
    match nav.links.get(current).copied().unwrap_or_default() {
        (0, 0) => Some(nav.html.clone()),
        (1, 0) => {
            let link = format!("<a href={root}{current}>");
            let at = single_match(&nav.html, link.as_bytes())? + link.len() - 1;
            let mark = b" aria-current=page";
            let mut out = Vec::with_capacity(nav.html.len() + mark.len());
            out.extend_from_slice(&nav.html[..at]);
            out.extend_from_slice(mark);
            out.extend_from_slice(&nav.html[at..]);
            Some(out)
        }
        _ => None,
    }
}

/// Puts `nav` in a minified shell in place of [`NAV_PLACEHOLDER`] and the whitespace
/// around it (which the theme's sidebar, block elements only, would not have kept).
pub(super) fn splice(shell: &[u8], at: usize, nav: &[u8], out: &mut Vec<u8>) {
    let is_space = |c: &u8| c.is_ascii_whitespace();
    let start = at - shell[..at].iter().rev().take_while(|c| is_space(c)).count();
    let end = at + NAV_PLACEHOLDER.len();
    let end = end + shell[end..].iter().take_while(|c| is_space(c)).count();
    out.extend_from_slice(&shell[..start]);
    out.extend_from_slice(nav);
    out.extend_from_slice(&shell[end..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nav(html: &str, links: &[(&str, (u32, u32))]) -> MinifiedNav {
        MinifiedNav {
            html: html.as_bytes().to_vec(),
            links: links.iter().map(|(u, c)| (u.to_string(), *c)).collect(),
        }
    }

    #[test]
    fn the_current_page_is_marked_in_its_own_entry_only_when_that_is_certain() {
        let html = "<ol><li><a href=../a.html>A</a><li><a href=../b.html>B</a></ol>";
        let n = nav(html, &[("a.html", (1, 0)), ("b.html", (1, 0))]);
        let marked = String::from_utf8(mark_current(&n, "../", "b.html").unwrap()).unwrap();
        assert_eq!(
            marked,
            "<ol><li><a href=../a.html>A</a><li><a href=../b.html aria-current=page>B</a></ol>"
        );
        // Not in this sidebar: as it is.
        assert_eq!(mark_current(&n, "../", "c.html").unwrap(), html.as_bytes());
        // Also a folder's first page, linked twice, or quoted by the minifier: rendered whole.
        let twice = nav(html, &[("a.html", (1, 1))]);
        assert!(mark_current(&twice, "../", "a.html").is_none());
        let quoted = nav("<a href=\"../a b.html\">A</a>", &[("a b.html", (1, 0))]);
        assert!(mark_current(&quoted, "../", "a b.html").is_none());
    }

    #[test]
    fn the_placeholder_goes_with_the_whitespace_around_it() {
        let shell = format!("<nav id=sidebar> {NAV_PLACEHOLDER} </nav><main>");
        let mut out = Vec::new();
        splice(
            shell.as_bytes(),
            shell.find(NAV_PLACEHOLDER).unwrap(),
            b"<ol></ol>",
            &mut out,
        );
        assert_eq!(out, b"<nav id=sidebar><ol></ol></nav><main>");
    }
}
