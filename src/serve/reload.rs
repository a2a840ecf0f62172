//! The published build and live reload: the in-memory snapshot requests see, the
//! long poll, the injected script and the error page, and the builder that rebuilds.

use crate::diagnostics::{self, Diagnostic, stderr_color};
use crate::output::Output;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::*;

/// The live-reload tag of a page whose files come from build `good` (0: no build yet).
pub fn live_tag(good: u64) -> String {
    format!("{LIVE_TAG} data-build=\"{good}\"></script>")
}

/// One published state of the server: the last good build (if any), the build
/// counter, and the error of the last build when it failed.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last site that built, relative path → bytes; `None` until one builds.
    pub files: Option<Arc<BTreeMap<String, Vec<u8>>>>,
    /// Bumped after every build, good or failed; the first build makes it 1.
    pub build: u64,
    /// The counter of the build whose files are served; 0 until one succeeds.
    pub good: u64,
    /// The errors of the last build, as text for the browser; `None` when it succeeded.
    pub error: Option<String>,
}

impl Snapshot {
    pub fn ok(&self) -> bool {
        self.error.is_none()
    }
}

/// The state shared between the watcher and the request threads.
#[derive(Debug, Default)]
pub struct SiteState {
    pub(super) current: Mutex<Snapshot>,
    pub(super) changed: Condvar,
}

impl SiteState {
    pub fn new() -> Self {
        Self::default()
    }

    /// The current state (cheap: the files are behind an `Arc`).
    pub fn snapshot(&self) -> Snapshot {
        self.current.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Publishes a build: on success the served files are swapped in whole; on failure
    /// the last good files stay and the error is remembered. Either way the build
    /// counter goes up and waiting polls are woken. Returns the new counter.
    pub fn publish(&self, result: Result<BTreeMap<String, Vec<u8>>, String>) -> u64 {
        let mut cur = self.current.lock().unwrap_or_else(|e| e.into_inner());
        cur.build += 1;
        match result {
            Ok(files) => {
                cur.files = Some(Arc::new(files));
                cur.error = None;
                cur.good = cur.build;
            }
            Err(text) => cur.error = Some(text),
        }
        let n = cur.build;
        drop(cur);
        self.changed.notify_all();
        n
    }

    /// Waits until the build counter differs from `since` (a newer build, or a
    /// restarted server), or until `timeout` passes; returns the state then.
    pub fn wait_past(&self, since: u64, timeout: Duration) -> Snapshot {
        let guard = self.current.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.build == since)
            .unwrap_or_else(|e| e.into_inner());
        guard.clone()
    }
}

/// Inserts the live-reload script of build `good` just before the last `</body>`, or
/// at the end.
pub fn inject_live_reload(html: &[u8], good: u64) -> Vec<u8> {
    let tag = live_tag(good);
    let needle = b"</body";
    let pos = html
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}

/// The long-poll answer: `{"build": N, "good": G, "ok": bool, "error": text or null}`,
/// G being the build whose files are served (the `data-build` of pages served now).
pub fn poll_body(snap: &Snapshot) -> Vec<u8> {
    serde_json::json!({ "build": snap.build, "good": snap.good, "ok": snap.ok(), "error": snap.error })
        .to_string()
        .into_bytes()
}

/// The page served while no build has succeeded (`good` is then 0): the errors,
/// escaped, and the live-reload script, which reloads it when the site builds.
pub fn error_page(error: &str, good: u64) -> Vec<u8> {
    let mut html = String::from(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Build failed · studysite</title>\n<style>\
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#1b1b1f;color:#eee}\
main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem}h1{color:#ff8a8a;font-size:1.5rem}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#2b0d0d;border-left:4px solid #e5484d;padding:1rem;\
font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}</style>\n</head>\n<body>\n<main>\n\
<h1>The site did not build</h1>\n\
<p>Fix the problems below and save: this page reloads by itself when the site builds.</p>\n\
<pre id=\"studysite-errors\">",
    );
    crate::util::escape_html_into(&mut html, error);
    html.push_str("</pre>\n</main>\n");
    html.push_str(&live_tag(good));
    html.push_str("\n</body>\n</html>\n");
    html.into_bytes()
}

