//! Notes of a GitHub Pages (Jekyll) site, built with only a title: Liquid's
//! `{{ site.baseurl }}` / `{{ site.url }}` / `{% link %}` at the start of a link's URL
//! lead to the page they name and are checked like any link; `{% raw %}` markers leave
//! the text, and a code block's paired markers leave it too (Liquid runs over code);
//! other Liquid is shown as written with a warning at its line:col; code is not
//! otherwise scanned. The fixture (tests/fixtures/jekyll) is written here in Jekyll's syntax.

mod common;

/// The fixture copied into a temporary site.
fn jekyll() -> common::Site {
    common::Site::from_fixture("jekyll")
}

#[test]
fn site_root_links_lead_to_their_pages() {
    let site = jekyll();
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let home = site.read("public/index.html");
    for needle in [
        // `/docs/setup` is `setup.html` on GitHub Pages: here the page of setup.md.
        "<a href=\"docs/setup.html\">Setup</a>",
        "<a href=\"docs/deep/more.html\">the deep part</a>",
        "<a href=\"about.html\">about</a>",
    ] {
        assert!(home.contains(needle), "{needle} missing from {home}");
    }
    let more = site.read("public/docs/deep/more.html");
    for needle in [
        "<img src=\"../../assets/logo.svg\" alt=\"Logo\" />",
        "<a href=\"../../about.html\">about</a>",
        // A reference definition.
        "<a href=\"../../docs/setup.html\">setup</a>",
    ] {
        assert!(more.contains(needle), "{needle} missing from {more}");
    }
    assert!(
        site.read("public/docs/setup.html")
            .contains("<a href=\"../index.html\">home</a>")
    );
    // Raw HTML, `{{ site.url }}{{ site.baseurl }}` together.
    let about = site.read("public/about.html");
    assert!(
        about.contains("<a href=\"docs/setup.html\">Setup, from raw HTML</a>"),
        "{about}"
    );

    // The one broken link is reported like any other; nothing else is.
    let index = site.path("content/index.md");
    assert!(
        err.contains(&format!("{}:14:1: warning: broken link `missing`", index.display())),
        "{err}"
    );
    assert_eq!(err.matches("broken link").count(), 1, "{err}");
}

