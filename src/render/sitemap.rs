//! sitemap.xml (and robots.txt, which points at it), when the site has a base_url. A
//! site of several languages has one, at its root, listing every language.

use crate::config::Config;
use crate::routes::{GENERATED, special_path};
use crate::site::Site;

/// The URLs the sitemap lists, relative to the site's (or the language's) root.
pub fn sitemap_urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = vec![String::new()];
    urls.extend(site.order.iter().map(|&i| site.pages[i].source.url.clone()));
    for name in GENERATED {
        urls.push(special_path(name, site.config.url_style).1);
    }
    urls
}

pub(super) fn sitemap(site: &Site, config: &Config) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let urls = match &site.language {
        Some(m) => m.sitemap_urls(),
        None => sitemap_urls(site)
            .into_iter()
            .map(|u| format!("{}{u}", config.base_url))
            .collect(),
    };
    for u in urls {
        s.push_str("  <url><loc>");
        crate::util::escape_html_into(&mut s, &u);
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}
