use clap::Parser;

fn main() -> std::process::ExitCode {
    studysite::cli::run(studysite::cli::Cli::parse())
}
