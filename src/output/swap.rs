//! The staging folder a build writes into, and the swap that puts it in place of the
//! previous output: recoverable, so a build killed at any moment (SIGKILL, power loss)
//! leaves a state the next `build` or `clean` finishes or undoes (issue 15).
//!
//! Beside the output `public` live, only ever under the output's lock:
//! - `.public.studysite-new-<pid>-<nonce>`: a build being written;
//! - `.public.studysite-old-<pid>-<nonce>`: the previous output, moved aside;
//! - `.public.studysite-trash-<pid>-<nonce>`: an output `clean` is removing;
//! - `.public.studysite-swap`: the journal of a swap under way (the names of its
//!   new and old folders), written before the first rename and removed after the last.
//!
//! A folder is only ever deleted if it carries the marker and holds no `.git`, and the
//! marker is deleted last, so a removal cut short leaves a folder that is still ours.

use std::path::{Path, PathBuf};

use super::{MARKER, io_error};
use crate::diagnostics::Diagnostic;

/// The parent folder and the name of an output location.
pub(super) fn split(out: &Path) -> Result<(PathBuf, String), Diagnostic> {
    let parent = out
        .parent()
        .ok_or_else(|| Diagnostic::error(out, "output folder has no parent"))?
        .to_path_buf();
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    Ok((parent, name))
}

/// A name for a scratch folder beside the output that no earlier process used: the
/// process id alone repeats (every build in a container runs as pid 1).
pub(super) fn scratch_name(name: &str, kind: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    format!(".{name}.studysite-{kind}-{}-{nanos:x}{n}", std::process::id())
}

fn journal_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.studysite-swap"))
}

/// Whether a folder is one studysite may delete: a real folder (not a link), with
/// the marker, without a `.git` of the user's.
pub(super) fn deletable(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
        && std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
        && std::fs::symlink_metadata(dir.join(".git")).is_err()
}

/// Deletes the entries of `dir` except `keep` and the marker, then the marker, then
/// (if nothing was kept) the folder. Links are removed, never followed.
pub(super) fn remove_ours(dir: &Path, keep: &[&str]) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name == MARKER || keep.iter().any(|k| name == *k) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    if keep.iter().any(|k| std::fs::symlink_metadata(dir.join(k)).is_ok()) {
        return Ok(());
    }
    match std::fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// Finishes or undoes a swap a killed process left half-done, then removes the
/// scratch folders of killed builds and cleans. Call under the output's lock.
pub(super) fn recover(out: &Path) -> Result<(), Diagnostic> {
    let (parent, name) = split(out)?;
    let journal = journal_path(&parent, &name);
    if let Ok(text) = std::fs::read_to_string(&journal) {
        let mut lines = text.lines();
        let prefix = format!(".{name}.studysite-");
        let valid = |n: &str| n.starts_with(&prefix) && !n.contains(['/', '\\']);
        if let (Some(new), Some(old), Some("end")) = (lines.next(), lines.next(), lines.next())
            && valid(new)
            && valid(old)
        {
            let (new, old) = (parent.join(new), parent.join(old));
            if new.exists() && out.exists() {
                // Stopped before the new output went in: undo (give .git back).
                if new.join(".git").exists() && !out.join(".git").exists() {
                    std::fs::rename(new.join(".git"), out.join(".git"))
                        .map_err(|e| io_error(&new, "cannot give .git back from", e))?;
                }
            } else if new.exists() {
                // The previous output is aside and the new one complete: finish.
                std::fs::rename(&new, out).map_err(|e| io_error(out, "cannot finish the swap into", e))?;
            }
            let _ = old; // an old folder is removed below once the output is in place
        }
        // A journal cut short while being written was written before any rename.
        std::fs::remove_file(&journal).map_err(|e| io_error(&journal, "cannot remove", e))?;
    }
    remove_leftovers(&parent, &name, out.join(MARKER).is_file());
    Ok(())
}

/// Removes the scratch folders of killed builds and cleans beside the output; an old
/// output only once a newer one is in place.
pub(super) fn remove_leftovers(parent: &Path, name: &str, out_exists: bool) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.studysite-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let Some((kind, id)) = rest.split_once('-') else {
            continue;
        };
        let garbage = match kind {
            "new" | "trash" => true,
            "old" => out_exists,
            _ => false,
        };
        let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if garbage && id_ok && deletable(&entry.path()) {
            let _ = remove_ours(&entry.path(), &[]);
        }
    }
}

