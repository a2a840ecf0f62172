//! The real binary on fixture sites in temporary folders: output layout, errors with
//! their exact text, safety of the output folder, and behaviour a user would notice.

mod common;

use common::{Site, asset, bin, snapshot_dir, stderr};

const PAGE: &str = "+++\ntitle = \"EC2\"\nweight = 1\ndescription = \"Compute.\"\ntopics = [\"Instances\", \"Pricing\"]\n+++\n\n## Instances\n\nSee [S3](s3.md#classes).\n\n> [!TIP]\n> Tip text.\n\n## Self-check\n\n### Is EC2 regional?\n\n✅ **Regional**.\n";
const S3: &str = "+++\ntitle = \"S3\"\nweight = 2\n+++\n\n## Classes\n\n<!-- cheatsheet -->\n| Class | Cheap |\n|---|---|\n| Glacier | ✅ |\n\n### Which class is cheapest?\n\n- [ ] Standard\n- [x] Glacier Deep Archive\n";

fn basic() -> Site {
    Site::new(&[
        ("content/ec2.md", PAGE),
        ("content/s3.md", S3),
        ("content/_index.md", "Welcome to the notes.\n"),
    ])
}

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
fn front_matter_error_is_reported_at_absolute_line_and_old_output_survives() {
    let site = basic();
    site.build();
    let before = snapshot_dir(&site.path("public"));
    site.write(
        "content/bad.md",
        "+++\ntitle = \"Bad\"\nweight = \"heavy\"\n+++\nbody\n",
    );
    site.write("content/worse.md", "+++\ntitle = \"x\"\n");
    site.write(
        "content/note.md",
        "+++\ntitle = \"A\"\nweight = 1\ndescription = \"unclosed\n+++\nbody\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let bad = site.path("content/bad.md");
    assert!(
        err.contains(&format!(
            "{}:3:10: error: wrong value for `weight`: invalid type: string \"heavy\", expected a whole number",
            bad.display()
        )),
        "{err}"
    );
    // A TOML syntax error on line 4 of a note (reliability.md §4 case 1).
    assert!(
        err.contains(&format!(
            "{}:4:24: error: invalid basic string, expected `\"`\n  |\n4 | description = \"unclosed\n  |                        ^",
            site.path("content/note.md").display()
        )),
        "{err}"
    );
    assert!(err.contains("3 | weight = \"heavy\""), "snippet: {err}");
    let worse = site.path("content/worse.md");
    assert!(
        err.contains(&format!(
            "{}:1:1: error: front matter opened at line 1 is not closed",
            worse.display()
        )),
        "all errors listed: {err}"
    );
    assert!(err.contains("Build failed: 3 errors"), "{err}");
    assert_eq!(before, snapshot_dir(&site.path("public")), "previous output untouched");
}

#[test]
fn yaml_front_matter_is_read_and_unknown_keys_get_a_suggestion() {
    let site = basic();
    site.write("content/y.md", "---\ntitle: Y\n---\n");
    site.build();
    assert!(
        site.read("public/y.html").contains("<h1>Y</h1>"),
        "YAML front matter is read"
    );

    let site = basic();
    site.write("content/t.md", "+++\ntitel = \"T\"\n+++\n");
    let out = site.run(&["build"]);
    assert!(out.status.success(), "unknown keys only warn");
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:2:1: warning: unknown key `titel`",
            site.path("content/t.md").display()
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "--strict fails on warnings");
}

#[test]
fn malformed_questions_are_errors_at_their_lines() {
    let site = basic();
    site.write(
        "content/q.md",
        "+++\ntitle = \"Q\"\n+++\n\n### No correct option?\n\n- [ ] a\n- [ ] b\n\n### Dup one?\n<!-- id: same -->\n\n✅ yes\n\n### Dup two?\n<!-- id: same -->\n\n✅ yes\n\n### Empty?\n\n✅\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let p = site.path("content/q.md");
    assert!(
        err.contains(&format!(
            "{}:7:1: error: choice question has no correct option",
            p.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}:15:1: error: duplicate question id `same` on this page",
            p.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}:22:1: error: `✅` with nothing after it: the answer is empty",
            p.display()
        )),
        "{err}"
    );
}

