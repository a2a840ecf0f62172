/* studysite search (design/search.md §5). The pure part (tokenizer, lookup, BM25, excerpts) is
   window.StudysiteSearch / module.exports; the header combobox and ?hl= marks need a document.
   Classic script: no modules, fetch, workers, wasm or eval; DOM built with createElement/textContent. */
(() => {
"use strict";
const WORD = /[\p{L}\p{N}\p{M}]+/gu, CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const LU = /\p{Lu}/u, LL = /\p{Ll}/u, NUM = /\p{N}/u, obj = () => Object.create(null), STOP = obj();
"a an and are as at be by for from how in is it of on or that the this to was what when which with".split(" ").forEach((w) => { STOP[w] = 1; });

// NFKD, no combining marks (nor the space a few compatibility letters decompose to), lower case.
const norm = (s) => s.normalize("NFKD").replace(/[\p{M} ]/gu, "").toLowerCase();

// Camel parts if there is a lower→upper change; split before an upper that follows a lower, and
// before an upper followed by a lower when it follows an upper or a digit (DynamoDBStreams, getS3Object).
function camel(cs) {
  if (!/\p{Ll}\p{Lu}/u.test(cs.join(""))) return [];
  const parts = [];
  let start = 0;
  for (let i = 1; i < cs.length; i++) {
    const p = cs[i - 1];
    if (LU.test(cs[i]) && (LL.test(p) || (LL.test(cs[i + 1] || "") && (LU.test(p) || NUM.test(p))))) {
      parts.push(cs.slice(start, i).join(""));
      start = i;
    }
  }
  return parts.concat(cs.slice(start).join(""));
}

// One run: CJK stretches become overlapping bigrams, the rest are words (plus camel parts).
function word(w, out) {
  let cs = Array.from(w), seg = [];
  const flush = () => { if (seg.length) out.push(seg.join(""), ...camel(seg)); seg = []; };
  if (!CJK.test(w)) { seg = cs; cs = []; }
  for (let i = 0; i < cs.length; i++) {
    if (!CJK.test(cs[i])) { seg.push(cs[i]); continue; }
    flush();
    let j = i;
    while (j < cs.length && CJK.test(cs[j])) j++;
    if (j - i === 1) out.push(cs[i]);
    for (let k = i; k < j - 1; k++) out.push(cs[k] + cs[k + 1]);
    i = j - 1;
  }
  flush();
}

// Runs grouped into chains joined by exactly one - . _ or / (us-east-1, m5.2xlarge).
function chains(text) {
  const out = [];
  let m, last = null;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text))) {
    const r = { s: m[0], i: m.index, e: m.index + m[0].length };
    if (last && r.i === last.e + 1 && "-._/".includes(text[last.e])) out[out.length - 1].push(r);
    else out.push([r]);
    last = r;
  }
  return out;
}
// The joined form of a 2–4 part chain without CJK.
const joined = (ch) => ch.length > 1 && ch.length < 5 && !ch.some((r) => CJK.test(r.s)) ? ch.map((r) => norm(r.s)).join("") : "";

function tokenize(text) {
  const out = [];
  for (const ch of chains(String(text || ""))) {
    ch.forEach((r) => word(r.s, out));
    out.push(joined(ch));
  }
  return out.map(norm).filter((t) => t && !STOP[t]);
}

// Optimal string alignment distance; max + 1 as soon as a whole row exceeds max.
function osa(a, b, max) {
  let p2 = [], p = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const c = [i];
    for (let j = 1; j <= b.length; j++) {
      c[j] = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) c[j] = Math.min(c[j], p2[j - 2] + 1);
    }
    if (Math.min(...c) > max) return max + 1;
    p2 = p; p = c;
  }
  return p[b.length];
}

