// The generic result of a checker, as sections (see compose.js): the outcome, why, what to do, the
// macros, what to tell the customer, the details the checker wants shown (`shown_fields`, labelled by
// `field_labels`), and the handbook's sections. Everything shown is the result's own text.
import { copyRow, el } from "./dom.js";

const siteRoot = new URL("../../", import.meta.url);

export function displayValue(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A link to a page of this site from a path relative to its root ("licence.md#x" as built). */
export function siteHref(href) {
  return new URL(href, siteRoot).href;
}

export function actionsList(actions) {
  return el("ol", {}, ...actions.map((action) => el("li", {}, action)));
}

/** "What to tell the customer": the text, and a button that copies it. */
export function sayNode(text) {
  return el(
    "div", {},
    el("p", {}, el("strong", {}, "What to tell the customer")),
    copyRow(el("p", { class: "checker__say" }, text), text, "the text for the customer"),
  );
}

export function resultSections(result) {
  const sections = [
    {
      id: "outcome",
      node: el("p", { class: "checker__outcome" }, el("strong", {}, result.title), " ", el("code", { class: "checker__code" }, result.outcome)),
    },
  ];
  if (result.because) sections.push({ id: "because", node: el("p", {}, el("em", {}, "Why: "), result.because) });
  if (result.actions.length) {
    sections.push({ id: "actions", node: el("div", { class: "checker__actions" }, el("p", {}, el("strong", {}, "What to do")), actionsList(result.actions)) });
  }
  if (result.tags.length) {
    const title = result.tags.length > 1 ? "Macros and tags to apply" : "Macro or tag to apply";
    sections.push({
      id: "tags",
      node: el("div", {}, el("p", {}, el("strong", {}, title)), ...result.tags.map((tag) => copyRow(el("code", {}, tag), tag, `tag ${tag}`))),
    });
  }
  if (result.say) sections.push({ id: "say", node: sayNode(result.say) });
  const shown = (result.shown_fields || []).filter((key) => key in result);
  if (shown.length) {
    const list = el("dl", { class: "checker__fields" });
    // Each field under its label from the checker's definition (`field_labels`), never its raw name.
    for (const key of shown) list.append(el("dt", {}, result.field_labels[key]), el("dd", {}, displayValue(result[key])));
    sections.push({ id: "fields", node: list });
  }
  if (result.sources && result.sources.length) {
    const para = el("p", { class: "checker__sources" }, el("strong", {}, "Handbook: "));
    result.sources.forEach((source, index) => {
      if (index) para.append(", ");
      para.append(el("a", { href: siteHref(source.href) }, source.title));
    });
    sections.push({ id: "sources", node: para });
  }
  return sections;
}
