// The guided response's copy-ready texts (checkers/texts/response_texts.py): Python fills them in from the
// form's answers, or the decision flow for the path taken; this shows each in its `response-text` slot,
// the build's own placeholders for the same texts, always as text. Each answer Python could not use is named on its field.
import { setCopyText } from "../dom.js";

// A text the decision flow has rewritten for the path taken (an exception's courtesy sentence, the
// asynchronous request, a free user's reply) wins over the form's general one: what is copied from a
// step fits the path. The flow says so with a "hb:path-texts" event after each of its replies.
let formTexts = {};
let pathTexts = {};

window.addEventListener("hb:path-texts", (event) => {
  pathTexts = event.detail.texts || {};
  showTexts();
});

/** The text `id` as the page shows it now (the path's, else the form's), or undefined before either. */
export function currentText(id) {
  return pathTexts[id] || formTexts[id];
}

function showTexts() {
  for (const slot of document.querySelectorAll("[data-response-text]")) {
    const id = slot.dataset.responseText;
    const entry = pathTexts[id] || formTexts[id];
    if (!entry) continue;
    delete slot.dataset.waiting;
    const label = slot.querySelector(".flow-text__label strong");
    if (label && label.textContent !== entry.label) label.textContent = entry.label; // the path's own text, named as such
    const say = slot.querySelector(".checker__say");
    if (say.textContent !== entry.text) say.textContent = entry.text;
    // The build drew the Copy button (site_build/render/response_flow.py); each new text goes to that same
    // button: a reply that arrives while the reader is on it leaves them there.
    setCopyText(slot.querySelector(".checker__copy"), entry.text, entry.label.toLowerCase());
    const todo = slot.querySelector(".flow-text__todo");
    todo.hidden = entry.placeholders.length === 0;
    todo.textContent = entry.placeholders.length ? `Fill in by hand before sending: ${entry.placeholders.join(", ")}` : "";
  }
  // Other copies of these texts (a checker's own "What to tell the customer") follow.
  window.dispatchEvent(new CustomEvent("hb:form-texts"));
}

export function render(result) {
  formTexts = result.texts;
  showTexts();
  window.dispatchEvent(new CustomEvent("hb:ticket", { detail: { ticket: result.ticket_url } }));
  return {
    errors: Object.entries(result.errors).map(([field, message]) => ({ field, message, code: "invalid" })),
  };
}
