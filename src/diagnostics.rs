//! User-facing problems: `path:line:col: error|warning: message`, a snippet with a
//! caret, an optional hint. Every stage collects them instead of stopping at the first.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::util::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Absolute path of the file the problem is in.
    pub path: PathBuf,
    /// 1-based line in the whole file (front matter counted); 0 when not tied to a line.
    pub line: usize,
    /// 1-based column in characters; 0 when not tied to a column.
    pub col: usize,
    pub message: String,
    /// The offending source line, shown under the message.
    pub snippet: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// An error in a question that `[questions] lenient = true` would turn into a
    /// warning (the question left out): counted for [`lenient_hint`].
    pub malformed_question: bool,
}

impl Diagnostic {
    pub fn error(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            message: message.into(),
            snippet: None,
            help: None,
            malformed_question: false,
        }
    }

    pub fn warning(path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at a 1-based line and column, taking the snippet from `source`.
    pub fn at(self, source: &str, line: usize, col: usize) -> Self {
        self.at_indexed(&LineIndex::new(source), source, line, col)
    }

    /// [`Diagnostic::at`] with the source's line index built once by the caller (many
    /// diagnostics on one page: building it for each grew with their number × the size).
    pub fn at_indexed(mut self, index: &LineIndex, source: &str, line: usize, col: usize) -> Self {
        self.line = line;
        self.col = col;
        if line > 0 {
            let text = index.line_text(source, line);
            if !text.trim().is_empty() {
                self.snippet = Some(text.to_string());
            }
        }
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic, with ANSI colour when `color` is set.
    pub fn render(&self, color: bool) -> String {
        let (red, yellow, bold, blue, reset) = if color {
            ("\x1b[1;31m", "\x1b[1;33m", "\x1b[1m", "\x1b[1;34m", "\x1b[0m")
        } else {
            ("", "", "", "", "")
        };
        use crate::util::terminal_safe;
        let mut out = String::new();
        let path = crate::util::path_text(&self.path);
        let path = terminal_safe(&path);
        let location = match (self.line, self.col) {
            (0, _) => path.to_string(),
            (l, 0) => format!("{path}:{l}"),
            (l, c) => format!("{path}:{l}:{c}"),
        };
        let (label, colour) = match self.severity {
            Severity::Error => ("error", red),
            Severity::Warning => ("warning", yellow),
        };
        let _ = write!(
            out,
            "{bold}{location}:{reset} {colour}{label}:{reset} {bold}{}{reset}",
            terminal_safe(&self.message)
        );
        if let Some(snippet) = &self.snippet {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let shown: String = snippet.chars().take(200).collect();
            let shown = terminal_safe(&shown);
            let _ = write!(out, "\n{blue}{pad} |{reset}\n{blue}{num} |{reset} {shown}");
            if self.col > 0 {
                let before: String = snippet.chars().take(self.col - 1).collect();
                let caret_pad: String = terminal_safe(&before)
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = write!(out, "\n{blue}{pad} |{reset} {caret_pad}{colour}^{reset}");
            }
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  = help: {}", terminal_safe(help));
        }
        out
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Whether stderr should get colour: a terminal, `NO_COLOR` unset (any value disables,
/// per no-color.org), `CLICOLOR_FORCE` forces it.
pub fn stderr_color() -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
    if set("NO_COLOR") {
        return false;
    }
    if set("CLICOLOR_FORCE") {
        return true;
    }
    std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// When many of the errors are malformed questions (an imported bank, most likely),
/// what to do about them all at once: the line printed after the error count.
pub fn lenient_hint(diags: &[Diagnostic]) -> Option<String> {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let questions = diags.iter().filter(|d| d.is_error() && d.malformed_question).count();
    if questions < 10 && !(questions >= 3 && questions * 2 > errors) {
        return None;
    }
    let of = if questions == errors {
        format!("All {errors} errors are")
    } else {
        format!("{questions} of the {errors} errors are")
    };
    Some(format!(
        "{of} broken questions (no option ticked, an option without a checkbox, …).\n\
         If these pages are an imported question bank, add this to studysite.toml:\n\n    \
         [questions]\n    lenient = true\n\n\
         Then the bank's conventions are accepted, and each broken question becomes a warning\n\
         and is left out while the rest of the site builds."
    ))
}

/// Sorts diagnostics by file, line and column so output is deterministic.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_caret_and_help() {
        let src = "+++\ntitle = 1\n+++\n";
        let d = Diagnostic::error(Path::new("/site/content/a.md"), "wrong type")
            .at(src, 2, 9)
            .with_help("write a string");
        let text = d.render(false);
        assert_eq!(
            text,
            "/site/content/a.md:2:9: error: wrong type\n  |\n2 | title = 1\n  |         ^\n  = help: write a string"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::warning(Path::new("/a.md"), "x");
        assert!(!d.render(false).contains('\x1b'));
        assert!(d.render(true).contains("\x1b[1;33m"));
    }
}
