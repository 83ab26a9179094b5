// One component registry keyed by a data attribute, as Material's `data-md-component`: every part of
// a page that comes alive is marked `data-hb-component="<name>"` by the build, and its module
// (one `mount(node)` export) is imported only on a page that has one. Each node is mounted once;
// Material's instant navigation announces every new page on `document$`. A `mount` may return a
// dispose function: it runs once its node has left the page (the next page's mounting), and takes
// back what the part set up outside its node (window listeners, timers, observers).

import { inNewTask, nextTask } from "./schedule.js";

const here = (path) => new URL(path, import.meta.url).href;

export const COMPONENTS = {
  form: here("widget.js"), // a checker, the response texts, the incident helper (site_build/render/widgets.py)
  flow: here("flow.js"), // the guided response page's toolbar, checklists and "Your answers"
  drills: here("../training/drills.js"),
  "drill-cards": here("../training/cards.js"),
  checklist: here("../training/checklist.js"), // the shadow onboarding checklist
  "training-record": here("../training/record-view.js"), // the training page's record, export and import
  "role-play": here("../training/role-play.js"), // the guided page's drill mode, by a facilitator's code
  "flow-path": here("flow-path.js"), // the guided page's "Your path" (site_build/render/flow_path.py)
  "exception-aids": here("exception-aids.js"), // the exception criteria's aids (site_build/render/exception_aids.py)
};

const mounted = new WeakSet();
const disposers = new Map(); // node -> what undoes its mount

function disposeGone() {
  for (const [node, dispose] of disposers) {
    if (node.isConnected) continue;
    disposers.delete(node);
    try {
      dispose();
    } catch (error) {
      console.warn(error);
    }
  }
}

/** One part per task: a phone's main thread is never held for all of a page's widgets at once. */
async function mountEach(module, nodes) {
  for (const [index, node] of nodes.entries()) {
    if (index) await nextTask();
    try {
      const dispose = module.mount(node);
      if (typeof dispose === "function") disposers.set(node, dispose);
    } catch (error) {
      console.warn(error); // one broken part leaves the rest of the page working
    }
  }
}

export function mountComponents(root = document) {
  disposeGone(); // the parts of the page instant navigation took away
  const found = new Map(); // one pass over the page, however many kinds of parts it has
  for (const node of root.querySelectorAll("[data-hb-component]")) {
    const name = node.dataset.hbComponent;
    if (mounted.has(node) || !(name in COMPONENTS)) continue;
    mounted.add(node);
    if (!found.has(name)) found.set(name, []);
    found.get(name).push(node);
  }
  for (const [name, nodes] of found) {
    import(COMPONENTS[name]).then((module) => mountEach(module, nodes), (error) => console.warn(error));
  }
}

/** Run `mount` for the page shown now and for every page instant navigation shows later, each time
 *  in a task of its own after the theme's: not inside Material's DOMContentLoaded (or page swap)
 *  task, which is long enough already on a phone. */
export function onEveryPage(mount) {
  const later = () => inNewTask(mount);
  const subscribe = () => {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(later);
    else later();
  };
  // Loaded early (from <head>), a module runs before Material's bundle has defined document$. On
  // window, DOMContentLoaded reaches this listener after Material's own (on document) has run.
  if (document.readyState === "loading") window.addEventListener("DOMContentLoaded", subscribe, { once: true });
  else subscribe();
}
