// Run the checkers' unit tests (tests/unit) inside Pyodide under Node.js, from the same npm
// `pyodide` package the site serves, against the wheels given on the command line: the checkers
// wheel as shipped in the built site, tzdata, and pytest with its pure-Python dependencies.
//
//   node tests/pyodide/run_unit_tests.mjs WHEEL... [-- PYTEST-ARGS...]
//
// Prints pytest's report and a PYTEST-OUTCOMES line (tests/pyodide/run_pytest.py); exits non-zero
// when any test fails or nothing ran.
import { loadPyodide } from "pyodide";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PROJECT = "/project"; // the checkout's tests, inside Pyodide's file system
const COPIED = ["pyproject.toml", "tests/__init__.py", "tests/pyodide/__init__.py", "tests/pyodide/run_pytest.py", "tests/unit"];

const args = process.argv.slice(2);
const split = args.indexOf("--");
const wheels = split < 0 ? args : args.slice(0, split);
const pytestArgs = split < 0 ? ["tests/unit"] : args.slice(split + 1);
if (!wheels.length) {
  console.error("usage: node tests/pyodide/run_unit_tests.mjs WHEEL... [-- PYTEST-ARGS...]");
  process.exit(2);
}

const pyodide = await loadPyodide();
// Raw writes, so pytest's progress dots stay on one line.
pyodide.setStdout({ write: (bytes) => { process.stdout.write(bytes); return bytes.length; } });
pyodide.setStderr({ write: (bytes) => { process.stderr.write(bytes); return bytes.length; } });
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const wheel of wheels) {
  // unpackArchive rejects a Node Buffer: hand it a plain Uint8Array.
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
}

function copyIn(relative) {
  const source = path.join(ROOT, relative);
  const target = path.posix.join(PROJECT, relative.split(path.sep).join("/"));
  if (statSync(source).isDirectory()) {
    pyodide.FS.mkdirTree(target);
    for (const name of readdirSync(source)) {
      if (name !== "__pycache__") copyIn(path.join(relative, name));
    }
  } else {
    pyodide.FS.mkdirTree(path.posix.dirname(target));
    pyodide.FS.writeFile(target, readFileSync(source));
  }
}
COPIED.forEach(copyIn);

pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const exitCode = pyodide.runPython(`
import importlib, os, sys
os.chdir(${JSON.stringify(PROJECT)})
sys.path.insert(0, ${JSON.stringify(PROJECT)})
importlib.invalidate_caches()
from tests.pyodide.run_pytest import run
run(list(pytest_args))
`);
// Exit only once stdout is flushed: a pipe takes 64 KiB at a time, and the outcomes line is longer.
process.stdout.write("", () => process.exit(exitCode));
