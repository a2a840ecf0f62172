/* Site-wide behaviour: theme toggle (auto → light → dark, remembered), the sidebar
   menu on small screens, copy buttons on code blocks, answers opened for printing,
   and the cheat sheet's print button. Plain DOM, no dependencies. */
(function () {
  "use strict";
  var doc = document.documentElement;
  var T = window.StudysiteStrings ? window.StudysiteStrings.t : function (k) { return k; };
  var KEY = "studysite-theme";

  // Theme toggle.
  var toggle = document.querySelector(".theme-toggle");
  function current() { return doc.getAttribute("data-theme") || "auto"; }
  function show() {
    if (!toggle) return;
    var t = current();
    var label = toggle.querySelector(".theme-label");
    if (label) label.textContent = t === "auto" ? T("theme_auto") : t === "light" ? T("theme_light") : T("theme_dark");
    toggle.setAttribute("aria-label", T("colour_theme_is") + t + T("change_theme"));
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = { auto: "light", light: "dark", dark: "auto" }[current()];
      if (next === "auto") doc.removeAttribute("data-theme"); else doc.setAttribute("data-theme", next);
      try { if (next === "auto") localStorage.removeItem(KEY); else localStorage.setItem(KEY, next); } catch (e) {}
      show();
    });
    show();
  }

  // Sidebar on small screens.
  var navToggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("sidebar");
  if (navToggle && sidebar) {
    var setOpen = function (open) {
      navToggle.setAttribute("aria-expanded", open ? "true" : "false");
      doc.classList.toggle("nav-open", open);
    };
    navToggle.addEventListener("click", function () {
      var open = navToggle.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) { var a = sidebar.querySelector("a[aria-current]") || sidebar.querySelector("a"); if (a) a.focus(); }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && doc.classList.contains("nav-open")) { setOpen(false); navToggle.focus(); }
    });
    sidebar.addEventListener("click", function (e) { if (e.target.closest("a")) setOpen(false); });
  }

  // On small screens the table of contents starts folded (it is open without JS).
  var toc = document.querySelector(".toc details");
  if (toc && doc.classList.contains("toc-fold")) toc.open = false;
  doc.classList.remove("toc-fold");

  // Copy buttons on code blocks.
  Array.prototype.forEach.call(document.querySelectorAll("pre.code"), function (pre) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy-code";
    btn.textContent = T("copy");
    btn.setAttribute("aria-label", T("copy_code"));
    btn.addEventListener("click", function () {
      var text = pre.querySelector("code") ? pre.querySelector("code").textContent : pre.textContent;
      var done = function (ok) {
        btn.textContent = ok ? T("copied") : T("press_ctrl_c");
        btn.classList.toggle("is-done", ok);
        setTimeout(function () { btn.textContent = T("copy"); btn.classList.remove("is-done"); }, 1600);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      } else {
        var r = document.createRange();
        r.selectNodeContents(pre);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) {}
        done(ok);
      }
    });
    var wrap = document.createElement("div");
    wrap.className = "code-wrap";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    wrap.appendChild(btn);
  });

  // Tables that fit their column lose the sideways scroller, so their header can stick
  // under the site header; code blocks that do scroll sideways take keyboard focus, so
  // they can be scrolled without a mouse.
  var wraps = document.querySelectorAll(".table-wrap");
  var pres = document.querySelectorAll("pre.code");
  function fit() {
    Array.prototype.forEach.call(wraps, function (w) {
      w.classList.toggle("fits", w.scrollWidth <= w.clientWidth + 1);
    });
    Array.prototype.forEach.call(pres, function (pre) {
      if (pre.scrollWidth > pre.clientWidth + 1) pre.setAttribute("tabindex", "0");
      else pre.removeAttribute("tabindex");
    });
  }
  var fitQueued = false;
  fit();
  window.addEventListener("resize", function () {
    if (fitQueued) return;
    fitQueued = true;
    requestAnimationFrame(function () { fitQueued = false; fit(); });
  });

  // The printed answer key lists what is printed: questions.html's tag filter hides
  // questions, and their entries in the key go with them.
  function syncKey() {
    Array.prototype.forEach.call(document.querySelectorAll(".answer-key .key-group"), function (g) {
      var shown = 0;
      Array.prototype.forEach.call(g.querySelectorAll(".key-item"), function (item) {
        var q = document.getElementById("q-" + item.getAttribute("data-qid"));
        item.hidden = !!(q && (q.hidden || q.closest("[hidden]")));
        if (!item.hidden) shown++;
      });
      g.hidden = shown === 0;
    });
  }

  // Printing: answers shown (or hidden) per the site's print setting; details that
  // were closed are closed again afterwards.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    var mode = doc.getAttribute("data-print-answers") || "show";
    if (mode === "key") syncKey();
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      if (mode !== "show" && d.classList.contains("q-answer")) return;
      d.open = true;
      reopened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  var printButton = document.querySelector(".print-button");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
})();
