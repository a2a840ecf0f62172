//! Snapshots of the syntax written for other tools (SPEC §3 "Notes written for other
//! tools"): each construct and its edge cases, with the diagnostics it gets.
//! Review a changed snapshot, then accept it with `INSTA_UPDATE=always cargo test --test dialects`.

use studysite::config::Config;
use studysite::testing::render_snippet;

use studysite::testing::snippet_html as html;

fn page(md: &str) -> studysite::page::ParsedPage {
    render_snippet(md, &Config::default())
}

#[test]
fn wikilinks_and_embeds() {
    // The snippet site holds page.md and other.md.
    insta::assert_snapshot!(html(
        "[[Other]], [[other#Some Heading|alias]], [[OTHER.md]], [[#Local]], [[other#^blk-1]], [[Missing]], [[Othr]].\n\n\
         Not links: [[ $a = 1 ]] and [[1, 2], [3]] and `[[code]]`.\n\n\
         | a | b |\n|---|---|\n| [[other\\|in a table]] | x |\n\n![[gone.png|300]] ![[other]]\n"
    ));
}

mod common;

/// The fixture vault (tests/fixtures/vault) copied into a temporary site.
fn vault() -> common::Site {
    common::Site::from_fixture("vault")
}

#[test]
fn fixture_vault_builds_with_every_link_resolved() {
    let site = vault();
    let out = site.build();
    let err = common::stderr(&out);
    assert!(!err.contains("warning"), "{err}");
    let ideas = site.read("public/maths/index-of-ideas.html");
    for needle in [
        "href=\"../physics/three-laws-of-motion.html#second-law\">F = ma</a>",
        "href=\"../physics/energy.html\">Energy</a>",
        "<img src=\"../attachments/diagram.png\" alt=\"diagram.png\" width=\"300\"",
        "width=\"240\" height=\"120\"",
        "href=\"../attachments/Handout.pdf\">Handout.pdf</a>",
        "neither is [[ $a = 1 ]] or [[1, 2], [3]].",
    ] {
        assert!(ideas.contains(needle), "{needle} missing from {ideas}");
    }
    let laws = site.read("public/physics/three-laws-of-motion.html");
    assert!(
        laws.contains("href=\"../physics/energy.html#kinetic-energy\">Energy &gt; Kinetic energy</a>"),
        "{laws}"
    );
    assert!(
        laws.contains("<math display=\"block\">") && laws.contains("assets/math."),
        "{laws}"
    );
    assert!(laws.contains("<details class=\"callout callout-tip callout-fold\" data-callout=\"tip\"><summary class=\"callout-title\">Remember it</summary>"), "{laws}");
    assert!(
        laws.contains("data-callout=\"example\" open><summary class=\"callout-title\">Numbers</summary>"),
        "{laws}"
    );
    let cheats = site.read("public/cheatsheet.html");
    assert!(
        cheats.contains("Force is mass times acceleration.") && cheats.contains("It pushes exhaust backwards."),
        "{cheats}"
    );
    let energy = site.read("public/physics/energy.html");
    assert_eq!(energy.matches("<math display=").count(), 3, "{energy}");
    assert!(energy.contains("It costs $5 and $10 to"), "{energy}");
    assert!(
        energy.contains("<mark>Energy is conserved</mark>") && energy.contains("id=\"^conservation\""),
        "{energy}"
    );
    assert!(!energy.contains("note to self"), "{energy}");
    assert!(
        laws.contains("href=\"../physics/energy.html#^conservation\">conservation</a>"),
        "{laws}"
    );
    // Only pages with formulas load the math stylesheet.
    assert!(!ideas.contains("assets/math."), "{ideas}");
    assert!(site.path("public/attachments/diagram.png").exists());
}

#[test]
fn unresolved_and_ambiguous_wikilinks_fail_check_and_warn_in_build() {
    let site = vault();
    site.write("content/Maths/Energy.md", "# Energy in maths\n");
    site.write(
        "content/Broken.md",
        "# Broken\n\nSee [[Thre laws of motion]] and\n[[Energy]] here.\n",
    );
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", common::stderr(&check));
    let err = common::stderr(&check);
    assert!(
        err.contains("Broken.md:3:5: error: broken link `[[Thre laws of motion]]`"),
        "{err}"
    );
    assert!(err.contains("did you mean `[[three laws of motion]]`?"), "{err}");
    assert!(err.contains("Broken.md:4:1: error: broken link `[[Energy]]`: `Energy` is ambiguous: `Maths/Energy.md`, `Physics/Energy.md`"), "{err}");
    let out = site.build();
    let err = common::stderr(&out);
    assert!(err.contains("Broken.md:3:5: warning: broken link"), "{err}");
    let page = site.read("public/broken.html");
    assert!(page.contains("<span class=\"wikilink-missing\""), "{page}");
    assert!(page.contains(">Thre laws of motion</span>"), "{page}");
}

