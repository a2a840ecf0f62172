/* studysite: the offline service worker (`offline = true`; README: Offline). The build writes
   `self.STUDYSITE_PRECACHE = {version, files, required, hashed, later}` before this code:
   the files of this build as URLs relative to this script, the shell, the data and the main
   pages first (`required` of them), then the rest that fits the size cap.
   - install: each listed file into a cache named for this worker's scope and the build's
     version; a hashed asset an older cache holds is copied, not downloaded again. The
     required files must all arrive (else the install fails and is tried on the next visit);
     the others may fail and are cached when visited.
   - activate: the older caches of this scope deleted; open pages taken over.
   - fetch, inside the scope: hashed assets (`assets/x.<hash>.js`) cache-first; pages and
     other files network-first, from the cache when the network fails, cached as visited.
     The development server's own requests (`__studysite/`) and this script pass through.
   - a new build's worker waits until a page posts "studysite:skip-waiting" (offline.js's
     "updated" notice, Reload). */
"use strict";
(() => {
  const P = self.STUDYSITE_PRECACHE;
  const SCOPE = self.registration.scope;
  // Caches are shared by the whole origin: every name carries the scope, so two sites on one
  // host (/a/ and /b/) never delete each other's.
  const PREFIX = "studysite " + SCOPE + " ";
  const CACHE = PREFIX + P.version;
  const HASHED = new Set(P.hashed);
  const HASH_NAME = /^assets\/(?:[^?#]*\/)?[^/?#]*\.[0-9a-f]{10}(?:\.[^/.?#]*)?$/;

  const inScope = (url) => (url.startsWith(SCOPE) ? url.slice(SCOPE.length) : null);
  const hashed = (rel) => HASHED.has(rel) || HASH_NAME.test(rel);
  // A response that followed a redirect cannot answer a navigation: keep its body only.
  const plain = (r) => (r.redirected ? new Response(r.body, { status: r.status, statusText: r.statusText, headers: r.headers }) : r);
  const cacheable = (r) => r && r.ok && r.type === "basic";

  async function fromOlder(url) {
    for (const name of await caches.keys()) {
      if (!name.startsWith(PREFIX) || name === CACHE) continue;
      const hit = await (await caches.open(name)).match(url);
      if (hit) return hit;
    }
    return null;
  }

  async function fetchInto(cache, rel) {
    const url = new URL(rel, SCOPE).href;
    if (await cache.match(url)) return;
    const older = hashed(rel) ? await fromOlder(url) : null;
    if (older) return cache.put(url, older);
    // "no-cache": pages keep their names between builds, so the HTTP cache is asked to check.
    const r = await fetch(url, { cache: hashed(rel) ? "default" : "no-cache", credentials: "same-origin" });
    if (!cacheable(r)) throw new Error("offline copy: " + rel + " answered " + r.status);
    await cache.put(url, plain(r));
  }

  // A few downloads at a time: a large site's list is not thrown at the host at once.
  async function precache() {
    const cache = await caches.open(CACHE);
    let next = 0;
    const lane = async () => {
      while (next < P.files.length) {
        const i = next++;
        try {
          await fetchInto(cache, P.files[i]);
        } catch (err) {
          if (i < P.required) throw err;
        }
      }
    };
    await Promise.all([lane(), lane(), lane(), lane(), lane(), lane()]);
  }

  self.addEventListener("install", (e) => e.waitUntil(precache()));

  self.addEventListener("activate", (e) => e.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })()));

  self.addEventListener("message", (e) => {
    if (e.data === "studysite:skip-waiting") self.skipWaiting();
  });

  // The same page under its other name: `x/` and `x/index.html`, the scope and `index.html`.
  function otherName(url) {
    const u = new URL(url);
    u.search = "";
    u.hash = "";
    if (u.pathname.endsWith("/")) u.pathname += "index.html";
    else if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
    else return null;
    return u.href;
  }

  async function fromCache(cache, req) {
    const opts = { ignoreSearch: req.mode === "navigate", ignoreVary: true };
    const hit = await cache.match(req, opts);
    if (hit) return hit;
    const other = otherName(req.url);
    return other ? cache.match(other, opts) : undefined;
  }

  async function cacheFirst(req) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req, { ignoreVary: true });
    if (hit) return hit;
    const r = await fetch(req);
    if (cacheable(r) && !r.redirected) await cache.put(req, r.clone());
    return r;
  }

  async function networkFirst(req) {
    const cache = await caches.open(CACHE);
    try {
      const r = await fetch(req);
      // A page is kept once, whatever its query (the quiz's links vary only that).
      const key = req.mode === "navigate" ? req.url.split(/[?#]/)[0] : req;
      if (cacheable(r) && !r.redirected) await cache.put(key, r.clone());
      return r;
    } catch (err) {
      const hit = await fromCache(cache, req);
      if (hit) return hit;
      throw err;
    }
  }

  self.addEventListener("fetch", (e) => {
    const req = e.request;
    if (req.method !== "GET" || req.headers.has("range")) return;
    const rel = inScope(req.url.split("#")[0]);
    if (rel === null || rel.startsWith("__studysite/") || rel === "sw.js") return;
    const path = rel.split("?")[0];
    e.respondWith(hashed(path) ? cacheFirst(req) : networkFirst(req));
  });
})();
