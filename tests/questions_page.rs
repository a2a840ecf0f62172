//! The questions page writes the theme's question partials directly (src/render/
//! question_html.rs) unless the site overrides them: both ways must give the same bytes,
//! for every kind of question, and an override must still be what renders.

mod common;

use common::Site;

/// Every kind the partials branch on, with text that needs escaping in each printed field.
const BANK: &[(&str, &str)] = &[
    ("studysite.toml", "title = \"Kinds & <things>\"\n"),
    (
        "content/aws/storage.md",
        concat!(
            "+++\ntitle = \"Storage & 'quotes'\"\ntags = [\"s3\", \"a&b\"]\n+++\n\n",
            "## Which service stores \"objects\" & when is 1 < 2?\n<!-- tags: s3, o'neil -->\n\n",
            "- [x] S3 **simple** storage\n  > Objects in buckets.\n- [ ] EBS\n  > Block storage.\n- [ ] All of the above\n\n",
            "S3 is the *object* store.\n\n",
            "## Which are regional?\n\n1. [x] S3 buckets\n2. [x] DynamoDB tables\n3. [ ] IAM users\n\n",
            "## What is S3's durability?\n\n✅ Eleven nines: `99.999999999 %`.\n\n",
            "## Which AWS service stores objects?\n\n✅ **Accept:** S3 | Simple Storage Service\n\nAmazon S3.\n\n",
            "## Latency in the same region?\n\n✅ **Answer:** 42.5 ± 0.25 ms\n\nMeasured.\n\n",
            "## How many zones?\n\n✅ **Answer:** 3..6\n\n",
            "## What is $x^2$ for `x = 3`, in *short*?\n\n✅ Nine.\n\n",
            "## Is <div>this</div> a title?\n\n✅ Yes.\n",
        ),
    ),
    (
        "content/deep/er/cloze.md",
        "# Cloze\n\n#flashcards\n\nThe {{c1::capital}} of France is {{c2::Paris}}.\n\n## Is this nested?\n\n✅ Yes — [see](../../aws/storage.md).\n",
    ),
];

fn questions_html(site: &Site) -> String {
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    site.read("public/questions.html")
}

#[test]
fn direct_partials_match_the_templates_byte_for_byte() {
    let direct = Site::new(BANK);
    let theme = |name: &str| {
        std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates")
                .join(name),
        )
        .unwrap()
    };
    // The theme's partials with a comment added: the same output, rendered by Tera.
    let mut files = BANK.to_vec();
    let question = theme("partials/question.html") + "{# the site's own copy #}";
    let section = theme("partials/question-section.html") + "{# the site's own copy #}";
    files.push(("templates/partials/question.html", &question));
    files.push(("templates/partials/question-section.html", &section));
    let tera = Site::new(&files);
    let (a, b) = (questions_html(&direct), questions_html(&tera));
    for kind in ["single", "multi", "free", "typed", "numeric", "cloze"] {
        assert!(
            a.contains(&format!("data-kind=\"{kind}\"")),
            "the bank has a {kind} question"
        );
    }
    assert!(a.contains("data-fixed") && a.contains("data-pin") && a.contains("data-min=\"42.25\""));
    assert!(
        a.contains("\"objects\" &amp; when is 1 &lt; 2?"),
        "question text escaped"
    );
    assert_eq!(a, b, "the direct partials and Tera's differ");
}

#[test]
fn an_overridden_question_partial_is_what_renders() {
    let mut files = BANK.to_vec();
    files.push((
        "templates/partials/question.html",
        "{% set q = item.q %}<div class=\"question mine\" id=\"q-{{ q.id }}\">{{ q.text }}</div>",
    ));
    let html = questions_html(&Site::new(&files));
    assert!(html.contains("class=\"question mine\""), "the site's own partial");
    assert!(!html.contains("q-option-text"), "not the theme's");
}

#[test]
fn titles_show_their_formulas_and_code_as_the_page_does() {
    let html = questions_html(&Site::new(BANK));
    let title = |start: &str| {
        let at = html
            .find(&format!("<h3 class=\"q-title\">{start}"))
            .unwrap_or_else(|| panic!("no title {start:?}"));
        html[at..at + html[at..].find("</h3>").unwrap()].to_string()
    };
    let t = title("What is <math");
    assert!(t.contains("<math display=\"inline\">"), "the formula is rendered: {t}");
    assert!(!t.contains('$'), "{t}");
    assert!(t.contains("<code>x = 3</code>") && t.contains("<em>short</em>"), "{t}");
    assert!(html.contains("math."), "the page loads the math stylesheet");
    // Block HTML the sanitiser kept cannot go in a heading: the title is the text.
    let t = title("Is ");
    assert!(!t.contains("<div"), "{t}");
    assert!(t.contains("this") && t.contains("a title?"), "{t}");
}
