// The handbook's service worker (copied to the site root as sw.js by site_build/finish/offline.py).
//
// One cache per build ("handbook-build-<id>"), filled from offline-manifest.json with every
// file checked against its sha256; a build's cache counts only once every file is in it. A page
// is served with its subresources from the cache of the build it came from (each page names its
// build in <meta name="handbook-build">), so a page, its Python worker and the wheels are never
// from two builds. Pages: network first, that build's copy as the fallback. Everything else:
// cache first. Anything this worker cannot answer goes to the network, as with no worker at all.
//
// A classic script, not a module: the pure functions below are also loaded by
// tests/offline/service_worker.test.mjs (node --test) with no browser around them.

const SCHEMA = "handbook-build-";
const STATE_CACHE = "handbook-offline-state";
const MANIFEST = "offline-manifest.json";
const SELF = "sw.js";
const NAVIGATION_TIMEOUT_MS = 4000; // a network that hangs (a captive portal, a dying VPN) falls back
const PARALLEL_DOWNLOADS = 3;
const BUILD_META = /<meta name="handbook-build" content="([0-9a-f]+)">/;

// ---- Pure logic (tested under Node) ----

/** The site path ("about/index.html", "" for none) of a URL under the scope, or null outside it. */
function sitePath(url, scope) {
  const parsed = new URL(url);
  const root = new URL(scope);
  if (parsed.origin !== root.origin || !parsed.pathname.startsWith(root.pathname)) return null;
  let path = decodeURIComponent(parsed.pathname.slice(root.pathname.length));
  if (path === "" || path.endsWith("/")) path += "index.html";
  return path;
}

/** The cache key of a site path: one key per file, whatever query or fragment the link had. */
function cacheKey(path, scope) {
  return new URL(path.split("/").map(encodeURIComponent).join("/"), scope).href;
}

function buildCacheName(build) {
  return SCHEMA + build;
}

/** The build id named in the first bytes of a page, or null. */
function buildOfPage(head) {
  const match = BUILD_META.exec(head);
  return match ? match[1] : null;
}

/** How a request is answered: "network" (not ours), "page" (network first, the build's copy as
 * fallback) or "cache" (cache first, from the build of the page that asks). `entry` is the
 * file's manifest entry or undefined. */
function strategyFor(path, entry) {
  if (path === null || path === SELF || path === MANIFEST) return "network";
  if (!entry || entry.kind === "skip") return "network";
  return entry.kind === "page" ? "page" : "cache";
}

/** A request the browser makes on a hint rather than for a reader (Firefox prefetches the page a
 * <link rel="next"> names; <link rel="prefetch">): no-cors, for no destination. Left to the
 * network, as with no worker: answering it gains nothing, and when the reader moves on first, the
 * cancelled answer is logged as an error ("A ServiceWorker intercepted the request and encountered
 * an unexpected error"), where a cancelled prefetch of the browser's own is silent. */
function isPrefetch({ mode, destination }) {
  return mode === "no-cors" && destination === "";
}

/** Files of `next` to fetch, and those to copy from an earlier build whose bytes are the same. */
function downloadPlan(next, earlier) {
  const fetchList = [];
  const copy = [];
  for (const [path, entry] of Object.entries(next.files)) {
    if (entry.kind === "skip") continue;
    const source = earlier.find(({ manifest }) => {
      const old = manifest.files[path];
      return old && old.kind !== "host" && entry.kind !== "host" && old.sha256 === entry.sha256;
    });
    if (source) copy.push({ path, from: source.build });
    else fetchList.push(path);
  }
  return { fetch: fetchList, copy };
}

/** Builds whose caches can go: not the latest and not used by any open page or worker. */
function buildsToDelete(complete, latest, inUse) {
  return complete.filter((build) => build !== latest && !inUse.includes(build));
}

/** The Content-Type to store a file with: the host's, except that WebAssembly is always
 * application/wasm, which WebAssembly.compileStreaming (the Python worker) insists on. */
