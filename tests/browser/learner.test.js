"use strict";
// The learner's loop on the bundled DVA-C02 notes (issue 20): a mock exam drawn by exam domain
// that ends in a review, the quiz's start screen (compact, URL presets, "Practice this page"),
// the exam's interface, spaced-repetition wording and settings, and progress that survives a
// reload and is kept from note pages, shown on the home page; and a stored v1 record from
// before all this.
const test = require("node:test");
const assert = require("node:assert/strict");
const { launch, open } = require("./helpers");
const { dirFrom, urlIn } = require("./print-helpers");

const PHONE = { width: 360, height: 740 }, LAPTOP = { width: 1280, height: 800 };
let browser, site;
test.before(async () => {
  site = dirFrom("STUDYSITE_BUNDLED");
  browser = await launch();
});
test.after(async () => { if (browser) await browser.close(); });

const KEY = "studysite:dva-c02-notes:v1";
const at = (rel, viewport = LAPTOP) => open(browser, urlIn(site, rel), { viewport });
const store = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "null"), KEY);
const setStore = (page, v) => page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [KEY, v]);
const data = (page) => page.evaluate(() => window.STUDYSITE_QUIZ);
const heading = (page) => page.locator(".qz-qh").innerText();
const today = (page) => page.evaluate(() => window.StudysiteFSRS.dayNumber());
async function startWith(page, { mode, count }) {
  if (mode) await page.locator(`input[name="qz-mode"][value="${mode}"]`).check();
  if (count) {
    await page.locator(".qz-what > summary").click();
    await page.fill("#qz-count", String(count));
    await page.locator("#qz-count").press("Tab");
  }
  await page.getByRole("button", { name: "Start", exact: true }).click();
}
/* The displayed positions of the right (or one wrong) option of the card on screen. */
async function pick(page, right) {
  const D = await data(page), id = await page.locator(".qz-card").getAttribute("data-qid");
  const q = D.questions.find((x) => x.id === id);
  const shown = await page.locator(".qz-card .qz-opt input").evaluateAll((els) => els.map((e) => +e.value));
  const picks = right ? shown.map((o, p) => (q.options[o].correct ? p : -1)).filter((p) => p >= 0) : [shown.findIndex((o) => !q.options[o].correct)];
  for (const p of picks) await page.keyboard.press(String(p + 1));
  return q;
}

