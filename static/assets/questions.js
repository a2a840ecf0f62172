/* studysite: question blocks on note pages and questions.html.
   Without this script the page still works: radios, <details> answers, visible explanations. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var T = window.StudysiteStrings ? window.StudysiteStrings.t : function (k) { return k; };
  var N = window.StudysiteStrings ? window.StudysiteStrings.n : function (k, n) { return n + " " + k; };
  root.classList.add("has-js");

  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  function letter(i) { return i < 26 ? String.fromCharCode(65 + i) : String(i + 1); }

  /* ---- choice questions ---- */
  function options(q) { return $$(".q-options > .q-option", q); }
  function inputOf(li) { return li.querySelector("input"); }

  function clearMarks(q) {
    q.classList.remove("is-checked", "is-right", "is-wrong");
    options(q).forEach(function (li) {
      li.classList.remove("is-correct", "is-wrong", "is-chosen", "is-missed", "show-why");
      $$(".q-mark", li).forEach(function (m) { m.remove(); });
    });
    var fb = q.querySelector(".q-feedback");
    if (fb) { fb.textContent = ""; fb.classList.remove("is-right", "is-wrong"); }
    var btn = q.querySelector(".q-check");
    if (btn) btn.textContent = T("check_answer");
    var ans = q.querySelector("details.q-answer");
    if (ans && ans.getAttribute("data-opened-by-check") === "1") {
      ans.open = false;
      ans.removeAttribute("data-opened-by-check");
    }
  }

  function addMark(li, text) {
    var m = doc.createElement("span");
    m.className = "q-mark";
    m.textContent = text;
    var label = li.querySelector("label");
    (label || li).appendChild(m);
  }

  function check(q) {
    var lis = options(q), fb = q.querySelector(".q-feedback");
    var chosenAny = lis.some(function (li) { var i = inputOf(li); return i && i.checked; });
    if (!chosenAny) {
      if (fb) {
        fb.textContent = q.getAttribute("data-kind") === "multi" ?
          T("choose_at_least_one") : T("choose_one_first");
        fb.classList.remove("is-right", "is-wrong");
      }
      var first = lis.length && inputOf(lis[0]);
      if (first) first.focus();
      return;
    }
    var right = true, keys = [];
    lis.forEach(function (li, i) {
      var input = inputOf(li);
      var chosen = !!(input && input.checked);
      var correct = li.getAttribute("data-correct") === "true";
      if (correct) keys.push(letter(i));
      if (chosen !== correct) right = false;
      if (chosen) li.classList.add("is-chosen");
      if (correct) li.classList.add("is-correct");
      if (chosen && !correct) li.classList.add("is-wrong");
      if (correct && !chosen) li.classList.add("is-missed");
      if (chosen || correct) li.classList.add("show-why");
      if (chosen && correct) addMark(li, T("mark_yours_right"));
      else if (chosen) addMark(li, T("mark_yours_wrong"));
      else if (correct) addMark(li, T("mark_right"));
    });
    q.classList.add("is-checked", right ? "is-right" : "is-wrong");
    // progress.js keeps it (seen, right or wrong) in the quiz's store
    var page = q.closest("[data-section]");
    q.dispatchEvent(new CustomEvent("studysite:answered", { bubbles: true,
      detail: { id: q.getAttribute("data-qid"), right: right, sec: page ? page.getAttribute("data-section") : "" } }));
    if (fb) {
      fb.textContent = right ? T("correct") :
        T("not_quite") + keys.join(", ") + ".";
      fb.classList.add(right ? "is-right" : "is-wrong");
      if (!fb.hasAttribute("tabindex")) fb.setAttribute("tabindex", "-1");
      fb.focus();
    }
    var btn = q.querySelector(".q-check");
    if (btn) btn.textContent = T("try_again");
    var ans = q.querySelector("details.q-answer");
    if (ans && !ans.open) { ans.open = true; ans.setAttribute("data-opened-by-check", "1"); }
  }

  function reset(q, keepChoice) {
    clearMarks(q);
    if (!keepChoice) options(q).forEach(function (li) { var i = inputOf(li); if (i) i.checked = false; });
  }

  $$(".question").forEach(function (q) {
    var kind = q.getAttribute("data-kind");
    if (kind !== "single" && kind !== "multi") return;
    var btn = q.querySelector(".q-check");
    if (btn) btn.addEventListener("click", function () {
      if (q.classList.contains("is-checked")) {
        reset(q, false);
        var first = options(q)[0];
        if (first && inputOf(first)) inputOf(first).focus();
      } else {
        check(q);
      }
    });
    q.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key === "Enter" && t && t.tagName === "INPUT" && t.closest(".q-options")) {
        e.preventDefault();
        if (q.classList.contains("is-checked")) reset(q, true);
        check(q);
      }
    });
    q.addEventListener("change", function (e) {
      if (e.target && e.target.closest && e.target.closest(".q-options") && q.classList.contains("is-checked")) {
        clearMarks(q);
      }
    });
  });

  /* ---- questions.html toolbar ---- */
  var toolbar = doc.querySelector(".q-toolbar");
  if (toolbar) {
    var select = doc.getElementById("q-tag-filter");
    var count = toolbar.querySelector(".q-count");
    var status = doc.createElement("span");
    status.className = "sr-only q-status";
    status.setAttribute("role", "status");
    toolbar.appendChild(status);
    var say = function (text) {
      status.textContent = "";
      setTimeout(function () { status.textContent = text; }, 30);
    };

    var applyFilter = function (tag, updateUrl) {
      var shown = 0;
      $$(".q-section").forEach(function (sec) {
        var n = 0;
        $$(".question", sec).forEach(function (q) {
          var tags = (q.getAttribute("data-tags") || "").split(/\s+/);
          var ok = !tag || tags.indexOf(tag) !== -1;
          q.hidden = !ok;
          if (ok) n++;
        });
        sec.hidden = n === 0;
        var c = sec.querySelector(".q-section-count");
        if (c) c.textContent = "(" + n + ")";
        // the generator's index of sections (.q-index) follows the filter too
        $$(".q-index a").forEach(function (a) {
          if (a.getAttribute("href") !== "#" + sec.id) return;
          if (a.parentNode.tagName === "LI") a.parentNode.hidden = n === 0;
          var k = a.querySelector(".count");
          if (k) k.textContent = String(n);
        });
        shown += n;
      });
      if (count) count.textContent = N("n_questions", shown);
      if (updateUrl && window.history && history.replaceState) {
        try {
          var url = new URL(location.href);
          if (tag) url.searchParams.set("tag", tag); else url.searchParams.delete("tag");
          history.replaceState(null, "", url.href);
        } catch (err) { /* file:// in some browsers: ignore */ }
      }
    };

    toolbar.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("button[data-action]") : null;
      if (!b) return;
      var open = b.getAttribute("data-action") === "reveal-all";
      if (!open && b.getAttribute("data-action") !== "hide-all") return;
      $$("details.q-answer").forEach(function (d) {
        d.open = open;
        d.removeAttribute("data-opened-by-check");
      });
      say(open ? T("all_shown") : T("all_hidden"));
    });

    if (select) {
      select.addEventListener("change", function () { applyFilter(select.value, true); });
      // ?tag= is untrusted: only accept a value that is one of the select's own options.
      var wanted = null;
      try { wanted = new URLSearchParams(location.search).get("tag"); } catch (err) { wanted = null; }
      var valid = $$("option", select).map(function (o) { return o.value; });
      if (wanted && valid.indexOf(wanted) !== -1) select.value = wanted;
      applyFilter(valid.indexOf(select.value) !== -1 ? select.value : "", false);
    } else {
      applyFilter("", false);
    }
  }

  /* ---- answers: the summary says what a click does next ---- */
  $$("details.q-answer").forEach(function (d) {
    var summary = d.querySelector("summary");
    if (!summary) return;
    var show = summary.textContent;
    d.addEventListener("toggle", function () { summary.textContent = d.open ? T("hide_answer") : show; });
  });
  // A question's heading link is not a tab stop of its own between questions: Tab goes
  // from one question's controls to the next's (the link still works with a pointer).
  $$(".question .anchor").forEach(function (a) { a.setAttribute("tabindex", "-1"); });

  /* ---- print: show every answer ---- */
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = $$("details.q-answer:not([open])");
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
})();
