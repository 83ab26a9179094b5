// The one storage helper (docs/assets/checkers/storage.js): storage that throws never breaks a caller.
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { openStore } from "../../docs/assets/checkers/storage.js";

function memoryStorage() {
  const data = new Map();
  return {
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    removeItem: (key) => data.delete(key),
  };
}

afterEach(() => delete globalThis.window);

test("a working store keeps and gives back JSON values", () => {
  globalThis.window = { localStorage: memoryStorage() };
  const store = openStore();
  assert.equal(store.available, true);
  assert.equal(store.write("ticks", { a: true }), true);
  assert.deepEqual(store.read("ticks", {}), { a: true });
  assert.deepEqual(store.read("absent", { none: 1 }), { none: 1 });
});

test("a store whose writes throw (a full quota, a private mode) is unavailable, and nothing throws", () => {
  const refusing = { ...memoryStorage(), setItem: () => { throw new Error("QuotaExceededError"); } };
  globalThis.window = { localStorage: refusing };
  const store = openStore();
  assert.equal(store.available, false);
  assert.equal(store.write("ticks", { a: true }), false);
  assert.deepEqual(store.read("ticks", {}), {});
});

test("a localStorage getter that throws (site data blocked) is unavailable too", () => {
  globalThis.window = {};
  Object.defineProperty(globalThis.window, "localStorage", { get() { throw new Error("SecurityError"); } });
  const store = openStore();
  assert.equal(store.available, false);
  assert.deepEqual(store.read("ticks", []), []);
});

test("an unreadable saved value gives the fallback", () => {
  const storage = memoryStorage();
  storage.setItem("ticks", "{not json");
  globalThis.window = { localStorage: storage };
  assert.deepEqual(openStore().read("ticks", { fresh: true }), { fresh: true });
});
