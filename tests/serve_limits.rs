//! `studysite serve` under hostile or careless clients: slow readers, idle connections
//! past the connection cap, a huge request line, huge headers and foreign host names.
//! Each test runs the real binary on a fixture site, speaks raw TCP on 127.0.0.1 and
//! bounds every wait; the server is killed when the test ends, pass or fail.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::Site;
use common::serve::Server;

/// A running `studysite serve`, killed on drop.
impl Server {
    /// Starts the server; it is ready when it serves a page.
    fn start(site: &Site) -> Server {
        Server::start_until(site, |port| {
            exchange_at(port, get_request(port, "/ec2.html").as_bytes(), Duration::from_secs(5))
                .is_ok_and(|r| r.starts_with("HTTP/1.1 200"))
        })
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn connect(&self) -> TcpStream {
        TcpStream::connect_timeout(&self.addr(), Duration::from_secs(5)).unwrap()
    }

    /// Sends `raw` on a fresh connection and reads the answer up to the server's close.
    fn exchange(&self, raw: &[u8], timeout: Duration) -> std::io::Result<String> {
        exchange_at(self.port, raw, timeout)
    }

    fn try_get(&self, target: &str, timeout: Duration) -> std::io::Result<String> {
        self.exchange(get_request(self.port, target).as_bytes(), timeout)
    }

    /// A page must come back, whole, within `secs`.
    fn assert_serves(&self, secs: u64) {
        let t = Instant::now();
        let page = self
            .try_get("/ec2.html", Duration::from_secs(secs))
            .unwrap_or_else(|e| panic!("no answer: {e}\n{}", self.log()));
        assert!(
            page.starts_with("HTTP/1.1 200") && page.contains("Elastic compute"),
            "{page}"
        );
        assert!(t.elapsed() < Duration::from_secs(secs), "took {:?}", t.elapsed());
    }
}

fn get_request(port: u16, target: &str) -> String {
    format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n")
}

/// Sends `raw` to the server on `port` on a fresh connection and reads the answer up to
/// the server's close.
fn exchange_at(port: u16, raw: &[u8], timeout: Duration) -> std::io::Result<String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(timeout))?;
    s.set_write_timeout(Some(timeout))?;
    s.write_all(raw)?;
    let mut out = Vec::new();
    match s.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if !out.is_empty() && e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => return Err(e),
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

const BIG: usize = 24 * 1024 * 1024;

fn fixture() -> Site {
    let site = Site::new(&[
        ("content/_index.md", "+++\ntitle = \"Notes\"\n+++\nWelcome.\n"),
        (
            "content/ec2.md",
            "+++\ntitle = \"EC2\"\n+++\n# EC2\n\nElastic compute.\n",
        ),
    ]);
    site.write_bytes("static/big.bin", &vec![b'x'; BIG]);
    site
}

/// Waits (bounded) until the server closes `s`, reading and dropping what comes; returns
/// how many bytes came and how long it took.
fn until_closed(mut s: TcpStream, limit: Duration) -> (usize, Duration) {
    let t = Instant::now();
    s.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    let mut total = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while t.elapsed() < limit {
        match s.read(&mut buf) {
            Ok(0) => return (total, t.elapsed()),
            Ok(n) => total += n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return (total, t.elapsed()),
        }
    }
    panic!("the connection was still open after {limit:?}");
}

