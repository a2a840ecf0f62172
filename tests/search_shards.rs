//! The sharded search index on a generated site above the size threshold (src/search/shard.rs):
//! a manifest and several shards are written under their content-hashed names, every page
//! names only the manifest, every term is in exactly one index shard, and the output is the
//! same on every build.

mod common;
mod sharded;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{bin, stderr};

fn build(site: &Path, out: &Path, env: Option<&str>) {
    let mut cmd = bin();
    cmd.args(["build", "-o"]).arg(out).arg(site);
    match env {
        Some(v) => cmd.env("STUDYSITE_SEARCH_SHARDS", v),
        None => cmd.env_remove("STUDYSITE_SEARCH_SHARDS"),
    };
    let run = cmd.output().unwrap();
    assert!(run.status.success(), "build failed:\n{}", stderr(&run));
}

/// The JSON inside `…JSON.parse('…')…`, unescaped as JavaScript would.
fn json(js: &str) -> serde_json::Value {
    let start = js.find("JSON.parse('").expect("JSON.parse('") + "JSON.parse('".len();
    let end = js.rfind("')").unwrap();
    let inner = js[start..end]
        .replace("\\\\", "\u{0}")
        .replace("\\'", "'")
        .replace('\u{0}', "\\");
    serde_json::from_str(&inner).unwrap()
}

/// The `data-files` map of a page's search script.
fn data_files(html: &str) -> BTreeMap<String, String> {
    let at = html.find("data-files=").expect("data-files") + "data-files=".len();
    let quote = &html[at..at + 1];
    let rest = &html[at + 1..];
    let value = &rest[..rest.find(quote).unwrap()];
    serde_json::from_str(&value.replace("&quot;", "\"").replace("&amp;", "&")).unwrap()
}

/// Front-coded terms (see `front_code` in src/search/shard.rs) decoded.
fn unfront(coded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for entry in coded.split(' ').filter(|e| !e.is_empty()) {
        let mut chars = entry.chars();
        let k = (chars.next().unwrap() as u32 - ']' as u32) as usize;
        let prev: Vec<u16> = out.last().map(|p| p.encode_utf16().collect()).unwrap_or_default();
        out.push(String::from_utf16(&prev[..k]).unwrap() + chars.as_str());
    }
    out
}

/// The shard names search.js builds from the manifest's hashes.
fn names(m: &serde_json::Value, key: &str, kind: &str) -> Vec<String> {
    let hashes = m[key].as_str().unwrap();
    assert_eq!(hashes.len() % 10, 0, "{key}: 10 hex digits per shard");
    (0..hashes.len() / 10)
        .map(|k| format!("search/{kind}-{k}.{}.js", &hashes[k * 10..k * 10 + 10]))
        .collect()
}

