// The drill page: one scenario at a time, the trainee chooses, the worker grades.
// The page holds the scenarios' stories, facts and choices, never their answer keys: every answer
// goes to Python ({op: "grade"}), which runs the checker on the facts and says which choice is right.
import { ask } from "../checkers/transport.js";
import { el } from "../checkers/dom.js";

const STORAGE_KEY = "handbook.drills.v1";
const siteRoot = new URL("../../", import.meta.url);
const ANNOUNCE_AT = new Set([60, 30, 10]);

// ---- small helpers ----------------------------------------------------------------------------

function paragraphs(text) {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => el("p", {}, part.replace(/\s*\n\s*/g, " ")));
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function minutesAndSeconds(total) {
  const s = Math.max(0, total);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

// ---- progress in localStorage -----------------------------------------------------------------

function loadProgress(scenarios) {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}") || {};
  } catch {
    saved = {};
  }
  const answers = {};
  for (const scenario of scenarios) {
    const entry = saved.answers && saved.answers[scenario.id];
    // A scenario whose facts or questions changed since: its old answers no longer apply.
    if (entry && entry.version === scenario.version && entry.questions) answers[scenario.id] = entry;
  }
  const known = scenarios.some((s) => s.id === saved.current);
  return { answers, current: known ? saved.current : null, timed: saved.timed === true };
}

function saveProgress(progress) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Private browsing or a full store: the drill still works, it just forgets on reload.
  }
}

// ---- the app ----------------------------------------------------------------------------------

