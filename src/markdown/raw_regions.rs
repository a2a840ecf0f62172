//! Sanitising only the blocks the author's HTML is in. A page with one `<details>` or
//! `<br>` used to go through the sanitiser whole: on a generated Obsidian-style vault
//! (one `<details>` a page) that was 30 % of the build, and 9–23 % on the public
//! corpora, most of it html5ever reading our own escaped markup again.
//!
//! While a fragment the sanitiser will read is rendered (`RenderCx::hold_code`), the
//! `html` transform wraps every piece of the author's HTML in [`mark_raw`]'s markers,
//! and the renderer writes a [`boundary`] between top-level blocks (where its own
//! markup is closed: [`Depth`]). [`clean_parts`] then hands the sanitiser each run of
//! blocks from one that holds the author's HTML to the first boundary where that HTML
//! has closed every element it opened, and keeps the other blocks as they were
//! rendered: they are what a page without raw HTML is made of, which is published
//! without the sanitiser anyway.
//!
//! Safety does not rest on the tag reading below: every byte of the author's HTML is
//! inside a sanitised run, each run is cut at a boundary the renderer wrote between
//! complete blocks of its own markup, and the sanitiser's output of a run is complete,
//! safe HTML. The markers carry this process's random number (as held code's do), so
//! a note cannot forge one. The tag reading is for fidelity: a run ends only where
//! html5ever, reading the whole fragment, would be back where it started (no element
//! left open, nothing that changes how it reads what follows). Anything it does not
//! follow exactly (an unclosed `<li>`, a `<table>` around Markdown, a `<textarea>`,
//! a tag cut across lines of an HTML block by our content) returns `None`, and the
//! fragment is sanitised whole, as before.

use std::sync::OnceLock;

use super::held_code::HeldCode;

const RAW_OPEN: char = '\u{E002}';
const RAW_CLOSE: char = '\u{E003}';
const BOUNDARY: char = '\u{E004}';

fn marker(c: char) -> String {
    format!("{c}{}", super::held_code::process_number())
}

fn open() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| marker(RAW_OPEN))
}

fn close() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| marker(RAW_CLOSE))
}

/// The marker the renderer writes between two top-level blocks.
pub fn boundary() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| marker(BOUNDARY))
}

/// The author's HTML `h`, marked. A final newline stays outside the markers, so the
/// HTML writer still sees the line end (and writes the same newlines as before).
pub fn mark_raw(h: &str) -> String {
    let (body, nl) = match h.strip_suffix('\n') {
        Some(b) => (b, "\n"),
        None => (h, ""),
    };
    format!("{}{body}{}{nl}", open(), close())
}

/// Which of our markers starts at byte `at` of `s` (all three share their lead bytes
/// and the process number).
fn marker_at(s: &str, at: usize) -> Option<char> {
    let m = s.get(at..)?;
    [RAW_OPEN, RAW_CLOSE, BOUNDARY].into_iter().find(|&c| {
        let full = match c {
            RAW_OPEN => open(),
            RAW_CLOSE => close(),
            _ => boundary(),
        };
        m.starts_with(full)
    })
}

/// Positions of our markers in `s`, in order.
fn markers(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    // U+E002..U+E004 are EE 80 82..84 in UTF-8.
    memchr::memchr_iter(0xEE, s.as_bytes()).filter_map(move |at| marker_at(s, at).map(|c| (at, c)))
}

/// Whether `html` holds a piece of the author's HTML, marked.
pub fn has_marks(html: &str) -> bool {
    markers(html).any(|(_, m)| m == RAW_OPEN)
}