#[test]
fn raw_markers_leave_and_other_liquid_is_reported() {
    let site = jekyll();
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    let home = site.read("public/index.html");
    assert!(
        home.contains("<p>In a layout, write {{ content }} where the page goes.</p>"),
        "the markers leave, what they hold stays as written: {home}"
    );
    assert!(!home.contains("raw %}"), "{home}");
    assert!(home.contains("This page is {{ page.title }}."), "{home}");
    let index = site.path("content/index.md");
    assert!(
        err.contains(&format!(
            "{}:6:14: warning: Liquid `{{{{ page.title }}}}` is not supported; it is shown as written",
            index.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}:12:14: warning: Liquid `{{% post_url 2020-01-01-welcome %}}` is not supported; it is shown as written",
            index.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("help: studysite runs no Liquid (Jekyll): write the text it would produce"),
        "{err}"
    );
    // Inside `{% raw %}`, in code, and a cloze: nothing reported. A code block's paired
    // markers leave it, as Jekyll drops them there; a lone one in a code span stays.
    assert!(!err.contains("content }}"), "{err}");
    assert!(!err.contains("Jinja"), "{err}");
    assert_eq!(err.matches("about.md").count(), 0, "{err}");
    let about = site.read("public/about.html");
    assert!(
        about.contains("<code>{{ page.title }}</code>, <code>{% raw %}</code>"),
        "{about}"
    );
    assert!(!about.contains("endraw"), "{about}");
    let text = common::text_of(&about);
    assert!(
        text.contains("{{ site.baseurl }}/docs/setup\n{{ page.title | upcase }}"),
        "{text}"
    );
    assert!(about.contains("class=\"cloze\" data-c=\"1\">Paris</span>"), "{about}");
}

/// `{{ site.baseurl }}` outside a link's URL, and Liquid in an mdBook's code: as written.
#[test]
fn site_root_in_prose_is_reported_and_code_is_not_scanned() {
    let site = common::Site::new(&[
        (
            "content/a.md",
            "# A\n\nServed from {{ site.baseurl }} today.\n\n```rust\nlet s = \"{{ site.baseurl }}/x {% raw %}\";\nlet t = \"{% endraw %}\";\n```\n\n    [x]({{ site.baseurl }}/a)\n",
        ),
        // An mdBook runs no Liquid: its code shows the markers.
        ("book.toml", "[book]\ntitle = \"B\"\n"),
        ("content/b.rs", "fn main() { println!(\"{{ page.title }}\"); }\n"),
        ("content/c.md", "# C\n\n```rust\n{{#include b.rs}}\n```\n"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("a.md:3:13: warning: Liquid `{{ site.baseurl }}` is not supported; it is shown as written"),
        "{err}"
    );
    assert!(
        err.contains("the site's root is read only at the start of a link's URL"),
        "{err}"
    );
    assert!(
        err.contains("a.md:6:31: warning: Liquid `{% raw %}` in code is shown as written"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 2, "{err}");
    let a = site.read("public/a.html");
    assert!(a.contains("{{ site.baseurl }}/x {% raw %}"), "{a}");
    assert!(a.contains("{% endraw %}"), "{a}");
    assert!(a.contains("[x]({{ site.baseurl }}/a)"), "indented code is code: {a}");
    let c = site.read("public/c.html");
    // The included file's text, as written (highlighted, so in pieces).
    assert!(c.contains("println!") && c.contains("page.title"), "{c}");
}

/// Markdown under its other extensions is read as pages: Jekyll's `.markdown`, `.mkd`,
/// an upper-case `.MD`, Quarto's `.qmd` and R Markdown's `.Rmd` (code chunks shown as
/// code); links by either name lead to the page, anchors checked. An `.Rmd` beside its
/// rendered `.md` is left out with a warning. A post without a title takes its slug's.
#[test]
fn markdown_under_other_extensions_is_read() {
    let site = common::Site::new(&[
        (
            "content/index.markdown",
            "# Home\n\nRead [the post](_posts/2020-01-01-hello.markdown#part), [stats](stats.html), [bad](stats.qmd#nope).\n",
        ),
        (
            "content/_posts/2020-01-01-hello.markdown",
            "---\ntitle: Hello\n---\n\n## Part\n",
        ),
        ("content/NOTES.MD", "# Notes\n"),
        ("content/_posts/2020-02-02-second-post.md", "Text without a title.\n"),
        (
            "content/stats.qmd",
            "---\ntitle: Stats\n---\n\n```{r}\nsummary(cars)\n```\n",
        ),
        ("content/report.Rmd", "# Report source\n"),
        ("content/report.md", "# Report\n"),
        ("content/old.mkd", "# Old\n"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    for page in [
        "posts/2020-01-01-hello.html",
        "notes.html",
        "stats.html",
        "report.html",
        "old.html",
    ] {
        assert!(site.path(&format!("public/{page}")).is_file(), "{page}");
    }
    let home = site.read("public/index.html");
    assert!(
        home.contains("<a href=\"posts/2020-01-01-hello.html#part\">the post</a>"),
        "{home}"
    );
    assert!(home.contains("<a href=\"stats.html\">stats</a>"), "{home}");
    assert!(err.contains("broken anchor `#nope` in link `stats.qmd#nope`"), "{err}");
    // A post without a title is titled from its slug, as Jekyll does.
    assert!(
        site.read("public/posts/2020-02-02-second-post.html")
            .contains("<title>Second Post · ")
    );
    let stats = site.read("public/stats.html");
    assert!(
        stats.contains("data-lang=\"r\"") && common::text_of(&stats).contains("summary(cars)"),
        "{stats}"
    );
    assert!(!common::text_of(&site.read("public/report.html")).contains("Report source"));
    assert!(
        err.contains("report.Rmd: warning: left out: `report.md` beside it is the page of this name"),
        "{err}"
    );
    assert!(!site.path("public/stats.qmd").exists() && !site.path("public/report.Rmd").exists());
}
