//! Stage 4, write: the built site as an in-memory map of files, and the only code
//! that touches the output folder. It refuses dangerous folders, writes into a
//! temporary folder beside the output, and swaps it in at the end, so a failed build
//! leaves the previous output exactly as it was (SPEC §6).

mod lock;
mod place;
mod swap;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use lock::{OutputLock, lock, lock_path};
pub use place::{absolute, check_output_dir, output_location};
pub use swap::{Cleaned, clean};

use crate::diagnostics::Diagnostic;
pub use crate::sink::{MemorySink, Output, Sink};

/// Marks a folder as made by studysite; only such folders are replaced without `--force`.
pub const MARKER: &str = ".studysite-output";

/// A build being written: a temporary folder beside the output that files are
/// written into as they are rendered, swapped in by [`Staging::commit`]. Dropped
/// without a commit (an error anywhere in the build), it removes itself and the
/// previous output stays as it was. Take the output's [`lock`] first.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    paths: std::sync::Mutex<Paths>,
    committed: bool,
}

/// What has been written so far: files, and folders (made once each) with the first
/// file put in each, to name it if a file of the same name comes.
#[derive(Default)]
struct Paths {
    files: std::collections::HashSet<String>,
    folders: HashMap<String, String>,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, Diagnostic> {
        let out = output_location(out);
        let (parent, name) = swap::split(&out)?;
        std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "cannot create", e))?;
        swap::recover(&out)?;
        swap::check_replaceable(&out)?;
        let tmp = parent.join(swap::scratch_name(&name, "new"));
        let staging = Staging {
            out,
            tmp,
            paths: Default::default(),
            committed: false,
        };
        std::fs::create_dir_all(&staging.tmp).map_err(|e| staging.failed("", e))?;
        std::fs::write(
            staging.tmp.join(MARKER),
            "This folder is built by studysite; `studysite build` replaces it.\n",
        )
        .map_err(|e| staging.failed(MARKER, e))?;
        Ok(staging)
    }

    /// A write error, naming the file as it would be in the output.
    fn failed(&self, rel: &str, e: std::io::Error) -> Diagnostic {
        let shown = if rel.is_empty() {
            self.out.clone()
        } else {
            self.out.join(rel)
        };
        Diagnostic::error(&shown, format!("cannot write the new output: {e}")).with_help(format!(
            "nothing was replaced: the new output was being written to a temporary folder beside {}, \
which is removed again",
            self.out.display()
        ))
    }

    /// Records `rel` as written, making its folders; an error if a path of the output
    /// would have to be both a file and a folder (`a.html` and `a.html/b.png`), which no
    /// file system can hold.
    fn claim(&self, rel: &str) -> Result<(), Diagnostic> {
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        let clash = |file: &str, inner: &str| {
            Diagnostic::error(
                &self.out.join(file),
                format!("`{file}` would be both a file and the folder of `{inner}` in the output"),
            )
            .with_help("a file in static/ or content/ has the name of a page or another file; rename one of them")
        };
        if let Some(inner) = paths.folders.get(rel) {
            return Err(clash(rel, inner));
        }
        let mut at = rel;
        let mut new_folders = Vec::new();
        while let Some((folder, _)) = at.rsplit_once('/') {
            if paths.files.contains(folder) {
                return Err(clash(folder, rel));
            }
            if paths.folders.contains_key(folder) {
                break;
            }
            new_folders.push(folder);
            at = folder;
        }
        if let Some(deepest) = new_folders.first() {
            std::fs::create_dir_all(self.tmp.join(deepest)).map_err(|e| self.failed(rel, e))?;
        }
        for f in new_folders {
            paths.folders.insert(f.to_string(), rel.to_string());
        }
        paths.files.insert(rel.to_string());
        Ok(())
    }

    /// Swaps the finished build in for the previous output (see [`swap`]). A `.git`
    /// inside the old output (a folder or a worktree file) is carried over.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let swapped = swap::swap(&self.out, &self.tmp);
        // On a failure before the new folder went in, dropping it removes it.
        self.committed = swapped.is_ok() || !self.tmp.exists();
        swapped
    }
}

