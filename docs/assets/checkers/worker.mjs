// One Python runtime for the whole visit, off the main thread. The page posts requests and
// renders the replies; every decision is made by the `checkers` package inside Pyodide.
//
// Two ways to start, both from files the site build made from the pinned Pyodide
// (site_build/finish/pyodide_bundle.py):
// - fast: a start-up library precompiled to bytecode (only what the boot and the checkers import;
//   the rest of the standard library is fetched if something imports it), and the checkers wheel
//   checked against the lock file's sha256 with SubtleCrypto, then imported straight from its
//   zip (tzdata likewise, but only when a checker imports it). Every download starts the moment
//   this module runs, in parallel.
// - snapshot: a returning reader's. The fast path, but Python's memory is restored from a snapshot
//   this worker made on an earlier visit (instead of starting the interpreter and importing the
//   checkers again): see "Memory snapshot" below.
// - plain: stock Pyodide and `loadPackage`, which checks the same sha256. Used whenever anything
//   on the fast path fails, so a broken or stale fast bundle costs time, never the answer.
// No static import on purpose: the downloads below start before Pyodide's own modules arrive.

const indexURL = new URL("../pyodide/", import.meta.url).href;
const at = (name) => new URL(name, indexURL).href;
const started = performance.now();
const quiet = { stdout: () => {}, stderr: (text) => console.warn(text) };
const reasonOf = (error) => String(error && error.message ? error.message : error);
// Where a start's time goes, as User Timing marks in this worker's timeline (DevTools' Performance
// panel shows them; `python -m benchmarks timeline` prints them): python:fetches-started, then
// python:snapshot-read (a returning reader's; detail: its bytes), python:files-ready (the start-up
// library checked, Pyodide's JavaScript and wasm ready; the wheels may still be on their way),
// python:python-started, python:checkers-imported (detail: the way Python started) and
// python:first-reply (detail: the request's op). A restore that fails leaves its marks before those
// of the fast start that follows. A mark is only ever a measurement: one that fails is skipped.
const markPhase = (phase, detail) => {
  try {
    performance.mark(`python:${phase}`, { detail });
  } catch {
    // no User Timing here: nothing to measure, nothing lost
  }
};

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}
const fetchJSON = (url) => fetchOk(url).then((response) => response.json());
const fetchBytes = (url) => fetchOk(url).then((response) => response.arrayBuffer()).then((buffer) => new Uint8Array(buffer));

// A fixed name, so its download starts now; runtime.json says which sha256 it must have.
const STARTUP_LIBRARY = "python_startup.zip";
const manifest = fetchJSON(at("runtime.json"));
const lock = fetchJSON(at("pyodide-lock.json"));
const startupLibrary = fetchBytes(at(STARTUP_LIBRARY));
const pyodideModule = import("../pyodide/pyodide.mjs");
const emscriptenModule = import("../pyodide/pyodide.asm.mjs");
// The wasm is compiled as it streams in, while Pyodide's JavaScript is still loading; loadPyodide
// gets the compiled module through withPrefetched() below.
const WASM = at("pyodide.asm.wasm");
const wasmModule = WebAssembly.compileStreaming(fetch(WASM));
// Failures are handled where they are awaited; don't report them twice.
for (const promise of [manifest, lock, startupLibrary, pyodideModule, emscriptenModule, wasmModule]) promise.catch(() => {});
markPhase("fetches-started");

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function verified(bytesPromise, expected, what) {
  const bytes = await bytesPromise;
  const actual = await sha256(bytes);
  if (actual !== expected) throw new Error(`${what}: sha256 ${actual} is not the ${expected} the build recorded`);
  return bytes;
}

/** Run loadPyodide with the wasm compiled above (and the start-up library, already checked, if
 * given): its fetches of those answered here, its instantiateStreaming given the compiled module. */
async function withPrefetched(startup, run) {
  const plainFetch = globalThis.fetch;
  const plainInstantiateStreaming = WebAssembly.instantiateStreaming;
  const compiled = Promise.resolve(new Response(null)); // stands for the wasm's response
  globalThis.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url === WASM) return compiled;
    if (startup && url === at(STARTUP_LIBRARY)) return Promise.resolve(new Response(startup));
    return plainFetch(input, init);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (source !== compiled) return plainInstantiateStreaming(source, imports);
    const module = await wasmModule;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  try {
    return await run();
  } finally {
    globalThis.fetch = plainFetch;
    WebAssembly.instantiateStreaming = plainInstantiateStreaming;
  }
}