function storedType(path, sent) {
  if (path.endsWith(".wasm")) return "application/wasm";
  return sent || "application/octet-stream";
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// ---- The worker ----

const scope = () => self.registration.scope;
const manifests = new Map(); // build -> manifest, for the builds whose cache is complete
const clientBuilds = new Map(); // client id -> Promise<build id | null> (null: from the network, unknown)
let checking = null;
let latestBuild; // the newest complete build (undefined: not read from the state cache yet)

const MARKER = "__offline__/complete"; // written last into a build's cache, with its manifest

async function latest() {
  if (latestBuild === undefined) {
    const cache = await caches.open(STATE_CACHE);
    const response = await cache.match(cacheKey("__offline__/state", scope()));
    latestBuild = response ? (await response.json()).latest : null;
  }
  return latestBuild;
}

async function setLatest(build) {
  const cache = await caches.open(STATE_CACHE);
  await cache.put(cacheKey("__offline__/state", scope()), new Response(JSON.stringify({ latest: build })));
  latestBuild = build;
}

/** The manifest of a complete build (from memory or its cache), or null. */
async function completeManifest(build) {
  if (!build) return null;
  if (manifests.has(build)) return manifests.get(build);
  if (!(await caches.has(buildCacheName(build)))) return null;
  const cache = await caches.open(buildCacheName(build));
  const marker = await cache.match(cacheKey(MARKER, scope()));
  if (!marker) return null;
  const manifest = await marker.json();
  manifests.set(build, manifest);
  return manifest;
}

async function completeBuilds() {
  const names = (await caches.keys()).filter((name) => name.startsWith(SCHEMA));
  const found = [];
  for (const name of names) {
    const build = name.slice(SCHEMA.length);
    if (await completeManifest(build)) found.push(build);
  }
  return found;
}

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) client.postMessage(message);
}

async function fetchVerified(path, entry) {
  const url = cacheKey(path, scope());
  for (const mode of ["no-cache", "reload"]) { // a stale HTTP cache gets one second chance
    const response = await fetch(url, { cache: mode, credentials: "same-origin", priority: "low" });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    if (entry.kind === "host" || (await sha256Hex(bytes)) === entry.sha256) {
      // Only the type is kept: the body is stored decoded, whatever encoding it came in.
      const type = storedType(path, response.headers.get("Content-Type"));
      return new Response(bytes, { headers: { "Content-Type": type } });
    }
  }
  throw new Error(`${path}: its sha256 is not the one in ${MANIFEST} (a newer deploy under way?)`);
}

async function download(manifest) {
  const name = buildCacheName(manifest.build);
  const cache = await caches.open(name);
  const earlier = [];
  for (const build of await completeBuilds()) earlier.push({ build, manifest: await completeManifest(build) });
  const plan = downloadPlan(manifest, earlier);
  for (const { path, from } of plan.copy) {
    const old = await (await caches.open(buildCacheName(from))).match(cacheKey(path, scope()));
    if (old) await cache.put(cacheKey(path, scope()), old);
    else plan.fetch.push(path);
  }
  const queue = [...plan.fetch];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      await cache.put(cacheKey(path, scope()), await fetchVerified(path, manifest.files[path]));
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
  } catch (error) {
    await caches.delete(name); // half a build is no build: the next check starts again
    throw error;
  }
  await cache.put(cacheKey(MARKER, scope()), new Response(JSON.stringify(manifest)));
  manifests.set(manifest.build, manifest);
}

async function buildsInUse() {
  const open = await self.clients.matchAll({ type: "all", includeUncontrolled: true });
  const ids = new Set(open.map((client) => client.id));
  for (const id of clientBuilds.keys()) if (!ids.has(id)) clientBuilds.delete(id); // closed since
  const builds = await Promise.all(open.map((client) => clientBuilds.get(client.id) || null));
  return builds.filter(Boolean);
}

async function tidy(keep) {
  const complete = await completeBuilds();
  for (const build of buildsToDelete(complete, keep, await buildsInUse())) {
    manifests.delete(build);
    await caches.delete(buildCacheName(build));
  }
}

/** Fetch the manifest; download a build not seen yet; tell the pages when it is ready. */
function checkForUpdate() {
  checking ||= (async () => {
    const response = await fetch(cacheKey(MANIFEST, scope()), { cache: "no-store" });
    if (response.status === 404) { // the site stopped shipping an offline copy: step aside
      for (const name of await caches.keys()) if (name.startsWith(SCHEMA) || name === STATE_CACHE) await caches.delete(name);
      await self.registration.unregister();
      return;
    }
    if (!response.ok) throw new Error(`${MANIFEST}: HTTP ${response.status}`);
    const manifest = await response.json();
    if (!(await completeManifest(manifest.build))) await download(manifest);
    if ((await latest()) !== manifest.build) await setLatest(manifest.build);
    await broadcast({ type: "handbook-offline", state: "ready", build: manifest.build, deployed: true });
    await tidy(manifest.build);
  })().finally(() => { checking = null; });
  return checking;
}

