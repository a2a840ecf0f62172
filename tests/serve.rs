//! `studysite serve` end to end: the real binary on fixture sites in temporary
//! folders, spoken to over raw TCP on 127.0.0.1 only (HTTP clients would normalise
//! the traversal requests away). Every wait is bounded in count and time, and every
//! server is killed when its test ends, pass or fail.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{Site, bin};

/// The start of the live-reload tag; the number of the build the page came from follows.
const LIVE_TAG: &str = "<script src=\"/__studysite/live.js\" data-build=\"";

/// The `data-build` of a page's live-reload tag.
fn page_build(html: &str) -> u64 {
    let at = html
        .find(LIVE_TAG)
        .unwrap_or_else(|| panic!("no live-reload tag in {html}"))
        + LIVE_TAG.len();
    html[at..at + html[at..].find('"').unwrap()].parse().unwrap()
}

/// A running `studysite serve`, killed on drop.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server on a free port of 127.0.0.1 and waits (bounded) until it answers.
    fn start(site: &Site) -> Server {
        for _attempt in 0..3 {
            let port = free_port();
            let log_dir = tempfile::tempdir().unwrap();
            let log = log_dir.path().join("serve.log");
            let child = bin()
                .args(["serve", "--port", &port.to_string()])
                .arg(site.root())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .unwrap();
            let mut server = Server {
                child,
                port,
                log,
                _log_dir: log_dir,
            };
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                if let Some(status) = server.child.try_wait().unwrap() {
                    let log = server.log();
                    if log.contains("already in use") {
                        break; // someone took the port in between: try another
                    }
                    panic!("serve exited with {status}:\n{log}");
                }
                // Ready when this child says it serves on the port (so a server of another
                // test that took the port in between is never mistaken for ours) and answers.
                if server
                    .log()
                    .contains(&format!("at http://127.0.0.1:{port}/ (Ctrl+C to stop)"))
                    && let Ok(r) = try_request(port, "GET", "/__studysite/poll?since=0", Duration::from_secs(5))
                    && r.status == 200
                {
                    return server;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            if server.child.try_wait().unwrap().is_none() {
                panic!("serve did not answer within 60 s:\n{}", server.log());
            }
        }
        panic!("could not find a free port in 3 attempts");
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target)
    }

    /// Long-polls until the build counter passes `since` (at most 4 polls of ≤ 30 s).
    fn poll_past(&self, since: u64) -> serde_json::Value {
        for _ in 0..4 {
            let r = self.get(&format!("/__studysite/poll?since={since}"));
            assert_eq!(r.status, 200);
            assert_eq!(r.header("content-type").as_deref(), Some("application/json"));
            let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
            if v["build"].as_u64().unwrap() > since {
                return v;
            }
        }
        panic!("no build after {since} within the poll limit:\n{}", self.log());
    }

    /// Polls until a build with the given outcome is published (bounded).
    fn wait_for(&self, mut since: u64, ok: bool) -> serde_json::Value {
        for _ in 0..5 {
            let v = self.poll_past(since);
            if v["ok"].as_bool() == Some(ok) {
                return v;
            }
            since = v["build"].as_u64().unwrap();
        }
        panic!("no build with ok={ok} after {since}:\n{}", self.log());
    }
}

/// Saves a file the way careful editors do: write an ignored temp file, then rename it
/// over the old one, so the watcher never sees a half-written file.
fn save(site: &Site, rel: &str, text: &str) {
    let tmp = site.path(&format!("{rel}.studysite-test.tmp"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, site.path(rel)).unwrap();
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends one request with the target exactly as given and reads the whole answer.
fn try_request(port: u16, method: &str, target: &str, timeout: Duration) -> std::io::Result<Reply> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(Duration::from_secs(5)))?;
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no header end"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    Ok(Reply {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    })
}

fn request(port: u16, method: &str, target: &str) -> Reply {
    try_request(port, method, target, Duration::from_secs(30)).unwrap_or_else(|e| panic!("{method} {target}: {e}"))
}

