//! Issue 15, file names and output folders: names that are not UTF-8 are errors that
//! name them exactly (never two files folded into one output file), and a build that
//! cannot replace its output folder fails before anything moves, leaving it as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Site, snapshot_dir, stderr};

fn site() -> Site {
    Site::new(&[
        ("content/_index.md", "Welcome.\n"),
        ("content/ec2.md", "+++\ntitle = \"EC2\"\n+++\n\n## Instances\n\nText.\n"),
    ])
}

/// A path under `dir` whose last name is `stem` + the raw byte `byte` + `ext`.
#[cfg(unix)]
fn raw_name(dir: &Path, stem: &str, byte: u8, ext: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let mut name = stem.as_bytes().to_vec();
    name.push(byte);
    name.extend_from_slice(ext.as_bytes());
    dir.join(std::ffi::OsStr::from_bytes(&name))
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_errors_naming_each_file_in_static_templates_and_content() {
    for folder in ["static", "static/assets", "templates", "content"] {
        let site = site();
        let dir = site.path(folder);
        std::fs::create_dir_all(&dir).unwrap();
        // Shown lossily both would be `a\u{FFFD}.txt`: one output file, one lost.
        let (first, second) = (raw_name(&dir, "a", 0xFF, ".txt"), raw_name(&dir, "a", 0xFE, ".txt"));
        std::fs::write(&first, "first").unwrap();
        std::fs::write(&second, "second").unwrap();
        let out = site.run(&["build"]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{folder}: built anyway:\n{err}");
        assert!(err.contains("not valid UTF-8"), "{folder}: {err}");
        for bad in ["a\\xFF.txt", "a\\xFE.txt"] {
            assert!(
                err.contains(&format!("{folder}/{bad}")),
                "{folder}: {bad} not named:\n{err}"
            );
        }
        assert!(err.contains("rename it"), "{folder}: {err}");
        assert!(!err.contains('\u{FFFD}'), "{folder}: lossy name shown:\n{err}");
        assert!(!site.path("public").exists(), "{folder}: an output was written");
    }
}

/// `chattr` on a path; `false` when the file system (or the tool) does not support it.
fn chattr(flag: &str, path: &Path) -> bool {
    Command::new("chattr")
        .arg(flag)
        .arg(path)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Takes the flag off again when the test ends, pass or fail, so the folder can go.
struct Unlock(Vec<PathBuf>);

impl Drop for Unlock {
    fn drop(&mut self) {
        for p in &self.0 {
            chattr("-i", p);
            chattr("-a", p);
        }
    }
}

#[test]
fn a_build_that_cannot_empty_its_output_fails_before_anything_moves() {
    for (flag, file, word) in [
        ("+i", "ec2.html", "immutable"),
        ("+a", "index.html", "append-only"),
        ("+i", "assets", "immutable"),
    ] {
        let site = site();
        site.build();
        let target = site.path("public").join(file);
        if !chattr(flag, &target) {
            eprintln!("SKIPPED: `chattr {flag}` is not supported here, the immutable-output case is untested");
            return;
        }
        let _unlock = Unlock(vec![target.clone()]);
        let before = snapshot_dir(&site.path("public"));
        site.write("content/ec2.md", "+++\ntitle = \"EC2\"\n+++\n\nChanged.\n");
        let out = site.run(&["build", "--no-minify"]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{file}: build reported success:\n{err}");
        assert!(err.contains("cannot replace the output folder"), "{err}");
        assert!(err.contains(word), "{err}");
        assert!(err.contains(&format!("public/{file}")), "{file} not named:\n{err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(
            snapshot_dir(&site.path("public")),
            before,
            "{file}: the old output changed"
        );
        let strays: Vec<String> = std::fs::read_dir(site.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("studysite-"))
            .collect();
        assert!(strays.is_empty(), "{file}: left behind {strays:?}");
        // Once the flag is off the next build goes through.
        drop(_unlock);
        site.build();
        assert!(site.read("public/ec2.html").contains("Changed."));
    }
}
