//! Liquid as GitHub Pages (Jekyll) sites write it in their notes. studysite runs no
//! Liquid; what it can stand for it renders, the rest it reports:
//! - `{{ site.baseurl }}` and `{{ site.url }}` at the start of a link's URL (Markdown
//!   `[x]({{ site.baseurl }}/foo)`, `![x](…)`, `[x]: …`, raw HTML `href="…"` / `src="…"`)
//!   and `{% link path %}` there are the site's root: the link leads to `/foo` in
//!   content/ and is checked like any other. A source pass ([`prepare`], same offsets,
//!   like `math::prepare`) puts a root mark `{{____}}` of the same length in their place
//!   (Liquid's spaces would end a CommonMark link destination); [`transform`] turns the
//!   mark into the path from the page to the root.
//! - `{% raw %}` / `{% endraw %}` markers leave the text; what is between them is kept
//!   as written, unreported.
//! - Any other output tag (`{{ page.title }}`, `{{ site.baseurl }}` in prose) and
//!   `{% link %}` / `{% post_url %}` outside a link's URL are shown as written, with a
//!   warning at their line:col. Other `{% … %}` tags are reported with Jinja
//!   ([`super::mkdocs`]).
//!
//! Code (fenced, indented, inline) is not scanned for Liquid: mdBook's `{{#include}}`
//! and template text in code stay as written. Only `{% raw %}` markers leave code, as
//! Liquid drops them there, unless the folder's tool runs no Liquid
//! (`markdown.liquid_in_code`, from [`crate::dialect`]); then they are shown and reported.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::{Ev, LinkMap, RenderCx};

/// Where the URL of a link starts, just before a root expression.
const URL_STARTS: [&str; 7] = ["](", "](<", "href=\"", "href='", "src=\"", "src='", "]: "];

/// The root mark's opening: `{{` then at least one `_` (a mark is `{{__…}}`).
const MARK_OPEN: &str = "{{_";

/// The longest tag read (a brace with no close nearby is text).
const MAX_TAG: usize = 256;

/// Where `close` (`}}`, `%}`) first stands in `s`, within [`MAX_TAG`] bytes.
fn find_close(s: &str, close: &str) -> Option<usize> {
    let c = close.as_bytes();
    s.as_bytes().windows(2).take(MAX_TAG).position(|w| w == c)
}

/// A root expression at the start of `s`: its length in bytes, and the path it adds
/// after the root (`{% link docs/a.md %}` → `docs/a.md`; `{{ site.baseurl }}` → none).
fn root_expression(s: &str) -> Option<(usize, Option<&str>)> {
    if let Some(rest) = s.strip_prefix("{{") {
        let close = find_close(rest, "}}")?;
        let inner = rest[..close].trim_matches(['-', ' ', '\t']);
        return matches!(inner, "site.baseurl" | "site.url").then_some((close + 4, None));
    }
    let rest = s.strip_prefix("{%")?;
    let close = find_close(rest, "%}")?;
    let inner = rest[..close].trim_matches(['-', ' ', '\t']);
    let path = inner.strip_prefix("link")?;
    if !path.starts_with([' ', '\t']) {
        return None;
    }
    let path = path.trim();
    (!path.is_empty() && !path.contains(char::is_whitespace)).then_some((close + 4, Some(path)))
}

/// `{% raw %}` (true) or `{% endraw %}` (false) at the start of `s`, and its length.
fn raw_marker(s: &str) -> Option<(bool, usize)> {
    let rest = s.strip_prefix("{%")?;
    let close = find_close(rest, "%}")?;
    match rest[..close].trim_matches(['-', ' ', '\t']) {
        "raw" => Some((true, close + 4)),
        "endraw" => Some((false, close + 4)),
        _ => None,
    }
}

/// Whether [`transform`] reports a `{% … %}` tag (its inner text) itself.
pub(super) fn handles_tag(inner: &str) -> bool {
    let name = inner
        .trim_matches(['-', ' ', '\t'])
        .split_whitespace()
        .next()
        .unwrap_or("");
    matches!(name, "raw" | "endraw" | "link" | "post_url")
}

/// The byte ranges of code in `body`: fenced and indented blocks, inline code.
pub(super) fn code_ranges(body: &str, options: Options) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (e, r) in Parser::new_ext(body, options).into_offset_iter() {
        if matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) && out.last().is_none_or(|l| l.end <= r.start)
        {
            out.push(r);
        }
    }
    out
}

