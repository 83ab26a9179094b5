// The US Federal checker's extras: a live Pacific Time clock, and the day as a bar (the shifts the
// result lists in `shifts`, and where the answer's Pacific time falls). The clock only shows the
// time: while the time question is empty ("now"), each new minute asks Python again, once, and
// Python decides whether US Federal on-call support is working. Nothing here compares hours.
import { el, svg } from "../dom.js";
import { clockHours, wallClockHours, zonedText, zonedTextFromPeriods } from "../format.js";
import { runtime } from "../transport.js";

const PACIFIC = "America/Los_Angeles";

function timeIsNow(widget) {
  const input = widget.querySelector('[data-question="at"] input');
  return !input || input.value.trim() === "";
}

/** Pacific Time's offsets, written by the build (site_build/render/widgets.py); none if they are missing. */
function pacificPeriods(widget) {
  try {
    const periods = JSON.parse(widget.dataset.pacificPeriods || "[]");
    return Array.isArray(periods) ? periods : [];
  } catch {
    return [];
  }
}

/** The live clock, before the form; each new minute asks Python again while the time is "now". */
export function prepare(widget, { askAgain }) {
  const face = el("time", { class: "fed-clock__time" });
  // A timer is not announced as it ticks; its visible label names it, so no aria-label hides the time.
  const clock = el("p", { class: "fed-clock", role: "timer" }, el("span", { class: "fed-clock__label" }, "Now in Pacific Time: "), face);
  const note = el(
    "p", { class: "checker__hint fed-clock__note" },
    "While the time below is empty, the answer follows this clock: Python checks again every minute.",
  );
  widget.querySelector(".checker__form").before(clock, note);
  let minute;
  const periods = pacificPeriods(widget);
  const tick = () => {
    if (!widget.isConnected) return; // the reader has left the page (instant navigation)
    const now = new Date();
    face.textContent = zonedTextFromPeriods(now, periods) ?? zonedText(now, PACIFIC);
    face.setAttribute("datetime", now.toISOString());
    const thisMinute = Math.floor(now.getTime() / 60000);
    if (minute !== undefined && thisMinute !== minute && timeIsNow(widget) && runtime.state === "ready") askAgain();
    minute = thisMinute;
    // On the next whole second, so the clock changes when a wall clock does.
    setTimeout(tick, 1000 - (now.getTime() % 1000));
  };
  tick();
}

function dayBar(result) {
  // Positions in percent of the bar and text in CSS units, so the labels stay readable at any width.
  const x = (hours) => `${((hours / 24) * 100).toFixed(3)}%`;
  const clock = result.pacific_time.slice(11, 16);
  const described = result.shift
    ? `${clock} Pacific Time falls in the ${result.shift} shift`
    : `${clock} Pacific Time falls outside the on-call hours`;
  const shifts = result.shifts.map((shift) => ({ ...shift, from: clockHours(shift.starts), to: clockHours(shift.ends) }));
  const picture = svg("svg", {
    class: "fed-day__svg", width: "100%", height: 44, role: "img",
    "aria-label": `A day in Pacific Time: ${shifts.map((s) => `the ${s.name} shift ${s.starts} to ${s.ends}`).join(", ")}. ${described}.`,
  });
  picture.append(svg("rect", { class: "fed-day__off", x: 0, y: 4, width: "100%", height: 18, rx: 3 }));
  for (const shift of shifts) {
    const className = `fed-day__${shift.name.toLowerCase()}`;
    picture.append(svg("rect", { class: className, x: x(shift.from), y: 4, width: x(shift.to - shift.from), height: 18 }));
    picture.append(svg("text", { x: x((shift.from + shift.to) / 2), y: 17, "text-anchor": "middle", class: "fed-day__band" }, `${shift.name} shift`));
  }
  const marks = [0, ...new Set(shifts.flatMap((s) => [s.from, s.to])), 24];
  for (const hour of marks) {
    const anchor = hour === 0 ? "start" : hour === 24 ? "end" : "middle";
    picture.append(svg("text", { x: x(hour), y: 38, "text-anchor": anchor }, `${String(Math.floor(hour)).padStart(2, "0")}:00`));
  }
  const at = x(wallClockHours(result.pacific_time));
  picture.append(svg("line", { class: "fed-day__now", x1: at, x2: at, y1: 0, y2: 26 }));
  return el("figure", { class: "fed-day" }, picture, el("figcaption", { class: "checker__hint" }, `${described} (${result.pacific_time}).`));
}

export function render(result, previous) {
  // A new minute with the same decision is not read out again.
  const same = previous && previous.outcome === result.outcome && previous.shift === result.shift;
  return { sections: [{ id: "day", node: dayBar(result), after: "outcome" }], announce: !same };
}
