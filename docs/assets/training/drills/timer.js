// Timed mode: the time left, the ticket's own clock moving on as the trainee thinks (display only),
// a few spoken warnings, and grading what is unanswered when time runs out.
import { el } from "../../checkers/dom.js";

const ANNOUNCE_AT = new Set([60, 30, 10]);

export function minutesAndSeconds(total) {
  const s = Math.max(0, total);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The ticket's clock `elapsedSeconds` after the story's time, in the story's own offset. */
export function storyClock(story, elapsedSeconds) {
  const shifted = new Date(Date.parse(story.time) + (elapsedSeconds + story.offset_minutes * 60) * 1000);
  const hh = String(shifted.getUTCHours()).padStart(2, "0");
  const mm = String(shifted.getUTCMinutes()).padStart(2, "0");
  return `${hh}:${mm} (${story.offset})`;
}

/** Start the clock in `clock`; `onTimeUp` runs once at zero. Returns a function that stops it. */
export function startTimer(scenario, clock, announcer, onTimeUp) {
  const started = Date.now();
  const left = el("span", { role: "timer", "aria-live": "off", class: "drills__left" });
  const onTicket = el("span", { class: "drills__ticket-clock" });
  clock.replaceChildren(left, " · ", onTicket);
  clock.hidden = false;
  let announced = null;
  let timer = null;
  const stop = () => clearInterval(timer);
  const tick = () => {
    if (!clock.isConnected) return stop();
    const elapsed = Math.floor((Date.now() - started) / 1000);
    const remaining = scenario.seconds - elapsed;
    left.textContent = `Time left: ${minutesAndSeconds(remaining)}`;
    onTicket.textContent = `On the ticket's clock: ${storyClock(scenario.story, elapsed)}`;
    if (ANNOUNCE_AT.has(remaining) && announced !== remaining) {
      announced = remaining;
      announcer.textContent = `${remaining} seconds left.`;
    }
    if (remaining <= 0) {
      stop();
      announcer.textContent = "Time is up. Unanswered questions count as missed.";
      clock.classList.add("is-over");
      onTimeUp();
    }
  };
  tick();
  timer = setInterval(tick, 250);
  return stop;
}
