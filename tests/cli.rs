//! The real binary on fixture sites in temporary folders: output layout, the summary line,
//! URLs and overrides, and behaviour a user would notice. Errors are in tests/errors.rs,
//! awkward input in tests/awkward_input.rs, the output folder's safety in
//! tests/output_folder.rs, the printed answer key and the cheat sheet in tests/print.rs.

mod common;

use common::{Site, asset, basic, bin, snapshot_dir, stderr};

#[test]
fn build_writes_every_page_and_a_summary_line() {
    let site = basic();
    let out = site.build();
    let err = stderr(&out);
    let last = err.lines().last().unwrap();
    assert!(last.starts_with("Built 7 pages, 2 questions, "), "{err}");
    assert!(
        last.contains(" in ") && (last.ends_with(" ms") || last.ends_with(" s")),
        "{last}"
    );
    for f in [
        "index.html",
        "ec2.html",
        "s3.html",
        "questions.html",
        "quiz.html",
        "cheatsheet.html",
        "404.html",
        ".nojekyll",
        ".studysite-output",
    ] {
        assert!(site.path("public").join(f).is_file(), "missing {f}");
    }
    for name in [
        "style.css",
        "highlight.css",
        "quiz-data.js",
        "quiz.js",
        "search-index.js",
    ] {
        asset(&site.path("public"), name);
    }
    assert!(!site.path("public/sitemap.xml").exists(), "no sitemap without base_url");
    let ec2 = site.read("public/ec2.html");
    assert!(ec2.contains("<a href=\"s3.html#classes\">S3</a>"), "md link rewritten");
    assert!(ec2.contains("callout callout-tip"));
    assert!(ec2.contains("<details class=\"q-answer\"><summary>Show answer</summary>"));
    assert!(ec2.contains("rel=\"next\" href=\"s3.html\""), "next link");
    let home = site.read("public/index.html");
    assert!(home.contains("Welcome to the notes.") && home.contains("Instances") && home.contains("Compute."));
    let cheat = site.read("public/cheatsheet.html");
    assert!(
        cheat.contains("Tip text.") && cheat.contains("Glacier"),
        "callouts and marked tables on the cheat sheet"
    );
}

#[test]
fn no_request_leaves_the_site() {
    let site = basic();
    site.build();
    for f in [
        "public/index.html",
        "public/ec2.html",
        "public/quiz.html",
        "public/questions.html",
    ] {
        let html = site.read(f);
        for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
            assert!(!html.contains(attr), "{f} loads something from outside: {attr}");
        }
    }
    let css = site.read(&format!("public/{}", asset(&site.path("public"), "style.css")));
    assert!(
        !css.contains("@import") && !css.contains("url(http"),
        "no external fonts or imports"
    );
}

#[test]
fn base_url_adds_sitemap_robots_and_canonical() {
    let site = basic();
    // A URL without a scheme would end up as a relative <loc> in the sitemap.
    let out = site.run(&["build", "--base-url", "me.github.io/notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`me.github.io/notes` has no scheme"),
        "{}",
        stderr(&out)
    );
    assert!(!site.path("public").exists());
    let out = site.run(&["build", "--no-minify", "--base-url", "https://example.com/notes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.com/notes/ec2.html</loc>"),
        "{sitemap}"
    );
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://example.com/notes/sitemap.xml")
    );
    assert!(
        site.read("public/ec2.html")
            .contains("<link rel=\"canonical\" href=\"https://example.com/notes/ec2.html\">")
    );
    let style = asset(&site.path("public"), "style.css");
    let not_found = site.read("public/404.html");
    assert!(
        not_found.contains(&format!("href=\"https://example.com/notes/{style}\""))
            && not_found.contains("href=\"https://example.com/notes/index.html\""),
        "404 links are absolute under the base URL: {not_found}"
    );
}

#[test]
fn pretty_urls_write_folders_and_link_relatively() {
    let site = basic();
    site.write("studysite.toml", "title = \"T\"\nurl_style = \"pretty\"\n");
    site.build();
    let ec2 = site.read("public/ec2/index.html");
    assert!(ec2.contains("href=\"../s3/#classes\""), "relative folder link");
    assert!(ec2.contains(&format!("href=\"../{}\"", asset(&site.path("public"), "style.css"))));
    assert!(site.path("public/quiz/index.html").is_file());
    assert!(site.path("public/404.html").is_file());
}

#[test]
fn minified_output_keeps_question_markup() {
    let site = basic();
    let out = site.run(&["build"]);
    assert!(out.status.success());
    let s3 = site.read("public/s3.html");
    assert!(s3.len() < site.read("public/quiz.html").len() * 20);
    assert!(
        s3.contains("data-correct=true") || s3.contains("data-correct=\"true\""),
        "{s3}"
    );
    assert!(!s3.contains("\n\n"), "minified");
}

