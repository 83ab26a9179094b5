// What the trainee reads after an answer (the verdict, the handbook's answer, why, the handbook's
// sections, what to do) and after a whole scenario (the score, the facts, the next scenario).
import { el } from "../../checkers/dom.js";
import { siteHref } from "../../checkers/result.js";

export function feedbackNodes(question, entry) {
  const key = question.choices[entry.keyChoice];
  const verdict = entry.correct ? "Correct." : entry.timedOut ? "Time ran out." : "Not quite.";
  const nodes = [el("p", { class: `drills__verdict ${entry.correct ? "is-right" : "is-wrong"}` }, el("strong", {}, verdict))];
  if (!entry.correct) nodes.push(el("p", {}, "The handbook's answer: ", el("strong", {}, key.label)));
  nodes.push(el("p", {}, el("em", {}, "Why: "), entry.because));
  if (entry.sources && entry.sources.length) {
    const cite = el("p", { class: "drills__cite" }, "Handbook: ");
    entry.sources.forEach((source, index) => {
      if (index) cite.append(", ");
      cite.append(el("a", { href: siteHref(source.href) }, source.title));
    });
    nodes.push(cite);
  }
  if (entry.actions && entry.actions.length) {
    const list = el("ol", {}, ...entry.actions.map((action) => el("li", {}, action)));
    nodes.push(el("details", { class: "drills__actions" }, el("summary", {}, `What to do: ${entry.title}`), list));
  }
  return nodes;
}

/** The end of a scenario; `next` (or null) is offered with `onNext`, as a review when `forReview`. */
export function summaryNodes(scenario, right, next, onNext, forReview = false) {
  const facts = el("dl", { class: "drills__facts" });
  for (const fact of scenario.known) facts.append(el("dt", {}, fact.label), el("dd", {}, fact.value));
  const nodes = [
    el("p", {}, el("strong", {}, scenario.flow
      ? `Whole page walked: ${right} of ${scenario.questions.length} steps right.`
      : `Scenario done: ${right} of ${scenario.questions.length} right.`)),
    el("details", {}, el("summary", {}, "The facts behind this scenario"), facts),
  ];
  if (next) {
    const button = el("button", { type: "button", class: "md-button drills__next" }, `${forReview ? "Back for review" : "Next scenario"}: ${next.title}`);
    button.addEventListener("click", () => onNext(next));
    nodes.push(button);
  } else {
    nodes.push(el("p", {}, "You have done every scenario. Reset your progress to start again."));
  }
  return nodes;
}
