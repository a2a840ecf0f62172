/* Runs in <head> before the page paints: applies the saved colour theme (no flash of
   the wrong theme) and marks that JavaScript is available. */
(function () {
  var d = document.documentElement;
  d.classList.add("has-js");
  try {
    var t = localStorage.getItem("studysite-theme");
    if (t === "light" || t === "dark") d.setAttribute("data-theme", t);
  } catch (e) { /* storage blocked: follow the system */ }
})();
