"use strict";
// Mermaid diagrams (```mermaid fences) from file:// (STUDYSITE_DIAGRAMS: a build of
// tests/fixtures/diagrams-site): drawn by the vendored Mermaid, light and dark, printed,
// a parse error shown beside the source, labels with markup never run, and a page
// without a diagram loads nothing for them.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch, open } = require("./helpers");

function site(rel) {
  const dir = process.env.STUDYSITE_DIAGRAMS;
  if (!dir) throw new Error("STUDYSITE_DIAGRAMS is not set: cargo test --test browser sets it (studysite build tests/fixtures/diagrams-site -o DIR)");
  const abs = path.resolve(dir);
  if (!fs.existsSync(path.join(abs, "flow.html"))) throw new Error(`STUDYSITE_DIAGRAMS=${abs} has no flow.html`);
  return pathToFileURL(path.join(abs, rel)).href;
}

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

const drawn = (page, n) => page.waitForFunction((n) => document.querySelectorAll("figure.diagram.is-drawn").length === n, n);
// The drawing a reader sees (the visible view of each figure).
const visible = (page) => page.evaluate(() => Array.from(document.querySelectorAll("figure.diagram")).map((f) => {
  const v = Array.from(f.querySelectorAll(".diagram-view")).find((el) => getComputedStyle(el).display !== "none");
  const svg = v && v.querySelector("svg");
  const box = svg && svg.getBoundingClientRect();
  return { theme: v ? (v.classList.contains("diagram-dark") ? "dark" : "light") : null,
    width: box ? box.width : 0, height: box ? box.height : 0,
    source: f.querySelector(".diagram-source").getClientRects().length > 0 };
}));

test("two diagrams from file:// are drawn as two SVGs, the source hidden", async () => {
  const { context, page } = await open(browser, site("flow.html"));
  await drawn(page, 2);
  const seen = await visible(page);
  assert.equal(seen.length, 2);
  for (const d of seen) {
    assert.equal(d.theme, "light");
    assert.ok(d.width > 100 && d.height > 30, `diagram box ${d.width}×${d.height}`);
    assert.equal(d.source, false, "the source still shows beside the drawing");
  }
  assert.match(await page.textContent("figure.diagram:nth-of-type(1) svg"), /Run the body/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the dark toggle draws the diagrams dark, and print shows the light drawing", async () => {
  const { context, page } = await open(browser, site("flow.html"));
  await drawn(page, 2);
  const fill = () => page.evaluate(() => {
    const v = Array.from(document.querySelectorAll("figure.diagram")[0].querySelectorAll(".diagram-view")).find((el) => getComputedStyle(el).display !== "none");
    return getComputedStyle(v.querySelector("svg .node rect, svg .node polygon, svg .node path")).fill;
  });
  const lightFill = await fill();
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await page.waitForFunction(() => document.querySelectorAll("figure.diagram.has-dark").length === 2);
  const seen = await visible(page);
  assert.deepEqual(seen.map((d) => d.theme), ["dark", "dark"]);
  assert.notEqual(await fill(), lightFill, "the dark drawing has the light one's colours");
  await page.emulateMedia({ media: "print" });
  const printed = await visible(page);
  assert.deepEqual(printed.map((d) => d.theme), ["light", "light"]);
  for (const d of printed) assert.ok(d.width > 100 && d.height > 30, `printed box ${d.width}×${d.height}`);
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 1000);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a page shown dark from the start draws dark (system preference)", async () => {
  const { context, page } = await open(browser, null, { colorScheme: "dark" });
  await page.goto(site("flow.html"));
  await page.waitForFunction(() => document.querySelectorAll("figure.diagram.has-dark").length === 2);
  assert.deepEqual((await visible(page)).map((d) => d.theme), ["dark", "dark"]);
  await context.close();
});

