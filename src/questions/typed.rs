//! Typed answers: a free question whose answer holds a line `**Accept:** S3 | Simple
//! Storage Service` (its own paragraph, or right after the `✅`) can be answered by
//! typing. The alternatives are split at `|`; the quiz compares them with what the
//! learner typed forgiving case, spaces, punctuation and accents ([`normalise_answer`],
//! the same rule as `quiz-kinds.js`).

use pulldown_cmark::{Event, TagEnd};

use super::model::{Draft, QuestionKind};
use crate::diagnostics::Diagnostic;
use crate::markdown::{Ev, Locator};

/// The rest of the line after a bold `**Label:**` that starts a paragraph of `answer`
/// (after an optional `✅`), with the offset of the label.
pub(super) fn labelled(answer: &[Ev], label: &str) -> Option<(String, usize)> {
    let mut i = 0;
    while i < answer.len() {
        if !matches!(answer[i].0, Event::Start(pulldown_cmark::Tag::Paragraph)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if let Some((Event::Text(t), _)) = answer.get(j)
            && t.trim().trim_start_matches('✅').trim().is_empty()
        {
            j += 1;
        }
        let bold = matches!(answer.get(j), Some((Event::Start(pulldown_cmark::Tag::Strong), _)))
            && matches!(answer.get(j + 1), Some((Event::Text(t), _)) if t.trim() == label)
            && matches!(answer.get(j + 2), Some((Event::End(TagEnd::Strong), _)));
        if bold {
            let at = answer[j].1;
            let mut rest = String::new();
            for (e, _) in &answer[j + 3..] {
                match e {
                    Event::Text(t) | Event::Code(t) => rest.push_str(t),
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => break,
                    _ => {}
                }
            }
            return Some((rest.trim().to_string(), at));
        }
        i += 1;
    }
    None
}

/// Makes `draft` a typed question when its answer has an `**Accept:**` line.
pub(super) fn read(draft: &mut Draft, loc: &Locator, diags: &mut Vec<Diagnostic>) {
    let Some((line, at)) = labelled(&draft.answer, "Accept:") else {
        return;
    };
    let accept: Vec<String> = line.split('|').map(|a| a.trim().to_string()).collect();
    if accept.iter().any(|a| normalise_answer(a).is_empty()) {
        diags.push(
            loc.error(at, format!("`**Accept:** {line}` has an empty answer"))
                .with_help(
                    "list the accepted answers separated by `|`, e.g. `**Accept:** S3 | Simple Storage Service`",
                ),
        );
        return;
    }
    draft.kind = QuestionKind::Typed;
    draft.accept = accept;
}

/// An answer as the comparison sees it: lower case, accents, spaces and punctuation
/// dropped (`Simple-Storage  Service!` and `simple storage service` are the same).
pub fn normalise_answer(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(fold_accent)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A Latin letter with an accent as the plain letter (the common ones; others kept).
fn fold_accent(c: char) -> Option<char> {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżšśřťľĺł";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzssrtlll";
    match FROM.chars().position(|f| f == c) {
        Some(n) => TO.chars().nth(n),
        None => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_answer;

    #[test]
    fn forgiving_of_case_spaces_punctuation_and_accents() {
        assert_eq!(normalise_answer("Simple-Storage  Service!"), "simplestorageservice");
        assert_eq!(normalise_answer("Café Crème"), "cafecreme");
        assert_eq!(normalise_answer("S3"), "s3");
        assert_eq!(normalise_answer(" ... "), "");
    }
}
