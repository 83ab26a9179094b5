// The page side of the checkers: collect answers, ask the worker, show the reply.
// It never decides anything itself. Loaded once per visit; Material's instant navigation keeps
// this module (and so the worker) alive, and `document$` tells us when a new page is shown.

const siteRoot = new URL("../../", import.meta.url);
// Generous for slow networks; a wrong MIME type or a missing file makes Pyodide hang, not fail.
const STARTUP_TIMEOUT_MS = window.HANDBOOK_STARTUP_TIMEOUT_MS || 60000;

const runtime = { worker: null, state: "idle", message: "", pending: new Map(), nextId: 1, listeners: new Set() };

function setRuntime(state, message = "") {
  runtime.state = state;
  runtime.message = message;
  for (const listener of runtime.listeners) listener();
}

function startRuntime() {
  if (runtime.worker) return;
  setRuntime("starting");
  const timer = setTimeout(() => {
    if (runtime.state === "starting") fail(`Python did not start within ${STARTUP_TIMEOUT_MS / 1000} seconds.`);
  }, STARTUP_TIMEOUT_MS);
  const fail = (message) => {
    clearTimeout(timer);
    setRuntime("failed", message);
    for (const { resolve } of runtime.pending.values()) resolve({ ok: false, error: { field: null, message } });
    runtime.pending.clear();
  };
  try {
    runtime.worker = new Worker(new URL("worker.mjs", import.meta.url), { type: "module" });
  } catch (error) {
    fail(String(error));
    return;
  }
  runtime.worker.onmessage = ({ data }) => {
    if (data.type === "ready") {
      clearTimeout(timer);
      setRuntime("ready", `${data.ms} ms`);
    } else if (data.type === "failed") {
      fail(data.message);
    } else if (data.type === "reply") {
      const entry = runtime.pending.get(data.id);
      runtime.pending.delete(data.id);
      if (entry) entry.resolve(data.reply);
    }
  };
  runtime.worker.onerror = (event) => fail(event.message || "the Python worker could not be loaded");
}

/** Ask the Python side. Resolves to {ok, result} or {ok: false, error: {field, message}}. */
export function ask(request) {
  startRuntime();
  if (runtime.state === "failed") return Promise.resolve({ ok: false, error: { field: null, message: runtime.message } });
  return new Promise((resolve) => {
    const id = runtime.nextId++;
    runtime.pending.set(id, { resolve });
    runtime.worker.postMessage({ id, request });
  });
}

// ---- Answers ---------------------------------------------------------------------------------

function pad(n) {
  return String(n).padStart(2, "0");
}

/** A local date-time as ISO 8601 with the reader's UTC offset at that instant (DST-aware).
 *  `seconds: true` keeps the seconds: a live clock (the follow-up countdown) needs them. */
export function withLocalOffset(date, { seconds = false } = {}) {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds ? `:${pad(date.getSeconds())}` : ""}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function localInputValue(date) {
  return withLocalOffset(date).slice(0, 16);
}

function readField(field) {
  const kind = field.dataset.kind;
  if (kind === "multi-choice") {
    const checked = [...field.querySelectorAll("input:checked")].map((input) => input.value);
    return checked.length ? checked : undefined;
  }
  if (kind === "choice" || kind === "boolean") {
    const checked = field.querySelector("input:checked");
    if (!checked) return undefined;
    return kind === "boolean" ? checked.value === "true" : checked.value;
  }
  const control = field.querySelector("input, textarea");
  const value = control.value.trim();
  if (kind === "datetime") {
    if (!value) return undefined; // the Python side fills in "now" for questions that default to it
    // A value restored from the link keeps its own offset and seconds until the reader edits it.
    if (control.dataset.iso && control.dataset.isoShown === control.value) return control.dataset.iso;
    const local = new Date(value);
    return Number.isNaN(local.getTime()) ? value : withLocalOffset(local);
  }
  return value === "" ? undefined : value;
}

function isFormDefault(field) {
  return [...field.querySelectorAll("input, textarea")].every((control) =>
    control.type === "radio" || control.type === "checkbox"
      ? control.checked === control.defaultChecked
      : control.value === control.defaultValue,
  );
}

/** The answers the reader gave. `changedOnly`: leave out fields still as the page set them up
 *  (a default filled in by a renderer, such as today's date), which the link need not keep. */
export function readGivenAnswers(widget, { changedOnly = false } = {}) {
  const answers = {};
  for (const field of widget.querySelectorAll("[data-question]")) {
    if (changedOnly && isFormDefault(field)) continue;
    const value = readField(field);
    if (value !== undefined) answers[field.dataset.question] = value;
  }
  return answers;
}

