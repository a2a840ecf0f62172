"use strict";
// node --test tests/js  (CommonJS, no dependencies): the pure part of static/assets/search.js —
// the shared tokenizer vectors, prefix/typo lookup, BM25 ranking and excerpt marking.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const SRC = path.join(__dirname, "..", "..", "static", "assets", "search.js");
const DOM_SRC = path.join(__dirname, "..", "..", "static", "assets", "searchbox.js");
const S = require(SRC);
const VECTORS = require(path.join(__dirname, "..", "search-tokenize.json"));

// A tiny indexer in the format the Rust side writes (assets/search-index.js):
// weight = min(31, 3·tf_title + tf_context + tf_body), postings as [Δdoc, weight, …], terms in JS order.
function index(units) {
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
  const ix = { v: 2, n: units.length, t: front(terms), p, dl };
  const docs = units.map((u) => [u.type || "s", u.title, u.crumb || "", u.url || `p.html#u${units.indexOf(u)}`, u.type === "q" ? "" : (u.excerpt ?? u.body ?? "")]);
  return { ix, docs };
}
const build = (units) => { const { ix, docs } = index(units); return new S.Engine(ix, docs); };
const titles = (r) => r.results.map((x) => x.doc[1]);
// Front coding as src/search/shard.rs writes it: the shared prefix length (UTF-16 units, ≤ 33) as
// the character "]" + k, then the rest of the term.
function front(terms) {
  let prev = "";
  return terms.map((t) => {
    let k = 0;
    while (k < 33 && k < prev.length && prev[k] === t[k]) k++;
    prev = t;
    return String.fromCharCode(93 + k) + t.slice(k);
  }).join(" ");
}

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
  const got = Object.fromEntries(ex.list.map((x) => [x.t, x.w]));
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
  assert.ok(e.expand("visib").list.every((x) => x.w === 0.7));
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
  const empty = new S.Engine({ v: 2, n: 0, t: "", p: [], dl: [] }, []);
  assert.equal(empty.search("lambda").total, 0);
});

