//! What the include directives of other tools share (mdBook's `{{#include}}`,
//! [`crate::mdbook`]; pymdownx's `--8<--`, [`crate::snippets`]): the confined read of an
//! included file, a range of its lines, and what a page's directives used.

use std::path::{Path, PathBuf};

/// The largest file an include reads (the limit of a note).
pub const MAX_INCLUDE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep included files may include others (mdBook and pymdownx expand them
/// recursively too).
pub const MAX_DEPTH: usize = 8;

/// A problem with one directive: the message and the help.
pub type Problem = (String, &'static str);

/// What a page's directives used, found while they were expanded.
#[derive(Debug, Default, Clone)]
pub struct Used {
    /// Every file included (canonical paths), nested ones too.
    pub files: Vec<PathBuf>,
    /// mdBook's `{{#title …}}`: the page's HTML `<title>`.
    pub title: Option<String>,
}

/// The canonical path of `target` when it exists and is inside `site_root`.
/// `Ok(None)`: there is no such file; `file` is the path as written, for the message.
pub fn locate(target: &Path, site_root: &Path) -> Result<Option<PathBuf>, Problem> {
    let Ok(real) = target.canonicalize() else {
        return Ok(None);
    };
    if !real.starts_with(site_root) {
        return Err((
            "the file is outside the site folder".into(),
            "studysite reads nothing outside the site root",
        ));
    }
    Ok(Some(real))
}

/// Reads a located file (a file of text under 8 MiB). `file` is the path as written.
pub fn read(real: &Path, file: &str) -> Result<String, Problem> {
    let size = std::fs::metadata(real).map(|m| m.len()).unwrap_or(0);
    if !real.is_file() || size > MAX_INCLUDE_BYTES {
        return Err(("not a file of text under 8 MiB".into(), "include a source file"));
    }
    std::fs::read_to_string(real).map_err(|e| (format!("cannot read `{file}`: {e}"), "save it as UTF-8"))
}

/// The lines `from..to` (0-based, `to` exclusive; None: to the end), clamped to the
/// file: a range past its end is empty.
pub fn slice<'a>(lines: &[&'a str], from: usize, to: Option<usize>) -> Vec<&'a str> {
    let to = to.unwrap_or(lines.len()).min(lines.len());
    lines.get(from.min(to)..to).unwrap_or(&[]).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_are_clamped_to_the_file() {
        let lines = ["a", "b", "c"];
        assert_eq!(slice(&lines, 1, None), ["b", "c"]);
        assert_eq!(slice(&lines, 0, Some(2)), ["a", "b"]);
        assert_eq!(slice(&lines, 2, Some(9)), ["c"]);
        assert!(slice(&lines, 5, Some(9)).is_empty());
        assert!(slice(&lines, 2, Some(1)).is_empty());
    }

    #[test]
    fn a_file_outside_the_site_is_refused_and_a_missing_one_is_none() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().canonicalize().unwrap().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(t.path().join("secret.txt"), "x").unwrap();
        std::fs::write(root.join("a.md"), "text").unwrap();
        assert!(locate(&root.join("../secret.txt"), &root).is_err());
        assert_eq!(locate(&root.join("nope.md"), &root).unwrap(), None);
        let real = locate(&root.join("a.md"), &root).unwrap().unwrap();
        assert_eq!(read(&real, "a.md").unwrap(), "text");
        assert!(read(&root, "site").is_err(), "a folder is not read");
    }
}
