// The licence timeline's layout (docs/assets/checkers/render/licence-layout.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { columnsOf, dayNumber, placeColumns, placeLabels, shortDate } from "../../docs/assets/checkers/render/licence-layout.js";

const TIMELINE = [
  { date: "2024-12-01", weekday: "Sunday", kind: "expiry", label: "Subscription expired" },
  { date: "2024-12-15", weekday: "Sunday", kind: "grace-end", label: "14-day grace period ends" },
  { date: "2024-12-21", weekday: "Saturday", kind: "today", label: "Today" },
  { date: "2024-12-23", weekday: "Monday", kind: "next-business-day", label: "Next business day" },
  { date: "2024-12-23", weekday: "Monday", kind: "trial-licence-ends", label: "7-day trial licence ends" },
];

test("points on the same date share a column whose marker is the kind that matters most", () => {
  const columns = columnsOf(TIMELINE);
  assert.deepEqual(columns.map((c) => c.date), ["2024-12-01", "2024-12-15", "2024-12-21", "2024-12-23"]);
  assert.equal(columns[3].points.length, 2);
  assert.equal(columns[3].kind, "next-business-day");
  assert.equal(columns[2].kind, "today");
});

test("columns stand in date order from the left edge to the right edge", () => {
  const columns = placeColumns(columnsOf(TIMELINE), 14, 306);
  const xs = columns.map((c) => c.x);
  assert.equal(xs[0], 14);
  assert.ok(Math.abs(xs[xs.length - 1] - 306) < 1e-9);
  for (let i = 1; i < xs.length; i += 1) assert.ok(xs[i] - xs[i - 1] >= 56 - 1e-9, `gap ${i} too narrow`);
});

test("a long gap in days is not drawn to scale, so short gaps keep room for labels", () => {
  const columns = placeColumns(columnsOf(TIMELINE), 0, 700);
  const longGap = columns[1].x - columns[0].x; // 14 days
  const shortGap = columns[3].x - columns[2].x; // 2 days
  assert.ok(longGap > shortGap && longGap / shortGap < 14 / 2);
});

test("a single date stands in the middle", () => {
  const [only] = placeColumns(columnsOf(TIMELINE.slice(0, 1)), 10, 110);
  assert.equal(only.x, 60);
});

test("labels that would overlap take another row, and stay inside the picture", () => {
  const columns = placeColumns(columnsOf(TIMELINE), 14, 306);
  placeLabels(columns, 320, () => 90);
  assert.deepEqual(columns.map((c) => c.row), [0, 1, 0, 1]);
  for (const column of columns) {
    assert.ok(column.labelCenter - 45 >= 4 && column.labelCenter + 45 <= 316, column.date);
  }
});

test("dates are counted in days and shortened with the weekday, the year only when it differs", () => {
  assert.equal(dayNumber("2024-12-23") - dayNumber("2024-12-21"), 2);
  assert.equal(shortDate(TIMELINE[3], 2024), "Mon 23 Dec");
  assert.equal(shortDate(TIMELINE[3], 2025), "Mon 23 Dec 2024");
});
