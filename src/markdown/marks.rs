//! Caret marks, as MkDocs' pymdownx.caret and Pandoc write them: `^^inserted^^`
//! becomes `<ins>` and `^super^` `<sup>` (`x^2^`, `10^th^`). A superscript holds no
//! space (`a\ b` for one) and at least one letter or digit, so `x^2 + y^2`, `^_^` and
//! a trailing `^block-id` stay text. Where the site writes subscripts
//! (`[markdown] subscript`, pymdownx.tilde), `H~2~O` is `<sub>` by the same rule
//! (pulldown-cmark's own subscript, then on, takes `~a b~` but not `H~2~O`).

use super::spans::{self, Piece};
use super::{Ev, RenderCx};

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    let tilde = rcx.cx.config.markdown.subscript == Some(true);
    let marks: &[u8] = if tilde { b"^~" } else { b"^" };
    spans::rewrite(
        evs,
        |t| marks.iter().any(|m| memchr::memchr(*m, t.as_bytes()).is_some()),
        |t, _| rewrite(t, tilde),
    )
}

fn rewrite(text: &str, tilde: bool) -> Option<Vec<Piece>> {
    let two = |m: u8| memchr::memchr_iter(m, text.as_bytes()).nth(1).is_some();
    if !(two(b'^') || tilde && two(b'~')) {
        return None;
    }
    let mut found = Vec::new();
    let mut from = 0;
    let open_at = |from: usize| text[from..].find(|c| c == '^' || (tilde && c == '~')).map(|p| from + p);
    while let Some(open) = open_at(from) {
        let rest = &text[open..];
        let hit = if let Some(after) = rest.strip_prefix("^^") {
            insert(after).map(|(inner, len)| (len + 2, spans::wrap("<ins>".into(), inner, "</ins>")))
        } else if let Some(after) = rest.strip_prefix('~') {
            script(after, '~').map(|(inner, len)| (len + 1, spans::wrap("<sub>".into(), &inner, "</sub>")))
        } else {
            script(&rest[1..], '^').map(|(inner, len)| (len + 1, spans::wrap("<sup>".into(), &inner, "</sup>")))
        };
        match hit {
            Some((len, html)) => {
                found.push((open..open + len, html));
                from = open + len;
            }
            // `^^^` and the like: step past one caret.
            None => from = open + 1,
        }
    }
    spans::splice(text, found)
}

/// `text^^…`: an inserted run, its text and length with the closing `^^`. It starts
/// and ends on a non-space, as emphasis does.
fn insert(s: &str) -> Option<(&str, usize)> {
    if s.starts_with(char::is_whitespace) || s.starts_with('^') {
        return None;
    }
    let close = s.find("^^")?;
    let inner = &s[..close];
    (!inner.is_empty() && !inner.ends_with(char::is_whitespace)).then_some((inner, close + 2))
}

/// `2^…` (`mark` `^`) or `H~…` (`~`): a superscript's or subscript's text (escaped
/// spaces made plain) and length with the closing mark.
fn script(s: &str, mark: char) -> Option<(String, usize)> {
    let mut inner = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c == mark => {
                let ok = inner.chars().any(char::is_alphanumeric) && !inner.ends_with(' ');
                return ok.then_some((inner, i + 1));
            }
            '\\' if s[i + 1..].starts_with(' ') => {
                chars.next();
                inner.push(' ');
            }
            c if c.is_whitespace() => return None,
            c => inner.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        rewrite(text, true).map_or_else(|| text.to_string(), spans::to_html)
    }

    #[test]
    fn carets_mark_superscripts_and_insertions() {
        assert_eq!(html("E = mc^2^ and 10^th^"), "E = mc<sup>2</sup> and 10<sup>th</sup>");
        assert_eq!(html("^^Insert me^^ now"), "<ins>Insert me</ins> now");
        assert_eq!(html("text^a\\ superscript^"), "text<sup>a superscript</sup>");
        assert_eq!(html("x^<b>^"), "x<sup>&lt;b&gt;</sup>");
        assert_eq!(html("2^n&m^"), "2<sup>n&amp;m</sup>");
        assert_eq!(html("H~2~O and CH~3~COOH"), "H<sub>2</sub>O and CH<sub>3</sub>COOH");
        assert!(rewrite("H~2~O", false).is_none());
    }

    #[test]
    fn carets_in_prose_stay_text() {
        for t in [
            "x^2 + y^2",
            "^_^",
            "A fact ^block-1",
            "O(n^2) and O(2^n)",
            "^^ not ^^",
            "a ^ b ^ c",
            "^^^",
            "~/.bashrc and ~/x",
            "~ 5 ~",
        ] {
            assert_eq!(html(t), t, "{t}");
        }
    }
}
