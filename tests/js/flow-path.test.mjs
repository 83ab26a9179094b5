// The pure parts of the flow's page modules, under Node's own test runner (`node --test tests/`).
import assert from "node:assert/strict";
import test from "node:test";

import { matches } from "../../docs/assets/checkers/exception-aids.js";

test("the aids filter keeps an item that holds every word typed", () => {
  assert.equal(matches("pipelines are stuck in all projects", ["pipelines", "all"]), true);
  assert.equal(matches("pipelines are stuck in all projects", ["pipelines", "login"]), false);
  assert.equal(matches("anything", []), true);
});

test("the step's status words come from Python's status and outcome", async () => {
  globalThis.window ??= globalThis; // transport.js reads window settings when imported
  const { statusText } = await import("../../docs/assets/checkers/flow-path.js");
  assert.equal(statusText({ status: "done", outcome: "strict" }), "Done: strict");
  assert.equal(statusText({ status: "skipped", outcome: null }), "Skipped");
});
