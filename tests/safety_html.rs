//! Issue 15: every fragment that reaches a page goes through one sanitiser gate. A hostile
//! site puts script, event handlers, `javascript:` URLs, `<base>`, `<meta http-equiv>` and
//! `<form>` into every place a note's text can reach: note text, titles, headings,
//! question stems, options, explanations, answers, cheat-sheet items, tables, comments
//! of every kind browsers end early; each built page and data file, minified and not, is
//! then searched for any of it that survived as markup.

mod common;

use common::{Site, stderr};

/// Each payload carries `PWN`, the oracle's word (theme markup never holds it).
const PAYLOADS: &[&str] = &[
    "<img src=x onerror=PWN()>",
    "<script>PWN()</script>",
    "<base href=//PWN.example/>",
    "<meta http-equiv=refresh content=\"0;url=//PWN.example/\">",
    "<form action=//PWN.example/><button>go</button></form>",
    "<svg onload=PWN()>",
    "<a href=\"javascript:PWN()\">j</a>",
    "<a href=\"JaVaScRiPt&colon;PWN()\">k</a>",
    "<a href=\"java&#x09;script:PWN()\">t</a>",
    "<div onmouseover=\"PWN()\">m</div>",
    "<!-- x --!><img src=x onerror=PWN()> -->",
    "<!--><img src=x onerror=PWN()> -->",
    "<!---><img src=x onerror=PWN()> -->",
];

fn hostile_note(n: usize, p: &str) -> String {
    format!(
        "+++\ntitle = 'Hostile {p}'\n+++\n\n\
Text {p} in a paragraph.\n\n\
## Heading {p}\n\n\
> [!TIP]\n> Tip {p}\n\n\
<!-- cheatsheet -->\n| Key | Value |\n|---|---|\n| k {p} | v {p} |\n\n\
### Which one {p}?\n<!-- id: q-one-{n}; tags: t -->\n\n\
Stem {p}\n\n\
- [x] Right {p}\n  > Because {p}\n- [ ] Wrong {p}\n\n\
### Free {p}?\n<!-- id: q-free-{n} -->\n\n✅ Answer {p}\n\n\
Q: Compact {p}?\nA: Back {p}\n"
    )
}

/// A payload's harm that survived as markup, found in `text`: a page, or data whose
/// JSON strings the browser inserts as HTML (`markup_in_json`: the quiz data; the search
/// data is shown as text, so an escaped tag there is text).
fn survivor(text: &str, markup_in_json: bool) -> Option<String> {
    if !markup_in_json {
        return live_tag(text);
    }
    let decoded = text
        .replace("\\u003c", "<")
        .replace("\\u003C", "<")
        .replace("\\u003e", ">")
        .replace("\\u003E", ">")
        .replace("\\u0026", "&")
        .replace("\\\"", "\"")
        .replace("\\/", "/");
    live_tag(&decoded)
}

fn live_tag(text: &str) -> Option<String> {
    let lower = without_comments(&text.to_ascii_lowercase());
    let mut at = 0;
    while let Some(open) = lower[at..].find('<') {
        let start = at + open;
        let rest = &lower[start + 1..];
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        at = start + 1;
        if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            continue;
        }
        let name = &rest[..name_len];
        let tag_end = tag_end(&lower, start);
        let tag = &lower[start..tag_end];
        let bad = match name {
            "script" => {
                let close = lower[tag_end..].find("</script").map_or(lower.len(), |e| tag_end + e);
                lower[tag_end..close].contains("pwn") || tag.contains("pwn")
            }
            "base" | "form" | "iframe" | "object" | "embed" => tag.contains("pwn"),
            "meta" => tag.contains("http-equiv") && tag.contains("pwn"),
            _ => {
                let attrs = &tag[1 + name_len..];
                has_event_handler(attrs) || script_url(attrs)
            }
        };
        if bad {
            return Some(tag.to_string());
        }
        // What a quoted attribute value holds is text, not a tag.
        at = tag_end.max(start + 1);
    }
    None
}

/// The attributes of a tag's attribute text as (name, value), parsed as a browser does.
fn attributes(attrs: &str) -> Vec<(String, String)> {
    let b = attrs.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = attrs[start..i].to_string();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let end = attrs[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                value = attrs[i + 1..end].to_string();
                i = end + 1;
            } else {
                let s = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = attrs[s..i].to_string();
            }
        }
        if name.is_empty() {
            i += 1;
        } else {
            out.push((name, value));
        }
    }
    out
}

/// A URL attribute (`href`, `src`, `action`, …) whose value, entities decoded and
/// blanks dropped as a browser does, starts with `javascript:`.
fn script_url(attrs: &str) -> bool {
    attributes(attrs).iter().any(|(name, value)| {
        let url_attr = ["href", "src", "action", "formaction", "xlink:href", "poster"].contains(&name.as_str());
        let decoded = ["&colon;", "&#x3a;", "&#58;"]
            .iter()
            .fold(value.to_string(), |a, e| a.replace(e, ":"))
            .replace("&#x09;", "")
            .replace("&#9;", "")
            .replace(|c: char| c.is_whitespace() || c.is_control(), "");
        url_attr && decoded.starts_with("javascript:")
    })
}

