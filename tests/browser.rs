//! Real-browser tests: Debian's headless Chromium, driven by playwright-core from the
//! Node test files in tests/browser, against sites built by the real binary; and the
//! FSRS scheduler's test vectors under `node --test`.
//!
//! Without Chromium (or Node, or the npm packages) these tests say loudly that they
//! were skipped; under CI (`CI` set) a missing piece fails them instead.

mod common;
mod sharded;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{bin, stderr};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Writes straight to the terminal: libtest's capture only swallows `print!` macros,
/// so a skip is visible even when the test passes.
fn loud(msg: &str) {
    let _ = writeln!(std::io::stderr(), "\n{0}\n{msg}\n{0}\n", "*".repeat(78));
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Returns whether the prerequisite is there; skips loudly or fails in CI.
fn require(ok: bool, what: &str) -> bool {
    if ok {
        return true;
    }
    if in_ci() {
        panic!("{what}: browser tests must run in CI (.ci/run installs it)");
    }
    loud(&format!(
        "SKIPPED browser tests: {what}.\nInstall it (see README: Testing) to run them."
    ));
    false
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("STUDYSITE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn has(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn build(site: &Path, out: &Path) {
    let run = bin().args(["build", "-o"]).arg(out).arg(site).output().unwrap();
    assert!(
        run.status.success(),
        "building {} failed:\n{}",
        site.display(),
        stderr(&run)
    );
}

/// Copies the `content/` folder of `site` into `to`, for a variant of its configuration.
fn copy_content(site: &Path, to: &Path) {
    let content = site.join("content");
    for entry in walkdir::WalkDir::new(&content).into_iter().map(Result::unwrap) {
        let dest = to.join("content").join(entry.path().strip_prefix(&content).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Builds a copy of `site` (its `content/` and `studysite.toml`) with `[print] answers =
/// "<mode>"` added to the configuration, for the print tests.
fn build_print_variant(site: &Path, mode: &str, work: &Path, out: &Path) {
    let src = work.join(format!("src-{mode}"));
    copy_content(site, &src);
    let config = std::fs::read_to_string(site.join("studysite.toml")).unwrap();
    assert!(
        !config.contains("[print]"),
        "{}: already has a [print] table",
        site.display()
    );
    std::fs::write(
        src.join("studysite.toml"),
        format!("{config}\n[print]\nanswers = \"{mode}\"\n"),
    )
    .unwrap();
    build(&src, out);
}

/// Builds a copy of `site` (its `content/` and `studysite.toml`) with `url_style = "pretty"`,
/// for the hosting tests.
fn build_pretty(site: &Path, work: &Path, out: &Path) {
    let src = work.join("src-pretty");
    copy_content(site, &src);
    let config = std::fs::read_to_string(site.join("studysite.toml")).unwrap();
    // A top-level key, so before any table.
    std::fs::write(src.join("studysite.toml"), format!("url_style = \"pretty\"\n{config}")).unwrap();
    build(&src, out);
}

/// Builds a copy of `site` with `language = "<language>"` first in its configuration.
fn build_language(site: &Path, language: &str, work: &Path, out: &Path) {
    let src = work.join(format!("src-{language}"));
    copy_content(site, &src);
    let config = std::fs::read_to_string(site.join("studysite.toml")).unwrap();
    std::fs::write(
        src.join("studysite.toml"),
        format!("language = \"{language}\"\n{config}"),
    )
    .unwrap();
    build(&src, out);
}

/// Builds `site` with the search index sharded whatever its size (`STUDYSITE_SEARCH_SHARDS`).
fn build_sharded(site: &Path, out: &Path) {
    build_with(site, out, "STUDYSITE_SEARCH_SHARDS");
}

/// Builds `site` with `var=always` (a size rule overridden).
fn build_with(site: &Path, out: &Path, var: &str) {
    let run = bin()
        .env(var, "always")
        .args(["build", "-o"])
        .arg(out)
        .arg(site)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "building {} failed:\n{}",
        site.display(),
        stderr(&run)
    );
}

/// Runs a Node test command and asserts that it passed and ran at least one test.
fn node_tests(cmd: &mut Command, what: &str) {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    assert!(
        text.contains("# pass") && !text.contains("# pass 0"),
        "{what}: no tests ran:\n{text}"
    );
}

#[test]
fn fsrs_scheduler_and_search_engine_under_node() {
    if !require(has("node"), "Node.js is not installed") {
        return;
    }
    node_tests(
        Command::new("node").args(["--test", "tests/js/"]).current_dir(repo()),
        "node --test tests/js",
    );
}

#[test]
fn questions_quiz_and_search_in_headless_chromium() {
    let browser_dir = repo().join("tests/browser");
    let Some(chrome) = chromium() else {
        require(false, "Chromium is not installed (apt-get install chromium)");
        return;
    };
    if !require(has("node") && has("npm"), "Node.js and npm are not installed") {
        return;
    }
    // Every test-only package in package.json (a checkout that ran `npm ci` before one was
    // added gets it now).
    if ["playwright-core", "axe-core", "pdfjs-dist"]
        .iter()
        .any(|p| !browser_dir.join("node_modules").join(p).is_dir())
    {
        let npm = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&browser_dir)
            .output()
            .unwrap();
        if !require(npm.status.success(), "`npm ci` in tests/browser failed (no registry?)") {
            return;
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build(&repo().join("tests/fixtures/browser-site"), &site);
    let bundled = tmp.path().join("bundled");
    build(repo(), &bundled);
    let bundled_pretty = tmp.path().join("bundled-pretty");
    build_pretty(repo(), tmp.path(), &bundled_pretty);
    // The bundled site again with answers hidden on paper, and with an answer key.
    let bundled_hide = tmp.path().join("bundled-hide");
    build_print_variant(repo(), "hide", tmp.path(), &bundled_hide);
    let bundled_key = tmp.path().join("bundled-key");
    build_print_variant(repo(), "key", tmp.path(), &bundled_key);
    // A generated site above the search index's size rule, and the bundled notes with a
    // sharded index: the sharded search (tests/browser/search-shards.test.js).
    let sharded_src = tmp.path().join("src-sharded");
    sharded::generate(&sharded_src);
    let sharded_site = tmp.path().join("sharded");
    build(&sharded_src, &sharded_site);
    let bundled_sharded = tmp.path().join("bundled-sharded");
    build_sharded(repo(), &bundled_sharded);
    // The bundled notes with the quiz data per section (tests/browser/scale.test.js).
    let bundled_quiz_parts = tmp.path().join("bundled-quiz-parts");
    build_with(repo(), &bundled_quiz_parts, "STUDYSITE_QUIZ_PARTS");
    // 90 one-question pages in 3 folders, quiz data per section: the start screen folds a long
    // list of sections by folder (tests/browser/scale.test.js).
    let folders_src = tmp.path().join("src-folders");
    for k in 0..90 {
        let (f, n) = (k / 30, k % 30);
        let page = folders_src.join(format!("content/unit-{f}/topic-{n:02}.md"));
        std::fs::create_dir_all(page.parent().unwrap()).unwrap();
        let md = format!(
            "# Topic {f}.{n}\n\n### Which answer is right for topic {f}.{n}?\n\n- [x] This one\n- [ ] That one\n"
        );
        std::fs::write(page, md).unwrap();
    }
    std::fs::write(folders_src.join("studysite.toml"), "title = \"Folders\"\n").unwrap();
    let folders_quiz = tmp.path().join("folders-quiz");
    build_with(&folders_src, &folders_quiz, "STUDYSITE_QUIZ_PARTS");
    // The Obsidian/MkDocs fixture vault: tabs, folded callouts, formulas, embeds.
    let vault = tmp.path().join("vault");
    build(&repo().join("tests/fixtures/vault"), &vault);
    // Mermaid diagrams (tests/browser/diagrams.test.js).
    let diagrams = tmp.path().join("diagrams");
    build(&repo().join("tests/fixtures/diagrams-site"), &diagrams);
    // Typed and numeric questions (tests/browser/kinds.test.js).
    let kinds = tmp.path().join("kinds");
    build(&repo().join("tests/fixtures/kinds-site"), &kinds);
    // The i18n fixture in Arabic and Hebrew (tests/browser/i18n.test.js).
    let i18n_ar = tmp.path().join("i18n-ar");
    build_language(&repo().join("tests/fixtures/i18n-site"), "ar", tmp.path(), &i18n_ar);
    let i18n_he = tmp.path().join("i18n-he");
    build_language(&repo().join("tests/fixtures/i18n-site"), "he", tmp.path(), &i18n_he);
    // A site in two languages (tests/browser/languages.test.js).
    let languages = tmp.path().join("languages");
    build(&repo().join("tests/fixtures/languages-site"), &languages);
    // Screenshots stay after the run, to be looked at: target/tmp/screenshots.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    node_tests(
        Command::new("npm")
            .arg("test")
            .current_dir(&browser_dir)
            .env("STUDYSITE_SITE", &site)
            .env("STUDYSITE_BUNDLED", &bundled)
            .env("STUDYSITE_BUNDLED_PRETTY", &bundled_pretty)
            .env("STUDYSITE_BUNDLED_HIDE", &bundled_hide)
            .env("STUDYSITE_BUNDLED_KEY", &bundled_key)
            .env("STUDYSITE_SHARDED", &sharded_site)
            .env("STUDYSITE_BUNDLED_SHARDED", &bundled_sharded)
            .env("STUDYSITE_BUNDLED_QUIZ_PARTS", &bundled_quiz_parts)
            .env("STUDYSITE_FOLDERS_QUIZ", &folders_quiz)
            .env("STUDYSITE_VAULT", &vault)
            .env("STUDYSITE_KINDS", &kinds)
            .env("STUDYSITE_DIAGRAMS", &diagrams)
            .env("STUDYSITE_I18N_AR", &i18n_ar)
            .env("STUDYSITE_I18N_HE", &i18n_he)
            .env("STUDYSITE_LANGUAGES", &languages)
            .env("STUDYSITE_SCREENSHOTS", &shots)
            .env("STUDYSITE_BIN", env!("CARGO_BIN_EXE_studysite"))
            .env("STUDYSITE_CHROMIUM", &chrome),
        "browser tests",
    );
}
