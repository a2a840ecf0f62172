"use strict";
// node --test tests/js  (CommonJS, no dependencies): the pure part of static/assets/search.js —
// the shared tokenizer vectors, prefix/typo lookup, BM25 ranking and excerpt marking.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const SRC = path.join(__dirname, "..", "..", "static", "assets", "search.js");
const S = require(SRC);
const VECTORS = require(path.join(__dirname, "..", "search-tokenize.json"));

// A tiny indexer in the format the Rust side writes (assets/search-index.js):
// weight = min(31, 3·tf_title + tf_context + tf_body), postings as [Δdoc, weight, …], terms in JS order.
function build(units) {
  const post = new Map(), dl = [];
  units.forEach((u, id) => {
    const w = new Map();
    const add = (text, k) => S.tokenize(text).forEach((t) => w.set(t, (w.get(t) || 0) + k));
    add(u.title, 3);
    add(u.crumb || "", 1);
    add(u.body || "", 1);
    let sum = 0;
    for (const [t, v] of w) {
      const x = Math.min(31, v);
      sum += x;
      if (!post.has(t)) post.set(t, []);
      post.get(t).push([id, x]);
    }
    dl.push(sum);
  });
  const terms = [...post.keys()].sort();
  const p = terms.map((t) => {
    let prev = 0;
    return post.get(t).flatMap(([id, x]) => { const r = [id - prev, x]; prev = id; return r; });
  });
  const ix = { v: 1, n: units.length, t: terms.join(" "), p, dl };
  const docs = units.map((u) => [u.type || "s", u.title, u.crumb || "", u.url || `p.html#u${units.indexOf(u)}`, u.type === "q" ? "" : (u.excerpt ?? u.body ?? "")]);
  return new S.Engine(ix, docs);
}
const titles = (r) => r.results.map((x) => x.doc[1]);

test("tokenizer: every shared vector in tests/search-tokenize.json", () => {
  assert.ok(VECTORS.length >= 30, `only ${VECTORS.length} vectors`);
  for (const v of VECTORS) {
    assert.deepEqual(S.tokenize(v.input), v.tokens, `tokenize(${JSON.stringify(v.input)})`);
  }
});

test("tokenizer: the vectors cover what the brief lists", () => {
  const inputs = VECTORS.map((v) => v.input).join("\n");
  for (const s of ["us-east-1", "m5.2xlarge", "gp3", "io2", "X-Forwarded-For", "GetItem", "putObject", "DynamoDBStreams",
    "max_receive_count", "café", "naïve", "ＡＷＳ", "ﬁle", "日本語の検索", "검색엔진", "S3バケット", "16,000", "🚀",
    "https://docs.aws.amazon.com/lambda/", "s3:GetObject"]) {
    assert.ok(inputs.includes(s), `no vector with ${s}`);
  }
  assert.ok(VECTORS.some((v) => v.input === ""), "empty string");
  assert.ok(VECTORS.some((v) => v.input && v.tokens.length === 0 && !/\p{L}/u.test(v.input)), "emoji and punctuation only");
});

test("tokenizer: 26 stopwords, prototype names are ordinary words, terms never hold a space", () => {
  assert.equal(S.STOPWORDS.length, 26);
  assert.deepEqual(S.tokenize("constructor __proto__ toString"), ["constructor", "proto", "tostring", "string"]);
  assert.deepEqual(S.tokenize("x\u037Ay \u00BD"), ["xy", "1⁄2"]);
  for (const v of VECTORS) for (const t of v.tokens) assert.ok(!/\s/.test(t) && t === S.normalize(t), `token ${JSON.stringify(t)}`);
});

test("OSA distance: transpositions are one edit; the bound stops early", () => {
  assert.equal(S.osa("lamdba", "lambda", 1), 1);
  assert.equal(S.osa("ab", "ba", 2), 1);
  assert.equal(S.osa("lmbda", "lambda", 1), 1);
  assert.equal(S.osa("lambda", "lambda", 1), 0);
  assert.equal(S.osa("kitten", "sitting", 1), 2, "over the bound: max + 1");
  assert.equal(S.osa("kitten", "sitting", 3), 3);
});

const UNITS = [
  { type: "s", title: "Lambda Limits", crumb: "AWS Lambda", body: "Timeout up to 15 minutes. Memory 128 MB to 10 GB.", url: "lambda.html#limits" },
  { type: "s", title: "Lambda in a VPC", crumb: "AWS Lambda", body: "Lambda functions in a VPC need a NAT gateway. Lambda Lambda Lambda.", url: "lambda.html#vpc" },
  { type: "r", title: "gp3", crumb: "EBS › Volume Types › Type", body: "Category: General SSD; IOPS: 3,000–16,000", url: "ebs.html#volume-types-r1" },
  { type: "q", title: "What is the default visibility timeout for SQS?", crumb: "Amazon SQS › Self-exam questions", body: "30 seconds", url: "sqs.html#q-sqs-vt" },
  { type: "s", title: "Regions", crumb: "AWS Global Infrastructure", body: "A Region is a geographic area, e.g. us-east-1 or eu-west-2.", url: "global.html#regions" },
  { type: "s", title: "Lambdas everywhere", crumb: "Misc", body: "Anonymous functions.", url: "misc.html#lambdas" },
  { type: "s", title: "Visibility of buckets", crumb: "Amazon S3", body: "Block public access.", url: "s3.html#visibility" },
];

