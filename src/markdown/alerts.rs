//! GitHub alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`)
//! become callouts, each styled distinctly. Any other `[!kind]` is Obsidian's callout
//! (`callouts.rs`, which runs first and reports an unknown kind). Callouts are marked
//! for the cheat sheet.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::{CS_CLOSE, CS_OPEN, Ev, RenderCx};
use crate::markdown::html::escape_comment;

fn name(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| matches!(e, Event::Start(Tag::BlockQuote(_)))) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    // For each open blockquote: whether it is a callout (needs a closing sentinel).
    let mut stack: Vec<bool> = Vec::new();
    let mut heading = (String::new(), String::new());
    let mut i = 0;
    while i < evs.len() {
        let (e, at) = &evs[i];
        match e {
            Event::Start(Tag::Heading { .. }) => {
                heading = super::headings::heading_at(&evs, i);
                out.push(evs[i].clone());
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = name(*kind);
                let title = crate::util::escape_html(&super::callouts::localised(rcx, title));
                let outermost = !stack.iter().any(|c| *c);
                let sentinel = if outermost {
                    format!(
                        "{CS_OPEN}callout:{}:{}-->",
                        escape_comment(&heading.0),
                        escape_comment(&heading.1)
                    )
                } else {
                    String::new()
                };
                out.push((
                    Event::Html(
                        format!(
                            "{sentinel}<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>"
                        )
                        .into(),
                    ),
                    *at,
                ));
                stack.push(outermost);
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                let outermost = stack.pop().unwrap_or(false);
                let close = if outermost { CS_CLOSE } else { "" };
                out.push((Event::Html(format!("</div>{close}").into()), *at));
            }
            Event::Start(Tag::BlockQuote(None)) => {
                stack.push(false);
                out.push(evs[i].clone());
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                stack.pop();
                out.push(evs[i].clone());
            }
            _ => out.push(evs[i].clone()),
        }
        i += 1;
    }
    out
}
