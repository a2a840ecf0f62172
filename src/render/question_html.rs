//! The questions page's sections written directly, when the site keeps the built-in
//! `partials/question-section.html` and `partials/question.html`: the same bytes those
//! templates give (tests/questions_page.rs builds a site both ways and compares), at a
//! small part of Tera's cost. Those templates print every question of the site, and
//! rendering them was a tenth of a large bank's build. A site that overrides either
//! template gets it rendered by Tera, as any other.

use std::fmt::Write;

use super::questions::{QuestionCtx, QuestionGroup};
use crate::questions::QuestionKind;
use crate::theme::SiteTemplate;
// Tera escapes `{{ … }}` output the same way (the test below holds it to that).
use crate::util::Escaped as E;

/// The templates this file stands in for, as the theme ships them.
const SECTION: (&str, &str) = (
    "partials/question-section.html",
    include_str!("../../templates/partials/question-section.html"),
);
const QUESTION: (&str, &str) = (
    "partials/question.html",
    include_str!("../../templates/partials/question.html"),
);

/// Whether the site's own templates leave both partials as the theme ships them (a copy
/// of the theme, as the repository's own site has, counts as leaving them).
pub(super) fn applies(own: &[SiteTemplate]) -> bool {
    own.iter().all(|t| {
        let name = t.path.to_string_lossy().replace('\\', "/");
        [SECTION, QUESTION]
            .iter()
            .all(|(n, text)| !name.ends_with(n) || t.text == *text)
    })
}

/// The UI strings the partials print.
pub(super) struct Strings<'a> {
    read_the_notes: &'a str,
    show_answer: &'a str,
    choose_one: &'a str,
    choose_all: &'a str,
    check_answer: &'a str,
    answer_one: &'a str,
    answer_many: &'a str,
    in_the_notes: &'a str,
}

impl<'a> Strings<'a> {
    pub(super) fn new(ui: &'a std::collections::BTreeMap<String, String>) -> Self {
        let s = |k: &str| ui.get(k).map_or("", String::as_str);
        Strings {
            read_the_notes: s("read_the_notes"),
            show_answer: s("show_answer"),
            choose_one: s("choose_one"),
            choose_all: s("choose_all"),
            check_answer: s("check_answer"),
            answer_one: s("answer_one"),
            answer_many: s("answer_many"),
            in_the_notes: s("in_the_notes"),
        }
    }
}

/// A number as Tera prints it.
fn number(x: f64) -> String {
    tera::Value::from(x).to_string()
}

/// `partials/question-section.html` for one group.
pub(super) fn section(g: &QuestionGroup, root: &str, ui: &Strings) -> String {
    let mut out = String::with_capacity(g.questions.len() * 2048 + 256);
    let _ = write!(
        out,
        "<section class=\"q-section\" id=\"sec-{slug}\" data-section=\"{slug}\">\n  <h2>{title} <span class=\"q-section-count\">({count})</span></h2>\n  <p class=\"q-source\"><a href=\"{root}{url}\">{notes}</a></p>\n  ",
        slug = E(&g.slug),
        title = E(g.title),
        count = g.count,
        root = E(root),
        url = E(g.url),
        notes = E(ui.read_the_notes),
    );
    for item in &g.questions {
        question(&mut out, item, root, ui);
    }
    out.push_str("\n</section>\n");
    out
}

