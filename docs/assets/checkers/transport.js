// The worker transport: one Python runtime (a module Web Worker) for the whole visit, and `ask`, which
// never leaves the page waiting on a dead one. A boot that fails or takes too long, a worker `error`
// event (an exception at boot, an out-of-memory), or a request left unanswered too long all end the
// worker; every waiting request is answered with an error (code "runtime"), and `restart()` (the
// widgets' Retry button) starts a fresh worker.

// Generous for slow networks; a wrong MIME type or a missing file makes Pyodide hang, not fail.
const STARTUP_TIMEOUT_MS = () => window.HANDBOOK_STARTUP_TIMEOUT_MS || 60000;
// Once Python runs, an answer takes milliseconds; one that takes this long means the worker is stuck.
const REQUEST_TIMEOUT_MS = () => window.HANDBOOK_REQUEST_TIMEOUT_MS || 20000;

const WORKER_URL = new URL("worker.mjs", import.meta.url);
// After a failure: a worker that does not restore Python's memory snapshot (worker.mjs).
const FRESH_WORKER_URL = new URL("worker.mjs?snapshot=off", import.meta.url);
let startedBefore = false;

export const runtime = { state: "idle", message: "", boot: null };
const listeners = new Set();
let worker = null;
let bootTimer = null;
let nextId = 1;
const pending = new Map(); // id -> {resolve, timer}

function setState(state, message = "") {
  runtime.state = state;
  runtime.message = message;
  for (const listener of [...listeners]) listener(runtime);
}

/** Call `listener(runtime)` on every change of state; returns a function that stops it. */
export function onRuntime(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function failure(message) {
  return { ok: false, error: { field: null, message, code: "runtime" } };
}

function fail(message) {
  clearTimeout(bootTimer);
  if (worker) worker.terminate();
  worker = null;
  for (const { resolve, timer } of pending.values()) {
    clearTimeout(timer);
    resolve(failure(message));
  }
  pending.clear();
  setState("failed", message);
}

function armTimeout(id) {
  const entry = pending.get(id);
  if (!entry || entry.timer) return;
  entry.timer = setTimeout(() => {
    if (pending.has(id)) fail(`Python did not answer within ${REQUEST_TIMEOUT_MS() / 1000} seconds`);
  }, REQUEST_TIMEOUT_MS());
}

/** The worker start-python.js started from <head>, if there is one not yet taken. */
function takeEarlyWorker() {
  const early = window.handbookEarlyPython;
  window.handbookEarlyPython = false; // taken, or none: a starter that runs late starts nothing
  return early || null;
}

export function startRuntime() {
  if (worker || runtime.state === "failed") return;
  setState("starting");
  const limit = STARTUP_TIMEOUT_MS();
  bootTimer = setTimeout(() => fail(`Python did not start within ${limit / 1000} seconds`), limit);
  const early = takeEarlyWorker();
  try {
    worker = early ? early.worker : new Worker(startedBefore ? FRESH_WORKER_URL : WORKER_URL, { type: "module" });
    startedBefore = true;
  } catch (error) {
    fail(String(error));
    return;
  }
  const mine = worker;
  const onMessage = ({ data }) => {
    if (mine !== worker) return; // a worker already given up on
    if (data.type === "ready") {
      clearTimeout(bootTimer);
      runtime.boot = data.boot;
      setState("ready", `${data.ms} ms`);
      for (const id of pending.keys()) armTimeout(id); // the clock starts once Python can answer
    } else if (data.type === "failed") {
      fail(data.message);
    } else if (data.type === "reply") {
      const entry = pending.get(data.id);
      pending.delete(data.id);
      if (entry) {
        clearTimeout(entry.timer);
        entry.resolve(data.reply);
      }
    }
  };
  const onError = (event) => {
    if (mine !== worker) return;
    event.preventDefault();
    fail(event.message || "the Python worker stopped");
  };
  const onMessageError = () => mine === worker && fail("the Python worker sent a message that cannot be read");
  const handlers = { message: onMessage, error: onError, messageerror: onMessageError };
  for (const [type, handler] of Object.entries(handlers)) mine.addEventListener(type, handler);
  // What the early worker sent before this module ran (its "ready", at the least), in order.
  if (early) for (const event of early.release()) handlers[event.type](event);
}

/** Start again after a failure: a fresh worker; the widgets ask again when it is ready. */
export function restart() {
  if (runtime.state !== "failed") return;
  runtime.state = "idle";
  startRuntime();
}

/** Ask the Python side. Resolves to {ok, result, asked? (a form), presets? (a flow)} or {ok: false, error: {field, message, code}}. */
export function ask(request) {
  startRuntime();
  if (runtime.state === "failed") return Promise.resolve(failure(runtime.message));
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, { resolve, timer: null });
    worker.postMessage({ id, request });
    if (runtime.state === "ready") armTimeout(id);
  });
}
