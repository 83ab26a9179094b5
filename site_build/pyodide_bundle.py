"""Put a self-hosted Python runtime into the built site: the core of the pinned npm `pyodide`
package, the `checkers` wheel built from this repo, the `tzdata` wheel, and a `pyodide-lock.json`
made by pyodide-build's lockfile tooling so the browser checks each wheel's sha256.

The result is cached by the hash of its inputs: an unchanged package costs a copy, not a rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Pinned to the version Pyodide's own lock file names, so the sha256 can be checked against it.
TZDATA = "tzdata==2025.3"
RUNTIME_PACKAGES = ("checkers", "tzdata")


class BundleError(RuntimeError):
    pass


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    paths = sorted((ROOT / "checkers").rglob("*.py")) + [ROOT / "pyproject.toml", PYODIDE_NPM / "package.json"]
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(TZDATA.encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _run(*argv: str, cwd: Path = ROOT) -> None:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise BundleError(f"{' '.join(argv)} failed:\n{done.stdout}\n{done.stderr}")


def _tzdata_wheel() -> Path:
    wheels = CACHE / "wheels"
    version = TZDATA.split("==")[1]
    found = sorted(wheels.glob(f"tzdata-{version}-*.whl"))
    if not found:
        _run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:", "-d", str(wheels), TZDATA)
        found = sorted(wheels.glob(f"tzdata-{version}-*.whl"))
    return found[0]


def _checkers_wheel(into: Path) -> Path:
    # A fresh directory every time: a stale build tree must never smuggle deleted modules in.
    _run(sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(into))
    return next(into.glob("checkers-*.whl"))


def _pyodide_cli() -> str:
    candidate = Path(sys.executable).with_name("pyodide")
    return str(candidate) if candidate.exists() else "pyodide"


def _closure(packages: dict, roots: tuple[str, ...]) -> set[str]:
    keep, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            todo.extend(packages[name]["depends"])
    return keep


def _build(out: Path) -> None:
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = _checkers_wheel(Path(tmp))
        wheels = [shutil.copy2(wheel, out / wheel.name), shutil.copy2(_tzdata_wheel(), out)]
        full_lock = Path(tmp) / "pyodide-lock.json"
        _run(
            _pyodide_cli(), "lockfile", "add-wheels",
            "--input", str(PYODIDE_NPM / "pyodide-lock.json"),
            "--output", str(full_lock),
            "--base-path", str(out),
            *map(str, wheels),
        )
        lock = json.loads(full_lock.read_text())
    # The browser downloads the lock file at every cold start: keep only what the site can load.
    keep = _closure(lock["packages"], RUNTIME_PACKAGES)
    lock["packages"] = {name: spec for name, spec in lock["packages"].items() if name in keep}
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    for name in CORE_FILES:
        shutil.copy2(PYODIDE_NPM / name, out / name)


def bundle(site_dir: Path) -> Path:
    """Write assets/pyodide/ into the built site and return that folder."""
    if not (PYODIDE_NPM / "pyodide.asm.wasm").exists():
        raise BundleError("node_modules/pyodide is missing: run `npm ci` (the README's commands do it for you)")
    cached = CACHE / "pyodide-bundle" / _inputs_digest()
    if not (cached / "pyodide-lock.json").exists():
        # Build beside the cache and rename into place, so two builds at once never see half a bundle.
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        _build(partial)
        try:
            partial.rename(cached)
        except OSError:  # another build got there first with the same inputs
            shutil.rmtree(partial, ignore_errors=True)
    target = site_dir / "assets" / "pyodide"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(cached, target)
    return target
