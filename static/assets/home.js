/* studysite, home page: each section card's seen / due / weak counts from the quiz's store,
   and "Continue" (a quiz session in progress, else the page last read, see progress.js).
   theme.js reserves their room before the first paint (has-progress, has-last), so nothing
   moves. Deferred classic script; needs strings.js. */
(function () {
  "use strict";
  var d = document, root = d.documentElement, site = root.getAttribute("data-site") || "site", S = window.StudysiteStrings;
  if (!S) return;
  function read(k) { try { return JSON.parse(localStorage.getItem("studysite:" + site + k) || "null"); } catch (e) { return null; } }
  var x = new Date(), t = Math.round(Date.UTC(x.getFullYear(), x.getMonth(), x.getDate() - (x.getHours() < 4 ? 1 : 0)) / 864e5);
  var s = read(":v1"), base = root.getAttribute("data-root") || "";
  if (s && s.cards && typeof s.cards === "object") {
    var inbox = Array.isArray(s.inbox) ? s.inbox : [];
    Array.prototype.forEach.call(d.querySelectorAll(".card-progress[data-sections]"), function (el) {
      var secs = el.getAttribute("data-sections").split(","), seen = 0, due = 0, weak = 0, ids = {};
      Object.keys(s.cards).forEach(function (id) {
        var c = s.cards[id];
        if (!c || secs.indexOf(c.sec) < 0 || !(c.reps > 0)) return;
        ids[id] = 1; seen++;
        if (c.due <= t) due++;
        if (c.lg === 1) weak++;
      });
      inbox.forEach(function (e) { // answers the quiz has not graded yet
        if (!Array.isArray(e) || secs.indexOf(e[3]) < 0 || ids[e[1]]) return;
        ids[e[1]] = 1; seen++;
        if (e[2] === 1) weak++;
      });
      if (seen) el.textContent = S.f("progress_counts", { seen: seen, due: due, weak: weak });
    });
  }
  var box = d.querySelector(".continue"), last = read(":last"), quiz = box && box.getAttribute("data-quiz");
  if (!box) return;
  var link = function (href, text) { var a = d.createElement("a"); a.className = "button primary"; a.href = href; a.textContent = text; box.appendChild(a); };
  if (s && (s.exam || s.run)) link(base + quiz, S.t(s.exam ? "continue_exam" : "continue_session"));
  else if (last && typeof last.u === "string" && /^[\w./#%-]+$/.test(last.u) && !/^[/.]|:/.test(last.u)) link(base + last.u, S.f("continue_reading", { title: String(last.t || "") }));
})();
