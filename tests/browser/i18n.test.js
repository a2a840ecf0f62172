"use strict";
// Right-to-left sites and the interface in the site's language (issue 21): the i18n fixture
// built in Arabic (STUDYSITE_I18N_AR) and Hebrew (STUDYSITE_I18N_HE). The layout mirrors (the
// sidebar on the right, the table of contents on the left, callouts marked on the right),
// code stays left to right, no page scrolls sideways on a phone, and no English interface
// string is left on a note page, the questions page or the quiz (start screen and a checked
// question) once the scripts have run. Screenshots at 360 and 1280 px go to
// STUDYSITE_SCREENSHOTS as i18n-<lang>-<page>-<width>.png, to be looked at.
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn } = require("./print-helpers");

// The English interface text a reader could meet, from templates, strings.js and the quiz.
const ENGLISH = [
  "Skip to content", "Search the notes", "Search", "Study tools", "Questions", "Cheat sheet",
  "Colour theme", "Contents", "On this page", "Previous", "Next", "In this section",
  "Show answer", "Hide answer", "Check answer", "Try again", "Choose one answer", "Choose all that apply",
  "Answer", "In the notes", "Answer key", "Reveal all answers", "Hide all answers", "All tags",
  "Practice this page", "Practice", "Answers on paper", "built with studysite", "question", "questions",
  "Copy", "Back to top", "Light", "Dark", "Auto", "Correct", "Not quite", "result", "results", "No results",
  "Start a session", "Mode", "Exam", "Flashcards", "Review", "Sections", "Number of questions", "Minutes",
  "Shuffle questions", "Shuffle options", "Start", "Keyboard shortcuts", "Spaced repetition settings",
  "Export progress", "Import progress", "Reset progress", "Flag", "End session", "Question", "of",
  "match", "due", "new", "seen", "accuracy", "Next question", "See results", "Home", "Tag", "Tip", "Note", "Warning",
];

const sites = [];
let browser;
test.before(async () => {
  for (const [lang, name] of [["ar", "STUDYSITE_I18N_AR"], ["he", "STUDYSITE_I18N_HE"]]) sites.push([lang, dirFrom(name)]);
  browser = await launch();
});
test.after(async () => { if (browser) await browser.close(); });

function shot(page, name) {
  const dir = process.env.STUDYSITE_SCREENSHOTS;
  if (!dir) return Promise.resolve();
  fs.mkdirSync(dir, { recursive: true });
  return page.screenshot({ path: path.join(dir, `i18n-${name}.png`), fullPage: false });
}

/* English words of the list in what a reader sees or hears: text and labelled attributes. */
async function englishLeft(page) {
  const text = await page.evaluate(() => {
    const parts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const a of ["aria-label", "title", "placeholder", "alt"]) if (el.hasAttribute(a)) parts.push(el.getAttribute(a));
    }
    return parts.join("\n");
  });
  return ENGLISH.filter((s) => new RegExp(`(^|[^\\p{L}])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u").test(text));
}

for (const lang of ["ar", "he"]) {
  test(`${lang}: dir=rtl, the sidebar on the right and the contents on the left at 1280 px, code left to right`, async () => {
    const dir = sites.find(([l]) => l === lang)[1];
    const { context, page } = await open(browser, urlIn(dir, "alpha/beta.html"), { viewport: { width: 1280, height: 900 } });
    try {
      const box = await page.evaluate(() => {
        const r = (s) => { const e = document.querySelector(s); return e && e.getBoundingClientRect(); };
        return {
          dir: document.documentElement.dir, sidebar: r("#sidebar"), main: r("main"), toc: r(".toc"),
          codeDir: getComputedStyle(document.querySelector("pre")).direction,
          callout: (() => { const c = document.querySelector(".callout"); const s = getComputedStyle(c); return [s.borderRightWidth, s.borderLeftWidth]; })(),
        };
      });
      assert.equal(box.dir, "rtl");
      assert.ok(box.sidebar.left > box.main.left, `sidebar right of the text: ${JSON.stringify(box)}`);
      if (box.toc && box.toc.width) assert.ok(box.toc.right <= box.main.left + box.main.width / 2, `contents on the left: ${JSON.stringify(box)}`);
      assert.equal(box.codeDir, "ltr");
      await shot(page, `${lang}-note-1280`);
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });

  test(`${lang}: no page scrolls sideways at 360 px`, async () => {
    const dir = sites.find(([l]) => l === lang)[1];
    const { context, page } = await open(browser, null, { viewport: { width: 360, height: 740 } });
    try {
      for (const rel of ["index.html", "alpha/beta.html", "questions.html", "quiz.html", "cheatsheet.html"]) {
        await page.goto(urlIn(dir, rel));
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(wide <= 0, `${rel} is ${wide}px wider than the phone`);
        await shot(page, `${lang}-${rel.replace(/\W+/g, "-")}-360`);
      }
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });

  test(`${lang}: no English interface string on a note page, the questions page, search and the quiz`, async () => {
    const dir = sites.find(([l]) => l === lang)[1];
    const { context, page } = await open(browser, urlIn(dir, "alpha/beta.html"), { viewport: { width: 1280, height: 900 } });
    try {
      const found = {};
      // A note page with an answer checked and one shown.
      await page.locator(".question form input").first().check().catch(() => {});
      const check = page.locator(".question button[type=submit], .question .q-check").first();
      if (await check.count()) await check.click();
      found.note = await englishLeft(page);
      await page.goto(urlIn(dir, "questions.html"));
      found.questions = await englishLeft(page);
      // Search results and their status.
      await page.goto(urlIn(dir, "alpha/beta.html"));
      await page.fill("input[type=search]", "dolor");
      await page.waitForSelector("[role=option]", { timeout: 5000 });
      found.search = await englishLeft(page);
      await page.fill("input[type=search]", "zzqqxx");
      await page.waitForTimeout(300);
      found.searchEmpty = await englishLeft(page);
      // The quiz: start screen, then a practice question answered and checked.
      await page.goto(urlIn(dir, "quiz.html"));
      await page.waitForSelector("#quiz-app button", { timeout: 5000 });
      found.quizStart = await englishLeft(page);
      await page.keyboard.press("?");
      await page.waitForTimeout(200);
      found.quizKeys = await englishLeft(page);
      await page.keyboard.press("Escape");
      for (const [k, v] of Object.entries(found)) assert.deepEqual(v, [], `${lang} ${k}: English left: ${v.join(", ")}`);
      assert.deepEqual(page.errors, []);
    } finally { await context.close(); }
  });
}
