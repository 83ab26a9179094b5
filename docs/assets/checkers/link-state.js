// Each form's answers live in the page's query as `<form name>.<answer id>=value` (namespaced, so
// several forms on one page never collide), and a link to the page brings them back. Python
// (checkers/web/urlstate.py) reads and writes the query: sorted, unknown keys dropped, each invalid value
// reported on its field. This side fills the form and calls history.replaceState.
import { ask } from "./transport.js";
import { controlForIso } from "./format.js";
import { answeredByReader, controlsOf, fieldsOf, noteEarlyAnswers } from "./answers.js";
import { chooseZone, namedZonesOf, showOffsets } from "./zones.js";

/** How a link's value sets a field's controls (pure; tested under Node): the values to check for a
 *  choice, a checkbox group or yes/no, else the text to put in the box; for a date-time, also the
 *  zone to read it in (one of `zones`, the control's named ones, or the link's own offset). */
export function controlStateFor(kind, value, zones = []) {
  if (kind === "choice" || kind === "boolean") return { checked: new Set([String(value)]) };
  if (kind === "multi-choice") {
    const values = Array.isArray(value) ? value : String(value).split(",");
    return { checked: new Set(values.map((v) => String(v).trim()).filter(Boolean)) };
  }
  if (kind === "datetime") return { ...controlForIso(String(value), zones), iso: value };
  return { text: Array.isArray(value) ? value.join("\n") : String(value) };
}

/** One namespace's values as the link has them, read by the page itself: filling a form from its own
 *  link is not deciding, so the link's answers show at first paint, before Python has started.
 *  Python checks them once it runs (`readUrlState`). The first of a repeated key wins, as in
 *  checkers/web/urlstate.py. */
export function linkValues(name, search = location.search) {
  const values = {};
  for (const [key, value] of new globalThis.URLSearchParams(search)) {
    const dot = key.indexOf(".");
    if (dot < 0 || key.slice(0, dot) !== name) continue;
    const id = key.slice(dot + 1);
    if (!(id in values)) values[id] = value;
  }
  return values;
}

/** Set a field's controls to a value; false when the value fits none of them (left as it was). */
function setField(field, value) {
  const controls = controlsOf(field);
  const wanted = controlStateFor(field.dataset.kind, value, namedZonesOf(controls[0]));
  if (wanted.checked) {
    if (!controls.some((input) => wanted.checked.has(input.value))) return false;
    for (const input of controls) input.checked = wanted.checked.has(input.value);
    return true;
  }
  if (wanted.iso !== undefined && wanted.text === "") return false;
  controls[0].value = wanted.text;
  if (wanted.iso !== undefined) {
    chooseZone(controls[0], wanted.zone);
    Object.assign(controls[0].dataset, { iso: wanted.iso, isoShown: controls[0].value, isoZone: wanted.zone });
  }
  return true;
}

/** Fill a form from its link before Python runs (values that fit no control wait for Python's
 *  reading, which names them). A field the reader has answered keeps the reader's answer. */
export function applyLinkValues(container, values) {
  const fields = new Map(fieldsOf(container).map((field) => [field.dataset.question, field]));
  for (const [id, value] of Object.entries(values)) {
    const field = fields.get(id);
    if (!field || answeredByReader(field)) continue;
    if (setField(field, value)) field.hidden = false;
  }
  showOffsets(container);
}

const shownValue = (field) =>
  controlsOf(field).map((c) => (c.type === "radio" || c.type === "checkbox" ? c.checked : c.value)).join();

/** Show the answers the flow gave a form's questions (its presets), on fields the reader has not
 *  answered and the link does not hold; a field whose preset is gone goes back to its default. */
export function applyPresets(container, presets, linked) {
  let changed = false;
  for (const field of fieldsOf(container)) {
    const id = field.dataset.question;
    if (answeredByReader(field) || id in linked) continue;
    if (id in presets) {
      const before = shownValue(field);
      if (setField(field, presets[id])) {
        field.dataset.preset = "true";
        changed ||= before !== shownValue(field);
      }
    } else if (field.dataset.preset === "true") {
      for (const control of controlsOf(field)) {
        if (control.type === "radio" || control.type === "checkbox") control.checked = control.defaultChecked;
        else control.value = control.defaultValue;
      }
      delete field.dataset.preset;
      changed = true;
    }
  }
  return changed;
}

