//! Where the output folder really is, and which places it must never be.
//!
//! Every check works on the resolved location, never on the path as typed: `-o
//! MISSING/../content` names `content`, and a symbolic link on the way is followed
//! before anything is compared (issue 15).

use std::path::{Path, PathBuf};

use super::MARKER;
use crate::diagnostics::Diagnostic;
pub use crate::util::{absolute, output_location};

/// Refuses output folders whose replacement would destroy the user's work, whatever
/// flag is given: the file system root, the home folder and its parents, the site
/// folder and its parents, anything inside content/, templates/ or static/, a symbolic
/// link, another site; and, unless `force`, an existing folder studysite did not make.
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = output_location(out);
    let refuse = |why: &str| {
        Diagnostic::error(&out, format!("refusing to use this folder as the output: {why}"))
            .with_help("choose a separate folder with -o, e.g. `-o public`; --force does not override this")
    };
    if out.parent().is_none() {
        return Err(refuse("it is the file system root"));
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from) {
        let home = absolute(&home);
        if home == out {
            return Err(refuse("it is your home folder"));
        }
        if home.starts_with(&out) {
            return Err(refuse("it holds your home folder"));
        }
    }
    if root.starts_with(&out) {
        return Err(refuse("it is the site folder or one of its parents"));
    }
    for sub in ["content", "templates", "static", ".git"] {
        if out.starts_with(root.join(sub)) {
            return Err(refuse(&format!("it is inside the site's {sub}/ folder")));
        }
    }
    let meta = std::fs::symlink_metadata(&out);
    if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse("it is a symbolic link; name the folder it points to instead"));
    }
    if meta.is_ok() {
        if !out.is_dir() {
            return Err(refuse("it exists and is not a folder"));
        }
        let ours = out.join(MARKER).is_file();
        // An output of ours may hold a `content/` folder (from static/content/).
        if !ours && (out.join("studysite.toml").exists() || out.join("content").is_dir()) {
            return Err(refuse("it holds a site (studysite.toml or content/)"));
        }
        let empty = std::fs::read_dir(&out).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !ours && !empty && !force {
            return Err(Diagnostic::error(
                &out,
                "output folder exists and was not made by studysite; it would be replaced",
            )
            .with_help("pass --force to replace it, or choose another folder with -o"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_parents_and_source_folders() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            t.path().to_path_buf(),
            root.join("content"),
            root.join("content/x"),
            root.join("static"),
            root.join(".git/x"),
            PathBuf::from("/"),
        ] {
            assert!(check_output_dir(&root, &bad, true).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(&root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn dot_dot_after_a_missing_folder_is_resolved_before_any_check() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        let real = absolute(t.path());
        assert_eq!(absolute(&root.join("MISSING/../content")), real.join("site/content"));
        assert_eq!(absolute(&root.join("a/b/../../c/./d")), real.join("site/c/d"));
        for bad in [
            "MISSING/../content",
            "MISSING/..",
            "MISSING/../..",
            "content/MISSING/../x",
            "a/b/../../static",
        ] {
            let e = check_output_dir(&root, &root.join(bad), true).unwrap_err();
            assert!(e.message.starts_with("refusing"), "{bad}: {}", e.message);
        }
        assert!(check_output_dir(&root, &root.join("MISSING/../public"), false).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn links_on_the_way_are_followed_and_a_linked_output_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(root.join("content"), t.path().join("c")).unwrap();
        std::os::unix::fs::symlink(&root, t.path().join("s")).unwrap();
        // `s/..` is the parent of the link's target, as the OS resolves it.
        assert_eq!(absolute(&t.path().join("s/..")), absolute(t.path()));
        let e = check_output_dir(&root, &t.path().join("c/public"), true).unwrap_err();
        assert!(e.message.contains("inside the site's content/"), "{}", e.message);
        std::os::unix::fs::symlink(t.path().join("elsewhere"), root.join("public")).unwrap();
        let e = check_output_dir(&root, &root.join("public"), true).unwrap_err();
        assert!(e.message.contains("symbolic link"), "{}", e.message);
    }

    #[test]
    fn another_site_is_never_an_output() {
        let t = tempfile::tempdir().unwrap();
        let other = t.path().join("other");
        std::fs::create_dir_all(other.join("content")).unwrap();
        let e = check_output_dir(&t.path().join("site"), &other, true).unwrap_err();
        assert!(e.message.contains("holds a site"), "{}", e.message);
        // An output of ours with a content/ folder in it (from static/content/) is fine.
        std::fs::write(other.join(MARKER), "").unwrap();
        assert!(check_output_dir(&t.path().join("site"), &other, false).is_ok());
    }

    #[test]
    fn foreign_folder_needs_force_and_ours_does_not() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "x").unwrap();
        assert!(check_output_dir(t.path().join("site").as_path(), &out, false).is_err());
        assert!(check_output_dir(t.path().join("site").as_path(), &out, true).is_ok());
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_output_dir(t.path().join("site").as_path(), &out, false).is_ok());
    }
}