#[test]
fn duplicate_explicit_ids_across_pages_name_both_files() {
    let site = basic();
    site.write("content/a.md", "### A?\n<!-- id: shared -->\n\n✅ a\n");
    site.write("content/b.md", "### B?\n<!-- id: shared -->\n\n✅ b\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("question id `shared` is also used at"), "{err}");
    assert!(err.contains("a.md:1") && err.contains("b.md:1:1"), "{err}");
}

#[test]
fn invalid_utf8_and_nul_bytes_are_errors_not_panics() {
    let site = basic();
    site.write_bytes("content/latin1.md", b"# Caf\xe9\n");
    site.write_bytes("content/nul.md", b"ok\n\0\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.md:1:6: error: not valid UTF-8 (byte offset 5)"),
        "{err}"
    );
    assert!(err.contains("nul.md:2:1: error: file contains a NUL byte"), "{err}");
}

#[test]
fn bom_crlf_and_empty_files_build() {
    let site = basic();
    site.write_bytes(
        "content/bom.md",
        "\u{feff}+++\r\ntitle = \"Bom\"\r\n+++\r\n## Head\r\n\r\n✔ text\r\n".as_bytes(),
    );
    site.write("content/empty.md", "");
    site.write("content/only-fm.md", "+++\ntitle = \"Only\"\n+++\n");
    site.write_bytes(
        "content/mixed.md",
        b"\xef\xbb\xbf+++\r\ntitle = \"Mixed\"\n+++\r\n## First\n\ntext\r\n\r\n### Second?\r\n\n\xe2\x9c\x85 yes\n",
    );
    let out = site.build();
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(site.read("public/bom.html").contains("<h1>Bom</h1>"));
    let mixed = site.read("public/mixed.html");
    assert!(mixed.contains("<h1>Mixed</h1>") && !mixed.contains("+++"), "{mixed}");
    assert!(mixed.contains("id=\"first\"") && mixed.contains("data-qid="), "{mixed}");
    assert!(
        site.read("public/empty.html").contains("<h1>empty</h1>"),
        "title from the file name, exactly as written"
    );
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
fn broken_links_warn_in_build_and_fail_check() {
    let site = basic();
    site.write(
        "content/l.md",
        "[gone](missing.md) [bad anchor](ec2.md#nowhere) [out](../../etc/passwd) ![img](../../../etc/hosts)\n",
    );
    let out = site.run(&["build"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("warning: broken link `missing.md`: no page `missing.md` in content/"),
        "{err}"
    );
    assert!(
        err.contains("warning: broken anchor `#nowhere` in link `ec2.md#nowhere`"),
        "{err}"
    );
    assert!(
        err.contains("broken link `../../etc/passwd`: it points outside the site"),
        "{err}"
    );
    assert!(
        err.contains("broken link `../../../etc/hosts`: it points outside the site"),
        "an image escaping the root too: {err}"
    );
    assert!(!site.path("public/hosts").exists() && !site.path("public/etc").exists());
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    assert!(
        err.contains(&format!(
            "{}:1:1: error: broken link `missing.md`",
            site.path("content/l.md").display()
        )),
        "{err}"
    );
    assert!(err.contains("4 errors"), "{err}");
    let ok = basic().run(&["check"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stderr(&ok).contains("No problems found."));
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
fn output_folder_safety() {
    let site = basic();
    for (bad, why) in [
        (".", "site folder"),
        ("content", "inside the site's content/"),
        ("..", "site folder or one of its parents"),
    ] {
        let out = bin()
            .args(["build", "-o"])
            .arg(site.root().join(bad))
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(stderr(&out).contains(why), "{bad}: {}", stderr(&out));
    }
    let foreign = site.path("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.tex"), "precious").unwrap();
    let out = bin()
        .args(["build", "-o"])
        .arg(&foreign)
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("was not made by studysite"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(foreign.join("thesis.tex")).unwrap(), "precious");
    let out = bin()
        .args(["build", "--force", "-o"])
        .arg(&foreign)
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(foreign.join("index.html").is_file());
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
fn broken_template_override_is_a_clear_error() {
    let site = basic();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.nope }}{% endblock main %}",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("template error"), "{}", stderr(&out));
}

#[test]
fn collisions_are_errors_naming_both_files() {
    // reliability.md §4 cases 20 and 21, and notes that would replace a generated page.
    let site = basic();
    site.build();
    let before = snapshot_dir(&site.path("public"));
    site.write("content/Intro.md", "a");
    site.write("content/intro.md", "b");
    site.write("content/Hello World.md", "a");
    site.write("content/hello-world.md", "b");
    site.write("content/quiz.md", "# My quiz notes\n");
    site.write("content/404.md", "# Lost\n");
    site.write("content/s3.html", "<p>a copy</p>");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let p = |rel: &str| site.path(rel).display().to_string();
    for line in [
        format!(
            "{}: error: `Intro.md` and `intro.md` would both be written to `intro.html`",
            p("content/intro.md")
        ),
        format!(
            "{}: error: `Hello World.md` and `hello-world.md` would both be written to `hello-world.html`",
            p("content/hello-world.md")
        ),
        format!(
            "{}: error: `quiz.md` would be written to `quiz.html`, which studysite writes itself (the quiz)",
            p("content/quiz.md")
        ),
        format!(
            "{}: error: `404.md` would be written to `404.html`, which studysite writes itself (the not-found page)",
            p("content/404.md")
        ),
        format!(
            "{}: error: `s3.md` and `s3.html` would both be written to `s3.html`",
            p("content/s3.html")
        ),
    ] {
        assert!(err.contains(&line), "{line}\nnot in:\n{err}");
    }
    assert!(err.contains("Build failed: 5 errors"), "{err}");
    assert_eq!(before, snapshot_dir(&site.path("public")));

    // In pretty URLs a page and a folder's _index.md share a folder.
    let site = basic();
    site.write("studysite.toml", "title = \"T\"\nurl_style = \"pretty\"\n");
    site.write("content/guide.md", "a");
    site.write("content/guide/_index.md", "b");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`guide/_index.md` and `guide.md` would both be written to `guide/index.html`"),
        "{}",
        stderr(&out)
    );
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
fn missing_config_and_usage_errors() {
    let t = tempfile::tempdir().unwrap();
    let out = bin().arg("build").arg(t.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no studysite.toml in"), "{}", stderr(&out));
    assert!(stderr(&out).contains("studysite init"));
    let usage = bin().arg("frobnicate").output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let help = bin().args(["build", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("--base-url") && text.contains("--no-minify") && text.contains("--force"),
        "{text}"
    );
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

/// Runs the binary, killing it if it runs past `limit` (a hang guard, not a speed test).
fn run_guarded(args: &[&std::ffi::OsStr], limit: std::time::Duration) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("studysite did not finish within {limit:?} (hang or quadratic time)");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn pathological_markdown_builds_without_overflow_or_hang() {
    // reliability.md §4 cases 11, 12 and 19: deep nesting, quadratic-prone inputs, huge code.
    let refs: String = (0..20_000).map(|i| format!("[r{i}]: https://e.com/{i}\n")).collect();
    let lists: String = (0..1_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    let site = Site::new(&[
        ("content/quotes.md", &format!("{} deep\n", ">".repeat(100_000))),
        ("content/lists.md", &lists),
        ("content/links.md", &format!("{}\n", "[a](<b".repeat(50_000))),
        ("content/stars.md", &format!("{}\n", "a***".repeat(50_000))),
        (
            "content/brackets.md",
            &format!("{}{}\n", "[".repeat(50_000), "]".repeat(50_000)),
        ),
        ("content/refs.md", &format!("{refs}{}\n", "[r1] ".repeat(2_000))),
        (
            "content/longline.md",
            &format!("```python\n{}\n```\n", "x".repeat(1_000_000)),
        ),
        (
            "content/longblock.md",
            &format!("```yaml\n{}```\n", "key: value\n".repeat(50_000)),
        ),
    ]);
    let out = run_guarded(
        &["build".as_ref(), site.root().as_os_str()],
        std::time::Duration::from_secs(180),
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{}", &err[err.len().saturating_sub(2000)..]);
    assert!(
        err.contains("quotes.md: warning: content nested 100001 levels deep"),
        "{err}"
    );
    for f in ["longline.md", "longblock.md"] {
        assert!(
            err.contains(&format!("{f}:1:1: warning: code block too large to highlight")),
            "{f}: {err}"
        );
    }
    assert!(site.read("public/quotes.html").contains("deep"));
    assert_eq!(site.read("public/longblock.html").matches("key: value").count(), 50_000);
}

#[test]
fn nfd_file_names_match_nfc_links() {
    // reliability.md §4 case 22: café.md saved in NFD (as macOS does), linked in NFC.
    let site = basic();
    site.write("content/cafe\u{301}.md", "## Menu\n");
    site.write("content/l.md", "[menu](caf\u{e9}.md#menu)\n");
    let out = site.build();
    assert!(!stderr(&out).contains("broken"), "{}", stderr(&out));
    assert!(
        site.read("public/l.html").contains("href=\"caf%C3%A9.html#menu\""),
        "{}",
        site.read("public/l.html")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_never_reach_outside_the_site() {
    // reliability.md §4 cases 23 and 24: a link loop and links to files outside the site.
    let site = basic();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "TOP SECRET").unwrap();
    std::os::unix::fs::symlink(site.path("content"), site.path("content/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path("content/secret.md")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path("static/secret.txt")).unwrap();
    std::os::unix::fs::symlink(site.path("content/ec2.md"), site.path("content/alias.md")).unwrap();
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("loop: warning: symbolic link to a folder is not followed"),
        "{err}"
    );
    assert!(
        err.contains("secret.md: warning: symbolic link points outside the site"),
        "{err}"
    );
    assert!(!site.path("public/secret.html").exists());
    assert!(
        !site.path("public/secret.txt").exists(),
        "static links out of the site are not copied"
    );
    assert!(
        site.read("public/alias.html").contains("<h1>EC2</h1>"),
        "a link inside the site is followed"
    );
}

#[test]
fn oversized_files_unportable_names_and_root_absolute_links() {
    let site = basic();
    site.write("content/huge.md", &"x".repeat(9 * 1024 * 1024));
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("huge.md: error: file is 9437184 bytes, more than the 8388608-byte limit"),
        "{}",
        stderr(&out)
    );

    let site = basic();
    site.write(
        "studysite.toml",
        "title = \"T\"\nbase_url = \"https://me.github.io/notes/\"\n",
    );
    site.write(
        "content/CON.md",
        "[abs](/gone.html) [sub](/notes/ec2.html) [page](/ec2.html)\n",
    );
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("CON.md: warning: file name `CON.md` uses a name Windows reserves (CON)"),
        "{err}"
    );
    assert!(
        err.contains("CON.md:1:1: warning: root-absolute link `/gone.html`"),
        "{err}"
    );
    // Links to pages of the site, with or without base_url's path, lead to them.
    assert_eq!(err.matches("root-absolute link").count(), 1, "{err}");
    let con = site.read("public/con.html");
    for text in ["sub", "page"] {
        assert!(con.contains(&format!("<a href=\"ec2.html\">{text}</a>")), "{con}");
    }
    assert!(err.contains("served from a sub-path"), "{err}");
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

/// Notes with both kinds of question, one in a folder, whose answers link to other pages.
fn key_site(config: &str) -> Site {
    Site::new(&[
        ("studysite.toml", config),
        (
            "content/s3.md",
            "+++\ntitle = \"S3\"\nweight = 1\n+++\n\n## Classes\n\nText.\n",
        ),
        (
            "content/guide/deep.md",
            "+++\ntitle = \"Deep\"\nweight = 2\n+++\n\n## Questions\n\n### Where are objects kept?\n<!-- id: kept -->\n\n✅ In [buckets](../s3.md#classes), see also [this](#questions).\n\n### Which load balancer has a `static` IP in a [VPC](../s3.md#classes)?\n<!-- id: nlb -->\n\n- [ ] Application Load Balancer\n  > ALB only gives a DNS name.\n- [x] Network Load Balancer\n- [ ] Classic Load Balancer\n\nNLB gives one static IP per AZ.\n",
        ),
        (
            "content/ec2.md",
            "+++\ntitle = \"EC2\"\nweight = 3\n+++\n\n### Is EC2 regional?\n<!-- id: ec2-regional -->\n\n✅ **Regional**.\n",
        ),
    ])
}

/// The `data-qid` values in a piece of HTML, in order.
fn qids(html: &str) -> Vec<&str> {
    html.match_indices("data-qid=\"")
        .map(|(i, _)| &html[i + 10..i + 10 + html[i + 10..].find('"').unwrap()])
        .collect()
}

/// The `<section class="answer-key">` of a page, or "".
fn answer_key(html: &str) -> &str {
    html.find("<section class=\"answer-key\">")
        .map_or("", |at| &html[at..at + html[at..].find("</section>").unwrap()])
}

#[test]
fn print_answers_key_puts_a_numbered_answer_key_at_the_end_of_each_page() {
    let site = key_site("title = \"T\"\n[print]\nanswers = \"key\"\n");
    site.build();
    let deep = site.read("public/guide/deep.html");
    assert!(deep.contains("data-print-answers=\"key\""));
    let key = answer_key(&deep);
    assert!(key.contains("<h2>Answer key</h2>"), "{deep}");
    // After the questions and the rest of the page, before the end of <main>.
    assert!(deep.find("class=\"answer-key\"").unwrap() > deep.rfind("class=\"question\"").unwrap());
    assert!(deep.find("class=\"answer-key\"").unwrap() < deep.find("</main>").unwrap());
    // One entry per question, in page order; one page, so no page title inside the key.
    assert_eq!(qids(key), ["kept", "nlb"]);
    assert!(!key.contains("<h3>"), "{key}");
    // Free response: the answer, its links made relative to this page in guide/.
    assert!(key.contains("<p class=\"key-q\">Where are objects kept?</p>"), "{key}");
    // A title shows its code and links as the page does, its links made relative here too.
    assert!(
        key.contains("<p class=\"key-q\">Which load balancer has a <code>static</code> IP in a <a href=\"../s3.html#classes\">VPC</a>?</p>"),
        "{key}"
    );
    assert!(key.contains("<a href=\"../s3.html#classes\">buckets</a>"), "{key}");
    assert!(key.contains("<a href=\"#questions\">this</a>"), "{key}");
    // Choice: the letters, the right option, the wrong one that explains itself, the explanation.
    assert!(key.contains("Answer: <b>B</b>"), "{key}");
    assert!(
        key.contains("key-right") && key.contains("Network Load Balancer"),
        "{key}"
    );
    assert!(
        key.contains("key-wrong") && key.contains("ALB only gives a DNS name."),
        "{key}"
    );
    assert!(
        !key.contains("Classic Load Balancer"),
        "a wrong option without explanation is left out: {key}"
    );
    assert!(key.contains("NLB gives one static IP per AZ."), "{key}");
    // A page without questions has no key.
    assert_eq!(answer_key(&site.read("public/s3.html")), "");
    // The ✅ that starts an answer is drawn by CSS (the emoji stays in the text): on the page,
    // in the key and on questions.html.
    let drawn = "<p><span class=\"mark yes\">✅</span> In ";
    assert!(deep[..deep.find("answer-key").unwrap()].contains(drawn), "{deep}");
    assert!(key.contains(drawn), "{key}");
    assert!(
        site.read("public/questions.html")
            .contains("<span class=\"mark yes\">✅</span> <strong>Regional</strong>")
    );

    // questions.html: every question, numbered across pages, under each page's title.
    let all = site.read("public/questions.html");
    let key = answer_key(&all);
    assert!(key.contains("<h3>Deep</h3>") && key.contains("<h3>EC2</h3>"), "{key}");
    let listed = qids(&all[..all.find("<section class=\"answer-key\">").unwrap()]);
    assert_eq!(listed.len(), 3);
    assert_eq!(qids(key), listed, "the key follows the questions' order");
    assert!(key.contains("<a href=\"s3.html#classes\">buckets</a>"), "{key}");
}

#[test]
fn answer_key_links_follow_pretty_urls_and_show_mode_has_no_key() {
    let site = key_site("title = \"T\"\nurl_style = \"pretty\"\n[print]\nanswers = \"key\"\n");
    site.build();
    let key = site.read("public/guide/deep/index.html");
    assert!(
        answer_key(&key).contains("<a href=\"../../s3/#classes\">buckets</a>"),
        "{key}"
    );
    let all = site.read("public/questions/index.html");
    assert!(
        answer_key(&all).contains("<a href=\"../s3/#classes\">buckets</a>"),
        "{all}"
    );

    for config in ["title = \"T\"\n", "title = \"T\"\n[print]\nanswers = \"hide\"\n"] {
        let site = key_site(config);
        site.build();
        for f in ["public/guide/deep.html", "public/questions.html"] {
            let html = site.read(f);
            assert!(!html.contains("answer-key"), "{config}: {f} has no answer key");
            // The answers are on the page, for screen and for print = "show".
            assert!(html.contains("ALB only gives a DNS name."), "{f}");
        }
    }
}

#[test]
fn cheat_sheet_links_every_item_to_its_section_and_names_every_table() {
    let twin = "+++\ntitle = \"Twin\"\n+++\n\n## Limits\n\n<!-- cheatsheet -->\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- cheatsheet -->\n| c | d |\n|---|---|\n| 3 | 4 |\n\n> [!TIP]\n> Same section.\n\n## Other\n\n> [!WARNING]\n> Careful.\n";
    let site = Site::new(&[("content/ec2.md", PAGE), ("content/twin.md", twin)]);
    site.build();
    let cheat = site.read("public/cheatsheet.html");
    // A callout gets the heading it sits under, linking back to it…
    let tip = cheat.find("Tip text.").unwrap();
    let link = cheat[..tip].rfind("<h3 class=\"cs-heading\">").unwrap();
    assert!(
        cheat[link..tip].contains("<a href=\"ec2.html#instances\">Instances</a>"),
        "{cheat}"
    );
    // …once for the items that share it.
    assert_eq!(cheat.matches("twin.html#limits").count(), 1, "{cheat}");
    assert!(cheat.contains("<a href=\"twin.html#other\">Other</a>"), "{cheat}");
    // Two tables under one heading have names of their own, with the page's title here.
    let twin_page = site.read("public/twin.html");
    assert!(twin_page.contains("aria-label=\"Table: Limits\"") && twin_page.contains("aria-label=\"Table 2: Limits\""));
    assert!(
        cheat.contains("aria-label=\"Table: Limits (Twin)\"")
            && cheat.contains("aria-label=\"Table 2: Limits (Twin)\"")
    );
}

/// Whether a program runs here (for tests that need a system tool); in CI it must.
fn have(program: &str) -> bool {
    let ok = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is needed for this test in CI"
        );
        eprintln!("SKIPPED: {program} is not installed");
    }
    ok
}

/// The `.studysite-new-*`/`.studysite-old-*` folders and the lock file beside an output.
fn swap_leftovers(parent: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".studysite-"))
        .collect()
}

#[test]
fn a_second_build_is_refused_while_another_writes_the_output() {
    // reliability.md §4 case 31: builds never interleave in one output folder.
    let site = basic();
    site.build();
    let public = site.path("public");
    let before = snapshot_dir(&public);
    site.write("content/new.md", "# New page\n");
    let held = studysite::output::lock(&public).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = format!(
        "{}: error: another studysite build (process {}) is writing {} right now",
        held.path().display(),
        std::process::id(),
        studysite::output::absolute(&public).display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains("help: wait until it has finished and build again"),
        "{err}"
    );
    assert!(err.contains("Build failed: 1 error"), "{err}");
    assert_eq!(before, snapshot_dir(&public), "the output is the other build's");
    let clean = site.run(&["clean"]);
    assert_eq!(clean.status.code(), Some(1), "clean waits its turn too");
    assert!(stderr(&clean).contains("another studysite build"), "{}", stderr(&clean));
    assert!(public.join("index.html").is_file());

    drop(held);
    site.build();
    assert!(site.read("public/new.html").contains("New page"));
    assert_eq!(
        swap_leftovers(site.root()),
        Vec::<String>::new(),
        "no lock file or temp folder left"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_held_by_a_killed_process_does_not_block() {
    // reliability.md §4 case 31: a stale lock from a killed process must not block.
    if !have("flock") {
        return;
    }
    use std::io::BufRead;
    let site = basic();
    site.build();
    let lock = studysite::output::lock_path(&site.path("public"));
    // Another process takes the lock (flock(1), the same kind of lock) and keeps it.
    let mut holder = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec 9>\"$0\"; flock -x 9; echo locked; exec sleep 120")
        .arg(&lock)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "locked\n");
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("another studysite build is writing"), "{err}");
    // Killed without a chance to clean up: its lock file stays, its lock does not.
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(lock.exists());
    site.build();
    assert!(!lock.exists(), "removed by the build that took it over");
}

#[test]
fn home_and_file_system_root_are_refused_as_output() {
    // reliability.md §4 case 28 (the site folder, its parents and content/ are in
    // output_folder_safety).
    let site = basic();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "precious").unwrap();
    let before = snapshot_dir(home.path());
    for (out_dir, why) in [
        (home.path().to_path_buf(), "it is your home folder"),
        (std::path::PathBuf::from("/"), "it is the file system root"),
    ] {
        let out = bin()
            .env("HOME", home.path())
            .args(["build", "--force", "-o"])
            .arg(&out_dir)
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", out_dir.display());
        let err = stderr(&out);
        assert!(
            err.contains(&format!("error: refusing to use this folder as the output: {why}")),
            "{err}"
        );
    }
    assert_eq!(before, snapshot_dir(home.path()));
    assert_eq!(swap_leftovers(home.path()), Vec::<String>::new());
}

#[test]
fn failures_late_in_the_build_leave_the_previous_output_byte_identical() {
    // reliability.md §4 case 30: an error in the last page rendered (the 404 page) and
    // a file of the output that cannot be both a file and a folder.
    let site = basic();
    site.build();
    let public = site.path("public");
    let before = snapshot_dir(&public);
    site.write("content/ec2.md", "# Changed\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope.nope }}{% endblock main %}",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("404.html"), "{}", stderr(&out));
    assert_eq!(before, snapshot_dir(&public));
    std::fs::remove_file(site.path("templates/404.html")).unwrap();

    site.write("static/ec2.html/diagram.png", "png");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: error: `ec2.html` would be both a file and the folder of `ec2.html/diagram.png` in the output",
            studysite::output::absolute(&public).join("ec2.html").display()
        )),
        "{err}"
    );
    assert_eq!(before, snapshot_dir(&public));
    assert_eq!(swap_leftovers(site.root()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_midway_leaves_the_previous_output_byte_identical() {
    // reliability.md §4 case 30, disk full: a file-size limit (RLIMIT_FSIZE, with
    // SIGXFSZ ignored) makes the write of one big file fail after others were written.
    let site = basic();
    site.write_bytes("content/zz-video.bin", &vec![7u8; 4 << 20]);
    site.build();
    let public = site.path("public");
    let before = snapshot_dir(&public);
    site.write("content/ec2.md", "# Changed\n");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4096 && exec \"$0\" build \"$1\"")
        .arg(env!("CARGO_BIN_EXE_studysite"))
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: error: cannot write the new output: File too large",
            studysite::output::absolute(&public).join("zz-video.bin").display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was replaced"), "{err}");
    assert_eq!(before, snapshot_dir(&public), "previous output byte-identical");
    assert_eq!(swap_leftovers(site.root()), Vec::<String>::new(), "temp folder removed");
}

#[test]
fn root_absolute_links_in_raw_html_are_warned_about() {
    let site = basic();
    site.write(
        "content/r.md",
        "+++\ntitle = \"R\"\n+++\nSee <a href=\"/x.html\">x</a> and <a href=\"https://e.com/\">e</a>.\n\n<div><img src='/logo.png' alt=\"\"></div>\n\n<a href=\"//cdn.example.com/x\">cdn</a> <a href=\"s3.md\">s3</a>\n",
    );
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "warnings only: {err}");
    let r = site.path("content/r.md");
    assert!(
        err.contains(&format!("{}:4:14: warning: root-absolute link `/x.html`", r.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}:6:16: warning: root-absolute link `/logo.png`",
            r.display()
        )),
        "{err}"
    );
    assert!(err.contains("it breaks from file:// and under a sub-path"), "{err}");
    assert_eq!(err.matches("root-absolute link").count(), 2, "{err}");
    assert_eq!(site.run(&["check", "--strict"]).status.code(), Some(1));
}

