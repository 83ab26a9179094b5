// The trainee's progress: which choice they made on each question, kept in this browser (storage.js),
// and the score. The scoring functions are pure (tested under Node).
import { openStore } from "../../checkers/storage.js";

const STORAGE_KEY = "handbook.drills.v1";

/** Saved progress, keeping only what still applies to these scenarios. */
export function restoreProgress(saved, scenarios) {
  const answers = {};
  for (const scenario of scenarios) {
    const entry = saved && saved.answers && saved.answers[scenario.id];
    // A scenario whose facts or questions changed since: its old answers no longer apply.
    if (entry && entry.version === scenario.version && entry.questions) answers[scenario.id] = entry;
  }
  const known = scenarios.some((s) => s.id === (saved && saved.current));
  return { answers, current: known ? saved.current : null, timed: Boolean(saved && saved.timed === true) };
}

export function answeredCount(progress, scenario) {
  return Object.keys((progress.answers[scenario.id] || {}).questions || {}).length;
}

export function isComplete(progress, scenario) {
  return answeredCount(progress, scenario) === scenario.questions.length;
}

export function rightCount(progress, scenario) {
  const entry = progress.answers[scenario.id];
  return entry ? Object.values(entry.questions).filter((q) => q.correct).length : 0;
}

/** {asked, right, done}: answers given, answers right, scenarios complete. */
export function score(progress, scenarios) {
  let asked = 0;
  let right = 0;
  let done = 0;
  for (const scenario of scenarios) {
    const entry = progress.answers[scenario.id];
    if (!entry) continue;
    const results = Object.values(entry.questions);
    asked += results.length;
    right += results.filter((q) => q.correct).length;
    if (isComplete(progress, scenario)) done += 1;
  }
  return { asked, right, done };
}

/** The next scenario not yet done after `scenario`, going round; null when all are done. */
export function nextUndone(progress, scenarios, scenario) {
  const index = scenarios.indexOf(scenario);
  return scenarios.slice(index + 1).concat(scenarios.slice(0, index)).find((s) => !isComplete(progress, s)) || null;
}

/** The progress of this browser, and `save()`: private modes and full stores only forget on reload. */
export function progressStore(scenarios) {
  const store = openStore();
  const progress = restoreProgress(store.read(STORAGE_KEY, {}), scenarios);
  return {
    progress,
    save: () => store.write(STORAGE_KEY, progress),
    record(scenario, questionId, entry) {
      (progress.answers[scenario.id] ||= { version: scenario.version, questions: {} }).questions[questionId] = entry;
      store.write(STORAGE_KEY, progress);
    },
    saved: (scenario, question) => ((progress.answers[scenario.id] || {}).questions || {})[question.id],
  };
}