/// The browser side of live reload. Its tag says which build the page's files came
/// from (`data-build`); every poll answer says which build's files are served now
/// (`good`). The page reloads exactly when the two differ, whenever that happened:
/// before the first poll, during a long poll, or on a restarted server. Otherwise a
/// failed build shows its errors in an overlay built with `textContent`. The first
/// poll (`since=0`) answers at once, later ones wait for a build past the last seen.
pub const LIVE_JS: &str = r#"// studysite serve: live reload. Served by the development server only.
(function () {
  "use strict";
  var tag = document.currentScript;
  var served = tag ? parseInt(tag.getAttribute("data-build") || "", 10) : NaN;
  var since = 0, box = null, pre = null;
  var onErrorPage = function () { return document.getElementById("studysite-errors"); };
  function show(text) {
    var inPage = onErrorPage();
    if (inPage) { inPage.textContent = text; return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "studysite-error-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;bottom:0;max-height:60vh;" +
        "overflow:auto;margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffe4e4;" +
        "border-top:3px solid #e5484d;box-shadow:0 -4px 24px rgba(0,0,0,.45);" +
        "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
      var title = document.createElement("strong");
      title.textContent = "studysite: the last rebuild failed. This page is the last good build; " +
        "it reloads when the errors are fixed.";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", "Hide");
      close.style.cssText = "float:right;background:none;border:0;color:inherit;font-size:1.5rem;cursor:pointer;line-height:1";
      close.onclick = function () { if (box.parentNode) box.parentNode.removeChild(box); };
      pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;overflow-wrap:anywhere;margin:.75rem 0 0;font:inherit;color:inherit;background:none;border:0;padding:0";
      box.appendChild(close);
      box.appendChild(title);
      box.appendChild(pre);
    }
    pre.textContent = text;
    (document.body || document.documentElement).appendChild(box);
  }
  function hide() {
    if (box && box.parentNode) box.parentNode.removeChild(box);
  }
  function later(ms) { setTimeout(poll, ms); }
  function poll() {
    var x = new XMLHttpRequest();
    x.open("GET", "/__studysite/poll?since=" + since);
    x.timeout = 60000;
    x.onload = function () {
      var d = null;
      try { d = JSON.parse(x.responseText); } catch (e) { d = null; }
      if (x.status !== 200 || !d || typeof d.build !== "number" || typeof d.good !== "number") {
        return later(2000);
      }
      // A page without a build number takes the first answer's as its own.
      if (isNaN(served)) served = d.good;
      if (d.good !== served) { location.reload(); return; }
      if (d.build !== since) {
        since = d.build;
        if (d.ok) hide();
        else show(String(d.error || "The build failed."));
      }
      later(0);
    };
    x.onerror = x.ontimeout = function () { later(1000); };
    x.send();
  }
  poll();
})();
"#;

// ---------------------------------------------------------------------------
// Building

/// Renders a diagnostic for the browser: paths relative to the site root, no colour,
/// so the page never shows where the site lives on the machine.
pub fn browser_text(root: &Path, diags: &[Diagnostic]) -> String {
    let root_str = root.display().to_string();
    let mut parts = Vec::new();
    for d in diags.iter().filter(|d| d.is_error()) {
        let mut d = d.clone();
        d.path = match d.path.strip_prefix(root) {
            Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
            Ok(rel) => rel.to_path_buf(),
            Err(_) => d.path.file_name().map(PathBuf::from).unwrap_or_default(),
        };
        let text = d.render(false);
        let text = text.replace(&format!("{root_str}{}", std::path::MAIN_SEPARATOR), "");
        parts.push(text.replace(&root_str, "."));
    }
    if parts.is_empty() {
        return "The build failed.".into();
    }
    parts.join("\n\n")
}

