// The Emergency Exception Workflow's decision aids beside the qualification question
// (site_build/render/exception_aids.py, component "exception-aids"): a filter box that narrows the
// examples and the situations that are not emergencies to those mentioning every word typed, and
// opens their sections. It reads only the words the build put in data-aids-text; it decides
// nothing and touches nothing outside its own section.

export function matches(text, words) {
  return words.every((word) => text.includes(word));
}

function applyFilter(aids, input, count) {
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of aids.querySelectorAll(".aids__item")) {
    const visible = matches(item.dataset.aidsText || "", words);
    item.hidden = !visible;
    if (visible) shown += 1;
  }
  for (const section of aids.querySelectorAll("details.aids__section")) {
    const items = [...section.querySelectorAll(".aids__item")];
    if (items.length && words.length) section.open = items.some((item) => !item.hidden);
  }
  count.textContent = words.length ? `${shown} shown` : "";
}

export function mount(aids) {
  const input = aids.querySelector("[data-aids-filter]");
  const count = aids.querySelector("[data-aids-count]");
  if (!input || !count) return;
  input.addEventListener("input", () => applyFilter(aids, input, count));
}
