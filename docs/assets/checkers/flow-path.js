// "Your path" on the guided page (site_build/render/flow_path.py, component "flow-path"): the flow's own
// answers go to the link (`paged.*`), the worker walks the whole response from the link (op "flow",
// checkers/flows) and this module shows what it says: each step's status, the reason a step is
// skipped, and the next step, with a link to it. It decides nothing, and it never moves the
// reader's focus or view: a step folds away with the view held on what the reader is looking at.
import { answeredByReader, fieldsOf, forgetReaderAnswers, readGivenAnswers } from "./answers.js";
import { applyLinkValues, applyUrlState, linkValues, readUrlState, writeUrlState } from "./link-state.js";
import { fromTemplate, setCopyText } from "./dom.js";
import { inNewTask } from "./schedule.js";
import { holdTheView } from "./view.js";
import { ask } from "./transport.js";

/** One of the path's texts, filled in place (site_build/render/flow_path.py draws its markup: a first
 *  visit's texts, and the template of every other): a text that no longer waits for Python says so. */
function fillText(block, entry) {
  const label = block.querySelector("strong");
  if (label.textContent !== entry.label) label.textContent = entry.label;
  const say = block.querySelector(".flow-path__say");
  if (say.textContent !== entry.text) say.textContent = entry.text;
  setCopyText(block.querySelector(".checker__copy"), entry.text, entry.label);
  delete block.dataset.waiting;
  block.querySelector(".flow-text__todo").hidden = true;
}

function sectionOf(link) {
  // The page may carry its query on in-page links (the link keeps the answers): compare the path.
  const url = new URL(link.href, location.href);
  if (url.pathname !== location.pathname || !url.hash) return null;
  return document.getElementById(decodeURIComponent(url.hash.slice(1)));
}

/** Whether the build's folds of a first visit are drawn: scope.js found no answers in the page's
 *  link (flow.css draws them only then; without JavaScript, never). */
function firstFoldsDrawn() {
  return document.documentElement.hasAttribute("data-hb-first-folds");
}

/** The page as written, nothing folded, until Python says what the path skips: when the link holds
 *  answers the build could not know, when the reader answers the path first, when Python fails. */
function releaseFirstFolds() {
  for (const node of document.querySelectorAll("[data-flow-folded-first]")) node.removeAttribute("data-flow-folded-first");
  for (const node of document.querySelectorAll("[data-flow-first-status]")) node.removeAttribute("data-flow-first-status");
}

/** A fold the build drew for a first visit (flow.css keeps it while the attribute is there) becomes
 *  this module's: the same state, held by `hidden`, in the same task, so nothing is drawn between.
 *  The marks are left only where the folds are drawn: `mount` releases them everywhere else. */
function takeOverFold(note, body) {
  const heading = document.getElementById(note.dataset.flowSectionSkipped);
  if (heading?.hasAttribute("data-flow-first-status")) {
    if (!heading.dataset.flowStatus) heading.dataset.flowStatus = "skipped";
    heading.removeAttribute("data-flow-first-status");
  }
  if (!body.hasAttribute("data-flow-folded-first")) return;
  note.hidden = false;
  body.hidden = true;
  note.removeAttribute("data-flow-folded-first");
  body.removeAttribute("data-flow-folded-first");
}

/** The folds of one mount of the page: the sections the engineer chose to see although the path
 *  skips them are remembered until the page is left (instant navigation mounts afresh). */
