#!/usr/bin/env node
// Search benchmark: studysite's search against Pagefind and mdBook on the same notes, in Debian's
// headless Chromium, over http (gzip, loopback) and file://. Measures what search.md §5.6 budgets:
// bytes transferred before the first result, and key → first result painted, cold and warm.
//
//   cargo build --release && (cd bench/search && npm ci && node run.js [--runs=3] [--no-mdbook])
//   node run.js --site=/dev/shm/o20k [--label=20k] [--pagefind] [--runs=3]   # a site already built
//
// Without --site it builds the bundled notes (and Pagefind over them, and an mdBook of the same
// notes) and writes results.json; with --site it measures that built studysite output (Pagefind
// only with --pagefind) and writes results-<label>.json. Prints a Markdown table either way.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const zlib = require("zlib");
const vm = require("vm");
const { execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const REPO = path.resolve(__dirname, "../..");
const BIN = path.join(REPO, "target/release/studysite");
const CHROMIUM = process.env.STUDYSITE_CHROMIUM || "/usr/bin/chromium";
const arg = (name, dflt) => { const a = process.argv.find((x) => x.startsWith(`--${name}=`)); return a ? a.slice(name.length + 3) : dflt; };
const flag = (name) => process.argv.includes(`--${name}`);
const RUNS = Number(arg("runs", "3"));
const SITE = arg("site", "") && path.resolve(arg("site", ""));
const LABEL = arg("label", SITE ? path.basename(SITE) : "");
const MDBOOK = arg("mdbook-bin", path.join(os.homedir(), ".cargo/bin/mdbook"));
const QUERIES = [
  ["lamb", /lambda/i],
  ["lamdba", /lambda/i],
  ["gp3", /gp3/i],
  ["visibility timeout", /visibility/i],
  ["us-east-1", /us-east-1|region/i],
];

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".wasm": "application/wasm" };

// Bytes the server sent, by path (counted at the server so requests from workers count too).
const SENT = [];

