//! `studysite serve`: a development server that builds the site into memory, serves
//! it, rebuilds when the sources change and reloads open pages (SPEC §1, §6).
//!
//! - Nothing is written: every build is an in-memory [`Output`], published to a
//!   [`SiteState`] by swapping an `Arc` under a mutex, so a request sees one whole
//!   build or the previous one, never half of each.
//! - [`watch`] polls modification times and sizes (native file watchers miss changes
//!   on WSL and network mounts), ignores editor temp files, and debounces.
//! - Live reload comes from the same origin and port as the site (a separate websocket
//!   port breaks behind IPv6, VMs, Codespaces and CSP): every HTML response gets
//!   `<script src="/__studysite/live.js" data-build="N">`, N being the build its
//!   files came from, and the script long-polls `/__studysite/poll`. It reloads the
//!   page when the served files are no longer those of build N, so a build published
//!   between the page and its first poll is not missed, and a page that is current
//!   is never reloaded. A failed rebuild keeps the last good site and shows its
//!   errors in the page.
//! - [`respond`] is a pure function of the published state and the request, so the
//!   path handling is unit-tested without a socket. Files come only from the in-memory
//!   map, and a request path with `..`, `\`, NUL, a drive letter or an empty segment is
//!   refused before any lookup, so nothing outside the output can be served.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::content::is_ignored;
use crate::diagnostics::{self, Diagnostic, stderr_color};
use crate::output::{self, Output};
use crate::render;
use crate::site::{CONFIG_FILE, Site};

/// How often the watcher scans the sources.
pub const SCAN_INTERVAL: Duration = Duration::from_millis(300);
/// How long the sources must stay unchanged before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(150);
/// How long a long poll waits for a new build before answering with the same one.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// Threads taking requests; long polls are moved to threads of their own.
const WORKERS: usize = 4;
/// Long polls waiting at once; more are told to come back later (503).
const MAX_POLLS: usize = 64;

/// The URL prefix of the server's own files; never part of a site.
pub const PREFIX: &str = "__studysite/";
/// The start of what every HTML response gets just before `</body>`; see [`live_tag`].
pub const LIVE_TAG: &str = "<script src=\"/__studysite/live.js\"";

/// The live-reload tag of a page whose files come from build `good` (0: no build yet).
pub fn live_tag(good: u64) -> String {
    format!("{LIVE_TAG} data-build=\"{good}\"></script>")
}
/// The folders and file the watcher scans, relative to the site root.
pub const WATCHED_DIRS: [&str; 3] = ["content", "templates", "static"];

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
    current: Mutex<Snapshot>,
    changed: Condvar,
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

/// An HTTP answer, independent of the server library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// Extra headers (besides Content-Type and the ones every reply gets).
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Reply::new(status, "text/plain; charset=utf-8", format!("{body}\n"))
    }
}

/// The Content-Type for a file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = match name.rsplit_once('.') {
        Some((_, e)) => e.to_ascii_lowercase(),
        None => String::new(),
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes once; `None` for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hi = hex(*b.get(i + 1)?)?;
            let lo = hex(*b.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// A segment that names a Windows drive: `C:`, `c:foo`.
fn is_drive(segment: &str) -> bool {
    let b = segment.as_bytes();
    b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':'
}

/// Turns a request target into a path relative to the output root, or `None` when it
/// must be refused. The query and fragment are dropped, the path is percent-decoded
/// exactly once, and then refused if it does not start with `/`, is not UTF-8, holds
/// a NUL, a control character or a backslash, or has a `.`, `..`, drive-letter or
/// empty segment (a trailing `/` is allowed: it asks for the folder's index.html).
/// The result is empty for `/` and ends with `/` for a folder.
pub fn sanitize_path(target: &str) -> Option<String> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let decoded = String::from_utf8(percent_decode(raw)?).ok()?;
    let rest = decoded.strip_prefix('/')?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    if rest.is_empty() {
        return Some(String::new());
    }
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        let bad = (seg.is_empty() && i != last) || *seg == "." || *seg == ".." || is_drive(seg);
        if bad {
            return None;
        }
    }
    Some(rest.to_string())
}

