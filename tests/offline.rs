//! `offline = true` (README: Offline): the manifest's fields, the icons and the worker in the
//! output; every page's head and script; the precache list complete (every output file listed
//! or skipped by the written rule, the search shards and quiz parts among them), its version
//! stable for an unchanged site and new for a changed one; the size cap; a site's own icon,
//! manifest and worker code; and nothing of it without `offline`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Site, asset, bin, snapshot_dir, stderr};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const PAGES: &[(&str, &str)] = &[
    (
        "content/index.md",
        "# Biology\n\nSee [cells](cells.md) and ![a cell](img/my%20cell.png).\n",
    ),
    (
        "content/cells.md",
        "# Cells\n\n## What is a cell?\n\n✅ The smallest unit of life.\n",
    ),
    ("content/genetics/_index.md", "# Genetics\n"),
    ("content/genetics/dna.md", "# DNA\n\nA double helix.\n"),
    ("content/img/my cell.png", "not really a png"),
];

fn site(config: &str) -> Site {
    let s = Site::new(PAGES);
    s.write("studysite.toml", config);
    s
}

/// The `self.STUDYSITE_PRECACHE = {…};` line of a built sw.js.
fn precache(out: &Path) -> Value {
    let sw = std::fs::read_to_string(out.join("sw.js")).expect("sw.js");
    let line = sw
        .lines()
        .find_map(|l| l.strip_prefix("self.STUDYSITE_PRECACHE = "))
        .expect("the precache line");
    serde_json::from_str(line.trim_end_matches(';')).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn build_to(root: &Path, out: &Path, env: &[(&str, &str)]) {
    let mut cmd = bin();
    for (k, v) in env {
        cmd.env(k, v);
    }
    let run = cmd.args(["build", "-o"]).arg(out).arg(root).output().unwrap();
    assert!(run.status.success(), "build failed:\n{}", stderr(&run));
}

/// A copy of the bundled notes with `offline = true` (and `extra`) first in the configuration.
fn bundled_copy(dir: &Path, extra: &str) {
    let content = repo().join("content");
    for e in walkdir::WalkDir::new(&content).into_iter().map(Result::unwrap) {
        let dest = dir.join("content").join(e.path().strip_prefix(&content).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    let config = std::fs::read_to_string(repo().join("studysite.toml")).unwrap();
    std::fs::write(dir.join("studysite.toml"), format!("offline = true\n{extra}{config}")).unwrap();
}

/// Percent-encoding as the build writes the list (spaces and the URL's own characters).
fn encoded(path: &str) -> String {
    path.replace('%', "%25")
        .replace(' ', "%20")
        .replace('#', "%23")
        .replace('?', "%3F")
}

/// The files the rule never lists.
fn skipped(path: &str) -> bool {
    ["sw.js", "404.html", "robots.txt", "sitemap.xml"].contains(&path) || path.split('/').any(|s| s.starts_with('.'))
}

#[test]
fn without_offline_nothing_is_added() {
    for config in ["title = \"Biology\"\n", "title = \"Biology\"\noffline = false\n"] {
        let s = site(config);
        s.build();
        let out = s.path("public");
        for f in ["sw.js", "manifest.webmanifest"] {
            assert!(!out.join(f).exists(), "{f} written without offline");
        }
        for (rel, bytes) in snapshot_dir(&out) {
            assert!(
                !["assets/offline.", "assets/icon-192.", "assets/icon-512."]
                    .iter()
                    .any(|p| rel.starts_with(p)),
                "{rel} written without offline"
            );
            if rel.ends_with(".html") {
                let html = String::from_utf8_lossy(&bytes);
                for needle in ["manifest", "theme-color", "apple-touch-icon", "offline", "sw.js"] {
                    assert!(!html.contains(needle), "{rel} mentions {needle}");
                }
            }
        }
    }
}

#[test]
fn the_manifest_icons_and_every_page_head() {
    let s = site(
        "title = \"Zellbiologie für alle Studierenden\"\ndescription = \"Notizen\"\nlanguage = \"de\"\noffline = true\n",
    );
    s.build();
    let out = s.path("public");
    let m: Value = serde_json::from_str(&s.read("public/manifest.webmanifest")).unwrap();
    assert_eq!(m["name"], "Zellbiologie für alle Studierenden");
    assert_eq!(m["short_name"], "Zellbiologie");
    assert_eq!(m["description"], "Notizen");
    assert_eq!(
        (&m["start_url"], &m["scope"], &m["id"]),
        (&"./".into(), &"./".into(), &"./".into())
    );
    assert_eq!(m["display"], "standalone");
    assert_eq!((&m["lang"], &m["dir"]), (&"de".into(), &"ltr".into()));
    assert_eq!(m["theme_color"], "#2456c7", "the theme's --accent");
    assert_eq!(m["background_color"], "#ffffff", "the theme's --bg");
    let icons = m["icons"].as_array().unwrap();
    let sizes: Vec<&str> = icons.iter().map(|i| i["sizes"].as_str().unwrap()).collect();
    assert_eq!(sizes, ["any", "192x192", "512x512"]);
    for (icon, name) in icons.iter().zip(["favicon.svg", "icon-192.png", "icon-512.png"]) {
        assert_eq!(icon["src"].as_str().unwrap(), asset(&out, name));
    }
    let png = std::fs::read(out.join(asset(&out, "icon-512.png"))).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 512, "512 px wide");
    // Every page's head at its depth, and the script; the 404 page (served at any depth) neither.
    let script = asset(&out, "offline.js");
    for (page, root) in [
        ("index.html", ""),
        ("cells.html", ""),
        ("genetics/dna.html", "../"),
        ("quiz.html", ""),
    ] {
        let html = s.read(&format!("public/{page}"));
        assert!(
            html.contains(&format!("<link rel=\"manifest\" href=\"{root}manifest.webmanifest\">")),
            "{page}"
        );
        assert!(
            html.contains("<meta name=\"theme-color\" content=\"#2456c7\">"),
            "{page}"
        );
        assert!(
            html.contains(&format!("<script src=\"{root}{script}\" defer></script>")),
            "{page}"
        );
    }
    let not_found = s.read("public/404.html");
    assert!(!not_found.contains("manifest") && !not_found.contains("offline."));
    // The notice's text in the site's language.
    let js = std::fs::read_to_string(out.join(asset(&out, "strings.js"))).unwrap();
    assert!(js.contains("Diese Website wurde aktualisiert."), "German notice text");
    // A right-to-left language.
    let s = site("title = \"T\"\nlanguage = \"he\"\noffline = true\n");
    s.build();
    let m: Value = serde_json::from_str(&s.read("public/manifest.webmanifest")).unwrap();
    assert_eq!((&m["lang"], &m["dir"]), (&"he".into(), &"rtl".into()));
}

#[test]
fn the_precache_list_holds_every_file_and_the_search_shards_and_quiz_parts() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    bundled_copy(&src, "");
    let out = t.path().join("out");
    let env = [
        ("STUDYSITE_SEARCH_SHARDS", "always"),
        ("STUDYSITE_QUIZ_PARTS", "always"),
    ];
    build_to(&src, &out, &env);
    let list = precache(&out);
    let files = strings(&list["files"]);
    let listed: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(listed.len(), files.len(), "no file listed twice");
    assert_eq!(list["later"], 0, "the bundled notes fit under the cap");
    let on_disk: Vec<String> = snapshot_dir(&out).into_iter().map(|(rel, _)| rel).collect();
    for rel in &on_disk {
        if rel == ".studysite-output" || skipped(rel) {
            assert!(!listed.contains(encoded(rel).as_str()), "{rel} is listed");
        } else {
            assert!(listed.contains(encoded(rel).as_str()), "{rel} is not listed");
        }
    }
    for f in &files {
        assert!(on_disk.contains(f), "{f} is listed but not in the output");
    }
    let shards = files.iter().filter(|f| f.starts_with("assets/search/")).count();
    let parts = files.iter().filter(|f| f.starts_with("assets/quiz-data-")).count();
    assert!(
        shards > 1 && parts > 1,
        "{shards} search shards, {parts} quiz parts listed"
    );
    // The required files first: the shell, the data and the main pages.
    let required = list["required"].as_u64().unwrap() as usize;
    let (first, rest) = files.split_at(required);
    for main in ["index.html", "questions.html", "quiz.html", "manifest.webmanifest"] {
        assert!(first.iter().any(|f| f == main), "{main} is not required");
    }
    assert!(
        first
            .iter()
            .all(|f| !f.ends_with(".html") || ["index.html", "questions.html", "quiz.html"].contains(&f.as_str()))
    );
    assert!(
        rest.iter().all(|f| !f.ends_with(".js") && !f.ends_with(".css")),
        "every script and style is required"
    );
    assert_eq!(
        rest.first().map(String::as_str),
        Some("global-infrastructure.html"),
        "then the reading order"
    );
    let hashed = strings(&list["hashed"]);
    let assets: Vec<&String> = files.iter().filter(|f| f.starts_with("assets/")).collect();
    assert_eq!(hashed.iter().collect::<Vec<_>>(), assets);
    // The version: the same for the same site, another for a changed page.
    let version = list["version"].as_str().unwrap().to_string();
    assert!(version.len() == 16 && version.bytes().all(|b| b.is_ascii_hexdigit()));
    let again = t.path().join("again");
    build_to(&src, &again, &env);
    assert_eq!(precache(&again)["version"], version.as_str());
    let note = src.join("content/ec2.md");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, format!("{text}\nOne more line.\n")).unwrap();
    build_to(&src, &again, &env);
    assert_ne!(precache(&again)["version"], version.as_str());
}

