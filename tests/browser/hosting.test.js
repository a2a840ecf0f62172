"use strict";
// Hosting: the bundled site built in both URL styles (STUDYSITE_BUNDLED: file URLs,
// STUDYSITE_BUNDLED_PRETTY: pretty URLs) opened from file:// — every stylesheet and script
// loads under its content-hashed name, reveal, Check, search and the quiz work — and its
// 404 page served at depth by a static host, at the root and under a sub-path, keeps its styles.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const http = require("node:http");
const { pathToFileURL, fileURLToPath } = require("node:url");
const { launch, open } = require("./helpers");

const STYLES = [
  ["file", "STUDYSITE_BUNDLED", "ec2.html", "quiz.html"],
  ["pretty", "STUDYSITE_BUNDLED_PRETTY", "ec2/index.html", "quiz/index.html"],
];

function built(env, page) {
  const dir = process.env[env];
  if (!dir) throw new Error(`${env} is not set: point it at a build of the repository's own site`);
  const abs = path.resolve(dir);
  if (!fs.existsSync(path.join(abs, page))) throw new Error(`${env}=${abs} has no ${page}`);
  return abs;
}
const fileUrl = (dir, rel) => pathToFileURL(path.join(dir, rel)).href;

/* A page that records every request that failed to load. */
async function openRecording(browser, url) {
  const { context, page } = await open(browser);
  page.failed = [];
  page.on("requestfailed", (r) => page.failed.push(r.url()));
  page.on("response", (r) => { if (r.status() >= 400) page.failed.push(`${r.status()} ${r.url()}`); });
  const response = await page.goto(url);
  return { context, page, response };
}

/* The theme's styles are applied: the header is a sticky flex bar only with style.css. */
const styled = (page) => page.evaluate(() => {
  const h = document.querySelector(".site-header");
  const s = h && getComputedStyle(h);
  return !!s && s.position === "sticky" && s.display === "flex";
});

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

