//! Question metadata: `<!-- id: …; tags: …; see: …; domain: … -->` right under the
//! heading, and the page's tags.

use pulldown_cmark::Event;

use crate::content::SourcePage;
use crate::diagnostics::Diagnostic;
use crate::markdown::blocks::Block;
use crate::markdown::{Ev, Locator};

/// `<!-- id: x; tags: a, b; see: limits; domain: security -->` right under a
/// question's heading.
#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub id: Option<String>,
    pub tags: Vec<String>,
    /// Heading id of the section that teaches it (`#` optional).
    pub see: Option<String>,
    /// Exam domain id, from `[quiz.domains.<id>]`.
    pub domain: Option<String>,
    /// The GUID an Anki note had (`guid: …`), kept by `export anki` so a re-import updates it.
    pub guid: Option<String>,
    /// Reviewed both ways (`reverse: yes`): Anki's "Basic (and reversed card)".
    pub reverse: bool,
    pub unknown: Vec<String>,
}

pub fn parse_meta(html: &str) -> Option<Meta> {
    let t = html.trim();
    if !crate::markdown::html::is_comment(t) {
        return None;
    }
    let inner = t.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    if !inner.contains(':') {
        return None;
    }
    let mut meta = Meta::default();
    for part in inner.split(';') {
        let Some((k, v)) = part.split_once(':') else { continue };
        let v = v.trim();
        match k.trim() {
            "id" => meta.id = Some(v.to_string()),
            "tags" | "tag" => {
                meta.tags = v
                    .split(',')
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            "see" => meta.see = Some(v.trim_start_matches('#').to_string()).filter(|s| !s.is_empty()),
            "domain" => meta.domain = Some(v.to_string()).filter(|s| !s.is_empty()),
            "guid" => meta.guid = Some(v.to_string()).filter(|s| !s.is_empty()),
            "reverse" => meta.reverse = matches!(v, "yes" | "true" | "both"),
            other => meta.unknown.push(other.to_string()),
        }
    }
    Some(meta)
}

/// The metadata comment that opens a question's blocks, if any.
pub(super) fn meta_block(evs: &[Ev], own: &[Block]) -> Option<(Meta, Block)> {
    own.first().filter(|b| b.is_html(evs)).and_then(|b| {
        let text: String = evs[b.start..b.end]
            .iter()
            .filter_map(|(e, _)| {
                if let Event::Html(h) = e {
                    Some(h.to_string())
                } else {
                    None
                }
            })
            .collect();
        parse_meta(&text).map(|m| (m, *b))
    })
}

/// A warning for each key of the metadata comment that is not known.
pub(super) fn unknown_keys(evs: &[Ev], meta: &Option<(Meta, Block)>, loc: &Locator, diags: &mut Vec<Diagnostic>) {
    if let Some((m, b)) = meta {
        for k in &m.unknown {
            diags.push(
                loc.warning(evs[b.start].1, format!("unknown question metadata `{k}`"))
                    .with_help("question metadata knows `id`, `tags`, `see` and `domain`: <!-- id: my-id; tags: a, b; see: heading-id; domain: security -->"),
            );
        }
    }
}

pub(super) fn merge_tags(meta: Option<&Meta>, page: &SourcePage) -> Vec<String> {
    let mut tags: Vec<String> = meta.map(|m| m.tags.clone()).unwrap_or_default();
    for t in &page.front.tags {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_comment() {
        let m = parse_meta("<!-- id: sqs-vs-sns; tags: messaging, sqs -->\n").unwrap();
        assert_eq!(m.id.as_deref(), Some("sqs-vs-sns"));
        assert_eq!(m.tags, vec!["messaging", "sqs"]);
        assert!(parse_meta("<!-- just a note -->").is_none());
        assert_eq!(parse_meta("<!-- idd: x -->").unwrap().unknown, vec!["idd"]);
        let m = parse_meta("<!-- id: x; see: #limits; domain: security -->").unwrap();
        assert_eq!(
            (m.see.as_deref(), m.domain.as_deref()),
            (Some("limits"), Some("security"))
        );
    }
}
