//! GitHub's autolink literals: bare `https://…`, `http://…` and `www.…` in text become
//! links (CommonMark itself only links `<https://…>`). Not inside links, images or code.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::Ev;

pub fn transform<'a>(evs: Vec<Ev<'a>>) -> Vec<Ev<'a>> {
    if !evs
        .iter()
        .any(|(e, _)| matches!(e, Event::Text(t) if crate::util::has(t, "://") || crate::util::has(t, "www.")))
    {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut depth = 0usize; // inside a link, an image or a code block
    for (e, at) in evs {
        match &e {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 => {
                let pieces = split(t);
                if pieces.len() > 1 || pieces.first().is_some_and(|p| p.1) {
                    for (text, is_url) in pieces {
                        if is_url {
                            let dest = if text.starts_with("www.") {
                                format!("http://{text}")
                            } else {
                                text.clone()
                            };
                            out.push((
                                Event::Start(Tag::Link {
                                    link_type: LinkType::Autolink,
                                    dest_url: dest.into(),
                                    title: "".into(),
                                    id: "".into(),
                                }),
                                at,
                            ));
                            out.push((Event::Text(text.into()), at));
                            out.push((Event::End(TagEnd::Link), at));
                        } else {
                            out.push((Event::Text(text.into()), at));
                        }
                    }
                    continue;
                }
            }
            _ => {}
        }
        out.push((e, at));
    }
    out
}

/// The first occurrence of `prefix` at or after `from` that may start a URL: at
/// `pos` (the start of the unsplit text) or after a character that cannot end a word.
fn next_start(text: &str, prefix: &str, mut from: usize, pos: usize) -> Option<usize> {
    loop {
        let i = from + text[from..].find(prefix)?;
        if i == pos || !text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '/' || c == '.') {
            return Some(i);
        }
        from = i + 1; // the prefixes start with an ASCII letter
    }
}

/// Splits text into (piece, is_url) runs. Each prefix is searched for once per
/// occurrence, so 80,000 URLs in one paragraph take linear time (searching the rest of
/// the text for every prefix after every URL was quadratic).
fn split(text: &str) -> Vec<(String, bool)> {
    const PREFIXES: [&str; 3] = ["https://", "http://", "www."];
    let mut out = Vec::new();
    let mut pos = 0;
    let mut next: [Option<usize>; 3] = [None; 3];
    let mut done = [false; 3];
    loop {
        for k in 0..3 {
            if !done[k] && next[k].is_none_or(|n| n < pos) {
                next[k] = next_start(text, PREFIXES[k], pos, pos);
                done[k] = next[k].is_none();
            }
        }
        let found = (0..3)
            .filter_map(|k| next[k].map(|n| (n, PREFIXES[k])))
            .min_by_key(|(n, _)| *n);
        let Some((at, prefix)) = found else { break };
        let rest = &text[pos..];
        let start = at - pos;
        let tail = &rest[start..];
        let mut end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
            .unwrap_or(tail.len());
        // Trailing punctuation is not part of the URL; a ')' only if unbalanced.
        loop {
            let url = &tail[..end];
            match url.chars().last() {
                Some('.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' | '~') => end -= 1,
                Some(')') if url.matches(')').count() > url.matches('(').count() => end -= 1,
                _ => break,
            }
        }
        if end <= prefix.len() || !tail[prefix.len()..end].contains(|c: char| c.is_alphanumeric()) {
            out.push((rest[..start + prefix.len()].to_string(), false));
            pos = at + prefix.len();
            continue;
        }
        if start > 0 {
            out.push((rest[..start].to_string(), false));
        }
        out.push((tail[..end].to_string(), true));
        pos = at + end;
    }
    let rest = &text[pos..];
    if !rest.is_empty() {
        out.push((rest.to_string(), false));
    }
    // Merge adjacent text pieces.
    let mut merged: Vec<(String, bool)> = Vec::new();
    for (t, u) in out {
        match merged.last_mut() {
            Some((prev, false)) if !u => prev.push_str(&t),
            _ => merged.push((t, u)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::split;

    fn urls(t: &str) -> Vec<String> {
        split(t).into_iter().filter(|p| p.1).map(|p| p.0).collect()
    }

    #[test]
    fn finds_bare_urls_and_trims_punctuation() {
        assert_eq!(
            urls("See https://docs.aws.amazon.com/lambda/."),
            vec!["https://docs.aws.amazon.com/lambda/"]
        );
        assert_eq!(urls("(www.example.com)"), vec!["www.example.com"]);
        assert_eq!(
            urls("a https://en.wikipedia.org/wiki/Foo_(bar) b"),
            vec!["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
        assert!(urls("no links here, e.g. s3.amazonaws").is_empty());
        assert!(urls("https:// alone").is_empty());
        assert_eq!(split("x https://a.b y").len(), 3);
    }
}
