//! Escaping for what the build writes: text into HTML, values into `.js` files.

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_html_into(&mut out, text);
    out
}

pub fn escape_html_into(out: &mut String, text: &str) {
    let _ = write_escaped(out, text);
}

/// Text shown HTML-escaped (as [`escape_html`]) where it is formatted: `write!(out, "{}", Escaped(t))`.
pub struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_escaped(f, self.0)
    }
}

fn write_escaped(out: &mut impl std::fmt::Write, mut text: &str) -> std::fmt::Result {
    while let Some(i) = text.find(['&', '<', '>', '"', '\'']) {
        out.write_str(&text[..i])?;
        out.write_str(match text.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        text = &text[i + 1..];
    }
    out.write_str(text)
}

/// Serialises a value as a `.js` file that sets a global:
/// `window.NAME = JSON.parse('…');`. The JSON text is escaped so that nothing in it
/// can close a `<script>`, start a comment, or break the string literal: `<`, `>`,
/// `&`, U+2028 and U+2029 become `\u` escapes, and `\` and `'` are escaped for the
/// single-quoted literal (SPEC §5).
pub fn js_global<T: serde::Serialize>(name: &str, value: &T) -> String {
    let mut out = format!("window.{name}=");
    js_json_parse(value, &mut out);
    out.push_str(";\n");
    out
}

/// Appends `JSON.parse('…')` of `value` to `out`, escaped as [`js_global`] says, in
/// one pass: serde_json writes through [`JsLiteral`], which escapes each piece as it is
/// written, so a large file (the quiz data of a big site) is never held twice.
pub fn js_json_parse<T: serde::Serialize>(value: &T, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.extend_from_slice(b"JSON.parse('");
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, JsLiteral);
    value.serialize(&mut ser).expect("serialising plain data cannot fail");
    bytes.extend_from_slice(b"')");
    // Only ASCII escapes were put in place of whole UTF-8 characters.
    *out = String::from_utf8(bytes).expect("escaped JSON is UTF-8");
}

/// serde_json's compact JSON, written as the text of a single-quoted JavaScript
/// literal. JSON's own escapes get their backslashes doubled (JSON's `\n` is `\\n` in
/// the literal, its `\\` is `\\\\`). In the strings' text, `'` is escaped for the
/// literal, and `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes of the literal
/// (so `JSON.parse` gets the characters back). Outside strings, compact JSON has none
/// of these characters.
struct JsLiteral;

