//! Notes of a Hugo site, built with only a title: `ref`/`relref` links lead to the page
//! they name (beside the page, then from content/) and are checked like any link;
//! `highlight` and `mermaid` shortcodes are code blocks and diagrams, hugo-book's
//! `katex` a formula, `expand` a closed callout and `figure` an image with its caption; a `ref` to no page is reported at
//! its line:col.

mod common;

const PAGE: &str = r#"# Setup

See [the other page]({{< ref "b.md" >}}), [about]({{< relref "/about" >}}) and [its part]({{< ref "b.md#usage" >}}).

{{< highlight go "linenos=table" >}}
x := map[string]int{"a": 1}
{{< /highlight >}}

Energy {{< katex >}}E=mc^2{{< /katex >}} here.

{{< expand "Answer" >}}
Hidden *text*.
{{< /expand >}}

[missing]({{< ref "nope.md" >}})

{{< figure src="cell.png" alt="A cell" caption="Fig. 1: the cell" >}}
"#;

#[test]
fn refs_code_formulas_and_expand_shortcodes_render() {
    let site = common::Site::new(&[
        ("content/docs/a.md", PAGE),
        ("content/docs/b.md", "# B\n\n## Usage\n\nText.\n"),
        ("content/about.md", "# About\n"),
        ("content/docs/cell.png", "png"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let html = site.read("public/docs/a.html");
    assert!(html.contains("<a href=\"../docs/b.html\">the other page</a>"), "{html}");
    assert!(html.contains("<a href=\"../about.html\">about</a>"), "{html}");
    assert!(html.contains("<a href=\"../docs/b.html#usage\">its part</a>"), "{html}");
    assert!(html.contains("<pre class=\"code\" data-lang=\"go\">"), "{html}");
    let text = common::text_of(&html);
    assert!(
        text.contains("x := map[string]int{\"a\": 1}") || text.contains("x := map[string]int{&quot;a&quot;: 1}"),
        "{text}"
    );
    assert!(
        html.contains("<annotation encoding=\"application/x-tex\">E=mc^2</annotation>"),
        "{html}"
    );
    assert!(
        html.contains("<summary class=\"callout-title\">Answer</summary>"),
        "{html}"
    );
    assert!(html.contains("<img src=\"../docs/cell.png\" alt=\"A cell\""), "{html}");
    assert!(html.contains("<p><em>Fig. 1: the cell</em></p>"), "{html}");
    for gone in ["highlight", "katex", "expand", "relref", "figure"] {
        assert!(!text.contains(gone), "{gone} left in the text: {text}");
    }
    assert!(
        err.contains("a.md:15:11: warning: Hugo `{{< ref \"nope.md\" >}}` names no page in content/"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
}

/// A block read again on its own (a MkDocs admonition's indented body, an embedded note's
/// part) gets the same source passes as the page: its shortcodes render too.
#[test]
fn shortcodes_inside_admonitions_and_embeds_render() {
    let site = common::Site::new(&[
        (
            "content/a.md",
            "# A\n\n!!! note \"Energy\"\n    Mass {{< katex >}}E=mc^2{{< /katex >}}, see [B]({{< ref \"b.md\" >}}).\n\n![[b#Usage]]\n",
        ),
        (
            "content/b.md",
            "# B\n\n## Usage\n\nAlso {{< katex >}}a^2+b^2{{< /katex >}} in [A]({{< ref \"a\" >}}).\n",
        ),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let html = site.read("public/a.html");
    for tex in ["E=mc^2", "a^2+b^2"] {
        assert!(
            html.contains(&format!(
                "<annotation encoding=\"application/x-tex\">{tex}</annotation>"
            )),
            "{tex}: {html}"
        );
    }
    assert!(html.contains("<a href=\"b.html\">B</a>"), "{html}");
    assert!(html.contains("<a href=\"a.html\">A</a>"), "{html}");
    let text = common::text_of(&html);
    assert!(!text.contains("katex") && !text.contains("ref \""), "{text}");
    assert!(!err.contains("warning"), "{err}");
}

/// hugo-book's `tabs` are content tabs; `youtube` and `vimeo` a link to the video (the
/// site loads nothing from the network).
#[test]
fn tabs_and_videos_render() {
    let site = common::Site::new(&[
        (
            "content/a.md",
            "# A\n\n{{< tabs \"os\" >}}\n{{< tab \"MacOS\" >}}\nUse **brew**.\n{{< /tab >}}\n{{< tab \"Linux\" >}}\nUse apt.\n{{< /tab >}}\n{{< /tabs >}}\n\n{{< youtube w7Ft2ymGmfc >}}\n\n{{< youtube id=\"abc_12-X\" title=\"Intro talk\" >}}\n\n{{< vimeo 146022717 >}}\n\n{{< video https://www.youtube.com/embed/wo9vZccmqwc title=\"Quarto\" >}}\n\n{{< video clip.mp4 >}}\n\n{{< video javascript:alert(1) >}}\n",
        ),
        ("content/clip.mp4", "mp4"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    let html = site.read("public/a.html");
    assert!(
        html.contains("<div class=\"tabbed-set\"><section class=\"tabbed-block\"><p class=\"tabbed-label\">MacOS</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p class=\"tabbed-label\">Linux</p>\n<p>Use apt.</p>\n</section></div>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\">https://www.youtube.com/watch?v=w7Ft2ymGmfc</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://www.youtube.com/watch?v=abc_12-X\">Intro talk</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"https://vimeo.com/146022717\">"), "{html}");
    assert!(
        html.contains("<a href=\"https://www.youtube.com/embed/wo9vZccmqwc\">Quarto</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"clip.mp4\">clip.mp4</a>"), "{html}");
    assert!(
        !html.contains("<iframe") && !html.contains("href=\"javascript"),
        "{html}"
    );
    let text = common::text_of(&html);
    assert!(!text.contains("youtube "), "{text}");
    // A video that is not a web address or a file of the site stays a reported shortcode.
    assert_eq!(text.matches("{{").count(), 1, "{text}");
    assert!(err.contains("{{< video javascript:alert(1) >}}"), "{err}");
}

/// Root-absolute links as Hugo (and Docusaurus, Jekyll) sites write them lead to the
/// page or file they name, from content/ or the site's `static/`, as relative links that
/// work from disk and under a sub-path; their anchors are checked. One to nothing in the
/// site keeps the root-absolute warning.
#[test]
fn root_absolute_links_lead_to_their_pages_and_static_files() {
    let site = common::Site::new(&[
        (
            "content/posts/a.md",
            "# A\n\n[b](/posts/b/) [b2](/posts/b) [part](/posts/b/#usage) [home](/) ![pic](/images/x.png) \
             [pdf](/files/guide%20one.pdf) [bad](/posts/b/#nope) [gone](/nowhere/)\n\n<img src=\"/images/x.png\" alt=\"raw\">\n",
        ),
        ("content/posts/b.md", "# B\n\n## Usage\n"),
        ("content/files/guide one.pdf", "%PDF"),
        ("static/images/x.png", "png"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let a = site.read("public/posts/a.html");
    let hrefs = common::attr_values(&a, "href");
    for want in ["../posts/b.html#usage", "../index.html", "../files/guide%20one.pdf"] {
        assert!(hrefs.iter().any(|h| h == want), "{want}: {hrefs:?}");
    }
    let article = &a[a.find("<h1").unwrap()..];
    assert!(
        article.contains("<a href=\"../posts/b.html\">b</a> <a href=\"../posts/b.html\">b2</a>"),
        "{article}"
    );
    let srcs = common::attr_values(&a, "src");
    assert_eq!(srcs.iter().filter(|s| *s == "../images/x.png").count(), 2, "{srcs:?}");
    assert!(site.path("public/images/x.png").is_file());
    assert!(err.contains("broken anchor `#nope` in link `/posts/b/#nope`"), "{err}");
    assert!(err.contains("warning: root-absolute link `/nowhere/`"), "{err}");
    assert_eq!(err.matches("root-absolute link").count(), 1, "{err}");
}