/// Checks, before anything is built or moved, that the previous output `out` can be
/// replaced: every entry in it must be deletable (not marked immutable or append-only,
/// in a folder this user may change). Otherwise the swap would put the new output in
/// place and then fail halfway through removing the old one. Links are not followed;
/// the user's `.git` is moved, not deleted, so only it is checked, not what it holds.
pub(super) fn check_replaceable(out: &Path) -> Result<(), Diagnostic> {
    if !std::fs::symlink_metadata(out).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    let walker = walkdir::WalkDir::new(out)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != ".git");
    for entry in walker {
        let entry = entry.map_err(|e| {
            let p = e.path().unwrap_or(out).to_path_buf();
            cannot_replace(out, &p, &format!("it cannot be read ({e})"), "fix its permissions")
        })?;
        if let Some(why) = locked(entry.path()) {
            let shown = crate::util::path_text(entry.path());
            let help = format!("run `chattr -i -a '{shown}'` (as its owner or root) or delete it yourself");
            return Err(cannot_replace(out, entry.path(), why, &help));
        }
        if entry.file_type().is_dir() && !may_change(entry.path()) {
            return Err(cannot_replace(
                out,
                entry.path(),
                "this user may not delete what is in this folder",
                "fix the folder's permissions or owner (it may belong to another user)",
            ));
        }
    }
    // The .git itself is moved into the new output.
    let git = out.join(".git");
    if let Some(why) = locked(&git) {
        return Err(cannot_replace(
            out,
            &git,
            why,
            "run `chattr -i -a` on it, or move it away",
        ));
    }
    Ok(())
}

fn cannot_replace(out: &Path, path: &Path, why: &str, what: &str) -> Diagnostic {
    Diagnostic::error(path, format!("cannot replace the output folder: {why}")).with_help(format!(
        "nothing was changed, {} is as it was; {what}, or build to another folder with -o",
        crate::util::path_text(out)
    ))
}

/// Why a file or folder cannot be deleted or moved whatever the permissions: Linux's
/// immutable and append-only flags (`chattr +i`, `+a`), which bind root too.
fn locked(path: &Path) -> Option<&'static str> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        // SAFETY: statx writes only into `sx`; the path is NUL-terminated.
        let mut sx: libc::statx = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::statx(libc::AT_FDCWD, c.as_ptr(), libc::AT_SYMLINK_NOFOLLOW, 0, &mut sx) };
        if rc != 0 {
            return None;
        }
        let attrs = sx.stx_attributes & sx.stx_attributes_mask;
        if attrs & libc::STATX_ATTR_IMMUTABLE as u64 != 0 {
            return Some("it is marked immutable");
        }
        if attrs & libc::STATX_ATTR_APPEND as u64 != 0 {
            return Some("it is marked append-only");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
    None
}

/// Whether this user may add and remove entries in the folder `dir`.
fn may_change(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
            return true;
        };
        // SAFETY: the path is NUL-terminated; access only reads it.
        unsafe { libc::access(c.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        true
    }
}

