"use strict";
// Syntax written for other tools, in the browser (the fixture vault, STUDYSITE_VAULT, opened
// from file://): MkDocs content tabs as WAI-ARIA tabs (arrow keys, Home/End, linked labels,
// every tab without JavaScript and on paper), folded callouts (closed, open on a click, open
// on paper), formulas as MathML with a sane box, and note embeds.
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { urlIn, pdfPages } = require("./print-helpers");
const fs = require("node:fs");
const path = require("node:path");

function vault() {
  const dir = process.env.STUDYSITE_VAULT;
  if (!dir) throw new Error("STUDYSITE_VAULT is not set: cargo test --test browser sets it (studysite build tests/fixtures/vault -o DIR)");
  const abs = path.resolve(dir);
  if (!fs.existsSync(path.join(abs, "programming/loops.html"))) throw new Error(`STUDYSITE_VAULT=${abs} has no programming/loops.html`);
  return abs;
}
const url = (rel) => urlIn(vault(), rel);
const squash = (s) => String(s).replace(/\s+/g, "");

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

async function pdfText(page) {
  return (await pdfPages(await page.pdf({ format: "A4" }))).join(" ");
}

test("content tabs are tabs: one panel shown, arrow keys, Home/End, linked labels", async () => {
  const { context, page } = await open(browser, url("programming/loops.html"));
  try {
    const sets = page.locator(".tabbed-set");
    assert.equal(await sets.count(), 2);
    const first = sets.nth(0);
    const tabs = first.locator("[role=tab]");
    assert.equal(await tabs.count(), 2);
    assert.deepEqual(await tabs.allTextContents(), ["C++", "Python"]);
    assert.equal(await tabs.nth(0).getAttribute("aria-selected"), "true");
    const panels = first.locator("[role=tabpanel]");
    assert.ok(await panels.nth(0).isVisible());
    assert.ok(!(await panels.nth(1).isVisible()), "the second tab's panel is hidden");
    // The panel is labelled by its tab, the tab controls its panel.
    const controls = await tabs.nth(1).getAttribute("aria-controls");
    assert.equal(await panels.nth(1).getAttribute("id"), controls);
    assert.equal(await panels.nth(1).getAttribute("aria-labelledby"), await tabs.nth(1).getAttribute("id"));
    // Only the selected tab is a tab stop.
    assert.equal(await tabs.nth(1).getAttribute("tabindex"), "-1");

    await tabs.nth(0).focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await tabs.nth(1).getAttribute("aria-selected"), "true");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Python");
    assert.ok(await panels.nth(1).isVisible() && !(await panels.nth(0).isVisible()));
    // The other set follows the label chosen.
    const second = sets.nth(1);
    assert.equal(await second.locator("[role=tab]").nth(1).getAttribute("aria-selected"), "true");
    assert.ok(await second.getByText("Iterating over a range.").isVisible());
    await page.keyboard.press("ArrowRight");
    assert.equal(await tabs.nth(0).getAttribute("aria-selected"), "true", "wraps around");
    await page.keyboard.press("End");
    assert.equal(await tabs.nth(1).getAttribute("aria-selected"), "true");
    await page.keyboard.press("Home");
    assert.equal(await tabs.nth(0).getAttribute("aria-selected"), "true");
    await tabs.nth(1).click();
    assert.ok(await first.getByText("total = sum(range(n))").isVisible());
    // A visible focus ring on the focused tab.
    await tabs.nth(1).focus();
    await page.keyboard.press("ArrowLeft");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("content tabs: every tab under its label without JavaScript and on paper", async () => {
  {
    const { context, page } = await open(browser, url("programming/loops.html"), { javaScriptEnabled: false });
    try {
      assert.equal(await page.locator("[role=tab]").count(), 0);
      for (const t of ["for (int i = 0; i < n; i++) sum += i;", "total = sum(range(n))", "Counting up with an index.", "Iterating over a range."]) {
        assert.ok(await page.getByText(t).first().isVisible(), `${t} visible without JavaScript`);
      }
      assert.equal(await page.locator(".tabbed-label:visible").count(), 4);
    } finally { await context.close(); }
  }
  const { context, page } = await open(browser, url("programming/loops.html"));
  try {
    await page.locator("[role=tab]").first().waitFor();
    const text = squash(await pdfText(page));
    for (const t of ["C++", "Python", "total=sum(range(n))", "sum+=i;", "Countingupwithanindex.", "Iteratingoverarange."]) {
      assert.ok(text.includes(t), `${t} on paper`);
    }
  } finally { await context.close(); }
});

test("folded callouts: closed, open on a click or a key, open on paper", async () => {
  const { context, page } = await open(browser, url("physics/three-laws-of-motion.html"));
  try {
    const fold = page.locator("details.callout-fold", { hasText: "Remember it" });
    assert.equal(await fold.getAttribute("open"), null);
    const body = fold.getByText("Force is mass times acceleration.");
    assert.ok(!(await body.isVisible()), "a `-` callout starts closed");
    await fold.locator("summary").focus();
    await page.keyboard.press("Enter");
    assert.ok(await body.isVisible(), "Enter opens it");
    await fold.locator("summary").click();
    assert.ok(!(await body.isVisible()), "a click closes it again");
    const open_ = page.locator("details.callout-fold", { hasText: "Numbers" });
    assert.notEqual(await open_.getAttribute("open"), null, "a `+` callout starts open");
    const text = squash(await pdfText(page));
    assert.ok(text.includes("Forceismasstimesacceleration."), "the closed callout prints open");
  } finally { await context.close(); }
});

test("formulas are MathML with a box of a sane size", async () => {
  const { context, page } = await open(browser, url("physics/energy.html"));
  try {
    const boxes = await page.evaluate(() => [...document.querySelectorAll("main math")].map((m) => {
      const r = m.getBoundingClientRect();
      return { display: m.getAttribute("display"), w: r.width, h: r.height, main: document.querySelector(".note-body").getBoundingClientRect().width };
    }));
    assert.ok(boxes.length >= 3, JSON.stringify(boxes));
    for (const b of boxes) {
      assert.ok(b.h > 8 && b.h < 120, `height ${JSON.stringify(b)}`);
      if (b.display === "block") {
        // A display formula is centred in a full-width block; its content is not.
        continue;
      }
      assert.ok(b.w > 5 && b.w < b.main * 0.8, `width ${JSON.stringify(b)}`);
    }
    const inner = await page.evaluate(() => {
      const m = document.querySelector("main math[display=block] > semantics > mrow, main math[display=block] mrow");
      const r = m.getBoundingClientRect();
      return { w: r.width, h: r.height, main: document.querySelector(".note-body").getBoundingClientRect().width };
    });
    assert.ok(inner.w > 20 && inner.w < inner.main * 0.8 && inner.h > 10, `display formula ${JSON.stringify(inner)}`);
    const text = squash(await pdfText(page));
    assert.ok(text.includes("E") && !text.includes("\\tfrac"), "the formula prints as a formula, not as TeX");
  } finally { await context.close(); }
});

test("note embeds show the embedded section in place", async () => {
  const { context, page } = await open(browser, url("physics/momentum.html"));
  try {
    const embed = page.locator(".embed");
    assert.equal(await embed.count(), 1);
    assert.ok(await embed.getByRole("heading", { name: "Kinetic energy" }).isVisible());
    assert.ok(await embed.locator("math").first().isVisible());
    await embed.getByRole("link", { name: "Energy > Kinetic energy" }).click();
    await page.waitForURL(/energy\.html#kinetic-energy$/);
  } finally { await context.close(); }
});

test("tabs, tag chips and embeds pass axe, light and dark, 360 and 1280 px", async () => {
  const AXE = require.resolve("axe-core/axe.min.js");
  for (const colorScheme of ["light", "dark"]) {
    for (const width of [360, 1280]) {
      const { context, page } = await open(browser, null, { colorScheme, viewport: { width, height: 800 } });
      try {
        for (const rel of ["programming/loops.html", "physics/momentum.html", "physics/three-laws-of-motion.html"]) {
          await page.goto(url(rel));
          await page.addScriptTag({ path: AXE });
          const v = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
          const found = v.violations.map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
          assert.deepEqual(found, [], `${rel} ${colorScheme} ${width}px`);
          const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(wide <= 1, `${rel} scrolls sideways at ${width}px by ${wide}px`);
        }
      } finally { await context.close(); }
    }
  }
});
