"use strict";
// Printing, checked on the PDF that Chromium makes (A4) and read back with pdf.js: the bundled cheat
// sheet fits on a few pages, answers are shown, hidden or moved to an answer key per
// `[print] answers`, no navigation or search reaches the paper, paper is light whatever the
// theme, and headings, tables and code blocks are not split from what belongs to them.
// Sites: STUDYSITE_BUNDLED (answers = "show", the default), STUDYSITE_BUNDLED_HIDE, STUDYSITE_BUNDLED_KEY.
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn, pdfPages, luminance } = require("./print-helpers");

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

/* Text compared without whitespace (PDF text runs split words at ligatures and font changes)
   and without the check and cross marks (drawn by CSS, or missing from the fonts). */
const norm = (s) => String(s).replace(/[\s\u2705\u274c\u2713\u2717]+/g, "");

async function printed(url, opts) {
  const { context, page } = await open(browser, url, opts);
  try {
    const pages = await pdfPages(await page.pdf({ format: "A4" }));
    return { pages, text: pages.join(" ") };
  } finally { await context.close(); }
}

/* Texts of the screen's navigation and controls that the printed content does not contain
   otherwise: none of them may be on paper. */
function chromeTexts() {
  const texts = new Set();
  const add = (s) => { s = String(s || "").replace(/\s+/g, " ").trim(); if (s.length >= 3) texts.add(s); };
  document.querySelectorAll([".skip-link", ".site-header a", ".site-header button", ".sidebar a", ".sidebar .nav-label",
    ".breadcrumb a", ".toc summary", ".pager-dir", ".pager-title", ".site-footer", ".q-toolbar button", ".q-toolbar label",
    "summary", ".copy-code", ".q-check", ".q-link a", ".q-source a", ".print-button", ".children"].join(",")).forEach((e) => add(e.textContent));
  const search = document.querySelector(".search-input");
  add(search && search.placeholder);
  add(search && search.labels && search.labels[0] && search.labels[0].textContent);
  const content = document.querySelector("main").cloneNode(true);
  content.querySelectorAll(".breadcrumb, .toc, .pager, .children, summary, button, .q-link, .q-source, .q-toolbar, .q-index, .no-print, .anchor, .answer-key, .sr-only")
    .forEach((e) => e.remove());
  const body = content.textContent.replace(/\s+/g, "");
  return [...texts].filter((t) => !body.includes(t.replace(/\s+/g, "")));
}

async function navigationOf(url) {
  const { context, page } = await open(browser, url);
  try { return await page.evaluate(chromeTexts); } finally { await context.close(); }
}

function assertNoNavigation(text, nav, what) {
  assert.ok(nav.includes("Skip to content") && nav.includes("Contents"), `${what}: the navigation texts were found (${nav})`);
  const flat = norm(text);
  for (const t of nav) assert.ok(!flat.includes(norm(t)), `${what}: navigation text on paper: "${t}"`);
}

/* Questions on a page with their answer text and (choice questions) the "Answer: B" line. */
function questionsOf() {
  return [...document.querySelectorAll("main .question")].map((q) => {
    const body = q.querySelector(".q-answer-body");
    const key = body && body.querySelector(".q-key");
    let answer = body ? body.textContent : "";
    if (key) answer = answer.replace(key.textContent, "");
    return {
      id: q.dataset.qid,
      kind: q.dataset.kind,
      title: q.firstElementChild.textContent.replace(/#$/, ""),
      answer: answer.replace(/\s+/g, " ").trim(),
      key: key ? key.textContent.replace(/\s+/g, " ").trim() : "",
    };
  });
}

async function questionsIn(url) {
  const { context, page } = await open(browser, url);
  try { return await page.evaluate(questionsOf); } finally { await context.close(); }
}

/* A piece of an answer long enough to be its own (the first 60 characters). */
const snippet = (s) => norm(s).slice(0, 60);

test("the bundled cheat sheet prints on at most 12 A4 pages with every section and no navigation", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const url = urlIn(dir, "cheatsheet.html");
  const { context, page } = await open(browser, url);
  let sections, items;
  try {
    sections = await page.locator(".cs-section h2").allTextContents();
    items = await page.locator(".cs-item").count();
  } finally { await context.close(); }
  assert.ok(sections.length >= 20 && items >= 60, `the bundled cheat sheet has ${sections.length} sections, ${items} items`);
  const { pages, text } = await printed(url);
  assert.ok(pages.length <= 12, `cheat sheet: ${pages.length} A4 pages`);
  const flat = norm(text);
  for (const s of sections) assert.ok(flat.includes(norm(s)), `section "${s}" printed`);
  assertNoNavigation(text, await navigationOf(url), "cheatsheet.html");
  assert.ok(!flat.includes("Everytipandwarning"), "the screen-only introduction is not printed");
});

