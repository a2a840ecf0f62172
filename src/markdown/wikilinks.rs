//! Obsidian's wikilinks and embeds: `[[Note]]`, `[[Note#Heading|alias]]`,
//! `[[Note#^block-id]]`, `![[image.png|300]]`, `![[image.png|300x200]]`,
//! `![[file.pdf]]`. pulldown-cmark's wikilink option finds them; this resolves each
//! target as Obsidian does (case-insensitive, by the shortest unique path: a bare name
//! matches a file of that name in any folder) and turns it into an ordinary relative
//! link or image, which the link transform then rewrites and checks like any other.
//! What cannot be resolved (no such file, or several) stays visible text and is a
//! broken link (a warning in build, an error in check) naming the closest files.
//! Text that is no wikilink (`[[ $a = 1 ]]`, `[[1, 2], [3]]`) stays as written.

use std::collections::HashMap;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::links::{LinkMap, LinkRef, encode_path};
use super::{Ev, RenderCx};
use crate::util::{escape_html, root_prefix};

impl LinkMap {
    /// The wikilink index of these files, built once.
    pub fn wiki(&self) -> &WikiIndex {
        self.wiki.get_or_init(|| WikiIndex::new(self))
    }
}

/// Every page and file of the site by lower-case file name (`note.md`, `pic.png`).
#[derive(Debug, Default, Clone)]
pub struct WikiIndex {
    by_name: HashMap<String, Vec<String>>,
    aliases: HashMap<String, Vec<String>>,
}

impl WikiIndex {
    pub fn new(map: &LinkMap) -> WikiIndex {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for key in map.pages.keys().chain(map.assets.iter()) {
            let name = key.rsplit('/').next().unwrap_or(key).to_lowercase();
            by_name.entry(name).or_default().push(key.clone());
        }
        for v in by_name.values_mut() {
            v.sort();
        }
        WikiIndex {
            by_name,
            aliases: map.aliases.clone(),
        }
    }

