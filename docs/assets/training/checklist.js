// The shadow onboarding checklist (component "checklist"): ticks kept in this browser (storage.js),
// with a count and a reset. Each tick keeps its date and its step's words, for the training record
// (record.js) on the training page. The boxes are plain HTML checkboxes; without JavaScript they still tick,
// they just forget, and so they do, with a notice, where the browser refuses to keep them.
import { el } from "../checkers/dom.js";
import { NOT_KEPT, openStore } from "../checkers/storage.js";

export function mount(root) {
  const key = `handbook.checklist.${root.dataset.checklist}.v1`;
  const store = openStore();
  const boxes = [...root.querySelectorAll("input[type=checkbox][data-step]")];
  let ticks = store.read(key, {});
  // The count and the reset are in the page from the start (a bar inserted now would push the list
  // down under the reader's eyes); the page's script only brings them to life.
  const bar = document.querySelector(`[data-checklist-bar="${CSS.escape(root.dataset.checklist)}"]`);
  const status = bar.querySelector(".checklist__status");
  const reset = bar.querySelector(".checklist__reset");
  reset.disabled = false;
  const notice = el("p", { class: "checklist__store checker__hint", hidden: store.available });
  notice.textContent = NOT_KEPT;
  bar.after(notice);

  const save = () => {
    if (!store.write(key, ticks)) notice.hidden = false; // refused (full, private): ticks last until the page is left
  };
  const count = () => {
    const done = boxes.filter((box) => box.checked).length;
    status.textContent = `${done} of ${boxes.length} steps ticked.`;
    for (const box of boxes) box.closest("li")?.classList.toggle("is-done", box.checked);
  };
  for (const box of boxes) {
    box.checked = Boolean(ticks[box.dataset.step]); // `true` before ticks had dates
    box.addEventListener("change", () => {
      const label = root.querySelector(`label[for="${CSS.escape(box.id)}"]`)?.textContent.trim() || box.dataset.step;
      if (box.checked) ticks[box.dataset.step] = { at: new Date().toISOString(), label };
      else delete ticks[box.dataset.step];
      save();
      count();
    });
  }
  reset.addEventListener("click", () => {
    ticks = {};
    save();
    for (const box of boxes) box.checked = false;
    count();
    boxes[0]?.focus();
  });
  count();
}
