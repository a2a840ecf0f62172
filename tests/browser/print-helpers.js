"use strict";
// Helpers for the print, screenshot and accessibility tests: built sites named by environment
// variables, the text of a PDF page by page (pdf.js, test-only), colour arithmetic.
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

/* A built site from an environment variable (set by tests/browser.rs). */
function dirFrom(name) {
  const dir = process.env[name];
  if (!dir) throw new Error(`${name} is not set: cargo test --test browser sets it (see tests/browser/README.md)`);
  const abs = path.resolve(dir);
  for (const f of ["index.html", "questions.html", "cheatsheet.html"]) {
    if (!fs.existsSync(path.join(abs, f))) throw new Error(`${name}=${abs} has no ${f}`);
  }
  return abs;
}

/* file:// URL of a page of a built site; a ?query or #fragment is kept. */
function urlIn(dir, rel) {
  const [p, rest] = rel.split(/(?=[?#])/);
  return pathToFileURL(path.join(dir, p)).href + (rest || "");
}

let pdfjs;
async function loadPdfjs() {
  if (!pdfjs) {
    // pdf.js warns on load that it cannot draw without a canvas package; text needs none.
    const log = console.log;
    console.log = () => {};
    try {
      pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    } finally {
      console.log = log;
    }
  }
  return pdfjs;
}

/* The text of each page of a PDF, whitespace collapsed: ["page 1 text", "page 2 text", …]. */
async function pdfPages(bytes) {
  const lib = await loadPdfjs();
  const doc = await lib.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(squash(content.items.map((i) => i.str + (i.hasEOL ? "\n" : " ")).join("")));
  }
  await doc.destroy();
  return pages;
}

function squash(s) {
  return String(s).replace(/\s+/g, " ").trim();
}

/* WCAG relative luminance and contrast of "rgb(r, g, b)" colours. */
function luminance(css) {
  const m = String(css).match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  const [r, g, b] = m.slice(1, 4).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

module.exports = { dirFrom, urlIn, pdfPages, squash, luminance, contrast };
