"use strict";
// The bundled site on a phone (360 px) and a desktop (1280 px), light and dark: screenshots are
// written to STUDYSITE_SCREENSHOTS (cargo test puts them in target/tmp/screenshots) to be looked
// at, and what a reader would notice is asserted: nothing wider than a phone, a dark theme that is
// dark with readable text, no layout shift while scripts load, no flash of the wrong theme, a
// visible focus ring on links and buttons, table headers that stay in view.
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn, luminance, contrast } = require("./print-helpers");

const SHOTS = process.env.STUDYSITE_SCREENSHOTS || "";
const PAGES = ["index.html", "s3.html", "questions.html", "quiz.html", "cheatsheet.html"];

let browser;
test.before(async () => {
  browser = await launch();
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
});
test.after(async () => { if (browser) await browser.close(); });

async function shot(page, name, opts) {
  if (SHOTS) await page.screenshot(Object.assign({ path: path.join(SHOTS, `${name}.png`) }, opts || {}));
}

/* Sum of the layout-shift entries since the page started loading (CLS without input). */
function layoutShift() {
  return new Promise((resolve) => {
    let total = 0;
    const sources = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        total += e.value;
        for (const s of e.sources || []) sources.push(s.node ? (s.node.className || s.node.nodeName) : "?");
      }
    }).observe({ type: "layout-shift", buffered: true });
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve({ total, sources }), 100)));
  });
}

for (const scheme of ["light", "dark"]) {
  for (const width of [360, 1280]) {
    test(`${width} px, ${scheme}: no sideways scrolling, theme colours, no layout shift`, async () => {
      const dir = dirFrom("STUDYSITE_BUNDLED");
      const { context, page } = await open(browser, null, { viewport: { width, height: width === 360 ? 760 : 900 }, colorScheme: scheme });
      try {
        for (const file of PAGES) {
          await page.goto(urlIn(dir, file));
          await page.waitForLoadState("load");
          const name = `${file.replace(".html", "")}-${width}-${scheme}`;
          await shot(page, name);
          const m = await page.evaluate(() => ({
            scrollWidth: document.scrollingElement.scrollWidth,
            bg: getComputedStyle(document.body).backgroundColor,
            fg: getComputedStyle(document.body).color,
            link: getComputedStyle(document.querySelector("main a:not(.button)") || document.body).color,
            muted: getComputedStyle(document.querySelector(".site-footer")).color,
          }));
          assert.ok(m.scrollWidth <= width, `${name}: page is ${m.scrollWidth} px wide`);
          if (scheme === "dark") assert.ok(luminance(m.bg) < 0.03, `${name}: dark background, got ${m.bg}`);
          else assert.ok(luminance(m.bg) > 0.9, `${name}: light background, got ${m.bg}`);
          for (const k of ["fg", "link", "muted"]) {
            assert.ok(contrast(m[k], m.bg) >= 4.5, `${name}: ${k} ${m[k]} on ${m.bg} has contrast ${contrast(m[k], m.bg).toFixed(2)}`);
          }
          const shift = await page.evaluate(layoutShift);
          // Under 0.005: far below what a reader notices (0.1 is "good" CLS). CI once measured
          // 0.0006 at 360 px from the header's search box, not reproduced locally, cause not yet
          // found (issue 7 note); a separate test checks the header boxes exactly.
          assert.ok(shift.total < 0.005, `${name}: layout shift ${shift.total} (${shift.sources})`);
        }
        // A note page further down: a comparison table and a question, as a reader sees them.
        await page.goto(urlIn(dir, "s3.html"));
        await page.locator("#storage-classes").scrollIntoViewIfNeeded();
        await page.evaluate(() => document.querySelector("#storage-classes").scrollIntoView());
        await shot(page, `s3-table-${width}-${scheme}`);
        const q = page.locator(".question[data-kind='single']").first();
        await q.locator(".q-option input").nth(1).check();
        await q.locator(".q-check").click();
        await shot(page, `s3-question-${width}-${scheme}`, { fullPage: false, clip: await q.boundingBox() });
        // The menu open on a phone.
        if (width === 360) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.locator(".nav-toggle").click();
          await shot(page, `s3-menu-${width}-${scheme}`);
          const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
          assert.ok(w <= width, `open menu: page is ${w} px wide`);
        }
      } finally { await context.close(); }
    });
  }
}