/// `html` without any of these markers (for the whole-fragment path, and for HTML
/// that is not sanitised).
pub fn strip(html: String) -> String {
    if markers(&html).next().is_none() {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    strip_into(&html, &mut out);
    out
}

fn strip_into(html: &str, out: &mut String) {
    let len = open().len();
    let mut from = 0;
    for (at, _) in markers(html) {
        out.push_str(&html[from..at]);
        from = at + len;
    }
    out.push_str(&html[from..]);
}

/// How deep the renderer is in its own markup, to write a boundary only where all of
/// it is closed: the nesting of the event list, and the tags our transforms write as
/// separate `Html` events (a callout's `<div>` before its body's events, its `</div>`
/// after them). Markup it cannot follow stops all boundaries after it.
#[derive(Default)]
struct Depth {
    events: usize,
    tags: isize,
    lost: bool,
}

impl Depth {
    /// Whether a boundary may go before this event; then takes the event into account.
    fn before(&mut self, e: &pulldown_cmark::Event) -> bool {
        use pulldown_cmark::Event;
        let here = !self.lost && self.events == 0 && self.tags == 0;
        match e {
            Event::Start(_) => self.events += 1,
            Event::End(_) => self.events = self.events.saturating_sub(1),
            // Inside a block, our inline markup closes what it opens.
            Event::Html(h) if self.events == 0 => match our_tags(h) {
                Some(d) => self.tags += d,
                None => self.lost = true,
            },
            _ => {}
        }
        here
    }
}

/// Writes `evs` as HTML (as `pulldown_cmark::html::push_html`, to the byte), with a
/// [`boundary`] before each top-level block where all our markup is closed. The writer
/// is told of a boundary by the event iterator and puts it before the next event's
/// output: the HTML writer sees the same events, so it writes the same newlines.
pub fn write_with_boundaries<'e>(out: &mut String, evs: impl Iterator<Item = pulldown_cmark::Event<'e>>) {
    use std::cell::Cell;
    struct Writer<'a> {
        out: &'a mut String,
        pending: &'a Cell<bool>,
    }
    impl std::fmt::Write for Writer<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if self.pending.replace(false) {
                self.out.push_str(boundary());
            }
            self.out.push_str(s);
            Ok(())
        }
    }
    let pending = Cell::new(false);
    let mut depth = Depth::default();
    let mut first = true;
    let evs = evs.inspect(|e| {
        if depth.before(e) && !std::mem::take(&mut first) {
            pending.set(true);
        }
    });
    let _ = pulldown_cmark::html::write_html_fmt(Writer { out, pending: &pending }, evs);
}

fn is_void(name: &str) -> bool {
    super::html::VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Opened minus closed elements in a piece of our own markup (the author's, between
/// markers, skipped), or `None` where it is not plain tags and escaped text.
fn our_tags(h: &str) -> Option<isize> {
    let mut depth = 0isize;
    each_tag(h, |t| {
        depth += if matches!(t, Token::Start { .. }) { 1 } else { -1 };
        Some(())
    })?;
    Some(depth)
}

/// Calls `f` with each start tag of a non-void element and each end tag in our markup
/// `h` (the author's, between markers, skipped); `None` where it is not plain tags and
/// escaped text, or where `f` says so.
fn each_tag<'h>(h: &'h str, mut f: impl FnMut(Token<'h>) -> Option<()>) -> Option<()> {
    let mut rest = h;
    while let Some(i) = memchr::memchr2(b'<', 0xEE, rest.as_bytes()) {
        rest = &rest[i..];
        if rest.starts_with(open()) {
            let end = memchr::memmem::find(rest.as_bytes(), close().as_bytes())?;
            rest = &rest[end + close().len()..];
            continue;
        }
        if rest.as_bytes()[0] == 0xEE {
            rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
            continue;
        }
        let (tag, after) = read_tag(rest)?;
        match tag {
            Token::Start { name, self_closing } if self_closing || is_void(name) => {}
            t @ (Token::Start { .. } | Token::End { .. }) => f(t)?,
            Token::Comment | Token::Text => {}
        }
        rest = after;
    }
    Some(())
}

/// A tag's name is as written: compare it with `eq_ignore_ascii_case`.
enum Token<'a> {
    Start {
        name: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    Comment,
    /// A `<` that starts no tag.
    Text,
}

/// Reads the tag that `s` starts with (at its `<`) as html5ever's tokenizer does, and
/// what follows it, or gives `None` for what this reader does not follow.
fn read_tag(s: &str) -> Option<(Token<'_>, &str)> {
    if s.starts_with("<!--") {
        // Ended where a browser ends it; `<!-->`, `<!--->` and `--!>` end it early, and
        // are not followed.
        let end = super::html::comment_end(s)?;
        return (end >= "<!---->".len() && s[..end].ends_with("-->")).then(|| (Token::Comment, &s[end..]));
    }
    let s = &s[1..];
    let (end, body) = match s.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, s),
    };
    match body.bytes().next() {
        Some(b) if b.is_ascii_alphabetic() => {}
        // `</` + anything else is a bogus comment, and so are `<!` and `<?`.
        _ if end => return None,
        Some(b'!' | b'?') => return None,
        _ => return Some((Token::Text, s)),
    }
    let name_len = body
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(body.len());
    let name = &body[..name_len];
    let mut r = &body[name_len..];
    let mut self_closing = false;
    loop {
        r = r.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(after) = r.strip_prefix("/>") {
            self_closing = true;
            r = after;
            break;
        }
        if let Some(after) = r.strip_prefix('>') {
            r = after;
            break;
        }
        if let Some(after) = r.strip_prefix('/') {
            r = after;
            continue;
        }
        if r.is_empty() {
            return None;
        }
        // An attribute: its name, then `=` and a value.
        let n = r[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>' || c == '=')
            .map_or(r.len(), |i| i + 1);
        r = r[n..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        if let Some(v) = r.strip_prefix('=') {
            let v = v.trim_start_matches(|c: char| c.is_ascii_whitespace());
            r = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = v[1..].find(q)?;
                    &v[close + 2..]
                }
                Some(_) => &v[v.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(v.len())..],
                None => return None,
            };
        }
    }
    let tag = if end {
        Token::End { name }
    } else {
        Token::Start { name, self_closing }
    };
    Some((tag, r))
}

