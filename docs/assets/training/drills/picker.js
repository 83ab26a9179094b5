// The drill page's tools: choose a scenario, timed mode, reset (two presses), and the score line.
import { el } from "../../checkers/dom.js";
import { answeredCount, isComplete, rightCount, score } from "./progress.js";

export function pickerBar(scenarios, progress, { isDue, onPick, onTimed, onReset }) {
  const picker = el("select", { id: "drills-pick", class: "drills__pick" });
  const timedBox = el("input", { type: "checkbox", id: "drills-timed" });
  timedBox.checked = progress.timed;
  const resetButton = el("button", { type: "button", class: "md-button drills__reset" }, "Reset progress");
  const scoreLine = el("p", { class: "drills__score", role: "status" });
  const bar = el(
    "div", { class: "drills__bar" },
    el("span", { class: "drills__field" }, el("label", { for: "drills-pick" }, "Scenario"), picker),
    el("span", { class: "drills__field" }, timedBox, el("label", { for: "drills-timed" }, "Timed mode")),
    resetButton,
  );

  const refresh = () => {
    const chosen = picker.value;
    picker.replaceChildren(...scenarios.map((scenario, index) => {
      const done = answeredCount(progress, scenario);
      const total = scenario.questions.length;
      const mark = isComplete(progress, scenario) ? ` (done: ${rightCount(progress, scenario)} of ${total} right)` : done ? ` (${done} of ${total} answered)` : "";
      const kind = scenario.flow ? ", whole page" : "";
      const review = isDue(scenario.id) ? " (due for review)" : "";
      return el("option", { value: scenario.id }, `${index + 1}. ${scenario.title}, ${scenario.difficulty}${kind}${mark}${review}`);
    }));
    if (chosen) picker.value = chosen;
    const { asked, right, done } = score(progress, scenarios);
    scoreLine.textContent = `Score: ${right} of ${asked} answers right. Scenarios done: ${done} of ${scenarios.length}.`;
  };

  picker.addEventListener("change", () => onPick(picker.value));
  timedBox.addEventListener("change", () => onTimed(timedBox.checked));
  let armed = null;
  resetButton.addEventListener("click", () => {
    if (!armed) {
      // Two presses, so a stray click or key does not erase an hour of practice.
      resetButton.textContent = "Press again to erase your progress";
      armed = setTimeout(() => {
        armed = null;
        resetButton.textContent = "Reset progress";
      }, 5000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    resetButton.textContent = "Reset progress";
    onReset();
  });
  refresh();
  return { nodes: [bar, scoreLine], refresh, select: (id) => (picker.value = id) };
}
