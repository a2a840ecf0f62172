//! Input that is odd but legitimate, or hostile: pathological Markdown, Unicode and
//! unportable file names, symlinks, oversized files, encodings and line endings.

mod common;

use common::{Site, basic, bin, stderr};

#[test]
fn invalid_utf8_and_nul_bytes_are_errors_not_panics() {
    let site = basic();
    site.write_bytes("content/latin1.md", b"# Caf\xe9\n");
    site.write_bytes("content/nul.md", b"ok\n\0\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("latin1.md:1:6: error: not valid UTF-8 (byte offset 5)"),
        "{err}"
    );
    assert!(err.contains("nul.md:2:1: error: file contains a NUL byte"), "{err}");
}

#[test]
fn bom_crlf_and_empty_files_build() {
    let site = basic();
    site.write_bytes(
        "content/bom.md",
        "\u{feff}+++\r\ntitle = \"Bom\"\r\n+++\r\n## Head\r\n\r\n✔ text\r\n".as_bytes(),
    );
    site.write("content/empty.md", "");
    site.write("content/only-fm.md", "+++\ntitle = \"Only\"\n+++\n");
    site.write_bytes(
        "content/mixed.md",
        b"\xef\xbb\xbf+++\r\ntitle = \"Mixed\"\n+++\r\n## First\n\ntext\r\n\r\n### Second?\r\n\n\xe2\x9c\x85 yes\n",
    );
    let out = site.build();
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert!(site.read("public/bom.html").contains("<h1>Bom</h1>"));
    let mixed = site.read("public/mixed.html");
    assert!(mixed.contains("<h1>Mixed</h1>") && !mixed.contains("+++"), "{mixed}");
    assert!(mixed.contains("id=\"first\"") && mixed.contains("data-qid="), "{mixed}");
    assert!(
        site.read("public/empty.html").contains("<h1>empty</h1>"),
        "title from the file name, exactly as written"
    );
}