/// The long-poll counter asked for by a request target, when it is a poll.
pub fn poll_since(target: &str) -> Option<u64> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != "/__studysite/poll" {
        return None;
    }
    let since = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some(since)
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

/// The answer to a request: a pure function of the published state, the method and
/// the raw request target. (A long poll waits for a new build first; see [`serve`].)
pub fn respond(snap: &Snapshot, method: &str, target: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut r = Reply::text(405, "Method not allowed");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let Some(rel) = sanitize_path(target) else {
        return Reply::text(400, "Bad request");
    };
    if let Some(own) = rel.strip_prefix(PREFIX) {
        return match own {
            "live.js" => Reply::new(200, "text/javascript; charset=utf-8", LIVE_JS),
            "poll" => Reply::new(200, "application/json", poll_body(snap)),
            _ => Reply::text(404, "Not found"),
        };
    }
    let Some(files) = &snap.files else {
        // No build has succeeded yet: every page is the error page, which reloads
        // itself once the site builds.
        let error = snap.error.as_deref().unwrap_or("The site has not been built yet.");
        return Reply::new(500, "text/html; charset=utf-8", error_page(error, snap.good));
    };
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = files.get(&key) {
        return file_reply(200, &key, bytes, snap.good);
    }
    if !rel.is_empty() && !rel.ends_with('/') && files.contains_key(&format!("{rel}/index.html")) {
        // A folder asked for without its slash: relative links need the slash.
        let path = target.split(['?', '#']).next().unwrap_or("/");
        let mut r = Reply::text(301, "Moved permanently");
        r.headers.push(("Location", format!("{path}/")));
        return r;
    }
    match files.get("404.html") {
        Some(bytes) => file_reply(404, "404.html", bytes, snap.good),
        None => Reply::text(404, "Not found"),
    }
}

fn file_reply(status: u16, key: &str, bytes: &[u8], good: u64) -> Reply {
    let ct = content_type(key);
    if ct.starts_with("text/html") {
        Reply::new(status, ct, inject_live_reload(bytes, good))
    } else {
        Reply::new(status, ct, bytes)
    }
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
pub fn build_site(
    root: &Path,
    drafts: bool,
    cache: &crate::site::ParseCache,
) -> Result<(Output, Vec<Diagnostic>), Vec<Diagnostic>> {
    let site = Site::load_cached(root, drafts, Some("/"), Some(cache))?;
    let out = render::render(&site, false)?;
    let mut warnings = site.warnings;
    warnings.extend(site.link_problems);
    diagnostics::sort(&mut warnings);
    Ok((out, warnings))
}

fn plural(n: usize, s: &str) -> String {
    if n == 1 { format!("1 {s}") } else { format!("{n} {s}s") }
}

/// Runs builds and reports them on the terminal.
struct Builder {
    root: PathBuf,
    drafts: bool,
    last_warnings: String,
    /// Pages parsed by earlier builds: a rebuild parses only what changed.
    cache: crate::site::ParseCache,
}

impl Builder {
    /// Builds once and publishes the result; a panic in the pipeline is a failed build.
    fn run(&mut self, state: &SiteState) {
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
            Ok((out, warnings)) => {
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
                self.last_warnings.clear();
                state.publish(Err(browser_text(&self.root, &diags)));
            }
        }
    }
}

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

// ---------------------------------------------------------------------------
// Serving

/// `studysite serve` options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    pub drafts: bool,
}

fn to_response(reply: Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    // The body is in memory, so always send a Content-Length rather than chunks.
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    headers.extend(reply.headers);
    for (k, v) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    response
}

