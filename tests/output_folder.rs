//! The output folder: never a folder it must not be, one build at a time, and a failed,
//! killed or refused build leaves the previous output as it was.

mod common;

use common::{basic, bin, snapshot_dir, stderr};

#[test]
fn output_folder_safety() {
    let site = basic();
    for (bad, why) in [
        (".", "site folder"),
        ("content", "inside the site's content/"),
        ("..", "site folder or one of its parents"),
    ] {
        let out = bin()
            .args(["build", "-o"])
            .arg(site.root().join(bad))
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(stderr(&out).contains(why), "{bad}: {}", stderr(&out));
    }
    let foreign = site.path("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.tex"), "precious").unwrap();
    let out = bin()
        .args(["build", "-o"])
        .arg(&foreign)
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("was not made by studysite"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(foreign.join("thesis.tex")).unwrap(), "precious");
    let out = bin()
        .args(["build", "--force", "-o"])
        .arg(&foreign)
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(foreign.join("index.html").is_file());
}

/// Whether a program runs here (for tests that need a system tool); in CI it must.
fn have(program: &str) -> bool {
    let ok = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is needed for this test in CI"
        );
        eprintln!("SKIPPED: {program} is not installed");
    }
    ok
}

/// The `.studysite-new-*`/`.studysite-old-*` folders and the lock file beside an output.
fn swap_leftovers(parent: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".studysite-"))
        .collect()
}

#[test]
fn a_second_build_is_refused_while_another_writes_the_output() {
    // reliability.md §4 case 31: builds never interleave in one output folder.
    let site = basic();
    site.build();
    let public = site.path("public");
    let before = snapshot_dir(&public);
    site.write("content/new.md", "# New page\n");
    let held = studysite::output::lock(&public).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = format!(
        "{}: error: another studysite build (process {}) is writing {} right now",
        held.path().display(),
        std::process::id(),
        studysite::output::absolute(&public).display()
    );
    assert!(err.contains(&expected), "{err}");
    assert!(
        err.contains("help: wait until it has finished and build again"),
        "{err}"
    );
    assert!(err.contains("Build failed: 1 error"), "{err}");
    assert_eq!(before, snapshot_dir(&public), "the output is the other build's");
    let clean = site.run(&["clean"]);
    assert_eq!(clean.status.code(), Some(1), "clean waits its turn too");
    assert!(stderr(&clean).contains("another studysite build"), "{}", stderr(&clean));
    assert!(public.join("index.html").is_file());

    drop(held);
    site.build();
    assert!(site.read("public/new.html").contains("New page"));
    assert_eq!(
        swap_leftovers(site.root()),
        Vec::<String>::new(),
        "no lock file or temp folder left"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_held_by_a_killed_process_does_not_block() {
    // reliability.md §4 case 31: a stale lock from a killed process must not block.
    if !have("flock") {
        return;
    }
    use std::io::BufRead;
    let site = basic();
    site.build();
    let lock = studysite::output::lock_path(&site.path("public"));
    // Another process takes the lock (flock(1), the same kind of lock) and keeps it.
    let mut holder = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec 9>\"$0\"; flock -x 9; echo locked; exec sleep 120")
        .arg(&lock)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "locked\n");
    let out = site.run(&["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("another studysite build is writing"), "{err}");
    // Killed without a chance to clean up: its lock file stays, its lock does not.
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(lock.exists());
    site.build();
    assert!(!lock.exists(), "removed by the build that took it over");
}

#[test]
fn home_and_file_system_root_are_refused_as_output() {
    // reliability.md §4 case 28 (the site folder, its parents and content/ are in
    // output_folder_safety).
    let site = basic();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".bashrc"), "precious").unwrap();
    let before = snapshot_dir(home.path());
    for (out_dir, why) in [
        (home.path().to_path_buf(), "it is your home folder"),
        (std::path::PathBuf::from("/"), "it is the file system root"),
    ] {
        let out = bin()
            .env("HOME", home.path())
            .args(["build", "--force", "-o"])
            .arg(&out_dir)
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", out_dir.display());
        let err = stderr(&out);
        assert!(
            err.contains(&format!("error: refusing to use this folder as the output: {why}")),
            "{err}"
        );
    }
    assert_eq!(before, snapshot_dir(home.path()));
    assert_eq!(swap_leftovers(home.path()), Vec::<String>::new());
}

#[test]
fn failures_late_in_the_build_leave_the_previous_output_byte_identical() {
    // reliability.md §4 case 30: an error in the last page rendered (the 404 page) and
    // a file of the output that cannot be both a file and a folder.
    let site = basic();
    site.build();
    let public = site.path("public");
    let before = snapshot_dir(&public);
    site.write("content/ec2.md", "# Changed\n");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope.nope }}{% endblock main %}",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("404.html"), "{}", stderr(&out));
    assert_eq!(before, snapshot_dir(&public));
    std::fs::remove_file(site.path("templates/404.html")).unwrap();

    site.write("static/ec2.html/diagram.png", "png");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}: error: `ec2.html` would be both a file and the folder of `ec2.html/diagram.png` in the output",
            studysite::output::absolute(&public).join("ec2.html").display()
        )),
        "{err}"
    );
    assert_eq!(before, snapshot_dir(&public));
    assert_eq!(swap_leftovers(site.root()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_midway_leaves_the_previous_output_byte_identical() {
    // reliability.md §4 case 30, disk full: a file-size limit (RLIMIT_FSIZE, with
    // SIGXFSZ ignored) makes the write of one big file fail after others were written.
    let site = basic();
    site.write_bytes("content/zz-video.bin", &vec![7u8; 4 << 20]);
    site.build();
    let public = site.path("public");
    let before = snapshot_dir(&public);
    site.write("content/ec2.md", "# Changed\n");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4096 && exec \"$0\" build \"$1\"")
        .arg(env!("CARGO_BIN_EXE_studysite"))
        .arg(site.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: error: cannot write the new output: File too large",
            studysite::output::absolute(&public).join("zz-video.bin").display()
        )),
        "{err}"
    );
    assert!(err.contains("nothing was replaced"), "{err}");
    assert_eq!(before, snapshot_dir(&public), "previous output byte-identical");
    assert_eq!(swap_leftovers(site.root()), Vec::<String>::new(), "temp folder removed");
}

#[test]
fn a_git_folder_or_worktree_file_in_the_output_is_kept() {
    // reliability.md §4 case 31: GitHub Pages branches live in the output folder; a
    // worktree has a `.git` file instead of a folder.
    for (rel, text) in [
        ("public/.git/HEAD", "ref: refs/heads/gh-pages\n"),
        ("public/.git", "gitdir: ../.git/worktrees/public\n"),
    ] {
        let site = basic();
        site.build();
        site.write(rel, text);
        site.write("public/stale.html", "old");
        site.write("content/ec2.md", "# Changed\n");
        site.build();
        assert!(site.read("public/ec2.html").contains("Changed"));
        assert!(!site.path("public/stale.html").exists(), "the rest is replaced");
        assert_eq!(site.read(rel), text, "{rel} kept");
        assert_eq!(swap_leftovers(site.root()), Vec::<String>::new());
    }
}