const EC2: &str = "+++\ntitle = \"EC2\"\n+++\n# EC2\n\nElastic compute, first version.\n";

fn fixture() -> Site {
    Site::new(&[
        (
            "content/_index.md",
            "+++\ntitle = \"Notes\"\n+++\nWelcome to the notes.\n",
        ),
        ("content/ec2.md", EC2),
        (
            "content/s3/storage.md",
            "+++\ntitle = \"Storage\"\n+++\n# Storage\n\nBuckets.\n",
        ),
        ("content/s3/diagram.png", "\u{89}PNG fake"),
        ("static/extra.json", "{\"a\": 1}"),
        ("static/notes.txt", "plain"),
    ])
}

/// Paths of this machine a response must never show.
fn machine_paths(site: &Site) -> Vec<String> {
    let mut out = vec![
        site.root().display().to_string(),
        site.root().canonicalize().unwrap().display().to_string(),
        std::env::current_dir().unwrap().display().to_string(),
        env!("CARGO_MANIFEST_DIR").to_string(),
    ];
    if let Some(home) = std::env::var_os("HOME").map(|h| h.to_string_lossy().into_owned())
        && home.len() > 1
    {
        out.push(home);
    }
    out
}

#[test]
fn serves_pages_and_assets_with_types_and_live_reload() {
    let site = fixture();
    let before = common::snapshot_dir(site.root());
    let server = Server::start(&site);
    let log = server.log();
    assert!(
        log.contains(&format!("at http://127.0.0.1:{}/ (Ctrl+C to stop)", server.port)),
        "{log}"
    );
    // Assets have content-hashed names: take them from the home page.
    let home = server.get("/").text();
    let [style, site_js, icon] =
        ["style.css", "site.js", "favicon.svg"].map(|n| format!("/{}", common::asset_in(&home, n)));
    let cases = [
        ("/", "text/html; charset=utf-8", "Welcome to the notes."),
        ("/index.html", "text/html; charset=utf-8", "Welcome to the notes."),
        ("/ec2.html", "text/html; charset=utf-8", "first version"),
        ("/s3/storage.html", "text/html; charset=utf-8", "Buckets."),
        ("/questions.html", "text/html; charset=utf-8", "</html>"),
        (style.as_str(), "text/css; charset=utf-8", ""),
        (site_js.as_str(), "text/javascript; charset=utf-8", ""),
        (icon.as_str(), "image/svg+xml", "<svg"),
        ("/s3/diagram.png", "image/png", "PNG fake"),
        ("/extra.json", "application/json", "{\"a\": 1}"),
        ("/notes.txt", "text/plain; charset=utf-8", "plain"),
        ("/ec2.html?utm=1#frag", "text/html; charset=utf-8", "EC2"),
        (
            "/__studysite/live.js",
            "text/javascript; charset=utf-8",
            "/__studysite/poll?since=",
        ),
    ];
    for (path, ct, needle) in cases {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some(ct), "{path}");
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"), "{path}");
        assert!(r.text().contains(needle), "{path} lacks {needle:?}");
        let html = ct.starts_with("text/html");
        assert_eq!(r.text().contains(LIVE_TAG), html, "{path}: live reload only in HTML");
        if html {
            let t = r.text();
            let at = t.find(LIVE_TAG).unwrap();
            assert!(
                t[at..].starts_with(&format!("{LIVE_TAG}1\"></script></body>")),
                "{path}: the tag of build 1 before </body>"
            );
        }
    }
    // HEAD: headers only; other methods refused.
    let r = request(server.port, "HEAD", "/ec2.html");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    for m in ["POST", "PUT", "DELETE"] {
        let r = request(server.port, m, "/ec2.html");
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("allow").as_deref(), Some("GET, HEAD"));
    }
    // A missing page gets the site's 404 page, with live reload, at any depth.
    for path in ["/nope.html", "/a/b/c/missing/", "/ec2.html/x"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.text().contains("Page not found"), "{path}");
        assert!(r.text().contains(LIVE_TAG), "{path}");
    }
    drop(server);
    assert!(!site.path("public").exists(), "serve must not write public/");
    assert_eq!(
        common::snapshot_dir(site.root()),
        before,
        "serve must not write into the site"
    );
}