/// Takes requests from the server forever: files at once, long polls on a thread
/// of their own so they never hold up a worker.
fn worker(server: Arc<tiny_http::Server>, state: Arc<SiteState>, polls: Arc<AtomicUsize>) {
    loop {
        let request = match server.recv() {
            Ok(r) => r,
            Err(_) => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        if !host_allowed(host.as_deref()) {
            let _ = request.respond(to_response(Reply::text(
                421,
                "Unknown host: open the site at the address serve printed",
            )));
            continue;
        }
        let target = request.url().to_string();
        let method = request.method().as_str().to_string();
        if let Some(since) = poll_since(&target)
            && (method == "GET" || method == "HEAD")
        {
            if polls.fetch_add(1, Ordering::SeqCst) >= MAX_POLLS {
                polls.fetch_sub(1, Ordering::SeqCst);
                let _ = request.respond(to_response(Reply::text(503, "Too many waiting requests")));
                continue;
            }
            let state = Arc::clone(&state);
            let polls2 = Arc::clone(&polls);
            let spawned = std::thread::Builder::new().name("poll".into()).spawn(move || {
                let snap = state.wait_past(since, POLL_TIMEOUT);
                let _ = request.respond(to_response(respond(&snap, &method, &target)));
                polls2.fetch_sub(1, Ordering::SeqCst);
            });
            if spawned.is_err() {
                polls.fetch_sub(1, Ordering::SeqCst);
            }
            continue;
        }
        let reply = respond(&state.snapshot(), &method, &target);
        let _ = request.respond(to_response(reply));
    }
}

/// Whether a request's `Host` header names this machine as serve knows it: an IP
/// address (what `--bind` serves on), `localhost` or a name under `.localhost`. Any
/// other name is how a DNS-rebinding page would read the notes from a browser, so it
/// is refused (421). A request without the header (HTTP/1.0, tools) is answered.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host.map(str::trim) else {
        return true;
    };
    // `[::1]:1111`, `127.0.0.1:1111`, `localhost:1111`, or without the port.
    let name = if let Some(v6) = host.strip_prefix('[') {
        match v6.split_once(']') {
            Some((ip, rest)) if rest.is_empty() || rest.starts_with(':') => return ip.parse::<Ipv6Addr>().is_ok(),
            _ => return false,
        }
    } else {
        host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host
            }
        })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<Ipv4Addr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

fn bind_error(addr: SocketAddr, e: &(dyn std::error::Error + 'static)) -> String {
    use std::io::ErrorKind;
    let kind = e.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
    let next = addr.port().checked_add(1).unwrap_or(1111);
    match kind {
        Some(ErrorKind::AddrInUse) => format!(
            "error: cannot serve on {addr}: port {} is already in use\n  = help: is another server running? \
choose another port with --port, e.g. `studysite serve --port {next}`",
            addr.port()
        ),
        Some(ErrorKind::PermissionDenied) => format!(
            "error: cannot serve on {addr}: permission denied\n  = help: ports below 1024 need special rights; \
choose another port with --port, e.g. `studysite serve --port 1111`"
        ),
        Some(ErrorKind::AddrNotAvailable) => format!(
            "error: cannot serve on {addr}: this machine has no such address\n  = help: leave out --bind to serve on 127.0.0.1"
        ),
        _ => format!("error: cannot serve on {addr}: {e}\n  = help: choose another port with --port"),
    }
}

/// The warning for an address other machines can reach (anything but loopback).
pub fn bind_warning(ip: IpAddr) -> Option<String> {
    (!ip.is_loopback()).then(|| {
        format!(
            "warning: serving on {ip}, so the site is reachable from other machines on your network; \
leave out --bind to serve on 127.0.0.1 only"
        )
    })
}

/// The URL a browser on this machine should open for the bound address.
fn browser_url(bound: SocketAddr) -> String {
    let ip = match bound.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, bound.port()))
}

/// Opens the system's browser; failing is only a note.
fn open_browser(url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            let url = url.to_string();
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|s| s.success()) {
                    eprintln!("note: could not open a browser; open {url} yourself");
                }
            });
        }
        Err(_) => eprintln!("note: could not open a browser ({program} is not available); open {url} yourself"),
    }
}

