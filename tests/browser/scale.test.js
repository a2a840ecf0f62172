"use strict";
// A large bank's quiz data per section (src/render/quiz_parts.rs, static/assets/quiz-loader.js)
// in headless Chromium from file://: STUDYSITE_BUNDLED_QUIZ_PARTS is the bundled notes built
// with STUDYSITE_QUIZ_PARTS=always (a manifest, and a script per section).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch, open, progress } = require("./helpers");

function dir(name) {
  const d = process.env[name];
  if (!d) throw new Error(`${name} is not set (tests/browser.rs sets it)`);
  const abs = path.resolve(d);
  if (!fs.existsSync(path.join(abs, "quiz.html"))) throw new Error(`${name}=${abs} has no quiz.html`);
  return abs;
}
const url = (rel) => pathToFileURL(path.join(dir("STUDYSITE_BUNDLED_QUIZ_PARTS"), rel.split("?")[0])).href + (rel.includes("?") ? "?" + rel.split("?")[1] : "");

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

// The section scripts the page has added, by section number.
const sectionScripts = (page) => page.evaluate(() => [...document.querySelectorAll("script[src]")]
  .map((e) => /quiz-data-(\d+)\.[0-9a-f]+\.js$/.exec(e.src)).filter(Boolean).map((m) => +m[1]).sort((a, b) => a - b));
const sections = (page) => page.evaluate(() => window.STUDYSITE_QUIZ.sections.map((s) => s.slug));

