//! A GitBook space exported to Git, built with only a title: its images in the hidden
//! `.gitbook/assets/` folder are published and every link to them works, `SUMMARY.md`
//! gives the order, and its blocks render: hints are callouts, `{% tabs %}` content
//! tabs, `{% code title %}` the code under its file name, `{% embed %}` and `{% file %}`
//! links, `{% content-ref %}` its link, `{% include %}` its reusable block. No tag is left in the text, and nothing warns.
//! Code titles written the other tools' ways (`title="…"`, `[file]`) are shown too.

mod common;

#[test]
fn a_gitbook_space_builds_with_its_images_order_and_blocks() {
    let site = common::Site::from_fixture("notes/gitbook");
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    // The hidden attachment folder is published; its reusable blocks are not pages.
    assert!(site.path("public/.gitbook/assets/ec2-types.png").is_file());
    assert!(site.path("public/.gitbook/assets/cheat sheet.pdf").is_file());
    assert!(!site.path("public/.gitbook/includes").exists());

    let ec2 = site.read("public/compute/ec2.html");
    assert!(
        ec2.contains("<img src=\"../.gitbook/assets/ec2-types.png\" alt=\"Instance families\">"),
        "{ec2}"
    );
    assert!(
        ec2.contains("<div class=\"tabbed-set\"><section class=\"tabbed-block\"><p class=\"tabbed-label\">Console</p>"),
        "{ec2}"
    );
    assert!(ec2.contains("<p class=\"tabbed-label\">CLI</p>"), "{ec2}");
    assert!(
        ec2.contains("<p class=\"code-title\">launch.sh</p><pre class=\"code\" data-lang=\"bash\">"),
        "{ec2}"
    );
    assert!(
        ec2.contains("callout-warning") || ec2.contains("callout warning"),
        "{ec2}"
    );
    assert!(
        ec2.contains(
            "<a href=\"https://www.youtube.com/watch?v=TsRBftzZsQo\">https://www.youtube.com/watch?v=TsRBftzZsQo</a>"
        ),
        "{ec2}"
    );
    assert!(
        ec2.contains("<a href=\"../compute/launching.html\">launching.md</a>")
            || ec2.contains("<a href=\"launching.html\">launching.md</a>"),
        "{ec2}"
    );
    // The page loads the tabs script, as MkDocs' `===` tabs do.
    assert!(ec2.contains("tabs."), "{ec2}");
    let text = common::text_of(&ec2);
    for tag in ["{%", "%}", "endtab", "endcode"] {
        assert!(!text.contains(tag), "{tag} left in the text: {text}");
    }
    assert!(text.contains("EC2 in ten minutes"), "{text}");

    let home = site.read("public/index.html");
    assert!(
        home.contains("<a href=\".gitbook/assets/cheat%20sheet.pdf\">cheat sheet.pdf</a>"),
        "{home}"
    );
    assert!(common::text_of(&home).contains("The one-page cheat sheet"), "{home}");
    // A reusable block is included where its tag stands, without its front matter;
    // the tag written as code stays code.
    let s3 = site.read("public/storage/s3.html");
    assert!(s3.contains("<p>Read every option before answering.</p>"), "{s3}");
    assert!(!common::text_of(&s3).contains("Exam tip"), "{s3}");
    assert!(
        s3.contains("<code>{% include \"../.gitbook/includes/exam-tip.md\" %}</code>"),
        "{s3}"
    );
    let launching = site.read("public/compute/launching.html");
    assert!(
        launching.contains("<img src=\"../.gitbook/assets/ec2-types.png\""),
        "{launching}"
    );

    // SUMMARY.md's order: EC2, its child Launching, then S3.
    let nav = home.split("class=\"nav-list\"").nth(1).unwrap_or("");
    let at = |s: &str| nav.find(s).unwrap_or(usize::MAX);
    assert!(at("compute/ec2.html") < at("compute/launching.html"), "{nav}");
    assert!(
        at("compute/launching.html") < at("storage/s3.html") && at("storage/s3.html") < usize::MAX,
        "{nav}"
    );
}

#[test]
fn a_block_left_open_is_shown_and_reported() {
    let site = common::Site::new(&[("content/a.md", "# A\n\n{% tabs %}\n{% tab title=\"One\" %}\nText.\n")]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("a.md:3:1: warning: `{% tabs %}` is never closed; it is shown as written"),
        "{err}"
    );
    assert!(
        err.contains("a.md:4:1: warning: `{% tab title=\"One\" %}` is never closed"),
        "{err}"
    );
    assert!(err.contains("help: close it with `{% endtabs %}`"), "{err}");
}

#[test]
fn code_titles_from_every_tool_are_shown() {
    let site = common::Site::new(&[(
        "content/a.md",
        "# A\n\n```py title=\"main.py\"\nx = 1\n```\n\n```js [vite.config.js]\nlet y = 2;\n```\n\n```python filename=\"run.py\"\nz = 3\n```\n",
    )]);
    let out = site.run(&["build", "--no-minify"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = site.read("public/a.html");
    for title in ["main.py", "vite.config.js", "run.py"] {
        assert!(
            html.contains(&format!("<p class=\"code-title\">{title}</p><pre class=\"code\"")),
            "{title}: {html}"
        );
    }
    let text = common::text_of(&html);
    assert!(!text.contains("title=") && !text.contains('['), "{text}");
}

/// `{% include "file.md" %}` (GitBook, Jekyll, MkDocs macros): found from the page's
/// folder, content/ or content/_includes/, nested includes too; Jekyll's parts are not
/// pages; a missing file is shown and reported at its line:col, one outside the site is
/// an error, and an HTML include is left to the Liquid report.
#[test]
fn markdown_includes_are_expanded_and_their_problems_reported() {
    let site = common::Site::new(&[
        (
            "content/a.md",
            "# A\n\n{% include 'parts/one.md' %}\n\n{% include footer.md %}\n\nx {% include \"gone.md\" %}\n",
        ),
        (
            "content/parts/one.md",
            "+++\ntitle = \"One\"\n+++\nFirst part, then {% include \"two.md\" %}\n",
        ),
        ("content/parts/two.md", "**the second**.\n"),
        ("content/_includes/footer.md", "Written by *me*.\n"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let a = site.read("public/a.html");
    assert!(
        a.contains("<p>First part, then <strong>the second</strong>.</p>"),
        "{a}"
    );
    assert!(a.contains("<p>Written by <em>me</em>.</p>"), "{a}");
    assert!(common::text_of(&a).contains("x {% include \"gone.md\" %}"), "{a}");
    assert!(
        err.contains("a.md:7:3: warning: `{% include \"gone.md\" %}`: no file `gone.md`; it is shown as written"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "one warning: {err}");
    assert!(!site.path("public/_includes").exists());

    let outside = common::Site::new(&[
        ("secret.md", "secret"),
        ("site/studysite.toml", "title = \"S\"\n"),
        ("site/content/a.md", "# A\n\n{% include \"../../secret.md\" %}\n"),
    ]);
    let out = common::bin()
        .args(["build"])
        .arg(outside.path("site"))
        .output()
        .unwrap();
    let err = common::stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("a.md:3:1: error: `{% include \"../../secret.md\" %}`: the file is outside the site folder"),
        "{err}"
    );
}
