//! Issue 15: the attack run's data-loss and file-system cases against the real binary.
//! Output paths are resolved before they are checked, a swap killed at any step is
//! finished or undone by the next command, `clean` keeps `.git` and follows no link.

mod common;

use std::io::BufRead;
use std::process::Stdio;

use common::{Site, bin, snapshot_dir, stderr};

fn site() -> Site {
    Site::new(&[
        ("content/_index.md", "Welcome.\n"),
        ("content/ec2.md", "+++\ntitle = \"EC2\"\n+++\n\n## Instances\n\nText.\n"),
    ])
}

/// Names in the site folder other than the site's own files and the output.
fn strays(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !["content", "studysite.toml", "public"].contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

#[test]
fn dot_dot_after_a_missing_folder_cannot_reach_a_dangerous_place() {
    let site = site();
    site.write("content/precious.md", "+++\ntitle = \"Mine\"\n+++\nOnly copy.\n");
    let before = snapshot_dir(site.root());
    let home = tempfile::tempdir().unwrap();
    let user = home.path().join("me");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join(".bashrc"), "precious").unwrap();
    let cases = [
        (site.root().join("MISSING/../content"), "inside the site's content/"),
        (site.root().join("MISSING/../content/sub"), "inside the site's content/"),
        (site.root().join("MISSING/.."), "the site folder or one of its parents"),
        (
            site.root().join("MISSING/../.."),
            "refusing to use this folder as the output",
        ),
        (user.join("MISSING/.."), "it is your home folder"),
        (user.join("MISSING/../.."), "it holds your home folder"),
        (home.path().to_path_buf(), "it holds your home folder"),
    ];
    for (out_dir, why) in cases {
        for force in [false, true] {
            let mut cmd = bin();
            cmd.env("HOME", &user).arg("build");
            if force {
                cmd.arg("--force");
            }
            let out = cmd.arg("-o").arg(&out_dir).arg(site.root()).output().unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{} {force}: {err}", out_dir.display());
            assert!(err.contains(why), "{}: {err}", out_dir.display());
        }
    }
    assert_eq!(before, snapshot_dir(site.root()), "the site is untouched");
    assert!(!site.path("MISSING").exists(), "no folder was made on the way");
    assert_eq!(std::fs::read_to_string(user.join(".bashrc")).unwrap(), "precious");
    // The same spelling aimed at a harmless place works, and writes there.
    let out = bin()
        .args(["build", "-o"])
        .arg(site.root().join("MISSING/../public"))
        .arg(site.root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site.path("public/ec2.html").is_file());
}

#[test]
fn a_foreign_folder_behind_dot_dot_still_needs_force() {
    let site = site();
    site.write("mine/thesis.tex", "precious");
    let out = bin()
        .args(["build", "-o"])
        .arg(site.root().join("MISSING/../mine"))
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("was not made by studysite"), "{}", stderr(&out));
    assert_eq!(site.read("mine/thesis.tex"), "precious");
}

