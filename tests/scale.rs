//! A site too large to list every page on every page: each page's sidebar holds the top
//! level and its own folder, so the output grows with the page count, not its square.

mod common;

use common::{Site, attr_values, broken_links};

const FOLDERS: usize = 8;
const PER_FOLDER: usize = 30;

fn big_site() -> Site {
    let site = Site::new(&[("studysite.toml", "title = \"Big\"\n")]);
    for f in 0..FOLDERS {
        site.write(
            &format!("content/part{f}/_index.md"),
            &format!("+++\ntitle = \"Part {f}\"\nweight = {f}\n+++\n\nPart {f}.\n"),
        );
        for p in 0..PER_FOLDER {
            site.write(
                &format!("content/part{f}/page{p:02}.md"),
                &format!("+++\ntitle = \"Part {f} page {p}\"\nweight = {p}\n+++\n\n## Heading\n\nText of page {p}.\n"),
            );
        }
    }
    site
}

#[test]
fn a_large_sites_sidebar_lists_the_top_level_and_the_current_folder() {
    let site = big_site();
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/part3/page05.html");
    let links = attr_values(&html, "href");
    // Siblings in the same folder are listed...
    for p in 0..PER_FOLDER {
        let sib = format!("../part3/page{p:02}.html");
        assert!(
            links.iter().any(|l| l == &sib),
            "sidebar lacks sibling {sib}: {links:?}"
        );
    }
    // ...pages of other folders are not, but each other folder is, by its own page.
    assert!(!links.iter().any(|l| l.contains("part4/page")), "{links:?}");
    for f in (0..FOLDERS).filter(|&f| f != 3) {
        let index = format!("../part{f}/index.html");
        assert!(
            links.iter().any(|l| l == &index),
            "sidebar lacks folder {index}: {links:?}"
        );
    }
    assert!(html.contains("nav-collapsed"), "closed folders are marked");
    // Every link of the site still resolves.
    assert_eq!(broken_links(&site.path("public")), Vec::<String>::new());
}

#[test]
fn a_small_site_lists_every_page_on_every_page() {
    let site = Site::new(&[
        ("studysite.toml", "title = \"Small\"\n"),
        ("content/a/one.md", "+++\ntitle = \"One\"\n+++\n\nOne.\n"),
        ("content/b/two.md", "+++\ntitle = \"Two\"\n+++\n\nTwo.\n"),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/a/one.html");
    assert!(attr_values(&html, "href").iter().any(|l| l == "../b/two.html"));
    assert!(!html.contains("nav-collapsed"));
}

/// `folders` top-level folders of two pages each, and one folder `long/` of 80 pages.
fn wide_site(folders: usize) -> Site {
    let site = Site::new(&[("studysite.toml", "title = \"Wide\"\n")]);
    for f in 0..folders {
        site.write(
            &format!("content/f{f:03}/_index.md"),
            &format!("+++\ntitle = \"Folder {f}\"\nweight = {f}\n+++\n\nFolder {f}.\n"),
        );
        for p in 0..2 {
            site.write(
                &format!("content/f{f:03}/p{p}.md"),
                &format!("+++\ntitle = \"F{f} page {p}\"\nweight = {p}\n+++\n\nText.\n"),
            );
        }
    }
    site.write(
        "content/long/_index.md",
        &format!("+++\ntitle = \"Long\"\nweight = {folders}\n+++\n\nLong.\n"),
    );
    for p in 0..80 {
        site.write(
            &format!("content/long/p{p:02}.md"),
            &format!("+++\ntitle = \"Long page {p}\"\nweight = {p}\n+++\n\nText.\n"),
        );
    }
    site
}

/// The sidebar of a built page: its `<nav id=sidebar>` element.
fn sidebar(html: &str) -> &str {
    let start = html.find("id=\"sidebar\"").expect("a sidebar");
    let end = start + html[start..].find("</nav>").expect("the sidebar ends");
    &html[start..end]
}

#[test]
fn a_long_level_shows_a_window_around_the_page_and_links_to_the_rest() {
    let site = wide_site(120);
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));

    let html = site.read("public/f060/p0.html");
    let nav = sidebar(&html);
    let links = attr_values(nav, "href");
    // The 15 folders either side of the current one, no further.
    for f in 45..=75 {
        assert!(
            links.contains(&format!("../f{f:03}/index.html")),
            "lacks folder {f}: {links:?}"
        );
    }
    assert!(
        !links
            .iter()
            .any(|l| l == "../f044/index.html" || l == "../f076/index.html"),
        "{links:?}"
    );
    // The rest are counted, with a link to where they are listed.
    assert!(nav.contains(">45 more<"), "{nav}");
    assert!(nav.contains(&format!(">{} more<", 121 - 76)), "{nav}");
    assert_eq!(
        links.iter().filter(|l| *l == "../index.html#sections-title").count(),
        2,
        "{links:?}"
    );

    // In the 80-page folder: the pages around the current one, and the folder's page for
    // the rest; the current page is marked once and no "more" link is.
    let html = site.read("public/long/p40.html");
    let nav = sidebar(&html);
    let links = attr_values(nav, "href");
    for p in 25..=55 {
        assert!(
            links.contains(&format!("../long/p{p:02}.html")),
            "lacks page {p}: {links:?}"
        );
    }
    assert!(!links.contains(&"../long/p24.html".to_string()), "{links:?}");
    assert!(nav.contains(">25 more<") && nav.contains(">24 more<"), "{nav}");
    assert_eq!(nav.matches("aria-current").count(), 1, "{nav}");
    assert!(
        nav.contains("<li class=\"nav-more\"><a href=\"../long/index.html\">25 more</a>"),
        "{nav}"
    );
    // The folder's own page lists all 80.
    let index = site.read("public/long/index.html");
    let main = &index[index.find("<main").unwrap()..];
    for p in 0..80 {
        assert!(main.contains(&format!("p{p:02}.html")), "folder page lacks page {p}");
    }
    assert_eq!(broken_links(&site.path("public")), Vec::<String>::new());
}

