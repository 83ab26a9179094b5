// A date-time control's time zone (site_build/render/widgets.py draws it beside the input): the reader's own
// (""), a named one (Pacific Time, for the US Federal hours) or, brought by a link, that link's own
// offset ("+11:00"). The answer is the ISO date-time with the offset of that zone on that date
// (answers.js); the output beside the control says which offset that is.
import { answerOfField } from "./answers.js";
import { el } from "./dom.js";

export function zoneSelectFor(input) {
  return input.closest("[data-question]")?.querySelector(`select[data-zone-for="${CSS.escape(input.id)}"]`) ?? null;
}

/** The zone a date-time input is read in ("" for the reader's own, or when it has no choice). */
export function zoneOf(input) {
  return zoneSelectFor(input)?.value ?? "";
}

/** The named zones a date-time input offers (IANA names), for reading a link's offset as one of them. */
export function namedZonesOf(input) {
  const select = zoneSelectFor(input);
  return select ? [...select.options].map((option) => option.value).filter((zone) => zone && !/^[+-]/.test(zone)) : [];
}

/** Choose a zone beside an input; a fixed offset a link brought gets an option of its own. */
export function chooseZone(input, zone) {
  const select = zoneSelectFor(input);
  if (!select) return;
  if (![...select.options].some((option) => option.value === zone)) {
    select.append(el("option", { value: zone }, `UTC${zone}, as in the link`));
  }
  select.value = zone;
}

const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** Write, beside each date-time of `container`, the UTC offset its answer carries. */
export function showOffsets(container) {
  for (const output of container.querySelectorAll("output[data-offset-for]")) {
    const field = output.closest("[data-question]");
    const answer = answerOfField(field);
    const offset = typeof answer === "string" ? OFFSET.exec(answer)?.[1] : undefined;
    const select = zoneSelectFor(field.querySelector("input"));
    const zone = select?.selectedOptions[0];
    const named = zone?.value && !/^[+-]/.test(zone.value) ? ` (${zone.textContent})` : "";
    const text = offset ? `UTC${offset === "Z" ? "+00:00" : offset}${zone?.value ? named : " (your time zone)"}` : "";
    if (output.textContent !== text) output.textContent = text;
  }
}

/** Keep the offsets beside a form's date-times up to date as the reader types or chooses a zone. */
export function mountZones(form) {
  const refresh = () => showOffsets(form);
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  form.addEventListener("reset", () => setTimeout(refresh, 0)); // once the browser has put the defaults back
  refresh();
}
