"use strict";
// The bundled site as a learner on a phone uses it (issue 20): the menu reaches every link and
// closes on a tap beside it, no page is wider than the phone, a table that scrolls sideways says
// so, a heading's "#" never takes a line of its own, a long page has a way back up and its table
// of contents marks where the reader is, and the mock exam's result fits the screen.
const fs = require("node:fs");
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn } = require("./print-helpers");

const PHONE = { width: 360, height: 740 };
const TABLET = { width: 768, height: 1024 };

let browser, site;
test.before(async () => {
  site = dirFrom("STUDYSITE_BUNDLED");
  browser = await launch();
});
test.after(async () => { if (browser) await browser.close(); });

async function at(viewport, rel) {
  return open(browser, urlIn(site, rel), { viewport });
}

function notePages() {
  const skip = new Set(["404.html", "quiz.html"]);
  return fs.readdirSync(site).filter((f) => f.endsWith(".html") && !skip.has(f)).sort();
}

for (const [name, viewport] of [["phone", PHONE], ["tablet", TABLET]]) {
  test(`menu on a ${name}: under the header, scrolls to its last link, closes on a tap beside it`, async () => {
    const { context, page } = await at(viewport, "s3.html");
    try {
      await page.click(".nav-toggle");
      const box = await page.evaluate(() => {
        const r = document.getElementById("sidebar").getBoundingClientRect();
        const h = document.querySelector(".site-header").getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, header: h.bottom, vh: innerHeight };
      });
      assert.ok(box.top >= box.header - 1, `the menu starts under the header (${box.top} < ${box.header})`);
      assert.ok(box.bottom <= box.vh + 1, `the menu ends inside the screen (${box.bottom} > ${box.vh})`);
      const links = page.locator("#sidebar .nav-list a");
      const n = await links.count();
      assert.ok(n > 20, `the bundled menu lists the notes (${n})`);
      for (const i of [0, n - 1]) {
        const link = links.nth(i);
        await link.scrollIntoViewIfNeeded();
        const hit = await link.evaluate((a) => {
          const r = a.getBoundingClientRect();
          const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { inside: r.top >= 0 && r.bottom <= innerHeight, hit: !!el && a.contains(el) };
        });
        assert.ok(hit.inside && hit.hit, `menu link ${i + 1} of ${n} can be reached and tapped`);
      }
      // the burger stays visible and usable above the open menu
      const burger = await page.locator(".nav-toggle").evaluate((b) => {
        const r = b.getBoundingClientRect();
        return b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
      });
      assert.ok(burger, "the menu button is not covered by the menu");
      await page.mouse.click(viewport.width - 10, viewport.height / 2);
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains("nav-open")), false,
        "a tap on the page beside the menu closes it");
      assert.equal(await page.locator(".nav-toggle").getAttribute("aria-expanded"), "false");
    } finally { await context.close(); }
  });
}

test("menu on a phone starts with the page's own contents", async () => {
  const { context, page } = await at(PHONE, "s3.html");
  try {
    await page.click(".nav-toggle");
    const toc = page.locator("#sidebar .sidebar-toc");
    assert.equal(await toc.count(), 1);
    const want = await page.locator(".toc > details > ol a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const got = await toc.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(got, want, "the menu lists the page's sections");
    const last = toc.locator("a").last();
    const href = await last.getAttribute("href");
    await last.click();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("nav-open")), false);
    assert.equal(await page.evaluate(() => location.hash), href);
  } finally { await context.close(); }
  // on a laptop the sidebar is not cluttered with it
  const wide = await at({ width: 1280, height: 800 }, "s3.html");
  try {
    assert.equal(await wide.page.locator("#sidebar .sidebar-toc").isVisible(), false);
  } finally { await wide.context.close(); }
});

test("no page is wider than a 360 px phone, and every sideways table says it scrolls", async () => {
  const pages = notePages();
  assert.ok(pages.length > 30, `the bundled site has its pages (${pages.length})`);
  let scrolling = 0;
  for (const rel of pages) {
    const { context, page } = await at(PHONE, rel);
    try {
      const m = await page.evaluate(() => {
        const bad = [];
        let scrolls = 0;
        for (const w of document.querySelectorAll(".table-wrap")) {
          if (w.scrollWidth <= w.clientWidth + 1) continue;
          scrolls++;
          const hint = w.previousElementSibling;
          const shown = !!hint && hint.classList.contains("table-more") && !hint.hidden && hint.getBoundingClientRect().height > 0;
          const mask = getComputedStyle(w).maskImage || getComputedStyle(w).webkitMaskImage || "none";
          const cols = w.querySelector("tr") ? w.querySelector("tr").children.length : 0;
          if (!shown || mask === "none" || !hint.textContent.includes(String(cols))) bad.push(w.getAttribute("aria-label"));
        }
        return { width: document.scrollingElement.scrollWidth, scrolls, bad };
      });
      assert.ok(m.width <= PHONE.width, `${rel} is ${m.width} px wide on a 360 px phone`);
      assert.deepEqual(m.bad, [], `${rel}: tables that scroll without saying so`);
      scrolling += m.scrolls;
    } finally { await context.close(); }
  }
  assert.ok(scrolling >= 5, `the bundled notes have tables wider than a phone (${scrolling})`);
});

test("a sideways table fades the edge it can still scroll towards", async () => {
  const { context, page } = await at(PHONE, "storage-comparison.html");
  try {
    const w = page.locator(".table-wrap.scrolls").first();
    assert.equal(await w.getAttribute("data-edge"), "start");
    await w.evaluate((el) => { el.scrollLeft = el.scrollWidth; el.dispatchEvent(new Event("scroll")); });
    assert.equal(await w.getAttribute("data-edge"), "end");
    const masks = await w.evaluate((el) => getComputedStyle(el).maskImage || getComputedStyle(el).webkitMaskImage);
    assert.match(masks, /gradient/);
  } finally { await context.close(); }
});

