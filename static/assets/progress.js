/* Note pages, questions.html: first checks of choice questions into the quiz store's inbox
   (quiz-progress.js); the page being read, for home's "Continue". */
(function () {
  "use strict";
  var d = document, k = "studysite:" + d.documentElement.getAttribute("data-site"), done = {};
  function get(s) { try { return JSON.parse(localStorage.getItem(k + s)); } catch (e) { return null; } }
  function put(s, v) { try { localStorage.setItem(k + s, JSON.stringify(v)); } catch (e) { /* full or blocked */ } }
  d.addEventListener("studysite:answered", function (e) {
    var x = new Date(), a = e.detail, s = get(":v1") || { v: 1, cards: {} };
    if (done[a.id] || s.v !== 1 || !s.cards) return;
    done[a.id] = 1;
    s.inbox = (Array.isArray(s.inbox) ? s.inbox : []).concat([[Math.round(Date.UTC(x.getFullYear(), x.getMonth(), x.getDate() - (x.getHours() < 4)) / 864e5),
      a.id, a.right ? 3 : 1, a.sec]]).slice(-5000);
    put(":v1", s);
  });
  var note = d.querySelector("article[data-url]"), h = note && note.querySelector("h1");
  function last() {
    var at = d.querySelector('.toc [aria-current="location"]');
    put(":last", { u: note.getAttribute("data-url") + (at ? at.getAttribute("href") : ""), t: h ? h.textContent : d.title });
  }
  if (note) { last(); addEventListener("pagehide", last); }
})();
