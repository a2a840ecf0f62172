//! Question forms of public banks (issue 19): lettered options with an answer key,
//! `<details>` answers after a heading, the question in a `<summary>`, navigation lines
//! in `- [x]` banks. The fixtures are written here in the banks' syntax (not copied).

mod common;

use studysite::config::Config;
use studysite::questions::QuestionKind;
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

/// Exams 1–12: the key inside one raw `<details>` block; 13–23: the key and an
/// explanation as Markdown between the `<details>` lines.
const LETTERED: &str = concat!(
    "# Exam\n\n",
    "1. Which service stores objects?\n    - A. Amazon EBS\n    - B. Amazon S3\n    - C. Amazon EFS\n\n",
    "    <details markdown=1><summary markdown='span'>Answer</summary>\n      Correct answer: B\n    </details>\n\n",
    "1. Which two are databases? (Choose TWO)\n    - A. Amazon RDS\n    - B. AWS Lambda\n    - C. Amazon DynamoDB\n    - D. Amazon SQS\n\n",
    "    <details markdown=1><summary markdown=\"span\">Answer</summary>\n\n    Correct Answer: AC\n\n",
    "    Explanation: <https://example.com/db>\n\n    - RDS is relational\n\n    </details>\n\n",
    "1. Which is global?\n    - A. IAM\n    - B. EC2\n\n    Answer: a\n",
);

#[test]
fn lettered_options_with_an_answer_key() {
    let p = parse(LETTERED);
    assert_eq!(errors(&p), Vec::<String>::new());
    let q = &p.questions;
    assert_eq!(
        q.len(),
        3,
        "{:#?}\n{}",
        q.iter().map(|q| &q.text).collect::<Vec<_>>(),
        p.html
    );
    assert_eq!(q[0].text, "Which service stores objects?");
    assert_eq!(q[0].kind, QuestionKind::Single);
    assert_eq!(q[0].correct_letters(), ["B"]);
    assert_eq!(
        q[0].options[1].html, "Amazon S3",
        "the letter is not part of the option"
    );
    assert_eq!(q[0].explain_html, "", "the `<details>` wrapper is not an explanation");
    assert_eq!(q[1].kind, QuestionKind::Multi);
    assert_eq!(q[1].correct_letters(), ["A", "C"]);
    assert_eq!(q[1].options.len(), 4, "the explanation's bullet list is not an option");
    assert!(q[1].explain_html.contains("Explanation:"), "{}", q[1].explain_html);
    assert!(q[1].explain_html.contains("RDS is relational"), "{}", q[1].explain_html);
    assert!(!q[1].explain_html.contains("Correct"), "the key leaves the explanation");
    assert_eq!(q[2].correct_letters(), ["A"], "lowercase key letter");
    assert_eq!(q[2].line, 28);
    assert!(
        !p.html.contains("<details markdown"),
        "the bank's own disclosure is replaced"
    );
}

#[test]
fn lettered_key_errors_name_the_line() {
    let p = parse(
        "1. Which?\n    - A. one\n    - B. two\n\n    Answer: C\n\n2. What?\n    - A. x\n    - B. y\n\n    Answer: maybe\n",
    );
    assert_eq!(
        errors(&p),
        [
            "5:5: answer key names `C`, but the options are A–B",
            "11:5: answer key `maybe` names no option letter"
        ]
    );
    let mut config = Config::default();
    config.questions.lenient = true;
    let lenient = render_snippet("1. Which?\n    - A. one\n    - B. two\n\n    Answer: C\n", &config);
    assert!(lenient.questions.is_empty());
    assert!(lenient.diagnostics.iter().all(|d| !d.is_error()));
}

#[test]
fn lettered_lists_without_a_key_stay_notes() {
    let p = parse("1. Plans\n    - A. cheap\n    - B. fast\n2. Other\n");
    assert!(p.questions.is_empty());
    assert!(p.html.contains("A. cheap"), "{}", p.html);
}

#[test]
fn heading_with_a_details_answer() {
    let md = "## Pods\n\n### Create a pod called nginx\n\n<details><summary>show</summary>\n<p>\n\n```bash\nkubectl run nginx --image=nginx\n```\n\n</p>\n</details>\n\n### Notes with code\n\n<details><summary>Show code</summary>\n\n```rust\nfn main() {}\n```\n\n</details>\n";
    let p = parse(md);
    assert_eq!(errors(&p), Vec::<String>::new());
    assert_eq!(p.questions.len(), 1);
    let q = &p.questions[0];
    assert_eq!(q.text, "Create a pod called nginx");
    assert_eq!(q.kind, QuestionKind::Free);
    assert!(q.a_html.contains("kubectl"), "{}", q.a_html);
    assert!(!q.a_html.contains("<summary>"), "{}", q.a_html);
    assert_eq!(q.topic, ["page", "Pods"]);
    assert!(
        p.html.contains("<summary>Show code</summary>"),
        "a disclosure stays a disclosure"
    );
}