test("print.answers = show: questions.html prints every answer, also without JavaScript", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const url = urlIn(dir, "questions.html");
  const qs = await questionsIn(url);
  assert.ok(qs.length >= 200, `${qs.length} questions`);
  const { text } = await printed(url);
  const flat = norm(text);
  for (const q of qs) {
    assert.ok(flat.includes(norm(q.title)), `question printed: ${q.title}`);
    if (q.answer) assert.ok(flat.includes(snippet(q.answer)), `answer of ${q.id} printed: ${q.answer.slice(0, 60)}`);
    if (q.key) assert.ok(flat.includes(norm(q.key)), `"${q.key}" of ${q.id} printed`);
  }
  assert.ok(!flat.includes("Answerkey"), "no answer key in show mode");
  assertNoNavigation(text, await navigationOf(url), "questions.html");

  // A note page without JavaScript: the closed <details> still print open.
  const noteUrl = urlIn(dir, "s3.html");
  const noteQs = await questionsIn(noteUrl);
  const noJs = norm((await printed(noteUrl, { javaScriptEnabled: false })).text);
  for (const q of noteQs) if (q.answer) assert.ok(noJs.includes(snippet(q.answer)), `s3.html without JS: answer of ${q.id} printed`);
});

test("print.answers = hide: questions and a note page print the questions without any answer", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED_HIDE");
  for (const file of ["questions.html", "s3.html"]) {
    const url = urlIn(dir, file);
    const qs = await questionsIn(url);
    assert.ok(qs.length >= 10, `${file}: ${qs.length} questions`);
    const { text } = await printed(url);
    const flat = norm(text);
    for (const q of qs) {
      assert.ok(flat.includes(norm(q.title)), `${file}: question printed: ${q.title}`);
      if (q.answer) assert.ok(!flat.includes(snippet(q.answer)), `${file}: answer of ${q.id} is not printed`);
    }
    assert.ok(!/Answers?:[A-Z]/.test(flat), `${file}: no "Answer: B" line`);
    assert.ok(!flat.includes("Answerkey"), `${file}: no answer key`);
    assertNoNavigation(text, await navigationOf(url), file);
  }
});

test("print.answers = key: the answers are only in a numbered answer key at the end", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED_KEY");
  for (const file of ["questions.html", "s3.html"]) {
    const url = urlIn(dir, file);
    const qs = await questionsIn(url);
    assert.ok(qs.length >= 10, `${file}: ${qs.length} questions`);
    const { pages, text } = await printed(url);
    const flat = norm(text);
    const at = flat.indexOf("Answerkey");
    assert.ok(at > 0 && flat.indexOf("Answerkey", at + 1) === -1, `${file}: one "Answer key" heading`);
    const [body, key] = [flat.slice(0, at), flat.slice(at)];
    // The key starts on a page of its own.
    const keyPage = pages.findIndex((p) => norm(p).includes("Answerkey"));
    assert.ok(norm(pages[keyPage]).startsWith("Answerkey"), `${file}: the key starts a page`);
    // Numbered on the page and in the key alike: "3. Question" before the key, "3. Question … answer" in it.
    const entries = qs.map((q, n) => {
      assert.ok(body.includes(norm(`${n + 1}. ${q.title}`)), `${file}: question ${n + 1} numbered on the page: ${q.title}`);
      return key.indexOf(norm(`${n + 1}. ${q.title}`));
    });
    qs.forEach((q, n) => {
      assert.ok(entries[n] > (n ? entries[n - 1] : 0), `${file}: key entry ${n + 1} found, in order: ${q.title}`);
      const entry = key.slice(entries[n], n + 1 < qs.length ? entries[n + 1] : undefined);
      if (q.answer) {
        assert.ok(!body.includes(snippet(q.answer)), `${file}: answer of ${q.id} not next to its question`);
        assert.ok(entry.includes(snippet(q.answer)), `${file}: answer of ${q.id} in its key entry`);
      }
      if (q.key) assert.ok(entry.includes(norm(q.key)), `${file}: "${q.key}" in the key entry of ${q.id}`);
    });
    assert.ok(!/Answers?:[A-Z]/.test(body), `${file}: no "Answer: B" line before the key`);
    assertNoNavigation(text, await navigationOf(url), file);
  }
});

