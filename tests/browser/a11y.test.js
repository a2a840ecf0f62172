"use strict";
// Accessibility audit with axe-core (test-only npm package, injected into the page) of the bundled
// site: home, a note page, questions, quiz (its start screen and a practice question) and the
// cheat sheet, on a phone and a desktop, in the light and the dark theme. Every rule runs; no
// violation is allowed.
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn } = require("./print-helpers");

const AXE = require.resolve("axe-core/axe.min.js");

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`).join("\n"));
}

const PAGES = ["index.html", "s3.html", "lambda.html", "questions.html", "quiz.html", "cheatsheet.html"];

for (const scheme of ["light", "dark"]) {
  for (const width of [1280, 360]) {
    test(`axe finds no violation, ${scheme} theme, ${width} px wide`, async () => {
      const dir = dirFrom("STUDYSITE_BUNDLED");
      const { context, page } = await open(browser, null, { viewport: { width, height: 800 }, colorScheme: scheme });
      try {
        const found = [];
        for (const file of PAGES) {
          await page.goto(urlIn(dir, file));
          for (const v of await audit(page)) found.push(`${file}: ${v}`);
        }
        // The quiz in a practice session, an answer checked: options marked right and wrong.
        await page.goto(urlIn(dir, "quiz.html"));
        await page.getByRole("button", { name: "Start", exact: true }).click();
        await page.locator(".qz-card").waitFor();
        if (await page.locator(".qz-card .qz-opt input").count()) {
          await page.keyboard.press("1");
          await page.keyboard.press("Enter");
        } else {
          await page.keyboard.press("Space");
        }
        for (const v of await audit(page)) found.push(`quiz.html (practice): ${v}`);
        // The note page's question after Check, and a wrong pick.
        await page.goto(urlIn(dir, "s3.html"));
        const q = page.locator(".question[data-kind='single']").first();
        await q.locator(".q-option input").first().check();
        await q.locator(".q-check").click();
        for (const v of await audit(page)) found.push(`s3.html (checked): ${v}`);
        assert.deepEqual(found, [], `axe violations:\n${found.join("\n")}`);
      } finally { await context.close(); }
    });
  }
}

test("a dark theme chosen with the toggle passes axe too", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const { context, page } = await open(browser, urlIn(dir, "s3.html"), { colorScheme: "light" });
  try {
    await page.locator(".theme-toggle").click(); // auto → light
    await page.locator(".theme-toggle").click(); // light → dark
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    const found = [];
    for (const file of ["s3.html", "questions.html", "cheatsheet.html"]) {
      await page.goto(urlIn(dir, file));
      for (const v of await audit(page)) found.push(`${file}: ${v}`);
    }
    assert.deepEqual(found, [], `axe violations:\n${found.join("\n")}`);
  } finally { await context.close(); }
});
