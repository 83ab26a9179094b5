"""Write `.br` and `.gz` siblings of the built site's large text and binary assets, as static hosts
(GitLab Pages, nginx `gzip_static`/`brotli_static`) serve them; `serve.py` serves them the same way.

Compression at the highest settings is slow (brotli 11 takes ~40 s on the Pyodide wasm), so every
result is cached under .cache/precompressed/ by the sha256 of the content it compresses: a file
that did not change costs a copy.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "precompressed"
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".xml", ".svg", ".txt", ".map", ".wasm", ".zip", ".whl"}
MIN_SIZE = 1024  # below this the headers cost more than the bytes saved
WORTH_IT = 0.9  # keep a sibling only if it is at most 90% of the original
# Brotli's best setting (11) costs ~4 s per MB here, setting 9 ~0.2 s for ~10% more bytes. Files
# that never change between builds (the pinned Pyodide's) get 11 once and the cache keeps it; so
# does the start-up library (~3.5 MB, on every first visit's path), which changes only when the
# checkers start importing another standard module. Larger files (the rest of the library, rarely
# fetched) get 9, so a build stays quick.
BROTLI_BEST_UP_TO = 4 * 1024 * 1024


def _encoder(suffix: str, data: bytes, unchanging: bool) -> tuple[str, callable]:
    """(cache tag naming the exact settings, function)."""
    if suffix == ".br":
        quality = 11 if unchanging or len(data) <= BROTLI_BEST_UP_TO else 9
        return f"br{quality}", lambda data: brotli.compress(data, quality=quality, lgwin=24)
    # mtime=0: the same bytes on every build
    return "gz9", lambda data: gzip.compress(data, compresslevel=9, mtime=0)


def _cached(data: bytes, tag: str, encode) -> bytes:
    key = CACHE / f"{hashlib.sha256(data).hexdigest()}.{tag}"
    if key.exists():
        return key.read_bytes()
    encoded = encode(data)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = key.with_name(f"{key.name}.{os.getpid()}.partial")
    partial.write_bytes(encoded)
    partial.replace(key)  # atomic: a concurrent build sees all of it or none
    return encoded


def candidates(site_dir: Path):
    for path in sorted(site_dir.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.stat().st_size >= MIN_SIZE:
            yield path


def precompress(site_dir: Path, unchanging=lambda path: False) -> list[Path]:
    """Write the siblings; return the files that got at least one. `unchanging(path)` marks the
    files worth brotli's slowest setting whatever their size."""
    done = []
    for path in candidates(site_dir):
        data = path.read_bytes()
        wrote = False
        for suffix in (".br", ".gz"):
            sibling = path.with_name(path.name + suffix)
            encoded = _cached(data, *_encoder(suffix, data, unchanging(path)))
            if len(encoded) <= WORTH_IT * len(data):
                sibling.write_bytes(encoded)
                shutil.copystat(path, sibling)  # same mtime: Last-Modified agrees whichever is served
                wrote = True
            elif sibling.exists():
                sibling.unlink()
        if wrote:
            done.append(path)
    return done