export function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const data = JSON.parse(root.querySelector(".drills__data").textContent);
  const scenarios = data.scenarios;
  const progress = loadProgress(scenarios);
  const status = root.querySelector(".drills__status");
  root.querySelector(".drills__static").hidden = true; // the picker lists them now
  let timer = null;

  const record = (scenario) => (progress.answers[scenario.id] ||= { version: scenario.version, questions: {} });
  const savedAnswer = (scenario, question) => ((progress.answers[scenario.id] || {}).questions || {})[question.id];
  const answered = (scenario) => Object.keys((progress.answers[scenario.id] || {}).questions || {}).length;
  const complete = (scenario) => answered(scenario) === scenario.questions.length;

  // Tools: choose a scenario, timed mode, reset; then the score.
  const picker = el("select", { id: "drills-pick", class: "drills__pick" });
  const timedBox = el("input", { type: "checkbox", id: "drills-timed" });
  timedBox.checked = progress.timed;
  const resetButton = el("button", { type: "button", class: "md-button drills__reset" }, "Reset progress");
  const score = el("p", { class: "drills__score", role: "status" });
  const bar = el(
    "div",
    { class: "drills__bar" },
    el("span", { class: "drills__field" }, el("label", { for: "drills-pick" }, "Scenario"), picker),
    el(
      "span",
      { class: "drills__field" },
      timedBox,
      el("label", { for: "drills-timed" }, "Timed mode"),
    ),
    resetButton,
  );
  const stage = el("div", { class: "drills__stage" });
  root.append(bar, score, stage);

  function refreshPicker() {
    const chosen = picker.value;
    picker.replaceChildren(
      ...scenarios.map((scenario, index) => {
        const done = answered(scenario);
        const mark = complete(scenario) ? ` (done: ${rightCount(scenario)} of ${scenario.questions.length} right)` : done ? ` (${done} of ${scenario.questions.length} answered)` : "";
        return el("option", { value: scenario.id }, `${index + 1}. ${scenario.title}, ${scenario.difficulty}${mark}`);
      }),
    );
    if (chosen) picker.value = chosen;
  }

  function rightCount(scenario) {
    const entry = progress.answers[scenario.id];
    return entry ? Object.values(entry.questions).filter((q) => q.correct).length : 0;
  }

  function refreshScore() {
    let asked = 0;
    let right = 0;
    let done = 0;
    for (const scenario of scenarios) {
      const entry = progress.answers[scenario.id];
      if (!entry) continue;
      const results = Object.values(entry.questions);
      asked += results.length;
      right += results.filter((q) => q.correct).length;
      if (complete(scenario)) done += 1;
    }
    score.textContent = `Score: ${right} of ${asked} answers right. Scenarios done: ${done} of ${scenarios.length}.`;
  }

  // ---- one scenario ---------------------------------------------------------------------------

  function show(scenario, { focus = false } = {}) {
    stopTimer();
    progress.current = scenario.id;
    saveProgress(progress);
    picker.value = scenario.id;
    const titleId = `drill-${scenario.id}-title`;
    const heading = el("h2", { id: titleId, tabindex: "-1", class: "drills__title" }, scenario.title);
    const meta = el(
      "p",
      { class: "drills__meta" },
      `${capitalise(scenario.difficulty)} · ${scenario.story.region} · ${scenario.story.when}`,
    );
    const clock = el("div", { class: "drills__clock", hidden: true });
    const announcer = el("p", { class: "visually-hidden", "aria-live": "assertive" });
    const article = el(
      "article",
      { class: "drills__scenario", "aria-labelledby": titleId, "data-scenario": scenario.id },
      heading,
      meta,
      clock,
      announcer,
      el("h3", {}, "The page"),
      el("blockquote", { class: "drills__ticket" }, ...paragraphs(scenario.story.ticket)),
    );
    if (scenario.story.context) article.append(el("h3", {}, "What you know"), ...paragraphs(scenario.story.context));
    article.append(el("h3", {}, "Your decisions"));
    const forms = scenario.questions.map((question, index) => questionForm(scenario, question, index));
    article.append(...forms.map((f) => f.form));
    const summary = el("div", { class: "drills__summary", hidden: true });
    article.append(summary);
    stage.replaceChildren(article);

    const reveal = () => {
      // Questions appear one by one: the next only once the previous is answered.
      let open = true;
      for (const f of forms) {
        f.form.hidden = !open;
        if (!f.isAnswered()) open = false;
      }
      if (complete(scenario)) {
        stopTimer();
        fillSummary(scenario, summary);
      }
    };
    for (const f of forms) f.onGraded = () => {
      reveal();
      refreshPicker();
      refreshScore();
    };
    reveal();
    if (progress.timed && !complete(scenario)) startTimer(scenario, clock, announcer, forms);
    if (focus) heading.focus();
  }

  function questionForm(scenario, question, index) {
    const name = `drill-${scenario.id}-${question.id}`;
    const choices = question.choices.map((choice, choiceIndex) => {
      const input = el("input", { type: "radio", name, id: `${name}-${choiceIndex}`, value: String(choiceIndex) });
      const label = el("label", { for: input.id, class: "drills__choice" }, input, " ", el("span", { class: "drills__label" }, choice.label));
      return { input, label };
    });
    const legend = el("legend", {}, `${index + 1}. ${question.prompt}`);
    const fieldset = el("fieldset", { class: "drills__field-set" }, legend, el("div", { class: "drills__choices" }, ...choices.map((c) => c.label)));
    const submit = el("button", { type: "submit", class: "md-button md-button--primary drills__check" }, "Check answer");
    const feedback = el("div", { class: "drills__feedback", tabindex: "-1" });
    const form = el("form", { class: "drills__question", "data-question": question.id, novalidate: true }, fieldset, submit, feedback);
    const api = { form, onGraded: () => {}, isAnswered: () => Boolean(savedAnswer(scenario, question)), grade: null };

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
        const text = c.label.querySelector(".drills__label");
        if (notes.length) text.append(el("span", { class: "drills__note" }, ` (${notes.join("; ")})`));
      });
      feedback.replaceChildren(...feedbackNodes(question, entry));
    };

    const grade = async (chosen, timedOut = false) => {
      if (api.isAnswered()) return;
      submit.disabled = true;
      submit.textContent = "Checking…";
      const { asks, field, choices: spec } = question;
      const reply = await ask({
        op: "grade",
        checker: scenario.facts.checker,
        answers: scenario.facts.answers,
        question: { asks, field, choices: spec },
        choice: chosen,
      });
      submit.disabled = false;
      submit.textContent = "Check answer";
      if (!form.isConnected && !timedOut) return;
      if (!reply.ok) {
        feedback.replaceChildren(el("p", { class: "drills__error" }, `Could not check your answer: ${reply.error.message}`));
        return;
      }
      const result = reply.result;
      const entry = {
        chosen: result.chosen,
        keyChoice: result.key_choice,
        correct: result.correct,
        timedOut,
        because: result.because,
        title: result.title,
        actions: result.actions,
        sources: result.sources,
      };
      record(scenario).questions[question.id] = entry;
      saveProgress(progress);
      if (form.isConnected) {
        showGraded(entry);
        api.onGraded();
        if (!timedOut) feedback.focus();
      }
    };
    api.grade = grade;

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

    const saved = savedAnswer(scenario, question);
    if (saved) showGraded(saved);
    return api;
  }

  function feedbackNodes(question, entry) {
    const key = question.choices[entry.keyChoice];
    const verdict = entry.correct ? "Correct." : entry.timedOut ? "Time ran out." : "Not quite.";
    const nodes = [
      el("p", { class: `drills__verdict ${entry.correct ? "is-right" : "is-wrong"}` }, el("strong", {}, verdict)),
    ];
    if (!entry.correct) nodes.push(el("p", {}, "The handbook's answer: ", el("strong", {}, key.label)));
    nodes.push(el("p", {}, el("em", {}, "Why: "), entry.because));
    if (entry.sources && entry.sources.length) {
      const cite = el("p", { class: "drills__cite" }, "Handbook: ");
      entry.sources.forEach((source, index) => {
        if (index) cite.append(", ");
        cite.append(el("a", { href: new URL(source.href, siteRoot).href }, source.title));
      });
      nodes.push(cite);
    }
    if (entry.actions && entry.actions.length) {
      const list = el("ol", {}, ...entry.actions.map((action) => el("li", {}, action)));
      nodes.push(el("details", { class: "drills__actions" }, el("summary", {}, `What to do: ${entry.title}`), list));
    }
    return nodes;
  }

  function fillSummary(scenario, summary) {
    const right = rightCount(scenario);
    const facts = el("dl", { class: "drills__facts" });
    for (const fact of scenario.known) facts.append(el("dt", {}, fact.label), el("dd", {}, fact.value));
    const index = scenarios.indexOf(scenario);
    const next = scenarios.slice(index + 1).concat(scenarios.slice(0, index)).find((s) => !complete(s));
    const children = [
      el("p", {}, el("strong", {}, `Scenario done: ${right} of ${scenario.questions.length} right.`)),
      el("details", {}, el("summary", {}, "The facts behind this scenario"), facts),
    ];
    if (next) {
      const button = el("button", { type: "button", class: "md-button drills__next" }, `Next scenario: ${next.title}`);
      button.addEventListener("click", () => show(next, { focus: true }));
      children.push(button);
    } else {
      children.push(el("p", {}, "You have done every scenario. Reset your progress to start again."));
    }
    summary.replaceChildren(...children);
    summary.hidden = false;
  }

  // ---- timed mode -------------------------------------------------------------------------------

  function storyClock(scenario, elapsedSeconds) {
    // The ticket's own clock, moving on as the trainee thinks: display only, nothing is decided here.
    const shifted = new Date(Date.parse(scenario.story.time) + (elapsedSeconds + scenario.story.offset_minutes * 60) * 1000);
    const hh = String(shifted.getUTCHours()).padStart(2, "0");
    const mm = String(shifted.getUTCMinutes()).padStart(2, "0");
    return `${hh}:${mm} (${scenario.story.offset})`;
  }

  function startTimer(scenario, clock, announcer, forms) {
    const started = Date.now();
    const left = el("span", { role: "timer", "aria-live": "off", class: "drills__left" });
    const onTicket = el("span", { class: "drills__ticket-clock" });
    clock.replaceChildren(left, " · ", onTicket);
    clock.hidden = false;
    let announced = null;
    const tick = () => {
      if (!clock.isConnected) return stopTimer();
      const elapsed = Math.floor((Date.now() - started) / 1000);
      const remaining = scenario.seconds - elapsed;
      left.textContent = `Time left: ${minutesAndSeconds(remaining)}`;
      onTicket.textContent = `On the ticket's clock: ${storyClock(scenario, elapsed)}`;
      if (ANNOUNCE_AT.has(remaining) && announced !== remaining) {
        announced = remaining;
        announcer.textContent = `${remaining} seconds left.`;
      }
      if (remaining <= 0) {
        stopTimer();
        announcer.textContent = "Time is up. Unanswered questions count as missed.";
        clock.classList.add("is-over");
        (async () => {
          for (const f of forms) if (!f.isAnswered()) await f.grade(null, true);
        })();
      }
    };
    tick();
    timer = setInterval(tick, 250);
  }

  function stopTimer() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  // ---- tools ------------------------------------------------------------------------------------

  picker.addEventListener("change", () => {
    const scenario = scenarios.find((s) => s.id === picker.value);
    if (scenario) show(scenario);
  });
  timedBox.addEventListener("change", () => {
    progress.timed = timedBox.checked;
    saveProgress(progress);
    const scenario = scenarios.find((s) => s.id === progress.current) || scenarios[0];
    show(scenario);
  });
  let resetArmed = null;
  resetButton.addEventListener("click", () => {
    if (!resetArmed) {
      // Two presses, so a stray click or key does not erase an hour of practice.
      resetButton.textContent = "Press again to erase your progress";
      resetArmed = setTimeout(() => {
        resetArmed = null;
        resetButton.textContent = "Reset progress";
      }, 5000);
      return;
    }
    clearTimeout(resetArmed);
    resetArmed = null;
    resetButton.textContent = "Reset progress";
    progress.answers = {};
    progress.current = scenarios[0].id;
    saveProgress(progress);
    refreshPicker();
    refreshScore();
    show(scenarios[0], { focus: true });
  });

  refreshPicker();
  refreshScore();
  // A link such as drills/#drill-<id> opens that scenario; otherwise carry on where the trainee was.
  const linked = location.hash.startsWith("#drill-") ? scenarios.find((s) => `#drill-${s.id}` === location.hash) : null;
  const first =
    linked || scenarios.find((s) => s.id === progress.current) || scenarios.find((s) => !complete(s)) || scenarios[0];
  show(first);

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
