// One Python runtime for the whole visit, off the main thread. The page posts requests and
// renders the replies; every decision is made by the `checkers` package inside Pyodide.
//
// Two ways to start, both from files the site build made from the pinned Pyodide
// (site_build/pyodide_bundle.py):
// - fast: a start-up library precompiled to bytecode (only what the boot and the checkers import;
//   the rest of the standard library is fetched if something imports it), and the checkers wheel
//   checked against the lock file's sha256 with SubtleCrypto, then imported straight from its
//   zip (tzdata likewise, but only when a checker imports it). Every download starts the moment
//   this module runs, in parallel.
// - plain: stock Pyodide and `loadPackage`, which checks the same sha256. Used whenever anything
//   on the fast path fails, so a broken or stale fast bundle costs time, never the answer.
// No static import on purpose: the downloads below start before Pyodide's own modules arrive.

const indexURL = new URL("../pyodide/", import.meta.url).href;
const at = (name) => new URL(name, indexURL).href;
const started = performance.now();
const quiet = { stdout: () => {}, stderr: (text) => console.warn(text) };

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

async function fastBoot() {
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
  const pyodide = await withPrefetched(startup, () =>
    loadPyodide({ indexURL, stdLibURL: at(STARTUP_LIBRARY), lockFileContents: l, packageBaseUrl: indexURL, createPyodideModule, ...quiet }),
  );
  const runtime = pyodide.pyimport(m.boot_module);
  runtime.install(m.rest.modules, at(m.rest.file), m.rest.sha256, fetchSync, "/lib/stdlib-rest.zip");
  pyodide.FS.mkdirTree("/lib/wheels");
  // tzdata: fetched (and its sha256 checked against the lock file) only if a checker imports it.
  for (const [name, modules] of Object.entries(m.on_demand)) {
    const spec = l.packages[name];
    runtime.install(modules, at(spec.file_name), spec.sha256, fetchSync, `/lib/wheels/${spec.file_name}`);
  }
  for (const [fileName, bytes] of await Promise.all(wheels)) {
    pyodide.FS.writeFile(`/lib/wheels/${fileName}`, bytes);
    runtime.mount(`/lib/wheels/${fileName}`);
  }
  return pyodide;
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

async function boot() {
  let pyodide;
  let path = "fast";
  try {
    pyodide = await fastBoot();
  } catch (error) {
    console.warn(`Fast Python start-up failed, starting the plain way: ${error && error.message ? error.message : error}`);
    path = "plain";
    pyodide = await plainBoot();
  }
  // Each checker's module is imported by its first question (checkers.registry), not all at once.
  const handle = pyodide.pyimport("checkers.bridge").handle;
  return { handle, path };
}

const ready = boot();

ready.then(
  ({ path }) => postMessage({ type: "ready", ms: Math.round(performance.now() - started), boot: path }),
  (error) => postMessage({ type: "failed", message: String(error && error.message ? error.message : error) }),
);

addEventListener("message", async ({ data }) => {
  const { id, request } = data;
  let reply;
  try {
    const { handle } = await ready;
    reply = JSON.parse(handle(JSON.stringify(request)));
  } catch (error) {
    reply = { ok: false, error: { field: null, message: String(error && error.message ? error.message : error), code: "runtime" } };
  }
  postMessage({ type: "reply", id, reply });
});
