// "Your path" on the guided page (site_build/flow_path.py, component "flow-path"): the flow's own
// answers go to the link (`paged.*`), the worker walks the whole response from the link (op "flow",
// checkers/flows) and this module shows what it says: each step's status, the reason a step is
// skipped, and the next step, which takes focus after an answer. It decides nothing.
import { readGivenAnswers } from "./answers.js";
import { applyUrlState, readUrlState, writeUrlState } from "./link-state.js";
import { copyButton, el } from "./dom.js";
import { inNewTask } from "./schedule.js";
import { ask } from "./transport.js";

/** One of the path's texts as the panel shows it (site_build/flow_path.py draws the same for a
 *  first visit at build time, so the page does not move when Python's first answer arrives). */
function textBlock(id, entry) {
  return el("div", { class: "flow-path__text", "data-flow-text": id },
    el("p", {}, el("strong", {}, entry.label)),
    el("pre", { class: "flow-path__say" }, entry.text),
    copyButton(entry.text, entry.label));
}

function sectionOf(link) {
  // The page may carry its query on in-page links (the link keeps the answers): compare the path.
  const url = new URL(link.href, location.href);
  if (url.pathname !== location.pathname || !url.hash) return null;
  return document.getElementById(decodeURIComponent(url.hash.slice(1)));
}

// Sections the engineer chose to see although the path skips them (until the page is left).
const shownAnyway = new Set();

/** Fold a step's section on the page (site_build/flow_path.py `fold_sections`) away with its reason
 * when the path skips every step read there, so its texts and boxes are not used on this path. */
function foldSection(id, steps) {
  const note = document.querySelector(`[data-flow-section-skipped="${CSS.escape(id)}"]`);
  const body = document.querySelector(`[data-flow-section-body="${CSS.escape(id)}"]`);
  if (!note || !body) return;
  const skipped = steps.every((step) => step.status === "skipped");
  if (!skipped) shownAnyway.delete(id);
  note.hidden = !skipped;
  note.querySelector("[data-flow-section-because]").textContent = skipped
    ? [...new Set(steps.map((step) => step.because))].join(" ")
    : "";
  setFolded(note, body, skipped && !shownAnyway.has(id));
  const button = note.querySelector("button");
  if (!button.dataset.bound) {
    button.dataset.bound = "true";
    button.addEventListener("click", () => {
      if (shownAnyway.has(id)) shownAnyway.delete(id);
      else shownAnyway.add(id);
      setFolded(note, body, !shownAnyway.has(id));
    });
  }
}

function setFolded(note, body, folded) {
  body.hidden = folded;
  const button = note.querySelector("button");
  button.setAttribute("aria-expanded", String(!folded));
  button.textContent = folded ? "Show this step anyway" : "Fold it away again";
}

function show(panel, result, { focus }) {
  const skippedList = panel.querySelector("[data-flow-skipped-list]");
  skippedList.replaceChildren();
  let nextItem = null;
  const sections = new Map(); // the page's section id -> the steps read there
  for (const step of result.steps) {
    const item = panel.querySelector(`[data-flow-step="${CSS.escape(step.id)}"]`);
    if (!item) continue;
    item.dataset.status = step.status;
    item.querySelector("[data-flow-status]").textContent = ` (${step.status_text})`;
    const because = item.querySelector("[data-flow-because]");
    because.textContent = step.status === "skipped" || step.status === "open" ? step.because : "";
    because.hidden = !because.textContent;
    const link = item.querySelector("a");
    link.toggleAttribute("aria-current", step.status === "next");
    if (step.status === "next") {
      link.setAttribute("aria-current", "step");
      nextItem = item;
    }
    if (step.status === "skipped") {
      const entry = document.createElement("li");
      entry.textContent = `${step.title}: ${step.because}`;
      skippedList.append(entry);
    }
    const done = item.querySelector("[data-flow-done]");
    if (done) done.disabled = step.status === "skipped"; // a step that does not apply is not ticked done
    const heading = sectionOf(link);
    if (heading) {
      heading.dataset.flowStatus = step.status; // styled by flow.css; the text stays the page's
      if (!sections.has(heading.id)) sections.set(heading.id, []);
      sections.get(heading.id).push(step);
    }
  }
  panel.querySelector("[data-flow-skipped]").hidden = !skippedList.children.length;
  // The rest of the page in a task of its own (a phone's main thread is not held for all of it):
  // the sections the path skips fold away, and the page's own text slots show the path's version of
  // a text where the path has one (render/response-texts.js).
  inNewTask(() => {
    for (const [id, steps] of sections) foldSection(id, steps);
    window.dispatchEvent(new CustomEvent("flow:texts", { detail: { texts: result.texts } }));
  });
  const texts = panel.querySelector("[data-flow-texts]");
  const shown = texts.dataset.flowTexts.split(" ").filter((id) => result.texts[id]);
  texts.replaceChildren(...shown.map((id) => textBlock(id, result.texts[id])));
  const next = panel.querySelector("[data-flow-next]");
  next.textContent = nextItem ? `Next: ${nextItem.querySelector("a").textContent}` : "Nothing is waiting for you now.";
  if (focus && nextItem) {
    const target = sectionOf(nextItem.querySelector("a")) || nextItem.querySelector("a");
    if (!target.hasAttribute("tabindex") && target.tagName !== "A") target.setAttribute("tabindex", "-1");
    target.focus();
  }
}

export function mount(panel) {
  const name = panel.dataset.flow;
  const form = panel.querySelector("form");
  const doneBoxes = [...panel.querySelectorAll("[data-flow-done]")];
  let lastNext = null;
  let userChanged = false;

  const refresh = async () => {
    const reply = await ask({ op: "flow", name, query: location.search });
    if (!reply.ok) {
      panel.querySelector("[data-flow-next]").textContent = `The link has a value that is not valid: ${reply.error.field}: ${reply.error.message}`;
      return;
    }
    const moved = reply.result.next !== lastNext;
    lastNext = reply.result.next;
    show(panel, reply.result, { focus: userChanged && moved });
    userChanged = false;
  };
  const save = () => {
    userChanged = true;
    const answers = readGivenAnswers(form, { changedOnly: true });
    const done = doneBoxes.filter((box) => box.checked).map((box) => box.value);
    if (done.length) answers.done = done;
    writeUrlState(name, answers);
  };

  readUrlState(name).then((state) => {
    applyUrlState(form, state);
    const done = new Set(state.answers.done || []);
    for (const box of doneBoxes) box.checked = done.has(box.value);
    refresh();
  });
  form.addEventListener("change", save);
  for (const box of doneBoxes) box.addEventListener("change", save);
  // Any widget's answer changes the link; the path follows it. A checker's own change counts as an answer.
  window.addEventListener("checkers:url", refresh);
  document.addEventListener("change", (event) => {
    if (!panel.contains(event.target) && event.target.closest("[data-hb-component=form]")) userChanged = true;
  });
}
