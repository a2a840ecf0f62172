//! `studysite init`: a new site with a configuration, a home page and an example note
//! that shows every feature; optionally a GitHub Pages workflow. Never overwrites.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

const CONFIG: &str = r#"# studysite configuration. Every key is optional; see the README for all of them.
title = "My study notes"
description = "Notes, questions and a quiz."
# base_url = "https://me.github.io/my-notes/"   # for sitemap.xml, canonical links and 404.html
# url_style = "file"                             # or "pretty" for hosts that serve folders

[quiz]
exam_questions = 20
exam_minutes = 30
pass_mark = 70
"#;

const HOME: &str = r#"Welcome! Pick a section below, drill the [questions](questions.html), or take the
[quiz](quiz.html).
"#;

const EXAMPLE: &str = r#"+++
title = "Example note"
weight = 1
description = "Everything a note can hold."
topics = ["Tables", "Callouts", "Code", "Questions"]
+++

Write notes in Markdown. Headings get links and a table of contents.

## Comparison tables

<!-- cheatsheet -->
| Option | Fast | Cheap |
|---|---|---|
| A | ✅ | ❌ |
| B | ❌ | ✅ |

> [!TIP]
> Callouts: NOTE, TIP, IMPORTANT, WARNING and CAUTION.

```python
print("code is highlighted when the site is built")
```

## Self-check {#self-check}

### Which option is fast?
<!-- id: example-fast; tags: example -->

✅ **A**: see the table above.

### Which option is cheap?

- [ ] A
  > A is fast, not cheap.
- [x] B

B trades speed for price.
"#;

const GITHUB_WORKFLOW: &str = r#"# Publishes the site on GitHub Pages: builds it with studysite, then deploys it with
# GitHub's official Pages actions (configure-pages, upload-pages-artifact, deploy-pages).
#
# Before the first push (the README of studysite explains each step):
#   1. In the repository: Settings → Pages → Build and deployment → Source: "GitHub Actions".
#   2. Fill in STUDYSITE_GIT and STUDYSITE_REV below. studysite is not on crates.io, so
#      this workflow compiles it from its Git repository, at the commit you pin, once;
#      the binary is then cached until you change the commit.
name: Publish study notes

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # REQUIRED: the Git repository to build studysite from (the one you installed it from,
  # or your fork of it), e.g. https://github.com/OWNER/studysite
  STUDYSITE_GIT: ""
  # REQUIRED: the full 40-character commit of that repository to build: the version
  # every deploy uses. `git rev-parse HEAD` in a clone of it prints the latest.
  STUDYSITE_REV: ""

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - name: Check where studysite comes from
        run: |
          if [ -z "$STUDYSITE_GIT" ] || ! printf '%s' "$STUDYSITE_REV" | grep -Eqx '[0-9a-f]{40}'; then
            echo "::error file=.github/workflows/pages.yml::Set STUDYSITE_GIT to the Git repository of studysite and STUDYSITE_REV to a full 40-character commit of it, in the env: block of this workflow."
            exit 1
          fi
      - name: Cache studysite
        id: cache
        uses: actions/cache@v5
        with:
          path: ~/.cargo/bin/studysite
          key: studysite-${{ runner.os }}-${{ env.STUDYSITE_REV }}
      - name: Install studysite
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --force --git "$STUDYSITE_GIT" --rev "$STUDYSITE_REV" studysite
      - id: pages
        uses: actions/configure-pages@v6
      - name: Build
        # The Pages URL (https://OWNER.github.io/REPO, or your custom domain) as base_url:
        # sitemap.xml, robots.txt, canonical links and a 404 page that works at any depth.
        run: studysite build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v5
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"#;

/// Creates the site; returns the files written.
pub fn init(dir: &Path, force: bool, ci: Option<&str>) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::error(dir, "exists and is not a folder"));
        }
        let non_empty = std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
        if non_empty && !force {
            return Err(Diagnostic::error(dir, "folder is not empty")
                .with_help("pass --force to add a site to it (existing files are never overwritten)"));
        }
    }
    let mut files: Vec<(&str, &str)> = vec![
        ("studysite.toml", CONFIG),
        ("content/_index.md", HOME),
        ("content/example.md", EXAMPLE),
        (".gitignore", "/public\n"),
    ];
    if ci == Some("github") {
        files.push((".github/workflows/pages.yml", GITHUB_WORKFLOW));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        // Never through a link: a linked `content/` or a dangling `studysite.toml`
        // would have init write somewhere else.
        let mut at = dir.to_path_buf();
        for part in rel.split('/') {
            at.push(part);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(
                    Diagnostic::error(&at, "is a symbolic link; init writes nothing through links")
                        .with_help("remove the link or run init in another folder"),
                );
            }
        }
        if std::fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(parent, format!("cannot create: {e}")))?;
        }
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_empty_and_never_overwrites() {
        let t = tempfile::tempdir().unwrap();
        std::fs::write(t.path().join("studysite.toml"), "title = \"mine\"").unwrap();
        assert!(init(t.path(), false, None).is_err());
        let written = init(t.path(), true, Some("github")).unwrap();
        assert_eq!(
            std::fs::read_to_string(t.path().join("studysite.toml")).unwrap(),
            "title = \"mine\""
        );
        assert!(written.iter().any(|p| p.ends_with("pages.yml")));
        assert!(!written.iter().any(|p| p.ends_with("studysite.toml")));
    }

    #[cfg(unix)]
    #[test]
    fn force_never_writes_through_a_link() {
        let t = tempfile::tempdir().unwrap();
        let elsewhere = t.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        let site = t.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("content")).unwrap();
        let e = init(&site, true, None).unwrap_err();
        assert!(e.message.contains("symbolic link"), "{}", e.message);
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        std::fs::remove_file(site.join("content")).unwrap();
        let _ = std::fs::remove_file(site.join("studysite.toml"));
        std::os::unix::fs::symlink(t.path().join("made-by-init"), site.join("studysite.toml")).unwrap();
        assert!(init(&site, true, None).is_err());
        assert!(
            !t.path().join("made-by-init").exists(),
            "a dangling link is not followed"
        );
    }

    #[test]
    fn workflow_builds_studysite_from_a_pinned_commit_and_deploys_with_official_actions() {
        let w = GITHUB_WORKFLOW;
        for action in [
            "actions/checkout@",
            "actions/configure-pages@",
            "actions/upload-pages-artifact@",
            "actions/deploy-pages@",
            "actions/cache@",
        ] {
            assert!(w.contains(&format!("uses: {action}")), "{action}");
        }
        // studysite is not on crates.io: never `cargo install studysite` from there.
        assert!(!w.contains("cargo install --locked studysite"));
        assert!(
            w.contains("cargo install --locked --force --git \"$STUDYSITE_GIT\" --rev \"$STUDYSITE_REV\" studysite")
        );
        assert!(w.contains("key: studysite-${{ runner.os }}-${{ env.STUDYSITE_REV }}"));
        assert!(w.contains("STUDYSITE_GIT: \"\"") && w.contains("STUDYSITE_REV: \"\""));
        assert!(!w.contains('\t'), "YAML has no tabs");
    }
}
