"use strict";
// quiz.html: practice, exam, flashcards and review, persistence, export/import.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { launch, open, fileUrl, progress } = require("./helpers");

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { if (browser) await browser.close(); });

async function quiz(opts) {
  const { context, page } = await open(browser, fileUrl("quiz.html"), opts);
  await page.locator(".qz-start").waitFor();
  return { context, page };
}

/* What to ask is folded under one line of the start screen: unfold it. */
async function unfold(page) {
  if (!(await page.locator(".qz-what").evaluate((d) => d.open))) await page.locator(".qz-what > summary").click();
}

/* Choose a start-screen setup; `keyboard` uses focus + keys instead of clicks. */
async function start(page, { mode, tags, count, keyboard }) {
  if (mode) {
    const r = page.locator(`input[name="qz-mode"][value="${mode}"]`);
    if (keyboard) { await r.focus(); await page.keyboard.press("Space"); } else await r.check();
  }
  if ((tags || []).length || count) await unfold(page);
  for (const t of tags || []) {
    const cb = page.locator(`.qz-filter input[type="checkbox"][value="${t}"]`);
    if (keyboard) { await cb.focus(); await page.keyboard.press("Space"); } else await cb.check();
  }
  if (count) await page.fill("#qz-count", String(count));
  const btn = page.getByRole("button", { name: "Start", exact: true });
  if (keyboard) { await btn.focus(); await page.keyboard.press("Enter"); } else await btn.click();
}

const qid = (page) => page.locator(".qz-card").getAttribute("data-qid");
const question = (page, id) => page.evaluate((id) => window.STUDYSITE_QUIZ.questions.find((q) => q.id === id), id);
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { cls: a.className, text: a.textContent.trim() };
});
const today = (page) => page.evaluate(() => window.StudysiteFSRS.dayNumber());

/* Press the option keys (1-9, by displayed position) for a right or a wrong answer. */
async function answer(page, right) {
  const id = await qid(page);
  const q = await question(page, id);
  const shown = await page.locator(".qz-card .qz-opt input").evaluateAll((els) => els.map((e) => +e.value));
  let picks = shown.map((orig, pos) => (q.options[orig].correct ? pos : -1)).filter((p) => p >= 0);
  if (!right) picks = [shown.findIndex((orig) => !q.options[orig].correct)];
  for (const p of picks) await page.keyboard.press(String(p + 1));
  return { id, q, picks };
}

test("FSRS-6 test vector inside the browser", async () => {
  const { context, page } = await quiz();
  try {
    const m = await page.evaluate(() => {
      const F = window.StudysiteFSRS;
      let m = null;
      [[1, 0], [3, 0], [3, 1], [3, 3], [3, 8], [3, 21]].forEach(([g, t]) => { m = F.nextState(m, t, g); });
      return m;
    });
    assert.ok(Math.abs(m.s - 53.335106) < 1e-4, String(m.s));
    assert.ok(Math.abs(m.d - 6.3574867) < 1e-4, String(m.d));
  } finally { await context.close(); }
});

