// The "stuck" checker's extra: the handbook's phrases (the result's `phrases`), each with its own
// copy button, so the right words are one click away during a call or in a ticket.
import { copyButton, registerRenderer, el as html } from "../client.js";


function render(result, container) {
  const phrases = result.phrases || [];
  if (!phrases.length) return;
  const list = html("ul", { class: "stuck-phrases" });
  phrases.forEach((phrase, index) => {
    list.append(
      html("li", { class: "checker__copyrow" }, html("q", { class: "stuck-phrases__text" }, phrase), copyButton(phrase, `phrase ${index + 1}: ${phrase}`)),
    );
  });
  const heading = html("p", {}, html("strong", {}, "Phrases that might help"));
  const sources = container.querySelector(".checker__sources");
  if (sources) sources.before(heading, list);
  else container.append(heading, list);
}

registerRenderer("stuck", render);