impl serde_json::ser::Formatter for JsLiteral {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        /// The bytes that start something to escape (serde_json has already escaped
        /// `\`, `"` and the control characters; 0xE2 may start U+2028 or U+2029).
        const SPECIAL: [bool; 256] = {
            let mut t = [false; 256];
            let special = *b"'<>&\xE2";
            let mut i = 0;
            while i < special.len() {
                t[special[i] as usize] = true;
                i += 1;
            }
            t
        };
        let mut rest = fragment.as_bytes();
        while let Some(at) = rest.iter().position(|&b| SPECIAL[b as usize]) {
            w.write_all(&rest[..at])?;
            let (escape, len): (&[u8], usize) = match rest[at] {
                b'\'' => (b"\\'", 1),
                b'<' => (b"\\u003c", 1),
                b'>' => (b"\\u003e", 1),
                b'&' => (b"\\u0026", 1),
                _ => match rest.get(at + 1..at + 3) {
                    Some([0x80, 0xA8]) => (b"\\u2028", 3),
                    Some([0x80, 0xA9]) => (b"\\u2029", 3),
                    _ => (b"\xE2", 1),
                },
            };
            w.write_all(escape)?;
            rest = &rest[at + len..];
        }
        w.write_all(rest)
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape::*;
        let letter = match escape {
            Quote => b'"',
            ReverseSolidus => b'\\',
            Solidus => b'/',
            Backspace => b'b',
            FormFeed => b'f',
            LineFeed => b'n',
            CarriageReturn => b'r',
            Tab => b't',
            AsciiControl(byte) => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = [HEX[(byte >> 4) as usize], HEX[(byte & 0xF) as usize]];
                w.write_all(b"\\\\u00")?;
                return w.write_all(&code);
            }
        };
        // JSON's `\x`, each backslash escaped for the literal.
        if letter == b'\\' {
            return w.write_all(br"\\\\");
        }
        w.write_all(&[b'\\', b'\\', letter])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-pass escaper this one replaced (serde_json's JSON, then escaped for the
    /// literal), kept as the oracle.
    fn two_pass<T: serde::Serialize>(value: &T, out: &mut String) {
        /// Escapes for the single-quoted literal as the JSON text is written.
        struct Escaper(Vec<u8>);
        /// The bytes that start something to escape.
        const SPECIAL: [bool; 256] = {
            let mut t = [false; 256];
            let special = *b"\\'<>&\n\r\xE2";
            let mut i = 0;
            while i < special.len() {
                t[special[i] as usize] = true;
                i += 1;
            }
            t
        };
        impl std::io::Write for Escaper {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let mut rest = buf;
                while let Some(at) = rest.iter().position(|&b| SPECIAL[b as usize]) {
                    self.0.extend_from_slice(&rest[..at]);
                    let escape: &[u8] = match rest[at] {
                        b'\\' => b"\\\\",
                        b'\'' => b"\\'",
                        b'<' => b"\\u003c",
                        b'>' => b"\\u003e",
                        b'&' => b"\\u0026",
                        b'\n' => b"\\n",
                        b'\r' => b"\\r",
                        // U+2028 and U+2029 (E2 80 A8/A9; serde_json writes whole characters).
                        _ => match rest.get(at + 1..at + 3) {
                            Some([0x80, 0xA8]) => b"\\u2028",
                            Some([0x80, 0xA9]) => b"\\u2029",
                            _ => {
                                self.0.push(0xE2);
                                rest = &rest[at + 1..];
                                continue;
                            }
                        },
                    };
                    self.0.extend_from_slice(escape);
                    rest = &rest[at + if rest[at] == 0xE2 { 3 } else { 1 }..];
                }
                self.0.extend_from_slice(rest);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut w = Escaper(std::mem::take(out).into_bytes());
        w.0.extend_from_slice(b"JSON.parse('");
        // serde_json writes many small pieces (a key, a quote, a fragment between escapes):
        // gathered first, they are escaped in long runs. A piece is never cut, so a
        // character's bytes stay together.
        {
            use std::io::Write;
            let mut buffered = std::io::BufWriter::with_capacity(1 << 14, &mut w);
            serde_json::to_writer(&mut buffered, value).expect("serialising plain data cannot fail");
            buffered.flush().expect("writing to memory cannot fail");
        }
        w.0.extend_from_slice(b"')");
        // Only ASCII escapes were put in place of whole UTF-8 characters.
        *out = String::from_utf8(w.0).expect("escaped JSON is UTF-8");
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn one_pass_writes_what_two_passes_wrote() {
        // Every character either escaper treats apart, and its neighbours.
        let pieces = [
            "a",
            " ",
            "'",
            "\"",
            "\\",
            "<",
            ">",
            "&",
            "/",
            "\n",
            "\r",
            "\t",
            "\u{8}",
            "\u{c}",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "\u{2028}",
            "\u{2029}",
            "\u{2027}",
            "\u{202a}",
            "€",
            "…",
            "›",
            "é",
            "𝔸",
            "</script>",
            "<!--",
            "\\u003c",
            "\\'",
        ];
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5_000 {
            let strings: Vec<String> = (0..rng.next() % 4)
                .map(|_| {
                    (0..rng.next() % 12)
                        .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
                        .collect()
                })
                .collect();
            let map: std::collections::BTreeMap<String, (u64, Vec<String>)> = strings
                .iter()
                .map(|s| (s.clone(), (rng.next() % 1000, strings.clone())))
                .collect();
            let (mut a, mut b) = (String::from("x="), String::from("x="));
            js_json_parse(&map, &mut a);
            two_pass(&map, &mut b);
            assert_eq!(a, b, "{map:?}");
        }
    }
}
