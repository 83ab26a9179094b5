"""The checkers' unit tests pass inside Pyodide (under Node.js, from the npm package the site
serves, with the checkers wheel the site ships) exactly as they pass on CPython: the same tests,
the same outcomes. The browser gives readers the decisions the tests vouch for."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT

from .run_pytest import MARK
from .wheels import ensure_wheels

RUNNER = ROOT / "tests" / "pyodide" / "run_unit_tests.mjs"


def outcomes(done: subprocess.CompletedProcess) -> dict:
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    assert lines, f"no outcomes reported (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return json.loads(lines[-1][len(MARK) :])


@pytest.fixture(scope="module")
def shipped_wheels(built_site) -> list:
    bundle = built_site / "assets" / "pyodide"
    wheels = sorted(bundle.glob("checkers-*.whl")) + sorted(bundle.glob("tzdata-*.whl"))
    assert len(wheels) == 2, f"the site should ship one checkers and one tzdata wheel: {wheels}"
    return wheels


def test_unit_tests_pass_inside_pyodide_as_on_cpython(shipped_wheels):
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js is needed for the Pyodide parity tests (https://nodejs.org)")
    runs = {  # side by side: the two runs do not depend on each other
        "pyodide": subprocess.Popen(
            [node, str(RUNNER), *map(str, ensure_wheels()), *map(str, shipped_wheels)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        "cpython": subprocess.Popen(
            [sys.executable, "-m", "tests.pyodide.run_pytest", "tests/unit"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    }
    done = {}
    for where, process in runs.items():
        stdout, stderr = process.communicate(timeout=900)
        done[where] = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    in_pyodide, on_cpython = done["pyodide"], done["cpython"]
    pyodide, cpython = outcomes(in_pyodide), outcomes(on_cpython)
    assert cpython["exit"] == 0, on_cpython.stdout[-3000:]
    failed = {test: outcome for test, outcome in pyodide["outcomes"].items() if outcome != "passed"}
    assert failed == {}, in_pyodide.stdout[-3000:]
    assert pyodide["outcomes"] == cpython["outcomes"]  # the same tests, each with the same outcome
    assert in_pyodide.returncode == 0 and len(pyodide["outcomes"]) > 100


def test_no_unit_test_needs_what_pyodide_lacks():
    """Hypothesis ships a native extension Pyodide cannot load: property tests go to tests/properties."""
    uses = re.compile(r"^\s*(import|from) hypothesis\b|importorskip\(\s*[\"']hypothesis", re.MULTILINE)
    offenders = [p.name for p in (ROOT / "tests" / "unit").glob("*.py") if uses.search(p.read_text(encoding="utf-8"))]
    assert offenders == [], "move hypothesis tests to tests/properties/ (CPython only)"
