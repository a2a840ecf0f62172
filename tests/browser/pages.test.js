"use strict";
// Note pages and questions.html: no-JS reveal, checking a choice question, reveal-all, tag filter.
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open, serve, fileUrl } = require("./helpers");

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

test("without JavaScript the <details> answer opens on click, and explanations are visible", async () => {
  const { context, page } = await open(browser, fileUrl("basics.html"), { javaScriptEnabled: false });
  try {
    const q = page.locator("#q-iam-global");
    const details = q.locator("details.q-answer");
    assert.equal(await details.evaluate((d) => d.open), false);
    assert.equal(await q.locator(".q-answer-body").isVisible(), false, "answer hidden before the click");
    await q.locator("details.q-answer > summary").click();
    assert.equal(await details.evaluate((d) => d.open), true);
    assert.ok(await q.locator(".q-answer-body").isVisible(), "answer visible after the click");
    assert.match(await q.locator(".q-answer-body").innerText(), /Global/);
    // choice question: per-option explanations are readable and the Check button is hidden without JS
    const nlb = page.locator("#q-nlb-static-ip");
    assert.ok(await nlb.locator(".q-why").first().isVisible(), ".q-why visible without JS");
    assert.equal(await nlb.locator(".q-check").isVisible(), false, "Check button hidden without JS");
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains("has-js")), false);
  } finally { await context.close(); }
});

async function wrongChoice(page) {
  assert.deepEqual(page.errors, []);
  const q = page.locator("#q-nlb-static-ip");
  assert.equal(await q.locator(".q-why").first().isVisible(), false, ".q-why hidden with JS before checking");
  assert.ok(await q.locator(".q-check").isVisible(), "Check button shown with JS");
  const opts = q.locator(".q-option");
  // the Application Load Balancer option is wrong
  const wrong = opts.filter({ hasText: "Application Load Balancer" });
  await wrong.locator("input").check();
  await q.locator(".q-check").click();
  assert.ok(await wrong.evaluate((li) => li.classList.contains("is-wrong") && li.classList.contains("is-chosen")));
  const right = opts.filter({ hasText: "Network Load Balancer" });
  assert.ok(await right.evaluate((li) => li.classList.contains("is-correct")));
  assert.ok(await wrong.locator(".q-why").isVisible(), "explanation of the chosen option shown");
  assert.match(await wrong.locator(".q-why").innerText(), /DNS name/);
  assert.ok(await right.locator(".q-why").isVisible(), "explanation of the correct option shown");
  const fb = q.locator(".q-feedback");
  assert.equal(await fb.getAttribute("aria-live"), "polite");
  assert.equal((await fb.innerText()).replace(/^\W+/, ""), "Not quite: the answer is B.");
  assert.ok(await fb.evaluate((el) => el === document.activeElement), "focus moved to the feedback");
  // second click resets; then the right answer via Enter on the option
  await q.locator(".q-check").click();
  assert.equal(await fb.innerText(), "");
  assert.equal(await wrong.evaluate((li) => li.classList.contains("is-wrong")), false);
  await right.locator("input").check();
  await right.locator("input").press("Enter");
  assert.match(await fb.innerText(), /Correct\./);
  // multi choice: choose both right answers
  const kv = page.locator("#q-kv-stores");
  await kv.locator(".q-option", { hasText: "ElastiCache" }).locator("input").check();
  await kv.locator(".q-option", { hasText: "DynamoDB" }).locator("input").check();
  await kv.locator(".q-check").click();
  assert.match(await kv.locator(".q-feedback").innerText(), /Correct\./);
  assert.deepEqual(page.errors, []);
}

test("note page: a wrong choice is marked, explained and announced (file://)", async () => {
  const { context, page } = await open(browser, fileUrl("basics.html"));
  try { await wrongChoice(page); } finally { await context.close(); }
});

test("note page over http from a local static server", async () => {
  const server = await serve();
  const { context, page } = await open(browser, server.url("basics.html"));
  try { await wrongChoice(page); } finally { await context.close(); await server.close(); }
});

test("questions.html: reveal all opens every answer, hide all closes them", async () => {
  const { context, page } = await open(browser, fileUrl("questions.html"));
  try {
    const total = await page.locator("details.q-answer").count();
    assert.ok(total >= 10, `expected the fixture's questions, got ${total}`);
    assert.equal(await page.locator("details.q-answer[open]").count(), 0);
    await page.getByRole("button", { name: "Reveal all answers" }).click();
    assert.equal(await page.locator("details.q-answer[open]").count(), total);
    assert.ok(await page.locator("#q-iam-global .q-answer-body").isVisible());
    await page.getByRole("button", { name: "Hide all answers" }).click();
    assert.equal(await page.locator("details.q-answer[open]").count(), 0);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("questions.html: the tag filter hides other questions and empty sections", async () => {
  const { context, page } = await open(browser, fileUrl("questions.html"));
  try {
    const all = await page.locator(".question").count();
    assert.equal(await page.locator(".q-count").innerText(), `${all} questions`);
    await page.selectOption("#q-tag-filter", "messaging");
    const visible = page.locator(".question:visible");
    assert.equal(await visible.count(), 3);
    for (const tags of await visible.evaluateAll((els) => els.map((e) => e.dataset.tags))) {
      assert.ok(tags.split(/\s+/).includes("messaging"), tags);
    }
    assert.equal(await page.locator("#q-iam-global").isVisible(), false);
    assert.equal(await page.locator(".q-count").innerText(), "3 questions");
    // sections without a messaging question are hidden
    assert.equal(await page.locator(".q-section:visible").count(), 1);
    const index = page.locator(".q-index li");
    if (await index.count()) assert.equal(await page.locator(".q-index li:visible").count(), 1, "section index follows the filter");
    await page.selectOption("#q-tag-filter", "");
    assert.equal(await page.locator(".question:visible").count(), all);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("questions.html: ?tag= applies a known tag and ignores anything else", async () => {
  const { context, page } = await open(browser, fileUrl("questions.html?tag=iam"));
  try {
    assert.equal(await page.locator("#q-tag-filter").inputValue(), "iam");
    assert.equal(await page.locator(".question:visible").count(), 1);
    const all = await page.locator(".question").count();
    await page.goto(fileUrl("questions.html?tag=" + encodeURIComponent('"><img src=x onerror="window.__pwned=1">')));
    assert.equal(await page.locator("#q-tag-filter").inputValue(), "");
    assert.equal(await page.locator(".question:visible").count(), all);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});
