/* studysite: typed and numeric questions (loaded only on pages that have some, and on the quiz
   page). window.StudysiteKinds holds the comparison the quiz uses too: an answer is right when it
   matches an accepted one forgiving case, spaces, punctuation and accents (the rule of
   questions::normalise_answer), a number when it falls in the range (its unit, if typed, must be
   the question's); diff() is the character diff shown before the learner grades themself.
   On note pages it adds a field and a check button above the answer; without this script the
   answer is behind <details> as for any free question. */
(function () {
  "use strict";
  var doc = document, S = window.StudysiteStrings;
  var T = S ? S.t : function (k) { return k; };
  var Tf = S ? S.f : function (k) { return k; };

  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }
  /* Edit distance of two short strings (the nearest accepted answer is the one diffed). */
  function distance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  }
  /* {ok, best}: whether `typed` matches one of `accept`, and the accepted answer nearest it. */
  function typed(accept, input) {
    var n = norm(input), best = accept[0] || "", bd = Infinity;
    for (var k = 0; k < accept.length; k++) {
      if (norm(accept[k]) === n && n) return { ok: true, best: accept[k] };
      var d = distance(norm(accept[k]), n);
      if (d < bd) { bd = d; best = accept[k]; }
    }
    return { ok: false, best: best };
  }
  /* {ok, value, unit}: a typed number (a decimal comma is read as a point) against {min, max, unit}. */
  function numeric(num, input) {
    var m = /^\s*([+\-\u2212]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(.*?)\s*$/.exec(String(input));
    if (!m) return { ok: false, value: null };
    var v = parseFloat(m[1].replace(",", ".").replace("\u2212", "-")), unit = m[2];
    var unitOk = !unit || !num.unit || unit.toLowerCase() === String(num.unit).toLowerCase();
    var eps = 1e-9 * Math.max(1, Math.abs(num.max));
    return { ok: unitOk && v >= num.min - eps && v <= num.max + eps, value: v, unitWrong: !unitOk };
  }
  /* The expected answer as text: 42 ms, 41.5–42.5 ms. */
  function rangeText(num) {
    var u = num.unit ? " " + num.unit : "";
    return (num.min === num.max ? String(num.min) : num.min + "–" + num.max) + u;
  }
  /* Character diff of what was typed against the answer: [[op, text]], op "=" same, "-" typed
     but not in the answer, "+" missing. Case-insensitive; long answers compared in full up to 300. */
  function diff(input, answer) {
    var a = Array.from(String(input).slice(0, 300)), b = Array.from(String(answer).slice(0, 300));
    var la = a.map(function (c) { return c.toLowerCase(); }), lb = b.map(function (c) { return c.toLowerCase(); });
    var n = a.length, m = b.length, L = [], i, j;
    for (i = 0; i <= n; i++) { L.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) for (j = m - 1; j >= 0; j--) L[i][j] = la[i] === lb[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    var out = [], push = function (op, c) { var last = out[out.length - 1]; if (last && last[0] === op) last[1] += c; else out.push([op, c]); };
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && la[i] === lb[j]) { push("=", b[j]); i++; j++; }
      else if (j < m && (i >= n || L[i][j + 1] >= L[i + 1][j])) { push("+", b[j]); j++; }
      else { push("-", a[i]); i++; }
    }
    return out;
  }
  /* The diff as elements: <del> typed but wrong, <ins> missing, with words for screen readers. */
  function diffEl(input, answer) {
    var p = doc.createElement("p");
    p.className = "k-diff";
    var label = doc.createElement("span");
    label.className = "k-diff-label";
    label.textContent = T("kinds_diff_label");
    p.appendChild(label);
    var code = doc.createElement("span");
    code.className = "k-diff-text";
    diff(input, answer).forEach(function (part) {
      var el = doc.createElement(part[0] === "=" ? "span" : part[0] === "+" ? "ins" : "del");
      if (part[0] !== "=") el.setAttribute("title", T(part[0] === "+" ? "kinds_missing" : "kinds_extra"));
      el.textContent = part[1];
      code.appendChild(el);
    });
    p.appendChild(code);
    return p;
  }
  function check(num, accept, input) {
    if (num) { var r = numeric(num, input); return { ok: r.ok, best: rangeText(num), unitWrong: r.unitWrong }; }
    return typed(accept, input);
  }

  window.StudysiteKinds = { norm: norm, typed: typed, numeric: numeric, rangeText: rangeText, diff: diff, diffEl: diffEl, check: check };

  /* ---- note pages and questions.html ---- */
  var n = 0;
  Array.prototype.forEach.call(doc.querySelectorAll('.question[data-kind="typed"], .question[data-kind="numeric"]'), function (q) {
    var isNum = q.getAttribute("data-kind") === "numeric";
    var accept = (q.getAttribute("data-accept") || "").split("|");
    var num = isNum ? { min: +q.getAttribute("data-min"), max: +q.getAttribute("data-max"), unit: q.getAttribute("data-unit") || "" } : null;
    var id = "k-in-" + (++n);
    var box = doc.createElement("div");
    box.className = "k-type";
    var label = doc.createElement("label");
    label.setAttribute("for", id);
    label.textContent = T(isNum ? "kinds_your_number" : "kinds_your_answer");
    var input = doc.createElement("input");
    input.type = "text";
    input.id = id;
    input.className = "k-input";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    if (isNum) input.setAttribute("inputmode", "decimal");
    var btn = doc.createElement("button");
    btn.type = "button";
    btn.className = "q-check k-check";
    btn.textContent = T("check_answer");
    var fb = doc.createElement("p");
    fb.className = "q-feedback";
    fb.setAttribute("role", "status");
    fb.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(btn);
    var ans = q.querySelector("details.q-answer");
    q.insertBefore(box, ans);
    q.insertBefore(fb, ans);
    var run = function () {
      var old = q.querySelector(".k-diff");
      if (old) old.remove();
      fb.classList.remove("is-right", "is-wrong");
      if (!input.value.trim()) { fb.textContent = T("kinds_type_first"); input.focus(); return; }
      var r = check(num, accept, input.value);
      fb.textContent = r.ok ? T("correct") : Tf(r.unitWrong ? "kinds_wrong_unit" : "kinds_not_quite", { answer: r.best });
      fb.classList.add(r.ok ? "is-right" : "is-wrong");
      if (!num && !r.ok) fb.after(diffEl(input.value, r.best));
      if (ans && !ans.open) ans.open = true;
    };
    btn.addEventListener("click", run);
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); run(); } });
  });

  /* ---- clozes: each a blank (its hint, or …) revealed in place by a click, Enter or Space ---- */
  Array.prototype.forEach.call(doc.querySelectorAll(".cloze"), function (c) {
    var hint = c.getAttribute("data-hint");
    var blank = doc.createElement("span");
    blank.className = "cloze-hide";
    blank.setAttribute("aria-hidden", "true");
    blank.textContent = "[" + (hint || "\u2026") + "]";
    var inner = doc.createElement("span");
    inner.className = "cloze-text";
    while (c.firstChild) inner.appendChild(c.firstChild);
    inner.hidden = true;
    c.appendChild(blank);
    c.appendChild(inner);
    c.classList.add("is-hidden");
    c.setAttribute("role", "button");
    c.setAttribute("tabindex", "0");
    c.setAttribute("aria-expanded", "false");
    c.setAttribute("aria-label", hint ? Tf("kinds_cloze_hint", { hint: hint }) : T("kinds_cloze"));
    var show = function () {
      if (!c.classList.contains("is-hidden")) return;
      c.classList.remove("is-hidden");
      blank.remove();
      inner.hidden = false;
      c.setAttribute("aria-expanded", "true");
      c.removeAttribute("aria-label");
      c.removeAttribute("role");
    };
    c.addEventListener("click", show);
    c.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(); } });
  });
})();
