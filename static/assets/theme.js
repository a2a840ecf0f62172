/* Runs in <head> before the page paints: applies the saved colour theme (no flash of
   the wrong theme) and marks that JavaScript is available. On small screens site.js
   folds the table of contents; "toc-fold" shows it folded from the first paint, so the
   page does not jump up when that happens; "has-progress" (the quiz's store exists) keeps
   room for the home page's progress lines. */
(function () {
  var d = document.documentElement;
  d.classList.add("has-js");
  if (window.matchMedia && window.matchMedia("(max-width: 72rem)").matches) d.classList.add("toc-fold");
  try {
    var t = localStorage.getItem("studysite-theme");
    if (t === "light" || t === "dark") d.setAttribute("data-theme", t);
    // progress.js fills in counts and "Continue" where this reserves their room
    var k = "studysite:" + d.getAttribute("data-site");
    if (localStorage.getItem(k + ":v1")) d.classList.add("has-progress");
    if (localStorage.getItem(k + ":last")) d.classList.add("has-last");
  } catch (e) { /* storage blocked: follow the system */ }
})();