const PRIOR = { q: 1.1, s: 1, r: 0.8 };
class Engine {
  constructor(ix, docs) {
    this.terms = ix.t ? ix.t.split(" ") : [];
    this.p = ix.p || []; this.dl = ix.dl || []; this.docs = docs || []; this.n = ix.n || this.docs.length;
    this.avg = this.dl.reduce((a, b) => a + b, 0) / this.dl.length || 1;
    this.tt = [];
  }
  // Prefix expansion (≤ 64 terms: 1 exact, 0.7 prefix); if none, typos (OSA ≤ 1, ≤ 2 from 8 chars; 0.5).
  expand(tok) {
    const T = this.terms, out = [];
    let lo = 0, hi = T.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (T[mid] < tok) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < T.length && out.length < 64 && T[i].startsWith(tok); i++) out.push([i, T[i] === tok ? 1 : 0.7]);
    if (out.length || tok.length < 4) return { list: out };
    const max = tok.length < 8 ? 1 : 2;
    T.forEach((t, i) => { if (Math.abs(t.length - tok.length) <= max) { const d = osa(tok, t, max); if (d <= max) out.push([i, 0.5, d]); } });
    out.sort((a, b) => a[2] - b[2] || this.p[b[0]].length - this.p[a[0]].length || a[0] - b[0]);
    return { list: out.slice(0, 16), fix: out.length ? T[out[0][0]] : "" };
  }
  // BM25 (k1 1.2, b .75) per query token, best expansion per doc, summed. Rank: tokens matched, then
  // score × type prior × (1 + closeness of the title + half that of the page title), with variety.
  search(q, limit) {
    const acc = obj(), fixes = obj(), toks = [...new Set(tokenize(q))];
    const exps = toks.map((tok, qi) => {
      const ex = this.expand(tok), m = obj();
      if (ex.fix) fixes[tok] = ex.fix;
      for (const [ti, ew] of ex.list) {
        const p = this.p[ti] || [], df = p.length / 2, term = this.terms[ti];
        const idf = Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
        m[term] = ew;
        for (let k = 0, d = 0; k < p.length; k += 2) {
          d += p[k];
          const w = p[k + 1], s = ew * idf * w * 2.2 / (w + 1.2 * (0.25 + 0.75 * (this.dl[d] || 0) / this.avg));
          const r = acc[d] || (acc[d] = { id: d, doc: this.docs[d], n: 0, score: 0, best: {}, terms: [] });
          if (!(qi in r.best)) { r.n++; r.best[qi] = 0; }
          if (s > r.best[qi]) { r.score += s - r.best[qi]; r.best[qi] = s; }
          if (!r.terms.includes(term)) r.terms.push(term);
        }
      }
      return m;
    });
    // closeness: share of query tokens found in the field × share of the field they cover
    const close = (t) => {
      let hit = 0, cov = 0;
      for (const m of exps) { let w = 0; for (const x of t) if (m[x]) { hit++; w = Math.max(w, m[x]); } cov += w; }
      return t.length ? cov / exps.length * Math.min(1, hit / t.length) : 0;
    };
    const cmp = (a, b) => b.n - a.n || b.rank - a.rank || a.id - b.id, seen = obj();
    let all = Object.values(acc).filter((r) => r.doc);
    all.forEach((r) => { r.rank = r.score * (PRIOR[r.doc[0]] || 1); });
    all.sort(cmp);
    const top = all.slice(0, 200);
    top.forEach((r) => {
      const t = this.tt[r.id] || (this.tt[r.id] = [tokenize(r.doc[1]), tokenize(String(r.doc[2]).split(" › ")[0])]);
      r.rank *= 1 + close(t[0]) + close(t[1]) / 2;
    });
    // variety: each better result with the same breadcrumb costs 15%
    top.sort(cmp).forEach((r) => { const c = r.doc[2]; r.rank *= 0.85 ** (seen[c] || 0); seen[c] = (seen[c] || 0) + 1; });
    all = top.sort(cmp).concat(all.slice(200));
    let suggestion = String(q).trim();
    if (Object.keys(fixes).length) {
      suggestion = suggestion.split(/(\s+)/).map((c) => { const t = tokenize(c); return t.length === 1 && fixes[t[0]] || c; }).join("");
    }
    if (suggestion === String(q).trim()) suggestion = "";
    return { tokens: toks, total: all.length, results: all.slice(0, limit || 20), fixes, suggestion };
  }
}

// Text as [text, marked] pieces; a word is marked when one of its tokens (or its chain's joined
// form) is in `set`. With `win`, only ~win words, starting a little before the first mark.
function pieces(text, set, win) {
  text = String(text || "");
  const words = [], out = [];
  for (const ch of chains(text)) {
    const all = set[joined(ch)] === 1;
    for (const r of ch) { r.m = all || tokenize(r.s).some((t) => set[t] === 1); words.push(r); }
  }
  let a = 0, b = words.length;
  if (win && b > win) {
    a = Math.max(0, Math.min(words.findIndex((w) => w.m) - 4, b - win));
    b = a + win;
  }
  let pos = a ? words[a].i : 0;
  const end = b < words.length ? words[b - 1].e : text.length;
  if (a) out.push(["…", false]);
  for (const w of words.slice(a, b)) {
    if (!w.m) continue;
    if (w.i > pos) out.push([text.slice(pos, w.i), false]);
    out.push([w.s, true]);
    pos = w.e;
  }
  if (end > pos) out.push([text.slice(pos, end), false]);
  if (end < text.length) out.push(["…", false]);
  return out;
}

const api = { tokenize, normalize: norm, osa, Engine, pieces, STOPWORDS: Object.keys(STOP) };
if (typeof module === "object" && module.exports) module.exports = api;
if (typeof window !== "undefined") window.StudysiteSearch = api;
if (typeof document === "undefined") return;

