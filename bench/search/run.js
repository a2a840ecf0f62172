#!/usr/bin/env node
// Search benchmark: studysite's search against Pagefind on the same built site, in Debian's
// headless Chromium, over http (gzip, loopback) and file://. Measures what search.md §5.6 budgets:
// bytes transferred before the first result, and key → first result painted, cold and warm.
//
//   cargo build --release && (cd bench/search && npm ci && node run.js [--runs 3])
//
// Writes results.json beside this file and prints a Markdown table.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const http = require("http");
const zlib = require("zlib");
const { execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const REPO = path.resolve(__dirname, "../..");
const BIN = path.join(REPO, "target/release/studysite");
const CHROMIUM = process.env.STUDYSITE_CHROMIUM || "/usr/bin/chromium";
const RUNS = Number((process.argv.find((a) => a.startsWith("--runs=")) || "--runs=3").split("=")[1]);
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

function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(req.url.split("?")[0]).replace(/\/$/, "/index.html");
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end("not found");
    }
    const body = fs.readFileSync(file);
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    // Pagefind's index files are already gzipped; everything else is gzipped here, as a host would.
    const pre = /\.pf_(index|meta|fragment)$|pagefind-entry\.json$/.test(file) && body[0] === 0x1f;
    const gz = pre ? body : zlib.gzipSync(body, { level: 9 });
    SENT.push([req.url.split("?")[0], gz.length, Date.now()]);
    res.writeHead(200, { "Content-Type": type, "Content-Encoding": pre ? "identity" : "gzip", "Content-Length": gz.length });
    res.end(gz);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// Bytes counted: every request for the tool's search code, index and data, from navigation start
// until the first result is painted (the page's own HTML, CSS and other scripts are not counted).
const TOOLS = {
  studysite: { assets: /\/assets\/search[^/]*$/, page: "s3.html", input: "#search-input", result: "#search-results [role=option]", title: "#search-results [role=option]" },
  pagefind: { assets: /\/pagefind\//, page: "pagefind.html", input: ".pagefind-ui__search-input", result: ".pagefind-ui__result-title", title: ".pagefind-ui__result-title" },
};

async function measure(browser, base, tool, query2) {
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
  await page.goto(base + t.page, { waitUntil: "load" });
  await page.waitForTimeout(300);
  const timed = async (q) => {
    await page.fill(t.input, "");
    await page.focus(t.input);
    await page.keyboard.insertText(q.slice(0, -1));
    await page.evaluate(() => { window.__t0 = 0; document.addEventListener("keydown", () => { window.__t0 = performance.now(); }, { once: true, capture: true }); });
    const painted = page.evaluate((sel) => new Promise((done) => {
      // A result counts once it shows its title (Pagefind first paints empty placeholders).
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
    }), t.result);
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
  const tops = {};
  for (const [q] of QUERIES) {
    await page.fill(t.input, q);
    await page.waitForTimeout(tool === "pagefind" ? 900 : 150);
    tops[q] = (await page.$$eval(t.title, (els) => els.slice(0, 3).map((e) => e.textContent.replace(/\s+/g, " ").trim()))).slice(0, 3);
  }
  await context.close();
  return { cold, warm, bytes: before.bytes, requests: before.requests, tops };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  if (!fs.existsSync(BIN)) throw new Error("build first: cargo build --release");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "studysite-search-bench-"));
  const site = path.join(work, "site");
  execFileSync(BIN, ["build", "-o", site, REPO], { stdio: "inherit" });
  // Pagefind indexes the same output (it reads data-pagefind-body on <main>).
  execFileSync(path.join(__dirname, "node_modules/.bin/pagefind"), ["--site", site, "--silent"], { stdio: "inherit" });
  fs.writeFileSync(path.join(site, "pagefind.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet"><script src="pagefind/pagefind-ui.js"></script></head>
<body><div id="search"></div><script>window.addEventListener("DOMContentLoaded",function(){new PagefindUI({element:"#search",showSubResults:true,debounceTimeoutMs:0});});</script></body></html>`);
  // Data files have fingerprinted names: find them the way search.js does, from data-files.
  const home = fs.readFileSync(path.join(site, "index.html"), "utf8");
  const m = home.match(/data-files=(?:"([^"]*)"|'([^']*)')/);
  if (!m) throw new Error("no data-files attribute on the search script in index.html");
  const files = JSON.parse((m[1] || m[2]).replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  const asset = (name) => "assets/" + String(files[name]).replace(/^assets\//, "");
  const unitsFile = fs.readFileSync(path.join(site, asset("search-docs.js")), "utf8");
  const units = JSON.parse(unitsFile.slice(unitsFile.indexOf("('") + 2, unitsFile.lastIndexOf("')")).replace(/\\'/g, "'").replace(/\\\\/g, "\\")).length;
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(site, f)), { level: 9 }).length;
  const indexBytes = gz(asset("search-index.js")) + gz(asset("search-docs.js")) + gz(asset("search-excerpts.js"));

  const server = await serve(site);
  const http_base = `http://127.0.0.1:${server.address().port}/`;
  const file_base = "file://" + site + "/";
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const results = [];
  for (const tool of ["studysite", "pagefind"]) {
    for (const [transport, base] of [["http", http_base], ["file", file_base]]) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        try {
          runs.push(await Promise.race([measure(browser, base, tool, "visibility"), new Promise((_, no) => setTimeout(() => no(new Error("timeout")), 20000))]));
        } catch (e) {
          runs.push(null);
        }
      }
      const ok = runs.filter(Boolean);
      results.push({
        tool, transport, works: ok.length > 0,
        cold_ms: ok.length ? median(ok.map((r) => r.cold)) : null,
        warm_ms: ok.length ? median(ok.map((r) => r.warm)) : null,
        kb_before_first_result: ok.length ? median(ok.map((r) => r.bytes)) / 1000 : null,
        requests: ok.length ? median(ok.map((r) => r.requests)) : null,
        top3: ok.length ? ok[0].tops : null,
      });
    }
  }
  await browser.close();
  server.close();
  const out = { date: new Date().toISOString(), chromium: CHROMIUM, runs: RUNS, units, index_and_docs_gz_bytes: indexBytes, bytes_per_unit_gz: +(indexBytes / units).toFixed(1), results };
  fs.writeFileSync(path.join(__dirname, "results.json"), JSON.stringify(out, null, 2) + "\n");
  const f = (x, d = 0) => (x == null ? "—" : x.toFixed(d));
  console.log(`\n${units} units; index + docs + excerpts ${f(indexBytes / 1000, 1)} KB gz (${out.bytes_per_unit_gz} B/unit); medians of ${RUNS} runs\n`);
  console.log("| tool | transport | works | KB gz before first result (requests) | cold key → result (ms) | warm (ms) |");
  console.log("|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.tool} | ${r.transport} | ${r.works ? "yes" : "no"} | ${r.transport === "http" ? `${f(r.kb_before_first_result, 1)} (${f(r.requests)})` : "n/a"} | ${f(r.cold_ms)} | ${f(r.warm_ms)} |`);
  }
  console.log("\nTop 3 per query (studysite, http):");
  const s = results.find((r) => r.tool === "studysite" && r.transport === "http");
  for (const [q, want] of QUERIES) {
    const top = (s && s.top3 && s.top3[q]) || [];
    console.log(`- ${q}: ${top.some((t) => want.test(t)) ? "found" : "MISSING"} — ${top.join(" | ")}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
