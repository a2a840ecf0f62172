//! Build-time syntax highlighting with syntect, as CSS classes (`hl-…`), so one markup
//! serves the light, dark and print themes. The syntax set is loaded once per process
//! and shared by every page and every rebuild.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, css_for_theme_with_class_style, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::highlight_memo as memo;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Code longer than this, or with a line longer than `MAX_LINE`, is shown plain:
/// regex grammars can take super-linear time on pathological input.
pub const MAX_CODE_BYTES: usize = 256 * 1024;
pub const MAX_LINE: usize = 4_000;

pub struct Highlighter {
    pub(super) syntaxes: SyntaxSet,
    /// bat's larger set (two-face: TOML, Dockerfile, INI, nginx, PowerShell, TypeScript,
    /// Kotlin, Swift…), loaded the first time a fence names a language the default set
    /// lacks: a site that never does pays nothing for it.
    extra: OnceLock<SyntaxSet>,
}

/// How a fence's language resolved.
pub enum Highlighted {
    Html(String),
    /// A language we know is plain text (`text`, `output`, no language).
    Plain,
    /// A language no grammar knows.
    Unknown,
    /// Too large to highlight safely.
    TooLarge,
}

impl Highlighter {
    /// The process-wide highlighter (loading the grammars costs a few ms).
    pub fn shared() -> &'static Highlighter {
        static H: OnceLock<Highlighter> = OnceLock::new();
        H.get_or_init(|| Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            extra: OnceLock::new(),
        })
    }

    /// The grammar for a fence's language and the set it belongs to: syntect's default
    /// set first, then two-face's.
    fn syntax(&self, lang: &str) -> Option<(&SyntaxReference, &SyntaxSet)> {
        let lang = lang.to_ascii_lowercase();
        let token = alias(&lang);
        if let Some(s) = find_in(&self.syntaxes, token) {
            return Some((s, &self.syntaxes));
        }
        let extra = self.extra.get_or_init(two_face::syntax::extra_newlines);
        find_in(extra, token).map(|s| (s, extra))
    }

    pub fn is_plain(lang: &str) -> bool {
        matches!(
            lang.to_ascii_lowercase().as_str(),
            "" | "text"
                | "txt"
                | "plain"
                | "plaintext"
                | "nohighlight"
                | "no-highlight"
                | "output"
                | "diagram"
                | "ascii"
                | "none"
                | "mermaid"
        )
    }

    pub fn highlight(&self, code: &str, lang: &str) -> Highlighted {
        if Self::is_plain(lang) {
            return Highlighted::Plain;
        }
        let Some((syntax, set)) = self.syntax(lang) else {
            return Highlighted::Unknown;
        };
        if code.len() > MAX_CODE_BYTES || code.lines().any(|l| l.len() > MAX_LINE) {
            return Highlighted::TooLarge;
        }
        // syntect's `ClassedHTMLGenerator`, with each line's parse looked up first.
        let set_id = std::ptr::from_ref(set) as usize;
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut html = String::with_capacity(code.len() * 2);
        let mut open_spans = 0isize;
        for line in LinesWithEndings::from(code) {
            let ops = match memo::get(set_id, line, &state) {
                Some((ops, after)) => {
                    state = after;
                    ops
                }
                None => {
                    let before = memo::wants(set_id, line).then(|| state.clone());
                    let Ok(ops) = state.parse_line(line, set) else {
                        return Highlighted::Unknown;
                    };
                    if let Some(before) = before {
                        memo::put(set_id, line, before, &ops, &state);
                    }
                    ops
                }
            };
            let Ok((spans, delta)) = line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut stack) else {
                return Highlighted::Unknown;
            };
            open_spans += delta;
            html.push_str(&spans);
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Highlighted::Html(html)
    }

    /// CSS for the light theme (plain rules, also used in print) and the dark theme
    /// (scoped to `html[data-theme="dark"]` on screen, and to the system preference
    /// when no theme was chosen). The two themes sit in cascade layers, dark over light,
    /// and the dark layer first resets every token: a light rule more specific than any
    /// dark one (JSON keys, say) can then never paint dark-on-dark.
    ///
    /// The default pair's stylesheet is kept generated in `highlight-default.css` (a unit
    /// test regenerates and compares it): loading syntect's themes and writing their CSS
    /// cost about 4 % of building the bundled site.
    pub fn css(light: &str, dark: &str) -> Result<String, String> {
        if (light, dark) == (DEFAULT_LIGHT, DEFAULT_DARK) {
            return Ok(DEFAULT_CSS.to_string());
        }
        Self::generate_css(light, dark)
    }

    fn generate_css(light: &str, dark: &str) -> Result<String, String> {
        let themes = ThemeSet::load_defaults();
        let get = |name: &str| {
            themes.themes.get(name).ok_or_else(|| {
                let known: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
                format!("unknown highlight theme `{name}`; known: {}", known.join(", "))
            })
        };
        let light_css = css_for_theme_with_class_style(get(light)?, CLASS_STYLE).map_err(|e| e.to_string())?;
        let dark_css = css_for_theme_with_class_style(get(dark)?, CLASS_STYLE).map_err(|e| e.to_string())?;
        let light_css = readable_colors(&light_css, LIGHT_CODE_BG);
        let dark_css = readable_colors(&dark_css, DARK_CODE_BG);
        const RESET: &str = "[class*=\"hl-\"]{color:inherit;background-color:transparent;font-weight:inherit;font-style:inherit;text-decoration:inherit}\n";
        let mut out = String::from(
            "/* Generated by studysite from syntect themes. */\n@layer hl-light,hl-dark;\n@layer hl-light{\n",
        );
        out.push_str(&strip_comments(&light_css));
        out.push_str("}\n@layer hl-dark{\n@media screen{\n");
        out.push_str(&prefix_selectors(RESET, "html[data-theme=\"dark\"] "));
        out.push_str(&prefix_selectors(&dark_css, "html[data-theme=\"dark\"] "));
        out.push_str("}\n@media screen and (prefers-color-scheme:dark){\n");
        out.push_str(&prefix_selectors(RESET, "html:not([data-theme=\"light\"]) "));
        out.push_str(&prefix_selectors(&dark_css, "html:not([data-theme=\"light\"]) "));
        out.push_str("}\n}\n");
        Ok(out)
    }
}

