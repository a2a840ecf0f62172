/* studysite quiz (quiz.html), part 2 of 3: stored progress, one localStorage key per site in the
   layout of quiz.md §(c): what a fresh start holds and how a stored or imported copy is checked,
   as window.StudysiteQuizProgress. Needs quiz-kit.js first. */
(() => {
  "use strict";
  const { clip, range, isInt, isObj, num, idOk } = window.StudysiteQuizKit;
  const { t: T, f: Tf } = window.StudysiteStrings;
  const LOG_MAX = 5000, ATT_MAX = 200;
  // run: a practice, flashcard or review session in progress (survives a reload); inbox: answers
  // given on note pages and questions.html ([day, id, grade]), graded here on the next visit;
  // quiz.fresh: new cards review brought in today ({d: day, n}). A card may carry sec (its
  // section's slug, for the home page's counts) and lg (its last grade). All optional, so a
  // record stored before them loads as it was.
  const fresh = () => ({ v: 1, settings: { retention: 0.9, maxIvl: 365, newPerDay: 20 }, cards: {}, log: [], inbox: [],
    quiz: { flags: [], attempts: [], fresh: { d: 0, n: 0 } }, exam: null, run: null });
  const entryOk = (e) => Array.isArray(e) && e.length === 3 && isInt(e[0]) && idOk(e[1]) && [1, 2, 3, 4].includes(e[2]);
  // an inbox entry may name the section of the page it was answered on (progress.js)
  const inboxOk = (e) => Array.isArray(e) && (e.length === 3 || (e.length === 4 && typeof e[3] === "string")) && entryOk(e.slice(0, 3));
  const fail = (m) => { throw new Error(m); };
  const SETTINGS = { newPerDay: [0, 9999, 1], retention: [0.7, 0.99], maxIvl: [3, 36500, 1] }; // [min, max, integer]
  const cardOk = (c) => isObj(c) && num(c.s, 0, 36500) && num(c.d, 0, 10) && isInt(c.reps) && c.reps >= 0 && isInt(c.lapses) && c.lapses >= 0 &&
    [0, 1, 2, 3].includes(c.st) && (c.due === null || isInt(c.due)) && (c.last === null || isInt(c.last)) &&
    (c.fp == null || (typeof c.fp === "string" && c.fp.length <= 64));
  const attemptOk = (a) => isObj(a) && isInt(a.t) && isInt(a.n) && isInt(a.ok) && a.ok >= 0 && a.ok <= a.n && isInt(a.ms) && a.ms >= 0 &&
    (a.m == null || /^(practice|exam|flashcards|review)$/.test(a.m));
  // The checks for the progress of site SITE, whose questions are BYID; EXAM_PASS: the pass mark
  // of an exam that does not say. LAZY: BYID fills in as sections load (quiz-loader.js), so a
  // stored session is kept as it is here and checked once its sections are in.
  function checks(SITE, BYID, EXAM_PASS, LAZY) {
    /* strict (imports): any bad part rejects the whole file; otherwise bad parts are dropped. */
    function validate(o, strict) {
      if (!isObj(o)) fail(T("quiz_err_not_object"));
      if (o.v !== 1) fail(Tf("quiz_err_version", { v: clip(String(JSON.stringify(o.v)), 20) }));
      if (strict && o.site != null && o.site !== SITE) fail(T("quiz_err_other_site"));
      const out = fresh(), bad = (m) => strict && fail(m);
      const list = (x, n) => (x == null ? [] : Array.isArray(x) ? x : fail(Tf("quiz_err_not_list", { name: n })));
      if (o.settings != null && !isObj(o.settings)) fail(T("quiz_err_settings"));
      for (const [k, [lo, hi, int]] of Object.entries(SETTINGS)) {
        const v = (o.settings || {})[k];
        if (v != null) { if (num(v, lo, hi) && (!int || isInt(v))) out.settings[k] = v; else bad(Tf("quiz_err_bad_setting", { name: k })); }
      }
      if (!isObj(o.cards)) fail(T("quiz_err_no_cards"));
      for (const [k, c] of Object.entries(o.cards)) {
        if (!idOk(k) || !cardOk(c)) { bad(Tf("quiz_err_bad_card", { id: clip(JSON.stringify(k), 40) })); continue; }
        out.cards[k] = { s: c.s, d: c.d, due: c.due, last: c.last, reps: c.reps, lapses: c.lapses, st: c.st };
        if (c.fp != null) out.cards[k].fp = c.fp;
        if (typeof c.sec === "string" && c.sec.length <= 200) out.cards[k].sec = c.sec;
        if ([1, 2, 3, 4].includes(c.lg)) out.cards[k].lg = c.lg;
      }
      for (const e of list(o.log, "log")) {
        if (entryOk(e)) out.log.push(e.slice());
        else bad(T("quiz_err_bad_log"));
      }
      out.log = out.log.slice(-LOG_MAX);
      for (const e of list(o.inbox, "inbox")) if (inboxOk(e)) out.inbox.push(e.slice());
      out.inbox = out.inbox.slice(-LOG_MAX);
      if (o.quiz != null && !isObj(o.quiz)) fail(T("quiz_err_quiz"));
      const qz = o.quiz || {};
      for (const id of list(qz.flags, "quiz.flags")) {
        if (!idOk(id)) bad(T("quiz_err_bad_flag")); else if (!out.quiz.flags.includes(id)) out.quiz.flags.push(id);
      }
      for (const a of list(qz.attempts, "quiz.attempts")) {
        if (!attemptOk(a)) { bad(T("quiz_err_bad_attempt")); continue; }
        const { t, n, ok, ms, m } = a;
        out.quiz.attempts.push(m ? { t, n, ok, ms, m } : { t, n, ok, ms });
      }
      out.quiz.attempts = out.quiz.attempts.slice(-ATT_MAX);
      if (isObj(qz.fresh) && isInt(qz.fresh.d) && isInt(qz.fresh.n) && qz.fresh.n >= 0) out.quiz.fresh = { d: qz.fresh.d, n: qz.fresh.n };
      const later = (x) => (isObj(x) && Array.isArray(x.ids) && x.ids.length ? x : null);
      if (!strict && o.exam) out.exam = LAZY ? later(o.exam) : checkExam(o.exam);
      if (!strict && o.run) out.run = LAZY ? later(o.run) : checkRun(o.run);
      return out;
    }
    function checkExam(e) {
      if (!isObj(e) || !Array.isArray(e.ids) || !isObj(e.order) || !isObj(e.ans) || !Array.isArray(e.flags) ||
          !num(e.end, 0, 1e15) || !num(e.start, 0, 1e15) || !isInt(e.i)) return null;
      const [ids, secs] = withSecs(e, (id) => BYID[id].kind !== "free" && BYID[id].kind !== "cloze");
      if (!ids.length) return null;
      const out = { ids, order: {}, ans: {}, flags: e.flags.filter((id) => ids.includes(id)), i: Math.min(Math.max(e.i, 0), ids.length - 1),
        start: e.start, end: e.end, pass: num(e.pass, 1, 100) ? e.pass : EXAM_PASS, note: String(e.note || "").slice(0, 200) };
      if (secs) out.secs = secs;
      for (const id of ids) {
        const n = BYID[id].options.length, p = e.order[id], a = e.ans[id];
        out.order[id] = Array.isArray(p) && p.length === n && range(n).every((i) => p.includes(i)) ? p.slice() : range(n);
        // a typed or numeric question's answer is the text typed
        if (Array.isArray(a)) out.ans[id] = a.filter((x) => (isInt(x) && x >= 0 && x < n) || (!n && typeof x === "string" && x.length <= 300));
      }
      return out;
    }
    function checkRun(r) {
      if (!isObj(r) || !/^(practice|flashcards|review)$/.test(r.mode) || !Array.isArray(r.ids) || !isInt(r.i) || !isObj(r.res) ||
          !num(r.started, 0, 1e15)) return null;
      const [ids, secs] = withSecs(r, () => true);
      if (!ids.length || r.i < 0 || r.i >= ids.length) return null;
      const res = {};
      for (const [id, x] of Object.entries(r.res)) {
        if (BYID[id] && isObj(x) && [1, 2, 3, 4].includes(x.g)) res[id] = { g: x.g, ok: x.g > 1, missed: !!x.missed };
      }
      const out = { mode: r.mode, ids, i: r.i, res, started: r.started, n: isInt(r.n) && r.n > 0 ? r.n : new Set(ids).size };
      if (secs) out.secs = secs;
      return out;
    }
    // A session's ids that are questions and pass keep(id), with the section slug stored beside
    // each (secs, parallel to ids: where a large bank finds them after a reload) when it has them.
    function withSecs(x, keep) {
      const has = Array.isArray(x.secs) && x.secs.length === x.ids.length && x.secs.every((v) => typeof v === "string" && v.length <= 200);
      const pairs = x.ids.map((id, i) => [id, has ? x.secs[i] : null]).filter(([id]) => idOk(id) && BYID[id] && keep(id));
      return [pairs.map((p) => p[0]), has ? pairs.map((p) => p[1]) : null];
    }
    return { validate, checkExam, checkRun };
  }
  window.StudysiteQuizProgress = { fresh, checks, LOG_MAX, ATT_MAX };
})();
