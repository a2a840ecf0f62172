//! `studysite export anki|csv|gift`: the site's questions for other tools.
//! - `anki`: Anki's text import (headers `#separator:tab`, `#html:true`, `#notetype
//!   column`, `#deck column`, `#tags column`, `#guid column`): one note a question, its
//!   GUID the question's stable id (a re-import updates the note instead of adding
//!   one), note type `Basic`, deck `Site::Page::Heading` (decks by section); a choice
//!   question's front lists its options A, B, …, its back the key, the options with the
//!   correct ones marked, each option's explanation and the question's.
//! - `csv`: one row a question, every field, with a header row.
//! - `gift`: Moodle's GIFT; choice questions as `{=right ~wrong}`, free response as an
//!   essay question `{}` whose general feedback (`####`) is the answer.
//!
//! Images the questions show are listed in [`Export::media`] under a flat, unique file
//! name the text refers to, for the caller to copy beside the file.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::questions::{Question, QuestionKind};
use crate::site::Site;
use crate::util::{base32, escape_html, fnv64};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Anki,
    Csv,
    Gift,
}

/// An export: the file's text, and the images it refers to (file name, source file).
pub struct Export {
    pub text: String,
    pub media: Vec<(String, PathBuf)>,
    pub questions: usize,
}

/// One question with where it comes from.
struct Row<'s> {
    q: &'s Question,
    page: &'s str,
    guid: String,
    deck: String,
}

pub fn export(site: &Site, format: Format) -> Export {
    let mut media = Media::new(site);
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    for &i in &site.order {
        let page = &site.pages[i];
        for q in &page.parsed.questions {
            // Ids are unique on a page; the page keeps a repeated one apart.
            // A GUID the source keeps (an imported Anki note) wins over the id.
            let guid = if let Some(g) = q.guid.as_ref().filter(|g| !seen.contains(*g)) {
                seen.insert(g.clone());
                g.clone()
            } else if seen.insert(q.id.clone()) {
                q.id.clone()
            } else {
                // A valid id itself, so `import` can keep it.
                format!("{}-{}", q.id, base32(fnv64(page.source.rel.as_bytes()), 6))
            };
            seen.insert(guid.clone());
            let mut deck = vec![site.config.title.clone()];
            deck.extend(q.topic.iter().cloned());
            rows.push(Row {
                q,
                page: &page.source.rel,
                guid,
                deck: deck.join("::").replace('\t', " "),
            });
        }
    }
    let text = match format {
        Format::Anki => anki(&rows, &mut media),
        Format::Csv => csv(&rows, &mut media),
        Format::Gift => gift(&rows, &mut media),
    };
    Export {
        text,
        media: media.files,
        questions: rows.len(),
    }
}

