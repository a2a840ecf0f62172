"use strict";
// node --test tests/js  (CommonJS, no dependencies)
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const F = require(path.join(__dirname, "..", "..", "static", "assets", "fsrs.js"));

const near = (a, b, eps, msg) => assert.ok(Math.abs(a - b) <= eps, `${msg}: ${a} vs ${b}`);

test("FSRS-6 vector from ts-fsrs: [Again, Good x5] at [0,0,1,3,8,21]", () => {
  const grades = [F.AGAIN, F.GOOD, F.GOOD, F.GOOD, F.GOOD, F.GOOD];
  const days = [0, 0, 1, 3, 8, 21];
  let m = null;
  for (let i = 0; i < grades.length; i++) m = F.nextState(m, days[i], grades[i]);
  near(m.s, 53.335106, 1e-4, "stability");
  near(m.d, 6.3574867, 1e-4, "difficulty");
});

test("the same vector through next() with day numbers", () => {
  const grades = [1, 3, 3, 3, 3, 3];
  const days = [0, 0, 1, 3, 8, 21];
  let card = null, day = 20000;
  for (let i = 0; i < grades.length; i++) {
    day += days[i];
    card = F.next(card, grades[i], day);
    assert.equal(card.last, day);
    assert.ok(card.due > day, "due after today");
  }
  near(card.s, 53.335106, 1e-4, "stability");
  near(card.d, 6.3574867, 1e-4, "difficulty");
  assert.equal(card.reps, 6);
  assert.equal(card.lapses, 0, "Again on a new card is not a lapse");
  assert.equal(card.st, F.REVIEW);
});

test("first review uses the initial weights", () => {
  for (let g = 1; g <= 4; g++) {
    const c = F.next(F.init(), g, 100);
    near(c.s, Math.max(F.W[g - 1], 0.1), 1e-9, "S0");
    const d0 = F.W[4] - Math.exp((g - 1) * F.W[5]) + 1;
    near(c.d, Math.min(10, Math.max(1, d0)), 1e-6, "D0");
  }
});

test("same-day Good keeps stability; same-day Again never raises it", () => {
  const a = F.nextState({ s: 5, d: 5 }, 0, F.GOOD);
  near(a.s, 5, 1e-9, "Good at t=0");
  const b = F.nextState({ s: 5, d: 5 }, 0, F.AGAIN);
  assert.ok(b.s <= 5);
});

test("intervals are ordered Again <= Hard < Good < Easy", () => {
  const cards = [null, F.init()];
  let c = null;
  for (const [g, t] of [[3, 0], [3, 3], [2, 10], [1, 20], [4, 2], [3, 40]]) {
    c = F.next(c, g, 1000 + t);
    cards.push(c);
  }
  for (const card of cards) {
    for (const later of [0, 1, 5, 30, 400]) {
      const today = (card && card.last ? card.last : 1000) + later;
      const [a, h, g, e] = F.intervals(card, today);
      assert.ok(a >= 1, "again >= 1");
      assert.ok(a <= h && h < g && g < e, `order ${[a, h, g, e]}`);
    }
  }
});

test("intervals are clamped to the maximum interval and keep their order", () => {
  const strong = { s: 5000, d: 2, last: 100, due: 200, reps: 9, lapses: 0, st: 2 };
  const iv = F.intervals(strong, 300, { maxIvl: 365 });
  assert.equal(iv[3], 365);
  assert.ok(iv[0] <= iv[1] && iv[1] < iv[2] && iv[2] < iv[3], `order ${iv}`);
  for (const v of iv) assert.ok(v >= 1 && v <= 365);
  const small = F.intervals(strong, 300, { maxIvl: 10 });
  assert.equal(small[3], 10);
  assert.ok(small.every((v) => v <= 10));
  const c = F.next(strong, F.EASY, 300, { maxIvl: 30 });
  assert.equal(c.due - 300, 30);
  // default max is 365 days
  assert.ok(F.intervals(strong, 300).every((v) => v <= 365));
});

test("stability and difficulty stay clamped", () => {
  let m = { s: 0.001, d: 10 };
  for (let i = 0; i < 20; i++) m = F.nextState(m, 0, F.AGAIN);
  assert.ok(m.s >= 0.001 && m.d <= 10 && m.d >= 1);
  m = { s: 30000, d: 1 };
  for (let i = 0; i < 20; i++) m = F.nextState(m, 365, F.EASY);
  assert.ok(m.s <= 36500 && m.d >= 1);
});

test("Again on a review card is a lapse and relearning", () => {
  let c = F.next(null, F.GOOD, 10);
  c = F.next(c, F.GOOD, 13);
  const lapsed = F.next(c, F.AGAIN, 30);
  assert.equal(lapsed.lapses, 1);
  assert.equal(lapsed.st, F.RELEARNING);
  assert.ok(lapsed.s <= c.s);
  assert.equal(c.lapses, 0, "input card not mutated");
});

test("retrievability is 0.9 after S days with the FSRS-6 curve", () => {
  const c = { s: 10, d: 5, last: 100, due: 110, reps: 2, lapses: 0, st: 2 };
  near(F.retrievability(c, 110), 0.9, 1e-6, "R(S)");
  assert.equal(F.retrievability(c, 100), 1);
  assert.equal(F.retrievability(null, 100), 0);
});

test("bad input is rejected", () => {
  assert.throws(() => F.next(null, 0, 10));
  assert.throws(() => F.next(null, 5, 10));
  assert.throws(() => F.next(null, 3, "x"));
  assert.throws(() => F.nextState({ s: 1, d: 5 }, -1, 3));
});

test("day numbers roll over at 04:00 local time", () => {
  const d1 = new Date(2024, 2, 10, 3, 59);
  const d2 = new Date(2024, 2, 10, 4, 0);
  const d3 = new Date(2024, 2, 9, 23, 0);
  assert.equal(F.dayNumber(d2) - F.dayNumber(d1), 1);
  assert.equal(F.dayNumber(d1), F.dayNumber(d3));
  assert.equal(F.dayNumber(new Date(1970, 0, 1, 12)), 0);
  const back = F.dayToDate(F.dayNumber(d2));
  assert.equal(back.getDate(), 10);
  assert.equal(back.getMonth(), 2);
});
