// The page script, loaded once per visit on every page (mkdocs.yml extra_javascript). It only starts
// things: the Python worker (transport.js; on a page with a form start-python.js has already started
// it from <head>, and transport.js adopts it) and every marked component (components.js). It never
// decides anything itself; importing the other modules (dom.js for `el`) mounts nothing.
import { noteReaderAnswers, readAnswers, readGivenAnswers } from "./answers.js";
import { mountComponents, onEveryPage } from "./components.js";
import { fillFormsFromLink, noteEarlyAnswersOnPage } from "./link-state.js";
import { holdTheView } from "./view.js";
import { ask, runtime, startRuntime } from "./transport.js";

// For tests and the browser console only; no module of the site reads it.
window.handbookCheckers = { ask, readAnswers, readGivenAnswers, runtime };

// On a page with a form: the worker start-python.js started from <head> is adopted (or one is started).
if (document.querySelector("script[data-start-python]")) startRuntime();

// Before any form is mounted: what the reader answers from now on is theirs (no link, no preset
// overwrites it), and the link's answers show at once, with no Python needed to read them.
noteReaderAnswers(document);
noteEarlyAnswersOnPage(document);
const panel = document.querySelector('[data-hb-component="flow-path"]');
if (panel) holdTheView(panel); // from the first change on: filling the forms from the link is one
fillFormsFromLink(document);

onEveryPage(() => mountComponents());
