/* studysite FSRS-6 scheduler (long-term mode, default weights, no fuzz).
   No DOM. Exposes window.StudysiteFSRS and module.exports (for node tests).
   Days are integers (days since 1970-01-01) of the local calendar with a 04:00 rollover. */
(function (root) {
  "use strict";

  var W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722,
    0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425,
    0.0912, 0.0658, 0.1542];
  var S_MIN = 0.001, S_MAX = 36500;
  var AGAIN = 1, HARD = 2, GOOD = 3, EASY = 4;
  var NEW = 0, REVIEW = 2, RELEARNING = 3;
  var DEFAULTS = { retention: 0.9, maxIvl: 365 };

  function clamp(v, lo, hi) { return Math.min(Math.max(v, lo), hi); }
  // ts-fsrs rounds intermediate values to 8 decimals; do the same so results match it.
  function r8(x) { return +x.toFixed(8); }

  var DECAY = -W[20];
  var FACTOR = r8(Math.pow(0.9, 1 / DECAY) - 1);

  function forgetting(t, s) { return r8(Math.pow(1 + FACTOR * t / s, DECAY)); }
  function initStability(g) { return Math.max(W[g - 1], 0.1); }
  function initDifficulty(g) { return r8(W[4] - Math.exp((g - 1) * W[5]) + 1); }
  function nextDifficulty(d, g) {
    var delta = -W[6] * (g - 3);
    var next = d + r8(delta * (10 - d) / 9);
    return clamp(r8(W[7] * initDifficulty(EASY) + (1 - W[7]) * next), 1, 10);
  }
  function recallStability(d, s, r, g) {
    var hard = g === HARD ? W[15] : 1, easy = g === EASY ? W[16] : 1;
    return r8(clamp(s * (1 + Math.exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) *
      (Math.exp((1 - r) * W[10]) - 1) * hard * easy), S_MIN, S_MAX));
  }
  function forgetStability(d, s, r) {
    return r8(clamp(W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) *
      Math.exp((1 - r) * W[14]), S_MIN, S_MAX));
  }

  /* Memory-state transition: mem = {s, d} or null (new card), t = whole days since the
     last review, g = 1..4. Returns {s, d}. */
  function nextState(mem, t, g) {
    if (!(g >= 1 && g <= 4)) throw new Error("bad grade " + g);
    if (!(t >= 0)) throw new Error("bad elapsed days " + t);
    if (!mem || (!mem.s && !mem.d)) {
      return { s: initStability(g), d: clamp(initDifficulty(g), 1, 10) };
    }
    var s = Math.max(mem.s, S_MIN), d = clamp(mem.d, 1, 10);
    var r = forgetting(t, s);
    var ns = g === AGAIN ? clamp(s, S_MIN, forgetStability(d, s, r)) : recallStability(d, s, r, g);
    return { s: ns, d: nextDifficulty(d, g) };
  }

  function opts(o) {
    o = o || {};
    var ret = +o.retention, max = Math.round(+o.maxIvl);
    return {
      retention: ret >= 0.7 && ret <= 0.99 ? ret : DEFAULTS.retention,
      maxIvl: max >= 3 && max <= 36500 ? max : DEFAULTS.maxIvl
    };
  }

  function intervalFor(s, o) {
    var decay = DECAY;
    var modifier = r8((Math.pow(o.retention, 1 / decay) - 1) / FACTOR);
    return Math.min(Math.max(1, Math.round(s * modifier)), o.maxIvl);
  }

  function isNew(card) { return !card || !card.reps || card.st === NEW || !(card.s > 0); }

  function elapsed(card, today) {
    if (isNew(card) || typeof card.last !== "number") return 0;
    return Math.max(0, today - card.last);
  }

  /* The four candidate results for a card reviewed on `today`. Intervals are kept
     ordered Again <= Hard < Good < Easy and within [1, maxIvl]. */
  function preview(card, today, o) {
    o = opts(o);
    var t = elapsed(card, today);
    var mem = isNew(card) ? null : { s: card.s, d: card.d };
    var states = [], ivl = [], g;
    for (g = 1; g <= 4; g++) {
      states.push(nextState(mem, t, g));
      ivl.push(intervalFor(states[g - 1].s, o));
    }
    // order bottom-up, as ts-fsrs does ...
    ivl[0] = Math.min(ivl[0], ivl[1]);
    ivl[2] = Math.max(ivl[2], ivl[1] + 1);
    ivl[3] = Math.max(ivl[3], ivl[2] + 1);
    // ... then clamp top-down so the order survives the maximum interval
    ivl[3] = Math.min(ivl[3], o.maxIvl);
    ivl[2] = Math.min(ivl[2], ivl[3] - 1);
    ivl[1] = Math.min(ivl[1], ivl[2] - 1);
    ivl[0] = Math.max(1, Math.min(ivl[0], ivl[1]));
    return { states: states, intervals: ivl };
  }

  function intervals(card, today, o) { return preview(card, today, o).intervals; }

  function init() {
    return { s: 0, d: 0, due: null, last: null, reps: 0, lapses: 0, st: NEW };
  }

  /* Grade `card` (may be null/undefined for a new card) on day `today`.
     Returns a new card object; the input is not modified. */
  function next(card, grade, today, o) {
    grade = Math.round(+grade);
    if (!(grade >= 1 && grade <= 4)) throw new Error("bad grade " + grade);
    if (typeof today !== "number" || !isFinite(today)) throw new Error("bad day " + today);
    var wasNew = isNew(card);
    var p = preview(card, today, o);
    var out = {};
    if (card) for (var k in card) if (Object.prototype.hasOwnProperty.call(card, k)) out[k] = card[k];
    out.s = r8(p.states[grade - 1].s);
    out.d = r8(p.states[grade - 1].d);
    out.last = today;
    out.due = today + p.intervals[grade - 1];
    out.reps = (wasNew ? 0 : (card.reps || 0)) + 1;
    out.lapses = (card && card.lapses) || 0;
    if (grade === AGAIN && !wasNew) out.lapses += 1;
    out.st = grade === AGAIN && !wasNew ? RELEARNING : REVIEW;
    return out;
  }

  function retrievability(card, today) {
    if (isNew(card)) return 0;
    return forgetting(elapsed(card, today), card.s);
  }

  /* Day number for a Date (default now): local calendar day, rolling over at 04:00. */
  function dayNumber(date) {
    date = date || new Date();
    var day = date.getDate() - (date.getHours() < 4 ? 1 : 0);
    return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), day) / 864e5);
  }

  /* Local Date (midday) for a day number, for display. */
  function dayToDate(n) {
    var u = new Date(n * 864e5);
    return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), 12);
  }

  var api = {
    W: W.slice(), AGAIN: AGAIN, HARD: HARD, GOOD: GOOD, EASY: EASY,
    NEW: NEW, REVIEW: REVIEW, RELEARNING: RELEARNING, DEFAULTS: DEFAULTS,
    init: init, next: next, nextState: nextState, intervals: intervals, preview: preview,
    retrievability: retrievability, forgetting: forgetting, isNew: isNew,
    dayNumber: dayNumber, dayToDate: dayToDate
  };
  if (root) root.StudysiteFSRS = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
