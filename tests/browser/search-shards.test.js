"use strict";
// The sharded search index (src/search/shard.rs) in headless Chromium:
// - STUDYSITE_SHARDED: the generated site of tests/sharded/mod.rs (1,500 pages, above the size rule),
//   over file:// and over a local http server that can hold back a shard;
// - STUDYSITE_BUNDLED_SHARDED: the bundled notes built with STUDYSITE_SEARCH_SHARDS=always, against
//   STUDYSITE_BUNDLED (the same notes with the whole index).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const http = require("node:http");
const vm = require("node:vm");
const { pathToFileURL } = require("node:url");
const { launch, open, TOP3_CASES } = require("./helpers");
const S = require("../../static/assets/search.js");

const LATE = "zephyrine"; // only on the last page (tests/sharded/mod.rs)
const LATE_PAGE = "part14/page1499.html";

function dir(name) {
  const d = process.env[name];
  if (!d) throw new Error(`${name} is not set (tests/browser.rs sets it)`);
  const abs = path.resolve(d);
  if (!fs.existsSync(path.join(abs, "index.html"))) throw new Error(`${name}=${abs} has no index.html`);
  return abs;
}
const fileUrl = (root, rel) => pathToFileURL(path.join(root, rel)).href;

function dataFiles(root) {
  const html = fs.readFileSync(path.join(root, "index.html"), "utf8");
  const m = html.match(/data-files=(?:"([^"]*)"|'([^']*)')/);
  return JSON.parse((m[1] || m[2]).replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
}
function manifest(root) {
  const w = {};
  vm.runInNewContext(fs.readFileSync(path.join(root, dataFiles(root)["search-manifest.js"]), "utf8"), { window: w });
  return w.STUDYSITE_MANIFEST;
}
// The engine of a built site in Node, loading shards from disk as the page would.
function engine(root) {
  const files = dataFiles(root), w = {};
  if (!files["search-manifest.js"]) {
    for (const f of ["search-index.js", "search-docs.js"]) vm.runInNewContext(fs.readFileSync(path.join(root, files[f]), "utf8"), { window: w });
    const e = new S.Engine(w.STUDYSITE_SEARCH, w.STUDYSITE_DOCS);
    return (q) => e.search(q, 20);
  }
  const e = new S.Engine(null, null, manifest(root)), base = path.dirname(path.join(root, files["search-manifest.js"]));
  const sandbox = { STUDYSITE_SHARD: (kind, k, data) => e.add(kind, k, data) };
  return (q) => {
    for (;;) {
      const r = e.search(q, 20);
      if (!r.need) return r;
      for (const key of r.need) vm.runInNewContext(fs.readFileSync(path.join(base, e.file(key)), "utf8"), sandbox);
    }
  };
}

// Wait until the frame after the last keystroke ran and no shard is pending.
async function settled(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => {
    const l = document.getElementById("search-results");
    return !l.hidden && !l.hasAttribute("aria-busy") && l.querySelector(".search-result, .search-empty");
  });
}
// A query as one input event (a paste), so that only its own shards load.
async function search(page, q) {
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").focus();
  await page.keyboard.insertText(q);
  await settled(page);
}
function results(page) {
  return page.$$eval("#search-results .search-result", (os) => os.map((o) => ({
    badge: o.querySelector(".search-badge").textContent,
    title: o.querySelector(".search-title").textContent,
    crumb: (o.querySelector(".search-crumb") || {}).textContent || "",
    excerpt: (o.querySelector(".search-excerpt") || {}).textContent || "",
    href: o.querySelector("a").getAttribute("href"),
    marks: [...o.querySelectorAll("mark")].map((m) => m.textContent.toLowerCase()),
  })));
}
const show = (rs) => rs.map((r) => `${r.badge}: ${r.title} (${r.crumb}) ${r.href}`).join("\n");
const shardsOf = (urls, kind) => urls.filter((u) => new RegExp(`/assets/search/${kind}-\\d+\\.[0-9a-f]{10}\\.js$`).test(u));

// A static server for the generated site that holds back the files matching `hold` until released.
async function slowServer(root) {
  let hold = null, waiting = [];
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(root, path.normalize(rel));
    const send = () => fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html" });
      res.end(body);
    });
    if (hold && hold.test(rel)) waiting.push(send);
    else send();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: (rel) => `http://127.0.0.1:${server.address().port}/${rel}`,
    hold: (re) => { hold = re; },
    release: () => { hold = null; const w = waiting; waiting = []; w.forEach((f) => f()); },
    held: () => waiting.length,
    close: () => new Promise((r) => server.close(r)),
  };
}

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

