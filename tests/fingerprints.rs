//! Fingerprinted assets: every file under `assets/` is named with a hash of its content (so
//! a host may cache it for ever), HTML and other static files never are, and a site's own
//! template that links an asset by its plain name is a clear error.

mod common;

use common::{Site, asset, is_hashed, stderr};

#[test]
fn asset_names_carry_a_content_hash_and_html_names_never_do() {
    let site = Site::new(&[
        ("content/_index.md", "Home.\n"),
        ("content/a.md", "# A\n\n![diagram](img/d.png)\n"),
        ("content/img/d.png", "png bytes"),
        ("static/files/handout.pdf", "%PDF"),
        ("static/assets/fonts/f.woff2", "font bytes"),
        (
            "static/assets/extra.css",
            "@font-face{font-family:F;src:url(\"fonts/f.woff2\") format(\"woff2\")}",
        ),
        (
            "templates/index.html",
            "{% extends \"base.html\" %}{% block head %}<link rel=\"stylesheet\" href=\"{{ root }}{{ assets[\"extra.css\"] }}\">{% endblock head %}",
        ),
    ]);
    site.build();
    let out = site.path("public");
    let files = common::snapshot_dir(&out);
    for (rel, _) in &files {
        let name = rel.rsplit('/').next().unwrap();
        if rel.ends_with(".html") {
            assert!(name.matches('.').count() == 1, "HTML keeps its name: {rel}");
        }
        if let Some(a) = rel.strip_prefix("assets/") {
            let plain = {
                let parts: Vec<&str> = a.rsplit('/').next().unwrap().split('.').collect();
                let mut p = parts.clone();
                p.remove(p.len() - 2);
                p.join(".")
            };
            assert!(is_hashed(a.rsplit('/').next().unwrap(), &plain), "{rel} has no hash");
        }
    }
    // Files outside assets/ keep their names: authors link to them by name.
    assert_eq!(site.read("public/files/handout.pdf"), "%PDF");
    assert_eq!(site.read("public/img/d.png"), "png bytes");
    assert!(site.read("public/a.html").contains("<img src=\"img/d.png\""));
    // A site's own CSS reaches its font under the font's hashed name.
    let font = asset(&out, "fonts/f.woff2");
    assert!(font.starts_with("assets/fonts/f."), "{font}");
    let extra = asset(&out, "extra.css");
    let css = site.read(&format!("public/{extra}"));
    assert!(
        css.contains(&format!("url(\"fonts/{}\")", font.rsplit('/').next().unwrap())),
        "{css}"
    );
    assert!(site.read("public/index.html").contains(&format!("href=\"{extra}\"")));

    // A changed file gets a new name; the others keep theirs.
    let (style, site_js) = (asset(&out, "style.css"), asset(&out, "site.js"));
    site.write("static/assets/site.js", "/* mine */");
    site.build();
    assert_eq!(asset(&out, "style.css"), style);
    assert_ne!(asset(&out, "site.js"), site_js);
    assert_eq!(site.read(&format!("public/{}", asset(&out, "site.js"))), "/* mine */");
    assert!(site.read("public/index.html").contains(&asset(&out, "site.js")));
}

#[test]
fn a_template_linking_an_asset_by_its_plain_name_is_a_clear_error() {
    let site = Site::new(&[
        ("content/a.md", "# A\n"),
        (
            "templates/page.html",
            "{% extends \"base.html\" %}\n{% block head %}<link rel=\"stylesheet\" href=\"{{ root }}assets/questions.css\">{% endblock head %}",
        ),
    ]);
    for cmd in ["build", "check"] {
        let out = site.run(&[cmd]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let err = stderr(&out);
        assert!(
            err.contains("page.html:2:56: error: `assets/questions.css` is not in the built site"),
            "{cmd}: {err}"
        );
        assert!(
            err.contains("{{ root }}{{ assets[\"questions.css\"] }}"),
            "{cmd}: {err}"
        );
    }
    // An asset the site does not have, by the new form: the template error names it.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block head %}<link href=\"{{ root }}{{ assets[\"nope.css\"] }}\">{% endblock head %}",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nope.css"), "{}", stderr(&out));
}