#[test]
fn question_in_a_summary() {
    let md = "## Networking\n\nSome notes.\n\n<details><summary>What does a NAT gateway do?</summary>\n\nLets private subnets reach the internet.\n\n</details>\n\n<details><summary>Click to expand</summary>\n\nA long listing.\n\n</details>\n\n<details><summary>Why?</summary></details>\n";
    let p = parse(md);
    let texts: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        ["What does a NAT gateway do?", "Why?"],
        "not the `Click to expand`"
    );
    let q = &p.questions[0];
    assert!(q.a_html.contains("Lets private subnets"), "{}", q.a_html);
    assert_eq!(q.topic, ["page", "Networking"]);
    assert!(p.html.contains("<summary>Click to expand</summary>"));
    assert_eq!(errors(&p), ["17:1: `<details>` question with nothing in its answer"]);
}

#[test]
fn navigation_lines_are_not_explanations_or_topics() {
    let md = "## Table of Contents\n\n- [Q1](#q1)\n\n#### Q1. Which?\n\n- [ ] a\n- [x] b\n\n**[⬆ Back to Top](#table-of-contents)**\n\n#### Q2. Which two?\n\n- [x] a\n- [ ] b\n\nBecause a.\n\n[Back to top](#top)\n";
    let p = parse(md);
    assert_eq!(p.questions.len(), 2);
    assert_eq!(p.questions[0].explain_html, "");
    assert_eq!(p.questions[1].explain_html, "<p>Because a.</p>\n");
    for q in &p.questions {
        assert_eq!(q.topic, ["page"], "{}", q.text);
    }
}

#[test]
fn obsidian_spaced_repetition_cards() {
    let md = concat!(
        "#flashcards/aws\n\n## IAM\n\n",
        "Is IAM global::Yes, not tied to a region\n",
        "Root user:::The account's first identity <!--SR:!2026-01-02,3,250-->\n\n",
        "What does STS issue?\n?\nTemporary credentials\nthat expire\n<!--SR:!2026-01-05,4,270-->\n\n",
        // On a cards page every `::` line is a card, as in the plugin.
        "Plain notes with std::io in them.\n",
    );
    let p = parse(md);
    assert_eq!(errors(&p), Vec::<String>::new());
    let texts: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Is IAM global",
            "Root user",
            "What does STS issue?",
            "Plain notes with std"
        ]
    );
    assert_eq!(p.questions[0].a_html, "<p>Yes, not tied to a region</p>\n");
    assert_eq!(
        p.questions[1].a_html, "<p>The account's first identity</p>\n",
        "schedule comment stripped"
    );
    assert_eq!(p.questions[2].a_html, "<p>Temporary credentials\nthat expire</p>\n");
    assert_eq!(p.questions[0].tags, ["flashcards/aws"]);
    assert_eq!(p.questions[0].topic, ["page", "IAM"]);
    assert!(!p.html.contains("<!--SR:"), "{}", p.html);

    assert_eq!(
        errors(&parse("#flashcards\n\nQuestion::\n")),
        ["3:1: flashcard with an empty answer"]
    );

    // Without the mark, the same text is notes.
    let notes = parse(&md.replace("#flashcards/aws", "Notes"));
    assert!(notes.questions.is_empty());
}

/// A bank with no option ticked (a translated copy that lost its ticks): with only a
/// title the build fails, and says how to build it anyway: each error's help once, and
/// after the count, when such errors are many, the `[questions] lenient` lines.
#[test]
fn a_bank_without_ticks_says_how_to_build_it_leniently() {
    let mut bank = String::from("## Quiz\n\n");
    for i in 1..=12 {
        bank.push_str(&format!(
            "#### Q{i}. Which one is number {i}?\n\n- [ ] one\n- [ ] two\n\n"
        ));
    }
    bank.push_str("#### Q13. Which has no box?\n\n- [x] this\n- that\n");
    let site = common::Site::new(&[("content/bank.md", &bank)]);
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert_eq!(
        err.matches("error: choice question has no correct option").count(),
        12,
        "{err}"
    );
    assert!(
        err.contains("error: option without a checkbox in a choice question"),
        "{err}"
    );
    let help = "if this is an imported question bank, `[questions] lenient = true` in studysite.toml \
                leaves such questions out with a warning";
    assert_eq!(err.matches(help).count(), 13, "each such error says it once:\n{err}");
    assert!(
        err.contains(
            "Build failed: 13 errors, 1 warning. The previous output was left as it was.\n\n\
             All 13 errors are broken questions (no option ticked, an option without a checkbox, …).\n\
             If these pages are an imported question bank, add this to studysite.toml:\n\n    \
             [questions]\n    lenient = true\n\n"
        ),
        "{err}"
    );
    // `check` says the same.
    assert!(common::stderr(&site.run(&["check"])).contains("    lenient = true\n"));

    // Lenient: it builds; the problems are warnings, without the hint.
    site.write("studysite.toml", "title = \"T\"\n[questions]\nlenient = true\n");
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("warning: question left out (lenient mode)").count(),
        13,
        "{err}"
    );
    assert!(!err.contains("lenient = true"), "{err}");
}