#[test]
fn above_the_cap_the_shell_data_and_main_pages_then_the_reading_order() {
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("src");
    bundled_copy(&src, "");
    let full_out = t.path().join("full");
    build_to(&src, &full_out, &[]);
    let full = precache(&full_out);
    let files = strings(&full["files"]);
    let required = full["required"].as_u64().unwrap() as usize;
    let size = |f: &str| std::fs::metadata(full_out.join(f)).unwrap().len();
    // A cap that leaves room for the required files and the next three.
    let cap: u64 = files[..required + 3].iter().map(|f| size(f)).sum();
    let capped_out = t.path().join("capped");
    build_to(&src, &capped_out, &[("STUDYSITE_OFFLINE_CAP", &cap.to_string())]);
    let capped = precache(&capped_out);
    assert_eq!(strings(&capped["files"]), files[..required + 3]);
    assert_eq!(capped["later"].as_u64().unwrap() as usize, files.len() - required - 3);
    // A cap below the required files: they are kept all the same, nothing else.
    let tiny_out = t.path().join("tiny");
    build_to(&src, &tiny_out, &[("STUDYSITE_OFFLINE_CAP", "1")]);
    let tiny = precache(&tiny_out);
    assert_eq!(strings(&tiny["files"]), files[..required]);
    assert_eq!(tiny["required"].as_u64().unwrap() as usize, required);
}

