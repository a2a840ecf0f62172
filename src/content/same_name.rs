//! Pages that claim one name, decided once the folder is walked: a folder's two front
//! pages (an error), a folder note that is its folder's page, an `.Rmd` or `.markdown`
//! beside the `.md` of its name (left out), and two sources for one output file.

use std::collections::BTreeMap;
use std::path::Path;

use super::{ContentAsset, PageKind, SourcePage, output_location};
use crate::config::UrlStyle;
use crate::diagnostics::Diagnostic;

/// A page whose file is not `.md` (`x.Rmd`, `x.markdown`) beside a `.md` of the same name
/// is left out with a warning: the `.md` is the page (R Markdown's rendered copy, most
/// often). Two such files of one name and no `.md` are left to [`collisions`].
pub(super) fn renamed_twins(pages: &mut Vec<SourcePage>, warnings: &mut Vec<Diagnostic>) {
    let renamed = |p: &SourcePage| p.own_name().is_some();
    if !pages.iter().any(renamed) {
        return;
    }
    let real: std::collections::HashSet<String> = pages.iter().filter(|p| !renamed(p)).map(|p| p.rel.clone()).collect();
    pages.retain(|p| {
        if !renamed(p) || !real.contains(&p.rel) {
            return true;
        }
        warnings.push(
            Diagnostic::warning(
                &p.path,
                format!("left out: `{}` beside it is the page of this name", p.rel),
            )
            .with_help("rename one of the two if both are notes"),
        );
        false
    });
}

/// A folder note (`Compute/Compute.md`) is the page of a folder that has none other.
pub(super) fn folder_notes(pages: &mut [SourcePage], style: UrlStyle) {
    let notes: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].kind == PageKind::Page && crate::file_names::is_folder_note(&pages[i].rel))
        .collect();
    if notes.is_empty() {
        return;
    }
    let owned: std::collections::HashSet<String> = pages
        .iter()
        .filter(|p| p.kind != PageKind::Page)
        .map(|p| p.folder.clone())
        .collect();
    for i in notes {
        if !owned.contains(&pages[i].folder) {
            let p = &mut pages[i];
            p.kind = PageKind::Section;
            (p.out_path, p.url) = output_location(&p.rel, PageKind::Section, style);
        }
    }
}

/// Two of `_index.md`, `index.md` and `README.md` in one folder: which is the folder's
/// page is not for studysite to guess.
pub(super) fn two_front_pages(pages: &[SourcePage]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &SourcePage> = BTreeMap::new();
    let mut errors = Vec::new();
    for p in pages.iter().filter(|p| p.kind != PageKind::Page) {
        match first.get(p.folder.as_str()) {
            Some(other) => errors.push(
                Diagnostic::error(
                    &p.path,
                    format!("`{}` and `{}` are both the page of their folder", other.rel, p.rel),
                )
                .with_help("keep one of _index.md, index.md and README.md per folder (rename the other)"),
            ),
            None => {
                first.insert(&p.folder, p);
            }
        }
    }
    errors
}

/// Two sources that map to one output file (including names that differ only in
/// case or punctuation) are an error naming both; so is a note or a file in content/
/// that would take the place of a page studysite writes itself (the home page, the
/// questions, quiz, cheat sheet and 404 pages), which one of them would silently lose.
pub(super) fn collisions(pages: &[SourcePage], assets: &[ContentAsset], style: UrlStyle) -> Vec<Diagnostic> {
    let mut generated: BTreeMap<String, &str> = BTreeMap::new();
    for (name, what) in [
        ("questions", "the list of all questions"),
        ("quiz", "the quiz"),
        ("cheatsheet", "the cheat sheet"),
    ] {
        generated.insert(crate::routes::special_path(name, style).0, what);
    }
    generated.insert("404.html".into(), "the not-found page");
    let mut seen: BTreeMap<&str, &SourcePage> = BTreeMap::new();
    let mut errors = Vec::new();
    let taken = |path: &Path, rel: &str, out: &str, what: &str| {
        Diagnostic::error(
            path,
            format!("`{rel}` would be written to `{out}`, which studysite writes itself ({what})"),
        )
        .with_help("rename it: the generated page and this file cannot share a name")
    };
    for page in pages {
        if let Some(what) = generated.get(&page.out_path) {
            errors.push(taken(&page.path, &page.rel, &page.out_path, what));
            continue;
        }
        if page.out_path == "index.html" && page.kind != PageKind::Home {
            errors.push(taken(
                &page.path,
                &page.rel,
                "index.html",
                "the home page; its text is content/_index.md",
            ));
            continue;
        }
        if let Some(first) = seen.get(page.out_path.as_str()) {
            errors.push(
                Diagnostic::error(
                    &page.path,
                    format!(
                        "`{}` and `{}` would both be written to `{}`",
                        first.rel, page.rel, page.out_path
                    ),
                )
                .with_help("rename one of them: output names ignore case and punctuation so they work on every host"),
            );
        } else {
            seen.insert(&page.out_path, page);
        }
    }
    for asset in assets {
        if let Some(page) = seen.get(asset.rel.as_str()) {
            errors.push(
                Diagnostic::error(
                    &asset.path,
                    format!(
                        "`{}` and `{}` would both be written to `{}`",
                        page.rel, asset.rel, asset.rel
                    ),
                )
                .with_help("rename one of them"),
            );
        } else if let Some(what) = generated.get(&asset.rel) {
            errors.push(taken(&asset.path, &asset.rel, &asset.rel, what));
        }
    }
    errors
}
