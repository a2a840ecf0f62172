/* studysite quiz (quiz.html), part 1 of 3: the DOM builder and the small helpers, as
   window.StudysiteQuizKit. quiz.html loads fsrs.js, quiz-data.js, quiz-kit.js, quiz-progress.js,
   then quiz.js: classic scripts, in order, no modules. */
(() => {
  "use strict";
  const doc = document, F = window.StudysiteFSRS;
  const h = (tag, a = {}, kids = []) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(a)) {
      if (v == null || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    for (const c of kids) if (c) el.append(c); // skips null, false, "" and 0
    return el;
  };
  const btn = (text, run, cls = "", keys = null) => h("button", { type: "button", class: "qz-btn " + cls, text, "aria-keyshortcuts": keys, onclick: run });
  const linkBtn = (text, run) => h("button", { type: "button", class: "qz-link-btn", text, onclick: run });
  const trusted = (el, html) => { el.innerHTML = typeof html === "string" ? html : ""; return el; };
  const plain = (html) => {
    const t = doc.createElement("template");
    t.innerHTML = typeof html === "string" ? html : "";
    return t.content.textContent.replace(/\s+/g, " ").trim();
  };
  const put = (parent, els) => { for (const el of els) if (el) parent.append(el); return parent; };
  const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
    return a;
  };
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  const letter = (i) => String.fromCharCode(65 + i);
  const isInt = Number.isInteger;
  const isObj = (x) => !!x && typeof x === "object" && !Array.isArray(x);
  const num = (x, lo, hi) => typeof x === "number" && x >= lo && x <= hi;
  const idOk = (id) => typeof id === "string" && id.length > 0 && id.length <= 200 && id !== "__proto__";
  const fmtDate = (day) => F.dayToDate(day).toLocaleDateString(document.documentElement.lang || undefined, { weekday: "short", year: "numeric", month: "short", day: "numeric" });
  const pad = (n) => (n < 10 ? "0" : "") + n;
  const fmtTime = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000)), hh = Math.floor(s / 3600), mm = Math.floor(s / 60) % 60;
    return (hh ? hh + ":" + pad(mm) : mm) + ":" + pad(s % 60);
  };
  const Tn = window.StudysiteStrings.n;
  const ivlText = (d) => (d < 31 ? Tn("quiz_ivl_days", d) : d < 365 ? Tn("quiz_ivl_months", Math.round(d / 30.4)) :
    Tn("quiz_ivl_years", +(d / 365).toFixed(1)));
  window.StudysiteQuizKit = { h, btn, linkBtn, trusted, plain, put, clip, shuffle, range, letter, isInt, isObj, num, idOk,
    fmtDate, pad, fmtTime, ivlText };
})();