#[test]
fn pretty_urls_and_file_names_that_need_encoding() {
    let s = site("title = \"Biology\"\nurl_style = \"pretty\"\noffline = true\n");
    s.build();
    let out = s.path("public");
    let files = strings(&precache(&out)["files"]);
    for f in [
        "index.html",
        "cells/index.html",
        "genetics/dna/index.html",
        "quiz/index.html",
        "img/my%20cell.png",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} not in {files:?}");
    }
    let html = s.read("public/genetics/dna/index.html");
    assert!(html.contains("<link rel=\"manifest\" href=\"../../manifest.webmanifest\">"));
}

#[test]
fn a_sites_own_icon_manifest_and_worker_code_are_used() {
    let s = site("title = \"Biology\"\noffline = true\n");
    s.write_bytes("static/assets/icon-192.png", b"my own icon");
    s.write("static/sw.js", "/* my worker */\n");
    s.build();
    let out = s.path("public");
    let icon = asset(&out, "icon-192.png");
    assert_eq!(std::fs::read(out.join(&icon)).unwrap(), b"my own icon");
    let m: Value = serde_json::from_str(&s.read("public/manifest.webmanifest")).unwrap();
    assert_eq!(m["icons"][1]["src"], icon.as_str());
    let sw = s.read("public/sw.js");
    assert!(
        sw.starts_with("/* studysite: generated") && sw.ends_with("/* my worker */\n"),
        "{sw}"
    );

    s.write("static/manifest.webmanifest", "{\"name\": \"Mine\"}");
    s.build();
    assert_eq!(s.read("public/manifest.webmanifest"), "{\"name\": \"Mine\"}");
    assert!(strings(&precache(&out)["files"]).contains(&"manifest.webmanifest".to_string()));
}

#[test]
fn check_passes_with_offline() {
    let s = site("title = \"Biology\"\noffline = true\n");
    let run = s.run(&["check"]);
    assert!(run.status.success(), "{}", stderr(&run));
}
