// The Emergency Exception Workflow's decision aids beside the qualification question
// (site_build/exception_aids.py): a filter box that narrows the examples and the situations that
// are not emergencies to those mentioning a word, and opens their sections. It reads only the
// words the build put in data-aids-text; it decides nothing and edits no other component.

function matches(item, words) {
  const text = item.dataset.aidsText || "";
  return words.every((word) => text.includes(word));
}

function applyFilter(aids, input, count) {
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of aids.querySelectorAll(".aids__item")) {
    const visible = matches(item, words);
    item.hidden = !visible;
    if (visible) shown += 1;
  }
  for (const section of aids.querySelectorAll("details.aids__section")) {
    const items = section.querySelectorAll(".aids__item");
    if (items.length && words.length) section.open = [...items].some((item) => !item.hidden);
  }
  count.textContent = words.length ? `${shown} shown` : "";
}

function mount() {
  for (const aids of document.querySelectorAll("[data-exception-aids]")) {
    const input = aids.querySelector("[data-aids-filter]");
    const count = aids.querySelector("[data-aids-count]");
    if (!input || !count || input.dataset.aidsMounted) continue;
    input.dataset.aidsMounted = "true";
    input.addEventListener("input", () => applyFilter(aids, input, count));
  }
}

function subscribe() {
  // Material's instant navigation swaps pages without reloading: mount on each of them.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mount);
  else mount();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();
