//! Issue 15: a generative fuzz of the comment and sanitiser path. Notes are stitched
//! together from the pieces that confuse comment parsers (`<!--`, `-->`, `--!>`,
//! `<!-->`, `<!--->`, the cheat-sheet marker, question syntax, tables, newlines) and
//! payloads that must never reach a browser as markup; every built file (pages, quiz
//! and search data, the cheat sheet) is searched for a payload that survived as markup.
//!
//! `cargo test --test fuzz_comments` runs it for a few seconds; for the long run,
//! `STUDYSITE_FUZZ_SECONDS=600 cargo test --release --test fuzz_comments -- --nocapture`.
//! A failing input is printed; keep it in tests/fuzz_regressions/.

const PIECES: &[&str] = &[
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!--->",
    "<!---->",
    "--",
    "-",
    "!",
    ">",
    "<",
    " ",
    "\n",
    "\n\n",
    "<!-- cheatsheet -->",
    "<!-- cheatsheet --!>",
    "cheatsheet",
    "<!-- id: q1; tags: a -->",
    "### Which one?\n",
    "- [x] ",
    "- [ ] ",
    "| A | B |\n|---|---|\n| 1 | 2 |\n",
    "> [!NOTE]\n> ",
    "✅ ",
    "`",
    "```\n",
    "<div>",
    "</div>",
    "<p>",
    "text",
    "[l](x.md)",
    "\"",
    "'",
    "<!-- x -- y -->",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
    "<!DOCTYPE",
    "</",
    "</!-->",
    "## H\n",
];

/// Markup that runs script or takes over the page; each also carries the word PWN
/// (the oracle, [`survivor`], knows each one).
const PAYLOADS: &[&str] = &[
    "<img src=x onerror=PWN>",
    "<script>PWN</script>",
    "<base href=PWN>",
    "<meta http-equiv=refresh content=PWN>",
    "<form action=PWN>",
    "<svg onload=PWN>",
    "<iframe src=PWN>",
    "<a href=javascript:PWN>",
];

/// A payload tag that survived as markup: `<img src=x onerror=PWN` raw in a page, or
/// as `\u003c…` in the quiz data, whose question parts the quiz inserts as HTML (the
/// search data is shown as text, so an escaped tag there is text).
fn survivor(text: &str, markup_in_json: bool) -> Option<&'static str> {
    let decoded = if markup_in_json {
        text.replace("\\u003c", "<")
            .replace("\\u003C", "<")
            .replace("\\u003e", ">")
    } else {
        text.to_string()
    };
    let lower = without_comments(&decoded.to_ascii_lowercase());
    // Each payload's element and the part of it that does harm (a heading slug may hold
    // the word `pwn`, an `<a>` is only bad with a script URL).
    const HARM: &[(&str, &str, &str)] = &[
        ("img", "onerror", "<img src=x onerror=PWN>"),
        ("svg", "onload", "<svg onload=PWN>"),
        ("script", ">pwn", "<script>PWN</script>"),
        ("base", "href=pwn", "<base href=PWN>"),
        ("meta", "http-equiv", "<meta http-equiv=refresh content=PWN>"),
        ("form", "action=pwn", "<form action=PWN>"),
        ("iframe", "src=pwn", "<iframe src=PWN>"),
        ("a", "javascript:", "<a href=javascript:PWN>"),
    ];
    HARM.iter().find_map(|(tag, harm, payload)| {
        let open = format!("<{tag}");
        let found = lower.match_indices(&open).any(|(at, _)| {
            let after = at + open.len();
            if !lower[after..].starts_with([' ', '>', '/', '\t', '\n']) {
                return false; // `<aside>` is not `<a>`
            }
            let tag_end = lower[after..].find('>').map_or(lower.len(), |e| after + e + 1);
            let mut end = (tag_end + 3).min(lower.len());
            while !lower.is_char_boundary(end) {
                end -= 1;
            }
            let window = &lower[at..end];
            window.contains(harm) && window.contains("pwn")
        });
        found.then_some(*payload)
    })
}

/// The text with its comments taken out where a browser ends them, found by search
/// (an independent formulation of the tokenizer's comment states): `<!-->` and
/// `<!--->` are empty comments, otherwise the first `-->` or `--!>` ends one.
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
            let ends = [body.find("-->").map(|e| e + 3), body.find("--!>").map(|e| e + 4)];
            match ends.into_iter().flatten().min() {
                Some(e) => e,
                None => body.len(),
            }
        };
        rest = &body[skip..];
    }
    out.push_str(rest);
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn note(rng: &mut Rng) -> String {
    let mut s = String::from("+++\ntitle = \"Fuzz\"\n+++\n\n");
    for _ in 0..rng.below(40) + 1 {
        if rng.below(6) == 0 {
            s.push_str(PAYLOADS[rng.below(PAYLOADS.len())]);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

#[test]
fn no_payload_survives_the_comment_and_sanitiser_path() {
    let seconds: u64 = std::env::var("STUDYSITE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let seed = std::env::var("STUDYSITE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x005e_ed15);
    let mut rng = Rng(seed);
    let start = std::time::Instant::now();
    let mut runs = 0u64;
    while start.elapsed().as_secs() < seconds {
        let text = note(&mut rng);
        let Some(out) = studysite::testing::fuzz_site(&text, runs % 2 == 1) else {
            continue;
        };
        for (file, bytes) in &out.files {
            // The theme's own scripts are the same for every input and hold no payload.
            if file.ends_with(".css") || (file.ends_with(".js") && !file.contains("data") && !file.contains("search")) {
                continue;
            }
            let text_out = String::from_utf8_lossy(bytes);
            if let Some(p) = survivor(&text_out, file.contains("quiz-data")) {
                panic!("`{p}` survived as markup in {file} for the input:\n{text:?}");
            }
        }
        runs += 1;
    }
    eprintln!("{runs} inputs in {} s", start.elapsed().as_secs());
    assert!(runs > 0);
}
