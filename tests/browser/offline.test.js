"use strict";
// offline = true (README: Offline): the bundled notes built with it and hosted on http://127.0.0.1
// under a sub-path; the service worker takes the page, then with the browser offline every page,
// search, a quiz session and a review still work; a rebuild shows the "updated" notice and its
// Reload brings the new build (old caches gone). Chromium's installability report has no errors.
// Pretty URLs under /repo/; file:// (no worker registered, no console error); `studysite serve`
// (no worker, and one left by an earlier visit to the same address removed).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const { spawn, execFileSync } = require("node:child_process");
const { pathToFileURL } = require("node:url");
const { chromium } = require("playwright-core");
const { launch, open, serve: hostSite } = require("./helpers");

const REPO = path.resolve(__dirname, "../..");
const BIN = process.env.STUDYSITE_BIN || path.join(REPO, "target/debug/studysite");
const CHROMIUM = process.env.STUDYSITE_CHROMIUM || "/usr/bin/chromium";
let browser, work;

test.before(async () => {
  browser = await launch();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "studysite-offline-"));
});
test.after(async () => {
  if (browser) await browser.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/* A copy of the bundled notes with `offline = true` (and `extra` lines) first in the config. */
function source(name, extra) {
  const src = path.join(work, name);
  fs.cpSync(path.join(REPO, "content"), path.join(src, "content"), { recursive: true });
  const config = fs.readFileSync(path.join(REPO, "studysite.toml"), "utf8");
  fs.writeFileSync(path.join(src, "studysite.toml"), `offline = true\n${extra || ""}${config}`);
  return src;
}
function build(src, out, env) {
  execFileSync(BIN, ["build", "-o", out, src], { stdio: "pipe", env: Object.assign({}, process.env, env || {}) });
  return out;
}
function precache(out) {
  const m = /self\.STUDYSITE_PRECACHE = (.*);\n/.exec(fs.readFileSync(path.join(out, "sw.js"), "utf8"));
  return JSON.parse(m[1]);
}

/* A static host for `root` under `prefix` (a GitHub Pages project site is /repo/), on
   `port` (0: any): helpers' static server. */
const host = (root, prefix, port) => hostSite(root, { prefix, port });

/* A page that counts service worker registrations and records console errors. */
async function watched(context) {
  const page = await context.newPage();
  page.errors = [];
  page.consoleErrors = [];
  page.on("pageerror", (e) => page.errors.push(String(e && e.message || e)));
  page.on("console", (m) => { if (m.type() === "error") page.consoleErrors.push(m.text() + " " + JSON.stringify(m.location())); });
  await page.addInitScript(() => {
    window.__registrations = 0;
    const sw = navigator.serviceWorker;
    if (sw) {
      const register = sw.register.bind(sw);
      sw.register = (...args) => { window.__registrations++; return register(...args); };
    }
    window.storeKey = () => "studysite:" + window.STUDYSITE_QUIZ.site + ":v1";
  });
  return page;
}
const controlled = (page) => page.waitForFunction(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller));
// The active worker done with its activate step (old caches deleted).
const activated = (page) => page.evaluate(async () => {
  const w = (await navigator.serviceWorker.ready).active;
  if (w.state !== "activated") await new Promise((r) => w.addEventListener("statechange", () => w.state === "activated" && r()));
});
const ownCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("studysite ")));

async function answerShown(page) {
  const id = await page.locator(".qz-card").getAttribute("data-qid");
  const q = await page.evaluate((id) => window.STUDYSITE_QUIZ.questions.find((x) => x.id === id), id);
  if (q.kind === "free") {
    await page.keyboard.press("Space");
    await page.locator(".qz-answer").waitFor();
    return id;
  }
  const shown = await page.locator(".qz-card .qz-opt input").evaluateAll((els) => els.map((e) => +e.value));
  for (const [pos, orig] of shown.entries()) if (q.options[orig].correct) await page.keyboard.press(String(pos + 1));
  await page.keyboard.press("Enter");
  assert.match(await page.locator(".qz-feedback").innerText(), /^Correct\.$/);
  return id;
}

async function offlineSearch(page, url) {
  await page.goto(url);
  await page.locator("#search-input").focus();
  await page.keyboard.type("visibility timeout");
  await page.locator("#search-results .search-result").first().waitFor();
  assert.ok(await page.locator("#search-results .search-result").count() > 0);
}