/// `studysite serve`: builds into memory, serves, watches and rebuilds until Ctrl+C.
pub fn serve(opts: &ServeOptions) -> ExitCode {
    let color = stderr_color();
    let root = output::absolute(&opts.root);
    if !root.join(CONFIG_FILE).is_file()
        && let Err(diags) = crate::site::load_config(&root)
    {
        for d in &diags {
            eprintln!("{}\n", d.render(color));
        }
        return ExitCode::from(1);
    }
    let addr = SocketAddr::new(opts.bind, opts.port);
    let server = match tiny_http::Server::http(addr) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("{}", bind_error(addr, e.as_ref()));
            return ExitCode::from(1);
        }
    };
    let bound = server.server_addr().to_ip().unwrap_or(addr);
    if let Some(w) = bind_warning(bound.ip()) {
        eprintln!("{w}");
    }

    let state = Arc::new(SiteState::new());
    let mut builder = Builder {
        root: root.clone(),
        drafts: opts.drafts,
        last_warnings: String::new(),
        cache: Default::default(),
    };
    let seen = fingerprint(&root);
    builder.run(&state);

    let polls = Arc::new(AtomicUsize::new(0));
    for i in 0..WORKERS {
        let (server, state, polls) = (Arc::clone(&server), Arc::clone(&state), Arc::clone(&polls));
        let spawned = std::thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || worker(server, state, polls));
        if let Err(e) = spawned {
            eprintln!("error: cannot start a server thread: {e}");
            return ExitCode::from(1);
        }
    }
    eprintln!("Serving {} at http://{bound}/ (Ctrl+C to stop)", opts.root.display());
    if opts.open {
        open_browser(&browser_url(bound));
    }
    let stop = AtomicBool::new(false);
    watch(&root, seen, &stop, || builder.run(&state));
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_names_are_served() {
        for ok in [
            None,
            Some("127.0.0.1:1111"),
            Some("localhost:1111"),
            Some("LOCALHOST"),
            Some("[::1]:1111"),
            Some("192.168.1.20:1111"),
            Some("app.localhost:1111"),
        ] {
            assert!(host_allowed(ok), "{ok:?}");
        }
        for bad in [
            Some("evil.example:1111"),
            Some("evil.example"),
            Some("127.0.0.1.evil.example"),
            Some("localhost.evil.example"),
            Some("[::1]x"),
            Some(""),
        ] {
            assert!(!host_allowed(bad), "{bad:?}");
        }
    }

    fn site(files: &[(&str, &str)]) -> Snapshot {
        let map = files
            .iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect();
        Snapshot {
            files: Some(Arc::new(map)),
            build: 1,
            good: 1,
            error: None,
        }
    }

    fn sample() -> Snapshot {
        site(&[
            ("index.html", "<html><body><h1>Home</h1></body></html>"),
            ("ec2.html", "<html><BODY>EC2</BODY></html>"),
            ("s3/index.html", "<html><body>S3</body></html>"),
            ("404.html", "<html><body>Page not found</body></html>"),
            ("assets/style.css", "body{}"),
            ("assets/site.js", "1"),
            ("assets/favicon.svg", "<svg/>"),
            ("robots.txt", "User-agent: *"),
        ])
    }

    fn body(r: &Reply) -> String {
        String::from_utf8_lossy(&r.body).into_owned()
    }

    #[test]
    fn sanitize_maps_and_rejects() {
        assert_eq!(sanitize_path("/").as_deref(), Some(""));
        assert_eq!(sanitize_path("/ec2.html").as_deref(), Some("ec2.html"));
        assert_eq!(sanitize_path("/s3/").as_deref(), Some("s3/"));
        assert_eq!(sanitize_path("/a%20b.html?x=1#y").as_deref(), Some("a b.html"));
        assert_eq!(sanitize_path("/caf%C3%A9.html").as_deref(), Some("café.html"));
        // Decoded once: a double-encoded dot stays literal text and is not a segment `..`.
        assert_eq!(sanitize_path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
        for bad in [
            "../x",
            "x",
            "",
            "*",
            "http://127.0.0.1/x",
            "/../../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2f%2E%2E%2fetc/passwd",
            "/..%2fetc/passwd",
            "/..%5c..%5cetc/passwd",
            "/a\\b",
            "//etc/passwd",
            "/a//b",
            "/./a",
            "/a/.",
            "/a/..",
            "/C:/Windows/win.ini",
            "/c:",
            "/C%3A/Windows/win.ini",
            "/a%00.html",
            "/a%0d%0aSet-Cookie:x",
            "/%",
            "/%zz",
            "/%c3",
            "/%ff",
        ] {
            assert_eq!(sanitize_path(bad), None, "{bad:?} should be refused");
        }
    }

    #[test]
    fn content_types_by_extension() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("A.HTML", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/search.js", "text/javascript; charset=utf-8"),
            ("data.json", "application/json"),
            ("favicon.svg", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.jpeg", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.webp", "image/webp"),
            ("favicon.ico", "image/x-icon"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("sitemap.xml", "application/xml"),
            ("notes.pdf", "application/pdf"),
            ("font.woff2", "font/woff2"),
            ("m.wasm", "application/wasm"),
            ("blob.bin", "application/octet-stream"),
            ("Makefile", "application/octet-stream"),
            (".nojekyll", "application/octet-stream"),
            ("dir.v2/file", "application/octet-stream"),
        ];
        for (path, ct) in cases {
            assert_eq!(content_type(path), ct, "{path}");
        }
    }

    #[test]
    fn serves_index_files_and_assets() {
        let s = sample();
        let r = respond(&s, "GET", "/");
        assert_eq!((r.status, r.content_type), (200, "text/html; charset=utf-8"));
        assert!(body(&r).contains("Home"));
        let r = respond(&s, "GET", "/s3/");
        assert_eq!(r.status, 200);
        assert!(body(&r).contains("S3"));
        let r = respond(&s, "HEAD", "/assets/style.css?v=2");
        assert_eq!(
            (r.status, r.content_type, r.body.as_slice()),
            (200, "text/css; charset=utf-8", &b"body{}"[..])
        );
        let r = respond(&s, "GET", "/assets/favicon.svg");
        assert_eq!((r.status, r.content_type), (200, "image/svg+xml"));
    }

    #[test]
    fn folder_without_slash_redirects() {
        let r = respond(&sample(), "GET", "/s3?x=1");
        assert_eq!(r.status, 301);
        assert_eq!(r.headers, vec![("Location", "/s3/".to_string())]);
    }

    #[test]
    fn missing_files_get_the_site_404_page() {
        let s = sample();
        for path in ["/nope.html", "/a/b/c/", "/%252e%252e/etc/passwd", "/.studysite-output"] {
            let r = respond(&s, "GET", path);
            assert_eq!(r.status, 404, "{path}");
            assert!(body(&r).contains("Page not found"), "{path}");
            assert!(body(&r).contains(&live_tag(1)), "{path}");
        }
        let bare = site(&[("index.html", "x")]);
        let r = respond(&bare, "GET", "/nope");
        assert_eq!((r.status, body(&r).as_str()), (404, "Not found\n"));
    }

    #[test]
    fn bad_paths_are_400_and_leak_nothing() {
        let s = sample();
        for path in [
            "../x",
            "/../../etc/passwd",
            "/..%5c..%5cetc/passwd",
            "//etc/passwd",
            "/C:/Windows/win.ini",
        ] {
            let r = respond(&s, "GET", path);
            assert_eq!(r.status, 400, "{path}");
            assert_eq!(body(&r), "Bad request\n");
        }
    }

    #[test]
    fn only_get_and_head() {
        for m in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
            let r = respond(&sample(), m, "/");
            assert_eq!(r.status, 405, "{m}");
            assert!(r.headers.contains(&("Allow", "GET, HEAD".to_string())));
        }
    }

    #[test]
    fn live_reload_injected_before_body_end_or_at_end() {
        let tag = "<script src=\"/__studysite/live.js\" data-build=\"7\"></script>";
        assert_eq!(live_tag(7), tag);
        assert_eq!(
            inject_live_reload(b"<p>x</p></body></html>", 7),
            format!("<p>x</p>{tag}</body></html>").into_bytes()
        );
        assert_eq!(
            inject_live_reload(b"<p>x</BODY>", 7),
            format!("<p>x{tag}</BODY>").into_bytes()
        );
        assert_eq!(inject_live_reload(b"<p>x", 7), format!("<p>x{tag}").into_bytes());
        // The last </body> counts (an earlier one may sit in a comment).
        assert_eq!(
            inject_live_reload(b"<!-- </body> --></body>", 7),
            format!("<!-- </body> -->{tag}</body>").into_bytes()
        );
        let s = sample();
        assert!(body(&respond(&s, "GET", "/ec2.html")).ends_with(&format!("EC2{}</BODY></html>", live_tag(1))));
        // Not into other types.
        assert!(!body(&respond(&s, "GET", "/assets/site.js")).contains("live.js"));
        assert!(!body(&respond(&s, "GET", "/robots.txt")).contains("live.js"));
    }

    #[test]
    fn live_js_uses_text_content_and_same_origin() {
        let r = respond(&sample(), "GET", "/__studysite/live.js");
        assert_eq!((r.status, r.content_type), (200, "text/javascript; charset=utf-8"));
        let js = body(&r);
        assert!(js.contains("textContent"));
        assert!(!js.contains("innerHTML"));
        assert!(js.contains("\"/__studysite/poll?since=\""));
        assert!(!js.contains("WebSocket") && !js.contains("://"));
        assert_eq!(respond(&sample(), "GET", "/__studysite/other").status, 404);
    }

    #[test]
    fn poll_reports_counter_and_error() {
        assert_eq!(poll_since("/__studysite/poll?since=7"), Some(7));
        assert_eq!(poll_since("/__studysite/poll"), Some(0));
        assert_eq!(poll_since("/__studysite/poll?x=1&since=3"), Some(3));
        assert_eq!(poll_since("/__studysite/poll?since=bad"), Some(0));
        assert_eq!(poll_since("/__studysite/live.js"), None);
        let state = SiteState::new();
        let index =
            |text: &str| BTreeMap::from([("index.html".to_string(), format!("<body>{text}</body>").into_bytes())]);
        assert_eq!(state.publish(Ok(index("1"))), 1);
        assert_eq!(state.publish(Err("content/a.md:1:1: error: <bad>".into())), 2);
        let snap = state.snapshot();
        assert!(snap.files.is_some(), "the last good site is kept");
        let v: serde_json::Value =
            serde_json::from_slice(&respond(&snap, "GET", "/__studysite/poll?since=1").body).unwrap();
        assert_eq!(v["build"], 2);
        assert_eq!(v["good"], 1, "the files served are still those of build 1");
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"], "content/a.md:1:1: error: <bad>");
        // Pages served now carry the build of their files, not the failed one.
        assert!(body(&respond(&snap, "GET", "/")).contains(&live_tag(1)));
        state.publish(Ok(index("3")));
        let snap = state.snapshot();
        let v: serde_json::Value = serde_json::from_slice(&poll_body(&snap)).unwrap();
        assert_eq!(
            (
                v["build"].as_u64(),
                v["good"].as_u64(),
                v["ok"].as_bool(),
                v["error"].is_null()
            ),
            (Some(3), Some(3), Some(true), true)
        );
        assert!(body(&respond(&snap, "GET", "/")).contains(&live_tag(3)));
    }

    #[test]
    fn wait_past_returns_on_a_new_build_or_timeout() {
        let state = Arc::new(SiteState::new());
        state.publish(Ok(BTreeMap::new()));
        let t = Instant::now();
        assert_eq!(state.wait_past(1, Duration::from_millis(50)).build, 1);
        assert!(t.elapsed() >= Duration::from_millis(50));
        // A counter from before a restart answers at once.
        assert_eq!(state.wait_past(9, Duration::from_secs(5)).build, 1);
        let s2 = Arc::clone(&state);
        let h = std::thread::spawn(move || s2.wait_past(1, Duration::from_secs(10)).build);
        std::thread::sleep(Duration::from_millis(50));
        state.publish(Err("x".into()));
        assert_eq!(h.join().unwrap(), 2);
    }

    #[test]
    fn first_build_failure_serves_escaped_error_page() {
        let state = SiteState::new();
        state.publish(Err("content/a.md:1:1: error: <script>alert(1)</script> & more".into()));
        let snap = state.snapshot();
        for path in ["/", "/ec2.html", "/nope"] {
            let r = respond(&snap, "GET", path);
            assert_eq!((r.status, r.content_type), (500, "text/html; charset=utf-8"));
            let b = body(&r);
            assert!(b.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"), "{b}");
            assert!(!b.contains("<script>alert"));
            assert!(b.contains(&live_tag(0)), "no files of any build: {b}");
            assert!(b.contains("id=\"studysite-errors\""));
        }
        // The server's own files still work.
        assert_eq!(respond(&snap, "GET", "/__studysite/live.js").status, 200);
    }

    #[test]
    fn browser_text_hides_the_site_location() {
        let root = Path::new("/home/me/notes");
        let d = Diagnostic::error(
            &root.join("content/a.md"),
            "front matter opened at line 1 is not closed",
        )
        .at("+++\ntitle = 1\n", 1, 1);
        let w = Diagnostic::warning(&root.join("content/b.md"), "only a warning");
        let cfg = Diagnostic::error(&root.join(CONFIG_FILE), "no studysite.toml in /home/me/notes");
        let text = browser_text(root, &[d, w, cfg]);
        assert!(
            text.starts_with("content/a.md:1:1: error: front matter opened at line 1 is not closed"),
            "{text}"
        );
        assert!(text.contains("studysite.toml: error: no studysite.toml in ."), "{text}");
        assert!(!text.contains("/home/me"), "{text}");
        assert!(!text.contains("only a warning"));
    }

    #[test]
    fn bind_warns_only_off_loopback_and_browser_url_is_local() {
        assert!(bind_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(bind_warning("::1".parse().unwrap()).is_none());
        for ip in ["0.0.0.0", "192.168.1.5", "::"] {
            let w = bind_warning(ip.parse().unwrap()).unwrap();
            assert!(w.contains("reachable from other machines"), "{w}");
        }
        assert_eq!(browser_url("0.0.0.0:1111".parse().unwrap()), "http://127.0.0.1:1111/");
        assert_eq!(browser_url("[::]:8000".parse().unwrap()), "http://[::1]:8000/");
        assert_eq!(browser_url("127.0.0.1:1111".parse().unwrap()), "http://127.0.0.1:1111/");
    }

    #[test]
    fn fingerprint_watches_sources_and_ignores_temp_files() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        std::fs::create_dir_all(root.join("content/sub")).unwrap();
        std::fs::create_dir_all(root.join("static")).unwrap();
        std::fs::write(root.join(CONFIG_FILE), "title = \"x\"").unwrap();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        std::fs::write(root.join("content/sub/b.md"), "b").unwrap();
        std::fs::write(root.join("static/x.css"), "x").unwrap();
        std::fs::write(root.join("other.md"), "not watched").unwrap();
        let fp = fingerprint(root);
        let names: Vec<String> = fp
            .keys()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(
            names,
            ["content/a.md", "content/sub/b.md", "static/x.css", "studysite.toml"]
        );
        for temp in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/#a.md#",
            "content/x.tmp",
        ] {
            std::fs::write(root.join(temp), "t").unwrap();
        }
        std::fs::create_dir_all(root.join("content/.git")).unwrap();
        std::fs::write(root.join("content/.git/HEAD"), "t").unwrap();
        assert_eq!(fingerprint(root), fp, "temp and hidden files are ignored");
        std::fs::write(root.join("content/a.md"), "changed size").unwrap();
        assert_ne!(fingerprint(root), fp);
    }

    #[test]
    fn watch_debounces_a_burst_into_one_call() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().to_path_buf();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "a").unwrap();
        let seen = fingerprint(&root);
        let stop = Arc::new(AtomicBool::new(false));
        let calls = Arc::new(AtomicUsize::new(0));
        let (r2, s2, c2) = (root.clone(), Arc::clone(&stop), Arc::clone(&calls));
        let h = std::thread::spawn(move || {
            watch(&r2, seen, &s2, || {
                c2.fetch_add(1, Ordering::SeqCst);
            })
        });
        // A burst of writes, each well inside the quiet period of the previous one.
        for i in 0..5 {
            std::fs::write(root.join("content/a.md"), "b".repeat(i + 2)).unwrap();
            std::thread::sleep(Duration::from_millis(10));
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while calls.load(Ordering::SeqCst) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(800));
        stop.store(true, Ordering::SeqCst);
        h.join().unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