/// Builds with a pause injected after `step` of the swap and kills the build
/// (SIGKILL) during it.
fn build_killed_after(site: &Site, step: &str) {
    let mut child = bin()
        .env("STUDYSITE_TEST_SWAP_PAUSE_AFTER", step)
        .args(["build", "--no-minify"])
        .arg(site.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines {
        let line = line.unwrap();
        if line == format!("swap: {step}") {
            break;
        }
        seen.push(line);
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed after `{step}`; saw {seen:?}");
}

#[test]
fn a_build_killed_at_any_step_of_the_swap_loses_nothing() {
    // Each step of output::swap, in order.
    for step in [
        "journal written",
        ".git moved",
        "previous output aside",
        "new output in place",
    ] {
        for then in ["build", "clean"] {
            let site = site();
            site.build();
            std::fs::create_dir_all(site.path("public/.git/objects")).unwrap();
            std::fs::write(site.path("public/.git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
            site.write("content/ec2.md", "+++\ntitle = \"EC2\"\n+++\n\nSecond version.\n");
            build_killed_after(&site, step);
            let out = site.run(&[then]);
            assert!(out.status.success(), "{step}, {then}: {}", stderr(&out));
            assert_eq!(
                site.read("public/.git/HEAD"),
                "ref: refs/heads/gh-pages\n",
                "{step}, then {then}: the .git survives"
            );
            assert_eq!(strays(&site), Vec::<String>::new(), "{step}, then {then}");
            if then == "build" {
                assert!(site.read("public/ec2.html").contains("Second version."), "{step}");
            }
        }
    }
}

#[test]
fn builds_that_share_a_process_id_never_delete_each_others_git() {
    // A swap interrupted where the user's .git sits in the new folder: a later build
    // gives it back before anything is removed (pid 1 in every container build).
    let site = site();
    site.build();
    std::fs::create_dir_all(site.path("public/.git")).unwrap();
    site.write("public/.git/HEAD", "ref\n");
    build_killed_after(&site, ".git moved");
    assert!(
        !site.path("public/.git").exists(),
        "the kill left .git in the new folder"
    );
    site.build();
    assert_eq!(site.read("public/.git/HEAD"), "ref\n");
}

#[test]
fn clean_keeps_the_outputs_git_and_follows_no_link() {
    let site = site();
    site.build();
    std::fs::create_dir_all(site.path("public/.git/refs")).unwrap();
    site.write("public/.git/HEAD", "ref\n");
    let out = site.run(&["clean"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("its .git is kept"), "{}", stderr(&out));
    assert_eq!(site.read("public/.git/HEAD"), "ref\n");
    assert!(!site.path("public/index.html").exists());
    // The emptied folder is still ours: a build fills it again without --force.
    site.build();
    assert!(site.path("public/index.html").is_file());
    assert_eq!(site.read("public/.git/HEAD"), "ref\n");

    #[cfg(unix)]
    {
        let other = self::site();
        other.build();
        std::fs::remove_dir_all(site.path("public")).unwrap();
        std::os::unix::fs::symlink(other.path("public"), site.path("public")).unwrap();
        for args in [&["clean"][..], &["build", "--force"][..]] {
            let out = site.run(args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(stderr(&out).contains("symbolic link"), "{args:?}: {}", stderr(&out));
        }
        assert!(
            other.path("public/index.html").is_file(),
            "the link's target is untouched"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_link_is_not_written_through() {
    let site = site();
    site.write("victim.txt", "precious");
    std::os::unix::fs::symlink(site.path("victim.txt"), site.path(".public.studysite-lock")).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lock file is not a regular file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.read("victim.txt"), "precious");
}

/// Every file of the built site, as text.
fn all_output(site: &Site) -> Vec<(String, String)> {
    snapshot_dir(&site.path("public"))
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

#[test]
fn comments_end_where_a_browser_ends_them_so_nothing_after_them_runs() {
    let hostile = [
        "<!-- cheatsheet --!><img src=x onerror=alert(1)> -->",
        "<!--><img src=x onerror=alert(2)> -->",
        "<!---><img src=x onerror=alert(3)> -->",
        "<!-- x --!><meta http-equiv=refresh content=\"0;url=https://evil.example/\"> -->",
        "<!-- x --!><base href=\"https://evil.example/\"> -->",
        "<!-- x --!><form action=\"https://evil.example/\"><input name=pw></form> -->",
    ];
    // One note per case: raw HTML anywhere on a page has the whole page sanitised.
    let mut files = vec![("content/_index.md".to_string(), "Home.\n".to_string())];
    for (i, h) in hostile.iter().enumerate() {
        let table = "\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        files.push((
            format!("content/block{i}.md"),
            format!("# Block\n\n{h}{table}\nText.\n"),
        ));
        files.push((
            format!("content/inline{i}.md"),
            format!("# Inline\n\nInline {h} text.\n"),
        ));
        files.push((
            format!("content/question{i}.md"),
            format!("# Q\n\n### Which {h} is it?\n\n- [x] A {h}\n- [ ] B\n\nBecause {h}.\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = Site::new(&files);
    let out = site.run(&["build", "--no-minify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The theme's own files are the same in every site.
    let plain = Site::new(&[("content/_index.md", "Home.\n")]);
    plain.build();
    let theme: Vec<String> = all_output(&plain).into_iter().map(|(p, _)| p).collect();
    for (file, text) in all_output(&site).into_iter().filter(|(p, _)| !theme.contains(p)) {
        let lower = text.to_ascii_lowercase();
        for bad in ["onerror", "http-equiv", "<base", "<form", "evil.example"] {
            assert!(!lower.contains(bad), "{file} holds `{bad}`");
        }
    }
    assert!(
        site.read("public/inline0.html").contains("Inline"),
        "the text around stays"
    );
    let check = site.run(&["check"]);
    assert!(
        stderr(&check).contains("HTML comment ends early where a browser ends it"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn a_percent_encoded_javascript_link_never_becomes_a_live_one() {
    let site = Site::new(&[
        (
            "content/_index.md",
            "[x](javascript%3Aalert(1)) [y](%6Aavascript:alert(2)) [z](sub/javascript%3Aalert(3))\n",
        ),
        ("content/javascript:alert(1)", "file"),
        ("content/sub/javascript:alert(3)", "file"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = site.read("public/index.html");
    for href in common::attr_values(&home, "href") {
        let decoded = href.to_ascii_lowercase().replace("%3a", ":").replace("%6a", "j");
        assert!(!decoded.starts_with("javascript:"), "live link {href}");
    }
}

#[cfg(unix)]
#[test]
fn top_level_folders_linked_out_of_the_site_need_the_switch() {
    use std::os::unix::fs::symlink;
    let secrets = tempfile::tempdir().unwrap();
    std::fs::write(secrets.path().join("id_ed25519"), "PRIVATE KEY").unwrap();
    for name in ["static", "templates"] {
        let site = site();
        symlink(secrets.path(), site.path(name)).unwrap();
        let out = site.run(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(
            stderr(&out).contains(&format!("{name}/ is a symbolic link that leads out of the site")),
            "{}",
            stderr(&out)
        );
        assert!(!site.path("public").exists(), "{name}: nothing published");
    }
    // An Obsidian vault kept elsewhere, linked as content/, with the documented switch.
    let vault = tempfile::tempdir().unwrap();
    std::fs::write(vault.path().join("_index.md"), "Vault home.\n").unwrap();
    std::fs::write(vault.path().join("note.md"), "# Note\n\nFrom the vault.\n").unwrap();
    let site = Site::new(&[]);
    symlink(vault.path(), site.path("content")).unwrap();
    let refused = site.run(&["build"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("follow_outside_links = true"),
        "{}",
        stderr(&refused)
    );
    site.write("studysite.toml", "title = \"T\"\nfollow_outside_links = true\n");
    site.build();
    assert!(site.read("public/note.html").contains("From the vault."));
}

#[cfg(unix)]
#[test]
fn the_configuration_is_read_only_from_a_regular_file_inside_the_site() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.toml"), "SECRET-FIRST-LINE = \n").unwrap();
    type Make<'a> = Box<dyn Fn(&Site) + 'a>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "leads out of the site",
            Box::new(|s: &Site| symlink(outside.path().join("secret.toml"), s.path("studysite.toml")).unwrap()),
        ),
        (
            "leads out of the site",
            Box::new(|s: &Site| symlink("/dev/zero", s.path("studysite.toml")).unwrap()),
        ),
        (
            "not a regular file",
            Box::new(|s: &Site| {
                let ok = std::process::Command::new("mkfifo")
                    .arg(s.path("studysite.toml"))
                    .status()
                    .unwrap();
                assert!(ok.success());
            }),
        ),
        (
            "more than the 1048576-byte limit",
            Box::new(|s: &Site| s.write("studysite.toml", &format!("title = \"{}\"\n", "x".repeat(1_100_000)))),
        ),
    ];
    for (why, make) in cases {
        let site = Site::new(&[("content/_index.md", "Home.\n")]);
        std::fs::remove_file(site.path("studysite.toml")).unwrap();
        make(&site);
        let out = site.run(&["build"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{why}: {err}");
        assert!(err.contains(why), "{why}: {err}");
        assert!(!err.contains("SECRET"), "{err}");
    }
}

#[test]
fn escape_sequences_in_file_names_and_snippets_do_not_reach_the_terminal() {
    let site = site();
    site.write("content/\x1b]0;pwned\x07\x1b[2J.md", "+++\ntitle = 1\n+++\n");
    site.write(
        "content/b.md",
        "+++\ntitle = \"\x1b]8;;http://evil/\x07x\" \nweight = \"a\x1b[31m\"\n+++\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}"), "{err}");
}

#[test]
fn cr_only_line_endings_keep_the_front_matter() {
    let site = Site::new(&[
        ("content/_index.md", "Home.\n"),
        (
            "content/mac.md",
            "+++\rtitle = \"Classic Mac\"\rweight = 1\r+++\r\r## Part\r\rText.\r",
        ),
    ]);
    site.build();
    let page = site.read("public/mac.html");
    assert!(page.contains("<title>Classic Mac"), "{page}");
    assert!(!page.contains("+++"));
}

#[test]
fn the_authors_robots_txt_and_sitemap_win_over_the_generated_ones() {
    let site = Site::new(&[
        (
            "studysite.toml",
            "title = \"T\"\nbase_url = \"https://me.example/notes/\"\n",
        ),
        ("content/_index.md", "Home.\n"),
        ("content/sitemap.xml", "<!-- mine -->"),
        ("static/robots.txt", "User-agent: *\nDisallow: /private/\n"),
    ]);
    site.build();
    assert_eq!(site.read("public/sitemap.xml"), "<!-- mine -->");
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nDisallow: /private/\n");
}

#[cfg(target_os = "linux")]
#[test]
fn asset_names_that_are_not_utf8_are_errors_not_a_silent_collision() {
    use std::os::unix::ffi::OsStrExt;
    let site = site();
    for name in [&b"img\xff.png"[..], &b"img\xfe.png"[..]] {
        let path = site.path("content").join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, name).unwrap();
    }
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).matches("file name is not valid UTF-8").count(),
        2,
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_heading_id_with_a_colon_keeps_its_cheat_sheet_title_and_link() {
    let site = Site::new(&[
        ("content/_index.md", "Home.\n"),
        (
            "content/n.md",
            "# N\n\n## Ports and protocols {#net:ports}\n\n<!-- cheatsheet -->\n| Port | Use |\n|---|---|\n| 22 | ssh |\n\n## Tip {#a:b:c}\n\n<!-- cheatsheet -->\n> [!TIP]\n> Callout text.\n",
        ),
    ]);
    site.build();
    let cheat = site.read("public/cheatsheet.html");
    assert!(cheat.contains("n.html#net:ports"), "{cheat}");
    assert!(cheat.contains("Ports and protocols"), "{cheat}");
    assert!(cheat.contains("n.html#a:b:c"), "{cheat}");
    assert!(!cheat.contains("ports:Ports"), "{cheat}");
}

#[test]
fn questions_on_the_home_page_are_on_the_questions_page_and_in_the_quiz() {
    let site = Site::new(&[
        (
            "content/_index.md",
            "Welcome.\n\n### Is the home page a note?\n\n✅ **Yes**, for questions.\n",
        ),
        ("content/ec2.md", "# EC2\n\n### Is EC2 regional?\n\n✅ Regional.\n"),
    ]);
    let out = site.build();
    assert!(stderr(&out).contains("2 questions"), "{}", stderr(&out));
    let page = site.read("public/questions.html");
    assert!(page.contains("Is the home page a note?"), "questions page");
    assert!(page.contains("Is EC2 regional?"));
    let data = std::fs::read_dir(site.path("public/assets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("quiz-data"))
        .unwrap();
    let data = std::fs::read_to_string(data).unwrap();
    assert!(data.contains("Is the home page a note?"), "quiz data");
}

/// Runs `f` and fails if it takes longer than `limit`: about ten times what a debug
/// build takes on a loaded machine, so only a return of the quadratic behaviour (178 s,
/// 300+ s, out of memory) trips it.
fn within<T>(what: &str, limit_secs: u64, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(
        took.as_secs() < limit_secs,
        "{what} took {took:?} (limit {limit_secs} s)"
    );
    out
}

#[test]
fn forty_thousand_identical_headings_get_distinct_ids_in_linear_time() {
    let text = format!("# T\n\n{}", "## Same\n\n".repeat(40_000));
    let config = studysite::config::Config::default();
    let page = within("40,000 identical headings", 30, || {
        studysite::testing::render_snippet(&text, &config)
    });
    let ids: std::collections::HashSet<&str> = page
        .headings
        .iter()
        .map(|h| h.id.as_str())
        .filter(|id| id.starts_with("same"))
        .collect();
    assert_eq!(ids.len(), 40_000, "one id each");
    assert!(ids.contains("same") && ids.contains("same-1") && ids.contains("same-39999"));
}

#[test]
fn eighty_thousand_bare_urls_in_one_paragraph_link_in_linear_time() {
    let text: String = (0..80_000).map(|i| format!("https://e.com/{i} ")).collect();
    let config = studysite::config::Config::default();
    let page = within("80,000 bare URLs", 60, || {
        studysite::testing::render_snippet(&text, &config)
    });
    assert_eq!(page.html.matches("<a href=\"https://e.com/").count(), 80_000);
    assert!(
        page.html
            .contains("<a href=\"https://e.com/79999\">https://e.com/79999</a>")
    );
}

#[test]
fn two_forty_thousand_character_anchors_build_without_a_quadratic_table() {
    let (a, b) = ("a".repeat(40_000), "b".repeat(40_000));
    let note = format!("# T\n\n## {a}\n\n## {b}\n\n[x](#{}c)\n\n[y](#{}d)\n", &a[1..], &b[1..]);
    let site = Site::new(&[("content/_index.md", "Home.\n"), ("content/n.md", &note)]);
    let out = within("two 40,000-character anchors", 30, || site.run(&["build"]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("broken anchor").count(), 2, "both still reported");
}
