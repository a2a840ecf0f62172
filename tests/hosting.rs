//! Hosting: the built site behind a static host that serves it from a sub-path the way
//! GitHub Pages serves a project site (`/my-notes/`), crawled over HTTP in both URL styles:
//! every link, asset and anchor resolves and stays under the sub-path, the 404 page keeps
//! its styles and links at any depth; `check` on root-absolute
//! links (fingerprinted names are in tests/fingerprints.rs, the Pages workflow in
//! tests/pages_workflow.rs).

mod common;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use common::{Site, asset, attr_values, bin, stderr};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A static host for a built site: serves `dir` under `prefix` like GitHub Pages and the S3
/// website endpoint do: `folder/` is `folder/index.html`, `folder` redirects to `folder/`,
/// and a missing file gets the site's `404.html` with status 404. Stopped on drop.
struct Host {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Host {
    fn start(dir: &Path, prefix: &'static str) -> Host {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let (stopped, dir) = (stop.clone(), dir.to_path_buf());
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(conn) = conn {
                    answer(conn, &dir, prefix);
                }
            }
        });
        Host {
            port,
            stop,
            thread: Some(thread),
        }
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers one request (the crawler sends `Connection: close`) and closes.
fn answer(mut conn: TcpStream, dir: &Path, prefix: &str) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        match conn.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let url = head.split(' ').nth(1).unwrap_or("/");
    let (status, headers, body) = host_reply(dir, prefix, url);
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let _ = conn.write_all(out.as_bytes());
    let _ = conn.write_all(&body);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn host_reply(dir: &Path, prefix: &str, url: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let raw = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(raw);
    if format!("{path}/") == prefix {
        return (301, vec![("Location".into(), prefix.into())], Vec::new());
    }
    let Some(rel) = path.strip_prefix(prefix) else {
        return (404, Vec::new(), b"outside the site".to_vec());
    };
    if rel.split('/').any(|s| s == "..") {
        return (400, Vec::new(), Vec::new());
    }
    let mut file = dir.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file = file.join("index.html");
    } else if file.is_dir() {
        return (301, vec![("Location".into(), format!("{raw}/"))], Vec::new());
    }
    let (status, file) = if file.is_file() {
        (200, file)
    } else {
        (404, dir.join("404.html"))
    };
    let body = std::fs::read(&file).unwrap_or_default();
    (status, vec![("Content-Type".into(), content_type(&file).into())], body)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(h) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 GET over a fresh connection (no client library: nothing is normalised).
fn get(port: u16, target: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Reply { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let len = usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if len == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + len]);
        b = &b[eol + 2 + len + 2..];
    }
    out
}

/// Where a link in a page leads, as a browser would resolve it.
enum Target {
    /// A path on this host, and a fragment.
    Here(String, Option<String>),
    /// Another origin (a link out of the site).
    Elsewhere,
    /// `mailto:`, `data:` and the like.
    Skip,
}

fn resolve(origin: &str, page: &str, link: &str) -> Target {
    let link = link.trim();
    let lower = link.to_ascii_lowercase();
    if ["mailto:", "data:", "tel:", "javascript:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Target::Skip;
    }
    let (no_frag, frag) = match link.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = no_frag.split('?').next().unwrap_or("");
    let joined = if let Some(rest) = path.strip_prefix(origin) {
        if rest.is_empty() {
            "/".to_string()
        } else {
            rest.to_string()
        }
    } else if path.starts_with("//") || path.contains("://") {
        return Target::Elsewhere;
    } else if path.starts_with('/') {
        path.to_string()
    } else if path.is_empty() {
        page.to_string()
    } else {
        format!("{}{path}", &page[..=page.rfind('/').unwrap_or(0)])
    };
    // Remove dot segments.
    let mut parts: Vec<&str> = Vec::new();
    let segs: Vec<&str> = joined.split('/').skip(1).collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
        if i == segs.len() - 1 && (*seg == "." || *seg == "..") {
            parts.push("");
        }
    }
    Target::Here(format!("/{}", parts.join("/")), frag)
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
}

/// Every URL a page makes the browser load or offers as a link: `href`, `src`, and the
/// search data files `search.js` loads (its `data-files`, relative to `data-root`).
fn page_links(html: &str) -> Vec<String> {
    let mut links: Vec<String> = attr_values(html, "href")
        .into_iter()
        .chain(attr_values(html, "src"))
        .map(|l| unescape(&l))
        .collect();
    let root = attr_values(html, "data-root")
        .first()
        .map(|r| unescape(r))
        .unwrap_or_default();
    for files in attr_values(html, "data-files") {
        let map: BTreeMap<String, String> =
            serde_json::from_str(&unescape(&files)).unwrap_or_else(|e| panic!("data-files {files}: {e}"));
        links.extend(map.values().map(|v| format!("{root}{v}")));
    }
    links
}