// A static host on loopback: gzips every file once (level 9) and keeps it, as a CDN would.
function serve(root) {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(req.url.split("?")[0]).replace(/\/$/, "/index.html");
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end("not found");
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    let hit = cache.get(file);
    if (!hit) {
      const body = fs.readFileSync(file);
      // Pagefind's index files are already gzipped; everything else is gzipped here, as a host would.
      const pre = /\.pf_(index|meta|fragment)$|pagefind-entry\.json$/.test(file) && body[0] === 0x1f;
      hit = { pre, gz: pre ? body : zlib.gzipSync(body, { level: 9 }) };
      cache.set(file, hit);
    }
    SENT.push([req.url.split("?")[0], hit.gz.length, Date.now()]);
    res.writeHead(200, { "Content-Type": type, "Content-Encoding": hit.pre ? "identity" : "gzip", "Content-Length": hit.gz.length });
    res.end(hit.gz);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// Bytes counted: every request for the tool's search code, index and data, from navigation start
// until the first result is painted (the page's own HTML, CSS and other scripts are not counted).
// `open`: what the tool needs before its box takes text (mdBook's search is behind a toggle).
const TOOLS = {
  studysite: { assets: /\/assets\/search([^/]*$|\/)/, input: "#search-input", result: "#search-results .search-result", title: "#search-results [role=option]" },
  pagefind: { assets: /\/pagefind\//, page: "pagefind.html", input: ".pagefind-ui__search-input", result: ".pagefind-ui__result-title", title: ".pagefind-ui__result-title" },
  mdbook: { assets: /\/mdbook\/(searchindex|searcher|elasticlunr|mark)[^/]*$/, page: "mdbook/sqs.html", input: "#mdbook-searchbar", result: "#mdbook-searchresults li a", title: "#mdbook-searchresults li", open: "#mdbook-search-toggle", noPaste: true },
};

// Resolves with performance.now() once an element matching sel has text and two frames have passed.
const paintedFn = (sel) => new Promise((done) => {
  const check = () => {
    const el = document.querySelector(sel);
    if (el && el.textContent.trim()) {
      requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
      return true;
    }
    return false;
  };
  if (check()) return;
  const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
  mo.observe(document.body, { childList: true, subtree: true, characterData: true });
});

async function measure(browser, base, tool, page0, query2, query3) {
  const t = TOOLS[tool];
  const context = await browser.newContext();
  const page = await context.newPage();
  SENT.length = 0;
  // Wall-clock time of the first result painted for any query, for the byte count.
  await page.addInitScript((sel) => {
    addEventListener("DOMContentLoaded", () => {
      const mo = new MutationObserver(() => {
        const el = document.querySelector(sel);
        if (el && el.textContent.trim() && !window.__firstWall) {
          // The frame that paints it: bytes requested after this were not needed for it.
          requestAnimationFrame(() => { window.__firstWall = Date.now(); });
          mo.disconnect();
        }
      });
      mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
  }, t.result);
  await page.goto(base + (t.page || page0), { waitUntil: "load" });
  await page.waitForTimeout(300);
  if (t.open) await page.click(t.open);
  // The first query: its start typed as one input, then the clock runs from the keydown of its last key.
  const timed = async (q) => {
    await page.fill(t.input, "");
    await page.focus(t.input);
    await page.keyboard.insertText(q.slice(0, -1));
    await page.evaluate(() => { window.__t0 = 0; document.addEventListener("keydown", () => { window.__t0 = performance.now(); }, { once: true, capture: true }); });
    const painted = page.evaluate(paintedFn, t.result);
    await page.keyboard.press(q.slice(-1) === " " ? "Space" : q.slice(-1));
    const t1 = await painted;
    const t0 = await page.evaluate(() => window.__t0);
    return t1 - t0;
  };
  const cold = await timed(QUERIES[0][0]);
  const paintWall = await page.evaluate(() => window.__firstWall);
  const mine = SENT.filter(([u, , at]) => t.assets.test(u) && at <= paintWall);
  const before = { bytes: mine.reduce((a, [, b]) => a + b, 0), requests: mine.length };
  await page.waitForTimeout(200);
  await page.fill(t.input, "");
  await page.waitForTimeout(200);
  const warm = await timed(query2);
  // A new query pasted in one go (nothing typed before it): the data its terms need is not loaded yet
  // on a sharded index, so this includes loading it.
  let paste = null;
  if (!t.noPaste) {
    await page.fill(t.input, "");
    await page.waitForTimeout(200);
    const painted = page.evaluate(paintedFn, t.result);
    const t0 = await page.evaluate(() => performance.now());
    await page.keyboard.insertText(query3);
    paste = (await painted) - t0;
  }
  const tops = {};
  for (const [q] of QUERIES) {
    await page.fill(t.input, "");
    await page.keyboard.insertText(q.slice(0, -1));
    await page.keyboard.press(q.slice(-1) === " " ? "Space" : q.slice(-1));
    await page.waitForTimeout(tool === "pagefind" ? 900 : 400);
    tops[q] = (await page.$$eval(t.title, (els) => els.slice(0, 3).map((e) => e.textContent.replace(/\s+/g, " ").trim()))).slice(0, 3);
  }
  const all = SENT.filter(([u]) => t.assets.test(u));
  await context.close();
  return { cold, warm, paste, bytes: before.bytes, requests: before.requests, session_bytes: all.reduce((a, [, b]) => a + b, 0), session_requests: all.length, tops };
}

function median(xs) {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
}

// The bundled notes (content/*.md) as an mdBook: one chapter per note in weight order, front matter
// turned into the chapter's title (what bench/build/gen.py does for its corpora).
function writeMdbook(dir) {
  const src = path.join(dir, "src"), notes = [];
  fs.mkdirSync(src, { recursive: true });
  for (const f of fs.readdirSync(path.join(REPO, "content")).filter((f) => f.endsWith(".md"))) {
    const text = fs.readFileSync(path.join(REPO, "content", f), "utf8");
    const m = text.match(/^\+\+\+\n([\s\S]*?)\n\+\+\+\n?/);
    const front = m ? m[1] : "", body = m ? text.slice(m[0].length) : text;
    const title = (front.match(/^title\s*=\s*"(.*)"/m) || [])[1] || "Notes";
    const weight = Number((front.match(/^weight\s*=\s*(\d+)/m) || [])[1] || 0);
    const name = f === "_index.md" ? "README.md" : f;
    fs.writeFileSync(path.join(src, name), `# ${title}\n\n${body}`);
    if (f !== "_index.md") notes.push({ name, title, weight });
  }
  notes.sort((a, b) => a.weight - b.weight || a.name.localeCompare(b.name));
  const summary = ["# Summary", "", "[Introduction](README.md)", ""].concat(notes.map((n) => `- [${n.title}](${n.name})`));
  fs.writeFileSync(path.join(src, "SUMMARY.md"), summary.join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "book.toml"), '[book]\ntitle = "AWS DVA-C02 notes"\nlanguage = "en"\nsrc = "src"\n');
}

// The search data files of a built studysite output: names (under the site) and the unit count.
function searchData(site) {
  const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
  const m = home.match(/data-files=(?:"([^"]*)"|'([^']*)')/);
  if (!m) throw new Error("no data-files attribute on the search script in index.html");
  const files = JSON.parse((m[1] || m[2]).replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  const w = {};
  if (files["search-manifest.js"]) {
    vm.runInNewContext(fs.readFileSync(path.join(site, files["search-manifest.js"]), "utf8"), { window: w });
    const man = w.STUDYSITE_MANIFEST, dir = path.dirname(files["search-manifest.js"]);
    const names = [files["search-manifest.js"]];
    for (const [key, kind] of [["i", "index"], ["d", "docs"]]) {
      for (let k = 0; k < man[key].length / 10; k++) names.push(`${dir}/search/${kind}-${k}.${man[key].substr(k * 10, 10)}.js`);
    }
    // docs shard k holds the hash of excerpts shard k
    for (let k = 0; k < man.d.length / 10; k++) {
      let e = "";
      vm.runInNewContext(fs.readFileSync(path.join(site, `${dir}/search/docs-${k}.${man.d.substr(k * 10, 10)}.js`), "utf8"), { STUDYSITE_SHARD: (_, __, d) => { e = d.e; } });
      names.push(`${dir}/search/excerpts-${k}.${e}.js`);
    }
    const shards = { index: man.i.length / 10, docs: man.d.length / 10, excerpts: man.d.length / 10 };
    return { units: man.n, names, sharded: true, shards, manifest: files["search-manifest.js"] };
  }
  vm.runInNewContext(fs.readFileSync(path.join(site, files["search-docs.js"]), "utf8"), { window: w });
  return { units: w.STUDYSITE_DOCS.length, names: ["search-index.js", "search-docs.js", "search-excerpts.js"].map((f) => files[f]), sharded: false };
}

async function main() {
  let site = SITE, work = null;
  const tools = ["studysite"];
  if (!site) {
    if (!fs.existsSync(BIN)) throw new Error("build first: cargo build --release");
    work = fs.mkdtempSync(path.join(os.tmpdir(), "studysite-search-bench-"));
    site = path.join(work, "site");
    execFileSync(BIN, ["build", "-o", site, REPO], { stdio: "inherit" });
  }
  if (!SITE || flag("pagefind")) {
    // Pagefind indexes the same output (it reads data-pagefind-body on <main>).
    execFileSync(path.join(__dirname, "node_modules/.bin/pagefind"), ["--site", site, "--silent"], { stdio: "inherit" });
    fs.writeFileSync(path.join(site, "pagefind.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener("DOMContentLoaded",function(){new PagefindUI({element:"#search",showSubResults:true,debounceTimeoutMs:0});});</script></body></html>`);
    tools.push("pagefind");
  }
  if (!SITE && !flag("no-mdbook") && fs.existsSync(MDBOOK)) {
    const book = path.join(work, "book");
    writeMdbook(book);
    execFileSync(MDBOOK, ["build", book, "-d", path.join(site, "mdbook")], { stdio: "ignore" });
    tools.push("mdbook");
  }
  const data = searchData(site);
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(site, f)), { level: 9 }).length;
  const indexBytes = data.names.reduce((a, f) => a + gz(f), 0);
  const page0 = fs.existsSync(path.join(site, "s3.html")) ? "s3.html" : "index.html";

  const server = await serve(site);
  const http_base = `http://127.0.0.1:${server.address().port}/`;
  const file_base = "file://" + site + "/";
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const results = [];
  for (const tool of tools) {
    for (const [transport, base] of [["http", http_base], ["file", file_base]]) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        try {
          runs.push(await Promise.race([measure(browser, base, tool, page0, "visibility", "kinesis streams"), new Promise((_, no) => setTimeout(() => no(new Error("timeout")), 30000))]));
        } catch (e) {
          runs.push(null);
        }
      }
      const ok = runs.filter(Boolean);
      results.push({
        tool, transport, works: ok.length > 0,
        cold_ms: median(ok.map((r) => r.cold)),
        warm_ms: median(ok.map((r) => r.warm)),
        paste_ms: median(ok.map((r) => r.paste)),
        kb_before_first_result: ok.length ? median(ok.map((r) => r.bytes)) / 1000 : null,
        requests: median(ok.map((r) => r.requests)),
        session_kb: ok.length ? median(ok.map((r) => r.session_bytes)) / 1000 : null,
        session_requests: median(ok.map((r) => r.session_requests)),
        top3: ok.length ? ok[0].tops : null,
      });
    }
  }
  await browser.close();
  server.close();
  const out = {
    date: new Date().toISOString(), chromium: CHROMIUM, runs: RUNS, site: SITE || "bundled notes", units: data.units,
    sharded: data.sharded, shards: data.shards || null, manifest_gz_bytes: data.manifest ? gz(data.manifest) : null,
    index_and_docs_gz_bytes: indexBytes, bytes_per_unit_gz: +(indexBytes / data.units).toFixed(1), results,
  };
  fs.writeFileSync(path.join(__dirname, SITE ? `results-${LABEL}.json` : "results.json"), JSON.stringify(out, null, 2) + "\n");
  const f = (x, d = 0) => (x == null ? "—" : x.toFixed(d));
  console.log(`\n${out.site}: ${data.units} units; search data ${f(indexBytes / 1000, 1)} KB gz (${out.bytes_per_unit_gz} B/unit)` +
    (data.sharded ? `; sharded: manifest ${f(out.manifest_gz_bytes / 1000, 1)} KB gz, ${data.shards.index} index + ${data.shards.docs} docs + ${data.shards.excerpts} excerpt shards` : "") + `; medians of ${RUNS} runs\n`);
  console.log("| tool | transport | works | KB gz before first result (requests) | cold key → result (ms) | warm (ms) | new query pasted (ms) | KB gz for all 8 queries (requests) |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    const h = r.transport === "http";
    console.log(`| ${r.tool} | ${r.transport} | ${r.works ? "yes" : "no"} | ${h ? `${f(r.kb_before_first_result, 1)} (${f(r.requests)})` : "n/a"} | ${f(r.cold_ms)} | ${f(r.warm_ms)} | ${f(r.paste_ms)} | ${h ? `${f(r.session_kb, 1)} (${f(r.session_requests)})` : "n/a"} |`);
  }
  console.log("\nTop 3 per query (studysite, http):");
  const s = results.find((r) => r.tool === "studysite" && r.transport === "http");
  for (const [q, want] of QUERIES) {
    const top = (s && s.top3 && s.top3[q]) || [];
    console.log(`- ${q}: ${top.some((t) => want.test(t)) ? "found" : "MISSING"} — ${top.join(" | ")}`);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
