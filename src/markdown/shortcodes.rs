//! Hugo's and GitBook's callout shortcodes, each on a line of its own around Markdown:
//! `{{< hint info >}}` … `{{< /hint >}}` (hugo-book), `{{% notice tip "Title" %}}` …
//! `{{% /notice %}}` (Learn, Relearn), `{{< callout type="warning" >}}` (Hextra),
//! `{{% alert title="…" color="warning" %}}` (Docsy), `{{< details "Title" >}}` and
//! `{{< expand "Title" >}}` (hugo-book, Learn: closed until opened), `{{< admonition note "Title" >}}`, and GitBook's
//! `{% hint style="info" %}` … `{% endhint %}`. They become callouts through the colon
//! containers' pairing ([`super::containers`]); any other shortcode is reported where
//! it stands (in [`super::mkdocs`], with Jinja). Hugo's content tabs (`{{< tabs >}}`,
//! `{{< tab "Linux" >}}`, each closed) are tabs, and `{{< youtube id >}}` / `{{< vimeo id >}}`
//! a link to the video. GitBook's other blocks are [`super::gitbook`]'s.

use super::containers::Fence;

/// The names that open a callout; `details` is a closed one.
const CALLOUTS: &[&str] = &[
    "hint",
    "notice",
    "callout",
    "admonition",
    "alert",
    "details",
    "expand",
    "note",
    "tip",
    "info",
    "warning",
    "danger",
    "caution",
    "important",
];

/// A line that is one shortcode or template tag, as (its opening, name, arguments):
/// `{{< hint info >}}` → ("{{<", "hint", "info"); `{% tab title="A" %}` → ("{%", "tab", …).
pub(super) fn tag(line: &str) -> Option<(&'static str, &str, &str)> {
    let line = line.trim();
    let (open, inner) = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}")]
        .iter()
        .find_map(|(open, close)| {
            let inner = line.strip_prefix(open)?.strip_suffix(close)?;
            // Two tags on the line (`{{< tab "A" >}} text {{< /tab >}}`) are not one.
            (!inner.contains(close)).then_some((*open, inner))
        })?;
    let inner = inner.trim().trim_start_matches('-').trim_end_matches('-').trim();
    let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    Some((open, name, args))
}

/// A shortcode line that opens or closes a callout, or is one of Hugo's content tabs or
/// video embeds.
pub(super) fn fence(line: &str) -> Option<Fence<'_>> {
    let (open, name, args) = tag(line)?;
    if open != "{%" {
        // Hugo's tabs and videos (hugo-book, Hugo's own `youtube` and `vimeo`).
        match name {
            "tabs" => return Some(Fence::Tabs),
            "/tabs" | "/tab" => return Some(Fence::Close),
            "tab" => {
                let (positional, named) = arguments(args);
                let label = named
                    .into_iter()
                    .find(|(k, _)| k == "name" || k == "title")
                    .map(|(_, v)| v);
                let label = label.or_else(|| positional.into_iter().next()).unwrap_or_default();
                return Some(Fence::Tab { label });
            }
            "youtube" | "vimeo" | "video" => return video(name, args),
            _ => {}
        }
    }
    if let Some(closed) = name.strip_prefix('/').or_else(|| name.strip_prefix("end")) {
        return CALLOUTS.contains(&closed).then_some(Fence::Close);
    }
    if !CALLOUTS.contains(&name) {
        return None;
    }
    let (positional, named) = arguments(args);
    let key = |k: &str| named.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let kind = match name {
        "hint" | "notice" | "callout" | "admonition" | "alert" => key("type")
            .or_else(|| key("style"))
            .or_else(|| key("color"))
            .or_else(|| positional.first().cloned())
            .unwrap_or_else(|| "note".into()),
        "details" | "expand" => "note".into(),
        other => other.into(),
    };
    // A positional title follows the kind (`notice tip "Title"`), or stands alone for
    // details (`details "Title"`).
    let title = key("title").or_else(|| match name {
        "details" | "expand" => positional.first().cloned(),
        "hint" | "notice" | "callout" | "admonition" | "alert" => positional.get(1).cloned(),
        _ => positional.first().cloned(),
    });
    Some(Fence::Open {
        kind: Some(kind_name(&kind)),
        title,
        fold: matches!(name, "details" | "expand") || key("open").is_some_and(|o| o == "false"),
    })
}