/** The first bytes of a page's response, enough to read its build id. */
async function headOf(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < 16384 && !text.includes("</head>")) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (buildOfPage(text)) break;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  return text;
}

function withTimeout(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), ms))]);
}

/** The cached copy of a page: from `build` if given, else from the latest complete build. */
async function cachedPage(path, build) {
  const from = build || (await latest());
  const manifest = await completeManifest(from);
  if (!manifest) return null;
  const cache = await caches.open(buildCacheName(from));
  const key = manifest.files[path] ? path : "404.html";
  const response = await cache.match(cacheKey(key, scope()));
  if (!response) return null;
  if (key === path) return { response, build: from };
  return { response: new Response(response.body, { status: 404, headers: response.headers }), build: from };
}

async function servePage(event, path, clientBuild) {
  try {
    const response = await withTimeout(fetch(event.request), NAVIGATION_TIMEOUT_MS);
    if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
    if (!response.ok || !(response.headers.get("Content-Type") || "").includes("html")) return { response, build: null };
    const build = buildOfPage(await headOf(response.clone()));
    // A page fetched by a page already open (instant navigation) must come from that page's
    // build: a newer one is offered by the notice instead of being mixed into this document.
    if (clientBuild && build !== clientBuild) {
      const cached = await cachedPage(path, clientBuild);
      if (cached) {
        event.waitUntil(checkForUpdate().catch(() => {}));
        return cached;
      }
    }
    return { response, build };
  } catch (error) {
    const cached = await cachedPage(path, clientBuild);
    if (cached) return cached;
    throw error;
  }
}

/** Answer from the cache of `build` (complete), or null if that build has no such file. */
async function fromBuild(build, path) {
  if (!(await completeManifest(build))) return null;
  const cache = await caches.open(buildCacheName(build));
  return (await cache.match(cacheKey(path, scope()))) || null;
}

async function respond(event) {
  const { request } = event;
  const path = sitePath(request.url, scope());
  const clientBuild = await (clientBuilds.get(event.clientId) || null);
  const newest = await latest();
  const manifest = await completeManifest(clientBuild || newest);
  const strategy = strategyFor(path, manifest && manifest.files[path]);
  if (request.mode === "navigate") {
    const served = servePage(event, path, null);
    clientBuilds.set(event.resultingClientId, served.then(({ build }) => build, () => null));
    const { response } = await served;
    return response;
  }
  if (request.destination === "worker" || request.destination === "sharedworker") {
    clientBuilds.set(event.resultingClientId, Promise.resolve(clientBuild)); // the worker is its page's build
  }
  if (strategy === "page") return (await servePage(event, path, clientBuild)).response;
  if (clientBuild && strategy !== "network") {
    const cached = await fromBuild(clientBuild, path);
    if (cached) return cached;
  }
  try {
    return await fetch(request);
  } catch (error) {
    // A page whose build is not known here (it was open before this worker took over): its
    // files from the latest complete build rather than nothing, once the network is gone.
    const cached = !clientBuild && newest ? await fromBuild(newest, path) : null;
    if (cached) return cached;
    throw error;
  }
}

if (typeof ServiceWorkerGlobalScope !== "undefined" && self instanceof ServiceWorkerGlobalScope) {
  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener("fetch", (event) => {
    const { request } = event;
    if (request.method !== "GET" || isPrefetch(request) || sitePath(request.url, scope()) === null) return;
    // Whatever goes wrong in here, the request still goes to the network, as with no worker.
    event.respondWith(respond(event).catch(() => fetch(request)));
  });
  self.addEventListener("message", (event) => {
    const { data, source } = event;
    if (!data || data.type !== "handbook-offline") return;
    if (data.build && source) clientBuilds.set(source.id, Promise.resolve(data.build));
    event.waitUntil((async () => {
      const newest = await latest();
      if (newest && (await completeManifest(newest)) && source) {
        source.postMessage({ type: "handbook-offline", state: "ready", build: newest });
      }
      if (data.check) await checkForUpdate();
    })().catch((error) => {
      if (source) source.postMessage({ type: "handbook-offline", state: "failed", message: String(error && error.message || error) });
    }));
  });
}
