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
    var text = t === "auto" ? T("theme_auto") : t === "light" ? T("theme_light") : T("theme_dark");
    if (label) label.textContent = text;
    // The name holds the visible words (WCAG 2.5.3), in the page's language.
    toggle.setAttribute("aria-label", T("colour_theme_is") + text + T("change_theme"));
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
    // A tap on the dimmed page beside the open menu closes it.
    document.addEventListener("click", function (e) {
      if (!doc.classList.contains("nav-open") || sidebar.contains(e.target) || navToggle.contains(e.target)) return;
      setOpen(false);
    });
    // The page's own contents go at the top of the menu, so a long page can be left from
    // anywhere in it (the table of contents itself sits at the top of the page).
    var tocList = document.querySelector(".toc ol");
    if (tocList) {
      var box = document.createElement("details");
      box.className = "sidebar-toc";
      box.open = true;
      var sum = document.createElement("summary");
      sum.textContent = (document.querySelector(".toc summary") || {}).textContent || "";
      box.appendChild(sum);
      box.appendChild(tocList.cloneNode(true));
      sidebar.insertBefore(box, sidebar.firstChild);
    }
  }

  // A way back up from far down a long page, and the table of contents marks the section
  // being read.
  var main = document.getElementById("main");
  var top = document.createElement("a");
  top.className = "to-top";
  top.href = "#main";
  top.textContent = "\u2191";
  top.setAttribute("aria-label", T("back_to_top"));
  top.addEventListener("click", function (e) {
    e.preventDefault();
    window.scrollTo(0, 0);
    if (main) main.focus({ preventScroll: true });
  });
  (main || document.body).appendChild(top);
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc a[href^='#']"));
  var targets = tocLinks.map(function (a) { return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1))); });
  var spyQueued = false;
  function spy() {
    spyQueued = false;
    top.classList.toggle("is-shown", window.scrollY > 1.5 * window.innerHeight);
    var line = window.innerHeight * 0.3, current = -1;
    for (var i = 0; i < targets.length; i++) {
      if (targets[i] && targets[i].getBoundingClientRect().top <= line) current = i;
    }
    tocLinks.forEach(function (a, i) {
      a.classList.toggle("active", i === current);
      if (i === current) a.setAttribute("aria-current", "location"); else a.removeAttribute("aria-current");
    });
  }
  window.addEventListener("scroll", function () {
    if (spyQueued) return;
    spyQueued = true;
    requestAnimationFrame(spy);
  }, { passive: true });
  spy();

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
      var fits = w.scrollWidth <= w.clientWidth + 1;
      w.classList.toggle("fits", fits);
      w.classList.toggle("scrolls", !fits);
      var hint = w.previousElementSibling && w.previousElementSibling.classList.contains("table-more") ? w.previousElementSibling : null;
      if (fits) {
        w.classList.remove("tall");
        if (hint) hint.hidden = true;
        return;
      }
      var table = w.querySelector("table");
      w.classList.toggle("tall", !!table && table.offsetHeight > 0.8 * window.innerHeight);
      if (!hint) {
        hint = document.createElement("p");
        hint.className = "table-more";
        var row = w.querySelector("tr");
        hint.textContent = T("table_scrolls").replace("{n}", String(row ? row.children.length : 0));
        w.parentNode.insertBefore(hint, w);
        w.addEventListener("scroll", function () { edge(w); }, { passive: true });
      }
      hint.hidden = false;
      edge(w);
    });
    Array.prototype.forEach.call(pres, function (pre) {
      if (pre.scrollWidth > pre.clientWidth + 1) pre.setAttribute("tabindex", "0");
      else pre.removeAttribute("tabindex");
    });
  }
  function edge(w) {
    var left = w.scrollLeft, max = w.scrollWidth - w.clientWidth - 1;
    w.setAttribute("data-edge", left <= 1 ? "start" : left >= max ? "end" : "middle");
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

  // A page built without an answer key gets one from its own questions when the reader
  // asks for it: each question's title, then its answer as the page holds it.
  function buildKey(title) {
    var main = document.getElementById("main");
    if (!main || main.querySelector(".answer-key")) return;
    var key = document.createElement("section");
    key.className = "answer-key";
    var h = document.createElement("h2");
    h.textContent = title || "";
    key.appendChild(h);
    var groups = document.querySelectorAll(".q-section");
    var lists = groups.length ? Array.prototype.slice.call(groups) : [main];
    lists.forEach(function (scope) {
      var qs = scope.querySelectorAll(".question");
      if (!qs.length) return;
      var g = document.createElement("div");
      g.className = "key-group";
      var head = scope === main ? null : scope.querySelector("h2");
      if (head) {
        var h3 = document.createElement("h3");
        h3.textContent = head.textContent.replace(/#$/, "").trim();
        g.appendChild(h3);
      }
      var ol = document.createElement("ol");
      ol.className = "key-list";
      Array.prototype.forEach.call(qs, function (q) {
        var li = document.createElement("li");
        li.className = "key-item";
        li.setAttribute("data-qid", q.getAttribute("data-qid") || "");
        var p = document.createElement("p");
        p.className = "key-q";
        // The title as the page shows it (formulas, code), without its heading's "#" link.
        if (q.firstElementChild) {
          Array.prototype.forEach.call(q.firstElementChild.childNodes, function (n) { p.appendChild(n.cloneNode(true)); });
          Array.prototype.forEach.call(p.querySelectorAll("a.anchor"), function (e) { e.remove(); });
          Array.prototype.forEach.call(p.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
          if (p.lastChild && p.lastChild.nodeType === 3) p.lastChild.textContent = p.lastChild.textContent.replace(/\s+$/, "");
        }
        li.appendChild(p);
        var body = q.querySelector(".q-answer-body");
        if (body) {
          var a = document.createElement("div");
          a.className = "key-a";
          Array.prototype.forEach.call(body.childNodes, function (n) { a.appendChild(n.cloneNode(true)); });
          Array.prototype.forEach.call(a.querySelectorAll("[id]"), function (e) { e.removeAttribute("id"); });
          li.appendChild(a);
        }
        ol.appendChild(li);
      });
      g.appendChild(ol);
      key.appendChild(g);
    });
    main.appendChild(key);
  }

  // The reader's choice of answers on paper (shown, hidden, or a key at the end),
  // remembered for the site; the site's own setting is the default.
  var PRINT_KEY = "studysite-print-answers";
  Array.prototype.forEach.call(document.querySelectorAll("select.print-answers"), function (sel) {
    var saved = null;
    try { saved = localStorage.getItem(PRINT_KEY); } catch (e) {}
    var mode = /^(show|hide|key)$/.test(saved || "") ? saved : sel.getAttribute("data-default") || "show";
    sel.value = mode;
    doc.setAttribute("data-print-answers", mode);
    if (mode === "key") buildKey(sel.getAttribute("data-key-title"));
    sel.addEventListener("change", function () {
      doc.setAttribute("data-print-answers", sel.value);
      if (sel.value === "key") buildKey(sel.getAttribute("data-key-title"));
      try {
        if (sel.value === sel.getAttribute("data-default")) localStorage.removeItem(PRINT_KEY);
        else localStorage.setItem(PRINT_KEY, sel.value);
      } catch (e) {}
    });
  });

  // Printing: answers shown (or hidden) per the print setting; details that were
  // closed are closed again afterwards.
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
