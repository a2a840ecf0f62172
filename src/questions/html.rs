//! The HTML of questions on their page (apart from how they are written): the markup
//! around a question's own events, with its answer behind `<details>` (works without
//! JavaScript), and the drawn ✅ mark.

use pulldown_cmark::Event;

use super::model::{Draft, QuestionKind, letter};
use super::slice;
use crate::locale::{Strings, text};
use crate::markdown::Ev;
use crate::markdown::blocks::Block;
use crate::util::escape_html;

/// Wraps the ✅ that starts a free answer's paragraph so the theme draws it (an emoji is
/// blank without an emoji font): on the pages, the questions page, the answer key and in
/// the quiz data alike.
pub fn mark_answers(html: String) -> String {
    if html.contains("<p>✅") {
        html.replace("<p>✅", "<p><span class=\"mark yes\">✅</span>")
    } else {
        html
    }
}

pub(super) fn html<'a>(s: impl Into<String>) -> Ev<'a> {
    (Event::Html(s.into().into()), 0)
}

/// Writes a question's page markup around its original events.
pub(super) fn emit<'a>(
    evs: &[Ev<'a>],
    heading: Option<Block>,
    d: &Draft<'a>,
    stem: &[Block],
    ui: &Strings,
    out: &mut Vec<Ev<'a>>,
) {
    let t = |key: &str| escape_html(text(ui, key));
    let id = escape_html(&d.id);
    let kind = d.kind.name();
    let tags = escape_html(&d.tags.join(" "));
    let fixed = if d.fixed { " data-fixed" } else { "" };
    let at = heading.map_or(0, |h| evs[h.start].1);
    let check = check_attrs(d);
    out.push((
        Event::Html(format!("<div class=\"question\" id=\"q-{id}\" data-qid=\"{id}\" data-kind=\"{kind}\" data-tags=\"{tags}\"{fixed}{check}>\n").into()),
        at,
    ));
    match heading {
        Some(h) => out.extend(evs[h.start..h.end].iter().cloned()),
        None => {
            out.push(html("<p class=\"q-text\"><strong>"));
            out.extend(d.question.iter().cloned());
            out.push(html("</strong></p>\n"));
        }
    }
    if !stem.is_empty() {
        out.push(html("<div class=\"q-stem\">\n"));
        out.extend(slice(evs, stem));
        out.push(html("</div>\n"));
    }
    if d.kind.is_free() {
        out.push(html(format!(
            "<details class=\"q-answer\"><summary>{}</summary><div class=\"q-answer-body\">\n",
            t("show_answer")
        )));
        out.extend(d.answer.iter().cloned());
        out.push(html("</div></details>\n</div>\n"));
        return;
    }
    choice(d, &id, ui, out);
    out.extend(d.explain.iter().cloned());
    out.push(html("</div></details>\n</div>\n"));
}

/// What `question-kinds.js` checks a typed or numeric answer against: the accepted
/// answers (`|` between them) or the range and unit.
fn check_attrs(d: &Draft) -> String {
    match (&d.kind, &d.numeric) {
        (QuestionKind::Typed, _) => format!(" data-accept=\"{}\"", escape_html(&d.accept.join("|"))),
        (QuestionKind::Numeric, Some(n)) => format!(
            " data-min=\"{}\" data-max=\"{}\" data-unit=\"{}\"",
            n.min,
            n.max,
            escape_html(&n.unit)
        ),
        _ => String::new(),
    }
}

/// A choice question's options, its check button and its answer.
fn choice<'a>(d: &Draft<'a>, id: &str, ui: &Strings, out: &mut Vec<Ev<'a>>) {
    let t = |key: &str| escape_html(text(ui, key));
    let (input, legend) = if d.kind == QuestionKind::Single {
        ("radio", t("choose_one"))
    } else {
        ("checkbox", t("choose_all"))
    };
    let list = if d.fixed { "ol" } else { "ul" };
    out.push(html(format!(
        "<fieldset class=\"q-choice\"><legend class=\"q-legend\">{legend}</legend><{list} class=\"q-options\">\n"
    )));
    for (n, o) in d.options.iter().enumerate() {
        let pin = if o.pin { " data-pin" } else { "" };
        out.push(html(format!(
            "<li class=\"q-option\" data-correct=\"{}\"{pin}><label><input type=\"{input}\" name=\"q-{id}\" value=\"{n}\"> <span class=\"q-option-text\">",
            o.correct
        )));
        out.extend(o.text.iter().cloned());
        out.push(html("</span></label>"));
        if !o.extra.is_empty() {
            out.push(html("<div class=\"q-option-extra\">"));
            out.extend(o.extra.iter().cloned());
            out.push(html("</div>"));
        }
        if !o.why.is_empty() {
            out.push(html("<div class=\"q-why\">"));
            out.extend(o.why.iter().cloned());
            out.push(html("</div>"));
        }
        out.push(html("</li>\n"));
    }
    let letters: Vec<String> = d
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(n, _)| letter(n))
        .collect();
    let label = t(if letters.len() == 1 {
        "answer_one"
    } else {
        "answer_many"
    });
    out.push(html(format!(
        "</{list}></fieldset>\n<div class=\"q-actions\"><button type=\"button\" class=\"q-check\">{check}</button></div>\n<p class=\"q-feedback\" role=\"status\" aria-live=\"polite\"></p>\n<details class=\"q-answer\"><summary>{show}</summary><div class=\"q-answer-body\">\n<p class=\"q-key\">{label}: <b>{}</b></p>\n",
        letters.join(", "),
        check = t("check_answer"),
        show = t("show_answer")
    )));
}
