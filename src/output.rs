//! Stage 4, write: the built site as an in-memory map of files, and the only code
//! that touches the output folder. It refuses dangerous folders, writes into a
//! temporary folder beside the output, and swaps it in at the end, so a failed build
//! leaves the previous output exactly as it was (SPEC §6).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
pub use crate::sink::{MemorySink, Output, Sink};
pub use crate::util::absolute;

/// Marks a folder as made by studysite; only such folders are replaced without `--force`.
pub const MARKER: &str = ".studysite-output";

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

/// The lock file of an output folder: `.<name>.studysite-lock` in the folder's parent
/// (beside the output, not in it, so the swap never moves it).
pub fn lock_path(out: &Path) -> PathBuf {
    let out = absolute(out);
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.parent().unwrap_or(&out).join(format!(".{name}.studysite-lock"))
}

/// An exclusive hold on an output folder, so two builds (or a build and a `clean`)
/// never write it at the same time (reliability.md §4 case 31). It is an advisory lock
/// of the operating system on the lock file, so it ends with the process however the
/// process ends: a build that was killed leaves no stale lock behind. The lock file
/// holds the process id, for the message another build shows, and is removed when the
/// lock is released.
#[derive(Debug)]
pub struct OutputLock {
    file: std::fs::File,
    path: PathBuf,
}

impl OutputLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked: whoever opened the file meanwhile finds, once it
        // gets the lock, that the file is no longer the one at the path, and tries again.
        // (Windows does not let an open file go away; there the file stays, unlocked.)
        if cfg!(unix) && same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

/// Whether `file` is the file at `path` now (always assumed off Unix).
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Takes the output folder's lock without waiting: an error naming the lock, the
/// process holding it and what to do when another build has it.
pub fn lock(out: &Path) -> Result<OutputLock, Diagnostic> {
    use std::io::Write as _;
    let out = absolute(out);
    let path = lock_path(&out);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "cannot create", e))?;
    }
    for _ in 0..100 {
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_error(&path, "cannot create the lock file", e))?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| t.trim().parse::<u32>().ok())
                    .map_or(String::new(), |pid| format!(" (process {pid})"));
                return Err(Diagnostic::error(
                    &path,
                    format!("another studysite build{holder} is writing {} right now", out.display()),
                )
                .with_help(
                    "wait until it has finished and build again, or stop it; the lock ends with that \
process, so there is no file to delete",
                ));
            }
            Err(fs4::TryLockError::Error(e)) => return Err(io_error(&path, "cannot lock", e)),
        }
        if !same_file(&file, &path) {
            continue; // the previous holder removed it as we got it: lock the new one
        }
        // The process id is for the message of a build that finds the lock taken.
        let _ = file.set_len(0).and_then(|()| writeln!(file, "{}", std::process::id()));
        return Ok(OutputLock { file, path });
    }
    Err(Diagnostic::error(
        &path,
        "cannot lock the output folder: its lock file keeps changing",
    ))
}

/// Removes what a build that was killed left beside the output: `.<name>.studysite-new-*`
/// (an unfinished build) and `.<name>.studysite-old-*` (a replaced output). Runs under
/// the lock, so no other build is using them; only folders that carry the marker and
/// hold no `.git` go (a `.git` in one is the user's, moved there during a swap).
fn remove_leftovers(parent: &Path, name: &str, out_exists: bool) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let new = format!(".{name}.studysite-new-");
    let old = format!(".{name}.studysite-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = match (file_name.strip_prefix(&new), file_name.strip_prefix(&old)) {
            (Some(pid), _) => pid,
            // A replaced output is only garbage once a newer one is in place.
            (None, Some(pid)) if out_exists => pid,
            _ => continue,
        };
        let path = entry.path();
        let ours = !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && path.join(MARKER).is_file()
            && std::fs::symlink_metadata(path.join(".git")).is_err();
        if ours {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// A build being written: a temporary folder beside the output that files are
/// written into as they are rendered, swapped in by [`Staging::commit`]. Dropped
/// without a commit (an error anywhere in the build), it removes itself and the
/// previous output stays as it was. Take the output's [`lock`] first.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
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
        remove_leftovers(&parent, &name, out.join(MARKER).is_file());
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.studysite-new-{pid}"));
        let old = parent.join(format!(".{name}.studysite-old-{pid}"));
        let _ = std::fs::remove_dir_all(&tmp);
        let staging = Staging {
            out,
            tmp,
            old,
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
    let _lock = lock(&out_abs)?;
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
    fn lock_is_exclusive_names_its_holder_and_goes_away() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let held = lock(&out).unwrap();
        assert_eq!(held.path(), t.path().join(".public.studysite-lock"));
        assert_eq!(
            std::fs::read_to_string(held.path()).unwrap(),
            format!("{}\n", std::process::id())
        );
        let busy = lock(&out).unwrap_err();
        assert_eq!(busy.path, held.path());
        assert_eq!(
            busy.message,
            format!(
                "another studysite build (process {}) is writing {} right now",
                std::process::id(),
                absolute(&out).display()
            )
        );
        // Another output folder in the same parent has a lock of its own.
        let other = lock(&t.path().join("site2")).unwrap();
        drop(held);
        assert!(!t.path().join(".public.studysite-lock").exists(), "removed on release");
        let again = lock(&out).unwrap();
        drop((again, other));
        let left: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn a_lock_file_nobody_holds_is_not_a_lock() {
        // A build killed with SIGKILL leaves its file; the OS lock ended with it.
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        std::fs::write(lock_path(&out), "4194305\n").unwrap();
        let l = lock(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(l.path()).unwrap(),
            format!("{}\n", std::process::id())
        );
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
            dir(".public.studysite-new-x1", true, false),
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
        remove_leftovers(t.path(), "public", false);
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
        assert!(clean(&root, &out).unwrap());
        assert!(!out.exists());
    }
}
