/* studysite FSRS-6 scheduler: long-term mode, default weights, no fuzz, no DOM. Exposes
   window.StudysiteFSRS (and module.exports for node tests). Days are integers (days since
   1970-01-01) of the local calendar, rolling over at 04:00. Grades: 1 Again, 2 Hard, 3 Good, 4 Easy.
   Intermediate values are rounded to 8 decimals as ts-fsrs does, so results match it. */
(function (root) {
  "use strict";
  var W = [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542];
  var S_MIN = 0.001, S_MAX = 36500, NEW = 0, REVIEW = 2, RELEARNING = 3;
  var DECAY = -W[20], FACTOR = r8(Math.pow(0.9, 1 / DECAY) - 1);

  function clamp(v, lo, hi) { return Math.min(Math.max(v, lo), hi); }
  function r8(x) { return +x.toFixed(8); }
  function forgetting(t, s) { return r8(Math.pow(1 + FACTOR * t / s, DECAY)); }
  function initD(g) { return r8(W[4] - Math.exp((g - 1) * W[5]) + 1); }

  /* mem = {s, d} or null for a new card; t = whole days since the last review; g = 1..4. */
  function nextState(mem, t, g) {
    if (!(g >= 1 && g <= 4)) throw new Error("bad grade " + g);
    if (!(t >= 0)) throw new Error("bad elapsed days " + t);
    if (!mem || (!mem.s && !mem.d)) return { s: Math.max(W[g - 1], 0.1), d: clamp(initD(g), 1, 10) };
    var s = Math.max(mem.s, S_MIN), d = clamp(mem.d, 1, 10), r = forgetting(t, s), ns;
    if (g === 1) { // lapse: never above the old stability
      ns = clamp(s, S_MIN, r8(clamp(W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) * Math.exp((1 - r) * W[14]), S_MIN, S_MAX)));
    } else {
      ns = r8(clamp(s * (1 + Math.exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) * (Math.exp((1 - r) * W[10]) - 1) *
        (g === 2 ? W[15] : 1) * (g === 4 ? W[16] : 1)), S_MIN, S_MAX));
    }
    var nd = d + r8(-W[6] * (g - 3) * (10 - d) / 9); // linear damping, then mean reversion towards D0(Easy)
    return { s: ns, d: clamp(r8(W[7] * initD(4) + (1 - W[7]) * nd), 1, 10) };
  }

  function opts(o) {
    o = o || {};
    var ret = +o.retention, max = Math.round(+o.maxIvl);
    return { retention: ret >= 0.7 && ret <= 0.99 ? ret : 0.9, maxIvl: max >= 3 && max <= S_MAX ? max : 365 };
  }
  function isNew(c) { return !c || !c.reps || c.st === NEW || !(c.s > 0); }
  function elapsed(c, today) { return isNew(c) || typeof c.last !== "number" ? 0 : Math.max(0, today - c.last); }

  /* The four outcomes of reviewing `card` on `today`. Intervals stay ordered
     Again <= Hard < Good < Easy and within [1, maxIvl]. */
  function preview(card, today, o) {
    o = opts(o);
    var t = elapsed(card, today), mem = isNew(card) ? null : card, states = [], iv = [];
    var modifier = r8((Math.pow(o.retention, 1 / DECAY) - 1) / FACTOR);
    for (var g = 1; g <= 4; g++) {
      states.push(nextState(mem, t, g));
      iv.push(Math.min(Math.max(1, Math.round(states[g - 1].s * modifier)), o.maxIvl));
    }
    iv[0] = Math.min(iv[0], iv[1]); // order bottom-up as ts-fsrs does...
    iv[2] = Math.max(iv[2], iv[1] + 1);
    iv[3] = Math.min(Math.max(iv[3], iv[2] + 1), o.maxIvl); // ...then clamp top-down
    iv[2] = Math.min(iv[2], iv[3] - 1);
    iv[1] = Math.min(iv[1], iv[2] - 1);
    iv[0] = Math.max(1, Math.min(iv[0], iv[1]));
    return { states: states, intervals: iv };
  }

  /* Grade a card (null for a new one) on day `today`; returns a new card, the input is untouched. */
  function next(card, grade, today, o) {
    grade = Math.round(+grade);
    if (!(grade >= 1 && grade <= 4)) throw new Error("bad grade " + grade);
    if (typeof today !== "number" || !isFinite(today)) throw new Error("bad day " + today);
    var fresh = isNew(card), p = preview(card, today, o), out = {}, k;
    for (k in card || {}) if (Object.prototype.hasOwnProperty.call(card, k)) out[k] = card[k];
    out.s = p.states[grade - 1].s;
    out.d = p.states[grade - 1].d;
    out.last = today;
    out.due = today + p.intervals[grade - 1];
    out.reps = (fresh ? 0 : card.reps) + 1;
    out.lapses = (card && card.lapses || 0) + (grade === 1 && !fresh ? 1 : 0);
    out.st = grade === 1 && !fresh ? RELEARNING : REVIEW;
    return out;
  }

  function dayNumber(date) {
    date = date || new Date();
    return Math.round(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate() - (date.getHours() < 4 ? 1 : 0)) / 864e5);
  }
  function dayToDate(n) { // local noon of day n, for display
    var u = new Date(n * 864e5);
    return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), 12);
  }

  var api = {
    W: W.slice(), AGAIN: 1, HARD: 2, GOOD: 3, EASY: 4, NEW: NEW, REVIEW: REVIEW, RELEARNING: RELEARNING,
    init: function () { return { s: 0, d: 0, due: null, last: null, reps: 0, lapses: 0, st: NEW }; },
    next: next, nextState: nextState, preview: preview, isNew: isNew, forgetting: forgetting,
    intervals: function (card, today, o) { return preview(card, today, o).intervals; },
    retrievability: function (card, today) { return isNew(card) ? 0 : forgetting(elapsed(card, today), card.s); },
    dayNumber: dayNumber, dayToDate: dayToDate
  };
  if (root) root.StudysiteFSRS = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
