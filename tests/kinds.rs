//! Typed and numeric questions (issue 19): `**Accept:** a | b` and `**Answer:** 42 ± 0.5 ms`
//! in a free answer, their markup on the page (insta), their quiz data, the errors for a
//! broken one, and what stays a plain free question or plain notes.

mod common;

use common::{Site, stderr};
use studysite::config::Config;
use studysite::questions::{QuestionKind, normalise_answer};
use studysite::testing::render_snippet;

fn parse(md: &str) -> studysite::page::ParsedPage {
    render_snippet(md, &Config::default())
}

fn errors(p: &studysite::page::ParsedPage) -> Vec<String> {
    p.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
        .collect()
}

const TYPED: &str = concat!(
    "# Storage\n\n## Which AWS service stores objects?\n\n",
    "✅ **Accept:** S3 | Simple Storage Service\n\nAmazon S3 keeps objects in buckets.\n\n",
    "What is the café's name?\n✅ **Accept:** Café Crème\n",
);

#[test]
fn typed_answers_from_an_accept_line() {
    let p = parse(TYPED);
    assert_eq!(errors(&p), Vec::<String>::new());
    let q = &p.questions;
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].kind, QuestionKind::Typed);
    assert_eq!(q[0].accept, ["S3", "Simple Storage Service"]);
    assert!(
        q[0].a_html.contains("Amazon S3 keeps objects"),
        "the answer stays whole"
    );
    assert_eq!(q[1].kind, QuestionKind::Typed, "the compact form too");
    assert_eq!(q[1].accept, ["Café Crème"]);
    assert_eq!(normalise_answer("cafe  CREME!"), normalise_answer(&q[1].accept[0]));
    insta::assert_snapshot!("typed_page", p.html);
}

const NUMERIC: &str = concat!(
    "# Numbers\n\n## Latency in the same region?\n\n✅ **Answer:** 42 ± 0.5 ms\n\nMeasured.\n\n",
    "## How many zones?\n\n✅ **Answer:** 3..6\n\n## Growth?\n\n✅ **Answer:** 10 +/- 10%\n",
);

#[test]
fn numeric_answers_with_a_tolerance_a_range_and_units() {
    let p = parse(NUMERIC);
    assert_eq!(errors(&p), Vec::<String>::new());
    let q = &p.questions;
    assert_eq!(q.iter().map(|q| q.kind).collect::<Vec<_>>(), [QuestionKind::Numeric; 3]);
    let n: Vec<_> = q.iter().map(|q| q.numeric.clone().unwrap()).collect();
    assert_eq!((n[0].min, n[0].max, n[0].unit.as_str()), (41.5, 42.5, "ms"));
    assert_eq!(n[0].text, "42 ± 0.5 ms");
    assert_eq!((n[1].min, n[1].max, n[1].unit.as_str()), (3.0, 6.0, ""));
    assert_eq!((n[2].min, n[2].max), (9.0, 11.0), "a tolerance in percent");
    insta::assert_snapshot!("numeric_page", p.html);
}