test("a diagram that does not parse shows its source and an error; labels never run", async () => {
  const { context, page } = await open(browser, null);
  await page.addInitScript(() => { window.alert = () => { window.__pwned = 4; }; });
  await page.goto(site("broken.html"));
  await page.waitForSelector("figure.diagram.has-error .diagram-error");
  const error = await page.evaluate(() => {
    const f = document.querySelector("figure.diagram.has-error");
    return { text: f.querySelector(".diagram-error").textContent, role: f.querySelector(".diagram-error").getAttribute("role"),
      source: f.querySelector(".diagram-source").getClientRects().length > 0, code: f.querySelector("code").textContent };
  });
  assert.match(error.text, /^This diagram could not be drawn:/);
  assert.equal(error.role, "alert");
  assert.equal(error.source, true, "the broken diagram's source is hidden");
  assert.match(error.code, /A --> --> \]\]/);
  await drawn(page, 1);
  // The labels' markup: no element with a handler, no script, nothing ran.
  const bad = await page.evaluate(() => {
    const svg = document.querySelector("figure.diagram.is-drawn svg");
    const handlers = Array.from(svg.querySelectorAll("*")).filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name)));
    return { handlers: handlers.length, scripts: svg.querySelectorAll("script").length, imgs: svg.querySelectorAll("img[onerror]").length, text: svg.textContent };
  });
  assert.deepEqual({ handlers: bad.handlers, scripts: bad.scripts, imgs: bad.imgs }, { handlers: 0, scripts: 0, imgs: 0 });
  assert.match(bad.text, /image label/);
  await page.hover("figure.diagram.is-drawn svg");
  await page.click("figure.diagram.is-drawn svg .node");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("without JavaScript the source reads as a code block with its caption", async () => {
  const { context, page } = await open(browser, null, { javaScriptEnabled: false });
  await page.goto(site("flow.html"));
  const shown = await page.evaluate(() => Array.from(document.querySelectorAll("figure.diagram")).map((f) => ({
    source: f.querySelector(".diagram-source").getClientRects().length > 0,
    caption: f.querySelector("figcaption").textContent,
    svg: f.querySelectorAll("svg").length,
  })));
  assert.equal(shown.length, 2);
  for (const s of shown) assert.deepEqual(s, { source: true, caption: "Diagram (Mermaid source)", svg: 0 });
  await context.close();
});

test("a page without a diagram requests no diagram script", async () => {
  const { context, page } = await open(browser, null);
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(site("plain.html"));
  await page.waitForLoadState("load");
  assert.ok(requested.some((u) => /site\.[0-9a-f]+\.js$/.test(u)), "the page's scripts were not seen");
  // By file name (the site's own folder may well be called "diagrams").
  assert.deepEqual(requested.filter((u) => /^(mermaid|diagrams)\./.test(new URL(u).pathname.split("/").pop())), []);
  assert.equal(await page.evaluate(() => typeof window.mermaid), "undefined");
  await context.close();
});

test("\\boxed draws a border round a formula of sane size, \\tag numbers a display formula at the line's end", async () => {
  for (const dir of ["ltr", "rtl"]) {
    const { context, page } = await open(browser, null, { viewport: { width: 900, height: 700 } });
    await page.goto(site("math.html"));
    await page.evaluate((dir) => document.documentElement.setAttribute("dir", dir), dir);
    const m = await page.evaluate(() => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width, height: r.height }; };
      const boxes = Array.from(document.querySelectorAll("mrow.boxed")).map((b) => {
        const s = getComputedStyle(b);
        return Object.assign(box(b), { border: s.borderTopStyle + " " + parseFloat(s.borderTopWidth) });
      });
      const rows = Array.from(document.querySelectorAll(".math-tagged")).map((t) => ({
        row: box(t), math: box(t.querySelector("math")), tag: box(t.querySelector(".math-tag")), text: t.querySelector(".math-tag").textContent,
      }));
      return { boxes, rows };
    });
    assert.equal(m.boxes.length, 2, dir);
    for (const b of m.boxes) {
      assert.match(b.border, /^solid /, dir);
      assert.ok(parseFloat(b.border.split(" ")[1]) >= 0.5, `border ${b.border}`);
      assert.ok(b.width > 20 && b.width < 400 && b.height > 10 && b.height < 150, `${dir} box ${b.width}×${b.height}`);
    }
    assert.deepEqual(m.rows.map((r) => r.text), ["(1.1)", "(Gauss)"]);
    // A fraction in an aligned row is in display style, as tall as in a lone display formula.
    const frac = await page.evaluate(() => {
      const f = document.querySelector("mtable.menv-alignlike mfrac");
      return { style: getComputedStyle(f).mathStyle, num: parseFloat(getComputedStyle(f.firstElementChild).fontSize), body: parseFloat(getComputedStyle(f).fontSize) };
    });
    assert.equal(frac.style, "normal", dir);
    assert.equal(frac.num, frac.body, `${dir}: the numerator shrank (${frac.num} < ${frac.body})`);
    for (const r of m.rows) {
      const centre = (r.math.left + r.math.right) / 2, rowCentre = (r.row.left + r.row.right) / 2;
      assert.ok(Math.abs(centre - rowCentre) < 4, `${dir}: formula off centre by ${centre - rowCentre}`);
      if (dir === "ltr") assert.ok(Math.abs(r.tag.right - r.row.right) < 2 && r.tag.left > r.math.right, `${dir} tag ${JSON.stringify(r)}`);
      else assert.ok(Math.abs(r.tag.left - r.row.left) < 2 && r.tag.right < r.math.left, `${dir} tag ${JSON.stringify(r)}`);
    }
    await context.close();
  }
});