test("print.answers = key: questions.html filtered by a tag prints the key of the shown questions only", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED_KEY");
  const { context, page } = await open(browser, urlIn(dir, "questions.html?tag=lambda"));
  try {
    await page.waitForFunction(() => document.querySelector(".question[hidden]"));
    const shown = await page.locator(".question:not([hidden])").evaluateAll((qs) => qs.filter((q) => !q.closest("[hidden]")).map((q) => q.dataset.qid));
    const hidden = await page.locator(".question").evaluateAll((qs) => qs.filter((q) => q.closest("[hidden]")).map((q) => q.dataset.qid));
    assert.ok(shown.length >= 3 && hidden.length > 100, `${shown.length} shown, ${hidden.length} hidden`);
    const pages = await pdfPages(await page.pdf({ format: "A4" }));
    const printedIds = await page.locator(".answer-key .key-item").evaluateAll((items) => items.filter((i) => !i.closest("[hidden]")).map((i) => i.dataset.qid));
    assert.deepEqual(printedIds, shown, "the key lists the shown questions, in order");
    const titles = new Map(await page.locator(".question").evaluateAll((qs) => qs.map((q) => [q.dataset.qid, q.firstElementChild.textContent])));
    const flat = norm(pages.join(" "));
    const at = flat.indexOf("Answerkey");
    const [body, key] = [flat.slice(0, at), flat.slice(at)];
    // Numbered 1…n on the page and in the key, in the same order.
    let last = 0;
    shown.forEach((id, n) => {
      const entry = norm(`${n + 1}. ${titles.get(id)}`);
      assert.ok(body.includes(entry), `question ${id} printed as number ${n + 1}`);
      assert.ok(key.indexOf(entry) > last, `key entry ${n + 1} is question ${id}`);
      last = key.indexOf(entry);
    });
    const unique = hidden.map((id) => norm(titles.get(id))).filter((t) => ![...shown].some((s) => norm(titles.get(s)).includes(t)));
    for (const t of unique) assert.ok(!key.includes(t), `a question the filter hides is not in the key: ${t}`);
  } finally { await context.close(); }
});

test("paper is light even when the screen is dark, and the page is laid out for it", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const { context, page } = await open(browser, urlIn(dir, "s3.html"), { colorScheme: "dark" });
  try {
    await page.evaluate(() => { localStorage.setItem("studysite-theme", "dark"); });
    await page.reload();
    const screenBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(luminance(screenBg) < 0.05, `dark on screen: ${screenBg}`);
    await page.emulateMedia({ media: "print" });
    const paper = await page.evaluate(() => {
      const style = (sel, prop) => { const e = document.querySelector(sel); return e && getComputedStyle(e)[prop]; };
      return {
        bg: style("body", "backgroundColor"), fg: style("body", "color"), code: style("pre.code", "backgroundColor"),
        th: style("th", "color"), callout: style(".callout p:not(.callout-title)", "color"),
        header: style(".site-header", "display"), sidebar: style(".sidebar", "display"), toc: style(".toc", "display"),
        tableBreak: style("table", "breakInside"), preBreak: style("pre.code", "breakInside"), h2After: style("h2", "breakAfter"),
      };
    });
    assert.ok(luminance(paper.bg) > 0.95, `paper background: ${paper.bg}`);
    for (const k of ["fg", "th", "callout"]) assert.ok(luminance(paper[k]) < 0.05, `${k} is dark ink: ${paper[k]}`);
    assert.ok(luminance(paper.code) > 0.85, `code background on paper: ${paper.code}`);
    assert.deepEqual([paper.header, paper.sidebar, paper.toc], ["none", "none", "none"]);
    assert.deepEqual([paper.tableBreak, paper.preBreak, paper.h2After], ["avoid", "avoid", "avoid"]);
  } finally { await context.close(); }
});