/// The source pass: each root expression (or run of them, `{{ site.url }}{{ site.baseurl }}`)
/// at the start of a link's URL, outside code and `{% raw %}`, becomes a root mark of the
/// same length followed by the path it names. `None` when nothing changed.
pub fn prepare(body: &str, options: Options) -> Option<String> {
    let root = body.contains("{{") && (body.contains("site.baseurl") || body.contains("site.url"));
    let link_tag = body.contains("{%") && body.contains("link");
    if !(root || link_tag) {
        return None;
    }
    let code = code_ranges(body, options);
    // The ranges are in order and apart.
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.end <= at);
        code.get(i).is_some_and(|r| r.start <= at)
    };
    let mut out: Option<Vec<u8>> = None;
    let mut in_raw = false;
    let mut i = 0;
    while let Some(p) = body[i..].find('{').map(|p| p + i) {
        i = p + 1;
        if in_code(p) {
            continue;
        }
        if let Some((open, len)) = raw_marker(&body[p..]) {
            in_raw = open;
            i = p + len;
            continue;
        }
        if in_raw || !URL_STARTS.iter().any(|s| body[..p].ends_with(s)) {
            continue;
        }
        // The run of root expressions; a `{% link %}`'s path ends it.
        let mut end = p;
        let mut path = None;
        while path.is_none()
            && let Some((len, named)) = root_expression(&body[end..])
        {
            end += len;
            path = named;
        }
        if end == p {
            continue;
        }
        let width = end - p;
        let mut mark = String::with_capacity(width);
        let tail = path.map(|p| format!("/{p}")).unwrap_or_default();
        if width < tail.len() + MARK_OPEN.len() + 2 {
            continue;
        }
        mark.push_str(MARK_OPEN);
        mark.push_str(&"_".repeat(width - tail.len() - MARK_OPEN.len() - 2));
        mark.push_str("}}");
        mark.push_str(&tail);
        let buf = out.get_or_insert_with(|| body.as_bytes().to_vec());
        buf[p..end].copy_from_slice(mark.as_bytes());
        i = end;
    }
    // Only ASCII Liquid was replaced (a path is copied as it was), so the text stays UTF-8.
    out.map(|b| String::from_utf8(b).unwrap_or_else(|_| body.to_string()))
}

/// The length of a root mark at the start of `s`.
fn mark_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix(MARK_OPEN)?;
    let underscores = rest.bytes().take_while(|&b| b == b'_').count();
    rest[underscores..]
        .starts_with("}}")
        .then_some(MARK_OPEN.len() + underscores + 2)
}

/// A URL that starts with a root mark, made relative to the page's folder in content/
/// (`folder` is `a/b`: `{{__}}/foo` → `../../foo`), as links are written there. As on
/// GitHub Pages, `/foo` is `foo.html` (here `foo.md`) when there is no `foo` itself.
fn from_root(url: &str, folder: &str, links: Option<&LinkMap>) -> Option<String> {
    let len = mark_len(url)?;
    let rest = url[len..].strip_prefix('/').unwrap_or(&url[len..]);
    let path = rest.split(['#', '?']).next().unwrap_or("");
    let html = format!("{path}.html");
    let rest = match links {
        Some(map)
            if !path.is_empty()
                && !path.ends_with('/')
                && map.find(path).is_none()
                && !map.assets.contains(path)
                && map.find(&html).is_some() =>
        {
            std::borrow::Cow::Owned(format!("{html}{}", &rest[path.len()..]))
        }
        _ => std::borrow::Cow::Borrowed(rest),
    };
    let depth = folder.split('/').filter(|s| !s.is_empty()).count();
    let mut out = "../".repeat(depth);
    out.push_str(&rest);
    if out.is_empty() || out.starts_with(['#', '?']) {
        out.insert_str(0, "./");
    }
    Some(out)
}

/// Root marks inside raw HTML (`href="{{__}}/foo"`), each with its URL made relative.
fn html_marks(html: &str, folder: &str, links: Option<&LinkMap>) -> Option<String> {
    if !html.contains(MARK_OPEN) {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(p) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..p]);
        let url_end = rest[p..]
            .find(['"', '\'', '>', ' ', '\n'])
            .map_or(rest.len(), |e| p + e);
        match from_root(&rest[p..url_end], folder, links) {
            Some(u) => out.push_str(&u),
            None => out.push_str(&rest[p..url_end]),
        }
        rest = &rest[url_end..];
        if url_end == p {
            out.push_str(&rest[..1]);
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Some(out)
}

