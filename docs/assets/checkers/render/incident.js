// The widespread-incident helper's result (checkers/texts/incident.py): the steps, the tag, the Zendesk
// searches, the bulk response and the caution, each as Python prepared it, with copy buttons.
import { copyRow, el, fromTemplate } from "../dom.js";
import { siteHref } from "../result.js";

/** A link that leaves the site, marked as the build marks the content's (site_build/render/links.py). */
function external(href, text) {
  const link = fromTemplate(document, "external-link").firstElementChild;
  link.setAttribute("href", href);
  link.prepend(text);
  return link;
}

function part(title, ...children) {
  return el("div", { class: "incident-helper__part" }, el("p", {}, el("strong", {}, title)), ...children);
}

function caution(result) {
  const text = el("p", {}, ...result.caution_parts.map((piece) => (piece.href ? el("a", { href: siteHref(piece.href) }, piece.text) : piece.text)));
  return el("div", { class: "admonition warning incident-helper__caution" }, el("p", { class: "admonition-title" }, result.caution_title), text);
}

export function render(result) {
  const sections = [
    // First, and closed: the steps read "Share the response below".
    el(
      "details", { class: "incident-helper__steps" },
      el("summary", {}, "The handbook's steps, with this tag filled in"),
      el("ol", {}, ...result.steps.map((step) => el("li", {}, step))),
    ),
    part("Tag", copyRow(el("code", {}, result.tag), result.tag, `tag ${result.tag}`)),
    part(
      "Zendesk searches",
      el("ul", { class: "incident-helper__searches" }, ...result.searches.map((search) =>
        el("li", {}, external(search.url, search.label), el("br"), copyRow(el("code", {}, search.query), search.query, `search ${search.query}`)),
      )),
    ),
    part(
      "Bulk response",
      copyRow(el("pre", { class: "incident-helper__draft" }, result.draft), result.draft, "the bulk response"),
      el("p", {}, "Submit it with the status ", el("strong", {}, result.ticket_status), "."),
      result.follow_up ? el("p", { class: "incident-helper__follow-up" }, result.follow_up) : null,
    ),
    caution(result),
  ];
  return {
    sections: sections.map((node, index) => ({ id: `incident-${index}`, node })),
    status: `Prepared by Python in your browser for ${result.tag}; submit the response as ${result.ticket_status}.`,
  };
}
