// The page script, loaded once per visit on every page (mkdocs.yml extra_javascript; on a page with a
// checker also early, from <head>: site_build/early_start.py). It only starts things: the Python
// worker (transport.js) where a page has a form, and every marked component (components.js). It
// never decides anything itself; importing the other modules (dom.js for `el`) mounts nothing.
import { readAnswers, readGivenAnswers } from "./answers.js";
import { mountComponents, onEveryPage } from "./components.js";
import { ask, runtime, startRuntime } from "./transport.js";

// For tests and the browser console only; no module of the site reads it.
window.handbookCheckers = { ask, readAnswers, readGivenAnswers, runtime };

// Python starts downloading and compiling while the rest of the page is still arriving.
if (document.querySelector("script[data-start-python]")) startRuntime();

onEveryPage(() => mountComponents());
