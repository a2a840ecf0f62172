/* studysite quiz (quiz.html), part 3 of 3: practice, timed exam, flashcards, FSRS review. Classic
   script, no dependencies; needs assets/fsrs.js, assets/quiz-data.js, quiz-kit.js and
   quiz-progress.js first. Only the generator-rendered,
   sanitised question HTML of quiz-data.js goes in as HTML (trusted()); everything else as text. */
(() => {
  "use strict";
  const doc = document, app = doc.getElementById("quiz-app");
  const K = window.StudysiteQuizKit, P = window.StudysiteQuizProgress;
  if (!app || !K || !P) return;
  const F = window.StudysiteFSRS, D = window.STUDYSITE_QUIZ, ROOT = doc.documentElement.getAttribute("data-root") || "";

  const { h, btn, linkBtn, trusted, plain, put, clip, shuffle, range, letter, isInt, isObj, num, idOk, fmtDate, pad, fmtTime,
    ivlText } = K;
  const { t: T, f: Tf, n: Tn } = window.StudysiteStrings;
  const cards = (n) => Tn("quiz_cards", n);

  if (!F || !isObj(D) || !Array.isArray(D.questions)) {
    app.replaceChildren(h("p", { class: "qz-notice", text: T("quiz_data_missing") }));
    return;
  }
  const SITE = String(D.site || app.dataset.siteId || "site"), KEY = `studysite:${SITE}:v1`;
  const BYID = Object.create(null);
  for (const q of D.questions) if (isObj(q) && idOk(q.id)) { BYID[q.id] = q; if (!Array.isArray(q.options)) q.options = []; }
  const ALL = Object.keys(BYID), SECTIONS = Array.isArray(D.sections) ? D.sections : [];
  const TAGS = (Array.isArray(D.tags) ? D.tags : []).filter((t) => typeof t === "string");
  const EX = isObj(D.exam) ? D.exam : {};
  const EXAM_Q = EX.questions > 0 ? EX.questions : 65, EXAM_MIN = EX.minutes > 0 ? EX.minutes : 130;
  const EXAM_PASS = num(EX.pass, 1, 100) ? EX.pass : 72, { LOG_MAX, ATT_MAX } = P;

  /* ---------- storage: one key per site (quiz-progress.js) ---------- */
  let storageOK = true, readOnly = false;
  const { fresh } = P, { validate } = P.checks(SITE, BYID, EXAM_PASS);
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
    try { localStorage.setItem(KEY, JSON.stringify(store)); } catch (err) {
      notice(T("quiz_store_full"));
    }
  }

  /* ---------- frame: notices, view, live region, dialogs ---------- */
  const noticeBox = h("div"), view = h("div", { class: "qz-view" }), live = h("div", { class: "qz-sr", role: "status", "aria-live": "polite" });
  app.replaceChildren(noticeBox, view, live);
  app.classList.add("qz");
  function notice(text) {
    if (![...noticeBox.children].some((c) => c.textContent === text)) noticeBox.append(h("p", { class: "qz-notice", role: "alert", text }));
  }
  const say = (text) => { live.textContent = ""; setTimeout(() => { live.textContent = text; }, 50); };
  let store = load(), S = null;
  if (!storageOK) notice(T("quiz_store_off"));

  function dialog(title, body, buttons) {
    const dlg = h("dialog", { class: "qz-dialog", "aria-labelledby": "qz-dlg-title" }, [h("h2", { id: "qz-dlg-title", text: title }), ...body]);
    const bar = put(h("div", { class: "qz-actions" }), buttons.map(([label, run, cls]) => btn(label, () => { dlg.close(); if (run) run(); }, cls)));
    dlg.append(bar);
    dlg.addEventListener("close", () => dlg.remove());
    app.append(dlg);
    dlg.showModal();
    bar.firstChild.focus();
  }
  const confirmBox = (title, text, ok, run) => dialog(title, [h("p", { text })], [[T("quiz_cancel")], [ok, run, "qz-primary"]]);
  const KEYS = ["options", "enter", "space", "grades", "arrows", "flag", "help", "esc"];
  const showHelp = () => dialog(T("quiz_keys_title"), [
    h("dl", { class: "qz-keys" }, KEYS.flatMap((k) => [h("dt", {}, [h("kbd", { text: T("quiz_key_" + k) })]), h("dd", { text: T(`quiz_key_${k}_do`) })])),
    h("p", { class: "qz-muted", text: T("quiz_keys_note") })], [[T("quiz_close"), null, "qz-primary"]]);

  /* ---------- cards, grading, stats ---------- */
  const today = () => F.dayNumber(new Date());
  const seen = (id) => !!(store.cards[id] && store.cards[id].reps > 0);
  function grade(id, g) {
    const t = today(), { s, d, due, last, reps, lapses, st } = F.next(store.cards[id] || null, g, t, store.settings);
    store.cards[id] = { s, d, due, last, reps, lapses, st, fp: String(BYID[id].fp || "") };
    store.log.push([t, id, g]);
    store.log = store.log.slice(-LOG_MAX);
    save();
  }
  function newToday() { // cards whose first logged review is today
    const t = today(), old = new Set(), n = new Set();
    for (const [day, id] of store.log) (day < t ? old : day === t ? n : new Set()).add(id);
    return [...n].filter((id) => !old.has(id)).length;
  }
  function stats(ids) {
    const t = today();
    let due = 0, nseen = 0, next = null, ok = 0, n = 0;
    for (const id of ids.filter(seen)) {
      const c = store.cards[id];
      nseen++;
      if (c.due <= t) due++; else if (next === null || c.due < next) next = c.due;
    }
    for (const e of store.log) { n++; if (e[2] > 1) ok++; }
    for (const a of store.quiz.attempts) if (a.m === "exam") { n += a.n; ok += a.ok; }
    return { due, next, seen: nseen, acc: n ? Tf("quiz_percent", { n: Math.round(100 * ok / n) }) : T("quiz_no_accuracy"),
      fresh: Math.min(ids.length - nseen, Math.max(0, store.settings.newPerDay - newToday())) };
  }
  const flagged = (id) => store.quiz.flags.includes(id);
  const toggleIn = (list, id) => { const i = list.indexOf(id); if (i >= 0) list.splice(i, 1); else list.push(id); return i < 0; };
  function record(m, n, ok, ms) {
    store.quiz.attempts = store.quiz.attempts.concat({ t: today(), n, ok, ms: Math.max(0, Math.round(ms)), m }).slice(-ATT_MAX);
    save();
  }

  /* ---------- start screen ---------- */
  const MODES = ["practice", "exam", "flashcards", "review"];
  const cfg = { mode: "practice", sections: range(SECTIONS.length), tags: [], flagged: false, count: null, minutes: null, shuffleQ: true, shuffleO: true };
  const pool = (mode) => ALL.filter((id) => {
    const q = BYID[id];
    return !(SECTIONS.length && !cfg.sections.includes(q.section)) && !(cfg.tags.length && !(q.tags || []).some((t) => cfg.tags.includes(t))) &&
      !(cfg.flagged && !flagged(id)) && !(mode === "exam" && q.kind === "free");
  });
  const check = (label, on, onchange, value) => h("label", { class: "qz-check" }, [h("input", { type: "checkbox", value, checked: on, onchange }), " " + label]);
  const field = (id, label, a) => {
    const i = h("input", Object.assign({ id, type: "number", inputmode: "numeric" }, a));
    return [h("p", { class: "qz-row" }, [h("label", { for: id, text: label + " " }), i]), i];
  };
  const fieldset = (legend, kids, cls = "qz-filter") => h("fieldset", { class: cls }, [h("legend", { text: legend }), ...kids]);

  function startScreen(initial) {
    stopTimer();
    S = null;
    const head = h("h2", { class: "qz-h", tabindex: "-1", text: T("quiz_start_title") }), st = stats(ALL);
    const form = h("form", { class: "qz-start", onsubmit: (e) => { e.preventDefault(); begin(); } });
    form.append(fieldset(T("quiz_mode"), MODES.map((m) => h("label", { class: "qz-mode" }, [
      h("input", { type: "radio", name: "qz-mode", value: m, checked: cfg.mode === m, onchange: () => { cfg.mode = m; cfg.count = cfg.minutes = null; refresh(); } }),
      h("span", {}, [h("strong", { text: T("quiz_mode_" + m) }), h("span", { class: "qz-muted", text: T("quiz_topic_sep") + T(`quiz_mode_${m}_do`) })])])), "qz-modes"));
    if (SECTIONS.length) {
      const boxes = SECTIONS.map((s, i) => check(String(s.title || s.slug || Tf("quiz_section_n", { n: i + 1 })), cfg.sections.includes(i), () => {
        cfg.sections = boxes.filter((b) => b.firstChild.checked).map((b) => +b.firstChild.value); refresh();
      }, String(i)));
      form.append(fieldset(T("quiz_sections"), boxes));
    }
    if (TAGS.length) form.append(fieldset(T("quiz_tags_any"), TAGS.map((t) => check(t, cfg.tags.includes(t), () => { toggleIn(cfg.tags, t); refresh(); }, t))));
    const cnt = field("qz-count", T("quiz_count"), { min: "1", oninput: () => { cfg.count = +cnt[1].value || null; }, onchange: () => refresh() });
    const min = field("qz-minutes", T("quiz_minutes"), { min: "1", max: "600", oninput: () => { cfg.minutes = +min[1].value || null; } });
    form.append(fieldset(T("quiz_options"), [cnt[0], min[0], ...[["flagged", "quiz_only_flagged"], ["shuffleQ", "quiz_shuffle_questions"], ["shuffleO", "quiz_shuffle_options"]]
      .map(([k, label]) => check(T(label), cfg[k], (e) => { cfg[k] = e.target.checked; refresh(); }))]));
    const info = h("p", { class: "qz-info", "aria-live": "polite" }), go = h("button", { type: "submit", class: "qz-btn qz-primary", text: T("quiz_start") });
    form.append(info, h("div", { class: "qz-actions" }, [go, btn(T("quiz_keys_button"), showHelp)]));
    function refresh() {
      const ids = pool(cfg.mode), n = ids.length, rv = cfg.mode === "review", ex = cfg.mode === "exam", s = stats(ids);
      const want = cfg.count ? Math.min(cfg.count, n) : ex ? Math.min(EXAM_Q, n) : n;
      cnt[0].hidden = rv; min[0].hidden = !ex;
      cnt[1].max = String(Math.max(n, 1)); cnt[1].value = n ? String(want) : "";
      if (ex) min[1].value = String(cfg.minutes || Math.max(1, Math.round(EXAM_MIN * Math.max(want, 1) / EXAM_Q)));
      info.textContent = rv ? (s.due + s.fresh ? Tf("quiz_info_review", { due: cards(s.due), fresh: s.fresh }) : T("quiz_info_nothing_due")) :
        !n ? T(ex ? "quiz_info_none_exam" : "quiz_info_none") :
        [Tn(ex ? "quiz_info_match_exam" : "quiz_info_match", n), ex && cfg.count > n && Tf("quiz_info_use_all", { n }),
          ex && Tf("quiz_info_pass", { pass: EXAM_PASS })].filter(Boolean).join(" ");
      go.disabled = !rv && !n;
    }
    refresh();

    const msg = h("p", { class: "qz-msg", role: "status" });
    const file = h("input", { type: "file", id: "qz-import", accept: ".json,application/json", onchange: () => importFile(file, msg) });
    const tools = h("details", { class: "qz-tools" }, [h("summary", { text: T("quiz_tools") }), h("div", { class: "qz-actions" }, [
      btn(T("quiz_export"), () => exportProgress(msg)),
      h("span", { class: "qz-file" }, [h("label", { for: "qz-import", text: T("quiz_import") }), file]),
      btn(T("quiz_reset"), () => confirmBox(T("quiz_reset_title"), Tf("quiz_reset_text", { cards: cards(Object.keys(store.cards).length) }), T("quiz_reset_ok"), () => {
        store = Object.assign(fresh(), { exam: store.exam });
        save(); startScreen(); say(T("quiz_reset_done"));
      }), "qz-danger")]), msg]);
    view.replaceChildren(head, h("p", { class: "qz-dash", text: Tf("quiz_dash", { due: cards(st.due), fresh: st.fresh, seen: st.seen,
      total: cards(ALL.length), acc: st.acc }) }), form, tools);
    if (initial !== true) head.focus();
  }

  function begin() {
    const mode = cfg.mode, asked = cfg.count || (mode === "exam" ? EXAM_Q : Infinity);
    let ids = pool(mode);
    if (cfg.shuffleQ) shuffle(ids);
    if (mode === "review") {
      const t = today(), due = ids.filter((id) => seen(id) && store.cards[id].due <= t).sort((a, b) => store.cards[a].due - store.cards[b].due);
      return startRun(mode, due.concat(ids.filter((id) => !seen(id)).slice(0, Math.max(0, store.settings.newPerDay - newToday()))));
    }
    ids = ids.slice(0, asked);
    if (mode !== "exam") return startRun(mode, ids);
    startExam(ids, cfg.minutes || Math.max(1, Math.round(EXAM_MIN * ids.length / EXAM_Q)), asked > ids.length ?
      Tf("quiz_exam_fewer", { matched: Tn("quiz_choice_questions", ids.length), n: ids.length, asked }) : "");
  }

  /* ---------- shared question rendering ---------- */
  function optionOrder(q) {
    if (q.fixed || !cfg.shuffleO) return range(q.options.length);
    const idx = range(q.options.length); // "All/None of the above" (pin) stay last
    return shuffle(idx.filter((i) => !q.options[i].pin)).concat(idx.filter((i) => q.options[i].pin));
  }
  function card(q, title, extra) {
    const head = h("h2", { class: "qz-qh", id: "qz-qh", tabindex: "-1", text: title });
    const el = h("section", { class: "qz-card", "aria-labelledby": "qz-qh", "data-qid": q.id }, [
      h("div", { class: "qz-bar" }, [h("span", { class: "qz-topic", text: String(q.topic || "") }), ...extra]), head, trusted(h("div", { class: "qz-q" }), q.q)]);
    view.replaceChildren(el);
    return { el, head };
  }
  /* Options as form controls (interactive) or as a plain list (flashcards). Input values are original indices. */
  function choices(q, order, interactive, chosen, onChange) {
    const multi = q.kind === "multi", name = "qz-opt-" + Math.random().toString(36).slice(2);
    const get = () => items.filter((it) => it.input && it.input.checked).map((it) => it.orig);
    const items = order.map((orig, pos) => {
      const o = q.options[orig] || {}, tag = [h("span", { class: "qz-letter", "aria-hidden": "true", text: letter(pos) }), trusted(h("span", { class: "qz-opt-text" }), o.html)];
      const input = interactive && h("input", { type: multi ? "checkbox" : "radio", name, value: orig, checked: chosen.includes(orig), onchange: () => onChange && onChange(get()) });
      const why = o.why ? trusted(h("div", { class: "qz-why", hidden: true }), o.why) : null;
      return { li: h("li", { class: "qz-opt" }, [input ? h("label", {}, [input, ...tag]) : h("div", { class: "qz-label" }, tag), why]), input, orig, why, correct: !!o.correct };
    });
    const list = put(h("ol", { class: "qz-options" }), items.map((it) => it.li));
    return {
      el: interactive ? h("fieldset", { class: "qz-choice" }, [h("legend", { class: "qz-legend", text: T(multi ? "quiz_choose_all" : "quiz_choose_one") }), list]) : list,
      get,
      pick(pos) {
        const it = items[pos];
        if (!it || !it.input || it.input.disabled) return false;
        it.input.checked = multi ? !it.input.checked : true;
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
  }
  const keyIndex = (k) => (/^[1-9]$/.test(k) ? +k - 1 : /^[a-eg-i]$/i.test(k) ? k.toLowerCase().charCodeAt(0) - 97 : -1);
  function answerBox(q) {
    const free = q.kind === "free", html = free ? q.a : q.explain;
    return h("div", { class: "qz-answer", tabindex: "-1", hidden: true }, [h("h3", { class: "qz-answer-h", text: T(free ? "quiz_answer" : "quiz_explanation") }),
      html && trusted(h("div", { class: "qz-answer-body" }), html),
      h("p", { class: "qz-source" }, [h("a", { href: ROOT + String(q.url || ""), text: T("quiz_read_notes") })])]);
  }
  function flagBtn(on, toggle) {
    const b = h("button", { type: "button", class: "qz-flag", "aria-keyshortcuts": "f", onclick: () => b.toggle() });
    const show = (v) => { b.setAttribute("aria-pressed", String(v)); b.textContent = T(v ? "quiz_flagged" : "quiz_flag"); };
    b.toggle = () => { const v = toggle(); save(); show(v); say(T(v ? "quiz_flag_on" : "quiz_flag_off")); return true; };
    show(on);
    return b;
  }
  function gradeBar(id, onGrade) {
    const iv = F.intervals(store.cards[id] || null, today(), store.settings);
    return h("div", { class: "qz-grades", role: "group", "aria-label": T("quiz_grade_label") }, ["again", "hard", "good", "easy"].map((n, i) =>
      h("button", { type: "button", class: "qz-btn qz-grade qz-g" + (i + 1), "aria-keyshortcuts": i + 1, onclick: () => onGrade(i + 1) },
        [h("span", { text: T("quiz_" + n) }), h("small", { text: " " + Tf("quiz_grade_key", { key: i + 1, ivl: ivlText(iv[i]) }) })])));
  }

  /* ---------- practice, flashcards, review ---------- */
  function startRun(mode, ids) {
    stopTimer();
    if (ids.length) {
      S = { mode, ids: ids.slice(), i: 0, res: {}, started: Date.now() };
      return showItem();
    }
    const st = stats(pool(mode)), text = mode !== "review" ? T("quiz_info_none") :
      st.next !== null ? Tf("quiz_nothing_due_next", { date: fmtDate(st.next) }) : T("quiz_nothing_scheduled");
    const head = h("h2", { class: "qz-h", tabindex: "-1", text: T(mode === "review" ? "quiz_review" : "quiz_nothing_to_do") });
    view.replaceChildren(head, h("p", { class: "qz-empty", text }), h("div", { class: "qz-actions" }, [btn(T("quiz_back"), startScreen, "qz-primary")]));
    S = { keys: (k) => k === "Enter" && (startScreen(), true) };
    head.focus();
    say(text);
  }
  function showItem() {
    if (S.i >= S.ids.length) return finishRun();
    const id = S.ids[S.i], q = BYID[id], mode = S.mode, interactive = q.kind !== "free" && mode !== "flashcards";
    let phase = "ask", auto = 0, ch = null;
    const flag = flagBtn(flagged(id), () => toggleIn(store.quiz.flags, id));
    const c = card(q, Tf(mode === "practice" ? "quiz_question_of" : "quiz_card_of", { i: S.i + 1, n: S.ids.length }), [flag]);
    const fbk = h("p", { class: "qz-feedback", role: "status", "aria-live": "polite", tabindex: "-1" });
    const ans = answerBox(q), actions = h("div", { class: "qz-actions" });
    const setActions = (list) => { actions.replaceChildren(); put(actions, list); };
    const res = (g) => { S.res[id] = S.res[id] || { g, ok: g > 1 }; if (g === 1) S.res[id].missed = true; };
    const next = (g) => {
      if (g) { grade(id, g); res(g); if (g === 1 && mode !== "practice") S.ids.push(id); }
      S.i++;
      showItem();
    };
    const reveal = () => {
      phase = "shown";
      if (ch) ch.mark([]);
      ans.hidden = false;
      setActions([gradeBar(id, next)]);
      ans.focus();
    };
    const doCheck = () => {
      const sel = ch.get(), ok = ch.right(sel);
      if (!sel.length) { fbk.textContent = T("quiz_choose_first"); return fbk.focus(); }
      phase = "checked";
      ch.mark(sel);
      fbk.textContent = ok ? T("quiz_correct") : Tf("quiz_not_quite", { key: ch.key() });
      fbk.className = "qz-feedback " + (ok ? "is-right" : "is-wrong");
      ans.hidden = false;
      auto = ok ? 3 : 1;
      if (mode === "practice") {
        grade(id, auto); res(auto);
        setActions([btn(T(S.i + 1 < S.ids.length ? "quiz_next_question" : "quiz_see_results"), () => next(0), "qz-primary", "Enter")]);
      } else setActions([btn(T(ok ? "quiz_next_good" : "quiz_next_again"), () => next(auto), "qz-primary", "Enter"), ok && btn(T("quiz_was_easy"), () => next(4), "", "4")]);
      fbk.focus();
    };
    if (q.kind !== "free") { ch = choices(q, optionOrder(q), interactive, []); c.el.append(ch.el); }
    setActions([interactive ? btn(T("quiz_check"), doCheck, "qz-primary", "Enter") : btn(T("quiz_show"), reveal, "qz-primary", "Space")]);
    c.el.append(fbk, ans, actions, h("p", { class: "qz-muted qz-foot" }, [linkBtn(T("quiz_end"), finishRun), T("quiz_press_help")]));
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
    const ids = S.ids.filter((id, i) => S.res[id] && S.ids.indexOf(id) === i), counts = [0, 0, 0, 0];
    const ok = ids.filter((id) => S.res[id].ok).length;
    for (const id of ids) counts[S.res[id].g - 1]++;
    record(S.mode, ids.length, ok, Date.now() - S.started);
    results(S.mode, ids.length ? Tf("quiz_first_time", { ok, n: ids.length, pct: Math.round(100 * ok / ids.length) }) : T("quiz_none_answered"),
      S.mode === "practice" ? null : Tf("quiz_grade_counts", { again: counts[0], hard: counts[1], good: counts[2], easy: counts[3] }),
      ids.filter((id) => S.res[id].missed), []);
  }
  function results(mode, summary, detail, missed, extra) {
    stopTimer();
    const name = T("quiz_results_" + mode);
    const head = h("h2", { class: "qz-h", tabindex: "-1", text: name });
    const retry = () => startRun("practice", cfg.shuffleQ ? shuffle(missed.slice()) : missed.slice());
    const ul = h("ul", { class: "qz-missed" }, missed.map((id) => h("li", {}, [
      h("a", { href: ROOT + String(BYID[id].url || ""), text: clip(plain(BYID[id].q), 140) || id }), h("span", { class: "qz-muted", text: T("quiz_topic_sep") + String(BYID[id].topic || "") })])));
    view.replaceChildren();
    put(view, [head, h("p", { class: "qz-score", text: summary }), detail && h("p", { class: "qz-muted", text: detail }), ...extra,
      missed.length && h("h3", { text: Tf("quiz_missed", { n: missed.length }) }), missed.length && ul,
      h("div", { class: "qz-actions" }, [missed.length && btn(Tf("quiz_retry_missed", { n: missed.length }), retry, "qz-primary"), btn(T("quiz_back"), startScreen)])]);
    S = { keys: (k) => k === "Enter" && missed.length && (retry(), true) };
    head.focus();
    say(Tf("quiz_finished", { results: name, summary }));
  }

  /* ---------- exam ---------- */
  let timer = null, warned = {};
  function stopTimer() { clearInterval(timer); timer = null; }
  function startExam(ids, minutes, note) {
    const order = {}, now = Date.now();
    for (const id of ids) order[id] = optionOrder(BYID[id]);
    warned = {};
    store.exam = { ids, order, ans: {}, flags: [], i: 0, start: now, end: now + minutes * 60000, pass: EXAM_PASS, note };
    save();
    showExam();
  }
  function showExam() {
    const E = store.exam, n = E.ids.length, id = E.ids[E.i], q = BYID[id];
    if (Date.now() >= E.end) return submitExam(true);
    const answered = (x) => (E.ans[x] || []).length > 0;
    const clock = h("span", { class: "qz-timer", role: "timer", "aria-label": T("quiz_time_left_label") });
    const flag = flagBtn(E.flags.includes(id), () => { const v = toggleIn(E.flags, id); navUpdate(); return v; });
    const c = card(q, Tf("quiz_question_of", { i: E.i + 1, n }), [clock, flag]);
    const ch = choices(q, E.order[id], true, E.ans[id] || [], (sel) => { E.ans[id] = sel; save(); navUpdate(); });
    const go = (i) => { if (i < 0 || i >= n) return false; E.i = i; save(); showExam(); return true; };
    const status = h("p", { class: "qz-muted qz-exam-status" });
    const navBtns = E.ids.map((x, i) => h("button", { type: "button", text: i + 1, onclick: () => go(i) }));
    function navUpdate() {
      navBtns.forEach((b, i) => {
        const x = E.ids[i], a = answered(x), f = E.flags.includes(x);
        b.className = "qz-navbtn" + (a ? " is-answered" : "") + (f ? " is-flagged" : "") + (i === E.i ? " is-current" : "");
        const label = Tf(a ? "quiz_nav_answered" : "quiz_nav_unanswered", { i: i + 1 });
        b.setAttribute("aria-label", f ? Tf("quiz_nav_flagged", { label }) : label);
        if (i === E.i) b.setAttribute("aria-current", "step");
      });
      status.textContent = Tf("quiz_exam_status", { answered: E.ids.filter(answered).length, n, flagged: E.flags.length });
    }
    function askSubmit() {
      const un = E.ids.filter((x) => !answered(x)).length;
      if (!un) return submitExam(false);
      confirmBox(T("quiz_submit_title"), Tf("quiz_submit_unanswered", { questions: Tn("quiz_questions", un) }), T("quiz_submit_anyway"), () => submitExam(false));
    }
    const prev = btn(T("quiz_prev"), () => go(E.i - 1), "", "ArrowLeft"), nxt = btn(T("quiz_next"), () => go(E.i + 1), "qz-primary", "ArrowRight");
    prev.disabled = E.i === 0; nxt.disabled = E.i === n - 1;
    c.el.append(ch.el, h("div", { class: "qz-actions qz-exam-actions" }, [prev, nxt, btn(T("quiz_submit"), askSubmit, "qz-submit")]));
    if (E.note) c.el.before(h("p", { class: "qz-notice", text: E.note }));
    view.append(h("nav", { class: "qz-navwrap", "aria-label": T("quiz_nav_label") }, [h("ol", { class: "qz-nav" }, navBtns.map((b) => h("li", {}, [b]))), status]));
    navUpdate();
    const tick = () => {
      const left = E.end - Date.now();
      clock.textContent = Tf("quiz_time_left", { time: fmtTime(left) });
      for (const m of [5, 1]) {
        const ms = m * 60000;
        if (left <= ms && left > ms - 60000 && !warned[ms]) { warned[ms] = 1; say(Tn("quiz_minutes_left", m)); }
      }
      if (left <= 0) submitExam(true);
    };
    stopTimer();
    tick();
    timer = setInterval(tick, 1000);
    S = { keys: (k) => {
      if (k === "ArrowLeft") return go(E.i - 1);
      if (k === "ArrowRight" || k === "Enter") return go(E.i + 1) || (k === "Enter" && (askSubmit(), true));
      if (k === "f" || k === "F") return flag.toggle();
      return ch.pick(keyIndex(k));
    } };
    c.head.focus();
  }
  function submitExam(timeUp) {
    stopTimer();
    const E = store.exam, bySec = {}, missed = [], n = E.ids.length;
    let ok = 0;
    for (const id of E.ids) {
      const q = BYID[id], sel = E.ans[id] || [], s = bySec[q.section] = bySec[q.section] || { ok: 0, n: 0 };
      s.n++;
      if (q.options.every((o, i) => !!o.correct === sel.includes(i))) { ok++; s.ok++; } else missed.push(id);
    }
    const pct = Math.round(100 * ok / n), pass = pct >= E.pass;
    for (const id of E.flags) if (!flagged(id)) store.quiz.flags.push(id);
    store.exam = null;
    record("exam", n, ok, Math.min(Date.now(), E.end) - E.start);
    const rows = Object.keys(bySec).sort((a, b) => a - b).map((k) => {
      const s = bySec[k], sec = SECTIONS[k] || {}, t = String(sec.title || k);
      return h("tr", {}, [h("th", { scope: "row" }, [sec.url ? h("a", { href: ROOT + String(sec.url), text: t }) : t]),
        h("td", { text: Tf("quiz_ratio", s) }), h("td", { text: Tf("quiz_percent", { n: Math.round(100 * s.ok / s.n) }) })]);
    });
    const score = Tf("quiz_score", { pct, ok, n });
    results("exam", timeUp ? Tf("quiz_time_up", { score }) : score, null, missed, [
      h("p", { class: "qz-verdict " + (pass ? "is-pass" : "is-fail"), text: Tf(pass ? "quiz_pass" : "quiz_fail", { pass: E.pass }) }),
      h("table", { class: "qz-sections" }, [h("caption", { text: T("quiz_by_section") }),
        h("thead", {}, [h("tr", {}, ["section", "correct", "score"].map((t) => h("th", { scope: "col", text: T("quiz_col_" + t) })))]), h("tbody", {}, rows)])]);
  }

  /* ---------- export / import ---------- */
  function exportProgress(msg) {
    const d = new Date(), data = Object.assign({}, store, { site: SITE, exported: d.toISOString() });
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
    const a = h("a", { href: url, hidden: true,
      download: `studysite-${SITE.replace(/[^\w.-]+/g, "_")}-progress-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json` });
    doc.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
    msg.textContent = Tf("quiz_exported", { cards: cards(Object.keys(store.cards).length) });
  }
  function importFile(input, msg) {
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
      store = Object.assign(data, { exam: store.exam });
      save();
      startScreen();
      view.querySelector(".qz-tools").open = true;
      const m = view.querySelector(".qz-msg");
      m.className = "qz-msg is-ok";
      m.textContent = Tf("quiz_imported", { cards: cards(Object.keys(store.cards).length) });
    };
    r.readAsText(f);
  }

  /* ---------- keyboard: never while typing in a field or with a dialog open ---------- */
  doc.addEventListener("keydown", (e) => {
    const t = e.target, tag = t.tagName, k = e.key, act = k === " " || k === "Enter";
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || doc.querySelector("dialog[open]")) return;
    if (/^(SELECT|TEXTAREA)$/.test(tag) || t.isContentEditable || (tag === "INPUT" && !/^(radio|checkbox)$/.test(t.type))) return;
    if (k === "?") { e.preventDefault(); return showHelp(); }
    if (!S || !S.keys || t.closest(".qz-start, .qz-tools")) return;
    // native behaviour wins: Space/Enter on buttons and links, Space and arrows on radios and checkboxes
    if ((act && /^(BUTTON|A|SUMMARY)$/.test(tag)) || (tag === "INPUT" && (k === " " || k.startsWith("Arrow")))) return;
    if (S.keys(k)) e.preventDefault();
  });

  if (store.exam) showExam(); else startScreen(true);
})();
