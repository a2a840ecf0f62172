//! Unit tests of serve: paths, replies, live reload, the watcher, without a socket
//! (tests/serve.rs runs the real server).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::diagnostics::Diagnostic;

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
    let index = |text: &str| BTreeMap::from([("index.html".to_string(), format!("<body>{text}</body>").into_bytes())]);
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
    let fp = fingerprint(root, &[]);
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
    assert_eq!(fingerprint(root, &[]), fp, "temp and hidden files are ignored");
    std::fs::write(root.join("content/a.md"), "changed size").unwrap();
    assert_ne!(fingerprint(root, &[]), fp);
}

#[test]
fn watch_debounces_a_burst_into_one_call() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/a.md"), "a").unwrap();
    let seen = fingerprint(&root, &[]);
    let stop = Arc::new(AtomicBool::new(false));
    let calls = Arc::new(AtomicUsize::new(0));
    let (r2, s2, c2) = (root.clone(), Arc::clone(&stop), Arc::clone(&calls));
    let h = std::thread::spawn(move || {
        watch(&r2, seen, &s2, &Mutex::new(Vec::new()), || {
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

#[test]
fn the_watcher_sees_mkdocs_yml_and_the_files_builds_read() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::create_dir_all(root.join("snippets")).unwrap();
    std::fs::write(root.join("mkdocs.yml"), "nav: []").unwrap();
    std::fs::write(root.join("snippets/a.md"), "a").unwrap();
    std::fs::write(root.join("notes.txt"), "not read").unwrap();
    let snippet = root.join("snippets/a.md");
    let fp = fingerprint(root, std::slice::from_ref(&snippet));
    assert!(fp.contains_key(&root.join("mkdocs.yml")));
    assert!(fp.contains_key(&snippet));
    assert!(!fp.contains_key(&root.join("notes.txt")));
}

#[test]
fn a_file_a_build_read_triggers_a_rebuild_once_known() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("shared.md"), "v1").unwrap();
    let seen = fingerprint(&root, &[]);
    let stop = Arc::new(AtomicBool::new(false));
    let calls = Arc::new(AtomicUsize::new(0));
    let read = Arc::new(Mutex::new(Vec::new()));
    let (r2, s2, c2, read2) = (root.clone(), Arc::clone(&stop), Arc::clone(&calls), Arc::clone(&read));
    let h = std::thread::spawn(move || {
        watch(&r2, seen, &s2, &read2, || {
            c2.fetch_add(1, Ordering::SeqCst);
        })
    });
    // The first build says it read shared.md: that alone is no change.
    read.lock().unwrap().push(root.join("shared.md"));
    std::thread::sleep(SCAN_INTERVAL * 3 + QUIET);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "a file joining the watch list is not a change"
    );
    std::fs::write(root.join("shared.md"), "version 2").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while calls.load(Ordering::SeqCst) == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    stop.store(true, Ordering::SeqCst);
    h.join().unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 1, "an edit to it rebuilds");
}