/* ---------- DOM ---------- */
const D = document, root = D.documentElement.getAttribute("data-root") || "";
// The data files have content-hashed names (README: Fingerprinted assets), listed as JSON in the
// data-files attribute of this script's tag: {"search-index.js": "assets/search-index.<hash>.js", …}.
const FILES = (() => { try { return JSON.parse(D.currentScript.getAttribute("data-files")) || {}; } catch (e) { return {}; } })();
const dataUrl = (f) => root + (Object.prototype.hasOwnProperty.call(FILES, f) && typeof FILES[f] === "string" ? FILES[f] : "assets/" + f);
const el = (tag, cls, text, attrs) => {
  const e = D.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  return e;
};
const fill = (e, ps, cls) => { ps.forEach((p) => e.append(p[1] ? el("mark", cls, p[0]) : p[0])); return e; };
const setOf = (list) => { const s = obj(); list.forEach((t) => { s[t] = 1; }); return s; };

// Landing page: mark the ?hl= terms in the target unit (text nodes only), scroll there, drop hl.
(() => {
  let url, target = null, first = null;
  try { url = new URL(location.href); } catch (e) { return; }
  const hl = url.searchParams.get("hl"), H = /^H[1-6]$/;
  if (hl == null) return;
  const set = setOf(tokenize(hl.slice(0, 400)).slice(0, 24));
  try { target = D.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* bad hash */ }
  const region = [target || D.querySelector("main") || D.body];
  if (target && H.test(target.tagName)) { // a section: its heading and the blocks up to the next heading
    for (let n = target.nextElementSibling; n && !H.test(n.tagName) && !n.querySelector("h1,h2,h3,h4,h5,h6"); n = n.nextElementSibling) region.push(n);
  }
  for (const r of region) {
    const w = D.createTreeWalker(r, NodeFilter.SHOW_TEXT), nodes = [];
    while (w.nextNode()) if (!w.currentNode.parentNode.closest("script,style,textarea,mark,.search")) nodes.push(w.currentNode);
    for (const t of nodes) {
      const ps = pieces(t.nodeValue, set);
      if (!ps.some((p) => p[1])) continue;
      const f = fill(D.createDocumentFragment(), ps, "search-hit");
      first = first || f.querySelector("mark");
      t.replaceWith(f);
    }
  }
  if (target || first) (target || first).scrollIntoView({ block: target ? "start" : "center" });
  url.searchParams.delete("hl");
  try { history.replaceState(history.state, "", url.href); } catch (e) { /* not allowed here */ }
})();

const input = D.getElementById("search-input"), list = D.getElementById("search-results");
if (!input || !list) return;
const box = input.closest(".search") || input.parentNode, live = el("div", "sr-only", "", { role: "status", "aria-live": "polite" });
box.append(live);
list.tabIndex = -1; // a scrollable panel would otherwise be a tab stop
const LABEL = { s: "Section", r: "Table", q: "Question" };
let engine = null, state = 0, frame = 0, active = -1, opts = [], excerpts = 0;

// The one loader (a sharded index changes only this): index and docs as <script> tags.
function load() {
  if (state) return;
  state = 1;
  let left = 2;
  const fail = () => { if (state < 2) { state = 3; run(); } };
  for (const f of ["search-index.js", "search-docs.js"]) {
    const s = el("script");
    s.src = dataUrl(f);
    s.async = false;
    s.onerror = fail;
    s.onload = () => {
      if (--left) return;
      const ix = window.STUDYSITE_SEARCH, docs = window.STUDYSITE_DOCS;
      if (!ix || !docs) return fail();
      engine = new Engine(ix, docs);
      state = 2;
      run();
    };
    D.head.append(s);
  }
}

function loadExcerpts() {
  if (excerpts || state !== 2) return;
  excerpts = 1;
  const s = el("script");
  s.src = dataUrl("search-excerpts.js");
  s.onload = () => {
    const ex = window.STUDYSITE_EXCERPTS || [];
    engine.docs.forEach((d, i) => { if (ex[i]) d[4] = ex[i]; });
    if (input.value.trim() && !list.hidden) schedule();
  };
  D.head.append(s);
}

function close() {
  list.hidden = true;
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
  active = -1;
}
const note = (cls, text) => list.append(el("div", "search-note " + cls, text, { role: "option", "aria-disabled": "true" }));
function href(u, terms) {
  u = String(u || "");
  if (/^[a-z][\w+.-]*:|^[\\/]{2}/i.test(u)) return null; // site-relative URLs only
  const h = u.includes("#") ? u.indexOf("#") : u.length, base = u.slice(0, h);
  return root + base + (base.includes("?") ? "&" : "?") + "hl=" + encodeURIComponent(terms.slice(0, 12).join(" ")) + u.slice(h);
}