impl Sink for Staging {
    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.claim(&rel)?;
        std::fs::write(self.tmp.join(&rel), bytes).map_err(|e| self.failed(&rel, e))
    }

    fn put_parts(&self, rel: String, parts: Vec<Vec<u8>>) -> Result<(), Diagnostic> {
        use std::io::Write;
        self.claim(&rel)?;
        let mut file = std::fs::File::create(self.tmp.join(&rel)).map_err(|e| self.failed(&rel, e))?;
        for part in parts {
            file.write_all(&part).map_err(|e| self.failed(&rel, e))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && swap::deletable(&self.tmp) {
            let _ = swap::remove_ours(&self.tmp, &[]);
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn leftovers_of_killed_builds_go_but_never_a_git_or_a_foreign_folder() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let mut o = Output::default();
        o.add("index.html", "one");
        write(&out, &o).unwrap();
        let dir = |name: &str, marker: bool, git: bool| {
            let d = t.path().join(name);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join("index.html"), "x").unwrap();
            if marker {
                std::fs::write(d.join(MARKER), "").unwrap();
            }
            if git {
                std::fs::create_dir_all(d.join(".git")).unwrap();
            }
            d
        };
        let gone = [
            dir(".public.studysite-new-4194305", true, false),
            dir(".public.studysite-old-4194306", true, false),
        ];
        let kept = [
            dir(".public.studysite-new-4194307", true, true),
            dir(".public.studysite-new-4194308", false, false),
            dir(".public.studysite-newer-1", true, false),
            dir(".public.studysite-new-", true, false),
            dir(".other.studysite-new-4194309", true, false),
        ];
        write(&out, &o).unwrap();
        for d in &gone {
            assert!(!d.exists(), "{}", d.display());
        }
        for d in &kept {
            assert!(d.join("index.html").exists(), "{}", d.display());
        }
        // A replaced output whose successor never arrived is not garbage.
        std::fs::remove_dir_all(&out).unwrap();
        let old = dir(".public.studysite-old-4194310", true, false);
        swap::remove_leftovers(t.path(), "public", false);
        assert!(old.exists());
    }

    #[test]
    fn a_path_that_is_both_file_and_folder_is_refused_in_either_order() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let mut o = Output::default();
        o.add("index.html", "one");
        write(&out, &o).unwrap();
        let mut bad = Output::default();
        bad.add("ec2.html", "page");
        bad.add("ec2.html/deep/x.png", "static");
        let e = write(&out, &bad).unwrap_err();
        assert_eq!(
            e.message,
            "`ec2.html` would be both a file and the folder of `ec2.html/deep/x.png` in the output"
        );
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 1);
        // Files arrive in any order while pages render in parallel.
        let staging = Staging::new(&out).unwrap();
        staging.put("a/b/c.png".into(), b"x".to_vec()).unwrap();
        let e = staging.put("a/b".into(), b"page".to_vec()).unwrap_err();
        assert_eq!(
            e.message,
            "`a/b` would be both a file and the folder of `a/b/c.png` in the output"
        );
        drop(staging);
        assert_eq!(
            std::fs::read_dir(t.path()).unwrap().count(),
            1,
            "staging folder removed"
        );
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
        assert_eq!(clean(&root, &out).unwrap(), Cleaned::Removed);
        assert!(!out.exists());
        assert_eq!(clean(&root, &out).unwrap(), Cleaned::Nothing);
        assert_eq!(std::fs::read_dir(&root).unwrap().count(), 0, "no trash, no lock left");
    }

    #[test]
    fn clean_keeps_a_git_and_the_marker() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let mut o = Output::default();
        o.add("index.html", "one");
        o.add("a/b.html", "b");
        write(&out, &o).unwrap();
        std::fs::create_dir_all(out.join(".git/objects")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
        assert_eq!(clean(t.path(), &out).unwrap(), Cleaned::KeptGit);
        let mut left: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, [".git", MARKER]);
        assert_eq!(std::fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        // Still ours: a build replaces it without --force and keeps the .git.
        assert!(check_output_dir(t.path(), &out, false).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn clean_never_follows_a_linked_output() {
        let t = tempfile::tempdir().unwrap();
        let elsewhere = t.path().join("elsewhere");
        let mut o = Output::default();
        o.add("index.html", "one");
        write(&elsewhere, &o).unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("public")).unwrap();
        let e = clean(&root, &root.join("public")).unwrap_err();
        assert!(e.message.contains("symbolic link"), "{}", e.message);
        assert!(elsewhere.join("index.html").exists());
    }
}
