//! The output folder's lock: one build (or `clean`) at a time per output folder.

use std::path::{Path, PathBuf};

use super::io_error;
use super::place::output_location;
use crate::diagnostics::Diagnostic;

/// The lock file of an output folder: `.<name>.studysite-lock` in the folder's parent
/// (beside the output, not in it, so the swap never moves it).
pub fn lock_path(out: &Path) -> PathBuf {
    let out = output_location(out);
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
    let out = output_location(out);
    let path = lock_path(&out);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, "cannot create", e))?;
    }
    for _ in 0..100 {
        let mut file = open_no_follow(&path)?;
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

/// Opens (or makes) the lock file itself: a symbolic link or anything but a regular
/// file in its place is an error, never written through.
fn open_no_follow(path: &Path) -> Result<std::fs::File, Diagnostic> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let not_a_file = || {
        Diagnostic::error(
            path,
            "the lock file is not a regular file (a symbolic link?); not touching it",
        )
        .with_help("remove it yourself if nothing of yours is behind it, and build again")
    };
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) {
        return Err(not_a_file());
    }
    let file = options.open(path).map_err(|e| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            not_a_file()
        } else {
            io_error(path, "cannot create the lock file", e)
        }
    })?;
    if !file.metadata().is_ok_and(|m| m.file_type().is_file()) {
        return Err(not_a_file());
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::absolute;

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

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_never_written_through() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let victim = t.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, lock_path(&out)).unwrap();
        let e = lock(&out).unwrap_err();
        assert!(e.message.contains("not a regular file"), "{}", e.message);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        std::fs::remove_file(lock_path(&out)).unwrap();
        std::os::unix::fs::symlink(t.path().join("missing"), lock_path(&out)).unwrap();
        assert!(lock(&out).is_err());
        assert!(
            !t.path().join("missing").exists(),
            "a dangling link is not followed either"
        );
    }
}
