// The special-handling checker's extra: the customer's steps for a compromised instance as the
// nested list they are in the handbook (the result's `customer_steps`), with a copy button for the
// ticket. The steps and their order come from the result; this only lays them out.
import { copyButton, registerRenderer, el as html } from "../client.js";

const INTRO = "The customer should:";


function stepsList(steps) {
  const list = html("ol", { class: "customer-steps" });
  for (const { step, points } of steps) {
    const item = html("li", {}, step);
    if (points.length) item.append(html("ul", {}, ...points.map((point) => html("li", {}, point))));
    list.append(item);
  }
  return list;
}

/** The same steps as plain text, numbered and indented, for pasting into a ticket. */
function stepsText(steps) {
  return [
    INTRO,
    ...steps.map(({ step, points }, index) => [`${index + 1}. ${step}`, ...points.map((point) => `   - ${point}`)].join("\n")),
  ].join("\n");
}

function render(result, container) {
  const steps = result.customer_steps || [];
  if (!steps.length) return;
  const nested = html(
    "div",
    { class: "customer-steps__box" },
    stepsList(steps),
    html("div", { class: "checker__copyrow" }, copyButton(stepsText(steps), "the customer's steps")),
  );
  // The actions list carries the same steps flattened into single items right after the intro:
  // put the nested list in the intro's item instead of those flattened ones.
  const items = [...container.querySelectorAll("ol > li")];
  const intro = items.findIndex((item) => item.textContent === INTRO);
  if (intro === -1) {
    container.querySelector("ol")?.after(html("p", {}, html("strong", {}, INTRO)), nested);
    return;
  }
  for (const flattened of items.slice(intro + 1, intro + 1 + steps.length)) flattened.remove();
  items[intro].append(nested);
}

registerRenderer("special-handling", render);
