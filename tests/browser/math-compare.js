"use strict";
// Not a test (not run by `npm test`): ten hard display formulas of the cp-algorithms corpus
// rendered by studysite (build-time MathML, math.css) beside KaTeX (a test-only
// devDependency, never in the product), in headless Chromium, one screenshot per formula
// and a report of each pair's size, to be looked at.
//
//   cargo build && cd tests/browser && node math-compare.js [OUT]
//
// OUT defaults to ../../target/tmp/math-compare. STUDYSITE_BIN picks the binary (default
// ../../target/debug/studysite), STUDYSITE_CORPORA the corpora (default ../../../shared/corpora).
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { pathToFileURL } = require("node:url");
const katex = require("katex");
const { launch } = require("./helpers");

const repo = path.resolve(__dirname, "../..");
const corpus = path.join(process.env.STUDYSITE_CORPORA || path.join(repo, "../shared/corpora"), "cp-algorithms/corpus/src");
const bin = process.env.STUDYSITE_BIN || path.join(repo, "target/debug/studysite");
const out = path.resolve(process.argv[2] || path.join(repo, "target/tmp/math-compare"));

// (file, line of the opening `$$`): matrices, aligned and cased systems, braces, arrays
// with rules, floors, a boxed formula, nested fractions, a multinomial.
const PICKS = [
  ["algebra/phi-function.md", 213],
  ["algebra/fft.md", 163],
  ["algebra/polynomial.md", 233],
  ["algebra/chinese-remainder-theorem.md", 192],
  ["string/suffix-array.md", 135],
  ["algebra/divisors.md", 31],
  ["algebra/continued-fractions.md", 998],
  ["algebra/polynomial.md", 444],
  ["algebra/fibonacci-numbers.md", 86],
  ["graph/pruefer_code.md", 309],
];

function formula(file, line) {
  const text = fs.readFileSync(path.join(corpus, file), "utf8");
  const lines = text.split("\n");
  const start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
  const open = text.indexOf("$$", start);
  const close = text.indexOf("$$", open + 2);
  if (open < 0 || close < 0) throw new Error(`${file}:${line}: no $$ block`);
  return text.slice(open + 2, close).trim();
}

function ours(texs) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "math-compare-"));
  fs.mkdirSync(path.join(site, "content"));
  fs.writeFileSync(path.join(site, "studysite.toml"), 'title = "Math compare"\n');
  const body = texs.map((t, i) => `FORMULA-${i + 1}\n\n$$\n${t}\n$$\n`).join("\n") + `\nFORMULA-END\n`;
  fs.writeFileSync(path.join(site, "content/f.md"), `---\ntitle: Formulas\n---\n\n${body}`);
  const built = path.join(out, "site");
  fs.rmSync(built, { recursive: true, force: true });
  execFileSync(bin, ["build", "--no-minify", site, "-o", built], { stdio: ["ignore", "ignore", "inherit"] });
  const html = fs.readFileSync(path.join(built, "f.html"), "utf8");
  const frags = texs.map((_, i) => {
    const a = html.indexOf(`FORMULA-${i + 1}</p>`), b = html.indexOf(`<p>FORMULA-${i === texs.length - 1 ? "END" : i + 2}`);
    return html.slice(a + `FORMULA-${i + 1}</p>`.length, b);
  });
  const css = (name) => fs.readdirSync(path.join(built, "assets")).find((f) => f.startsWith(name + ".") && f.endsWith(".css"));
  return { built, frags, css: ["math"].map((n) => `assets/${css(n)}`) };
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const texs = PICKS.map(([f, l]) => formula(f, l));
  const { built, frags, css } = ours(texs);
  const katexCss = pathToFileURL(require.resolve("katex/dist/katex.min.css")).href;
  const rows = texs.map((t, i) => {
    let k;
    try { k = katex.renderToString(t, { displayMode: true, throwOnError: true, output: "html" }); } catch (e) { k = `<code>KaTeX: ${String(e.message).replace(/</g, "&lt;")}</code>`; }
    return `<section class="row" id="f${i + 1}"><h2>${i + 1}. ${PICKS[i][0]}:${PICKS[i][1]}</h2>` +
      `<div class="pair"><div class="cell ours"><h3>studysite (MathML)</h3>${frags[i]}</div><div class="cell katex"><h3>KaTeX ${katex.version}</h3>${k}</div></div></section>`;
  });
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Math compare</title>` +
    css.map((c) => `<link rel="stylesheet" href="${c}">`).join("") + `<link rel="stylesheet" href="${katexCss}">` +
    `<style>body{margin:1rem;background:#fff} .pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem} .cell{border:1px solid #ccc;padding:.5rem;overflow:auto} h2{font-size:1rem;margin:.5rem 0} h3{font-size:.8rem;color:#555;margin:0}</style>` +
    `</head><body>${rows.join("\n")}</body></html>`;
  const file = path.join(built, "compare.html");
  fs.writeFileSync(file, page);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const p = await context.newPage();
  await p.goto(pathToFileURL(file).href);
  await p.evaluate(() => document.fonts.ready);
  const report = [];
  for (let i = 0; i < texs.length; i++) {
    const row = p.locator(`#f${i + 1}`);
    await row.screenshot({ path: path.join(out, `formula-${String(i + 1).padStart(2, "0")}.png`) });
    const size = await p.evaluate((i) => {
      const r = (sel) => { const el = document.querySelector(`#f${i} ${sel}`); if (!el) return null; const b = el.getBoundingClientRect(); return [Math.round(b.width), Math.round(b.height)]; };
      // The ink's box: the formula's first row (a block <math> is as wide as its line), the
      // union of KaTeX's .base boxes.
      const union = (els) => { if (!els.length) return null; const b = els.map((e) => e.getBoundingClientRect());
        return [Math.round(Math.max(...b.map((x) => x.right)) - Math.min(...b.map((x) => x.left))), Math.round(Math.max(...b.map((x) => x.bottom)) - Math.min(...b.map((x) => x.top)))]; };
      return { ours: r(".ours math > semantics > :first-child") || r(".ours code"), katex: union(Array.from(document.querySelectorAll(`#f${i} .katex .katex-html > .base`))) || r(".katex code"),
        error: !!document.querySelector(`#f${i} .ours .math-error`) };
    }, i + 1);
    report.push(`${i + 1}. ${PICKS[i][0]}:${PICKS[i][1]}  ours ${size.ours ? size.ours.join("×") : "-"}${size.error ? " (not converted)" : ""}  KaTeX ${size.katex ? size.katex.join("×") : "-"}`);
  }
  await browser.close();
  fs.writeFileSync(path.join(out, "report.txt"), report.join("\n") + "\n");
  console.log(report.join("\n"));
  console.log(`screenshots: ${out}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
