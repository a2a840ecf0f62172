//! Helpers for tests that run the real binary on fixture sites in temporary folders.
#![allow(dead_code)]

pub mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_studysite"));
    c.env("NO_COLOR", "1");
    c
}

/// A site in a temporary folder, written from (path, text) pairs.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let site = Site { dir };
        if !files.iter().any(|(p, _)| *p == "studysite.toml") {
            site.write("studysite.toml", "title = \"Test site\"\n");
        }
        for (p, t) in files {
            site.write(p, t);
        }
        site
    }

    /// A fixture of tests/fixtures (`name`), copied into a temporary site.
    pub fn from_fixture(name: &str) -> Site {
        let site = Site::new(&[]);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        for e in walkdir::WalkDir::new(&root).into_iter().filter_map(Result::ok) {
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                site.write_bytes(&rel, &std::fs::read(e.path()).unwrap());
            }
        }
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Output {
        bin().args(args).arg(self.root()).output().unwrap()
    }

    /// `studysite build --no-minify DIR`, asserting success.
    pub fn build(&self) -> Output {
        let out = self.run(&["build", "--no-minify"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under a folder with its bytes, for byte-for-byte comparisons.
pub fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Values of an attribute in HTML, quoted or not (minified output drops quotes).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!(" {attr}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let v = &rest[i + needle.len()..];
        let (value, len) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = v[1..].find(q).map_or(v.len(), |e| e + 1);
                (v[1..end].to_string(), end + 1)
            }
            _ => {
                let end = v.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(v.len());
                (v[..end].to_string(), end)
            }
        };
        out.push(value.replace("&amp;", "&"));
        rest = &v[len.min(v.len())..];
    }
    out
}

/// Follows every internal `href` and `src` of every HTML file in a built site and
/// returns the ones that do not resolve (missing file or missing anchor).
pub fn broken_links(site: &Path) -> Vec<String> {
    use std::collections::{HashMap, HashSet};
    let files = snapshot_dir(site);
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    for (rel, bytes) in &files {
        if rel.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            ids.insert(rel.clone(), attr_values(&html, "id").into_iter().collect());
        }
    }
    let names: HashSet<&str> = files.iter().map(|(r, _)| r.as_str()).collect();
    let mut broken = Vec::new();
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let base = attr_values(&html, "base").first().cloned();
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        for link in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
            if link.contains("://") || link.starts_with("//") || link.starts_with("mailto:") || base.is_some() {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            let target = if path.is_empty() {
                rel.clone()
            } else {
                let mut parts: Vec<&str> = if dir.is_empty() {
                    vec![]
                } else {
                    dir.split('/').collect()
                };
                for seg in path.split('/') {
                    match seg {
                        "" | "." => {}
                        ".." => {
                            parts.pop();
                        }
                        s => parts.push(s),
                    }
                }
                let mut t = parts.join("/");
                if path.ends_with('/') || t.is_empty() {
                    t = if t.is_empty() {
                        "index.html".into()
                    } else {
                        format!("{t}/index.html")
                    };
                }
                t.replace("%20", " ")
            };
            if !names.contains(target.as_str()) {
                broken.push(format!("{rel}: {link} (no file {target})"));
                continue;
            }
            if let Some(f) = frag
                && !f.is_empty()
                && target.ends_with(".html")
                && !ids.get(&target).is_some_and(|s| s.contains(&f))
            {
                broken.push(format!("{rel}: {link} (no id {f} in {target})"));
            }
        }
    }
    broken
}

/// Whether `file` is `name` under a content-hashed name: `style.css` ↔ `style.0123456789.css`.
pub fn is_hashed(file: &str, name: &str) -> bool {
    let (stem, ext) = name.rsplit_once('.').map_or((name, ""), |(s, e)| (s, e));
    let Some(rest) = file.strip_prefix(stem).and_then(|r| r.strip_prefix('.')) else {
        return false;
    };
    let hash = if ext.is_empty() {
        rest
    } else {
        match rest.strip_suffix(ext).and_then(|r| r.strip_suffix('.')) {
            Some(h) => h,
            None => return false,
        }
    };
    hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The path in a built site of a fingerprinted asset (`style.css` →
/// `assets/style.0123456789.css`), asserting that there is exactly one.
pub fn asset(out: &Path, name: &str) -> String {
    let (dir, file) = match name.rsplit_once('/') {
        Some((d, f)) => (format!("assets/{d}/"), f),
        None => ("assets/".to_string(), name),
    };
    let found: Vec<String> = std::fs::read_dir(out.join(&dir))
        .unwrap_or_else(|e| panic!("{}/{dir}: {e}", out.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| is_hashed(f, file))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one hashed {name} in {}/{dir}: {found:?}",
        out.display()
    );
    format!("{dir}{}", found[0])
}

/// The site-relative path (`assets/style.0123456789.css`) of a fingerprinted asset that
/// a page links to, found in its `href` and `src` attributes.
pub fn asset_in(html: &str, name: &str) -> String {
    let found: Vec<String> = attr_values(html, "href")
        .into_iter()
        .chain(attr_values(html, "src"))
        .filter_map(|v| {
            let at = v.rfind("assets/")?;
            let path = &v[at..];
            is_hashed(path.rsplit('/').next()?, name).then(|| path.to_string())
        })
        .collect();
    assert!(!found.is_empty(), "no link to a hashed {name} in:\n{html}");
    found[0].clone()
}

/// A loaded site's sidebar and page titles as text: one line per sidebar entry,
/// indented by depth, `title (source)`, then `page rel = "title"` for every page.
pub fn site_outline(site: &studysite::site::Site) -> String {
    use std::fmt::Write as _;
    fn walk(site: &studysite::site::Site, nodes: &[studysite::nav::NavNode], depth: usize, out: &mut String) {
        for n in nodes {
            let src = n.page.map_or("-".to_string(), |i| site.pages[i].source.rel.clone());
            writeln!(out, "{}{} ({src})", "  ".repeat(depth), n.title).unwrap();
            walk(site, &n.children, depth + 1, out);
        }
    }
    let mut out = String::new();
    walk(site, &site.nav, 0, &mut out);
    for p in &site.pages {
        writeln!(out, "page {} = {:?}", p.source.rel, p.parsed.title).unwrap();
    }
    out
}

/// The text of some HTML, tags removed (entities as written): what code shows once
/// highlighting has cut it into spans.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// A note page with a callout and a question ([`basic`]).
pub const PAGE: &str = "+++\ntitle = \"EC2\"\nweight = 1\ndescription = \"Compute.\"\ntopics = [\"Instances\", \"Pricing\"]\n+++\n\n## Instances\n\nSee [S3](s3.md#classes).\n\n> [!TIP]\n> Tip text.\n\n## Self-check\n\n### Is EC2 regional?\n\n✅ **Regional**.\n";
/// A page with a cheat-sheet table and a choice question ([`basic`]).
pub const S3: &str = "+++\ntitle = \"S3\"\nweight = 2\n+++\n\n## Classes\n\n<!-- cheatsheet -->\n| Class | Cheap |\n|---|---|\n| Glacier | ✅ |\n\n### Which class is cheapest?\n\n- [ ] Standard\n- [x] Glacier Deep Archive\n";

/// A two-page site with a question on each, a callout, a cheat-sheet table and a home page.
pub fn basic() -> Site {
    Site::new(&[
        ("content/ec2.md", PAGE),
        ("content/s3.md", S3),
        ("content/_index.md", "Welcome to the notes.\n"),
    ])
}
