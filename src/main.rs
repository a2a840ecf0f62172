use clap::Parser;

// Building a site is many small allocations (Markdown events, template values, the
// minifier's tree): mimalloc makes them cheaper than glibc's allocator and keeps less
// memory resident.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    studysite::cli::run(studysite::cli::Cli::parse())
}