#[test]
fn nested_choice_lists_and_open_ended_answers_swallow_nothing() {
    // reliability.md §4 case 6, in this syntax: answers have no closing marker (a section
    // ends at the next heading), and a task list inside an option stays in that option.
    let site = Site::new(&[(
        "content/q.md",
        "## Which one?\n\n- [ ] a\n  - [x] nested right\n  - [ ] nested wrong\n- [x] b\n\nExplanation one.\n\n## Open?\n\n✅ Answer runs on\n\nto the end of the file.\n",
    )]);
    let out = site.build();
    assert!(stderr(&out).contains("2 questions"), "{}", stderr(&out));
    let page = site.read("public/q.html");
    for text in [
        "nested right",
        "nested wrong",
        "Explanation one.",
        "Answer runs on",
        "to the end of the file.",
    ] {
        assert_eq!(page.matches(text).count(), 1, "{text} in {page}");
    }
    let needle = "class=\"q-option\" data-correct=\"";
    let options: Vec<&str> = page
        .match_indices(needle)
        .map(|(i, _)| &page[i + needle.len()..i + needle.len() + 4])
        .collect();
    assert_eq!(options, ["fals", "true"], "two options, b is right: {page}");
}

#[test]
fn awkward_file_names_get_portable_urls_and_temp_files_are_ignored() {
    // reliability.md §4 case 25: spaces, `#`, `?`, `%`, `&` and emoji in names; editor
    // temp files; no `_` folders in the output.
    let site = Site::new(&[
        (
            "content/_index.md",
            "[a](Q%26A%20%231%3F.md) [b](100%25%20done.md) [c](%F0%9F%9A%80%20launch.md) ![d](img/a%20b%231.png) [e](_drafts/x.md)\n",
        ),
        ("content/Q&A #1?.md", "# QA\n"),
        ("content/100% done.md", "# Done\n"),
        ("content/🚀 launch.md", "# Launch\n"),
        ("content/img/a b#1.png", "png"),
        ("content/_drafts/x.md", "# X\n"),
        ("content/.notes.md.swp", "junk"),
        ("content/.#notes.md", "junk"),
        ("content/notes.md~", "junk"),
        ("content/#notes.md#", "junk"),
    ]);
    let out = site.build();
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let home = site.read("public/index.html");
    for href in [
        "href=\"q-a-1.html\"",
        "href=\"100-done.html\"",
        "href=\"launch.html\"",
        "src=\"img/a%20b%231.png\"",
        "href=\"drafts/x.html\"",
    ] {
        assert!(home.contains(href), "{href} in {home}");
    }
    for f in [
        "q-a-1.html",
        "100-done.html",
        "launch.html",
        "img/a b#1.png",
        "drafts/x.html",
    ] {
        assert!(site.path("public").join(f).is_file(), "{f}");
    }
    let names: Vec<String> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("notes")),
        "temp files copied: {names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with('_')),
        "a `_` name in the output: {names:?}"
    );
}

#[test]
fn a_git_folder_or_worktree_file_in_the_output_is_kept() {
    // reliability.md §4 case 31: GitHub Pages branches live in the output folder; a
    // worktree has a `.git` file instead of a folder.
    for (rel, text) in [
        ("public/.git/HEAD", "ref: refs/heads/gh-pages\n"),
        ("public/.git", "gitdir: ../.git/worktrees/public\n"),
    ] {
        let site = basic();
        site.build();
        site.write(rel, text);
        site.write("public/stale.html", "old");
        site.write("content/ec2.md", "# Changed\n");
        site.build();
        assert!(site.read("public/ec2.html").contains("Changed"));
        assert!(!site.path("public/stale.html").exists(), "the rest is replaced");
        assert_eq!(site.read(rel), text, "{rel} kept");
        assert_eq!(swap_leftovers(site.root()), Vec::<String>::new());
    }
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
