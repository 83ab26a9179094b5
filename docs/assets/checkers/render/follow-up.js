// The follow-up clock: a countdown to the next step of the `follow-up` checker's answer. Python
// decides the outcome and how many seconds are left (`seconds_to_next_step`) and names the step
// (`next_step`); this only lets the seconds tick between answers. When the countdown reaches zero it
// asks Python again, and Python says what comes next. The clock survives a reload because the time
// of the first contact is in the page's link.
import { el } from "../dom.js";
import { countdown } from "../format.js";
import { sayNode } from "../result.js";
import { currentText } from "./response-texts.js";

/** The follow-up message as the guided page's copy-ready text of it (`say_text_id`) reads now, filled
 *  in from the reader's answers (the bridge link), so both copies on the page are the same. */
function filledSay(result, context) {
  if (!result.say_text_id) return [];
  const node = el("div", {});
  let shown = null;
  const show = () => {
    const text = currentText(result.say_text_id)?.text || result.say;
    if (text === shown) return;
    shown = text;
    node.replaceChildren(...sayNode(text).childNodes);
  };
  show();
  window.addEventListener("hb:form-texts", show);
  context.onDispose(() => window.removeEventListener("hb:form-texts", show));
  return [{ id: "say", node }];
}

export function render(result, previous, askAgain, context) {
  const say = filledSay(result, context);
  if (result.seconds_to_next_step === null || result.seconds_to_next_step === undefined) return { sections: say };
  // An empty "now" means the current time, so the clock runs; a time typed in is a "what if": it stays still.
  const live = !("now" in context.given);
  const value = el("strong", { class: "checker__countdown-value" });
  // A timer is not announced every second; readers can ask for it.
  const line = el(
    "p", { class: "checker__countdown", role: "timer" },
    `Next: ${result.next_step}, in `, value, live ? "" : " (from the time you gave)",
  );
  const deadline = Date.now() + result.seconds_to_next_step * 1000;
  let asked = false;
  let shown = false;
  let timer = null;
  const tick = () => {
    const left = live ? Math.max(0, Math.ceil((deadline - Date.now()) / 1000)) : result.seconds_to_next_step;
    value.textContent = countdown(left);
    if (line.isConnected) shown = true;
    else if (shown) return clearInterval(timer); // the reader has left the page
    if (live && left === 0 && !asked) {
      asked = true;
      askAgain({ quiet: false }); // Python decides what the end of this countdown means
    }
  };
  tick();
  if (live) {
    timer = setInterval(tick, 1000);
    context.onDispose(() => clearInterval(timer));
  }
  return { sections: [...say, { id: "countdown", node: line, after: "outcome" }] };
}
