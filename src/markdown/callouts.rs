//! Obsidian's callouts: `> [!kind] Title`, in any case, with a custom title, folded
//! (`[!kind]-` closed, `[!kind]+` open: a `<details>`, which needs no JavaScript and
//! prints open) and nested; GitHub's form with a title (`> [!NOTE] Title`) too. (A
//! bare `> [!NOTE]` line is GitHub's alert, which pulldown-cmark parses itself and
//! alerts.rs styles.) Obsidian's kinds and aliases map onto the theme's five styles;
//! an unknown kind is shown as a note, as Obsidian does, and the warning names it.
//! Callouts go on the cheat sheet like alerts.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{CS_CLOSE, CS_OPEN, Ev, RenderCx};
use crate::markdown::html::escape_comment;

/// Obsidian's kind (or alias) → (theme style, default title).
pub fn kind(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name.to_ascii_lowercase().as_str() {
        "note" => ("note", "Note"),
        "abstract" | "summary" | "tldr" => ("note", "Abstract"),
        "info" => ("note", "Info"),
        "todo" => ("note", "Todo"),
        "quote" | "cite" => ("note", "Quote"),
        "tip" | "hint" => ("tip", "Tip"),
        "success" | "check" | "done" => ("tip", "Success"),
        "important" => ("important", "Important"),
        "example" => ("important", "Example"),
        "question" | "help" | "faq" => ("warning", "Question"),
        "warning" | "attention" => ("warning", "Warning"),
        "caution" => ("caution", "Caution"),
        "failure" | "fail" | "missing" => ("caution", "Failure"),
        "danger" | "error" => ("caution", "Danger"),
        "bug" => ("caution", "Bug"),
        _ => return None,
    })
}

/// A kind's default title in the site's language (`callout_<english title>` of
/// locales/<code>.toml), else the English one.
pub fn localised(rcx: &RenderCx, english: &str) -> String {
    let key = format!("callout_{}", english.to_ascii_lowercase());
    rcx.cx
        .config
        .strings()
        .ui
        .get(&key)
        .cloned()
        .unwrap_or_else(|| english.to_string())
}

/// The marker at the start of a quote's first line: (kind, fold, title text after it).
fn marker(text: &str) -> Option<(&str, Option<char>, &str)> {
    let rest = text.strip_prefix("[!")?;
    let end = rest.find(']')?;
    let name = &rest[..end];
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let after = &rest[end + 1..];
    let (fold, after) = match after.chars().next() {
        Some(c @ ('-' | '+')) => (Some(c), &after[1..]),
        _ => (None, after),
    };
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((name, fold, after.trim_start()))
}

struct Open {
    /// Closing markup (`</div>`, `</details>`), or None for a plain quote.
    close: Option<&'static str>,
    outermost: bool,
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(None))))
    {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut heading = (String::new(), String::new());
    let mut i = 0;
    while i < evs.len() {
        match &evs[i].0 {
            Event::Start(Tag::Heading { .. }) => heading = super::headings::heading_at(&evs, i),
            Event::Start(Tag::BlockQuote(None)) => {
                let outermost = !stack.iter().any(|o| o.outermost || o.close.is_some());
                if let Some(next) = open_callout(&evs, i, outermost, &heading, rcx, &mut out) {
                    stack.push(Open {
                        close: Some(next.1),
                        outermost,
                    });
                    i = next.0;
                    continue;
                }
                stack.push(Open {
                    close: None,
                    outermost: false,
                });
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                if let Some(Open {
                    close: Some(close),
                    outermost,
                }) = stack.pop()
                {
                    let cs = if outermost { CS_CLOSE } else { "" };
                    out.push((Event::Html(format!("{close}{cs}").into()), evs[i].1));
                    i += 1;
                    continue;
                }
            }
            // GitHub alerts (handled later by alerts.rs) count as callouts for nesting.
            Event::Start(Tag::BlockQuote(Some(_))) => stack.push(Open {
                close: None,
                outermost: true,
            }),
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                stack.pop();
            }
            _ => {}
        }
        out.push(evs[i].clone());
        i += 1;
    }
    out
}

