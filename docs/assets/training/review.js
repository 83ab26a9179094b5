// Missed scenarios come back: the review schedule, read off the training record's rounds (record.js).
// Pure functions of the rounds and a clock, tested under Node with a fixed one.
//
// The rule (docs/training.md, "Missed scenarios come back"):
// - a drill finished with any answer wrong is in review;
// - it is due again once COMES_BACK_AFTER other drills have been finished since, or on a later day,
//   whichever comes first;
// - answered right once after that, it is due again on a later day than that right answer;
// - it leaves review when answered right RIGHT_IN_A_ROW times in a row; a wrong answer starts over.

export const COMES_BACK_AFTER = 3;
export const RIGHT_IN_A_ROW = 2;

/** The reader's own calendar day of a moment, "YYYY-MM-DD" (local time: "the next day" is theirs). */
export function dayOf(moment) {
  const d = new Date(moment);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** {inReview, due, streak, since}: where one drill stands. `rounds` are the current rounds in time order. */
export function reviewState(rounds, drillId, now) {
  const mine = rounds.filter((round) => round.drill === drillId);
  let lastWrong = -1;
  mine.forEach((round, index) => {
    if (!round.right) lastWrong = index;
  });
  if (lastWrong < 0) return { inReview: false, due: false, streak: 0, since: 0 };
  const streak = mine.length - 1 - lastWrong;
  if (streak >= RIGHT_IN_A_ROW) return { inReview: false, due: false, streak, since: 0 };
  const last = mine[mine.length - 1];
  const since = rounds.filter((round) => round.drill !== drillId && round.at > last.at).length;
  const laterDay = dayOf(now) > dayOf(last.at);
  const due = streak === 0 ? since >= COMES_BACK_AFTER || laterDay : laterDay;
  return { inReview: true, due, streak, since };
}

/** The ids of the drills due now, the longest waiting first. */
export function dueDrills(rounds, drillIds, now) {
  const lastAt = (id) => rounds.filter((round) => round.drill === id).at(-1)?.at || "";
  return drillIds.filter((id) => reviewState(rounds, id, now).due).sort((a, b) => (lastAt(a) < lastAt(b) ? -1 : 1));
}
