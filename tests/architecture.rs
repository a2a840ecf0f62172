//! The stages import one way (docs/architecture.md): a module uses only modules of its
//! own stage and of the stages before it, and no two modules use each other, directly
//! or round a circle. Read from the `crate::` paths of every source file (comments
//! left out), so a new import that runs backwards fails here, with its file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in order, each with its top-level modules (a file `src/x.rs` or a folder
/// `src/x/`). A new module must be placed here.
const STAGES: &[(&str, &[&str])] = &[
    (
        "shared leaves",
        &["util", "diagnostics", "timings", "routes", "sink", "locale", "natural"],
    ),
    (
        "load",
        &[
            "config",
            "mkdocs_yml",
            "obsidian_vault",
            "docusaurus",
            "awesome_pages",
            "file_names",
            "dialect",
            "frontmatter",
            "include",
            "mdbook",
            "liquid_include",
            "snippets",
            "content",
        ],
    ),
    (
        "parse",
        &[
            "markdown",
            "questions",
            "page",
            "order",
            "nav",
            "redirects",
            "languages",
            "site",
        ],
    ),
    ("render", &["theme", "fingerprint", "search", "render"]),
    ("write", &["output"]),
    (
        "commands",
        &["build", "serve", "cli", "import", "init", "testing", "lib", "main"],
    ),
];

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|(_, mods)| mods.contains(&module))
}

/// Top-level module of a file under src/: `markdown/links.rs` → `markdown`.
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy()
        .to_string();
    first.trim_end_matches(".rs").to_string()
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level modules a source text names through `crate::`, with the line of each:
/// `crate::a::b`, and every item of a group `crate::{a, b::{c, d}}`, across lines.
fn crate_refs(text: &str) -> Vec<(String, usize)> {
    // Comments out (a doc link to a later stage is not an import), lines kept.
    let code: String = text
        .lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `studysite::crate::`-like identifiers, not the crate root
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if item_start && depth == 1 && (c.is_ascii_alphabetic() || c == '_') => {
                        item_start = false;
                        let offset = at + "crate::{".len() + i;
                        out.push((ident_at(&group[i..]).to_string(), line_of(offset)));
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident_at(rest);
            if !name.is_empty() {
                out.push((name.to_string(), line_of(at)));
            }
        }
    }
    out
}

/// Module → (module it uses → first place it does).
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let from = module_of(rel);
        let text = std::fs::read_to_string(path).unwrap();
        let uses = g.entry(from.clone()).or_default();
        for (to, line) in crate_refs(&text) {
            if to != from && to != "self" && to != "super" {
                uses.entry(to)
                    .or_insert_with(|| format!("src/{}:{line}", rel.display()));
            }
        }
    }
    g
}

#[test]
fn crate_refs_reads_paths_and_groups() {
    let text =
        "use crate::a::B;\n// use crate::later;\nuse crate::{b, c::{D, E},\n    d::f};\nlet x = crate::e::g();\n";
    let refs = crate_refs(text);
    let names: Vec<&str> = refs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert_eq!(refs[3].1, 4, "line of an item on the group's second line");
}

#[test]
fn every_module_has_a_stage() {
    let unplaced: Vec<String> = graph().into_keys().filter(|m| stage_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules missing from STAGES in tests/architecture.rs (and docs/architecture.md): {unplaced:?}"
    );
}

#[test]
fn no_stage_imports_a_later_stage() {
    let mut wrong = Vec::new();
    for (from, uses) in graph() {
        let Some(s) = stage_of(&from) else { continue };
        for (to, at) in uses {
            match stage_of(&to) {
                Some(t) if t <= s => {}
                Some(t) => wrong.push(format!(
                    "{at}: {from} ({}) uses {to} ({}), a later stage",
                    STAGES[s].0, STAGES[t].0
                )),
                None => wrong.push(format!("{at}: {from} uses {to}, which has no stage")),
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the stages:\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_use_each_other() {
    let g = graph();
    // Depth-first search; a module met again while on the path closes a circle.
    fn visit<'g>(
        m: &'g str,
        g: &'g BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<&'g str>,
        done: &mut BTreeSet<&'g str>,
    ) -> Option<String> {
        if let Some(i) = path.iter().position(|p| *p == m) {
            let mut circle: Vec<&str> = path[i..].to_vec();
            circle.push(m);
            return Some(circle.join(" → "));
        }
        if !done.insert(m) {
            return None;
        }
        path.push(m);
        for to in g.get(m).into_iter().flat_map(|u| u.keys()) {
            if let Some(c) = visit(to, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for m in g.keys() {
        if let Some(circle) = visit(m, &g, &mut Vec::new(), &mut done) {
            panic!("modules that use each other: {circle}");
        }
    }
}
