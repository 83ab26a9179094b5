// The follow-up clock: a countdown to the next step of the `follow-up` checker's answer.
// Python decides the outcome and how many seconds are left (`seconds_to_next_step`) and names the
// step (`next_step`); this only lets the seconds tick between answers. When the countdown reaches
// zero it asks Python again, and Python says what comes next. The clock survives a reload because
// the time of the first contact is in the page's link (see "State in the URL query" in client.js).
import { registerRenderer } from "../client.js";

const timers = new WeakMap(); // widget -> its interval, so a new answer replaces the old countdown

function clock(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

function dropStaleFields(container) {
  // The generic result lists "Seconds to next step" as a number that stops being true a second
  // later, and "Next step", which the countdown says already.
  for (const term of container.querySelectorAll(".checker__fields dt")) {
    if (term.textContent === "Seconds to next step" || term.textContent === "Next step") {
      term.nextElementSibling?.remove();
      term.remove();
    }
  }
}

registerRenderer("follow-up", (result, container, widget) => {
  clearInterval(timers.get(widget));
  dropStaleFields(container);
  if (result.seconds_to_next_step === null || result.seconds_to_next_step === undefined) return;

  // An empty "now" means the current time, so the clock runs; a time typed in is a "what if": it stays still.
  const nowInput = widget.querySelector('[data-question="now"] input');
  const live = !nowInput || nowInput.value === "";
  const value = document.createElement("strong");
  value.className = "checker__countdown-value";
  const line = document.createElement("p");
  line.className = "checker__countdown";
  line.setAttribute("role", "timer"); // not announced every second; readers can ask for it
  line.append(`Next: ${result.next_step}, in `, value, live ? "" : " (from the time you gave)");
  const outcome = container.querySelector(".checker__outcome");
  if (outcome) outcome.after(line);
  else container.prepend(line);

  const deadline = Date.now() + result.seconds_to_next_step * 1000;
  let asked = false;
  const tick = () => {
    if (!widget.isConnected) return clearInterval(timers.get(widget));
    const left = live ? Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) : result.seconds_to_next_step;
    value.textContent = clock(left);
    if (live && left === 0 && !asked) {
      asked = true;
      widget.checkerUpdate(); // Python decides what the end of this countdown means
    }
  };
  tick();
  if (live) timers.set(widget, setInterval(tick, 1000));
});
