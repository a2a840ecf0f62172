/* studysite quiz app (quiz.html): practice, timed exam, flashcards and FSRS review.
   Classic script, no dependencies. Needs assets/fsrs.js and assets/quiz-data.js first.
   Only the generator-rendered question HTML from quiz-data.js is inserted as HTML (trusted());
   everything else (titles, topics, tags, stored or imported values) goes in as text. */
(function () {
  "use strict";
  var doc = document, app = doc.getElementById("quiz-app");
  if (!app) return;
  var F = window.StudysiteFSRS, D = window.STUDYSITE_QUIZ;
  var ROOT = doc.documentElement.getAttribute("data-root") || "";

  function h(tag, attrs, kids) {
    var el = doc.createElement(tag), k, v;
    for (k in attrs || {}) {
      v = attrs[k];
      if (v == null || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    (kids || []).forEach(function (c) {
      if (c != null && c !== false) el.appendChild(typeof c === "string" ? doc.createTextNode(c) : c);
    });
    return el;
  }
  /* The one place HTML goes in: question/answer/option HTML rendered and sanitised by the generator. */
  function trusted(el, html) { el.innerHTML = typeof html === "string" ? html : ""; return el; }
  function plain(html) {
    var t = doc.createElement("template");
    t.innerHTML = typeof html === "string" ? html : "";
    return (t.content.textContent || "").replace(/\s+/g, " ").trim();
  }
  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function plural(n, w) { return n + " " + w + (n === 1 ? "" : "s"); }
  function shuffle(a) {
    for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = a[i]; a[i] = a[j]; a[j] = t; }
    return a;
  }
  function letter(i) { return String.fromCharCode(65 + i); }
  function isInt(x) { return typeof x === "number" && Math.floor(x) === x && isFinite(x); }
  function isObj(x) { return x && typeof x === "object" && !Array.isArray(x); }
  function fmtDate(day) {
    return F.dayToDate(day).toLocaleDateString(undefined, { weekday: "short", year: "numeric", month: "short", day: "numeric" });
  }
  function fmtTime(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000)), hh = Math.floor(s / 3600), mm = Math.floor(s / 60) % 60, ss = s % 60;
    return (hh ? hh + ":" + (mm < 10 ? "0" : "") : "") + mm + ":" + (ss < 10 ? "0" : "") + ss;
  }
  function ivlText(d) { return d < 31 ? d + "d" : d < 365 ? Math.round(d / 30.4) + "mo" : (d / 365).toFixed(1) + "y"; }

  if (!F || !isObj(D) || !Array.isArray(D.questions)) {
    app.textContent = "";
    app.appendChild(h("p", { class: "qz-notice" }, ["The quiz data could not be loaded. All questions are on ",
      h("a", { href: ROOT + "questions.html", text: "the questions page" }), "."]));
    return;
  }

  var SITE = String(D.site || app.getAttribute("data-site-id") || "site");
  var KEY = "studysite:" + SITE + ":v1";
  var QS = D.questions.filter(function (q) { return isObj(q) && typeof q.id === "string"; });
  var BYID = Object.create(null);
  QS.forEach(function (q) { BYID[q.id] = q; });
  var SECTIONS = Array.isArray(D.sections) ? D.sections : [];
  var TAGS = Array.isArray(D.tags) ? D.tags.filter(function (t) { return typeof t === "string"; }) : [];
  var EX = isObj(D.exam) ? D.exam : {};
  var EXAM_Q = EX.questions > 0 ? EX.questions : 65, EXAM_MIN = EX.minutes > 0 ? EX.minutes : 130;
  var EXAM_PASS = EX.pass > 0 && EX.pass <= 100 ? EX.pass : 72;
  var LOG_MAX = 5000, ATTEMPTS_MAX = 200;

  /* ---------- storage: one key per site, quiz.md §(c) ---------- */
  var storageOK = true, readOnly = false;
  function fresh() {
    return { v: 1, settings: { retention: 0.9, maxIvl: 365, newPerDay: 20 }, cards: {}, log: [],
      quiz: { flags: [], attempts: [] }, exam: null };
  }
  function fail(msg) { throw new Error(msg); }
  function num(x, lo, hi) { return typeof x === "number" && isFinite(x) && x >= lo && x <= hi; }
  function idOk(id) { return typeof id === "string" && id.length > 0 && id.length <= 200 && id !== "__proto__"; }

  /* Check a progress object. strict (imports): any bad part rejects the whole; else bad parts are dropped. */
  function validate(o, strict) {
    if (!isObj(o)) fail("not a JSON object");
    if (o.v !== 1) fail("unknown format version " + JSON.stringify(o.v));
    if (strict && o.site != null && o.site !== SITE) fail("it is progress for another site (" + clip(String(o.site), 40) + ")");
    var out = fresh(), k, c, bad = function (m) { if (strict) fail(m); };
    if (o.settings != null) {
      if (!isObj(o.settings)) fail("settings is not an object");
      var st = o.settings;
      if (st.retention != null) { if (num(st.retention, 0.7, 0.99)) out.settings.retention = st.retention; else bad("bad settings.retention"); }
      if (st.maxIvl != null) { if (isInt(st.maxIvl) && num(st.maxIvl, 3, 36500)) out.settings.maxIvl = st.maxIvl; else bad("bad settings.maxIvl"); }
      if (st.newPerDay != null) { if (isInt(st.newPerDay) && num(st.newPerDay, 0, 9999)) out.settings.newPerDay = st.newPerDay; else bad("bad settings.newPerDay"); }
    }
    if (!isObj(o.cards)) fail("cards is missing");
    for (k in o.cards) {
      if (!Object.prototype.hasOwnProperty.call(o.cards, k)) continue;
      c = o.cards[k];
      if (!idOk(k) || !isObj(c) || !num(c.s, 0, 36500) || !num(c.d, 0, 10) || !isInt(c.reps) || c.reps < 0 ||
          !isInt(c.lapses) || c.lapses < 0 || [0, 1, 2, 3].indexOf(c.st) < 0 ||
          !(c.due === null || isInt(c.due)) || !(c.last === null || isInt(c.last)) ||
          (c.fp != null && (typeof c.fp !== "string" || c.fp.length > 64))) {
        bad("card " + JSON.stringify(clip(String(k), 40)) + " is malformed");
        continue;
      }
      out.cards[k] = { s: c.s, d: c.d, due: c.due, last: c.last, reps: c.reps, lapses: c.lapses, st: c.st };
      if (c.fp != null) out.cards[k].fp = c.fp;
    }
    if (o.log != null) {
      if (!Array.isArray(o.log)) fail("log is not a list");
      o.log.forEach(function (e) {
        if (Array.isArray(e) && e.length === 3 && isInt(e[0]) && idOk(e[1]) && [1, 2, 3, 4].indexOf(e[2]) >= 0) out.log.push([e[0], e[1], e[2]]);
        else bad("a log entry is malformed");
      });
      out.log = out.log.slice(-LOG_MAX);
    }
    if (o.quiz != null) {
      if (!isObj(o.quiz)) fail("quiz is not an object");
      var fl = o.quiz.flags, at = o.quiz.attempts;
      if (fl != null && !Array.isArray(fl)) fail("quiz.flags is not a list");
      if (at != null && !Array.isArray(at)) fail("quiz.attempts is not a list");
      (fl || []).forEach(function (id) { if (idOk(id)) { if (out.quiz.flags.indexOf(id) < 0) out.quiz.flags.push(id); } else bad("a flag is malformed"); });
      (at || []).forEach(function (a) {
        if (isObj(a) && isInt(a.t) && isInt(a.n) && isInt(a.ok) && a.ok >= 0 && a.ok <= a.n && isInt(a.ms) && a.ms >= 0 &&
            (a.m == null || ["practice", "exam", "flashcards", "review"].indexOf(a.m) >= 0)) {
          out.quiz.attempts.push(a.m ? { t: a.t, n: a.n, ok: a.ok, ms: a.ms, m: a.m } : { t: a.t, n: a.n, ok: a.ok, ms: a.ms });
        } else bad("an attempt is malformed");
      });
      out.quiz.attempts = out.quiz.attempts.slice(-ATTEMPTS_MAX);
    }
    if (!strict && o.exam) out.exam = checkExam(o.exam);
    return out;
  }
  function checkExam(e) {
    if (!isObj(e) || !Array.isArray(e.ids) || !isObj(e.order) || !isObj(e.ans) || !Array.isArray(e.flags) ||
        !num(e.end, 0, 1e15) || !num(e.start, 0, 1e15) || !isInt(e.i)) return null;
    var ids = e.ids.filter(function (id) { return idOk(id) && BYID[id] && BYID[id].kind !== "free"; });
    if (!ids.length) return null;
    var out = { ids: ids, order: {}, ans: {}, flags: [], i: Math.min(Math.max(e.i, 0), ids.length - 1),
      start: e.start, end: e.end, pass: num(e.pass, 1, 100) ? e.pass : EXAM_PASS, note: typeof e.note === "string" ? clip(e.note, 200) : "" };
    ids.forEach(function (id) {
      var n = BYID[id].options.length, p = e.order[id], a = e.ans[id];
      out.order[id] = Array.isArray(p) && p.length === n && p.slice().sort(function (x, y) { return x - y; }).every(function (x, i) { return x === i; }) ? p.slice() : identity(n);
      if (Array.isArray(a)) out.ans[id] = a.filter(function (x) { return isInt(x) && x >= 0 && x < n; });
      if (e.flags.indexOf(id) >= 0) out.flags.push(id);
    });
    return out;
  }
  function load() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (err) { storageOK = false; return fresh(); }
    if (raw == null) return fresh();
    try { return validate(JSON.parse(raw), false); } catch (err) {
      // Unknown version or junk: keep the old blob under another key, start fresh.
      try { localStorage.setItem(KEY + ":old-" + Date.now(), raw); } catch (err2) { readOnly = true; }
      notice("Saved progress in this browser had an unknown format (" + err.message + "). It was kept aside and a fresh start was made.");
      return fresh();
    }
  }
  function save() {
    if (!storageOK || readOnly) return false;
    try { localStorage.setItem(KEY, JSON.stringify(store)); return true; } catch (err) {
      notice("Progress could not be saved (storage is full or disabled). Export your progress to keep it.");
      return false;
    }
  }

  /* ---------- frame: notices, view, live region, dialogs ---------- */
  app.textContent = "";
  app.classList.add("qz");
  var noticeBox = h("div", { class: "qz-notices" });
  var view = h("div", { class: "qz-view" });
  var live = h("div", { class: "qz-sr", role: "status", "aria-live": "polite" });
  app.appendChild(noticeBox); app.appendChild(view); app.appendChild(live);
  function notice(text) {
    for (var i = 0; i < noticeBox.children.length; i++) if (noticeBox.children[i].textContent === text) return;
    noticeBox.appendChild(h("p", { class: "qz-notice", role: "alert", text: text }));
  }
  function say(text) { live.textContent = ""; setTimeout(function () { live.textContent = text; }, 50); }

  var store = load();
  if (!storageOK) notice("This browser does not let the quiz save progress (private mode or storage disabled). Use Export to keep it.");

  function dialog(title, body, buttons) {
    var dlg = h("dialog", { class: "qz-dialog", "aria-labelledby": "qz-dlg-title" });
    var close = function () { dlg.close(); };
    dlg.addEventListener("close", function () { dlg.remove(); });
    dlg.appendChild(h("h2", { id: "qz-dlg-title", text: title }));
    body.forEach(function (b) { dlg.appendChild(b); });
    var bar = h("div", { class: "qz-actions" });
    buttons.forEach(function (b) {
      bar.appendChild(h("button", { type: "button", class: b.primary ? "qz-btn qz-primary" : "qz-btn", text: b.label,
        onclick: function () { close(); if (b.run) b.run(); } }));
    });
    dlg.appendChild(bar);
    app.appendChild(dlg);
    if (dlg.showModal) dlg.showModal(); else dlg.setAttribute("open", "");
    var first = bar.querySelector("button");
    if (first) first.focus();
    return dlg;
  }
  function confirmBox(title, text, okLabel, run) {
    dialog(title, [h("p", { text: text })], [{ label: "Cancel" }, { label: okLabel, primary: true, run: run }]);
  }
  var KEYS = [["1–9 or a–i", "pick an option (f is not an option key)"], ["Enter", "check the answer, then go on"],
    ["Space", "show the answer; pressed again: grade Good"], ["1 2 3 4", "after the answer: Again, Hard, Good, Easy"],
    ["← →", "previous / next question (exam)"], ["f", "flag the question"], ["?", "this help"], ["Esc", "close a dialog"]];
  function showHelp() {
    var dl = h("dl", { class: "qz-keys" });
    KEYS.forEach(function (k) { dl.appendChild(h("dt", {}, [h("kbd", { text: k[0] })])); dl.appendChild(h("dd", { text: k[1] })); });
    dialog("Keyboard shortcuts", [dl, h("p", { class: "qz-muted", text: "Keys do nothing while you type in a field." })], [{ label: "Close", primary: true }]);
  }

  /* ---------- cards, grading, stats ---------- */
  function today() { return F.dayNumber(new Date()); }
  function seen(id) { var c = store.cards[id]; return !!(c && c.reps > 0); }
  function grade(id, g) {
    var t = today(), q = BYID[id];
    var c = F.next(store.cards[id] || null, g, t, store.settings);
    store.cards[id] = { s: c.s, d: c.d, due: c.due, last: c.last, reps: c.reps, lapses: c.lapses, st: c.st, fp: String(q.fp || "") };
    store.log.push([t, id, g]);
    if (store.log.length > LOG_MAX) store.log.splice(0, store.log.length - LOG_MAX);
    save();
  }
  function newToday() {
    var t = today(), before = Object.create(null), n = Object.create(null), count = 0;
    store.log.forEach(function (e) { if (e[0] < t) before[e[1]] = 1; });
    store.log.forEach(function (e) { if (e[0] === t && !before[e[1]] && !n[e[1]]) { n[e[1]] = 1; count++; } });
    return count;
  }
  function stats(ids) {
    var t = today(), due = 0, nseen = 0, next = null, ok = 0, n = 0;
    ids.forEach(function (id) {
      var c = store.cards[id];
      if (!c || !(c.reps > 0)) return;
      nseen++;
      if (c.due <= t) due++; else if (next === null || c.due < next) next = c.due;
    });
    store.log.forEach(function (e) { n++; if (e[2] > 1) ok++; });
    store.quiz.attempts.forEach(function (a) { if (a.m === "exam") { n += a.n; ok += a.ok; } });
    return { due: due, seen: nseen, next: next, acc: n ? Math.round(100 * ok / n) : null,
      fresh: Math.min(ids.length - nseen, Math.max(0, store.settings.newPerDay - newToday())) };
  }
  function flagged(id) { return store.quiz.flags.indexOf(id) >= 0; }
  function toggleFlag(id) {
    var i = store.quiz.flags.indexOf(id);
    if (i >= 0) store.quiz.flags.splice(i, 1); else store.quiz.flags.push(id);
    save();
    return i < 0;
  }
  function record(mode, n, ok, ms) {
    store.quiz.attempts.push({ t: today(), n: n, ok: ok, ms: Math.max(0, Math.round(ms)), m: mode });
    if (store.quiz.attempts.length > ATTEMPTS_MAX) store.quiz.attempts.splice(0, store.quiz.attempts.length - ATTEMPTS_MAX);
    save();
  }

  /* ---------- start screen ---------- */
  var MODES = [["practice", "Practice", "one question at a time, instant feedback"],
    ["exam", "Exam", "timed mock exam, choice questions, score at the end"],
    ["flashcards", "Flashcards", "flip and grade every selected card"],
    ["review", "Review", "spaced repetition: cards due today, then new ones"]];
  var cfg = { mode: "practice", sections: SECTIONS.map(function (s, i) { return i; }), tags: [], flagged: false,
    count: null, minutes: null, shuffleQ: true, shuffleO: true };

  function pool(c, mode) {
    return QS.filter(function (q) {
      if (SECTIONS.length && c.sections.indexOf(q.section) < 0) return false;
      if (c.tags.length && !(q.tags || []).some(function (t) { return c.tags.indexOf(t) >= 0; })) return false;
      if (c.flagged && !flagged(q.id)) return false;
      return !(mode === "exam" && q.kind === "free");
    }).map(function (q) { return q.id; });
  }

  function startScreen(initial) {
    stopTimer();
    S = null;
    view.textContent = "";
    var head = h("h2", { class: "qz-h", tabindex: "-1", text: "Start a session" });
    var st = stats(QS.map(function (q) { return q.id; }));
    var dash = h("p", { class: "qz-dash", text: plural(st.due, "card") + " due today, " + st.fresh + " new · " +
      st.seen + " of " + plural(QS.length, "card") + " seen · accuracy " + (st.acc === null ? "–" : st.acc + "%") });
    var form = h("form", { class: "qz-start", onsubmit: function (e) { e.preventDefault(); begin(); } });

    var modeSet = h("fieldset", { class: "qz-modes" }, [h("legend", { text: "Mode" })]);
    MODES.forEach(function (m) {
      modeSet.appendChild(h("label", { class: "qz-mode" }, [
        h("input", { type: "radio", name: "qz-mode", value: m[0], checked: cfg.mode === m[0], onchange: function () { cfg.mode = m[0]; cfg.count = null; cfg.minutes = null; refresh(); } }),
        h("span", {}, [h("strong", { text: m[1] }), h("span", { class: "qz-muted", text: " — " + m[2] })])]));
    });
    form.appendChild(modeSet);

    if (SECTIONS.length) {
      var secSet = h("fieldset", { class: "qz-filter" }, [h("legend", { text: "Sections" })]);
      var secBoxes = SECTIONS.map(function (s, i) {
        var cb = h("input", { type: "checkbox", value: String(i), checked: cfg.sections.indexOf(i) >= 0, onchange: function () {
          cfg.sections = secBoxes.filter(function (b) { return b.checked; }).map(function (b) { return +b.value; }); refresh(); } });
        secSet.appendChild(h("label", { class: "qz-check" }, [cb, " " + String(s.title || s.slug || "Section " + (i + 1))]));
        return cb;
      });
      var setAll = function (on) { secBoxes.forEach(function (b) { b.checked = on; }); cfg.sections = on ? SECTIONS.map(function (s, i) { return i; }) : []; refresh(); };
      secSet.appendChild(h("span", { class: "qz-inline" }, [
        h("button", { type: "button", class: "qz-link-btn", text: "All", onclick: function () { setAll(true); } }),
        h("button", { type: "button", class: "qz-link-btn", text: "None", onclick: function () { setAll(false); } })]));
      form.appendChild(secSet);
    }
    if (TAGS.length) {
      var tagSet = h("fieldset", { class: "qz-filter" }, [h("legend", { text: "Tags (none ticked: any tag)" })]);
      TAGS.forEach(function (t) {
        tagSet.appendChild(h("label", { class: "qz-check" }, [h("input", { type: "checkbox", value: t, checked: cfg.tags.indexOf(t) >= 0, onchange: function (e) {
          if (e.target.checked) cfg.tags.push(t); else cfg.tags.splice(cfg.tags.indexOf(t), 1); refresh(); } }), " " + t]));
      });
      form.appendChild(tagSet);
    }
    var opts = h("fieldset", { class: "qz-filter" }, [h("legend", { text: "Options" })]);
    var countIn = h("input", { type: "number", id: "qz-count", min: "1", inputmode: "numeric", oninput: function () { cfg.count = +countIn.value || null; }, onchange: function () { cfg.count = +countIn.value || null; refresh(); } });
    var minIn = h("input", { type: "number", id: "qz-minutes", min: "1", max: "600", inputmode: "numeric", oninput: function () { cfg.minutes = +minIn.value || null; } });
    var countRow = h("p", { class: "qz-row" }, [h("label", { for: "qz-count", text: "Number of questions " }), countIn]);
    var minRow = h("p", { class: "qz-row" }, [h("label", { for: "qz-minutes", text: "Minutes " }), minIn]);
    opts.appendChild(countRow); opts.appendChild(minRow);
    [["flagged", "Only flagged questions"], ["shuffleQ", "Shuffle questions"], ["shuffleO", "Shuffle options"]].forEach(function (o) {
      opts.appendChild(h("label", { class: "qz-check" }, [h("input", { type: "checkbox", checked: cfg[o[0]], onchange: function (e) { cfg[o[0]] = e.target.checked; refresh(); } }), " " + o[1]]));
    });
    form.appendChild(opts);
    var info = h("p", { class: "qz-info", "aria-live": "polite" });
    var startBtn = h("button", { type: "submit", class: "qz-btn qz-primary", text: "Start" });
    form.appendChild(info);
    form.appendChild(h("div", { class: "qz-actions" }, [startBtn,
      h("button", { type: "button", class: "qz-btn", text: "Keyboard shortcuts (?)", onclick: showHelp })]));

    function refresh() {
      var ids = pool(cfg, cfg.mode), n = ids.length, rv = cfg.mode === "review", ex = cfg.mode === "exam";
      countRow.hidden = rv; minRow.hidden = !ex;
      var def = ex ? Math.min(EXAM_Q, n) : n;
      var want = cfg.count ? Math.min(cfg.count, n) : def;
      countIn.max = String(Math.max(n, 1)); countIn.value = n ? String(want) : "";
      if (ex) minIn.value = String(cfg.minutes || Math.max(1, Math.round(EXAM_MIN * Math.max(want, 1) / EXAM_Q)));
      var text;
      if (rv) {
        var s = stats(ids);
        text = s.due + s.fresh ? plural(s.due, "card") + " due and " + s.fresh + " new in this selection." : "Nothing due in this selection.";
      } else if (!n) text = ex ? "No choice questions match these filters." : "No questions match these filters.";
      else text = plural(n, ex ? "choice question" : "question") + " match" + (n === 1 ? "es" : "") + "." +
        (ex && cfg.count > n ? " The exam will use all " + n + "." : "") + (ex ? " Pass mark " + EXAM_PASS + "%." : "");
      info.textContent = text;
      startBtn.disabled = !rv && !n;
    }
    refresh();

    var tools = h("details", { class: "qz-tools" }, [h("summary", { text: "Progress and settings" })]);
    var msg = h("p", { class: "qz-msg", role: "status" });
    var file = h("input", { type: "file", id: "qz-import", accept: ".json,application/json", onchange: function () { importFile(file, msg); } });
    tools.appendChild(h("div", { class: "qz-actions" }, [
      h("button", { type: "button", class: "qz-btn", text: "Export progress", onclick: function () { exportProgress(msg); } }),
      h("span", { class: "qz-file" }, [h("label", { for: "qz-import", text: "Import progress: " }), file]),
      h("button", { type: "button", class: "qz-btn qz-danger", text: "Reset progress…", onclick: function () {
        confirmBox("Reset progress?", "This deletes the schedule of " + plural(Object.keys(store.cards).length, "card") +
          ", your review log, flags and exam results in this browser. Export first to keep a copy.", "Reset", function () {
          var ex = store.exam; store = fresh(); store.exam = ex;
          try { localStorage.removeItem(KEY); } catch (err) { /* ignore */ }
          save(); startScreen(); say("Progress reset.");
        });
      } })]));
    tools.appendChild(msg);
    var sets = h("div", { class: "qz-settings" });
    [["newPerDay", "New cards per day", 0, 9999, 1], ["retention", "Desired retention", 0.7, 0.99, 0.01], ["maxIvl", "Maximum interval (days)", 3, 36500, 1]].forEach(function (s) {
      var inp = h("input", { type: "number", id: "qz-set-" + s[0], min: String(s[2]), max: String(s[3]), step: String(s[4]), value: String(store.settings[s[0]]),
        onchange: function () {
          var v = +inp.value;
          if (num(v, s[2], s[3]) && (s[4] < 1 || isInt(v))) { store.settings[s[0]] = v; save(); msg.textContent = "Saved."; }
          else { inp.value = String(store.settings[s[0]]); msg.textContent = s[1] + " must be between " + s[2] + " and " + s[3] + "."; }
        } });
      sets.appendChild(h("p", { class: "qz-row" }, [h("label", { for: inp.id, text: s[1] + " " }), inp]));
    });
    tools.appendChild(sets);

    view.appendChild(head); view.appendChild(dash); view.appendChild(form); view.appendChild(tools);
    if (initial !== true) head.focus();
  }

  function begin() {
    var ids = pool(cfg, cfg.mode);
    if (cfg.shuffleQ) shuffle(ids);
    var n = cfg.mode === "review" ? ids.length : Math.min(cfg.count || (cfg.mode === "exam" ? EXAM_Q : ids.length), ids.length);
    if (cfg.mode === "exam") {
      var asked = cfg.count || EXAM_Q;
      ids = ids.slice(0, n);
      var mins = cfg.minutes || Math.max(1, Math.round(EXAM_MIN * n / EXAM_Q));
      startExam(ids, mins, asked > ids.length ? "Only " + plural(ids.length, "choice question") + " matched, so the exam has " + ids.length + " instead of " + asked + "." : "");
    } else if (cfg.mode === "review") startRun("review", reviewQueue(ids));
    else startRun(cfg.mode, ids.slice(0, n));
  }
  function reviewQueue(ids) {
    var t = today(), due = [], nw = [];
    ids.forEach(function (id) { if (!seen(id)) nw.push(id); else if (store.cards[id].due <= t) due.push(id); });
    due.sort(function (a, b) { return store.cards[a].due - store.cards[b].due; });
    return due.concat(nw.slice(0, Math.max(0, store.settings.newPerDay - newToday())));
  }

  /* ---------- shared question rendering ---------- */
  var S = null;
  function identity(n) { var a = []; for (var i = 0; i < n; i++) a.push(i); return a; }
  function optionOrder(q) {
    var n = (q.options || []).length;
    if (q.fixed || !cfg.shuffleO) return identity(n);
    var free = [], pinned = [];
    q.options.forEach(function (o, i) { (o.pin ? pinned : free).push(i); });
    return shuffle(free).concat(pinned);
  }
  function card(q, headText, extra) {
    var el = h("section", { class: "qz-card", "aria-labelledby": "qz-qh", "data-qid": q.id });
    var bar = h("div", { class: "qz-bar" }, [h("span", { class: "qz-topic", text: String(q.topic || "") })].concat(extra || []));
    var head = h("h2", { class: "qz-qh", id: "qz-qh", tabindex: "-1", text: headText });
    el.appendChild(bar); el.appendChild(head);
    el.appendChild(trusted(h("div", { class: "qz-q" }), q.q));
    return { el: el, head: head };
  }
  /* Options as form controls (interactive) or as a plain list (flashcards). */
  function choices(q, order, interactive, chosen, onChange) {
    var multi = q.kind === "multi", name = "qz-opt-" + Math.random().toString(36).slice(2);
    var list = h("ol", { class: "qz-options" }), items = [];
    order.forEach(function (orig, pos) {
      var o = q.options[orig] || {}, li = h("li", { class: "qz-opt" });
      var text = trusted(h("span", { class: "qz-opt-text" }), o.html);
      var input = null;
      if (interactive) {
        input = h("input", { type: multi ? "checkbox" : "radio", name: name, value: String(orig), checked: chosen.indexOf(orig) >= 0,
          onchange: function () { if (onChange) onChange(get()); } });
        li.appendChild(h("label", {}, [input, h("span", { class: "qz-letter", "aria-hidden": "true", text: letter(pos) }), text]));
      } else {
        li.appendChild(h("div", { class: "qz-label" }, [h("span", { class: "qz-letter", "aria-hidden": "true", text: letter(pos) }), text]));
      }
      var why = o.why ? trusted(h("div", { class: "qz-why", hidden: true }), o.why) : null;
      if (why) li.appendChild(why);
      list.appendChild(li);
      items.push({ li: li, input: input, orig: orig, why: why, correct: !!o.correct });
    });
    function get() { return items.filter(function (it) { return it.input && it.input.checked; }).map(function (it) { return it.orig; }); }
    function pick(pos) {
      var it = items[pos];
      if (!it || !it.input || it.input.disabled) return false;
      it.input.checked = multi ? !it.input.checked : true;
      if (onChange) onChange(get());
      return true;
    }
    function right(sel) { return items.every(function (it) { return it.correct === (sel.indexOf(it.orig) >= 0); }); }
    function key() { return items.map(function (it, i) { return it.correct ? letter(i) : ""; }).filter(Boolean).join(", "); }
    function mark(sel, allWhy) {
      items.forEach(function (it) {
        var ch = sel.indexOf(it.orig) >= 0, cls = it.li.classList;
        if (it.input) it.input.disabled = true;
        if (it.correct) cls.add("is-correct");
        if (ch) cls.add("is-chosen");
        if (ch && !it.correct) cls.add("is-wrong");
        var t = ch ? (it.correct ? "✓ your answer, correct" : "✗ your answer, wrong") : it.correct ? "✓ correct answer" : allWhy ? "✗ wrong" : "";
        if (t) (it.li.firstChild).appendChild(h("span", { class: "qz-mark", text: t }));
        if (it.why && (allWhy || ch || it.correct)) it.why.hidden = false;
      });
    }
    var box = interactive ? h("fieldset", { class: "qz-choice" }, [h("legend", { class: "qz-legend", text: multi ? "Choose all that apply" : "Choose one answer" }), list]) : list;
    return { el: box, get: get, pick: pick, right: right, key: key, mark: mark, items: items };
  }
  function keyIndex(k) {
    if (/^[1-9]$/.test(k)) return +k - 1;
    var c = k.length === 1 ? k.toLowerCase() : "";
    return /^[a-i]$/.test(c) && c !== "f" ? c.charCodeAt(0) - 97 : -1;
  }
  function answerBox(q) {
    var box = h("div", { class: "qz-answer", tabindex: "-1", hidden: true });
    box.appendChild(h("h3", { class: "qz-answer-h", text: q.kind === "free" ? "Answer" : "Explanation" }));
    var html = q.kind === "free" ? q.a : q.explain;
    if (html) box.appendChild(trusted(h("div", { class: "qz-answer-body" }), html));
    box.appendChild(h("p", { class: "qz-source" }, [h("a", { href: ROOT + String(q.url || ""), text: "Read it in the notes →" })]));
    return box;
  }
  function flagBtn(id, isOn, onToggle) {
    var b = h("button", { type: "button", class: "qz-flag", "aria-pressed": isOn ? "true" : "false", "aria-keyshortcuts": "f",
      text: isOn ? "⚑ Flagged" : "⚐ Flag", onclick: function () { toggle(); } });
    function toggle() {
      var on = onToggle();
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? "⚑ Flagged" : "⚐ Flag";
      say(on ? "Flagged." : "Flag removed.");
    }
    b.toggle = toggle;
    return b;
  }
  function gradeBar(id, onGrade) {
    var iv = F.intervals(store.cards[id] || null, today(), store.settings);
    var names = ["Again", "Hard", "Good", "Easy"], bar = h("div", { class: "qz-grades", role: "group", "aria-label": "How well did you know it?" });
    names.forEach(function (n, i) {
      bar.appendChild(h("button", { type: "button", class: "qz-btn qz-grade qz-g" + (i + 1), "aria-keyshortcuts": String(i + 1),
        onclick: function () { onGrade(i + 1); } }, [h("span", { text: n }), h("small", { text: " " + (i + 1) + " · " + ivlText(iv[i]) })]));
    });
    return bar;
  }

  /* ---------- practice, flashcards, review ---------- */
  function startRun(mode, ids) {
    stopTimer();
    if (!ids.length) {
      view.textContent = "";
      var st = stats(pool(cfg, mode));
      var head = h("h2", { class: "qz-h", tabindex: "-1", text: mode === "review" ? "Review" : "Nothing to do" });
      view.appendChild(head);
      view.appendChild(h("p", { class: "qz-empty", text: mode === "review" ? "Nothing due — " + (st.next !== null ?
        "next card due on " + fmtDate(st.next) + "." : "no cards are scheduled yet.") : "No questions match these filters." }));
      view.appendChild(h("div", { class: "qz-actions" }, [h("button", { type: "button", class: "qz-btn qz-primary", text: "Back to start", onclick: startScreen })]));
      S = { keys: function (k) { if (k === "Enter") { startScreen(); return true; } return false; } };
      head.focus();
      say(view.querySelector(".qz-empty").textContent);
      return;
    }
    S = { mode: mode, ids: ids.slice(), total: ids.length, i: 0, res: {}, order: [], started: Date.now(), keys: null };
    showItem();
  }
  function showItem() {
    if (S.i >= S.ids.length) return finishRun();
    var id = S.ids[S.i], q = BYID[id], mode = S.mode;
    if (!q) { S.i++; return showItem(); }
    var label = (mode === "practice" ? "Question " : "Card ") + (S.i + 1) + " of " + S.ids.length;
    var fb = flagBtn(id, flagged(id), function () { return toggleFlag(id); });
    var c = card(q, label, [fb]);
    var fbk = h("p", { class: "qz-feedback", role: "status", "aria-live": "polite", tabindex: "-1" });
    var ans = answerBox(q), actions = h("div", { class: "qz-actions" }), phase = "ask", ch = null, auto = 0;
    view.textContent = "";
    view.appendChild(c.el);
    var next = function (g) {
      if (g) {
        grade(id, g);
        if (!S.res[id]) S.res[id] = { g: g, ok: g > 1 };
        if (g === 1) { S.res[id].missed = true; if (mode !== "practice") S.ids.push(id); }
      }
      S.i++;
      showItem();
    };
    var setActions = function (btns) { actions.textContent = ""; btns.forEach(function (b) { actions.appendChild(b); }); };
    var btn = function (text, run, primary, keys) {
      return h("button", { type: "button", class: primary ? "qz-btn qz-primary" : "qz-btn", text: text, "aria-keyshortcuts": keys || null, onclick: run });
    };
    var reveal = function () {
      phase = "shown";
      if (ch) ch.mark(q.options.map(function (o, i) { return o.correct ? i : -1; }).filter(function (i) { return i >= 0; }), false);
      ans.hidden = false;
      setActions([gradeBar(id, next)]);
      ans.focus();
    };
    var check = function () {
      var sel = ch.get();
      if (!sel.length) { fbk.textContent = "Choose an answer first (keys 1–9)."; fbk.focus(); return; }
      phase = "checked";
      var ok = ch.right(sel);
      ch.mark(sel, true);
      fbk.textContent = ok ? "Correct." : "Not quite: the answer is " + ch.key() + ".";
      fbk.className = "qz-feedback " + (ok ? "is-right" : "is-wrong");
      ans.hidden = false;
      auto = ok ? 3 : 1;
      if (mode === "practice") {
        grade(id, auto);
        S.res[id] = S.res[id] || { g: auto, ok: ok };
        if (!ok) S.res[id].missed = true;
        setActions([btn(S.i + 1 < S.ids.length ? "Next question" : "See results", function () { S.i++; showItem(); }, true, "Enter")]);
      } else {
        var list = [btn("Next (" + (ok ? "Good" : "Again") + ")", function () { next(auto); }, true, "Enter")];
        if (ok) list.push(btn("That was easy", function () { next(4); }, false, "4"));
        setActions(list);
      }
      fbk.focus();
    };
    if (q.kind !== "free" && mode !== "flashcards") {
      ch = choices(q, optionOrder(q), true, [], null);
      c.el.appendChild(ch.el);
      setActions([btn("Check answer", check, true, "Enter")]);
    } else {
      if (q.kind !== "free") { ch = choices(q, optionOrder(q), false); c.el.appendChild(ch.el); }
      setActions([btn("Show answer", reveal, true, "Space")]);
    }
    c.el.appendChild(fbk);
    c.el.appendChild(ans);
    c.el.appendChild(actions);
    c.el.appendChild(h("p", { class: "qz-muted qz-foot" }, [
      h("button", { type: "button", class: "qz-link-btn", text: "End session", onclick: finishRun }), " · Press ? for keys"]));
    S.keys = function (k) {
      if (k === "f" || k === "F") { fb.toggle(); return true; }
      if (phase === "ask") {
        if (ch && q.kind !== "free" && mode !== "flashcards") {
          if (k === "Enter") { check(); return true; }
          var i = keyIndex(k);
          return i >= 0 && ch.pick(i);
        }
        if (k === " " || k === "Enter") { reveal(); return true; }
      } else if (phase === "shown") {
        if (k === " " || k === "Enter") { next(3); return true; }
        if (/^[1-4]$/.test(k)) { next(+k); return true; }
      } else if (phase === "checked") {
        if (k === "Enter" || k === " ") { if (mode === "practice") { S.i++; showItem(); } else next(auto); return true; }
        if (k === "4" && mode !== "practice" && auto === 3) { next(4); return true; }
      }
      return false;
    };
    c.head.focus();
  }
  function finishRun() {
    if (!S || !S.ids) return startScreen();
    var ids = [], seenIds = Object.create(null);
    S.ids.forEach(function (id) { if (!seenIds[id] && S.res[id]) { seenIds[id] = 1; ids.push(id); } });
    var ok = ids.filter(function (id) { return S.res[id].ok; }).length;
    var missed = ids.filter(function (id) { return S.res[id].missed || !S.res[id].ok; });
    record(S.mode, ids.length, ok, Date.now() - S.started);
    var counts = [0, 0, 0, 0];
    ids.forEach(function (id) { counts[S.res[id].g - 1]++; });
    var summary = ids.length ? ok + " of " + ids.length + " right the first time (" + Math.round(100 * ok / ids.length) + "%)." : "No questions answered.";
    results(S.mode, summary, S.mode === "practice" ? null : "Again " + counts[0] + " · Hard " + counts[1] + " · Good " + counts[2] + " · Easy " + counts[3], missed, null);
  }
  function results(mode, summary, detail, missed, extra) {
    stopTimer();
    var m = { practice: "Practice", exam: "Exam", flashcards: "Flashcards", review: "Review" }[mode];
    view.textContent = "";
    var head = h("h2", { class: "qz-h", tabindex: "-1", text: m + " results" });
    view.appendChild(head);
    view.appendChild(h("p", { class: "qz-score", text: summary }));
    if (detail) view.appendChild(h("p", { class: "qz-muted", text: detail }));
    (extra || []).forEach(function (e) { view.appendChild(e); });
    if (missed.length) {
      view.appendChild(h("h3", { text: "Missed (" + missed.length + ")" }));
      var ul = h("ul", { class: "qz-missed" });
      missed.forEach(function (id) {
        var q = BYID[id];
        ul.appendChild(h("li", {}, [h("a", { href: ROOT + String(q.url || ""), text: clip(plain(q.q), 140) || id }),
          h("span", { class: "qz-muted", text: " — " + String(q.topic || "") })]));
      });
      view.appendChild(ul);
    }
    var retry = function () { cfg.mode = "practice"; startRun("practice", cfg.shuffleQ ? shuffle(missed.slice()) : missed.slice()); };
    view.appendChild(h("div", { class: "qz-actions" }, [
      missed.length ? h("button", { type: "button", class: "qz-btn qz-primary", text: "Retry missed (" + missed.length + ")", onclick: retry }) : null,
      h("button", { type: "button", class: "qz-btn", text: "Back to start", onclick: startScreen })]));
    S = { keys: function (k) { if (k === "Enter" && missed.length) { retry(); return true; } return false; } };
    head.focus();
    say(m + " finished. " + summary);
  }

  /* ---------- exam ---------- */
  var timer = null, warned = {};
  function stopTimer() { if (timer) clearInterval(timer); timer = null; }
  function startExam(ids, minutes, note) {
    var order = {};
    ids.forEach(function (id) { order[id] = optionOrder(BYID[id]); });
    var now = Date.now();
    warned = {};
    store.exam = { ids: ids, order: order, ans: {}, flags: [], i: 0, start: now, end: now + minutes * 60000, pass: EXAM_PASS, note: note || "" };
    save();
    showExam();
  }
  function showExam() {
    var E = store.exam;
    if (!E) return startScreen();
    if (Date.now() >= E.end) return submitExam(true);
    S = { mode: "exam", keys: null };
    var id = E.ids[E.i], q = BYID[id], n = E.ids.length;
    var answered = function (x) { return (E.ans[x] || []).length > 0; };
    var clock = h("span", { class: "qz-timer", role: "timer", "aria-label": "Time left" });
    var fb = flagBtn(id, E.flags.indexOf(id) >= 0, function () {
      var i = E.flags.indexOf(id);
      if (i >= 0) E.flags.splice(i, 1); else E.flags.push(id);
      save(); navUpdate();
      return i < 0;
    });
    var c = card(q, "Question " + (E.i + 1) + " of " + n, [clock, fb]);
    var ch = choices(q, E.order[id], true, E.ans[id] || [], function (sel) { E.ans[id] = sel; save(); navUpdate(); });
    c.el.appendChild(ch.el);
    var go = function (i) { if (i < 0 || i >= n) return false; E.i = i; save(); showExam(); return true; };
    var nav = h("ol", { class: "qz-nav" });
    var navBtns = E.ids.map(function (x, i) {
      var b = h("button", { type: "button", text: String(i + 1), onclick: function () { go(i); } });
      nav.appendChild(h("li", {}, [b]));
      return b;
    });
    function navUpdate() {
      var done = 0;
      navBtns.forEach(function (b, i) {
        var x = E.ids[i], a = answered(x), f = E.flags.indexOf(x) >= 0;
        if (a) done++;
        b.className = "qz-navbtn" + (a ? " is-answered" : "") + (f ? " is-flagged" : "") + (i === E.i ? " is-current" : "");
        b.setAttribute("aria-label", "Question " + (i + 1) + (a ? ", answered" : ", not answered") + (f ? ", flagged" : ""));
        if (i === E.i) b.setAttribute("aria-current", "step"); else b.removeAttribute("aria-current");
      });
      status.textContent = done + " of " + n + " answered · " + E.flags.length + " flagged";
    }
    var status = h("p", { class: "qz-muted qz-exam-status" });
    view.textContent = "";
    if (E.note) view.appendChild(h("p", { class: "qz-notice", text: E.note }));
    view.appendChild(c.el);
    c.el.appendChild(h("div", { class: "qz-actions qz-exam-actions" }, [
      h("button", { type: "button", class: "qz-btn", text: "← Previous", disabled: E.i === 0, "aria-keyshortcuts": "ArrowLeft", onclick: function () { go(E.i - 1); } }),
      h("button", { type: "button", class: "qz-btn qz-primary", text: "Next →", disabled: E.i === n - 1, "aria-keyshortcuts": "ArrowRight", onclick: function () { go(E.i + 1); } }),
      h("button", { type: "button", class: "qz-btn qz-submit", text: "Submit exam", onclick: function () { askSubmit(); } })]));
    view.appendChild(h("nav", { class: "qz-navwrap", "aria-label": "Exam questions" }, [nav, status]));
    navUpdate();
    function askSubmit() {
      var un = E.ids.filter(function (x) { return !answered(x); }).length;
      if (un) confirmBox("Submit the exam?", plural(un, "question") + " not answered yet; they will count as wrong.", "Submit anyway", function () { submitExam(false); });
      else submitExam(false);
    }
    var tick = function () {
      var left = E.end - Date.now();
      clock.textContent = fmtTime(left) + " left";
      [[300000, "5 minutes left."], [60000, "1 minute left."]].forEach(function (w) {
        if (left <= w[0] && left > w[0] - 60000 && !warned[w[0]]) { warned[w[0]] = 1; say(w[1]); }
      });
      if (left <= 0) submitExam(true);
    };
    stopTimer();
    tick();
    timer = setInterval(tick, 1000);
    S.keys = function (k) {
      if (k === "ArrowLeft") return go(E.i - 1);
      if (k === "ArrowRight" || k === "Enter") return go(E.i + 1) || (k === "Enter" && (askSubmit(), true));
      if (k === "f" || k === "F") { fb.toggle(); return true; }
      var i = keyIndex(k);
      return i >= 0 && ch.pick(i);
    };
    c.head.focus();
  }
  function submitExam(timeUp) {
    stopTimer();
    var E = store.exam;
    if (!E) return startScreen();
    var bySec = {}, ok = 0, missed = [];
    E.ids.forEach(function (id) {
      var q = BYID[id], sel = E.ans[id] || [];
      var right = q.options.every(function (o, i) { return !!o.correct === (sel.indexOf(i) >= 0); });
      var s = bySec[q.section] = bySec[q.section] || { ok: 0, n: 0 };
      s.n++;
      if (right) { ok++; s.ok++; } else missed.push(id);
    });
    var n = E.ids.length, pct = Math.round(100 * ok / n), pass = pct >= E.pass;
    E.flags.forEach(function (id) { if (!flagged(id)) store.quiz.flags.push(id); });
    store.exam = null;
    record("exam", n, ok, Math.min(Date.now(), E.end) - E.start);
    var table = h("table", { class: "qz-sections" }, [h("caption", { text: "Result by section" }),
      h("thead", {}, [h("tr", {}, [h("th", { scope: "col", text: "Section" }), h("th", { scope: "col", text: "Correct" }), h("th", { scope: "col", text: "Score" })])])]);
    var tb = h("tbody");
    Object.keys(bySec).sort(function (a, b) { return a - b; }).forEach(function (k) {
      var s = bySec[k], sec = SECTIONS[k] || {};
      tb.appendChild(h("tr", {}, [h("th", { scope: "row" }, [sec.url ? h("a", { href: ROOT + String(sec.url), text: String(sec.title || k) }) : String(sec.title || k)]),
        h("td", { text: s.ok + "/" + s.n }), h("td", { text: Math.round(100 * s.ok / s.n) + "%" })]));
    });
    table.appendChild(tb);
    var verdict = h("p", { class: "qz-verdict " + (pass ? "is-pass" : "is-fail"), text: (pass ? "✓ Pass" : "✗ Fail") + " — pass mark " + E.pass + "%" });
    results("exam", (timeUp ? "Time is up. " : "") + "Score " + pct + "%: " + ok + " of " + n + " correct.", null, missed, [verdict, table]);
  }

  /* ---------- export / import ---------- */
  function exportProgress(msg) {
    var data = JSON.parse(JSON.stringify(store));
    data.site = SITE;
    data.exported = new Date().toISOString();
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var d = new Date(), day = d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    var a = h("a", { href: url, download: "studysite-" + SITE.replace(/[^\w.-]+/g, "_") + "-progress-" + day + ".json", hidden: true });
    doc.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
    msg.textContent = "Exported " + plural(Object.keys(store.cards).length, "card") + ".";
  }
  function importFile(input, msg) {
    var f = input.files && input.files[0];
    input.value = "";
    if (!f) return;
    var reject = function (why) {
      msg.setAttribute("role", "alert");
      msg.className = "qz-msg is-error";
      msg.textContent = "Import failed: " + why + ". Your progress was not changed.";
    };
    if (f.size > 20 * 1024 * 1024) return reject("the file is too large");
    var r = new FileReader();
    r.onerror = function () { reject("the file could not be read"); };
    r.onload = function () {
      var data;
      try { data = JSON.parse(String(r.result)); } catch (err) { return reject("the file is not JSON"); }
      try { data = validate(data, true); } catch (err) { return reject("the file is not studysite progress (" + err.message + ")"); }
      data.exam = store.exam;
      store = data;
      save();
      startScreen();
      var m = view.querySelector(".qz-msg");
      var tools = view.querySelector(".qz-tools");
      if (tools) tools.open = true;
      if (m) { m.className = "qz-msg is-ok"; m.textContent = "Imported progress: " + plural(Object.keys(store.cards).length, "card") + "."; }
    };
    r.readAsText(f);
  }

  /* ---------- keyboard ---------- */
  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
    if (doc.querySelector("dialog[open]")) return;
    var t = e.target, tag = t && t.tagName, k = e.key;
    if (tag === "SELECT" || tag === "TEXTAREA" || (t && t.isContentEditable)) return;
    if (tag === "INPUT" && !/^(radio|checkbox)$/.test(t.type)) return;
    if (k === "?") { e.preventDefault(); showHelp(); return; }
    if (t && t.closest && t.closest(".qz-start, .qz-tools")) return;
    if (!S || !S.keys) return;
    if ((k === " " || k === "Enter") && (tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || (tag === "INPUT" && k === " "))) return;
    if (/^Arrow/.test(k) && tag === "INPUT") return;
    if (S.keys(k)) e.preventDefault();
  });

  if (store.exam) showExam(); else startScreen(true);
})();
