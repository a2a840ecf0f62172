//! The author's order when front matter gives no weight: a nav file (mdBook's
//! `SUMMARY.md`, a MkDocs `nav` in `mkdocs.yml` beside content/, or a literate-nav
//! `navigation.md` / `SUMMARY.md`), else the natural order of file names (2 before 10).

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::mkdocs_yml::MkdocsFiles;

/// One entry of a nav file: a page (`rel` inside content/), a part title or a group
/// (`rel` None, with children), or a draft chapter (neither).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NavEntry {
    pub title: String,
    pub rel: Option<String>,
    pub children: Vec<NavEntry>,
}

/// A nav file read from the site.
#[derive(Debug, Clone, Default)]
pub struct NavFile {
    /// The folder inside content/ whose pages it orders: "" for the site's own nav file,
    /// else the folder of a book or MkDocs project copied whole into content/. The
    /// entries' `rel`s are inside content/ either way.
    pub folder: String,
    /// The Markdown file inside content/ that holds it (not a page unless it lists
    /// itself); None for `mkdocs.yml`.
    pub file: Option<String>,
    pub entries: Vec<NavEntry>,
}

impl NavFile {
    /// Every page the nav lists, with its title there.
    pub fn titles(&self) -> Vec<(&str, &str)> {
        fn walk<'a>(es: &'a [NavEntry], out: &mut Vec<(&'a str, &'a str)>) {
            for e in es {
                if let Some(r) = &e.rel {
                    out.push((r, &e.title));
                }
                walk(&e.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.entries, &mut out);
        out
    }
}

/// Every nav file of the site: the site's own ([`read_nav`]), then one for each folder
/// of content/ that holds a project copied whole: a `mkdocs.yml` (its `nav`, or the
/// literate nav in its `docs_dir`), or a `SUMMARY.md` / `navigation.md` (an mdBook's
/// `src/`, a GitBook). `has` tells the Markdown files in content/; `folders` are the
/// folders that hold them (their ancestors included).
pub fn read_navs<'f>(
    root: &Path,
    content: &Path,
    mkdocs: &MkdocsFiles,
    has: impl Fn(&str) -> bool,
    folders: impl IntoIterator<Item = &'f str>,
) -> Result<Vec<NavFile>, Vec<Diagnostic>> {
    let mut navs: Vec<NavFile> = read_nav(root, content, mkdocs, &has)?.into_iter().collect();
    let mut folders: Vec<&str> = folders.into_iter().collect();
    folders.sort_unstable();
    folders.dedup();
    let taken = |navs: &[NavFile], f: &str| navs.iter().any(|n| n.folder == f);
    for &folder in &folders {
        let Some(yml) = mkdocs.at(&content.join(folder)) else {
            continue;
        };
        let docs = join(folder, &yml.docs_dir());
        if taken(&navs, &docs) {
            continue;
        }
        if let Some(entries) = mkdocs_nav(&yml.path, &yml.text)? {
            navs.push(NavFile {
                folder: docs.clone(),
                file: None,
                entries: entries.into_iter().map(|e| inside(&docs, e)).collect(),
            });
        } else {
            let name = join(&docs, &yml.literate_nav_file());
            if has(&name) {
                navs.push(read_markdown_nav(content, &name)?);
            }
        }
    }
    for &folder in folders.iter().filter(|f| !f.is_empty()) {
        for name in ["SUMMARY.md", "navigation.md"] {
            let rel = join(folder, name);
            if !taken(&navs, folder) && has(&rel) {
                navs.push(read_markdown_nav(content, &rel)?);
            }
        }
    }
    Ok(navs)
}

fn join(folder: &str, rel: &str) -> String {
    if folder.is_empty() || rel.is_empty() {
        format!("{folder}{rel}")
    } else {
        format!("{folder}/{rel}")
    }
}

/// An entry of a nav file in `folder`, its `rel`s made relative to content/ (`./` and
/// `..` resolved; one that climbs out of content/ names no page).
fn inside(folder: &str, mut e: NavEntry) -> NavEntry {
    e.rel = e.rel.and_then(|r| crate::util::join_relative(folder, &r));
    e.children = e.children.into_iter().map(|c| inside(folder, c)).collect();
    e
}

/// Finds and reads the site's nav file, if it has one. `has` tells the Markdown
/// files in content/.
pub fn read_nav(
    root: &Path,
    content: &Path,
    mkdocs: &MkdocsFiles,
    has: &impl Fn(&str) -> bool,
) -> Result<Option<NavFile>, Vec<Diagnostic>> {
    if let Some(yml) = mkdocs.at(root) {
        if let Some(nav) = mkdocs_nav(&yml.path, &yml.text)? {
            return Ok(Some(NavFile {
                folder: String::new(),
                file: None,
                entries: nav.into_iter().map(|e| inside("", e)).collect(),
            }));
        }
        let name = yml.literate_nav_file();
        if has(&name) {
            return read_markdown_nav(content, &name).map(Some);
        }
    }
    for name in ["SUMMARY.md", "navigation.md"] {
        if has(name) {
            return read_markdown_nav(content, name).map(Some);
        }
    }
    Ok(None)
}

