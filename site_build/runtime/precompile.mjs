// Build-time only: run the pinned Pyodide (node_modules/pyodide) under Node to compile Python to
// bytecode for that exact interpreter, and to trace which standard-library modules the checkers
// import. Driven by site_build/finish/pyodide_bundle.py; every path is a host path.
//
//   node precompile.mjs stdlib <pyodide-dir> <out.zip>
//   node precompile.mjs checkers <pyodide-dir> <full-pyc-stdlib.zip> <out-dir> <checkers.whl> <boot.py> [<wheel>...]
//     writes <out-dir>/<checkers.whl> with bytecode and <out-dir>/<boot>.pyc, then boots from the
//     precompiled library with the wheels on sys.path, runs every checker, and prints (last line)
//     the JSON list of standard-library files now imported.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [command, pyodideDir, ...rest] = process.argv.slice(2);
const here = new URL(".", import.meta.url);
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
const tasks = readFileSync(new URL("in_pyodide.py", here), "utf8");
const quiet = { stdout: () => {}, stderr: (text) => process.stderr.write(text + "\n") };

async function boot(options = {}) {
  const pyodide = await loadPyodide({ indexURL: resolve(pyodideDir) + "/", ...quiet, ...options });
  pyodide.runPython(tasks, { globals: pyodide.globals });
  return pyodide;
}

function call(pyodide, name, ...args) {
  return pyodide.globals.get(name)(...args);
}

if (command === "stdlib") {
  const [out] = rest;
  const pyodide = await boot();
  const version = pyodide.runPython("import sys; f'{sys.version_info[0]}{sys.version_info[1]}'");
  const stdlib = `/lib/python${version}.zip`;
  const summary = call(pyodide, "compile_stdlib", stdlib, "/tmp/stdlib-pyc.zip", stdlib + "/");
  writeFileSync(out, pyodide.FS.readFile("/tmp/stdlib-pyc.zip"));
  process.stdout.write(summary + "\n");
} else if (command === "checkers") {
  const [fullStdlib, outDir, wheelIn, bootModule, ...otherWheels] = rest;
  const pyodide = await boot({ stdLibURL: resolve(fullStdlib) });
  const wheelOut = join(outDir, basename(wheelIn));
  pyodide.FS.mkdirTree("/tmp/in");
  pyodide.FS.writeFile("/tmp/in/" + basename(wheelIn), readFileSync(wheelIn));
  call(pyodide, "compile_wheel", "/tmp/in/" + basename(wheelIn), "/tmp/" + basename(wheelOut));
  writeFileSync(wheelOut, pyodide.FS.readFile("/tmp/" + basename(wheelOut)));
  const bootName = basename(bootModule).replace(/\.py$/, "");
  writeFileSync(join(outDir, bootName + ".pyc"), call(pyodide, "bytecode", readFileSync(bootModule, "utf8"), bootName + ".py").toJs());
  // Mounted the way the browser mounts them: each wheel is a zip on sys.path.
  const sys = pyodide.pyimport("sys");
  pyodide.FS.mkdirTree("/lib/wheels");
  for (const wheel of [wheelOut, ...otherWheels]) {
    pyodide.FS.writeFile("/lib/wheels/" + basename(wheel), readFileSync(wheel));
    sys.path.append("/lib/wheels/" + basename(wheel));
  }
  pyodide.FS.writeFile("/lib/wheels/" + basename(bootModule), readFileSync(bootModule));
  sys.path.append("/lib/wheels");
  pyodide.pyimport(bootName);
  const version = pyodide.runPython("import sys; f'{sys.version_info[0]}{sys.version_info[1]}'");
  process.stdout.write(call(pyodide, "trace_imports", `/lib/python${version}.zip/`) + "\n");
} else {
  process.stderr.write(`unknown command ${command}\n`);
  process.exit(2);
}