#[test]
fn builds_are_deterministic() {
    let site = basic();
    site.build();
    let a = snapshot_dir(&site.path("public"));
    site.build();
    assert_eq!(a, snapshot_dir(&site.path("public")));
}

#[test]
fn title_falls_back_to_first_heading_and_is_not_repeated() {
    let site = basic();
    site.write("content/h.md", "# From Heading\n\nText.\n");
    site.build();
    let html = site.read("public/h.html");
    assert!(html.contains("<title>From Heading · Test site</title>"));
    assert_eq!(html.matches("From Heading</h1>").count(), 1, "{html}");
}

#[test]
fn hostile_titles_are_escaped_everywhere() {
    let evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\u{2028}\u{2029}";
    let site = Site::new(&[
        (
            "studysite.toml",
            &format!("title = \"{}\"\n", evil.replace('"', "\\\"")),
        ),
        (
            "content/x.md",
            &format!(
                "+++\ntitle = \"{}\"\n+++\n\n## Head {evil}\n\n## Custom {{#x\"onmouseover=\"alert(4)}}\n\n### Q {evil}?\n\n✅ A {evil}\n",
                evil.replace('"', "\\\"")
            ),
        ),
    ]);
    site.build();
    for f in [
        "public/x.html",
        "public/index.html",
        "public/questions.html",
        "public/quiz.html",
        "public/cheatsheet.html",
    ] {
        let html = site.read(f);
        assert!(!html.contains("<script>alert"), "{f}");
        assert!(!html.contains("<img src=x"), "{f}: {html}");
        assert!(html.contains("&lt;/script&gt;"), "{f} shows the title as text");
    }
    let page = site.read("public/x.html");
    assert!(
        page.contains("id=\"x&quot;onmouseover=&quot;alert(4)\"") && !page.contains("onmouseover=\""),
        "a custom heading id cannot leave its attribute, in the heading or the TOC"
    );
    // Every data file the browser loads: quiz data and the search index, docs and
    // excerpts (however they are split), with the titles and headings in them.
    let mut data_files = 0;
    for entry in std::fs::read_dir(site.path("public/assets")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !(name.starts_with("quiz-data") || name.starts_with("search-")) || !name.ends_with(".js") {
            continue;
        }
        let data = site.read(&format!("public/assets/{name}"));
        assert!(
            !data.contains('<') && !data.contains('>') && !data.contains('\u{2028}') && !data.contains('\u{2029}'),
            "{name} escapes angle brackets and line separators: {data}"
        );
        data_files += 1;
    }
    assert!(data_files >= 2, "quiz and search data");
}

#[test]
fn raw_html_sanitised_unless_trusted() {
    let md = "<p onclick=\"alert(1)\">hi</p>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [v](vbscript:msgbox) ![i](data:image/svg+xml,<svg/onload=alert(3)>) [h](data:text/html,x)\n";
    let site = Site::new(&[("content/r.md", md)]);
    site.build();
    let html = site.read("public/r.html");
    assert!(!html.contains("onclick") && !html.contains("<script>alert"), "{html}");
    for scheme in ["javascript:", "vbscript:", "data:"] {
        assert!(!html.contains(scheme), "{scheme}: {html}");
    }
    let trusted = Site::new(&[
        ("studysite.toml", "title = \"T\"\nunsafe_html = true\n"),
        ("content/r.md", md),
    ]);
    trusted.build();
    let html = trusted.read("public/r.html");
    assert!(html.contains("onclick=\"alert(1)\"") && html.contains("<script>alert(1)</script>"));
    for scheme in ["javascript:", "vbscript:", "data:"] {
        assert!(
            !html.contains(scheme),
            "{scheme} links are removed in every mode: {html}"
        );
    }
}

#[test]
fn template_and_static_overrides_file_by_file() {
    let site = basic();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock main %}",
    );
    site.write("static/assets/style.css", "body{color:red}");
    site.write("static/extra.txt", "x");
    site.build();
    assert!(site.read("public/ec2.html").contains("<p class=\"custom\">EC2</p>"));
    assert!(
        site.read("public/index.html").contains("Sections"),
        "other templates still built in"
    );
    assert_eq!(
        site.read(&format!("public/{}", asset(&site.path("public"), "style.css"))),
        "body{color:red}"
    );
    assert_eq!(site.read("public/extra.txt"), "x");
}

#[test]
fn drafts_only_with_flag_and_editor_files_ignored() {
    let site = basic();
    site.write("content/d.md", "+++\ntitle = \"D\"\ndraft = true\n+++\n");
    site.write("content/.#lock.md", "x");
    site.write("content/notes.md~", "x");
    site.build();
    assert!(!site.path("public/d.html").exists());
    let out = site.run(&["build", "--drafts"]);
    assert!(out.status.success());
    assert!(site.path("public/d.html").exists());
}

