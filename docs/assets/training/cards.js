// Facilitator cards on screen (component "drill-cards"): reveal the facts one at a time, keep the expected decisions covered
// until the group has decided, print one card. Without JavaScript (and on paper) everything shows:
// the covering is a screen-only class (training.css).

import { nextTask } from "../checkers/schedule.js";
import { normaliseCode } from "./code.js";

const CARDS_PER_TASK = 4;

function button(text, attrs = {}) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "md-button drill-card__tool";
  node.textContent = text;
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function mountCard(card) {
  const facts = [...card.querySelectorAll(".drill-card__fact")];
  const answers = card.querySelector("[data-answers]");
  const tools = document.createElement("div");
  tools.className = "drill-card__tools";

  let shown = 0;
  const factsList = card.querySelector("[data-facts]");
  const status = document.createElement("p");
  status.className = "drill-card__status";
  status.setAttribute("role", "status");
  factsList.after(status);
  const revealNext = button("Reveal the next fact");
  const update = () => {
    facts.forEach((fact, index) => fact.classList.toggle("is-concealed", index >= shown));
    revealNext.disabled = shown >= facts.length;
    status.textContent = `${shown} of ${facts.length} facts revealed.`;
  };
  revealNext.addEventListener("click", () => {
    shown = Math.min(facts.length, shown + 1);
    update();
  });
  factsList.before(revealNext);
  update();

  const answersId = `${card.id}-answers`;
  answers.id = answersId;
  answers.classList.add("is-concealed");
  const toggle = button("Show the expected decisions", { "aria-expanded": "false", "aria-controls": answersId });
  toggle.addEventListener("click", () => {
    const open = answers.classList.toggle("is-concealed") === false;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Hide the expected decisions" : "Show the expected decisions";
  });
  answers.before(toggle);

  const print = button("Print this card");
  print.addEventListener("click", () => {
    document.body.dataset.printCard = card.id;
    card.classList.add("is-print-target");
    const done = () => {
      delete document.body.dataset.printCard;
      card.classList.remove("is-print-target");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  });
  tools.append(print);
  card.querySelector(".drill-card__meta").after(tools);
}

/** "Open a whole-page drill by its code": the facilitator view is that card alone, as printed. */
function mountOpener(root, cards) {
  const form = root.querySelector("[data-open-code]");
  if (!form) return;
  const input = form.querySelector("input");
  const status = form.querySelector("[role=status]");
  const all = document.createElement("button");
  all.type = "button";
  all.className = "md-button drill-cards__all";
  all.textContent = "Show every card";
  all.hidden = true;
  form.append(all);
  const showOnly = (chosen) => {
    root.classList.toggle("is-one-card", Boolean(chosen));
    for (const card of cards) card.hidden = Boolean(chosen) && card !== chosen;
    all.hidden = !chosen;
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const code = normaliseCode(input.value);
    const card = cards.find((c) => c.dataset.code === code);
    if (!card) {
      status.textContent = code ? `No whole-page drill has the code ${code}.` : "Type the code first.";
      return;
    }
    showOnly(card);
    status.textContent = `Facilitator view: ${card.querySelector("h2").textContent}. The trainee types ${code} on the guided page.`;
    const heading = card.querySelector("h2");
    heading.tabIndex = -1;
    heading.focus();
  });
  all.addEventListener("click", () => {
    showOnly(null);
    status.textContent = "";
    input.focus();
  });
  form.querySelector("button[type=submit]").disabled = false;
}

export async function mount(root) {
  // 68 cards: a few per task, so the page stays responsive while they get their buttons.
  const cards = [...root.querySelectorAll("[data-card]")];
  mountOpener(root, cards);
  for (let start = 0; start < cards.length; start += CARDS_PER_TASK) {
    if (start) await nextTask();
    cards.slice(start, start + CARDS_PER_TASK).forEach(mountCard);
  }
}
