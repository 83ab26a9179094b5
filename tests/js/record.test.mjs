// The training record (docs/assets/training/record.js) and the review schedule (review.js), at a fixed clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  currentRounds, exportRecord, exportText, importRecord, mergeRecords, newRound, outOfDate, outOfDateMessage,
  practiseNext, RECORD_FORMAT, RECORD_VERSION, RecordError, sectionFigures, totals,
} from "../../docs/assets/training/record.js";
import { COMES_BACK_AFTER, dueDrills, reviewState } from "../../docs/assets/training/review.js";

const RESPOND = { anchor: "respond", title: "Respond to PagerDuty alerts", href: "responding/#respond" };
const QUALIFY = { anchor: "qualify", title: "Determine if the situation qualifies", href: "qualifying/#qualify" };
const DRILLS = [
  { id: "a", version: "v1", title: "A page at midnight", whole_page: false, sections: [RESPOND] },
  { id: "b", version: "v1", title: "Everything is broken", whole_page: false, sections: [RESPOND, QUALIFY] },
  { id: "c", version: "v1", title: "Down after an upgrade", whole_page: false, sections: [QUALIFY] },
  { id: "w", version: "v1", title: "A whole page", whole_page: true, sections: [QUALIFY] },
];
// Local times (new Date(y, m, d, h)): "the next day" is the reader's own, whatever the machine's zone.
const at = (day, hour, minute = 0) => new Date(2026, 11, day, hour, minute);

function round(id, correct, when, version = "v1") {
  return newRound({ id, version }, [{ question: "q1", correct, at: when.toISOString() }], when);
}

test("a round keeps every answer with its date, right or wrong, and a whole-page drill's steps", () => {
  const answers = [{ question: "entitled", step: "entitlement", correct: true, at: at(7, 9).toISOString() },
    { question: "call", step: "call", correct: false, at: at(7, 9, 1).toISOString() }];
  const kept = newRound(DRILLS[3], answers, at(7, 9, 1));
  assert.deepEqual(kept, { drill: "w", version: "v1", at: at(7, 9, 1).toISOString(), answers });
  assert.equal(currentRounds({ rounds: [kept] }, DRILLS)[0].right, false);
});

test("per section: drills right on their latest attempt, missed, and what to practise next", () => {
  const record = { rounds: [round("a", true, at(7, 9)), round("b", false, at(7, 10)), round("c", false, at(7, 11)), round("c", true, at(7, 12))] };
  const figures = sectionFigures(record, DRILLS);
  assert.deepEqual(figures.map(({ anchor, total, right, missed }) => ({ anchor, total, right, missed })), [
    { anchor: "respond", total: 2, right: 1, missed: 1 },
    { anchor: "qualify", total: 3, right: 1, missed: 1 },
  ]);
  const next = practiseNext(figures);
  assert.deepEqual(next.map((n) => [n.section.anchor, n.drill.id]), [["qualify", "b"], ["respond", "b"]]);
  const t = totals(record, DRILLS, at(7, 13));
  assert.deepEqual([t.scenarios, t.wholePage, t.answers, t.answersRight],
    [{ total: 3, done: 3, right: 2 }, { total: 1, done: 0, right: 0 }, 4, 2]);
});

test("the export is versioned JSON, and its text for the rotation request lists every section", () => {
  const record = { rounds: [round("a", true, at(7, 9)), round("b", false, at(7, 10))] };
  const ticks = { module: { at: at(1, 9).toISOString(), label: "Complete the training module" } };
  const data = exportRecord(record, ticks, DRILLS, at(7, 12));
  assert.equal(data.format, RECORD_FORMAT);
  assert.equal(data.version, RECORD_VERSION);
  assert.equal(data.exported, at(7, 12).toISOString());
  assert.deepEqual(data.rounds.map((r) => [r.drill, r.out_of_date]), [["a", false], ["b", false]]);
  assert.deepEqual(data.checklist, ticks);
  assert.deepEqual(data.sections.map((s) => [s.anchor, s.drills, s.right]), [["respond", 2, 1], ["qualify", 3, 0]]);
  const text = exportText(record, ticks, DRILLS, at(7, 12));
  assert.match(text, /- \[x\] Complete the training module \(2026-12-0\d\)/);
  assert.match(text, /Scenario drills: 2 of 3 done, 1 right on the latest attempt\./);
  assert.match(text, /- Respond to PagerDuty alerts: 1 of 2 \(1 missed\)/);
  assert.match(text, /- Determine if the situation qualifies: 0 of 3 \(1 missed\)/);
  assert.doesNotMatch(text, /Whole-page drills, latest attempt/, "none walked yet");
  const walked = { rounds: [...record.rounds, newRound(DRILLS[3], [{ question: "a", step: "entitlement", correct: true },
    { question: "b", step: "call", correct: false }], at(7, 11))] };
  assert.match(exportText(walked, ticks, DRILLS, at(7, 12)), /Whole-page drills, latest attempt:\n- A whole page \(2026-12-0\d\): 1 of 2 steps right/);
});

