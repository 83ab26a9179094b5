// The drill page's progress and score (docs/assets/training/drills/progress.js, timer.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { isComplete, nextUndone, restoreProgress, rightCount, score } from "../../docs/assets/training/drills/progress.js";
import { minutesAndSeconds, storyClock } from "../../docs/assets/training/drills/timer.js";

const scenario = (id, questions, version = 1) => ({ id, version, questions: questions.map((q) => ({ id: q })) });
const SCENARIOS = [scenario("a", ["q1", "q2"]), scenario("b", ["q1"]), scenario("c", ["q1", "q2", "q3"])];

function progressWith(answers) {
  return restoreProgress({ answers, current: "b", timed: true }, SCENARIOS);
}

test("the score counts answers right of answers given, and whole scenarios done", () => {
  const progress = progressWith({
    a: { version: 1, questions: { q1: { correct: true }, q2: { correct: false } } },
    c: { version: 1, questions: { q1: { correct: true } } },
  });
  assert.deepEqual(score(progress, SCENARIOS), { asked: 3, right: 2, done: 1 });
  assert.equal(rightCount(progress, SCENARIOS[0]), 1);
  assert.equal(isComplete(progress, SCENARIOS[0]), true);
  assert.equal(isComplete(progress, SCENARIOS[2]), false);
});

test("answers to a scenario that has changed since are dropped, and so is an unknown current scenario", () => {
  const progress = restoreProgress({ answers: { a: { version: 0, questions: { q1: { correct: true } } } }, current: "gone" }, SCENARIOS);
  assert.deepEqual(progress.answers, {});
  assert.equal(progress.current, null);
  assert.equal(progress.timed, false);
});

test("nothing saved, or something unreadable, is a fresh start", () => {
  assert.deepEqual(restoreProgress({}, SCENARIOS), { answers: {}, current: null, timed: false });
  assert.deepEqual(score(restoreProgress(null, SCENARIOS), SCENARIOS), { asked: 0, right: 0, done: 0 });
});

test("the next scenario offered is the first not done after this one, going round", () => {
  const progress = progressWith({ b: { version: 1, questions: { q1: { correct: true } } } });
  assert.equal(nextUndone(progress, SCENARIOS, SCENARIOS[0]).id, "c");
  assert.equal(nextUndone(progress, SCENARIOS, SCENARIOS[2]).id, "a");
  const all = progressWith({
    a: { version: 1, questions: { q1: {}, q2: {} } }, b: { version: 1, questions: { q1: {} } }, c: { version: 1, questions: { q1: {}, q2: {}, q3: {} } },
  });
  assert.equal(nextUndone(all, SCENARIOS, SCENARIOS[1]), null);
});

test("timed mode shows minutes and seconds, never below zero", () => {
  assert.equal(minutesAndSeconds(125), "2:05");
  assert.equal(minutesAndSeconds(-3), "0:00");
});

test("the ticket's clock moves on from the story's time in the story's own offset", () => {
  const story = { time: "2024-03-09T11:00:00Z", offset_minutes: 660, offset: "UTC+11:00" };
  assert.equal(storyClock(story, 0), "22:00 (UTC+11:00)");
  assert.equal(storyClock(story, 90), "22:01 (UTC+11:00)");
});

test("a whole-page drill's step is graded on its flow's answers, a scenario's question on its checker's facts", async () => {
  const { gradeRequest } = await import("../../docs/assets/training/drills/question-form.js");
  const question = { id: "q", prompt: "P", asks: "step", field: "entitlement", step_title: "T", choices: [{ value: ["a"], label: "A" }] };
  const walk = { id: "w", flow: { name: "paged", answers: { "entitlement.plan": "free" } } };
  assert.deepEqual(gradeRequest(walk, question, 0), {
    op: "grade", flow: "paged", answers: { "entitlement.plan": "free" },
    question: { asks: "step", field: "entitlement", choices: [{ value: ["a"], label: "A" }] }, choice: 0,
  });
  const scenario = { id: "s", facts: { checker: "entitlement", answers: { plan: "free" } } };
  const asked = gradeRequest(scenario, { ...question, asks: "outcome", field: undefined }, null);
  assert.equal(asked.checker, "entitlement");
  assert.equal(asked.flow, undefined);
  assert.equal(asked.choice, null);
});

test("a whole-page drill's step reads with one stop after its title, never two", async () => {
  const { stepHeading } = await import("../../docs/assets/training/drills/question-form.js");
  assert.equal(stepHeading(0, "Does it qualify as an emergency?"), "Step 1: Does it qualify as an emergency?");
  assert.equal(stepHeading(2, "Reply to the customer"), "Step 3: Reply to the customer.");
});
