//! Several languages in one site (issue 21): `[languages.<code>]` tables with the pages
//! in `content/<code>/`; each language built with its own strings, pages, search index
//! and quiz data (the default at the root, the others under `<code>/`); a switcher that
//! lands on the same page (by path or `translation_key`) or on the language's home;
//! hreflang and one sitemap with a base_url; links between languages; errors for a bad
//! table at `path:line:col`.

mod common;

use common::{Site, stderr};

const CONFIG: &str =
    "title = \"Cloud notes\"\nlanguage = \"en\"\n\n[languages.en]\n\n[languages.de]\ntitle = \"Cloud-Notizen\"\n";

fn site(config: &str) -> Site {
    Site::new(&[
        ("studysite.toml", config),
        (
            "content/en/_index.md",
            "# Welcome\n\nRead [S3](s3.md) or [S3 in German](../de/s3.md#fragen).\n",
        ),
        (
            "content/en/s3.md",
            "# S3\n\nObject storage for buckets.\n\n## What is S3 made of?\n\n✅ Buckets of objects.\n",
        ),
        ("content/en/only.md", "# Only in English\n\nPlankton.\n"),
        (
            "content/en/guide/iam.md",
            "+++\ntranslation_key = \"iam\"\n+++\n# IAM\n\nUsers.\n",
        ),
        ("content/de/_index.md", "# Willkommen\n\nLies [S3](s3.md).\n"),
        (
            "content/de/s3.md",
            "# S3 auf Deutsch\n\nObjektspeicher. Zurück: [English](../en/s3.md).\n\n## Fragen\n\n## Woraus besteht S3?\n\n✅ Aus Eimern voller Objekte.\n",
        ),
        (
            "content/de/guide/zugriff.md",
            "+++\ntranslation_key = \"iam\"\n+++\n# Zugriffsverwaltung\n\nBenutzer.\n",
        ),
    ])
}

/// The `href`s of the switcher's links on a page, with the one marked current.
fn switcher(html: &str) -> Vec<(String, bool)> {
    let nav = html
        .split("<nav class=\"languages\"")
        .nth(1)
        .expect("a language switcher");
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let href = a[..a.find('"').unwrap()].to_string();
            (href, a[..a.find('>').unwrap()].contains("aria-current"))
        })
        .collect()
}

