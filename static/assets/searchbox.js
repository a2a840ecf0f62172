/* studysite search (design/search.md §5), part 2 of 2: the header combobox and the ?hl= marks,
   over window.StudysiteSearch (search.js, loaded first). Classic script: no modules, fetch,
   workers, wasm or eval; DOM built with createElement/textContent. */
(() => {
"use strict";
const S = window.StudysiteSearch;
if (!S) return;
const { tokenize, Engine, pieces } = S, obj = () => Object.create(null);
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
const T = window.StudysiteStrings ? window.StudysiteStrings.t : (k) => k;
const N = window.StudysiteStrings ? window.StudysiteStrings.n : (k, n) => n + " " + k;
const LABEL = { s: T("kind_section"), r: T("kind_table"), q: T("kind_question") };
let engine = null, state = 0, frame = 0, active = -1, opts = [], excerpts = 0, shown = "", busy = false, enter = false, last = [];
// A big site's index is sharded (src/search/shard.rs): data-files names only its manifest, which
// names the shards; a query loads the shards it needs, each a <script> that calls STUDYSITE_SHARD.
const SHARDED = Object.prototype.hasOwnProperty.call(FILES, "search-manifest.js");
const shardBase = () => { const u = dataUrl("search-manifest.js"); return u.slice(0, u.lastIndexOf("/") + 1); };
const requested = obj(); // shard key → 1 requested, 2 failed
const script = (src, onload, onerror, ordered) => {
  const s = el("script");
  s.src = src;
  s.async = !ordered;
  s.onload = onload;
  s.onerror = onerror;
  D.head.append(s);
};

// Loads the index and docs (or the manifest) as <script> tags, once.
function load() {
  if (state) return;
  state = 1;
  const fail = () => { if (state < 2) { state = 3; run(); } };
  if (SHARDED) {
    window.STUDYSITE_SHARD = (kind, k, data) => { if (engine) engine.add(kind, k, data); };
    script(dataUrl("search-manifest.js"), () => {
      const m = window.STUDYSITE_MANIFEST;
      if (!m || typeof m !== "object") return fail();
      engine = new Engine(null, null, m);
      state = 2;
      run();
    }, fail);
    return;
  }
  let left = 2;
  for (const f of ["search-index.js", "search-docs.js"]) {
    script(dataUrl(f), () => {
      if (--left) return;
      const ix = window.STUDYSITE_SEARCH, docs = window.STUDYSITE_DOCS;
      if (!ix || !docs) return fail();
      engine = new Engine(ix, docs);
      state = 2;
      run();
    }, fail, true);
  }
}
// Requests shards by key; each arrival searches again for what the box holds then, so a slow shard
// never shows results for an older query.
function loadShards(keys) {
  const base = shardBase();
  for (const key of keys) {
    if (requested[key]) continue;
    const f = engine.file(key);
    requested[key] = f ? 1 : 2;
    if (f) script(base + f, () => { if (!engine.got[key]) requested[key] = 2; arrived(); }, () => { requested[key] = 2; arrived(); });
  }
}

function loadExcerpts(results) {
  if (state !== 2) return;
  if (SHARDED) { loadShards(engine.excerpts(results)); return; }
  if (excerpts) return;
  excerpts = 1;
  script(dataUrl("search-excerpts.js"), () => {
    const ex = window.STUDYSITE_EXCERPTS || [];
    engine.docs.forEach((d, i) => { if (ex[i]) d[4] = ex[i]; });
    if (input.value.trim()) arrived();
  });
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
  if (!q) { list.textContent = ""; opts = []; close(); shown = ""; busy = enter = false; live.textContent = ""; return; }
  if (state < 2) { load(); if (state < 3) return; }
  let r = null;
  if (state === 2) {
    r = engine.search(q, 20);
    if (r.need && r.need.some((k) => requested[k] === 2)) r = null;
    else if (r.need) {
      // Shards on their way: the list stays as it is, or shows the first results already certain,
      // busy until they arrive.
      loadShards(r.need);
      busy = true;
      list.setAttribute("aria-busy", "true");
      if (!(r.results && r.results.length)) return;
    }
  }
  const partial = !!(r && r.need);
  // The same query again (more docs or its excerpts arrived): keep the active option and the scroll.
  const keep = q === shown ? active : -1, scroll = q === shown ? list.scrollTop : 0;
  if (!partial) { busy = false; list.removeAttribute("aria-busy"); }
  list.textContent = "";
  opts = [];
  close();
  if (!r) note("search-empty", T("search_unavailable"));
  else {
    if (r.suggestion) {
      const o = el("div", "search-note search-didyoumean", T("did_you_mean"), { id: "search-suggestion", role: "option", "aria-selected": "false" });
      o.append(el("span", "search-suggest", r.suggestion), "?");
      list.append(o);
      opts.push(o);
    }
    for (const x of r.results) {
      const d = x.doc, link = href(d[3], x.terms), set = setOf(x.terms);
      if (link == null) continue;
      const o = el("div", "search-result", null, { id: "search-result-" + opts.length, role: "option", "aria-selected": "false" });
      const a = el("a", "search-link", null, { href: link, tabindex: "-1" }), head = el("span", "search-head");
      head.append(el("span", "search-badge search-badge-" + d[0], LABEL[d[0]] || T("kind_page")), fill(el("span", "search-title"), pieces(d[1], set)));
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
    // (A sharded index: those of the first 8, the rest once the list scrolls.)
    last = r.results;
    if (n && !partial) requestAnimationFrame(() => setTimeout(() => loadExcerpts(r.results.slice(0, 8)), 0));
    if (!n) note("search-empty", T("no_results_for") + q + T("no_results_for_end"));
    const status = n ? (r.total > n ? N("n_of_results", r.total, { shown: n }) : N("n_results", n)) : T("no_results");
    if (!partial && (live.textContent !== status || q !== shown)) live.textContent = status;
  }
  shown = q;
  list.hidden = false;
  list.scrollTop = scroll;
  input.setAttribute("aria-expanded", "true");
  if (keep >= 0 && keep < opts.length) select(keep, false);
  // Enter pressed while the shards were on their way opens the result now.
  if (enter && !partial) { enter = false; const o = opts[active] || list.querySelector(".search-result"); if (o) pick(o); }
}
const schedule = () => { if (!frame) frame = requestAnimationFrame(run); };
// A shard arrived: search again, unless the list was dismissed meanwhile.
const arrived = () => { if (busy || !list.hidden) schedule(); };
// (A search still waiting for its frame, for excerpts that came in just before, must
// not open the list again.)
const dismiss = () => { busy = enter = false; cancelAnimationFrame(frame); frame = 0; list.removeAttribute("aria-busy"); close(); };

function select(i, scroll) {
  const o = opts[active];
  if (o) { o.classList.remove("active"); o.setAttribute("aria-selected", "false"); }
  active = i;
  const n = opts[active];
  n.classList.add("active");
  n.setAttribute("aria-selected", "true");
  input.setAttribute("aria-activedescendant", n.id);
  if (scroll) n.scrollIntoView({ block: "nearest" });
}
const move = (dir) => select(active < 0 ? (dir > 0 ? 0 : opts.length - 1) : (active + dir + opts.length) % opts.length, true);

input.addEventListener("focus", () => { load(); if (input.value.trim()) schedule(); });
input.addEventListener("input", () => { load(); schedule(); });
input.addEventListener("keydown", (e) => {
  const k = e.key;
  if (e.isComposing) return;
  if (k === "ArrowDown" || k === "ArrowUp") {
    e.preventDefault();
    // A closed list opens; a render still waiting for its frame (typing, or excerpts that just
    // arrived) runs first and keeps the active option, so the key still moves: none is lost.
    if (frame) run();
    else if (list.hidden) { run(); return; }
    if (!list.hidden && opts.length) move(k === "ArrowDown" ? 1 : -1);
  } else if (k === "Enter") {
    if (frame) run();
    if (busy) { e.preventDefault(); enter = true; return; }
    const o = !list.hidden && (opts[active] || list.querySelector(".search-result"));
    if (o) { e.preventDefault(); pick(o); }
  } else if (k === "Escape") {
    e.preventDefault();
    if (input.value) { input.value = ""; run(); } else { dismiss(); input.blur(); }
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
list.addEventListener("scroll", () => loadExcerpts(last), { passive: true });
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
D.addEventListener("pointerdown", (e) => { if (!box.contains(e.target)) dismiss(); });
D.addEventListener("focusin", (e) => { if (!box.contains(e.target)) dismiss(); });
})();