/// A field of a tab-separated line: quoted (quotes doubled) when it holds a tab, a
/// quote or a line break, as Anki's importer (and CSV) reads it.
pub fn field(s: &str, sep: char) -> String {
    if s.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn options_list(q: &Question, back: bool) -> String {
    let mut s = String::from("<ol type=\"A\">");
    for o in &q.options {
        if back && o.correct {
            s.push_str(&format!("<li class=\"correct\"><b>✔ {}</b>", o.html));
        } else {
            s.push_str(&format!("<li>{}", o.html));
        }
        if back && !o.why.is_empty() {
            s.push_str(&format!("<div class=\"why\">{}</div>", o.why));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol>");
    s
}

/// The front and back of a question's card.
fn sides(q: &Question) -> (String, String) {
    match q.kind {
        // Anki makes a paragraph's cards from its one Cloze note (`{{c1::…}}` in Text).
        QuestionKind::Cloze => (
            q.cloze.as_ref().map_or(String::new(), |c| c.anki_html.to_string()),
            q.explain_html.to_string(),
        ),
        QuestionKind::Free | QuestionKind::Numeric => (q.q_html.to_string(), format!("{}{}", q.a_html, q.explain_html)),
        // Anki compares what was typed with the whole Back field: the first accepted answer.
        QuestionKind::Typed => (
            q.q_html.to_string(),
            escape_html(q.accept.first().map_or("", String::as_str)),
        ),
        QuestionKind::Single | QuestionKind::Multi => {
            let letters = q.correct_letters().join(", ");
            let label = if q.kind == QuestionKind::Single {
                "Answer"
            } else {
                "Answers"
            };
            (
                format!("{}{}", q.q_html, options_list(q, false)),
                format!(
                    "<p><b>{label}: {letters}</b></p>{}{}",
                    options_list(q, true),
                    q.explain_html
                ),
            )
        }
    }
}

fn tags(q: &Question) -> String {
    q.tags
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn anki(rows: &[Row], media: &mut Media) -> String {
    let mut out = String::from(
        "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:3\n#guid column:4\n",
    );
    for r in rows {
        // a cloze paragraph is one Anki note, its first card's row
        if r.q.cloze.as_ref().is_some_and(|c| !c.first) {
            continue;
        }
        let (front, back) = sides(r.q);
        let notetype = match r.q.kind {
            QuestionKind::Typed => "Basic (type in the answer)",
            QuestionKind::Cloze => "Cloze",
            _ if r.q.reversed => "Basic (and reversed card)",
            _ => "Basic",
        };
        let line = [
            notetype.to_string(),
            field(&r.deck, '\t'),
            field(&tags(r.q), '\t'),
            field(&r.guid, '\t'),
            field(media.rewrite(&front).trim(), '\t'),
            field(media.rewrite(&back).trim(), '\t'),
        ];
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    out
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "page",
    "line",
    "kind",
    "topic",
    "tags",
    "question",
    "options",
    "correct",
    "answer",
    "explanation",
    "accept",
];

fn csv(rows: &[Row], media: &mut Media) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for r in rows {
        let q = r.q;
        let kind = q.kind.name();
        let options: Vec<String> = q.options.iter().map(|o| media.rewrite(&o.html)).collect();
        let cells = [
            r.guid.clone(),
            r.page.to_string(),
            q.line.to_string(),
            kind.to_string(),
            q.topic.join(" › "),
            q.tags.join(" "),
            media.rewrite(&q.q_html).trim().to_string(),
            options.join("\n"),
            q.correct_letters().join(","),
            media.rewrite(&q.a_html).trim().to_string(),
            media.rewrite(&q.explain_html).trim().to_string(),
            match (&q.numeric, q.accept.is_empty()) {
                (Some(n), _) => n.text.clone(),
                (None, false) => q.accept.join(" | "),
                (None, true) => String::new(),
            },
        ];
        out.push_str(&cells.iter().map(|c| field(c, ',')).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// GIFT escapes `~ = # { } :` and the backslash with a backslash.
fn gift_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        if matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('\n', " ")
}

fn gift(rows: &[Row], media: &mut Media) -> String {
    let mut out = String::new();
    let mut category = String::new();
    for r in rows {
        let q = r.q;
        let cat = r.deck.replace("::", "/");
        if cat != category {
            out.push_str(&format!("$CATEGORY: {cat}\n\n"));
            category = cat;
        }
        let text = gift_escape(&media.rewrite(&q.q_html));
        out.push_str(&format!("::{}::[html]{text}{{\n", gift_escape(&r.guid)));
        gift_typed(q, &mut out);
        let n = q.options.iter().filter(|o| o.correct).count().max(1);
        for o in &q.options {
            let html = gift_escape(&media.rewrite(&o.html));
            if q.kind == QuestionKind::Multi {
                // Credit split between the correct options, taken for a wrong one.
                let w = if o.correct { 100.0 / n as f64 } else { -100.0 };
                out.push_str(&format!("\t~%{}%{html}", trim_weight(w)));
            } else {
                out.push_str(&format!("\t{}{html}", if o.correct { '=' } else { '~' }));
            }
            if !o.why.is_empty() {
                out.push_str(&format!("#{}", gift_escape(&o.why)));
            }
            out.push('\n');
        }
        let feedback = format!("{}{}", q.a_html, q.explain_html);
        if !feedback.trim().is_empty() {
            out.push_str(&format!("\t####{}\n", gift_escape(&media.rewrite(&feedback))));
        }
        out.push_str("}\n\n");
    }
    out
}

/// A typed question's accepted answers (`=S3 =Simple Storage Service`, a short-answer
/// question) or a numeric one's range (`#40..45`).
fn gift_typed(q: &Question, out: &mut String) {
    if let Some(n) = &q.numeric {
        out.push_str(&format!("\t#{}..{}\n", trim_weight(n.min), trim_weight(n.max)));
    }
    for a in &q.accept {
        out.push_str(&format!("\t={}\n", gift_escape(&escape_html(a))));
    }
}

fn trim_weight(w: f64) -> String {
    let s = format!("{w:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The site's images by their URL from the quiz (the site root), and the flat names
/// given to those an export uses.
struct Media {
    assets: HashMap<String, PathBuf>,
    names: HashMap<String, String>,
    files: Vec<(String, PathBuf)>,
}

impl Media {
    fn new(site: &Site) -> Self {
        let assets = site
            .assets
            .iter()
            .map(|a| (a.rel.replace('\\', "/"), a.path.clone()))
            .collect();
        Media {
            assets,
            names: HashMap::new(),
            files: Vec::new(),
        }
    }

    /// `src="…"` of images that are the site's files, as their flat media name.
    fn rewrite(&mut self, html: &str) -> String {
        if !html.contains("<img") {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(i) = rest.find("src=\"") {
            out.push_str(&rest[..i + 5]);
            rest = &rest[i + 5..];
            let end = rest.find('"').unwrap_or(rest.len());
            let src = &rest[..end];
            out.push_str(&self.name(src).unwrap_or_else(|| src.to_string()));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    fn name(&mut self, src: &str) -> Option<String> {
        let key = src.trim_start_matches("./").replace("&amp;", "&");
        let path = self.assets.get(&key)?;
        if let Some(n) = self.names.get(&key) {
            return Some(n.clone());
        }
        let base = key.rsplit('/').next().unwrap_or(&key).to_string();
        let mut name = base.clone();
        let mut n = 2;
        while self.files.iter().any(|(f, _)| *f == name) {
            name = format!("{n}-{base}");
            n += 1;
        }
        self.files.push((name.clone(), path.clone()));
        self.names.insert(key, name.clone());
        Some(escape_html(&name))
    }
}