/// A Liquid output tag at the start of `s` (`{{ page.title }}`, `{{ x | upcase }}`):
/// its length. Not mdBook's `{{#include}}`, Hugo's `{{< >}}`, a cloze `{{c1::…}}`, a
/// template's `{{date:YYYY}}` or a formula's `{{1}}`.
fn output_tag(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("{{")?;
    let inner_start = rest.trim_start_matches('-').trim_start_matches([' ', '\t']);
    let ident = inner_start
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if ident == 0 || !inner_start.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after = &inner_start[ident..];
    if !(after.starts_with(['.', '|', '[', ' ', '\t', '-']) || after.starts_with("}}")) {
        return None;
    }
    let close = find_close(rest, "}}")?;
    (!rest[..close].contains('\n')).then_some(close + 4)
}

/// Where `needle` stands in the source from `at` on (an event's offset is where its
/// text starts; escapes may shift what follows).
fn locate(rcx: &RenderCx, at: usize, needle: &str) -> usize {
    let body = rcx.loc.page.body();
    body.get(at..).and_then(|b| b.find(needle)).map_or(at, |q| at + q)
}

/// Drops `{% raw %}` markers from a text, reports other Liquid in it (outside raw).
fn text(t: &str, at: usize, in_raw: &mut bool, rcx: &mut RenderCx) -> Option<String> {
    if !t.contains('{') {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut changed = false;
    let mut i = 0;
    while let Some(p) = t[i..].find('{').map(|p| p + i) {
        out.push_str(&t[i..p]);
        let s = &t[p..];
        if let Some((open, len)) = raw_marker(s) {
            *in_raw = open;
            changed = true;
            i = p + len;
            continue;
        }
        let tag_len = if *in_raw {
            None
        } else if let Some(len) = output_tag(s) {
            let tag = &s[..len];
            let help = if root_expression(tag).is_some() {
                "studysite runs no Liquid (Jekyll): the site's root is read only at the start of a \
                 link's URL (`[x]({{ site.baseurl }}/page)`); write the text it would produce here"
            } else {
                "studysite runs no Liquid (Jekyll): write the text it would produce"
            };
            let pos = locate(rcx, at, tag);
            rcx.warn(
                pos,
                format!("Liquid `{tag}` is not supported; it is shown as written"),
                Some(help),
            );
            Some(len)
        } else if let Some(inner) = s.strip_prefix("{%")
            && let Some(close) = find_close(inner, "%}")
            && handles_tag(&inner[..close])
        {
            let tag = &s[..close + 4];
            let pos = locate(rcx, at, tag);
            rcx.warn(
                pos,
                format!("Liquid `{tag}` is not supported; it is shown as written"),
                Some("studysite runs no Liquid (Jekyll): link to the page's .md file instead"),
            );
            Some(close + 4)
        } else {
            None
        };
        let len = tag_len.unwrap_or(1);
        out.push_str(&s[..len]);
        i = p + len;
    }
    out.push_str(&t[i..]);
    changed.then_some(out)
}

/// Code without its `{% raw %}` / `{% endraw %}` markers, as Jekyll (which GitHub Pages
/// runs on any repository) and MkDocs' macros plugin show it: Liquid runs over code too,
/// so the markers there are the author's escapes. Only a block (or code span) that opens
/// with `{% raw %}` and closes it; a line that holds only a marker leaves whole. `None`
/// when nothing changed.
fn strip_raw_in_code(t: &str) -> Option<String> {
    if !t.contains("{%") || !t.contains("raw") {
        return None;
    }
    // Only a pair: a lone marker is code about Liquid, not an escape.
    let mut markers = t.match_indices("{%").filter_map(|(p, _)| raw_marker(&t[p..]));
    if !(markers.next().is_some_and(|(open, _)| open) && markers.any(|(open, _)| !open)) {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut changed = false;
    for line in t.split_inclusive('\n') {
        let body = line.trim();
        if let Some((_, len)) = raw_marker(body)
            && len == body.len()
        {
            changed = true;
            continue;
        }
        let mut i = 0;
        while let Some(p) = line[i..].find("{%").map(|p| p + i) {
            out.push_str(&line[i..p]);
            match raw_marker(&line[p..]) {
                Some((_, len)) => {
                    changed = true;
                    i = p + len;
                }
                None => {
                    out.push_str("{%");
                    i = p + 2;
                }
            }
        }
        out.push_str(&line[i..]);
    }
    changed.then_some(out)
}

/// `{% raw %}` left in a code block (a folder whose tool runs no Liquid, an mdBook or a
/// plain MkDocs site, or a marker without its pair): shown, and said once a block.
fn report_raw_in_code(t: &str, at: usize, reported: &mut bool, rcx: &mut RenderCx) {
    if *reported || !t.contains("raw") {
        return;
    }
    let Some((p, len)) = t
        .match_indices("{%")
        .find_map(|(p, _)| raw_marker(&t[p..]).map(|(_, len)| (p, len)))
    else {
        return;
    };
    *reported = true;
    let tag = &t[p..p + len];
    let pos = locate(rcx, at, tag);
    rcx.warn(
        pos,
        format!("Liquid `{tag}` in code is shown as written"),
        Some(
            "Jekyll and MkDocs' macros plugin drop `{% raw %}` / `{% endraw %}` in code too; studysite never \
             changes code: remove the markers to show the code as they would",
        ),
    );
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let any = evs.iter().any(|(e, _)| match e {
        Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) | Event::Code(t) => t.contains('{'),
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            dest_url.starts_with(MARK_OPEN)
        }
        _ => false,
    });
    if !any {
        return evs;
    }
    let folder = rcx.loc.page.folder.clone();
    let links = rcx.cx.links;
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(evs.len());
    let mut in_raw = false;
    let mut dropped = false;
    let mut code = 0usize;
    let mut code_reported = false;
    // A code block's text, whole: its markers are read as a pair.
    let mut code_text: Option<(String, usize)> = None;
    for (e, at) in evs {
        let e = match e {
            Event::Start(Tag::CodeBlock(k)) => {
                code += 1;
                code_reported = false;
                Event::Start(Tag::CodeBlock(k))
            }
            Event::End(TagEnd::CodeBlock) => {
                code = code.saturating_sub(1);
                if let Some((t, at)) = code_text.take() {
                    match strip_raw_in_code(&t) {
                        Some(s) => out.push((Event::Text(s.into()), at)),
                        None => {
                            report_raw_in_code(&t, at, &mut code_reported, rcx);
                            out.push((Event::Text(t.into()), at));
                        }
                    }
                }
                Event::End(TagEnd::CodeBlock)
            }
            Event::Text(t) if code > 0 && rcx.cx.config.markdown.liquid_in_code => {
                code_text.get_or_insert((String::new(), at)).0.push_str(&t);
                continue;
            }
            Event::Code(t) if rcx.cx.config.markdown.liquid_in_code => match strip_raw_in_code(&t) {
                Some(s) => Event::Code(s.into()),
                None => Event::Code(t),
            },
            Event::Text(t) if code > 0 => {
                report_raw_in_code(&t, at, &mut code_reported, rcx);
                Event::Text(t)
            }
            Event::Text(t) => match text(&t, at, &mut in_raw, rcx) {
                Some(s) => {
                    dropped = true;
                    Event::Text(s.into())
                }
                None => Event::Text(t),
            },
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: from_root(&dest_url, &folder, Some(links)).map_or(dest_url, CowStr::from),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: from_root(&dest_url, &folder, Some(links)).map_or(dest_url, CowStr::from),
                title,
                id,
            }),
            Event::Html(t) => Event::Html(html_marks(&t, &folder, Some(links)).map_or(t, CowStr::from)),
            Event::InlineHtml(t) => Event::InlineHtml(html_marks(&t, &folder, Some(links)).map_or(t, CowStr::from)),
            e => e,
        };
        out.push((e, at));
    }
    if dropped { drop_empty_paragraphs(out) } else { out }
}

