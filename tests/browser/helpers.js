"use strict";
// Shared helpers for the browser tests: Debian's chromium driven by playwright-core (never downloads a browser).
const fs = require("node:fs");
const path = require("node:path");
const http = require("node:http");
const { pathToFileURL } = require("node:url");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.STUDYSITE_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

function siteDir() {
  const dir = process.env.STUDYSITE_SITE;
  if (!dir) throw new Error("STUDYSITE_SITE is not set: point it at a built site (studysite build tests/fixtures/browser-site -o DIR)");
  const abs = path.resolve(dir);
  for (const f of ["index.html", "questions.html", "quiz.html"]) {
    if (!fs.existsSync(path.join(abs, f))) throw new Error(`STUDYSITE_SITE=${abs} has no ${f}`);
  }
  return abs;
}

function fileUrl(rel) {
  const [p, rest] = rel.split(/(?=[?#])/);
  return pathToFileURL(path.join(siteDir(), p)).href + (rest || "");
}

async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/* A context plus a page that records page errors and console errors. */
async function open(browser, url, opts) {
  const context = await browser.newContext(Object.assign({ acceptDownloads: true }, opts || {}));
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e && e.message || e)));
  await page.addInitScript(storeKeySource());
  if (url) await page.goto(url);
  return { context, page };
}

/* Tiny static server for the built site on 127.0.0.1, under `prefix` (a GitHub Pages project
   site is /repo/), on `port` (0: any), folders answered with their index.html. */
async function serve(root, { prefix = "/", port = 0 } = {}) {
  root = path.resolve(root || siteDir());
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
    ".png": "image/png", ".woff2": "font/woff2", ".webmanifest": "application/manifest+json" };
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, "http://x").pathname); } catch (e) { res.writeHead(400); return res.end(); }
    if (!p.startsWith(prefix)) { res.writeHead(404); return res.end(); }
    let file = path.join(root, path.normalize(p.slice(prefix.length)));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); return res.end("not found"); }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = server.address().port;
  return { port: bound, url: (rel) => `http://127.0.0.1:${bound}${prefix}${rel || ""}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

/* The quiz's progress blob (on quiz.html): localStorage["studysite:<site>:v1"]. */
async function progress(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem(storeKey()) || "null"));
}
function storeKeySource() { return "window.storeKey = () => 'studysite:' + window.STUDYSITE_QUIZ.site + ':v1';"; }

// The five queries of design/search.md §5.6 on the bundled notes: each must find a result the
// predicate accepts in the top 3 (sharded and unsharded alike).
const TOP3_CASES = [
  ["lamb", (r) => r.badge === "Section" && /lambda/i.test(r.title + " " + r.crumb), "a Lambda section"],
  ["lamdba", (r) => /lambda/i.test(r.title + " " + r.crumb), "Lambda (typo)"],
  ["gp3", (r) => r.badge === "Table" && /^gp3$/i.test(r.title.trim()) && /EBS/.test(r.crumb) && /^ebs\.html/.test(r.href), "the gp3 row"],
  ["visibility timeout", (r) => /^(Question|Section)$/.test(r.badge) && /visibility timeout/i.test(r.title) && /^sqs\.html/.test(r.href), "SQS visibility timeout"],
  ["us-east-1", (r) => /us-east-1/i.test(r.title + " " + r.excerpt), "a unit containing us-east-1"],
];

module.exports = { launch, open, serve, siteDir, fileUrl, progress, TOP3_CASES };