/** A synchronous GET (allowed in workers): the rest of the standard library, imported on demand. */
function fetchSync(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`${url}: HTTP ${request.status}`);
  return new Uint8Array(request.response);
}

// ---- Memory snapshot (ADR 0009) ----
// On a first visit the fast path starts with `_makeSnapshot`; once the reader has an answer and the
// worker has been idle a moment, it copies Python's memory into Cache Storage: no extra download,
// and nothing done before the first answer. A later visit restores that memory instead of starting
// Python. The key names everything the memory was made from (the start-up library, the wheels, the
// on-demand archives, by sha256; Pyodide itself checks its own build id), so a new build never
// restores an old build's checkers. Anything wrong with a stored snapshot (it fails to restore, or
// the restored runtime does not answer) deletes it and starts the fast way, which makes a new one.
const SNAPSHOT_CACHE = "handbook-python-snapshot";
const SNAPSHOT_IDLE_MS = 1500;
const SNAPSHOT_BYTES_HEADER = "X-Snapshot-Bytes"; // its full length: a truncated entry is refused
const snapshotsPossible = typeof caches !== "undefined" && typeof caches.open === "function";

// Bump when what a restore does changes (the paths the wheels and archives are written to, what is
// imported before saving): the key then changes with it, and older snapshots are never restored.
const SNAPSHOT_FORMAT = 1;

async function snapshotKey(m, l) {
  const parts = [SNAPSHOT_FORMAT, m.boot_module, m.startup.sha256, m.rest.sha256,
    ...[...m.packages, ...Object.keys(m.on_demand)].map((name) => `${name}=${l.packages[name].sha256}`)];
  const digest = await sha256(new TextEncoder().encode(JSON.stringify(parts)));
  return at(`__snapshot__/${digest}`);
}

/** The stored snapshot for `key`, or null (and then nothing stays stored under it). Stored as it
 * is: gzip would make its 30 MiB 5 MiB, but unzipping cost the worker 250 ms alone and 500+ ms
 * beside a page still starting, and keeping only the pages that are not all zeros (half of them)
 * gained nothing measurable. */
async function storedSnapshot(key) {
  const cache = await caches.open(SNAPSHOT_CACHE);
  const response = await cache.match(key);
  if (!response) return null;
  const length = Number(response.headers.get(SNAPSHOT_BYTES_HEADER));
  // One read of the whole body: reading it chunk by chunk cost the worker 250 ms of its own time.
  const bytes = await response.arrayBuffer().catch(() => null); // a failed read loses the snapshot, not the boot
  if (bytes && length > 0 && bytes.byteLength === length) return new Uint8Array(bytes);
  await cache.delete(key);
  return null;
}

async function forgetSnapshot(key) {
  await (await caches.open(SNAPSHOT_CACHE)).delete(key);
}

async function saveSnapshot({ pyodide, runtime, key }) {
  // What the reader's questions imported is in it, nothing more: importing every checker would
  // fetch the time-zone database (the US Federal checker loads a zone as it is imported) on every
  // first visit, and write it back on every restore.
  runtime.detach(); // no reference to this worker's functions may be in the memory
  let bytes;
  try {
    bytes = pyodide.makeMemorySnapshot();
  } finally {
    runtime.attach(fetchSync);
  }
  const cache = await caches.open(SNAPSHOT_CACHE);
  for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request); // an older build's
  const headers = { "Content-Type": "application/octet-stream", [SNAPSHOT_BYTES_HEADER]: String(bytes.length) };
  await cache.put(key, new Response(bytes, { headers }));
}

