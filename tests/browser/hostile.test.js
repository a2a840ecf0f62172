"use strict";
// Hostile question text (</script><script>…, <img onerror=…>) must never run, on any page.
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open, serve, fileUrl } = require("./helpers");

let browser, server;
test.before(async () => { browser = await launch(); server = await serve(); });
test.after(async () => { if (browser) await browser.close(); if (server) await server.close(); });

async function clean(page, where) {
  await page.waitForTimeout(200); // let any image error handlers fire
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${where}: hostile code ran`);
  assert.deepEqual(page.errors, [], `${where}: page errors`);
  assert.equal(await page.evaluate(() => document.querySelectorAll("[onerror], [onclick], [onload]").length), 0, `${where}: event handler attributes`);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll("script")].filter((s) => !s.src).length), 0, `${where}: inline script`);
  assert.equal(await page.evaluate(() => document.querySelectorAll('a[href^="javascript:" i]').length), 0, `${where}: javascript: link`);
}

for (const [scheme, url] of [["file://", fileUrl], ["http", (p) => server.url(p)]]) {
  test(`hostile note page, questions.html and quiz.html run nothing (${scheme})`, async () => {
    const { context, page } = await open(browser, url("hostile.html"));
    try {
      assert.ok(await page.locator("#q-hostile-free").count(), "the hostile free-response question is on its page");
      assert.ok(await page.locator("#q-hostile-choice").count(), "the hostile choice question is on its page");
      await page.locator("#q-hostile-free summary").click();
      const q = page.locator("#q-hostile-choice");
      await q.locator(".q-option input").nth(1).check();
      await q.locator(".q-check").click();
      await clean(page, "note page");

      await page.goto(url("questions.html"));
      await page.getByRole("button", { name: "Reveal all answers" }).click();
      await page.selectOption("#q-tag-filter", "security");
      assert.equal(await page.locator(".question:visible").count(), 2);
      await clean(page, "questions.html");

      await page.goto(url("quiz.html"));
      await page.locator(".qz-what > summary").click(); // the tags are folded under the start screen's choice line
      await page.locator(`.qz-filter input[value="security"]`).check();
      await page.locator(`input[name="qz-mode"][value="flashcards"]`).check();
      await page.getByRole("button", { name: "Start", exact: true }).click();
      for (let i = 0; i < 2; i++) {
        await page.keyboard.press("Space");
        assert.ok(await page.locator(".qz-answer").isVisible());
        await page.keyboard.press("3");
      }
      await page.locator("h2", { hasText: "Flashcards results" }).waitFor();
      await page.getByRole("button", { name: "Back to start" }).click();
      await page.locator(`input[name="qz-mode"][value="practice"]`).check();
      await page.getByRole("button", { name: "Start", exact: true }).click();
      for (let i = 0; i < 2; i++) {
        if (await page.locator(".qz-opt input").count()) { await page.keyboard.press("2"); await page.keyboard.press("Enter"); await page.keyboard.press("Enter"); }
        else { await page.keyboard.press("Space"); await page.keyboard.press("1"); }
      }
      await page.locator("h2", { hasText: "Practice results" }).waitFor();
      await clean(page, "quiz.html");
    } finally { await context.close(); }
  });
}