export function readAnswers(widget) {
  const answers = readGivenAnswers(widget);
  // "now" is filled in here, the outermost layer, with the reader's own offset.
  for (const field of widget.querySelectorAll('[data-kind="datetime"][data-default="now"]')) {
    if (!(field.dataset.question in answers)) {
      answers[field.dataset.question] = withLocalOffset(new Date(), { seconds: true });
    }
  }
  return answers;
}

// ---- State in the URL query -----------------------------------------------------------------
// Each widget's answers live in the page's query as `<checker>.<answer id>=value` (namespaced, so
// several widgets on one page never collide), and a link to the page brings them back. Python
// (checkers/urlstate.py) reads and writes the query: sorted, unknown keys dropped, each invalid
// value reported on its field. This side only fills the form and calls history.replaceState.

let urlWrites = Promise.resolve(); // writes one after the other, so none overwrites another's keys

/** {answers, errors, raw} of one namespace (a checker's name) in the current query. */
export async function readUrlState(name) {
  const reply = await ask({ op: "read-url", name, query: location.search });
  return reply.ok ? reply.result : { answers: {}, errors: {}, raw: {} };
}

/** Put one namespace's answers into the query; other keys stay. Fires "checkers:url" on window. */
export function writeUrlState(name, answers) {
  const path = location.pathname;
  urlWrites = urlWrites.then(async () => {
    if (location.pathname !== path) return; // the reader has moved to another page meanwhile
    const reply = await ask({ op: "write-url", name, query: location.search, answers });
    if (!reply.ok || location.pathname !== path) return;
    if (reply.result.query !== location.search) {
      history.replaceState(history.state, "", path + reply.result.query + location.hash);
    }
    window.dispatchEvent(new CustomEvent("checkers:url"));
  });
  return urlWrites;
}

/** Fill a form from the link: valid answers set their control, invalid ones are flagged on their field. */
export function applyUrlState(container, state) {
  const fieldOf = (id) => container.querySelector(`[data-question="${CSS.escape(id)}"]`);
  for (const [id, value] of Object.entries(state.answers)) {
    const field = fieldOf(id);
    if (!field) continue;
    const kind = field.dataset.kind;
    if (kind === "multi-choice") {
      const chosen = new Set(Array.isArray(value) ? value : []);
      for (const input of field.querySelectorAll("input")) input.checked = chosen.has(input.value);
      continue;
    }
    if (kind === "choice" || kind === "boolean") {
      for (const input of field.querySelectorAll("input")) input.checked = input.value === String(value);
      continue;
    }
    const control = field.querySelector("input, textarea");
    if (kind === "datetime") {
      const date = new Date(value);
      control.value = Number.isNaN(date.getTime()) ? "" : localInputValue(date);
      Object.assign(control.dataset, { iso: value, isoShown: control.value }); // see readField
    } else {
      control.value = Array.isArray(value) ? value.join("\n") : value;
    }
  }
  // A text box shows the rejected text as it was (always as a value, never as HTML).
  for (const [id, raw] of Object.entries(state.raw)) {
    const control = fieldOf(id)?.querySelector("input[type=text], input[type=url], textarea");
    if (control) control.value = raw;
  }
  return new Map(Object.entries(state.errors).filter(([id]) => fieldOf(id)));
}

/** Show the link's rejected values next to their fields (`errors`: Map of answer id -> message). */
export function showUrlErrors(container, errors) {
  for (const [id, text] of errors) {
    const field = container.querySelector(`[data-question="${CSS.escape(id)}"]`);
    const message = field.querySelector(".checker__error");
    const label = (field.querySelector("legend, label") || {}).textContent || id;
    message.textContent = `${label.replace(/\?$/, "")}: the link gave a value that is not valid: ${text}`;
    message.hidden = false;
    (field.querySelector("input, textarea") || field).setAttribute("aria-invalid", "true");
  }
}

// ---- Rendering -------------------------------------------------------------------------------

