// One mount for every form on a page (component "form": a checker, the response texts, the incident
// helper). It restores the answers from the link, asks the worker's "form" operation on every answer,
// shows the questions asked, the errors (errors.js) and the result: the generic result for a
// checker (result.js), composed with what the form's renderer (render/<name>.js) returns.
//
// A renderer module exports `render(result, previous, askAgain, context)` returning
// `{sections, status, announce, errors}` (all optional; `sections` as in compose.js) and may export
// `prepare(widget, {askAgain})`, run once before the first answer (defaults only the browser
// knows, a live clock). `context.given` holds the answers the reader gave; `context.onDispose(fn)`
// runs `fn` before the next answer replaces this one (a countdown's timer). Extensions added with
// `extendResults` add sections to every form's result on a page (the guided response's
// "Your answers").
import { answeredByReader, fieldsOf, forgetReaderAnswers, readAnswers, readGivenAnswers, showAsked } from "./answers.js";
import { compose } from "./compose.js";
import { el } from "./dom.js";
import { showErrors } from "./errors.js";
import { applyLinkValues, applyPresets, applyUrlState, linkValues, readUrlState, writeUrlState } from "./link-state.js";
import { inputValueIn } from "./format.js";
import { mountZones, zoneOf } from "./zones.js";
import { resultSections } from "./result.js";
import { ask, onRuntime, restart, runtime, startRuntime } from "./transport.js";

const extensions = new Set();

/** `extension(widget)` returns a renderer-like function for that widget, or null. */
export function extendResults(extension) {
  extensions.add(extension);
}

function showStatus(status, text, state) {
  status.dataset.state = state;
  const label = status.querySelector(".checker__status-text") || status;
  if (label.textContent !== text) label.textContent = text;
}

function retryButton(status) {
  const button = el("button", { type: "button", class: "md-button checker__retry" }, "Retry");
  button.addEventListener("click", () => {
    button.disabled = true;
    restart();
  });
  status.replaceChildren(el("span", { class: "checker__status-text" }), " ", button);
}

async function loadRenderer(widget) {
  if (!widget.dataset.renderer) return {};
  try {
    return await import(new URL(`render/${widget.dataset.renderer}.js`, import.meta.url).href);
  } catch (error) {
    console.warn(error); // the generic result still answers
    return {};
  }
}

