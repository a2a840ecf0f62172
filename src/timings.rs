//! Phase times and peak memory of a build, printed to stderr when `STUDYSITE_TIMINGS`
//! is set: how the benchmark (bench/README.md) sees where a build spends its time.

use std::time::{Duration, Instant};

/// Phase times, printed to stderr when `STUDYSITE_TIMINGS` is set (for profiling builds).
pub struct Phases {
    last: Instant,
    on: bool,
    cpu: Duration,
    marks: Vec<(&'static str, Duration, Duration, u64)>,
}

impl Phases {
    pub fn new(start: Instant) -> Self {
        Phases {
            last: start,
            on: std::env::var_os("STUDYSITE_TIMINGS").is_some(),
            // The process's start-up counts in the first phase (no system call when off).
            cpu: Duration::ZERO,
            marks: Vec::new(),
        }
    }

    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        let (cpu, rss) = if self.on {
            (cpu_time(), peak_rss_mb())
        } else {
            (self.cpu, 0)
        };
        self.marks
            .push((name, now - self.last, cpu.saturating_sub(self.cpu), rss));
        self.last = now;
        self.cpu = cpu;
    }

    pub fn report(&self) {
        if self.on {
            let parts: Vec<String> = self
                .marks
                .iter()
                .map(|(n, d, cpu, rss)| {
                    format!(
                        "{n} {:.1} ms (CPU {:.0} ms, peak RSS {rss} MB)",
                        d.as_secs_f64() * 1000.0,
                        cpu.as_secs_f64() * 1000.0
                    )
                })
                .collect();
            eprintln!("timings: {}", parts.join(", "));
        }
    }
}

/// The CPU time (user + system, all threads) the process has used so far (0 off Unix).
fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the struct it is given and reads nothing else.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
            return tv(usage.ru_utime) + tv(usage.ru_stime);
        }
    }
    Duration::ZERO
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
