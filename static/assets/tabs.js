/* Content tabs (MkDocs' `=== "Label"`), loaded only on pages that have them. The page
   shows every tab under its label, which is how it reads without JavaScript and how it
   prints; this turns each set into WAI-ARIA tabs: a tab list of buttons, one panel
   shown, arrow keys / Home / End move between tabs. Choosing a label chooses it in
   every set on the page that has it (C++ here, C++ everywhere), as MkDocs' linked tabs
   do. Plain DOM, no dependencies. */
(function () {
  "use strict";
  var sets = document.querySelectorAll(".tabbed-set");
  var all = [];

  function select(set, index, focus) {
    set.tabs.forEach(function (tab, i) {
      var on = i === index;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      set.panels[i].hidden = !on;
    });
    if (focus) set.tabs[index].focus();
  }

  function selectLabel(label, except) {
    all.forEach(function (set) {
      if (set === except) return;
      var i = set.labels.indexOf(label);
      if (i !== -1) select(set, i, false);
    });
  }

  Array.prototype.forEach.call(sets, function (el, n) {
    var blocks = Array.prototype.filter.call(el.children, function (c) {
      return c.classList.contains("tabbed-block");
    });
    if (blocks.length < 2) return;
    var set = { tabs: [], panels: [], labels: [] };
    var list = document.createElement("div");
    list.className = "tabbed-tabs";
    list.setAttribute("role", "tablist");
    blocks.forEach(function (block, i) {
      var label = block.querySelector(".tabbed-label");
      var text = label ? label.textContent : String(i + 1);
      var id = "tabset-" + n + "-" + i;
      var tab = document.createElement("button");
      tab.type = "button";
      tab.id = id + "-tab";
      tab.setAttribute("role", "tab");
      tab.textContent = text;
      block.id = block.id || id;
      tab.setAttribute("aria-controls", block.id);
      block.setAttribute("role", "tabpanel");
      block.setAttribute("aria-labelledby", tab.id);
      block.tabIndex = 0;
      tab.addEventListener("click", function () {
        select(set, i, false);
        selectLabel(text, set);
      });
      tab.addEventListener("keydown", function (e) {
        var k = e.key, last = set.tabs.length - 1, to = -1;
        if (k === "ArrowRight") to = i === last ? 0 : i + 1;
        else if (k === "ArrowLeft") to = i === 0 ? last : i - 1;
        else if (k === "Home") to = 0;
        else if (k === "End") to = last;
        if (to === -1) return;
        e.preventDefault();
        select(set, to, true);
        selectLabel(set.labels[to], set);
      });
      list.appendChild(tab);
      set.tabs.push(tab);
      set.panels.push(block);
      set.labels.push(text);
    });
    el.insertBefore(list, el.firstChild);
    el.classList.add("tabbed-js");
    all.push(set);
    select(set, 0, false);
  });
})();
