/* studysite quiz (quiz.html): the start screen, as a factory window.StudysiteQuizSetup(A) that
   quiz.js calls with its context. Mode, then Start; what to ask (sections grouped by exam
   domain with all/none, tags, count, options) folded under one line that says what is chosen;
   the URL's ?mode=&section=&tag=&n=&minutes=&flagged=1 preset it (a note page's "Practice this
   page"); export/import/reset and the spaced-repetition settings below. Classic script. */
(() => {
  "use strict";
  const { btn, range, shuffle } = window.StudysiteQuizKit;
  window.StudysiteQuizSetup = (A) => {
    const { h, T, Tf, Tn, BYID, ALL, SECTIONS, FOLDERS, DOMAINS, TAGS, EXAM_Q, EXAM_MIN, EXAM_PASS, LAZY, L } = A;
    const MODES = ["practice", "exam", "flashcards", "review"], PRACTICE_N = 20;
    const cfg = A.cfg = { mode: "practice", sections: range(SECTIONS.length), tags: [], flagged: false, count: null, minutes: null, shuffleQ: true, shuffleO: true };
    const pool = (mode) => ALL.filter((id) => {
      const q = BYID[id];
      return !(SECTIONS.length && !cfg.sections.includes(q.section)) && !(cfg.tags.length && !(q.tags || []).some((t) => cfg.tags.includes(t))) &&
        !(cfg.flagged && !A.flagged(id)) && !(mode === "exam" && A.selfGraded(q));
    });
    const cards = (n) => Tn("quiz_cards", n);
    const chosen = () => (SECTIONS.length ? cfg.sections : []);
    // A large bank, before its sections load (quiz-loader.js): how many questions of section s a
    // session in this mode may ask, from the manifest's counts (with tags, at most the sum of theirs,
    // once their counts are in: L.tagCounts()).
    const capacity = (s, mode) => {
      const x = SECTIONS[s] || {}, all = Math.max(0, (+x.n || 0) - (mode === "exam" ? +x.g || 0 : 0));
      if (!cfg.tags.length || L.tagCounts()) return all;
      let t = 0; // x.t: [tag, questions, tag, questions, …]
      for (let i = 0; Array.isArray(x.t) && i + 1 < x.t.length; i += 2) if (cfg.tags.includes(TAGS[x.t[i]])) t += +x.t[i + 1] || 0;
      return Math.min(all, t);
    };
    // What a session may ask, counted without loading: {n, ids} with ids the stored cards among them.
    const estimate = (mode) => {
      const secs = new Set(chosen()), inSecs = (id) => secs.has(A.sectionOf(id));
      if (cfg.flagged) { const ids = A.store.quiz.flags.filter(inSecs); return { n: ids.length, ids }; }
      let n = 0;
      for (const s of secs) n += capacity(s, mode);
      return { n, ids: Object.keys(A.store.cards).filter(inSecs) };
    };

    /* ?mode=practice&section=dynamodb&n=10&tag=a&tag=b: only known values are taken. */
    let fromUrl = false;
    (() => {
      let p;
      try { p = new URLSearchParams(location.search); } catch (err) { return; }
      const many = (k) => p.getAll(k).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
      const mode = p.get("mode"), secs = many("section"), tags = many("tag"), n = parseInt(p.get("n"), 10), m = parseInt(p.get("minutes"), 10);
      if (MODES.includes(mode)) { cfg.mode = mode; fromUrl = true; }
      const idx = secs.map((s) => SECTIONS.findIndex((x) => x.slug === s)).filter((i) => i >= 0);
      if (idx.length) { cfg.sections = idx; fromUrl = true; }
      const known = tags.filter((t) => TAGS.includes(t));
      if (known.length) { cfg.tags = known; fromUrl = true; }
      if (n > 0 && n <= 10000) { cfg.count = n; fromUrl = true; }
      if (m > 0 && m <= 600) { cfg.minutes = m; fromUrl = true; }
      if (p.get("flagged") === "1") { cfg.flagged = true; fromUrl = true; }
      // a reload then resumes the session instead of starting the preset again
      if (location.search && history.replaceState) try { history.replaceState(null, "", location.pathname + location.hash); } catch (err) { /* file:// */ }
    })();

    const check = (label, on, onchange, value) => h("label", { class: "qz-check" }, [h("input", { type: "checkbox", value, checked: on, onchange }), " " + label]);
    const field = (id, label, a) => {
      const i = h("input", Object.assign({ id, type: "number", inputmode: "numeric" }, a));
      return [h("p", { class: "qz-row" }, [h("label", { for: id, text: label + " " }), i]), i];
    };
    const fieldset = (legend, kids, cls = "qz-filter") => h("fieldset", { class: cls }, [h("legend", { text: legend }), ...kids]);
    // A group of more sections than this lists them by folder, each folded until opened.
    const FOLD_OVER = 60;
    const folded = (list, mk) => {
      const by = new Map();
      for (const i of list) { const f = +SECTIONS[i].f || 0; (by.get(f) || by.set(f, []).get(f)).push(i); }
      return [...by].map(([f, secs]) => {
        const box = h("div", { class: "qz-folder-list" });
        const d = h("details", { class: "qz-folder" }, [h("summary", { text: String(FOLDERS[f] || "/") + T("quiz_topic_sep") + Tn("quiz_n_sections", secs.length) }), box]);
        d.addEventListener("toggle", () => { if (d.open && !box.firstChild) box.append(...secs.map(mk)); });
        return d;
      });
    };
    const secTitle = (s, i) => String(s.title || s.slug || Tf("quiz_section_n", { n: i + 1 }));

    function startScreen(initial) {
      A.stopTimer();
      A.S = null;
      const bank = LAZY ? Object.keys(A.store.cards).filter((id) => A.sectionOf(id) >= 0) : ALL;
      const head = h("h2", { class: "qz-h", tabindex: "-1", text: T("quiz_start_title") }), st = A.stats(bank, A.BANK);
      const form = h("form", { class: "qz-start", onsubmit: (e) => { e.preventDefault(); begin(); } });
      form.append(fieldset(T("quiz_mode"), MODES.map((m) => h("label", { class: "qz-mode" }, [
        h("input", { type: "radio", name: "qz-mode", value: m, checked: cfg.mode === m, onchange: () => { cfg.mode = m; cfg.count = cfg.minutes = null; refresh(); } }),
        h("span", {}, [h("strong", { text: T("quiz_mode_" + m) }), h("span", { class: "qz-muted", text: T("quiz_topic_sep") + T(`quiz_mode_${m}_do`) })])])), "qz-modes"));
      const info = h("p", { class: "qz-info", "aria-live": "polite" }), go = h("button", { type: "submit", class: "qz-btn qz-primary", text: T("quiz_start") });
      form.append(info, h("div", { class: "qz-actions" }, [go, btn(T("quiz_keys_button"), A.showHelp)]));

      // What to ask, folded: the summary line says what is chosen.
      const what = h("details", { class: "qz-what" }), sum = h("summary");
      what.append(sum);
      if (SECTIONS.length) {
        // the chosen sections as a set; boxes are made as their lists show (a large bank's folders when opened)
        const on = new Set(cfg.sections), made = [];
        const sync = () => { cfg.sections = [...on].sort((a, b) => a - b); refresh(); };
        const setAll = (v) => { on.clear(); if (v) for (let i = 0; i < SECTIONS.length; i++) on.add(i); for (const b of made) b.firstChild.checked = v; sync(); };
        const mk = (i) => {
          const b = check(secTitle(SECTIONS[i], i), on.has(i), (e) => { if (e.target.checked) on.add(i); else on.delete(i); sync(); }, String(i));
          made.push(b);
          return b;
        };
        const groups = DOMAINS.length ? DOMAINS.map((d, k) => [String(d.title || d.id), range(SECTIONS.length).filter((i) => SECTIONS[i].domain === k)])
          .concat([[T("quiz_no_domain"), range(SECTIONS.length).filter((i) => !DOMAINS[SECTIONS[i].domain])]]).filter((g) => g[1].length) : [[null, range(SECTIONS.length)]];
        const kids = [h("div", { class: "qz-actions qz-allnone" }, [btn(T("quiz_all"), () => setAll(true)), btn(T("quiz_none"), () => setAll(false))])];
        for (const [title, list] of groups) {
          const els = list.length > FOLD_OVER && FOLDERS.length ? folded(list, mk) : list.map(mk);
          kids.push(title ? h("fieldset", { class: "qz-group" }, [h("legend", { text: title }), ...els]) : h("div", { class: "qz-group" }, els));
        }
        what.append(fieldset(T("quiz_sections"), kids));
      }
      if (TAGS.length) what.append(fieldset(T("quiz_tags_any"), TAGS.map((t) => check(t, cfg.tags.includes(t), () => { A.toggleIn(cfg.tags, t); refresh(); }, t)), "qz-filter qz-tags"));
      const cnt = field("qz-count", T("quiz_count"), { min: "1", oninput: () => { cfg.count = +cnt[1].value || null; }, onchange: () => refresh() });
      const min = field("qz-minutes", T("quiz_minutes"), { min: "1", max: "600", oninput: () => { cfg.minutes = +min[1].value || null; } });
      what.append(fieldset(T("quiz_options"), [cnt[0], min[0], ...[["flagged", "quiz_only_flagged"], ["shuffleQ", "quiz_shuffle_questions"], ["shuffleO", "quiz_shuffle_options"]]
        .map(([k, label]) => check(T(label), cfg[k], (e) => { cfg[k] = e.target.checked; refresh(); }))]));
      form.append(what);
      function refresh() {
        const tagsIn = LAZY && cfg.tags.length && L.tagCounts();
        if (tagsIn) tagsIn.then(refresh, () => {});
        const est = LAZY ? estimate(cfg.mode) : null, ids = est ? est.ids : pool(cfg.mode), n = est ? est.n : ids.length;
        const rv = cfg.mode === "review", ex = cfg.mode === "exam", s = A.stats(ids, n);
        const want = wanted(n);
        cnt[0].hidden = rv; min[0].hidden = !ex;
        cnt[1].max = String(Math.max(n, 1)); cnt[1].value = n ? String(want) : "";
        if (ex) min[1].value = String(cfg.minutes || Math.max(1, Math.round(EXAM_MIN * Math.max(want, 1) / EXAM_Q)));
        info.textContent = rv ? (s.due + s.fresh ? Tf("quiz_info_review", { due: cards(s.due), fresh: s.fresh }) : T("quiz_info_nothing_due")) :
          !n ? T(ex ? "quiz_info_none_exam" : "quiz_info_none") :
          [Tn(ex ? "quiz_info_match_exam" : "quiz_info_match", n), want < n && Tf("quiz_info_asked", { n: want }), ex && cfg.count > n && Tf("quiz_info_use_all", { n }),
            ex && Tf("quiz_info_pass", { pass: EXAM_PASS })].filter(Boolean).join(" ");
        const nsec = cfg.sections.length;
        sum.textContent = Tf("quiz_what", {
          sections: !SECTIONS.length || nsec === SECTIONS.length ? T("quiz_all_sections") : nsec === 1 ? secTitle(SECTIONS[cfg.sections[0]], cfg.sections[0]) : Tn("quiz_n_sections", nsec),
          tags: cfg.tags.length ? cfg.tags.join(", ") : T("quiz_any_tag"), count: rv ? T("quiz_due_cards") : Tn("quiz_questions", want) });
        go.disabled = !rv && !n;
      }
      refresh();

      const msg = h("p", { class: "qz-msg", role: "status" });
      const file = h("input", { type: "file", id: "qz-import", accept: ".json,application/json", onchange: () => A.importFile(file, msg) });
      const tools = h("details", { class: "qz-tools" }, [h("summary", { text: T("quiz_tools") }), h("div", { class: "qz-actions" }, [
        btn(T("quiz_export"), () => A.exportProgress(msg)),
        h("span", { class: "qz-file" }, [h("label", { for: "qz-import", text: T("quiz_import") }), file]),
        btn(T("quiz_reset"), () => A.confirmBox(T("quiz_reset_title"), Tf("quiz_reset_text", { cards: cards(Object.keys(A.store.cards).length) }), T("quiz_reset_ok"), () => {
          A.store = Object.assign(A.fresh(), { exam: A.store.exam });
          A.save(); startScreen(); A.say(T("quiz_reset_done"));
        }), "qz-danger")]), msg]);
      const run = A.store.run, resume = run && h("p", { class: "qz-resume" }, [
        btn(Tf("quiz_resume", { mode: T("quiz_mode_" + run.mode), i: Math.min(run.i + 1, run.ids.length), n: run.ids.length }), () => { A.S = A.store.run; A.resumeRun(); }, "qz-primary")]);
      A.view.replaceChildren(head, h("p", { class: "qz-dash", text: Tf("quiz_dash", { due: cards(st.due), fresh: st.fresh, seen: st.seen,
        total: cards(A.BANK), acc: st.acc }) }), resume || "", form, settings(), tools);
      if (initial !== true) head.focus();
      else if (fromUrl) go.focus();
    }
    const wanted = (n) => (cfg.count ? Math.min(cfg.count, n) : cfg.mode === "exam" ? Math.min(EXAM_Q, n) : cfg.mode === "review" ? n : Math.min(PRACTICE_N, n));

    /* Spaced repetition: what the grades mean, new cards per day, desired retention, reset a section. */
    function settings() {
      const S = A.store.settings, msg = h("p", { class: "qz-msg", role: "status" });
      const perDay = h("input", { id: "qz-new-per-day", type: "number", min: "0", max: "9999", value: String(S.newPerDay), inputmode: "numeric",
        onchange: () => { const v = Math.round(+perDay.value); if (v >= 0 && v <= 9999) { S.newPerDay = v; A.save(); msg.textContent = T("quiz_saved"); } } });
      const ret = h("select", { id: "qz-retention", onchange: () => { S.retention = +ret.value; A.save(); msg.textContent = T("quiz_saved"); } },
        [0.8, 0.85, 0.9, 0.95].map((r) => h("option", { value: String(r), selected: Math.abs(S.retention - r) < 1e-9, text: Tf("quiz_percent", { n: Math.round(r * 100) }) })));
      const secs = SECTIONS.map((s, i) => [i, Object.keys(A.store.cards).filter((id) => A.sectionOf(id) === i).length]).filter((x) => x[1]);
      const pick = h("select", { id: "qz-reset-section" }, secs.map(([i, n]) => h("option", { value: String(i), text: Tf("quiz_section_cards", { section: secTitle(SECTIONS[i], i), cards: cards(n) }) })));
      const resetSec = () => {
        const i = +pick.value, ids = new Set(ALL.concat(Object.keys(A.store.cards), A.store.quiz.flags).filter((id) => A.sectionOf(id) === i));
        A.confirmBox(T("quiz_reset_section_title"), Tf("quiz_reset_section_text", { section: secTitle(SECTIONS[i], i) }), T("quiz_reset_ok"), () => {
          for (const id of ids) delete A.store.cards[id];
          A.store.log = A.store.log.filter((e) => !ids.has(e[1]));
          A.store.quiz.flags = A.store.quiz.flags.filter((id) => !ids.has(id));
          A.save(); startScreen(); A.say(T("quiz_reset_done"));
        });
      };
      return h("details", { class: "qz-settings" }, [h("summary", { text: T("quiz_settings") }),
        h("p", { class: "qz-muted", text: T("quiz_srs_explained") }),
        h("p", { class: "qz-row" }, [h("label", { for: "qz-new-per-day", text: T("quiz_new_per_day") + " " }), perDay]),
        h("p", { class: "qz-row" }, [h("label", { for: "qz-retention", text: T("quiz_retention") + " " }), ret]),
        h("p", { class: "qz-muted", text: T("quiz_retention_explained") }),
        secs.length ? h("p", { class: "qz-row" }, [h("label", { for: "qz-reset-section", text: T("quiz_reset_section") + " " }), pick, " ",
          btn(T("quiz_reset_ok"), resetSec, "qz-danger")]) : "", msg]);
    }

    // A large bank loads what the session draws from first: the due and flagged cards' sections,
    // and sections drawn at random by how many questions each can give (by domain for an exam),
    // or the first ones in order; then the session is made as from the whole bank, over them.
    // SPREAD: a session draws from at most this many sections per 20 questions (a section's
    // script is some 10–30 KB; every draw is one more before the first question shows).
    const SPREAD = 8, spread = (k) => Math.max(1, Math.ceil(k * SPREAD / PRACTICE_N));
    function begin() {
      if (!LAZY) return make(pool(cfg.mode));
      const tagsIn = cfg.tags.length && L.tagCounts();
      if (tagsIn) return A.busy(tagsIn, begin);
      const mode = cfg.mode, secs = chosen(), t = A.today(), cap = (s) => capacity(s, mode);
      const asked = cfg.count || (mode === "exam" ? EXAM_Q : PRACTICE_N);
      let ids = [], want = null;
      if (cfg.flagged) ids = A.store.quiz.flags.slice();
      else if (mode === "review") {
        ids = Object.keys(A.store.cards).filter((id) => A.seen(id) && A.store.cards[id].due <= t);
        want = L.draw(secs, cap, Math.min(A.budget(), SPREAD), A.budget());
      } else if (!cfg.shuffleQ) {
        want = new Map();
        for (let i = 0, got = 0; i < secs.length && got < asked; i++) { const c = cap(secs[i]); if (c) { want.set(secs[i], c); got += c; } }
      } else if (mode === "exam" && DOMAINS.length) {
        want = new Map();
        const total = DOMAINS.reduce((a, d) => a + d.weight, 0) || 1, of = (d) => secs.filter((s) => (DOMAINS[SECTIONS[s].domain] ? SECTIONS[s].domain : -1) === d);
        for (let d = -1; d < DOMAINS.length; d++) {
          // a draw for every 5 questions the domain is to give, and one more, until they can give it
          const n = d < 0 ? asked / 4 : asked * DOMAINS[d].weight / total;
          for (const [s, m] of L.draw(of(d), cap, Math.ceil(n / 5) + 1, d < 0 ? 0 : Math.ceil(n) + 1)) want.set(s, (want.get(s) || 0) + m);
        }
      } else want = L.draw(secs, cap, Math.min(asked, spread(asked)), asked);
      A.busy(Promise.all([L.need(ids), L.sections(want ? [...want.keys()] : [])]), () => make(over(pool(mode), want, mode), want));
    }
    // The pool narrowed to the drawn sections: for practice and flashcards as many from each as were drawn there.
    function over(ids, want, mode) {
      if (!want || mode === "review") return ids;
      const by = new Map();
      for (const id of ids) { const s = BYID[id].section; if (want.has(s)) (by.get(s) || by.set(s, []).get(s)).push(id); }
      if (mode === "exam") return [...by.values()].flat();
      const out = [], rest = [];
      for (const [s, list] of by) { if (cfg.shuffleQ) shuffle(list); out.push(...list.slice(0, want.get(s))); rest.push(...list.slice(want.get(s))); }
      return cfg.shuffleQ ? shuffle(out).concat(shuffle(rest)) : out.concat(rest);
    }
    function make(ids, want) {
      const mode = cfg.mode;
      if (want && !cfg.shuffleQ) ids.sort((a, b) => BYID[a].section - BYID[b].section);
      if (cfg.shuffleQ && !(want && mode !== "review" && mode !== "exam")) shuffle(ids);
      if (mode === "review") {
        const t = A.today(), due = ids.filter((id) => A.seen(id) && A.store.cards[id].due <= t).sort((a, b) => A.store.cards[a].due - A.store.cards[b].due);
        return A.startRun(mode, due.concat(ids.filter((id) => !A.seen(id)).slice(0, A.budget())));
      }
      const asked = cfg.count || (mode === "exam" ? EXAM_Q : Math.min(PRACTICE_N, ids.length));
      if (mode !== "exam") return A.startRun(mode, ids.slice(0, asked));
      ids = A.drawExam(ids, asked);
      A.startExam(ids, cfg.minutes || Math.max(1, Math.round(EXAM_MIN * ids.length / EXAM_Q)), asked > ids.length ?
        Tf("quiz_exam_fewer", { matched: Tn("quiz_choice_questions", ids.length), n: ids.length, asked }) : "");
    }
    return { startScreen, pool, fromUrl };
  };
})();
