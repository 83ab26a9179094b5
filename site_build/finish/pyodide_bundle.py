"""Put a self-hosted Python runtime into the built site, made only from the pinned npm `pyodide`
package, this repo's `checkers` wheel and the pinned `tzdata` wheel:

- the stock core (pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip): the plain
  boot, which the worker falls back to;
- the fast path: the standard library compiled to bytecode *by that same Pyodide* under Node
  (runtime/precompile.mjs), split into a start-up library (only what Pyodide's boot and the
  checkers import, traced at build time) and the rest (fetched only if something imports it);
  the checkers wheel carries bytecode too;
- `pyodide-lock.json`, made by pyodide-build's lockfile tooling, so every wheel is checked against
  its sha256 whichever way it is loaded, and `runtime.json`, the fast path's manifest (the
  libraries' sha256, the rest library's module names, which wheels are mounted at start and which
  only when imported).

Each expensive step is cached under .cache/ by the digest of its inputs: an unchanged package costs
a copy, and compiling the standard library happens once per Pyodide version.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache"
RUNTIME = Path(__file__).resolve().parents[1] / "runtime"
PRECOMPILE = RUNTIME / "precompile.mjs"
BOOT_MODULE = RUNTIME / "_handbook_runtime.py"
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
STARTUP_LIBRARY = "python_startup.zip"
REST_LIBRARY = "python_stdlib_rest.zip"
MANIFEST = "runtime.json"
# Pinned to the version Pyodide's own lock file names, so the sha256 can be checked against it.
TZDATA = "tzdata==2025.3"
RUNTIME_PACKAGES = ("checkers", "tzdata")
# Fetched by the fast path only when something imports them: only time-zone checkers need tzdata.
ON_DEMAND_PACKAGES = ("tzdata",)
# Always in the start-up library, whatever the trace says: getpath's landmark for the library.
ALWAYS_AT_STARTUP = ("os.pyc",)
EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed entry dates: the same inputs give byte-identical zips


class BundleError(RuntimeError):
    pass


def _digest(paths, *extra: str) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    for text in extra:
        digest.update(text.encode())
    return digest.hexdigest()[:16]


def _toolchain() -> list[Path]:
    return [PYODIDE_NPM / "package.json", PRECOMPILE, RUNTIME / "in_pyodide.py"]


def _inputs_digest() -> str:
    checkers = sorted((ROOT / "checkers").rglob("*.py"))
    return _digest([*checkers, ROOT / "pyproject.toml", *_toolchain(), BOOT_MODULE, Path(__file__)], TZDATA)


def _run(*argv: str, cwd: Path = ROOT) -> str:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        # Node prints the whole minified line of a failing module: keep the end, where the error is.
        raise BundleError(f"{' '.join(argv)} failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise BundleError("Node.js is needed to precompile the Python standard library (https://nodejs.org)")
    return node


def _cached_file(kind: str, key: str, make) -> Path:
    """A file in .cache/<kind>/<key>, made by make(path) once; written atomically."""
    target = CACHE / kind / key
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        make(partial)
        partial.replace(target)
    return target


def _precompiled_stdlib() -> Path:
    """The whole standard library as bytecode, compiled by the pinned Pyodide: once per version."""
    return _cached_file(
        "pyodide-stdlib",
        _digest(_toolchain()) + ".zip",
        lambda out: _run(_node(), str(PRECOMPILE), "stdlib", str(PYODIDE_NPM), str(out)),
    )


def _tzdata_wheel() -> Path:
    wheels = CACHE / "wheels"
    version = TZDATA.split("==")[1]
    found = sorted(wheels.glob(f"tzdata-{version}-*.whl"))
    if not found:
        _run(
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-d",
            str(wheels),
            TZDATA,
        )
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


def _module_name(entry: str) -> str | None:
    if not entry.endswith((".pyc", ".py")):
        return None
    name = entry.rsplit(".", 1)[0].replace("/", ".")
    return name.removesuffix(".__init__")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # brotli on the wire does better
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, EPOCH)
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def split_library(full: Path, imported: set[str], extra: dict[str, bytes]) -> tuple[bytes, bytes, list[str]]:
    """(start-up library, rest library, the rest's module names). The start-up library holds the
    traced modules with every package above them, plus `extra` (the boot module)."""
    with zipfile.ZipFile(full) as archive:
        everything = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    wanted = set(imported) | set(ALWAYS_AT_STARTUP)
    for entry in list(wanted):
        parts = entry.split("/")[:-1]
        wanted.update("/".join(parts[: i + 1]) + "/__init__.pyc" for i in range(len(parts)))
    startup = {name: data for name, data in everything.items() if name in wanted}
    rest = {name: data for name, data in everything.items() if name not in wanted}
    modules = sorted({m for m in map(_module_name, rest) if m})
    return _zip({**startup, **extra}), _zip(rest), modules


def top_level_modules(wheel: Path) -> list[str]:
    """What a wheel makes importable at the top: its packages and single-file modules."""
    with zipfile.ZipFile(wheel) as archive:
        names = {
            n.split("/")[0].removesuffix(".py")
            for n in archive.namelist()
            if n.endswith(".py") and ".dist-info/" not in n and ".data/" not in n
        }
    return sorted(names)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _build(out: Path) -> None:
    out.mkdir(parents=True)
    full = _precompiled_stdlib()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source_wheel = _checkers_wheel(tmp / "source")
        compiled = tmp / "compiled"
        compiled.mkdir()
        tzdata = _tzdata_wheel()
        # Compile the checkers wheel, then boot from the precompiled library with the wheels
        # mounted as the browser mounts them, run every checker, and list what got imported.
        trace = _run(
            _node(),
            str(PRECOMPILE),
            "checkers",
            str(PYODIDE_NPM),
            str(full),
            str(compiled),
            str(source_wheel),
            str(BOOT_MODULE),
            str(tzdata),
        )
        imported = set(json.loads(trace.strip().splitlines()[-1]))
        wheel = compiled / source_wheel.name
        boot_pyc = (compiled / (BOOT_MODULE.stem + ".pyc")).read_bytes()
        wheels = [shutil.copy2(wheel, out / wheel.name), shutil.copy2(tzdata, out)]
        full_lock = tmp / "pyodide-lock.json"
        _run(
            _pyodide_cli(),
            "lockfile",
            "add-wheels",
            "--input",
            str(PYODIDE_NPM / "pyodide-lock.json"),
            "--output",
            str(full_lock),
            "--base-path",
            str(out),
            *map(str, wheels),
        )
        lock = json.loads(full_lock.read_text())
    # The browser downloads the lock file at every cold start: keep only what the site can load.
    keep = _closure(lock["packages"], RUNTIME_PACKAGES)
    lock["packages"] = {name: spec for name, spec in lock["packages"].items() if name in keep}
    (out / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    for name in CORE_FILES:
        shutil.copy2(PYODIDE_NPM / name, out / name)

    startup, rest, rest_modules = split_library(full, imported, {BOOT_MODULE.stem + ".pyc": boot_pyc})
    (out / STARTUP_LIBRARY).write_bytes(startup)
    (out / REST_LIBRARY).write_bytes(rest)
    manifest = {
        "python": lock["info"]["python"],
        "boot_module": BOOT_MODULE.stem,
        "startup": {"file": STARTUP_LIBRARY, "sha256": _sha256(startup)},
        "rest": {"file": REST_LIBRARY, "sha256": _sha256(rest), "modules": rest_modules},
        "packages": [name for name in RUNTIME_PACKAGES if name not in ON_DEMAND_PACKAGES],
        "on_demand": {
            name: top_level_modules(out / lock["packages"][name]["file_name"]) for name in ON_DEMAND_PACKAGES
        },
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1))


def bundle(site_dir: Path) -> Path:
    """Write assets/pyodide/ into the built site and return that folder."""
    if not (PYODIDE_NPM / "pyodide.asm.wasm").exists():
        raise BundleError("node_modules/pyodide is missing: run `npm ci` (the README's commands do it for you)")
    cached = CACHE / "pyodide-bundle" / _inputs_digest()
    if not (cached / MANIFEST).exists():
        # Build beside the cache and rename into place, so two builds at once never see half a bundle.
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        _build(partial)
        try:
            partial.rename(cached)
        except OSError:  # another build got there first with the same inputs
            shutil.rmtree(partial, ignore_errors=True)
    os.utime(cached)  # most recently used: kept by _prune
    _prune(cached.parent)
    target = site_dir / "assets" / "pyodide"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(cached, target)
    return target


KEEP_BUNDLES = 6  # each is ~30 MB; every change to checkers/ makes a new one


def _prune(folder: Path) -> None:
    bundles = sorted(
        (p for p in folder.iterdir() if p.is_dir() and "." not in p.name), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in bundles[KEEP_BUNDLES:]:
        shutil.rmtree(old, ignore_errors=True)


def unchanging(path: Path) -> bool:
    """The pinned Pyodide's own files: the same bytes on every build (for precompress)."""
    return path.parent.name == "pyodide" and path.name in CORE_FILES