#[test]
fn a_pages_sidebar_does_not_grow_with_the_number_of_folders() {
    let sizes: Vec<usize> = [60, 240]
        .iter()
        .map(|&n| {
            let site = wide_site(n);
            let out = site.build();
            assert!(out.status.success(), "{}", common::stderr(&out));
            sidebar(&site.read("public/f030/p1.html")).len()
        })
        .collect();
    // Four times the folders, the same window: only the counts' digits differ.
    assert!(
        sizes[1] < sizes[0] + 20,
        "sidebar bytes at 60 and 240 folders: {sizes:?}"
    );
}

/// A bank too large for one questions page: folder `alpha` of 60 pages, and four folders
/// of 8, each page 15 choice questions with explanations.
fn big_bank(config: &str) -> Site {
    let site = Site::new(&[("studysite.toml", &format!("title = \"Bank\"\n{config}"))]);
    let folders = [("alpha", 60), ("beta", 8), ("gamma", 8), ("delta", 8), ("epsilon", 8)];
    for (w, (f, pages)) in folders.iter().enumerate() {
        site.write(
            &format!("content/{f}/_index.md"),
            &format!("+++\ntitle = \"Folder {f}\"\nweight = {w}\n+++\n\nAbout {f}.\n"),
        );
        for p in 0..*pages {
            let mut text = format!(
                "+++\ntitle = \"{f} page {p}\"\nweight = {p}\ntags = [\"notes\"]\n+++\n\n## Notes\n\nText.\n\n"
            );
            for q in 0..15 {
                text.push_str(&format!(
                    "### Which option is right for {f} {p} {q}?\n<!-- id: {f}-{p}-{q}; tags: {f}, t{} -->\n\n\
                     - [x] The right one, number {q}, with some words to make it a realistic length\n\
                     - [ ] A wrong one that sounds plausible enough to be picked by a reader\n  \
                     > Wrong because the notes say otherwise, in the section on this very topic.\n\
                     - [ ] Another wrong one, also of a realistic length for an exam question\n\
                     - [ ] A third wrong one\n\n",
                    q % 4
                ));
            }
            site.write(&format!("content/{f}/p{p:02}.md"), &text);
        }
    }
    site
}

const MB: usize = 1024 * 1024;

