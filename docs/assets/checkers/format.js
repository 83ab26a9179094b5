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
 *  checkers.us_federal.clock_periods), or null outside the table. No Intl formatter: the first
 *  one a page creates costs ~25 ms, ~100 ms at a phone's speed (issue 15). */
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

/** "Sun 10 Mar 2024, 04:59:30 PDT": an instant on the wall clock of a time zone. */
export function zonedText(date, timeZone) {
  if (!ZONED.has(timeZone)) {
    ZONED.set(timeZone, new Intl.DateTimeFormat("en-US", {
      timeZone, weekday: "short", year: "numeric", month: "short", day: "numeric",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short",
    }));
  }
  return wallClockText(Object.fromEntries(ZONED.get(timeZone).formatToParts(date).map(({ type, value }) => [type, value])));
}
