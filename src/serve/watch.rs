//! Watching the sources: a fingerprint of modification times and sizes, polled and
//! debounced (native watchers miss changes on WSL and network mounts).

use crate::content::is_ignored;
use crate::site::CONFIG_FILE;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::*;

/// The folders and file the watcher scans, relative to the site root.
pub const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];

// ---------------------------------------------------------------------------
// Watching

/// Modification time and size of every watched file.
pub type Fingerprint = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// Scans studysite.toml, a `mkdocs.yml` beside content/, every file under content/,
/// templates/ and static/ (skipping hidden files and editor temp files and folders), and
/// `extra`: files elsewhere in the site that the last build read (snippets, includes).
pub fn fingerprint(root: &Path, extra: &[PathBuf]) -> Fingerprint {
    let mut fp = Fingerprint::new();
    let mut add = |path: &Path| {
        if let Ok(meta) = std::fs::metadata(path)
            && meta.is_file()
        {
            fp.insert(path.to_path_buf(), (meta.modified().ok(), meta.len()));
        }
    };
    add(&root.join(CONFIG_FILE));
    add(&root.join("mkdocs.yml"));
    for path in extra {
        add(path);
    }
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
/// `extra` is what the builds read outside the watched folders: a file that joins it
/// is taken as seen as it is. Returns when `stop` is set.
pub fn watch(
    root: &Path,
    mut seen: Fingerprint,
    stop: &AtomicBool,
    extra: &Mutex<Vec<PathBuf>>,
    mut on_change: impl FnMut(),
) {
    let mut changed_at: Option<Instant> = None;
    let mut known: Vec<PathBuf> = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(if changed_at.is_some() {
            Duration::from_millis(50)
        } else {
            SCAN_INTERVAL
        });
        let files = extra.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let now = fingerprint(root, &files);
        if files != known {
            for p in files.iter().filter(|p| !known.contains(p)) {
                if let Some(v) = now.get(p) {
                    seen.entry(p.clone()).or_insert(*v);
                }
            }
            known = files;
        }
        if now != seen {
            seen = now;
            changed_at = Some(Instant::now());
        } else if changed_at.is_some_and(|t| t.elapsed() >= QUIET) {
            changed_at = None;
            on_change();
        }
    }
}
