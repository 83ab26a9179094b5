// Reading answers from a form's controls (docs/assets/checkers/answers.js), what is sent to Python.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerOf, isDefault, readAnswers, readGivenAnswers, showAsked } from "../../docs/assets/checkers/answers.js";

const radio = (value, checked = false) => ({ type: "radio", value, checked });
const box = (value, checked = false) => ({ type: "checkbox", value, checked });

test("a choice gives the checked option's value, or nothing when none is checked", () => {
  assert.equal(answerOf("choice", [radio("yes"), radio("no", true)]), "no");
  assert.equal(answerOf("choice", [radio("yes"), radio("no")]), undefined);
});

test("yes/no questions give booleans, not the strings of the radio values", () => {
  assert.equal(answerOf("boolean", [radio("true", true), radio("false")]), true);
  assert.equal(answerOf("boolean", [radio("true"), radio("false", true)]), false);
});

test("a checkbox group (multi-choice) gives the list of checked values, in the form's order", () => {
  const controls = [box("financial-impact", true), box("legal"), box("audit", true)];
  assert.deepEqual(answerOf("multi-choice", controls), ["financial-impact", "audit"]);
  assert.equal(answerOf("multi-choice", [box("legal"), box("audit")]), undefined);
});

test("text is trimmed, and an empty box is no answer (Python fills in the default)", () => {
  assert.equal(answerOf("text", [{ type: "text", value: "  @francesca " }]), "@francesca");
  assert.equal(answerOf("url", [{ type: "url", value: "   " }]), undefined);
  assert.equal(answerOf("datetime", [{ type: "datetime-local", value: "" }]), undefined);
});

test("a date-time restored from the link keeps its own offset until the reader edits it", () => {
  const control = { type: "datetime-local", value: "2024-03-09T22:15" };
  const restored = { iso: "2024-03-09T22:15+11:00", shown: "2024-03-09T22:15" };
  assert.equal(answerOf("datetime", [control], restored), "2024-03-09T22:15+11:00");
  const edited = { type: "datetime-local", value: "2024-03-09T22:30" };
  assert.match(answerOf("datetime", [edited], restored), /^2024-03-09T22:30[+-]\d{2}:\d{2}$/);
});

test("a date-time is read in the zone chosen beside it, and a restored one is kept only in its own zone", () => {
  const control = { type: "datetime-local", value: "2024-03-10T04:30" };
  assert.equal(answerOf("datetime", [control], null, "America/Los_Angeles"), "2024-03-10T04:30-07:00");
  assert.equal(answerOf("datetime", [control], null, "UTC"), "2024-03-10T04:30+00:00");
  const restored = { iso: "2024-03-10T04:30:15-07:00", shown: "2024-03-10T04:30", zone: "America/Los_Angeles" };
  assert.equal(answerOf("datetime", [control], restored, "America/Los_Angeles"), "2024-03-10T04:30:15-07:00");
  // Another zone chosen: the same wall-clock time is now another instant.
  assert.equal(answerOf("datetime", [control], restored, "UTC"), "2024-03-10T04:30+00:00");
});

test("a date-time that does not parse is sent as typed, for Python to name the field", () => {
  assert.equal(answerOf("datetime", [{ type: "text", value: "tomorrow" }]), "tomorrow");
});

test("a control is at its default until the reader changes it", () => {
  assert.equal(isDefault({ type: "radio", checked: true, defaultChecked: true }), true);
  assert.equal(isDefault({ type: "checkbox", checked: true, defaultChecked: false }), false);
  assert.equal(isDefault({ type: "date", value: "2024-01-01", defaultValue: "2024-01-01" }), true);
  assert.equal(isDefault({ type: "text", value: "x", defaultValue: "" }), false);
});

/** A form with one field per question, as the build writes it, minimal enough for the reader. */
function fakeForm(fields) {
  const nodes = fields.map(({ id, kind, controls, byDefault }) => ({
    hidden: false,
    dataset: { question: id, kind, ...(byDefault ? { default: byDefault } : {}) },
    querySelectorAll: () => controls.map((c) => ({ dataset: {}, defaultValue: "", defaultChecked: false, ...c })),
    querySelector: () => null, // no time zone choice beside these controls
  }));
  const nowFields = nodes.filter((n) => n.dataset.kind === "datetime" && n.dataset.default === "now");
  const select = { "[data-question]": nodes, '[data-kind="datetime"][data-default="now"]': nowFields };
  return { querySelectorAll: (selector) => select[selector] || [], nodes };
}

test("questions not asked are hidden, and their answers are neither shown as given nor kept", () => {
  const form = fakeForm([
    { id: "production_unusable", kind: "choice", controls: [radio("yes", true)] },
    { id: "exception_criteria", kind: "choice", controls: [radio("no", true)] },
  ]);
  showAsked(form, ["production_unusable"]);
  assert.deepEqual(form.nodes.map((n) => n.hidden), [false, true]);
  assert.deepEqual(readGivenAnswers(form), { production_unusable: "yes" });
  showAsked(form, undefined); // a reply without `asked` (the runtime failed) changes nothing
  assert.deepEqual(form.nodes.map((n) => n.hidden), [false, true]);
  showAsked(form, ["production_unusable", "exception_criteria"]);
  assert.deepEqual(readGivenAnswers(form), { production_unusable: "yes", exception_criteria: "no" });
});

test("what is sent to Python holds the answers of hidden questions too (Python ignores those not asked)", () => {
  // So a question that this answer makes Python ask is answered with what it holds in the same reply.
  const form = fakeForm([
    { id: "org_associated", kind: "boolean", controls: [radio("true", true), radio("false")] },
    { id: "plan", kind: "choice", controls: [radio("free"), radio("premium", true)] },
    { id: "notes", kind: "text", controls: [{ type: "text", value: "" }] },
  ]);
  showAsked(form, ["org_associated"]);
  assert.deepEqual(readGivenAnswers(form), { org_associated: true });
  assert.deepEqual(readAnswers(form), { org_associated: true, plan: "premium" });
});

test('"now" is filled in for a shown date-time left empty, not for a hidden one', () => {
  // A question shown only by Python's reply is then asked again, with "now" in the reader's offset.
  const form = fakeForm([
    { id: "handling", kind: "boolean", controls: [radio("true", true)] },
    { id: "at", kind: "datetime", byDefault: "now", controls: [{ type: "datetime-local", value: "" }] },
  ]);
  showAsked(form, ["handling"]);
  assert.deepEqual(Object.keys(readAnswers(form)), ["handling"]);
  showAsked(form, ["handling", "at"]);
  assert.match(readAnswers(form).at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
});
