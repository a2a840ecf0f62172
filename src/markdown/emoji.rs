//! GitHub's emoji shortcodes (`:white_check_mark:`, `:warning:`, `:rocket:`), common in
//! study repositories' READMEs, become the emoji GitHub shows. Only a name in GitHub's
//! list counts (so `10:30:45`, `std::vec` or `arn:aws:iam::1:role` stay text), and only
//! in prose: code, math and raw HTML are other events and are left alone. Heading ids
//! are assigned before this runs, from the text as written, as GitHub does
//! (`## :rocket: Deploy` → `#rocket-deploy`).

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event};

use super::{Ev, RenderCx};

pub fn transform<'a>(mut evs: Vec<Ev<'a>>, _rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    for (e, _) in &mut evs {
        if let Event::Text(t) = e
            && let Cow::Owned(s) = replace(t)
        {
            *t = CowStr::from(s);
        }
    }
    evs
}

/// `text` with its shortcodes replaced by their emoji.
pub fn replace(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    // Most text has no two colons: nothing to look up.
    match memchr::memchr(b':', b) {
        Some(first) if memchr::memchr(b':', &b[first + 1..]).is_some() => {}
        _ => return Cow::Borrowed(text),
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(open) = memchr::memchr(b':', &b[i..]).map(|p| i + p) {
        let name_end = b[open + 1..]
            .iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-')))
            .map_or(b.len(), |p| open + 1 + p);
        let closed = b.get(name_end) == Some(&b':') && name_end > open + 1;
        // Not inside a word (`a:b:`), nor running on into one (`:x:y`).
        let word_before = open > 0 && b[open - 1].is_ascii_alphanumeric();
        let word_after = b.get(name_end + 1).is_some_and(|c| c.is_ascii_alphanumeric());
        if closed
            && !word_before
            && !word_after
            && let Some(emoji) = emojis::get_by_shortcode(&text[open + 1..name_end])
        {
            out.push_str(&text[copied..open]);
            out.push_str(emoji.as_str());
            copied = name_end + 1;
            i = name_end + 1;
        } else {
            // The closing colon may open the next shortcode.
            i = if closed { name_end } else { open + 1 };
        }
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::replace;

    #[test]
    fn github_shortcodes_become_emoji() {
        assert_eq!(replace(":white_check_mark: done, :x: not"), "✅ done, ❌ not");
        assert_eq!(replace("Tip :bulb::rocket:!"), "Tip 💡🚀!");
        assert_eq!(replace(":+1: and :100:"), "👍 and 💯");
    }

    #[test]
    fn other_colons_stay_text() {
        for text in [
            "10:30:45",
            "std::vec::Vec",
            "arn:aws:iam::123:role/x",
            "a:smile: b",
            ":smile:x",
            ":not_an_emoji_name:",
            "::",
            "ratio 1:1",
            ": smile :",
        ] {
            assert_eq!(replace(text), text, "{text:?}");
        }
    }
}
