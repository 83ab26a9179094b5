// The guided response page ("I just got paged"), component "flow" (its toolbar): the checklists kept
// per ticket, the permalink and "Start again", and "Your answers" with a "Change" button under each
// checker's result. The ticket link and the texts are an ordinary form (component "form",
// render/response-texts.js), which announces the validated ticket link ("hb:ticket").
import { el, setCopyText } from "./dom.js";
import { labelOf } from "./errors.js";
import { answerOfField, fieldsOf } from "./answers.js";
import { extendResults } from "./widget.js";
import { NOT_KEPT, openStore } from "./storage.js";

const STORE_PREFIX = "handbook:checklist:"; // + the validated ticket link

// ---- Checklists, ticks kept per ticket link ---------------------------------------------------

function checklists() {
  return new Checklists(document.querySelectorAll("[data-flow-checklist]"));
}

class Checklists {
  constructor(lists) {
    this.lists = [...lists];
    this.store = openStore();
    this.ticket = null;
    this.refused = false;
    for (const list of this.lists) list.addEventListener("change", () => this.save());
    this.describe();
  }

  boxes() {
    return this.lists.flatMap((list) => [...list.querySelectorAll("input[data-item]")]);
  }

  save() {
    if (!this.ticket || !this.store.available) return;
    const ticks = Object.fromEntries(this.boxes().filter((box) => box.checked).map((box) => [box.dataset.item, true]));
    // A full or refused store only loses the memory of the ticks, not the ticks on the page.
    this.refused = !this.store.write(STORE_PREFIX + this.ticket, ticks);
    this.describe();
  }

  setTicket(url) {
    if (url === this.ticket) return;
    this.ticket = url;
    // Another ticket's ticks are not this one's; without a ticket, the ticks on screen stay as they are.
    if (url) {
      const ticks = this.store.read(STORE_PREFIX + url, {});
      for (const box of this.boxes()) box.checked = ticks[box.dataset.item] === true;
    }
    this.describe();
  }

  clear() {
    for (const box of this.boxes()) box.checked = false;
    this.save();
  }

  describe() {
    const text = !this.store.available || this.refused
      ? NOT_KEPT
      : this.ticket
        ? `Your ticks are kept in this browser for the ticket ${this.ticket}.`
        : "Enter the ticket link in step 2 to keep your ticks for that ticket.";
    for (const list of this.lists) {
      const node = list.querySelector(".flow-checklist__store");
      if (node.textContent !== text) node.textContent = text;
    }
  }
}

// ---- Permalink and "Start again" -------------------------------------------------------------

function mountToolbar(bar, lists) {
  for (const button of bar.querySelectorAll("button[disabled]")) button.disabled = false;
  const link = bar.querySelector(".flow-permalink");
  const copy = bar.querySelector(".flow-copy-link");
  // The link changes with every answer: show it, and give the Copy button the link of this moment.
  // Without the #section the theme adds while scrolling: the link opens the response at its top.
  const refresh = () => {
    if (!bar.isConnected) return window.removeEventListener("hb:url", refresh);
    const permalink = location.origin + location.pathname + location.search;
    link.textContent = permalink;
    setCopyText(copy, permalink, "link to this response"); // "Copy link", as the button reads
  };
  refresh();
  window.addEventListener("hb:url", refresh);
  bar.querySelector(".flow-start-again").addEventListener("click", () => {
    // Each form's own "reset" handler (the flow's own questions' too) asks Python again and takes
    // its answers out of the link; the link is emptied now, Python or not: no answer is left.
    for (const form of document.querySelectorAll('[data-hb-component="form"] form, [data-hb-component="flow-path"] form')) form.reset();
    if (location.search) {
      history.replaceState(history.state, "", location.pathname + location.hash);
      window.dispatchEvent(new CustomEvent("hb:url", { detail: {} }));
    }
    lists.clear();
    bar.querySelector(".flow-toolbar__status").textContent = "Started again: every answer on this page is cleared.";
  });
  return () => window.removeEventListener("hb:url", refresh);
}

// ---- "Your answers", each with "Change" ------------------------------------------------------

function answerText(field) {
  const kind = field.dataset.kind;
  if (kind === "choice" || kind === "boolean" || kind === "multi-choice") {
    const checked = [...field.querySelectorAll("input:checked")].map((input) => input.closest("label").textContent.trim());
    return checked.length ? checked.join(", ") : null;
  }
  if (kind === "datetime") {
    const answer = answerOfField(field); // with the offset of the zone it was given in
    return typeof answer === "string" ? answer.replace("T", " ") : null;
  }
  const value = field.querySelector("input, textarea").value.trim();
  return value || null;
}

function yourAnswers(widget) {
  const list = el("dl", { class: "flow-answers__list" });
  for (const field of fieldsOf(widget)) {
    const text = field.hidden ? null : answerText(field);
    if (text === null) continue;
    const label = labelOf(field, field.dataset.question);
    const change = el("button", { type: "button", class: "md-button flow-answers__change", "aria-label": `Change: ${label}` }, "Change");
    change.addEventListener("click", () => {
      const target = field.querySelector("input:checked") || field.querySelector("input, textarea");
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
    list.append(el("dt", {}, label), el("dd", {}, text, " ", change));
  }
  if (!list.childElementCount) return null;
  return el("div", { class: "flow-answers" }, el("p", {}, el("strong", {}, "Your answers")), list);
}

// ---- Mounting --------------------------------------------------------------------------------

let extended = false;

export function mount(bar) {
  // Ten steps are long enough: each decision table stays one click away ("Decision table").
  for (const details of document.querySelectorAll("[data-checker] details.checker__details")) details.open = false;
  const lists = checklists();
  const onTicket = (event) => {
    if (!bar.isConnected) return window.removeEventListener("hb:ticket", onTicket);
    lists.setTicket(event.detail.ticket);
  };
  window.addEventListener("hb:ticket", onTicket);
  const disposeToolbar = mountToolbar(bar, lists);
  if (!extended) {
    extended = true;
    // Under each checker of the guided response: a section of its own in that checker's result.
    extendResults((widget) =>
      widget.dataset.checker !== undefined && document.querySelector("[data-flow-toolbar]")
        ? () => ({ sections: [{ id: "your-answers", node: yourAnswers(widget) }] })
        : null,
    );
  }
  return () => {
    disposeToolbar();
    window.removeEventListener("hb:ticket", onTicket);
  };
}
