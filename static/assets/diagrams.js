/* Mermaid diagrams (```mermaid fences), loaded only by pages that have one, after
   vendor/mermaid.min.js (Mermaid 11.17.2 from the npm registry, MIT, unchanged; its
   licence is vendor/mermaid.LICENSE.txt), a classic script that sets window.mermaid, so
   this works from file://. The page holds each diagram's source as a code block with a
   caption, which is what a reader without JavaScript sees; this draws it beside the
   source and hides the source. Mermaid runs with securityLevel "strict" (labels are
   sanitised, no click handlers). The light drawing is always made (print uses it); a dark
   one is made when the page is shown dark, and again the first time the theme toggle or
   the system turns it dark. A diagram that does not parse keeps its source visible with
   the error under it. */
(function () {
  "use strict";
  var mermaid = window.mermaid;
  var T = window.StudysiteStrings ? window.StudysiteStrings.t : function (k) { return k; };
  var figures = Array.prototype.slice.call(document.querySelectorAll("figure.diagram[data-diagram='mermaid']"));
  if (!figures.length) return;
  var doc = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var queue = Promise.resolve();
  var drawn = { light: false, dark: false };

  function isDark() {
    var t = doc.getAttribute("data-theme");
    return t === "dark" || (t !== "light" && !!system && system.matches);
  }

  function showError(fig, err) {
    if (fig.querySelector(".diagram-error")) return;
    var p = document.createElement("p");
    p.className = "diagram-error";
    p.setAttribute("role", "alert");
    var message = err && err.message ? String(err.message) : err ? String(err) : "";
    p.textContent = message ? T("diagram_error") + " " + message : T("diagram_error");
    fig.classList.add("has-error");
    fig.appendChild(p);
  }

  function view(fig, theme) {
    var v = fig.querySelector(".diagram-" + theme);
    if (!v) {
      v = document.createElement("div");
      v.className = "diagram-view diagram-" + theme;
      fig.appendChild(v);
    }
    return v;
  }

  // Draws every diagram in one theme, one after another (the theme is Mermaid's global
  // configuration, so two themes never render at once).
  function drawAll(theme) {
    if (drawn[theme] || !mermaid) return queue;
    drawn[theme] = true;
    queue = queue.then(function () {
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: "strict",
        theme: theme === "dark" ? "dark" : "default",
        suppressErrorRendering: true,
      });
      return figures.reduce(function (chain, fig, i) {
        return chain.then(function () { return drawOne(fig, i, theme); });
      }, Promise.resolve());
    });
    return queue;
  }

  function drawOne(fig, i, theme) {
    if (fig.classList.contains("has-error")) return Promise.resolve();
    var code = fig.querySelector(".diagram-source code");
    var source = code ? code.textContent : "";
    var id = "studysite-diagram-" + (i + 1) + "-" + theme;
    return mermaid.render(id, source).then(function (out) {
      view(fig, theme).innerHTML = out.svg;
      fig.classList.add("is-drawn", "has-" + theme);
    }, function (err) {
      var left = document.getElementById("d" + id);
      if (left) left.remove();
      showError(fig, err);
    });
  }

  if (!mermaid) {
    figures.forEach(function (fig) { showError(fig, null); });
    return;
  }
  drawAll("light");
  if (isDark()) drawAll("dark");
  function themeChanged() { if (isDark()) drawAll("dark"); }
  new MutationObserver(themeChanged).observe(doc, { attributes: true, attributeFilter: ["data-theme"] });
  if (system && system.addEventListener) system.addEventListener("change", themeChanged);
})();
