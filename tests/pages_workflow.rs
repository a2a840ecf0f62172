//! `init --ci github`: the GitHub Pages workflow it writes, and what it refuses.

mod common;

use common::{bin, stderr};

/// The `run: |` script of the workflow step with this name, dedented.
fn step_script(workflow: &str, step: &str) -> String {
    let lines: Vec<&str> = workflow.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == format!("- name: {step}"))
        .expect("the step");
    let run = (at..lines.len())
        .find(|&i| lines[i].trim() == "run: |")
        .expect("a run block");
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(lines[run]);
    lines[run + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) > base)
        .map(|l| l.get(base + 2..).unwrap_or("").to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn init_workflow_refuses_to_run_until_the_studysite_source_is_pinned_and_builds_for_pages() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("notes");
    let run = bin().args(["init", "--ci", "github"]).arg(&dir).output().unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let workflow = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).unwrap();
    let script = step_script(&workflow, "Check where studysite comes from");
    let sha = "0123456789abcdef0123456789abcdef01234567";
    for (git, rev, ok) in [
        ("", "", false),
        ("https://github.com/OWNER/studysite", "", false),
        ("https://github.com/OWNER/studysite", "main", false),
        ("", sha, false),
        ("https://github.com/OWNER/studysite", sha, true),
    ] {
        let out = std::process::Command::new("bash")
            .args(["-eo", "pipefail", "-c", &script])
            .env("STUDYSITE_GIT", git)
            .env("STUDYSITE_REV", rev)
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "GIT={git:?} REV={rev:?}");
        let said = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            said.contains("::error file=.github/workflows/pages.yml::Set STUDYSITE_GIT"),
            !ok,
            "{said}"
        );
    }
    // The build the workflow runs, with the URL configure-pages gives a project site.
    let built = bin()
        .args(["build", "--base-url", "https://owner.github.io/notes/"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let sitemap = std::fs::read_to_string(dir.join("public/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://owner.github.io/notes/example.html</loc>"),
        "{sitemap}"
    );
    let not_found = std::fs::read_to_string(dir.join("public/404.html")).unwrap();
    assert!(
        not_found.contains("https://owner.github.io/notes/assets/style."),
        "{not_found}"
    );
}