/** `restore`: the bytes of a stored snapshot; `makeSnapshot`: start so that one can be made later. */
async function fastBoot({ restore = null, makeSnapshot = false } = {}) {
  const [m, l] = await Promise.all([manifest, lock]);
  const wheels = m.packages.map((name) => {
    const spec = l.packages[name];
    return verified(fetchBytes(at(spec.file_name)), spec.sha256, spec.file_name).then((bytes) => [spec.file_name, bytes]);
  });
  wheels.forEach((wheel) => wheel.catch(() => {}));
  if (m.startup.file !== STARTUP_LIBRARY) throw new Error(`runtime.json names ${m.startup.file}, not ${STARTUP_LIBRARY}`);
  const startup = await verified(startupLibrary, m.startup.sha256, STARTUP_LIBRARY);
  // Pyodide hangs rather than fails on a wasm it cannot compile: find out here, and fall back.
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([pyodideModule, emscriptenModule, wasmModule]);
  const memory = restore ? { _loadSnapshot: restore } : makeSnapshot ? { _makeSnapshot: true } : {};
  const way = restore ? "snapshot" : "fast";
  markPhase("files-ready", way);
  const pyodide = await withPrefetched(startup, () =>
    loadPyodide({ indexURL, stdLibURL: at(STARTUP_LIBRARY), lockFileContents: l, packageBaseUrl: indexURL, createPyodideModule, ...memory, ...quiet }),
  );
  markPhase("python-started", way);
  const runtime = pyodide.pyimport(m.boot_module);
  if (!restore) {
    runtime.install(m.rest.modules, at(m.rest.file), m.rest.sha256, fetchSync, "/lib/stdlib-rest.zip");
    // tzdata: fetched (and its sha256 checked against the lock file) only if a checker imports it.
    for (const [name, modules] of Object.entries(m.on_demand)) {
      const spec = l.packages[name];
      runtime.install(modules, at(spec.file_name), spec.sha256, fetchSync, `/lib/wheels/${spec.file_name}`);
    }
  }
  // A restored runtime has the wheels on sys.path already, but an empty file system.
  pyodide.FS.mkdirTree("/lib/wheels");
  for (const [fileName, bytes] of await Promise.all(wheels)) {
    pyodide.FS.writeFile(`/lib/wheels/${fileName}`, bytes);
    if (!restore) runtime.mount(`/lib/wheels/${fileName}`);
  }
  if (restore) runtime.attach(fetchSync);
  return { pyodide, runtime };
}

async function plainBoot() {
  const { loadPyodide } = await import("../pyodide/pyodide.mjs");
  const boot = () => loadPyodide({ indexURL, lockFileURL: at("pyodide-lock.json"), ...quiet });
  const compiled = await wasmModule.then(() => true, () => false);
  const pyodide = await (compiled ? withPrefetched(null, boot) : boot());
  const packages = await manifest.then((m) => [...m.packages, ...Object.keys(m.on_demand)], () => ["checkers", "tzdata"]);
  // loadPackage checks each wheel against the sha256 in the lock file before installing it.
  await pyodide.loadPackage(packages, { messageCallback: () => {}, errorCallback: (text) => console.warn(text) });
  return pyodide;
}

/** The key this runtime's snapshot has, or null where none can be kept (no Cache Storage, a runtime
 * manifest the fast boot cannot use either: the plain boot then answers, with no snapshot). */
async function usableSnapshotKey() {
  if (!snapshotsPossible) return null;
  try {
    const [m, l] = await Promise.all([manifest, lock]);
    const key = await snapshotKey(m, l);
    await caches.open(SNAPSHOT_CACHE); // refused in some private windows: then never make one
    return key;
  } catch {
    return null;
  }
}

async function boot() {
  const key = await usableSnapshotKey();
  // A worker started again after a failure (transport.js, Retry) never restores: whatever failed
  // may have been the snapshot (a restore that hung until the time-out). It makes a new one.
  const restore = key && new URL(import.meta.url).searchParams.get("snapshot") !== "off";
  const bytes = restore ? await storedSnapshot(key).catch(() => null) : null;
  if (bytes) {
    markPhase("snapshot-read", bytes.length);
    try {
      const { pyodide, runtime } = await fastBoot({ restore: bytes });
      const bridge = bridgeOf(pyodide); // its first answer proves the restored runtime answers at all
      markPhase("checkers-imported", "snapshot");
      return { ...bridge, path: "snapshot", pyodide, runtime, key: null };
    } catch (error) {
      console.warn(`Restoring Python from its snapshot failed, starting the fast way: ${reasonOf(error)}`);
      await forgetSnapshot(key).catch(() => {});
    }
  }
  let started;
  let path = "fast";
  try {
    started = await fastBoot({ makeSnapshot: Boolean(key) });
  } catch (error) {
    console.warn(`Fast Python start-up failed, starting the plain way: ${reasonOf(error)}`);
    path = "plain";
    started = { pyodide: await plainBoot(), runtime: null };
  }
  // Each checker's module is imported by its first question (checkers.engine.registry), not all at once.
  const bridge = bridgeOf(started.pyodide);
  markPhase("checkers-imported", path);
  return { ...bridge, path, ...started, key: path === "fast" ? key : null };
}