#[test]
fn a_large_bank_is_split_into_a_questions_index_and_a_page_per_folder() {
    let site = big_bank("");
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let public = site.path("public");
    // No generated page is over the cap, and every question is on exactly one part.
    let mut total = 0;
    let mut parts = Vec::new();
    for e in std::fs::read_dir(&public).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let len = std::fs::metadata(public.join(&name)).unwrap().len() as usize;
        assert!(len <= MB, "{name} is {len} bytes");
        if name.starts_with("questions-") {
            total += site
                .read(&format!("public/{name}"))
                .matches("<div class=\"question\" id=")
                .count();
            parts.push(name);
        }
    }
    parts.sort();
    assert_eq!(total, 92 * 15, "every question on a part: {parts:?}");
    assert_eq!(
        parts,
        [
            "questions-alpha-2.html",
            "questions-alpha.html",
            "questions-beta.html",
            "questions-delta.html",
            "questions-epsilon.html",
            "questions-gamma.html"
        ]
    );
    // The index links to each part, with its count.
    let index = site.read("public/questions.html");
    let links = attr_values(&index, "href");
    for p in &parts {
        assert!(links.contains(p), "index lacks {p}: {links:?}");
    }
    assert!(
        index.contains("Folder beta <span class=\"count\">120</span>"),
        "{index}"
    );
    assert!(index.contains("Folder alpha (1/2)") && index.contains("Folder alpha (2/2)"));
    // A part has the toolbar, its own tags in the filter, and a way back.
    let beta = site.read("public/questions-beta.html");
    assert!(beta.contains("data-action=\"reveal-all\""));
    assert!(beta.contains("<option value=\"beta\">beta (120)</option>"), "{beta}");
    assert!(!beta.contains("<option value=\"alpha\""));
    assert!(attr_values(&beta, "href").contains(&"questions.html".to_string()));
    assert!(beta.contains("id=\"q-beta-3-7\""));
    // A note page's tag chips point into the part that lists its questions.
    let page = site.read("public/beta/p03.html");
    assert!(
        attr_values(&page, "href").contains(&"../questions-beta.html?tag=notes".to_string()),
        "{:?}",
        attr_values(&page, "href")
    );
    let page = site.read("public/alpha/p59.html");
    assert!(attr_values(&page, "href").contains(&"../questions-alpha-2.html?tag=notes".to_string()));
    assert_eq!(broken_links(&public), Vec::<String>::new());
}

#[test]
fn a_split_bank_prints_each_parts_own_answer_key_with_pretty_urls() {
    let site = big_bank("url_style = \"pretty\"\n[print]\nanswers = \"key\"\n");
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let beta = site.read("public/questions-beta/index.html");
    assert!(beta.len() <= MB, "{}", beta.len());
    let key = &beta[beta.find("answer-key").expect("an answer key")..];
    assert!(
        key.contains("data-qid=\"beta-3-7\"") && !key.contains("data-qid=\"alpha-"),
        "the key holds the part's questions"
    );
    assert_eq!(broken_links(&site.path("public")), Vec::<String>::new());
}

#[test]
fn an_author_page_over_a_megabyte_is_warned_about() {
    let big = format!(
        "+++\ntitle = \"Huge\"\n+++\n\n{}",
        "A paragraph of notes that goes on.\n\n".repeat(40_000)
    );
    let site = Site::new(&[("studysite.toml", "title = \"W\"\n"), ("content/huge.md", &big)]);
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(err.contains("huge.md") && err.contains("MB"), "{err}");
}

#[test]
fn a_large_banks_quiz_data_is_a_manifest_and_a_script_per_section() {
    let site = big_bank("");
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let assets = site.path("public/assets");
    let names: Vec<String> = std::fs::read_dir(&assets)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let manifest_name = names
        .iter()
        .find(|n| common::is_hashed(n, "quiz-data.js"))
        .expect("quiz-data.js");
    let manifest = site.read(&format!("public/assets/{manifest_name}"));
    // No row per question: a section's count, and its tags' counts.
    assert!(manifest.contains("\"v\":3,"), "{}", &manifest[..400]);
    assert!(!manifest.contains("alpha-0-0"), "no question id in the manifest");
    assert!(manifest.contains("\"n\":["), "{}", &manifest[..400]);
    // Every section's ids, for progress stored without its section, in a file of their own.
    let ids_hash = &manifest[manifest.find("\"ids\":\"").expect("ids") + 7..][..10];
    let ids = site.read(&format!("public/assets/quiz-ids.{ids_hash}.js"));
    assert!(ids.starts_with("(window.STUDYSITE_QUIZ_PARTS=window.STUDYSITE_QUIZ_PARTS||{}).ids="));
    assert!(ids.contains("alpha-0-0"), "{}", &ids[..200]);
    // Each section's count and script, in the order of the pages.
    let column = &manifest[manifest.find("\"h\":[").expect("a hash per section") + 5..];
    let hashes: Vec<&str> = column[..column.find(']').unwrap()]
        .split(',')
        .map(|h| h.trim_matches('"'))
        .collect();
    assert_eq!(hashes.len(), 92);
    let mut parts = 0;
    for (n, h) in hashes.iter().enumerate() {
        let text = site.read(&format!("public/assets/quiz-data-{n}.{h}.js"));
        assert!(text.starts_with(&format!(
            "(window.STUDYSITE_QUIZ_PARTS=window.STUDYSITE_QUIZ_PARTS||{{}})[{n}]="
        )));
        parts += text.len();
    }
    assert_eq!(
        names.iter().filter(|n| n.starts_with("quiz-data-")).count(),
        92,
        "no other section scripts"
    );
    // The manifest is what the quiz page loads before a session: a small part of the bank.
    assert!(
        manifest.len() * 20 < parts,
        "manifest {} bytes, sections {parts}",
        manifest.len()
    );
    let quiz = site.read("public/quiz.html");
    assert!(quiz.contains("quiz-loader."), "the quiz page loads the loader");
    // A question's text is only in its section's script.
    assert!(!manifest.contains("Which option is right"));
}

