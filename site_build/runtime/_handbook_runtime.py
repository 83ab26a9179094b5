"""Shipped in the start-up library of the site's Python (see site_build/finish/pyodide_bundle.py).

The start-up library holds, precompiled, only the standard-library modules that Pyodide's boot
and the checkers import. Everything else stays importable: the first import of a module that
lives in an archive not yet fetched (the rest of the standard library, also precompiled from the
same pinned Pyodide; the tzdata wheel, which only time-zone checkers need) fetches that archive,
checks its sha256 against the one the build recorded, and imports from it from then on.

A memory snapshot of the runtime (docs/assets/checkers/worker.mjs) holds Python's memory, not the
worker's: no JavaScript function may be referenced from it (`detach`), and the files written into
Pyodide's file system are gone when it is restored (`attach` writes back those of the archives
already fetched).
"""

from __future__ import annotations

import hashlib
import os
import sys
import zipimport


class OnDemandArchive:
    """A meta path finder, consulted last: only for modules the archives already loaded lack."""

    def __init__(self, modules, url: str, sha256: str, fetch_sync, path: str) -> None:
        # Dotted names the archive holds. For a wheel its top-level packages are enough: their
        # submodules are found through the package's __path__, inside the archive.
        self.modules = frozenset(modules)
        self.url, self.sha256, self.fetch_sync, self.path = url, sha256, fetch_sync, path
        self.loaded = False

    def _load(self) -> None:
        self._write()
        sys.path.append(self.path)
        self.loaded = True

    def _write(self) -> None:
        if self.fetch_sync is None:
            raise ImportError(f"{self.url}: the runtime is detached (a memory snapshot is being made)")
        data = self.fetch_sync(self.url).to_bytes()  # synchronous: allowed in a worker
        if hashlib.sha256(data).hexdigest() != self.sha256:
            raise ImportError(f"{self.url}: sha256 does not match the one the build recorded")
        with open(self.path, "wb") as file:
            file.write(data)

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.modules:
            return None  # not in this archive: let the import go on, and fail as usual
        if not self.loaded:
            self._load()
        package = fullname.rpartition(".")[0]
        where = self.path + "/" + (package.replace(".", "/") + "/" if package else "")
        return zipimport.zipimporter(where).find_spec(fullname)

    def invalidate_caches(self) -> None:
        pass


def install(modules, url: str, sha256: str, fetch_sync, path: str) -> OnDemandArchive:
    finder = OnDemandArchive(modules, url, sha256, fetch_sync, path)
    sys.meta_path.append(finder)
    return finder


def _archives() -> list[OnDemandArchive]:
    return [finder for finder in sys.meta_path if isinstance(finder, OnDemandArchive)]


def detach() -> None:
    """Drop the references to the worker's fetch function, so that a memory snapshot holds none."""
    for finder in _archives():
        finder.fetch_sync = None


def attach(fetch_sync) -> None:
    """Give the archives the worker's fetch function again, and write back the archives fetched
    before a snapshot was made, which a restored runtime's empty file system lacks."""
    for finder in _archives():
        finder.fetch_sync = fetch_sync
        if finder.loaded and not os.path.exists(finder.path):
            finder._write()


def mount(path: str) -> None:
    """A pure-Python wheel is a zip: on sys.path it is importable as it is, nothing to unpack."""
    if path not in sys.path:
        sys.path.append(path)