/// `{{< youtube w7Ft2ymGmfc >}}`, `{{< youtube id="…" title="…" >}}`, `{{< vimeo 146022717 >}}`:
/// a link to the video (a site that works offline embeds no player); so is Quarto's
/// `{{< video https://… >}}` (a URL, or a file of the site).
fn video(name: &str, args: &str) -> Option<Fence<'static>> {
    let (positional, named) = arguments(args);
    let key = |k: &str| named.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if name == "video" {
        let href = key("src").or_else(|| positional.first().cloned())?;
        let safe = href.starts_with("https://") || href.starts_with("http://") || !href.contains(':');
        if href.is_empty() || !safe || href.contains(char::is_whitespace) {
            return None;
        }
        let label = key("title").unwrap_or_else(|| href.clone());
        return Some(Fence::Link { href, label });
    }
    let id = key("id").or_else(|| positional.first().cloned())?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    let href = match name {
        "youtube" => format!("https://www.youtube.com/watch?v={id}"),
        _ => format!("https://vimeo.com/{id}"),
    };
    let label = key("title").unwrap_or_else(|| href.clone());
    Some(Fence::Link { href, label })
}

/// The callout kind a theme's colour or style name stands for.
fn kind_name(kind: &str) -> &'static str {
    match kind.to_ascii_lowercase().as_str() {
        "info" | "primary" | "secondary" | "light" | "dark" => "info",
        "tip" | "hint" => "tip",
        "success" | "green" => "success",
        "warning" | "orange" | "yellow" => "warning",
        "danger" | "error" | "red" => "danger",
        "caution" => "caution",
        "important" => "important",
        "question" | "faq" => "question",
        "example" => "example",
        _ => "note",
    }
}

/// `info "A title" open=true type=x` → (["info", "A title"], [("open", "true"), ("type", "x")]).
pub(super) fn arguments(args: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut positional = Vec::new();
    let mut named = Vec::new();
    let mut rest = args.trim();
    while !rest.is_empty() {
        let (w, after) = word(rest);
        match w.split_once('=') {
            Some((k, v)) if !k.contains('"') => {
                let (value, after2) = if v.is_empty() && after.starts_with(['"', '\'']) {
                    word(after)
                } else {
                    (unquote(v).to_string(), after)
                };
                named.push((k.to_string(), value));
                rest = after2.trim_start();
                continue;
            }
            _ => positional.push(unquote(&w).to_string()),
        }
        rest = after.trim_start();
    }
    (positional, named)
}

/// The next word (a quoted string whole) and the text after it.
fn word(s: &str) -> (String, &str) {
    if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let body = &s[1..];
        let end = body.find(q).unwrap_or(body.len());
        return (body[..end].to_string(), body.get(end + 1..).unwrap_or(""));
    }
    // `key="two words"` stays one word.
    let mut in_quote = None;
    for (i, c) in s.char_indices() {
        match (c, in_quote) {
            ('"' | '\'', None) => in_quote = Some(c),
            (c, Some(q)) if c == q => in_quote = None,
            (c, None) if c.is_whitespace() => return (s[..i].to_string(), &s[i..]),
            _ => {}
        }
    }
    (s.to_string(), "")
}

fn unquote(s: &str) -> &str {
    s.trim_matches(['"', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(kind: &'static str, title: Option<&str>, fold: bool) -> Option<Fence<'static>> {
        Some(Fence::Open {
            kind: Some(kind),
            title: title.map(str::to_string),
            fold,
        })
    }

    #[test]
    fn callout_shortcodes() {
        assert_eq!(fence("{{< hint info >}}"), open("info", None, false));
        assert_eq!(fence("{{< hint danger >}}"), open("danger", None, false));
        assert_eq!(
            fence("{{% notice tip \"Mind this\" %}}"),
            open("tip", Some("Mind this"), false)
        );
        assert_eq!(
            fence("{{% notice style=\"warning\" title=\"Two words\" %}}"),
            open("warning", Some("Two words"), false)
        );
        assert_eq!(fence("{{< callout type=\"info\" >}}"), open("info", None, false));
        assert_eq!(
            fence("{{% alert title=\"Note\" color=\"warning\" %}}"),
            open("warning", Some("Note"), false)
        );
        assert_eq!(fence("{{< details \"Answer\" >}}"), open("note", Some("Answer"), true));
        assert_eq!(
            fence("{{< details title=\"Answer\" open=true >}}"),
            open("note", Some("Answer"), true)
        );
        assert_eq!(fence("{% hint style=\"success\" %}"), open("success", None, false));
        assert_eq!(fence("{{< /hint >}}"), Some(Fence::Close));
        assert_eq!(fence("{{% /notice %}}"), Some(Fence::Close));
        assert_eq!(fence("{% endhint %}"), Some(Fence::Close));
        for l in [
            "{{< figure src=\"x.png\" >}}",
            "{% include x.md %}",
            "{{< /figure >}}",
            "text {{< hint >}}",
        ] {
            assert_eq!(fence(l), None, "{l}");
        }
    }
}
