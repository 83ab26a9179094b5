"""The yardstick: a bare page that boots *stock* Pyodide from the same npm package the site uses
and runs `1+1`. Served by the benchmark beside the site (it is not part of the site), compressed
the same way, so both are measured on the same server under the same conditions."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_build.finish import precompress
from site_build.finish.pyodide_bundle import PYODIDE_NPM

FOLDER = "_benchmark-stock-pyodide"
# What stock loadPyodide() fetches from its indexURL, nothing more.
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stock Pyodide: 1+1</title>
<script type="module" src="stock.mjs"></script></head>
<body><p>Stock Pyodide, booted the documented way, runs <code>1+1</code>.</p></body></html>
"""

SCRIPT = """import { loadPyodide } from "./pyodide/pyodide.mjs";

const pyodide = await loadPyodide();
window.__stockAnswer = pyodide.runPython("1+1");
window.__stockDone = performance.now();
"""


def add_stock_page(served_dir: Path) -> str:
    """Write the stock page into the served folder; return its path below the server's root."""
    folder = served_dir / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "pyodide").mkdir(parents=True)
    for name in FILES:
        shutil.copy2(PYODIDE_NPM / name, folder / "pyodide" / name)
    (folder / "index.html").write_text(PAGE)
    (folder / "stock.mjs").write_text(SCRIPT)
    precompress.precompress(folder, unchanging=lambda path: path.name in FILES)
    return FOLDER + "/"
