//! Stage 1, load: walk `content/` in sorted order, read each Markdown file, split its
//! front matter, and decide every page's output path and URL. Other files beside the
//! notes (images, PDFs) are collected to be copied as they are.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::mkdocs_yml::MkdocsFiles;

use crate::config::{Config, UrlStyle};
use crate::diagnostics::Diagnostic;
pub use crate::file_names::{in_attachment_folder, is_attachment_folder, is_ignored, is_include_part, unportable};
use crate::frontmatter::{self, FrontMatter};
use crate::util::slugify;

mod same_name;

/// Notes larger than this are refused: no study note is 8 MiB, and a runaway file
/// should not take the build down with it.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `content/_index.md` (or `index.md`, `README.md`): the text of the home page.
    Home,
    /// `content/<folder>/_index.md` (or `index.md`, `README.md`): a folder's own page.
    Section,
    /// Any other Markdown file.
    Page,
}

#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// Path inside `content/`, with `/` separators: `s3.md`, `guide/_index.md`.
    pub rel: String,
    pub kind: PageKind,
    pub front: FrontMatter,
    /// The whole file (BOM removed).
    pub source: String,
    pub body_start: usize,
    /// 1-based line on which the body starts.
    pub body_line: usize,
    /// Output file, relative to the output root: `s3.html` or `s3/index.html`.
    pub out_path: String,
    /// Link target relative to the site root: `s3.html` or `s3/`.
    pub url: String,
    /// Folder of the source inside `content/`: "" or `guide`.
    pub folder: String,
    /// mdBook's `{{#title …}}`: the whole HTML `<title>` (the page's title stays).
    pub html_title: Option<String>,
}

impl SourcePage {
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// The path inside content/ under the file's own name, for a page read from a file
    /// not named `.md` (`post.markdown`, whose source path is `post.md`); None for a `.md`.
    pub fn own_name(&self) -> Option<String> {
        let real = self.path.file_name()?.to_str()?;
        if Some(real) == self.rel.rsplit('/').next() {
            return None;
        }
        let dir = self
            .rel
            .rsplit_once('/')
            .map_or(String::new(), |(f, _)| format!("{f}/"));
        Some(format!("{dir}{real}"))
    }

    /// The title when neither front matter nor a heading gives one: the file name
    /// exactly as written, without its extension and a sorting prefix (`01-`); a
    /// folder's own page takes the folder's name. A Jekyll post
    /// (`_posts/2020-01-01-hello-world.md`) is titled as Jekyll titles it: "Hello World".
    pub fn fallback_title(&self) -> String {
        let stem = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        let stem = stem.strip_suffix(".md").unwrap_or(stem);
        if self.kind == PageKind::Page
            && (self.folder == "_posts" || self.folder.ends_with("/_posts"))
            && let Some(title) = crate::natural::post_title(stem)
        {
            return title;
        }
        let stem = match self.kind {
            PageKind::Home => return "Home".into(),
            PageKind::Section => self.folder.rsplit('/').next().unwrap_or(stem),
            PageKind::Page => stem,
        };
        crate::natural::without_prefix(stem).to_string()
    }
}

/// `_index.md`, `index.md` and `README.md` (any case) make a folder's own page.
pub fn is_front_page(file_name: &str) -> bool {
    ["_index.md", "index.md", "readme.md"]
        .iter()
        .any(|n| file_name.eq_ignore_ascii_case(n))
}

/// A non-Markdown file under `content/`, copied to the same relative path.
#[derive(Debug, Clone)]
pub struct ContentAsset {
    pub path: PathBuf,
    pub rel: String,
}

#[derive(Debug, Default)]
pub struct LoadedContent {
    pub pages: Vec<SourcePage>,
    pub assets: Vec<ContentAsset>,
    pub warnings: Vec<Diagnostic>,
    /// The Markdown files inside content/ (`rel`s) that pages include (mdBook's
    /// `{{#include}}`, pymdownx snippets).
    pub included: std::collections::BTreeSet<String>,
    /// The `mkdocs.yml` files read while loading, for the nav to read again from.
    pub mkdocs: MkdocsFiles,
    /// Files outside content/ that pages include (canonical paths), for `serve` to watch.
    pub read_outside: std::collections::BTreeSet<PathBuf>,
}

