//! The 404 page.

use tera::Context;

use super::common::{Common, push};
use crate::diagnostics::Diagnostic;
use crate::sink::Sink;
use crate::site::Site;

/// The 404 page.
pub(super) fn render(common: &Common, site: &Site, out: &dyn Sink, errors: &mut Vec<Diagnostic>) {
    let config = &site.config;
    // 404: served for a missing page at any depth, so its links are absolute: to base_url
    // when it is set, else to the host's root, with its styles inline so that it keeps
    // them even under a sub-path the build did not know about.
    let mut ctx = Context::new();
    ctx.insert("base_href", &config.base_url);
    // Served at any depth: no manifest link, no worker registered from here.
    ctx.insert("offline", &false);
    if config.base_url.is_empty() {
        ctx.insert("root", "/");
        let css: Vec<String> = ["style.css", "search.css"]
            .iter()
            .filter_map(|n| common.assets.bytes(n))
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect();
        ctx.insert("inline_css", &css.join("\n"));
    } else {
        ctx.insert("root", &config.base_url);
    }
    push(
        out,
        errors,
        "404.html",
        common.render("404.html", "404.html", "404.html", ctx),
    );
}
