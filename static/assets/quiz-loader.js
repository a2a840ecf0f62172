/* studysite quiz (quiz.html) of a large bank: quiz-data.js is a manifest (v 3: each section's
   count and the hash in its script's name, no row per question, written a list per field and
   made rows here) and each section's
   questions are in assets/quiz-data-N.<hash>.js, a classic script added here when a session
   draws from it (no fetch: works from file://). Stored progress names its cards' sections;
   assets/quiz-ids.<hash>.js (every section's ids) is loaded only for what was stored without,
   assets/quiz-tags.<hash>.js (each section's tag counts, as s.t) once a tag is chosen.
   window.StudysiteQuizLoader: data(manifest) → the quiz data, its questions filled in as
   sections load (onQuestion(f) hears each); hint(id, slug) says where an id is; need(ids) →
   null when their sections are loaded, else a promise that loads them; draw(sections, weight,
   k, need) → k draws over those sections weighted by weight(s) (and more until need is
   covered), as a Map section → draws;
   sections(list) loads those; tagCounts() → null when the sections' tag counts are in (or
   there are none), else a promise that loads them. Classic script. */
(() => {
  "use strict";
  const doc = document, byId = Object.create(null), hints = Object.create(null), state = [], heard = []; // state per section: undefined | promise | true
  let M = null, bySlug = null, idsLoad = null, idsDone = false, tagsLoad = null, tagsDone = false;
  const root = () => doc.documentElement.getAttribute("data-root") || "";
  const hex = (h) => /^[0-9a-f]+$/.test(String(h || ""));
  // The manifest's columns as rows: { slug, title, domain?, n, h, g?, f? (its folder in folders) } per section.
  function rows(c) {
    const col = (k) => (Array.isArray(c[k]) ? c[k] : []), slug = col("slug"), out = new Array(slug.length);
    const [title, domain, n, h, g, f] = ["title", "domain", "n", "h", "g", "f"].map(col);
    for (let i = 0; i < slug.length; i++) {
      const s = { slug: slug[i], title: title[i], n: +n[i] || 0, h: h[i] };
      if (domain[i] != null) s.domain = domain[i];
      if (g[i]) s.g = g[i];
      if (f[i]) s.f = f[i];
      out[i] = s;
    }
    return out;
  }
  function data(m) {
    if (!m || typeof m !== "object" || m.v !== 3 || !m.sections || typeof m.sections !== "object") return m; // the whole bank
    m.sections = rows(m.sections);
    M = m;
    m.questions = [];
    bySlug = new Map(m.sections.map((s, i) => [String((s || {}).slug), i]));
    return m;
  }
  const partsGlobal = () => window.STUDYSITE_QUIZ_PARTS || {};
  const script = (src) => new Promise((resolve, reject) => {
    const el = doc.createElement("script");
    el.src = src;
    el.onload = resolve;
    el.onerror = () => { el.remove(); reject(new Error(src)); };
    doc.head.append(el);
  });
  function load(s) {
    if (state[s]) return state[s] === true ? Promise.resolve() : state[s];
    const h = (M.sections[s] || {}).h;
    if (!hex(h)) return Promise.reject(new Error("section " + s));
    state[s] = script(`${root()}assets/quiz-data-${s}.${h}.js`).then(() => {
      const qs = partsGlobal()[s];
      if (!Array.isArray(qs)) throw new Error("section " + s);
      delete partsGlobal()[s];
      const sec = M.sections[s];
      if (sec && !sec.url && qs[0] && typeof qs[0].url === "string") sec.url = qs[0].url.split("#")[0];
      for (const q of qs) {
        if (!q || typeof q.id !== "string" || byId[q.id]) continue;
        q.section = s;
        byId[q.id] = q;
        M.questions.push(q);
        for (const f of heard) f(q);
      }
      state[s] = true;
    }, (err) => { state[s] = undefined; throw err; });
    return state[s];
  }
  const where = (id) => (byId[id] ? byId[id].section : id in hints ? hints[id] : -1);
  function hint(id, slug) {
    const s = bySlug && bySlug.get(String(slug));
    if (s !== undefined && typeof id === "string" && !(id in hints)) hints[id] = s;
  }
  // The ids file, once, for ids stored without their section.
  function locate(ids) {
    if (!ids.some((id) => where(id) < 0) || !hex(M.ids)) return null;
    if (!idsLoad) {
      idsLoad = script(`${root()}assets/quiz-ids.${M.ids}.js`).then(() => {
        const all = partsGlobal().ids;
        if (Array.isArray(all)) all.forEach((list, s) => { if (Array.isArray(list)) for (const id of list) if (typeof id === "string") hints[id] = s; });
        idsDone = true;
        delete partsGlobal().ids;
      }, () => { idsLoad = Promise.resolve(); });
    }
    return idsLoad;
  }
  function tagCounts() {
    if (!M || tagsDone || !hex(M.tagcounts)) return null;
    if (!tagsLoad) {
      tagsLoad = script(`${root()}assets/quiz-tags.${M.tagcounts}.js`).then(() => {
        const all = partsGlobal().t;
        if (Array.isArray(all)) all.forEach((t, s) => { if (M.sections[s] && Array.isArray(t) && t.length) M.sections[s].t = t; });
        tagsDone = true;
        delete partsGlobal().t;
      }, (err) => { tagsLoad = null; throw err; });
    }
    return tagsLoad;
  }
  function sections(list) {
    const todo = [...new Set(list)].filter((s) => state[s] !== true && s >= 0 && s < M.sections.length);
    return todo.length ? Promise.all(todo.map(load)) : null;
  }
  // The sections of ids loaded: where they were stored as being, then, for any not found
  // there (moved, or stored without), where the ids file says.
  function need(ids) {
    if (!M) return null;
    ids = (ids || []).filter((id) => typeof id === "string");
    const missing = () => ids.filter((id) => !byId[id]), go = () => sections(missing().map(where).filter((s) => s >= 0));
    const again = () => {
      if (idsDone || !hex(M.ids) || !missing().length) return null;
      for (const id of missing()) delete hints[id];
      return locate(missing()).then(go);
    };
    const p = go();
    return p ? p.then(again) : again();
  }
  // k draws, with replacement, over the sections, each weighted by weight(s) (how many it can
  // give); then more sections, each once, until the drawn ones can give need in all.
  function draw(list, weight, k, need = 0) {
    const w = list.map((s) => Math.max(0, +weight(s) || 0)), left = w.slice(), out = new Map();
    const pick = (v) => {
      let r = Math.random() * v.reduce((a, b) => a + b, 0), i = 0;
      while (i < v.length - 1 && (r -= v[i]) >= 0) i++;
      while (i > 0 && !v[i]) i--;
      return v[i] > 0 ? i : -1;
    };
    let got = 0;
    for (let j = 0; j < k; j++) {
      const i = pick(w);
      if (i < 0) break;
      out.set(list[i], (out.get(list[i]) || 0) + 1);
      got += left[i];
      left[i] = 0;
    }
    while (got < need) {
      const i = pick(left);
      if (i < 0) break;
      out.set(list[i], 1);
      got += left[i];
      left[i] = 0;
    }
    return out;
  }
  // Which sections' scripts are in (for tests and the curious).
  const loaded = () => state.map((v, i) => (v === true ? i : -1)).filter((i) => i >= 0);
  window.StudysiteQuizLoader = { data, need, hint, locate: (ids) => (M ? locate(ids) : null), draw, sections, tagCounts, loaded, where: (id) => (M ? where(id) : -1), lazy: () => !!M, onQuestion: (f) => heard.push(f) };
})();
