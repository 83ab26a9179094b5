// Reading a form's answers. `answerOf` is pure (tested under Node); the rest reads the page's fields,
// which the build wrote from the form's questions (site_build/render/widgets.py): each field carries
// `data-question` (its id) and `data-kind`.
import { isoInZone, withLocalOffset } from "./format.js";

/**
 * The answer a field's controls give, or undefined when none is given.
 * `controls`: [{type, value, checked}] as the page has them; `restored`: {iso, shown, zone} when the
 * value came from the link (kept with its own offset and seconds until the reader edits it); `zone`:
 * the zone a date-time is read in ("" the reader's own, an IANA name, or a fixed offset "+11:00").
 */
export function answerOf(kind, controls, restored = null, zone = "") {
  if (kind === "multi-choice") {
    const values = controls.filter((c) => c.checked).map((c) => c.value);
    return values.length ? values : undefined;
  }
  if (kind === "choice" || kind === "boolean") {
    const checked = controls.find((c) => c.checked);
    if (!checked) return undefined;
    return kind === "boolean" ? checked.value === "true" : checked.value;
  }
  const value = (controls[0]?.value ?? "").trim();
  if (value === "") return undefined; // the Python side fills in the default ("now" among them)
  if (kind === "datetime") {
    if (restored && restored.shown === controls[0].value && (restored.zone ?? "") === zone) return restored.iso;
    return isoInZone(value, zone);
  }
  return value;
}

/** Whether a control is still as the page set it up (a default, or a renderer's "today"). */
export function isDefault(control) {
  return control.type === "radio" || control.type === "checkbox"
    ? control.checked === control.defaultChecked
    : control.value === control.defaultValue;
}

export function controlsOf(field) {
  return [...field.querySelectorAll("input, textarea")];
}

/** The answer one field gives now, as it is sent to Python and kept in the link. */
export function answerOfField(field) {
  const controls = controlsOf(field);
  const first = controls[0];
  const restored = first && first.dataset.iso
    ? { iso: first.dataset.iso, shown: first.dataset.isoShown, zone: first.dataset.isoZone ?? "" }
    : null;
  const zone = field.querySelector("select[data-zone-for]")?.value ?? "";
  return answerOf(field.dataset.kind, controls, restored, zone);
}

export function fieldsOf(widget) {
  return [...widget.querySelectorAll("[data-question]")];
}

/** Mark the field of every answer the reader gives, from the page's first moment (before its forms
 *  are mounted, before Python has started): neither the link nor a path's preset ever overwrites it. */
export function noteReaderAnswers(root = document) {
  const mark = (event) => {
    const field = event.target.closest?.("[data-question]");
    if (!field) return;
    field.dataset.readerAnswered = "true";
    delete field.dataset.preset; // the reader's answer from now on, not the path's
  };
  root.addEventListener("input", mark, true);
  root.addEventListener("change", mark, true);
}

export const answeredByReader = (field) => field.dataset.readerAnswered === "true";

/** Fields the reader changed before the page's scripts ran (a click in the first second, a form the
 *  browser restored): what differs from the page's defaults and from the link is theirs. */
export function noteEarlyAnswers(container, linked) {
  for (const field of fieldsOf(container)) {
    if (field.dataset.question in linked || controlsOf(field).every(isDefault)) continue;
    field.dataset.readerAnswered = "true";
  }
}

/** Forget which fields the reader answered ("Start again"). */
export function forgetReaderAnswers(container) {
  for (const field of fieldsOf(container)) {
    delete field.dataset.readerAnswered;
    delete field.dataset.preset;
  }
}

/** The answers the reader gave, of the questions asked. `changedOnly`: leave out fields still as the
 *  page set them up, which the link need not keep. `hidden`: read the fields of questions not asked
 *  too, for Python, which ignores them (what it is sent, and the link it writes); never for what the
 *  page shows as given. */
export function readGivenAnswers(widget, { changedOnly = false, hidden = false } = {}) {
  const answers = {};
  for (const field of fieldsOf(widget)) {
    if (field.hidden && !hidden) continue;
    // An answer the path gave (a preset) is the path's to change, not the link's to keep.
    // A default the reader chose again (today's date typed back in) is an answer all the same.
    if (changedOnly && !answeredByReader(field) && (field.dataset.preset === "true" || controlsOf(field).every(isDefault))) continue;
    const value = answerOfField(field);
    if (value !== undefined) answers[field.dataset.question] = value;
  }
  return answers;
}

/** The answers to send to Python. Those of the questions not asked go too: Python ignores them, and
 *  uses at once the answer a question already holds when this answer makes it ask it (a default, the
 *  reader's from before it was hidden, the browser's restored form), in one reply, not two. "now" is
 *  filled in here, the outermost layer, in the reader's offset, for the questions shown. */
export function readAnswers(widget) {
  const answers = readGivenAnswers(widget, { hidden: true });
  for (const field of widget.querySelectorAll('[data-kind="datetime"][data-default="now"]')) {
    if (!field.hidden && !(field.dataset.question in answers)) {
      answers[field.dataset.question] = withLocalOffset(new Date(), { seconds: true });
    }
  }
  return answers;
}

/** Show only the questions asked (the worker's reply names them). */
export function showAsked(widget, asked) {
  if (!Array.isArray(asked)) return;
  const wanted = new Set(asked);
  for (const field of fieldsOf(widget)) field.hidden = !wanted.has(field.dataset.question);
}