/// Where a relative link from the page at `from` leads, as a path in the output.
fn follow(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('#').next().unwrap().split('/') {
        match seg {
            ".." => {
                parts.pop().expect("a link out of the site");
            }
            "" | "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Every file of an assets folder whose name starts with `stem`, read together.
fn assets(s: &Site, dir: &str, stem: &str) -> String {
    let mut text = String::new();
    for e in std::fs::read_dir(s.path(dir)).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with(stem) {
            text.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    assert!(!text.is_empty(), "no {dir}/{stem}*");
    text
}

#[test]
fn each_language_has_its_pages_strings_search_and_quiz() {
    let s = site(CONFIG);
    s.build();
    let en = s.read("public/s3.html");
    let de = s.read("public/de/s3.html");
    assert!(en.contains("<html lang=\"en\""), "{en}");
    assert!(de.contains("<html lang=\"de\""), "{de}");
    // Interface strings from each language's locale.
    assert!(en.contains(">Questions</a>") && en.contains(">Cheat sheet</a>"));
    assert!(de.contains(">Fragen</a>") && de.contains(">Spickzettel</a>"), "{de}");
    // Titles from the tables; each home page is its own language's.
    assert!(s.read("public/index.html").contains("Welcome"));
    let de_home = s.read("public/de/index.html");
    assert!(
        de_home.contains("Willkommen") && de_home.contains("Cloud-Notizen"),
        "{de_home}"
    );
    assert!(!s.path("public/de/only.html").exists() && s.path("public/only.html").exists());
    assert!(!s.path("public/en").exists(), "the default language is at the root");
    // The questions page, the quiz data and the search index hold one language each.
    let q_de = s.read("public/de/questions.html");
    assert!(q_de.contains("Woraus besteht S3?") && !q_de.contains("What is S3 made of?"));
    let q_en = s.read("public/questions.html");
    assert!(q_en.contains("What is S3 made of?") && !q_en.contains("Woraus besteht S3?"));
    let quiz_de = assets(&s, "public/de/assets", "quiz-data");
    assert!(quiz_de.contains("Woraus besteht S3") && !quiz_de.contains("What is S3"));
    let quiz_en = assets(&s, "public/assets", "quiz-data");
    assert!(quiz_en.contains("What is S3") && !quiz_en.contains("Woraus"));
    let search_de = assets(&s, "public/de/assets", "search-");
    assert!(search_de.contains("Zugriffsverwaltung") && !search_de.contains("Plankton"));
    let search_en = assets(&s, "public/assets", "search-");
    assert!(search_en.contains("Plankton") && !search_en.contains("Zugriffsverwaltung"));
    // The quiz's scripts speak German in German.
    assert!(assets(&s, "public/de/assets", "quiz-strings").contains("\"de\""));
    // Progress is kept apart for the other language only: the default keeps its key.
    assert!(en.contains("data-site=\"cloud-notes\""));
    assert!(de.contains("data-site=\"cloud-notes/de\""), "{de}");
    assert!(s.path("public/.nojekyll").exists() && !s.path("public/de/.nojekyll").exists());
}

#[test]
fn the_switcher_lands_on_the_same_page_or_on_home() {
    let s = site(CONFIG);
    s.build();
    let out = s.path("public");
    for (page, expected) in [
        ("s3.html", ["s3.html", "de/s3.html"]),
        ("de/s3.html", ["s3.html", "de/s3.html"]),
        ("guide/iam.html", ["guide/iam.html", "de/guide/zugriff.html"]),
        ("de/guide/zugriff.html", ["guide/iam.html", "de/guide/zugriff.html"]),
        ("only.html", ["only.html", "de/index.html"]),
        ("index.html", ["index.html", "de/index.html"]),
        ("de/quiz.html", ["quiz.html", "de/quiz.html"]),
        ("de/questions.html", ["questions.html", "de/questions.html"]),
    ] {
        let links = switcher(&s.read(&format!("public/{page}")));
        let landed: Vec<String> = links.iter().map(|(h, _)| follow(page, h)).collect();
        assert_eq!(landed, expected, "from {page}: {links:?}");
        for l in &landed {
            assert!(out.join(l).is_file(), "{l} from {page}");
        }
        let current: Vec<bool> = links.iter().map(|(_, c)| *c).collect();
        assert_eq!(current, [!page.starts_with("de/"), page.starts_with("de/")], "{page}");
    }
    // Two pages of a language with one key: a warning; the switcher leads to the first.
    s.write(
        "content/de/guide/zweite.md",
        "+++\ntranslation_key = \"iam\"\n+++\n# Zweite\n",
    );
    let err = stderr(&s.build());
    assert!(err.contains("zweite.md") && err.contains("is also the key of"), "{err}");
    assert_eq!(
        switcher(&s.read("public/guide/iam.html"))[1].0,
        "../de/guide/zugriff.html"
    );
    let html = s.read("public/de/s3.html");
    assert!(html.contains("aria-label=\"Sprachen\"") && html.contains(">Deutsch<") && html.contains(">English<"));
    assert!(!s.read("public/404.html").contains("class=\"languages\""));
}

#[test]
fn links_between_languages_resolve_and_are_not_broken() {
    let s = site(CONFIG);
    let check = s.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!stderr(&check).contains("broken"), "{}", stderr(&check));
    s.build();
    assert!(s.read("public/index.html").contains("href=\"de/s3.html#fragen\""));
    assert!(s.read("public/de/s3.html").contains("href=\"../s3.html\""));
    // Links inside a language stay inside it.
    assert!(s.read("public/de/index.html").contains("href=\"s3.html\""));
    // A link to a page another language does not have is broken.
    s.write("content/de/s3.md", "# S3\n\n[fehlt](../en/nirgends.md)\n");
    let check = s.run(&["check"]);
    assert!(!check.status.success());
    let err = stderr(&check);
    assert!(
        err.contains("s3.md:3:1") && err.contains("no page `nirgends.md` in content/en/"),
        "{err}"
    );
}

#[test]
fn hreflang_and_one_sitemap_with_a_base_url() {
    let s = site(CONFIG);
    s.build();
    let plain = s.read("public/de/s3.html");
    assert!(!plain.contains("hreflang=\"en\" href="), "no base_url, no alternates");
    let out = s.run(&["build", "--no-minify", "--base-url", "https://example.org/notes/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let de = s.read("public/de/guide/zugriff.html");
    for (lang, href) in [
        ("en", "https://example.org/notes/guide/iam.html"),
        ("de", "https://example.org/notes/de/guide/zugriff.html"),
        ("x-default", "https://example.org/notes/guide/iam.html"),
    ] {
        let link = format!("<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\">");
        assert!(de.contains(&link), "{link} in {de}");
    }
    // A page in one language has no alternates.
    assert!(!s.read("public/only.html").contains("rel=\"alternate\""));
    let sitemap = s.read("public/sitemap.xml");
    for url in [
        "notes/s3.html",
        "notes/de/s3.html",
        "notes/de/guide/zugriff.html",
        "notes/de/quiz.html",
    ] {
        assert!(
            sitemap.contains(&format!("https://example.org/{url}</loc>")),
            "{url}: {sitemap}"
        );
    }
    assert!(!s.path("public/de/sitemap.xml").exists() && !s.path("public/de/robots.txt").exists());
}

#[test]
fn right_to_left_languages_get_their_direction() {
    let s = Site::new(&[
        (
            "studysite.toml",
            "title = \"T\"\n[languages.en]\n[languages.he]\ntitle = \"הערות\"\n",
        ),
        ("content/en/_index.md", "# Home\n"),
        ("content/he/_index.md", "# בית\n"),
    ]);
    s.build();
    assert!(s.read("public/he/index.html").contains("<html lang=\"he\" dir=\"rtl\""));
    assert!(!s.read("public/index.html").contains("dir=\"rtl\""));
}

#[test]
fn a_bad_languages_table_is_an_error_at_its_place() {
    // (studysite.toml, extra files, where, what)
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Case] = &[
        (
            "title = \"T\"\nlanguage = \"fr\"\n[languages.en]\n[languages.de]\n",
            &[],
            "studysite.toml:2:1",
            "the default language `fr` is not in [languages]",
        ),
        (
            "[languages.en]\n\n[languages.\"en/x\"]\n",
            &[],
            "studysite.toml:3:2",
            "`en/x` in [languages] is not a language code",
        ),
        (
            "[languages.en]\n[languages.fr]\n",
            &[],
            "studysite.toml:2:2",
            "language `fr` has no folder content/fr/",
        ),
        (
            "[languages]\nen = {}\nde = \"Deutsch\"\n",
            &[],
            "studysite.toml:3:6",
            "wrong value for `languages.de`",
        ),
        (
            "[languages.en]\n[languages.de]\n",
            &[("content/notes.md", "# Stray\n")],
            "notes.md",
            "this is in no language's folder",
        ),
        (
            "[languages.en]\n[languages.de]\n",
            &[("content/en/de/x.md", "# Clash\n")],
            "x.md",
            "its output `de/x.html` is inside the de language's folder",
        ),
    ];
    for (config, extra, at, message) in cases {
        let s = site(config);
        for (p, t) in *extra {
            s.write(p, t);
        }
        let out = s.run(&["build"]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{config}: {err}");
        let line = err
            .lines()
            .find(|l| l.contains(message))
            .unwrap_or_else(|| panic!("{message} in {err}"));
        assert!(line.contains(at), "{at} in {line}");
        assert!(!s.path("public/index.html").exists());
    }
}

#[test]
fn folders_named_like_languages_stay_sections_without_the_table() {
    let s = Site::new(&[
        ("studysite.toml", "title = \"T\"\n"),
        ("content/_index.md", "# Home\n"),
        ("content/it/networks.md", "# Networks\n"),
        ("content/de/ports.md", "# Ports\n"),
    ]);
    s.build();
    assert!(s.path("public/it/networks.html").exists() && s.path("public/de/ports.html").exists());
    assert!(!s.read("public/it/networks.html").contains("class=\"languages\""));
    let check = s.run(&["check"]);
    assert!(check.status.success());
    assert!(
        stderr(&check).contains("[languages.de] [languages.it]"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn the_switcher_follows_pretty_urls() {
    let s = site(&format!("url_style = \"pretty\"\n{CONFIG}"));
    s.build();
    let links = switcher(&s.read("public/de/s3/index.html"));
    let hrefs: Vec<&str> = links.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(hrefs, ["../../s3/", "../../de/s3/"]);
    let links = switcher(&s.read("public/guide/iam/index.html"));
    assert_eq!(follow("guide/iam/index.html", &links[1].0), "de/guide/zugriff");
    assert!(s.path("public/de/guide/zugriff/index.html").is_file());
}