/// Elements this reader does not follow: their content is not read as tags (script,
/// style, textarea, …), they change how the parser reads what follows (select,
/// template, form, frameset), or they are the document's own.
const UNFOLLOWED: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
    "select",
    "option",
    "optgroup",
    "datalist",
    "form",
    "frameset",
    "frame",
    "html",
    "head",
    "body",
    "svg",
    "image",
    "isindex",
    "annotation-xml",
    "foreignobject",
];

/// Elements that must not be open around our own markup: the parser ignores end tags
/// of elements outside them (a `</li>` inside a `<table>`) or moves text out of them.
const NOT_AROUND_OURS: &[&str] = &[
    "table", "caption", "colgroup", "tbody", "thead", "tfoot", "tr", "td", "th", "object", "applet", "marquee",
    "button", "math",
];

/// Start tags that close an open `<p>` (and so one of ours, where the author writes
/// them inside our paragraph).
const CLOSE_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "table",
    "hr",
    "li",
    "dd",
    "dt",
    "xmp",
];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The author's elements open at this point of the fragment, each with how many of our
/// elements were open when it was opened, and our elements open now.
#[derive(Default)]
struct Open {
    stack: Vec<(String, usize)>,
    ours: Vec<String>,
}

impl Open {
    /// Reads a run of the author's HTML; `None` for what it does not follow.
    fn read(&mut self, html: &str) -> Option<()> {
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let (tag, after) = read_tag(&rest[i..])?;
            match tag {
                Token::Start { name, self_closing } => {
                    let name = name.to_ascii_lowercase();
                    let n = name.as_str();
                    let in_math = self.stack.iter().any(|(n, _)| n == "math");
                    let ours = |m: &[&str]| self.ours.iter().any(|o| m.contains(&o.as_str()));
                    if UNFOLLOWED.contains(&n)
                        || (in_math && !super::math::MATHML_TAGS.contains(&n))
                        // Tags that would close one of our elements.
                        || (CLOSE_P.contains(&n) && ours(&["p"]))
                        || (n == "li" && ours(&["li"]))
                        || ((n == "dd" || n == "dt") && ours(&["dd", "dt"]))
                        || (n == "a" && ours(&["a"]))
                        || (HEADINGS.contains(&n) && self.ours.last().is_some_and(|o| HEADINGS.contains(&o.as_str())))
                    {
                        return None;
                    }
                    // `/>` closes a MathML element; on an HTML one the parser ignores it.
                    if !(is_void(n) || in_math && self_closing) {
                        self.stack.push((name, self.ours.len()));
                    }
                }
                // Closed where it was opened, with our markup in between all closed: the
                // parser closes it too (it ignores `</sup>` with our `<p>` still open
                // inside, and `</div>` inside our table cell).
                Token::End { name } => match self.stack.last() {
                    Some((n, d)) if n.eq_ignore_ascii_case(name) && *d == self.ours.len() => {
                        self.stack.pop();
                    }
                    _ => return None,
                },
                Token::Comment | Token::Text => {}
            }
            rest = after;
        }
        Some(())
    }

    /// Our own markup, between pieces of the author's.
    fn ours(&mut self, html: &str) -> Option<()> {
        if html.trim_ascii().is_empty() {
            return Some(());
        }
        if self.stack.iter().any(|(n, _)| NOT_AROUND_OURS.contains(&n.as_str())) {
            return None;
        }
        // The author's elements opened inside ours must close before ours do (our end
        // tag would close them, or be ignored).
        let floor = self.stack.iter().map(|(_, d)| *d).max().unwrap_or(0);
        let ours = &mut self.ours;
        each_tag(html, |t| {
            match t {
                Token::Start { name, .. } => ours.push(name.to_ascii_lowercase()),
                Token::End { name } => {
                    if !ours.last().is_some_and(|o| o.eq_ignore_ascii_case(name)) || ours.len() <= floor {
                        return None;
                    }
                    ours.pop();
                }
                _ => {}
            }
            Some(())
        })
    }
}

