//! TeX that pulldown-latex lacks, rewritten around it: `\boxed{…}` and a display
//! formula's `\tag{…}` / `\tag*{…}` (amsmath; KaTeX and MathJax know both).
//!
//! - `\boxed{x}` is converted as `\textcolor{<sentinel>}{x}`, whose `<mrow style="color:
//!   …">` then becomes `<mrow class="boxed">`, drawn with a border by math.css (MathML
//!   Core, which Chromium implements, has no `<menclose>`). A formula that already uses
//!   the sentinel colour is left as it is (and so stays "not converted").
//! - One `\tag{n}` outside braces and environments is taken out of the formula and
//!   written as the equation number `(n)` (`\tag*{n}`: `n`) at the inline end of the
//!   line, the formula centred (a grid in math.css, so right-to-left pages put it on the
//!   left). Inline formulas keep theirs, which amsmath rejects too.

/// The colour `\boxed` is converted as: `#010b0d`, written by pulldown-latex as below.
const SENTINEL: &str = "#010b0d";
const SENTINEL_STYLE: &str = "<mrow style=\"color: rgb(1 11 13)\">";

/// A formula with what pulldown-latex cannot convert taken out.
#[derive(Debug, PartialEq, Eq)]
pub struct Rewritten {
    pub tex: String,
    /// `\boxed` was rewritten: [`finish`] must turn the sentinel into the box.
    pub boxed: bool,
    /// The equation number as shown, with its parentheses.
    pub tag: Option<String>,
}

/// `None`: nothing to rewrite (the formula is converted as written).
pub fn rewrite(tex: &str, display: bool) -> Option<Rewritten> {
    let has_boxed = !commands(tex, "\\boxed").is_empty();
    let tags = commands(tex, "\\tag");
    if !has_boxed && tags.is_empty() {
        return None;
    }
    let mut out = tex.to_string();
    let mut tag = None;
    if display && tags.len() == 1 && at_top_level(tex, tags[0]) {
        let at = tags[0];
        let after = &tex[at + 4..];
        let (star, rest) = match after.strip_prefix('*') {
            Some(r) => (true, r),
            None => (false, after),
        };
        let skipped = rest.len() - rest.trim_start().len();
        if let Some(len) = braced(rest.trim_start()).filter(|n| {
            let inner = &rest.trim_start()[1..n - 1];
            !inner.contains(['\\', '$', '{', '}'])
        }) {
            let inner = rest.trim_start()[1..len - 1].trim();
            tag = Some(if star { inner.to_string() } else { format!("({inner})") });
            let end = at + 4 + usize::from(star) + skipped + len;
            out.replace_range(at..end, "");
        }
    }
    let boxed = has_boxed && !tex.to_ascii_lowercase().contains(SENTINEL);
    if boxed {
        for at in commands(&out, "\\boxed").into_iter().rev() {
            out.replace_range(at..at + 6, &format!("\\textcolor{{{SENTINEL}}}"));
        }
    }
    (boxed || tag.is_some()).then_some(Rewritten { tex: out, boxed, tag })
}

/// The converted MathML with the boxes and the equation number in place.
pub fn finish(mathml: String, rewritten: &Rewritten) -> String {
    let mathml = if rewritten.boxed {
        mathml.replace(SENTINEL_STYLE, "<mrow class=\"boxed\">")
    } else {
        mathml
    };
    match &rewritten.tag {
        Some(tag) => format!(
            "<span class=\"math-tagged\">{mathml}<span class=\"math-tag\">{}</span></span>",
            crate::util::escape_html(tag)
        ),
        None => mathml,
    }
}

/// Offsets of `name` as a command (not `\\name`, not `\nameX`).
fn commands(tex: &str, name: &str) -> Vec<usize> {
    tex.match_indices(name)
        .filter(|(i, _)| {
            let escaped = tex[..*i].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1;
            let next = tex[i + name.len()..].chars().next();
            !escaped && !next.is_some_and(|c| c.is_ascii_alphabetic())
        })
        .map(|(i, _)| i)
        .collect()
}

/// Whether `at` is outside every group and environment.
fn at_top_level(tex: &str, at: usize) -> bool {
    let before = &tex.as_bytes()[..at];
    let (mut depth, mut i) = (0i32, 0);
    while i < before.len() {
        match before[i] {
            // An escaped character (`\{`, `\\`) opens nothing.
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    let before = &tex[..at];
    let envs = commands(before, "\\begin").len() as i32 - commands(before, "\\end").len() as i32;
    depth == 0 && envs == 0
}

/// Length of the `{…}` group `s` starts with, braces balanced.
fn braced(s: &str) -> Option<usize> {
    if !s.starts_with('{') {
        return None;
    }
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxed_becomes_the_sentinel_colour() {
        let r = rewrite(r"\boxed{x^2} + \boxed y", false).unwrap();
        assert_eq!(r.tex, r"\textcolor{#010b0d}{x^2} + \textcolor{#010b0d} y");
        assert!(r.boxed && r.tag.is_none());
        assert!(rewrite(r"\boxedx \\boxed", false).is_none());
        assert!(rewrite(r"\textcolor{#010B0D}{a} \boxed{b}", false).is_none());
    }

    #[test]
    fn one_top_level_tag_in_a_display_formula() {
        let r = rewrite(r"a = b \tag{1.2}", true).unwrap();
        assert_eq!((r.tex.as_str(), r.tag.as_deref()), ("a = b ", Some("(1.2)")));
        let r = rewrite(r"a \tag* {A}", true).unwrap();
        assert_eq!(r.tag.as_deref(), Some("A"));
        // Inline, twice, inside a group or an environment, or with TeX inside: as written.
        assert!(rewrite(r"a \tag{1}", false).is_none());
        assert!(rewrite(r"a \tag{1} \\ b \tag{2}", true).is_none());
        assert!(rewrite(r"{a \tag{1}}", true).is_none());
        assert!(rewrite(r"\begin{align}a \tag{1}\end{align}", true).is_none());
        assert!(rewrite(r"a \tag{$\ast$}", true).is_none());
    }

    #[test]
    fn finish_draws_the_box_and_the_number() {
        let r = rewrite(r"\boxed{x} \tag{<1>}", true).unwrap();
        let out = finish(format!("<math>{SENTINEL_STYLE}<mi>x</mi></mrow></math>"), &r);
        assert_eq!(
            out,
            "<span class=\"math-tagged\"><math><mrow class=\"boxed\"><mi>x</mi></mrow></math><span class=\"math-tag\">(&lt;1&gt;)</span></span>"
        );
    }
}