async function offlineQuiz(page, url) {
  await page.goto(url);
  await page.locator(".qz-start").waitFor();
  await page.locator('input[name="qz-mode"][value="practice"]').check();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.locator(".qz-card").waitFor();
  await answerShown(page);
}

// A review of one card due yesterday: a choice question, graded on answering.
async function offlineReview(page) {
  const id = await page.evaluate(() => {
    const q = window.STUDYSITE_QUIZ.questions.find((x) => x.kind !== "free" && x.options && x.options.length);
    const day = window.StudysiteFSRS.dayNumber();
    const cards = { [q.id]: { s: 5, d: 5, due: day - 1, last: day - 6, reps: 1, lapses: 0, st: 2 } };
    localStorage.setItem(window.storeKey(), JSON.stringify({ v: 1, cards }));
    return q.id;
  });
  await page.reload();
  await page.locator("input[value=review]").check();
  await page.getByRole("button", { name: "Start", exact: true }).click();
  assert.equal(await page.locator(".qz-card").getAttribute("data-qid"), id);
  await answerShown(page);
}

test("over http on a sub-path: offline pages, search, quiz and review; a rebuild's notice and reload", async () => {
  const src = source("file");
  const out = build(src, path.join(work, "out-file"));
  const list = precache(out);
  const server = await host(out, "/my-notes/");
  // A phone's width: the notice must fit.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const page = await watched(context);
    await page.goto(server.url("index.html"));
    await controlled(page);
    await activated(page);
    assert.equal(await page.evaluate(() => window.__registrations), 1);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), server.url("sw.js"));
    assert.deepEqual(await ownCaches(page), [`studysite ${server.url("")} ${list.version}`]);

    await context.setOffline(true);
    const pages = list.files.filter((f) => f.endsWith(".html"));
    assert.ok(pages.length >= 33, `${pages.length} pages listed`);
    for (const f of pages) {
      const r = await page.goto(server.url(f));
      assert.ok(r.ok() && r.fromServiceWorker(), `${f} offline`);
      assert.ok(await page.locator("h1").count() > 0, `${f} has its heading`);
    }
    // A page's query string (the quiz's links) is the same page offline.
    assert.ok((await page.goto(server.url("quiz.html?section=ami&mode=practice"))).ok());
    await offlineSearch(page, server.url("ec2.html"));
    await offlineQuiz(page, server.url("quiz.html"));
    await offlineReview(page);
    assert.deepEqual(page.errors, []);

    // A new build: the next visit finds its worker, which waits; the notice's Reload brings it.
    await context.setOffline(false);
    const note = path.join(src, "content/ec2.md");
    fs.writeFileSync(note, fs.readFileSync(note, "utf8").replace("\n+++\n", "\n+++\n\nOffline update marker 7d1f.\n"));
    build(src, out);
    const next = precache(out);
    assert.notEqual(next.version, list.version);
    await page.goto(server.url("ec2.html"));
    const notice = page.locator(".offline-notice[role=status]");
    await notice.getByRole("button", { name: "Reload" }).waitFor();
    assert.match(await notice.innerText(), /This site has been updated\./);
    assert.ok(await notice.getByRole("button", { name: "Later" }).isVisible());
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scroll at 360 px");
    if (process.env.STUDYSITE_SCREENSHOTS) {
      fs.mkdirSync(process.env.STUDYSITE_SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(process.env.STUDYSITE_SCREENSHOTS, "offline-notice-360.png") });
    }
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const axe = await page.evaluate(() => window.axe.run(".offline-notice", { resultTypes: ["violations"] }));
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.help}`), []);
    // Reachable from the keyboard: the Reload button takes focus and shows it.
    await notice.getByRole("button", { name: "Later" }).focus();
    await page.keyboard.press("Shift+Tab");
    assert.deepEqual(await page.evaluate(() => [document.activeElement.textContent, document.activeElement.matches(":focus-visible"),
      getComputedStyle(document.activeElement).outlineStyle]), ["Reload", true, "solid"]);
    await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);
    await activated(page);
    assert.deepEqual(await ownCaches(page), [`studysite ${server.url("")} ${next.version}`], "the old cache is deleted");
    assert.match(await page.locator("main").innerText(), /Offline update marker 7d1f/);
    assert.equal(await notice.count(), 0);
    await context.setOffline(true);
    await page.goto(server.url("ec2.html"));
    assert.match(await page.locator("main").innerText(), /Offline update marker 7d1f/, "the new build offline");
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("Chromium's installability report: no errors", async () => {
  const out = build(source("install"), path.join(work, "out-install"));
  const server = await host(out, "/notes/");
  // A profile on disk: an incognito context is never installable.
  const profile = fs.mkdtempSync(path.join(work, "profile-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true,
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  try {
    const page = context.pages()[0] || await context.newPage();
    await page.goto(server.url("index.html"));
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);
    assert.equal(manifest.url, server.url("manifest.webmanifest"));
  } finally {
    await context.close();
    await server.close();
  }
});

test("pretty URLs on /repo/, sharded search, quiz data per section: offline pages, search and quiz", async () => {
  const out = build(source("pretty", 'url_style = "pretty"\n'), path.join(work, "out-pretty"),
    { STUDYSITE_SEARCH_SHARDS: "always", STUDYSITE_QUIZ_PARTS: "always" });
  const files = precache(out).files;
  assert.ok(files.some((f) => f.startsWith("assets/search/")) && files.some((f) => f.startsWith("assets/quiz-data-")));
  const server = await host(out, "/repo/");
  const context = await browser.newContext();
  try {
    const page = await watched(context);
    await page.goto(server.url(""));
    await controlled(page);
    await context.setOffline(true);
    for (const rel of ["", "index.html", "ec2/", "s3/", "questions/", "cheatsheet/"]) {
      const r = await page.goto(server.url(rel));
      assert.ok(r.ok() && r.fromServiceWorker(), `${rel} offline`);
      assert.ok(await page.locator("h1").count() > 0, rel);
    }
    await offlineQuiz(page, server.url("quiz/"));
    await offlineSearch(page, server.url("lambda/"));
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("file://: no worker registered, no console error, the page works", async () => {
  const out = build(source("disk"), path.join(work, "out-disk"));
  const context = await browser.newContext();
  try {
    const page = await watched(context);
    await page.goto(pathToFileURL(path.join(out, "ec2.html")).href);
    await page.locator("#search-input").waitFor();
    await page.waitForFunction(() => document.readyState === "complete");
    assert.equal(await page.evaluate(() => window.__registrations), 0);
    assert.equal(await page.evaluate(() => document.querySelector('script[src*="offline."]') !== null), true);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.consoleErrors, []);
  } finally { await context.close(); }
});

/* `studysite serve` on `port`: resolves once it says it serves there. */
function serve(src, port) {
  const child = spawn(BIN, ["serve", "--port", String(port), src], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stderr.on("data", (d) => {
      text += d;
      if (text.includes(`at http://127.0.0.1:${port}/`)) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`serve exited (${code}): ${text}`)));
  });
}

test("studysite serve: no worker; one left on the same address by a built copy is removed", async () => {
  const src = source("serve");
  const out = build(src, path.join(work, "out-serve"));
  const context = await browser.newContext();
  let child;
  try {
    const page = await watched(context);
    const built = await host(out, "/");
    const port = built.port;
    await page.goto(built.url("index.html"));
    await controlled(page);
    await page.close();
    await built.close();
    child = await serve(src, port);
    const live = await watched(context);
    await live.goto(`http://127.0.0.1:${port}/index.html`);
    // offline.js unregisters the worker once it runs (deferred): wait for that, boundedly.
    const gone = await live.evaluate(async () => {
      for (let i = 0; i < 200; i++) {
        if ((await navigator.serviceWorker.getRegistrations()).length === 0) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    });
    assert.ok(gone, "the worker of the built copy is unregistered under serve");
    assert.equal(await live.evaluate(() => window.__registrations), 0);
    await live.reload();
    assert.equal(await live.evaluate(() => navigator.serviceWorker.controller), null);
    assert.equal(await live.evaluate(() => !!document.querySelector('script[src="/__studysite/live.js"]')), true);
    assert.deepEqual(live.errors, []);
  } finally {
    await context.close();
    if (child) child.kill();
  }
});