test("an export imports back into an empty browser unchanged, and merging it twice adds nothing", () => {
  const record = { rounds: [round("a", true, at(7, 9)), round("b", false, at(7, 10))] };
  const ticks = { module: { at: at(1, 9).toISOString(), label: "Complete the training module" } };
  const text = JSON.stringify(exportRecord(record, ticks, DRILLS, at(7, 12)));
  const found = importRecord(text, DRILLS);
  assert.deepEqual(found.record, record);
  assert.deepEqual(found.ticks, ticks);
  assert.deepEqual(found.outOfDate, []);
  const merged = mergeRecords(mergeRecords({ rounds: [] }, found.record), found.record);
  assert.deepEqual(merged, record);
});

test("out of date: a drill changed since, or gone, is kept and named, and not counted", () => {
  const record = { rounds: [round("a", true, at(7, 9), "v0"), round("gone", true, at(7, 10)), round("b", true, at(7, 11))] };
  const found = importRecord(JSON.stringify(exportRecord(record, {}, DRILLS, at(7, 12))), DRILLS);
  assert.equal(found.record.rounds.length, 3, "nothing is dropped");
  assert.deepEqual(found.outOfDate.map((s) => [s.drill, s.state]), [["a", "changed"], ["gone", "removed"]]);
  assert.equal(outOfDateMessage(found.outOfDate),
    "Kept but marked out of date, and not counted: “A page at midnight” (changed since the record was made); “gone” (no longer in the drills).");
  assert.deepEqual(currentRounds(found.record, DRILLS).map((r) => r.drill), ["b"]);
  assert.equal(sectionFigures(found.record, DRILLS)[0].right, 1, "only b counts for Respond");
  assert.deepEqual(outOfDate({ rounds: [round("b", true, at(7, 11))] }, DRILLS), []);
});

for (const [name, text, field] of [
  ["not JSON", "{oops", "(file)"],
  ["another kind of file", JSON.stringify({ format: "something-else", version: 1, rounds: [] }), "format"],
  ["a newer version", JSON.stringify({ format: RECORD_FORMAT, version: 2, rounds: [] }), "version"],
  ["a round without a date", JSON.stringify({ format: RECORD_FORMAT, version: 1, rounds: [{ drill: "a", version: "v1", at: "soon", answers: [{ question: "q", correct: true }] }] }), "rounds[0].at"],
  ["an answer neither right nor wrong", JSON.stringify({ format: RECORD_FORMAT, version: 1, rounds: [{ drill: "a", version: "v1", at: "2026-12-07T09:00:00Z", answers: [{ question: "q", correct: "yes" }] }] }), "rounds[0].answers[0].correct"],
]) {
  test(`an import of ${name} is refused naming ${field}`, () => {
    assert.throws(() => importRecord(text, DRILLS), (error) => error instanceof RecordError && error.field === field);
  });
}

test("review: a miss comes back after 3 others, then the next day, until right twice in a row", () => {
  const rounds = [round("a", false, at(7, 9))];
  const state = (now) => reviewState(currentRounds({ rounds }, DRILLS), "a", now);
  assert.deepEqual(state(at(7, 9, 5)), { inReview: true, due: false, streak: 0, since: 0 });
  for (const [index, other] of ["b", "c", "w"].entries()) {
    rounds.push(round(other, true, at(7, 10 + index)));
    assert.equal(state(at(7, 13)).due, index + 1 >= COMES_BACK_AFTER, `after ${index + 1} others`);
  }
  rounds.push(round("a", true, at(7, 14))); // right once: not again today, whatever else is done
  rounds.push(round("b", true, at(7, 15)), round("c", true, at(7, 16)), round("w", true, at(7, 17)));
  assert.equal(state(at(7, 23, 59)).due, false);
  assert.equal(state(at(8, 0, 1)).due, true, "the next day");
  rounds.push(round("a", true, at(8, 9))); // right twice in a row: done
  assert.deepEqual(state(at(20, 9)), { inReview: false, due: false, streak: 2, since: 0 });
});

test("review: a wrong answer in review starts over, and a later day brings a miss back without others", () => {
  const rounds = [round("a", false, at(7, 9)), round("a", true, at(7, 10)), round("a", false, at(8, 9))];
  const current = currentRounds({ rounds }, DRILLS);
  assert.equal(reviewState(current, "a", at(8, 10)).streak, 0);
  assert.equal(reviewState(current, "a", at(8, 10)).due, false);
  assert.equal(reviewState(current, "a", at(9, 8)).due, true, "a later day, no others done");
  assert.deepEqual(dueDrills(current, DRILLS.map((d) => d.id), at(9, 8)), ["a"]);
  assert.deepEqual(dueDrills(current, DRILLS.map((d) => d.id), at(8, 10)), []);
});

test("a drill's code reads the same however it is typed", async () => {
  const { normaliseCode } = await import("../../docs/assets/training/code.js");
  assert.equal(normaliseCode(" nk-hy "), "NKHY");
  assert.equal(normaliseCode("NKHY"), "NKHY");
  assert.equal(normaliseCode(""), "");
});
