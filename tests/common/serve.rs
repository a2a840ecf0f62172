//! The dev server as the tests run it: `studysite serve` on a free port of 127.0.0.1,
//! stopped on drop.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::{Site, bin};

pub struct Server {
    child: Child,
    pub port: u16,
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
    /// Starts the server for `site` and waits (bounded) until its log says it serves on
    /// its port and `ready(port)` holds, so that a server of another test that took the
    /// port in between is never mistaken for this one (then another port is tried).
    pub fn start_until(site: &Site, ready: impl Fn(u16) -> bool) -> Server {
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
                if server
                    .log()
                    .contains(&format!("at http://127.0.0.1:{port}/ (Ctrl+C to stop)"))
                    && ready(port)
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

    /// What the server wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// A port of 127.0.0.1 that was free a moment ago.
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// Runs a command that should end by itself, killing it after `secs`; returns its
/// exit code (None if it had to be killed) and its stderr.
pub fn run_bounded(cmd: &mut std::process::Command, secs: u64) -> (Option<i32>, String) {
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
