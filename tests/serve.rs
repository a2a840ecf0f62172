//! `studysite serve` end to end: the real binary on fixture sites in temporary
//! folders, spoken to over raw TCP on 127.0.0.1 only (HTTP clients would normalise
//! the traversal requests away). Every wait is bounded in count and time, and every
//! server is killed when its test ends, pass or fail.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use common::serve::{Server, free_port, run_bounded};
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
impl Server {
    /// Starts the server; it is ready when it answers a poll.
    fn start(site: &Site) -> Server {
        Server::start_until(site, |port| {
            try_request(port, "GET", "/__studysite/poll?since=0", Duration::from_secs(5)).is_ok_and(|r| r.status == 200)
        })
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