#[test]
fn callouts_obsidian_and_github_forms() {
    insta::assert_snapshot!(html(
        "## Kinds\n\n> [!info] Custom *title*\n> Body line\n>\n> More.\n\n> [!FAQ]- Closed by default\n> Hidden until opened.\n\n> [!example]+\n> Open, default title.\n\n> [!NOTE] GitHub form with a title\n> x\n\n> [!tip]\n> Outer\n> > [!bug]\n> > Nested\n\n> [!nonsense] Shown as a note\n> y\n\n> [!link] is [not](x) a marker?\n\n> [link] plain quote\n"
    ));
}

#[test]
fn highlights_comments_and_block_ids() {
    insta::assert_snapshot!(html(
        "A ==key idea== and ==**bold** one==, but x == y and a==b stay.\n\nVisible %%hidden note%% text.\n\n%%\nA whole\n\nhidden block\n%%\n\n`%%kept in code%%` and `==code==`.\n\nA fact worth linking. ^fact-1\n\n- item with id ^item-2\n\n[[#^fact-1]] and [[page#^item-2]]\n"
    ));
}

#[test]
fn comments_leave_no_trace_in_search() {
    let p = page("# T\n\nShown %%secret words%% here.\n");
    let text: String = p.sections.iter().map(|s| s.text.clone()).collect();
    assert!(
        !text.contains("secret") && !p.html.contains("secret"),
        "{text} {}",
        p.html
    );
    let p = page("Never %% closed\n");
    assert!(p.html.contains("%% closed"), "{}", p.html);
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
}

#[test]
fn mkdocs_admonitions_and_tabs() {
    insta::assert_snapshot!(html(
        "## Proofs\n\n!!! info \"Why it works\"\n    Body with $x^2$ and **bold**.\n\n    ```cpp\n    int main() {}\n    ```\n??? hint \"Solution\"\n    Hidden until opened.\n\n???+ note\n    Open, default title.\n\n    !!! tip \"Nested\"\n        Inner body.\n\n!!! example \"[A link](https://example.com) in the title\"\n    x\n\n=== \"C++\"\n    ```cpp\n    int a;\n    ```\n=== \"Python\"\n\n    ```py\n    a = 1\n    ```\n\nAfter the tabs.\n\n!!! nonsense\n    y\n"
    ));
}

#[test]
fn mkdocs_abbreviations_keys_marks_icons_and_definition_lists() {
    insta::assert_snapshot!(html(
        "# API notes\n\n[TOC]\n\nThe API of HTML5, not APIs or XHTML: press ++ctrl+shift+p++, \
         ++\"Fn lock\"++, or ++page-down++; C++ and i++ stay.\n\n\
         x^2^, 10^th^, ^^added^^; x^2 + y^2 and ^_^ stay; `++ctrl++` and `^a^` are code.\n\n\
         | Feature | ok |\n|---|---|\n| API | :material-check: |\n| Old | :fontawesome-solid-xmark: :material-rocket-launch: |\n\n\
         API\n:   Application Programming Interface, *the* contract.\n\n    A second paragraph.\n\n\
         ![API diagram](api.png)\n\n\
         *[API]: Application Programming Interface\n*[HTML5]: \"HyperText <Markup> Language 5\"\n"
    ));
}

#[test]
fn definition_lists_and_colons_that_are_not_markers() {
    insta::assert_snapshot!(html(
        "Apple\n: A fruit.\n: A company.\n\nOrange\nTangerine\n\n:   Citrus fruits,\n    both of them.\n\n:   Loose second.\n\n\
         Save and quit\n:wq\n\n:::note\nA Docusaurus container.\n:::\n\nA ratio\n:+1: thumbs\n"
    ));
}