test("a mock exam is drawn in the domains' weights, hides sections, and ends in a review by domain and section", async () => {
  const { context, page } = await at("quiz.html");
  try {
    const D = await data(page);
    assert.deepEqual(D.domains.map((d) => [d.title, d.weight]), [["Development with AWS Services", 32], ["Security", 26],
      ["Deployment", 24], ["Troubleshooting and Optimization", 18]]);
    const dom = (q) => (q.domain != null ? q.domain : D.sections[q.section].domain);
    assert.ok(D.questions.every((q) => dom(q) >= 0), "every bundled question is in a domain");
    await startWith(page, { mode: "exam", count: 20 });
    const E = (await store(page)).exam, byId = Object.fromEntries(D.questions.map((q) => [q.id, q]));
    const counts = [0, 0, 0, 0];
    for (const id of E.ids) counts[dom(byId[id])]++;
    // 20 × 32/26/24/18 % = 6.4, 5.2, 4.8, 3.6 → largest remainders: 6, 5, 5, 4
    assert.deepEqual(counts, [6, 5, 5, 4]);
    assert.equal(await page.locator(".qz-card .qz-topic").count(), 0, "the section would give the answer away");
    // one right, one wrong, one flagged, the rest unanswered
    await pick(page, true);
    await page.keyboard.press("ArrowRight");
    const wrongQ = await pick(page, false);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("f");
    await page.getByRole("button", { name: "Submit exam" }).click();
    const dlg = page.locator("dialog[open]");
    assert.match(await dlg.innerText(), /18 questions not answered yet/);
    assert.match(await dlg.innerText(), /1 question still flagged/);
    await dlg.getByRole("button", { name: "Submit anyway" }).click();
    await page.locator("h2", { hasText: "Exam results" }).waitFor();
    const table = (cap) => page.locator("table.qz-sections", { has: page.locator("caption", { hasText: cap }) })
      .locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent.trim(), parseInt(tr.cells[2].textContent, 10)]));
    const doms = await table("exam domain");
    assert.equal(doms.length, 4);
    const secs = await table("by section");
    for (const rows of [doms, secs]) assert.deepEqual(rows.map((r) => r[1]), rows.map((r) => r[1]).slice().sort((a, b) => a - b), "weakest first");
    // the review: every question, your choice and the key, the explanations, where to learn it
    const items = page.locator(".qz-rv");
    assert.equal(await items.count(), 20);
    const w = page.locator(`.qz-rv[data-qid="${wrongQ.id}"]`);
    await w.locator("summary").click();
    assert.equal(await w.locator(".qz-opt.is-chosen.is-wrong").count(), 1, "your wrong choice is marked");
    assert.equal(await w.locator(".qz-opt.is-correct").count(), wrongQ.options.filter((o) => o.correct).length, "the key is marked");
    if (wrongQ.explain) assert.ok(await w.locator(".qz-answer-body").isVisible(), "its explanation");
    const learn = w.locator("a.qz-learn");
    assert.equal(await learn.getAttribute("href"), wrongQ.see || wrongQ.url);
    if (wrongQ.see) assert.match(await learn.innerText(), /^Learn it: /);
    await page.getByRole("button", { name: "Wrong (19)" }).click();
    assert.equal(await page.locator(".qz-rv:not([hidden])").count(), 19);
    await page.getByRole("button", { name: "Flagged (1)" }).click();
    assert.equal(await page.locator(".qz-rv:not([hidden])").count(), 1);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("\"learn it\" goes to the section that teaches it, not to the question", async () => {
  const { context, page } = await at("quiz.html");
  try {
    const D = await data(page);
    const withSee = D.questions.filter((q) => q.see);
    assert.ok(withSee.length >= D.questions.length * 0.9, `${withSee.length} of ${D.questions.length} have a section`);
    for (const q of withSee) {
      assert.ok(!q.see.includes("#q-"), `${q.id}: ${q.see} is a section, not a question`);
      assert.ok(q.see.startsWith(D.sections[q.section].url + "#"), `${q.id}: on its own page`);
    }
    const limits = D.questions.find((q) => /maximum Lambda execution timeout/.test(q.q));
    assert.equal(limits.see, "lambda.html#limits");
    assert.equal(limits.seet, "Limits");
  } finally { await context.close(); }
});