/// One broken question among other errors: its help names the way out, the summary
/// does not (it is not a bank).
#[test]
fn a_single_broken_question_gets_no_bank_hint() {
    let site = common::Site::new(&[
        (
            "content/a.md",
            "# A\n\n## Which one?\n\n- [ ] one\n- [ ] two\n\n[x](missing.md)\n",
        ),
        ("content/b.md", "+++\ntitel = \"B\"\n+++\n# B\n"),
    ]);
    let err = common::stderr(&site.run(&["build"]));
    assert!(err.contains("error: choice question has no correct option"), "{err}");
    assert!(
        err.contains("`[questions] lenient = true` in studysite.toml leaves such"),
        "{err}"
    );
    assert!(!err.contains("    lenient = true"), "{err}");
}

/// Options written `- [ ]text`, `- []`, `- [x]text`, `- [×]` (boxes Markdown does not
/// see: translated banks lose the space): read as options where the rest of the list are
/// options, each with a warning at the box saying how to write it. A list with an item
/// that has no box at all keeps its errors; a question with nothing ticked stays one.
#[test]
fn boxes_without_a_space_are_options_with_a_warning() {
    let md = concat!(
        "## Quiz\n\n",
        "#### Q1. Which one?\n\n- [ ]one\n- [x]two\n- [] three\n- [ ]\u{a0}four\n\n",
        "#### Q2. Which ticked?\n\n- [\u{d7}] yes\n- [ ] no\n\n",
        "#### Q3. Which none?\n\n- []one\n- [ ]two\n\n",
        "#### Q4. Which boxed?\n\n- [x]one\n- two\n",
    );
    let p = parse(md);
    assert_eq!(
        p.questions.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(),
        // Q3 and Q4 are there with their errors (the build fails).
        [
            "Q1. Which one?",
            "Q2. Which ticked?",
            "Q3. Which none?",
            "Q4. Which boxed?"
        ],
        "{:#?}",
        p.diagnostics
    );
    let q = &p.questions[0];
    let texts: Vec<&str> = q.options.iter().map(|o| o.html.as_str()).collect();
    assert_eq!(
        texts,
        ["one", "two", "three", "four"],
        "the box is not part of the text"
    );
    assert_eq!(q.correct_letters(), ["B"]);
    assert_eq!(p.questions[1].correct_letters(), ["A"]);
    let warnings: Vec<String> = p
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| {
            format!(
                "{}:{}: {} ({})",
                d.line,
                d.col,
                d.message,
                d.help.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        warnings[..4],
        [
            "5:3: `[ ]` with no space after it is not a checkbox in Markdown; read as an unticked option \
             (put a space after the box: `- [ ] text`)",
            "6:3: `[x]` with no space after it is not a checkbox in Markdown; read as a ticked (correct) \
             option (put a space after the box: `- [x] text`)",
            "7:3: `[]` is not a checkbox in Markdown; read as an unticked option (write the box with a \
             space inside and after it: `- [ ] text`)",
            "8:3: `[ ]` with a non-breaking space after it is not a checkbox in Markdown; read as an \
             unticked option (put a space after the box: `- [ ] text`)",
        ]
    );
    assert_eq!(
        warnings[4],
        "12:3: `[\u{d7}]` is not a checkbox in Markdown (its tick is `\u{d7}`, U+00D7, not the letter x); \
         read as a ticked (correct) option (tick the box with the letter x: `- [x] text`)"
    );
    assert_eq!(
        errors(&p),
        [
            "17:1: choice question has no correct option",
            // Q4: `two` has no box, so `[x]one` is not read as one either.
            "22:1: option without a checkbox in a choice question",
            "23:1: option without a checkbox in a choice question",
            "22:1: choice question has no correct option",
        ]
    );

    // On the command line: `path:line:col: warning:` and the help; the build succeeds.
    let site = common::Site::new(&[("content/bank.md", "## Quiz\n\n#### Q1. Which?\n\n- [ ]one\n- [x]two\n")]);
    let out = site.run(&["build"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    let path = site.path("content/bank.md");
    assert!(
        err.contains(&format!(
            "{}:5:3: warning: `[ ]` with no space after it is not a checkbox in Markdown; read as an unticked option",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains("put a space after the box: `- [ ] text`"), "{err}");
}
