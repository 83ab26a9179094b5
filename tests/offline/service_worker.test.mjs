// The service worker's pure logic (site_build/finish/service_worker.js), loaded as the classic script
// it is, in a context with no service worker around it: `node --test tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createContext, runInContext } from "node:vm";

const source = readFileSync(new URL("../../site_build/finish/service_worker.js", import.meta.url), "utf8");
const sw = createContext({ URL, TextDecoder, crypto, self: {} });
runInContext(source, sw);

const SCOPE = "https://example.gitlab.io/handbook/";

test("a URL under the scope maps to the file the build wrote", () => {
  assert.equal(sw.sitePath(`${SCOPE}`, SCOPE), "index.html");
  assert.equal(sw.sitePath(`${SCOPE}licence/`, SCOPE), "licence/index.html");
  assert.equal(sw.sitePath(`${SCOPE}licence/?licence.expiry=2024-03-01#grace`, SCOPE), "licence/index.html");
  assert.equal(sw.sitePath(`${SCOPE}assets/pyodide/pyodide.asm.wasm`, SCOPE), "assets/pyodide/pyodide.asm.wasm");
  assert.equal(sw.sitePath(`${SCOPE}a%20b.txt`, SCOPE), "a b.txt");
});

test("a URL outside the scope or the origin is not the worker's", () => {
  assert.equal(sw.sitePath("https://example.gitlab.io/other/", SCOPE), null);
  assert.equal(sw.sitePath("https://cdn.example.com/handbook/", SCOPE), null);
});

test("cache keys ignore the query and fragment and round-trip with sitePath", () => {
  assert.equal(sw.cacheKey("licence/index.html", SCOPE), `${SCOPE}licence/index.html`);
  assert.equal(sw.cacheKey("a b.txt", SCOPE), `${SCOPE}a%20b.txt`);
  for (const path of ["index.html", "assets/pyodide/checkers-0.1.0-py3-none-any.whl", "a b.txt"]) {
    assert.equal(sw.sitePath(sw.cacheKey(path, SCOPE), SCOPE), path);
  }
});

test("one cache per build", () => {
  assert.equal(sw.buildCacheName("d75f1628a55b5b7a"), "handbook-build-d75f1628a55b5b7a");
  assert.notEqual(sw.buildCacheName("a"), sw.buildCacheName("b"));
});

test("a page's build id is read from its head", () => {
  const head = '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="x"><meta name="handbook-build" content="0123abcd">';
  assert.equal(sw.buildOfPage(head), "0123abcd");
  assert.equal(sw.buildOfPage("<meta charset=utf-8><title>t</title>"), null);
});

test("pages are network first, every other file of the build cache first", () => {
  assert.equal(sw.strategyFor("about/index.html", { kind: "page" }), "page");
  assert.equal(sw.strategyFor("assets/pyodide/pyodide.asm.wasm", { kind: "asset" }), "cache");
  assert.equal(sw.strategyFor("sitemap.xml", { kind: "host" }), "cache");
});

test("the worker itself, the manifest, skipped and unknown files always go to the network", () => {
  assert.equal(sw.strategyFor("sw.js", { kind: "asset" }), "network");
  assert.equal(sw.strategyFor("offline-manifest.json", undefined), "network");
  assert.equal(sw.strategyFor("assets/javascripts/bundle.min.js.map", { kind: "skip" }), "network");
  assert.equal(sw.strategyFor("not-in-the-build.js", undefined), "network");
  assert.equal(sw.strategyFor(null, undefined), "network");
});

test("a browser's prefetch is left to the network; what a reader's page asks for is not", () => {
  assert.equal(sw.isPrefetch({ mode: "no-cors", destination: "" }), true); // Firefox's rel=next, rel=prefetch
  assert.equal(sw.isPrefetch({ mode: "navigate", destination: "document" }), false);
  assert.equal(sw.isPrefetch({ mode: "cors", destination: "" }), false); // instant navigation, Pyodide's fetch
  assert.equal(sw.isPrefetch({ mode: "no-cors", destination: "script" }), false);
  assert.equal(sw.isPrefetch({ mode: "no-cors", destination: "image" }), false);
  assert.equal(sw.isPrefetch({ mode: "same-origin", destination: "worker" }), false);
});

test("a new build downloads only what changed; host-rewritten files are always fetched", () => {
  const old = { build: "a", files: {
    "index.html": { sha256: "1", kind: "page" }, "assets/x.js": { sha256: "2", kind: "asset" },
    "sitemap.xml": { sha256: "3", kind: "host" } } };
  const next = { build: "b", files: {
    "index.html": { sha256: "9", kind: "page" }, "assets/x.js": { sha256: "2", kind: "asset" },
    "sitemap.xml": { sha256: "3", kind: "host" }, "x.map": { sha256: "4", kind: "skip" },
    "assets/new.js": { sha256: "5", kind: "asset" } } };
  const plan = sw.downloadPlan(next, [{ build: "a", manifest: old }]);
  assert.deepEqual([...plan.fetch].sort(), ["assets/new.js", "index.html", "sitemap.xml"]);
  assert.deepEqual(JSON.parse(JSON.stringify(plan.copy)), [{ path: "assets/x.js", from: "a" }]);
  assert.equal(sw.downloadPlan(next, []).fetch.length, 4, "a first visit fetches every needed file");
});

test("old builds go once no page or worker uses them", () => {
  assert.deepEqual([...sw.buildsToDelete(["a", "b", "c"], "c", ["a"])], ["b"]);
  assert.deepEqual([...sw.buildsToDelete(["c"], "c", [])], []);
});

test("sha256 is the hex digest the build wrote", async () => {
  const digest = await sw.sha256Hex(new TextEncoder().encode("abc"));
  assert.equal(digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("WebAssembly is stored as application/wasm whatever the host sent", () => {
  assert.equal(sw.storedType("assets/pyodide/pyodide.asm.wasm", "application/octet-stream"), "application/wasm");
  assert.equal(sw.storedType("assets/checkers/worker.mjs", "text/javascript"), "text/javascript");
  assert.equal(sw.storedType("assets/pyodide/x.whl", null), "application/octet-stream");
});
