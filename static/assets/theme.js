/* Runs in <head> before the page paints: applies the saved colour theme (no flash of
   the wrong theme) and marks that JavaScript is available. On small screens site.js
   folds the table of contents; "toc-fold" shows it folded from the first paint, so the
   page does not jump up when that happens. */
(function () {
  var d = document.documentElement;
  d.classList.add("has-js");
  if (window.matchMedia && window.matchMedia("(max-width: 72rem)").matches) d.classList.add("toc-fold");
  try {
    var t = localStorage.getItem("studysite-theme");
    if (t === "light" || t === "dark") d.setAttribute("data-theme", t);
  } catch (e) { /* storage blocked: follow the system */ }
})();
