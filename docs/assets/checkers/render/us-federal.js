// The US Federal checker's extras: a live Pacific Time clock, and the day as a bar (the AM and PM
// shifts, and where the answer's Pacific time falls). The clock only shows the time: while the
// time question is empty ("now"), each new minute asks Python again, and Python decides whether
// US Federal on-call support is working. Nothing here compares hours for the decision.
import { ask, readAnswers, registerRenderer, el as html } from "../client.js";

const PACIFIC = "America/Los_Angeles";
const SVG = "http://www.w3.org/2000/svg";
const CLOCK = new Intl.DateTimeFormat("en-US", {
  timeZone: PACIFIC,
  weekday: "short", year: "numeric", month: "short", day: "numeric",
  hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short",
});
// Where the bar draws its bands: the handbook's hours, for the picture only (the decision and the
// shift come from the result).
const BANDS = [
  { from: 5, to: 11, label: "AM shift", className: "fed-day__am" },
  { from: 11, to: 17, label: "PM shift", className: "fed-day__pm" },
];

const clocks = new WeakMap(); // widget -> {timer, minute, shown}


function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "Sun 10 Mar 2024, 04:59:30 PDT" for an instant, in Pacific Time. */
function pacificText(date) {
  const part = Object.fromEntries(CLOCK.formatToParts(date).map(({ type, value }) => [type, value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute}:${part.second} ${part.timeZoneName}`;
}

function timeIsNow(widget) {
  const input = widget.querySelector('[data-question="at"] input');
  return !input || input.value.trim() === "";
}

// ---- The live clock -------------------------------------------------------------------------

function output(widget) {
  return widget.querySelector(".checker__result");
}

// A screen reader hears a result when it changes; a new minute with the same decision should not
// read the whole result again. Such refreshes are made with the live region off, and it is turned
// back on by the reader's next answer, or by a refresh whose decision did change.
function setAnnounced(widget, announced) {
  output(widget).setAttribute("aria-live", announced ? "polite" : "off");
}

async function newMinute(widget, state) {
  if (!timeIsNow(widget) || !widget.checkerUpdate) return;
  if (window.handbookCheckers?.runtime?.state !== "ready") return; // the first answer comes at start-up
  const reply = await ask({ op: "evaluate", name: "us-federal", answers: readAnswers(widget) });
  if (!reply.ok || !widget.isConnected || !timeIsNow(widget)) return;
  const shown = state.shown;
  const changed = !shown || reply.result.outcome !== shown.outcome || reply.result.shift !== shown.shift;
  setAnnounced(widget, changed);
  await widget.checkerUpdate();
}

function tick(widget, state, face) {
  if (!widget.isConnected) return; // the reader has left the page (instant navigation)
  const now = new Date();
  face.textContent = pacificText(now);
  face.setAttribute("datetime", now.toISOString());
  const minute = Math.floor(now.getTime() / 60000);
  if (state.minute !== undefined && minute !== state.minute) newMinute(widget, state);
  state.minute = minute;
  // On the next whole second, so the clock changes when a wall clock does.
  state.timer = setTimeout(() => tick(widget, state, face), 1000 - (now.getTime() % 1000));
}

function prepare(widget) {
  if (clocks.has(widget)) return;
  const state = {};
  clocks.set(widget, state);
  const face = html("time", { class: "fed-clock__time" });
  const clock = html(
    "p",
    // A timer is not announced as it ticks; its visible label names it, so no aria-label hides the time.
    { class: "fed-clock", role: "timer" },
    html("span", { class: "fed-clock__label" }, "Now in Pacific Time: "),
    face,
  );
  const note = html(
    "p",
    { class: "checker__hint fed-clock__note" },
    "While the time below is empty, the answer follows this clock: Python checks again every minute.",
  );
  widget.querySelector(".checker__form").before(clock, note);
  // Any answer from the reader is worth announcing again.
  const form = widget.querySelector(".checker__form");
  for (const type of ["input", "change", "reset"]) form.addEventListener(type, () => setAnnounced(widget, true), true);
  tick(widget, state, face);
}

// ---- The day bar ----------------------------------------------------------------------------

/** Hours since Pacific midnight, read from the result's own Pacific time, for the marker. */
function pacificHours(iso) {
  const [hours, minutes] = iso.slice(11, 16).split(":").map(Number);
  return hours + minutes / 60;
}

function dayBar(result) {
  // Positions in percent of the bar and text in CSS units, so the labels stay readable at any width.
  const x = (hours) => `${((hours / 24) * 100).toFixed(3)}%`;
  const clock = result.pacific_time.slice(11, 16);
  const described = result.shift
    ? `${clock} Pacific Time falls in the ${result.shift} shift`
    : `${clock} Pacific Time falls outside the on-call hours`;
  const picture = svg("svg", {
    class: "fed-day__svg", width: "100%", height: 44, role: "img",
    "aria-label": `A day in Pacific Time: the AM shift 05:00 to 11:00, the PM shift 11:00 to 17:00. ${described}.`,
  });
  picture.append(svg("rect", { class: "fed-day__off", x: 0, y: 4, width: "100%", height: 18, rx: 3 }));
  for (const band of BANDS) {
    picture.append(svg("rect", { class: band.className, x: x(band.from), y: 4, width: x(band.to - band.from), height: 18 }));
    picture.append(svg("text", { x: x((band.from + band.to) / 2), y: 17, "text-anchor": "middle", class: "fed-day__band" }, band.label));
  }
  for (const hour of [0, 5, 11, 17, 24]) {
    const anchor = hour === 0 ? "start" : hour === 24 ? "end" : "middle";
    picture.append(svg("text", { x: x(hour), y: 38, "text-anchor": anchor }, `${String(hour).padStart(2, "0")}:00`));
  }
  const at = x(pacificHours(result.pacific_time));
  picture.append(svg("line", { class: "fed-day__now", x1: at, x2: at, y1: 0, y2: 26 }));
  return html("figure", { class: "fed-day" }, picture, html("figcaption", { class: "checker__hint" }, `${described} (${result.pacific_time}).`));
}

function render(result, container, widget) {
  const state = clocks.get(widget);
  if (state) state.shown = result;
  container.querySelector(".checker__outcome")?.after(dayBar(result));
}

registerRenderer("us-federal", render, { prepare });