/// If the quote at `evs[i]` starts with a callout marker, writes its opening and title
/// and returns (index to go on from, closing markup).
fn open_callout<'a>(
    evs: &[Ev<'a>],
    i: usize,
    outermost: bool,
    heading: &(String, String),
    rcx: &mut RenderCx,
    out: &mut Vec<Ev<'a>>,
) -> Option<(usize, &'static str)> {
    let (Some((Event::Start(Tag::Paragraph), _)), Some((Event::Text(t), tat))) = (evs.get(i + 1), evs.get(i + 2))
    else {
        return None;
    };
    let (name, fold, title_text) = marker(t)?;
    let (style, default_title) = match kind(name) {
        Some(k) => k,
        None => {
            rcx.warn(
                *tat,
                format!("unknown callout kind `[!{name}]`; it is shown as a note"),
                Some("Obsidian's kinds: note, abstract, info, todo, tip, success, question, warning, failure, danger, bug, example, quote (and their aliases)"),
            );
            ("note", "")
        }
    };
    let kind_attr = crate::util::escape_html(&name.to_ascii_lowercase());
    let sentinel = if outermost {
        format!("{CS_OPEN}callout:{}:{}-->", heading.0, escape_comment(&heading.1))
    } else {
        String::new()
    };
    let classes = format!("callout callout-{style}");
    let (open, title_tag, close) = match fold {
        Some(f) => (
            format!(
                "{sentinel}<details class=\"{classes} callout-fold\" data-callout=\"{kind_attr}\"{}>",
                if f == '+' { " open" } else { "" }
            ),
            ("<summary class=\"callout-title\">", "</summary>"),
            "</details>",
        ),
        None => (
            format!("{sentinel}<div class=\"{classes}\" data-callout=\"{kind_attr}\" role=\"note\">"),
            ("<p class=\"callout-title\">", "</p>"),
            "</div>",
        ),
    };
    out.push((Event::Html(format!("{open}{}", title_tag.0).into()), evs[i].1));
    // The title: the rest of the marker's line, with its inline markup.
    let mut j = i + 3;
    let mut title_events = Vec::new();
    if !title_text.is_empty() {
        title_events.push((Event::Text(title_text.to_string().into()), *tat));
    }
    while let Some((e, at)) = evs.get(j) {
        if matches!(e, Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)) {
            break;
        }
        title_events.push((e.clone(), *at));
        j += 1;
    }
    if title_events.is_empty() {
        let shown = if default_title.is_empty() {
            capitalise(name)
        } else {
            localised(rcx, default_title)
        };
        title_events.push((Event::Text(shown.into()), *tat));
    }
    out.extend(title_events);
    out.push((Event::Html(title_tag.1.into()), *tat));
    match evs.get(j) {
        // The body goes on in the same paragraph.
        Some((Event::SoftBreak | Event::HardBreak, at)) => {
            out.push((Event::Start(Tag::Paragraph), *at));
            j += 1;
        }
        Some((Event::End(TagEnd::Paragraph), _)) => j += 1,
        _ => {}
    }
    Some((j, close))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_kinds_and_aliases() {
        assert_eq!(marker("[!info]- Title"), Some(("info", Some('-'), "Title")));
        assert_eq!(marker("[!TIP]+"), Some(("TIP", Some('+'), "")));
        assert_eq!(marker("[!NOTE] Title"), Some(("NOTE", None, "Title")));
        assert_eq!(marker("[!note]x"), None);
        assert_eq!(marker("[link] x"), None);
        assert_eq!(kind("FAQ"), Some(("warning", "Question")));
        assert_eq!(kind("tldr"), Some(("note", "Abstract")));
        assert_eq!(kind("error"), Some(("caution", "Danger")));
        assert_eq!(kind("cite"), Some(("note", "Quote")));
        assert_eq!(kind("nonsense"), None);
    }
}