/// Runs the binary, killing it if it runs past `limit` (a hang guard, not a speed test).
fn run_guarded(args: &[&std::ffi::OsStr], limit: std::time::Duration) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("studysite did not finish within {limit:?} (hang or quadratic time)");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn pathological_markdown_builds_without_overflow_or_hang() {
    // reliability.md §4 cases 11, 12 and 19: deep nesting, quadratic-prone inputs, huge code.
    let refs: String = (0..20_000).map(|i| format!("[r{i}]: https://e.com/{i}\n")).collect();
    let lists: String = (0..1_000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
    let site = Site::new(&[
        ("content/quotes.md", &format!("{} deep\n", ">".repeat(100_000))),
        ("content/lists.md", &lists),
        ("content/links.md", &format!("{}\n", "[a](<b".repeat(50_000))),
        ("content/stars.md", &format!("{}\n", "a***".repeat(50_000))),
        (
            "content/brackets.md",
            &format!("{}{}\n", "[".repeat(50_000), "]".repeat(50_000)),
        ),
        ("content/refs.md", &format!("{refs}{}\n", "[r1] ".repeat(2_000))),
        (
            "content/longline.md",
            &format!("```python\n{}\n```\n", "x".repeat(1_000_000)),
        ),
        (
            "content/longblock.md",
            &format!("```yaml\n{}```\n", "key: value\n".repeat(50_000)),
        ),
    ]);
    let out = run_guarded(
        &["build".as_ref(), site.root().as_os_str()],
        std::time::Duration::from_secs(180),
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{}", &err[err.len().saturating_sub(2000)..]);
    assert!(
        err.contains("quotes.md: warning: content nested 100001 levels deep"),
        "{err}"
    );
    for f in ["longline.md", "longblock.md"] {
        assert!(
            err.contains(&format!("{f}:1:1: warning: code block too large to highlight")),
            "{f}: {err}"
        );
    }
    assert!(site.read("public/quotes.html").contains("deep"));
    assert_eq!(site.read("public/longblock.html").matches("key: value").count(), 50_000);
}

#[test]
fn nfd_file_names_match_nfc_links() {
    // reliability.md §4 case 22: café.md saved in NFD (as macOS does), linked in NFC.
    let site = basic();
    site.write("content/cafe\u{301}.md", "## Menu\n");
    site.write("content/l.md", "[menu](caf\u{e9}.md#menu)\n");
    let out = site.build();
    assert!(!stderr(&out).contains("broken"), "{}", stderr(&out));
    assert!(
        site.read("public/l.html").contains("href=\"caf%C3%A9.html#menu\""),
        "{}",
        site.read("public/l.html")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_never_reach_outside_the_site() {
    // reliability.md §4 cases 23 and 24: a link loop and links to files outside the site.
    let site = basic();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "TOP SECRET").unwrap();
    std::os::unix::fs::symlink(site.path("content"), site.path("content/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path("content/secret.md")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path("static/secret.txt")).unwrap();
    std::os::unix::fs::symlink(site.path("content/ec2.md"), site.path("content/alias.md")).unwrap();
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("loop: warning: symbolic link to a folder is not followed"),
        "{err}"
    );
    assert!(
        err.contains("secret.md: warning: symbolic link points outside the site"),
        "{err}"
    );
    assert!(!site.path("public/secret.html").exists());
    assert!(
        !site.path("public/secret.txt").exists(),
        "static links out of the site are not copied"
    );
    assert!(
        site.read("public/alias.html").contains("<h1>EC2</h1>"),
        "a link inside the site is followed"
    );
}

#[test]
fn oversized_files_unportable_names_and_root_absolute_links() {
    let site = basic();
    site.write("content/huge.md", &"x".repeat(9 * 1024 * 1024));
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("huge.md: error: file is 9437184 bytes, more than the 8388608-byte limit"),
        "{}",
        stderr(&out)
    );

    let site = basic();
    site.write(
        "studysite.toml",
        "title = \"T\"\nbase_url = \"https://me.github.io/notes/\"\n",
    );
    site.write(
        "content/CON.md",
        "[abs](/gone.html) [sub](/notes/ec2.html) [page](/ec2.html)\n",
    );
    let out = site.build();
    let err = stderr(&out);
    assert!(
        err.contains("CON.md: warning: file name `CON.md` uses a name Windows reserves (CON)"),
        "{err}"
    );
    assert!(
        err.contains("CON.md:1:1: warning: root-absolute link `/gone.html`"),
        "{err}"
    );
    // Links to pages of the site, with or without base_url's path, lead to them.
    assert_eq!(err.matches("root-absolute link").count(), 1, "{err}");
    let con = site.read("public/con.html");
    for text in ["sub", "page"] {
        assert!(con.contains(&format!("<a href=\"ec2.html\">{text}</a>")), "{con}");
    }
    assert!(err.contains("served from a sub-path"), "{err}");
}

#[test]
fn nested_choice_lists_and_open_ended_answers_swallow_nothing() {
    // reliability.md §4 case 6, in this syntax: answers have no closing marker (a section
    // ends at the next heading), and a task list inside an option stays in that option.
    let site = Site::new(&[(
        "content/q.md",
        "## Which one?\n\n- [ ] a\n  - [x] nested right\n  - [ ] nested wrong\n- [x] b\n\nExplanation one.\n\n## Open?\n\n✅ Answer runs on\n\nto the end of the file.\n",
    )]);
    let out = site.build();
    assert!(stderr(&out).contains("2 questions"), "{}", stderr(&out));
    let page = site.read("public/q.html");
    for text in [
        "nested right",
        "nested wrong",
        "Explanation one.",
        "Answer runs on",
        "to the end of the file.",
    ] {
        assert_eq!(page.matches(text).count(), 1, "{text} in {page}");
    }
    let needle = "class=\"q-option\" data-correct=\"";
    let options: Vec<&str> = page
        .match_indices(needle)
        .map(|(i, _)| &page[i + needle.len()..i + needle.len() + 4])
        .collect();
    assert_eq!(options, ["fals", "true"], "two options, b is right: {page}");
}

#[test]
fn awkward_file_names_get_portable_urls_and_temp_files_are_ignored() {
    // reliability.md §4 case 25: spaces, `#`, `?`, `%`, `&` and emoji in names; editor
    // temp files; no `_` folders in the output.
    let site = Site::new(&[
        (
            "content/_index.md",
            "[a](Q%26A%20%231%3F.md) [b](100%25%20done.md) [c](%F0%9F%9A%80%20launch.md) ![d](img/a%20b%231.png) [e](_drafts/x.md)\n",
        ),
        ("content/Q&A #1?.md", "# QA\n"),
        ("content/100% done.md", "# Done\n"),
        ("content/🚀 launch.md", "# Launch\n"),
        ("content/img/a b#1.png", "png"),
        ("content/_drafts/x.md", "# X\n"),
        ("content/.notes.md.swp", "junk"),
        ("content/.#notes.md", "junk"),
        ("content/notes.md~", "junk"),
        ("content/#notes.md#", "junk"),
    ]);
    let out = site.build();
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let home = site.read("public/index.html");
    for href in [
        "href=\"q-a-1.html\"",
        "href=\"100-done.html\"",
        "href=\"launch.html\"",
        "src=\"img/a%20b%231.png\"",
        "href=\"drafts/x.html\"",
    ] {
        assert!(home.contains(href), "{href} in {home}");
    }
    for f in [
        "q-a-1.html",
        "100-done.html",
        "launch.html",
        "img/a b#1.png",
        "drafts/x.html",
    ] {
        assert!(site.path("public").join(f).is_file(), "{f}");
    }
    let names: Vec<String> = walkdir::WalkDir::new(site.path("public"))
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("notes")),
        "temp files copied: {names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with('_')),
        "a `_` name in the output: {names:?}"
    );
}
