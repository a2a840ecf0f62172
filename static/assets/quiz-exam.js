/* studysite quiz (quiz.html): the timed mock exam, as a factory window.StudysiteQuizExam(A) that
   quiz.js calls with its context. Drawn in the exam domains' proportions, no section shown while
   answering, a navigator of answered / flagged questions, a timer that turns urgent near the end,
   a submit that names what is unanswered or flagged; then the score by domain and by section
   (weakest first) and a review of every question: your choice, the key, the explanations and
   the section to learn it from. Classic script; needs quiz-kit.js. */
(() => {
  "use strict";
  const { btn, put, shuffle, trusted, plain, clip, fmtTime } = window.StudysiteQuizKit;
  window.StudysiteQuizExam = (A) => {
    const { h, T, Tf, Tn, BYID, SECTIONS, DOMAINS } = A;
    let timer = null, warned = {};
    const stopTimer = () => { clearInterval(timer); timer = null; };
    const answered = (E, x) => (E.ans[x] || []).length > 0;
    const right = (id, sel) => (A.kinds.is(BYID[id]) ? A.kinds.right(BYID[id], sel) : BYID[id].options.every((o, i) => !!o.correct === sel.includes(i)));

    /* n questions of `ids` (already shuffled): with domains, each domain's share of n by its
       weight (largest remainder), a domain short of questions leaving its places to the others. */
    function draw(ids, n) {
      if (!DOMAINS.length) return ids.slice(0, n);
      const by = DOMAINS.map(() => []), rest = [];
      for (const id of ids) { const d = A.domainOf(id); (d >= 0 ? by[d] : rest).push(id); }
      const total = DOMAINS.reduce((s, d, i) => s + (by[i].length ? d.weight : 0), 0) || 1;
      const want = DOMAINS.map((d, i) => (by[i].length ? n * d.weight / total : 0)), take = want.map(Math.floor);
      let left = n - take.reduce((a, b) => a + b, 0);
      for (const i of want.map((w, i) => i).sort((a, b) => (want[b] - take[b]) - (want[a] - take[a]))) if (left > 0 && by[i].length) { take[i]++; left--; }
      // shortfalls go to the domains that still have questions, then to unassigned ones
      let short = 0;
      take.forEach((t, i) => { if (t > by[i].length) { short += t - by[i].length; take[i] = by[i].length; } });
      for (let i = 0; short > 0 && i < 100 * DOMAINS.length; i++) {
        const d = i % DOMAINS.length;
        if (take[d] < by[d].length) { take[d]++; short--; }
      }
      return shuffle(by.flatMap((list, i) => list.slice(0, take[i])).concat(rest.slice(0, short)));
    }

    function startExam(ids, minutes, note) {
      const order = {}, now = Date.now();
      for (const id of ids) order[id] = A.optionOrder(BYID[id], A.cfg.shuffleO);
      warned = {};
      A.store.run = null;
      A.store.exam = { ids, secs: ids.map(A.slugOf), order, ans: {}, flags: [], i: 0, start: now, end: now + minutes * 60000, pass: A.EXAM_PASS, note };
      A.save();
      showExam();
    }
    function showExam() {
      const E = A.store.exam, n = E.ids.length, id = E.ids[E.i], q = BYID[id];
      if (Date.now() >= E.end) return submitExam(true);
      const clock = h("span", { class: "qz-timer", role: "timer", "aria-label": T("quiz_time_left_label") });
      const flag = A.flagBtn(E.flags.includes(id), () => { const v = A.toggleIn(E.flags, id); navUpdate(); return v; });
      const c = A.card(q, Tf("quiz_question_of", { i: E.i + 1, n }), [clock, flag], false);
      const ch = A.choicesFor(q)(q, E.order[id], true, E.ans[id] || [], (sel) => { E.ans[id] = sel; A.save(); navUpdate(); }, () => A.S.keys("ArrowRight"));
      const go = (i) => { if (i < 0 || i >= n) return false; E.i = i; A.save(); showExam(); return true; };
      const status = h("p", { class: "qz-muted qz-exam-status" });
      const navBtns = E.ids.map((x, i) => h("button", { type: "button", text: i + 1, onclick: () => go(i) }));
      function navUpdate() {
        navBtns.forEach((b, i) => {
          const x = E.ids[i], a = answered(E, x), f = E.flags.includes(x);
          b.className = "qz-navbtn" + (a ? " is-answered" : "") + (f ? " is-flagged" : "") + (i === E.i ? " is-current" : "");
          const label = Tf(a ? "quiz_nav_answered" : "quiz_nav_unanswered", { i: i + 1 });
          b.setAttribute("aria-label", f ? Tf("quiz_nav_flagged", { label }) : label);
          if (i === E.i) b.setAttribute("aria-current", "step");
        });
        status.textContent = Tf("quiz_exam_status", { answered: E.ids.filter((x) => answered(E, x)).length, n, flagged: E.flags.length });
      }
      function askSubmit() {
        const un = E.ids.filter((x) => !answered(E, x)).length, fl = E.flags.length;
        if (!un && !fl) return submitExam(false);
        A.confirmBox(T("quiz_submit_title"), [un && Tf("quiz_submit_unanswered", { questions: Tn("quiz_questions", un) }),
          fl && Tf("quiz_submit_flagged", { questions: Tn("quiz_questions", fl) })].filter(Boolean), T("quiz_submit_anyway"), () => submitExam(false));
      }
      const prev = btn(T("quiz_prev"), () => go(E.i - 1), "", "ArrowLeft"), nxt = btn(T("quiz_next"), () => go(E.i + 1), "qz-primary", "ArrowRight");
      prev.disabled = E.i === 0; nxt.disabled = E.i === n - 1;
      c.el.append(ch.el, h("div", { class: "qz-actions qz-exam-actions" }, [prev, nxt, btn(T("quiz_submit"), askSubmit, "qz-submit")]));
      if (E.note) c.el.before(h("p", { class: "qz-notice", text: E.note }));
      A.view.append(h("nav", { class: "qz-navwrap", "aria-label": T("quiz_nav_label") }, [h("ol", { class: "qz-nav" }, navBtns.map((b) => h("li", {}, [b]))), status]));
      navUpdate();
      const span = E.end - E.start;
      const tick = () => {
        const left = E.end - Date.now();
        clock.textContent = Tf("quiz_time_left", { time: fmtTime(left) });
        // urgent in the last tenth of the time (at most 5 minutes), critical in the last minute
        clock.classList.toggle("is-low", left <= Math.min(300000, span / 10));
        clock.classList.toggle("is-critical", left <= 60000);
        for (const m of [5, 1]) {
          const ms = m * 60000;
          if (left <= ms && left > ms - 60000 && !warned[ms]) { warned[ms] = 1; A.say(Tn("quiz_minutes_left", m)); }
        }
        if (left <= 0) submitExam(true);
      };
      stopTimer();
      tick();
      timer = setInterval(tick, 1000);
      A.S = { keys: (k) => {
        if (k === "ArrowLeft") return go(E.i - 1);
        if (k === "ArrowRight" || k === "Enter") return go(E.i + 1) || (k === "Enter" && (askSubmit(), true));
        if (k === "f" || k === "F") return flag.toggle();
        return ch.pick(A.keyIndex(k));
      } };
      c.head.focus();
    }

    /* Rows of a result table, weakest first: [name, url, ok, n]. */
    function table(caption, first, rows) {
      rows.sort((a, b) => a[2] / a[3] - b[2] / b[3] || b[3] - a[3]);
      return h("table", { class: "qz-sections" }, [h("caption", { text: caption }),
        h("thead", {}, [h("tr", {}, [first, T("quiz_col_correct"), T("quiz_col_score")].map((t) => h("th", { scope: "col", text: t })))]),
        h("tbody", {}, rows.map(([name, url, ok, n]) => h("tr", {}, [h("th", { scope: "row" }, [url ? h("a", { href: A.ROOT + String(url), text: name }) : name]),
          h("td", { text: Tf("quiz_ratio", { ok, n }) }), h("td", { text: Tf("quiz_percent", { n: Math.round(100 * ok / n) }) })])))]);
    }
    function tally(E, key) {
      const m = new Map();
      for (const id of E.ids) {
        const k = key(id), s = m.get(k) || { ok: 0, n: 0 };
        s.n++;
        if (right(id, E.ans[id] || [])) s.ok++;
        m.set(k, s);
      }
      return m;
    }
    function submitExam(timeUp) {
      stopTimer();
      const E = A.store.exam, n = E.ids.length, missed = E.ids.filter((id) => !right(id, E.ans[id] || [])), ok = n - missed.length;
      const pct = Math.round(100 * ok / n), pass = pct >= E.pass;
      for (const id of E.flags) if (!A.flagged(id)) A.store.quiz.flags.push(id);
      A.store.exam = null;
      A.record("exam", n, ok, Math.min(Date.now(), E.end) - E.start);
      const bySec = [...tally(E, (id) => BYID[id].section)].map(([k, s]) => {
        const sec = SECTIONS[k] || {};
        return [String(sec.title || k), sec.url, s.ok, s.n];
      });
      const extra = [h("p", { class: "qz-verdict " + (pass ? "is-pass" : "is-fail"), text: Tf(pass ? "quiz_pass" : "quiz_fail", { pass: E.pass }) })];
      if (DOMAINS.length) {
        const byDom = [...tally(E, A.domainOf)].map(([d, s]) => [d >= 0 ? String(DOMAINS[d].title || DOMAINS[d].id) : T("quiz_no_domain"), null, s.ok, s.n]);
        extra.push(table(T("quiz_by_domain"), T("quiz_col_domain"), byDom));
      }
      extra.push(table(T("quiz_by_section"), T("quiz_col_section"), bySec), review(E));
      const score = Tf("quiz_score", { pct, ok, n });
      A.results("exam", timeUp ? Tf("quiz_time_up", { score }) : score, null, missed, extra);
    }

    /* Every question of the exam as you saw it: your choice and the key marked on each option,
       its explanations, and where to learn it. Wrong ones first open; a filter for wrong/flagged. */
    function review(E) {
      const items = E.ids.map((id, i) => {
        const q = BYID[id], sel = E.ans[id] || [], ok = right(id, sel), fl = E.flags.includes(id);
        const ch = A.choicesFor(q)(q, E.order[id], true, sel);
        ch.mark(sel);
        const status = !sel.length ? T("quiz_review_unanswered") : T(ok ? "quiz_review_right" : "quiz_review_wrong");
        const d = h("details", { class: "qz-rv " + (ok ? "is-right" : "is-wrong"), "data-qid": id }, [
          h("summary", {}, [h("span", { class: "qz-rv-mark", text: Tf("quiz_review_item", { i: i + 1, status }) }), fl && h("span", { class: "qz-rv-flag", text: T("quiz_flagged") }),
            h("span", { class: "qz-rv-q", text: clip(plain(q.q), 120) })]),
          h("div", { class: "qz-rv-body" }, [trusted(h("div", { class: "qz-q" }), q.q), ch.el,
            (q.explain || q.a) && h("div", { class: "qz-answer" }, [h("h4", { class: "qz-answer-h", text: T("quiz_explanation") }), trusted(h("div", { class: "qz-answer-body" }), q.explain || q.a)]),
            h("p", { class: "qz-source" }, [A.learnLink(q)])])]);
        return { d, ok, fl };
      });
      const list = put(h("div", { class: "qz-rv-list" }), items.map((x) => x.d));
      const show = (which) => {
        for (const x of items) x.d.hidden = which === "wrong" ? x.ok : which === "flagged" ? !x.fl : false;
        for (const b of bar.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.value === which));
      };
      const bar = h("div", { class: "qz-actions qz-rv-filter", role: "group", "aria-label": T("quiz_review_filter") },
        ["all", "wrong", "flagged"].map((w) => { const b = btn(Tf("quiz_review_" + w + "_n", { n: items.filter((x) => w === "all" || (w === "wrong" ? !x.ok : x.fl)).length }), () => show(w)); b.value = w; return b; }));
      show("all");
      return h("section", { class: "qz-review", "aria-labelledby": "qz-rv-h" }, [h("h3", { id: "qz-rv-h", text: T("quiz_review_title") }),
        h("p", { class: "qz-muted", text: T("quiz_review_lead") }), bar, list]);
    }
    return { startExam, showExam, submitExam, stopTimer, drawExam: draw };
  };
})();
