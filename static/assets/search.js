/* studysite search (design/search.md §5), part 1 of 2: the pure part (tokenizer, lookup, BM25,
   excerpts) as window.StudysiteSearch / module.exports, needing no document. searchbox.js, loaded
   after it, is the header combobox and the ?hl= marks. Classic scripts: no modules, fetch,
   workers, wasm or eval. */
(() => {
"use strict";
const WORD = /[\p{L}\p{N}\p{M}]+/gu, CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const LU = /\p{Lu}/u, LL = /\p{Ll}/u, NUM = /\p{N}/u, obj = () => Object.create(null), STOP = obj();
"a an and are as at be by for from how in is it of on or that the this to was what when which with".split(" ").forEach((w) => { STOP[w] = 1; });

// NFKD, no combining marks (nor the space a few compatibility letters decompose to), lower case.
// Then letters NFKD keeps whole that readers type without their mark (tokenize.rs FOLD).
const FOLD = { "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t" };
const norm = (s) => s.normalize("NFKD").replace(/[\p{M} ]/gu, "").toLowerCase().replace(/[ßøłđðæœþıħŧ]/g, (c) => FOLD[c]);

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

const PRIOR = { q: 1.1, s: 1, r: 0.8 }, TOP = 200, FRONT = 93;
// Bounds in a sorted array (UTF-16 order, as the Rust side sorts).
function lower(a, x) { let lo = 0, hi = a.length; while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] < x) lo = m + 1; else hi = m; } return lo; }
function upper(a, x) { let lo = 0, hi = a.length; while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] <= x) lo = m + 1; else hi = m; } return lo; }
// Front-coded terms (src/search/shard.rs): each is "]"+k, then what follows the first k UTF-16
// units of the term before.
function unfront(s) {
  const out = [];
  let prev = "";
  if (s) for (const e of String(s).split(" ")) out.push(prev = prev.slice(0, e.charCodeAt(0) - FRONT) + e.slice(1));
  return out;
}
// The k best ids by cmp, sorted (a heap: big sites have 100,000s of matches).
function best(ids, k, cmp) {
  if (ids.length <= k) return ids.sort(cmp);
  const h = [], swap = (i, j) => { const t = h[i]; h[i] = h[j]; h[j] = t; };
  for (const d of ids) {
    if (h.length < k) {
      h.push(d);
      for (let i = h.length - 1, p; i && cmp(h[i], h[p = (i - 1) >> 1]) > 0; i = p) swap(i, p);
    } else if (cmp(d, h[0]) < 0) {
      h[0] = d;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < k && cmp(h[l], h[m]) > 0) m = l;
        if (r < k && cmp(h[r], h[m]) > 0) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return h.sort(cmp);
}

class Engine {
  // Engine(index, docs): a whole index, i.e. one shard always there. Engine(null, null, manifest): a
  // sharded one; add() takes shards, search() answers { need: [shard keys] } until it has them.
  constructor(ix, docs, man) {
    this.man = man;
    this.tt = [];
    this.typos = obj();
    this.ntypos = 0;
    this.got = obj();
    if (man) {
      this.n = man.n || 0;
      this.lex = unfront(man.l);
      this.first = man.f || [];
      this.shards = [];
      this.docs = [];
      this.eh = [];
    } else {
      this.lex = ix.t ? unfront(ix.t) : [];
      this.first = [""];
      this.shards = [{ t: this.lex, p: ix.p || [], df: (ix.p || []).map((x) => x.length / 2) }];
      this.docs = docs || [];
      this.n = ix.n || this.docs.length;
      const dl = ix.dl || [], avg = dl.reduce((a, b) => a + b, 0) / dl.length || 1;
      this.nm = new Float64Array(Math.max(this.n, dl.length)).map((_, d) => 1.2 * (0.25 + 0.75 * (dl[d] || 0) / avg));
    }
    const n = Math.max(this.n, this.docs.length);
    // type priors (0: no doc): ranking reads no docs
    this.pr = new Float64Array(n).map((_, d) => man ? 1 : this.docs[d] ? PRIOR[this.docs[d][0]] || 1 : 0);
    this.sc = new Float64Array(n); this.bs = new Float64Array(n); this.rk = new Float64Array(n);
    this.cnt = new Uint16Array(n); this.top = new Uint8Array(n);
  }
  // Shard k of kind "i" (terms), "d" (docs) or "e" (excerpts), from STUDYSITE_SHARD.
  add(kind, k, data) {
    const key = kind + k, base = k * (this.man && this.man.u);
    if (!this.man || !data || this.got[key] || !(k >= 0 && k % 1 === 0)) return;
    if (kind === "i") {
      const p = data.p || [];
      this.last = null;
      this.shards[k] = { t: unfront(data.t), p, df: p.map((x) => { let n = 0; for (let j = 0; j < x.length; n++) j += x[j + 1] & 1 ? 3 : 2; return n; }) };
    }
    else if (kind === "d") {
      (data.d || []).forEach((x, j) => { if (Array.isArray(x)) this.docs[base + j] = x; });
      this.eh[k] = data.e;
    }
    else if (kind === "e") data.forEach((x, j) => { const d = this.docs[base + j]; if (d && x) d[4] = x; });
    else return;
    this.got[key] = 1;
  }
  // The file of a shard key ("i3") relative to the manifest, or "": its name's hash is in the manifest
  // (index, docs) or in docs shard k (excerpts k).
  file(key) {
    const m = /^([ide])(\d+)$/.exec(key), k = m && +m[2];
    const h = !m ? "" : m[1] === "e" ? this.eh[k] : String(this.man[m[1]] || "").substr(k * 10, 10);
    return /^[0-9a-f]{10}$/.test(h) ? "search/" + { i: "index", d: "docs", e: "excerpts" }[m[1]] + "-" + k + "." + h + ".js" : "";
  }
  // Keys of the missing excerpt shards of these results.
  excerpts(results) {
    const keys = this.man ? results.map((r) => "e" + Math.floor(r.id / this.man.u)) : [];
    return [...new Set(keys)].filter((k) => !this.got[k]);
  }
  // f(unit, score, closeness code) for each posting of expansion x.
  each(x, f) {
    const p = x.p, idf = Math.log(1 + (this.n - x.df + 0.5) / (x.df + 0.5)), ew = x.w, nm = this.nm;
    if (this.man) {
      const m = ew * idf / this.man.s;
      for (let k = 0, d = 0; k < p.length;) { d += p[k]; const v = p[k + 1]; k += v & 1 ? 3 : 2; f(d, m * (v >> 1), v & 1 ? p[k - 1] : 0); }
    } else for (let k = 0, d = 0; k < p.length; k += 2) { d += p[k]; const w = p[k + 1]; f(d, ew * idf * w * 2.2 / (w + nm[d]), 0); }
  }
  // Expansions of a token, { t: term, w: weight, p: postings }: prefix (≤ 64 terms; 1 exact, 0.7), or
  // if none, typos (OSA ≤ 1, ≤ 2 from 8 chars; 0.5). Missing shards go into need.
  expand(tok, need) {
    const out = [], F = this.first, sh = this.shards, L = this.lex;
    need = need || obj();
    // From tok's shard on while the next starts with tok and < 64 terms were found (a missing shard
    // counts its lexicon terms).
    let found = 0, miss = 0;
    for (let k = Math.max(0, upper(F, tok) - 1), k0 = k; k < F.length && found < 64 && miss < 2 && (k === k0 || F[k].startsWith(tok)); k++) {
      const s = sh[k];
      if (s) {
        for (let i = lower(s.t, tok); i < s.t.length && found < 64 && s.t[i].startsWith(tok); i++, found++) out.push({ t: s.t[i], w: s.t[i] === tok ? 1 : 0.7, p: s.p[i] || [], df: s.df[i] });
        continue;
      }
      need["i" + k] = 1;
      miss++;
      for (let i = lower(L, tok > F[k] ? tok : F[k]); i < L.length && found < 64 && L[i].startsWith(tok) && !(L[i] >= F[k + 1]); i++) found++;
    }
    if (miss) return { list: [] };
    if (out.length || tok.length < 4) return { list: out };
    const max = tok.length < 8 ? 1 : 2;
    let c = this.typos[tok];
    if (!c) {
      c = [];
      L.forEach((t, i) => { if (Math.abs(t.length - tok.length) <= max) { const d = osa(tok, t, max); if (d <= max) c.push([i, d]); } });
      c.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      if (++this.ntypos > 500) { this.typos = obj(); this.ntypos = 0; }
      this.typos[tok] = c;
    }
    // candidates in their first 4 shards only
    const ks = [];
    for (const [i, d] of c) {
      const t = L[i], k = Math.max(0, upper(F, t) - 1), s = sh[k];
      if (!ks.includes(k)) { if (ks.length === 4) continue; ks.push(k); }
      if (!s) { need["i" + k] = 1; miss++; continue; }
      const j = lower(s.t, t), p = s.p[j];
      if (s.t[j] === t && p) out.push({ t, w: 0.5, p, d, i, df: s.df[j] });
    }
    if (miss) return { list: [] };
    out.sort((a, b) => a.d - b.d || b.df - a.df || a.i - b.i);
    return { list: out.slice(0, 16), fix: out.length ? out[0].t : "" };
  }
  // BM25 (k1 1.2, b .75) per query token, best expansion per doc, summed. Rank: tokens matched, then
  // score × type prior × (1 + closeness of the title + half that of the page title), with variety.
  search(q, limit) {
    limit = limit || 20;
    const key = limit + " " + q, man = this.man, need = obj(), seen = obj();
    // the ranking, kept while the docs of its results arrive
    const p = this.last && this.last.key === key ? this.last : this.rank(q, limit);
    if (p.need) return p;
    this.last = Object.assign(p, { key });
    // variety: each better result with the same breadcrumb costs 15% (sharded: among those shown)
    const win = (man ? p.rs.slice(0, limit) : p.rs).map((r) => Object.assign({}, r, { doc: this.docs[r.id] }));
    let gap = win.findIndex((r) => !r.doc), known = gap < 0 ? win : win.slice(0, gap);
    for (const r of win) if (!r.doc) need["d" + Math.floor(r.id / man.u)] = 1;
    known.forEach((r) => { const c = r.doc[2]; r.rank *= 0.85 ** (seen[c] || 0); seen[c] = (seen[c] || 0) + 1; });
    known.sort(p.cmp);
    // docs missing: only results nothing unknown can overtake (variety only lowers ranks)
    if (gap >= 0) known = known.filter((r) => p.cmp(r, win[gap]) < 0);
    let suggestion = String(q).trim();
    if (Object.keys(p.fixes).length) {
      suggestion = suggestion.split(/(\s+)/).map((c) => { const t = tokenize(c); return t.length === 1 && p.fixes[t[0]] || c; }).join("");
    }
    if (suggestion === String(q).trim()) suggestion = "";
    const results = known.slice(0, limit).map(({ id, doc, n, score, rank, terms }) => ({ id, doc, n, score, rank, terms }));
    const out = { tokens: p.toks, total: p.total, results, fixes: p.fixes, suggestion };
    return gap < 0 ? out : Object.assign(out, { need: Object.keys(need) });
  }
  // The best max(200, limit) matches ranked but for variety, or { need }. A sharded index has each
  // posting's score × prior (its impact) and how much of the titles it covers.
  rank(q, limit) {
    const toks = [...new Set(tokenize(q))], need = obj(), fixes = obj(), man = this.man;
    const exs = toks.map((tok) => this.expand(tok, need));
    if (Object.keys(need).length) return { need: Object.keys(need) };
    const sc = this.sc, bs = this.bs, rk = this.rk, cnt = this.cnt, top = this.top, pr = this.pr, hit = [], C = man && man.c;
    exs.forEach((ex, qi) => {
      if (ex.fix) fixes[toks[qi]] = ex.fix;
      const mine = [];
      for (const x of ex.list) this.each(x, (d, s) => { if (bs[d] === 0) mine.push(d); if (s > bs[d]) bs[d] = s; });
      for (const d of mine) { if (!cnt[d]) hit.push(d); cnt[d]++; sc[d] += bs[d]; bs[d] = 0; }
    });
    const all = man ? hit : hit.filter((d) => pr[d]);
    for (const d of all) rk[d] = sc[d] * pr[d];
    const rs = best(all, Math.max(TOP, limit), (a, b) => cnt[b] - cnt[a] || rk[b] - rk[a] || a - b)
      .map((d) => ({ id: d, doc: this.docs[d], n: cnt[d], score: sc[d], rank: rk[d], terms: [], tc: [], tf: 0, pc: [], pf: 0 }));
    const at = new Map();
    for (const r of rs) { at.set(r.id, r); top[r.id] = 1; }
    for (const d of hit) { sc[d] = 0; cnt[d] = 0; }
    // the best again: matched terms (to mark), and (sharded) title cover
    exs.forEach((ex, qi) => {
      for (const x of ex.list) {
        const t = x.t, w = x.w;
        this.each(x, (d, s, c) => {
          if (!top[d]) return;
          const r = at.get(d);
          if (!r.terms.includes(t)) r.terms.push(t);
          if (c > C) { r.tf += Math.floor(c / (C + 1)) / C; r.tc[qi] = Math.max(r.tc[qi] || 0, w); }
          if (c % (C + 1)) { r.pf += c % (C + 1) / C; r.pc[qi] = Math.max(r.pc[qi] || 0, w); }
        });
      }
    });
    for (const r of rs) top[r.id] = 0;
    // closeness: share of query tokens found in the field × share of the field they cover
    const exps = exs.map((ex) => { const m = obj(); for (const x of ex.list) m[x.t] = x.w; return m; });
    const close = (t) => {
      let hit = 0, cov = 0;
      for (const m of exps) { let w = 0; for (const x of t) if (m[x]) { hit++; w = Math.max(w, m[x]); } cov += w; }
      return t.length ? cov / exps.length * Math.min(1, hit / t.length) : 0;
    };
    const coded = (cov, share) => cov.reduce((a, b) => a + b, 0) / exps.length * Math.min(1, share);
    rs.forEach((r) => {
      if (man) { r.rank *= 1 + coded(r.tc, r.tf) + coded(r.pc, r.pf) / 2; return; }
      const t = this.tt[r.id] || (this.tt[r.id] = [tokenize(r.doc[1]), tokenize(String(r.doc[2]).split(" › ")[0])]);
      r.rank *= 1 + close(t[0]) + close(t[1]) / 2;
    });
    const cmp = (a, b) => b.n - a.n || b.rank - a.rank || a.id - b.id;
    return { toks, rs: rs.sort(cmp), cmp, total: all.length, fixes };
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

const api = { tokenize, normalize: norm, osa, Engine, pieces, best, unfront, STOPWORDS: Object.keys(STOP) };
if (typeof module === "object" && module.exports) module.exports = api;
if (typeof window !== "undefined") window.StudysiteSearch = api;
})();
