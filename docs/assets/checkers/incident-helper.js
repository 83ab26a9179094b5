// The widespread-incident helper on the SaaS page: the form's answers go to the worker's
// "incident" operation (checkers/incident.py); this shows what Python prepared, with copy buttons.
// Loaded only on pages that have the helper (overrides/main.html); a module runs once per visit, so
// it mounts through Material's document$ on every page shown, like client.js.
import { ask, copyButton, el as html, onEveryPage } from "./client.js";

const siteRoot = new URL("../../", import.meta.url);
const TYPING_PAUSE_MS = 300; // answer once the reader pauses, not on every keystroke


function external(href, ...children) {
  return html("a", { href, class: "external", rel: "noopener noreferrer" }, ...children, html("span", { class: "visually-hidden" }, " (external link)"));
}

function readAnswers(widget) {
  const answers = {};
  for (const field of widget.querySelectorAll("[data-question]")) {
    const value = field.querySelector("input").value.trim();
    if (value !== "") answers[field.dataset.question] = value;
  }
  return answers;
}

function labelOf(field) {
  return field.querySelector("label").textContent;
}

/** Clear every field's message, then name the one Python found wrong (if it is on the form). */
function showError(widget, error, touched) {
  for (const node of widget.querySelectorAll(".checker__error")) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const node of widget.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  const field = error?.field && widget.querySelector(`[data-question="${CSS.escape(error.field)}"]`);
  if (!field) return error ? `Could not prepare the response: ${error.message}` : "";
  if (error.message === "is required" && !touched.has(error.field)) {
    return "Enter the incident number to get the tag, the searches and the response.";
  }
  const message = field.querySelector(".checker__error");
  message.textContent = `${labelOf(field)}: ${error.message}`;
  message.hidden = false;
  field.querySelector("input").setAttribute("aria-invalid", "true");
  return `Check “${labelOf(field)}”: ${error.message}`;
}

function copyRow(content, text, what) {
  return html("div", { class: "checker__copyrow" }, content, copyButton(text, what));
}

function section(title, ...children) {
  return html("div", { class: "incident-helper__part" }, html("p", {}, html("strong", {}, title)), ...children);
}

function caution(result) {
  const multiple = result.cite.find((href) => href.endsWith("#handling-multiple-simultaneous-emergencies"));
  const [before, after] = result.caution.split("handling multiple simultaneous emergencies");
  const text = html("p", {}, before);
  if (multiple && after !== undefined) {
    text.append(html("a", { href: new URL(multiple, siteRoot).href }, "handling multiple simultaneous emergencies"), after);
  } else {
    text.textContent = result.caution;
  }
  return html("div", { class: "admonition warning incident-helper__caution" }, html("p", { class: "admonition-title" }, "Before you bulk update"), text);
}

function renderResult(result) {
  const box = document.createDocumentFragment();
  box.append(
    // First, and closed: the steps read "Share the response below".
    html(
      "details",
      { class: "incident-helper__steps" },
      html("summary", {}, "The handbook's steps, with this tag filled in"),
      html("ol", {}, ...result.steps.map((step) => html("li", {}, step))),
    ),
    section("Tag", copyRow(html("code", {}, result.tag), result.tag, `tag ${result.tag}`)),
    section(
      "Zendesk searches",
      html(
        "ul",
        { class: "incident-helper__searches" },
        ...result.searches.map((search) =>
          html("li", {}, external(search.url, search.label), html("br"), copyRow(html("code", {}, search.query), search.query, `search ${search.query}`)),
        ),
      ),
    ),
    section(
      "Bulk response",
      copyRow(html("pre", { class: "incident-helper__draft" }, result.draft), result.draft, "the bulk response"),
      html("p", {}, "Submit it with the status ", html("strong", {}, result.ticket_status), "."),
      result.follow_up ? html("p", { class: "incident-helper__follow-up" }, result.follow_up) : null,
    ),
    caution(result),
  );
  return box;
}

function mount(widget) {
  if (widget.dataset.mounted) return;
  widget.dataset.mounted = "true";
  const form = widget.querySelector("form");
  const output = widget.querySelector(".incident-helper__result");
  const status = widget.querySelector(".checker__status");
  const touched = new Set();
  let sequence = 0;
  let pause = null;

  const setStatus = (state, text) => {
    status.dataset.state = state;
    if (status.textContent !== text) status.textContent = text;
  };

  const update = async () => {
    const mine = ++sequence;
    const reply = await ask({ op: "incident", answers: readAnswers(widget) });
    if (mine !== sequence || !widget.isConnected) return; // a newer answer is on its way
    output.replaceChildren();
    if (reply.ok) {
      showError(widget, null, touched);
      output.append(renderResult(reply.result));
      setStatus("ready", `Prepared by Python in your browser for ${reply.result.tag}; submit the response as ${reply.result.ticket_status}.`);
    } else if (window.handbookCheckers?.runtime?.state === "failed") {
      setStatus("error", `Python could not start in this browser (${reply.error.message}). The steps above still apply.`);
    } else {
      setStatus("ready", showError(widget, reply.error, touched));
    }
  };

  form.addEventListener("input", (event) => {
    const field = event.target.closest("[data-question]");
    if (field) touched.add(field.dataset.question);
    clearTimeout(pause);
    pause = setTimeout(update, TYPING_PAUSE_MS);
  });
  form.addEventListener("change", (event) => {
    const field = event.target.closest("[data-question]");
    if (field) touched.add(field.dataset.question);
    clearTimeout(pause);
    update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    touched.clear();
    clearTimeout(pause);
    setTimeout(update, 0); // after the browser has emptied the fields
  });
  setStatus("starting", "Starting Python in your browser… the steps above apply meanwhile.");
  update(); // waits for Python to start, then says what to enter
}

function mountAll() {
  for (const widget of document.querySelectorAll('[data-helper="incident"]')) mount(widget);
}

onEveryPage(mountAll);