function foldsOf() {
  const shownAnyway = new Set();
  const parts = (id) => ({
    note: document.querySelector(`[data-flow-section-skipped="${CSS.escape(id)}"]`),
    body: document.querySelector(`[data-flow-section-body="${CSS.escape(id)}"]`),
  });
  return {
    /** Fold a step's section away with its reason when the path skips every step read there
     *  (site_build/render/flow_path.py `fold_sections` draws it), so its texts and boxes are not
     *  used on this path. */
    fold(id, steps) {
      const { note, body } = parts(id);
      if (!note || !body) return;
      takeOverFold(note, body);
      const skipped = steps.every((step) => step.status === "skipped");
      if (!skipped) shownAnyway.delete(id);
      note.hidden = !skipped;
      const because = skipped ? [...new Set(steps.map((step) => step.because))].join(" ") : "";
      const reason = note.querySelector("[data-flow-section-because]");
      if (reason.textContent !== because) reason.textContent = because;
      setFolded(note, body, skipped && !shownAnyway.has(id));
    },
    /** "Show this step anyway" / "Fold it away again", from the state the reader sees; a step shown
     *  before this module ran (scope.js answers that click) stays shown. */
    bind() {
      for (const note of document.querySelectorAll("[data-flow-section-skipped]")) {
        const id = note.dataset.flowSectionSkipped;
        const { body } = parts(id);
        const button = note.querySelector("button");
        if (!body || button.dataset.bound) continue;
        button.dataset.bound = "true";
        if (body.hasAttribute("data-flow-shown-anyway")) shownAnyway.add(id);
        button.addEventListener("click", () => {
          takeOverFold(note, body);
          const show = body.hidden;
          if (show) shownAnyway.add(id);
          else shownAnyway.delete(id);
          setFolded(note, body, !show);
        });
      }
    },
  };
}

function setFolded(note, body, folded) {
  body.hidden = folded;
  const button = note.querySelector("button");
  button.setAttribute("aria-expanded", String(!folded));
  button.textContent = folded ? button.dataset.labelFolded : button.dataset.labelShown; // the build's words
}

function show(panel, result, presets, folds) {
  const skippedList = panel.querySelector("[data-flow-skipped-list]");
  skippedList.replaceChildren();
  let nextItem = null;
  const sections = new Map(); // the page's section id -> the steps read there
  for (const step of result.steps) {
    const item = panel.querySelector(`[data-flow-step="${CSS.escape(step.id)}"]`);
    if (!item) continue;
    item.dataset.status = step.status;
    item.querySelector("[data-flow-status]").textContent = step.status_text;
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
      const entry = fromTemplate(panel, "flow-path-skipped");
      entry.querySelector("[data-flow-skipped-title]").textContent = step.title;
      entry.querySelector("[data-flow-skipped-because]").textContent = step.because;
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
    for (const [id, steps] of sections) folds.fold(id, steps);
    window.dispatchEvent(new CustomEvent("hb:path-texts", { detail: { texts: result.texts } }));
    // The answers the path gives a step's form (a preset), shown in that form (widget.js).
    window.dispatchEvent(new CustomEvent("hb:presets", { detail: { presets } }));
  });
  showPathTexts(panel, result.texts);
  showNext(panel, nextItem);
}

// The texts and the "Next:" link change in place where they can: a reply arriving while the reader
// is on a Copy button or on the link leaves the focus where it is.
function showPathTexts(panel, entries) {
  const texts = panel.querySelector("[data-flow-texts]");
  const shown = texts.dataset.flowTexts.split(" ").filter((id) => entries[id]);
  if ([...texts.children].map((block) => block.dataset.flowText).join(" ") !== shown.join(" ")) {
    texts.replaceChildren(...shown.map((id) => {
      const block = fromTemplate(panel, "flow-path-text").firstElementChild;
      block.dataset.flowText = id;
      return block;
    }));
  }
  for (const block of texts.children) fillText(block, entries[block.dataset.flowText]);
}

function showNext(panel, nextItem) {
  const next = panel.querySelector("[data-flow-next]");
  if (!nextItem) {
    next.replaceChildren(fromTemplate(panel, "flow-path-no-next"));
    return;
  }
  const step = nextItem.querySelector("a");
  let link = next.querySelector("[data-flow-next-link]");
  if (!link) {
    next.replaceChildren(fromTemplate(panel, "flow-path-next"));
    link = next.querySelector("[data-flow-next-link]");
  }
  link.setAttribute("href", step.getAttribute("href"));
  if (link.textContent !== step.textContent) link.textContent = step.textContent;
}

/** The next step's first question (or its "Done" box, or its heading): where the skip link and the
 *  "Next:" link take the keyboard. */
function nextQuestion(panel) {
  const item = panel.querySelector('[data-flow-step][data-status="next"]');
  if (!item) return null;
  const section = sectionOf(item.querySelector("a"));
  const body = section && document.querySelector(`[data-flow-section-body="${CSS.escape(section.id)}"]`);
  const control = body && [...body.querySelectorAll("[data-question]:not([hidden]) input, [data-question]:not([hidden]) textarea")]
    .find((input) => !input.disabled && (input.type !== "radio" || input.checked || !body.querySelector(`input[name="${CSS.escape(input.name)}"]:checked`)));
  return control || item.querySelector("[data-flow-done]:not(:disabled)") || section;
}

