//! A MkDocs site ordered by the awesome-pages plugin (`.pages`) or awesome-nav
//! (`.nav.yml`), built with only a title: each folder's entries in the listed order,
//! with the titles given, the rest at `...`; the folder's own title; the files are not
//! published; a listed name the folder lacks, and a file that cannot be read, warn.

mod common;

/// The sidebar's links in order, as (href, text).
fn sidebar(html: &str) -> Vec<(String, String)> {
    let nav = html.split("class=\"nav-list\"").nth(1).unwrap_or("");
    let nav = &nav[..nav.find("</nav>").unwrap_or(nav.len())];
    let mut out = Vec::new();
    for part in nav.split("<a ").skip(1) {
        let Some(h) = part.find("href=\"") else { continue };
        let href = &part[h + 6..];
        let href = &href[..href.find('"').unwrap_or(0)];
        let text = &part[part.find('>').map_or(0, |i| i + 1)..];
        let text = &text[..text.find("</a>").unwrap_or(text.len())];
        out.push((href.to_string(), common::text_of(text).trim().to_string()));
    }
    out
}

#[test]
fn folders_keep_the_order_and_titles_their_files_give() {
    let site = common::Site::new(&[
        ("content/index.md", "# Home\n"),
        ("content/.pages", "nav:\n  - storage\n  - compute\n  - ...\n"),
        ("content/compute/index.md", "# Compute\n"),
        (
            "content/compute/.pages",
            "title: Compute services\nnav:\n  - zeta.md\n  - Start here: alpha.md\n  - ...\n  - last.md\n",
        ),
        ("content/compute/alpha.md", "# Alpha\n"),
        ("content/compute/beta.md", "# Beta\n"),
        ("content/compute/gamma.md", "# Gamma\n"),
        ("content/compute/last.md", "# Last\n"),
        ("content/compute/zeta.md", "# Zeta\n"),
        (
            "content/storage/.nav.yml",
            "sort:\n  direction: desc\nnav:\n  - \"*\"\n  - s3.md\n",
        ),
        ("content/storage/ebs.md", "# EBS\n"),
        ("content/storage/efs.md", "# EFS\n"),
        ("content/storage/s3.md", "# S3\n"),
        ("content/zz.md", "# ZZ\n"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let got: Vec<String> = sidebar(&site.read("public/compute/beta.html"))
        .into_iter()
        .map(|(h, t)| format!("{h} {t}"))
        .collect();
    let want = [
        "../storage/efs.html EFS",
        "../storage/ebs.html EBS",
        "../storage/s3.html S3",
        "../compute/index.html Compute services",
        "../compute/zeta.html Zeta",
        "../compute/alpha.html Start here",
        "../compute/beta.html Beta",
        "../compute/gamma.html Gamma",
        "../compute/last.html Last",
        "../zz.html ZZ",
    ];
    let got: Vec<&str> = got
        .iter()
        .map(String::as_str)
        .filter(|l| !l.contains("index.html H"))
        .collect();
    assert_eq!(got, want);
    assert!(!site.path("public/.pages").exists() && !site.path("public/compute/.pages").exists());
    assert!(!site.path("public/storage/.nav.yml").exists());
}

#[test]
fn a_missing_entry_and_a_broken_file_warn() {
    let site = common::Site::new(&[
        ("content/a/.pages", "nav:\n  - gone.md\n  - b.md\n"),
        ("content/a/b.md", "# B\n"),
        ("content/c/.pages", "nav: [oops\n"),
        ("content/c/d.md", "# D\n"),
    ]);
    let out = site.run(&["build", "--no-minify"]);
    let err = common::stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("a/.pages: warning: `gone.md` is listed but this folder has no such page or folder"),
        "{err}"
    );
    assert!(
        err.contains("c/.pages: warning: cannot read this awesome-pages file"),
        "{err}"
    );
}