#[test]
fn traversal_requests_are_refused_and_leak_nothing() {
    let site = fixture();
    #[cfg(unix)]
    {
        // Links out of the site are not followed by the build, so not served either.
        std::os::unix::fs::symlink("/etc/passwd", site.path("content/passwd.txt")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", site.path("static/passwd.txt")).unwrap();
        std::os::unix::fs::symlink("/etc", site.path("static/etc")).unwrap();
    }
    let before = common::snapshot_dir(site.root());
    let server = Server::start(&site);
    let paths = machine_paths(&site);
    let targets = [
        "/../../etc/passwd",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2fetc/passwd",
        "/..%5c..%5cetc/passwd",
        "/..\\..\\etc\\passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "//etc/passwd",
        "///etc/passwd",
        "/C:/Windows/win.ini",
        "/C:%5CWindows%5Cwin.ini",
        "/c:",
        "../x",
        "../../etc/passwd",
        "etc/passwd",
        "/./etc/passwd",
        "/s3/../../etc/passwd",
        "/ec2.html%00.png",
        "/passwd.txt",
        "/etc/passwd",
        "/.nojekyll/../../etc/passwd",
    ];
    for target in targets {
        let r = server.get(target);
        assert!(r.status == 400 || r.status == 404, "{target}: status {}", r.status);
        let text = r.text();
        assert!(!text.contains("root:"), "{target}: leaked /etc/passwd");
        assert!(
            !text.contains("[fonts]") && !text.contains("; for 16-bit app support"),
            "{target}"
        );
        for p in &paths {
            assert!(!text.contains(p.as_str()), "{target}: response shows the path {p}");
            assert!(!r.head.contains(p.as_str()), "{target}: headers show the path {p}");
        }
    }
    // The server is still fine afterwards.
    assert_eq!(server.get("/ec2.html").status, 200);
    drop(server);
    assert!(!site.path("public").exists());
    assert_eq!(common::snapshot_dir(site.root()), before);
}

#[test]
fn edits_rebuild_failed_edits_keep_the_last_good_site() {
    let site = fixture();
    let server = Server::start(&site);
    let first = server.get("/__studysite/poll?since=0");
    let v: serde_json::Value = serde_json::from_slice(&first.body).unwrap();
    assert_eq!((v["build"].as_u64(), v["ok"].as_bool()), (Some(1), Some(true)));

    // A good edit: a newer counter, and the page shows it.
    save(
        &site,
        "content/ec2.md",
        &EC2.replace("first version", "second version, longer"),
    );
    let v = server.wait_for(1, true);
    let good = v["build"].as_u64().unwrap();
    assert!(good > 1);
    assert_eq!(v["good"].as_u64(), Some(good), "its files are served");
    let page = server.get("/ec2.html").text();
    assert!(page.contains("second version, longer"));
    assert_eq!(page_build(&page), good, "the page names the build it came from");

    // An editor's temp files change nothing: well past a scan and the quiet period,
    // the counter has not moved.
    site.write("content/.ec2.md.swp", "junk");
    site.write("content/ec2.md~", "junk");
    site.write("content/.#ec2.md", "junk");
    std::thread::sleep(Duration::from_millis(1500));
    let v: serde_json::Value = serde_json::from_slice(&server.get("/__studysite/poll?since=0").body).unwrap();
    assert_eq!(v["build"].as_u64(), Some(good), "temp files must not rebuild");

    // A broken edit: the last good page stays and the poll carries the error.
    save(
        &site,
        "content/ec2.md",
        "+++\ntitle = \"EC2\"\n# never closed, third version\n",
    );
    let v = server.wait_for(good, false);
    let bad = v["build"].as_u64().unwrap();
    let error = v["error"].as_str().unwrap().to_string();
    assert!(error.contains("content/ec2.md"), "{error}");
    assert!(error.contains("not closed"), "{error}");
    for p in machine_paths(&site) {
        assert!(!error.contains(&p), "error text shows the path {p}: {error}");
    }
    let page = server.get("/ec2.html");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("second version, longer"));
    assert!(!page.text().contains("third version"));
    assert_eq!(
        (page_build(&page.text()), v["good"].as_u64()),
        (good, Some(good)),
        "the failed build changed no file, so open pages must not reload"
    );
    // A page opened now learns about the error at once (the overlay's data).
    let now: serde_json::Value = serde_json::from_slice(&server.get("/__studysite/poll?since=0").body).unwrap();
    assert_eq!((now["build"].as_u64(), now["ok"].as_bool()), (Some(bad), Some(false)));
    assert_eq!(now["error"].as_str(), Some(error.as_str()));

    // Fixing it recovers.
    save(
        &site,
        "content/ec2.md",
        &EC2.replace("first version", "fourth version, fixed"),
    );
    let v = server.wait_for(bad, true);
    assert!(v["error"].is_null());
    let page = server.get("/ec2.html").text();
    assert!(page.contains("fourth version, fixed"));
    assert_eq!(page_build(&page), v["good"].as_u64().unwrap());
    assert!(page_build(&page) > bad);

    // A new page appears, and a deleted one goes.
    save(&site, "content/lambda.md", "# Lambda\n\nFunctions.\n");
    let v = server.wait_for(v["build"].as_u64().unwrap(), true);
    assert!(server.get("/lambda.html").text().contains("Functions."));
    std::fs::remove_file(site.path("content/lambda.md")).unwrap();
    server.wait_for(v["build"].as_u64().unwrap(), true);
    assert_eq!(server.get("/lambda.html").status, 404);

    drop(server);
    assert!(!site.path("public").exists(), "serve must not write public/");
}