/** Build an element from text and nodes only: data never becomes markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue; // an absent attribute
    if (key === "class") node.className = value;
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", { class: "visually-hidden" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  const label = button.textContent;
  button.textContent = "Copied";
  setTimeout(() => (button.textContent = label), 1500);
}

export function copyButton(text, what) {
  const button = el("button", { type: "button", class: "md-button checker__copy", "aria-label": `Copy ${what}` }, "Copy");
  button.addEventListener("click", () => copyText(text, button));
  return button;
}

const COMMON_FIELDS = new Set(["checker", "outcome", "title", "actions", "tags", "say", "cite", "sources", "because", "answers", "facts", "rule"]);

function humanize(key) {
  const text = key.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderValue(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function renderResult(result) {
  const box = document.createDocumentFragment();
  box.append(
    el("p", { class: "checker__outcome" }, el("strong", {}, result.title), " ", el("code", { class: "checker__code" }, result.outcome)),
  );
  if (result.because) box.append(el("p", {}, el("em", {}, "Why: "), result.because));
  if (result.actions.length) {
    box.append(el("p", {}, el("strong", {}, "What to do")));
    const list = el("ol");
    for (const action of result.actions) list.append(el("li", {}, action));
    box.append(list);
  }
  if (result.tags.length) {
    box.append(el("p", {}, el("strong", {}, result.tags.length > 1 ? "Macros and tags to apply" : "Macro or tag to apply")));
    for (const tag of result.tags) box.append(el("div", { class: "checker__copyrow" }, el("code", {}, tag), copyButton(tag, `tag ${tag}`)));
  }
  if (result.say) {
    box.append(el("p", {}, el("strong", {}, "What to tell the customer")));
    box.append(el("div", { class: "checker__copyrow" }, el("p", { class: "checker__say" }, result.say), copyButton(result.say, "the text for the customer")));
  }
  const extra = Object.entries(result).filter(([key, value]) => !COMMON_FIELDS.has(key) && value !== null && typeof value !== "object");
  if (extra.length) {
    const list = el("dl", { class: "checker__fields" });
    for (const [key, value] of extra) list.append(el("dt", {}, humanize(key)), el("dd", {}, renderValue(value)));
    box.append(list);
  }
  if (result.sources && result.sources.length) {
    const para = el("p", { class: "checker__sources" }, el("strong", {}, "Handbook: "));
    result.sources.forEach((source, index) => {
      if (index) para.append(", ");
      para.append(el("a", { href: new URL(source.href, siteRoot).href }, source.title));
    });
    box.append(para);
  }
  return box;
}

// ---- Widgets ---------------------------------------------------------------------------------

const renderers = new Map(); // checker name -> (result, container, widget) => void, for pictures and clocks
const preparers = new Map(); // checker name -> (widget) => void, once per mounted widget, before its first answer

/** `prepare` may fill in defaults only the browser knows (today's date in the reader's time zone). */
export function registerRenderer(name, render, { prepare } = {}) {
  renderers.set(name, render);
  if (prepare) preparers.set(name, prepare);
}

function showStatus(widget) {
  const status = widget.querySelector(".checker__status");
  if (!status) return;
  const text = {
    idle: "Python has not started yet.",
    starting: "Starting Python in your browser… the decision table below works already.",
    ready: "Checked by Python in your browser, from the rules in the table below.",
    failed: `Python could not start in this browser (${runtime.message}). The decision table below still applies.`,
  }[runtime.state];
  status.dataset.state = runtime.state === "failed" ? "error" : runtime.state;
  if (status.textContent !== text) status.textContent = text;
}

function showErrors(widget, error, touched) {
  for (const node of widget.querySelectorAll(".checker__error")) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const node of widget.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  if (widget.urlErrors) showUrlErrors(widget, widget.urlErrors); // until their field is changed
  if (!error || !error.field) return false;
  const field = widget.querySelector(`[data-question="${CSS.escape(error.field)}"]`);
  if (!field) return false;
  const label = (field.querySelector("legend, label") || {}).textContent || error.field;
  if (error.message === "is required" && !touched.has(error.field)) {
    return `Still to answer: ${label}`;
  }
  const message = field.querySelector(".checker__error");
  message.textContent = `${label.replace(/\?$/, "")}: ${error.message}`;
  message.hidden = false;
  (field.querySelector("input, textarea") || field).setAttribute("aria-invalid", "true");
  return `Check the answer “${label}”: ${error.message}`;
}

function highlightRow(widget, result) {
  for (const row of widget.querySelectorAll("tr.is-current")) row.classList.remove("is-current");
  if (result && result.rule) {
    const row = widget.querySelectorAll("tbody tr")[result.rule - 1];
    if (row) row.classList.add("is-current");
  }
}