function goTo(target, block) {
  if (!target.matches("input, textarea, a, button") && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block });
  target.focus({ preventScroll: true });
}

export function mount(panel) {
  const name = panel.dataset.flow;
  const form = panel.querySelector("form");
  const doneBoxes = [...panel.querySelectorAll("[data-flow-done]")];
  let ticked = false; // the reader ticked a "Done" box before the link was read
  const folds = foldsOf();
  let answered = false; // Python has answered the path once

  const refresh = async () => {
    if (!panel.isConnected) return window.removeEventListener("hb:url", refresh);
    const reply = await ask({ op: "flow", name, query: location.search });
    if (!panel.isConnected) return;
    answered = true;
    if (!reply.ok) {
      releaseFirstFolds(); // no path to go by: the whole page, as written
      panel.querySelector("[data-flow-next]").textContent = `The link has a value that is not valid: ${reply.error.field}: ${reply.error.message}`;
      return;
    }
    show(panel, reply.result, reply.presets || {}, folds);
  };
  const answersNow = () => {
    const answers = readGivenAnswers(form, { changedOnly: true });
    const done = doneBoxes.filter((box) => box.checked).map((box) => box.value);
    if (done.length) answers.done = done;
    return answers;
  };
  const save = () => writeUrlState(name, answersNow);
  const tickDone = (values) => {
    const done = new Set(values);
    for (const box of doneBoxes) box.checked = done.has(box.value);
  };

  // The page changes above the reader as Python answers (the path, folds, results): the view stays.
  const stopHolding = holdTheView(panel);
  // The build folded what a first visit skips; a link with answers (reached by instant navigation,
  // say) or a path answered before Python's first word may not skip it: show it until Python says.
  if (!firstFoldsDrawn() || location.search) releaseFirstFolds();
  form.addEventListener("change", () => { if (!answered) releaseFirstFolds(); });
  folds.bind();
  // The link's answers at once (no Python needed to read a link); Python's reading then checks them.
  applyLinkValues(form, linkValues(name));
  if ("done" in linkValues(name)) tickDone(linkValues(name).done.split(","));
  for (const box of doneBoxes) box.addEventListener("change", () => { ticked = true; }, { once: true });
  let resets = 0; // "Start again" while Python reads the link: its reading then comes too late to apply
  readUrlState(name).then((state) => {
    if (resets) return refresh();
    applyUrlState(form, state);
    if (!ticked) tickDone(state.answers.done || []);
    // What the reader answered before Python started is kept, and goes to the link now.
    if (ticked || fieldsOf(form).some(answeredByReader)) save();
    refresh();
  });
  form.addEventListener("change", save);
  form.addEventListener("reset", () => {
    resets += 1;
    forgetReaderAnswers(form);
    setTimeout(() => { // after the browser has put the defaults back
      tickDone([]);
      save();
    }, 0);
  });
  for (const box of doneBoxes) box.addEventListener("change", save);
  // Any widget's answer changes the link; the path follows it.
  window.addEventListener("hb:url", refresh);
  // "Next:" and the page's skip link take the keyboard to the next step's question; every other link
  // to a section of this page (the path's steps, "step 6" in the text) goes there with the answers
  // kept. Handled here, before the theme: its instant navigation would load the page again without
  // the link's answers the page holds now.
  const toNext = (event) => {
    if (!panel.isConnected) return window.removeEventListener("click", toNext, true);
    const link = event.target.closest?.("a[href]");
    if (!link || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const toQuestion = link.matches("[data-flow-next-link], [data-flow-skip-link]");
    const target = toQuestion ? nextQuestion(panel) : sectionOf(link);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (!toQuestion) history.replaceState(history.state, "", location.pathname + location.search + link.hash);
    goTo(target, "center"); // clear of the theme's sticky header
  };
  window.addEventListener("click", toNext, true); // before the theme's own listeners
  return () => {
    window.removeEventListener("hb:url", refresh);
    window.removeEventListener("click", toNext, true);
    stopHolding();
  };
}
