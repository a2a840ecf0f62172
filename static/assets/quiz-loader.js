/* studysite quiz (quiz.html) of a large bank: quiz-data.js is a manifest (a row per question:
   id, kind, option count, tags, domain; each section's count and the hash in its script's name)
   and each section's questions are in assets/quiz-data-N.<hash>.js, a classic script added here
   when a session needs it (no fetch: works from file://). window.StudysiteQuizLoader:
   data(manifest) → the quiz data with a stand-in per question (what the start screen, the
   review queue and the stored progress's checks read); need(ids) → null when their sections
   are loaded, else a promise that fills the stand-ins in place. Classic script. */
(() => {
  "use strict";
  const doc = document, byId = Object.create(null), state = []; // per section: undefined | promise | true
  let M = null;
  const root = () => doc.documentElement.getAttribute("data-root") || "";
  function data(m) {
    if (!m || typeof m !== "object" || !Array.isArray(m.rows) || !Array.isArray(m.sections)) return m; // the whole bank
    M = m;
    const kinds = Array.isArray(m.kinds) ? m.kinds : [], tags = Array.isArray(m.tags) ? m.tags : [], questions = [];
    let s = 0, left = 0;
    for (const r of m.rows) {
      while (left <= 0 && s < m.sections.length) left = +(m.sections[s++] || {}).n || 0;
      left--;
      if (!Array.isArray(r) || typeof r[0] !== "string") continue;
      const q = { id: r[0], kind: String(kinds[r[1]] || "single"), section: s - 1, options: Array.from({ length: Math.min(+r[2] || 0, 100) }, () => ({})),
        tags: (Array.isArray(r[3]) ? r[3] : []).map((i) => tags[i]).filter((t) => typeof t === "string") };
      if (Number.isInteger(r[4])) q.domain = r[4];
      questions.push(q);
      byId[q.id] = q;
    }
    m.questions = questions; // window.STUDYSITE_QUIZ reads as the whole bank's, filled in as sections load
    return m;
  }
  const partsGlobal = () => window.STUDYSITE_QUIZ_PARTS || {};
  function load(s) {
    if (state[s]) return state[s];
    const h = String((M.sections[s] || {}).h || "");
    if (!/^[0-9a-f]+$/.test(h)) return Promise.reject(new Error("section " + s));
    state[s] = new Promise((resolve, reject) => {
      const el = doc.createElement("script");
      el.src = `${root()}assets/quiz-data-${s}.${h}.js`;
      el.onload = () => {
        const qs = partsGlobal()[s];
        if (!Array.isArray(qs)) { state[s] = undefined; return reject(new Error("section " + s)); }
        for (const q of qs) if (q && byId[q.id] && byId[q.id].section === s) Object.assign(byId[q.id], q);
        delete partsGlobal()[s];
        state[s] = true;
        resolve();
      };
      el.onerror = () => { state[s] = undefined; el.remove(); reject(new Error("section " + s)); };
      doc.head.append(el);
    });
    return state[s];
  }
  function need(ids) {
    if (!M) return null;
    const secs = [...new Set((ids || []).map((id) => (byId[id] ? byId[id].section : -1)).filter((s) => s >= 0 && state[s] !== true))];
    return secs.length ? Promise.all(secs.map(load)) : null;
  }
  // Which sections' scripts are in (for tests and the curious).
  const loaded = () => state.map((v, i) => (v === true ? i : -1)).filter((i) => i >= 0);
  window.StudysiteQuizLoader = { data, need, loaded };
})();
