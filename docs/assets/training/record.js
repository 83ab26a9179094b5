// The training record: every drill the trainee finished (each answer, its date, right or wrong) and
// the shadow checklist's ticks, kept in this browser only; the per-section figures, the export (JSON
// and a text for the rotation request) and the import. Pure functions apart from `openRecord`
// (tested under Node). The JSON's shape is documented in docs/training.md ("The record's JSON").
import { openStore } from "../checkers/storage.js";
import { dueDrills } from "./review.js";

export const RECORD_FORMAT = "handbook-training-record";
export const RECORD_VERSION = 1;
const RECORD_KEY = "handbook.training-record.v1";
export const CHECKLIST_KEY = "handbook.checklist.shadow-onboarding.v1";

export class RecordError extends Error {
  constructor(field, message) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** A finished drill as the record keeps it: `answers` [{question, step?, correct, at}] in the order given. */
export function newRound(drill, answers, at) {
  return { drill: drill.id, version: drill.version, at: new Date(at).toISOString(), answers };
}

/** Where a round stands against the drills of this build: "current", "changed" or "removed". */
export function roundState(round, byId) {
  const drill = byId.get(round.drill);
  if (!drill) return "removed";
  return drill.version === round.version ? "current" : "changed";
}

const indexOf = (drills) => new Map(drills.map((drill) => [drill.id, drill]));

/** The rounds that count (their drill unchanged since), in time order, each with `right`. */
export function currentRounds(record, drills) {
  const byId = indexOf(drills);
  return record.rounds
    .filter((round) => roundState(round, byId) === "current")
    .map((round) => ({ ...round, right: round.answers.every((answer) => answer.correct) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The rounds kept but not counted, one line per drill: [{drill, title, state, count}]. */
export function outOfDate(record, drills) {
  const byId = indexOf(drills);
  const found = new Map();
  for (const round of record.rounds) {
    const state = roundState(round, byId);
    if (state === "current") continue;
    const entry = found.get(round.drill) || { drill: round.drill, title: byId.get(round.drill)?.title || round.drill, state, count: 0 };
    entry.count += 1;
    found.set(round.drill, entry);
  }
  return [...found.values()];
}

/** "right" or "missed" (the latest round), or "not tried". */
export function drillStatus(rounds, drillId) {
  const last = rounds.filter((round) => round.drill === drillId).at(-1);
  return last ? (last.right ? "right" : "missed") : "not tried";
}

/** Per handbook section the drills cite: [{anchor, title, href, total, right, missed, drills}], in the order first cited. */
export function sectionFigures(record, drills) {
  const rounds = currentRounds(record, drills);
  const sections = new Map();
  for (const drill of drills) {
    const status = drillStatus(rounds, drill.id);
    for (const section of drill.sections) {
      const entry = sections.get(section.anchor) || { ...section, total: 0, right: 0, missed: 0, drills: [] };
      entry.total += 1;
      if (status === "right") entry.right += 1;
      if (status === "missed") entry.missed += 1;
      entry.drills.push({ id: drill.id, title: drill.title, status });
      sections.set(section.anchor, entry);
    }
  }
  return [...sections.values()];
}

/** The sections to work on first: those with a drill missed last time, then the least right, each
 *  with the drill to do next (one missed last time before one not tried). */
export function practiseNext(figures, limit = 3) {
  const missedFirst = (section) => (section.missed ? 0 : 1);
  return figures
    .filter((section) => section.right < section.total)
    .sort((a, b) => missedFirst(a) - missedFirst(b) || a.right / a.total - b.right / b.total || b.missed - a.missed)
    .slice(0, limit)
    .map((section) => ({
      section,
      drill: section.drills.find((d) => d.status === "missed") || section.drills.find((d) => d.status === "not tried"),
    }));
}

/** The figures the record's text and page open with. */
export function totals(record, drills, now) {
  const rounds = currentRounds(record, drills);
  const count = (wholePage) => {
    const own = drills.filter((drill) => drill.whole_page === wholePage);
    return {
      total: own.length,
      done: own.filter((drill) => drillStatus(rounds, drill.id) !== "not tried").length,
      right: own.filter((drill) => drillStatus(rounds, drill.id) === "right").length,
    };
  };
  return {
    scenarios: count(false),
    wholePage: count(true),
    answers: rounds.reduce((n, round) => n + round.answers.length, 0),
    answersRight: rounds.reduce((n, round) => n + round.answers.filter((a) => a.correct).length, 0),
    first: rounds[0]?.at || null,
    last: rounds.at(-1)?.at || null,
    due: dueDrills(rounds, drills.map((drill) => drill.id), now).length,
  };
}

/** The ticks as kept by the checklist: {step: {at, label}}; an older `true` is a tick with no date. */
export function checklistTicks(saved) {
  const ticks = {};
  for (const [step, value] of Object.entries(saved || {})) {
    if (value === true) ticks[step] = { at: null, label: step };
    else if (value && typeof value === "object") ticks[step] = { at: value.at || null, label: value.label || step };
  }
  return ticks;
}

// ---- export ------------------------------------------------------------------------------------

/** The record as JSON data (docs/training.md): the rounds and ticks are the record; `sections` is a
 *  summary for the reader, recomputed on import. */
export function exportRecord(record, ticks, drills, now) {
  const byId = indexOf(drills);
  return {
    format: RECORD_FORMAT,
    version: RECORD_VERSION,
    exported: new Date(now).toISOString(),
    rounds: record.rounds.map((round) => ({ ...round, out_of_date: roundState(round, byId) !== "current" })),
    checklist: ticks,
    sections: sectionFigures(record, drills).map(({ anchor, title, total, right, missed }) => ({ anchor, title, drills: total, right, missed })),
  };
}

const day = (iso) => (iso ? iso.slice(0, 10) : "date not kept");

/** The text for the PagerDuty issue that asks to join the rotation. */
export function exportText(record, ticks, drills, now) {
  const t = totals(record, drills, now);
  const lines = [
    `Customer Emergencies on-call training record, exported ${day(new Date(now).toISOString())} from the Customer Emergencies On-Call Handbook site.`,
    "",
    "Shadow onboarding checklist:",
  ];
  const ticked = Object.values(ticks);
  if (ticked.length) for (const tick of ticked) lines.push(`- [x] ${tick.label} (${day(tick.at)})`);
  else lines.push("- nothing ticked yet");
  lines.push(
    "",
    `Scenario drills: ${t.scenarios.done} of ${t.scenarios.total} done, ${t.scenarios.right} right on the latest attempt.`,
    `Whole-page drills of the guided response: ${t.wholePage.done} of ${t.wholePage.total} walked, ${t.wholePage.right} with every step right.`,
    `Answers given: ${t.answers}, ${t.answersRight} right` + (t.first ? `, from ${day(t.first)} to ${day(t.last)}.` : "."),
    `Missed drills due for review now: ${t.due}.`,
  );
  const rounds = currentRounds(record, drills);
  const walks = drills.filter((drill) => drill.whole_page && rounds.some((round) => round.drill === drill.id));
  if (walks.length) {
    lines.push("", "Whole-page drills, latest attempt:");
    for (const drill of walks) {
      const last = rounds.filter((round) => round.drill === drill.id).at(-1);
      const right = last.answers.filter((answer) => answer.correct).length;
      lines.push(`- ${drill.title} (${day(last.at)}): ${right} of ${last.answers.length} steps right`);
    }
  }
  lines.push(
    "",
    "By handbook section (drills right on the latest attempt, of the drills citing the section):",
  );
  for (const section of sectionFigures(record, drills)) {
    lines.push(`- ${section.title}: ${section.right} of ${section.total}` + (section.missed ? ` (${section.missed} missed)` : ""));
  }
  const next = practiseNext(sectionFigures(record, drills));
  if (next.length) lines.push("", "Still to practise: " + next.map((n) => n.section.title).join("; ") + ".");
  const stale = outOfDate(record, drills);
  if (stale.length) lines.push("", `Not counted (the drill changed since, or is gone): ${stale.map((s) => s.title).join("; ")}.`);
  return lines.join("\n");
}

// ---- import ------------------------------------------------------------------------------------

const isIso = (value) => typeof value === "string" && !Number.isNaN(Date.parse(value));

function readRound(raw, where) {
  if (!raw || typeof raw !== "object") throw new RecordError(where, "expected an object with drill, version, at and answers");
  for (const key of ["drill", "version"]) {
    if (typeof raw[key] !== "string" || !raw[key]) throw new RecordError(`${where}.${key}`, "expected text");
  }
  if (!isIso(raw.at)) throw new RecordError(`${where}.at`, `expected a date and time (ISO 8601), got ${JSON.stringify(raw.at)}`);
  if (!Array.isArray(raw.answers) || !raw.answers.length) throw new RecordError(`${where}.answers`, "expected a list of answers");
  const answers = raw.answers.map((answer, index) => {
    const at = `${where}.answers[${index}]`;
    if (!answer || typeof answer.question !== "string") throw new RecordError(`${at}.question`, "expected the question's id");
    if (typeof answer.correct !== "boolean") throw new RecordError(`${at}.correct`, "expected true or false");
    if (answer.at !== undefined && !isIso(answer.at)) throw new RecordError(`${at}.at`, "expected a date and time (ISO 8601)");
    const kept = { question: answer.question, correct: answer.correct };
    if (typeof answer.step === "string") kept.step = answer.step;
    if (answer.at) kept.at = answer.at;
    return kept;
  });
  return { drill: raw.drill, version: raw.version, at: new Date(raw.at).toISOString(), answers };
}

/** Read an exported record: {record, ticks, outOfDate}. Rounds of a drill changed since (or gone) are
 *  kept, marked out of date: they are listed, and not counted. Anything malformed throws RecordError
 *  naming the field. */
export function importRecord(text, drills) {
  let data;
  try {
    data = typeof text === "string" ? JSON.parse(text) : text;
  } catch (error) {
    throw new RecordError("(file)", `not JSON: ${error.message}`);
  }
  if (!data || typeof data !== "object" || data.format !== RECORD_FORMAT) {
    throw new RecordError("format", `expected "${RECORD_FORMAT}": this is not a training record exported from this site`);
  }
  if (data.version !== RECORD_VERSION) {
    throw new RecordError("version", `this site reads version ${RECORD_VERSION}; the file is version ${JSON.stringify(data.version)}`);
  }
  if (!Array.isArray(data.rounds)) throw new RecordError("rounds", "expected a list");
  const record = { rounds: data.rounds.map((round, index) => readRound(round, `rounds[${index}]`)) };
  if (data.checklist !== undefined && (typeof data.checklist !== "object" || data.checklist === null || Array.isArray(data.checklist))) {
    throw new RecordError("checklist", "expected an object keyed by step");
  }
  const ticks = checklistTicks(data.checklist);
  return { record, ticks, outOfDate: outOfDate(record, drills) };
}

/** Both records' rounds, once each (the same drill, version and time is the same round). */
export function mergeRecords(mine, theirs) {
  const seen = new Set();
  const rounds = [];
  for (const round of [...mine.rounds, ...theirs.rounds]) {
    const key = `${round.drill}|${round.version}|${round.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rounds.push(round);
  }
  rounds.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { rounds };
}

/** One sentence about an import's out-of-date rounds, or "" when every round counts. */
export function outOfDateMessage(stale) {
  if (!stale.length) return "";
  const named = stale.map((s) => `“${s.title}” (${s.state === "removed" ? "no longer in the drills" : "changed since the record was made"})`);
  return `Kept but marked out of date, and not counted: ${named.join("; ")}.`;
}

// ---- this browser ------------------------------------------------------------------------------

function readRecord(saved) {
  if (!saved || !Array.isArray(saved.rounds)) return { rounds: [] };
  const rounds = [];
  for (const [index, round] of saved.rounds.entries()) {
    try {
      rounds.push(readRound(round, `rounds[${index}]`));
    } catch {
      // a damaged entry is dropped, the rest of the record stays
    }
  }
  return { rounds };
}

/** The record kept in this browser: {record, ticks(), save(), available}. */
export function openRecord() {
  const store = openStore();
  const kept = { record: readRecord(store.read(RECORD_KEY, null)), available: store.available };
  kept.save = () => store.write(RECORD_KEY, kept.record);
  kept.ticks = () => checklistTicks(store.read(CHECKLIST_KEY, {}));
  kept.saveTicks = (ticks) => store.write(CHECKLIST_KEY, ticks);
  return kept;
}