/// `html`, rendered with the markers, with each run of blocks that holds the author's
/// HTML sanitised and the rest as it was rendered (`held` code put back in both), or
/// `None` where the fragment must be sanitised whole.
pub fn clean_parts(html: &str, held: &HeldCode) -> Option<String> {
    let mut out = String::with_capacity(html.len());
    // The run of pieces for the sanitiser (markers taken out), and what it has opened.
    let mut run: Option<String> = None;
    let mut author = Open::default();
    // The author's HTML not yet read: pieces with only whitespace between them (the
    // lines of an HTML block) are read as one.
    let mut group = String::new();
    let len = open().len();
    let flush = |run: String, out: &mut String| out.push_str(&super::sanitize::clean_held(run, held));
    // Where the current piece (from the last boundary) starts, where the author's HTML
    // being read starts, and where our markup since the last of the author's starts.
    let mut piece = 0;
    let mut raw_from: Option<usize> = None;
    let mut ours_from = 0;
    // The end of the fragment ends its last piece as a boundary would.
    for (at, m) in markers(html).chain(std::iter::once((html.len(), BOUNDARY))) {
        match (m, raw_from) {
            (RAW_OPEN, None) => {
                let ours = &html[ours_from..at];
                if ours.trim_ascii().is_empty() && !group.is_empty() {
                    group.push_str(ours);
                } else {
                    author.read(&group)?;
                    group.clear();
                    author.ours(ours)?;
                }
                run.get_or_insert_with(String::new);
                raw_from = Some(at + len);
            }
            (RAW_CLOSE, Some(from)) => {
                group.push_str(&html[from..at]);
                raw_from = None;
                ours_from = at + len;
            }
            (BOUNDARY, None) => {
                let text = &html[piece..at];
                match &mut run {
                    None => held.restore_into(text, &mut out),
                    Some(r) => {
                        author.read(&group)?;
                        group.clear();
                        author.ours(&html[ours_from..at])?;
                        // Between blocks, all of ours is closed.
                        if !author.ours.is_empty() {
                            return None;
                        }
                        strip_into(text, r);
                        if author.stack.is_empty() {
                            flush(run.take().unwrap_or_default(), &mut out);
                        }
                    }
                }
                piece = (at + len).min(html.len());
                ours_from = piece;
            }
            _ => return None,
        }
    }
    if raw_from.is_some() {
        return None;
    }
    if let Some(r) = run {
        flush(r, &mut out);
    }
    Some(out)
}

#[cfg(test)]
#[path = "raw_regions_tests.rs"]
mod tests;
