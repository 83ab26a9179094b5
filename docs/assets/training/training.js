// The training pages mount their parts when shown: drills, facilitator cards, checklists.
// Loaded once per visit (mkdocs.yml extra_javascript); Material's instant navigation announces each
// new page on `document$`, and a part's module is imported only on a page that has one.
import { onEveryPage } from "../checkers/client.js";

const PARTS = [
  ["[data-drills]", "drills.js"],
  ["[data-drill-cards]", "cards.js"],
  ["[data-checklist]", "checklist.js"],
];

function mountAll() {
  for (const [selector, file] of PARTS) {
    const nodes = document.querySelectorAll(selector);
    if (!nodes.length) continue;
    import(new URL(file, import.meta.url).href).then((part) => nodes.forEach((node) => part.mount(node)));
  }
}

onEveryPage(mountAll);
