#!/usr/bin/env node
"use strict";
/* What a reader's browser loads before it can use a built site, measured in headless Chromium
   from file:// (Debian's /usr/bin/chromium, playwright-core from tests/browser/node_modules):

     node bench/build/reader-bytes.js SITE_DIR [SITE_DIR ...]

   - quiz: open quiz.html, press Start (a practice session of 20 over every section) and wait for
     the first question: every file the page asked for until then.
   - search: open index.html, type a query (`lambda`) and wait for the first result.
   - questions: the questions page (questions.html; for a split bank its index, and its largest part).
   Each as raw bytes and gzip -6 bytes (what a static host sends), summed over the files. Prints a
   Markdown table row per site. LIST=1 lists each file and its size on stderr. */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { pathToFileURL, fileURLToPath } = require("node:url");
const { chromium } = require(path.join(__dirname, "../../tests/browser/node_modules/playwright-core"));

const CHROMIUM = process.env.STUDYSITE_CHROMIUM || "/usr/bin/chromium";
const QUERY = process.env.QUERY || "lambda";

function sizes(files) {
  let raw = 0, gz = 0;
  for (const f of new Set(files)) {
    const b = fs.readFileSync(f);
    raw += b.length;
    gz += zlib.gzipSync(b, { level: 6 }).length;
  }
  return { raw, gz, files: new Set(files).size };
}

// Files the page asks for while `act` runs (from navigation on).
async function measure(browser, url, act) {
  const context = await browser.newContext();
  const page = await context.newPage(), files = [];
  page.on("request", (r) => { if (r.url().startsWith("file:")) files.push(fileURLToPath(r.url().split(/[?#]/)[0])); });
  await page.goto(url, { timeout: 600000 });
  await act(page);
  await context.close();
  const got = files.filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
  // LIST=1: each file and its size, largest first, on stderr
  if (process.env.LIST) for (const f of [...new Set(got)].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)) console.error(fs.statSync(f).size, path.relative(process.cwd(), f));
  return sizes(got);
}

const fmt = (n) => (n >= 1e6 ? (n / 1e6).toFixed(2) + " MB" : (n / 1e3).toFixed(1) + " KB");

async function main() {
  const sites = process.argv.slice(2);
  if (!sites.length) { console.error("usage: reader-bytes.js SITE_DIR ..."); process.exit(2); }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  console.log("| site | before the first quiz question | before the first search result | questions page (largest) |");
  console.log("|---|---|---|---|");
  try {
    for (const dir of sites) {
      const root = path.resolve(dir), u = (rel) => pathToFileURL(path.join(root, rel)).href;
      const quiz = await measure(browser, u("quiz.html"), async (page) => {
        await page.locator(".qz-start").waitFor({ timeout: 600000 });
        await page.getByRole("button", { name: "Start", exact: true }).click();
        await page.locator(".qz-card").waitFor({ timeout: 600000 });
      });
      const search = await measure(browser, u("index.html"), async (page) => {
        await page.locator("#search-input").fill(QUERY);
        await page.locator(".search-result").first().waitFor({ timeout: 600000 });
      });
      const qpages = fs.readdirSync(root).filter((f) => /^questions(-.*)?\.html$/.test(f));
      const biggest = qpages.map((f) => [f, fs.statSync(path.join(root, f)).size]).sort((a, b) => b[1] - a[1])[0];
      const cell = (s) => `${fmt(s.raw)} (${fmt(s.gz)} gzip, ${s.files} files)`;
      console.log(`| ${path.basename(root)} | ${cell(quiz)} | ${cell(search)} | ${biggest[0]}: ${fmt(biggest[1])} (${qpages.length} pages) |`);
    }
  } finally { await browser.close(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