function run() {
  cancelAnimationFrame(frame);
  frame = 0;
  const q = input.value.trim();
  list.textContent = "";
  opts = [];
  close();
  if (!q) { live.textContent = ""; return; }
  if (state < 2) { load(); if (state < 3) return; }
  if (state === 3) note("search-empty", "Search is unavailable: the index did not load.");
  else {
    const r = engine.search(q, 20);
    if (r.suggestion) {
      const o = el("div", "search-note search-didyoumean", "Did you mean ", { id: "search-suggestion", role: "option", "aria-selected": "false" });
      o.append(el("span", "search-suggest", r.suggestion), "?");
      list.append(o);
      opts.push(o);
    }
    for (const x of r.results) {
      const d = x.doc, link = href(d[3], x.terms), set = setOf(x.terms);
      if (link == null) continue;
      const o = el("div", "search-result", null, { id: "search-result-" + opts.length, role: "option", "aria-selected": "false" });
      const a = el("a", "search-link", null, { href: link, tabindex: "-1" }), head = el("span", "search-head");
      head.append(el("span", "search-badge search-badge-" + d[0], LABEL[d[0]] || "Page"), fill(el("span", "search-title"), pieces(d[1], set)));
      a.append(head);
      if (d[2]) a.append(el("span", "search-crumb", d[2]));
      if (d[4] && d[0] !== "q") a.append(fill(el("span", "search-excerpt"), pieces(d[4], set, 22)));
      o.append(a);
      list.append(o);
      opts.push(o);
    }
    const n = list.querySelectorAll(".search-result").length;
    // Excerpts follow the first results: titles and breadcrumbs are enough to show a
    // result, so the first one needs a quarter fewer bytes; the excerpts fill in a
    // moment later.
    if (n && !excerpts) requestAnimationFrame(() => setTimeout(loadExcerpts, 0));
    if (!n) note("search-empty", "No results for “" + q + "”");
    live.textContent = n ? (r.total > n ? n + " of " + r.total : n) + (r.total === 1 ? " result" : " results") : "No results";
  }
  list.hidden = false;
  input.setAttribute("aria-expanded", "true");
}
const schedule = () => { if (!frame) frame = requestAnimationFrame(run); };

function move(dir) {
  const o = opts[active];
  if (o) { o.classList.remove("active"); o.setAttribute("aria-selected", "false"); }
  active = active < 0 ? (dir > 0 ? 0 : opts.length - 1) : (active + dir + opts.length) % opts.length;
  const n = opts[active];
  n.classList.add("active");
  n.setAttribute("aria-selected", "true");
  input.setAttribute("aria-activedescendant", n.id);
  n.scrollIntoView({ block: "nearest" });
}

input.addEventListener("focus", () => { load(); if (input.value.trim()) schedule(); });
input.addEventListener("input", () => { load(); schedule(); });
input.addEventListener("keydown", (e) => {
  const k = e.key;
  if (e.isComposing) return;
  if (k === "ArrowDown" || k === "ArrowUp") {
    e.preventDefault();
    if (list.hidden || frame) run();
    else if (opts.length) move(k === "ArrowDown" ? 1 : -1);
  } else if (k === "Enter") {
    if (frame) run();
    const o = !list.hidden && (opts[active] || list.querySelector(".search-result"));
    if (o) { e.preventDefault(); pick(o); }
  } else if (k === "Escape") {
    e.preventDefault();
    if (input.value) { input.value = ""; run(); } else { close(); input.blur(); }
  }
});
// Enter on a result opens it; on the suggestion, searches for it.
function pick(o) {
  const a = o.querySelector("a");
  if (a) { location.href = a.href; return; }
  input.value = o.querySelector(".search-suggest").textContent;
  input.focus();
  run();
}
list.addEventListener("click", (e) => { const o = e.target.closest(".search-didyoumean"); if (o) pick(o); });
// "/" and Ctrl/⌘-K focus the box, except while typing in another field.
const typing = (t) => t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
  (t.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/.test(t.type)));
D.addEventListener("keydown", (e) => {
  const mod = e.ctrlKey || e.metaKey;
  if (e.defaultPrevented || e.isComposing || e.altKey || (mod ? String(e.key).toLowerCase() !== "k" : e.key !== "/")) return;
  if (e.target === input ? !mod : typing(e.target)) return;
  e.preventDefault();
  input.focus();
  input.select();
});
D.addEventListener("pointerdown", (e) => { if (!box.contains(e.target)) close(); });
D.addEventListener("focusin", (e) => { if (!box.contains(e.target)) close(); });
})();
