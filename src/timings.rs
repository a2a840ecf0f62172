//! Phase times and peak memory of a build, printed to stderr when `STUDYSITE_TIMINGS`
//! is set: how the benchmark (bench/README.md) sees where a build spends its time.

use std::time::{Duration, Instant};

/// Phase times, printed to stderr when `STUDYSITE_TIMINGS` is set (for profiling builds).
pub struct Phases {
    last: Instant,
    on: bool,
    marks: Vec<(&'static str, Duration, u64)>,
}

impl Phases {
    pub fn new(start: Instant) -> Self {
        Phases {
            last: start,
            on: std::env::var_os("STUDYSITE_TIMINGS").is_some(),
            marks: Vec::new(),
        }
    }

    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.marks
            .push((name, now - self.last, if self.on { peak_rss_mb() } else { 0 }));
        self.last = now;
    }

    pub fn report(&self) {
        if self.on {
            let parts: Vec<String> = self
                .marks
                .iter()
                .map(|(n, d, rss)| format!("{n} {:.1} ms (peak RSS {rss} MB)", d.as_secs_f64() * 1000.0))
                .collect();
            eprintln!("timings: {}", parts.join(", "));
        }
    }
}

/// The process's peak resident memory so far, in MB (Linux; 0 elsewhere).
fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