use crate::config::{DEFAULT_HIGHLIGHT_THEME as DEFAULT_LIGHT, DEFAULT_HIGHLIGHT_THEME_DARK as DEFAULT_DARK};
/// [`Highlighter::css`] of the default themes, generated (see the test that keeps it).
const DEFAULT_CSS: &str = include_str!("highlight-default.css");

/// Names people give a fence's language, as the token a grammar knows.
fn alias(lang: &str) -> &str {
    match lang {
        "shell" | "console" | "terminal" | "zsh" | "sh" | "shell-session" | "sh-session" | "shellsession" | "ksh" => {
            "bash"
        }
        "jsonc" | "json5" | "geojson" => "json",
        "yml" => "yaml",
        "py" | "python3" | "boto3" => "python",
        "js" | "node" | "nodejs" => "javascript",
        "rs" => "rust",
        "c++" => "cpp",
        "golang" => "go",
        "tsql" | "t-sql" | "mysql" | "postgres" | "postgresql" | "psql" | "pgsql" | "plsql" | "sqlite" | "mssql" => {
            "sql"
        }
        "csharp" | "c#" => "cs",
        "objc" | "objectivec" => "objective-c",
        "make" => "makefile",
        "ps" | "pwsh" | "posh" | "ps1" => "powershell",
        "docker" | "containerfile" => "dockerfile",
        "batch" => "bat",
        "dotenv" => ".env",
        "dosini" | "properties" | "editorconfig" => "ini",
        "django" | "htmldjango" | "liquid" | "jekyll" => "jinja2",
        "react" => "jsx",
        other => other,
    }
}

