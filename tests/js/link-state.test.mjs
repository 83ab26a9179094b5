// How a value from the page's link sets a field (docs/assets/checkers/link-state.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { controlStateFor } from "../../docs/assets/checkers/link-state.js";

test("a choice and a yes/no answer check the control with that value", () => {
  assert.deepEqual([...controlStateFor("choice", "premium").checked], ["premium"]);
  assert.deepEqual([...controlStateFor("boolean", true).checked], ["true"]);
});

test("a multi-choice value from the link checks each listed value, from a list or commas", () => {
  assert.deepEqual([...controlStateFor("multi-choice", ["legal", "audit"]).checked], ["legal", "audit"]);
  assert.deepEqual([...controlStateFor("multi-choice", "legal, audit,").checked], ["legal", "audit"]);
});

test("a date list goes into its text box one date a line", () => {
  assert.equal(controlStateFor("date-list", ["2024-12-25", "2024-12-26"]).text, "2024-12-25\n2024-12-26");
});

test("a date-time keeps the link's own value beside what the input shows", () => {
  const state = controlStateFor("datetime", "2024-03-09T22:15+11:00");
  assert.equal(state.iso, "2024-03-09T22:15+11:00");
  assert.match(state.text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  assert.equal(controlStateFor("datetime", "not a time").text, "");
});

test("a date-time from the link shows at its own time, in the offered zone its offset belongs to", () => {
  const pacific = controlStateFor("datetime", "2024-03-10T04:30-07:00", ["America/Los_Angeles", "UTC"]);
  assert.deepEqual(pacific, { text: "2024-03-10T04:30", zone: "America/Los_Angeles", iso: "2024-03-10T04:30-07:00" });
  // An older link, or one whose offset no zone offered has: shown at its own offset, kept whole.
  const far = controlStateFor("datetime", "2024-03-09T22:15+11:00", ["America/Los_Angeles", "UTC"]);
  assert.equal(far.iso, "2024-03-09T22:15+11:00");
  assert.ok(far.zone === "" || far.zone === "+11:00");
  assert.equal(far.text, far.zone ? "2024-03-09T22:15" : far.text);
});
