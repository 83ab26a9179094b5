// One Python runtime for the whole visit, off the main thread. The page posts requests and
// renders the replies; every decision is made by the `checkers` package inside Pyodide.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
const started = performance.now();

const ready = (async () => {
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL: indexURL + "pyodide-lock.json", // ours: lists the checkers and tzdata wheels with their sha256
    stdout: () => {},
    stderr: (text) => console.warn(text),
  });
  // loadPackage checks each wheel against the sha256 in the lock file before installing it.
  await pyodide.loadPackage(["checkers", "tzdata"], { messageCallback: () => {} });
  return pyodide.pyimport("checkers.bridge").handle;
})();

ready.then(
  () => postMessage({ type: "ready", ms: Math.round(performance.now() - started) }),
  (error) => postMessage({ type: "failed", message: String(error && error.message ? error.message : error) }),
);

onmessage = async ({ data }) => {
  const { id, request } = data;
  let reply;
  try {
    const handle = await ready;
    reply = JSON.parse(handle(JSON.stringify(request)));
  } catch (error) {
    reply = { ok: false, error: { field: null, message: String(error && error.message ? error.message : error) } };
  }
  postMessage({ type: "reply", id, reply });
};
