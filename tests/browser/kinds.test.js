"use strict";
// Typed and numeric questions in the browser (the fixture tests/fixtures/kinds-site,
// STUDYSITE_KINDS, opened from file://): on note pages a field and Check (forgiving case,
// spaces, punctuation and accents; a character diff when wrong; a number by its range and
// unit), and in the quiz: practice and review (typed: diff, then the learner grades; numeric:
// graded), flashcards (the answer shown, no field) and the exam (both graded).
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn } = require("./print-helpers");

let browser, site;
test.before(async () => {
  site = dirFrom("STUDYSITE_KINDS");
  browser = await launch();
});
test.after(async () => { if (browser) await browser.close(); });

const at = (rel) => open(browser, urlIn(site, rel), { viewport: { width: 1280, height: 800 } });
const KEY = "studysite:kinds-fixture:v1";
const store = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "null"), KEY);
const kindOf = (page) => page.evaluate(() => {
  const id = document.querySelector(".qz-card").getAttribute("data-qid");
  return window.STUDYSITE_QUIZ.questions.find((q) => q.id === id);
});
async function start(page) {
  await page.getByRole("button", { name: "Start", exact: true }).click();
  await page.locator(".qz-card").waitFor();
}

test("note page: a typed answer is checked forgiving case, spaces, punctuation and accents, with a diff", async () => {
  const { context, page } = await at("storage.html");
  try {
    const q = page.locator('.question[data-kind="typed"]').first();
    const input = q.getByLabel("Your answer");
    const fb = q.locator(".q-feedback");
    await q.getByRole("button", { name: "Check answer" }).click();
    assert.equal(await fb.innerText(), "Type an answer first.");
    await input.fill("  simple-storage   SERVICE! ");
    await input.press("Enter");
    assert.match(await fb.innerText(), /Correct/);
    assert.equal(await q.locator(".k-diff").count(), 0);
    assert.ok(await q.locator("details.q-answer").evaluate((d) => d.open), "the answer opens");
    await input.fill("S4");
    await input.press("Enter");
    assert.match(await fb.innerText(), /Not quite: the answer is S3/);
    assert.equal(await q.locator(".k-diff ins").innerText(), "3");
    assert.equal(await q.locator(".k-diff del").innerText(), "4");
    // accents forgiven both ways
    const cafe = page.locator('.question[data-kind="typed"]').nth(1);
    await cafe.getByLabel("Your answer").fill("cafe creme");
    await cafe.getByLabel("Your answer").press("Enter");
    assert.match(await cafe.locator(".q-feedback").innerText(), /Correct/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("note page: a number is right inside its tolerance, wrong outside it or in another unit", async () => {
  const { context, page } = await at("numeric.html");
  try {
    const q = page.locator('.question[data-kind="numeric"]').first();
    const input = q.getByLabel("Your answer (a number)");
    const fb = q.locator(".q-feedback");
    for (const [typed, want] of [["42.4 ms", /Correct/], ["42,5", /Correct/], ["43", /Not quite: the answer is 41.5–42.5 ms/], ["42 s", /Not in the unit/]]) {
      await input.fill(typed);
      await input.press("Enter");
      assert.match(await fb.innerText(), want, typed);
    }
    const range = page.locator('.question[data-kind="numeric"]').nth(1);
    await range.getByLabel("Your answer (a number)").fill("5");
    await range.getByRole("button", { name: "Check answer" }).click();
    assert.match(await range.locator(".q-feedback").innerText(), /Correct/);
    // a free question's page without typed questions loads no kinds script
    await page.goto(urlIn(site, "notes.html"));
    assert.equal(await page.locator('script[src*="question-kinds"]').count(), 0);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("practice: typing an answer, the diff before grading oneself; a number graded by its range", async () => {
  const { context, page } = await at("quiz.html?mode=practice&section=storage,numeric&n=100");
  try {
    await start(page);
    const seen = new Set();
    for (let i = 0; i < 4; i++) {
      const q = await kindOf(page);
      seen.add(q.kind);
      const input = page.locator(".qz-card .k-input");
      assert.equal(await input.count(), 1, `a field for ${q.kind}`);
      if (q.kind === "typed") {
        await input.fill(q.accept[0] + "x");
        await input.press("Enter");
        assert.match(await page.locator(".qz-card .k-type .qz-feedback").innerText(), /Not quite/);
        assert.equal(await page.locator(".qz-card .k-diff del").innerText(), "x");
        assert.ok(await page.locator(".qz-card .qz-grades").isVisible(), "grades after the diff");
        await page.getByRole("button", { name: /^Good/ }).click();
      } else {
        await input.fill(String(q.num.max) + (q.num.unit ? " " + q.num.unit : ""));
        await input.press("Enter");
        assert.match(await page.locator(".qz-card .k-type .qz-feedback").innerText(), /Correct/);
        await page.keyboard.press("Enter");
      }
    }
    assert.deepEqual([...seen].sort(), ["numeric", "typed"]);
    await page.locator(".qz-score").waitFor();
    const s = await store(page);
    assert.equal(Object.keys(s.cards).length, 4, "each answer graded");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("flashcards show the answer without a field; review asks with the field", async () => {
  const { context, page } = await at("quiz.html?mode=flashcards&section=storage");
  try {
    await start(page);
    assert.equal(await page.locator(".qz-card .k-input:visible").count(), 0);
    await page.getByRole("button", { name: "Show answer" }).click();
    assert.ok(await page.locator(".qz-answer").isVisible());
    await page.goto(urlIn(site, "quiz.html?mode=review&section=storage"));
    await start(page);
    const input = page.locator(".qz-card .k-input");
    const q = await kindOf(page);
    await input.fill(q.accept[q.accept.length - 1].toUpperCase());
    await input.press("Enter");
    assert.match(await page.locator(".qz-card .k-type .qz-feedback").innerText(), /Correct/);
    await page.keyboard.press("3");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("exam: typed and numeric answers are graded, kept on the way, and reviewed", async () => {
  const { context, page } = await at("quiz.html?mode=exam&section=storage,numeric&n=4");
  try {
    await start(page);
    for (let i = 0; i < 4; i++) {
      const q = await kindOf(page);
      const input = page.locator(".qz-card .k-input");
      // the first two right, the others wrong
      const right = i < 2;
      await input.fill(q.kind === "typed" ? (right ? q.accept[0].toLowerCase() : "nothing") : String(right ? q.num.min : q.num.max + 100));
      if (i < 3) await input.press("Enter"); // Enter in the field: the next question
    }
    await page.getByRole("button", { name: "Previous" }).or(page.getByRole("button", { name: /Prev/ })).first().click();
    assert.notEqual(await page.locator(".qz-card .k-input").inputValue(), "", "the answer is kept");
    await page.getByRole("button", { name: "Submit exam" }).click();
    await page.locator(".qz-score").waitFor();
    assert.match(await page.locator(".qz-score").innerText(), /50%/);
    assert.equal(await page.locator(".qz-rv.is-wrong").count(), 2);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("clozes: blanks revealed in place by a click or Enter; readable without JavaScript; cards in flashcards and review", async () => {
  const { context, page } = await at("regions.html");
  try {
    const c = page.locator(".cloze").first();
    assert.equal(await c.getAttribute("aria-expanded"), "false");
    assert.equal(await c.innerText(), "[how many?]");
    await c.click();
    assert.equal(await c.innerText(), "one region");
    const second = page.locator(".cloze").nth(1);
    await second.focus();
    await page.keyboard.press("Enter");
    assert.equal(await second.innerText(), "globally");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
  const noJs = await open(browser, urlIn(site, "regions.html"), { javaScriptEnabled: false });
  try {
    assert.match(await noJs.page.locator("p:has(.cloze)").innerText(), /lives in one region and its name is globally unique/);
  } finally { await noJs.context.close(); }
  const quiz = await at("quiz.html?mode=flashcards&section=cards");
  try {
    await start(quiz.page);
    assert.match(await quiz.page.locator(".qz-card").innerText(), /\[…\]/);
    await quiz.page.getByRole("button", { name: "Show answer" }).click();
    assert.match(await quiz.page.locator(".qz-answer mark.cloze-answer").innerText(), /Paris|Rome/);
    await quiz.page.keyboard.press("3");
    await quiz.page.goto(urlIn(site, "quiz.html?mode=review&section=cards"));
    await start(quiz.page);
    assert.equal(await quiz.page.locator(".qz-card .k-input").count(), 0, "a cloze is not typed");
    await quiz.page.getByRole("button", { name: "Show answer" }).click();
    await quiz.page.keyboard.press("4");
    assert.deepEqual(quiz.page.errors, []);
  } finally { await quiz.context.close(); }
});
