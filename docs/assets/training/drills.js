// The drill page (component "drills"): one scenario at a time, the trainee chooses, the worker grades.
// A whole-page drill (`scenario.flow`) is one too: its questions are the steps of the path, in order.
// The page holds the scenarios' stories, facts and choices, never their answer keys. Its parts:
// drills/progress.js (kept progress, score), picker.js (tools), question-form.js (one question and
// its grade), feedback.js (what the trainee reads), timer.js (timed mode). Each finished drill goes
// into the training record (record.js), and a missed one comes back for review (review.js).
import { el } from "../checkers/dom.js";
import { ask } from "../checkers/transport.js";
import { summaryNodes } from "./drills/feedback.js";
import { pickerBar } from "./drills/picker.js";
import { isComplete, nextUndone, progressStore, rightCount } from "./drills/progress.js";
import { questionForm } from "./drills/question-form.js";
import { startTimer } from "./drills/timer.js";
import { currentRounds, newRound, openRecord } from "./record.js";
import { dueDrills, reviewState } from "./review.js";

function paragraphs(text) {
  return text.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean).map((part) => el("p", {}, part.replace(/\s*\n\s*/g, " ")));
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function mount(root) {
  const { scenarios } = JSON.parse(root.dataset.payload);
  const kept = progressStore(scenarios);
  const { progress } = kept;
  const status = root.querySelector(".drills__status");
  const training = openRecord();
  const rounds = () => currentRounds(training.record, scenarios);
  const due = () => dueDrills(rounds(), scenarios.map((s) => s.id), new Date());
  const byId = (id) => scenarios.find((s) => s.id === id);
  root.querySelector(".drills__static").hidden = true; // the picker lists them now
  let stopTimer = () => {};

  const tools = pickerBar(scenarios, progress, {
    isDue: (id) => due().includes(id),
    onPick: (id) => {
      const scenario = scenarios.find((s) => s.id === id);
      if (scenario) show(scenario);
    },
    onTimed: (timed) => {
      progress.timed = timed;
      kept.save();
      show(scenarios.find((s) => s.id === progress.current) || scenarios[0]);
    },
    onReset: () => {
      progress.answers = {};
      progress.current = scenarios[0].id;
      kept.save();
      tools.refresh();
      show(scenarios[0], { focus: true });
    },
  });
  const stage = el("div", { class: "drills__stage" });
  const dueLine = el("p", { class: "drills__due-count", role: "status" });
  const dueButton = el("button", { type: "button", class: "md-button drills__due-next" }, "Practise the next one due");
  dueButton.addEventListener("click", () => {
    const next = byId(due()[0]);
    if (next) show(next, { focus: true });
  });
  const refreshDue = () => {
    const count = due().length;
    dueLine.textContent = count
      ? `Due for review: ${count} missed ${count === 1 ? "scenario comes" : "scenarios come"} back now.`
      : "Due for review: none now. A missed scenario comes back after a few others, and again the next day.";
    dueButton.hidden = count === 0;
  };
  root.append(...tools.nodes, el("div", { class: "drills__due" }, dueLine, dueButton), stage);
  refreshDue();

  /** The finished drill into the training record, with each answer's date. */
  const recordRound = (scenario) => {
    const answers = scenario.questions.map((question) => {
      const entry = kept.saved(scenario, question);
      const answer = { question: question.id, correct: entry.correct, at: entry.at || new Date().toISOString() };
      if (scenario.flow) answer.step = question.field;
      return answer;
    });
    training.record.rounds.push(newRound(scenario, answers, new Date()));
    training.save();
    refreshDue();
  };

  function show(scenario, { focus = false } = {}) {
    stopTimer();
    const back = reviewState(rounds(), scenario.id, new Date());
    if (back.due && isComplete(progress, scenario)) delete progress.answers[scenario.id]; // a fresh attempt
    progress.current = scenario.id;
    kept.save();
    tools.select(scenario.id);
    const titleId = `drill-${scenario.id}-title`;
    const heading = el("h2", { id: titleId, tabindex: "-1", class: "drills__title" }, scenario.title);
    const clock = el("div", { class: "drills__clock", hidden: true });
    const announcer = el("p", { class: "visually-hidden", "aria-live": "assertive" });
    const article = el(
      "article", { class: "drills__scenario", "aria-labelledby": titleId, "data-scenario": scenario.id },
      heading,
      el("p", { class: "drills__meta" }, `${capitalise(scenario.difficulty)} · ${scenario.story.region} · ${scenario.story.when}`),
      back.due ? el("p", { class: "drills__back" }, el("strong", {}, "Back for review. "),
        back.streak ? "Right last time: right again today and it stops coming back." : "You missed this one: answer it right twice in a row, the second time on a later day, and it stops coming back.") : null,
      clock,
      announcer,
      el("h3", {}, "The page"),
      el("blockquote", { class: "drills__ticket" }, ...paragraphs(scenario.story.ticket)),
    );
    if (scenario.story.context) article.append(el("h3", {}, "What you know"), ...paragraphs(scenario.story.context));
    article.append(el("h3", {}, scenario.flow ? "The path, step by step" : "Your decisions"));
    const summary = el("div", { class: "drills__summary", hidden: true });
    const reveal = () => {
      // Questions appear one by one: the next only once the previous is answered.
      let open = true;
      for (const f of forms) {
        f.form.hidden = !open;
        if (!f.isAnswered()) open = false;
      }
      if (isComplete(progress, scenario)) {
        stopTimer();
        const dueNext = byId(due().find((id) => id !== scenario.id));
        const next = dueNext || nextUndone(progress, scenarios, scenario);
        summary.replaceChildren(...summaryNodes(scenario, rightCount(progress, scenario), next, (s) => show(s, { focus: true }), Boolean(dueNext)));
        summary.hidden = false;
      }
    };
    const forms = scenario.questions.map((question, index) => questionForm(scenario, question, index, {
      saved: kept.saved(scenario, question),
      onGraded: (entry) => {
        kept.record(scenario, question.id, { ...entry, at: new Date().toISOString() });
        if (isComplete(progress, scenario)) recordRound(scenario);
        reveal();
        tools.refresh();
      },
    }));
    article.append(...forms.map((f) => f.form), summary);
    stage.replaceChildren(article);
    reveal();
    if (progress.timed && !isComplete(progress, scenario)) {
      stopTimer = startTimer(scenario, clock, announcer, async () => {
        for (const f of forms) if (!f.isAnswered()) await f.grade(null, true);
      });
    }
    if (focus) heading.focus();
  }

  // A link such as drills/#drill-<id> opens that scenario; otherwise carry on where the trainee was.
  const linked = location.hash.startsWith("#drill-") ? scenarios.find((s) => `#drill-${s.id}` === location.hash) : null;
  show(linked || scenarios.find((s) => s.id === progress.current) || scenarios.find((s) => !isComplete(progress, s)) || scenarios[0]);

  // Start Python now, so the first answer is not kept waiting.
  status.textContent = "Starting Python in your browser, to check your answers…";
  ask({ op: "names" }).then((reply) => {
    if (!root.isConnected) return;
    status.dataset.state = reply.ok ? "ready" : "error";
    status.textContent = reply.ok
      ? "Ready: your answers are checked by the handbook's checkers, with Python in your browser."
      : `Python could not start in this browser (${reply.error.message}). The facilitator cards hold the same scenarios with their answers.`;
  });
}
