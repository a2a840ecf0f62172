"use strict";
// A site in several languages (issue 21): tests/fixtures/languages-site built with English at
// the root and German under de/ (STUDYSITE_LANGUAGES), opened from file://. The switcher in
// the header takes the reader to the same page in the other language (by path, or by
// translation_key when the file names differ) and to that language's home when the page has
// no translation; it works by keyboard and without JavaScript; quiz progress made in one
// language does not show in the other (the two s3 questions share their id on purpose).
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn } = require("./print-helpers");

let browser, dir;
test.before(async () => { dir = dirFrom("STUDYSITE_LANGUAGES"); browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

const url = (rel) => urlIn(dir, rel);
const switcher = (page) => page.getByRole("navigation", { name: /^(Languages|Sprachen)$/ });
const here = (page) => decodeURI(new URL(page.url()).pathname).slice(dir.length + 1);

test("the switcher lands on the same page in the other language, or on its home", async () => {
  const { context, page } = await open(browser, url("s3.html"));
  try {
    await switcher(page).getByRole("link", { name: "Deutsch" }).click();
    assert.equal(here(page), "de/s3.html");
    assert.equal(await page.locator("html").getAttribute("lang"), "de");
    assert.equal(await page.locator("h1").innerText(), "S3");
    assert.ok(await page.getByText("Objektspeicher in Buckets.").isVisible());
    // The current language is marked; the interface is German.
    assert.equal(await switcher(page).getByRole("link", { name: "Deutsch" }).getAttribute("aria-current"), "true");
    assert.ok(await page.getByRole("link", { name: "Spickzettel" }).isVisible());

    // By keyboard: Tab to the link, Enter; matched by translation_key.
    await page.goto(url("de/guide/zugriff.html"));
    const english = switcher(page).getByRole("link", { name: "English" });
    await english.focus();
    assert.notEqual(await english.evaluate((a) => getComputedStyle(a).outlineStyle), "none", "visible focus");
    await page.keyboard.press("Enter");
    await page.waitForURL(/guide\/iam\.html$/);
    assert.equal(here(page), "guide/iam.html");
    assert.equal(await page.locator("h1").innerText(), "IAM");

    // A page with no translation: the other language's home.
    await page.goto(url("only.html"));
    await switcher(page).getByRole("link", { name: "Deutsch" }).click();
    assert.equal(here(page), "de/index.html");
    assert.equal(await page.locator("h1").first().innerText(), "Cloud-Notizen");
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test("the switcher works without JavaScript and on a phone", async () => {
  const { context, page } = await open(browser, url("de/quiz.html"), { javaScriptEnabled: false });
  try {
    await switcher(page).getByRole("link", { name: "English" }).click();
    assert.equal(here(page), "quiz.html");
  } finally {
    await context.close();
  }
  const phone = await open(browser, url("guide/iam.html"), { viewport: { width: 360, height: 740 } });
  try {
    const p = phone.page;
    const de = switcher(p).getByRole("link", { name: "Deutsch" });
    assert.ok(await de.isVisible(), "the other language stays in the header at 360 px");
    // Shown by its code; its name stays the link's accessible name.
    assert.equal(await de.locator(".lang-code").innerText(), "DE");
    assert.ok((await de.locator(".lang-name").boundingBox()).width <= 1, "the name is visually hidden");
    assert.equal(await p.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, "no sideways scroll");
    await de.click();
    assert.equal(here(p), "de/guide/zugriff.html");
  } finally {
    await phone.context.close();
  }
});

test("quiz progress in one language does not show in the other", async () => {
  const { context, page } = await open(browser, url("quiz.html"));
  try {
    await page.locator(".qz-start").waitFor();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    // Pick the right option and check it.
    const q = await page.evaluate(() => window.STUDYSITE_QUIZ.questions[0]);
    assert.equal(q.id, "s3-store");
    const shown = await page.locator(".qz-card .qz-opt input").evaluateAll((els) => els.map((e) => +e.value));
    await page.keyboard.press(String(shown.findIndex((o) => q.options[o].correct) + 1));
    await page.keyboard.press("Enter");
    const stored = (p) => p.evaluate(() => localStorage.getItem("studysite:" + window.STUDYSITE_QUIZ.site + ":v1"));
    await page.waitForFunction(() => localStorage.getItem("studysite:" + window.STUDYSITE_QUIZ.site + ":v1"));
    assert.ok(await stored(page), "English progress is stored");

    await page.goto(url("index.html"));
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("has-progress")), true);
    await page.goto(url("de/index.html"));
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("has-progress")), false,
      "the German home shows no progress");
    await page.goto(url("de/quiz.html"));
    await page.locator(".qz-start").waitFor();
    assert.equal(await stored(page), null, "the German quiz starts fresh");
    // The English key is the one a site of one language uses: progress made before the
    // site had languages stays with the default language.
    assert.equal(await page.evaluate(() => window.STUDYSITE_QUIZ.site), "cloud-notes/de");
    assert.ok(await page.evaluate(() => localStorage.getItem("studysite:cloud-notes:v1")));
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test("axe finds no violation on pages with the switcher, wide and narrow, light and dark", async () => {
  const AXE = require.resolve("axe-core/axe.min.js");
  for (const [width, scheme] of [[1280, "light"], [360, "dark"]]) {
    for (const rel of ["s3.html", "de/guide/zugriff.html", "de/index.html"]) {
      const { context, page } = await open(browser, url(rel), { viewport: { width, height: 800 }, colorScheme: scheme });
      try {
        await page.addScriptTag({ path: AXE });
        // (label-content-name-mismatch included: the theme toggle's name holds its
        // translated text, "Farbschema: Automatisch. Farbschema wechseln".)
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        assert.deepEqual(found, [], `${rel} at ${width} px, ${scheme}`);
      } finally {
        await context.close();
      }
    }
  }
});

test("the theme toggle's German label fits its button and names it", async () => {
  const { context, page } = await open(browser, url("de/s3.html"), { viewport: { width: 1280, height: 800 } });
  try {
    const toggle = page.locator(".theme-toggle");
    for (const label of ["Automatisch", "Hell", "Dunkel"]) {
      assert.equal(await toggle.locator(".theme-label").innerText(), label);
      const fits = await toggle.evaluate((b) => {
        const l = b.querySelector(".theme-label").getBoundingClientRect();
        const r = b.getBoundingClientRect();
        return l.left >= r.left - 0.5 && l.right <= r.right + 0.5;
      });
      assert.ok(fits, `"${label}" inside its button`);
      assert.match(await toggle.getAttribute("aria-label"), new RegExp(label));
      await toggle.click();
    }
  } finally {
    await context.close();
  }
});