#[test]
fn a_first_build_that_fails_serves_the_errors_then_recovers() {
    let site = fixture();
    site.write("content/ec2.md", "+++\nweight = \"<b>heavy</b>\"\n+++\n# EC2\n");
    let server = Server::start(&site);
    let r = server.get("/ec2.html");
    assert_eq!(r.status, 500);
    assert_eq!(r.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    let text = r.text();
    assert!(text.contains("content/ec2.md:2"), "{text}");
    assert!(text.contains("weight"), "{text}");
    assert!(text.contains("&lt;b&gt;heavy&lt;/b&gt;"), "errors are escaped: {text}");
    assert!(!text.contains("<b>heavy"), "errors are escaped: {text}");
    assert_eq!(page_build(&text), 0, "no build's files yet");
    for p in machine_paths(&site) {
        assert!(!text.contains(&p), "error page shows the path {p}");
    }
    assert!(server.log().contains("Build failed"), "{}", server.log());
    let v: serde_json::Value = serde_json::from_slice(&server.get("/__studysite/poll?since=0").body).unwrap();
    assert_eq!((v["build"].as_u64(), v["ok"].as_bool()), (Some(1), Some(false)));

    save(&site, "content/ec2.md", EC2);
    server.wait_for(1, true);
    let r = server.get("/ec2.html");
    assert_eq!(r.status, 200);
    assert!(r.text().contains("first version"));
    drop(server);
    assert!(!site.path("public").exists());
}

/// Runs a command that should end by itself, killing it after `secs`; returns its
/// exit code (None if it had to be killed) and its stderr.
fn run_bounded(cmd: &mut std::process::Command, secs: u64) -> (Option<i32>, String) {
    let log_dir = tempfile::tempdir().unwrap();
    let log = log_dir.path().join("stderr");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let code = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    (code, std::fs::read_to_string(&log).unwrap_or_default())
}

#[test]
fn a_taken_port_is_reported_with_a_hint() {
    let site = fixture();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (code, err) = run_bounded(bin().args(["serve", "--port", &port.to_string()]).arg(site.root()), 30);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("already in use"), "{err}");
    assert!(err.contains("--port"), "{err}");
    drop(listener);
    assert!(!site.path("public").exists());
}

