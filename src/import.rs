//! `studysite import anki|quizlet FILE`: flashcards exported from Anki (its text
//! export, with or without `#` headers) or Quizlet (term and definition with chosen
//! separators) as studysite Markdown: one `### Front` heading a card, its id comment
//! (the Anki GUID, so `export anki` gives the same notes back), and `✅ Back`.
//! Cards studysite exported as choice questions (options A, B, … on the front, the
//! correct ones marked on the back) come back as task lists.

use crate::util::{base32, escape_html, fnv64};

/// A card read from a file: front, back (HTML), GUID, tags, deck.
#[derive(Debug, Default, Clone)]
pub struct Card {
    pub front: String,
    pub back: String,
    pub guid: Option<String>,
    pub tags: Vec<String>,
    pub deck: Option<String>,
}

/// Splits text into rows of fields: quoted fields (`"…"`, quotes doubled) may hold
/// separators and line breaks, as in Anki's text files and CSV.
pub fn rows(body: &str, sep: &str, row_sep: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let mut rest = body;
    let mut quoted = false;
    while let Some(c) = rest.chars().next() {
        if quoted {
            if let Some(r) = rest.strip_prefix("\"\"") {
                cell.push('"');
                rest = r;
            } else if let Some(r) = rest.strip_prefix('"') {
                quoted = false;
                rest = r;
            } else {
                cell.push(c);
                rest = &rest[c.len_utf8()..];
            }
        } else if c == '"' && cell.is_empty() {
            quoted = true;
            rest = &rest[1..];
        } else if let Some(r) = rest.strip_prefix(sep) {
            row.push(std::mem::take(&mut cell));
            rest = r;
        } else if let Some(r) = rest
            .strip_prefix(row_sep)
            .or_else(|| rest.strip_prefix("\r\n").filter(|_| row_sep == "\n"))
        {
            row.push(std::mem::take(&mut cell));
            rows.push(std::mem::take(&mut row));
            rest = r;
        } else {
            cell.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    rows
}

/// An Anki text export: `#separator:…`, `#guid column:…` and the like, if any, then
/// notes; without headers, a tab (or else `;`, `,`) separates front and back.
pub fn anki(text: &str) -> Vec<Card> {
    let mut headers = Vec::new();
    let mut body = text.strip_prefix('\u{feff}').unwrap_or(text);
    while let Some(line) = body.strip_prefix('#') {
        let end = line.find('\n').unwrap_or(line.len());
        if let Some((k, v)) = line[..end].split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        body = &line[(end + 1).min(line.len())..];
    }
    let header = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
    let sep = match header("separator") {
        Some("tab" | "Tab") => "\t",
        Some("comma" | "Comma") => ",",
        Some("semicolon" | "Semicolon") => ";",
        Some("pipe" | "Pipe") => "|",
        Some("space" | "Space") => " ",
        Some(s) => {
            if s.is_empty() {
                "\t"
            } else {
                s
            }
        }
        None => [";", ","]
            .into_iter()
            .find(|s| !body.contains('\t') && body.contains(s))
            .unwrap_or("\t"),
    }
    .to_string();
    let column = |k: &str| {
        header(k)
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|n| *n > 0)
            .map(|n| n - 1)
    };
    let special = [
        column("notetype column"),
        column("deck column"),
        column("tags column"),
        column("guid column"),
    ];
    rows(body, &sep, "\n")
        .into_iter()
        .map(|r| {
            let fields: Vec<&String> = r
                .iter()
                .enumerate()
                .filter(|(n, _)| !special.contains(&Some(*n)))
                .map(|(_, f)| f)
                .collect();
            let get = |c: Option<usize>| c.and_then(|n| r.get(n)).filter(|s| !s.is_empty()).cloned();
            Card {
                front: fields.first().map(|s| s.to_string()).unwrap_or_default(),
                back: fields.get(1).map(|s| s.to_string()).unwrap_or_default(),
                guid: get(special[3]),
                tags: get(special[2])
                    .map(|t| t.split_whitespace().map(String::from).collect())
                    .unwrap_or_default(),
                deck: get(special[1]),
            }
        })
        .collect()
}

/// A Quizlet export: term and definition split by `term_sep`, cards by `card_sep`
/// (Quizlet's defaults: a tab and a new line). Plain text, so it is escaped as HTML.
pub fn quizlet(text: &str, term_sep: &str, card_sep: &str) -> Vec<Card> {
    text.split(card_sep)
        .filter_map(|card| {
            let (t, d) = card.split_once(term_sep)?;
            Some(Card {
                front: escape_html(t.trim()),
                back: escape_html(d.trim()),
                ..Card::default()
            })
        })
        .collect()
}

/// Backslash-escapes Markdown punctuation outside HTML tags.
fn md_inline(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '\\' | '*' | '_' | '[' | ']' | '`' | '~' | '|' | '#' if !in_tag => out.push('\\'),
            _ => {}
        }
        out.push(if c == '\n' && !in_tag { ' ' } else { c });
    }
    out.trim().to_string()
}

