// Each form's answers live in the page's query as `<form name>.<answer id>=value` (namespaced, so
// several forms on one page never collide), and a link to the page brings them back. Python
// (checkers/urlstate.py) reads and writes the query: sorted, unknown keys dropped, each invalid value
// reported on its field. This side fills the form and calls history.replaceState.
import { ask } from "./transport.js";
import { controlForIso } from "./format.js";
import { controlsOf, fieldsOf } from "./answers.js";
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

let writes = Promise.resolve(); // one after the other, so none overwrites another's keys

/** {answers, errors, raw} of one namespace (a form's name) in the current query. */
export async function readUrlState(name) {
  // No query, nothing to read: skip the round trip to the worker (the first answer comes sooner,
  // above all after an instant navigation).
  if (!location.search) return { answers: {}, errors: {}, raw: {} };
  const reply = await ask({ op: "read-url", name, query: location.search });
  return reply.ok ? reply.result : { answers: {}, errors: {}, raw: {} };
}

/** Put one namespace's answers into the query; other keys stay. Fires "checkers:url" on window. */
export function writeUrlState(name, answers) {
  const path = location.pathname;
  writes = writes.then(async () => {
    if (location.pathname !== path) return; // the reader has moved to another page meanwhile
    if (!location.search && !Object.keys(answers).length) return; // an empty link stays empty
    const reply = await ask({ op: "write-url", name, query: location.search, answers });
    if (!reply.ok || location.pathname !== path) return;
    if (reply.result.query !== location.search) {
      history.replaceState(history.state, "", path + reply.result.query + location.hash);
    }
    window.dispatchEvent(new CustomEvent("checkers:url"));
  });
  return writes;
}

/** Fill a form from the link. Returns the Map (answer id -> message) of the link's rejected values. */
export function applyUrlState(container, state) {
  const fields = new Map(fieldsOf(container).map((field) => [field.dataset.question, field]));
  for (const [id, value] of Object.entries(state.answers)) {
    const field = fields.get(id);
    if (!field) continue;
    // A question the build drew hidden (not asked for the defaults) was asked when this link was
    // written: show it, so its answer is read and kept; Python's first reply hides it if not asked.
    field.hidden = false;
    const controls = controlsOf(field);
    const wanted = controlStateFor(field.dataset.kind, value, namedZonesOf(controls[0]));
    if (wanted.checked) {
      for (const input of controls) input.checked = wanted.checked.has(input.value);
      continue;
    }
    controls[0].value = wanted.text;
    if (wanted.iso !== undefined) {
      chooseZone(controls[0], wanted.zone);
      Object.assign(controls[0].dataset, { iso: wanted.iso, isoShown: controls[0].value, isoZone: wanted.zone });
    }
  }
  // A text box shows the rejected text as it was (always as a value, never as HTML).
  for (const [id, raw] of Object.entries(state.raw)) {
    const field = fields.get(id);
    const control = field?.querySelector("input[type=text], input[type=url], textarea");
    if (control) {
      control.value = raw;
      field.hidden = false;
    }
  }
  showOffsets(container);
  return new Map(Object.entries(state.errors).filter(([id]) => fields.has(id)));
}
