// Adopting the worker start-python.js started from <head> (docs/assets/checkers/transport.js): what
// the worker sent before the page script ran is not lost, and no second worker is started.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeWorker extends globalThis.EventTarget {
  constructor() {
    super();
    this.posted = [];
    this.terminated = false;
  }
  postMessage(message) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
}
const message = (data) => Object.assign(new globalThis.Event("message"), { data });

let created = 0;
let latest = null;
globalThis.Worker = class extends FakeWorker {
  constructor(url) {
    super();
    created += 1;
    this.url = String(url);
    latest = this;
  }
};
globalThis.window = {};
const early = new FakeWorker();
const kept = [message({ type: "ready", ms: 12, boot: "snapshot" })];
window.handbookEarlyPython = { worker: early, release: () => kept.splice(0) };
const { ask, restart, runtime, startRuntime } = await import("../../docs/assets/checkers/transport.js");

test("the early worker is adopted, its ready message replayed, and asking goes to it", async () => {
  startRuntime();
  assert.equal(created, 0, "a second worker was started");
  assert.equal(window.handbookEarlyPython, false, "the early worker is taken once, and a late starter starts none");
  assert.equal(runtime.state, "ready");
  assert.equal(runtime.boot, "snapshot");
  const reply = ask({ op: "names" });
  const [{ id }] = early.posted;
  early.dispatchEvent(message({ type: "reply", id, reply: { ok: true, result: ["qualification"] } }));
  assert.deepEqual(await reply, { ok: true, result: ["qualification"] });
  assert.equal(early.terminated, false);
});

test("after a failure, Retry starts a worker that does not restore Python's snapshot", () => {
  early.dispatchEvent(message({ type: "failed", message: "boom" }));
  assert.equal(runtime.state, "failed");
  assert.equal(early.terminated, true);
  restart();
  assert.equal(created, 1);
  assert.match(latest.url, /worker\.mjs\?snapshot=off$/);
});
