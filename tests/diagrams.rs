//! Mermaid diagrams (```mermaid fences): the markup of a fence, and which pages and sites
//! get the diagram scripts. Drawing them is tested in Chromium (tests/browser/diagrams.test.js).

mod common;

use common::Site;
use studysite::config::Config;
use studysite::testing::render_snippet;

fn assets(site: &Site) -> Vec<String> {
    walkdir::WalkDir::new(site.path("public/assets"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(site.path("public/assets"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn build(site: &Site) {
    let out = common::bin()
        .args(["build", "--no-minify"])
        .arg(site.root())
        .arg("-o")
        .arg(site.path("public"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
}

const FLOW: &str = "---\ntitle: Flow\n---\n\n```mermaid\nflowchart LR\n  A[\"<b>x</b> & y\"] --> B\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n";

#[test]
fn a_fence_is_a_figure_with_its_escaped_source_and_a_caption() {
    let p = render_snippet(FLOW.split("---\n").nth(2).unwrap(), &Config::default());
    insta::assert_snapshot!(p.html.as_str());
    assert_eq!(p.diagrams, 2);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn a_page_with_raw_html_keeps_the_figure_through_the_sanitiser() {
    let p = render_snippet(
        "<span>raw</span>\n\n```mermaid\ngraph TD\n  A --> B\n```\n",
        &Config::default(),
    );
    assert!(
        p.html.contains("<figure class=\"diagram\" data-diagram=\"mermaid\"><pre class=\"code diagram-source\" data-lang=\"mermaid\">"),
        "{}",
        p.html.as_str()
    );
    assert!(
        p.html
            .contains("<figcaption class=\"diagram-caption\">Diagram (Mermaid source)</figcaption>")
    );
}

#[test]
fn an_empty_fence_is_a_warning_at_its_line() {
    let p = render_snippet("Text.\n\n```mermaid\n```\n", &Config::default());
    assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(p.diagnostics[0].line, 3);
    assert!(p.diagnostics[0].message.contains("empty ```mermaid block"));
}

#[test]
fn the_caption_follows_the_site_language() {
    let config = Config {
        language: "de".into(),
        ..Config::default()
    };
    let p = render_snippet("```mermaid\ngraph TD\n  A --> B\n```\n", &config);
    assert!(
        p.html.contains(">Diagramm (Mermaid-Quelltext)</figcaption>"),
        "{}",
        p.html.as_str()
    );
}

#[test]
fn only_pages_with_a_diagram_load_the_scripts_and_only_sites_with_one_ship_them() {
    let site = Site::new(&[
        ("content/flow.md", FLOW),
        ("content/plain.md", "# Plain\n\n```text\ngraph TD\n```\n"),
    ]);
    build(&site);
    let files = assets(&site);
    let mermaid = files
        .iter()
        .find(|f| f.starts_with("vendor/mermaid.min.") && f.ends_with(".js"));
    assert!(mermaid.is_some(), "{files:?}");
    assert!(
        files.iter().any(|f| f.starts_with("vendor/mermaid.LICENSE.")),
        "{files:?}"
    );
    let flow = site.read("public/flow.html");
    assert!(flow.contains(&format!("assets/{}\" defer", mermaid.unwrap())), "{flow}");
    assert!(flow.contains("assets/diagrams."), "{flow}");
    let plain = site.read("public/plain.html");
    assert!(
        !plain.contains("mermaid.min") && !plain.contains("diagrams."),
        "{plain}"
    );

    let none = Site::new(&[("content/plain.md", "# Plain\n\nNo diagram.\n")]);
    build(&none);
    let files = assets(&none);
    assert!(
        !files.iter().any(|f| f.contains("mermaid") || f.contains("diagrams")),
        "{files:?}"
    );
}