#[test]
fn colon_containers_of_docusaurus_vitepress_and_quarto() {
    insta::assert_snapshot!(html(
        ":::note\nDocusaurus, all in one paragraph.\n:::\n\n:::tip[A *title*]\n\n- a list\n\n```bash\necho inside\n```\n\n:::\n\n\
         ::: warning Careful\nVitePress.\n:::\n\n::: details Answer\nHidden.\n:::\n\n\
         ::: {.callout-important title=\"Quarto\"}\nBody.\n:::\n\n::: {.columns}\nKept, without fences.\n:::\n\n\
         Prose with ::: inside stays.\n\n:::caution\nnever closed\n"
    ));
}

#[test]
fn hugo_and_gitbook_callout_shortcodes() {
    insta::assert_snapshot!(html(
        "{{< hint info >}}\nhugo-book **hint**.\n{{< /hint >}}\n\n{{<hint danger>}}\nNo spaces.\n{{</hint>}}\n\n\
         {{% notice tip \"Mind this\" %}}\nRelearn.\n{{% /notice %}}\n\n{{< details title=\"Answer\" >}}\nHidden.\n{{< /details >}}\n\n\
         {% hint style=\"success\" %}\nGitBook.\n{% endhint %}\n\n{{< gist spf13 7896402 >}}\n"
    ));
}

#[test]
fn table_of_contents_markers_go_and_the_page_keeps_its_own() {
    let p = page("# T\n\n[[_TOC_]]\n\n[toc]\n\n[TOC]\n\nInline [toc] stays.\n\n## A\n\nx\n");
    assert!(!p.html.contains("TOC") && !p.html.contains("[toc]</p>"), "{}", p.html);
    assert!(p.html.contains("Inline [toc] stays."), "{}", p.html);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.toc.len(), 1, "{:?}", p.toc);
}

#[test]
fn obsidian_admonition_plugin_fences() {
    insta::assert_snapshot!(html(
        "```ad-tip\ntitle: Remember **this**\ncollapse: closed\nA body: with $x^2$.\n\n- a list\n```\n\n```ad-warning\nPlain.\n```\n\n```adnote\ncode\n```\n"
    ));
}

#[test]
fn an_icon_left_out_is_reported_at_its_line() {
    let p = page("Intro\n\nStar :simple-github: and :material-check:\n");
    assert!(p.html.contains("Star  and ✓"), "{}", p.html);
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!((d.line, d.col), (3, 6), "{}", d.message);
    assert!(
        d.message.contains("icon `:simple-github:` is not drawn"),
        "{}",
        d.message
    );
}

#[test]
fn jinja_is_reported_at_its_line() {
    let p = page("Intro\n\nSee {% include 'x.html' %} here and `{% kept %}`.\n");
    assert!(p.html.contains("{% include 'x.html' %}"), "{}", p.html);
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!((d.line, d.col), (3, 5), "{}", d.message);
    assert!(
        d.message.contains("Jinja `{% include 'x.html' %}` is not supported"),
        "{}",
        d.message
    );
}

#[test]
fn note_embeds_transclude_the_note_its_heading_or_its_block() {
    let site = vault();
    let out = site.build();
    let err = common::stderr(&out);
    assert!(!err.contains("warning"), "{err}");
    let momentum = site.read("public/physics/momentum.html");
    // `![[Energy#Kinetic energy]]`: the heading's section, its formula rendered, named
    // and linked above it; the embedded heading takes no id from the page.
    let embed = &momentum[momentum.find("<div class=\"embed\"").expect(&momentum)..];
    assert!(
        embed.contains("<a href=\"../physics/energy.html#kinetic-energy\">Energy &gt; Kinetic energy</a>"),
        "{embed}"
    );
    assert!(embed.contains("<h2>Kinetic energy</h2>"), "{embed}");
    assert!(embed.contains("<math display=\"block\">"), "{embed}");
    assert!(
        !embed.contains("E = mc^2</annotation>") || embed.contains("<math"),
        "{embed}"
    );
    assert!(!embed.contains("<h1"), "the section, not the note's title: {embed}");
    assert!(
        !momentum.contains("<p><div"),
        "a block embed is no paragraph's child: {momentum}"
    );
    // `![[Momentum#^momentum-conserved]]` inside a sentence: the block, the paragraph
    // closed around it.
    let ideas = site.read("public/maths/index-of-ideas.html");
    assert!(
        ideas.contains("Why rockets work: </p><div class=\"embed\" data-embed=\"Physics/Momentum.md\">"),
        "{ideas}"
    );
    assert!(ideas.contains("Momentum is conserved in a closed system."), "{ideas}");
    // `![](diagram.png)` by its bare name, the file being in attachments/.
    let energy = site.read("public/physics/energy.html");
    assert!(
        energy.contains("<img src=\"../attachments/diagram.png\" alt=\"the diagram\""),
        "{energy}"
    );
}

