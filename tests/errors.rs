//! Bad input is an error or a warning naming `path:line:col` and what to do, with a
//! non-zero exit where it must stop the build.

mod common;

use common::{basic, bin, snapshot_dir, stderr};

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
