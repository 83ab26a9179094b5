// One drill question: its choices as radio buttons, "Check answer", and the grade from the worker
// ({op: "grade"}: Python runs the checker on the facts; the page never holds the key).
import { el } from "../../checkers/dom.js";
import { ask } from "../../checkers/transport.js";
import { feedbackNodes } from "./feedback.js";

/** What the worker grades: a scenario's question on its checker's facts, or a whole-page drill's step
 * on the flow's walk of its answers (`scenario.flow`). */
export function gradeRequest(scenario, question, chosen) {
  const { asks, field, choices } = question;
  const where = scenario.flow
    ? { flow: scenario.flow.name, answers: scenario.flow.answers }
    : { checker: scenario.facts.checker, answers: scenario.facts.answers };
  return { op: "grade", ...where, question: { asks, field, choices }, choice: chosen };
}

/** "Step 2: Reply to the customer." or "Step 1: Is the requester entitled?": one stop, never two. */
export function stepHeading(index, title) {
  return `Step ${index + 1}: ${title}${/[.?!]$/.test(title) ? "" : "."}`;
}

/** `saved`: an earlier grade or undefined; `onGraded(entry)` records it. Returns {form, isAnswered, grade}. */
export function questionForm(scenario, question, index, { saved, onGraded }) {
  const name = `drill-${scenario.id}-${question.id}`;
  const choices = question.choices.map((choice, choiceIndex) => {
    const input = el("input", { type: "radio", name, id: `${name}-${choiceIndex}`, value: String(choiceIndex) });
    const label = el("label", { for: input.id, class: "drills__choice" }, input, " ", el("span", { class: "drills__label" }, choice.label));
    return { input, label };
  });
  // A whole-page drill's question names the step of the path it decides.
  const legend = question.step_title
    ? el("legend", {}, `${stepHeading(index, question.step_title)} `, el("span", { class: "drills__prompt" }, question.prompt))
    : el("legend", {}, `${index + 1}. ${question.prompt}`);
  const fieldset = el("fieldset", { class: "drills__field-set" }, legend, el("div", { class: "drills__choices" }, ...choices.map((c) => c.label)));
  const submit = el("button", { type: "submit", class: "md-button md-button--primary drills__check" }, "Check answer");
  const feedback = el("div", { class: "drills__feedback", tabindex: "-1" });
  const form = el("form", { class: "drills__question", "data-question": question.id, novalidate: true }, fieldset, submit, feedback);
  let graded = saved || null;

  const showGraded = (entry) => {
    for (const c of choices) c.input.disabled = true;
    submit.hidden = true;
    choices.forEach((c, i) => {
      c.label.classList.toggle("is-key", i === entry.keyChoice);
      c.label.classList.toggle("is-wrong", i === entry.chosen && !entry.correct);
      if (i === entry.chosen) c.input.checked = true;
      const notes = [];
      if (i === entry.chosen) notes.push("your answer");
      if (i === entry.keyChoice) notes.push("the handbook's answer");
      c.label.querySelector(".drills__note")?.remove();
      if (notes.length) c.label.querySelector(".drills__label").append(el("span", { class: "drills__note" }, ` (${notes.join("; ")})`));
    });
    feedback.replaceChildren(...feedbackNodes(question, entry));
  };

  const grade = async (chosen, timedOut = false) => {
    if (graded) return;
    submit.disabled = true;
    submit.textContent = "Checking…";
    const reply = await ask(gradeRequest(scenario, question, chosen));
    submit.disabled = false;
    submit.textContent = "Check answer";
    if (!form.isConnected && !timedOut) return;
    if (!reply.ok) {
      feedback.replaceChildren(el("p", { class: "drills__error" }, `Could not check your answer: ${reply.error.message}`));
      return;
    }
    const { result } = reply;
    graded = {
      chosen: result.chosen, keyChoice: result.key_choice, correct: result.correct, timedOut,
      because: result.because, title: result.title, actions: result.actions, sources: result.sources,
    };
    onGraded(graded);
    if (form.isConnected) {
      showGraded(graded);
      if (!timedOut) feedback.focus();
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const checked = choices.findIndex((c) => c.input.checked);
    if (checked < 0) {
      feedback.replaceChildren(el("p", { class: "drills__error" }, "Choose an answer first."));
      choices[0].input.focus();
      return;
    }
    grade(checked);
  });
  if (graded) showGraded(graded);
  return { form, isAnswered: () => graded !== null, grade };
}
