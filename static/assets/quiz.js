/* studysite quiz (quiz.html), the app: storage, the shared question card, practice, flashcards and
   FSRS review, export/import, keys. Classic script, no dependencies; needs fsrs.js, quiz-data.js,
   quiz-strings.js, quiz-kit.js, quiz-progress.js, quiz-exam.js and quiz-setup.js first (the last
   two are factories this file calls with its context A). Only the generator-rendered, sanitised
   question HTML of quiz-data.js goes in as HTML (trusted()); everything else as text. */
(() => {
  "use strict";
  const doc = document, app = doc.getElementById("quiz-app");
  const K = window.StudysiteQuizKit, P = window.StudysiteQuizProgress;
  if (!app || !K || !P) return;
  const { h, btn, linkBtn, trusted, put, shuffle, range, letter, isObj, num, idOk, fmtDate, pad, ivlText } = K;
  const { t: T, f: Tf, n: Tn } = window.StudysiteStrings;
  const cards = (n) => Tn("quiz_cards", n);
  // The one read of the quiz data: the whole bank, or a large bank's manifest, whose sections'
  // questions quiz-loader.js adds before a session asks them (see "sessions wait" below).
  const L = window.StudysiteQuizLoader || { data: (d) => d, need: () => null };
  const quizData = () => L.data(window.STUDYSITE_QUIZ);
  const F = window.StudysiteFSRS, D = quizData(), ROOT = doc.documentElement.getAttribute("data-root") || "";

  if (!F || !isObj(D) || !Array.isArray(D.questions)) {
    app.replaceChildren(h("p", { class: "qz-notice", text: T("quiz_data_missing") }));
    return;
  }
  const SITE = String(D.site || app.dataset.siteId || "site"), KEY = `studysite:${SITE}:v1`;
  const BYID = Object.create(null);
  for (const q of D.questions) if (isObj(q) && idOk(q.id)) { BYID[q.id] = q; if (!Array.isArray(q.options)) q.options = []; }
  const ALL = Object.keys(BYID), SECTIONS = Array.isArray(D.sections) ? D.sections : [], FOLDERS = Array.isArray(D.folders) ? D.folders : [];
  // A large bank's questions arrive with their sections (quiz-loader.js): ALL and BYID are the
  // loaded ones; the start screen counts from the manifest and the stored cards.
  const LAZY = !!(L.lazy && L.lazy());
  const DOMAINS = (Array.isArray(D.domains) ? D.domains : []).filter((d) => isObj(d) && num(d.weight, 0, 1e6));
  const TAGS = (Array.isArray(D.tags) ? D.tags : []).filter((t) => typeof t === "string");
  const EX = isObj(D.exam) ? D.exam : {};
  const EXAM_Q = EX.questions > 0 ? EX.questions : 65, EXAM_MIN = EX.minutes > 0 ? EX.minutes : 130;
  const EXAM_PASS = num(EX.pass, 1, 100) ? EX.pass : 72, { LOG_MAX, ATT_MAX } = P;
  const slugOf = (id) => String((SECTIONS[BYID[id].section] || {}).slug || "");
  // The section an id is in (-1 unknown): a large bank knows more than it has loaded.
  const sectionOf = (id) => (BYID[id] ? BYID[id].section : LAZY ? L.where(id) : -1);
  const BANK = LAZY ? SECTIONS.reduce((a, s) => a + (+(s || {}).n || 0), 0) : ALL.length;
  const domainOf = (id) => { const q = BYID[id], d = q.domain != null ? q.domain : (SECTIONS[q.section] || {}).domain; return DOMAINS[d] ? d : -1; };

  /* ---------- storage: one key per site (quiz-progress.js) ---------- */
  let storageOK = true, readOnly = false;
  const entryKey = (e) => String(e.slice(0, 3));
  const { fresh } = P, { validate, checkExam, checkRun } = P.checks(SITE, BYID, EXAM_PASS, LAZY);
  const A = { h, T, Tf, Tn, BYID, ALL, SECTIONS, FOLDERS, DOMAINS, TAGS, EXAM_Q, EXAM_MIN, EXAM_PASS, ROOT, SITE, slugOf, domainOf, sectionOf, BANK, LAZY, L, store: null, S: null };
  function load() {
    let raw;
    try { raw = localStorage.getItem(KEY); } catch (err) { storageOK = false; return fresh(); }
    if (raw == null) return fresh();
    try { return validate(JSON.parse(raw), false); } catch (err) {
      // unknown version or junk: keep the old blob under another key and start fresh
      try { localStorage.setItem(KEY + ":old-" + Date.now(), raw); } catch (err2) { readOnly = true; }
      notice(Tf("quiz_store_unknown", { why: err.message }));
      return fresh();
    }
  }
  function save() {
    if (!storageOK || readOnly) return;
    try {
      // answers given on note pages since this page loaded (another tab) are kept for the next visit
      const cur = JSON.parse(localStorage.getItem(KEY) || "null"), have = new Set(A.store.inbox.map(entryKey));
      if (cur && Array.isArray(cur.inbox)) for (const e of cur.inbox) if (Array.isArray(e) && !have.has(entryKey(e)) && !A.applied.has(entryKey(e))) A.store.inbox.push(e);
      localStorage.setItem(KEY, JSON.stringify(A.store));
    } catch (err) {
      notice(T("quiz_store_full"));
    }
  }
  A.save = save;

  /* ---------- frame: notices, view, live region, dialogs ---------- */
  const noticeBox = h("div"), view = h("div", { class: "qz-view" }), live = h("div", { class: "qz-sr", role: "status", "aria-live": "polite" });
  app.replaceChildren(noticeBox, view, live);
  app.classList.add("qz");
  A.view = view;
  function notice(text) {
    if (![...noticeBox.children].some((c) => c.textContent === text)) noticeBox.append(h("p", { class: "qz-notice", role: "alert", text }));
  }
  const say = (text) => { live.textContent = ""; setTimeout(() => { live.textContent = text; }, 50); };
  A.say = say;
  A.applied = new Set();
  A.store = load();
  if (!storageOK) notice(T("quiz_store_off"));
  A.notice = notice;
  if (LAZY) {
    // where stored ids are: cards and note-page answers name their section, sessions keep secs
    for (const [id, c] of Object.entries(A.store.cards)) if (c.sec) L.hint(id, c.sec);
    for (const e of A.store.inbox) if (e[3]) L.hint(e[1], e[3]);
    for (const x of [A.store.run, A.store.exam]) if (x && Array.isArray(x.secs)) x.ids.forEach((id, i) => L.hint(id, x.secs[i]));
    L.onQuestion((q) => {
      if (!isObj(q) || !idOk(q.id) || BYID[q.id]) return;
      if (!Array.isArray(q.options)) q.options = [];
      BYID[q.id] = q;
      ALL.push(q.id);
      const c = A.store.cards[q.id];
      if (c) c.sec = slugOf(q.id);
    });
  }

  function dialog(title, body, buttons) {
    const dlg = h("dialog", { class: "qz-dialog", "aria-labelledby": "qz-dlg-title" }, [h("h2", { id: "qz-dlg-title", text: title }), ...body]);
    const bar = put(h("div", { class: "qz-actions" }), buttons.map(([label, run, cls]) => btn(label, () => { dlg.close(); if (run) run(); }, cls)));
    dlg.append(bar);
    dlg.addEventListener("close", () => dlg.remove());
    app.append(dlg);
    dlg.showModal();
    bar.firstChild.focus();
  }
  A.confirmBox = (title, text, ok, run) => dialog(title, (Array.isArray(text) ? text : [text]).map((t) => h("p", { text: t })),
    [[T("quiz_cancel")], [ok, run, "qz-primary"]]);
  const KEYS = ["options", "enter", "space", "grades", "arrows", "flag", "help", "esc"];
  A.showHelp = () => dialog(T("quiz_keys_title"), [
    h("dl", { class: "qz-keys" }, KEYS.flatMap((k) => [h("dt", {}, [h("kbd", { text: T("quiz_key_" + k) })]), h("dd", { text: T(`quiz_key_${k}_do`) })])),
    h("p", { class: "qz-muted", text: T("quiz_keys_note") })], [[T("quiz_close"), null, "qz-primary"]]);

  /* ---------- cards, grading, stats ---------- */
  const today = () => F.dayNumber(new Date());
  A.today = today;
  const seen = (id) => !!(A.store.cards[id] && A.store.cards[id].reps > 0);
  A.seen = seen;
  function grade(id, g, day, quiet) {
    const t = day || today(), old = A.store.cards[id] || null, wasNew = !seen(id);
    const { s, d, due, last, reps, lapses, st } = F.next(old, g, Math.max(t, (old && old.last) || 0), A.store.settings);
    A.store.cards[id] = { s, d, due, last, reps, lapses, st, fp: String(BYID[id].fp || (old && old.fp) || ""), sec: slugOf(id), lg: g };
    A.store.log.push([t, id, g]);
    A.store.log = A.store.log.slice(-LOG_MAX);
    if (wasNew && A.S && A.S.mode === "review") { const fr = freshToday(); fr.n++; }
    if (!quiet) save();
  }
  A.grade = grade;
  // New cards review brought in today: flashcards and practice do not use up the day's budget.
  function freshToday() {
    const t = today(), q = A.store.quiz;
    if (!q.fresh || q.fresh.d !== t) q.fresh = { d: t, n: 0 };
    return q.fresh;
  }
  const budget = () => Math.max(0, A.store.settings.newPerDay - freshToday().n);
  A.budget = budget;
  // ids: those the counts are over; total: how many questions they stand for (a large bank's
  // cards are the ids it knows of, its manifest the total).
  function stats(ids, total = ids.length) {
    const t = today();
    let due = 0, nseen = 0, next = null, ok = 0, n = 0, weak = 0;
    for (const id of ids.filter(seen)) {
      const c = A.store.cards[id];
      nseen++;
      if (c.lg === 1) weak++;
      if (c.due <= t) due++; else if (next === null || c.due < next) next = c.due;
    }
    for (const e of A.store.log) { n++; if (e[2] > 1) ok++; }
    for (const a of A.store.quiz.attempts) if (a.m === "exam") { n += a.n; ok += a.ok; }
    return { due, next, seen: nseen, weak, acc: n ? Tf("quiz_percent", { n: Math.round(100 * ok / n) }) : T("quiz_no_accuracy"),
      fresh: Math.max(0, Math.min(total - nseen, budget())) };
  }
  A.stats = stats;
  A.flagged = (id) => A.store.quiz.flags.includes(id);
  A.toggleIn = (list, id) => { const i = list.indexOf(id); if (i >= 0) list.splice(i, 1); else list.push(id); return i < 0; };
  A.record = (m, n, ok, ms) => {
    A.store.quiz.attempts = A.store.quiz.attempts.concat({ t: today(), n, ok, ms: Math.max(0, Math.round(ms)), m }).slice(-ATT_MAX);
    save();
  };
  // Answers given on note pages and questions.html: graded on their day, in order, then cleared.
  function applyInbox() {
    const box = A.store.inbox;
    if (!box.length) return;
    for (const e of box) { if (BYID[e[1]]) grade(e[1], e[2], e[0], true); A.applied.add(entryKey(e)); }
    A.store.inbox = [];
    save();
  }
  // Cards stored before their section and last grade were recorded get them (the home page
  // counts by them): the section from the data, the grade from the review log.
  const lastGrade = {};
  for (const [, id, g] of A.store.log) lastGrade[id] = g;
  let migrated = false;
  for (const [id, c] of Object.entries(A.store.cards)) {
    if (BYID[id] && !c.sec) { c.sec = slugOf(id); migrated = true; }
    if (!c.lg && lastGrade[id]) { c.lg = lastGrade[id]; migrated = true; }
  }
  if (A.store.inbox.length && !LAZY) applyInbox(); else if (migrated) save();

  /* ---------- shared question rendering ---------- */
  A.optionOrder = (q, shuffled) => {
    if (q.fixed || !shuffled) return range(q.options.length);
    const idx = range(q.options.length); // "All/None of the above" (pin) stay last
    return shuffle(idx.filter((i) => !q.options[i].pin)).concat(idx.filter((i) => q.options[i].pin));
  };
  /* The card of one question; topic: false in an exam (the section would give the answer away). */
  A.card = (q, title, extra, topic = true) => {
    const head = h("h2", { class: "qz-qh", id: "qz-qh", tabindex: "-1", text: title });
    const el = h("section", { class: "qz-card", "aria-labelledby": "qz-qh", "data-qid": q.id }, [
      h("div", { class: "qz-bar" }, [topic && h("span", { class: "qz-topic", text: String(q.topic || "") }), ...extra]), head,
      trusted(h("div", { class: "qz-q" }), q.q)]);
    view.replaceChildren(el);
    return { el, head };
  };
  // "(Choose 2)", "(Select TWO)" in the question: the legend says how many.
  const WORDS = { two: 2, three: 3, four: 4, five: 5 };
  const chooseN = (q) => {
    const m = /\((?:choose|select|pick)\s+(\d|two|three|four|five)\b/i.exec(K.plain(q.q));
    return m ? +m[1] || WORDS[m[1].toLowerCase()] : 0;
  };
  /* Options as form controls (interactive) or as a plain list (flashcards). Input values are original indices. */
  A.choices = (q, order, interactive, chosen, onChange) => {
    const multi = q.kind === "multi", name = "qz-opt-" + Math.random().toString(36).slice(2), want = multi && chooseN(q);
    const get = () => items.filter((it) => it.input && it.input.checked).map((it) => it.orig);
    const picked = () => { for (const it of items) it.li.classList.toggle("is-picked", !!(it.input && it.input.checked)); };
    const items = order.map((orig, pos) => {
      const o = q.options[orig] || {}, tag = [h("span", { class: "qz-letter", "aria-hidden": "true", text: letter(pos) }), trusted(h("span", { class: "qz-opt-text" }), o.html)];
      const input = interactive && h("input", { type: multi ? "checkbox" : "radio", name, value: orig, checked: chosen.includes(orig),
        onchange: () => { picked(); if (onChange) onChange(get()); } });
      const why = o.why ? trusted(h("div", { class: "qz-why", hidden: true }), o.why) : null;
      return { li: h("li", { class: "qz-opt" }, [input ? h("label", {}, [input, ...tag]) : h("div", { class: "qz-label" }, tag), why]), input, orig, why, correct: !!o.correct };
    });
    const list = put(h("ol", { class: "qz-options" }), items.map((it) => it.li));
    picked();
    const legend = want ? Tf("quiz_choose_n", { n: want }) : T(multi ? "quiz_choose_all" : "quiz_choose_one");
    return {
      el: interactive ? h("fieldset", { class: "qz-choice" }, [h("legend", { class: "qz-legend", text: legend }), list]) : list,
      get,
      pick(pos) {
        const it = items[pos];
        if (!it || !it.input || it.input.disabled) return false;
        it.input.checked = multi ? !it.input.checked : true;
        picked();
        if (onChange) onChange(get());
        return true;
      },
      right: (sel) => items.every((it) => it.correct === sel.includes(it.orig)),
      key: () => items.map((it, i) => (it.correct ? letter(i) : "")).filter(Boolean).join(", "),
      mark(sel) { // mark and explain every option
        for (const it of items) {
          const ch = sel.includes(it.orig), cls = it.li.classList;
          if (it.input) it.input.disabled = true;
          if (it.correct) cls.add("is-correct");
          if (ch) cls.add("is-chosen");
          if (ch && !it.correct) cls.add("is-wrong");
          it.li.firstChild.append(h("span", { class: "qz-mark", text: T(ch ? (it.correct ? "mark_yours_right" : "mark_yours_wrong") : it.correct ? "mark_right" : "quiz_mark_wrong") }));
          if (it.why) it.why.hidden = false;
        }
      }
    };
  };
  const keyIndex = (k) => (/^[1-9]$/.test(k) ? +k - 1 : /^[a-eg-i]$/i.test(k) ? k.toLowerCase().charCodeAt(0) - 97 : -1);
  A.keyIndex = keyIndex;
  /* Where to learn it: the section that teaches it (the question's `see:`, else the best match
     the build found on its page), else the question on its page. */
  A.learnLink = (q) => h("a", { href: ROOT + String(q.see || q.url || ""), class: "qz-learn",
    text: q.see && q.seet ? Tf("quiz_learn_it", { section: String(q.seet) }) : T("quiz_read_notes") });
  A.answerBox = (q) => {
    const free = A.selfGraded(q), html = free ? q.a : q.explain;
    return h("div", { class: "qz-answer", tabindex: "-1", hidden: true }, [h("h3", { class: "qz-answer-h", text: T(free ? "quiz_answer" : "quiz_explanation") }),
      html && trusted(h("div", { class: "qz-answer-body" }), html), h("p", { class: "qz-source" }, [A.learnLink(q)])]);
  };
  A.flagBtn = (on, toggle) => {
    const b = h("button", { type: "button", class: "qz-flag", "aria-keyshortcuts": "f", onclick: () => b.toggle() });
    const show = (v) => { b.setAttribute("aria-pressed", String(v)); b.textContent = T(v ? "quiz_flagged" : "quiz_flag"); };
    b.toggle = () => { const v = toggle(); save(); show(v); say(T(v ? "quiz_flag_on" : "quiz_flag_off")); return true; };
    show(on);
    return b;
  };
  const GRADES = ["again", "hard", "good", "easy"];
  function gradeBar(id, onGrade) {
    const iv = F.intervals(A.store.cards[id] || null, today(), A.store.settings);
    return h("div", { class: "qz-gradebox" }, [h("p", { class: "qz-muted qz-grade-help", id: "qz-grade-help", text: T("quiz_grade_help") }),
      h("div", { class: "qz-grades", role: "group", "aria-label": T("quiz_grade_label"), "aria-describedby": "qz-grade-help" }, GRADES.map((n, i) =>
        h("button", { type: "button", class: "qz-btn qz-grade qz-g" + (i + 1), "aria-keyshortcuts": i + 1, onclick: () => onGrade(i + 1) },
          [h("span", { text: T("quiz_" + n) }), h("small", { text: Tf("quiz_grade_key", { key: i + 1, ivl: ivlText(iv[i]) }) })])))]);
  }

  /* ---------- practice, flashcards, review (the session is stored, so a reload resumes it) ---------- */
  function startRun(mode, ids) {
    A.stopTimer();
    if (ids.length) {
      A.S = A.store.run = { mode, ids: ids.slice(), secs: ids.map(slugOf), i: 0, res: {}, started: Date.now(), n: new Set(ids).size };
      save();
      return showItem();
    }
    const st = stats(A.pool(mode)), text = mode !== "review" ? T("quiz_info_none") :
      st.next !== null ? Tf("quiz_nothing_due_next", { date: fmtDate(st.next) }) : T("quiz_nothing_scheduled");
    const head = h("h2", { class: "qz-h", tabindex: "-1", text: T(mode === "review" ? "quiz_review" : "quiz_nothing_to_do") });
    view.replaceChildren(head, h("p", { class: "qz-empty", text }), h("div", { class: "qz-actions" }, [btn(T("quiz_back"), A.startScreen, "qz-primary")]));
    A.S = { keys: (k) => k === "Enter" && (A.startScreen(), true) };
    head.focus();
    say(text);
  }
  A.startRun = startRun;
  A.resumeRun = () => showItem();
  function showItem() {
    const S = A.S;
    if (S.i >= S.ids.length) return finishRun();
    const id = S.ids[S.i], q = BYID[id], mode = S.mode, interactive = !A.selfGraded(q) && mode !== "flashcards";
    let phase = "ask", auto = 0, ch = null;
    const flag = A.flagBtn(A.flagged(id), () => A.toggleIn(A.store.quiz.flags, id));
    // A card graded Again comes back at the end: it is a repeat, not one more card.
    const again = S.ids.indexOf(id) < S.i, firstPass = S.ids.slice(0, S.i).filter((x, i) => S.ids.indexOf(x) === i).length;
    const title = again ? Tf("quiz_card_repeat", { n: S.ids.length - S.i }) :
      Tf(mode === "practice" ? "quiz_question_of" : "quiz_card_of", { i: firstPass + 1, n: S.n });
    const c = A.card(q, title, [flag]);
    const fbk = h("p", { class: "qz-feedback", role: "status", "aria-live": "polite", tabindex: "-1" });
    const ans = A.answerBox(q), actions = h("div", { class: "qz-actions qz-run-actions" });
    const setActions = (list) => { actions.replaceChildren(); put(actions, list); };
    const res = (g) => { S.res[id] = S.res[id] || { g, ok: g > 1 }; if (g === 1) S.res[id].missed = true; };
    const next = (g) => {
      if (g) { res(g); if (g === 1 && mode !== "practice") S.ids.push(id); grade(id, g, 0, true); }
      S.i++;
      save();
      showItem();
    };
    const reveal = () => {
      phase = "shown";
      if (ch) ch.mark([]);
      ans.hidden = false;
      ans.after(actions); // a flashcard's grades come after its answer
      setActions([gradeBar(id, next)]);
      ans.focus();
    };
    const doCheck = () => {
      const sel = ch.get(), ok = ch.right(sel);
      if (!sel.length) { fbk.textContent = T(ch.emptyKey || "quiz_choose_first"); return fbk.focus(); }
      phase = "checked";
      ch.mark(sel);
      if (ch.selfGrade) return reveal(); // a typed answer: its diff, then the learner grades
      fbk.textContent = ok ? T("quiz_correct") : Tf("quiz_not_quite", { key: ch.key() });
      fbk.className = "qz-feedback " + (ok ? "is-right" : "is-wrong");
      ans.hidden = false;
      auto = ok ? 3 : 1;
      if (mode === "practice") {
        grade(id, auto); res(auto);
        setActions([btn(T(S.i + 1 < S.ids.length ? "quiz_next_question" : "quiz_see_results"), () => next(0), "qz-primary", "Enter")]);
      } else {
        const iv = F.intervals(A.store.cards[id] || null, today(), A.store.settings)[auto - 1];
        setActions([h("p", { class: "qz-muted qz-counted", text: Tf(ok ? "quiz_counted_good" : "quiz_counted_again", { ivl: ivlText(iv) }) }),
          btn(T("quiz_next"), () => next(auto), "qz-primary", "Enter"), ok && btn(T("quiz_was_easy"), () => next(4), "", "4")]);
      }
      fbk.focus();
      // on a laptop the next step stays in view after the explanation opens
      actions.scrollIntoView({ block: "nearest" });
    };
    if (!A.selfGraded(q)) { ch = A.choicesFor(q)(q, A.optionOrder(q, A.cfg.shuffleO), interactive, [], null, () => S.keys("Enter")); c.el.append(ch.el); }
    setActions([interactive ? btn(T("quiz_check"), doCheck, "qz-primary", "Enter") : btn(T("quiz_show"), reveal, "qz-primary", "Space")]);
    // The actions come before the answer, so Next never falls below a long explanation.
    c.el.append(fbk, actions, ans, h("p", { class: "qz-muted qz-foot" }, [linkBtn(T("quiz_end"), finishRun), T("quiz_press_help")]));
    S.keys = (k) => {
      const go = k === " " || k === "Enter";
      if (k === "f" || k === "F") return flag.toggle();
      if (phase === "ask" && interactive) return k === "Enter" ? (doCheck(), true) : ch.pick(keyIndex(k));
      if (phase === "ask") return go && (reveal(), true);
      if (phase === "shown") return go ? (next(3), true) : /^[1-4]$/.test(k) && (next(+k), true);
      if (go) return next(mode === "practice" ? 0 : auto), true;
      return k === "4" && mode !== "practice" && auto === 3 && (next(4), true);
    };
    c.head.focus();
  }
  function finishRun() {
    const S = A.S, ids = S.ids.filter((id, i) => S.res[id] && S.ids.indexOf(id) === i), counts = [0, 0, 0, 0];
    const ok = ids.filter((id) => S.res[id].ok).length;
    for (const id of ids) counts[S.res[id].g - 1]++;
    A.store.run = null;
    A.record(S.mode, ids.length, ok, Date.now() - S.started);
    results(S.mode, ids.length ? Tf("quiz_first_time", { ok, n: ids.length, pct: Math.round(100 * ok / ids.length) }) : T("quiz_none_answered"),
      S.mode === "practice" ? null : Tf("quiz_grade_counts", { again: counts[0], hard: counts[1], good: counts[2], easy: counts[3] }),
      ids.filter((id) => S.res[id].missed), []);
  }
  function results(mode, summary, detail, missed, extra) {
    A.stopTimer();
    const name = T("quiz_results_" + mode);
    const head = h("h2", { class: "qz-h", tabindex: "-1", text: name });
    const retry = () => startRun("practice", shuffle(missed.slice()));
    const ul = h("ul", { class: "qz-missed" }, missed.map((id) => h("li", {}, [
      h("a", { href: ROOT + String(BYID[id].see || BYID[id].url || ""), text: K.clip(K.plain(BYID[id].q), 140) || id }),
      h("span", { class: "qz-muted", text: T("quiz_topic_sep") + String(BYID[id].seet || BYID[id].topic || "") })])));
    view.replaceChildren();
    put(view, [head, h("p", { class: "qz-score", text: summary }), detail && h("p", { class: "qz-muted", text: detail }), ...extra,
      mode !== "exam" && missed.length && h("h3", { text: Tf("quiz_missed", { n: missed.length }) }), mode !== "exam" && missed.length && ul,
      h("div", { class: "qz-actions" }, [missed.length && btn(Tf("quiz_retry_missed", { n: missed.length }), retry, "qz-primary"), btn(T("quiz_back"), A.startScreen)])]);
    A.S = { keys: (k) => k === "Enter" && missed.length && (retry(), true) };
    head.focus();
    say(Tf("quiz_finished", { results: name, summary }));
  }
  A.results = results;

  /* ---------- export / import ---------- */
  A.exportProgress = (msg) => {
    const d = new Date(), data = Object.assign({}, A.store, { site: SITE, exported: d.toISOString() });
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
    const a = h("a", { href: url, hidden: true,
      download: `studysite-${SITE.replace(/[^\w.-]+/g, "_")}-progress-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json` });
    doc.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
    msg.textContent = Tf("quiz_exported", { cards: cards(Object.keys(A.store.cards).length) });
  };
  A.importFile = (input, msg) => {
    const f = input.files[0], r = new FileReader();
    input.value = "";
    if (!f) return;
    const reject = (why) => {
      msg.setAttribute("role", "alert");
      msg.className = "qz-msg is-error";
      msg.textContent = Tf("quiz_import_failed", { why });
    };
    if (f.size > 20e6) return reject(T("quiz_import_too_large"));
    r.onerror = () => reject(T("quiz_import_unreadable"));
    r.onload = () => {
      let data;
      try { data = JSON.parse(String(r.result)); } catch (err) { return reject(T("quiz_import_not_json")); }
      try { data = validate(data, true); } catch (err) { return reject(Tf("quiz_import_not_progress", { why: err.message })); }
      A.store = Object.assign(data, { exam: A.store.exam });
      save();
      A.startScreen();
      view.querySelector(".qz-tools").open = true;
      const m = view.querySelector(".qz-tools .qz-msg");
      m.className = "qz-msg is-ok";
      m.textContent = Tf("quiz_imported", { cards: cards(Object.keys(A.store.cards).length) });
    };
    r.readAsText(f);
  };
  A.fresh = fresh;

  /* ---------- keyboard: never while typing in a field or with a dialog open ---------- */
  doc.addEventListener("keydown", (e) => {
    const t = e.target, tag = t.tagName, k = e.key, act = k === " " || k === "Enter";
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || doc.querySelector("dialog[open]")) return;
    if (/^(SELECT|TEXTAREA)$/.test(tag) || t.isContentEditable || (tag === "INPUT" && !/^(radio|checkbox)$/.test(t.type))) return;
    if (k === "?") { e.preventDefault(); return A.showHelp(); }
    if (!A.S || !A.S.keys || t.closest(".qz-start, .qz-tools, .qz-settings, .qz-review")) return;
    // native behaviour wins: Space/Enter on buttons and links, Space and arrows on radios and checkboxes
    if ((act && /^(BUTTON|A|SUMMARY)$/.test(tag)) || (tag === "INPUT" && (k === " " || k.startsWith("Arrow")))) return;
    if (A.S.keys(k)) e.preventDefault();
  });

  Object.assign(A, window.StudysiteQuizKinds(A));
  A.selfGraded = (q) => q.kind === "free" || q.kind === "cloze";
  A.choicesFor = (q) => (A.kinds.is(q) ? A.kinds.widget : A.choices);
  Object.assign(A, window.StudysiteQuizExam(A));
  Object.assign(A, window.StudysiteQuizSetup(A));
  // Waits for a large bank's files with the quiz marked busy: then ok(), or the notice that data
  // is missing (and fail(), if given).
  A.busy = (p, ok, fail) => {
    app.setAttribute("aria-busy", "true");
    const done = () => app.removeAttribute("aria-busy");
    return p.then(() => { done(); ok(); }, () => { done(); notice(T("quiz_data_missing")); if (fail) fail(); });
  };
  // Sessions wait for their questions (a large bank's sections, quiz-loader.js); at once when loaded.
  const waits = (f, ids) => (...a) => {
    const p = L.need(ids(...a));
    return p ? A.busy(p, () => f(...a)) : f(...a);
  };
  // A large bank checks a stored session once its sections are in (quiz-progress.js).
  const rechecked = (k, check, f) => (...a) => {
    if (LAZY) {
      A.store[k] = A.store[k] && check(A.store[k]);
      if (!A.store[k]) { save(); return A.startScreen(true); }
      if (k === "run") A.S = A.store.run;
    }
    return f(...a);
  };
  A.startRun = waits(A.startRun, (mode, ids) => ids);
  A.startExam = waits(A.startExam, (ids) => ids);
  A.resumeRun = waits(rechecked("run", checkRun, A.resumeRun), () => A.store.run.ids);
  A.showExam = waits(rechecked("exam", checkExam, A.showExam), () => A.store.exam.ids);
  // a preset in the URL (a "Practice this page" link) wins over resuming a session
  const boot = () => {
    if (A.store.exam) A.showExam();
    else if (A.store.run && !A.fromUrl) { A.S = A.store.run; A.resumeRun(); say(T("quiz_resumed")); }
    else A.startScreen(true);
  };
  // A large bank first finds what was stored without its section (quiz-ids.js, once; the cards
  // then keep it) and grades note-page answers once their sections are in.
  function lazyStart() {
    const st = A.store, ids = Object.keys(st.cards).filter((id) => !st.cards[id].sec)
      .concat(st.quiz.flags, st.inbox.map((e) => e[1]), (st.run || {}).ids || [], (st.exam || {}).ids || []).filter((id) => L.where(id) < 0);
    const found = ids.length ? L.locate(ids) : null, inbox = () => (st.inbox.length ? L.need(st.inbox.map((e) => e[1])) : null);
    if (!found && !st.inbox.length) return null;
    return Promise.resolve(found).then(() => {
      let moved = false;
      for (const [id, c] of Object.entries(st.cards)) if (!c.sec && L.where(id) >= 0) { c.sec = String(SECTIONS[L.where(id)].slug || ""); moved = true; }
      if (moved && !st.inbox.length) save();
      return inbox();
    }).then(() => { if (st.inbox.length) applyInbox(); });
  }
  const ready = LAZY ? lazyStart() : null;
  if (ready) A.busy(ready, boot, boot);
  else boot();
})();
