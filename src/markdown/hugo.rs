//! Hugo's built-in shortcodes that stand for Markdown studysite writes itself. A source
//! pass ([`prepare`], same offsets, like `math::prepare`) rewrites each in place, padded
//! with spaces to its own length, so every later offset (and diagnostic) stays true:
//! - `[x]({{< ref "page.md" >}})`, `relref`, `{{% ref %}}`, with a `#heading` or not, at
//!   the start of a link's URL: the page's path, found as Hugo finds it (beside the page,
//!   then from content/'s root; `page`, `page.md`, `folder/_index.md`), then checked like
//!   any link. One it cannot find is left as written, and reported with other shortcodes.
//! - `{{< highlight go "linenos=table" >}}` … `{{< /highlight >}}` and `{{< mermaid >}}`
//!   … `{{< /mermaid >}}` on lines of their own: a fenced code block (a diagram).
//! - hugo-book's `{{< katex >}}x{{< /katex >}}` (and `{{< katex display >}}`): a formula.
//! - `{{< figure src="a.png" alt="…" caption="…" >}}`: the image (its alt text the `alt`,
//!   else the caption), then the caption in italics: a paragraph of its own when the
//!   figure stands alone at a line's start, else beside the image.
//!
//! Callout shortcodes are [`super::shortcodes`]'; any other is reported, in
//! [`super::mkdocs`]. Code is never scanned.

use pulldown_cmark::Options;

use super::LinkMap;

/// The longest shortcode read (a brace with no close nearby is text).
const MAX_TAG: usize = 256;

/// A shortcode at the start of `s`: its length, whether it closes (`{{< /x >}}`), its
/// name and its arguments.
fn shortcode(s: &str) -> Option<(usize, bool, &str, &str)> {
    let (close, rest) = if let Some(r) = s.strip_prefix("{{<") {
        (">}}", r)
    } else {
        ("%}}", s.strip_prefix("{{%")?)
    };
    let end = rest
        .as_bytes()
        .windows(3)
        .take(MAX_TAG)
        .position(|w| w == close.as_bytes())?;
    let inner = &rest[..end];
    if inner.contains('\n') {
        return None;
    }
    let inner = inner.trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i.trim_start()),
        None => (false, inner),
    };
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    Some((3 + end + 3, closing, name, args.trim()))
}

/// `text` padded with spaces to `width` bytes, if it fits.
fn padded(text: &str, width: usize) -> Option<String> {
    (text.len() <= width).then(|| format!("{text}{}", " ".repeat(width - text.len())))
}

/// The page a `ref` names, as a path from the page's folder (`folder`, inside content/).
fn resolve(target: &str, folder: &str, links: &LinkMap) -> Option<String> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    let found = if path.is_empty() {
        Some(String::new())
    } else {
        let bases: Vec<String> = match path.strip_prefix('/') {
            Some(p) => vec![p.to_string()],
            None if folder.is_empty() => vec![path.to_string()],
            None => vec![format!("{folder}/{path}"), path.to_string()],
        };
        bases.iter().find_map(|b| {
            let b = b.trim_end_matches('/');
            [b.to_string(), format!("{b}.md"), format!("{b}/")]
                .iter()
                .find_map(|c| links.find(c).map(|(k, _)| relative(k, folder)))
        })
    }?;
    Some(match fragment {
        Some(f) => format!("{found}#{f}"),
        None => found,
    })
}

/// `key` (inside content/) as a path from `folder`.
fn relative(key: &str, folder: &str) -> String {
    let mut from: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let mut to: Vec<&str> = key.split('/').collect();
    while !from.is_empty() && to.len() > 1 && from[0] == to[0] {
        from.remove(0);
        to.remove(0);
    }
    format!("{}{}", "../".repeat(from.len()), to.join("/"))
}

/// A `figure` shortcode as a Markdown image and caption; `own_paragraph` when the
/// caption may be a paragraph below it.
fn figure(args: &str, own_paragraph: bool) -> Option<String> {
    let (_, named) = super::shortcodes::arguments(args);
    let get = |k: &str| {
        named
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let src = get("src")?;
    let caption = get("caption").or_else(|| get("title"));
    let alt: String = get("alt")
        .or(caption)
        .unwrap_or("")
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '\n'))
        .collect();
    let src = if src.contains([' ', '(', ')']) {
        format!("<{src}>")
    } else {
        src.to_string()
    };
    let mut out = format!("![{alt}]({src})");
    if let Some(c) = caption.filter(|c| !c.contains('\n')) {
        let c = if c.contains('*') {
            c.to_string()
        } else {
            format!("*{c}*")
        };
        out.push_str(if own_paragraph { "\n\n" } else { " " });
        out.push_str(&c);
    }
    Some(out)
}