test("a heading's # link never takes a line of its own on a phone", async () => {
  let headings = 0;
  for (const rel of notePages()) {
    const { context, page } = await at(PHONE, rel);
    try {
      const bad = await page.evaluate(() => {
        const out = [];
        for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4")) {
          const a = h.querySelector(".anchor");
          if (!a || !h.getClientRects().length) continue;
          const with_ = h.getBoundingClientRect().height;
          a.style.display = "none";
          const without = h.getBoundingClientRect().height;
          a.style.display = "";
          if (with_ > without + 1) out.push(h.id);
        }
        return { out, n: document.querySelectorAll("main .anchor").length };
      });
      headings += bad.n;
      assert.deepEqual(bad.out, [], `${rel}: headings made taller by their # link`);
    } finally { await context.close(); }
  }
  assert.ok(headings > 100, `headings checked (${headings})`);
});

test("a heading's # link still shows when it has keyboard focus", async () => {
  const { context, page } = await at(PHONE, "s3.html");
  try {
    const a = page.locator("main h2 .anchor").first();
    await a.focus();
    const r = await a.evaluate((el) => { const b = el.getBoundingClientRect(); return { w: b.width, o: getComputedStyle(el).opacity }; });
    assert.ok(r.w > 4 && r.o === "1", `focused anchor is visible (${JSON.stringify(r)})`);
  } finally { await context.close(); }
});

test("a long page offers a way back up, and its contents mark the section being read", async () => {
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    const { context, page } = await at(viewport, "dynamodb.html");
    try {
      const up = page.locator(".to-top");
      assert.equal(await up.isVisible(), false, "no button at the top of the page");
      const target = await page.locator(".toc > details > ol a").nth(3).getAttribute("href");
      await page.evaluate((id) => document.getElementById(decodeURIComponent(id.slice(1))).scrollIntoView(), target);
      await page.waitForFunction(() => document.querySelector(".toc a.active"));
      const active = await page.locator(".toc > details > ol a.active").getAttribute("href");
      assert.equal(active, target, "the section scrolled to is marked in the contents");
      assert.equal(await page.locator(".toc a[aria-current]").count(), 1);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction(() => document.querySelector(".to-top.is-shown"));
      assert.equal(await up.getAttribute("aria-label"), "Back to top");
      await up.click();
      await page.waitForFunction(() => window.scrollY === 0);
      assert.equal(await page.evaluate(() => document.activeElement.id), "main", "focus goes back to the page's start");
    } finally { await context.close(); }
  }
});

test("the mock exam's result fits a phone", async () => {
  const { context, page } = await at(PHONE, "quiz.html");
  try {
    await page.locator('input[name="qz-mode"][value="exam"]').check();
    await page.locator(".qz-what > summary").click(); // the count is folded with the other choices
    await page.fill("#qz-count", "30");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "Submit exam" }).click();
    const confirm = page.getByRole("button", { name: /submit/i }).last();
    if (await page.locator(".qz-sections").count() === 0 && await confirm.isVisible()) await confirm.click();
    await page.waitForSelector(".qz-sections");
    const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(w <= PHONE.width, `the exam result is ${w} px wide on a 360 px phone`);
  } finally { await context.close(); }
});

test("an opened answer's summary says Hide answer, and Tab goes from question to question", async () => {
  const { context, page } = await at({ width: 1280, height: 800 }, "s3.html");
  try {
    const q = page.locator(".question").first();
    const summary = q.locator("summary");
    assert.equal((await summary.textContent()).trim(), "Show answer");
    await summary.click();
    await page.waitForFunction(() => document.querySelector(".question summary").textContent === "Hide answer");
    await summary.click();
    await page.waitForFunction(() => document.querySelector(".question summary").textContent === "Show answer");
    // from the first question's summary, Tab reaches the next question's summary, not its "#"
    await summary.focus();
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => {
      const a = document.activeElement;
      return { cls: a.className, tag: a.tagName, q: a.closest(".question") && a.closest(".question").id };
    });
    assert.notEqual(next.cls, "anchor", `Tab landed on a question's # link (${JSON.stringify(next)})`);
    assert.equal(next.tag, "SUMMARY");
  } finally { await context.close(); }
});

test("home on a phone: the actions are on the first screen, the description is said once, topics are not buttons", async () => {
  const { context, page } = await at(PHONE, "index.html");
  try {
    const m = await page.evaluate(() => {
      const actions = document.querySelector(".hero .actions").getBoundingClientRect();
      const desc = document.querySelector('meta[name="description"]').content;
      const visible = document.querySelector("main").innerText;
      const chip = document.querySelector(".section-cards li li");
      return {
        bottom: actions.bottom, vh: innerHeight,
        desc: visible.split(desc).length - 1,
        chipBorder: chip ? getComputedStyle(chip).borderTopWidth : "none",
        chipInLink: chip ? !!chip.closest("a") : false,
      };
    });
    assert.ok(m.bottom <= m.vh, `the home actions end at ${m.bottom} px on a ${m.vh} px screen`);
    assert.ok(m.desc <= 1, `the site description is shown ${m.desc} times`);
    assert.equal(m.chipBorder, "0px", "a topic is plain text, not a pill that looks like a button");
    assert.equal(m.chipInLink, false);
  } finally { await context.close(); }
});
