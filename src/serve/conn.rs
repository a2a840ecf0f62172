//! The socket side of `serve`, on hyper (HTTP/1) and a one-thread tokio runtime, built so
//! that no client can stop the server for the others:
//!
//! - every connection is a task, so a slow one holds up nobody else;
//! - a request head must arrive within [`HEAD_TIMEOUT`] and a connection that sits idle
//!   between requests is closed after it too;
//! - a reply whose bytes the client stops taking for [`WRITE_STALL`] is dropped;
//! - a request line longer than [`MAX_REQUEST_LINE`] gets 414, a head larger than
//!   [`MAX_HEAD`] (or with more than 100 headers) gets 431;
//! - at most [`max_connections`] connections are kept: when a new one arrives at the cap,
//!   the oldest idle keep-alive connection is closed, and when none is idle the new one is
//!   closed at once; the listening socket is never given up (accept errors such as
//!   running out of file descriptors are waited out);
//! - only this machine's names are accepted in `Host` (DNS rebinding; see [`host_allowed`]).

use hyper::body::{Body, Bytes, Frame, Incoming, SizeHint};
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::{Future, poll_fn};
use std::io;
use std::net::TcpListener as StdListener;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;

use super::*;

/// How long a client has to send a whole request head, and how long a connection may sit
/// idle between requests.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a reply may wait for the client to take any of its bytes.
pub const WRITE_STALL: Duration = Duration::from_secs(30);

/// The longest request line (method, target, version) answered; longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;

/// The largest request head (request line and headers) answered; larger gets 431.
pub const MAX_HEAD: usize = 32 * 1024;

/// The most connections kept open at once, whatever the file-descriptor limit allows.
const MAX_CONNECTIONS: usize = 1024;

/// The connection cap: [`MAX_CONNECTIONS`], or fewer when the process may not open that
/// many files (room is left for the watcher and the builds). The soft limit is first
/// raised towards the hard one.
pub fn max_connections() -> usize {
    #[cfg(unix)]
    {
        // SAFETY: getrlimit/setrlimit only read and write the struct passed.
        unsafe {
            let mut lim = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
                let want = (MAX_CONNECTIONS as libc::rlim_t + 512).min(lim.rlim_max);
                if lim.rlim_cur < want {
                    let raised = libc::rlimit {
                        rlim_cur: want,
                        rlim_max: lim.rlim_max,
                    };
                    if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                        lim.rlim_cur = want;
                    }
                }
                let room = (lim.rlim_cur as usize).saturating_sub(256).max(16);
                return room.min(MAX_CONNECTIONS);
            }
        }
    }
    MAX_CONNECTIONS
}

/// A reply body held in memory, sent with a Content-Length.
pub(super) struct Full(Option<Bytes>);

impl Body for Full {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.0.take().map(|b| Ok(Frame::data(b))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.as_ref().map_or(0, |b| b.len() as u64))
    }
}

pub(super) fn to_response(reply: Reply) -> Response<Full> {
    let mut b = Response::builder()
        .status(reply.status)
        .header("Content-Type", reply.content_type)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff");
    for (k, v) in reply.headers {
        b = b.header(k, v);
    }
    b.body(Full(Some(Bytes::from(reply.body))))
        .unwrap_or_else(|_| Response::new(Full(Some(Bytes::from_static(b"Bad reply\n")))))
}

/// What the accept loop knows of one open connection.
struct Entry {
    /// Requests being answered (a connection with none is idle).
    busy: Arc<AtomicUsize>,
    evict: Arc<Evict>,
}

