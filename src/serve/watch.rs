//! Watching the sources: a fingerprint of modification times and sizes, polled and
//! debounced (native watchers miss changes on WSL and network mounts).

use crate::content::is_ignored;
use crate::site::CONFIG_FILE;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::*;

/// The folders and file the watcher scans, relative to the site root.
pub const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];

// ---------------------------------------------------------------------------
// Watching

/// Modification time and size of every watched file.
pub type Fingerprint = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Scans studysite.toml and every file under content/, templates/ and static/,
/// skipping hidden files and editor temp files (and folders).
pub fn fingerprint(root: &Path) -> Fingerprint {
    let mut fp = Fingerprint::new();
    let mut add = |path: &Path| {
        if let Ok(meta) = std::fs::metadata(path)
            && meta.is_file()
        {
            fp.insert(path.to_path_buf(), (meta.modified().ok(), meta.len()));
        }
    };
    add(&root.join(CONFIG_FILE));
    for dir in WATCHED_DIRS {
        let walker = walkdir::WalkDir::new(root.join(dir))
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
        for entry in walker.filter_map(Result::ok) {
            if !entry.file_type().is_dir() {
                add(entry.path());
            }
        }
    }
    fp
}

/// Polls the sources every [`SCAN_INTERVAL`] and calls `on_change` once they have
/// changed and then stayed quiet for [`QUIET`]. `seen` is the state the current build
/// started from (take it before building, so edits made during a build are caught).
/// Returns when `stop` is set.
pub fn watch(root: &Path, mut seen: Fingerprint, stop: &AtomicBool, mut on_change: impl FnMut()) {
    let mut changed_at: Option<Instant> = None;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(if changed_at.is_some() {
            Duration::from_millis(50)
        } else {
            SCAN_INTERVAL
        });
        let now = fingerprint(root);
        if now != seen {
            seen = now;
            changed_at = Some(Instant::now());
        } else if changed_at.is_some_and(|t| t.elapsed() >= QUIET) {
            changed_at = None;
            on_change();
        }
    }
}
