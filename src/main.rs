use clap::Parser;

// Building a site is many small allocations (Markdown events, template values, the
// minifier's tree): mimalloc makes them cheaper than glibc's allocator and keeps less
// memory resident.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its `mi_option_t` number in mimalloc 3, which the
/// `-sys` crate does not name): how long freed memory stays with the process.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc keeps freed memory for a second before it gives it back, longer than most
/// builds take, so every phase's temporary memory stayed resident to the end. A build
/// frees a phase's scratch (tokens, postings, part scripts) as the next phase starts:
/// given back after 25 ms, the peak is 8–16 % lower at 1,000 pages for no measurable
/// time (bench/README.md). `MIMALLOC_PURGE_DELAY` still decides where it is set.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a number mimalloc reads as it purges; called before any other thread.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 25) };
    }
}

fn main() -> std::process::ExitCode {
    tune_allocator();
    studysite::cli::run(studysite::cli::Cli::parse())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc 3's default purge delay is 1,000 ms, and no other option of its has
        // that default: a renumbered option list fails here, not silently in builds.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) }, 1000);
        }
        super::tune_allocator();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) }, 25);
        }
    }
}