/// An `on…=` attribute.
fn has_event_handler(attrs: &str) -> bool {
    attributes(attrs)
        .iter()
        .any(|(name, _)| name.len() > 2 && name.starts_with("on"))
}

/// Where the tag opened at `start` ends (after its `>`), quotes respected.
fn tag_end(s: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in s[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return start + i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The text without its comments, ended where a browser ends them.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        let body = &rest[at + 4..];
        let skip = if body.starts_with('>') {
            1
        } else if body.starts_with("->") {
            2
        } else {
            [body.find("-->").map(|e| e + 3), body.find("--!>").map(|e| e + 4)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(body.len())
        };
        rest = &body[skip..];
    }
    out.push_str(rest);
    out
}

/// The fragments of the quiz data that the quiz inserts as HTML (`q`, `a`, `explain`,
/// each option's `html` and `why`), from `window.X=JSON.parse('…')`.
fn quiz_html(js: &str) -> Vec<String> {
    let start = js.find("JSON.parse('").expect("quiz data is JSON.parse('…')") + "JSON.parse('".len();
    let end = js.rfind("')").unwrap();
    let mut json = String::new();
    let mut chars = js[start..end].chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            json.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                json.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some('n') => json.push('\n'),
            Some(other) => json.push(other),
            None => {}
        }
    }
    let data: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut out = Vec::new();
    let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_string);
    for q in data["questions"].as_array().unwrap() {
        out.extend(["q", "a", "explain"].iter().filter_map(|k| text(q, k)));
        for o in q["options"].as_array().into_iter().flatten() {
            out.extend(["html", "why"].iter().filter_map(|k| text(o, k)));
        }
    }
    assert!(!out.is_empty(), "no question fragments in the quiz data");
    out
}

#[test]
fn the_oracle_finds_live_markup_and_ignores_escaped_text() {
    assert!(survivor("<p><img src=x onerror=PWN()></p>", true).is_some());
    assert!(survivor("<a href=\"javascript:PWN()\">", true).is_some());
    assert!(survivor("<script>PWN()</script>", true).is_some());
    assert!(survivor("\"<base href=//PWN.example/>\"", true).is_some());
    assert!(survivor("x: \"\\u003cimg src=x onerror=PWN()\\u003e\"", true).is_some());
    assert!(survivor("<p>&lt;img src=x onerror=\"PWN()\"&gt;</p>", true).is_none());
    assert!(survivor("<p title=\"onerror=PWN\">one</p>", true).is_none());
    assert!(survivor("<!-- <script>PWN()</script> -->", true).is_none());
}

#[test]
fn no_hostile_markup_reaches_any_page_or_data_file() {
    let mut files: Vec<(String, String)> = vec![
        (
            "studysite.toml".into(),
            "title = \"Hostile <script>PWN()</script>\"\n".into(),
        ),
        (
            "content/_index.md".into(),
            hostile_note(99, "<img src=x onerror=PWN()>"),
        ),
    ];
    for (i, p) in PAYLOADS.iter().enumerate() {
        files.push((format!("content/h{i}.md"), hostile_note(i, p)));
    }
    // The hostile page the browser tests open.
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/browser-site/content/hostile.md");
    let hostile = std::fs::read_to_string(fixture)
        .unwrap()
        .replace("window.__pwned=1", "PWN()");
    files.push(("content/hostile.md".into(), hostile));
    let pairs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = Site::new(&pairs);
    for minify in [false, true] {
        let mut args = vec!["build"];
        if !minify {
            args.push("--no-minify");
        }
        let out = site.run(&args);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        let mut seen = 0;
        let mut pages = 0;
        for entry in walkdir::WalkDir::new(site.path("public")) {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = path.to_string_lossy();
            let is_theme_script = name.ends_with(".js") && !name.contains("data") && !name.contains("search");
            if !entry.file_type().is_file() || name.ends_with(".css") || is_theme_script {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            seen += text.contains("PWN") as usize;
            pages += name.ends_with(".html") as usize;
            if let Some(tag) = survivor(&text, false) {
                let lower = text.to_ascii_lowercase();
                let at = lower.find(&tag).unwrap_or(0);
                // (str::floor_char_boundary is newer than the MSRV)
                let floor = |mut i: usize| {
                    while !lower.is_char_boundary(i) {
                        i -= 1;
                    }
                    i
                };
                let context = &lower[floor(at.saturating_sub(300))..floor((at + 100).min(lower.len()))];
                panic!("hostile markup survived in {name} (minify {minify}): {tag}\n… {context}");
            }
            if name.contains("quiz-data") {
                for fragment in quiz_html(&text) {
                    if let Some(tag) = live_tag(&fragment) {
                        panic!("hostile markup survived in the quiz data (minify {minify}): {tag}\nin {fragment}");
                    }
                }
            }
        }
        // The payloads did reach the output, as text: the walk looked at them.
        assert!(seen >= PAYLOADS.len(), "only {seen} files hold the payload text");
        assert!(pages > PAYLOADS.len() + 4, "{pages} pages");
        for special in ["questions.html", "quiz.html", "cheatsheet.html"] {
            let text = site.read(&format!("public/{special}"));
            assert!(
                text.contains("PWN") || special == "quiz.html",
                "{special} holds no hostile text"
            );
        }
    }
}
