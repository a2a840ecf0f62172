//! Block syntaxes of other tools. MkDocs Material's newer syntax, as its documentation
//! writes it: pymdownx's `///`
//! blocks (admonitions, details with their options, tabs, nested blocks with more
//! slashes, captions) and attribute lists after links, icons and blocks
//! (`[Start](a.md){ .md-button }`, `{ .annotate }`). Blocks render; attribute lists
//! leave no text; code keeps both as written. VitePress' `::: code-group` and `[[toc]]`,
//! Quarto's callouts titled by their first heading and folded by `collapse="true"`.

use studysite::config::Config;
use studysite::testing::render_snippet;

use studysite::testing::snippet_html as html;

#[test]
fn blocks_render_and_their_options_are_not_text() {
    insta::assert_snapshot!(html(concat!(
        "/// details | Why?\n    type: warning\n\nBecause.\n///\n\n",
        "/// admonition | Remember\n    type: tip\n\nThis.\n///\n\n",
        "/// tab | Linux\napt install x\n///\n\n",
        "//// danger | Outer\nOuter text.\n\n/// note\nInner.\n///\n////\n\n",
        "/// caption\nFigure 1: the caption.\n///\n\n",
        "```\n/// tip | in code\n///\n```\n\n",
        "/// tip | never closed\nText.\n",
    )));
}

#[test]
fn a_block_never_closed_names_its_closing() {
    let p = render_snippet("//// tip | open\nText.\n", &Config::default());
    let d = &p.diagnostics[0];
    assert_eq!(
        d.help.as_deref(),
        Some("close the block with a line of `////`"),
        "{d:?}"
    );
}

#[test]
fn attribute_lists_after_links_icons_and_blocks_leave_no_text() {
    let out = html(concat!(
        "[Start](a.md){ .md-button .md-button--primary } and ![pic](p.png){ width=\"300\" }\n",
        "next line\n\n",
        "Text with an annotation (1)\n{ .annotate }\n\n",
        "`[a](b){ .x }` and f(){ return 1; }\n",
    ));
    assert!(
        !out.contains(".md-button") && !out.contains("width=") && !out.contains(".annotate"),
        "{out}"
    );
    assert!(!out.contains("<br"), "no hard break where a list ended a line: {out}");
    assert!(out.contains("<code>[a](b){ .x }</code> and f(){ return 1; }"), "{out}");
    assert!(out.contains("<p>Text with an annotation (1)</p>"), "{out}");
}

#[test]
fn vitepress_code_groups_toc_markers_and_quarto_callouts() {
    let out = html(concat!(
        "[[toc]]\n\n::: code-group\n\n```sh [npm]\nnpm i\n```\n\n```sh [yarn]\nyarn add\n```\n\n:::\n\n",
        "::: {.callout-warning collapse=\"true\"}\n## Watch out\nBody.\n:::\n\n",
        "::: {.callout-tip title=\"Given\"}\n## Stays a heading\n:::\n",
    ));
    assert!(
        !out.contains("toc") && !out.contains("Warning:"),
        "no marker, no warning: {out}"
    );
    assert!(
        out.contains("<p class=\"code-title\">npm</p>") && out.contains("<p class=\"code-title\">yarn</p>"),
        "{out}"
    );
    assert!(!out.contains("callout-note"), "a code group is no callout: {out}");
    assert!(
        out.contains("<details class=\"callout callout-warning callout-fold\" data-callout=\"warning\"><summary class=\"callout-title\">Watch out</summary><span id=\"watch-out\"></span>"),
        "{out}"
    );
    assert!(
        out.contains("<p class=\"callout-title\">Given</p>") && out.contains("<h2 id=\"stays-a-heading\">"),
        "{out}"
    );
}

/// Highlighted code is held out of what the sanitiser reads (src/markdown/held_code.rs),
/// and comes back the same: as the highlighter wrote it where there is nothing to
/// sanitise (only the blocks the author's HTML is in are: src/markdown/raw_regions.rs),
/// as the sanitiser writes text inside the author's HTML.
#[test]
fn highlighted_code_beside_raw_html_is_sanitised_the_same() {
    let fence = "```python\nx = 'a' < b\n```\n";
    // No author HTML (a comment is none), or only in other blocks: the code as the
    // highlighter wrote it.
    for src in [
        fence.to_string(),
        format!("<!-- a note -->\n\n{fence}"),
        format!("<div onclick=\"x()\">raw</div>\n\n{fence}\n<span>after</span>"),
    ] {
        let out = html(&src);
        assert!(out.contains("&#39;") && out.contains("class=\"hl-"), "{out}");
        assert!(!out.contains("onclick") && !out.contains('\u{E000}'), "{out}");
    }
    // Inside the author's `<div>`: sanitised with it.
    let out = html(&format!(
        "<div onclick=\"x()\">\n\n{fence}\n</div>\n\n<span>after</span>"
    ));
    assert!(!out.contains("onclick"), "{out}");
    assert!(
        !out.contains("&#39;") && out.contains(">'<") && out.contains("class=\"hl-"),
        "{out}"
    );
    assert!(!out.contains('\u{E000}') && out.contains("<span>after</span>"), "{out}");
    // A fence the author put inside a <textarea>: its code was text there, and still is.
    let out = html(&format!("<textarea>\n\n{fence}\n</textarea>"));
    assert!(!out.contains("<span class=\"hl-") && !out.contains('\u{E000}'), "{out}");
}
