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

mod conn;
mod http;
mod reload;
#[cfg(test)]
mod tests;
mod watch;

use crate::diagnostics::stderr_color;
use crate::output::{self};
use crate::site::CONFIG_FILE;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use http::*;
pub use reload::LIVE_JS;
use reload::*;
use watch::*;

/// How often the watcher scans the sources.
pub const SCAN_INTERVAL: Duration = Duration::from_millis(300);

/// How long the sources must stay unchanged before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(150);

/// How long a long poll waits for a new build before answering with the same one.
pub const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// Long polls waiting at once; more are told to come back later (503).
const MAX_POLLS: usize = 64;

/// The URL prefix of the server's own files; never part of a site.
pub const PREFIX: &str = "__studysite/";

/// The start of what every HTML response gets just before `</body>`; see [`live_tag`].
pub const LIVE_TAG: &str = "<script src=\"/__studysite/live.js\"";

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

/// `studysite serve`: builds into memory, serves, watches and rebuilds until Ctrl+C.
pub fn serve(opts: &ServeOptions) -> ExitCode {
    let color = stderr_color();
    let root = output::absolute(&opts.root);
    if !root.join(CONFIG_FILE).is_file()
        && let Err(diags) = crate::site::load_config(&root, None)
    {
        for d in &diags {
            eprintln!("{}\n", d.render(color));
        }
        return ExitCode::from(1);
    }
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = match std::net::TcpListener::bind(addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}", bind_error(addr, &e));
            return ExitCode::from(1);
        }
    };
    let bound = listener.local_addr().unwrap_or(addr);
    if let Some(w) = bind_warning(bound.ip()) {
        eprintln!("{w}");
    }

    let state = Arc::new(SiteState::new());
    let mut builder = Builder {
        root: root.clone(),
        drafts: opts.drafts,
        last_warnings: String::new(),
        cache: Default::default(),
        read: Default::default(),
    };
    let seen = fingerprint(&root, &[]);
    builder.run(&state);

    let server_state = Arc::clone(&state);
    let spawned = std::thread::Builder::new().name("serve".into()).spawn(move || {
        if let Err(e) = conn::run(listener, server_state) {
            eprintln!("error: the server stopped: {e}");
            std::process::exit(1);
        }
    });
    if let Err(e) = spawned {
        eprintln!("error: cannot start the server thread: {e}");
        return ExitCode::from(1);
    }
    eprintln!("Serving {} at http://{bound}/ (Ctrl+C to stop)", opts.root.display());
    if opts.open {
        open_browser(&browser_url(bound));
    }
    let stop = AtomicBool::new(false);
    let read = Arc::clone(&builder.read);
    watch(&root, seen, &stop, &read, || builder.run(&state));
    ExitCode::SUCCESS
}