#[test]
fn note_embeds_that_cycle_or_nest_too_deep_are_links_and_warnings() {
    let site = vault();
    site.write("content/A.md", "# A\n\nText of A.\n\n![[B]]\n");
    site.write("content/B.md", "# B\n\nText of B.\n\n![[A]]\n");
    site.write("content/Self.md", "# Self\n\nIntro\n\n![[Self]]\n");
    site.write("content/D1.md", "# D1\n\n![[D2]]\n");
    site.write("content/D2.md", "# D2\n\n![[D3]]\n");
    site.write("content/D3.md", "# D3\n\n![[D4]]\n");
    site.write("content/D4.md", "# D4\n\n![[D5]]\n");
    site.write("content/D5.md", "# D5\n\n![[D6]]\n");
    site.write("content/D6.md", "# D6\n\nbottom\n");
    site.write("content/Missing part.md", "# Missing part\n\n![[A#No such heading]]\n");
    let out = site.build();
    let err = common::stderr(&out);
    assert!(
        err.contains("A.md:5:1: warning: `A` embeds itself (A → B → A); the embed is shown as a link"),
        "{err}"
    );
    assert!(
        err.contains("Self.md:5:1: warning: `Self` embeds itself (Self → Self)"),
        "{err}"
    );
    assert!(
        err.contains("D1.md:3:1: warning: embeds nest more than 4 notes deep (D1 → D2 → D3 → D4 → D5 → D6)"),
        "{err}"
    );
    let a = site.read("public/a.html");
    assert_eq!(a.matches("Text of B.").count(), 1, "B once, then a link: {a}");
    assert!(
        a.contains("<span class=\"embed-link\"><a href=\"a.html\">A</a></span>"),
        "{a}"
    );
    // A heading the note lacks is a broken anchor, as a link to it would be.
    let check = site.run(&["check"]);
    let err = common::stderr(&check);
    assert!(
        err.contains("Missing part.md:3:1: error: broken anchor `#no-such-heading` in link `A.md#no-such-heading`"),
        "{err}"
    );
}

#[test]
fn inline_tags_are_chips_page_tags_and_never_in_the_title() {
    let site = vault();
    site.write(
        "content/Practice.md",
        "# Quiz #exam\n\n## Which is a vector? #mechanics\n\n- [ ] mass\n- [x] momentum\n\n`#not-a-tag` and C# and x.com/#frag\n\nLine<br>#Tips, after raw HTML\n\n```\n#nope\n```\n",
    );
    site.build();
    let m = site.read("public/physics/momentum.html");
    assert!(
        m.contains("<title>Momentum · Fixture vault</title>"),
        "no tag in the title: {m}"
    );
    assert!(m.contains("<h1>Momentum</h1>"), "{m}");
    assert!(
        m.contains("<span class=\"tag\" data-tag=\"mechanics/linear\">#mechanics/linear</span>"),
        "{m}"
    );
    assert!(m.contains("issue #12 is no tag"), "{m}");
    assert!(m.contains("<li class=\"chip-tag\">#physics</li>"), "{m}");
    let nav = site.read("public/index.html");
    assert!(!nav.contains("Momentum #physics"), "no tag in the sidebar: {nav}");
    let q = site.read("public/questions.html");
    assert!(q.contains("<option value=\"exam\">exam (1)</option>"), "{q}");
    assert!(q.contains("<option value=\"mechanics\">mechanics (1)</option>"), "{q}");
    assert!(
        !q.contains("value=\"not-a-tag\"") && !q.contains("value=\"nope\""),
        "{q}"
    );
    let data = std::fs::read_to_string(
        std::fs::read_dir(site.path("public/assets"))
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with("quiz-data"))
            .unwrap()
            .path(),
    )
    .unwrap();
    assert!(data.contains("\"exam\"") && data.contains("\"mechanics\""), "{data}");
}

