//! Math (SPEC §3 "Math"): `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, ```` ```math ```` and bare
//! LaTeX environments become MathML at build time; prices and other dollars stay text; a
//! formula that cannot be converted shows its source and is a warning at its line.
//! Review a changed snapshot, then accept it with `INSTA_UPDATE=always cargo test --test math`.

mod common;

use common::Site;
use studysite::config::Config;
use studysite::testing::render_snippet;

use studysite::testing::snippet_html as html;

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
        "Fine $x$.\n\nBroken $\\unknowncmd{x} <b>$ here.\n\n$$\n\\begin{eqnarray}a&=&b\\end{eqnarray}\n$$\n"
    ));
}

#[test]
fn math_in_quotes_lists_and_raw_html_pages() {
    // A page with raw HTML is sanitised: MathML survives it.
    insta::assert_snapshot!(html("> $$\n> x^2\n> $$\n\n- item $y$\n\n<span>raw</span> $z$\n"));
}

#[test]
fn math_boxed_and_tag() {
    // `\boxed` inline and in a display formula with `\tag`, `\tag*`; a `\tag` inline, two
    // in one formula and one inside an environment stay "not converted".
    insta::assert_snapshot!(html(
        "Inline $\\boxed{x = 1}$.\n\n$$\na^2 + b^2 = c^2 \\tag{3}\n$$\n\n$$\\boxed{\\frac{a}{b}} \\tag*{$\\dagger$}$$\n\n$$\\boxed{y} \\tag*{(A<1>)}$$\n\nInline $a \\tag{1}$.\n\n$$a \\tag{1} \\\\ b \\tag{2}$$\n\n$$\\begin{aligned}a \\tag{1}\\end{aligned}$$\n"
    ));
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
fn math_french_amounts_with_no_break_spaces_stay_text() {
    // `20 000 $.` opens and `5 000 $` (a no-break space before the dollar) does not close:
    // Pandoc's rule; pulldown-cmark alone made a formula of the words between.
    let src = "Le coût de X est de 25\u{a0}000 $ et celui de Y de 20\u{a0}000 $. Comment appelle-t-on la différence de 5 000\u{a0}$\u{a0}?\n\nEt $x^2$ reste une formule, comme\u{a0}$y$.\n";
    let p = page(src);
    assert_eq!(p.html.matches("<math").count(), 2, "{}", p.html);
    assert!(
        p.html
            .contains("20\u{a0}000 $. Comment appelle-t-on la différence de 5 000\u{a0}$\u{a0}?"),
        "{}",
        p.html
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
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
fn mod_is_a_known_command() {
    let p = page("$a \\equiv b \\mod m$ and $\\models$\n");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert!(
        p.html.contains("<mi>mod</mi>") || p.html.contains(">mod<"),
        "{}",
        p.html
    );
}

#[test]
fn a_bare_latex_environment_paragraph_is_a_display_formula() {
    let p = page(
        "Its convergents are\n\n\\begin{gather}\nr_0=[a_0],\\\\r_1=[a_0, a_1]\n\\end{gather}\n\nand \\begin{x} in text stays.\n",
    );
    assert_eq!(p.html.matches("<math display=\"block\">").count(), 1, "{}", p.html);
    assert_eq!(
        p.html.matches("<mtr>").count(),
        2,
        "the `\\\\` row break kept: {}",
        p.html
    );
    assert!(p.html.contains("and \\begin{x} in text stays."), "{}", p.html);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn a_heading_with_a_formula_shows_it_rendered_in_the_table_of_contents() {
    let site = Site::new(&[(
        "content/sort.md",
        "# Sorting\n\n## Merge sort in $O(n \\log n)$ {#merge}\n\ntext\n\n## See [$x^2$](other.md) here\n\ntext\n\n## Labelled $y$ { data-toc-label=\"Why\" }\n\ntext\n\n## Plain `code`\n\ntext\n",
    )]);
    site.build();
    let page = site.read("public/sort.html");
    let toc = &page[page.find("<nav class=\"toc\"").unwrap()..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    let entry = |id: &str| {
        let at = toc
            .find(&format!("<a href=\"#{id}\">"))
            .unwrap_or_else(|| panic!("{id} in {toc}"));
        &toc[at..at + toc[at..].find("</a>").unwrap()]
    };
    // The formula as MathML, not as its TeX between the words.
    let merge = entry("merge");
    assert!(
        merge.contains("Merge sort in <math") && merge.contains("<mi>log</mi>"),
        "{merge}"
    );
    assert!(
        !merge.contains("<a class=\"anchor\"") && !merge.contains("id="),
        "{merge}"
    );
    assert!(!toc.contains("O(n \\log n)</a>"), "{toc}");
    // A link in the heading is unwrapped: one link per entry.
    let linked = entry("see-x-2-here");
    assert!(
        linked.contains("<math") && linked.matches("<a ").count() == 1,
        "{linked}"
    );
    // The author's label wins; a heading without a formula stays plain text.
    assert!(toc.contains(">Why</a>"), "{toc}");
    assert!(toc.contains(">Plain code</a>"), "{toc}");
}