/// `<p>x</p>rest` → (`x`, `rest`); else (the whole, "").
fn first_paragraph(html: &str) -> (&str, &str) {
    let t = html.trim();
    if let Some(inner) = t.strip_prefix("<p>")
        && let Some(end) = inner.find("</p>")
    {
        return (&inner[..end], inner[end + 4..].trim());
    }
    (t, "")
}

/// A card of lettered options with a key on the back: the front's lines `A. …`, `B) …`
/// after the question, the back `Answer: B` / `**Answer:** B, D` / `Correct answer: AC`
/// (what follows the key explains it). None unless every key letter is an option.
fn lettered(card: &Card) -> Option<ChoiceCard> {
    let lines = |html: &str| -> Vec<String> {
        let mut t = html.to_string();
        for br in ["<br>", "<br/>", "<br />", "</div>", "</p>", "</li>"] {
            t = t.replace(br, "\n");
        }
        t.lines()
            .map(|l| crate::util::strip_tags(l).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    };
    let front = lines(&card.front);
    let is_option = |l: &str| {
        let b = l.as_bytes();
        b.len() > 3 && (b'A'..=b'F').contains(&b[0]) && matches!(b[1], b'.' | b')') && b[2] == b' '
    };
    let first = front.iter().position(|l| is_option(l))?;
    if first == 0 || !front[first..].iter().all(|l| is_option(l)) {
        return None;
    }
    let back = lines(&card.back).join("\n");
    let b = back.trim_start_matches('*').trim_start();
    let lower = b.to_lowercase();
    let after = ["correct answers:", "correct answer:", "answers:", "answer:"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &b[p.len()..]))?;
    let after = after.trim_start_matches('*').trim_start();
    let key_len = after
        .find(|c: char| !(c.is_ascii_alphabetic() && c.is_ascii_uppercase() || c == ',' || c == ' '))
        .unwrap_or(after.len());
    // the key: capital letters (a following word's capital is not one)
    let mut key = &after[..key_len];
    if let Some(i) = key.find(|c: char| c.is_ascii_uppercase()).and_then(|_| {
        key.char_indices()
            .find(|&(i, c)| c.is_ascii_uppercase() && key[i + 1..].starts_with(|n: char| n.is_ascii_lowercase()))
            .map(|(i, _)| i)
    }) {
        key = &key[..i];
    }
    let letters: Vec<usize> = key
        .chars()
        .filter(char::is_ascii_uppercase)
        .map(|c| (c as u8 - b'A') as usize)
        .collect();
    let options = &front[first..];
    if letters.is_empty() || letters.iter().any(|&n| n >= options.len()) {
        return None;
    }
    let explain = after[key.len()..].trim_start_matches(['.', ' ', '*']).trim();
    let out = options
        .iter()
        .enumerate()
        .map(|(n, o)| (escape_html(o[3..].trim()), letters.contains(&n), String::new()))
        .collect();
    Some((escape_html(&front[..first].join(" ")), out, Some(escape_html(explain))))
}

/// A studysite choice card (its export layout), as (options, which are correct).
/// An option read back: its HTML, whether it is correct, its explanation.
type BackOption = (String, bool, String);
/// A choice card read back: the question, its options, and its explanation when the
/// back does not hold it in the export layout.
type ChoiceCard = (String, Vec<BackOption>, Option<String>);