function mount(widget) {
  if (widget.dataset.mounted) return;
  widget.dataset.mounted = "true";
  const name = widget.dataset.checker;
  const form = widget.querySelector("form");
  const output = widget.querySelector(".checker__result");
  const touched = new Set();
  let sequence = 0;

  // A checker's own renderer module (pictures, clocks) registers itself when imported.
  const rendererLoaded = (
    widget.dataset.renderer
      ? import(new URL(`render/${widget.dataset.renderer}.js`, import.meta.url).href).catch((error) => console.warn(error))
      : Promise.resolve()
  ).then(() => {
    try {
      preparers.get(name)?.(widget);
    } catch (error) {
      console.warn(error); // a broken default must not stop the checker from answering
    }
  });

  // The answers in the page's link come first, so the first answer shown is the linked one.
  const restored = rendererLoaded
    .then(() => readUrlState(name))
    .then((state) => {
      widget.urlErrors = applyUrlState(widget, state);
      for (const id of Object.keys(state.answers)) touched.add(id);
    });
  const keepInUrl = () => restored.then(() => writeUrlState(name, readGivenAnswers(widget, { changedOnly: true })));
  keepInUrl(); // once on load, so the link reads as Python writes it: sorted, unknown keys dropped

  const update = async () => {
    const mine = ++sequence;
    await restored;
    const reply = await ask({ op: "evaluate", name, answers: readAnswers(widget) });
    if (mine !== sequence || !widget.isConnected) return; // a newer answer is on its way
    output.replaceChildren();
    if (Array.isArray(reply.asked)) {
      // Contract 2: a question that cannot matter for these answers is not shown (Python says which).
      for (const field of widget.querySelectorAll("[data-question]")) {
        field.hidden = !reply.asked.includes(field.dataset.question);
      }
    }
    if (reply.ok) {
      showErrors(widget, null, touched);
      output.append(renderResult(reply.result));
      const custom = renderers.get(name);
      if (custom) custom(reply.result, output, widget);
      highlightRow(widget, reply.result);
      widget.dispatchEvent(new CustomEvent("checker:result", { detail: reply.result, bubbles: true }));
    } else {
      const summary = showErrors(widget, reply.error, touched);
      highlightRow(widget, null);
      if (summary) output.append(el("p", {}, summary));
      else if (runtime.state !== "failed") output.append(el("p", {}, `Could not check: ${reply.error.message}`));
    }
  };

  form.addEventListener("change", (event) => {
    const field = event.target.closest("[data-question]");
    if (field) touched.add(field.dataset.question);
    // Text boxes were already evaluated on every keystroke. Their "change" fires on blur, i.e. when
    // the reader clicks a Copy button in the result: re-rendering then would swap the button out
    // between mouse-down and mouse-up, and the click (and the copy) would be lost.
    if (event.target.matches("input[type=text], input[type=url], textarea")) return;
    if (field) widget.urlErrors?.delete(field.dataset.question);
    update();
    keepInUrl();
  });
  form.addEventListener("input", (event) => {
    if (!event.target.matches("input[type=text], input[type=url], textarea")) return;
    widget.urlErrors?.delete(event.target.closest("[data-question]")?.dataset.question);
    update();
    keepInUrl();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    touched.clear();
    widget.urlErrors?.clear();
    setTimeout(() => { // after the browser has put the defaults back
      update();
      keepInUrl();
    }, 0);
  });
  for (const button of widget.querySelectorAll(".checker__now")) {
    button.addEventListener("click", () => {
      const input = widget.querySelector(`#${CSS.escape(button.dataset.nowFor)}`);
      input.value = localInputValue(new Date());
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }
  widget.checkerUpdate = update;
  const listener = () => {
    if (!widget.isConnected) return runtime.listeners.delete(listener);
    showStatus(widget);
    if (runtime.state === "ready" || runtime.state === "failed") update();
  };
  runtime.listeners.add(listener);
  showStatus(widget);
  startRuntime();
  if (runtime.state === "ready") update();
}

function mountAll() {
  const widgets = document.querySelectorAll("[data-checker]");
  for (const widget of widgets) mount(widget);
}

window.handbookCheckers = {
  ask, registerRenderer, renderResult, copyButton, readAnswers, readGivenAnswers, withLocalOffset, runtime,
  readUrlState, writeUrlState, applyUrlState, showUrlErrors,
};

// Pages with a checker also load this module early, from <head> (site_build/early_start.py): Python
// starts downloading and compiling while the rest of the page is still arriving.
if (document.querySelector("script[data-start-python]")) startRuntime();

/** Run `mount` for the page shown now and for every page instant navigation shows later. */
export function onEveryPage(mount) {
  const subscribe = () => {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
    else mount();
  };
  // Loaded early (from <head>), a module runs before Material's bundle has defined document$.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
  else subscribe();
}

onEveryPage(mountAll);