#[test]
fn serve_without_a_site_or_with_bad_flags_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port().to_string();
    let (code, err) = run_bounded(bin().args(["serve", "--port", &port]).arg(dir.path()), 30);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no studysite.toml"), "{err}");
    let (code, err) = run_bounded(bin().args(["serve", "--port", "0"]).arg(dir.path()), 30);
    assert_eq!(code, Some(2), "port 0 is a usage error: {err}");
    let (code, err) = run_bounded(bin().args(["serve", "--bind", "localhost:80"]).arg(dir.path()), 30);
    assert_eq!(code, Some(2), "--bind takes an IP address: {err}");
    let (code, out) = run_bounded(bin().args(["serve", "--help"]), 30);
    assert_eq!(code, Some(0), "{out}");
}

/// Drives the browser side of live reload (`/__studysite/live.js`) under Node with a
/// scripted server: each case gives the page's `data-build` and the poll answers, and
/// checks whether the page reloads, what it shows and what it asks next.
const LIVE_JS_HARNESS: &str = r#"
"use strict";
const assert = require("assert");
const vm = require("vm");
const js = require("fs").readFileSync(process.argv[2], "utf8");

function el(tag) {
  return {
    tag, style: {}, attrs: {}, children: [], parentNode: null, textContent: "",
    setAttribute(k, v) { this.attrs[k] = v; },
    appendChild(c) { this.children.push(c); c.parentNode = this; },
    removeChild(c) { this.children = this.children.filter((x) => x !== c); c.parentNode = null; },
  };
}

// Runs live.js on a page served with `served` as data-build (undefined: no attribute),
// answering its polls with `answers` in turn; a poll past the last answer stays open.
function run(served, answers, errorPage) {
  const requests = [];
  let reloaded = false;
  const timers = [];
  const body = el("body");
  const inPage = errorPage ? el("pre") : null;
  const script = { getAttribute: (k) => (k === "data-build" && served !== undefined ? served : null) };
  const document = {
    currentScript: script, body, documentElement: body, createElement: el,
    getElementById: (id) => (id === "studysite-errors" ? inPage : null),
  };
  class XMLHttpRequest {
    open(method, url) { assert.strictEqual(method, "GET"); requests.push(url); }
    send() {
      if (reloaded) throw new Error("polled after reloading");
      const a = answers.shift();
      if (a === undefined) return;
      this.status = 200;
      this.responseText = JSON.stringify(a);
      this.onload();
    }
  }
  const location = { reload() { reloaded = true; } };
  vm.runInNewContext(js, { document, XMLHttpRequest, location, setTimeout: (f) => timers.push(f), JSON, parseInt, isNaN, String });
  while (timers.length) timers.shift()();
  const overlay = body.children.find((c) => c.attrs.role === "alert");
  const shown = inPage ? inPage.textContent : overlay ? overlay.children[2].textContent : null;
  return { requests, reloaded, shown };
}

const P = "/__studysite/poll?since=";
let n = 0;
function check(name, got, want) {
  assert.deepStrictEqual(got, want, name);
  n++;
}

check("current page: no reload, then a long poll past the build",
  run("3", [{ build: 3, good: 3, ok: true, error: null }]),
  { requests: [P + "0", P + "3"], reloaded: false, shown: null });
check("a build published between the page and its first poll reloads it",
  run("3", [{ build: 4, good: 4, ok: true, error: null }]),
  { requests: [P + "0"], reloaded: true, shown: null });
check("a newer build during the long poll reloads",
  run("3", [{ build: 3, good: 3, ok: true, error: null }, { build: 4, good: 4, ok: true, error: null }]),
  { requests: [P + "0", P + "3"], reloaded: true, shown: null });
check("a failed rebuild keeps the page and shows its errors as text",
  run("3", [{ build: 3, good: 3, ok: true, error: null }, { build: 4, good: 3, ok: false, error: "a.md:1:1: <b>x</b>" }]),
  { requests: [P + "0", P + "3", P + "4"], reloaded: false, shown: "a.md:1:1: <b>x</b>" });
