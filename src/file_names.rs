//! Which names in a notes folder are content (load stage): editor temp files, hidden
//! files and folders and backups are not, except the hidden folders other tools keep
//! a page's attachments in (GitBook's `.gitbook/assets/`, Azure DevOps wikis'
//! `.attachments/`), whose files are the images the pages show; and names that would
//! not survive on Windows are told apart; a hidden `.pages` is a folder's settings. Jekyll's `_includes/` holds parts of pages.

/// Hidden folders whose files are attachments of the pages (never pages themselves).
const ATTACHMENT_FOLDERS: &[&str] = &[".gitbook", ".attachments"];

/// Why a path would not survive on Windows (reserved device names, trailing dots or
/// spaces), if it would not.
pub fn unportable(rel: &str) -> Option<String> {
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    for segment in rel.split('/') {
        let stem = segment.split('.').next().unwrap_or("").to_ascii_lowercase();
        if RESERVED.contains(&stem.as_str()) {
            return Some(format!(
                "`{segment}` uses a name Windows reserves ({})",
                stem.to_uppercase()
            ));
        }
        let bare = segment.strip_suffix(".md").unwrap_or(segment);
        if bare.ends_with('.') || bare.ends_with(' ') {
            return Some(format!("`{segment}` ends with a dot or a space"));
        }
    }
    None
}

/// Editor temp files, hidden files and folders, and backups are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Hidden files that are a folder's settings (read, never published): the MkDocs
/// awesome-pages and awesome-nav plugins' ([`crate::awesome_pages`]).
const FOLDER_FILES: [&str; 4] = [".pages", ".pages.yml", ".nav.yml", ".nav.yaml"];

/// Whether a (hidden) file name is one of the plugins' folder files.
pub fn is_folder_file(name: &str) -> bool {
    FOLDER_FILES.contains(&name)
}

/// Whether a hidden folder holds the pages' attachments (and is walked).
pub fn is_attachment_folder(name: &str) -> bool {
    ATTACHMENT_FOLDERS.contains(&name)
}

/// Whether a content path lies in an attachment folder (GitBook's reusable
/// `.gitbook/includes/*.md` are not pages of their own).
pub fn in_attachment_folder(rel: &str) -> bool {
    rel.split('/').any(is_attachment_folder)
}

/// Whether a page is its folder's note as Obsidian's Folder Notes plugin keeps it: named
/// like its folder (`Compute/Compute.md`). It is the folder's page when the folder has
/// no `_index.md`, `index.md` or `README.md`.
pub fn is_folder_note(rel: &str) -> bool {
    let mut parts = rel.rsplit('/');
    let (Some(file), Some(folder)) = (parts.next(), parts.next()) else {
        return false;
    };
    file.strip_suffix(".md").is_some_and(|stem| stem == folder)
}

/// The extensions of Markdown files other than `.md` (any case): `.markdown` (Jekyll's
/// default), `.mdown`, `.mkd`…, and Quarto's and R Markdown's `.qmd` / `.Rmd`, whose
/// code chunks are shown as code (they are not run).
const MARKDOWN_EXTENSIONS: [&str; 10] = [
    "md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "qmd", "rmd",
];

/// A Markdown file's path as a page's source path: itself when it ends in `.md`, else
/// the same path ending in `.md` (`post.markdown` → `post.md`: one name for links, output
/// and order, whatever the extension); None for any other file.
pub fn markdown_rel(rel: &str) -> Option<std::borrow::Cow<'_, str>> {
    if rel.ends_with(".md") {
        return Some(rel.into());
    }
    let (stem, ext) = rel.rsplit_once('.')?;
    let markdown =
        !stem.is_empty() && !stem.ends_with('/') && MARKDOWN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str());
    markdown.then(|| format!("{stem}.md").into())
}

/// Whether a content path is a part other pages include, never a page: Jekyll's
/// `_includes/` at the top of the folder (`{% include x.md %}`, [`crate::liquid_include`]).
pub fn is_include_part(rel: &str) -> bool {
    rel.starts_with("_includes/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unportable_names_are_named() {
        assert!(unportable("CON.md").unwrap().contains("CON"));
        assert!(unportable("guide/aux.md").is_some());
        assert!(unportable("notes./a.md").is_some());
        assert!(unportable("console.md").is_none());
        assert!(unportable("a.md").is_none());
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [".#a.md", "a.md~", ".a.md.swp", "#a.md#", ".git"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }

    #[test]
    fn attachment_folders_are_content_but_not_pages() {
        assert!(is_ignored(".gitbook") && is_attachment_folder(".gitbook"));
        assert!(is_attachment_folder(".attachments"));
        assert!(!is_attachment_folder(".obsidian") && !is_attachment_folder(".git"));
        assert!(in_attachment_folder(".gitbook/includes/x.md"));
        assert!(in_attachment_folder("part/.attachments/a.png"));
        assert!(!in_attachment_folder("gitbook/a.md"));
        assert!(is_folder_note("Compute/Compute.md") && is_folder_note("a/Big Data/Big Data.md"));
        assert!(!is_folder_note("Compute.md") && !is_folder_note("Compute/compute.md") && !is_folder_note("a/b.md"));
        assert_eq!(markdown_rel("a/b.md").as_deref(), Some("a/b.md"));
        assert_eq!(
            markdown_rel("_posts/2020-01-01-hi.markdown").as_deref(),
            Some("_posts/2020-01-01-hi.md")
        );
        assert_eq!(markdown_rel("README.MD").as_deref(), Some("README.md"));
        assert_eq!(markdown_rel("stats/week1.Rmd").as_deref(), Some("stats/week1.md"));
        assert_eq!(markdown_rel("a.qmd").as_deref(), Some("a.md"));
        for not in ["a.png", "a.mdx", "notes", ".markdown", "a/.md2"] {
            assert_eq!(markdown_rel(not), None, "{not}");
        }
        assert!(is_include_part("_includes/footer.md") && !is_include_part("notes/_includes/a.md"));
    }
}