test("a practice session over two sections loads exactly their two scripts", async () => {
  const { context, page } = await open(browser, url("quiz.html?mode=practice&section=iam&section=s3&n=500"));
  try {
    await page.locator(".qz-start").waitFor();
    assert.deepEqual(await sectionScripts(page), [], "nothing but the manifest before Start");
    const slugs = await sections(page), want = ["iam", "s3"].map((s) => slugs.indexOf(s)).sort((a, b) => a - b);
    assert.ok(want.every((i) => i >= 0), String(slugs));
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    assert.deepEqual(await sectionScripts(page), want);
    assert.deepEqual(await page.evaluate(() => window.StudysiteQuizLoader.loaded()), want);
    // The card shows the question's own text and options from the section's script.
    const id = await page.locator(".qz-card").getAttribute("data-qid");
    const q = await page.evaluate((id) => window.STUDYSITE_QUIZ.questions.find((x) => x.id === id), id);
    assert.ok(want.includes(q.section) && q.q && q.url, JSON.stringify(q));
    assert.ok((await page.locator(".qz-q").innerText()).trim().length > 5);
    if (q.kind !== "free") {
      assert.equal(await page.locator(".qz-options li").count(), q.options.length);
      await page.locator(".qz-options input").first().check();
      await page.keyboard.press("Enter");
      await page.locator(".qz-feedback").filter({ hasText: /Correct|Not quite/ }).waitFor();
    }
    const p = await progress(page);
    assert.ok(p.run.ids.length > 10 && p.run.ids.every((x) => p.run.ids.includes(x)));
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

const tagsFile = (page) => page.evaluate(() => [...document.querySelectorAll("script[src]")].some((e) => /quiz-tags\.[0-9a-f]+\.js$/.test(e.src)));
const idsFile = (page) => page.evaluate(() => [...document.querySelectorAll("script[src]")].some((e) => /quiz-ids\.[0-9a-f]+\.js$/.test(e.src)));
// The first choice question of each of these sections, read by loading them (before a reload).
const firstOf = (page, slugs) => page.evaluate(async (slugs) => {
  const d = window.STUDYSITE_QUIZ, secs = slugs.map((x) => d.sections.findIndex((s) => s.slug === x));
  await window.StudysiteQuizLoader.sections(secs);
  return { ids: secs.map((i) => d.questions.find((q) => q.section === i && q.kind !== "free" && q.kind !== "cloze").id), secs: secs.slice().sort((a, b) => a - b) };
}, slugs);

test("the manifest holds no question: the start screen counts from it and asks nothing else", async () => {
  const { context, page } = await open(browser, url("quiz.html"));
  try {
    await page.locator(".qz-start").waitFor();
    const d = await page.evaluate(() => ({ v: window.STUDYSITE_QUIZ.v, n: window.STUDYSITE_QUIZ.sections.reduce((a, s) => a + s.n, 0) }));
    assert.equal(d.v, 3);
    assert.match(await page.locator(".qz-dash").innerText(), new RegExp(`of ${d.n} cards`));
    assert.deepEqual(await sectionScripts(page), []);
    assert.equal(await idsFile(page), false, "no ids file without stored progress");
    // the exam's count leaves out the self-graded questions, as the whole bank does
    await page.locator("input[value=exam]").check();
    const exam = await page.evaluate(() => window.STUDYSITE_QUIZ.sections.reduce((a, s) => a + s.n - (s.g || 0), 0));
    assert.match(await page.locator(".qz-info").innerText(), new RegExp(`${exam} choice questions match`));
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("practice over every section draws from a few sections, not one per question, and asks 20", async () => {
  const { context, page } = await open(browser, url("quiz.html?mode=practice"));
  try {
    await page.locator(".qz-start").waitFor();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    const loaded = await sectionScripts(page), p = await progress(page);
    assert.ok(loaded.length >= 2 && loaded.length <= 12, String(loaded));
    assert.equal(p.run.ids.length, 20);
    assert.equal(new Set(p.run.ids).size, 20);
    const secs = await page.evaluate((ids) => ids.map((id) => window.STUDYSITE_QUIZ.questions.find((q) => q.id === id).section), p.run.ids);
    assert.ok(secs.every((s) => loaded.includes(s)));
    assert.equal(p.run.secs.length, 20, "the session keeps where its questions are");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a practice session over one tag asks only questions with it", async () => {
  const { context, page } = await open(browser, url("quiz.html"));
  try {
    await page.locator(".qz-start").waitFor();
    // the tag on the most questions, from the manifest's counts
    assert.equal(await tagsFile(page), false, "tag counts are loaded only once a tag is chosen");
    const { tag, most } = await page.evaluate(async () => {
      await window.StudysiteQuizLoader.tagCounts();
      const d = window.STUDYSITE_QUIZ, n = d.tags.map(() => 0);
      for (const s of d.sections) for (let i = 0; i + 1 < (s.t || []).length; i += 2) n[s.t[i]] += s.t[i + 1];
      return { tag: d.tags[n.indexOf(Math.max(...n))], most: Math.max(...n) };
    });
    await page.goto(url(`quiz.html?mode=practice&tag=${encodeURIComponent(tag)}&n=10`));
    await page.locator(".qz-start").waitFor();
    // the count waits for the tag counts, then says how many questions have the tag
    await page.locator(".qz-info", { hasText: `${most} questions match` }).waitFor();
    assert.equal(await tagsFile(page), true, "a tag in the URL loads the tag counts");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    const ids = (await progress(page)).run.ids;
    assert.equal(ids.length, 10);
    const tags = await page.evaluate((ids) => ids.map((id) => window.STUDYSITE_QUIZ.questions.find((q) => q.id === id).tags), ids);
    assert.ok(tags.every((t) => t.includes(tag)), JSON.stringify(tags));
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a timed exam draws by domain from the sections it loads and resumes after a reload", async () => {
  const { context, page } = await open(browser, url("quiz.html?mode=exam"));
  try {
    await page.locator(".qz-start").waitFor();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-exam, .qz-card").first().waitFor();
    const e = (await progress(page)).exam;
    assert.equal(e.ids.length, 65);
    const kinds = await page.evaluate((ids) => ids.map((id) => window.STUDYSITE_QUIZ.questions.find((q) => q.id === id).kind), e.ids);
    assert.ok(kinds.every((k) => k !== "free" && k !== "cloze"), kinds.join());
    const domains = await page.evaluate((ids) => new Set(ids.map((id) => { const d = window.STUDYSITE_QUIZ, q = d.questions.find((x) => x.id === id); return q.domain != null ? q.domain : d.sections[q.section].domain; })).size, e.ids);
    assert.equal(domains, 4, "every exam domain is asked");
    const shown = await page.locator("[data-qid]").first().getAttribute("data-qid");
    await page.reload();
    await page.locator("[data-qid]").first().waitFor();
    assert.equal(await page.locator("[data-qid]").first().getAttribute("data-qid"), shown);
    assert.deepEqual((await progress(page)).exam.ids, e.ids);
    assert.equal(await idsFile(page), false, "the exam kept where its questions are");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("cards stored without their section (before the split) are found through the ids file, once", async () => {
  const { context, page } = await open(browser, url("quiz.html"));
  try {
    await page.locator(".qz-start").waitFor();
    const day = await page.evaluate(() => window.StudysiteFSRS.dayNumber(new Date()));
    const picks = await firstOf(page, ["s3", "sqs"]);
    // Two due cards of two sections, in the layout stored before cards had `sec` and `lg`.
    await page.evaluate(({ ids, day }) => {
      const cards = {};
      for (const id of ids) cards[id] = { s: 3, d: 5, due: day - 1, last: day - 4, reps: 2, lapses: 0, st: 2 };
      localStorage.setItem(window.storeKey(), JSON.stringify({ v: 1, settings: { retention: 0.9, maxIvl: 365, newPerDay: 0 }, cards, log: [] }));
    }, { ids: picks.ids, day });
    await page.reload();
    await page.locator(".qz-start").waitFor();
    assert.match(await page.locator(".qz-dash").innerText(), /2 cards due today, 0 new/);
    assert.equal(await idsFile(page), true);
    assert.deepEqual(await sectionScripts(page), [], "no section before Start");
    const stored = await progress(page);
    assert.deepEqual(picks.ids.map((id) => stored.cards[id].sec), ["s3", "sqs"], "the cards keep their section");
    await page.locator("input[value=review]").check();
    assert.match(await page.locator(".qz-info").innerText(), /2 cards due and 0 new/);
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    assert.deepEqual(await sectionScripts(page), picks.secs);
    const first = await page.locator(".qz-card").getAttribute("data-qid");
    assert.ok(picks.ids.includes(first));
    await page.locator(".qz-options input").first().check();
    await page.keyboard.press("Enter");
    await page.locator(".qz-feedback").filter({ hasText: /Correct|Not quite/ }).waitFor();
    await page.getByRole("button", { name: "Next →", exact: true }).click();
    const p = await progress(page);
    assert.equal(p.cards[first].reps, 3, "graded on top of the stored card");
    assert.ok(p.cards[first].fp, "the graded card has the question's fingerprint");
    // next visit (the session resumes): the cards and the session know their sections, so the
    // ids file is not loaded again
    await page.reload();
    await page.locator(".qz-card").waitFor();
    assert.equal(await idsFile(page), false);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("an answer given on a note page is graded by the quiz, loading only that section", async () => {
  const { context, page } = await open(browser, url("quiz.html"));
  try {
    await page.locator(".qz-start").waitFor();
    const day = await page.evaluate(() => window.StudysiteFSRS.dayNumber(new Date()));
    const picks = await firstOf(page, ["kms"]);
    await page.evaluate(({ id, day }) => localStorage.setItem(window.storeKey(), JSON.stringify({ v: 1, cards: {}, log: [], inbox: [[day, id, 3, "kms"]] })),
      { id: picks.ids[0], day });
    await page.reload();
    await page.locator(".qz-start").waitFor();
    const p = await progress(page);
    assert.equal(p.cards[picks.ids[0]].reps, 1);
    assert.equal(p.cards[picks.ids[0]].sec, "kms");
    assert.deepEqual(p.inbox, []);
    assert.deepEqual(await sectionScripts(page), picks.secs);
    assert.equal(await idsFile(page), false);
    assert.match(await page.locator(".qz-dash").innerText(), /· 1 of \d+ cards? seen/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a session in progress resumes after a reload, loading its sections again", async () => {
  const { context, page } = await open(browser, url("quiz.html?mode=flashcards&section=kms&n=3"));
  try {
    await page.locator(".qz-start").waitFor();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    const id = await page.locator(".qz-card").getAttribute("data-qid");
    await page.reload();
    await page.locator(".qz-card").waitFor();
    assert.equal(await page.locator(".qz-card").getAttribute("data-qid"), id);
    const kms = (await sections(page)).indexOf("kms");
    assert.deepEqual(await sectionScripts(page), [kms]);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a long list of sections is folded by folder, each made when opened", async () => {
  const folders = dir("STUDYSITE_FOLDERS_QUIZ");
  const { context, page } = await open(browser, pathToFileURL(path.join(folders, "quiz.html")).href);
  try {
    await page.locator(".qz-start").waitFor();
    await page.locator(".qz-what > summary").click();
    const summaries = await page.locator(".qz-folder > summary").allInnerTexts();
    assert.deepEqual(summaries, ["unit-0 — 30 sections", "unit-1 — 30 sections", "unit-2 — 30 sections"]);
    assert.equal(await page.locator(".qz-folder input[type=checkbox]").count(), 0, "no box before its folder opens");
    await page.getByRole("button", { name: "None", exact: true }).click();
    await page.locator(".qz-folder > summary", { hasText: "unit-1" }).click();
    // (the boxes are made on the folder's `toggle` event, which the browser fires after the click)
    await page.locator(".qz-folder[open] input[type=checkbox]").nth(29).waitFor();
    assert.equal(await page.locator(".qz-folder[open] input[type=checkbox]").count(), 30);
    assert.equal(await page.locator(".qz-folder[open] input:checked").count(), 0, "None holds for boxes made later");
    await page.getByLabel("Topic 1.7", { exact: true }).check();
    await page.locator(".qz-info", { hasText: "1 question matches" }).waitFor();
    await page.getByRole("button", { name: "All", exact: true }).click();
    assert.equal(await page.locator(".qz-folder[open] input:checked").count(), 30);
    await page.getByRole("button", { name: "None", exact: true }).click();
    await page.getByLabel("Topic 1.7", { exact: true }).check();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await page.locator(".qz-card").waitFor();
    assert.match(await page.locator(".qz-card").innerText(), /topic 1\.7\?/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});