/// A paragraph that held only `{% raw %}` markers (and line breaks) leaves with them.
fn drop_empty_paragraphs(evs: Vec<Ev>) -> Vec<Ev> {
    let mut out: Vec<Ev> = Vec::with_capacity(evs.len());
    for ev in evs {
        if matches!(ev.0, Event::End(TagEnd::Paragraph)) {
            let open = out.iter().rposition(|(e, _)| {
                !matches!(e, Event::SoftBreak | Event::HardBreak) && !matches!(e, Event::Text(t) if t.trim().is_empty())
            });
            if let Some(o) = open
                && matches!(out[o].0, Event::Start(Tag::Paragraph))
            {
                out.truncate(o);
                continue;
            }
        }
        out.push(ev);
    }
    trim_breaks(out)
}

/// Line breaks left at a paragraph's edge where a marker line was (`{% raw %}\ntext`).
fn trim_breaks(evs: Vec<Ev>) -> Vec<Ev> {
    let mut out: Vec<Ev> = Vec::with_capacity(evs.len());
    for ev in evs {
        let is_break = |e: &Event| matches!(e, Event::SoftBreak) || matches!(e, Event::Text(t) if t.is_empty());
        if is_break(&ev.0) && matches!(out.last(), Some((Event::Start(Tag::Paragraph), _))) {
            continue;
        }
        if matches!(ev.0, Event::End(TagEnd::Paragraph)) {
            while out.last().is_some_and(|(e, _)| is_break(e)) {
                out.pop();
            }
        }
        out.push(ev);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_markers_leave_code_whole_lines_and_all() {
        let code = "{% raw %}\nint m[2][2] = {{1, 2},{3, 4}};\n  {%- endraw -%}\n";
        assert_eq!(
            strip_raw_in_code(code).as_deref(),
            Some("int m[2][2] = {{1, 2},{3, 4}};\n")
        );
        assert_eq!(
            strip_raw_in_code("x = {% raw %}{{ y }}{% endraw %};\n").as_deref(),
            Some("x = {{ y }};\n")
        );
        assert_eq!(strip_raw_in_code("{% include a.html %}\n"), None);
        assert_eq!(
            strip_raw_in_code("let s = \"{% raw %}\";\n"),
            None,
            "a lone marker is code"
        );
        assert_eq!(strip_raw_in_code("no markers {{ x }}\n"), None);
    }

    #[test]
    fn root_expressions_and_marks() {
        assert_eq!(root_expression("{{ site.baseurl }}/a"), Some((18, None)));
        assert_eq!(root_expression("{{site.url}}"), Some((12, None)));
        assert_eq!(root_expression("{{- site.baseurl -}}"), Some((20, None)));
        assert_eq!(root_expression("{% link docs/a.md %})"), Some((20, Some("docs/a.md"))));
        assert_eq!(root_expression("{{ page.title }}"), None);
        assert_eq!(root_expression("{% linkx a %}"), None);
        assert_eq!(root_expression("{%}"), None);
        assert_eq!(raw_marker("{%}"), None);
        assert_eq!(raw_marker("{%- raw -%}"), Some((true, 11)));
        let body = "[a]({{ site.baseurl }}/x) [b]({{ site.url }}{{ site.baseurl }}/y) [c]({% link z.md %})";
        let p = prepare(body, Options::empty()).unwrap();
        assert_eq!(p.len(), body.len());
        assert_eq!(
            p,
            "[a]({{______________}}/x) [b]({{____________________________}}/y) [c]({{______}}/z.md)"
        );
        assert_eq!(from_root("{{__}}/x.md#h", "a/b", None).as_deref(), Some("../../x.md#h"));
        assert_eq!(from_root("{{__}}/", "", None).as_deref(), Some("./"));
        assert_eq!(from_root("x.md", "", None), None);
        assert_eq!(
            html_marks("<a href=\"{{__}}/x\">y</a>", "a", None).as_deref(),
            Some("<a href=\"../x\">y</a>")
        );
    }

    #[test]
    fn code_prose_and_raw_are_left() {
        for body in [
            "`[a]({{ site.baseurl }}/x)`",
            "```\n[a]({{ site.baseurl }}/x)\n```\n",
            "    [a]({{ site.baseurl }}/x)\n",
            "{% raw %}[a]({{ site.baseurl }}/x){% endraw %}",
            "Served at {{ site.baseurl }}/x.",
        ] {
            assert_eq!(prepare(body, Options::empty()), None, "{body}");
        }
    }

    #[test]
    fn output_tags() {
        assert_eq!(output_tag("{{ page.title }} x"), Some(16));
        assert_eq!(output_tag("{{content}}"), Some(11));
        assert_eq!(output_tag("{{ x | upcase }}"), Some(16));
        for s in [
            "{{#include a.rs}}",
            "{{< hint >}}",
            "{{c1::cloze}}",
            "{{date:YYYY}}",
            "{{1}}",
            "{{ }}",
        ] {
            assert_eq!(output_tag(s), None, "{s}");
        }
    }
}