#[test]
fn aliases_are_link_targets_and_redirect_pages() {
    let site = vault();
    site.write(
        "content/Bad alias.md",
        "---\naliases: [/../../outside/]\n---\n# Bad alias\n",
    );
    let out = site.build();
    let err = common::stderr(&out);
    assert!(
        err.contains(
            "Bad alias.md:2:11: warning: alias `/../../outside/` leaves the output folder; no redirect is written"
        ),
        "{err}"
    );
    let ideas = site.read("public/maths/index-of-ideas.html");
    assert!(
        ideas.contains("href=\"../physics/momentum.html\">Impulse</a>"),
        "{ideas}"
    );
    let r = site.read("public/old/momentum/index.html");
    assert!(
        r.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../physics/momentum.html\">"),
        "{r}"
    );
    assert!(
        r.contains("<link rel=\"canonical\" href=\"../../physics/momentum.html\">"),
        "{r}"
    );
    assert!(
        r.contains("<a href=\"../../physics/momentum.html\">Momentum</a>"),
        "{r}"
    );
    assert!(!site.path("outside").exists() && !site.path("public/outside").exists());
}

#[test]
fn heading_attribute_lists_give_ids_and_toc_labels_and_are_never_printed() {
    let p = page(
        "# Page\n\n## Definition of $g(i)$ { data-toc-label='Definition of <script type=\"math/tex\">g(i)</script>' }\n\ntext\n\n## Euler's $\\phi$ { #etf_1 .wide data-toc-label=\"Euler's phi\" }\n\n### Sums {: #sums }\n\n## Closed ## { #closed}\n",
    );
    assert!(
        !p.html.contains("data-toc-label") && !p.html.contains('{'),
        "{}",
        p.html
    );
    assert!(p.html.contains("<h2 id=\"etf_1\" class=\"wide\">"), "{}", p.html);
    assert!(p.html.contains("<h3 id=\"sums\">"), "{}", p.html);
    assert!(p.html.contains("<h2 id=\"closed\">"), "{}", p.html);
    let toc: Vec<&str> = p.toc.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(toc, ["Definition of g(i)", "Euler's phi", "Sums", "Closed"]);
}

#[test]
fn markdown_under_a_closed_html_element_and_formulas_in_raw_html() {
    let p = page(
        "# Page\n\n<div id=\"fermat-euler\"></div>\n## Using Euler's theorem\n\ntext\n\n<div id=\"x\"></div>\n!!! note \"Careful\"\n    Body of the note.\n\n<center>\n<img src=\"a.png\">\n<i>Binary search of the value $7$ in an array, $5 and $10</i>\n<pre>\n$x$ stays\n</pre> <code>$y$</code>\n</center>\n",
    );
    assert!(
        p.html.contains("<div id=\"fermat-euler\"></div>") && p.html.contains("<h2 id=\"using-euler-s-theorem\">"),
        "{}",
        p.html
    );
    assert!(p.toc.iter().any(|t| t.text == "Using Euler's theorem"), "{:?}", p.toc);
    assert!(
        p.html.contains("callout-note") && p.html.contains("Body of the note."),
        "{}",
        p.html
    );
    assert!(!p.html.contains("!!!"), "{}", p.html);
    assert!(p.html.contains("value <math display=\"inline\">"), "{}", p.html);
    assert!(p.html.contains("$5 and $10"), "{}", p.html);
    assert!(
        p.html.contains("$x$ stays") && p.html.contains("<code>$y$</code>"),
        "{}",
        p.html
    );
    assert_eq!(p.formulas, 1);
}

#[test]
fn content_tabs_load_their_script_only_where_there_are_tabs() {
    let site = vault();
    site.write(
        "content/Code.md",
        "# Code\n\n=== \"C++\"\n\n    ```cpp\n    int x;\n    ```\n\n=== \"Python\"\n\n    ```python\n    x = 1\n    ```\n",
    );
    site.build();
    let code = site.read("public/code.html");
    assert!(code.contains("assets/tabs."), "{code}");
    assert!(code.contains("<p class=\"tabbed-label\">Python</p>"), "{code}");
    let energy = site.read("public/physics/energy.html");
    assert!(!energy.contains("assets/tabs."), "{energy}");
}

#[test]
fn mkdocs_headers_written_right_under_a_paragraph_start_their_block() {
    let p = page(
        "$$y = x.$$\n!!! example \"Title\"\n    Body one.\n??? hint \"Solution\"\n    The problem is now this.\n    === \"Python\"\n        ```py\n        x = 1\n        ```\n",
    );
    assert!(
        !p.html.contains("!!!") && !p.html.contains("???") && !p.html.contains("==="),
        "{}",
        p.html
    );
    assert!(p.html.contains("<p class=\"tabbed-label\">Python</p>"), "{}", p.html);
    assert!(
        p.html.contains("<summary class=\"callout-title\">Solution</summary>"),
        "{}",
        p.html
    );
}