test("prefix: every token is prefix-matched; exact terms weigh 1.0, longer terms 0.7", () => {
  const e = build(UNITS);
  const ex = e.expand("lambda");
  const got = Object.fromEntries(ex.list.map(([i, w]) => [e.terms[i], w]));
  assert.deepEqual(got, { lambda: 1, lambdas: 0.7 });
  const r = e.search("lamb");
  assert.ok(r.results.length >= 3);
  assert.ok(titles(r).slice(0, 2).every((t) => /lambda/i.test(t)), titles(r).join(" | "));
  assert.equal(r.suggestion, "", "no typo pass when the prefix step found something");
  for (const x of r.results) assert.ok(x.terms.every((t) => t === "lambda" || t === "lambdas"), x.terms.join());
  // "lambda" (exact) ranks the Lambda units over "Lambdas everywhere" (prefix)
  const r2 = e.search("lambda");
  assert.ok(titles(r2).indexOf("Lambdas everywhere") > titles(r2).indexOf("Lambda Limits"));
});

test("prefix: at most 64 expansions per token", () => {
  const units = [];
  for (let i = 0; i < 100; i++) units.push({ title: "zz" + String(i).padStart(3, "0") });
  const e = build(units);
  assert.equal(e.expand("zz").list.length, 64);
  assert.equal(e.search("zz", 100).total, 64);
});

test("typo: lamdba finds Lambda (a transposition is one edit) and suggests the fix", () => {
  const e = build(UNITS);
  const r = e.search("lamdba");
  assert.ok(r.results.length >= 2);
  assert.match(r.results[0].doc[1], /^Lambda/);
  assert.equal(r.suggestion, "lambda");
  assert.deepEqual(r.fixes, Object.assign(Object.create(null), { lamdba: "lambda" }));
  assert.equal(e.search("Lamdba timeout").suggestion, "lambda timeout", "the suggestion keeps the other words");
  // typo weight 0.5 < exact 1.0
  assert.ok(r.results[0].score < e.search("lambda").results[0].score);
});

test("typo: ≤ 1 edit for 4–7 characters, ≤ 2 from 8, nothing under 4, never when a prefix matched", () => {
  const e = build(UNITS);
  assert.ok(e.search("lmbda").total > 0, "one deletion, 5 chars");
  assert.equal(e.search("lmbdx").total, 0, "two edits, 5 chars");
  assert.equal(e.search("lmb").total, 0, "3 chars: no typo pass");
  assert.ok(e.search("visibilty").total > 0, "9 chars, one edit");
  assert.ok(e.search("vsibilty").total > 0, "8 chars, two edits");
  assert.equal(e.search("vsbilty").total, 0, "three edits");
  // "visib" is a prefix of "visibility": no typo candidates are added
  assert.ok(e.expand("visib").list.every(([, w]) => w === 0.7));
});

test("AND before OR: units matching more query tokens rank first", () => {
  const e = build(UNITS);
  const r = e.search("lambda timeout");
  assert.equal(r.results[0].doc[1], "Lambda Limits", titles(r).join(" | "));
  assert.equal(r.results[0].n, 2);
  assert.ok(r.results.slice(1).every((x) => x.n <= 1));
  // "Lambda in a VPC" says lambda five times but lacks timeout
  assert.ok(titles(r).indexOf("Lambda in a VPC") > 0);
  // the SQS question has timeout only
  assert.ok(titles(r).includes("What is the default visibility timeout for SQS?"));
});

test("type prior: question 1.1 > section 1.0 > row 0.8 for the same text", () => {
  const units = ["r", "s", "q"].map((type) => ({ type, title: "Kinesis shards", crumb: "Kinesis", body: "Partition keys." }));
  const e = build(units);
  const r = e.search("kinesis");
  assert.deepEqual(r.results.map((x) => x.doc[0]), ["q", "s", "r"]);
  // same score, only the prior differs
  assert.equal(r.results[0].score, r.results[2].score);
  assert.ok(Math.abs(r.results[0].rank / r.results[1].rank - 1.1) < 0.2);
});

test("closeness: a unit titled exactly like the query beats longer titles; compounds match", () => {
  const e = build(UNITS.concat([
    { type: "q", title: "What is the max IOPS for gp3?", crumb: "EBS › Self-exam questions", body: "16,000 IOPS" },
  ]));
  assert.equal(e.search("gp3").results[0].doc[3], "ebs.html#volume-types-r1");
  const r = e.search("us-east-1");
  assert.equal(r.results[0].doc[1], "Regions");
  assert.ok(r.results[0].terms.includes("useast1"));
});

