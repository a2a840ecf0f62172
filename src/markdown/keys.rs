//! MkDocs' key presses (pymdownx.keys): `++ctrl+alt+del++` becomes the keys, each a
//! `<kbd>`, joined by `+`, with the labels pymdownx gives the common key names
//! (`ctrl` → Ctrl, `page-up` → Page Up); a single letter is its capital and a quoted
//! name (`++ctrl+"My key"++`) is shown as written. Only a run of key names with no
//! space counts, so `C++ and C++` or `i++ + ++j` stay text.

use super::spans::{self, Piece};
use super::{Ev, RenderCx};
use crate::util::escape_html;

pub fn transform<'a>(evs: Vec<Ev<'a>>, _rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    spans::rewrite(evs, |t| crate::util::has(t, "++"), |t, _| rewrite(t))
}

fn rewrite(text: &str) -> Option<Vec<Piece>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("++").map(|p| from + p) {
        // `C++x` is a word going on, not an opening; `{++added++}` is CriticMarkup.
        let word_before = text[..open]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '{');
        match (!word_before).then(|| combo(&text[open + 2..])).flatten() {
            Some((keys, len)) => {
                let end = open + 2 + len;
                found.push((open..end, markup(&keys)));
                from = end;
            }
            None => from = open + 2,
        }
    }
    spans::splice(text, found)
}

/// `ctrl+alt+del++…` → the key names and the length up to and with the closing `++`.
fn combo(s: &str) -> Option<(Vec<&str>, usize)> {
    let mut keys = Vec::new();
    let mut i = 0;
    loop {
        let rest = &s[i..];
        let len = if let Some(quoted) = rest.strip_prefix('"') {
            let close = quoted.find('"')?;
            (close > 0 && !quoted[..close].contains('\n')).then_some(close + 2)?
        } else {
            let n = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                .count();
            (n > 0).then_some(n)?
        };
        keys.push(&rest[..len]);
        i += len;
        if s[i..].starts_with("++") {
            // `++a++b` runs on into a word: not a key press.
            let after = s[i + 2..].chars().next();
            return (!after.is_some_and(char::is_alphanumeric)).then_some((keys, i + 2));
        }
        s[i..].starts_with('+').then_some(())?;
        i += 1;
    }
}

fn markup(keys: &[&str]) -> Vec<Piece> {
    let mut out = vec![Piece::Html("<span class=\"keys\">".into())];
    for (n, key) in keys.iter().enumerate() {
        if n > 0 {
            out.push(Piece::Html("<span>+</span>".into()));
        }
        if let Some(q) = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) {
            out.extend(spans::wrap("<kbd>".into(), q, "</kbd>"));
            continue;
        }
        let lower = key.to_ascii_lowercase();
        let label = label(&lower).map_or_else(|| default_label(key), str::to_string);
        let open = format!("<kbd class=\"key-{}\">", escape_html(&lower));
        out.extend(spans::wrap(open, &label, "</kbd>"));
    }
    out.push(Piece::Html("</span>".into()));
    out
}

/// A name pymdownx's key map doesn't hold: a letter in capitals, else the name with
/// its first letter capital and dashes as spaces (`volume-up` → Volume up).
fn default_label(key: &str) -> String {
    let mut chars = key.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    first
        .into_iter()
        .chain(chars.map(|c| if c == '-' || c == '_' { ' ' } else { c }))
        .collect()
}

/// The labels of pymdownx.keys' key map for the names notes use (aliases included).
fn label(name: &str) -> Option<&'static str> {
    Some(match name {
        "ctrl" | "control" => "Ctrl",
        "alt" => "Alt",
        "shift" => "Shift",
        "cmd" | "command" => "Cmd",
        "opt" | "option" => "Option",
        "meta" => "Meta",
        "super" => "Super",
        "win" | "windows" => "Win",
        "fn" => "Fn",
        "enter" | "return" => "Enter",
        "tab" => "Tab",
        "esc" | "escape" => "Esc",
        "space" | "spacebar" => "Space",
        "backspace" | "back" => "Backspace",
        "del" | "delete" => "Del",
        "ins" | "insert" => "Ins",
        "home" => "Home",
        "end" => "End",
        "page-up" | "pgup" => "Page Up",
        "page-down" | "pgdn" => "Page Down",
        "arrow-up" | "up" => "Up",
        "arrow-down" | "down" => "Down",
        "arrow-left" | "left" => "Left",
        "arrow-right" | "right" => "Right",
        "caps-lock" | "caps" => "Caps Lock",
        "num-lock" => "Num Lock",
        "scroll-lock" => "Scroll Lock",
        "print-screen" | "prtsc" => "Print Screen",
        "pause" => "Pause",
        "break" => "Break",
        "menu" | "context-menu" => "Menu",
        "plus" => "+",
        "minus" => "-",
        "equal" => "=",
        "comma" => ",",
        "period" => ".",
        "slash" => "/",
        "backslash" => "\\",
        "backtick" | "grave" => "`",
        "semicolon" => ";",
        "quote" => "'",
        "bracket-left" => "[",
        "bracket-right" => "]",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        rewrite(text).map_or_else(|| text.to_string(), spans::to_html)
    }

    #[test]
    fn key_presses_become_keys() {
        assert_eq!(
            html("Press ++ctrl+alt+del++ now"),
            "Press <span class=\"keys\"><kbd class=\"key-ctrl\">Ctrl</kbd><span>+</span>\
             <kbd class=\"key-alt\">Alt</kbd><span>+</span><kbd class=\"key-del\">Del</kbd></span> now"
        );
        assert_eq!(
            html("++cmd+shift+p++."),
            "<span class=\"keys\"><kbd class=\"key-cmd\">Cmd</kbd><span>+</span>\
             <kbd class=\"key-shift\">Shift</kbd><span>+</span><kbd class=\"key-p\">P</kbd></span>."
        );
        assert_eq!(
            html("++\"<My key>\"++"),
            "<span class=\"keys\"><kbd>&lt;My key&gt;</kbd></span>"
        );
        assert!(html("++f5++").contains(">F5<"));
        assert!(html("++page-down++").contains(">Page Down<"));
    }

    #[test]
    fn plus_signs_in_prose_stay_text() {
        for t in [
            "C++ and C++",
            "i++ + ++j",
            "C++17 or C++20",
            "a ++ b",
            "x++y++z",
            "++",
            "++a+ b++",
            "g++ -O2 ++x",
            "{++added++}",
        ] {
            assert_eq!(html(t), t, "{t}");
        }
    }
}