#[test]
fn folders_are_sections_with_their_own_page() {
    let site = basic();
    site.write(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\nweight = 0\n+++\nIntro.\n",
    );
    site.write(
        "content/guide/step one.md",
        "+++\ntitle = \"Step one\"\n+++\n[back](../ec2.md)\n",
    );
    site.build();
    let step = site.read("public/guide/step-one.html");
    assert!(step.contains("href=\"../ec2.html\""), "relative link from a folder");
    assert!(step.contains("<a href=\"../guide/index.html\">Guide</a>"), "breadcrumb");
    assert!(
        site.read("public/guide/index.html").contains("Step one"),
        "section lists its pages"
    );
}

#[test]
fn init_creates_a_site_that_builds_and_refuses_non_empty() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("notes");
    let out = bin()
        .args(["init"])
        .arg(&dir)
        .args(["--ci", "github"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.join(".github/workflows/pages.yml").is_file());
    let again = bin().args(["init"]).arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    let build = bin().args(["build"]).arg(&dir).output().unwrap();
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(stderr(&build).contains("2 questions"), "{}", stderr(&build));
    let check = bin().args(["check"]).arg(&dir).output().unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let clean = bin().args(["clean"]).arg(&dir).output().unwrap();
    assert!(clean.status.success());
    assert!(!dir.join("public").exists());
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let site = basic();
    site.write("content/t.md", "+++\ntitel = \"T\"\n+++\n");
    let out = bin()
        .args(["build"])
        .arg(site.root())
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(stderr(&out).contains("\x1b["), "forced colour");
    let out = bin().args(["build"]).arg(site.root()).output().unwrap();
    assert!(!stderr(&out).contains("\x1b["), "NO_COLOR / not a terminal");
}

#[test]
fn tag_filter_lists_tags_sorted_on_every_build() {
    let tags: String = (0..12)
        .map(|i| format!("### Q{i}?\n<!-- tags: t{:02} -->\n\n✅ a\n\n", 11 - i))
        .collect();
    let site = Site::new(&[("content/q.md", &tags)]);
    let mut seen = Vec::new();
    for _ in 0..3 {
        site.build();
        let html = site.read("public/questions.html");
        let order: Vec<&str> = html
            .match_indices("<option value=\"t")
            .map(|(i, _)| &html[i + 15..i + 18])
            .collect();
        seen.push(order.join(","));
    }
    let sorted: Vec<String> = (0..12).map(|i| format!("t{i:02}")).collect();
    assert_eq!(seen[0], sorted.join(","));
    assert!(seen.iter().all(|s| *s == seen[0]), "{seen:?}");
}

#[test]
fn minified_pages_keep_cjk_text_svg_and_quiz_attributes() {
    // reliability.md §4 case 35: minifying must keep UTF-8, foreign attributes and data-*.
    let site = Site::new(&[
        ("studysite.toml", "title = \"T\"\nunsafe_html = true\n"),
        (
            "content/cjk.md",
            "# 東京の天気\n\n東京の天気は晴れです。한국어 텍스트. 中文内容。\n\n<svg x-bind:class=\"open ? 'a' : 'b'\" viewBox=\"0 0 10 10\"><path d=\"M0 0h10\"/></svg>\n\n### どれが正しい？\n<!-- tags: 天気 -->\n\n- [ ] 雨\n- [x] 晴れ\n",
        ),
    ]);
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(site.path("public/cjk.html")).unwrap();
    let html = String::from_utf8(bytes).expect("minified page is valid UTF-8");
    assert!(!html.contains("\n\n"), "minified");
    for needle in [
        "東京の天気は晴れです。한국어 텍스트. 中文内容。",
        "<h1>東京の天気</h1>",
        "x-bind:class=\"open ? 'a' : 'b'\"",
        "<path d=\"M0 0h10\"/>",
    ] {
        assert!(html.contains(needle), "{needle} missing from {html}");
    }
    // The note's body goes in compacted, not re-minified: its attributes may keep quotes.
    let unquoted = html.replace('"', "");
    for needle in [
        "data-qid=どれが正しい-",
        "data-tags=天気",
        "data-correct=false",
        "data-correct=true",
    ] {
        assert!(unquoted.contains(needle), "{needle} missing from {html}");
    }
    assert!(html.to_ascii_lowercase().contains("viewbox=\"0 0 10 10\""), "{html}");
    let quiz = site.read(&format!("public/{}", asset(&site.path("public"), "quiz-data.js")));
    assert!(quiz.contains("晴れ") || quiz.contains("\\u6674"), "{quiz}");
}
