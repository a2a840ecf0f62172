/* studysite: offline support on every page of a site built with `offline = true` (README:
   Offline). Registers the service worker (sw.js at the site's root, so its scope is the
   whole site) over https and on localhost only: never from file://, where the site works as
   it is, and never under `studysite serve`, whose pages must come from the server for live
   reload (a worker left from an earlier visit to the same address is removed there). When a
   new build's worker has its files, a small notice offers to reload into it. */
(() => {
  "use strict";
  const sw = navigator.serviceWorker;
  const host = location.hostname;
  const local = host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  if (!sw || !(location.protocol === "https:" || (location.protocol === "http:" && local))) return;
  const root = document.documentElement.getAttribute("data-root") || "";
  const script = new URL(root + "sw.js", location.href).href;

  if (document.querySelector('script[src^="/__studysite/"]')) {
    sw.getRegistrations().then((all) => {
      for (const reg of all) {
        const w = reg.active || reg.waiting || reg.installing;
        if (w && w.scriptURL === script) reg.unregister();
      }
    }, () => {});
    return;
  }

  const S = window.StudysiteStrings;
  const t = (key) => (S ? S.t(key) : key);
  let shown = null;

  function button(label, primary, onclick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = primary ? "button primary" : "button";
    b.textContent = t(label);
    b.addEventListener("click", onclick);
    return b;
  }

  // A polite status message at the foot of the window; nothing moves the reader's focus.
  function notice(worker) {
    if (shown) return;
    shown = document.createElement("div");
    shown.className = "offline-notice no-print";
    shown.setAttribute("role", "status");
    Object.assign(shown.style, {
      position: "fixed", insetBlockEnd: "1rem", insetInlineEnd: "1rem", zIndex: "50",
      maxInlineSize: "calc(100vw - 2rem)", boxSizing: "border-box", padding: "0.75rem 1rem",
      background: "var(--bg)", color: "var(--fg)", border: "1px solid var(--border)",
      borderRadius: "var(--radius)", boxShadow: "0 4px 16px rgba(0, 0, 0, 0.18)",
      display: "flex", flexWrap: "wrap", alignItems: "center", gap: "0.5rem",
    });
    document.body.appendChild(shown);
    // Filled once it is in the page, so screen readers announce the text.
    requestAnimationFrame(() => {
      const text = document.createElement("span");
      text.textContent = t("offline_updated");
      const reload = button("offline_reload", true, () => {
        reload.disabled = true;
        worker.postMessage("studysite:skip-waiting");
      });
      const later = button("offline_later", false, () => {
        shown.hidden = true;
      });
      shown.append(text, reload, later);
    });
  }

  // The new worker takes over when Reload asks it to; then the page loads from it.
  let reloading = false;
  sw.addEventListener("controllerchange", () => {
    if (shown && !reloading) {
      reloading = true;
      location.reload();
    }
  });

  function watch(reg) {
    // Only an update is news: the first worker of a visit just starts keeping the files.
    if (reg.waiting && sw.controller) notice(reg.waiting);
    reg.addEventListener("updatefound", () => {
      const w = reg.installing;
      if (!w) return;
      w.addEventListener("statechange", () => {
        if (w.state === "installed" && sw.controller) notice(w);
      });
    });
  }

  sw.register(script).then(watch, () => {});
})();
