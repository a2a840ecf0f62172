"use strict";
// Header search on the bundled DVA-C02 site (STUDYSITE_BUNDLED), over file:// and http:
// lazy loading, keyboard flow, expected top-3 units, landing-page marks, hostile input, narrow screens.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch, open, serve, TOP3_CASES } = require("./helpers");
const S = require("../../static/assets/search.js");

function bundled() {
  const dir = process.env.STUDYSITE_BUNDLED;
  if (!dir) throw new Error("STUDYSITE_BUNDLED is not set: point it at a built copy of the repository's own site (studysite build . -o DIR)");
  const abs = path.resolve(dir);
  for (const f of ["index.html", "ebs.html"]) {
    if (!fs.existsSync(path.join(abs, f))) throw new Error(`STUDYSITE_BUNDLED=${abs} has no ${f}`);
  }
  const assets = fs.existsSync(path.join(abs, "assets")) ? fs.readdirSync(path.join(abs, "assets")) : [];
  for (const f of ["search", "search-index", "search-docs", "search-excerpts"]) { // content-hashed names
    if (!assets.some((a) => a.startsWith(f + ".") && a.endsWith(".js"))) throw new Error(`STUDYSITE_BUNDLED=${abs} has no assets/${f}.<hash>.js`);
  }
  return abs;
}
function fileUrl(rel) {
  const i = rel.search(/[?#]|$/);
  return pathToFileURL(path.join(bundled(), rel.slice(0, i))).href + rel.slice(i);
}

// Type into the focused search box and wait until the frame that renders the results has run.
async function typeQuery(page, q) {
  await page.keyboard.type(q);
  await page.waitForFunction(() => window.STUDYSITE_DOCS && new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  await page.locator("#search-results").waitFor({ state: "visible" });
}
async function search(page, q) {
  await page.locator("#search-input").fill("");
  await page.locator("#search-input").focus();
  await typeQuery(page, q);
}
function results(page) {
  return page.$$eval("#search-results .search-result", (os) => os.map((o) => ({
    id: o.id,
    badge: o.querySelector(".search-badge").textContent,
    title: o.querySelector(".search-title").textContent,
    crumb: (o.querySelector(".search-crumb") || {}).textContent || "",
    excerpt: (o.querySelector(".search-excerpt") || {}).textContent || "",
    href: o.querySelector("a").getAttribute("href"),
    marks: [...o.querySelectorAll("mark")].map((m) => m.textContent),
  })));
}
const show = (rs) => rs.map((r) => `${r.badge}: ${r.title} (${r.crumb}) ${r.href}`).join("\n");
async function noHarm(page, where) {
  await page.waitForTimeout(150); // let any image error handler fire
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${where}: hostile code ran`);
  assert.deepEqual(page.errors, [], `${where}: page errors`);
  assert.equal(await page.evaluate(() => document.querySelectorAll(".search img, main img[src=x], [onerror]").length), 0, `${where}: injected elements`);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll("script")].filter((s) => !s.src).length), 0, `${where}: inline script`);
}

let browser, server;
test.before(async () => { browser = await launch(); server = await serve(bundled()); });
test.after(async () => { if (browser) await browser.close(); if (server) await server.close(); });

for (const [scheme, url] of [["file://", fileUrl], ["http", (p) => server.url(p)]]) {
  test(`keyboard flow: lazy load, / focuses, ↓ Enter opens the unit, the landing page marks it, Esc (${scheme})`, async () => {
    const { context, page } = await open(browser, url("index.html"));
    try {
      const requested = [];
      page.on("request", (r) => requested.push(r.url()));
      await page.waitForTimeout(300);
      const input = page.locator("#search-input");
      assert.equal(await input.getAttribute("aria-expanded"), "false");
      assert.equal(await page.evaluate(() => typeof window.STUDYSITE_SEARCH + typeof window.STUDYSITE_DOCS), "undefinedundefined", "index parsed before focus");
      assert.equal(await page.locator('script[src*="search-index"], script[src*="search-docs"]').count(), 0, "index script tags before focus");
      assert.ok(!requested.some((u) => /search-(index|docs|excerpts)[\w.-]*\.js/.test(u)), "index requested before focus");

      await page.keyboard.press("/");
      assert.ok(await input.evaluate((i) => i === document.activeElement), "/ focuses the search box");
      assert.equal(await input.inputValue(), "", "the / is not typed");
      await page.waitForFunction(() => window.STUDYSITE_SEARCH && window.STUDYSITE_DOCS); // focus alone loads it
      if (scheme === "http") assert.ok(requested.some((u) => /search-index[\w.-]*\.js/.test(u)) && requested.every((u) => u.startsWith(server.url(""))), "only the site's own files");

      await typeQuery(page, "gp3");
      assert.equal(await input.getAttribute("aria-expanded"), "true");
      assert.match(await page.locator(".search [role=status]").textContent(), /^\d+( of \d+)? results?$/);
      const rs = await results(page);
      const at = rs.findIndex((r) => r.badge === "Table" && /^gp3$/i.test(r.title.trim()) && /EBS/.test(r.crumb));
      assert.ok(at >= 0 && at < 3, `the gp3 row of the EBS volume-types table in the top 3:\n${show(rs)}`);
      for (let i = 0; i <= at; i++) await page.keyboard.press("ArrowDown");
      const opt = page.locator(`#${rs[at].id}`);
      assert.equal(await input.getAttribute("aria-activedescendant"), rs[at].id);
      assert.equal(await opt.getAttribute("aria-selected"), "true");
      assert.ok(await opt.evaluate((o) => o.classList.contains("active")));
      const href = rs[at].href;
      assert.match(href, /^ebs\.html\?hl=[^#]*gp3[^#]*#[\w-]+$/, "link: root + page + ?hl= + #anchor");
      const anchor = href.slice(href.indexOf("#") + 1);

      await Promise.all([page.waitForURL(/ebs\.html/), page.keyboard.press("Enter")]);
      await page.waitForFunction(() => !location.search.includes("hl="));
      assert.equal(new URL(page.url()).hash, "#" + anchor, "landed on the unit's anchor");
      const target = page.locator(`[id="${anchor}"]`);
      assert.equal(await target.evaluate((t) => t.tagName), "TR");
      assert.deepEqual(await target.locator("mark.search-hit").allTextContents(), ["gp3"], "the hit is marked in the target row");
      assert.ok(await target.isVisible());
      const box = await target.boundingBox(), vp = page.viewportSize();
      assert.ok(box.y >= 0 && box.y < vp.height, "the target is scrolled into view");

      await page.keyboard.press("Control+k");
      assert.ok(await input.evaluate((i) => i === document.activeElement), "Ctrl-K focuses the search box");
      await typeQuery(page, "lamb");
      assert.ok(await page.locator("#search-results").isVisible());
      await page.keyboard.press("Escape");
      assert.equal(await input.inputValue(), "", "Esc clears");
      assert.equal(await page.locator("#search-results").isVisible(), false, "Esc closes the list");
      assert.equal(await input.getAttribute("aria-expanded"), "false");
      assert.ok(await input.evaluate((i) => i === document.activeElement), "first Esc keeps focus");
      await page.keyboard.press("Escape");
      assert.equal(await input.evaluate((i) => i === document.activeElement), false, "second Esc blurs");
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });
}

test("these queries find the expected unit in the top 3", async () => {
  const { context, page } = await open(browser, fileUrl("index.html"));
  try {
    for (const [q, ok, what] of TOP3_CASES) {
      await search(page, q);
      const rs = await results(page);
      assert.ok(rs.slice(0, 3).some(ok), `${q}: ${what} in the top 3:\n${show(rs.slice(0, 5))}`);
      for (const r of rs) assert.match(r.href, /^[\w./-]+\?hl=[^#?]+(#[^#]+)?$/, `${q}: result link ${r.href}`);
      assert.ok(rs[0].marks.length > 0, `${q}: the first result has marked words`);
      assert.ok(rs.length <= 20, "at most 20 results");
    }
    // ↓ pressed while a render still waits for its frame (typing, excerpts arriving) is not lost:
    // the render runs, then the key moves.
    await search(page, "gp3");
    const first = await page.$eval("#search-results [role=option]:not([aria-disabled])", (o) => o.id);
    assert.equal(await page.evaluate(() => {
      const i = document.getElementById("search-input");
      i.dispatchEvent(new Event("input"));
      i.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }));
      return i.getAttribute("aria-activedescendant");
    }), first, "↓ during a pending render selects the first option");
    // "Did you mean": the first option, reachable with ↓, applied by Enter or a click
    await search(page, "lamdba");
    assert.equal(await page.locator(".search-didyoumean").textContent(), "Did you mean lambda?");
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.locator("#search-input").getAttribute("aria-activedescendant"), "search-suggestion");
    await page.keyboard.press("Enter");
    assert.equal(await page.locator("#search-input").inputValue(), "lambda");
    assert.equal(await page.locator(".search-didyoumean").count(), 0, "no suggestion for a known word");
    assert.match(page.url(), /index\.html$/, "Enter on the suggestion does not navigate");
    await search(page, "kinesiss streams");
    await page.locator(".search-suggest").click();
    assert.equal(await page.locator("#search-input").inputValue(), "kinesis streams");
    assert.ok((await results(page)).length > 0);
    // an excerpt is a window of words with the hits marked; questions never show their answer
    await search(page, "visibility timeout");
    const rs = await results(page);
    const sec = rs.find((r) => r.badge !== "Question" && r.excerpt);
    assert.ok(sec && sec.excerpt.match(/[\p{L}\p{N}\p{M}]+/gu).length <= 22 && sec.marks.some((m) => /visibility|timeout/i.test(m)), show(rs));
    assert.ok(rs.filter((r) => r.badge === "Question").every((r) => r.excerpt === ""));
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a question target keeps its answer closed; a section target marks its blocks", async () => {
  const { context, page } = await open(browser, fileUrl("sqs.html"));
  try {
    await search(page, "visibility timeout");
    const rs = await results(page);
    const q = rs.find((r) => r.badge === "Question");
    assert.ok(q, show(rs));
    await Promise.all([page.waitForURL(/#/), page.locator(`#${q.id} a`).click()]);
    await page.waitForFunction(() => !location.search.includes("hl="));
    const target = page.locator(":target");
    assert.ok(await target.evaluate((t) => t.classList.contains("question")), "the target is the question block");
    assert.ok(await target.locator("mark.search-hit").count() > 0, "terms marked in the question");
    assert.equal(await target.locator("details").evaluate((d) => d.open), false, "the answer stays closed");
    // a section: the heading and the blocks under it up to the next heading
    const sec = await page.evaluate(() => {
      const h = [...document.querySelectorAll("main h2[id]")].find((x) => /visibility timeout/i.test(x.textContent));
      return h && h.id;
    });
    assert.ok(sec, "sqs.html has a Visibility Timeout section");
    await page.goto(fileUrl(`sqs.html?hl=${encodeURIComponent("visibility timeout")}#${sec}`));
    const marks = await page.evaluate((id) => {
      const hs = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")];
      const h = document.getElementById(id), next = hs[hs.indexOf(h) + 1];
      const after = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
      return [...document.querySelectorAll("mark.search-hit")].map((m) => (h.contains(m) || after(h, m)) && (!next || after(m, next)) ? "in" : "out");
    }, sec);
    assert.ok(marks.length > 1 && marks.every((m) => m === "in"), `marks inside the section: ${marks}`);
    assert.equal(new URL(page.url()).search, "", "hl removed");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a hostile query is shown as text and never runs", async () => {
  const { context, page } = await open(browser, fileUrl("index.html"));
  try {
    await search(page, `<img src=x onerror="window.__pwned=1">`);
    await noHarm(page, "hostile query with results");
    await search(page, `<zzqxv onzzqx="zzqxw">`);
    assert.equal(await page.locator(".search-empty").textContent(), `No results for “<zzqxv onzzqx="zzqxw">”`);
    assert.equal(await page.locator(".search [role=status]").textContent(), "No results");
    await noHarm(page, "hostile query without results");
    await search(page, `"><svg/onload=window.__pwned=1>`);
    await noHarm(page, "svg query");
  } finally { await context.close(); }
});

test("a hostile ?hl= and a malformed hash are treated as text", async () => {
  const hl = encodeURIComponent(`<img src=x onerror="window.__pwned=1"> gp3 </mark><script>window.__pwned=2</script>`);
  const { context, page } = await open(browser, fileUrl(`ebs.html?hl=${hl}#volume-types`));
  try {
    await noHarm(page, "hostile hl");
    assert.ok(await page.locator("mark.search-hit").count() > 0, "gp3 still marked");
    const allowed = new Set(S.tokenize(decodeURIComponent(hl)));
    for (const t of await page.locator("mark.search-hit").allTextContents()) assert.ok(S.tokenize(t).some((x) => allowed.has(x)), `mark ${t}`);
    assert.equal(new URL(page.url()).search, "");
    await page.goto(fileUrl(`ebs.html?hl=${hl}#%E0%A4%A`));
    await noHarm(page, "malformed hash");
    assert.ok(await page.locator("main mark.search-hit").count() > 0, "no target: marks in main");
  } finally { await context.close(); }
});

test("/ and Ctrl-K leave other text fields alone; clicking outside closes the list", async () => {
  const { context, page } = await open(browser, fileUrl("index.html"));
  try {
    await page.evaluate(() => { const i = document.createElement("input"); i.id = "other"; document.querySelector("main").prepend(i); });
    await page.locator("#other").focus();
    await page.keyboard.press("/");
    assert.equal(await page.locator("#other").inputValue(), "/");
    assert.ok(await page.locator("#other").evaluate((i) => i === document.activeElement));
    await page.keyboard.press("Control+k");
    assert.ok(await page.locator("#other").evaluate((i) => i === document.activeElement));
    await page.locator("main h1, main h2").first().click();
    await page.keyboard.press("Meta+k");
    assert.ok(await page.locator("#search-input").evaluate((i) => i === document.activeElement), "⌘-K focuses the box");
    await typeQuery(page, "s3/");
    assert.equal(await page.locator("#search-input").inputValue(), "s3/", "/ types into the box itself");
    assert.ok(await page.locator("#search-results").isVisible());
    await page.mouse.click(5, 400);
    // Closing follows the click's events; under load it may take a frame or two.
    await page.waitForFunction(() => document.getElementById("search-results").hidden, null, { timeout: 5000 });
    assert.equal(await page.locator("#search-results").isVisible(), false);
    assert.equal(await page.locator("#search-input").getAttribute("aria-expanded"), "false");
    await page.locator("#search-input").focus();
    await page.waitForFunction(() => !document.getElementById("search-results").hidden);
    await page.keyboard.press("Tab");
    assert.equal(await page.locator("#search-results").isVisible(), false, "tabbing away closes the list");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a click outside wins over a search still waiting for its frame", async () => {
  const { context, page } = await open(browser, fileUrl("index.html"));
  try {
    await page.locator("#search-input").focus();
    await typeQuery(page, "lambda");
    // Excerpts arriving (or a keystroke) schedule a search for the next frame; the reader
    // clicks elsewhere before it runs: the list stays closed.
    const hidden = await page.evaluate(() => new Promise((done) => {
      document.getElementById("search-input").dispatchEvent(new Event("input"));
      document.querySelector("main").dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => done(document.getElementById("search-results").hidden)));
    }));
    assert.equal(hidden, true, "the list opened again after the click");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("usable at 360 px; hidden in print", async () => {
  const { context, page } = await open(browser, fileUrl("ebs.html"), { viewport: { width: 360, height: 740 } });
  try {
    const input = page.locator("#search-input");
    assert.ok(await input.isVisible());
    await input.click();
    await typeQuery(page, "lambda");
    const ib = await input.boundingBox(), pb = await page.locator("#search-results").boundingBox();
    assert.ok(ib.width >= 250, `the field expands on focus (${ib.width}px)`);
    assert.ok(pb.x >= 0 && pb.x + pb.width <= 360 && pb.width >= 300, `the panel fits the screen: ${JSON.stringify(pb)}`);
    assert.ok(pb.y + pb.height <= 740);
    assert.ok(await page.locator(".search-result").first().isVisible());
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL(/#/), page.keyboard.press("Enter")]);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".search").evaluate((s) => getComputedStyle(s).display), "none");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});
