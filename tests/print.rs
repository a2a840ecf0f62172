//! Printing: the answer key (`print.answers = "key"`) on note pages and the questions page,
//! and the cheat sheet's links back to its sections.

mod common;

use common::{PAGE, Site};

/// Notes with both kinds of question, one in a folder, whose answers link to other pages.
fn key_site(config: &str) -> Site {
    Site::new(&[
        ("studysite.toml", config),
        (
            "content/s3.md",
            "+++\ntitle = \"S3\"\nweight = 1\n+++\n\n## Classes\n\nText.\n",
        ),
        (
            "content/guide/deep.md",
            "+++\ntitle = \"Deep\"\nweight = 2\n+++\n\n## Questions\n\n### Where are objects kept?\n<!-- id: kept -->\n\n✅ In [buckets](../s3.md#classes), see also [this](#questions).\n\n### Which load balancer has a `static` IP in a [VPC](../s3.md#classes)?\n<!-- id: nlb -->\n\n- [ ] Application Load Balancer\n  > ALB only gives a DNS name.\n- [x] Network Load Balancer\n- [ ] Classic Load Balancer\n\nNLB gives one static IP per AZ.\n",
        ),
        (
            "content/ec2.md",
            "+++\ntitle = \"EC2\"\nweight = 3\n+++\n\n### Is EC2 regional?\n<!-- id: ec2-regional -->\n\n✅ **Regional**.\n",
        ),
    ])
}

/// The `data-qid` values in a piece of HTML, in order.
fn qids(html: &str) -> Vec<&str> {
    html.match_indices("data-qid=\"")
        .map(|(i, _)| &html[i + 10..i + 10 + html[i + 10..].find('"').unwrap()])
        .collect()
}

/// The `<section class="answer-key">` of a page, or "".
fn answer_key(html: &str) -> &str {
    html.find("<section class=\"answer-key\">")
        .map_or("", |at| &html[at..at + html[at..].find("</section>").unwrap()])
}

#[test]
fn print_answers_key_puts_a_numbered_answer_key_at_the_end_of_each_page() {
    let site = key_site("title = \"T\"\n[print]\nanswers = \"key\"\n");
    site.build();
    let deep = site.read("public/guide/deep.html");
    assert!(deep.contains("data-print-answers=\"key\""));
    let key = answer_key(&deep);
    assert!(key.contains("<h2>Answer key</h2>"), "{deep}");
    // After the questions and the rest of the page, before the end of <main>.
    assert!(deep.find("class=\"answer-key\"").unwrap() > deep.rfind("class=\"question\"").unwrap());
    assert!(deep.find("class=\"answer-key\"").unwrap() < deep.find("</main>").unwrap());
    // One entry per question, in page order; one page, so no page title inside the key.
    assert_eq!(qids(key), ["kept", "nlb"]);
    assert!(!key.contains("<h3>"), "{key}");
    // Free response: the answer, its links made relative to this page in guide/.
    assert!(key.contains("<p class=\"key-q\">Where are objects kept?</p>"), "{key}");
    // A title shows its code and links as the page does, its links made relative here too.
    assert!(
        key.contains("<p class=\"key-q\">Which load balancer has a <code>static</code> IP in a <a href=\"../s3.html#classes\">VPC</a>?</p>"),
        "{key}"
    );
    assert!(key.contains("<a href=\"../s3.html#classes\">buckets</a>"), "{key}");
    assert!(key.contains("<a href=\"#questions\">this</a>"), "{key}");
    // Choice: the letters, the right option, the wrong one that explains itself, the explanation.
    assert!(key.contains("Answer: <b>B</b>"), "{key}");
    assert!(
        key.contains("key-right") && key.contains("Network Load Balancer"),
        "{key}"
    );
    assert!(
        key.contains("key-wrong") && key.contains("ALB only gives a DNS name."),
        "{key}"
    );
    assert!(
        !key.contains("Classic Load Balancer"),
        "a wrong option without explanation is left out: {key}"
    );
    assert!(key.contains("NLB gives one static IP per AZ."), "{key}");
    // A page without questions has no key.
    assert_eq!(answer_key(&site.read("public/s3.html")), "");
    // The ✅ that starts an answer is drawn by CSS (the emoji stays in the text): on the page,
    // in the key and on questions.html.
    let drawn = "<p><span class=\"mark yes\">✅</span> In ";
    assert!(deep[..deep.find("answer-key").unwrap()].contains(drawn), "{deep}");
    assert!(key.contains(drawn), "{key}");
    assert!(
        site.read("public/questions.html")
            .contains("<span class=\"mark yes\">✅</span> <strong>Regional</strong>")
    );

    // questions.html: every question, numbered across pages, under each page's title.
    let all = site.read("public/questions.html");
    let key = answer_key(&all);
    assert!(key.contains("<h3>Deep</h3>") && key.contains("<h3>EC2</h3>"), "{key}");
    let listed = qids(&all[..all.find("<section class=\"answer-key\">").unwrap()]);
    assert_eq!(listed.len(), 3);
    assert_eq!(qids(key), listed, "the key follows the questions' order");
    assert!(key.contains("<a href=\"s3.html#classes\">buckets</a>"), "{key}");
}

