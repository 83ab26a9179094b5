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
globalThis.Worker = class extends FakeWorker {
  constructor() {
    super();
    created += 1;
  }
};
globalThis.window = {};
const early = new FakeWorker();
const kept = [message({ type: "ready", ms: 12, boot: "snapshot" })];
window.handbookEarlyPython = { worker: early, release: () => kept.splice(0) };
const { ask, runtime, startRuntime } = await import("../../docs/assets/checkers/transport.js");

test("the early worker is adopted, its ready message replayed, and asking goes to it", async () => {
  startRuntime();
  assert.equal(created, 0, "a second worker was started");
  assert.equal(window.handbookEarlyPython, null, "the early worker is taken once");
  assert.equal(runtime.state, "ready");
  assert.equal(runtime.boot, "snapshot");
  const reply = ask({ op: "names" });
  const [{ id }] = early.posted;
  early.dispatchEvent(message({ type: "reply", id, reply: { ok: true, result: ["qualification"] } }));
  assert.deepEqual(await reply, { ok: true, result: ["qualification"] });
  assert.equal(early.terminated, false);
});