fn list(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// Every file under `dir` with its bytes, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_big_site_gets_a_manifest_and_shards_named_by_their_hashes() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    sharded::generate(&src);
    let out = tmp.path().join("out");
    build(&src, &out, None);
    let all = files(&out);

    // Every page names only the manifest: pages stay small however many shards there are.
    let pages: Vec<&String> = all.keys().filter(|k| k.ends_with(".html")).collect();
    assert!(pages.len() > sharded::PAGES);
    for page in [
        &"index.html".to_string(),
        pages[pages.len() / 2],
        pages[pages.len() - 1],
    ] {
        let files = data_files(std::str::from_utf8(&all[page]).unwrap());
        assert_eq!(files.keys().collect::<Vec<_>>(), ["search-manifest.js"], "{page}");
    }
    assert!(
        !all.keys()
            .any(|k| k.starts_with("assets/search-index") || k.starts_with("assets/search-docs")),
        "no unsharded index beside the shards"
    );
    let home = std::str::from_utf8(&all["index.html"]).unwrap();
    let manifest_path = data_files(home)["search-manifest.js"].clone();
    assert!(manifest_path.starts_with("assets/search-manifest.") && manifest_path.ends_with(".js"));
    let manifest_js = std::str::from_utf8(&all[&manifest_path]).unwrap();
    assert!(manifest_js.starts_with("window.STUDYSITE_MANIFEST=JSON.parse('"));
    let m = json(manifest_js);

    // The manifest's names are the files' content-hashed names, relative to assets/.
    let (index, docs) = (names(&m, "i", "index"), names(&m, "d", "docs"));
    // the hash of excerpts shard k is in docs shard k
    let excerpts: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let d = json(std::str::from_utf8(&all[&format!("assets/{name}")]).unwrap());
            format!("search/excerpts-{k}.{}.js", d["e"].as_str().unwrap())
        })
        .collect();
    assert!(index.len() >= 3, "several index shards: {}", index.len());
    let units = m["n"].as_u64().unwrap() as usize;
    assert_eq!(docs.len(), units.div_ceil(m["u"].as_u64().unwrap() as usize));
    assert_eq!(excerpts.len(), docs.len());
    let mut named = BTreeSet::new();
    for (kind, names) in [("i", &index), ("d", &docs), ("e", &excerpts)] {
        for (k, name) in names.iter().enumerate() {
            let path = format!("assets/{name}");
            let bytes = all
                .get(&path)
                .unwrap_or_else(|| panic!("{path}: named in the manifest, not written"));
            let text = std::str::from_utf8(bytes).unwrap();
            assert!(
                text.starts_with(&format!("STUDYSITE_SHARD(\"{kind}\",{k},JSON.parse('")),
                "{path}"
            );
            let hash = name.rsplit('.').nth(1).unwrap();
            assert_eq!(hash.len(), 10, "{name}");
            assert!(!text.contains("</"), "{path} could close a script");
            named.insert(path);
        }
    }
    let written: BTreeSet<String> = all
        .keys()
        .filter(|k| k.starts_with("assets/search/"))
        .cloned()
        .collect();
    assert_eq!(written, named, "every shard is named in the manifest");
    // Shards are a few hundred KB at most (one term's postings may make one bigger).
    for name in &index {
        let size = all[&format!("assets/{name}")].len();
        assert!(size < 1_000_000, "{name}: {size} bytes");
    }

    // Every term in exactly one index shard, in order; the lexicon and the first terms agree.
    let firsts = list(&m["f"]);
    let mut terms: Vec<String> = Vec::new();
    for (k, name) in index.iter().enumerate() {
        let shard = json(std::str::from_utf8(&all[&format!("assets/{name}")]).unwrap());
        let t = unfront(shard["t"].as_str().unwrap());
        assert_eq!(t.len(), shard["p"].as_array().unwrap().len());
        assert_eq!(t[0], firsts[k]);
        terms.extend(t);
    }
    let utf16 = |s: &String| s.encode_utf16().collect::<Vec<_>>();
    assert!(
        terms.windows(2).all(|w| utf16(&w[0]) < utf16(&w[1])),
        "sorted, each once"
    );
    let lexicon = unfront(m["l"].as_str().unwrap());
    let set: BTreeSet<&String> = terms.iter().collect();
    assert!(lexicon.iter().all(|t| set.contains(t)));
    assert!(lexicon.contains(&sharded::LATE_WORD.to_string()), "found in two units");
    assert!(terms.contains(&"quillwort7".to_string()) && !lexicon.contains(&"quillwort7".to_string()));
    // docs: the last unit is on the last page
    let last = json(std::str::from_utf8(&all[&format!("assets/{}", docs[docs.len() - 1])]).unwrap());
    let last = last["d"].as_array().unwrap().last().unwrap();
    assert!(last[3].as_str().unwrap().starts_with("part14/page1499.html"), "{last}");

    // The same output on a second build.
    let again = tmp.path().join("again");
    build(&src, &again, None);
    let second = files(&again);
    let search = |m: &BTreeMap<String, Vec<u8>>| -> Vec<(String, Vec<u8>)> {
        m.iter()
            .filter(|(k, _)| k.starts_with("assets/search"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    assert!(search(&all) == search(&second), "deterministic");
}

#[test]
fn the_size_rule_can_be_overridden() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::Site::new(&[("content/a.md", "+++\ntitle = \"A\"\n+++\n\n## One\n\nSome text.\n")]);
    let small = tmp.path().join("small");
    build(site.root(), &small, None);
    let home = std::fs::read_to_string(small.join("index.html")).unwrap();
    assert_eq!(
        data_files(&home).keys().collect::<Vec<_>>(),
        ["search-docs.js", "search-excerpts.js", "search-index.js"]
    );
    let forced = tmp.path().join("forced");
    build(site.root(), &forced, Some("always"));
    let home = std::fs::read_to_string(forced.join("index.html")).unwrap();
    let files = data_files(&home);
    assert_eq!(files.keys().collect::<Vec<_>>(), ["search-manifest.js"]);
    let m = json(&std::fs::read_to_string(forced.join(&files["search-manifest.js"])).unwrap());
    assert_eq!(names(&m, "i", "index").len(), 1, "one index shard");
}