#[test]
fn answer_key_links_follow_pretty_urls_and_show_mode_has_no_key() {
    let site = key_site("title = \"T\"\nurl_style = \"pretty\"\n[print]\nanswers = \"key\"\n");
    site.build();
    let key = site.read("public/guide/deep/index.html");
    assert!(
        answer_key(&key).contains("<a href=\"../../s3/#classes\">buckets</a>"),
        "{key}"
    );
    let all = site.read("public/questions/index.html");
    assert!(
        answer_key(&all).contains("<a href=\"../s3/#classes\">buckets</a>"),
        "{all}"
    );

    for config in ["title = \"T\"\n", "title = \"T\"\n[print]\nanswers = \"hide\"\n"] {
        let site = key_site(config);
        site.build();
        for f in ["public/guide/deep.html", "public/questions.html"] {
            let html = site.read(f);
            assert!(!html.contains("answer-key"), "{config}: {f} has no answer key");
            // The answers are on the page, for screen and for print = "show".
            assert!(html.contains("ALB only gives a DNS name."), "{f}");
        }
    }
}

#[test]
fn cheat_sheet_links_every_item_to_its_section_and_names_every_table() {
    let twin = "+++\ntitle = \"Twin\"\n+++\n\n## Limits\n\n<!-- cheatsheet -->\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- cheatsheet -->\n| c | d |\n|---|---|\n| 3 | 4 |\n\n> [!TIP]\n> Same section.\n\n## Other\n\n> [!WARNING]\n> Careful.\n";
    let site = Site::new(&[("content/ec2.md", PAGE), ("content/twin.md", twin)]);
    site.build();
    let cheat = site.read("public/cheatsheet.html");
    // A callout gets the heading it sits under, linking back to it…
    let tip = cheat.find("Tip text.").unwrap();
    let link = cheat[..tip].rfind("<h3 class=\"cs-heading\">").unwrap();
    assert!(
        cheat[link..tip].contains("<a href=\"ec2.html#instances\">Instances</a>"),
        "{cheat}"
    );
    // …once for the items that share it.
    assert_eq!(cheat.matches("twin.html#limits").count(), 1, "{cheat}");
    assert!(cheat.contains("<a href=\"twin.html#other\">Other</a>"), "{cheat}");
    // Two tables under one heading have names of their own, with the page's title here.
    let twin_page = site.read("public/twin.html");
    assert!(twin_page.contains("aria-label=\"Table: Limits\"") && twin_page.contains("aria-label=\"Table 2: Limits\""));
    assert!(
        cheat.contains("aria-label=\"Table: Limits (Twin)\"")
            && cheat.contains("aria-label=\"Table 2: Limits (Twin)\"")
    );
}