export function mount(widget) {
  const name = widget.dataset.form;
  const form = widget.querySelector("form");
  const output = widget.querySelector(".checker__result");
  const status = widget.querySelector(".checker__status");
  const fallback = status.dataset.fallback || "";
  const staticText = status.textContent;
  const generic = widget.dataset.checker !== undefined;
  const keepsLink = widget.dataset.keepsLink !== undefined;
  const touched = new Set();
  let urlErrors = new Map();
  let previous = null;
  let disposers = [];
  let sequence = 0;
  // The link's answers at once, before Python (which checks them: `restored` below); and every
  // answer the reader gave before this form was mounted counts as given.
  if (keepsLink) applyLinkValues(widget, linkValues(name));
  for (const field of fieldsOf(widget)) if (answeredByReader(field)) touched.add(field.dataset.question);

  const update = async ({ quiet = false } = {}) => {
    const mine = ++sequence;
    await restored;
    const sent = readAnswers(widget);
    const reply = await ask({ op: "form", name, answers: sent });
    if (mine !== sequence || !widget.isConnected) return; // a newer answer is on its way
    showAsked(widget, reply.asked);
    // A question shown only now was answered with what it held (sent along while hidden), except
    // a date-time left to "now", which only a shown question is given: ask again with it, so the
    // result never contradicts what the form shows.
    if (Object.keys(readAnswers(widget)).some((id) => !(id in sent))) return update({ quiet });
    const given = readGivenAnswers(widget);
    for (const dispose of disposers) dispose();
    disposers = [];
    const context = { given, onDispose: (fn) => disposers.push(fn) };
    if (!reply.ok) {
      previous = null;
      const line = reply.error.code === "runtime" ? "" : showErrors(widget, [reply.error], { touched, urlErrors, prompt: widget.dataset.prompt });
      output.setAttribute("aria-live", "polite");
      output.replaceChildren(...(line ? [el("p", {}, line)] : []));
      if (reply.error.code !== "runtime") showStatus(status, status.dataset.ready, "ready");
      widget.dispatchEvent(new CustomEvent("hb:error", { detail: reply.error, bubbles: true }));
      return;
    }
    const drawn = [];
    let statusText = null;
    let unchanged = false;
    for (const renderer of [renderers.render, ...[...extensions].map((extension) => extension(widget))]) {
      if (!renderer) continue;
      try {
        const part = renderer(reply.result, previous, askAgain, context) || {};
        drawn.push(...(part.sections || []));
        if (part.status) statusText = part.status;
        if (part.announce === false) unchanged = true;
        if (part.errors) context.errors = part.errors;
      } catch (error) {
        console.warn(error); // a broken picture must not hide the answer
      }
    }
    showErrors(widget, context.errors || [], { touched, urlErrors });
    const sections = compose(generic ? resultSections(reply.result) : [], drawn);
    // A refresh by a clock with the same decision is not read out again; the reader's answers are.
    output.setAttribute("aria-live", quiet && unchanged ? "off" : "polite");
    output.replaceChildren(...sections.map((section) => section.node));
    showStatus(status, statusText || status.dataset.ready, "ready");
    previous = reply.result;
    highlightRow(widget, reply.result);
    widget.dispatchEvent(new CustomEvent("hb:result", { detail: reply.result, bubbles: true }));
  };
  const askAgain = (options) => update({ quiet: true, ...options });

  let renderers = {};
  const loaded = loadRenderer(widget).then((module) => {
    renderers = module;
    try {
      module.prepare?.(widget, { askAgain });
    } catch (error) {
      console.warn(error); // a broken default must not stop the form from answering
    }
  });
  // The answers in the page's link come first, so the first answer shown is the linked one.
  let resets = 0; // "Start again" while Python reads the link: its reading then comes too late to apply
  const restored = loaded.then(async () => {
    if (!keepsLink) return;
    const before = resets;
    const state = await readUrlState(name);
    if (resets !== before) return;
    urlErrors = applyUrlState(widget, state);
    for (const id of Object.keys(state.answers)) touched.add(id);
  });
  // Hidden questions' answers go too: this runs before Python's reply, so a question the answer
  // brings back is still hidden here, and Python keeps only the answers of questions it asks.
  const keepInUrl = () => {
    if (keepsLink) restored.then(() => writeUrlState(name, () => readGivenAnswers(widget, { changedOnly: true, hidden: true })));
  };
  keepInUrl(); // once on load, so the link reads as Python writes it: sorted, unknown keys dropped

  const answered = (event) => {
    const field = event.target.closest("[data-question]");
    if (!field) return;
    touched.add(field.dataset.question);
    urlErrors.delete(field.dataset.question);
    update();
    keepInUrl();
  };
  form.addEventListener("change", (event) => {
    // Text boxes were already answered on every keystroke. Their "change" fires on blur, i.e. when the
    // reader clicks a Copy button in the result: re-rendering then would swap the button out between
    // mouse-down and mouse-up, and the click (and the copy) would be lost.
    if (!event.target.matches("input[type=text], input[type=url], textarea")) answered(event);
  });
  form.addEventListener("input", (event) => {
    if (event.target.matches("input[type=text], input[type=url], textarea")) answered(event);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  mountZones(form);
  form.addEventListener("reset", () => {
    resets += 1;
    touched.clear();
    urlErrors.clear();
    forgetReaderAnswers(widget);
    setTimeout(() => { // after the browser has put the defaults back
      update();
      keepInUrl();
    }, 0);
  });
  for (const button of widget.querySelectorAll(".checker__now")) {
    button.addEventListener("click", () => {
      const input = widget.querySelector(`#${CSS.escape(button.dataset.nowFor)}`);
      input.value = inputValueIn(new Date(), zoneOf(input)); // now, on the clock of the zone chosen beside it
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  // On a flow's page, the answers the path gives this form (a deployment said once at the top, "yes"
  // to a second emergency) show in it until the reader answers otherwise.
  const onPresets = (event) => {
    if (!widget.isConnected) return window.removeEventListener("hb:presets", onPresets);
    const presets = event.detail.presets[name];
    if (!presets || !applyPresets(widget, presets, linkValues(name))) return;
    near = true; // the path has brought this step in: its form answers now, wherever it is
    update({ quiet: true });
  };
  if (keepsLink) window.addEventListener("hb:presets", onPresets);

  // On a flow's page, the form of a step a first visit skips, with nothing answered, asks Python only
  // once it comes near or is answered: a first visit does not pay for the steps the path folds away
  // (the US Federal step's time-zone database among them), which then never ask.
  let near = !(keepsLink && widget.closest("[data-flow-first-skipped]") && !Object.keys(linkValues(name)).length &&
    !fieldsOf(widget).some(answeredByReader));
  let waiting = false;
  const updateWhenNear = (options) => {
    if (near) update(options);
    else waiting = true;
  };
  const approach = near ? null : new window.IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    near = true;
    approach.disconnect();
    if (waiting) update();
  }, { rootMargin: "100% 0px" });
  approach?.observe(widget);

  // Asked as the form mounts, not once Python is ready: the worker then answers it first of what
  // waited for its start (worker.mjs). `askedEarly`: that question is on its way, ready or not.
  let askedEarly = false;
  const stop = onRuntime(() => {
    if (!widget.isConnected) return stop();
    reflectRuntime();
    if (runtime.state === "ready" && !askedEarly) updateWhenNear();
    askedEarly = false;
  });
  const reflectRuntime = () => {
    if (runtime.state === "failed") {
      if (!status.querySelector(".checker__retry")) retryButton(status);
      showStatus(status, `Python could not start in this browser (${runtime.message}). ${fallback}`, "error");
      output.replaceChildren();
      return;
    }
    if (status.querySelector(".checker__retry")) status.replaceChildren();
    // Until Python runs, the build's own text says what works meanwhile; once it runs, say so at
    // once (a renderer's status, such as the incident's tag, replaces it with the first answer).
    if (runtime.state !== "ready") showStatus(status, staticText, runtime.state);
    else if (status.dataset.state !== "ready") showStatus(status, status.dataset.ready, "ready");
  };
  reflectRuntime();
  startRuntime();
  askedEarly = runtime.state === "starting" && near;
  if (runtime.state === "ready" || runtime.state === "starting") updateWhenNear();
  return () => {
    stop();
    approach?.disconnect();
    window.removeEventListener("hb:presets", onPresets);
    for (const dispose of disposers) dispose();
    disposers = [];
  };
}

function highlightRow(widget, result) {
  for (const row of widget.querySelectorAll("tr.is-current")) row.classList.remove("is-current");
  const row = result && result.rule ? widget.querySelectorAll("tbody tr")[result.rule - 1] : null;
  if (row) row.classList.add("is-current");
}