#[derive(Default, Debug)]
struct Crawl {
    pages: usize,
    files: usize,
    anchors: usize,
    problems: Vec<String>,
}

/// Follows every link and asset from `start` (and from sitemap.xml) on the host, and checks
/// that each answers 200, stays under `prefix`, and that each `#fragment` is an id there.
fn crawl(host: &Host, prefix: &str, start: &[&str]) -> Crawl {
    let origin = host.origin();
    let mut c = Crawl::default();
    let mut queue: VecDeque<(String, String)> = start.iter().map(|s| (s.to_string(), "start".into())).collect();
    let mut seen: HashSet<String> = start.iter().map(|s| s.to_string()).collect();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    while let Some((path, from)) = queue.pop_front() {
        let r = get(host.port, &path);
        if r.status != 200 {
            c.problems
                .push(format!("{path}: status {} (linked from {from})", r.status));
            continue;
        }
        c.files += 1;
        let ct = r.header("content-type").unwrap_or("").to_string();
        let text = r.text();
        let mut links = Vec::new();
        if ct.starts_with("text/html") {
            c.pages += 1;
            ids.insert(
                path.clone(),
                attr_values(&text, "id").into_iter().map(|i| unescape(&i)).collect(),
            );
            links = page_links(&text);
        } else if path.ends_with("sitemap.xml") {
            links = text
                .split("<loc>")
                .skip(1)
                .filter_map(|s| s.split_once("</loc>").map(|(u, _)| u.replace("&amp;", "&")))
                .collect();
        } else if path.ends_with("robots.txt") {
            links = text
                .lines()
                .filter_map(|l| l.strip_prefix("Sitemap: ").map(str::to_string))
                .collect();
        }
        for link in links {
            match resolve(&origin, &path, &link) {
                Target::Skip | Target::Elsewhere => {}
                Target::Here(target, frag) => {
                    if !target.starts_with(prefix) {
                        c.problems
                            .push(format!("{path}: `{link}` leads out of {prefix} to {target}"));
                        continue;
                    }
                    if let Some(f) = frag.filter(|f| !f.is_empty()) {
                        anchors.push((path.clone(), target.clone(), f));
                    }
                    if seen.insert(target.clone()) {
                        queue.push_back((target, path.clone()));
                    }
                }
            }
        }
    }
    for (from, target, frag) in anchors {
        c.anchors += 1;
        // Folder URLs and their index.html are one page.
        let page = ids.get(&target).or_else(|| ids.get(&format!("{target}index.html")));
        if !page.is_some_and(|ids| ids.contains(&frag)) {
            c.problems.push(format!("{from}: no id `{frag}` in {target}"));
        }
    }
    c
}

/// The 404 page as the host serves it for a missing `path`: every URL in it, resolved
/// from that depth as a browser resolves it, must answer 200 and stay under `prefix`.
/// Returns the page.
fn check_404_at(host: &Host, prefix: &str, path: &str) -> String {
    let r = get(host.port, path);
    assert_eq!(r.status, 404, "{path}");
    let html = r.text();
    assert!(
        html.contains("Page not found"),
        "{path}: not the site's 404 page:\n{html}"
    );
    let mut problems = Vec::new();
    let mut stylesheets = 0;
    for link in page_links(&html).into_iter().filter(|l| !l.starts_with('#')) {
        if let Target::Here(target, _) = resolve(&host.origin(), path, &link) {
            if !target.starts_with(prefix) {
                problems.push(format!("`{link}` leads out of {prefix} to {target}"));
                continue;
            }
            let status = get(host.port, &target).status;
            if status != 200 {
                problems.push(format!("`{link}` → {target}: status {status}"));
            }
            stylesheets += usize::from(target.ends_with(".css"));
        }
    }
    assert!(
        problems.is_empty(),
        "404 page served at {path}:\n{}",
        problems.join("\n")
    );
    assert!(
        stylesheets > 0 || html.contains("<style>"),
        "404 page served at {path} has no styles"
    );
    html
}

/// The repository's own site, with `url_style = "pretty"` when asked, in a folder of `tmp`.
fn bundled_source(tmp: &Path, pretty: bool) -> PathBuf {
    if !pretty {
        return repo().to_path_buf();
    }
    let src = tmp.join("src");
    for entry in walkdir::WalkDir::new(repo().join("content")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(repo()).unwrap();
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(src.join(rel)).unwrap();
        } else {
            std::fs::copy(entry.path(), src.join(rel)).unwrap();
        }
    }
    let config = std::fs::read_to_string(repo().join("studysite.toml")).unwrap();
    // Top-level keys go before the first table.
    std::fs::write(src.join("studysite.toml"), format!("url_style = \"pretty\"\n{config}")).unwrap();
    src
}