test("sharded site over file://: the manifest on focus, then only the shards a query needs", async () => {
  const root = dir("STUDYSITE_SHARDED"), m = manifest(root);
  const files = dataFiles(root);
  assert.deepEqual(Object.keys(files), ["search-manifest.js"], "the page names only the manifest");
  const total = { index: m.i.length / 10, docs: m.d.length / 10 };
  assert.ok(total.index >= 3 && total.docs > 50, JSON.stringify(total));
  const { context, page } = await open(browser, fileUrl(root, "index.html"));
  try {
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.waitForTimeout(200);
    assert.equal(requested.filter((u) => /search-manifest|\/assets\/search\//.test(u)).length, 0, "nothing before focus");
    await page.locator("#search-input").focus();
    await page.waitForFunction(() => window.STUDYSITE_MANIFEST);
    assert.equal(shardsOf(requested, "\\w+").length, 0, "focus loads the manifest only");

    // a word found on the last page only
    await page.keyboard.type(LATE);
    await settled(page);
    let rs = await results(page);
    assert.ok(rs.length >= 2 && rs.slice(0, 2).every((r) => r.href.startsWith(LATE_PAGE + "?hl=")), show(rs));
    assert.ok(rs[0].marks.includes(LATE), show(rs));
    const index = shardsOf(requested, "index"), docs = shardsOf(requested, "docs");
    assert.equal(index.length, 1, `one index shard for one word: ${index}`);
    assert.ok(docs.length <= 2, `the docs of its results only: ${docs}`);
    assert.equal(await page.locator('script[src*="assets/search/index-"]').count(), 1, "one index script tag");

    // a typo: "Did you mean", from the lexicon, and the results of the fix
    await search(page, "zephyrnie");
    assert.equal(await page.locator(".search-didyoumean").textContent(), `Did you mean ${LATE}?`);
    rs = await results(page);
    assert.ok(rs.length && rs[0].href.startsWith(LATE_PAGE), show(rs));

    // a prefix
    await search(page, "zephy");
    rs = await results(page);
    assert.ok(rs.length && rs[0].href.startsWith(LATE_PAGE) && rs[0].marks.includes(LATE), show(rs));
    // a word of a single unit (not in the lexicon), found through its shard's own term list
    await search(page, "quillwort1498");
    rs = await results(page);
    assert.equal(rs.length, 1, show(rs));
    assert.ok(rs[0].href.startsWith("part14/page1498.html"), show(rs));
    // a common word: many results, still few shards
    await search(page, "kaka");
    rs = await results(page);
    assert.equal(rs.length, 20);
    // excerpts follow the first results
    await page.waitForFunction(() => document.querySelector("#search-results .search-excerpt"));

    const used = { index: shardsOf(requested, "index").length, docs: shardsOf(requested, "docs").length };
    assert.ok(used.index <= 4 && used.index < total.index, `index shards: ${used.index} of ${total.index}`);
    assert.ok(used.docs <= 45 && used.docs < total.docs / 2, `docs shards: ${used.docs} of ${total.docs}`);
    assert.equal(new Set(requested).size, requested.length, "no file requested twice");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("sharded site: a keystroke while a shard loads shows the newest query only; Enter waits for it", async () => {
  const root = dir("STUDYSITE_SHARDED"), m = manifest(root);
  const k = m.f.filter((t) => t <= LATE).length - 1; // the index shard holding LATE
  const kk = m.f.filter((t) => t <= "kaka").length - 1;
  assert.notEqual(k, kk, "the two words are in different shards");
  const server = await slowServer(root);
  const { context, page } = await open(browser, server.url("index.html"));
  try {
    const input = page.locator("#search-input");
    await input.focus();
    await page.waitForFunction(() => window.STUDYSITE_MANIFEST);
    server.hold(new RegExp(`/assets/search/index-${k}\\.`));
    await page.keyboard.type(LATE);
    await page.waitForFunction(() => document.getElementById("search-results").getAttribute("aria-busy") === "true");
    assert.equal(server.held(), 1, "its shard is on its way");
    // a newer query while it loads
    await input.fill("");
    await page.keyboard.type("kaka");
    await settled(page);
    let rs = await results(page);
    assert.ok(rs.length && rs[0].marks.includes("kaka"), show(rs));
    // the older query's shard arrives: the newer results stay
    const arrived = page.waitForEvent("requestfinished", (r) => r.url().includes(`/index-${k}.`));
    server.release();
    await arrived;
    await page.waitForTimeout(300);
    rs = await results(page);
    assert.ok(rs.length && rs.every((r) => !r.marks.includes(LATE)) && rs[0].marks.includes("kaka"), show(rs));
    assert.equal(await input.inputValue(), "kaka");

    // a held shard, no further keystroke: its results show as soon as it arrives
    const q = "quillwort1499";
    const kq = m.f.filter((t) => t <= q).length - 1;
    server.hold(new RegExp(`/assets/search/(index-${kq}|docs-\\d+)\\.`));
    await input.fill("");
    await page.keyboard.type(q);
    await page.waitForFunction(() => document.getElementById("search-results").getAttribute("aria-busy") === "true");
    // Enter while waiting opens the first result once it is there
    await page.keyboard.press("Enter");
    await page.waitForTimeout(200);
    assert.match(page.url(), /index\.html$/, "nothing to open yet");
    server.hold(null);
    server.release();
    await page.waitForURL(/page1499\.html/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); await server.close(); }
});

test("sharded site: results show as their docs arrive; excerpts of the first 8, the rest on scroll", async () => {
  const root = dir("STUDYSITE_SHARDED"), m = manifest(root), q = "kaka";
  const expected = engine(root)(q).results;
  assert.equal(expected.length, 20);
  const firstDocs = Math.floor(expected[0].id / m.u);
  const server = await slowServer(root);
  const { context, page } = await open(browser, server.url("index.html"));
  try {
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.locator("#search-input").focus();
    await page.waitForFunction(() => window.STUDYSITE_MANIFEST);
    // every docs shard but the first result's is held back
    server.hold(new RegExp(`/assets/search/docs-(?!${firstDocs}\\.)\\d+\\.`));
    await page.keyboard.insertText(q);
    await page.waitForFunction(() => document.querySelector("#search-results .search-result"));
    const list = page.locator("#search-results");
    assert.equal(await list.getAttribute("aria-busy"), "true", "more to come");
    let rs = await results(page);
    assert.ok(rs.length >= 1 && rs.length < 20, `${rs.length} results so far`);
    assert.equal(rs[0].title, expected[0].doc[1], "the first result is already the final first one");
    assert.equal(await page.locator(".search [role=status]").textContent(), "", "announced once complete");
    server.hold(null);
    server.release();
    await settled(page);
    rs = await results(page);
    assert.deepEqual(rs.map((r) => r.title), expected.map((r) => r.doc[1]));
    assert.match(await page.locator(".search [role=status]").textContent(), /^20 of \d{1,3}(,\d{3})* results$/);
    // excerpts: those of the first 8 results, then the rest when the list scrolls
    await page.waitForFunction(() => document.querySelectorAll("#search-results .search-excerpt").length >= 8);
    await page.waitForTimeout(300);
    const shardsFor = (rows) => new Set(rows.map((r) => Math.floor(r.id / m.u)));
    const excerptShards = () => new Set(shardsOf(requested, "excerpts").map((u) => +u.match(/excerpts-(\d+)\./)[1]));
    assert.deepEqual([...excerptShards()].sort(), [...shardsFor(expected.slice(0, 8))].sort(), "the first 8 results' excerpts");
    await list.evaluate((l) => { l.scrollTop = l.scrollHeight; });
    await page.waitForFunction(() => document.querySelectorAll("#search-results .search-excerpt").length === 20);
    assert.deepEqual([...excerptShards()].sort(), [...shardsFor(expected)].sort(), "all after scrolling");
    assert.ok(await list.evaluate((l) => l.scrollTop > 0), "the list stays scrolled as excerpts fill in");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); await server.close(); }
});

test("bundled notes in the sharded format: the five queries in the top 3, ranked as by the whole index", async () => {
  const root = dir("STUDYSITE_BUNDLED_SHARDED"), whole = engine(dir("STUDYSITE_BUNDLED")), parts = engine(root);
  // Node: the same top results for a set of queries (impacts are rounded, so near ties may swap).
  const qs = ["lamb", "lamdba", "gp3", "visibility timeout", "us-east-1", "s3", "aws lambda", "kinesiss streams", "dynamodb partition key",
    "iam role", "sqs fifo", "cloudformation stack", "ec2 instance types", "xray", "api gateway", "cognito user pool", "ebs snapshot",
    "cloudfront cache", "kms envelope encryption", "elastic beanstalk deployment", "step functions", "sns fanout"];
  let same3 = 0, overlap = 0;
  for (const q of qs) {
    const a = whole(q).results.map((x) => x.doc[3]), b = parts(q).results.map((x) => x.doc[3]);
    assert.equal(b[0], a[0], `${q}: the same first result`);
    if (a.slice(0, 3).join() === b.slice(0, 3).join()) same3++;
    overlap += b.slice(0, 10).filter((u) => a.slice(0, 10).includes(u)).length;
  }
  assert.ok(same3 >= qs.length * 0.8, `top 3 identical for ${same3} of ${qs.length}`);
  assert.ok(overlap / qs.length >= 9, `top-10 overlap ${overlap / qs.length}`);

  const { context, page } = await open(browser, fileUrl(root, "index.html"));
  try {
    for (const [q, ok, what] of TOP3_CASES) {
      await search(page, q);
      if (q === "us-east-1") await page.waitForFunction(() => document.querySelector("#search-results .search-excerpt"));
      const rs = await results(page);
      assert.ok(rs.slice(0, 3).some(ok), `${q}: ${what} in the top 3:\n${show(rs.slice(0, 5))}`);
      assert.ok(rs[0].marks.length > 0, `${q}: marks`);
    }
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});