test("practice: three questions with the keyboard only", async () => {
  const { context, page } = await quiz();
  try {
    // the "messaging" tag has two choice questions and one free-response question
    await start(page, { tags: ["messaging"], keyboard: true });
    let wrongDone = false, missedId = null;
    for (let i = 1; i <= 3; i++) {
      const a = await active(page);
      assert.equal(a.text, `Question ${i} of 3`, "focus on the question heading");
      assert.match(a.cls, /qz-qh/);
      const id = await qid(page);
      const q = await question(page, id);
      if (q.kind === "free") {
        assert.equal(await page.locator(".qz-answer").isVisible(), false);
        await page.keyboard.press("Space");
        assert.ok(await page.locator(".qz-answer").isVisible(), "Space reveals the answer");
        // the answer's ✅ is the theme's drawn mark, which needs no emoji font
        assert.ok(await page.locator(".qz-answer .mark.yes").count() >= 1, "✅ drawn as a mark");
        assert.equal(await page.locator(".qz-answer .mark.yes").first().evaluate((e) => getComputedStyle(e).maskImage.startsWith("url(")), true);
        assert.equal(await page.locator(".qz-grades button").count(), 4);
        await page.keyboard.press("3"); // Good
      } else {
        const right = wrongDone;
        await answer(page, right);
        await page.keyboard.press("Enter");
        const fb = page.locator(".qz-feedback");
        const text = await fb.innerText();
        if (right) assert.match(text, /^Correct\.$/);
        else { assert.match(text, /^Not quite: the answer is [A-I](, [A-I])*\.$/); wrongDone = true; missedId = id; }
        assert.match((await active(page)).cls, /qz-feedback/, "focus on the feedback");
        assert.equal(await fb.getAttribute("aria-live"), "polite");
        // every option is marked, and explanations are shown
        const marked = await page.locator(".qz-opt.is-correct, .qz-opt.is-wrong").count();
        assert.ok(marked >= 1);
        assert.equal(await page.locator(".qz-opt .qz-mark").count(), q.options.length);
        await page.keyboard.press("Enter");
      }
    }
    assert.ok(missedId, "one question answered wrong");
    await page.locator("h2", { hasText: "Practice results" }).waitFor();
    assert.match(await page.locator(".qz-score").innerText(), /^2 of 3 right/);
    const links = page.locator(".qz-missed a");
    assert.equal(await links.count(), 1);
    const q = await question(page, missedId);
    assert.equal(await links.first().getAttribute("href"), q.url);
    // the link points at an existing anchor of a note page
    const [file, anchor] = q.url.split("#");
    const html = fs.readFileSync(path.join(process.env.STUDYSITE_SITE, file), "utf8");
    assert.match(html, new RegExp(`\\sid=["']?${anchor}["'\\s>]`), q.url);
    // Enter = Retry missed: a practice run of exactly that question
    await page.keyboard.press("Enter");
    assert.equal((await active(page)).text, "Question 1 of 1");
    assert.equal(await qid(page), missedId);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("exam: five questions, a flag, the navigator, submit with an unanswered question, result by section", async () => {
  const { context, page } = await quiz();
  try {
    await start(page, { mode: "exam", count: 5 });
    assert.equal((await active(page)).text, "Question 1 of 5");
    assert.match(await page.locator(".qz-timer").innerText(), /^(9:5\d|10:00) left$/);
    const plan = [];
    for (let i = 0; i < 5; i++) {
      const id = await qid(page);
      const q = await question(page, id);
      assert.notEqual(q.kind, "free", "exam has only choice questions");
      assert.equal(await page.locator(".qz-feedback").count(), 0, "no feedback during the exam");
      if (i < 3) await answer(page, true);
      else if (i === 3) await answer(page, false);
      if (i === 1) await page.keyboard.press("f");
      plan.push({ id, q, ok: i < 3 });
      if (i < 4) await page.keyboard.press("ArrowRight");
    }
    assert.equal((await active(page)).text, "Question 5 of 5");
    const nav = page.locator(".qz-nav button");
    assert.equal(await nav.count(), 5);
    assert.match(await nav.nth(1).getAttribute("class"), /is-flagged/);
    assert.match(await nav.nth(1).getAttribute("aria-label"), /answered, flagged/);
    assert.match(await nav.nth(4).getAttribute("aria-label"), /not answered/);
    assert.equal(await nav.nth(4).getAttribute("aria-current"), "step");
    await page.keyboard.press("ArrowLeft");
    assert.equal((await active(page)).text, "Question 4 of 5");
    await nav.nth(1).click();
    assert.equal(await page.locator(".qz-flag").getAttribute("aria-pressed"), "true");
    // the exam in progress is stored
    const mid = await progress(page);
    assert.equal(mid.exam.ids.length, 5);
    assert.deepEqual(mid.exam.flags, [plan[1].id]);

    await page.getByRole("button", { name: "Submit exam" }).click();
    const dlg = page.locator("dialog[open]");
    assert.match(await dlg.innerText(), /1 question not answered/);
    await dlg.getByRole("button", { name: "Submit anyway" }).click();
    await page.locator("h2", { hasText: "Exam results" }).waitFor();
    assert.equal(await page.locator(".qz-score").innerText(), "Score 60%: 3 of 5 correct.");
    assert.match(await page.locator(".qz-verdict").innerText(), /Fail — pass mark 72%/);
    // result by section: compare with what the plan says
    const sections = await page.evaluate(() => window.STUDYSITE_QUIZ.sections);
    const want = {};
    for (const p of plan) {
      const t = sections[p.q.section].title;
      want[t] = want[t] || [0, 0];
      want[t][1]++;
      if (p.ok) want[t][0]++;
    }
    const rows = await page.locator("table.qz-sections tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.cells[0].textContent.trim(), tr.cells[1].textContent.trim()]));
    assert.deepEqual(Object.fromEntries(rows), Object.fromEntries(Object.entries(want).map(([k, v]) => [k, v.join("/")])));
    assert.equal(await page.locator("table.qz-sections caption").innerText(), "Result by section, weakest first");
    // the review lists the missed questions as wrong, each linking to the notes
    const wrong = await page.locator(".qz-rv.is-wrong").evaluateAll((ds) => ds.map((d) => d.getAttribute("data-qid")));
    assert.deepEqual(wrong.sort(), plan.filter((p) => !p.ok).map((p) => p.id).sort());
    const hrefs = await page.locator(".qz-rv.is-wrong a.qz-learn").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(hrefs.sort(), plan.filter((p) => !p.ok).map((p) => p.q.see || p.q.url).sort());
    const after = await progress(page);
    assert.equal(after.exam, null);
    assert.ok(after.quiz.flags.includes(plan[1].id), "exam flags are kept");
    const att = after.quiz.attempts.at(-1);
    assert.deepEqual([att.m, att.n, att.ok], ["exam", 5, 3]);
    // Retry missed = practice of exactly the two missed questions
    await page.getByRole("button", { name: /Retry missed/ }).click();
    assert.equal((await active(page)).text, "Question 1 of 2");
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("flashcards: grading sets the due date in localStorage; Again re-queues the card", async () => {
  const { context, page } = await quiz();
  try {
    const day = await today(page);
    await start(page, { mode: "flashcards", tags: ["iam", "lambda"] });
    assert.equal((await active(page)).text, "Card 1 of 2");
    const first = await qid(page);
    assert.deepEqual((await progress(page)).cards, {}, "nothing graded yet (the session itself is stored)");
    await page.keyboard.press("Space");
    assert.ok(await page.locator(".qz-answer").isVisible());
    await page.keyboard.press("1"); // Again
    let p = await progress(page);
    const due1 = p.cards[first].due;
    assert.ok(due1 > day, `due ${due1} after today ${day}`);
    assert.equal(p.cards[first].last, day);
    assert.equal(p.cards[first].reps, 1);
    assert.deepEqual(p.log.at(-1), [day, first, 1]);
    assert.equal((await active(page)).text, "Card 2 of 2", "Again adds the card to the end, as a repeat");
    const second = await qid(page);
    const q2 = await question(page, second);
    await page.keyboard.press("Space");
    if (q2.kind !== "free") {
      // choice card: options shown, correct ones revealed on the back
      assert.equal(await page.locator(".qz-opt.is-correct").count(), q2.options.filter((o) => o.correct).length);
      assert.equal(await page.locator(".qz-opt input").count(), 0);
    }
    await page.keyboard.press("Space"); // second Space = Good
    assert.ok((await progress(page)).cards[second].due > day);
    assert.equal((await active(page)).text, "Once more (1 left)");
    assert.equal(await qid(page), first);
    await page.keyboard.press("Space");
    await page.keyboard.press("4"); // Easy
    p = await progress(page);
    assert.ok(p.cards[first].due > due1, "Easy moves the due date later");
    assert.equal(p.cards[first].reps, 2);
    await page.locator("h2", { hasText: "Flashcards results" }).waitFor();
    assert.match(await page.locator(".qz-muted", { hasText: "Again" }).innerText(), /Again 1 · Hard 0 · Good 1 · Easy 0/);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("review: due cards only, choice questions auto-graded, then 'Nothing due'", async () => {
  const { context, page } = await quiz();
  try {
    const day = await today(page);
    await page.evaluate((day) => {
      const cards = {};
      for (const q of window.STUDYSITE_QUIZ.questions) {
        cards[q.id] = { s: 5, d: 5, due: day + 5, last: day - 1, reps: 1, lapses: 0, st: 2 };
      }
      cards["nlb-static-ip"].due = day - 1;
      localStorage.setItem(window.storeKey(), JSON.stringify({ v: 1, cards }));
    }, day);
    await page.reload();
    await page.locator("input[value=review]").check();
    assert.match(await page.locator(".qz-info").innerText(), /1 card due and 0 new/);
    await page.getByRole("button", { name: "Start", exact: true }).click();
    assert.equal((await active(page)).text, "Card 1 of 1");
    assert.equal(await qid(page), "nlb-static-ip");
    await answer(page, false);
    await page.keyboard.press("Enter");
    assert.match(await page.locator(".qz-feedback").innerText(), /Not quite/);
    await page.keyboard.press("Enter"); // Again
    assert.equal((await active(page)).text, "Once more (1 left)");
    await answer(page, true);
    await page.keyboard.press("Enter");
    assert.match(await page.locator(".qz-feedback").innerText(), /Correct/);
    assert.ok(await page.getByRole("button", { name: "That was easy" }).isVisible());
    await page.keyboard.press("4"); // Easy
    await page.locator("h2", { hasText: "Review results" }).waitFor();
    const p = await progress(page);
    const c = p.cards["nlb-static-ip"];
    assert.equal(c.lapses, 1);
    assert.ok(c.due > day);
    assert.deepEqual(p.log.map((e) => e[2]), [1, 4]);
    await page.getByRole("button", { name: "Back to start" }).click();
    await page.locator("input[value=review]").check();
    await page.getByRole("button", { name: "Start", exact: true }).click();
    const next = Math.min(...Object.values(p.cards).map((x) => x.due));
    const dateText = await page.evaluate((d) => window.StudysiteFSRS.dayToDate(d).toLocaleDateString(undefined,
      { weekday: "short", year: "numeric", month: "short", day: "numeric" }), next);
    assert.equal(await page.locator(".qz-empty").innerText(), `Nothing due — next card due on ${dateText}.`);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("progress and an exam in progress survive a reload; time up auto-submits", async () => {
  const { context, page } = await quiz();
  try {
    await start(page, { mode: "flashcards", tags: ["iam"] });
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.reload();
    assert.match(await page.locator(".qz-dash").innerText(), /1 of \d+ cards seen/);
    assert.equal((await progress(page)).cards["iam-global"].reps, 1);

    await start(page, { mode: "exam", count: 3 });
    const first = await qid(page);
    await answer(page, true);
    await page.keyboard.press("f");
    await page.keyboard.press("ArrowRight");
    const before = await progress(page);
    await page.reload();
    await page.locator(".qz-card").waitFor();
    assert.equal(await page.locator(".qz-qh").innerText(), "Question 2 of 3");
    const nav = page.locator(".qz-nav button");
    assert.match(await nav.nth(0).getAttribute("aria-label"), /answered, flagged/);
    const after = await progress(page);
    assert.equal(after.exam.end, before.exam.end, "the deadline is kept");
    assert.deepEqual(after.exam.ids, before.exam.ids);
    assert.equal(after.exam.ids[0], first);
    assert.match(await page.locator(".qz-timer").innerText(), /^[0-9]:\d\d left$/);
    // move the deadline into the past: the exam submits itself on load
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem(window.storeKey()));
      s.exam.end = Date.now() - 1000;
      localStorage.setItem(window.storeKey(), JSON.stringify(s));
    });
    await page.reload();
    await page.locator("h2", { hasText: "Exam results" }).waitFor();
    assert.match(await page.locator(".qz-score").innerText(), /^Time is up\. Score 33%: 1 of 3 correct\.$/);
    assert.equal((await progress(page)).exam, null);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("export then import round-trips progress; junk is rejected and changes nothing", async () => {
  const { context, page } = await quiz();
  try {
    await start(page, { mode: "flashcards", tags: ["iam", "elb"] });
    for (let i = 0; i < 2; i++) { await page.keyboard.press("Space"); await page.keyboard.press("3"); }
    await page.getByRole("button", { name: "Back to start" }).click();
    const saved = await progress(page);
    assert.equal(Object.keys(saved.cards).length, 2);
    await page.locator(".qz-tools > summary").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export progress" }).click()]);
    assert.match(download.suggestedFilename(), /^studysite-.*-progress-\d{4}-\d\d-\d\d\.json$/);
    const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
    assert.equal(exported.v, 1);
    assert.deepEqual(exported.cards, saved.cards);
    assert.deepEqual(exported.log, saved.log);

    await page.getByRole("button", { name: "Reset progress…" }).click();
    await page.locator("dialog[open]").getByRole("button", { name: "Reset" }).click();
    assert.deepEqual((await progress(page) || { cards: {} }).cards, {});
    assert.match(await page.locator(".qz-dash").innerText(), /0 of \d+ cards seen/);

    await page.locator(".qz-tools > summary").click();
    await page.setInputFiles("#qz-import", await download.path());
    await page.locator(".qz-msg", { hasText: "Imported progress: 2 cards." }).waitFor();
    const back = await progress(page);
    assert.deepEqual(back.cards, saved.cards);
    assert.deepEqual(back.log, saved.log);
    assert.match(await page.locator(".qz-dash").innerText(), /2 of \d+ cards seen/);

    const raw = await page.evaluate(() => localStorage.getItem(window.storeKey()));
    const junk = [
      "this is not json",
      JSON.stringify({ v: 2, cards: {} }),
      JSON.stringify({ v: 1, cards: { x: { s: "lots", d: 5, due: 1, last: 1, reps: 1, lapses: 0, st: 2 } } }),
      JSON.stringify({ v: 1, cards: {}, log: [[1, "x", 9]] }),
      JSON.stringify([1, 2, 3]),
    ];
    for (const body of junk) {
      if (!(await page.locator(".qz-tools").evaluate((d) => d.open))) await page.locator(".qz-tools > summary").click();
      await page.setInputFiles("#qz-import", { name: "junk.json", mimeType: "application/json", buffer: Buffer.from(body) });
      const msg = page.locator(".qz-msg.is-error");
      await msg.waitFor();
      assert.match(await msg.innerText(), /^Import failed: .+\. Your progress was not changed\.$/);
      assert.equal(await msg.getAttribute("role"), "alert");
      assert.equal(await page.evaluate(() => localStorage.getItem(window.storeKey())), raw, "progress unchanged");
      await msg.evaluate((m) => { m.className = "qz-msg"; m.textContent = ""; });
    }
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("help dialog on ?, and keys do nothing while typing in a field", async () => {
  const { context, page } = await quiz();
  try {
    await unfold(page);
    await page.fill("#qz-count", "");
    await page.locator("#qz-count").press("?");
    assert.equal(await page.locator("dialog[open]").count(), 0, "? typed in a field is not a shortcut");
    await page.locator(".qz-h").focus();
    await page.keyboard.press("?");
    const dlg = page.locator("dialog[open]");
    assert.match(await dlg.innerText(), /Keyboard shortcuts/);
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("dialog[open]").count(), 0);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("storage that is not studysite's format is kept aside, and a notice is shown", async () => {
  const { context, page } = await quiz();
  try {
    await page.evaluate(() => localStorage.setItem(window.storeKey(), JSON.stringify({ v: 99, future: true })));
    await page.reload();
    assert.match(await page.locator(".qz-notice").innerText(), /unknown format/);
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith(window.storeKey() + ":old-"))
      .map((k) => localStorage.getItem(k)));
    assert.deepEqual(kept.map((s) => JSON.parse(s)), [{ v: 99, future: true }]);
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});

test("without localStorage the quiz still runs and says progress is not saved", async () => {
  const { context, page } = await open(browser, null);
  try {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
    });
    await page.goto(fileUrl("quiz.html"));
    assert.match(await page.locator(".qz-notice").innerText(), /does not let the quiz save progress/);
    await start(page, { mode: "flashcards", tags: ["iam"] });
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    await page.locator("h2", { hasText: "Flashcards results" }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally { await context.close(); }
});
