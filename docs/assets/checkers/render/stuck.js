// The "stuck" checker's extra: the handbook's phrases (the result's `phrases`), each with its own
// copy button, so the right words are one click away during a call or in a ticket.
import { copyButton, el } from "../dom.js";

export function render(result) {
  const phrases = result.phrases || [];
  if (!phrases.length) return {};
  const list = el("ul", { class: "stuck-phrases" }, ...phrases.map((phrase, index) =>
    el("li", { class: "checker__copyrow" }, el("q", { class: "stuck-phrases__text" }, phrase), copyButton(phrase, `phrase ${index + 1}: ${phrase}`)),
  ));
  const node = el("div", {}, el("p", {}, el("strong", {}, "Phrases that might help")), list);
  return { sections: [{ id: "phrases", node, before: "sources" }] };
}
