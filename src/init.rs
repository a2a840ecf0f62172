//! `studysite init`: a new site with a configuration, a home page and an example note
//! that shows every feature; optionally a GitHub Pages workflow. Never overwrites.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

const CONFIG: &str = r#"# studysite configuration. Every key is optional; see the README for all of them.
title = "My study notes"
description = "Notes, questions and a quiz."
# base_url = "https://me.github.io/my-notes/"   # for sitemap.xml and canonical links
# url_style = "file"                             # or "pretty" for hosts that serve folders

[quiz]
exam_questions = 20
exam_minutes = 30
pass_mark = 70
"#;

const HOME: &str = r#"+++
title = "My study notes"
+++

Welcome! Pick a section below, drill the [questions](example.md#self-check), or take the quiz.
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

const GITHUB_WORKFLOW: &str = r#"# Builds the site with studysite and publishes it with GitHub's official Pages actions.
# In the repository: Settings → Pages → Source: "GitHub Actions".
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

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - name: Install studysite
        run: cargo install --locked studysite
      - name: Build
        run: studysite build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
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
        uses: actions/deploy-pages@v4
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
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Diagnostic::error(parent, format!("cannot create: {e}")))?;
        }
        std::fs::write(&path, text).map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))?;
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
}