/// A pause after one step of the swap, for the tests that kill a build there (debug
/// builds only): `STUDYSITE_TEST_SWAP_PAUSE_AFTER=<step>` announces the step on stderr
/// and waits a minute.
fn test_pause(step: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("STUDYSITE_TEST_SWAP_PAUSE_AFTER").is_ok_and(|s| s == step) {
        eprintln!("swap: {step}");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

/// Swaps the finished folder `new` in for `out`, keeping the user's `.git` (a folder
/// or a worktree file), then removes the previous output.
pub(super) fn swap(out: &Path, new: &Path) -> Result<(), Diagnostic> {
    let (parent, name) = split(out)?;
    let old = parent.join(scratch_name(&name, "old"));
    let journal = journal_path(&parent, &name);
    let file_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    write_synced(&journal, &format!("{}\n{}\nend\n", file_name(new), file_name(&old)))
        .map_err(|e| io_error(&journal, "cannot write", e))?;
    test_pause("journal written");
    if out.exists() {
        let git = out.join(".git");
        if std::fs::symlink_metadata(&git).is_ok() {
            std::fs::rename(&git, new.join(".git")).map_err(|e| io_error(&git, "cannot move", e))?;
            test_pause(".git moved");
        }
        if let Err(e) = std::fs::rename(out, &old) {
            let _ = std::fs::rename(new.join(".git"), &git);
            let _ = std::fs::remove_file(&journal);
            return Err(io_error(out, "cannot move the previous output aside", e));
        }
        test_pause("previous output aside");
    }
    if let Err(e) = std::fs::rename(new, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::rename(new.join(".git"), out.join(".git"));
        let _ = std::fs::remove_file(&journal);
        return Err(io_error(out, "cannot move the new output into place", e));
    }
    test_pause("new output in place");
    std::fs::remove_file(&journal).map_err(|e| io_error(&journal, "cannot remove", e))?;
    if old.exists() {
        // Moved aside by this very swap (a foreign folder only with --force): removed
        // unless a .git stayed in it.
        let removed = if std::fs::symlink_metadata(old.join(".git")).is_err() {
            remove_ours(&old, &[])
        } else {
            Err(std::io::Error::other("it holds a .git"))
        };
        if let Err(e) = removed {
            return Err(Diagnostic::error(
                &old,
                format!("the new output is in place, but the previous one could not be removed: {e}"),
            )
            .with_help("remove that folder yourself (it may belong to another user; try sudo)"));
        }
    }
    Ok(())
}

fn write_synced(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// What `clean` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Cleaned {
    Nothing,
    Removed,
    /// Everything but the output's `.git` (and the marker) removed.
    KeptGit,
}

/// Removes an output folder studysite made, keeping a `.git` in it. Never follows a
/// link, and a `clean` cut short leaves a folder the next `clean` or `build` finishes.
pub fn clean(root: &Path, out: &Path) -> Result<Cleaned, Diagnostic> {
    let out = super::output_location(out);
    // The dangerous places first (the marker is checked below, after any recovery).
    super::check_output_dir(root, &out, true)?;
    let _lock = super::lock(&out)?;
    recover(&out)?;
    if std::fs::symlink_metadata(&out).is_err() {
        return Ok(Cleaned::Nothing);
    }
    if !out.join(MARKER).is_file() {
        return Err(Diagnostic::error(&out, "not removing a folder studysite did not make")
            .with_help("it has no .studysite-output marker; delete it yourself if you are sure"));
    }
    if std::fs::symlink_metadata(out.join(".git")).is_ok() {
        remove_ours(&out, &[".git"]).map_err(|e| io_error(&out, "cannot empty", e))?;
        return Ok(Cleaned::KeptGit);
    }
    let (parent, name) = split(&out)?;
    let trash = parent.join(scratch_name(&name, "trash"));
    std::fs::rename(&out, &trash).map_err(|e| io_error(&out, "cannot remove", e))?;
    remove_ours(&trash, &[]).map_err(|e| io_error(&trash, "cannot remove", e))?;
    Ok(Cleaned::Removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The state a build killed after `steps` renames of its swap leaves behind.
    fn killed_after(dir: &Path, steps: usize) -> PathBuf {
        let out = dir.join("public");
        let make = |d: &Path, text: &str| {
            std::fs::create_dir_all(d.join("sub")).unwrap();
            std::fs::write(d.join("index.html"), text).unwrap();
            std::fs::write(d.join("sub/x.html"), text).unwrap();
            std::fs::write(d.join(MARKER), "").unwrap();
        };
        make(&out, "old");
        std::fs::create_dir_all(out.join(".git/objects")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
        let new = dir.join(scratch_name("public", "new"));
        let old = dir.join(scratch_name("public", "old"));
        make(&new, "new");
        let names = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::write(
            journal_path(dir, "public"),
            format!("{}\n{}\nend\n", names(&new), names(&old)),
        )
        .unwrap();
        let renames: [(PathBuf, PathBuf); 3] = [
            (out.join(".git"), new.join(".git")),
            (out.clone(), old.clone()),
            (new.clone(), out.clone()),
        ];
        for (from, to) in renames.iter().take(steps) {
            std::fs::rename(from, to).unwrap();
        }
        out
    }

    #[test]
    fn a_swap_killed_at_any_step_is_finished_or_undone_with_its_git() {
        for steps in 0..=3 {
            let t = tempfile::tempdir().unwrap();
            let out = killed_after(t.path(), steps);
            recover(&out).unwrap();
            let expected = if steps >= 2 { "new" } else { "old" };
            assert_eq!(
                std::fs::read_to_string(out.join("index.html")).unwrap(),
                expected,
                "step {steps}"
            );
            assert_eq!(std::fs::read_to_string(out.join("sub/x.html")).unwrap(), expected);
            assert_eq!(
                std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
                "ref",
                "step {steps}"
            );
            let left: Vec<_> = std::fs::read_dir(t.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(left, ["public"], "step {steps}: nothing else left");
        }
    }

    #[test]
    fn a_journal_cut_short_or_naming_other_places_is_ignored() {
        let t = tempfile::tempdir().unwrap();
        let out = killed_after(t.path(), 1);
        let victim = t.path().join("victim");
        std::fs::create_dir_all(&victim).unwrap();
        std::fs::write(victim.join(MARKER), "").unwrap();
        let journal = journal_path(t.path(), "public");
        std::fs::write(&journal, "victim\n../victim\nend\n").unwrap();
        recover(&out).unwrap();
        assert!(victim.join(MARKER).exists());
        assert!(!journal.exists());
        // Without its .git moved back (the journal was unreadable), the folder holding
        // the user's .git is kept, never deleted.
        let kept: Vec<_> = std::fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("studysite-new-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert!(t.path().join(&kept[0]).join(".git/HEAD").exists());
    }

    #[test]
    fn scratch_names_never_repeat_in_one_process() {
        assert_ne!(scratch_name("p", "new"), scratch_name("p", "new"));
    }
}