#[test]
fn errors_name_the_place_and_what_to_write() {
    let p = parse("# T\n\n## Which?\n\n✅ **Accept:** S3 |\n");
    assert_eq!(
        errors(&p),
        ["5:3: `**Accept:** S3 |` has an empty answer"],
        "{:?}",
        p.diagnostics
    );
    assert!(
        p.diagnostics[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("separated by `|`")
    );
    let p = parse("# T\n\n## How long?\n\nSome stem.\n\n✅ **Answer:** 42 ± ms\n");
    assert_eq!(
        errors(&p),
        ["7:3: numeric answer `42 ± ms` does not parse: no tolerance after `±`"]
    );
    let p = parse("# T\n\n## Range?\n\n✅ **Answer:** 45..40 ms\n");
    assert_eq!(
        errors(&p),
        ["5:3: numeric answer `45..40 ms` does not parse: the range 45..40 runs backwards"]
    );
    let p = parse("# T\n\n## Words?\n\n✅ **Answer:** 42 ± 1 or so ms\n");
    assert_eq!(
        errors(&p),
        ["5:3: numeric answer `42 ± 1 or so ms` does not parse: `or so ms` is not a unit"]
    );
}

#[test]
fn words_stay_a_free_answer_and_bold_labels_in_notes_stay_notes() {
    let p = parse(concat!(
        "# T\n\n**Answer:** 42 is the answer, in prose.\n\n**Accept:** the terms.\n\n",
        "## Why a cache?\n\n✅ **Answer:** to avoid repeated work.\n\n",
        "## Which one?\n\n✅ Accept: S3, in plain text.\n\n",
        "## How many pods?\n\n✅ **Answer:** 2 pods are created, one per node.\n",
    ));
    assert_eq!(errors(&p), Vec::<String>::new());
    assert_eq!(
        p.questions.iter().map(|q| q.kind).collect::<Vec<_>>(),
        [QuestionKind::Free, QuestionKind::Free, QuestionKind::Free]
    );
}

#[test]
fn quiz_data_carries_accepted_answers_and_ranges_and_pages_load_the_kinds_script() {
    let site = Site::new(&[
        ("content/storage.md", TYPED),
        ("content/numbers.md", NUMERIC),
        ("content/plain.md", "# Plain\n\n## Why?\n\n✅ Because.\n"),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let data = site.read(&format!(
        "public/{}",
        common::asset(&site.path("public"), "quiz-data.js")
    ));
    assert!(data.contains(r#""kind":"typed""#), "{data}");
    assert!(data.contains(r#""accept":["S3","Simple Storage Service"]"#), "{data}");
    assert!(data.contains(r#""num":{"min":41.5,"max":42.5,"unit":"ms"}"#), "{data}");
    let storage = site.read("public/storage.html");
    assert!(
        storage.contains("question-kinds."),
        "the note page loads question-kinds.js"
    );
    assert!(
        !site.read("public/plain.html").contains("question-kinds."),
        "only where needed"
    );
    assert!(
        site.read("public/questions.html")
            .contains(r#"data-accept="S3|Simple Storage Service""#)
    );
    assert!(site.read("public/quiz.html").contains("quiz-kinds."));
}

const CLOZE: &str = concat!(
    "# Geography\n\nA bucket lives in {{c1::one region::how many?}} and its name is ",
    "{{c2::globally}} unique; {{c1::one}} again.\n\nPlain == signs stay text.\n",
);

#[test]
fn clozes_one_card_per_number_shown_in_place() {
    let p = parse(CLOZE);
    assert_eq!(errors(&p), Vec::<String>::new());
    let q = &p.questions;
    assert_eq!(q.len(), 2, "one card per cloze number");
    assert!(q.iter().all(|q| q.kind == QuestionKind::Cloze));
    assert!(q[0].q_html.contains("[how many?]"), "{}", q[0].q_html);
    assert!(
        q[0].q_html.contains("globally"),
        "the other number shows: {}",
        q[0].q_html
    );
    assert!(!q[0].q_html.contains("one region"), "{}", q[0].q_html);
    assert!(
        q[0].a_html.contains("<mark class=\"cloze-answer\">one region</mark>"),
        "{}",
        q[0].a_html
    );
    let c = q[0].cloze.as_ref().unwrap();
    assert!(c.first && !q[1].cloze.as_ref().unwrap().first);
    assert!(c.anki_html.contains("{{c1::one region::how many?}}"), "{}", c.anki_html);
    insta::assert_snapshot!("cloze_page", p.html);
}

/// Clozes in list items: each item its own card group (one card per number), revealed
/// in place in its item, exported as its own Anki Cloze note; a loose item's nested list
/// too; an item without a cloze stays as written.
#[test]
fn clozes_in_list_items() {
    let p = parse(
        "# Capitals\n\n- {{c1::Paris}} is the capital of {{c2::France}}.\n- {{c1::Rome::city}} is in Italy.\n- No cloze.\n\n\
         1. Loose item with {{c1::Madrid}}.\n\n   - nested {{c1::Lisbon}} item\n",
    );
    assert_eq!(errors(&p), Vec::<String>::new());
    let q = &p.questions;
    assert_eq!(q.len(), 5, "{:#?}", q.iter().map(|q| &q.text).collect::<Vec<_>>());
    assert!(q.iter().all(|q| q.kind == QuestionKind::Cloze));
    assert!(
        q[0].q_html.contains("[…]") && q[0].q_html.contains("France"),
        "{}",
        q[0].q_html
    );
    assert!(q[2].q_html.contains("[city]"), "{}", q[2].q_html);
    let anki: Vec<&str> = q
        .iter()
        .filter_map(|q| q.cloze.as_ref().filter(|c| c.first).map(|c| c.anki_html.as_str()))
        .collect();
    assert_eq!(
        anki,
        [
            "{{c1::Paris}} is the capital of {{c2::France}}.",
            "{{c1::Rome::city}} is in Italy.",
            "Loose item with {{c1::Madrid}}.",
            "nested {{c1::Lisbon}} item"
        ]
    );
    assert!(
        p.html.contains("<li><span class=\"cloze-anchor\"") && p.html.contains("<li>No cloze.</li>"),
        "{}",
        p.html
    );
    assert!(!p.html.contains("{{c"), "no marker left: {}", p.html);
}

#[test]
fn highlights_are_clozes_only_on_a_cards_page() {
    let notes = parse("# Notes\n\nThe capital is ==Paris==.\n");
    assert!(notes.questions.is_empty(), "a highlight in notes is a highlight");
    let cards = parse("# Cards\n\n#flashcards\n\nThe capital of France is ==Paris==, of Italy ==Rome==.\n");
    assert_eq!(cards.questions.len(), 2);
    assert!(
        cards.questions[1].q_html.contains("Paris"),
        "{}",
        cards.questions[1].q_html
    );
    assert!(cards.questions[1].a_html.contains(">Rome</mark>"));
}

#[test]
fn a_cloze_that_hides_nothing_is_an_error() {
    let p = parse("# T\n\nSome text.\n\nThe answer is {{c1::}} here.\n");
    assert_eq!(errors(&p), ["5:15: cloze c1 hides nothing"], "{:?}", p.diagnostics);
    assert!(p.diagnostics[0].help.as_deref().unwrap_or("").contains("{{c1::Paris}}"));
    // an unclosed marker is left as written
    let p = parse("# T\n\nNot a {{c1::cloze.\n");
    assert!(p.questions.is_empty() && errors(&p).is_empty());
    assert!(p.html.contains("{{c1::cloze."), "{}", p.html);
}

#[test]
fn front_matter_cards_true_marks_a_page_as_cards() {
    let site = Site::new(&[
        (
            "content/a.md",
            "---\ncards: true\n---\n# A\n\nThe capital of France is ==Paris==.\n",
        ),
        ("content/b.md", "+++\ncards = true\n+++\n# B\n\nItaly's is ==Rome==.\n"),
        ("content/c.md", "# C\n\nSpain's is ==Madrid==, a highlight.\n"),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 questions"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("warning"),
        "cards is a known key: {}",
        stderr(&out)
    );
}

/// `Q:` / `A:` among the notes (one paragraph or two, plain or bold, `Question:` /
/// `Answer:`) is a question whose answer holds the lists under it; a `Q:` with no `A:`,
/// or one inside a sentence, stays notes; an empty `A:` is an error at its line.
#[test]
fn q_and_a_lines_are_questions() {
    let p = parse(concat!(
        "# S3\n\nQ: What does versioning protect against?\nA: Overwrites and *deletes*.\n\n",
        "**Q:** Which service queues messages?\n\n**A:** SQS, in two kinds:\n\n- standard\n- FIFO\n\n",
        "Then more notes.\n\nQ: No answer follows, so this is notes.\n\nProse with Q: inside.\n\n",
        "Question: What is 6 × 7?\nAnswer: 42\n\n**Q: Bold whole?**\n**A: Yes.**\n",
    ));
    assert_eq!(errors(&p), Vec::<String>::new());
    let texts: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "What does versioning protect against?",
            "Which service queues messages?",
            "What is 6 × 7?",
            "Bold whole?"
        ]
    );
    assert!(
        p.questions[0].a_html.contains("Overwrites and <em>deletes</em>."),
        "{}",
        p.questions[0].a_html
    );
    let sqs = &p.questions[1].a_html;
    assert!(
        sqs.contains("SQS, in two kinds:") && sqs.contains("<li>FIFO</li>"),
        "{sqs}"
    );
    assert!(!sqs.contains("A:") && !sqs.contains("more notes"), "{sqs}");
    let html = p.html.as_str();
    for notes in [
        "<p>Then more notes.</p>",
        "<p>Q: No answer follows, so this is notes.</p>",
        "<p>Prose with Q: inside.</p>",
    ] {
        assert!(html.contains(notes), "{notes}: {html}");
    }
    let empty = parse("# S3\n\nQ: What is empty?\n\nA:\n");
    assert_eq!(errors(&empty), ["5:1: `A:` with nothing after it: the answer is empty"]);
}

/// A list of interview questions, an item each with a `<details>` answer (loose or
/// tight), is questions; a list where one item has no answer, or a disclosure that is
/// no answer ("Show code"), stays notes.
#[test]
fn a_list_of_questions_with_details_answers() {
    let p = parse(concat!(
        "# JS\n\n1. What is a closure?\n\n   <details><summary>Answer</summary>\n\n   A function with its **scope**.\n\n   </details>\n\n",
        "2. What is hoisting?\n   <details>\n   <summary>Show answer</summary>\n   Declarations move up.\n   </details>\n\n",
        "Notes.\n\n- Has an answer\n  <details><summary>Answer</summary>yes</details>\n- Has none\n\n",
        "- Item\n  <details><summary>Show code</summary>code</details>\n",
    ));
    assert_eq!(errors(&p), Vec::<String>::new());
    let texts: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["What is a closure?", "What is hoisting?"]);
    assert!(
        p.questions[0]
            .a_html
            .contains("A function with its <strong>scope</strong>."),
        "{}",
        p.questions[0].a_html
    );
    assert!(
        p.questions[1].a_html.contains("Declarations move up."),
        "{}",
        p.questions[1].a_html
    );
    let html = p.html.as_str();
    assert!(
        html.contains("Has none") && html.contains("<summary>Show code</summary>"),
        "{html}"
    );
}
