"use strict";
// node --test tests/js  (CommonJS, no dependencies): the quiz scripts hold no interface text of
// their own (it is in strings.js / quiz-strings.js, one table per language), every key they ask
// for exists in the English table, and plural forms follow the language's rules.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const ASSETS = path.join(__dirname, "..", "..", "static", "assets");
const read = (f) => fs.readFileSync(path.join(ASSETS, f), "utf8");
const QUIZ = fs.readdirSync(ASSETS).filter((f) => /^(quiz|fsrs).*\.js$/.test(f) && f !== "quiz-strings.js");

/* The string literals of a script ("…", '…', `…` with ${} parts cut out), comments skipped. */
function literals(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i], d = src[i + 1];
    if (c === "/" && d === "/") { i = src.indexOf("\n", i); if (i < 0) break; continue; }
    if (c === "/" && d === "*") { i = src.indexOf("*/", i + 2) + 2; continue; }
    if (c === "/" && /[(,=:!&|?{;[]\s*$/.test(src.slice(Math.max(0, i - 20), i))) { // a regex literal
      let j = i + 1, cls = false;
      while (j < src.length && (src[j] !== "/" || cls)) { if (src[j] === "\\") j++; else if (src[j] === "[") cls = true; else if (src[j] === "]") cls = false; j++; }
      i = j + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1, s = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\") { s += src[j + 1]; j += 2; continue; }
        if (c === "`" && src[j] === "$" && src[j + 1] === "{") { // skip ${…}
          let depth = 1; j += 2;
          while (j < src.length && depth) { if (src[j] === "{") depth++; else if (src[j] === "}") depth--; j++; }
          continue;
        }
        s += src[j++];
      }
      // a programmer's error (a bad argument to the scheduler), never shown as interface text
      if (!/new Error\($/.test(src.slice(Math.max(0, i - 10), i))) out.push({ s, line: src.slice(0, i).split("\n").length });
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

// Not interface text: key names of KeyboardEvent.key, tag names, CSS class lists, ids, keys.
const CODE = new Set(["Enter", "ArrowLeft", "ArrowRight", "Arrow", "Escape", "Space", "use strict", "__proto__"]);
function english(s) {
  const t = s.trim();
  if (!/[A-Za-z]{2}/.test(t) || CODE.has(t)) return false;
  const code = (w) => /^[a-z.:][\w.:/+[\]-]*$/.test(w) && !/^[a-z]{2,}$/.test(w.replace(/[.,]$/, "")) || /^[A-Z]+$/.test(w);
  // a key, class, id, attribute, selector, type or TAG, or a list of them: no plain words
  if (t.split(/[\s,]+/).every((w) => code(w) || /^[a-z]+$/.test(w) && !/\s/.test(t))) return false;
  return /[A-Za-z]{2,}/.test(t);
}

test("the quiz scripts carry no English interface text", () => {
  const found = [];
  for (const f of QUIZ) for (const { s, line } of literals(read(f))) if (english(s)) found.push(`${f}:${line}: ${JSON.stringify(s)}`);
  assert.deepEqual(found, [], "move these into quiz-strings.js (or strings.js) and look them up with StudysiteStrings");
});

/* strings.js and quiz-strings.js run against a tiny document, as in the page. */
function strings(lang) {
  const win = { document: { documentElement: { getAttribute: () => lang } }, Intl };
  win.window = win;
  vm.runInNewContext(read("strings.js"), win);
  vm.runInNewContext(read("quiz-strings.js"), win);
  return win.StudysiteStrings;
}

test("every key the quiz scripts look up is in the English table", () => {
  const S = strings("en"), missing = [];
  for (const f of QUIZ) {
    const src = read(f);
    for (const m of src.matchAll(/\bT[fn]?\("([a-z0-9_]+)"\s*[,)]/g)) {
      const k = m[1];
      const ok = m[0].startsWith("Tn") ? S.t(k + "_other") !== k + "_other" : S.t(k) !== k;
      if (!ok) missing.push(`${f}: ${k}`);
    }
  }
  assert.deepEqual(missing, []);
});

test("counts take the language's plural form and fill in their values", () => {
  const S = strings("en");
  assert.equal(S.n("quiz_cards", 1), "1 card");
  assert.equal(S.n("quiz_cards", 0), "0 cards");
  assert.equal(S.n("quiz_cards", 2), "2 cards");
  assert.equal(S.f("quiz_question_of", { i: 3, n: 10 }), "Question 3 of 10");
  assert.equal(S.f("quiz_question_of", { i: 3 }), "Question 3 of {n}", "a missing value stays visible");
  // a language with more forms picks its own category, falling back to _other
  S.add({ pl: { quiz_cards_one: "{n} karta", quiz_cards_few: "{n} karty", quiz_cards_other: "{n} kart" } });
  const pl = strings("pl");
  pl.add({ pl: { quiz_cards_one: "{n} karta", quiz_cards_few: "{n} karty", quiz_cards_other: "{n} kart" } });
  assert.deepEqual([1, 3, 5, 22].map((n) => pl.n("quiz_cards", n)), ["1 karta", "3 karty", "5 kart", "22 karty"]);
  assert.equal(pl.t("quiz_start"), "Start", "a key the language lacks falls back to English");
});
