//! Stage 4, write: the built site as an in-memory map of files, and the only code
//! that touches the output folder. It refuses dangerous folders, writes into a
//! temporary folder beside the output, and swaps it in at the end, so a failed build
//! leaves the previous output exactly as it was (SPEC §6).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Marks a folder as made by studysite; only such folders are replaced without `--force`.
pub const MARKER: &str = ".studysite-output";

/// Every file of the built site: path relative to the output root → bytes.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many search units the index holds (for the summary line).
    pub search_units: usize,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

/// Makes a path absolute and resolves `.`/`..` and links as far as it exists.
pub fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Canonicalise the longest existing ancestor, then append the rest.
    let mut existing = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for r in rest.iter().rev() {
                if r == ".." {
                    out.pop();
                } else if r != "." {
                    out.push(r);
                }
            }
            return out;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => return abs,
        }
    }
}

/// Refuses output folders whose replacement would destroy the user's work: the site
/// root, its content/templates/static folders or anything inside them, any parent of
/// the site, the home folder and `/`; and an existing folder studysite did not make
/// (unless `force`).
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let refuse = |why: &str| {
        Diagnostic::error(&out, format!("refusing to use this folder as the output: {why}"))
            .with_help("choose a separate folder with -o, e.g. `-o public`")
    };
    if out.parent().is_none() {
        return Err(refuse("it is the file system root"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out
    {
        return Err(refuse("it is your home folder"));
    }
    if root.starts_with(&out) {
        return Err(refuse("it is the site folder or one of its parents"));
    }
    for sub in ["content", "templates", "static"] {
        if out.starts_with(root.join(sub)) {
            return Err(refuse(&format!("it is inside the site's {sub}/ folder")));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(refuse("it exists and is not a folder"));
        }
        let ours = out.join(MARKER).is_file();
        let empty = std::fs::read_dir(&out).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !ours && !empty && !force {
            return Err(Diagnostic::error(
                &out,
                "output folder exists and was not made by studysite; it would be replaced",
            )
            .with_help("pass --force to replace it, or choose another folder with -o"));
        }
    }
    Ok(())
}

/// Where rendered files go as they are made: kept in memory ([`Output`], for `serve`
/// and `check`) or written straight into the staging folder ([`Staging`], for
/// `build`), so a large site is never held in memory whole.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic>;
}

/// An in-memory sink: the files end up in an [`Output`].
#[derive(Default)]
pub struct MemorySink(std::sync::Mutex<Output>);

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).add(path, bytes);
        Ok(())
    }
}

/// A build being written: a temporary folder beside the output that files are
/// written into as they are rendered, swapped in by [`Staging::commit`]. Dropped
/// without a commit (an error anywhere in the build), it removes itself and the
/// previous output stays as it was.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// Folders already made, so each is created once.
    dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        let out = absolute(out);
        let parent = out
            .parent()
            .ok_or_else(|| Diagnostic::error(&out, "output folder has no parent"))?
            .to_path_buf();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "cannot create", e))?;
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.studysite-new-{pid}"));
        let old = parent.join(format!(".{name}.studysite-old-{pid}"));
        let _ = std::fs::remove_dir_all(&tmp);
        let staging = Staging {
            out,
            tmp,
            old,
            dirs: Default::default(),
            committed: false,
        };
        std::fs::create_dir_all(&staging.tmp).map_err(|e| io_error(&staging.tmp, "cannot create", e))?;
        std::fs::write(
            staging.tmp.join(MARKER),
            "This folder is built by studysite; `studysite build` replaces it.\n",
        )
        .map_err(|e| io_error(&staging.tmp, "cannot write", e))?;
        Ok(staging)
    }

    /// Swaps the finished build in for the previous output. A `.git` inside the old
    /// output (a folder or a worktree file) is carried over.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let (out, tmp, old) = (&self.out, &self.tmp, &self.old);
        if out.exists() {
            // Keep the user's .git (GitHub Pages branches live in the output folder).
            let git = out.join(".git");
            if git.exists() {
                std::fs::rename(&git, tmp.join(".git")).map_err(|e| io_error(&git, "cannot move", e))?;
            }
            if let Err(e) = std::fs::rename(out, old) {
                if tmp.join(".git").exists() {
                    let _ = std::fs::rename(tmp.join(".git"), &git);
                }
                return Err(io_error(out, "cannot move the previous output aside", e));
            }
        }
        if let Err(e) = std::fs::rename(tmp, out) {
            // Put the previous output back (with its .git).
            let _ = std::fs::rename(old, out);
            if tmp.join(".git").exists() {
                let _ = std::fs::rename(tmp.join(".git"), out.join(".git"));
            }
            return Err(io_error(out, "cannot move the new output into place", e));
        }
        self.committed = true;
        if old.exists() {
            let _ = std::fs::remove_dir_all(old);
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        let path = self.tmp.join(&rel);
        if let Some(p) = path.parent()
            && !self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(p)
        {
            std::fs::create_dir_all(p).map_err(|e| io_error(p, "cannot create", e))?;
            self.dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(p.to_path_buf());
        }
        std::fs::write(&path, bytes).map_err(|e| io_error(&path, "cannot write", e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Writes an in-memory `output` to `out` through a [`Staging`] folder.
pub fn write(out: &Path, output: &Output) -> Result<(), Diagnostic> {
    let staging = Staging::new(out)?;
    for (rel, bytes) in &output.files {
        staging.put(rel.clone(), bytes.clone())?;
    }
    staging.commit()
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{what} {}: {e}", path.display()))
}

/// Removes an output folder, but only one studysite made.
pub fn clean(root: &Path, out: &Path) -> Result<bool, Diagnostic> {
    let out_abs = absolute(out);
    if !out_abs.exists() {
        return Ok(false);
    }
    check_output_dir(root, &out_abs, false)?;
    if !out_abs.join(MARKER).is_file() {
        return Err(
            Diagnostic::error(&out_abs, "not removing a folder studysite did not make")
                .with_help("it has no .studysite-output marker; delete it yourself if you are sure"),
        );
    }
    std::fs::remove_dir_all(&out_abs).map_err(|e| io_error(&out_abs, "cannot remove", e))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_parents_and_source_folders() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            t.path().to_path_buf(),
            root.join("content"),
            root.join("content/x"),
            root.join("static"),
            PathBuf::from("/"),
        ] {
            assert!(check_output_dir(&root, &bad, true).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(&root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn foreign_folder_needs_force_and_ours_does_not() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "x").unwrap();
        assert!(check_output_dir(t.path().join("site").as_path(), &out, false).is_err());
        assert!(check_output_dir(t.path().join("site").as_path(), &out, true).is_ok());
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_output_dir(t.path().join("site").as_path(), &out, false).is_ok());
    }

    #[test]
    fn write_swaps_in_and_keeps_git() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let mut o = Output::default();
        o.add("index.html", "one");
        write(&out, &o).unwrap();
        std::fs::create_dir_all(out.join(".git")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        let mut o2 = Output::default();
        o2.add("index.html", "two");
        o2.add("a/b.html", "b");
        write(&out, &o2).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(std::fs::read_to_string(out.join("a/b.html")).unwrap(), "b");
        assert!(!out.join("stale.html").exists());
        assert_eq!(std::fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        let leftovers: Vec<_> = std::fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn clean_removes_only_our_folders() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = root.join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("x"), "").unwrap();
        assert!(clean(&root, &out).is_err());
        assert!(out.join("x").exists());
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(clean(&root, &out).unwrap());
        assert!(!out.exists());
    }
}