/** The bridge's entry point, and the operations to answer ahead of the others waiting (`first`):
 * checkers/web/bridge.py names them in reply to `{"op": "ops"}`, so no op name is kept here. */
function bridgeOf(pyodide) {
  const handle = pyodide.pyimport("checkers.web.bridge").handle;
  const reply = JSON.parse(handle(JSON.stringify({ op: "ops" })));
  if (!reply.ok || !Array.isArray(reply.result?.first)) throw new Error("the checkers' bridge does not answer");
  return { handle, first: new Set(reply.result.first) };
}

const ready = boot();

ready.then(
  ({ path }) => {
    globalThis.handbookPythonBoot = path; // which way Python started, for DevTools and the tests
    postMessage({ type: "ready", ms: Math.round(performance.now() - started), boot: path });
  },
  (error) => postMessage({ type: "failed", message: reasonOf(error) }),
);

// The snapshot is made once, after the first answer, when no request has come for a moment.
let snapshotTimer = null;
function snapshotWhenIdle(booted) {
  if (!booted.key) return;
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(() => {
    const { key } = booted;
    booted.key = null; // once per worker, whatever happens
    saveSnapshot({ ...booted, key }).then(
      () => { globalThis.handbookPythonSnapshot = "saved"; },
      (error) => {
        globalThis.handbookPythonSnapshot = "failed";
        console.warn(`No memory snapshot of Python was kept: ${reasonOf(error)}`);
      },
    );
  }, SNAPSHOT_IDLE_MS);
}

// Requests of the ops the bridge names `first` (a form's answer, its link: what the reader waits to
// see) are answered before the rest, such as the walk of the guided response (checkers/web/bridge.py,
// FIRST); each group in the order it came. Every request is independent of the others, so the
// order changes no reply. One request per task: the messages sent meanwhile are in the queue
// before the next is chosen (those that came while Python was starting reach this worker only once
// the start's last long task is over), and a form asked again once its first reply came goes ahead
// of the walk still waiting.
const waiting = [];
let booted; // the runtime once started; null if it could not start; undefined until then
let bootFailure = null;
let drainQueued = false;
let replied = false;

function answer(data) {
  const { id, request } = data || {};
  let reply;
  try {
    if (!booted) throw bootFailure;
    reply = JSON.parse(booted.handle(JSON.stringify(request)));
  } catch (error) {
    reply = { ok: false, error: { field: null, message: reasonOf(error), code: "runtime" } };
  }
  postMessage({ type: "reply", id, reply });
  if (!replied) markPhase("first-reply", request?.op);
  replied = true;
}

function next() {
  const first = booted ? booted.first : new Set();
  const index = waiting.findIndex((data) => first.has(data?.request?.op));
  return waiting.splice(Math.max(index, 0), 1)[0];
}

function drain() {
  drainQueued = false;
  answer(next());
  if (waiting.length) drainSoon();
  else if (booted) snapshotWhenIdle(booted);
}

// A task of its own through a channel, not a timer (which a browser may clamp or throttle).
const { port1: nextTask, port2: onNextTask } = new MessageChannel();
onNextTask.onmessage = drain;

function drainSoon() {
  if (drainQueued || booted === undefined || !waiting.length) return;
  drainQueued = true;
  nextTask.postMessage(null);
}

ready.then(
  (runtime) => { booted = runtime; },
  (error) => { booted = null; bootFailure = error; },
).then(drainSoon);

addEventListener("message", ({ data }) => {
  waiting.push(data);
  drainSoon();
});