/// Asks a connection to close once it is idle.
#[derive(Default)]
struct Evict {
    asked: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Evict {
    fn ask(&self) {
        self.asked.store(true, Ordering::SeqCst);
        if let Some(w) = self.waker.lock().unwrap_or_else(|e| e.into_inner()).take() {
            w.wake();
        }
    }

    fn asked(&self, cx: &mut Context<'_>) -> bool {
        *self.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
        self.asked.load(Ordering::SeqCst)
    }
}

/// The open connections, oldest first.
#[derive(Default)]
struct Conns {
    open: Mutex<BTreeMap<u64, Entry>>,
    next: AtomicU64,
}

impl Conns {
    /// Makes room for one more connection under `cap`: asks the oldest idle one not yet
    /// asked to close. `false` when all are busy.
    fn make_room(&self, cap: usize) -> bool {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let closing = open.values().filter(|e| e.evict.asked.load(Ordering::SeqCst)).count();
        if open.len() - closing < cap {
            return true;
        }
        let idle = open
            .values()
            .find(|e| e.busy.load(Ordering::SeqCst) == 0 && !e.evict.asked.load(Ordering::SeqCst));
        match idle {
            Some(e) => {
                e.evict.ask();
                true
            }
            None => false,
        }
    }
}

/// Runs the server on `listener` until the process ends. Never returns.
pub(super) fn run(listener: StdListener, state: Arc<SiteState>) -> io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = TcpListener::from_std(listener)?;
        let cap = max_connections();
        let conns = Arc::new(Conns::default());
        let polls = Arc::new(AtomicUsize::new(0));
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(s) => s,
                // Out of file descriptors, a connection reset before it was taken…:
                // wait a little and go on; the listening socket stays open.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            if !conns.make_room(cap) {
                drop(stream);
                continue;
            }
            let id = conns.next.fetch_add(1, Ordering::SeqCst);
            let entry = Entry {
                busy: Arc::new(AtomicUsize::new(0)),
                evict: Arc::new(Evict::default()),
            };
            let (busy, evict) = (Arc::clone(&entry.busy), Arc::clone(&entry.evict));
            conns.open.lock().unwrap_or_else(|e| e.into_inner()).insert(id, entry);
            let (conns, state, polls) = (Arc::clone(&conns), Arc::clone(&state), Arc::clone(&polls));
            tokio::spawn(async move {
                connection(stream, state, polls, busy, evict).await;
                conns.open.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            });
        }
    })
}

/// The answer to a request line longer than [`MAX_REQUEST_LINE`].
const TOO_LONG: &str = "HTTP/1.1 414 URI Too Long\r\nContent-Type: text/plain; charset=utf-8\r\n\
Content-Length: 29\r\nConnection: close\r\n\r\nThe request line is too long\n";

/// Serves one connection until it closes, times out or is asked to make room.
async fn connection(
    mut stream: TcpStream,
    state: Arc<SiteState>,
    polls: Arc<AtomicUsize>,
    busy: Arc<AtomicUsize>,
    evict: Arc<Evict>,
) {
    let _ = stream.set_nodelay(true);
    // The first request line is read here so that one too long is told so (414) rather
    // than running into the head limit (431).
    let first = {
        let read = tokio::time::timeout(HEAD_TIMEOUT, first_line(&mut stream));
        let mut read = std::pin::pin!(read);
        // Until a request line has come the connection is idle: it may be asked to make room.
        poll_fn(|cx| {
            if evict.asked(cx) {
                return Poll::Ready(None);
            }
            read.as_mut().poll(cx).map(Some)
        })
        .await
    };
    let first = match first {
        Some(Ok(Ok(Some(bytes)))) => bytes,
        Some(Ok(Ok(None))) => {
            let _ = tokio::time::timeout(Duration::from_secs(5), stream.write_all(TOO_LONG.as_bytes())).await;
            let _ = stream.shutdown().await;
            // Take (a bounded part of) what the client is still sending, so that closing
            // does not reset the connection before it has read the answer.
            let mut sink = [0u8; 16 * 1024];
            let drain = async {
                while let Ok(n) = stream.read(&mut sink).await {
                    if n == 0 {
                        break;
                    }
                }
            };
            let _ = tokio::time::timeout(Duration::from_secs(2), drain).await;
            return;
        }
        _ => return,
    };
    let io = Guarded {
        inner: stream,
        prefix: first,
        at: 0,
        busy: Arc::clone(&busy),
        stall: None,
        idle: None,
    };
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let (state, polls, busy) = (Arc::clone(&state), Arc::clone(&polls), Arc::clone(&busy));
        busy.fetch_add(1, Ordering::SeqCst);
        async move {
            let reply = answer(&req, &state, &polls).await;
            busy.fetch_sub(1, Ordering::SeqCst);
            Ok::<_, Infallible>(to_response(reply))
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        // A head up to twice the limit is read whole and answered 431 cleanly; beyond
        // that hyper stops reading and answers 431 at once.
        .max_buf_size(2 * MAX_HEAD)
        .max_header_size(MAX_HEAD)
        .writev(true);
    let conn = builder.serve_connection(TokioIo::new(io), service);
    let mut conn = std::pin::pin!(conn);
    let mut closing = false;
    let _ = poll_fn(|cx| {
        if !closing && evict.asked(cx) {
            conn.as_mut().graceful_shutdown();
            closing = true;
        }
        conn.as_mut().poll(cx)
    })
    .await;
}

/// Reads until the end of the first line (`\n`), at most [`MAX_REQUEST_LINE`] bytes past
/// what one read brings. `None` when the line is longer; an error on end of stream.
async fn first_line(stream: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        match memchr::memchr(b'\n', &buf) {
            Some(end) if end <= MAX_REQUEST_LINE => return Ok(Some(buf)),
            Some(_) => return Ok(None),
            None if buf.len() > MAX_REQUEST_LINE => return Ok(None),
            None => {}
        }
    }
}

