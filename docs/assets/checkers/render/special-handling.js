// The special-handling checker's extra: the customer's steps for a compromised instance as the nested
// list they are in the handbook (`customer_steps`), in place of their flattened copies in the
// actions (`customer_steps_at` says where those stand), with a copy button for the ticket
// (`customer_steps_text`). The steps, their order and their words all come from the result.
import { copyButton, el } from "../dom.js";

function stepsList(steps) {
  return el("ol", { class: "customer-steps" }, ...steps.map(({ step, points }) =>
    el("li", {}, step, points.length ? el("ul", {}, ...points.map((point) => el("li", {}, point))) : null),
  ));
}

export function render(result) {
  const steps = result.customer_steps || [];
  if (!steps.length || result.customer_steps_at === null || result.customer_steps_at === undefined) return {};
  const at = result.customer_steps_at;
  const nested = el(
    "div", { class: "customer-steps__box" },
    stepsList(steps),
    el("div", { class: "checker__copyrow" }, copyButton(result.customer_steps_text, "the customer's steps")),
  );
  const items = result.actions.map((action, index) => {
    if (index === at) return el("li", {}, action, nested);
    if (index > at && index <= at + steps.length) return null; // shown nested above
    return el("li", {}, action);
  });
  const node = el("div", { class: "checker__actions" }, el("p", {}, el("strong", {}, "What to do")), el("ol", {}, ...items));
  return { sections: [{ id: "actions", node }] };
}