fn choice(card: &Card) -> Option<ChoiceCard> {
    let (q, rest) = first_paragraph(&card.front);
    let list = rest.strip_prefix("<ol type=\"A\">")?.strip_suffix("</ol>")?;
    let options: Vec<&str> = list
        .strip_prefix("<li>")?
        .split("</li><li>")
        .map(|o| o.trim_end_matches("</li>"))
        .collect();
    let marked = card.back.matches("<li class=\"correct\"><b>✔ ").count();
    let mut out = Vec::new();
    for o in options {
        let marked_li = format!("<li class=\"correct\"><b>✔ {o}</b>");
        let plain_li = format!("<li>{o}");
        let correct = card.back.contains(&marked_li);
        let li = if correct { marked_li } else { plain_li };
        // The option's own explanation, right after it on the back.
        let why = card
            .back
            .find(&li)
            .and_then(|i| card.back[i + li.len()..].strip_prefix("<div class=\"why\">"))
            .and_then(|w| w.split_once("</div></li>"))
            .map_or(String::new(), |(w, _)| w.to_string());
        out.push((o.to_string(), correct, why));
    }
    (marked > 0 && out.iter().filter(|o| o.1).count() == marked).then(|| (q.to_string(), out, None))
}

/// An id comment's id: the GUID when studysite can keep it as an id, else one made
/// from its hash (an export then has that id as its GUID: Anki adds new notes).
fn id_of(guid: &str) -> String {
    if !guid.is_empty() && guid.len() <= 80 && guid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        guid.to_string()
    } else {
        format!("anki-{}", base32(fnv64(guid.as_bytes()), 10))
    }
}

/// The cards as a studysite page: decks as `##` sections, one `###` question a card.
pub fn markdown(title: &str, cards: &[Card]) -> String {
    let mut out = format!("# {title}\n");
    let mut deck: Option<&str> = None;
    for c in cards {
        if c.deck.as_deref() != deck {
            deck = c.deck.as_deref();
            if let Some(d) = deck {
                out.push_str(&format!("\n## {}\n", md_inline(d.rsplit("::").next().unwrap_or(d))));
            }
        }
        let (q, rest) = match choice(c).or_else(|| lettered(c)) {
            Some((q, ..)) => (q, String::new()),
            None => {
                let (q, rest) = first_paragraph(&c.front);
                (q.to_string(), rest.to_string())
            }
        };
        out.push_str(&format!("\n### {}\n", md_inline(&q)));
        let mut meta = Vec::new();
        if let Some(g) = &c.guid {
            let id = id_of(g);
            meta.push(format!("id: {id}"));
            // An Anki GUID that is no id is kept beside it (export gives it back), unless it
            // could end the comment or split its keys.
            if id != *g && !g.contains([';', '\n']) && !g.contains("--") && !g.trim().is_empty() {
                meta.push(format!("guid: {}", g.trim()));
            }
        }
        if !c.tags.is_empty() {
            meta.push(format!("tags: {}", c.tags.join(", ")));
        }
        if !meta.is_empty() {
            out.push_str(&format!("<!-- {} -->\n", meta.join("; ")));
        }
        if !rest.is_empty() {
            out.push_str(&format!("\n{}\n", rest.replace("\n\n", "\n")));
        }
        match choice(c).or_else(|| lettered(c)) {
            Some((_, options, explain)) => {
                out.push('\n');
                for (o, correct, why) in options {
                    out.push_str(&format!("- [{}] {}\n", if correct { 'x' } else { ' ' }, md_inline(&o)));
                    if !why.is_empty() {
                        out.push_str(&format!("  > {}\n", md_inline(first_paragraph(&why).0)));
                    }
                }
                // The question's explanation follows the marked options on the back.
                let explain =
                    explain.unwrap_or_else(|| c.back.rsplit_once("</ol>").map_or("", |(_, e)| e.trim()).to_string());
                if !explain.is_empty() {
                    out.push_str(&format!("\n{}\n", explain.replace("\n\n", "\n")));
                }
            }
            None => {
                let back = c.back.trim();
                let checked = back.starts_with("<p><span class=\"mark yes\">✅</span>") || back.starts_with("<p>✅");
                let back = back
                    .strip_prefix("<p><span class=\"mark yes\">✅</span>")
                    .map_or(back.to_string(), |b| format!("<p>{}", b.trim_start()));
                if !checked && back.starts_with('<') {
                    // HTML that is not a `✅` answer (code, paragraphs, a list): behind
                    // a `<details>` as one HTML block, so it comes back as it was.
                    let html = back.replace("\n\n", "\n");
                    out.push_str(&format!("\n<details><summary>Answer</summary>\n{html}\n</details>\n"));
                    continue;
                }
                let (a, more) = first_paragraph(&back);
                let a = a.trim_start_matches('✅').trim();
                out.push_str(&format!("\n✅ {}\n", md_inline(a)));
                if !more.is_empty() {
                    out.push_str(&format!("\n{}\n", more.replace("\n\n", "\n")));
                }
            }
        }
    }
    out
}
