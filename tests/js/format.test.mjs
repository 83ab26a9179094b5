// Time and offset formatting (docs/assets/checkers/format.js), as the answers sent to Python and the
// clocks on the page use it.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  clockHours, controlForIso, countdown, inputValueIn, isoInZone, localInputValue, offsetText, wallClockHours, withLocalOffset,
  zonedText, zonedTextFromPeriods, zoneOffsetMinutes,
} from "../../docs/assets/checkers/format.js";

// The reader's own zone in these tests (each test file runs in a process of its own): neither Pacific
// nor UTC+11, so a link's offset is told apart from the reader's.
process.env.TZ = "Europe/Berlin";

/** A Date whose local clock and offset are fixed, whatever the machine's time zone. */
function fakeDate({ year, month, day, hours, minutes, seconds = 0, offsetMinutes }) {
  return {
    getFullYear: () => year, getMonth: () => month - 1, getDate: () => day,
    getHours: () => hours, getMinutes: () => minutes, getSeconds: () => seconds,
    getTimezoneOffset: () => -offsetMinutes,
  };
}

test("a local time is written with the reader's own positive offset", () => {
  const date = fakeDate({ year: 2024, month: 3, day: 9, hours: 22, minutes: 15, offsetMinutes: 660 });
  assert.equal(withLocalOffset(date), "2024-03-09T22:15+11:00");
});

test("a negative offset with half hours keeps its sign and its minutes", () => {
  const date = fakeDate({ year: 2024, month: 11, day: 3, hours: 1, minutes: 5, offsetMinutes: -(3 * 60 + 30) });
  assert.equal(withLocalOffset(date), "2024-11-03T01:05-03:30");
});

test("UTC is written +00:00, and seconds only when asked for", () => {
  const date = fakeDate({ year: 2025, month: 1, day: 2, hours: 3, minutes: 4, seconds: 5, offsetMinutes: 0 });
  assert.equal(withLocalOffset(date), "2025-01-02T03:04+00:00");
  assert.equal(withLocalOffset(date, { seconds: true }), "2025-01-02T03:04:05+00:00");
});

test("a datetime-local input gets the local time to the minute, without an offset", () => {
  const date = fakeDate({ year: 2024, month: 12, day: 31, hours: 23, minutes: 59, seconds: 30, offsetMinutes: 60 });
  assert.equal(localInputValue(date), "2024-12-31T23:59");
});

test("a countdown shows minutes and seconds, and hours only from an hour up", () => {
  assert.equal(countdown(3), "00:03");
  assert.equal(countdown(15 * 60), "15:00");
  assert.equal(countdown(3723), "1:02:03");
});

test("a countdown never goes below zero nor shows fractions", () => {
  assert.equal(countdown(-5), "00:00");
  assert.equal(countdown(59.9), "00:59");
});

test("wall-clock hours are read from the date-time's own clock, not converted", () => {
  assert.equal(wallClockHours("2024-03-10T16:30-07:00"), 16.5);
  assert.equal(wallClockHours("2024-03-10T05:00:00+00:00"), 5);
  assert.equal(clockHours("11:45"), 11.75);
});

test("an instant is shown on Pacific Time's wall clock across the DST change", () => {
  assert.equal(zonedText(new Date("2024-03-10T09:59:30Z"), "America/Los_Angeles"), "Sun 10 Mar 2024, 01:59:30 PST");
  assert.equal(zonedText(new Date("2024-03-10T10:00:00Z"), "America/Los_Angeles"), "Sun 10 Mar 2024, 03:00:00 PDT");
});

// 2024's rows as checkers.rules.us_federal.clock_periods(2024, 2024) writes them (tests/unit checks that
// function against zoneinfo; this checks the page reads its rows as Intl would show the instant).
const PACIFIC_2024 = [
  [1704067200, -480, "PST"], [1710064800, -420, "PDT"], [1730624400, -480, "PST"], [1735689600, null, null],
];

test("the clock's own table of Pacific offsets reads as Intl does, through both changes of 2024", () => {
  const edges = ["2024-01-01T00:00:00Z", "2024-03-10T09:59:59Z", "2024-03-10T10:00:00Z", "2024-11-03T08:59:59Z",
    "2024-11-03T09:00:00Z", "2024-12-31T23:59:59Z"].map((text) => new Date(text));
  const everyFewHours = Array.from({ length: 2200 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 4 * 3600_000 + i * 7_000));
  for (const instant of [...edges, ...everyFewHours].filter((d) => d.getUTCFullYear() === 2024)) {
    assert.equal(zonedTextFromPeriods(instant, PACIFIC_2024), zonedText(instant, "America/Los_Angeles"), instant.toISOString());
  }
});

