// Times as the page writes and shows them. Pure functions: tested under Node (tests/js/).

export function pad(n) {
  return String(n).padStart(2, "0");
}

/** A local date-time as ISO 8601 with the reader's UTC offset at that instant (DST-aware).
 *  `seconds: true` keeps the seconds: a live clock (the follow-up countdown) needs them. */
export function withLocalOffset(date, { seconds = false } = {}) {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds ? `:${pad(date.getSeconds())}` : ""}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The value of a datetime-local input for a date: the reader's local time, to the minute. */
export function localInputValue(date) {
  return withLocalOffset(date).slice(0, 16);
}

/** Seconds as a countdown: "04:05", or "1:02:03" from an hour up. Negative counts as zero. */
export function countdown(seconds) {
  const left = Math.max(0, Math.floor(seconds));
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Hours since midnight of a wall-clock time ("16:30" -> 16.5). */
export function clockHours(hhmm) {
  const [hours, minutes] = hhmm.split(":").map(Number);
  return hours + minutes / 60;
}

/** Hours since midnight of an ISO date-time's own wall clock ("2024-03-10T16:30-07:00" -> 16.5). */
export function wallClockHours(iso) {
  return clockHours(iso.slice(11, 16));
}

const ZONED = new Map();
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The clock's one way of writing a wall-clock instant, whichever way its parts were found. */
function wallClockText({ weekday, day, month, year, hour, minute, second, timeZoneName }) {
  return `${weekday} ${day} ${month} ${year}, ${hour}:${minute}:${second} ${timeZoneName}`;
}

/** What zonedText says, from a zone's offsets as Python wrote them into the page (rows of [start
 *  in epoch seconds, minutes east of UTC, abbreviation], the last row closing the table:
 *  checkers.rules.us_federal.clock_periods), or null outside the table. No Intl formatter: the first
 *  one a page creates costs ~25 ms, ~100 ms at a phone's speed. */
export function zonedTextFromPeriods(date, periods) {
  const seconds = date.getTime() / 1000;
  let period = null;
  for (const row of periods) {
    if (row[0] > seconds) break;
    period = row;
  }
  if (!Array.isArray(period) || typeof period[1] !== "number" || typeof period[2] !== "string") return null;
  const wall = new Date(date.getTime() + period[1] * 60000);
  return wallClockText({
    weekday: WEEKDAYS[wall.getUTCDay()], day: wall.getUTCDate(), month: MONTHS[wall.getUTCMonth()], year: wall.getUTCFullYear(),
    hour: pad(wall.getUTCHours()), minute: pad(wall.getUTCMinutes()), second: pad(wall.getUTCSeconds()), timeZoneName: period[2],
  });
}

/** The parts of an instant on the wall clock of a time zone ({weekday, day, month, year, hour, ...}). */
function zonedParts(date, timeZone) {
  if (!ZONED.has(timeZone)) {
    ZONED.set(timeZone, new Intl.DateTimeFormat("en-US", {
      timeZone, weekday: "short", year: "numeric", month: "short", day: "numeric",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short",
    }));
  }
  return Object.fromEntries(ZONED.get(timeZone).formatToParts(date).map(({ type, value }) => [type, value]));
}

/** "Sun 10 Mar 2024, 04:59:30 PDT": an instant on the wall clock of a time zone. */
export function zonedText(date, timeZone) {
  return wallClockText(zonedParts(date, timeZone));
}

// ---- A date-time control's zone: "" (the reader's own), an IANA name, or a fixed offset "+11:00" ----

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** "+07:00" / "-07:00" / "+00:00" from minutes east of UTC. */
export function offsetText(minutes) {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes east of UTC of a zone at an instant. */
export function zoneOffsetMinutes(date, zone) {
  if (!zone) return -date.getTimezoneOffset();
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  const p = zonedParts(date, zone);
  const wall = Date.UTC(Number(p.year), MONTHS.indexOf(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The answer for a wall-clock time typed into a control, read in a zone: "2024-03-10T04:30" in
 *  America/Los_Angeles is "2024-03-10T04:30-07:00" (the zone's offset on that date). Not a wall-clock
 *  time: returned as typed, for Python to name the field. */
export function isoInZone(wall, zone) {
  if (!zone) {
    const local = new Date(wall);
    return Number.isNaN(local.getTime()) ? wall : withLocalOffset(local);
  }
  const m = WALL.exec(wall);
  if (!m) return wall;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] || 0));
  // The offset at the instant the wall clock names: found from a first guess, then checked once
  // more, as the two may differ on the day the zone changes its clocks.
  const first = zoneOffsetMinutes(new Date(asUtc), zone);
  const offset = zoneOffsetMinutes(new Date(asUtc - first * 60000), zone);
  return `${wall}${offsetText(offset)}`;
}

/** What a control shows for an instant in a zone: the wall-clock time, to the minute. */
export function inputValueIn(date, zone) {
  if (!zone) return localInputValue(date);
  return new Date(date.getTime() + zoneOffsetMinutes(date, zone) * 60000).toISOString().slice(0, 16);
}

const ISO_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** How an ISO date-time from a link shows in a control: in the first zone of `zones` (the reader's own
 *  "" first, then the control's named ones) whose offset at that instant is the link's, else at the
 *  link's own fixed offset; the link's wall-clock time either way. `{text: "", zone: ""}` if it is not
 *  a date-time. */
export function controlForIso(iso, zones = []) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { text: "", zone: "" };
  const m = ISO_OFFSET.exec(iso);
  if (!m) return { text: localInputValue(date), zone: "" };
  const offset = m[2] === "Z" ? 0 : zoneOffsetMinutes(date, m[2]);
  const zone = ["", ...zones].find((candidate) => zoneOffsetMinutes(date, candidate) === offset);
  return zone === undefined ? { text: m[1], zone: offsetText(offset) } : { text: inputValueIn(date, zone), zone };
}
