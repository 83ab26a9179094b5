// Starts the Python worker the moment <head> reaches this tag, on a page with a form
// (site_build/finish/early_start.py puts it there). A classic script with no imports on purpose: the page
// script (client.js) is a graph of modules, and each level of imports waits for the parser to yield
// (600-700 ms into a cold load of the guided page on this project's test machine; this, first in
// <head>, runs at 110-160 ms). transport.js adopts the worker, with whatever it sent before then,
// and owns it from then on; nothing else touches it.
(() => {
  const script = document.currentScript;
  // Already there, or already taken by transport.js (false): the page script ran first.
  if (!script || "handbookEarlyPython" in window || typeof Worker !== "function") return;
  let worker;
  try {
    worker = new Worker(new URL("worker.mjs", script.src), { type: "module" });
  } catch {
    return; // transport.js starts its own and reports the failure
  }
  const early = [];
  const keep = (event) => {
    if (event.type === "error") event.preventDefault(); // reported by transport.js, once it adopts
    early.push(event);
  };
  const types = ["message", "error", "messageerror"];
  for (const type of types) worker.addEventListener(type, keep);
  window.handbookEarlyPython = {
    worker,
    /** Stop keeping events; the ones kept so far, oldest first. */
    release() {
      for (const type of types) worker.removeEventListener(type, keep);
      return early.splice(0);
    },
  };
})();