test("on paper, headings stay with what follows and tables and code blocks are not split", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  let checked = 0;
  for (const file of ["s3.html", "lambda.html", "dynamodb.html", "storage-comparison.html"]) {
    const url = urlIn(dir, file);
    const { context, page } = await open(browser, url);
    let blocks, headings, pages;
    try {
      // First and last line of every table and code block, and every heading.
      blocks = await page.evaluate(() => [...document.querySelectorAll(".note-body table, .note-body pre.code")].map((e) => {
        const lines = (e.tagName === "TABLE" ? [...e.rows].map((r) => r.textContent) : e.textContent.split("\n"))
          .map((l) => l.replace(/\s+/g, "")).filter((l) => l.length >= 6);
        return [lines[0], lines[lines.length - 1]];
      }).filter(([a, b]) => a && b && a !== b));
      headings = await page.locator(".note-body h2, .note-body h3").evaluateAll((hs) => hs.map((h) => h.textContent.replace(/#$/, "").replace(/\s+/g, "")));
      pages = (await pdfPages(await page.pdf({ format: "A4" }))).map(norm);
    } finally { await context.close(); }
    assert.ok(pages.length >= 2, `${file} prints on ${pages.length} pages`);
    for (const [first, last] of blocks) {
      const on = pages.map((p, n) => (p.includes(first) ? n : -1)).filter((n) => n >= 0);
      if (on.length !== 1) continue; // text repeated elsewhere: cannot tell its page
      assert.ok(pages[on[0]].includes(last), `${file}: a block starting "${first.slice(0, 40)}" ends on the same page`);
      checked++;
    }
    for (let n = 0; n < pages.length - 1; n++) {
      for (const h of headings) assert.ok(!pages[n].endsWith(h), `${file}: heading "${h}" alone at the bottom of page ${n + 1}`);
    }
  }
  assert.ok(checked >= 15, `${checked} tables and code blocks checked`);
});

test("the reader chooses answers on paper at print time, and the choice is remembered", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED");
  const { context, page } = await open(browser, urlIn(dir, "s3.html"));
  try {
    const qs = await page.evaluate(questionsOf);
    const sel = page.locator("select.print-answers");
    assert.equal(await sel.inputValue(), "show", "the site's setting is the default");
    assert.ok(await sel.isVisible(), "the choice is on the page");
    await sel.selectOption("hide");
    let flat = norm((await pdfPages(await page.pdf({ format: "A4" }))).join(" "));
    for (const q of qs) if (q.answer) assert.ok(!flat.includes(snippet(q.answer)), `hidden: answer of ${q.id} not printed`);
    await page.goto(urlIn(dir, "questions.html"));
    assert.equal(await page.locator("select.print-answers").inputValue(), "hide", "remembered on another page");
    const pages = await pdfPages(await page.pdf({ format: "A4" }));
    assert.ok(pages.length <= 35, `questions.html with answers hidden prints on ${pages.length} A4 pages (at most 35)`);
    await page.locator("select.print-answers").selectOption("key");
    flat = norm((await pdfPages(await page.pdf({ format: "A4" }))).join(" "));
    assert.ok(flat.includes("Answerkey"), "key: the answer key is printed");
    // The key's titles are the questions' as shown (their code kept), without heading links or ids.
    assert.ok(await page.locator(".answer-key .key-q code").count() > 0, "key: a title keeps its code");
    assert.equal(await page.locator(".answer-key .key-q a.anchor, .answer-key .key-q [id]").count(), 0, "key: no anchors or ids");
    assert.equal(await page.locator(".answer-key .key-q").first().evaluate((p) => p.textContent.trim() === p.textContent), true, "key: titles trimmed");
    await page.locator("select.print-answers").selectOption("show");
    assert.equal(await page.evaluate(() => localStorage.getItem("studysite-print-answers")), null, "back to the default: nothing stored");
  } finally { await context.close(); }
});

test("on paper a question is compact: no card border, short options side by side", async () => {
  const dir = dirFrom("STUDYSITE_BUNDLED_HIDE");
  const { context, page } = await open(browser, urlIn(dir, "ec2.html"));
  try {
    await page.emulateMedia({ media: "print" });
    const m = await page.evaluate(() => {
      const q = [...document.querySelectorAll(".question")].find((e) => e.querySelectorAll(".q-option").length >= 4);
      const tops = [...q.querySelectorAll(".q-option")].map((o) => Math.round(o.getBoundingClientRect().top));
      const cs = getComputedStyle(q);
      return { rows: new Set(tops).size, n: tops.length, border: cs.borderLeftWidth, right: cs.borderRightWidth };
    });
    assert.ok(m.rows < m.n, `${m.n} options on ${m.rows} lines`);
    assert.equal(m.right, "0px", "no card border");
  } finally { await context.close(); }
});
