// A checklist whose ticks persist in this browser (localStorage), with a count and a reset.
// The boxes are plain HTML checkboxes; without JavaScript they still tick, they just forget.

export function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const key = `handbook.checklist.${root.dataset.checklist}.v1`;
  const boxes = [...root.querySelectorAll("input[type=checkbox][data-step]")];
  let ticks = {};
  try {
    ticks = JSON.parse(localStorage.getItem(key) || "{}") || {};
  } catch {
    ticks = {};
  }
  const status = document.createElement("p");
  status.className = "checklist__status";
  status.setAttribute("role", "status");
  const reset = document.createElement("button");
  reset.type = "button";
  reset.className = "md-button checklist__reset";
  reset.textContent = "Clear all ticks";
  const bar = document.createElement("div");
  bar.className = "checklist__bar";
  bar.append(status, reset);
  root.before(bar);

  const save = () => {
    try {
      localStorage.setItem(key, JSON.stringify(ticks));
    } catch {
      // Private browsing or a full store: ticks last until the page is left.
    }
  };
  const count = () => {
    const done = boxes.filter((box) => box.checked).length;
    status.textContent = `${done} of ${boxes.length} steps ticked.`;
    for (const box of boxes) box.closest("li")?.classList.toggle("is-done", box.checked);
  };
  for (const box of boxes) {
    box.checked = ticks[box.dataset.step] === true;
    box.addEventListener("change", () => {
      if (box.checked) ticks[box.dataset.step] = true;
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
