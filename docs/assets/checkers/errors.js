// The one error display of every form: a message next to the field at fault (and aria-invalid on its
// control), and a line for the result area. It reads the error's `code`, never its wording.

function fieldOf(widget, id) {
  return widget.querySelector(`[data-question="${CSS.escape(id)}"]`);
}

export function labelOf(field, fallback) {
  return (field.querySelector("legend, label") || {}).textContent || fallback;
}

function mark(field, text) {
  const message = field.querySelector(".checker__error");
  message.textContent = text;
  message.hidden = false;
  (field.querySelector("input, textarea") || field).setAttribute("aria-invalid", "true");
}

/**
 * Clear every field's message, then show `errors` ([{field, message, code}]) and the link's
 * rejected values (`urlErrors`: Map id -> message, shown until their field is changed). A required
 * answer the reader has not reached yet (`touched` lacks it) is not an error: it is what to answer
 * next. Returns the line for the result area, or "" when there is nothing to say.
 */
export function showErrors(widget, errors, { touched = new Set(), urlErrors = new Map(), prompt = "" } = {}) {
  for (const node of widget.querySelectorAll(".checker__error")) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const node of widget.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const [id, text] of urlErrors) {
    const field = fieldOf(widget, id);
    if (field) mark(field, `${labelOf(field, id).replace(/\?$/, "")}: the link gave a value that is not valid: ${text}`);
  }
  let line = "";
  for (const error of errors) {
    const field = error.field && fieldOf(widget, error.field);
    if (!field) {
      line ||= `Could not check: ${error.message}`;
      continue;
    }
    if (urlErrors.has(error.field)) continue;
    const label = labelOf(field, error.field);
    if (error.code === "required" && !touched.has(error.field)) {
      line ||= prompt || `Still to answer: ${label}`;
      continue;
    }
    mark(field, `${label.replace(/\?$/, "")}: ${error.message}`);
    line ||= `Check the answer “${label}”: ${error.message}`;
  }
  return line;
}
