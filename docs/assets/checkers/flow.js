// The guided response page ("I just got paged"): the ticket link and the copy-ready texts, the
// checklists kept per ticket, the permalink and "Start again", and "Your answers" with a
// "Change" button under each checker on the page. Python fills in the texts and validates every
// answer (op "texts", checkers/response_texts.py); this module only displays what it returns,
// always as text, never as HTML. Loaded once per visit like client.js; does nothing on other pages.
import {
  ask, copyButton, readGivenAnswers, readUrlState, writeUrlState, applyUrlState, showUrlErrors, onEveryPage,
} from "./client.js";

const NAMESPACE = "response-texts"; // checkers.response_texts.NAMESPACE: its keys in the page's link
const STORE_PREFIX = "handbook:checklist:"; // + the validated ticket link

// ---- The ticket link and the texts -----------------------------------------------------------

function showFieldErrors(section, errors, urlErrors) {
  for (const node of section.querySelectorAll(".checker__error")) {
    node.hidden = true;
    node.textContent = "";
  }
  for (const node of section.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  showUrlErrors(section, urlErrors);
  for (const [id, message] of Object.entries(errors)) {
    const field = section.querySelector(`[data-question="${CSS.escape(id)}"]`);
    if (!field) continue;
    const label = field.querySelector("label").textContent;
    const node = field.querySelector(".checker__error");
    node.textContent = `${label}: ${message}`;
    node.hidden = false;
    field.querySelector("input").setAttribute("aria-invalid", "true");
  }
}

function showTexts(texts) {
  for (const slot of document.querySelectorAll("[data-response-text]")) {
    const entry = texts[slot.dataset.responseText];
    if (!entry) continue;
    const say = slot.querySelector(".checker__say");
    say.textContent = entry.text;
    const row = slot.querySelector(".checker__copyrow");
    row.querySelector(".checker__copy")?.remove();
    row.append(copyButton(entry.text, entry.label.toLowerCase()));
    const todo = slot.querySelector(".flow-text__todo");
    todo.hidden = entry.placeholders.length === 0;
    todo.textContent = entry.placeholders.length ? `Fill in by hand before sending: ${entry.placeholders.join(", ")}` : "";
  }
}

function mountTexts(section) {
  if (section.dataset.mounted) return;
  section.dataset.mounted = "true";
  const form = section.querySelector("form");
  const status = section.querySelector(".checker__status");
  let urlErrors = new Map();
  let sequence = 0;

  const restored = readUrlState(NAMESPACE).then((state) => {
    urlErrors = applyUrlState(section, state);
  });

  const update = async () => {
    const mine = ++sequence;
    await restored;
    const reply = await ask({ op: "texts", answers: readGivenAnswers(section) });
    if (mine !== sequence || !section.isConnected) return;
    if (!reply.ok) {
      status.dataset.state = "error";
      status.textContent = `The texts could not be filled in (${reply.error.message}). Replace the parts in [brackets] by hand.`;
      return;
    }
    status.dataset.state = "ready";
    status.textContent = "Filled in by Python in your browser from your answers.";
    // A value from the link that Python rejected stays flagged until its field is changed.
    const fresh = Object.fromEntries(Object.entries(reply.result.errors).filter(([id]) => !urlErrors.has(id)));
    showFieldErrors(section, fresh, urlErrors);
    showTexts(reply.result.texts);
    setTicket(reply.result.ticket_url);
  };
  const keepInUrl = () => restored.then(() => writeUrlState(NAMESPACE, readGivenAnswers(section)));

  form.addEventListener("input", (event) => {
    urlErrors.delete(event.target.closest("[data-question]")?.dataset.question);
    update();
    keepInUrl();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    urlErrors.clear();
    setTimeout(() => {
      update();
      keepInUrl();
    }, 0);
  });
  update();
  keepInUrl(); // the link as Python writes it: sorted, unknown keys dropped
}

// ---- Checklists, ticks kept per ticket link ---------------------------------------------------

let ticket = null; // the ticket link as Python validated it, or null

function storage() {
  try {
    return window.localStorage; // may be missing or refused (private modes, strict settings)
  } catch {
    return null;
  }
}

function loadTicks() {
  const store = storage();
  if (!ticket || !store) return {};
  try {
    const ticks = JSON.parse(store.getItem(STORE_PREFIX + ticket) || "{}");
    return ticks && typeof ticks === "object" ? ticks : {};
  } catch {
    return {};
  }
}

function saveTicks() {
  const store = storage();
  if (!ticket || !store) return;
  const ticks = {};
  for (const box of document.querySelectorAll("[data-checklist] input[data-item]")) if (box.checked) ticks[box.dataset.item] = true;
  try {
    store.setItem(STORE_PREFIX + ticket, JSON.stringify(ticks));
  } catch {
    // A full or refused store only loses the memory of the ticks, not the ticks on the page.
  }
}

function describeStore() {
  const text = !storage()
    ? "This browser does not let the page keep your ticks."
    : ticket
      ? `Your ticks are kept in this browser for the ticket ${ticket}.`
      : "Enter the ticket link in step 2 to keep your ticks for that ticket.";
  for (const node of document.querySelectorAll(".flow-checklist__store")) if (node.textContent !== text) node.textContent = text;
}

function setTicket(url) {
  if (url === ticket && document.querySelector("[data-checklist][data-ticket-loaded]")) return;
  ticket = url;
  const ticks = loadTicks();
  for (const list of document.querySelectorAll("[data-checklist]")) {
    list.dataset.ticketLoaded = "true";
    // Another ticket's ticks are not this one's; without a ticket, the ticks on screen stay as they are.
    if (ticket) for (const box of list.querySelectorAll("input[data-item]")) box.checked = ticks[box.dataset.item] === true;
  }
  describeStore();
}

function mountChecklist(list) {
  if (list.dataset.mounted) return;
  list.dataset.mounted = "true";
  list.addEventListener("change", saveTicks);
}

// ---- Permalink and "Start again" -------------------------------------------------------------

function mountToolbar(bar) {
  if (bar.dataset.mounted) return;
  bar.dataset.mounted = "true";
  bar.hidden = false;
  const link = bar.querySelector(".flow-permalink");
  let copy = bar.querySelector(".flow-copy-link");
  // The link changes with every answer: show it, and give the Copy button the link of this moment.
  // Without the #section the theme adds while scrolling: the link opens the response at its top.
  const refresh = () => {
    if (!bar.isConnected) return window.removeEventListener("checkers:url", refresh);
    const permalink = location.origin + location.pathname + location.search;
    link.textContent = permalink;
    const fresh = copyButton(permalink, "the link to this response");
    fresh.classList.add("flow-copy-link");
    const hadFocus = document.activeElement === copy;
    copy.replaceWith(fresh);
    copy = fresh;
    if (hadFocus) fresh.focus();
  };
  refresh();
  window.addEventListener("checkers:url", refresh);
  bar.querySelector(".flow-start-again").addEventListener("click", () => {
    // Each form's own "reset" handler asks Python again and takes its answers out of the link.
    for (const form of document.querySelectorAll("[data-checker] form, [data-response-texts] form")) form.reset();
    for (const box of document.querySelectorAll("[data-checklist] input[data-item]")) box.checked = false;
    bar.querySelector(".flow-toolbar__status").textContent = "Started again: every answer on this page is cleared.";
  });
}

// ---- "Your answers", each with "Change" ------------------------------------------------------

function answerText(field) {
  const kind = field.dataset.kind;
  if (kind === "choice" || kind === "boolean") {
    const checked = field.querySelector("input:checked");
    return checked ? checked.closest("label").textContent.trim() : null;
  }
  const value = field.querySelector("input, textarea").value.trim();
  if (!value) return null;
  return kind === "datetime" ? value.replace("T", " ") : value;
}

function changeTarget(field) {
  return field.querySelector("input:checked") || field.querySelector("input, textarea");
}

function summarise(event) {
  const widget = event.target.closest("[data-checker]");
  const output = widget && widget.querySelector(".checker__result");
  if (!output) return;
  const list = document.createElement("dl");
  list.className = "flow-answers__list";
  for (const field of widget.querySelectorAll("[data-question]")) {
    const text = answerText(field);
    if (text === null) continue;
    const label = (field.querySelector("legend, label") || {}).textContent || field.dataset.question;
    const change = document.createElement("button");
    change.type = "button";
    change.className = "md-button flow-answers__change";
    change.textContent = "Change";
    change.setAttribute("aria-label", `Change: ${label}`);
    change.addEventListener("click", () => {
      const target = changeTarget(field);
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
    const term = document.createElement("dt");
    term.textContent = label;
    const value = document.createElement("dd");
    value.append(text, " ", change);
    list.append(term, value);
  }
  if (!list.childElementCount) return;
  const box = document.createElement("div");
  box.className = "flow-answers";
  const title = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent = "Your answers";
  title.append(strong);
  box.append(title, list);
  output.append(box);
}

// ---- Mounting --------------------------------------------------------------------------------

function mountFlow() {
  const bar = document.querySelector("[data-flow-toolbar]");
  if (!bar) return; // not the guided response page
  // Ten steps are long enough: each decision table stays one click away ("Decision table").
  for (const details of document.querySelectorAll("[data-checker] details.checker__details")) details.open = false;
  for (const list of document.querySelectorAll("[data-checklist]")) mountChecklist(list);
  describeStore();
  mountToolbar(bar);
  const texts = document.querySelector("[data-response-texts]");
  if (texts) mountTexts(texts);
  if (!document.body.dataset.flowSummaries) {
    document.body.dataset.flowSummaries = "true";
    document.addEventListener("checker:result", (event) => {
      if (document.querySelector("[data-flow-toolbar]")) summarise(event);
    });
  }
}

onEveryPage(mountFlow);