let writes = Promise.resolve(); // one after the other, so none overwrites another's keys

/** {answers, errors, raw} of one namespace (a form's name) in the current query. */
export async function readUrlState(name) {
  // No query, nothing to read: skip the round trip to the worker (the first answer comes sooner,
  // above all after an instant navigation).
  if (!location.search) return { answers: {}, errors: {}, raw: {} };
  const reply = await ask({ op: "read-url", name, query: location.search });
  return reply.ok ? reply.result : { answers: {}, errors: {}, raw: {} };
}

/** Put one namespace's answers (or a function giving them) into the query; other keys stay. Fires
 *  "hb:url" on window, with `detail` (who wrote, for a listener that acts only on its own write). */
export function writeUrlState(name, answersNow, detail = {}) {
  const path = location.pathname;
  writes = writes.then(async () => {
    if (location.pathname !== path) return; // the reader has moved to another page meanwhile
    // Read when the write's turn comes, not when it was asked for: a write that waited for Python
    // never puts back answers the reader has changed or cleared ("Start again") since.
    const answers = typeof answersNow === "function" ? answersNow() : answersNow;
    if (!location.search && !Object.keys(answers).length) return; // an empty link stays empty
    const reply = await ask({ op: "write-url", name, query: location.search, answers });
    if (!reply.ok || location.pathname !== path) return;
    if (reply.result.query !== location.search) {
      history.replaceState(history.state, "", path + reply.result.query + location.hash);
    }
    window.dispatchEvent(new CustomEvent("hb:url", { detail }));
  });
  return writes;
}

/** Fill a form from the link. Returns the Map (answer id -> message) of the link's rejected values. */
export function applyUrlState(container, state) {
  const fields = new Map(fieldsOf(container).map((field) => [field.dataset.question, field]));
  for (const [id, value] of Object.entries(state.answers)) {
    const field = fields.get(id);
    if (!field || answeredByReader(field)) continue; // the reader's answer since the page opened wins
    // A question the build drew hidden (not asked for the defaults) was asked when this link was
    // written: show it, so its answer is read and kept; Python's first reply hides it if not asked.
    field.hidden = false;
    setField(field, value);
  }
  // A text box shows the rejected text as it was (always as a value, never as HTML).
  for (const [id, raw] of Object.entries(state.raw)) {
    const field = fields.get(id);
    if (field && answeredByReader(field)) continue;
    const control = field?.querySelector("input[type=text], input[type=url], textarea");
    if (control) {
      control.value = raw;
      field.hidden = false;
    }
  }
  showOffsets(container);
  return new Map(Object.entries(state.errors).filter(([id]) => fields.has(id)));
}

/** Every form of the page that keeps its answers in the link: [container, namespace]. */
function linkedForms(root) {
  return [
    ...[...root.querySelectorAll("[data-keeps-link][data-form]")].map((widget) => [widget, widget.dataset.form]),
    ...[...root.querySelectorAll('[data-hb-component="flow-path"]')].map((panel) => [panel.querySelector("form"), panel.dataset.flow]),
  ];
}

/** Before the page's scripts mount its forms: what the reader already changed is their answer. */
export function noteEarlyAnswersOnPage(root = document) {
  for (const [container, name] of linkedForms(root)) noteEarlyAnswers(container, linkValues(name));
}

/** At the page's first moment, before its forms are mounted: every form shows its link's answers,
 *  and a text that Python will fill in from them says it is waiting rather than look final. */
export function fillFormsFromLink(root = document) {
  if (!location.search) return;
  for (const [container, name] of linkedForms(root)) applyLinkValues(container, linkValues(name));
  for (const text of root.querySelectorAll("[data-response-text], [data-flow-text]")) {
    text.dataset.waiting = "true";
    const note = text.querySelector(".flow-text__todo"); // drawn by the build, hidden
    note.textContent = WAITING;
    note.hidden = false;
  }
}

export const WAITING = "Waiting for Python to fill this in from your link's answers: not ready to copy yet.";
