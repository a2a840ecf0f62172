//! The learner's loop, build side (issue 20): exam domains from `[quiz.domains]` (checked
//! at their line), each question's "learn it" section (`see:` or the page's best match) in
//! the quiz data, and the "Practice this page" links of note pages and home cards.

mod common;

use common::{Site, stderr};

const TOML: &str = "title = \"T\"\nsite_id = \"t\"\n\n[quiz.domains.security]\ntitle = \"Security\"\nweight = 26\npages = [\"iam\"]\n\n[quiz.domains.dev]\ntitle = \"Development\"\nweight = 32\npages = [\"lambda\"]\n";

const LAMBDA: &str = "# Lambda\n\n## Limits {#limits}\n\nThe maximum timeout of a function is 15 minutes; memory goes up to 10 GB.\n\n## Layers {#layers}\n\nA layer packages libraries shared by several functions.\n\n## Questions\n\n### What is the maximum Lambda timeout?\n\n✅ 15 minutes.\n\n### What do layers share between functions?\n<!-- id: layers-q; see: limits -->\n\n✅ Libraries.\n";

const IAM: &str = "# IAM\n\n## Policies {#policies}\n\nA policy is a JSON document of statements.\n\n## Questions\n\n### What is a policy written in?\n<!-- domain: dev -->\n\n✅ JSON.\n";

fn quiz_data(site: &Site) -> serde_json::Value {
    let dir = site.path("public/assets");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("quiz-data"))
        .expect("quiz-data.js");
    let text = std::fs::read_to_string(file).unwrap();
    // window.STUDYSITE_QUIZ=JSON.parse('…'); the literal's escapes undone
    let lit = text.split_once("JSON.parse('").unwrap().1.rsplit_once("')").unwrap().0;
    let mut json = String::new();
    let mut it = lit.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            json.push(c);
            continue;
        }
        match it.next().unwrap() {
            'n' => json.push('\n'),
            'r' => json.push('\r'),
            'u' => {
                let hex: String = it.by_ref().take(4).collect();
                json.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            other => json.push(other),
        }
    }
    serde_json::from_str(&json).unwrap()
}

#[test]
fn domains_sections_and_learn_targets_in_the_quiz_data() {
    let site = Site::new(&[
        ("studysite.toml", TOML),
        ("content/lambda.md", LAMBDA),
        ("content/iam.md", IAM),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let d = quiz_data(&site);
    // heaviest first
    let domains: Vec<(&str, f64)> = d["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["title"].as_str().unwrap(), x["weight"].as_f64().unwrap()))
        .collect();
    assert_eq!(domains, [("Development", 32.0), ("Security", 26.0)]);
    let sections = d["sections"].as_array().unwrap();
    let sec = |slug: &str| sections.iter().find(|s| s["slug"] == slug).unwrap();
    assert_eq!(sec("lambda")["domain"], 0);
    assert_eq!(sec("iam")["domain"], 1);
    let qs = d["questions"].as_array().unwrap();
    let q = |text: &str| qs.iter().find(|q| q["q"].as_str().unwrap().contains(text)).unwrap();
    // found: the question and its answer match the Limits section best
    assert_eq!(q("maximum Lambda timeout")["see"], "lambda.html#limits");
    assert_eq!(q("maximum Lambda timeout")["seet"], "Limits");
    // `see:` wins over the match (Layers would match best)
    assert_eq!(q("layers share")["see"], "lambda.html#limits");
    // a question in another domain than its page says so
    assert_eq!(q("policy written")["domain"], 0);
    assert!(q("maximum Lambda timeout").get("domain").is_none());
    // the note page and the home card link to practising the page
    let page = site.read("public/lambda.html");
    assert!(
        page.contains("href=\"quiz.html?section=lambda&mode=practice\">Practice this page (2)</a>"),
        "{page}"
    );
    let home = site.read("public/index.html");
    assert!(home.contains("quiz.html?section=iam&mode=practice"));
    assert!(home.contains("data-sections=\"lambda\""));
}

#[test]
fn bad_domains_are_errors_at_their_line() {
    let toml = "title = \"T\"\n\n[quiz.domains.security]\nweight = 0\npages = [\"iamm\", \"lambda\"]\n\n[quiz.domains.dev]\npages = [\"lambda\"]\n";
    let iam = IAM.replace("domain: dev", "domain: devv");
    let site = Site::new(&[
        ("studysite.toml", toml),
        ("content/lambda.md", LAMBDA),
        ("content/iam.md", &iam),
    ]);
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    for want in [
        "studysite.toml:4:1",
        "exam domain `security` has weight 0",
        "studysite.toml:5:1",
        "exam domain `security` lists `iamm`, which is no page",
        "did you mean `iam`?",
        "page `lambda` is in two exam domains, `dev` and `security`",
        "iam.md:9:1",
        "question metadata names exam domain `devv`",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn a_page_in_no_domain_and_an_unknown_see_are_warnings() {
    let toml = "title = \"T\"\n\n[quiz.domains.dev]\npages = [\"lambda\"]\n";
    let iam = IAM.replace("<!-- domain: dev -->", "<!-- see: polices -->");
    let site = Site::new(&[
        ("studysite.toml", toml),
        ("content/lambda.md", LAMBDA),
        ("content/iam.md", &iam),
    ]);
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("1 question(s) of this page are in no exam domain"),
        "{err}"
    );
    assert!(err.contains("add \"iam\" to the `pages`"), "{err}");
    assert!(err.contains("iam.md:9:1"), "{err}");
    assert!(err.contains("`see: polices` names no heading of this page"), "{err}");
    assert!(err.contains("did you mean `policies`?"), "{err}");
    let unknown = Site::new(&[
        ("studysite.toml", "title = \"T\"\n\n[quiz.domains.dev]\nweigth = 3\n"),
        ("content/a.md", "# A\n"),
    ]);
    let err = stderr(&unknown.run(&["build"]));
    assert!(
        err.contains("unknown key `quiz.domains.dev.weigth`") && err.contains("did you mean `weight`?"),
        "{err}"
    );
}