/// The site's top-level folders (`content/`, `static/`, `templates/`) that are
/// symbolic links: an error when one leads out of the site (a cloned repository with
/// `static -> ~/.ssh` would publish the key) unless `follow_outside_links` is set.
pub fn top_level_links(root: &Path, config: &Config) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let real_root = crate::util::absolute(root);
    let mut errors = Vec::new();
    for name in ["content", "static", "templates"] {
        let path = root.join(name);
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        let inside = path.canonicalize().is_ok_and(|t| t.starts_with(&real_root));
        if !inside && !config.follow_outside_links {
            errors.push(
                Diagnostic::error(
                    &path,
                    format!("{name}/ is a symbolic link that leads out of the site; not followed"),
                )
                .with_help(
                    "to use a folder kept elsewhere (a vault), set `follow_outside_links = true` in studysite.toml",
                ),
            );
        }
    }
    if errors.is_empty() { Ok(Vec::new()) } else { Err(errors) }
}

/// Line endings of old Mac editors (a `\r` alone) read as `\n`, so front matter and
/// line numbers work in such a file; `\r\n` and `\n` stay as they are.
pub fn lone_cr_as_newline(source: String) -> String {
    let b = source.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !(0..b.len()).any(lone) {
        return source;
    }
    let mut bytes = source.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only an ASCII byte was replaced by another.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Where a linked file inside content/ or static/ may lead: inside the site, or
/// anywhere when the site opted in with `follow_outside_links`.
pub fn link_allowed(target: &Path, real_root: &Path, config: &Config) -> bool {
    config.follow_outside_links || target.starts_with(real_root)
}

/// Walks `content` (`root/content`, or a language's `root/content/<code>`), returning
/// pages in sorted path order, or every error found. A MkDocs project's
/// `theme.custom_dir` (its theme's Jinja templates) is left out, as MkDocs never
/// publishes it; so are an Obsidian vault's template folders and drawings
/// ([`crate::obsidian_vault`]). `mkdocs` holds the `mkdocs.yml` files read so far.
pub fn load(
    root: &Path,
    content: &Path,
    config: &Config,
    drafts: bool,
    mkdocs: MkdocsFiles,
) -> Result<LoadedContent, Vec<Diagnostic>> {
    let content = content.to_path_buf();
    let mut out = LoadedContent::default();
    let mut errors = Vec::new();
    if !content.is_dir() {
        return Err(vec![Diagnostic::error(&content, "no content folder").with_help(
            "create `content/` with Markdown files in it, or run `studysite init`",
        )]);
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canonical_content = content.canonicalize().unwrap_or_else(|_| content.clone());
    let mut snippets = crate::snippets::Snippets::new(&canonical_root, &canonical_content, &mkdocs);
    let mut theme_dirs = mkdocs.theme_dirs(root, &content);
    theme_dirs.extend(crate::obsidian_vault::template_dirs(root, &content));
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            if e.depth() > 0
                && is_ignored(&name)
                && !(e.file_type().is_dir() && is_attachment_folder(&name))
                && !(e.file_type().is_file() && crate::file_names::is_folder_file(&name))
            {
                return false;
            }
            if !e.file_type().is_dir() {
                return true;
            }
            if theme_dirs.iter().any(|d| d == e.path()) {
                return false;
            }
            if e.depth() > 0
                && let Some(m) = mkdocs.at(e.path())
                && let Some(custom) = m.custom_dir()
            {
                theme_dirs.push(e.path().join(custom));
            }
            true
        });
    let mut to_read: Vec<(PathBuf, String)> = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| content.clone());
                out.warnings.push(Diagnostic::warning(&p, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path().to_path_buf();
        if !is_readable_file(&entry, &canonical_root, config, &mut out.warnings) {
            continue;
        }
        if path.strip_prefix(&content).unwrap_or(&path).to_str().is_none() {
            // Shown lossily, two such names would be one output file.
            errors.push(
                Diagnostic::error(&path, "file name is not valid UTF-8")
                    .with_help("rename it (the bad bytes are shown as \\xNN): URLs and output file names are UTF-8"),
            );
            continue;
        }
        let rel = path
            .strip_prefix(&content)
            .unwrap_or(&path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let rel = match crate::file_names::markdown_rel(&rel) {
            Some(page) => page.into_owned(),
            None => {
                out.assets.push(ContentAsset { path, rel });
                continue;
            }
        };
        if crate::obsidian_vault::is_drawing(&rel) || in_attachment_folder(&rel) || is_include_part(&rel) {
            continue;
        }
        if let Some(problem) = unportable(&rel) {
            out.warnings.push(
                Diagnostic::warning(&path, format!("file name {problem}"))
                    .with_help("rename it: the site would break when built or hosted on Windows"),
            );
        }
        to_read.push((path, rel));
    }
    // Reading, decoding and the front matter and includes of each page, in parallel;
    // then, in order, what shares state across pages (the snippets projects).
    let read: Vec<_> = to_read
        .par_iter()
        .map(|(path, rel)| read_source(path, rel, &canonical_root))
        .collect();
    for ((path, rel), raw) in to_read.iter().zip(read) {
        match raw.and_then(|raw| finish_page(raw, path, rel, config, &mut snippets)) {
            Ok((page, warnings, included)) => {
                out.warnings.extend(warnings);
                out.included.extend(included_rels(&included, &canonical_content));
                let outside = included.into_iter().filter(|f| !f.starts_with(&canonical_content));
                out.read_outside.extend(outside);
                if page.front.draft && !drafts {
                    continue;
                }
                out.pages.push(page);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    for d in snippets.diagnostics {
        if d.is_error() {
            errors.push(d)
        } else {
            out.warnings.push(d)
        }
    }
    same_name::renamed_twins(&mut out.pages, &mut out.warnings);
    same_name::folder_notes(&mut out.pages, config.url_style);
    errors.extend(same_name::two_front_pages(&out.pages));
    errors.extend(same_name::collisions(&out.pages, &out.assets, config.url_style));
    out.mkdocs = mkdocs;
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Whether a walked entry is a file to read: a file, or a link to a file inside the site.
/// A link is never followed to a folder (loops) nor outside the site root (SPEC §6); each
/// refusal is a warning.
fn is_readable_file(
    entry: &walkdir::DirEntry,
    canonical_root: &Path,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> bool {
    let path = entry.path();
    let file_type = entry.file_type();
    if !file_type.is_symlink() {
        return file_type.is_file();
    }
    match path.canonicalize() {
        Ok(target) if link_allowed(&target, canonical_root, config) && target.is_file() => true,
        Ok(target) if target.is_dir() => {
            warnings.push(
                Diagnostic::warning(path, "symbolic link to a folder is not followed")
                    .with_help("move or copy the folder into content/"),
            );
            false
        }
        _ => {
            warnings.push(
                Diagnostic::warning(path, "symbolic link points outside the site (or nowhere); skipped")
                    .with_help("studysite reads nothing outside the site root"),
            );
            false
        }
    }
}

/// The Markdown files among `files` (canonical) that are inside content/, as `rel`s.
fn included_rels<'a>(files: &'a [PathBuf], content: &'a Path) -> impl Iterator<Item = String> + 'a {
    files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .filter_map(move |f| f.strip_prefix(content).ok())
        .filter_map(|r| r.to_str())
        .map(|r| r.replace('\\', "/"))
}

/// A page read, its warnings, and the files its includes read (canonical paths).
type Read = (SourcePage, Vec<Diagnostic>, Vec<PathBuf>);

/// A page's text as read, with its front matter split off and its mdBook and Liquid
/// includes expanded.
struct RawPage {
    source: String,
    split: frontmatter::Split,
    used: crate::include::Used,
}

/// Reads one page and does what needs no other page; `site_root` is canonical.
fn read_source(path: &Path, rel: &str, site_root: &Path) -> Result<RawPage, Vec<Diagnostic>> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(vec![
            Diagnostic::error(
                path,
                format!("file is {size} bytes, more than the {MAX_FILE_BYTES}-byte limit"),
            )
            .with_help("split the note into several pages"),
        ]);
    }
    let bytes = std::fs::read(path).map_err(|e| vec![Diagnostic::error(path, format!("cannot read: {e}"))])?;
    let mut source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            let line = good.matches('\n').count() + 1;
            let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let mut d = Diagnostic::error(path, format!("not valid UTF-8 (byte offset {at})"))
                .with_help("save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)");
            d.line = line;
            d.col = col;
            return Err(vec![d]);
        }
    };
    if let Some(at) = source.find('\0') {
        let idx = crate::util::LineIndex::new(&source);
        let (line, col) = idx.locate(&source, at);
        return Err(vec![
            Diagnostic::error(path, "file contains a NUL byte")
                .at(&source, line, col)
                .with_help("is this a binary file? only text notes belong in content/"),
        ]);
    }
    if source.starts_with('\u{feff}') {
        source.drain(..3);
    }
    source = lone_cr_as_newline(source);
    let mut split = frontmatter::split(path, &source)?;
    let mut used = crate::include::Used::default();
    if let Some(body) = crate::mdbook::expand(path, site_root, &source, split.body_start, split.body_line, &mut used)? {
        source.truncate(split.body_start);
        source.push_str(&body);
    }
    let (start, line) = (split.body_start, split.body_line);
    let content_root = path.ancestors().nth(rel.matches('/').count() + 1).unwrap_or(site_root);
    let roots = (content_root, site_root);
    if let Some(body) =
        crate::liquid_include::expand(path, roots, &source, (start, line), &mut used, &mut split.warnings)?
    {
        source.truncate(split.body_start);
        source.push_str(&body);
    }
    Ok(RawPage { source, split, used })
}

/// Finishes reading a page: its snippets (shared projects, so one page at a time).
fn finish_page(
    raw: RawPage,
    path: &Path,
    rel: &str,
    config: &Config,
    snippets: &mut crate::snippets::Snippets,
) -> Result<Read, Vec<Diagnostic>> {
    let RawPage {
        mut source,
        mut split,
        mut used,
    } = raw;
    let (start, line) = (split.body_start, split.body_line);
    if let Some(body) = snippets.expand(path, &source, start, line, &mut used, &mut split.warnings)? {
        source.truncate(split.body_start);
        source.push_str(&body);
    }
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let kind = match (is_front_page(file_name), rel.contains('/')) {
        (true, false) => PageKind::Home,
        (true, true) => PageKind::Section,
        (false, _) => PageKind::Page,
    };
    let folder = rel.rsplit_once('/').map_or(String::new(), |(f, _)| f.to_string());
    let (out_path, url) = output_location(rel, kind, config.url_style);
    let page = SourcePage {
        path: path.to_path_buf(),
        rel: rel.to_string(),
        kind,
        front: split.front,
        source,
        body_start: split.body_start,
        body_line: split.body_line,
        out_path,
        url,
        folder,
        html_title: used.title,
    };
    Ok((page, split.warnings, used.files))
}

/// Output file and link for a source path. Folder and file names are slugified
/// (lower-case, `-` for spaces and punctuation) so URLs are portable.
pub fn output_location(rel: &str, kind: PageKind, style: UrlStyle) -> (String, String) {
    let segments: Vec<&str> = rel.split('/').collect();
    let (dirs, file) = segments.split_at(segments.len() - 1);
    let mut parts: Vec<String> = dirs.iter().map(|d| slug_or(d)).collect();
    match kind {
        PageKind::Home => return ("index.html".into(), "index.html".into()),
        PageKind::Section => {}
        PageKind::Page => parts.push(slug_or(file[0].trim_end_matches(".md"))),
    }
    let base = parts.join("/");
    match (kind, style) {
        (PageKind::Section, UrlStyle::File) => (format!("{base}/index.html"), format!("{base}/index.html")),
        (_, UrlStyle::Pretty) => (format!("{base}/index.html"), format!("{base}/")),
        (_, UrlStyle::File) => (format!("{base}.html"), format!("{base}.html")),
    }
}

fn slug_or(name: &str) -> String {
    let s = slugify(name);
    if s.is_empty() { "page".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_locations_for_both_url_styles() {
        use PageKind::*;
        use UrlStyle::*;
        assert_eq!(
            output_location("_index.md", Home, File),
            ("index.html".into(), "index.html".into())
        );
        assert_eq!(
            output_location("Hello World.md", Page, File),
            ("hello-world.html".into(), "hello-world.html".into())
        );
        assert_eq!(
            output_location("ec2.md", Page, Pretty),
            ("ec2/index.html".into(), "ec2/".into())
        );
        assert_eq!(
            output_location("My Guide/_index.md", Section, File),
            ("my-guide/index.html".into(), "my-guide/index.html".into())
        );
        assert_eq!(
            output_location("g/a.md", Page, Pretty),
            ("g/a/index.html".into(), "g/a/".into())
        );
    }
}