test("outside the clock's table (or with none) there is no text, so the page asks Intl", () => {
  assert.equal(zonedTextFromPeriods(new Date("2023-12-31T23:59:59Z"), PACIFIC_2024), null);
  assert.equal(zonedTextFromPeriods(new Date("2025-01-01T00:00:00Z"), PACIFIC_2024), null);
  assert.equal(zonedTextFromPeriods(new Date("2024-06-01T00:00:00Z"), []), null);
  assert.equal(zonedTextFromPeriods(new Date("2024-06-01T00:00:00Z"), [[0], [1, 2]]), null); // malformed rows
});

test("a time typed in a named zone gets that zone's offset on that date", () => {
  // Pacific Time: PST (-08:00) before the March change, PDT (-07:00) after it, PST again in November.
  assert.equal(isoInZone("2024-03-09T04:30", "America/Los_Angeles"), "2024-03-09T04:30-08:00");
  assert.equal(isoInZone("2024-03-10T04:30", "America/Los_Angeles"), "2024-03-10T04:30-07:00");
  assert.equal(isoInZone("2024-11-03T04:59", "America/Los_Angeles"), "2024-11-03T04:59-08:00");
  assert.equal(isoInZone("2024-03-10T04:30", "UTC"), "2024-03-10T04:30+00:00");
  assert.equal(isoInZone("2024-03-09T22:15", "+11:00"), "2024-03-09T22:15+11:00");
  assert.equal(isoInZone("tomorrow", "America/Los_Angeles"), "tomorrow"); // for Python to name the field
  assert.equal(isoInZone("2024-03-09T22:15", ""), "2024-03-09T22:15+01:00"); // the reader's own (Berlin)
});

test("a zone's offset at an instant, in minutes east of UTC", () => {
  assert.equal(zoneOffsetMinutes(new Date("2024-07-01T12:00Z"), "America/Los_Angeles"), -420);
  assert.equal(zoneOffsetMinutes(new Date("2024-01-01T12:00Z"), "America/Los_Angeles"), -480);
  assert.equal(zoneOffsetMinutes(new Date("2024-01-01T12:00Z"), "-05:30"), -330);
  assert.equal(offsetText(-330), "-05:30");
  assert.equal(offsetText(0), "+00:00");
});

test("an instant shows in a control on the wall clock of the zone chosen", () => {
  assert.equal(inputValueIn(new Date("2024-03-10T12:30Z"), "America/Los_Angeles"), "2024-03-10T05:30");
  assert.equal(inputValueIn(new Date("2024-03-10T12:30Z"), "UTC"), "2024-03-10T12:30");
});

test("a link's date-time shows at its own wall-clock time, in the zone its offset belongs to", () => {
  const zones = ["America/Los_Angeles", "UTC"];
  assert.deepEqual(controlForIso("2024-03-10T04:30-07:00", zones), { text: "2024-03-10T04:30", zone: "America/Los_Angeles" });
  assert.deepEqual(controlForIso("2024-03-10T12:30Z", zones), { text: "2024-03-10T12:30", zone: "UTC" });
  // An offset no offered zone has on that date: the link's own, kept as a fixed offset.
  assert.deepEqual(controlForIso("2024-03-09T22:15+11:00", zones), { text: "2024-03-09T22:15", zone: "+11:00" });
  // The reader's own offset: their own zone, as links always showed.
  assert.deepEqual(controlForIso("2024-03-09T23:15+01:00", zones), { text: "2024-03-09T23:15", zone: "" });
  assert.deepEqual(controlForIso("not a time", zones), { text: "", zone: "" });
  // Every answer read back from the control is the link's instant.
  for (const iso of ["2024-03-10T04:30-07:00", "2024-03-09T22:15+11:00", "2024-03-10T12:30+00:00", "2024-07-01T09:00+02:00"]) {
    const { text, zone } = controlForIso(iso, zones);
    assert.equal(new Date(isoInZone(text, zone)).getTime(), new Date(iso).getTime(), iso);
  }
});