test("the theme toggle and the scripts do not move the header: same boxes with and without JavaScript", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const boxes = async (js, width) => {
    const { context, page } = await open(browser, urlIn(dir, "s3.html"), { javaScriptEnabled: js, viewport: { width, height: 800 } });
    try {
      return await page.evaluate(() => Object.fromEntries([".brand", ".search", ".theme-toggle", ".nav-toggle", "main h1", ".note-body"]
        .map((s) => { const r = document.querySelector(s).getBoundingClientRect(); return [s, [r.x, r.y, r.width, r.height].map(Math.round)]; })));
    } finally { await context.close(); }
  };
  for (const width of [360, 1280]) {
    const [without, withJs] = [await boxes(false, width), await boxes(true, width)];
    // (On a phone the menu button is there only with JavaScript: it is in place before the
    // first paint, as theme.js marks the page in <head>; the layout-shift test covers it.)
    for (const s of width > 800 ? [".brand", ".search", ".theme-toggle", "main h1"] : [".search", ".theme-toggle", "main h1"]) {
      assert.deepEqual(withJs[s], without[s], `${width} px: ${s} is where it was without JavaScript`);
    }
    assert.ok(withJs[".theme-toggle"][2] > 0, "the toggle's space is reserved");
  }
});

test("a saved dark theme is there before the first paint (no flash of the light theme)", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  for (const [saved, system, dark] of [["dark", "light", true], ["light", "dark", false]]) {
    const { context, page } = await open(browser, null, { colorScheme: system });
    try {
      await page.addInitScript((t) => {
        try { localStorage.setItem("studysite-theme", t); } catch (e) {}
        // The colours when <body> is created, before anything in it can paint.
        new MutationObserver((_, obs) => {
          if (!document.body) return;
          obs.disconnect();
          window.__atBody = { theme: document.documentElement.getAttribute("data-theme"), bg: getComputedStyle(document.body).backgroundColor };
        }).observe(document, { childList: true, subtree: true });
      }, saved);
      await page.goto(urlIn(dir, "s3.html"));
      const first = await page.evaluate(() => window.__atBody);
      assert.equal(first.theme, saved);
      assert.equal(luminance(first.bg) < 0.03, dark, `saved ${saved} on a ${system} system: ${first.bg} when <body> appears`);
      // The toggle shows the saved choice.
      assert.match(await page.locator(".theme-toggle").getAttribute("aria-label"), new RegExp(saved, "i"));
    } finally { await context.close(); }
  }
});

test("keyboard focus is always visible: a ring on every link, button and control tabbed to", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  for (const scheme of ["light", "dark"]) {
    for (const file of ["s3.html", "questions.html", "cheatsheet.html"]) {
      const { context, page } = await open(browser, urlIn(dir, file), { colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      try {
        const seen = [];
        for (let n = 0; n < 14; n++) {
          await page.keyboard.press("Tab");
          const f = await page.evaluate(() => {
            const e = document.activeElement;
            const s = getComputedStyle(e);
            let bg = "rgba(0, 0, 0, 0)";
            for (let p = e.parentElement; p; p = p.parentElement) {
              const c = getComputedStyle(p).backgroundColor;
              if (!/rgba\(.*, 0\)$/.test(c) && c !== "transparent") { bg = c; break; }
            }
            return { what: `${e.tagName.toLowerCase()}.${e.className} ${e.textContent.trim().slice(0, 30)}`, style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg };
          });
          seen.push(f.what);
          assert.notEqual(f.style, "none", `${file} ${scheme}: no focus ring on ${f.what}`);
          assert.ok(f.width >= 2, `${file} ${scheme}: focus ring of ${f.width}px on ${f.what}`);
          assert.ok(contrast(f.color, f.bg) >= 3, `${file} ${scheme}: focus ring ${f.color} on ${f.bg} on ${f.what}`);
          if (n === 1) await shot(page, `focus-${file.replace(".html", "")}-${scheme}`, { clip: { x: 0, y: 0, width: 1280, height: 120 } });
        }
        assert.ok(seen.some((w) => w.startsWith("a.skip-link")), `${file}: the skip link comes first (${seen})`);
      } finally { await context.close(); }
    }
  }
});

test("a long table's header stays under the site header while its rows scroll by", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const { context, page } = await open(browser, urlIn(dir, "s3.html"), { viewport: { width: 1280, height: 700 } });
  try {
    // The longest table on the page that fits its column.
    const found = await page.evaluate(() => {
      const wraps = [...document.querySelectorAll(".note-body .table-wrap.fits")];
      wraps.sort((a, b) => b.offsetHeight - a.offsetHeight);
      const w = wraps[0];
      if (!w) return null;
      w.id = "tall-table";
      return w.querySelectorAll("tbody tr").length;
    });
    assert.ok(found >= 5, `a table with ${found} rows`);
    const headerH = await page.locator(".site-header").evaluate((h) => h.getBoundingClientRect().height);
    // Scroll so that the table's third row sits right under the site header.
    await page.evaluate(() => {
      const row = document.querySelector("#tall-table tbody tr:nth-child(3)");
      window.scrollBy(0, row.getBoundingClientRect().top - document.querySelector(".site-header").offsetHeight);
    });
    const th = await page.locator("#tall-table thead th").first().evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(Math.abs(th - headerH) <= 1, `the table header sticks under the site header: top ${th}, header ${headerH}`);
    await shot(page, "sticky-table-header-1280-light");
  } finally { await context.close(); }
});
