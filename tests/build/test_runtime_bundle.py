"""The built site carries its own Python runtime, and the lock file vouches for every wheel."""

from __future__ import annotations

import hashlib
import json
import re

import pytest


@pytest.fixture(scope="module")
def pyodide_dir(built_site):
    return built_site / "assets" / "pyodide"


def test_core_runtime_files_are_served_by_the_site(pyodide_dir):
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (pyodide_dir / name).stat().st_size > 0, name


def test_the_pinned_pyodide_is_314_0(pyodide_dir):
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text())
    assert lock["info"]["python"].startswith("3.14")


@pytest.mark.parametrize("package", ["checkers", "tzdata"])
def test_lock_file_sha256_matches_each_wheel(pyodide_dir, package):
    spec = json.loads((pyodide_dir / "pyodide-lock.json").read_text())["packages"][package]
    wheel = pyodide_dir / spec["file_name"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == spec["sha256"]


def test_the_checkers_wheel_holds_every_checker_module_and_no_handbook_tooling(pyodide_dir):
    import zipfile

    from checkers import names

    spec = json.loads((pyodide_dir / "pyodide-lock.json").read_text())["packages"]["checkers"]
    with zipfile.ZipFile(pyodide_dir / spec["file_name"]) as wheel:
        files = wheel.namelist()
    for name in names():
        assert f"checkers/rules/{name.replace('-', '_')}.py" in files
    assert not [
        f for f in files if f.startswith("handbook_tools/") or f.rpartition("/")[2].startswith(("review", "repin"))
    ]


def test_pages_load_the_worker_from_the_site_only(built_site):
    html = (built_site / "qualifying" / "index.html").read_text()
    script = re.search(r'<script[^>]*src="\.\./assets/checkers/client\.js"[^>]*>', html)
    assert script and 'type="module"' in script.group(0)


def test_the_worker_keeps_no_list_of_ops_of_its_own():
    """worker.mjs asks the bridge which ops to answer first (`{"op": "ops"}`): checkers/web/bridge.py's
    table is the one place op names live."""
    from checkers.web import bridge
    from tests.conftest import ROOT

    source = (ROOT / "docs" / "assets" / "checkers" / "worker.mjs").read_text(encoding="utf-8")
    assert {op for op in [*bridge.OPS, "evaluate", "texts", "incident"] if f'"{op}"' in source} == {"ops"}