/// The reply to one request: the Host check, then a long poll (on a blocking thread of its
/// own, at most [`MAX_POLLS`] at once) or a file.
async fn answer(req: &Request<Incoming>, state: &Arc<SiteState>, polls: &Arc<AtomicUsize>) -> Reply {
    // Both the Host header and an absolute-form target name the host asked for.
    let host = req
        .headers()
        .get(hyper::header::HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned());
    let authority = req.uri().authority().map(|a| a.to_string());
    if !host_allowed(host.as_deref()) || (authority.is_some() && !host_allowed(authority.as_deref())) {
        return Reply::text(421, "Unknown host: open the site at the address serve printed");
    }
    let method = req.method().as_str().to_string();
    let target = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_string(), |p| p.as_str().to_string());
    if let Some(since) = poll_since(&target)
        && (method == "GET" || method == "HEAD")
    {
        if polls.fetch_add(1, Ordering::SeqCst) >= MAX_POLLS {
            polls.fetch_sub(1, Ordering::SeqCst);
            return Reply::text(503, "Too many waiting requests");
        }
        let waiting = Arc::clone(state);
        let snap = tokio::task::spawn_blocking(move || waiting.wait_past(since, POLL_TIMEOUT)).await;
        polls.fetch_sub(1, Ordering::SeqCst);
        let snap = snap.unwrap_or_else(|_| state.snapshot());
        return respond(&snap, &method, &target);
    }
    respond(&state.snapshot(), &method, &target)
}

/// The client's socket, with the first bytes already read given back first, a write
/// stall limit and an idle limit between requests.
struct Guarded {
    inner: TcpStream,
    prefix: Vec<u8>,
    at: usize,
    busy: Arc<AtomicUsize>,
    /// Running while a write waits for the client.
    stall: Option<Pin<Box<Sleep>>>,
    /// Running while an idle connection waits for a request.
    idle: Option<Pin<Box<Sleep>>>,
}

fn timed_out(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, what.to_string())
}

impl Guarded {
    /// Turns a pending write into a timeout once it has waited [`WRITE_STALL`].
    fn on_write<T>(&mut self, cx: &mut Context<'_>, r: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        match r {
            Poll::Ready(r) => {
                self.stall = None;
                self.idle = None;
                Poll::Ready(r)
            }
            Poll::Pending => {
                let stall = self
                    .stall
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(WRITE_STALL)));
                if stall.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(Err(timed_out("the client stopped reading")));
                }
                Poll::Pending
            }
        }
    }
}

impl AsyncRead for Guarded {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.at < this.prefix.len() {
            let n = buf.remaining().min(this.prefix.len() - this.at);
            buf.put_slice(&this.prefix[this.at..this.at + n]);
            this.at += n;
            if this.at == this.prefix.len() {
                this.prefix = Vec::new();
                this.at = 0;
            }
            return Poll::Ready(Ok(()));
        }
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                this.idle = None;
                Poll::Ready(r)
            }
            Poll::Pending => {
                if this.busy.load(Ordering::SeqCst) == 0 && this.stall.is_none() {
                    let idle = this
                        .idle
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep(HEAD_TIMEOUT)));
                    if idle.as_mut().poll(cx).is_ready() {
                        return Poll::Ready(Err(timed_out("no request came")));
                    }
                } else {
                    this.idle = None;
                }
                Poll::Pending
            }
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.on_write(cx, r)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.on_write(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.inner).poll_flush(cx);
        self.on_write(cx, r)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
