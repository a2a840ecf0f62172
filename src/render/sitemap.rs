//! sitemap.xml (and robots.txt, which points at it), when the site has a base_url.

use crate::config::Config;
use crate::routes::{GENERATED, special_path};
use crate::site::Site;

pub(super) fn sitemap(site: &Site, config: &Config) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<String> = vec![String::new()];
    urls.extend(site.order.iter().map(|&i| site.pages[i].source.url.clone()));
    for name in GENERATED {
        urls.push(special_path(name, config.url_style).1);
    }
    for u in urls {
        s.push_str("  <url><loc>");
        crate::util::escape_html_into(&mut s, &format!("{}{}", config.base_url, u));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}
