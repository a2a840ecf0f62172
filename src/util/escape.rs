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

/// Appends `JSON.parse('…')` of `value` to `out`, escaped as [`js_global`] says. The
/// JSON is escaped as serde_json writes it, so a large file (the quiz data of a big
/// site) is never held twice.
pub fn js_json_parse<T: serde::Serialize>(value: &T, out: &mut String) {
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
