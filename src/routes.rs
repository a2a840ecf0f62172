//! Output names every stage needs (a leaf module: it imports nothing of the crate): how
//! a site names its files and URLs, and where the generated pages are.

use serde::{Deserialize, Serialize};

/// How pages are named: `"file"` (`ec2.html`, linked as a file, works from `file://`)
/// or `"pretty"` (`ec2/index.html`, linked as `ec2/`). Set by `url_style` in the
/// configuration.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UrlStyle {
    #[serde(alias = "ugly")]
    File,
    Pretty,
}

/// The generated pages notes may link to as if they were files beside them
/// (`[quiz](quiz.html)`).
pub const GENERATED: [&str; 3] = ["questions", "quiz", "cheatsheet"];

/// Output file and URL of a generated page (`questions`, `quiz`, `cheatsheet`).
pub fn special_path(name: &str, style: UrlStyle) -> (String, String) {
    match style {
        UrlStyle::File => (format!("{name}.html"), format!("{name}.html")),
        UrlStyle::Pretty => (format!("{name}/index.html"), format!("{name}/")),
    }
}