fn build(site: &Path, out: &Path, base_url: Option<&str>) {
    let mut cmd = bin();
    cmd.args(["build", "-o"]).arg(out);
    if let Some(b) = base_url {
        cmd.args(["--base-url", b]);
    }
    let run = cmd.arg(site).output().unwrap();
    assert!(
        run.status.success(),
        "build of {} failed:\n{}",
        site.display(),
        stderr(&run)
    );
}

#[test]
fn bundled_site_under_a_sub_path_every_link_asset_and_anchor_resolves_in_both_url_styles() {
    for pretty in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let host = Host::start(&out, "/my-notes/");
        let base = format!("{}/my-notes/", host.origin());
        build(&bundled_source(tmp.path(), pretty), &out, Some(&base));
        let style = if pretty { "pretty" } else { "file" };

        let c = crawl(&host, "/my-notes/", &["/my-notes/", "/my-notes/robots.txt"]);
        assert!(
            c.problems.is_empty(),
            "{style} URLs, {} problems:\n{}",
            c.problems.len(),
            c.problems.join("\n")
        );
        // 30 notes + home, questions, quiz, cheat sheet; the assets; the questions' anchors.
        assert!(c.pages >= 34, "{style}: crawled only {} pages", c.pages);
        assert!(c.files >= c.pages + 16, "{style}: {} files", c.files);
        assert!(c.anchors >= 200, "{style}: {} anchors", c.anchors);
        assert_eq!(
            get(host.port, "/my-notes").status,
            301,
            "the sub-path without its slash redirects"
        );

        // The 404 page, served by the host for any missing path, at any depth.
        let deep = if pretty {
            "/my-notes/ec2/gone/"
        } else {
            "/my-notes/a/b/c/gone.html"
        };
        for missing in ["/my-notes/gone.html", deep, "/my-notes/ec2.html/x/y/z"] {
            let html = check_404_at(&host, "/my-notes/", missing);
            assert!(
                html.contains(&format!("href={base}index.html"))
                    || html.contains(&format!("href=\"{base}index.html\"")),
                "{style}: the 404 page links home absolutely: {html}"
            );
        }
    }
}

#[test]
fn without_base_url_the_404_page_keeps_its_styles_at_any_depth() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build(repo(), &out, None);
    assert!(!out.join("sitemap.xml").exists() && !out.join("robots.txt").exists());

    // At the host's root (S3, CloudFront, a custom domain): styles, scripts and links all work.
    let root = Host::start(&out, "/");
    for missing in ["/gone.html", "/a/b/c/gone.html", "/ec2/x/"] {
        check_404_at(&root, "/", missing);
    }

    // Under a sub-path the build did not know: the relative links of every page still work,
    // and the 404 page keeps its styles, which are inline.
    let sub = Host::start(&out, "/my-notes/");
    let c = crawl(&sub, "/my-notes/", &["/my-notes/"]);
    assert!(c.problems.is_empty(), "{}", c.problems.join("\n"));
    let r = get(sub.port, "/my-notes/a/b/c/gone.html");
    assert_eq!(r.status, 404);
    let html = r.text();
    let theme_css = std::fs::read_to_string(out.join(asset(&out, "style.css"))).unwrap();
    assert!(theme_css.contains(".site-header"));
    assert!(
        html.contains("<style>") && html.contains(".site-header"),
        "styles inline: {html}"
    );
    assert!(
        !html.contains("rel=stylesheet") && !html.contains("rel=\"stylesheet\""),
        "{html}"
    );
}

#[test]
fn check_warns_about_root_absolute_links_when_the_base_has_a_sub_path() {
    let site = Site::new(&[
        (
            "studysite.toml",
            "title = \"T\"\nbase_url = \"https://me.github.io/notes/\"\n",
        ),
        ("content/a.md", "# A\n\n[gone](/gone.html) and [fine](b.md)\n"),
        ("content/b.md", "# B\n"),
    ]);
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "a warning, not an error: {err}");
    assert!(
        err.contains("a.md:3:1: warning: root-absolute link `/gone.html`"),
        "{err}"
    );
    assert!(err.contains("served from a sub-path (base_url)"), "{err}");
    assert_eq!(site.run(&["check", "--strict"]).status.code(), Some(1));
    // At a host's root the link works on the host, but still not from file://.
    site.write(
        "studysite.toml",
        "title = \"T\"\nbase_url = \"https://notes.example.com/\"\n",
    );
    let err = stderr(&site.run(&["check"]));
    assert!(
        err.contains("warning: root-absolute link `/gone.html`") && err.contains("file://"),
        "{err}"
    );
    assert!(!err.contains("served from a sub-path"), "{err}");
}
