//! Snapshots of the syntax written for other tools (SPEC §3 "Notes written for other
//! tools", "Math"): each construct and its edge cases, with the diagnostics it gets.
//! Review a changed snapshot, then accept it with `INSTA_UPDATE=always cargo test --test dialects`.

use studysite::config::Config;
use studysite::testing::render_snippet;

fn html(md: &str) -> String {
    let parsed = render_snippet(md, &Config::default());
    let mut out = parsed.html;
    for d in parsed.diagnostics {
        out.push_str(&format!(
            "\n<!-- {}:{}: {:?}: {} -->",
            d.line, d.col, d.severity, d.message
        ));
    }
    out
}

#[test]
fn math_every_delimiter() {
    insta::assert_snapshot!(html(
        "Inline $a^2 + b^2 = c^2$ and \\(\\alpha\\), prices $5 and $10.\n\n$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$\n\n\\[\nx = \\sqrt{y}\n\\]\n\n```math\n\\binom{n}{k}\n```\n"
    ));
}

#[test]
fn math_markdown_stays_out_of_formulas() {
    insta::assert_snapshot!(html(
        "$\\{a, b\\}$ and $[0, n](x)$ and $a_1 *b* c_2$ and `$x$` and a\\[i\\].\n\n$$\\begin{array}{ll}\n1. & ab \\\\\n2. & b\n\\end{array}$$\n\n| a | b |\n|---|---|\n| $x^2$ | $\\lvert y \\rvert$ |\n"
    ));
}

#[test]
fn math_unconvertible_formula_shows_its_source() {
    insta::assert_snapshot!(html(
        "Fine $x$.\n\nBroken $\\boxed{x} <b>$ here.\n\n$$\n\\begin{eqnarray}a&=&b\\end{eqnarray}\n$$\n"
    ));
}

#[test]
fn math_in_quotes_lists_and_raw_html_pages() {
    // A page with raw HTML is sanitised: MathML survives it.
    insta::assert_snapshot!(html("> $$\n> x^2\n> $$\n\n- item $y$\n\n<span>raw</span> $z$\n"));
}

fn page(md: &str) -> studysite::page::ParsedPage {
    render_snippet(md, &Config::default())
}

#[test]
fn math_dollars_become_mathml_and_markdown_stays_out() {
    let p = page(
        "Set $\\{a, b\\}$, $\\binom{n}{k}$ and $[0, n](x)$ and $a_1 *b* c_2$.\n\n$$\\begin{cases}a \\\\ b\\end{cases}$$\n",
    );
    assert_eq!(p.html.matches("<math display=\"inline\">").count(), 4, "{}", p.html);
    assert!(!p.html.contains("<a "), "a formula became a link: {}", p.html);
    assert!(!p.html.contains("<em>"), "Markdown ran inside a formula: {}", p.html);
    assert!(p.html.contains(">{</mo>"), "the braces were eaten: {}", p.html);
    assert_eq!(
        p.html.matches("<mtr>").count(),
        2,
        "the `\\\\` row break was eaten: {}",
        p.html
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn math_prices_stay_text() {
    let p = page("It costs $5 and $10 today.\n");
    assert!(!p.html.contains("<math"), "{}", p.html);
    assert!(p.html.contains("$5 and $10"), "{}", p.html);
}

#[test]
fn math_display_forms_and_fence() {
    let p = page("$$\nx^2\n$$\n\n\\[\n\\frac{a}{b}\n\\]\n\nand \\(y\\) inline\n\n```math\n\\sqrt{2}\n```\n");
    assert_eq!(p.html.matches("<math display=\"block\">").count(), 3, "{}", p.html);
    assert_eq!(p.html.matches("<math display=\"inline\">").count(), 1, "{}", p.html);
    assert!(p.html.contains("<msqrt>") && p.html.contains("<mfrac>"), "{}", p.html);
    assert!(
        p.html.contains("<mi>y</mi>") && !p.html.contains("<mrow><mi>y</mi></mrow></math>"),
        "the braces added for \\( were rendered: {}",
        p.html
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn math_escaped_brackets_and_code_are_not_math() {
    let p = page("a\\[i\\] and `\\(x\\)` and \\\\(y\\\\)\n\n```\n\\[ z \\]\n```\n");
    assert!(!p.html.contains("<math"), "{}", p.html);
    assert!(p.html.contains("a[i]"), "{}", p.html);
    assert!(p.html.contains("<code>\\(x\\)</code>"), "{}", p.html);
}

#[test]
fn math_unconvertible_formula_shows_source_and_warns_at_its_line() {
    let p = page("Intro\n\nSee $\\foo{x} < 1$ here.\n");
    assert!(
        p.html.contains(
            "<code class=\"math-error\" title=\"formula not converted: unknown command `\\foo`\">\\foo{x} &lt; 1</code>"
        ),
        "{}",
        p.html
    );
    assert_eq!(p.diagnostics.len(), 1);
    let d = &p.diagnostics[0];
    assert_eq!((d.line, d.col), (3, 5), "{}", d.message);
    assert!(d.message.contains("unknown command `\\foo`"), "{}", d.message);
}

#[test]
fn math_display_block_lines_that_look_like_markdown_stay_in_the_formula() {
    let md = "Suffixes\n\n$$\\begin{array}{ll}\n0. & abaab \\\\\n1. & baab\n\\end{array}$$\n\n$$\nF\n=\n- x\n$$\n";
    let p = page(md);
    assert_eq!(p.html.matches("<math display=\"block\">").count(), 2, "{}", p.html);
    assert!(
        !p.html.contains("<ol") && !p.html.contains("<h1") && !p.html.contains("<ul"),
        "{}",
        p.html
    );
    assert!(
        p.html
            .contains("<annotation encoding=\"application/x-tex\">\\begin{array}{ll}\n0. &amp; abaab"),
        "{}",
        p.html
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
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
    let site = common::Site::new(&[]);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault");
    for e in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            site.write_bytes(&rel, &std::fs::read(e.path()).unwrap());
        }
    }
    site
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
fn jinja_is_reported_at_its_line() {
    let p = page("Intro\n\nSee {% include 'x.md' %} here and `{% kept %}`.\n");
    assert!(p.html.contains("{% include 'x.md' %}"), "{}", p.html);
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    let d = &p.diagnostics[0];
    assert_eq!((d.line, d.col), (3, 5), "{}", d.message);
    assert!(
        d.message.contains("Jinja `{% include 'x.md' %}` is not supported"),
        "{}",
        d.message
    );
}
