//! Question ids: explicit (`<!-- id: … -->`) or made from the normalised question text,
//! unique on their page.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

use super::meta::Meta;
use crate::diagnostics::Diagnostic;
use crate::markdown::Locator;
use crate::util::{base32, fnv64, slugify};

/// Normalised question text for automatic ids: NFKC, lower-case, `Q12.` and
/// `(Choose 2)` removed, punctuation and whitespace collapsed.
pub fn normalise(text: &str) -> String {
    let lower: String = text.nfkc().collect::<String>().to_lowercase();
    let mut t = lower.trim();
    if let Some(rest) = t.strip_prefix('q') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(['.', ')', ':']) {
            t = rest[digits + 1..].trim_start();
        }
    }
    let mut s = t.to_string();
    for hint in ["(choose", "(select", "(pick"] {
        if let Some(i) = s.rfind(hint)
            && s[i..].contains(')')
        {
            s.truncate(i);
        }
    }
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Automatic id: the first words as a slug plus a hash of the whole normalised text.
pub fn auto_id(question: &str, stem: &str) -> String {
    let norm = normalise(&format!("{question} {stem}"));
    let words: Vec<&str> = norm.split(' ').take(5).collect();
    let mut head = slugify(&words.join(" "));
    // At a character boundary: a slug of another script has multi-byte letters (the
    // translated quiz banks panicked here).
    let cut = (0..=head.len().min(40))
        .rev()
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(0);
    head.truncate(cut);
    let hash = base32(fnv64(norm.as_bytes()), 6);
    if head.is_empty() {
        format!("q{hash}")
    } else {
        format!("{}-{hash}", head.trim_end_matches('-'))
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn question_id(
    meta: Option<&Meta>,
    text: &str,
    stem: &str,
    at: usize,
    loc: &Locator,
    ids: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    if let Some(id) = meta.and_then(|m| m.id.clone()) {
        if !valid_id(&id) {
            diags.push(
                loc.error(
                    at,
                    format!("question id `{id}` may only hold letters, digits, `-` and `_`"),
                )
                .with_help("for example <!-- id: sqs-visibility-timeout -->"),
            );
        } else if !ids.insert(id.clone()) {
            diags.push(
                loc.error(at, format!("duplicate question id `{id}` on this page"))
                    .with_help("every question needs its own id"),
            );
        }
        return id;
    }
    let base = auto_id(text, stem);
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    if n > 2 {
        diags.push(
            loc.warning(at, "the same question appears twice on this page")
                .with_help("give one of them an id: <!-- id: my-question -->"),
        );
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_automatic_id_cuts_a_long_non_ascii_slug_between_characters() {
        // 14 three-byte letters in the first word: byte 40 falls inside the 14th.
        let q = "日本語日本語日本語日本語日本 とは?";
        let id = auto_id(q, "");
        let (head, hash) = id.rsplit_once('-').unwrap();
        assert_eq!(head, "日本語日本語日本語日本語日本".get(..39).unwrap(), "{id}");
        assert_eq!(hash.len(), 6);
        // ASCII ids are as before: the slug of the first five words, then the hash.
        let ascii = auto_id("Which of these services stores objects durably?", "");
        assert!(ascii.starts_with("which-of-these-services-stores-"), "{ascii}");
    }

    #[test]
    fn normalisation_ignores_numbering_hints_and_punctuation() {
        assert_eq!(normalise("Q12. Which   is it? (Choose 2)"), "which is it");
        assert_eq!(normalise("Which is it?"), "which is it");
        assert_eq!(auto_id("Q1. Which is it?", ""), auto_id("Which is it", ""));
        assert_ne!(auto_id("Which is it?", "code a"), auto_id("Which is it?", "code b"));
        assert!(auto_id("Is IAM a global or regional service?", "").starts_with("is-iam-a-global-or-"));
    }

    #[test]
    fn a_long_slug_in_another_script_is_cut_between_letters() {
        let id = auto_id("Какой из перечисленных вариантов является правильным ответом?", "");
        assert!(id.starts_with("какой-из-перечисл"), "{id}");
    }
}
