//! The HTTP side of `serve`: request paths to replies (a pure function of the published
//! build), the Host check, binding and the browser. The sockets are in [`super::conn`].

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::*;

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
    pub(super) fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    pub(super) fn text(status: u16, body: &str) -> Self {
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
        "webmanifest" => "application/manifest+json",
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

pub(super) fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `%XX` escapes once; `None` for a malformed escape.
pub(super) fn percent_decode(s: &str) -> Option<Vec<u8>> {
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
pub(super) fn is_drive(segment: &str) -> bool {
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

pub(super) fn file_reply(status: u16, key: &str, bytes: &[u8], good: u64) -> Reply {
    let ct = content_type(key);
    if ct.starts_with("text/html") {
        Reply::new(status, ct, inject_live_reload(bytes, good))
    } else {
        Reply::new(status, ct, bytes)
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

pub(super) fn bind_error(addr: SocketAddr, e: &(dyn std::error::Error + 'static)) -> String {
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
pub(super) fn browser_url(bound: SocketAddr) -> String {
    let ip = match bound.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, bound.port()))
}

/// Opens the system's browser; failing is only a note.
pub(super) fn open_browser(url: &str) {
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
