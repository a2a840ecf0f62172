//! The interface in the site's language (issue 21): a site built in each built-in locale
//! has no English interface string left on any page, counts take the language's plural
//! forms, the scripts get the locale's tables, right-to-left languages get `dir="rtl"`,
//! and `[translations]` overrides a string (a key no table knows is a warning).

mod common;

use common::{Site, stderr};
use studysite::locale;

/// A small site using every generated page: questions of both kinds, a callout and a
/// marked table for the cheat sheet, tags, a folder, an alias. Its own text is no
/// English word the interface uses.
fn site(language: &str, extra: &str) -> Site {
    Site::new(&[
        (
            "studysite.toml",
            &format!("title = \"Lorem\"\nlanguage = \"{language}\"\n{extra}"),
        ),
        ("content/_index.md", "# Lorem\n\nIpsum dolor.\n"),
        ("content/alpha/_index.md", "# Alpha\n\nIpsum.\n"),
        (
            "content/alpha/beta.md",
            "---\naliases: [gamma.html]\ntags: [delta]\n---\n# Beta\n\nDolor sit amet.\n\n> [!TIP]\n> Consectetur.\n\n<!-- cheatsheet -->\n| Xy | Zw |\n|---|---|\n| 1 | 2 |\n\n## Quis est?\n\n✅ Nemo.\n\n## Ubi est?\n\n- [x] Hic\n- [ ] Ibi\n",
        ),
        (
            "content/alpha/epsilon.md",
            "# Epsilon\n\n## Quando?\n\n- [x] Nunc\n- [x] Semper\n- [ ] Numquam\n",
        ),
    ])
}

fn pages(s: &Site) -> Vec<(String, String)> {
    let out = s.path("public");
    walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The English interface strings a page may show, HTML-escaped as templates write them,
/// with those the locale writes the same way left out ("Quiz", "Tags" in some languages).
/// Very short ones ("Q") are left out too: they would match inside other words.
fn english_left(code: &str, html: &str) -> Vec<String> {
    let en = &locale::english().ui;
    let own = &locale::builtin(code).unwrap().1.ui;
    let text = visible_text(html).replace("&#39;", "'");
    en.iter()
        .filter(|(key, value)| !key.ends_with("_html") && !key.starts_with("n_") && value.chars().count() > 3)
        .filter(|(key, value)| own.get(*key) != Some(*value))
        .map(|(_, value)| studysite::util::escape_html(value))
        .filter(|value| {
            // Whole words only: "Print" is no match inside "Printed".
            text.match_indices(value.as_str()).any(|(at, m)| {
                let before = text[..at].chars().next_back();
                let after = text[at + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .collect()
}

/// What a reader meets of a page: its text outside tags, scripts and styles, and the
/// attributes browsers show or read aloud.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push('\n');
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |i| lt + i + 1);
        let tag = &rest[lt..tag_end];
        for attr in ["aria-label", "title", "placeholder", "alt", "data-key-title", "content"] {
            for value in common::attr_values(tag, attr) {
                out.push_str(&value);
                out.push('\n');
            }
        }
        rest = &rest[tag_end..];
        for raw in ["script", "style"] {
            if tag.starts_with(&format!("<{raw}")) {
                let close = format!("</{raw}>");
                rest = rest.find(&close).map_or("", |i| &rest[i..]);
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn a_site_in_each_locale_has_no_english_interface_string_left() {
    let mut failures = Vec::new();
    for code in locale::codes().filter(|c| *c != locale::DEFAULT) {
        let s = site(code, "");
        let out = s.build();
        assert!(
            !stderr(&out).contains("interface strings have no"),
            "{code}: {}",
            stderr(&out)
        );
        let pages = pages(&s);
        assert!(pages.len() >= 8, "{code}: {} pages", pages.len());
        for (rel, html) in &pages {
            let left = english_left(code, html);
            if !left.is_empty() {
                failures.push(format!("{code} {rel}: {left:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "English left:\n{}", failures.join("\n"));
}

#[test]
fn the_english_check_finds_english() {
    // The check above would pass on a site that ignores `language`: it must not.
    let s = site("en", "");
    s.build();
    let html = s.read("public/alpha/beta.html");
    assert!(english_left("de", &html).len() > 5, "{:?}", english_left("de", &html));
}

#[test]
fn counts_take_the_languages_plural_forms() {
    let s = site("pl", "");
    s.build();
    let home = s.read("public/index.html");
    // One folder with three questions; the home page counts both.
    assert!(home.contains("3 pytania"), "{home}");
    let beta = s.read("public/alpha/beta.html");
    assert!(beta.contains("2 pytania"), "{beta}");
    let s = site("ru", "");
    s.build();
    assert!(s.read("public/alpha/epsilon.html").contains("1 вопрос<"));
    let s = site("ar", "");
    s.build();
    assert!(s.read("public/alpha/beta.html").contains("سؤالان"), "Arabic dual");
}

#[test]
fn the_scripts_get_the_locales_tables_and_english_sites_keep_theirs() {
    let s = site("de", "");
    s.build();
    let out = s.path("public");
    let strings = std::fs::read_to_string(out.join(common::asset(&out, "strings.js"))).unwrap();
    assert!(
        strings.contains("StudysiteStrings.add(JSON.parse('{\"de\":{"),
        "{strings}"
    );
    assert!(strings.contains("Antwort verbergen"));
    let quiz = std::fs::read_to_string(out.join(common::asset(&out, "quiz-strings.js"))).unwrap();
    assert!(quiz.contains("Prüfung abgeben"));
    let s = site("en", "");
    s.build();
    let out = s.path("public");
    let strings = std::fs::read_to_string(out.join(common::asset(&out, "strings.js"))).unwrap();
    assert_eq!(
        strings.as_bytes(),
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/static/assets/strings.js")).unwrap()
    );
}

#[test]
fn right_to_left_languages_get_dir_rtl() {
    for (code, rtl) in [("ar", true), ("he", true), ("fa", true), ("de", false), ("en", false)] {
        let s = site(code, "");
        s.build();
        let html = s.read("public/index.html");
        assert_eq!(html.contains(" dir=\"rtl\""), rtl, "{code}");
        assert!(html.contains(&format!("<html lang=\"{code}\"")), "{code}");
    }
}

#[test]
fn translations_override_a_string_and_unknown_keys_are_warnings() {
    let s = site(
        "de",
        "\n[translations]\nshow_answer = \"Auflösung\"\nshow_anwser = \"x\"\n",
    );
    let out = s.build();
    assert!(s.read("public/alpha/beta.html").contains("Auflösung"));
    let err = stderr(&out);
    assert!(err.contains("translations.show_anwser"), "{err}");
    assert!(err.contains("did you mean `show_answer`"), "{err}");
}

#[test]
fn a_language_without_a_locale_warns_and_falls_back_to_english() {
    let s = site("sv", "\n[translations]\nshow_answer = \"Visa svar\"\n");
    let out = s.run(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("interface strings have no `sv` text"), "{err}");
    assert!(
        err.contains("studysite.toml:2"),
        "the warning names the line of `language`: {err}"
    );
    s.build();
    let html = s.read("public/alpha/beta.html");
    assert!(html.contains("Visa svar"));
    assert!(html.contains("Check answer"), "the rest is English");
}
