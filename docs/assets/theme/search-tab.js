// Tab out of the search field moves on, in every engine. Material closes its search on Tab by
// blurring the field; WebKit (Safari, every iPhone browser) then starts the next Tab from the top
// of the page, so the keyboard never gets past the header. Here the focus moves to the next (or,
// with Shift, the previous) control first, as Chromium and Firefox do; Material's blur then finds
// the field already left.
const TABBABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';

function reachable(element) {
  if (element.disabled || element.tabIndex < 0 || element.closest(".md-search__output, [inert]")) return false;
  if (!element.getClientRects().length || getComputedStyle(element).visibility === "hidden") return false;
  // One stop per radio group: its checked option, or its first when none is.
  if (element.type === "radio" && element.name) {
    const group = [...document.getElementsByName(element.name)].filter((radio) => radio.form === element.form);
    return element === (group.find((radio) => radio.checked) || group[0]);
  }
  return true;
}

window.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
  if (!field.classList || !field.classList.contains("md-search__input")) return;
  const all = [...document.querySelectorAll(TABBABLE)];
  const here = all.indexOf(field);
  const onward = event.shiftKey ? all.slice(0, here).reverse() : all.slice(here + 1);
  const next = onward.find(reachable);
  if (!next) return;
  event.preventDefault();
  next.focus();
}, true);