fn find_in<'s>(set: &'s SyntaxSet, token: &str) -> Option<&'s SyntaxReference> {
    set.find_syntax_by_token(token)
        .or_else(|| set.find_syntax_by_name(token))
}

/// The code-block backgrounds of the default theme (`--code-bg` in style.css).
const LIGHT_CODE_BG: [u8; 3] = [0xf3, 0xf5, 0xf8];
const DARK_CODE_BG: [u8; 3] = [0x1c, 0x23, 0x2d];
/// WCAG AA for normal text is 4.5:1; a little margin for rounding.
const MIN_CONTRAST: f64 = 4.6;

/// Rewrites every `color: #rrggbb` of a theme's CSS that is too faint on `bg` (syntect's
/// themes colour comments and some tokens below 4.5:1): it is mixed toward black (on a light
/// background) or white (on a dark one) just enough to read. Readable colours are kept.
fn readable_colors(css: &str, bg: [u8; 3]) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("color:") {
        let is_background = rest[..at].ends_with("background-");
        out.push_str(&rest[..at + 6]);
        rest = &rest[at + 6..];
        let value = rest.trim_start();
        let skipped = rest.len() - value.len();
        let hex = value.strip_prefix('#').and_then(|v| v.get(..6));
        let rgb = hex
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| {
                value
                    .as_bytes()
                    .get(7)
                    .is_none_or(|b| !b.is_ascii_hexdigit())
                    .then_some(h)
            })
            .map(|h| [0, 2, 4].map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap_or(0)));
        match rgb {
            Some(c) if !is_background => {
                let c = readable(c, bg);
                out.push_str(&rest[..skipped]);
                out.push_str(&format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]));
                rest = &value[7..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// `fg`, mixed toward black or white (whichever is farther from `bg`) until it has
/// `MIN_CONTRAST` against `bg`.
fn readable(fg: [u8; 3], bg: [u8; 3]) -> [u8; 3] {
    let toward = if luminance(bg) > 0.5 { 0.0 } else { 255.0 };
    (0..=20)
        .map(|step| fg.map(|c| (f64::from(c) + (toward - f64::from(c)) * f64::from(step) / 20.0).round() as u8))
        .find(|&c| contrast(c, bg) >= MIN_CONTRAST)
        .unwrap_or([toward as u8; 3])
}

fn luminance(c: [u8; 3]) -> f64 {
    let [r, g, b] = c.map(|v| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    });
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start..].find("*/") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Puts `prefix` before every selector of every rule.
fn prefix_selectors(css: &str, prefix: &str) -> String {
    let css = strip_comments(css);
    let mut out = String::with_capacity(css.len() * 2);
    for rule in css.split_inclusive('}') {
        let Some((selectors, body)) = rule.split_once('{') else {
            out.push_str(rule);
            continue;
        };
        let list: Vec<String> = selectors
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| format!("{prefix}{s}"))
            .collect();
        if list.is_empty() {
            continue;
        }
        out.push_str(&list.join(","));
        out.push('{');
        out.push_str(body);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_prefixed_classes() {
        let h = Highlighter::shared();
        for lang in ["yaml", "json", "python", "bash", "shell", "yml"] {
            match h.highlight("a: 1\n", lang) {
                Highlighted::Html(html) => assert!(html.contains("class=\"hl-"), "{lang}: {html}"),
                _ => panic!("{lang} not highlighted"),
            }
        }
    }

    #[test]
    fn bats_languages_load_only_when_a_fence_names_one() {
        let h = Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            extra: OnceLock::new(),
        };
        for lang in ["yaml", "rust", "bash", "console", "c++", "tsql", "csharp"] {
            assert!(matches!(h.highlight("a = 1\n", lang), Highlighted::Html(_)), "{lang}");
        }
        assert!(h.extra.get().is_none(), "the default set's languages load nothing more");
        for lang in [
            "toml",
            "TOML",
            "Dockerfile",
            "docker",
            "ini",
            "nginx",
            "powershell",
            "ps1",
            "pwsh",
            "ts",
            "typescript",
            "tsx",
            "jsx",
            "kotlin",
            "swift",
            "hcl",
            "dotenv",
        ] {
            match h.highlight("[a]\nb = \"c\"\n", lang) {
                Highlighted::Html(html) => assert!(html.contains("class=\"hl-"), "{lang}: {html}"),
                _ => panic!("{lang} not highlighted"),
            }
        }
        assert!(h.extra.get().is_some());
        assert!(matches!(h.highlight("x", "sparql-ish"), Highlighted::Unknown));
    }

    #[test]
    fn plain_unknown_and_huge() {
        let h = Highlighter::shared();
        assert!(matches!(h.highlight("x", "text"), Highlighted::Plain));
        assert!(matches!(h.highlight("x", "no-such-lang"), Highlighted::Unknown));
        let long = "x".repeat(MAX_LINE + 1);
        assert!(matches!(h.highlight(&long, "python"), Highlighted::TooLarge));
    }

    #[test]
    fn the_kept_default_stylesheet_is_what_the_themes_generate() {
        let fresh = Highlighter::generate_css(DEFAULT_LIGHT, DEFAULT_DARK).unwrap();
        if fresh != DEFAULT_CSS && std::env::var_os("STUDYSITE_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/markdown/highlight-default.css");
            std::fs::write(path, &fresh).unwrap();
            return;
        }
        assert!(
            fresh == DEFAULT_CSS,
            "src/markdown/highlight-default.css is stale: run `STUDYSITE_BLESS=1 cargo test --lib kept_default` to regenerate it"
        );
        assert_eq!(Highlighter::css(DEFAULT_LIGHT, DEFAULT_DARK).unwrap(), fresh);
        assert_ne!(Highlighter::css("Solarized (light)", DEFAULT_DARK).unwrap(), fresh);
    }

    #[test]
    fn theme_colours_are_made_readable_on_the_code_background() {
        // InspiredGitHub's comments (#969896) and base16-ocean's (#65737e) are too faint.
        let css = ".a {\n color: #969896;\n background-color: #969896;\n}\n.b { color: #000000; }\n.c{color:#fff}";
        let out = readable_colors(css, LIGHT_CODE_BG);
        assert!(out.contains("background-color: #969896;"), "{out}");
        assert!(
            out.contains(".b { color: #000000; }") && out.ends_with("color:#fff}"),
            "{out}"
        );
        let faint = out.split("color: #").nth(1).unwrap();
        let c = [0, 2, 4].map(|i| u8::from_str_radix(&faint[i..i + 2], 16).unwrap());
        assert!(contrast(c, LIGHT_CODE_BG) >= 4.5, "{c:?}");
        assert!(contrast(readable([0x65, 0x73, 0x7e], DARK_CODE_BG), DARK_CODE_BG) >= 4.5);
        // Every colour of the default themes ends up readable.
        let all = Highlighter::generate_css(DEFAULT_LIGHT, DEFAULT_DARK).unwrap();
        let (light, dark) = all.split_once("@layer hl-dark").unwrap();
        for (part, bg) in [(light, LIGHT_CODE_BG), (dark, DARK_CODE_BG)] {
            let mut checked = 0;
            for (at, _) in part.match_indices("color:") {
                let value = part[at + 6..].trim_start();
                let hex = value.strip_prefix('#').and_then(|v| v.get(..6));
                if part[..at].ends_with("background-") {
                    continue;
                }
                if let Some(n) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
                    let c = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
                    assert!(contrast(c, bg) >= 4.5, "#{n:06x} on {bg:?}");
                    checked += 1;
                }
            }
            assert!(checked > 20, "{checked} colours checked");
        }
    }

    #[test]
    fn css_has_light_and_scoped_dark_rules() {
        let css = Highlighter::css("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains(".hl-"));
        assert!(css.contains("html[data-theme=\"dark\"] .hl-"));
        assert!(css.contains("prefers-color-scheme:dark"));
        assert!(
            Highlighter::css("Nope", "base16-ocean.dark")
                .unwrap_err()
                .contains("known")
        );
    }
}