test("index files as the generator writes them: NAME=JSON.parse('…') with escapes", () => {
  const { ix, docs } = index([{ title: "It's a \"quote\" \\ back</script>", body: "O'Reilly \u2028 line" }]);
  const wrap = (name, obj) => {
    const j = JSON.stringify(obj).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/\\/g, "\\\\").replace(/'/g, "\\'");
    return `window.${name}=JSON.parse('${j}');`;
  };
  const sandbox = { window: {} };
  vm.runInNewContext(wrap("STUDYSITE_SEARCH", ix) + wrap("STUDYSITE_DOCS", docs), sandbox);
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

// The sharded format as src/search/shard.rs writes it (impacts: BM25 tf part × prior × 32; closeness
// codes with 60 steps; lexicon: terms of 2+ units), cut into tiny shards to exercise the loading.
function sharded(units, perShard, u) {
  const PR = { q: 1.1, s: 1, r: 0.8 }, C = 60, post = new Map(), dl = [];
  units.forEach((x, id) => {
    const w = new Map();
    const add = (text, k) => S.tokenize(text).forEach((t) => w.set(t, (w.get(t) || 0) + k));
    add(x.title, 3);
    add(x.crumb || "", 1);
    add(x.body || "", 1);
    let sum = 0;
    for (const [t, v] of w) {
      sum += Math.min(31, v);
      if (!post.has(t)) post.set(t, []);
      post.get(t).push([id, Math.min(31, v)]);
    }
    dl.push(sum);
  });
  const avg = dl.reduce((a, b) => a + b, 0) / dl.length || 1, terms = [...post.keys()].sort();
  const share = (toks, t) => { const m = toks.filter((x) => x === t).length; return m ? Math.ceil(C * m / toks.length) : 0; };
  const code = (x, t) => share(S.tokenize(x.title), t) * (C + 1) + share(S.tokenize(String(x.crumb || "").split(" › ")[0]), t);
  const shards = {}, first = [], hex = (k) => k.toString(16).padStart(10, "0");
  for (let k = 0; k * perShard < terms.length; k++) {
    const ts = terms.slice(k * perShard, (k + 1) * perShard);
    first.push(ts[0]);
    shards["i" + k] = { t: front(ts), p: ts.map((t) => {
      let prev = 0;
      return post.get(t).flatMap(([id, w]) => {
        const x = units[id], c = code(x, t);
        const imp = Math.max(1, Math.round(w * 2.2 / (w + 1.2 * (0.25 + 0.75 * dl[id] / avg)) * PR[x.type || "s"] * 32));
        const out = [id - prev, imp * 2 + (c ? 1 : 0)].concat(c ? [c] : []);
        prev = id;
        return out;
      });
    }) };
  }
  const docs = units.map((x, id) => [x.type || "s", x.title, x.crumb || "", x.url || `p.html#u${id}`]);
  for (let k = 0; k * u < units.length; k++) {
    shards["d" + k] = { d: docs.slice(k * u, (k + 1) * u), e: hex(k + 1000) };
    shards["e" + k] = units.slice(k * u, (k + 1) * u).map((x) => x.type === "q" ? "" : (x.excerpt ?? x.body ?? ""));
  }
  const count = (c) => Object.keys(shards).filter((k) => k[0] === c).length;
  const man = { v: 2, n: units.length, s: 32, c: C, l: front(terms.filter((t) => post.get(t).length >= 2)), f: first, u,
    i: Array.from({ length: count("i") }, (_, k) => hex(k)).join(""), d: Array.from({ length: count("d") }, (_, k) => hex(k)).join("") };
  return { man, shards };
}
// Searches a sharded engine as search.js's loader does: load what it needs, search again.
function drive(e, shards, q, limit) {
  const asked = [];
  for (let round = 0; round < 8; round++) {
    const r = e.search(q, limit);
    if (!r.need) return Object.assign(r, { asked, rounds: round });
    for (const key of r.need) {
      assert.ok(!asked.includes(key), `${q}: ${key} asked for twice`);
      assert.ok(e.file(key), `${q}: ${key} has a file`);
      asked.push(key);
      e.add(key[0], +key.slice(1), JSON.parse(JSON.stringify(shards[key])));
    }
  }
  throw new Error(`${q}: no results after 8 rounds`);
}
const MORE = UNITS.concat(Array.from({ length: 40 }, (_, i) => ({
  type: "srq"[i % 3], title: `Topic ${i} ${["kinesis", "shards", "queue", "lambda"][i % 4]}`, crumb: `Page ${i >> 2} › Part`,
  body: `body ${["stream", "partition", "timeout", "visibility", "bucket"][i % 5]} w${i} w${i + 1} lambda${i % 7}`, url: `p${i >> 2}.html#u${i}`,
})));

test("sharded: the same results as the whole index, loading only what the query needs", () => {
  const whole = build(MORE), { man, shards } = sharded(MORE, 6, 4);
  assert.ok(Object.keys(shards).filter((k) => k[0] === "i").length > 10);
  const e = new S.Engine(null, null, man);
  for (const q of ["lamb", "lambda", "gp3", "visibility timeout", "us-east-1", "kinesis shards", "lambda timeout", "queue w7", "w1", "zzqx", "the"]) {
    const a = whole.search(q), b = drive(e, shards, q);
    // the same results, in the same order but for near ties (impacts are rounded to 1/32)
    const byId = new Map(a.results.map((x) => [x.id, x]));
    assert.deepEqual(b.results.map((x) => x.id).sort(), a.results.map((x) => x.id).sort(), `${q}: same results`);
    b.results.forEach((x, i) => {
      const w = byId.get(x.id), next = b.results[i + 1] && byId.get(b.results[i + 1].id);
      assert.ok(!next || w.n > next.n || (w.n === next.n && w.rank >= next.rank * 0.99), `${q}: order at ${i}`);
      assert.ok(Math.abs(x.rank / w.rank - 1) < 0.03, `${q}: rank ${x.rank} ≈ ${w.rank}`);
      assert.deepEqual(x.terms, w.terms, q);
      assert.deepEqual(x.doc.slice(0, 4), w.doc.slice(0, 4), q);
    });
    assert.equal(b.total, a.total, q);
    assert.equal(b.suggestion, a.suggestion, q);
    assert.ok(b.rounds <= 4, `${q}: ${b.rounds} rounds`);
  }
  // a query asks only for its terms' shards, then its results' docs; once loaded, nothing more
  const f = new S.Engine(null, null, man), r = drive(f, shards, "gp3");
  assert.equal(r.rounds, 2, "index shards, then docs shards");
  assert.deepEqual(r.asked.filter((k) => k[0] === "i"), ["i" + (S.unfront(man.l).length && man.f.filter((t) => t <= "gp3").length - 1)]);
  assert.deepEqual(r.asked.filter((k) => k[0] === "d").sort(), [...new Set(r.results.map((x) => "d" + Math.floor(x.id / 4)))].sort());
  assert.equal(f.search("gp3").need, undefined);
  // excerpts: the shards of the results shown, once
  assert.deepEqual(f.excerpts(r.results).sort(), [...new Set(r.results.map((x) => "e" + Math.floor(x.id / 4)))].sort());
  f.excerpts(r.results).forEach((k) => f.add("e", +k.slice(1), shards[k]));
  assert.deepEqual(f.excerpts(r.results), []);
  assert.equal(f.search("gp3").results[0].doc[4], "Category: General SSD; IOPS: 3,000–16,000");
});

test("sharded: a prefix across shard boundaries finds the first 64 terms; typos scan the lexicon", () => {
  const units = [];
  for (let i = 0; i < 100; i++) units.push({ title: "zz" + String(i).padStart(3, "0"), body: i % 2 ? "common words" : "" });
  units.push({ title: "lambda once" }, { title: "kinesis", body: "kinesis" }, { title: "kinesis again" });
  const whole = build(units), { man, shards } = sharded(units, 7, 10), e = new S.Engine(null, null, man);
  const r = drive(e, shards, "zz", 100);
  assert.equal(r.total, 64);
  assert.deepEqual(r.results.map((x) => x.id), whole.search("zz", 100).results.map((x) => x.id));
  assert.ok(r.asked.filter((k) => k[0] === "i").length < 12, "not every shard of the zz range");
  assert.deepEqual(e.expand("zz").list.map((x) => x.t), whole.expand("zz").list.map((x) => x.t));
  // "kinesis" (2 units) is in the lexicon, "once" (1 unit) only in its shard: prefix finds both,
  // typo matching only the first
  assert.equal(drive(e, shards, "kinesus").suggestion, "kinesis");
  assert.equal(drive(e, shards, "onc").total, 1);
  assert.equal(drive(e, shards, "ocne").total, 0);
  assert.equal(whole.search("ocne").total, 1, "the whole index has every term in its lexicon");
});

test("sharded: file names come from the manifest's hashes; anything else is refused", () => {
  const e = new S.Engine(null, null, { n: 4, u: 2, f: ["a"], l: "", i: "0123456789abcdef0123", d: "ffffffffff../../x.js" });
  assert.equal(e.file("i0"), "search/index-0.0123456789.js");
  assert.equal(e.file("i1"), "search/index-1.abcdef0123.js");
  assert.equal(e.file("d0"), "search/docs-0.ffffffffff.js");
  assert.equal(e.file("e0"), "", "an excerpts shard is named by its docs shard");
  for (const bad of ["i2", "d1", "e1", "x0", "i-1", "i", "iNaN", "i01x"]) assert.equal(e.file(bad), "", bad);
  // shards of unknown kinds, negative or fractional numbers, or twice are ignored
  e.add("d", 0, { d: [["s", "A", "", "a.html"], ["s", "B", "", "b.html"]], e: "00000000aa" });
  e.add("d", 0, { d: [["s", "X", "", "x.html"]], e: "00000000bb" });
  e.add("z", 0, [1]);
  e.add("d", 0.5, { d: [["s", "Y", "", "y.html"]] });
  assert.deepEqual(e.docs.map((d) => d[1]), ["A", "B"]);
  assert.equal(e.file("e0"), "search/excerpts-0.00000000aa.js");
  e.add("d", 1, { d: [["s", "C", "", "c.html"]], e: "../../evil" });
  assert.equal(e.file("e1"), "");
});

test("best: the k best ids by a comparator, sorted, as a full sort would give", () => {
  const ids = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000), score = ids.map((i) => (i * 104729) % 997);
  const cmp = (a, b) => score[b] - score[a] || a - b;
  assert.deepEqual(S.best(ids.slice(), 200, cmp), ids.slice().sort(cmp).slice(0, 200));
  assert.deepEqual(S.best([3, 1, 2], 200, (a, b) => a - b), [1, 2, 3]);
});

test("search.js and searchbox.js: classic scripts with no innerHTML, eval, fetch, modules, workers or wasm", () => {
  const src = fs.readFileSync(SRC, "utf8");
  for (const file of [SRC, DOM_SRC]) {
    for (const bad of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function/, /\bfetch\(/,
      /XMLHttpRequest\(/, /\bimport\s*\(/, /^\s*(import|export)\s/m, /new Worker/, /WebAssembly/]) {
      assert.ok(!bad.test(fs.readFileSync(file, "utf8")), `${path.basename(file)} matches ${bad}`);
    }
  }
  // loads in a browser-like global without module, and without a document it only defines the API
  const sandbox = { window: {} };
  vm.runInNewContext(src, sandbox);
  assert.equal(typeof sandbox.window.StudysiteSearch.tokenize, "function");
});