/// Whether `{{< /name >}}` (or `{{% /name %}}`) stands alone on a line after `from`.
fn closed_alone(body: &str, from: usize, name: &str) -> bool {
    body[from..]
        .lines()
        .skip(1)
        .any(|l| shortcode(l.trim()).is_some_and(|(len, closing, n, _)| closing && n == name && len == l.trim().len()))
}

/// The first positional argument, unquoted (`"go"`, `go`, `'/a.md'`).
fn first_argument(args: &str) -> Option<String> {
    super::shortcodes::arguments(args).0.into_iter().next()
}

/// The source pass: each shortcode above, outside code, rewritten in place. `folder` is
/// the page's folder inside content/. `None` when nothing changed.
pub fn prepare(body: &str, options: Options, folder: &str, links: &LinkMap) -> Option<String> {
    if !(body.contains("{{<") || body.contains("{{%")) {
        return None;
    }
    let code = super::liquid::code_ranges(body, options);
    let in_code = |at: usize| {
        let i = code.partition_point(|r| r.end <= at);
        code.get(i).is_some_and(|r| r.start <= at)
    };
    let mut out: Option<Vec<u8>> = None;
    let mut put = |at: usize, text: &str| {
        out.get_or_insert_with(|| body.as_bytes().to_vec())[at..at + text.len()].copy_from_slice(text.as_bytes());
    };
    let mut i = 0;
    // An open fence waiting for its close: (the shortcode's name, `$` or "```").
    let mut open: Option<(&str, &str)> = None;
    while let Some(p) = body[i..].find("{{").map(|p| p + i) {
        i = p + 2;
        if in_code(p) {
            continue;
        }
        let Some((len, closing, name, args)) = shortcode(&body[p..]) else {
            continue;
        };
        let line_start = body[..p].rfind('\n').map_or(0, |n| n + 1);
        let line_end = body[p..].find('\n').map_or(body.len(), |n| p + n);
        let alone = body[line_start..p].trim().is_empty() && body[p + len..line_end].trim().is_empty();
        let replacement = match (name, closing, open) {
            ("ref" | "relref", false, None) if body[..p].ends_with("](") || body[..p].ends_with("]: ") => {
                first_argument(args).and_then(|t| resolve(&t, folder, links))
            }
            // Only with its close on a line of its own: a fence left open would take the
            // rest of the page for code.
            ("highlight" | "mermaid", false, None) if alone && closed_alone(body, p + len, name) => {
                let lang = if name == "mermaid" {
                    Some("mermaid".to_string())
                } else {
                    first_argument(args)
                };
                let fence = format!("```{}", lang.unwrap_or_default());
                open = Some((name, "```"));
                Some(fence)
            }
            ("katex", false, None) => {
                let display = args.split_whitespace().any(|a| a == "display" || a == "display=true");
                open = Some((name, if display || alone { "$$" } else { "$" }));
                if display || alone {
                    Some("$$".to_string())
                } else if body[line_start..p].trim().is_empty() {
                    // The formula starts right after the mark; spaces before it at a
                    // line's start would make code, an empty comment does not.
                    Some(format!("<!--{}-->$", " ".repeat(len.saturating_sub(8))))
                } else {
                    Some(format!("{}$", " ".repeat(len - 1)))
                }
            }
            ("figure", false, None) => figure(args, alone && line_start == p),
            (n, true, Some((o, mark))) if n == o => {
                open = None;
                Some(mark.to_string())
            }
            _ => None,
        };
        if let Some(r) = replacement.and_then(|r| padded(&r, len)) {
            put(p, &r);
            i = p + len;
            // A fenced block's lines are code: nothing in them is read until its close.
            if let Some((name, "```")) = open {
                let close = format!("{{{{< /{name} >}}}}");
                if let Some(c) = body[i..]
                    .find(&close)
                    .or_else(|| body[i..].find(&format!("{{{{% /{name} %}}}}")))
                {
                    i += c;
                }
            }
        }
    }
    out.map(|b| String::from_utf8(b).unwrap_or_else(|_| body.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(pages: &[&str]) -> LinkMap {
        let mut map = LinkMap::default();
        for p in pages {
            map.pages.insert(p.to_string(), p.replace(".md", ".html"));
            if let Some(folder) = p.strip_suffix("/_index.md") {
                map.folders.insert(folder.to_string(), p.to_string());
            }
        }
        map
    }

    fn run(body: &str, folder: &str) -> String {
        let map = links(&["docs/a.md", "docs/b.md", "posts/_index.md", "about.md"]);
        let out = prepare(body, Options::empty(), folder, &map).unwrap_or_else(|| body.to_string());
        assert_eq!(out.len(), body.len(), "same offsets");
        out
    }

    #[test]
    fn refs_lead_to_pages_as_hugo_finds_them() {
        let out = run("[B]({{< ref \"b.md\" >}})", "docs");
        assert!(out.starts_with("[B](b.md ") && out.ends_with(" )"), "{out:?}");
        assert!(run("[B]({{< relref \"b\" >}})", "docs").starts_with("[B](b.md "));
        assert!(run("[A]({{< ref \"/about\" >}})", "docs").starts_with("[A](../about.md "));
        assert!(run("[P]({{% ref \"posts\" %}})", "docs").starts_with("[P](../posts/_index.md"));
        assert!(run("[H]({{< ref \"a.md#setup\" >}})", "docs").starts_with("[H](a.md#setup "));
        assert!(run("[A]({{< ref \"docs/a.md\" >}})", "").starts_with("[A](docs/a.md "));
        // Not found, or not in a link's URL: as written.
        assert_eq!(
            run("[N]({{< ref \"none.md\" >}})", "docs"),
            "[N]({{< ref \"none.md\" >}})"
        );
        assert_eq!(run("see {{< ref \"b.md\" >}}", "docs"), "see {{< ref \"b.md\" >}}");
        assert_eq!(
            run("`[B]({{< ref \"b.md\" >}})`", "docs"),
            "`[B]({{< ref \"b.md\" >}})`"
        );
    }

    #[test]
    fn highlight_and_mermaid_become_fences_and_katex_a_formula() {
        let out = run(
            "{{< highlight go \"linenos=table\" >}}\nx := {{< y >}}\n{{< /highlight >}}\n",
            "",
        );
        let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
        assert_eq!(lines, ["```go", "x := {{< y >}}", "```"]);
        let out = run("{{< mermaid >}}\ngraph TD; A-->B\n{{< /mermaid >}}\n", "");
        assert_eq!(out.lines().next().map(str::trim_end), Some("```mermaid"));
        let out = run("Energy {{< katex >}}E=mc^2{{< /katex >}} here.", "");
        assert!(out.contains("$E=mc^2$"), "{out:?}");
        let out = run("{{< katex >}}E{{< /katex >}} opens the line.", "");
        assert!(out.starts_with("<!--") && out.contains("-->$E$ "), "{out:?}");
        let out = run("{{< katex display >}}\n\\int x\n{{< /katex >}}\n", "");
        assert_eq!(out.lines().map(str::trim).collect::<Vec<_>>(), ["$$", "\\int x", "$$"]);
        let out = run(
            "{{< figure src=\"/img/cell.png\" alt=\"A cell\" caption=\"Fig. 1: the cell\" >}}\nafter\n",
            "",
        );
        assert!(
            out.starts_with("![A cell](/img/cell.png)\n\n*Fig. 1: the cell*"),
            "{out:?}"
        );
        let out = run("- {{< figure src=\"my pic.png\" title=\"T\" >}}\n", "");
        assert!(out.starts_with("- ![T](<my pic.png>) *T*"), "{out:?}");
        // Without its close on a line of its own, a highlight is left as written.
        let unclosed = "{{< highlight go >}}\nx\n\n# Later heading\n";
        assert_eq!(run(unclosed, ""), unclosed);
        let inline_close = "{{< highlight go >}}\nx {{< /highlight >}}\n";
        assert_eq!(run(inline_close, ""), inline_close);
        // A highlight written inside a line is not a fence.
        assert_eq!(run("a {{< highlight go >}} b", ""), "a {{< highlight go >}} b");
    }
}