    /// The file a target names: `Note`, `folder/Note`, `Note.md`, `pic.png`; for an
    /// Excalidraw drawing (`Sketch.excalidraw`), the image exported beside it.
    pub(super) fn resolve(&self, target: &str, from_folder: &str) -> Result<String, Vec<String>> {
        let lower = crate::util::nfc(target).to_lowercase();
        let lower = lower.trim_start_matches("./").trim_start_matches('/');
        if let Some(stem) = drawing_stem(lower) {
            // The plugin's auto-export writes `Sketch.excalidraw.svg` (or `.png`); an older
            // setting drops `.excalidraw`.
            return ["excalidraw.svg", "excalidraw.png", "svg", "png"]
                .iter()
                .find_map(|ext| self.resolve(&format!("{stem}.{ext}"), from_folder).ok())
                .ok_or_else(Vec::new);
        }
        let with_md = if has_extension(lower) {
            lower.to_string()
        } else {
            format!("{lower}.md")
        };
        let name = with_md.rsplit('/').next().unwrap_or(&with_md);
        let candidates: Vec<&String> = self
            .by_name
            .get(name)
            .map(|v| {
                v.iter()
                    .filter(|k| {
                        let k = k.to_lowercase();
                        k == with_md || k.ends_with(&format!("/{with_md}"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        match candidates.len() {
            1 => Ok(candidates[0].clone()),
            // A page's other name (front-matter `aliases`), when no file has it.
            0 => match self.aliases.get(lower) {
                Some(pages) if pages.len() == 1 => Ok(pages[0].clone()),
                Some(pages) => Err(pages.clone()),
                None => Err(Vec::new()),
            },
            _ => {
                // Obsidian prefers the file beside the note, then a unique shortest path.
                let here: Vec<&&String> = candidates
                    .iter()
                    .filter(|k| parent(k).eq_ignore_ascii_case(from_folder))
                    .collect();
                if here.len() == 1 {
                    return Ok((*here[0]).clone());
                }
                let shortest = candidates.iter().map(|k| k.matches('/').count()).min().unwrap_or(0);
                let short: Vec<&&String> = candidates
                    .iter()
                    .filter(|k| k.matches('/').count() == shortest)
                    .collect();
                if short.len() == 1 {
                    return Ok((*short[0]).clone());
                }
                Err(candidates.into_iter().cloned().collect())
            }
        }
    }

    /// The file names closest to `target`, for the warning.
    fn closest(&self, target: &str) -> Option<String> {
        let lower = target.to_lowercase();
        let stems: Vec<&str> = self
            .by_name
            .keys()
            .map(|k| k.strip_suffix(".md").unwrap_or(k))
            .collect();
        crate::util::did_you_mean(&lower, &stems).map(str::to_string)
    }
}

/// `Sketch` of `Sketch.excalidraw` or `Sketch.excalidraw.md`.
fn drawing_stem(lower: &str) -> Option<&str> {
    let s = lower.strip_suffix(".md").unwrap_or(lower);
    s.strip_suffix(".excalidraw")
        .filter(|s| !s.is_empty() && !s.ends_with('/'))
}

fn parent(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(p, _)| p)
}

fn has_extension(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"];

fn is_image(key: &str) -> bool {
    key.rsplit_once('.')
        .is_some_and(|(_, e)| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Obsidian file names cannot hold these; a "target" with one is no wikilink.
fn plausible(target: &str) -> bool {
    !target.is_empty()
        && target.trim() == target
        && !target.contains(['[', ']', '|', '\\', ':', '*', '"', '<', '>', '?', '$', '\n'])
}

pub fn transform<'a>(evs: Vec<Ev<'a>>, rcx: &mut RenderCx) -> Vec<Ev<'a>> {
    if !evs.iter().any(|(e, _)| is_wiki(e)) {
        return evs;
    }
    let mut out = Vec::with_capacity(evs.len());
    let mut iter = evs.into_iter().peekable();
    let mut in_paragraph = false;
    while let Some((e, at)) = iter.next() {
        match &e {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            _ => {}
        }
        if !is_wiki(&e) {
            out.push((e, at));
            continue;
        }
        let (embed, dest, pothole) = match &e {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => (false, dest_url.to_string(), *has_pothole),
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => (true, dest_url.to_string(), *has_pothole),
            _ => unreachable!(),
        };
        let mut inner = Vec::new();
        for (ie, iat) in iter.by_ref() {
            if matches!(ie, Event::End(TagEnd::Link | TagEnd::Image)) {
                break;
            }
            inner.push((ie, iat));
        }
        // In a table `[[Note\|alias]]` is how the pipe is written.
        let dest = dest.strip_suffix('\\').unwrap_or(&dest).to_string();
        let link = Wikilink {
            embed,
            dest,
            pothole,
            at,
        };
        let from = out.len();
        if link.render(inner, rcx, &mut out) && in_paragraph {
            // A note embedded is a block: alone in its paragraph it takes the
            // paragraph's place, else the paragraph is closed around it.
            let alone = matches!(out.get(from.wrapping_sub(1)), Some((Event::Start(Tag::Paragraph), _)))
                && matches!(iter.peek(), Some((Event::End(TagEnd::Paragraph), _)));
            if alone {
                out.remove(from - 1);
                iter.next();
                in_paragraph = false;
            } else {
                out.insert(from, (Event::Html("</p>".into()), at));
                out.push((Event::Html("<p>".into()), at));
            }
        }
    }
    out
}

fn is_wiki(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(
            Tag::Link {
                link_type: LinkType::WikiLink { .. },
                ..
            } | Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }
        )
    )
}

struct Wikilink {
    embed: bool,
    dest: String,
    pothole: bool,
    at: usize,
}

/// A relative link from the page's folder to note `key` (and a heading or block of it):
/// the link transform rewrites it to the output URL and checks the page and the anchor.
fn url(key: &str, path: &str, fragment: Option<&str>, rcx: &RenderCx) -> String {
    let depth = rcx.loc.page.folder.split('/').filter(|s| !s.is_empty()).count();
    let mut url = if path.is_empty() {
        String::new()
    } else {
        format!("{}{}", "../".repeat(depth), encode_path(key))
    };
    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
        url.push('#');
        if path.is_empty() || key.ends_with(".md") {
            url.push_str(&anchor(f));
        } else {
            // A file's own fragment (a PDF's `#page=3`) is the viewer's, as written.
            url.push_str(&f.trim().replace(' ', "%20"));
        }
    }
    url
}

fn link<'a>(url: String) -> Tag<'a> {
    Tag::Link {
        link_type: LinkType::Inline,
        dest_url: url.into(),
        title: "".into(),
        id: "".into(),
    }
}

impl Wikilink {
    /// Writes the link or embed; true when it wrote a note's text (a block).
    fn render<'a>(&self, inner: Vec<Ev<'a>>, rcx: &mut RenderCx, out: &mut Vec<Ev<'a>>) -> bool {
        let (path, fragment) = match self.dest.split_once('#') {
            Some((p, f)) => (p.trim(), Some(f.trim())),
            None => (self.dest.as_str(), None),
        };
        if !(plausible(path) || path.is_empty() && fragment.is_some_and(|f| !f.is_empty())) {
            self.as_written(inner, out);
            return false;
        }
        let alias: String = if self.pothole {
            super::headings::plain_text(&inner)
        } else {
            String::new()
        };
        let shown = if !(alias.is_empty() || self.embed && size(&alias).is_some()) {
            alias.clone()
        } else {
            display(path, fragment)
        };
        let key = if path.is_empty() {
            Ok(rcx.loc.page.rel.clone())
        } else {
            rcx.cx.links.wiki().resolve(path, &rcx.loc.page.folder)
        };
        let key = match key {
            Ok(k) => k,
            Err(candidates) => {
                self.unresolved(path, &shown, candidates, rcx, out);
                return false;
            }
        };
        if self.embed && is_image(&key) {
            let img = image(&key, path, &alias, rcx);
            out.push((Event::Html(img.into()), self.at));
            return false;
        }
        let mut embedded = None;
        if self.embed && key.ends_with(".md") {
            match super::embeds::render(&key, fragment.filter(|f| !f.is_empty()), self.at, rcx) {
                Ok(html) => embedded = Some(html),
                Err(super::embeds::Refused::Warn(problem)) => super::embeds::report(problem, self.at, rcx),
                // The link below points at the missing heading or block: the link check
                // reports it.
                Err(super::embeds::Refused::Missing) => {}
            }
        }
        let url = url(&key, path, fragment, rcx);
        if let Some(html) = embedded {
            // The source named and linked above the embedded text.
            let open = format!(
                "<div class=\"embed\" data-embed=\"{}\"><p class=\"embed-source\">",
                escape_html(&key)
            );
            out.push((Event::Html(open.into()), self.at));
            out.push((Event::Start(link(url)), self.at));
            out.push((Event::Text(shown.into()), self.at));
            out.push((Event::End(TagEnd::Link), self.at));
            out.push((Event::Html(format!("</p>{html}</div>").into()), self.at));
            return true;
        }
        let class = if self.embed { "embed-link" } else { "wikilink" };
        let tag = link(url);
        out.push((Event::Html(format!("<span class=\"{class}\">").into()), self.at));
        out.push((Event::Start(tag), self.at));
        if self.pothole && !self.embed {
            out.extend(inner);
        } else {
            out.push((Event::Text(shown.into()), self.at));
        }
        out.push((Event::End(TagEnd::Link), self.at));
        out.push((Event::Html("</span>".into()), self.at));
        false
    }

    /// Not a wikilink: the text as written.
    fn as_written<'a>(&self, inner: Vec<Ev<'a>>, out: &mut Vec<Ev<'a>>) {
        let bang = if self.embed { "!" } else { "" };
        out.push((Event::Text(format!("{bang}[[{}", self.dest).into()), self.at));
        if self.pothole {
            out.push((Event::Text("|".into()), self.at));
            out.extend(inner);
        }
        out.push((Event::Text("]]".into()), self.at));
    }

    fn unresolved<'a>(
        &self,
        path: &str,
        shown: &str,
        candidates: Vec<String>,
        rcx: &mut RenderCx,
        out: &mut Vec<Ev<'a>>,
    ) {
        let problem = if candidates.is_empty() && drawing_stem(&path.to_lowercase()).is_some() {
            format!(
                "the Excalidraw drawing `{path}` has no exported image beside it; turn on the \
                 plugin's auto-export (SVG or PNG) so `{}.svg` is saved with it",
                path.strip_suffix(".md").unwrap_or(path)
            )
        } else if candidates.is_empty() {
            let hint = match rcx.cx.links.wiki().closest(path) {
                Some(c) => format!("; did you mean `[[{c}]]`?"),
                None => String::new(),
            };
            format!("no note or file named `{path}` in content/{hint}")
        } else {
            format!(
                "`{path}` is ambiguous: {}; write more of the path",
                candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        if rcx.report {
            let (line, col) = rcx.loc.line_col(self.at);
            rcx.links.push(LinkRef {
                line,
                col,
                raw: format!("{}[[{}]]", if self.embed { "!" } else { "" }, self.dest),
                page: None,
                anchor: None,
                problem: Some(problem.clone()),
            });
        }
        out.push((
            Event::Html(
                format!(
                    "<span class=\"wikilink-missing\" title=\"{}\">{}</span>",
                    escape_html(&problem),
                    escape_html(shown)
                )
                .into(),
            ),
            self.at,
        ));
    }
}

/// `![[pic.png|300]]`: the image, sized; the alias is the alt text unless it is a size.
fn image(key: &str, path: &str, alias: &str, rcx: &RenderCx) -> String {
    let url = format!("{}{}", root_prefix(rcx.out_path), encode_path(key));
    let (alt, dims) = match size(alias) {
        Some(d) => (display(path, None), Some(d)),
        None if !alias.is_empty() => (alias.to_string(), None),
        None => (display(path, None), None),
    };
    let mut img = format!("<img src=\"{}\" alt=\"{}\"", escape_html(&url), escape_html(&alt));
    if let Some((w, h)) = dims {
        img.push_str(&format!(" width=\"{w}\""));
        if let Some(h) = h {
            img.push_str(&format!(" height=\"{h}\""));
        }
    }
    img.push_str(" loading=\"lazy\">");
    img
}

/// What Obsidian shows for a link without an alias: `Note`, `Note > Heading`.
fn display(path: &str, fragment: Option<&str>) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = name.strip_suffix(".md").unwrap_or(name);
    match fragment.filter(|f| !f.is_empty()) {
        Some(f) if name.is_empty() => f.trim_start_matches('^').replace('#', " > "),
        Some(f) => format!("{name} > {}", f.trim_start_matches('^').replace('#', " > ")),
        None => name.to_string(),
    }
}

/// `Heading` → the heading's id; `^block-id` → the block's id; `A#B` → the last part.
fn anchor(fragment: &str) -> String {
    let last = fragment.rsplit('#').next().unwrap_or(fragment).trim();
    if let Some(block) = last.strip_prefix('^') {
        format!("^{block}")
    } else {
        crate::util::slugify(last)
    }
}

/// `300` or `300x200`: an embed's size.
fn size(s: &str) -> Option<(u32, Option<u32>)> {
    let s = s.rsplit('|').next().unwrap_or(s).trim();
    match s.split_once('x') {
        Some((w, h)) => Some((w.parse().ok()?, Some(h.parse().ok()?))),
        None => Some((s.parse().ok()?, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(files: &[&str]) -> WikiIndex {
        let mut map = LinkMap::default();
        for f in files {
            if f.ends_with(".md") {
                map.pages.insert(f.to_string(), f.replace(".md", ".html"));
            } else {
                map.assets.insert(f.to_string());
            }
        }
        WikiIndex::new(&map)
    }

    #[test]
    fn resolves_like_obsidian() {
        let ix = index(&[
            "Notes/Alpha.md",
            "b/Beta.md",
            "c/Beta.md",
            "c/d/Beta.md",
            "img/Pic.PNG",
            "x/Gamma.md",
            "y/z/Gamma.md",
        ]);
        assert_eq!(ix.resolve("alpha", "").unwrap(), "Notes/Alpha.md");
        assert_eq!(ix.resolve("Notes/ALPHA", "").unwrap(), "Notes/Alpha.md");
        assert_eq!(ix.resolve("Alpha.md", "").unwrap(), "Notes/Alpha.md");
        assert_eq!(ix.resolve("pic.png", "").unwrap(), "img/Pic.PNG");
        assert_eq!(ix.resolve("Beta", "c").unwrap(), "c/Beta.md", "the one beside the note");
        assert_eq!(ix.resolve("Gamma", "").unwrap(), "x/Gamma.md", "the shortest path");
        assert_eq!(
            ix.resolve("Beta", "").unwrap_err().len(),
            3,
            "two at the same depth: ambiguous, every candidate named"
        );
        assert_eq!(ix.resolve("d/beta", "").unwrap(), "c/d/Beta.md");
        assert!(ix.resolve("Delta", "").unwrap_err().is_empty());
        assert_eq!(ix.closest("alpah").as_deref(), Some("alpha"));
        let drawings = index(&["Excalidraw/Sketch.excalidraw.svg", "Old.png", "a/Plan.excalidraw.png"]);
        assert_eq!(
            drawings.resolve("Sketch.excalidraw", "").unwrap(),
            "Excalidraw/Sketch.excalidraw.svg"
        );
        assert_eq!(
            drawings.resolve("Plan.excalidraw.md", "").unwrap(),
            "a/Plan.excalidraw.png"
        );
        assert_eq!(drawings.resolve("Old.excalidraw", "").unwrap(), "Old.png");
        assert!(drawings.resolve("None.excalidraw", "").unwrap_err().is_empty());
    }

    #[test]
    fn sizes_anchors_and_what_is_no_wikilink() {
        assert_eq!(size("300"), Some((300, None)));
        assert_eq!(size("300x200"), Some((300, Some(200))));
        assert_eq!(size("a diagram"), None);
        assert_eq!(anchor("My Heading"), "my-heading");
        assert_eq!(anchor("^abc-1"), "^abc-1");
        assert_eq!(anchor("Top#Sub Part"), "sub-part");
        assert!(!plausible(" $a = 1 "));
        assert!(!plausible("1, 2], [3"));
        assert!(plausible("Three laws of motion"));
        assert_eq!(display("a/Note.md", Some("Head")), "Note > Head");
    }
}
