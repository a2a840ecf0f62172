//! The cheat sheet's part of a page: transforms wrap callouts and marked tables in
//! sentinels, and [`extract`] lifts copies of them out of the page HTML.

/// A callout or marked table for the cheat sheet.
#[derive(Debug, Clone)]
pub struct CheatItem {
    /// `callout` or `table`.
    pub kind: &'static str,
    /// Id of the nearest heading above (for the link back), or "".
    pub anchor: String,
    /// Text of that heading.
    pub heading: String,
    /// HTML with links relative to the page it came from, through the sanitiser gate.
    pub html: super::sanitize::SafeHtml,
    /// Folder depth of that page (0 for `s3.html`, 1 for `s3/index.html`).
    pub depth: usize,
}

/// Cheat-sheet sentinels: transforms wrap callouts and marked tables in
/// `<!--cs:KIND:ANCHOR:HEADING-->` … `<!--/cs-->`; this lifts copies out of the page
/// HTML and removes the sentinels.
pub const CS_OPEN: &str = "<!--cs:";
pub const CS_CLOSE: &str = "<!--/cs-->";

/// `gate` is the page's [`super::sanitize::gate`]: each item passes it as the page does.
pub fn extract(
    html: &mut String,
    out_path: &str,
    gate: impl Fn(String) -> super::sanitize::SafeHtml,
) -> Vec<CheatItem> {
    if !html.contains(CS_OPEN) {
        return Vec::new();
    }
    let depth = out_path.matches('/').count();
    let mut items = Vec::new();
    let mut clean = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(start) = rest.find(CS_OPEN) {
        clean.push_str(&rest[..start]);
        let after = &rest[start + CS_OPEN.len()..];
        let Some(head_end) = after.find("-->") else { break };
        let header = &after[..head_end];
        let mut parts = header.splitn(3, ':');
        let kind = match parts.next() {
            Some("table") => "table",
            _ => "callout",
        };
        // Both are escaped where the sentinel is written: a `:` in an id is no separator.
        let anchor = super::html::unescape_comment(parts.next().unwrap_or(""));
        let heading = super::html::unescape_comment(parts.next().unwrap_or(""));
        let inner_start = &after[head_end + 3..];
        let Some(close) = inner_start.find(CS_CLOSE) else {
            rest = inner_start;
            continue;
        };
        let inner = &inner_start[..close];
        // Nested sentinels (a callout inside a marked table) stay in the outer item only.
        let inner_clean = strip_sentinels(inner);
        clean.push_str(&inner_clean);
        items.push(CheatItem {
            kind,
            anchor,
            heading,
            html: gate(inner_clean),
            depth,
        });
        rest = &inner_start[close + CS_CLOSE.len()..];
    }
    clean.push_str(rest);
    *html = clean;
    items
}

fn strip_sentinels(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    loop {
        match (rest.find(CS_OPEN), rest.find(CS_CLOSE)) {
            (None, None) => break,
            (a, b) => {
                let at = match (a, b) {
                    (Some(a), Some(b)) => a.min(b),
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    _ => unreachable!(),
                };
                out.push_str(&rest[..at]);
                let end = rest[at..].find("-->").map_or(rest.len(), |e| at + e + 3);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}
