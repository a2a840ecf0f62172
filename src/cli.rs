//! The command line (SPEC §1): argument definitions and what each command does.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::diagnostics::{Diagnostic, stderr_color};

#[derive(Parser, Debug)]
#[command(
    name = "studysite",
    version,
    about = "Turn Markdown study notes into a fast, searchable static site with questions, a quiz and a cheat sheet.",
    long_about = "Turn Markdown study notes into a fast, searchable static site.\n\n\
A site is a folder with studysite.toml and content/*.md. Notes may hold questions: a heading \
followed by a `✅ answer` paragraph, or by a `- [x]` task list of options. The built site has a \
click-to-reveal answer for every question, a questions page, a quiz (practice, exam, flashcards, \
spaced repetition) and a printable cheat sheet, and works from any static host or straight from disk.",
    after_help = "Examples:\n  studysite init my-notes        create a new site\n  studysite build my-notes       build it into my-notes/public\n  studysite serve my-notes       preview it at http://127.0.0.1:1111/ with live reload\n  studysite check my-notes       check links, anchors and questions\n\nDocs: README.md in the studysite repository."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into an output folder (default DIR/public)
    #[command(
        after_help = "The previous output is replaced only when the build succeeds, and only if studysite made it \
(or with --force). Warnings are printed; errors fail the build with exit code 1."
    )]
    Build {
        /// Site folder holding studysite.toml [default: current folder]
        dir: Option<PathBuf>,
        /// Output folder [default: DIR/public]
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Absolute URL the site will be served from (overrides base_url), e.g. https://me.github.io/notes/
        #[arg(long, value_name = "URL", value_parser = crate::config::parse_base_url)]
        base_url: Option<String>,
        /// Include pages marked `draft = true`
        #[arg(long)]
        drafts: bool,
        /// Write readable, unminified HTML
        #[arg(long)]
        no_minify: bool,
        /// Replace an existing output folder even if studysite did not make it
        #[arg(long)]
        force: bool,
    },
    /// Serve the site with live reload while you edit; writes nothing
    #[command(
        after_help = "The site is built into memory and served on 127.0.0.1 only, unless --bind says otherwise. \
Saving a file in content/, templates/ or static/, or studysite.toml, rebuilds it and reloads open pages. A failed \
rebuild shows its errors in the browser and keeps serving the last good site. Stop with Ctrl+C."
    )]
    Serve {
        /// Site folder holding studysite.toml [default: current folder]
        dir: Option<PathBuf>,
        /// Port to serve on
        #[arg(short, long, default_value_t = 1111, value_parser = clap::value_parser!(u16).range(1..))]
        port: u16,
        /// Address to serve on; anything but a loopback address makes the site reachable from other machines
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft = true`
        #[arg(long)]
        drafts: bool,
    },
    /// Check links, anchors, questions and configuration without writing anything
    Check {
        /// Site folder holding studysite.toml [default: current folder]
        dir: Option<PathBuf>,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
    },
    /// Create a new site with an example page
    Init {
        /// Folder to create the site in
        dir: PathBuf,
        /// Use a folder that is not empty (existing files are never overwritten)
        #[arg(long)]
        force: bool,
        /// Also write a CI workflow: `github` writes a GitHub Pages workflow
        #[arg(long, value_name = "PROVIDER", value_parser = ["github"])]
        ci: Option<String>,
    },
    /// Export the site's questions: `anki` (Anki text import), `csv`, `gift` (Moodle)
    Export {
        /// Format to write
        #[arg(value_parser = ["anki", "csv", "gift"])]
        format: String,
        /// Site folder holding studysite.toml [default: current folder]
        dir: Option<PathBuf>,
        /// File to write [default: DIR/anki.txt, DIR/questions.csv, DIR/questions.gift];
        /// images go to a folder beside it named after it (`anki-media/`)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Turn an Anki text export or a Quizlet export into a studysite page
    Import {
        /// What made the file
        #[arg(value_parser = ["anki", "quizlet"])]
        source: String,
        /// The exported file
        file: PathBuf,
        /// Page to write (never overwritten) [default: content/FILE-NAME.md]
        #[arg(short, long, value_name = "OUT.md")]
        output: Option<PathBuf>,
        /// Quizlet: what separates a term from its definition [default: a tab]
        #[arg(long, value_name = "TEXT", default_value = "\t")]
        term_sep: String,
        /// Quizlet: what separates cards [default: a new line]
        #[arg(long, value_name = "TEXT", default_value = "\n")]
        card_sep: String,
        /// Split a large deck into pages of N cards: OUT.md, OUT-2.md, …
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        per_page: Option<u32>,
    },
    /// Remove the output folder (only one studysite made)
    Clean {
        /// Site folder holding studysite.toml [default: current folder]
        dir: Option<PathBuf>,
    },
}

fn print(diags: &[Diagnostic]) {
    let color = stderr_color();
    for d in diags {
        eprintln!("{}\n", d.render(color));
    }
}

fn print_lenient_hint(diags: &[Diagnostic]) {
    if let Some(hint) = crate::diagnostics::lenient_hint(diags) {
        eprintln!("\n{hint}");
    }
}

fn count_line(diags: &[Diagnostic]) -> String {
    let e = diags.iter().filter(|d| d.is_error()).count();
    let w = diags.len() - e;
    let plural = |n: usize, s: &str| if n == 1 { format!("1 {s}") } else { format!("{n} {s}s") };
    format!("{}, {}", plural(e, "error"), plural(w, "warning"))
}

pub fn run(cli: Cli) -> ExitCode {
    let here = |dir: Option<PathBuf>| dir.unwrap_or_else(|| PathBuf::from("."));
    match cli.command {
        Command::Build {
            dir,
            output,
            base_url,
            drafts,
            no_minify,
            force,
        } => run_build(&BuildOptions {
            root: here(dir),
            output,
            base_url,
            drafts,
            no_minify,
            force,
        }),
        Command::Serve {
            dir,
            port,
            bind,
            open,
            drafts,
        } => crate::serve::serve(&crate::serve::ServeOptions {
            root: here(dir),
            port,
            bind,
            open,
            drafts,
        }),
        Command::Check { dir, strict } => run_check(&here(dir), strict),
        Command::Init { dir, force, ci } => run_init(&dir, force, ci.as_deref()),
        Command::Export { format, dir, output } => report(export(&here(dir), &format, output), "Export"),
        Command::Import {
            source,
            file,
            output,
            term_sep,
            card_sep,
            per_page,
        } => report(
            import(
                &source,
                &file,
                output,
                (&unescape(&term_sep), &unescape(&card_sep)),
                per_page.map(|n| n as usize),
            )
            .map_err(|d| vec![d]),
            "Import",
        ),
        Command::Clean { dir } => run_clean(&here(dir)),
    }
}

fn run_build(opts: &BuildOptions) -> ExitCode {
    match build::build(opts) {
        Ok((summary, warnings)) => {
            print(&warnings);
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print(&diags);
            eprintln!(
                "Build failed: {}. The previous output was left as it was.",
                count_line(&diags)
            );
            print_lenient_hint(&diags);
            ExitCode::from(1)
        }
    }
}

fn run_check(root: &Path, strict: bool) -> ExitCode {
    let diags = build::check(root);
    print(&diags);
    let failed = diags.iter().any(|d| d.is_error() || strict);
    if diags.is_empty() {
        eprintln!("No problems found.");
    } else {
        eprintln!("{}.", count_line(&diags));
    }
    print_lenient_hint(&diags);
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn run_init(dir: &Path, force: bool, ci: Option<&str>) -> ExitCode {
    match crate::init::init(dir, force, ci) {
        Ok(written) => {
            for w in &written {
                eprintln!("  created {}", w.display());
            }
            eprintln!(
                "New site in {}. Build it with: studysite build {}",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            print(&[d]);
            ExitCode::from(1)
        }
    }
}

fn run_clean(root: &Path) -> ExitCode {
    let public = root.join("public");
    let shown = || crate::util::terminal_safe(&public.display().to_string()).into_owned();
    match crate::output::clean(root, &public) {
        Ok(crate::output::Cleaned::Removed) => {
            eprintln!("Removed {}", shown());
            ExitCode::SUCCESS
        }
        Ok(crate::output::Cleaned::KeptGit) => {
            eprintln!("Emptied {} (its .git is kept)", shown());
            ExitCode::SUCCESS
        }
        Ok(crate::output::Cleaned::Nothing) => {
            eprintln!("Nothing to clean.");
            ExitCode::SUCCESS
        }
        Err(d) => {
            print(&[d]);
            ExitCode::from(1)
        }
    }
}

/// `studysite export`: writes the file and copies the images it shows beside it.
fn export(root: &Path, format: &str, output: Option<PathBuf>) -> Result<String, Vec<Diagnostic>> {
    use crate::render::export::{Format, export};
    let (format, default) = match format {
        "anki" => (Format::Anki, "anki.txt"),
        "csv" => (Format::Csv, "questions.csv"),
        _ => (Format::Gift, "questions.gift"),
    };
    let site = crate::site::Site::load(root, false, None)?;
    print(&site.warnings);
    let file = output.unwrap_or_else(|| root.join(default));
    let written = export(&site, format);
    let fail = |e: std::io::Error, p: &Path| vec![Diagnostic::error(p, format!("cannot write: {e}"))];
    std::fs::write(&file, &written.text).map_err(|e| fail(e, &file))?;
    if !written.media.is_empty() {
        let stem = file
            .file_stem()
            .map_or("export".into(), |s| s.to_string_lossy().into_owned());
        let dir = file.with_file_name(format!("{stem}-media"));
        std::fs::create_dir_all(&dir).map_err(|e| fail(e, &dir))?;
        for (name, src) in &written.media {
            std::fs::copy(src, dir.join(name)).map_err(|e| fail(e, src))?;
        }
    }
    Ok(format!(
        "Exported {} questions and {} images to {}",
        written.questions,
        written.media.len(),
        file.display()
    ))
}

/// Prints what a command did, or its errors (exit 1).
fn report(result: Result<String, Vec<Diagnostic>>, what: &str) -> ExitCode {
    match result {
        Ok(line) => {
            eprintln!("{line}");
            ExitCode::SUCCESS
        }
        Err(diags) => {
            print(&diags);
            eprintln!("{what} failed: {}.", count_line(&diags));
            ExitCode::from(1)
        }
    }
}

/// `\t` and `\n` typed on a command line, as the characters.
fn unescape(s: &str) -> String {
    s.replace("\\t", "\t").replace("\\n", "\n")
}

/// `studysite import`: writes the cards as a page, never over an existing file.
fn import(
    source: &str,
    file: &Path,
    output: Option<PathBuf>,
    (term_sep, card_sep): (&str, &str),
    per_page: Option<usize>,
) -> Result<String, Diagnostic> {
    let text = std::fs::read_to_string(file).map_err(|e| Diagnostic::error(file, format!("cannot read: {e}")))?;
    let cards = match source {
        "anki" => crate::import::anki(&text),
        _ => crate::import::quizlet(&text, term_sep, card_sep),
    };
    if cards.is_empty() {
        return Err(Diagnostic::error(file, "no cards found").with_help(
            "an Anki text export has one note a line (front and back split by a tab); for Quizlet, pass --term-sep and --card-sep as chosen on export",
        ));
    }
    let stem = file
        .file_stem()
        .map_or("cards".into(), |s| s.to_string_lossy().into_owned());
    let out = output.unwrap_or_else(|| Path::new("content").join(format!("{stem}.md")));
    // A large deck in pages of `per_page` cards: deck.md, deck-2.md, … (titled "deck (2)").
    let chunk = per_page.unwrap_or(cards.len()).max(1);
    let parts: Vec<&[crate::import::Card]> = cards.chunks(chunk).collect();
    let name = |k: usize| -> PathBuf {
        if k == 0 {
            return out.clone();
        }
        let file_stem = out
            .file_stem()
            .map_or("cards".into(), |s| s.to_string_lossy().into_owned());
        out.with_file_name(format!("{file_stem}-{}.md", k + 1))
    };
    for k in 0..parts.len() {
        if name(k).exists() {
            return Err(
                Diagnostic::error(&name(k), "already exists; not overwritten").with_help("choose another page with -o")
            );
        }
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Diagnostic::error(dir, format!("cannot create: {e}")))?;
    }
    for (k, part) in parts.iter().enumerate() {
        let title = if parts.len() == 1 {
            stem.clone()
        } else {
            format!("{stem} ({})", k + 1)
        };
        let path = name(k);
        std::fs::write(&path, crate::import::markdown(&title, part))
            .map_err(|e| Diagnostic::error(&path, format!("cannot write: {e}")))?;
    }
    if parts.len() > 1 {
        return Ok(format!(
            "Imported {} cards to {} pages: {} … {}",
            cards.len(),
            parts.len(),
            out.display(),
            name(parts.len() - 1).display()
        ));
    }
    Ok(format!("Imported {} cards to {}", cards.len(), out.display()))
}