/// Loads and renders the site into memory. Serving is local, so the base URL is `/`:
/// the 404 page's links then work at any depth on whatever host the browser used.
pub fn build_site(root: &Path, drafts: bool, cache: &crate::site::ParseCache) -> Result<Built, Vec<Diagnostic>> {
    let sites = crate::build::load_sites(root, drafts, Some("/"), Some(cache))?;
    let out = crate::build::render_sites(&sites, false)?;
    let mut warnings = Vec::new();
    let mut read = std::collections::BTreeSet::new();
    for b in sites {
        warnings.extend(b.site.warnings);
        warnings.extend(b.site.link_problems);
        read.extend(b.site.read_outside);
    }
    diagnostics::sort(&mut warnings);
    Ok((out, warnings, read))
}

/// A build's output, its warnings, and the files it read outside the watched folders.
type Built = (Output, Vec<Diagnostic>, std::collections::BTreeSet<PathBuf>);

pub(super) fn plural(n: usize, s: &str) -> String {
    if n == 1 { format!("1 {s}") } else { format!("{n} {s}s") }
}

/// Runs builds and reports them on the terminal.
pub(super) struct Builder {
    pub(super) root: PathBuf,
    pub(super) drafts: bool,
    pub(super) last_warnings: String,
    /// Pages parsed by earlier builds: a rebuild parses only what changed.
    pub(super) cache: crate::site::ParseCache,
    /// Files outside content/, templates/ and static/ that builds read, for the watcher
    /// (kept across failed builds).
    pub(super) read: Arc<Mutex<Vec<PathBuf>>>,
}

impl Builder {
    /// Builds once and publishes the result; a panic in the pipeline is a failed build.
    pub(super) fn run(&mut self, state: &SiteState) {
        let start = Instant::now();
        let first = state.snapshot().build == 0;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            build_site(&self.root, self.drafts, &self.cache)
        }))
        .unwrap_or_else(|_| {
            Err(vec![Diagnostic::error(
                &self.root,
                "internal error while building (a bug in studysite; please report it)",
            )])
        });
        let color = stderr_color();
        match result {
            Ok((out, warnings, read)) => {
                let mut known = self.read.lock().unwrap_or_else(|e| e.into_inner());
                for p in read {
                    if !known.contains(&p) {
                        known.push(p);
                    }
                }
                drop(known);
                let text: Vec<String> = warnings.iter().map(|d| d.render(color)).collect();
                let text = text.join("\n\n");
                if !warnings.is_empty() && text != self.last_warnings {
                    eprintln!("{text}\n");
                }
                let pages = out.files.keys().filter(|k| k.ends_with(".html")).count();
                let ms = start.elapsed().as_millis();
                let what = if first { "Built" } else { "Rebuilt" };
                let warned = if warnings.is_empty() {
                    String::new()
                } else {
                    format!(", {}", plural(warnings.len(), "warning"))
                };
                eprintln!("{what} {} in {ms} ms{warned}", plural(pages, "page"));
                self.last_warnings = text;
                state.publish(Ok(out.files));
            }
            Err(mut diags) => {
                diagnostics::sort(&mut diags);
                for d in &diags {
                    eprintln!("{}\n", d.render(color));
                }
                let errors = diags.iter().filter(|d| d.is_error()).count();
                let counts = format!(
                    "{}, {}",
                    plural(errors, "error"),
                    plural(diags.len() - errors, "warning")
                );
                if first {
                    eprintln!("Build failed: {counts}. Serving a page with the errors until the site builds.");
                } else {
                    eprintln!(
                        "Build failed: {counts}. Still serving the last good site; the errors show in the browser."
                    );
                }
                if let Some(hint) = diagnostics::lenient_hint(&diags) {
                    eprintln!("\n{hint}");
                }
                self.last_warnings.clear();
                state.publish(Err(browser_text(&self.root, &diags)));
            }
        }
    }
}