for (const [style, env, note, quiz] of STYLES) {
  test(`${style} URLs from file://: hashed stylesheets and scripts load; reveal and Check work`, async () => {
    const dir = built(env, note);
    const { context, page } = await openRecording(browser, fileUrl(dir, note));
    try {
      await page.waitForFunction(() => document.documentElement.classList.contains("has-js"));
      assert.deepEqual(page.failed, [], "every stylesheet and script loads");
      assert.ok(await styled(page), "style.css applies");
      const srcs = await page.$$eval("link[rel=stylesheet], script[src]", (els) => els.map((e) => e.getAttribute("href") || e.getAttribute("src")));
      assert.ok(srcs.length >= 6, srcs.join(" "));
      for (const s of srcs) assert.match(s, /assets\/[\w-]+\.[0-9a-f]{10}\.(css|js)$/, "content-hashed name");
      assert.equal(typeof await page.evaluate(() => window.StudysiteSearch), "object", "search.js ran");

      // Reveal a free-response answer.
      const free = page.locator(".question[data-kind=free]").first();
      await free.locator("details.q-answer > summary").click();
      assert.ok(await free.locator(".q-answer-body").isVisible(), "the answer opens");
      // Answer a choice question right and check it.
      const choice = page.locator(".question[data-kind=single]").first();
      await choice.locator('.q-option[data-correct="true"] input').first().check();
      await choice.locator(".q-check").click();
      assert.match(await choice.locator(".q-feedback").innerText(), /Correct\./);
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });

  test(`${style} URLs from file://: search loads its hashed data files and links to pages that exist`, async () => {
    const dir = built(env, note);
    const { context, page } = await openRecording(browser, fileUrl(dir, note));
    try {
      const requested = [];
      page.on("request", (r) => requested.push(r.url()));
      await page.locator("#search-input").focus();
      await page.keyboard.type("visibility timeout");
      await page.locator("#search-results .search-result").first().waitFor();
      const files = JSON.parse(await page.locator("script[data-files]").getAttribute("data-files"));
      for (const f of ["search-index.js", "search-docs.js"]) {
        assert.match(files[f], new RegExp(`^assets/${f.replace(".js", "")}\\.[0-9a-f]{10}\\.js$`));
        assert.ok(requested.some((u) => u.endsWith(files[f])), `${files[f]} requested`);
      }
      assert.deepEqual(page.failed, []);
      const hrefs = await page.$$eval("#search-results .search-result a", (as) => as.map((a) => a.href));
      assert.ok(hrefs.length >= 3, hrefs.join("\n"));
      for (const h of hrefs) {
        let file = fileURLToPath(h.split(/[?#]/)[0]);
        if (h.split(/[?#]/)[0].endsWith("/")) file = path.join(file, "index.html");
        assert.ok(fs.existsSync(file), `result ${h} leads to a file`);
      }
      if (style === "file") {
        // Follow the first result: the target page opens with its terms marked.
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Enter");
        await page.waitForURL((u) => u.hash.length > 1);
        await page.locator("mark.search-hit").first().waitFor();
        assert.ok(await styled(page));
      }
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });

  test(`${style} URLs from file://: the quiz loads its hashed data and runs a practice question`, async () => {
    const dir = built(env, quiz);
    const { context, page } = await openRecording(browser, fileUrl(dir, quiz));
    try {
      await page.locator(".qz-start").waitFor();
      assert.deepEqual(page.failed, []);
      assert.ok(await styled(page));
      assert.ok(await page.evaluate(() => window.STUDYSITE_QUIZ.questions.length) > 200);
      await page.locator('input[name="qz-mode"][value="practice"]').check();
      await page.getByRole("button", { name: "Start", exact: true }).click();
      await page.locator(".qz-card").waitFor();
      const id = await page.locator(".qz-card").getAttribute("data-qid");
      const q = await page.evaluate((id) => window.STUDYSITE_QUIZ.questions.find((x) => x.id === id), id);
      if (q.kind === "free") {
        await page.keyboard.press("Space");
        assert.ok(await page.locator(".qz-answer").isVisible(), "the answer is revealed");
      } else {
        const shown = await page.locator(".qz-card .qz-opt input").evaluateAll((els) => els.map((e) => +e.value));
        for (const [pos, orig] of shown.entries()) if (q.options[orig].correct) await page.keyboard.press(String(pos + 1));
        await page.keyboard.press("Enter");
        assert.match(await page.locator(".qz-feedback").innerText(), /^Correct\.$/);
      }
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });
}

/* A static host like GitHub Pages: the site under `prefix`, `404.html` for anything missing. */
async function host(root, prefix) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = null;
    if (rel.startsWith(prefix)) {
      rel = rel.slice(prefix.length);
      file = path.join(root, path.normalize(rel || "."));
      if (!file.startsWith(root)) file = null;
      else if (rel === "" || rel.endsWith("/")) file = path.join(file, "index.html");
    }
    const found = file && fs.existsSync(file) && fs.statSync(file).isFile();
    const serve = found ? file : path.join(root, "404.html");
    res.writeHead(found ? 200 : 404, { "content-type": types[path.extname(serve)] || "application/octet-stream" });
    res.end(fs.readFileSync(serve));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: (p) => `http://127.0.0.1:${port}${p}`, close: () => new Promise((r) => server.close(r)) };
}

test("404 page without base_url keeps its styles at any depth, at the host root and under a sub-path", async () => {
  const dir = built("STUDYSITE_BUNDLED", "404.html");
  for (const prefix of ["/", "/my-notes/"]) {
    const h = await host(dir, prefix);
    try {
      for (const missing of ["gone.html", "a/b/c/gone.html", "ec2/deeper/"]) {
        const { context, page, response } = await openRecording(browser, h.url(prefix + missing));
        try {
          assert.equal(response.status(), 404);
          assert.equal(await page.locator("h1").innerText(), "Page not found");
          assert.ok(await styled(page), `${prefix}${missing}: styled`);
          // At the host root every link and asset resolves too (under an unknown sub-path the
          // links need base_url; see README: Hosting).
          if (prefix === "/") {
            assert.deepEqual(page.failed.filter((u) => !u.startsWith("404 ") || !u.endsWith(missing)), [], `${missing}: every asset loads`);
            await page.locator("a.button.primary").click();
            await page.waitForURL(h.url("/index.html"));
            assert.ok(await page.locator(".section-cards").isVisible(), "the contents page opens");
            assert.ok(await styled(page));
          }
        } finally { await context.close(); }
      }
    } finally { await h.close(); }
  }
});