test("search: duplicate and stopword-only queries, limit and total, BM25 is finite", () => {
  const e = build(UNITS);
  assert.deepEqual(e.search("lambda LAMBDA Lambda").tokens, ["lambda"]);
  assert.equal(e.search("the of and").total, 0);
  assert.equal(e.search("").total, 0);
  assert.equal(e.search("constructor").total, 0);
  assert.equal(e.search("a", 2).results.length <= 2, true);
  for (const x of e.search("lambda vpc timeout regions").results) assert.ok(Number.isFinite(x.score) && x.score > 0);
  const empty = new S.Engine({ v: 1, n: 0, t: "", p: [], dl: [] }, []);
  assert.equal(empty.search("lambda").total, 0);
});

test("index files as the generator writes them: NAME=JSON.parse('…') with escapes", () => {
  const e0 = build([{ title: "It's a \"quote\" \\ back</script>", body: "O'Reilly \u2028 line" }]);
  const ix = { v: 1, n: e0.n, t: e0.terms.join(" "), p: e0.p, dl: e0.dl };
  const wrap = (name, obj) => {
    const j = JSON.stringify(obj).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\\/g, "\\\\").replace(/'/g, "\\'");
    return `window.${name}=JSON.parse('${j}');`;
  };
  const sandbox = { window: {} };
  vm.runInNewContext(wrap("STUDYSITE_SEARCH", ix) + wrap("STUDYSITE_DOCS", e0.docs), sandbox);
  const e = new S.Engine(sandbox.window.STUDYSITE_SEARCH, sandbox.window.STUDYSITE_DOCS);
  assert.equal(e.search("reilly").results[0].doc[1], "It's a \"quote\" \\ back</script>");
});

test("marking: words whose tokens matched are marked, original spelling kept", () => {
  const set = { cafe: 1, item: 1, useast1: 1, "検索": 1 };
  const ps = S.pieces("Le Café sells GetItem in us-east-1 (not us-west-2); 日本語の検索 ok", set);
  assert.deepEqual(ps.filter((p) => p[1]).map((p) => p[0]), ["Café", "GetItem", "us", "east", "1", "日本語の検索"]);
  assert.equal(ps.map((p) => p[0]).join(""), "Le Café sells GetItem in us-east-1 (not us-west-2); 日本語の検索 ok", "no text lost");
  assert.deepEqual(S.pieces("nothing here", set), [["nothing here", false]]);
  assert.deepEqual(S.pieces("", set), []);
  // prototype names are not matches
  assert.deepEqual(S.pieces("constructor", Object.create(null)), [["constructor", false]]);
});

test("excerpt: ~22 words starting just before the first match, with ellipses", () => {
  const words = Array.from({ length: 60 }, (_, i) => "w" + i);
  words[30] = "Lambda";
  const text = words.join(" ");
  const ps = S.pieces(text, { lambda: 1 }, 22);
  const s = ps.map((p) => p[0]).join("");
  assert.equal(ps[0][0], "…");
  assert.equal(ps[ps.length - 1][0], "…");
  assert.ok(s.startsWith("…w26 w27 w28 w29 Lambda"), s);
  assert.equal(s.replace(/…/g, "").trim().split(/\s+/).length, 22);
  assert.deepEqual(ps.filter((p) => p[1]), [["Lambda", true]]);
  // a match near the end keeps a full window; no match: the first 22 words
  words[30] = "w30"; words[58] = "Lambda";
  const end = S.pieces(words.join(" "), { lambda: 1 }, 22).map((p) => p[0]).join("");
  assert.ok(end.endsWith("Lambda w59") && end.startsWith("…w38 "), end);
  const none = S.pieces(words.join(" "), { zzz: 1 }, 22).map((p) => p[0]).join("");
  assert.ok(none.startsWith("w0 ") && none.endsWith("w21…"), none);
  // short text: whole, no ellipsis
  assert.deepEqual(S.pieces("short lambda text", { lambda: 1 }, 22).map((p) => p[0]), ["short ", "lambda", " text"]);
});

test("search.js: one classic script with no innerHTML, eval, fetch, modules, workers or wasm", () => {
  const src = fs.readFileSync(SRC, "utf8");
  for (const bad of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function/, /\bfetch\(/,
    /XMLHttpRequest\(/, /\bimport\s*\(/, /^\s*(import|export)\s/m, /new Worker/, /WebAssembly/]) {
    assert.ok(!bad.test(src), `search.js matches ${bad}`);
  }
  // loads in a browser-like global without module, and without a document it only defines the API
  const sandbox = { window: {} };
  vm.runInNewContext(src, sandbox);
  assert.equal(typeof sandbox.window.StudysiteSearch.tokenize, "function");
});
