// How a renderer's sections compose with the generic result (docs/assets/checkers/compose.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { compose } from "../../docs/assets/checkers/compose.js";

const base = () => ["outcome", "because", "actions", "say", "fields", "sources"].map((id) => ({ id, node: id.toUpperCase() }));
const ids = (sections) => sections.map((s) => s.id);

test("with no changes the generic sections stay, in order", () => {
  assert.deepEqual(ids(compose(base())), ["outcome", "because", "actions", "say", "fields", "sources"]);
});

test("a section with a known id replaces it in place, and null removes it", () => {
  const result = compose(base(), [{ id: "actions", node: "NESTED" }, { id: "fields", node: null }]);
  assert.deepEqual(ids(result), ["outcome", "because", "actions", "say", "sources"]);
  assert.equal(result[2].node, "NESTED");
});

test("new sections go after or before the one named, or at the end when it is absent", () => {
  const result = compose(base(), [
    { id: "warnings", node: "W", after: "outcome" },
    { id: "timeline", node: "T", after: "warnings" },
    { id: "phrases", node: "P", before: "sources" },
    { id: "handover", node: "H", after: "no-such-section" },
  ]);
  assert.deepEqual(ids(result), ["outcome", "warnings", "timeline", "because", "actions", "say", "fields", "phrases", "sources", "handover"]);
});

test("composing never changes the base sections it was given", () => {
  const original = base();
  compose(original, [{ id: "outcome", node: "X" }, { id: "extra", node: "E", after: "outcome" }]);
  assert.deepEqual(original, base());
});

test("a form without a generic result is only its renderer's sections", () => {
  assert.deepEqual(ids(compose([], [{ id: "a", node: 1 }, { id: "b", node: 2, before: "a" }])), ["b", "a"]);
});