#[test]
fn a_small_banks_quiz_data_stays_one_script_and_the_page_no_loader() {
    let site = Site::new(&[
        ("studysite.toml", "title = \"Small\"\n"),
        (
            "content/a.md",
            "+++\ntitle = \"A\"\n+++\n\n## Is it small?\n\n✅ Yes.\n",
        ),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let quiz = site.read("public/quiz.html");
    assert!(!quiz.contains("quiz-loader."));
    let names: Vec<String> = std::fs::read_dir(site.path("public/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with("quiz-data-")), "{names:?}");
}

#[test]
fn a_large_cheat_sheet_is_split_by_folder_too() {
    let site = Site::new(&[("studysite.toml", "title = \"Tips\"\n")]);
    let words = "a tip long enough to matter on the printed sheet, ".repeat(18);
    for f in ["one", "two", "three"] {
        site.write(
            &format!("content/{f}/_index.md"),
            &format!("+++\ntitle = \"Folder {f}\"\n+++\n\n{f}.\n"),
        );
        for p in 0..30 {
            let mut text = format!("+++\ntitle = \"{f} {p}\"\nweight = {p}\n+++\n\n");
            for t in 0..12 {
                text.push_str(&format!("## Part {t}\n\n> [!TIP]\n> Tip {f}-{p}-{t}: {words}\n\n"));
            }
            site.write(&format!("content/{f}/p{p:02}.md"), &text);
        }
    }
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let index = site.read("public/cheatsheet.html");
    let links = attr_values(&index, "href");
    let parts: Vec<&String> = links.iter().filter(|l| l.starts_with("cheatsheet-")).collect();
    assert!(parts.len() >= 3, "{links:?}");
    let mut tips = 0;
    for p in &parts {
        let html = site.read(&format!("public/{p}"));
        assert!(html.len() <= MB, "{p}: {} bytes", html.len());
        tips += html.matches("Tip ").count();
    }
    assert_eq!(tips, 3 * 30 * 12, "every tip on one part");
    assert!(site.read("public/cheatsheet-two.html").contains("Tip two-0-0:"));
    assert_eq!(broken_links(&site.path("public")), Vec::<String>::new());
}

/// Folders five deep (a vault's `Courses/CS101/Week 1/Lecture 2/`): the sidebar of the
/// deepest page shows every folder on the way down and the page itself, marked current.
#[test]
fn a_deep_page_shows_its_whole_way_in_the_sidebar() {
    let site = Site::new(&[("studysite.toml", "title = \"Deep\"\n")]);
    let mut dir = String::from("content");
    for level in 1..=5 {
        dir.push_str(&format!("/level{level}"));
        site.write(
            &format!("{dir}/_index.md"),
            &format!("# Level {level}\n\nFolder {level}.\n"),
        );
        site.write(
            &format!("{dir}/sibling{level}.md"),
            &format!("# Sibling {level}\n\nText.\n"),
        );
    }
    site.write(&format!("{dir}/deepest.md"), "# The deepest note\n\nText.\n");
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/level1/level2/level3/level4/level5/deepest.html");
    let nav = sidebar(&html);
    for level in 1..=5 {
        assert!(
            nav.contains(&format!(">Level {level}</a>")),
            "level {level} missing: {nav}"
        );
    }
    assert!(nav.contains("aria-current=\"page\">The deepest note</a>"), "{nav}");
    assert!(nav.contains(">Sibling 5</a>"), "the page's own folder is listed: {nav}");
    assert_eq!(broken_links(&site.path("public")), Vec::<String>::new());
}

#[test]
fn a_part_of_the_questions_page_loads_the_math_stylesheet_only_if_its_questions_show_a_formula() {
    let site = big_bank("");
    // A formula in one option of one question of folder beta (and none anywhere else).
    let page = site.read("content/beta/p03.md");
    site.write(
        "content/beta/p03.md",
        &page.replacen("- [ ] A third wrong one", "- [ ] A third wrong one, $x^2$", 1),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let math_css = |name: &str| {
        let html = site.read(&format!("public/{name}"));
        attr_values(&html, "href").iter().any(|h| h.contains("assets/math."))
    };
    assert!(site.read("public/questions-beta.html").contains("<math"));
    assert!(
        math_css("questions-beta.html"),
        "the part with the formula needs the stylesheet"
    );
    for other in ["questions-alpha.html", "questions-gamma.html", "questions-delta.html"] {
        assert!(!math_css(other), "{other} has no formula");
    }
}
