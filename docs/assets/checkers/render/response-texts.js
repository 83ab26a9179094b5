// The guided response's copy-ready texts (checkers/response_texts.py): Python fills them in from the
// form's answers; this shows each in its `response-text` slot, the build's own placeholders for the
// same texts, always as text. Each answer Python could not use is named on its field.
import { copyButton } from "../dom.js";

function showTexts(texts) {
  for (const slot of document.querySelectorAll("[data-response-text]")) {
    const entry = texts[slot.dataset.responseText];
    if (!entry) continue;
    slot.querySelector(".checker__say").textContent = entry.text;
    const row = slot.querySelector(".checker__copyrow");
    row.querySelector(".checker__copy")?.remove();
    row.append(copyButton(entry.text, entry.label.toLowerCase()));
    const todo = slot.querySelector(".flow-text__todo");
    todo.hidden = entry.placeholders.length === 0;
    todo.textContent = entry.placeholders.length ? `Fill in by hand before sending: ${entry.placeholders.join(", ")}` : "";
  }
}

export function render(result) {
  showTexts(result.texts);
  window.dispatchEvent(new CustomEvent("checkers:ticket", { detail: { ticket: result.ticket_url } }));
  return {
    errors: Object.entries(result.errors).map(([field, message]) => ({ field, message, code: "invalid" })),
  };
}
