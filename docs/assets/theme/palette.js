// The light/dark palette: applied before the page is first drawn, and switched by the header's toggle
// (Material's own markup, partials/palette.html). A classic script in the header, right after the
// toggle's form, so it runs before anything is painted.
//
// Why not Material's palette component: on every page load it marks <body> with
// data-md-color-switching (which a `[data-md-color-switching] *` rule matches), reads a computed
// style, and removes the mark a task later: two restyles of the whole document just to re-apply the
// palette already applied here, ~0.2 s each at a phone's 4x CPU slowdown on the checker pages
// (benchmarks/RESULTS.md, "Where the main-thread time goes"). Taking the form's data-md-component away
// means Material never mounts it; this script does the same job only when the reader switches.
//
// The choice is stored as Material stores it (key "__palette", {index, color}), through Material's
// own __md_get/__md_set (scope.js), so Material's restorer and a later release read the same value.
// Until the reader chooses, the page follows the system's preference, also when it changes.
(() => {
  const form = document.querySelector("form[data-md-component=palette]");
  if (!form) return;
  form.removeAttribute("data-md-component");
  const inputs = [...form.querySelectorAll("input[data-md-color-media]")];
  if (!inputs.length) return;

  const stored = () => {
    try {
      return __md_get("__palette");
    } catch {
      return null; // storage refused (private mode): the system's preference applies
    }
  };
  const systemIndex = () => Math.max(0, inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches));
  const colorOf = (input) => ({
    media: input.dataset.mdColorMedia,
    scheme: input.dataset.mdColorScheme,
    primary: input.dataset.mdColorPrimary,
    accent: input.dataset.mdColorAccent,
  });

  // What the browser's own parts should match: form controls and scroll bars (color-scheme: Material's
  // slate scheme is its dark one), and the address bar (theme-color: the header's colour, read from
  // its computed style only when the page is idle, when the read finds the style up to date and
  // costs no restyle; read at load, even after a frame, it cost a 150-230 ms task at 4x on the
  // guided page, whose widgets were still being drawn).
  const themeColor = Object.assign(document.createElement("meta"), { name: "theme-color" });
  const colorScheme = Object.assign(document.createElement("meta"), { name: "color-scheme" });
  document.head.append(themeColor, colorScheme);
  const apply = (index) => {
    const input = inputs[index];
    for (const [key, value] of Object.entries(colorOf(input))) {
      if (document.body.getAttribute(`data-md-color-${key}`) !== value) document.body.setAttribute(`data-md-color-${key}`, value);
    }
    input.checked = true; // the visible label names the other input: clicking it is always a change
    inputs.forEach((each, i) => {
      const label = each.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    colorScheme.content = input.dataset.mdColorScheme === "slate" ? "dark" : "light";
  };

  const describeColourToBrowser = () => {
    const header = document.querySelector("[data-md-component=header]");
    if (header) themeColor.content = getComputedStyle(header).backgroundColor;
  };

  const choice = stored();
  const initial = choice && Number.isInteger(choice.index) && inputs[choice.index] ? choice.index : systemIndex();
  apply(initial);
  if ("requestIdleCallback" in window) requestIdleCallback(describeColourToBrowser);

  form.addEventListener("change", (event) => {
    const index = inputs.indexOf(event.target);
    if (index < 0) return;
    // No colour transitions while switching (Material's rule), only for this one restyle.
    document.body.setAttribute("data-md-color-switching", "");
    apply(index);
    __md_set("__palette", { index, color: colorOf(inputs[index]) });
    describeColourToBrowser();
    setTimeout(() => document.body.removeAttribute("data-md-color-switching"), 0);
  });
  // Enter on the toggle switches too, as with Material's component (a radio only answers Space/arrows).
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(inputs.findIndex((input) => input.checked) + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // One listener is enough: any change of the system's preference changes which input matches.
  matchMedia(inputs[0].dataset.mdColorMedia).addEventListener?.("change", () => {
    if (stored()) return;
    apply(systemIndex());
    describeColourToBrowser();
  });
})();