test("exam screen: the picked option stands out, answered questions fill the navigator, the timer turns urgent, \"Choose 2\"", async () => {
  const { context, page } = await at("quiz.html");
  try {
    const D = await data(page);
    const two = D.questions.find((q) => q.kind === "multi" && /\(Choose 2\)/i.test(q.q));
    const one = D.questions.find((q) => q.kind === "single");
    const now = Date.now(), order = {};
    for (const q of [two, one]) order[q.id] = q.options.map((_, i) => i);
    await setStore(page, { v: 1, cards: {}, exam: { ids: [two.id, one.id], order, ans: {}, flags: [], i: 0, start: now - 600000, end: now + 45000, pass: 72, note: "" } });
    await page.reload();
    await page.locator(".qz-card").waitFor();
    assert.equal(await page.locator(".qz-legend").innerText(), "Choose 2");
    assert.match(await page.locator(".qz-timer").getAttribute("class"), /is-critical/);
    const navBg = (i) => page.locator(".qz-navbtn").nth(i).evaluate((b) => getComputedStyle(b).backgroundColor);
    const before = await navBg(0);
    await page.keyboard.press("1");
    const opt = page.locator(".qz-opt").first();
    assert.match(await opt.getAttribute("class"), /is-picked/);
    const [picked, plain] = await page.locator(".qz-opt").evaluateAll((els) => els.slice(0, 2).map((e) => getComputedStyle(e).backgroundColor));
    assert.notEqual(picked, plain, "the picked option has its own background");
    assert.notEqual(await navBg(0), before, "an answered question is filled in the navigator");
    assert.notEqual(await navBg(0), await navBg(1));
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("start screen: Start on the first phone screen and a few Tabs away, all/none, practice asks 20", async () => {
  const { context, page } = await at("quiz.html", PHONE);
  try {
    const start = page.getByRole("button", { name: "Start", exact: true });
    const box = await start.boundingBox();
    assert.ok(box.y + box.height <= PHONE.height, `Start at ${box.y}`);
    await page.locator("input[name=qz-mode][value=practice]").focus();
    let tabs = 0;
    while (!(await start.evaluate((b) => b === document.activeElement)) && tabs < 20) { await page.keyboard.press("Tab"); tabs++; }
    assert.ok(tabs <= 2, `${tabs} Tab presses from the mode to Start`);
    assert.match(await page.locator(".qz-info").innerText(), /20 will be asked/);
    assert.match(await page.locator(".qz-what > summary").innerText(), /all sections · any tag · 20 questions/);
    await page.locator(".qz-what > summary").click();
    await page.getByRole("button", { name: "None", exact: true }).click();
    assert.equal(await start.isDisabled(), true);
    assert.equal(await page.locator(".qz-group legend", { hasText: "Security" }).count(), 1, "sections grouped by domain");
    await page.locator(".qz-group .qz-check", { hasText: /^\s*KMS\s*$/ }).locator("input").check();
    assert.match(await page.locator(".qz-what > summary").innerText(), /^Questions: KMS · /);
    await page.getByRole("button", { name: "All", exact: true }).click();
    await start.click();
    assert.equal(await heading(page), "Question 1 of 20");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("quiz.html reads ?mode=&section=&n=&tag= and ignores what it does not know", async () => {
  const { context, page } = await at("quiz.html?mode=practice&section=dynamodb&n=5");
  try {
    await page.locator(".qz-start").waitFor();
    assert.match(await page.locator(".qz-what > summary").innerText(), /DynamoDB · any tag · 5 questions/);
    assert.equal(new URL(page.url()).search, "", "a reload resumes instead of presetting again");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Start");
    await page.keyboard.press("Enter");
    const D = await data(page), sec = D.sections.findIndex((s) => s.slug === "dynamodb");
    const ids = (await store(page)).run.ids;
    assert.equal(ids.length, 5);
    for (const id of ids) assert.equal(D.questions.find((q) => q.id === id).section, sec);
    await page.evaluate(() => localStorage.clear()); // no session to resume
    await page.goto(urlIn(site, "quiz.html?mode=%3Cscript%3E&section=nope&n=-3&tag=%22"));
    await page.locator(".qz-start").waitFor();
    assert.equal(await page.locator("input[name=qz-mode]:checked").getAttribute("value"), "practice");
    assert.match(await page.locator(".qz-what > summary").innerText(), /all sections · any tag · 20 questions/);
    await page.goto(urlIn(site, "quiz.html?mode=exam&section=kms,iam&n=4"));
    await page.locator(".qz-start").waitFor();
    assert.equal(await page.locator("input[name=qz-mode]:checked").getAttribute("value"), "exam");
    assert.match(await page.locator(".qz-what > summary").innerText(), /2 sections · any tag · 4 questions/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("\"Practice this page (N)\" on a note page and on every home card starts that page's questions", async () => {
  const { context, page } = await at("dynamodb.html", PHONE);
  try {
    const n = await page.locator(".note-body .question").count();
    const link = page.getByRole("link", { name: `Practice this page (${n})` });
    await link.click();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    const D = await data(page), sec = D.sections.findIndex((s) => s.slug === "dynamodb");
    const first = await page.locator(".qz-card").getAttribute("data-qid");
    assert.equal(D.questions.find((q) => q.id === first).section, sec);
    await page.goto(urlIn(site, "index.html"));
    const cards = await page.locator(".section-cards .card:has(.card-meta)").evaluateAll((cs) => cs.map((c) => {
      const a = c.querySelector(".card-meta a");
      return { title: c.querySelector("h3").textContent.trim(), href: a && a.getAttribute("href") };
    }));
    assert.ok(cards.length >= 25, `${cards.length} cards with questions`);
    for (const c of cards) assert.match(String(c.href), /^quiz\.html\?section=[a-z0-9-]+&mode=practice$/, c.title);
  } finally { await context.close(); }
});

test("a practice session survives a reload; spaced-repetition grades say when a card comes back", async () => {
  const { context, page } = await at("quiz.html");
  try {
    await startWith(page, { count: 3 });
    await pick(page, true);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    assert.equal(await heading(page), "Question 2 of 3");
    await page.reload();
    await page.locator(".qz-card").waitFor();
    assert.equal(await heading(page), "Question 2 of 3", "resumed where it was");
    // flashcards: grades explained; they do not use up review's new cards
    await page.getByRole("button", { name: "End session" }).click();
    await page.getByRole("button", { name: "Back to start" }).click();
    await startWith(page, { mode: "flashcards", count: 2 });
    await page.keyboard.press("Space");
    assert.match(await page.locator(".qz-grade-help").innerText(), /comes back after the time shown/);
    assert.match(await page.locator(".qz-g3 small").innerText(), /^key 3 · back in \d+ (day|days|month|months)$/);
    await page.keyboard.press("1");
    assert.equal(await heading(page), "Card 2 of 2");
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    assert.match(await heading(page), /^Once more \(1 left\)$/, "a repeat is not counted as one more card");
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.getByRole("button", { name: "Back to start" }).click();
    await page.locator("input[name=qz-mode][value=review]").check();
    assert.match(await page.locator(".qz-info").innerText(), / and 20 new in this selection/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("settings: new cards per day, desired retention, reset one section", async () => {
  const { context, page } = await at("quiz.html");
  try {
    const D = await data(page), day = await today(page);
    const ofSec = (slug) => D.questions.filter((q) => D.sections[q.section].slug === slug).map((q) => q.id);
    const cards = {};
    for (const id of [...ofSec("kms").slice(0, 2), ...ofSec("iam").slice(0, 3)]) cards[id] = { s: 3, d: 5, due: day + 3, last: day, reps: 1, lapses: 0, st: 2 };
    await setStore(page, { v: 1, cards });
    await page.reload();
    await page.locator(".qz-settings > summary").click();
    await page.fill("#qz-new-per-day", "5");
    await page.locator("#qz-new-per-day").press("Tab");
    await page.selectOption("#qz-retention", "0.85");
    let s = await store(page);
    assert.deepEqual([s.settings.newPerDay, s.settings.retention], [5, 0.85]);
    await page.locator("input[name=qz-mode][value=review]").check();
    assert.match(await page.locator(".qz-info").innerText(), /and 5 new/);
    const kms = D.sections.findIndex((x) => x.slug === "kms");
    await page.selectOption("#qz-reset-section", String(kms));
    await page.locator(".qz-settings").getByRole("button", { name: "Reset", exact: true }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Reset", exact: true }).click();
    s = await store(page);
    assert.deepEqual(Object.keys(s.cards).sort(), ofSec("iam").slice(0, 3).sort());
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("answers on a note page count; the home page shows seen / due / weak and Continue", async () => {
  const { context, page } = await at("dynamodb.html");
  try {
    const q = page.locator(".note-body .question[data-kind=single]").first();
    const id = await q.getAttribute("data-qid");
    await q.locator(".q-option[data-correct=false] input").first().check();
    await q.locator(".q-check").click();
    await q.locator(".q-check").click(); // try again: only the first check counts
    await q.locator(".q-option[data-correct=true] input").first().check();
    await q.locator(".q-check").click();
    const day = await page.evaluate(() => { const x = new Date(); return Math.round(Date.UTC(x.getFullYear(), x.getMonth(), x.getDate() - (x.getHours() < 4 ? 1 : 0)) / 864e5); });
    assert.deepEqual((await store(page)).inbox, [[day, id, 1, "dynamodb"]]);
    await page.goto(urlIn(site, "index.html"));
    const card = page.locator('.section-cards .card:has(h3 a[href="dynamodb.html"])');
    assert.equal(await card.locator(".card-progress").innerText(), "1 seen · 0 due · 1 weak");
    const cont = page.locator(".continue a");
    assert.match(await cont.innerText(), /^Continue reading: DynamoDB/);
    assert.match(await cont.getAttribute("href"), /^dynamodb\.html/);
    // the quiz grades it (Again) into the same store
    await page.goto(urlIn(site, "quiz.html"));
    await page.locator(".qz-start").waitFor();
    const s = await store(page);
    assert.deepEqual(s.inbox, []);
    assert.equal(s.cards[id].lg, 1);
    assert.equal(s.cards[id].sec, "dynamodb");
    assert.deepEqual(s.log.at(-1), [day, id, 1]);
    // a session in progress is what Continue offers
    await startWith(page, { count: 2 });
    await page.goto(urlIn(site, "index.html"));
    assert.equal(await page.locator(".continue a").innerText(), "Continue your quiz session");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("a progress record stored before this change (v1) keeps working and feeds the home page", async () => {
  const { context, page } = await at("quiz.html");
  try {
    const D = await data(page), day = await today(page);
    const [a, b] = D.questions.filter((q) => D.sections[q.section].slug === "sqs");
    // exactly what quiz.js wrote before: no sections on cards, no inbox, no run
    const v1 = { v: 1, settings: { retention: 0.9, maxIvl: 365, newPerDay: 20 },
      cards: { [a.id]: { s: 2.3, d: 5.1, due: day - 1, last: day - 3, reps: 2, lapses: 1, st: 2, fp: String(a.fp) },
        [b.id]: { s: 8, d: 4, due: day + 6, last: day - 2, reps: 1, lapses: 0, st: 2 } },
      log: [[day - 3, a.id, 1], [day - 2, b.id, 3]], quiz: { flags: [b.id], attempts: [{ t: day - 2, n: 5, ok: 4, ms: 60000, m: "exam" }] }, exam: null };
    await setStore(page, v1);
    await page.reload();
    assert.match(await page.locator(".qz-dash").innerText(), /^1 card due today, 20 new · 2 of \d+ cards seen/);
    const s = await store(page);
    assert.deepEqual([s.cards[a.id].sec, s.cards[b.id].sec], ["sqs", "sqs"]);
    assert.deepEqual(s.quiz.flags, [b.id]);
    assert.equal(s.cards[a.id].s, 2.3);
    await page.locator("input[name=qz-mode][value=review]").check();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    assert.equal(await page.locator(".qz-card").getAttribute("data-qid"), a.id, "the due card comes first");
    await page.goto(urlIn(site, "index.html"));
    const card = page.locator('.section-cards .card:has(h3 a[href="sqs.html"])');
    assert.equal(await card.locator(".card-progress").innerText(), "2 seen · 1 due · 1 weak", "weak: last graded Again in the log");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("laptop practice: after Check, Next is in view even under a long explanation", async () => {
  const { context, page } = await at("quiz.html");
  try {
    const D = await data(page);
    // the choice question with the longest stem, options and explanation
    const size = (q) => q.q.length + q.options.reduce((n, o) => n + o.html.length + o.why.length, 0) + (q.explain || "").length;
    const long = D.questions.filter((q) => q.kind !== "free").sort((x, y) => size(y) - size(x))[0];
    const sec = D.sections[long.section].slug;
    await page.goto(urlIn(site, `quiz.html?mode=practice&section=${sec}&n=100`));
    await page.locator(".qz-start").waitFor();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    for (let i = 0; i < 40 && (await page.locator(".qz-card").getAttribute("data-qid")) !== long.id; i++) {
      if (await page.locator(".qz-card .qz-opt input").count()) { await pick(page, true); await page.keyboard.press("Enter"); await page.keyboard.press("Enter"); }
      else { await page.keyboard.press("Space"); await page.keyboard.press("3"); }
      if (await page.locator("h2", { hasText: "results" }).count()) break;
    }
    assert.equal(await page.locator(".qz-card").getAttribute("data-qid"), long.id);
    await pick(page, false);
    await page.keyboard.press("Enter");
    const next = page.getByRole("button", { name: /Next question|See results/ });
    const box = await next.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= LAPTOP.height, `Next at ${box.y}`);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("every interface text of the quiz comes from the strings table (pseudo-locale: no English left)", async () => {
  const { context, page } = await open(browser, null, { viewport: LAPTOP });
  try {
    // Every lookup answers ⟪key⟫: any English word left on screen was written into the scripts.
    await page.addInitScript(() => {
      let real;
      Object.defineProperty(window, "StudysiteStrings", { configurable: true, get: () => real, set: (v) => {
        const k = (key) => `⟪${key}⟫`;
        real = Object.assign({}, v, { t: k, f: k, n: k, add: v.add });
      } });
    });
    await page.goto(urlIn(site, "quiz.html"));
    await page.locator(".qz-start").waitFor();
    const AUTHOR = ".qz-q, .qz-opt-text, .qz-answer-body, .qz-why, .qz-topic, .qz-check, .qz-group > legend, .qz-rv-q, .qz-missed a, th[scope=row], select option, kbd";
    const english = () => page.evaluate((AUTHOR) => {
      const out = [], walk = document.createTreeWalker(document.getElementById("quiz-app"), NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (n.parentElement.closest(AUTHOR)) continue;
        const t = n.textContent.replace(/⟪[^⟫]*⟫/g, "");
        if (/[A-Za-z]{2,}/.test(t)) out.push(t.trim());
      }
      for (const el of document.querySelectorAll("#quiz-app [aria-label]")) {
        const t = el.getAttribute("aria-label").replace(/⟪[^⟫]*⟫/g, "");
        if (/[A-Za-z]{2,}/.test(t)) out.push("aria-label: " + t);
      }
      return out;
    }, AUTHOR);
    const seen = [];
    const look = async (where) => { for (const e of await english()) seen.push(`${where}: ${e}`); };
    await page.locator(".qz-what > summary").click();
    await page.locator(".qz-tools > summary").click();
    await page.locator(".qz-settings > summary").click();
    await look("start");
    await page.fill("#qz-count", "2");
    await page.locator("#qz-count").press("Tab");
    await page.locator(".qz-start button[type=submit]").click();
    await look("practice");
    await pick(page, false);
    await page.keyboard.press("Enter");
    await look("practice checked");
    await page.keyboard.press("?");
    await look("help");
    await page.keyboard.press("Escape");
    await page.goto(urlIn(site, "quiz.html?mode=exam&n=3"));
    await page.locator(".qz-start button[type=submit]").click();
    await pick(page, true);
    await page.locator(".qz-submit").click();
    await look("submit dialog");
    await page.locator("dialog[open] .qz-primary").click();
    await page.locator(".qz-rv summary").first().click();
    await look("exam results");
    await page.goto(urlIn(site, "quiz.html?mode=flashcards&n=1"));
    await page.locator(".qz-start button[type=submit]").click();
    await page.keyboard.press("Space");
    await look("flashcard");
    assert.deepEqual(seen, []);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});
