// Boot the built site's fast path under Node the way worker.mjs boots it in the browser: the
// precompiled start-up library, the rest of the standard library behind the on-demand finder
// (read from disk here instead of a synchronous request), the wheels imported from their zips.
// Prints one JSON object of observations for tests/build/test_fast_runtime.py.
//   node fast_runtime.mjs <site>/assets/pyodide
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = resolve(process.argv[2]);
const { loadPyodide } = await import(pathToFileURL(join(dir, "pyodide.mjs")).href);
const manifest = JSON.parse(readFileSync(join(dir, "runtime.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8"));
const reads = {};
const fetchSync = (url) => {
  const file = url.split("/").pop();
  reads[file] = (reads[file] || 0) + 1;
  return new Uint8Array(readFileSync(join(dir, file)));
};
const restReads = () => reads[manifest.rest.file] || 0;

const pyodide = await loadPyodide({
  indexURL: dir + "/", stdLibURL: join(dir, manifest.startup.file), lockFileContents: lock, packageBaseUrl: dir + "/",
  stdout: () => {}, stderr: (text) => process.stderr.write(text + "\n"),
});
const runtime = pyodide.pyimport(manifest.boot_module);
pyodide.FS.mkdirTree("/lib/wheels");
for (const name of manifest.packages) {
  const file = lock.packages[name].file_name;
  pyodide.FS.writeFile(`/lib/wheels/${file}`, readFileSync(join(dir, file)));
  runtime.mount(`/lib/wheels/${file}`);
}
const observe = pyodide.runPython(`
import json, sys
observations = {}
def attempt(statement):
    try:
        exec(statement, {})
        return "ok"
    except Exception as error:
        return f"{type(error).__name__}: {error}"
observations["startup_imports"] = sorted(m for m in sys.modules if m.split(".")[0] in ("email", "decimal", "xml"))
json.dumps(observations)
`);
const result = JSON.parse(observe);

// A rest library whose sha256 does not match is refused.
const wrong = runtime.install(manifest.rest.modules, "file:///" + manifest.rest.file, "0".repeat(64), fetchSync, "/lib/stdlib-rest.zip");
result.tampered = pyodide.runPython(`attempt("import email.message")`);
pyodide.runPython("import sys; sys.meta_path.pop()");
wrong.destroy();

const finder = runtime.install(manifest.rest.modules, "file:///" + manifest.rest.file, manifest.rest.sha256, fetchSync, "/lib/stdlib-rest.zip");
for (const [name, modules] of Object.entries(manifest.on_demand)) {
  const spec = lock.packages[name];
  runtime.install(modules, "file:///" + spec.file_name, spec.sha256, fetchSync, `/lib/wheels/${spec.file_name}`);
}
result.restReadsBefore = restReads();
// A checker that needs no time zone answers without the time-zone database being fetched.
result.qualification = JSON.parse(pyodide.runPython(`
from checkers.web.bridge import handle
reply = json.loads(handle(json.dumps({"op": "form", "name": "qualification", "answers": {"production_unusable": "no", "exception_criteria": "no"}})))
json.dumps({"outcome": reply["result"]["outcome"], "tzdataImported": "tzdata" in sys.modules})
`));
result.qualification.tzdataReads = reads[lock.packages.tzdata.file_name] || 0;
const checkers = JSON.parse(pyodide.runPython(`
names = json.loads(handle(json.dumps({"op": "names"})))["result"]
replies = {name: json.loads(handle(json.dumps({"op": "form", "name": name, "answers": {}}))) for name in names}
json.dumps({"names": names, "errors": {n: r["error"]["message"] for n, r in replies.items() if not r["ok"] and r["error"]["field"] is None}})
`));
result.names = checkers.names;
result.crashes = checkers.errors;
result.restLoadedByCheckers = finder.loaded;
result.restReadsAfterCheckers = restReads();
result.tzdataReads = reads[lock.packages.tzdata.file_name] || 0;
result.missing = pyodide.runPython(`attempt("import no_such_module_anywhere")`);
result.restLoadedByMissing = finder.loaded;
result.email = pyodide.runPython(`attempt("import email.message; email.message.EmailMessage()")`);
result.encodingsSubmodule = pyodide.runPython(`attempt("import encodings.cp1252")`);
result.restLoadedByEmail = finder.loaded;
result.emailFrom = pyodide.runPython(`import email.message; email.message.__spec__.origin`);
result.restReads = restReads();
process.stdout.write(JSON.stringify(result) + "\n");
