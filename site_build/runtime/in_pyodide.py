"""Build-time tasks that run *inside* the pinned Pyodide under Node (see precompile.mjs), so the
bytecode they write has exactly the magic number and the opcodes the browser's Python expects.

Not imported by CPython: `precompile.mjs` runs this file in Pyodide and calls its functions.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# Entries get a fixed timestamp and order, so the same inputs give byte-identical zips (stable
# sha256, cacheable) wherever and whenever they are built.
EPOCH = (1980, 1, 1, 0, 0, 0)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, EPOCH)
    info.external_attr = 0o644 << 16
    return info


def bytecode(source: bytes | str, filename: str) -> bytes:
    """An *unchecked* hash-based .pyc: Python uses it without looking for the source's mtime."""
    if isinstance(source, str):
        source = source.encode()
    code = compile(source, filename, "exec", dont_inherit=True)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def compile_stdlib(source_zip: str, target_zip: str, prefix: str) -> str:
    """Every module of the standard library zip as sourceless .pyc, stored uncompressed (the
    server's brotli does better on raw bytecode than zip's deflate, and nothing is inflated at
    import time). Files that are not Python are kept as they are."""
    kept = compiled = 0
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(target_zip, "w", zipfile.ZIP_STORED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            data = source.read(info)
            if info.filename.endswith(".py"):
                try:
                    target.writestr(_entry(info.filename[:-3] + ".pyc"), bytecode(data, prefix + info.filename))
                    compiled += 1
                    continue
                except SyntaxError:
                    pass  # kept as source: Python reports the error if anyone imports it
            target.writestr(_entry(info.filename), data)
            kept += 1
    return json.dumps({"compiled": compiled, "kept": kept})


def compile_wheel(source_wheel: str, target_wheel: str) -> str:
    """The wheel with a .pyc beside each .py (legacy layout, which zipimport reads), and a RECORD
    that lists them. The sources stay for tracebacks and for the plain `loadPackage` boot.
    Entries are stored, not deflated: the server's brotli compresses the whole file better, and
    the browser imports straight from the zip without inflating anything."""
    import base64
    import hashlib

    def record_hash(data: bytes) -> str:
        return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

    files: dict[str, bytes] = {}
    record_name = None
    with zipfile.ZipFile(source_wheel) as source:
        for info in source.infolist():
            if info.is_dir():
                continue
            if info.filename.endswith(".dist-info/RECORD"):
                record_name = info.filename
                continue
            files[info.filename] = data = source.read(info)
            if info.filename.endswith(".py"):
                files[info.filename[:-3] + ".pyc"] = bytecode(data, info.filename)
    if record_name is None:
        raise ValueError(f"{source_wheel}: no RECORD")
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in sorted(files.items()))
    files[record_name] = (record + f"{record_name},,\n").encode()
    with zipfile.ZipFile(target_wheel, "w", zipfile.ZIP_STORED) as target:
        for name, data in sorted(files.items()):
            target.writestr(_entry(name), data)
    return json.dumps({"files": len(files)})


def _sample_answers(schema: dict) -> list[dict]:
    """A few answer sets per checker: none, and every question answered with its first option or a
    plausible value, so the modules a real answer touches are imported (and traced)."""
    filled = {}
    for question in schema["questions"]:
        kind = question["kind"]
        if question.get("options"):
            filled[question["id"]] = question["options"][0]["value"]
        elif kind == "boolean":
            filled[question["id"]] = True
        elif kind == "datetime":
            filled[question["id"]] = "2024-03-09T22:15+11:00"
        elif kind == "date":
            filled[question["id"]] = "2024-03-09"
        elif kind == "date-list":
            filled[question["id"]] = ["2024-03-09"]
        elif kind == "url":
            filled[question["id"]] = "https://gitlab.com/gitlab-org/gitlab/-/issues/1"
        else:
            filled[question["id"]] = "example"
    return [{}, filled]


def trace_imports(stdlib_prefix: str) -> str:
    """Exercise the checkers as the page does, then list the standard library modules now loaded:
    those go into the start-up library, the rest stays reachable on demand."""
    from checkers.web.bridge import handle  # what the worker imports; the CLI is never loaded there

    names = json.loads(handle(json.dumps({"op": "names"})))["result"]
    for name in names:
        schema = json.loads(handle(json.dumps({"op": "schema", "name": name})))
        if not schema.get("ok"):
            continue
        for answers in _sample_answers(schema["result"]):
            handle(json.dumps({"op": "form", "name": name, "answers": answers}))
    files = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
        if isinstance(origin, str) and origin.startswith(stdlib_prefix):
            files.add(origin[len(stdlib_prefix) :])
    return json.dumps(sorted(files))