fn read_markdown_nav(content: &Path, rel: &str) -> Result<NavFile, Vec<Diagnostic>> {
    let path = content.join(rel);
    let text =
        std::fs::read_to_string(&path).map_err(|e| vec![Diagnostic::error(&path, format!("cannot read: {e}"))])?;
    let body = crate::frontmatter::split(&path, &text).map(|s| text[s.body_start..].to_string())?;
    let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
    Ok(NavFile {
        folder: folder.to_string(),
        file: Some(rel.to_string()),
        entries: markdown_nav(&body).into_iter().map(|e| inside(folder, e)).collect(),
    })
}

/// A Markdown nav (mdBook `SUMMARY.md`, literate-nav): nested lists of links; a list
/// item without a link is a group, a heading after the first is a part title, links
/// outside lists are prefix or suffix chapters, and `[Draft]()` is a draft chapter.
pub fn markdown_nav(text: &str) -> Vec<NavEntry> {
    let mut nav = NavBuilder::default();
    for ev in Parser::new(text) {
        match ev {
            Event::Start(Tag::Heading { .. }) if nav.stack.is_empty() => {
                nav.in_heading = true;
                nav.heading_text.clear();
            }
            Event::End(TagEnd::Heading(_)) if nav.in_heading => nav.end_heading(),
            Event::Start(Tag::Item) => nav.stack.push(NavEntry::default()),
            Event::End(TagEnd::Item) => {
                if let Some(e) = nav.stack.pop() {
                    nav.push(e);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => nav.link = Some((dest_url.to_string(), String::new())),
            Event::End(TagEnd::Link) => nav.end_link(),
            Event::Text(t) | Event::Code(t) => nav.text(&t),
            _ => {}
        }
    }
    let mut top = nav.top;
    if let Some(p) = nav.part {
        top.push(p);
    }
    for e in &mut top {
        trim_titles(e);
    }
    top
}

/// [`markdown_nav`]'s state as it reads the list.
#[derive(Default)]
struct NavBuilder {
    top: Vec<NavEntry>,
    /// Open list items, innermost last.
    stack: Vec<NavEntry>,
    part: Option<NavEntry>,
    headings: usize,
    in_heading: bool,
    heading_text: String,
    link: Option<(String, String)>,
}

impl NavBuilder {
    /// An entry goes into the open item, else the open part, else the top level.
    fn push(&mut self, e: NavEntry) {
        if let Some(parent) = self.stack.last_mut() {
            parent.children.push(e);
        } else if let Some(p) = self.part.as_mut() {
            p.children.push(e);
        } else {
            self.top.push(e);
        }
    }

    /// A heading after the first (or a first one other than "Summary" after chapters)
    /// starts a part.
    fn end_heading(&mut self) {
        self.in_heading = false;
        self.headings += 1;
        if self.headings > 1 || !self.heading_text.trim().eq_ignore_ascii_case("summary") && !self.top.is_empty() {
            if let Some(p) = self.part.take() {
                self.top.push(p);
            }
            self.part = Some(NavEntry {
                title: self.heading_text.trim().to_string(),
                ..NavEntry::default()
            });
        }
    }

    /// A link names the open item's page, or is a chapter of its own outside lists.
    fn end_link(&mut self) {
        let Some((dest, title)) = self.link.take() else { return };
        let dest = crate::markdown::links::percent_decode(dest.split('#').next().unwrap_or(""));
        let rel = (!dest.is_empty()).then(|| dest.trim_start_matches("./").to_string());
        match self.stack.last_mut() {
            Some(item) if item.rel.is_none() && item.title.is_empty() => {
                item.rel = rel;
                item.title = title;
            }
            Some(_) => {}
            None => self.push(NavEntry {
                title,
                rel,
                children: Vec::new(),
            }),
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_heading {
            self.heading_text.push_str(t);
        } else if let Some((_, title)) = self.link.as_mut() {
            title.push_str(t);
        } else if let Some(item) = self.stack.last_mut()
            && item.rel.is_none()
            && item.children.is_empty()
        {
            item.title.push_str(t);
        }
    }
}

fn trim_titles(e: &mut NavEntry) {
    e.title = e.title.trim().to_string();
    for c in &mut e.children {
        trim_titles(c);
    }
}

/// The `nav:` of a `mkdocs.yml`, read on its own: the rest of the file holds Python
/// tags (`!!python/name:…`) that are MkDocs' business.
fn mkdocs_nav(path: &Path, text: &str) -> Result<Option<Vec<NavEntry>>, Vec<Diagnostic>> {
    let mut lines = text.lines().enumerate().skip_while(|(_, l)| !l.starts_with("nav:"));
    let Some((first, _)) = lines.next() else {
        return Ok(None);
    };
    let block: Vec<&str> = std::iter::once("nav:")
        .chain(
            lines
                .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '-', '#']))
                .map(|(_, l)| l),
        )
        .collect();
    let value = crate::frontmatter::yaml_value(&block.join("\n")).map_err(|e| {
        let line = e.location().map_or(1, |l| l.line() as usize);
        vec![
            Diagnostic::error(
                path,
                format!(
                    "the `nav` of mkdocs.yml is not valid YAML: {}",
                    e.to_string().lines().next().unwrap_or("")
                ),
            )
            .at(text, first + line, 1),
        ]
    })?;
    let items = value.get("nav").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    Ok(Some(items.iter().filter_map(mkdocs_entry).collect()))
}