/// `partials/question.html` for one question.
fn question(out: &mut String, item: &QuestionCtx, root: &str, ui: &Strings) {
    let q = item.q;
    let _ = write!(
        out,
        "\n<div class=\"question\" id=\"q-{id}\" data-qid=\"{id}\" data-kind=\"{kind}\" data-tags=\"{tags}\"",
        id = E(&q.id),
        kind = E(q.kind.name()),
        tags = E(&q.tags.join(" ")),
    );
    if q.fixed {
        out.push_str(" data-fixed");
    }
    if !q.accept.is_empty() {
        let _ = write!(out, " data-accept=\"{}\"", E(&q.accept.join("|")));
    }
    if let Some(n) = &q.numeric {
        let _ = write!(
            out,
            " data-min=\"{}\" data-max=\"{}\" data-unit=\"{}\"",
            E(&number(n.min)),
            E(&number(n.max)),
            E(&n.unit)
        );
    }
    let _ = write!(out, ">\n  <h3 class=\"q-title\">{}</h3>\n  ", item.title);
    if !q.stem_html.is_empty() {
        let _ = write!(out, "<div class=\"q-stem\">{}</div>", q.stem_html.as_str());
    }
    out.push_str("\n  ");
    if matches!(q.kind, QuestionKind::Free | QuestionKind::Typed | QuestionKind::Numeric) {
        let _ = write!(
            out,
            "\n  <details class=\"q-answer\"><summary>{}</summary><div class=\"q-answer-body\">{}</div></details>\n  ",
            E(ui.show_answer),
            q.a_html.as_str()
        );
    } else {
        let single = q.kind == QuestionKind::Single;
        let _ = write!(
            out,
            "\n  <fieldset class=\"q-choice\"><legend class=\"q-legend\">{}</legend>\n  {}\n  ",
            E(if single { ui.choose_one } else { ui.choose_all }),
            if q.fixed {
                "<ol class=\"q-options\">"
            } else {
                "<ul class=\"q-options\">"
            }
        );
        for (i, o) in q.options.iter().enumerate() {
            let _ = write!(
                out,
                "\n    <li class=\"q-option\" data-correct=\"{}\"{}><label><input type=\"{}\" name=\"qq-{}\" value=\"{i}\"> <span class=\"q-option-text\">{}</span></label>",
                o.correct,
                if o.pin { " data-pin" } else { "" },
                if single { "radio" } else { "checkbox" },
                E(&q.id),
                o.html.as_str()
            );
            if !o.why.is_empty() {
                let _ = write!(out, "<div class=\"q-why\">{}</div>", o.why.as_str());
            }
            out.push_str("</li>\n  ");
        }
        let _ = write!(
            out,
            "\n  {}\n  </fieldset>\n  <div class=\"q-actions\"><button type=\"button\" class=\"q-check\">{}</button></div>\n  <p class=\"q-feedback\" role=\"status\" aria-live=\"polite\"></p>\n  <details class=\"q-answer\"><summary>{}</summary><div class=\"q-answer-body\">\n    <p class=\"q-key\">{}: <b>{}</b></p>\n    {}\n  </div></details>\n  ",
            if q.fixed { "</ol>" } else { "</ul>" },
            E(ui.check_answer),
            E(ui.show_answer),
            E(if item.letters.len() == 1 {
                ui.answer_one
            } else {
                ui.answer_many
            }),
            E(&item.letters.join(", ")),
            q.explain_html.as_str()
        );
    }
    let _ = write!(
        out,
        "\n  <p class=\"q-link\"><a href=\"{}{}\">{} {}</a></p>\n</div>\n",
        E(root),
        E(&item.url),
        E(ui.in_the_notes),
        E(&q.topic.join(" › "))
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_tera_does() {
        let mut buf = Vec::new();
        let text = "a & <b> \"c\" 'd' é";
        tera::escape_html(text, &mut buf).unwrap();
        assert_eq!(E(text).to_string(), String::from_utf8(buf).unwrap());
    }

    #[test]
    fn a_changed_partial_goes_to_tera() {
        let own = |name: &str, text: &str| SiteTemplate {
            path: std::path::PathBuf::from(format!("site/templates/{name}")),
            text: text.into(),
        };
        assert!(applies(&[]));
        assert!(applies(&[own("partials/question.html", QUESTION.1)]));
        assert!(applies(&[own("page.html", "x")]));
        assert!(!applies(&[own("partials/question.html", "{{ q.text }}")]));
        assert!(!applies(&[own("partials/question-section.html", "x")]));
    }
}
