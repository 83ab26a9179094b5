// The pure parts of the flow's page modules, under Node's own test runner (`node --test tests/`).
import assert from "node:assert/strict";
import test from "node:test";

import { matches } from "../../docs/assets/checkers/exception-aids.js";

test("the aids filter keeps an item that holds every word typed", () => {
  assert.equal(matches("pipelines are stuck in all projects", ["pipelines", "all"]), true);
  assert.equal(matches("pipelines are stuck in all projects", ["pipelines", "login"]), false);
  assert.equal(matches("anything", []), true);
});
