// Once the page has loaded, caches its own files (page, script, stylesheet, wasm) and registers a service
// worker that serves them when the network is gone: a reload works offline too. Production builds only.
const CACHE = "restanse-www-v1";

export async function keepOffline() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator) || !("caches" in window)) return;
  try {
    await navigator.serviceWorker.register("./sw.js");
    const own = performance.getEntriesByType("resource").map((e) => e.name).filter((u) => new URL(u).origin === location.origin);
    const cache = await caches.open(CACHE);
    await cache.addAll([...new Set([location.href.split("#")[0], ...own])]);
    document.body.dataset.offline = "1";
  } catch (e) {
    console.warn("restanse: offline cache unavailable:", e.message);
  }
}
