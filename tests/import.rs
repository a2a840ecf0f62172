//! Lenient import of public `- [x]` question banks (SPEC §4, design/quiz.md §(b)).
//! The real corpus lives in ../shared/corpora (AGPL test data: read here, never
//! copied into the repository or a shipped site).

mod common;

use std::io::Write;
use std::path::Path;

use common::{Site, bin, stderr};

const LENIENT: &str = "title = \"Bank\"\n[questions]\nlenient = true\n";

#[test]
fn lenient_mode_accepts_bank_conventions() {
    let bank = concat!(
        "## Bank\n\n",
        "#### Q1. Heading question?\n\n- [ ] a\n- [x] b\n\n",
        "Q2. A paragraph stem, no heading?\n\n- [x] yes\n- [ ] no\n\n",
        "#### Q3. Options split by code?\n\n- [ ] A\n\n```js\nconsole.log(1)\n```\n\n- [x] B\n\n```js\nconsole.log(2)\n```\n\n",
        "#### Q4. Non-breaking space markers?\n\n- [ ]\u{a0}first\n- [x] second\n\n",
        "#### Q5. Nothing ticked?\n\n- [ ] a\n- [ ] b\n\n",
        "#### Q6. Last one?\n\n- [x] ok\n- [ ] not ok\n",
    );
    let site = Site::new(&[("studysite.toml", LENIENT), ("content/bank.md", bank)]);
    let out = site.run(&["build", "--no-minify"]);
    assert!(out.status.success(), "lenient build must not fail:\n{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("Built 6 pages, 5 questions"), "{err}");
    let p = site.path("content/bank.md");
    assert!(
        err.contains(&format!(
            "{}:34:1: warning: choice question has no correct option",
            p.display()
        )),
        "{err}"
    );
    assert!(err.contains("question left out (lenient mode)"), "{err}");
    let html = site.read("public/bank.html");
    assert!(
        html.contains("<p class=\"q-text\"><strong>Q2. A paragraph stem, no heading?</strong></p>"),
        "{html}"
    );
    let q3 = &html[html.find("Options split by code?").unwrap()..];
    let q3 = &q3[..q3.find("</fieldset>").unwrap()];
    assert_eq!(q3.matches("class=\"q-option\"").count(), 2, "split lists merged: {q3}");
    assert!(q3.contains("console"), "code attached to its option");
    assert!(
        html.contains("<span class=\"q-option-text\">first</span>"),
        "NBSP marker recognised"
    );

    // The same bank in strict mode is an error, listed with its line.
    let strict = Site::new(&[("content/bank.md", bank)]);
    let out = strict.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bank.md:34:1: error: choice question has no correct option"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn english_linkedin_bank_builds_in_lenient_mode() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/linkedin-skill-assessments-quizzes");
    if !corpus.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "the shared corpora are missing in CI");
        let _ = writeln!(
            std::io::stderr(),
            "\nSKIPPED: ../shared/corpora not found; lenient import of the public bank not tested\n"
        );
        return;
    }
    let site = Site::new(&[("studysite.toml", LENIENT)]);
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&corpus).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with("-quiz.md") || name == "ai_ml_basics_quiz.md" {
            let rel = entry.path().strip_prefix(&corpus).unwrap();
            std::fs::create_dir_all(site.path("content").join(rel.parent().unwrap())).unwrap();
            std::fs::copy(entry.path(), site.path("content").join(rel)).unwrap();
            files += 1;
        }
    }
    assert!(files >= 91, "English files of the corpus: {files}");
    let out_dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["build", "-o"])
        .arg(out_dir.path().join("o"))
        .arg(site.root())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{}", &err[err.len().saturating_sub(3000)..]);
    let summary = err.lines().last().unwrap();
    let n: usize = summary
        .split(" pages, ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // 9,485 English questions, 17 of them with no correct option (SOURCE.md).
    assert!(n >= 9_450, "recognised only {n} questions: {summary}");
    assert!(
        err.contains("warning: choice question has no correct option"),
        "broken questions are warnings"
    );
    assert!(err.contains("-quiz.md:"), "warnings name path:line");
}

/// An Anki deck of lettered options with `Answer: B` keys comes in as choice questions,
/// and `--per-page N` splits a large deck into pages that build.
#[test]
fn lettered_answer_keys_and_pages_of_n_cards() {
    let site = common::Site::new(&[]);
    let deck = site.path("deck.txt");
    std::fs::write(
        &deck,
        concat!(
            "Which stores objects?<br>A. EBS<br>B. S3<br>C. EFS\t**Answer:** B. S3 keeps objects.\n",
            "Pick two?<br>A) x<br>B) y<br>C) z\tCorrect answer: A, C\n",
            "Capital of France?\tAnswer: Paris\n",
            "Which one?<br>A. a<br>B. b\tAnswer: D\n",
            "Q5\tA5\n",
        ),
    )
    .unwrap();
    let page = site.path("content/deck.md");
    let out = common::bin()
        .args([
            "import",
            "anki",
            deck.to_str().unwrap(),
            "-o",
            page.to_str().unwrap(),
            "--per-page",
            "2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let first = std::fs::read_to_string(&page).unwrap();
    assert!(
        first.contains("### Which stores objects?\n\n- [ ] EBS\n- [x] S3\n- [ ] EFS\n\nS3 keeps objects.\n"),
        "{first}"
    );
    assert!(first.contains("- [x] x\n- [ ] y\n- [x] z\n"), "{first}");
    let second = std::fs::read_to_string(site.path("content/deck-2.md")).unwrap();
    assert!(second.starts_with("# deck (2)\n"), "{second}");
    assert!(
        second.contains("✅ Answer: Paris"),
        "a key that is no option letter stays an answer: {second}"
    );
    assert!(
        second.contains("✅ Answer: D"),
        "a letter with no such option stays an answer: {second}"
    );
    assert!(site.path("content/deck-3.md").exists());
    assert!(!site.path("content/deck-4.md").exists());
    let built = site.build();
    assert!(
        common::stderr(&built).contains("5 questions"),
        "{}",
        common::stderr(&built)
    );
}
