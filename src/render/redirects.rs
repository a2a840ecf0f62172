//! Redirect pages for the pages' old addresses ([`crate::redirects`]): a meta refresh
//! (works without JavaScript and from `file://`), the page as canonical, and a link
//! for the reader whose browser does not follow the refresh.

use super::common::push;
use crate::diagnostics::Diagnostic;
use crate::sink::Sink;
use crate::site::Site;
use crate::util::{escape_html, root_prefix};

pub(super) fn render(site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    let sources: Vec<_> = site.pages.iter().map(|p| &p.source).collect();
    if !sources.iter().any(|p| !p.front.aliases.is_empty()) {
        return;
    }
    let (redirects, _) = crate::redirects::plan(&sources, &site.config);
    let ui = &site.config.strings().ui;
    for r in redirects {
        let page = &site.pages[r.page];
        let href = format!("{}{}", root_prefix(&r.out_path), page.source.url);
        let canonical = if site.config.base_url.is_empty() {
            href.clone()
        } else {
            format!("{}{}", site.config.base_url, page.source.url)
        };
        let title = escape_html(&page.parsed.title);
        let html = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <link rel=\"canonical\" href=\"{canonical}\"><meta name=\"robots\" content=\"noindex\">\
             <meta http-equiv=\"refresh\" content=\"0; url={href}\"></head>\
             <body><p>{moved} <a href=\"{href}\">{title}</a></p></body></html>\n",
            lang = escape_html(&site.config.language),
            canonical = escape_html(&canonical),
            href = escape_html(&href),
            moved = escape_html(crate::locale::text(ui, "page_moved")),
        );
        push(out, errors, &r.out_path, Ok(html.into_bytes()));
    }
}