#[test]
fn clients_that_never_read_a_big_file_block_nobody_and_are_dropped_after_30_s() {
    let site = fixture();
    let server = Server::start(&site);
    let stalled: Vec<TcpStream> = (0..6)
        .map(|_| {
            let mut s = server.connect();
            write!(s, "GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", server.port).unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    // Everyone else is served at once, again and again.
    for _ in 0..5 {
        server.assert_serves(5);
    }
    // A client that takes no byte for 30 s is dropped, so its memory and socket come back.
    std::thread::sleep(Duration::from_secs(31));
    for s in stalled {
        let (got, _) = until_closed(s, Duration::from_secs(20));
        assert!(got < BIG, "a stalled reader was sent the whole file ({got} bytes)");
    }
    server.assert_serves(5);
}

#[test]
fn a_slow_reader_that_keeps_reading_gets_the_whole_file() {
    let site = fixture();
    let server = Server::start(&site);
    let mut s = server.connect();
    write!(
        s,
        "GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        server.port
    )
    .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut got = 0;
    let mut buf = vec![0u8; 1024 * 1024];
    let t = Instant::now();
    loop {
        // Slow but steady for 12 s (past the 10 s idle limit), then at full speed.
        let slow = t.elapsed() < Duration::from_secs(12);
        let n = s.read(&mut buf[..if slow { 16 * 1024 } else { 1024 * 1024 }]).unwrap();
        if n == 0 {
            break;
        }
        got += n;
        if slow {
            std::thread::sleep(Duration::from_millis(500));
        }
    }
    assert!(t.elapsed() > Duration::from_secs(10), "the test did not read slowly");
    assert!(got > BIG, "{got} bytes: the transfer was cut");
}

#[test]
fn idle_connections_close_after_10_s_and_past_the_cap_the_oldest_make_room() {
    let site = fixture();
    let server = Server::start(&site);
    // One that sends nothing and one that stops halfway through its head.
    let opened = Instant::now();
    let silent = server.connect();
    let mut half = server.connect();
    write!(half, "GET /ec2.html HTTP/1.1\r\nHost: 127.0").unwrap();
    until_closed(silent, Duration::from_secs(20));
    until_closed(half, Duration::from_secs(20));
    let waited = opened.elapsed();
    assert!(waited > Duration::from_secs(8), "closed too early: {waited:?}");

    // More idle connections than the server keeps (1,024) and than the default limit of
    // open files allows (1,024): the server keeps answering and its socket stays open.
    let want = 1300;
    if !raise_open_files(2 * want as u64 + 256) {
        return;
    }
    let mut idle = Vec::new();
    for i in 0..want {
        match TcpStream::connect_timeout(&server.addr(), Duration::from_secs(5)) {
            Ok(s) => idle.push(s),
            Err(e) => panic!("connection {i} refused: {e}\n{}", server.log()),
        }
    }
    std::thread::sleep(Duration::from_secs(1));
    server.assert_serves(5);
    // The oldest idle ones were closed to make room.
    let closed = idle
        .iter()
        .take(want - 1024)
        .filter(|s| {
            s.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
            matches!((&mut &**s).read(&mut [0u8; 1]), Ok(0) | Err(_))
        })
        .count();
    assert!(closed > 0, "no idle connection was closed at the cap");
    drop(idle);
    std::thread::sleep(Duration::from_secs(1));
    server.assert_serves(5);
}

/// Raises this process's open-file limit so the test can hold many connections; `false`
/// (with a notice) when the hard limit is too low.
fn raise_open_files(want: u64) -> bool {
    // SAFETY: getrlimit/setrlimit only read and write the struct passed.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim), 0);
        if lim.rlim_max < want as libc::rlim_t {
            eprintln!(
                "SKIPPED: the connection-cap case needs {want} open files; the hard limit is {}",
                lim.rlim_max
            );
            return false;
        }
        if lim.rlim_cur < want as libc::rlim_t {
            lim.rlim_cur = want as libc::rlim_t;
            assert_eq!(libc::setrlimit(libc::RLIMIT_NOFILE, &lim), 0);
        }
    }
    true
}

#[test]
fn a_huge_request_line_gets_414_and_huge_headers_431() {
    let site = fixture();
    let server = Server::start(&site);
    let long = format!("GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "a".repeat(64 * 1024));
    let r = server.exchange(long.as_bytes(), Duration::from_secs(15)).unwrap();
    assert!(r.starts_with("HTTP/1.1 414"), "{r}");

    let mut many = String::from("GET /ec2.html HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for i in 0..40 {
        many.push_str(&format!("X-Filler-{i}: {}\r\n", "b".repeat(1000)));
    }
    many.push_str("\r\n");
    let r = server.exchange(many.as_bytes(), Duration::from_secs(15)).unwrap();
    assert!(r.starts_with("HTTP/1.1 431"), "{r}");

    // A head that never ends is cut off, not buffered: the server stops reading and
    // answers (or closes) while the client is still sending.
    let mut s = server.connect();
    s.set_write_timeout(Some(Duration::from_secs(15))).unwrap();
    write!(s, "GET /ec2.html HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    let line = format!("X-Filler: {}\r\n", "c".repeat(4000));
    let mut sent = 0usize;
    let cut = loop {
        match s.write_all(line.as_bytes()) {
            Ok(()) => sent += line.len(),
            Err(_) => break true,
        }
        if sent > 256 * 1024 * 1024 {
            break false;
        }
    };
    assert!(cut, "the server took 256 MiB of headers");
    let _ = s.shutdown(Shutdown::Both);
    server.assert_serves(5);
}

#[test]
fn foreign_host_names_are_refused_in_the_header_and_in_the_target() {
    let site = fixture();
    let server = Server::start(&site);
    let port = server.port;
    for raw in [
        format!("GET /ec2.html HTTP/1.1\r\nHost: rebind.evil.example:{port}\r\n\r\n"),
        format!("GET /ec2.html HTTP/1.1\r\nHost: 127.0.0.1.evil.example:{port}\r\n\r\n"),
        format!("GET http://rebind.evil.example:{port}/ec2.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    ] {
        let r = server.exchange(raw.as_bytes(), Duration::from_secs(10)).unwrap();
        assert!(r.starts_with("HTTP/1.1 421"), "{raw}: {r}");
        assert!(!r.contains("Elastic compute"), "{raw}: {r}");
    }
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "notes.localhost".into(),
    ] {
        let raw = format!("GET /ec2.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let r = server.exchange(raw.as_bytes(), Duration::from_secs(10)).unwrap();
        assert!(
            r.starts_with("HTTP/1.1 200") && r.contains("Elastic compute"),
            "{host}: {r}"
        );
    }
}