check("a page opened after a failed rebuild shows the errors at once",
  run("3", [{ build: 4, good: 3, ok: false, error: "e" }]),
  { requests: [P + "0", P + "4"], reloaded: false, shown: "e" });
check("a good build missed behind a failed one still reloads",
  run("3", [{ build: 5, good: 4, ok: false, error: "e" }]),
  { requests: [P + "0"], reloaded: true, shown: null });
check("the error page shows new errors in place, then reloads when the site builds",
  run("0", [{ build: 1, good: 0, ok: false, error: "one" }, { build: 2, good: 0, ok: false, error: "two" }], true),
  { requests: [P + "0", P + "1", P + "2"], reloaded: false, shown: "two" });
check("the error page reloads once a build succeeds",
  run("0", [{ build: 1, good: 0, ok: false, error: "one" }, { build: 2, good: 2, ok: true, error: null }], true),
  { requests: [P + "0", P + "1"], reloaded: true, shown: "one" });
check("a restarted server (other counters) reloads",
  run("7", [{ build: 1, good: 1, ok: true, error: null }]),
  { requests: [P + "0"], reloaded: true, shown: null });
check("a page without a build number takes the first answer as its own",
  run(undefined, [{ build: 2, good: 2, ok: true, error: null }, { build: 3, good: 3, ok: true, error: null }]),
  { requests: [P + "0", P + "2"], reloaded: true, shown: null });
console.error(`live reload: ${n} cases passed`);
"#;

#[test]
fn live_reload_script_reloads_exactly_when_the_served_files_changed() {
    let has_node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_node {
        assert!(
            std::env::var_os("CI").is_none(),
            "Node.js is needed for this test in CI"
        );
        eprintln!("SKIPPED: Node.js is not installed; live.js was not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.js");
    let harness = dir.path().join("harness.js");
    std::fs::write(&live, studysite::serve::LIVE_JS).unwrap();
    std::fs::write(&harness, LIVE_JS_HARNESS).unwrap();
    let (code, out) = run_bounded(std::process::Command::new("node").arg(&harness).arg(&live), 60);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("live reload: 10 cases passed"), "{out}");
}

#[test]
fn the_404_page_links_to_this_server_even_with_a_production_base_url() {
    // With base_url set, the built 404.html links to the production site; served by
    // `serve`, it must keep the author on the local server, at any depth.
    let site = fixture();
    site.write(
        "studysite.toml",
        "title = \"Notes\"\nbase_url = \"https://notes.example.org/dva/\"\n",
    );
    let server = Server::start(&site);
    let home = server.get("/").text();
    let style = format!("/{}", common::asset_in(&home, "style.css"));
    for path in ["/gone.html", "/a/b/c/gone.html", "/s3/gone/"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        let text = r.text();
        assert!(text.contains("Page not found"), "{path}");
        assert!(text.contains("href=\"/index.html\""), "{path}: {text}");
        assert!(text.contains(&format!("href=\"{style}\"")), "{path}: {text}");
        assert!(!text.contains("notes.example.org"), "{path}: {text}");
        assert_eq!(server.get(&style).status, 200);
    }
}

#[test]
fn a_host_name_other_than_this_machine_is_refused_against_dns_rebinding() {
    let site = fixture();
    let server = Server::start(&site);
    let ask = |host: &str| {
        let mut s = TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], server.port))).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET /ec2.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        String::from_utf8_lossy(&raw).into_owned()
    };
    let evil = ask(&format!("rebind.evil.example:{}", server.port));
    assert!(evil.starts_with("HTTP/1.1 421"), "{evil}");
    assert!(!evil.contains("Elastic compute"), "no note text to another name");
    for ok in [
        format!("localhost:{}", server.port),
        format!("127.0.0.1:{}", server.port),
    ] {
        let page = ask(&ok);
        assert!(
            page.starts_with("HTTP/1.1 200") && page.contains("Elastic compute"),
            "{ok}: {page}"
        );
    }
}