fn mkdocs_entry(v: &serde_json::Value) -> Option<NavEntry> {
    use serde_json::Value;
    match v {
        Value::String(file) => Some(NavEntry {
            title: String::new(),
            rel: file.ends_with(".md").then(|| file.clone()),
            children: Vec::new(),
        }),
        Value::Object(m) => {
            let (title, inner) = m.iter().next()?;
            match inner {
                Value::String(file) => Some(NavEntry {
                    title: title.clone(),
                    rel: file.ends_with(".md").then(|| file.clone()),
                    children: Vec::new(),
                }),
                Value::Array(items) => Some(NavEntry {
                    title: title.clone(),
                    rel: None,
                    children: items.iter().filter_map(mkdocs_entry).collect(),
                }),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_md_gives_order_nesting_titles_parts_and_drafts() {
        let nav = markdown_nav(
            "# Summary\n\n[Intro](intro.md)\n\n- [One](ch1.md)\n  - [One A](ch1a.md)\n- [Draft]()\n\n# Part Two\n\n- [Two](ch2.md)\n",
        );
        assert_eq!(
            nav[0],
            NavEntry {
                title: "Intro".into(),
                rel: Some("intro.md".into()),
                children: vec![]
            }
        );
        assert_eq!(nav[1].rel.as_deref(), Some("ch1.md"));
        assert_eq!(nav[1].children[0].title, "One A");
        assert_eq!((nav[2].title.as_str(), nav[2].rel.as_deref()), ("Draft", None));
        assert_eq!(nav[3].title, "Part Two");
        assert_eq!(nav[3].children[0].rel.as_deref(), Some("ch2.md"));
    }

    #[test]
    fn literate_nav_groups_are_items_without_links() {
        let nav = markdown_nav("- Algebra\n    - [Binary Exp](algebra/binary-exp.md)\n- [Main](index.md)\n");
        assert_eq!(nav[0].title, "Algebra");
        assert_eq!(nav[0].rel, None);
        assert_eq!(nav[0].children[0].rel.as_deref(), Some("algebra/binary-exp.md"));
        assert_eq!(nav[1].rel.as_deref(), Some("index.md"));
    }

    #[test]
    fn nav_files_of_projects_copied_whole_into_content() {
        let t = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = t.path().join("content").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "book/src/SUMMARY.md",
            "# Summary\n\n- [One](ch1.md)\n- [Two](./part/ch2.md)\n- [Out](../../../x.md)\n",
        );
        write(
            "site/mkdocs.yml",
            "site_name: s\ndocs_dir: 'pages'\nnav:\n  - Home: index.md\n  - Guide: guide/a.md\n",
        );
        write(
            "lit/mkdocs.yml",
            "site_name: l\nplugins:\n  - literate-nav:\n      nav_file: navigation.md\n",
        );
        write("lit/docs/navigation.md", "- [A](a.md)\n");
        let pages = ["book/src/SUMMARY.md", "lit/docs/navigation.md"];
        let has = |r: &str| pages.contains(&r);
        let folders = ["", "book", "book/src", "site", "site/pages", "lit", "lit/docs"];
        let navs = read_navs(
            t.path(),
            &t.path().join("content"),
            &MkdocsFiles::default(),
            has,
            folders,
        )
        .unwrap();
        let got: Vec<(&str, Vec<&str>)> = navs
            .iter()
            .map(|n| (n.folder.as_str(), n.titles().iter().map(|(r, _)| *r).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("lit/docs", vec!["lit/docs/a.md"]),
                ("site/pages", vec!["site/pages/index.md", "site/pages/guide/a.md"]),
                ("book/src", vec!["book/src/ch1.md", "book/src/part/ch2.md"]),
            ]
        );
    }

    #[test]
    fn mkdocs_nav_is_read_without_the_rest_of_the_file() {
        let yml = "site_name: x\nmarkdown_extensions:\n  - emoji:\n      g: !!python/name:material.x\nnav:\n  - index.md\n  - Guide:\n    - Setup: guide/setup.md\n  - About: about.md\ntheme: material\n";
        let nav = mkdocs_nav(Path::new("mkdocs.yml"), yml).unwrap().unwrap();
        assert_eq!(nav.len(), 3);
        assert_eq!(nav[0].rel.as_deref(), Some("index.md"));
        assert_eq!(nav[1].children[0].title, "Setup");
        assert_eq!(nav[2].rel.as_deref(), Some("about.md"));
    }
}
