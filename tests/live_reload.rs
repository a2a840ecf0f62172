//! The live-reload script (`/__studysite/live.js`) run in Node against scripted poll
//! answers: it reloads exactly when the served files changed, and the error page shows new
//! errors in place.

mod common;

use common::serve::run_bounded;

/// Drives the browser side of live reload (`/__studysite/live.js`) under Node with a
/// scripted server: each case gives the page's `data-build` and the poll answers, and
/// checks whether the page reloads, what it shows and what it asks next.
const LIVE_JS_HARNESS: &str = r#"
"use strict";
const assert = require("assert");
const vm = require("vm");
const js = require("fs").readFileSync(process.argv[2], "utf8");

function el(tag) {
  return {
    tag, style: {}, attrs: {}, children: [], parentNode: null, textContent: "",
    setAttribute(k, v) { this.attrs[k] = v; },
    appendChild(c) { this.children.push(c); c.parentNode = this; },
    removeChild(c) { this.children = this.children.filter((x) => x !== c); c.parentNode = null; },
  };
}

// Runs live.js on a page served with `served` as data-build (undefined: no attribute),
// answering its polls with `answers` in turn; a poll past the last answer stays open.
function run(served, answers, errorPage) {
  const requests = [];
  let reloaded = false;
  const timers = [];
  const body = el("body");
  const inPage = errorPage ? el("pre") : null;
  const script = { getAttribute: (k) => (k === "data-build" && served !== undefined ? served : null) };
  const document = {
    currentScript: script, body, documentElement: body, createElement: el,
    getElementById: (id) => (id === "studysite-errors" ? inPage : null),
  };
  class XMLHttpRequest {
    open(method, url) { assert.strictEqual(method, "GET"); requests.push(url); }
    send() {
      if (reloaded) throw new Error("polled after reloading");
      const a = answers.shift();
      if (a === undefined) return;
      this.status = 200;
      this.responseText = JSON.stringify(a);
      this.onload();
    }
  }
  const location = { reload() { reloaded = true; } };
  vm.runInNewContext(js, { document, XMLHttpRequest, location, setTimeout: (f) => timers.push(f), JSON, parseInt, isNaN, String });
  while (timers.length) timers.shift()();
  const overlay = body.children.find((c) => c.attrs.role === "alert");
  const shown = inPage ? inPage.textContent : overlay ? overlay.children[2].textContent : null;
  return { requests, reloaded, shown };
}

const P = "/__studysite/poll?since=";
let n = 0;
function check(name, got, want) {
  assert.deepStrictEqual(got, want, name);
  n++;
}

check("current page: no reload, then a long poll past the build",
  run("3", [{ build: 3, good: 3, ok: true, error: null }]),
  { requests: [P + "0", P + "3"], reloaded: false, shown: null });
check("a build published between the page and its first poll reloads it",
  run("3", [{ build: 4, good: 4, ok: true, error: null }]),
  { requests: [P + "0"], reloaded: true, shown: null });
check("a newer build during the long poll reloads",
  run("3", [{ build: 3, good: 3, ok: true, error: null }, { build: 4, good: 4, ok: true, error: null }]),
  { requests: [P + "0", P + "3"], reloaded: true, shown: null });
check("a failed rebuild keeps the page and shows its errors as text",
  run("3", [{ build: 3, good: 3, ok: true, error: null }, { build: 4, good: 3, ok: false, error: "a.md:1:1: <b>x</b>" }]),
  { requests: [P + "0", P + "3", P + "4"], reloaded: false, shown: "a.md:1:1: <b>x</b>" });
check("a page opened after a failed rebuild shows the errors at once",
  run("3", [{ build: 4, good: 3, ok: false, error: "e" }]),
  { requests: [P + "0", P + "4"], reloaded: false, shown: "e" });
check("a good build missed behind a failed one still reloads",
  run("3", [{ build: 5, good: 4, ok: false, error: "e" }]),
  { requests: [P + "0"], reloaded: true, shown: null });
check("the error page shows new errors in place, then reloads when the site builds",
  run("0", [{ build: 1, good: 0, ok: false, error: "one" }, { build: 2, good: 0, ok: false, error: "two" }], true),
  { requests: [P + "0", P + "1", P + "2"], reloaded: false, shown: "two" });
check("the error page reloads once a build succeeds",
  run("0", [{ build: 1, good: 0, ok: false, error: "one" }, { build: 2, good: 2, ok: true, error: null }], true),
  { requests: [P + "0", P + "1"], reloaded: true, shown: "one" });
check("a restarted server (other counters) reloads",
  run("7", [{ build: 1, good: 1, ok: true, error: null }]),
  { requests: [P + "0"], reloaded: true, shown: null });
check("a page without a build number takes the first answer as its own",
  run(undefined, [{ build: 2, good: 2, ok: true, error: null }, { build: 3, good: 3, ok: true, error: null }]),
  { requests: [P + "0", P + "2"], reloaded: true, shown: null });
console.error(`live reload: ${n} cases passed`);
"#;

#[test]
fn live_reload_script_reloads_exactly_when_the_served_files_changed() {
    let has_node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_node {
        assert!(
            std::env::var_os("CI").is_none(),
            "Node.js is needed for this test in CI"
        );
        eprintln!("SKIPPED: Node.js is not installed; live.js was not run");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.js");
    let harness = dir.path().join("harness.js");
    std::fs::write(&live, studysite::serve::LIVE_JS).unwrap();
    std::fs::write(&harness, LIVE_JS_HARNESS).unwrap();
    let (code, out) = run_bounded(std::process::Command::new("node").arg(&harness).arg(&live), 60);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("live reload: 10 cases passed"), "{out}");
}
