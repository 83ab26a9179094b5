"""The fast Python start-up the build prepares: a standard library precompiled by the
pinned Pyodide, split into what the checkers need at start-up and the rest, reachable on demand;
and the precompressed siblings static hosts serve."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import brotli
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.fixture(scope="module")
def pyodide_dir(built_site):
    return built_site / "assets" / "pyodide"


@pytest.fixture(scope="module")
def manifest(pyodide_dir):
    return json.loads((pyodide_dir / "runtime.json").read_text())


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}


def test_the_manifest_vouches_for_both_libraries(pyodide_dir, manifest):
    for part in ("startup", "rest"):
        data = (pyodide_dir / manifest[part]["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == manifest[part]["sha256"], part


def test_the_start_up_library_is_unchecked_bytecode_of_one_python(pyodide_dir, manifest):
    startup = _entries(pyodide_dir / manifest["startup"]["file"])
    assert f"{manifest['boot_module']}.pyc" in startup
    assert "encodings/__init__.pyc" in startup and "json/__init__.pyc" in startup
    modules = {name: data for name, data in startup.items() if name.endswith(".pyc")}
    assert len(modules) == len(startup), "the start-up library holds bytecode only"
    magics = {data[:4] for data in modules.values()}
    assert len(magics) == 1, "compiled by more than one Python"
    # PEP 552 flags 0b01: hash-based and unchecked, so no source is ever looked for.
    assert {int.from_bytes(data[4:8], "little") for data in modules.values()} == {1}


def test_start_up_and_rest_together_hold_the_whole_stock_library(pyodide_dir, manifest):
    stock = {name for name in _entries(pyodide_dir / "python_stdlib.zip") if name.endswith(".py")}
    startup = set(_entries(pyodide_dir / manifest["startup"]["file"]))
    rest = set(_entries(pyodide_dir / manifest["rest"]["file"]))
    assert not startup & rest
    missing = {name for name in stock if name + "c" not in startup | rest and name not in rest}
    assert not missing, sorted(missing)[:10]
    # The finder only fetches the rest for names it holds.
    assert "email.message" in manifest["rest"]["modules"] and "json" not in manifest["rest"]["modules"]


def test_the_checkers_wheel_carries_bytecode_beside_each_source(pyodide_dir):
    spec = json.loads((pyodide_dir / "pyodide-lock.json").read_text())["packages"]["checkers"]
    files = _entries(pyodide_dir / spec["file_name"])
    sources = [name for name in files if name.endswith(".py")]
    assert sources and all(name + "c" in files for name in sources)
    record = next(data for name, data in files.items() if name.endswith(".dist-info/RECORD")).decode()
    listed = {line.split(",")[0] for line in record.splitlines()}
    assert {name for name in files} <= listed


LARGE = [
    "assets/pyodide/pyodide.asm.wasm",
    "assets/pyodide/pyodide.asm.mjs",
    "assets/pyodide/python_startup.zip",
    "assets/pyodide/python_stdlib_rest.zip",
    "search/search_index.json",
    "qualifying/index.html",
]


@pytest.mark.parametrize("path", LARGE)
def test_large_assets_have_br_and_gz_siblings(built_site, path):
    original = built_site / path
    assert (original.parent / (original.name + ".br")).is_file(), path
    assert (original.parent / (original.name + ".gz")).is_file(), path


def test_every_sibling_decompresses_to_the_same_bytes(built_site):
    siblings = sorted(built_site.rglob("*.br")) + sorted(built_site.rglob("*.gz"))
    assert len(siblings) > 20
    for sibling in siblings:
        original = sibling.with_suffix("")
        decode = brotli.decompress if sibling.suffix == ".br" else gzip.decompress
        assert decode(sibling.read_bytes()) == original.read_bytes(), sibling.relative_to(built_site)


@pytest.mark.skipif(not shutil.which("node"), reason="needs Node.js, which the build needs anyway")
def test_the_fast_path_boots_answers_and_loads_the_rest_only_on_demand(pyodide_dir):
    done = subprocess.run(
        ["node", str(HERE / "fast_runtime.mjs"), str(pyodide_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "sha256 does not match" in seen["tampered"]
    from checkers import names

    assert seen["qualification"] == {"outcome": "not-an-emergency", "tzdataImported": False, "tzdataReads": 0}
    assert seen["names"] == names()
    assert seen["crashes"] == {}
    assert seen["tzdataReads"] == 1, "the time-zone checkers got tzdata on demand, once"
    # Every checker answered from the start-up library alone.
    assert seen["restLoadedByCheckers"] is False and seen["restReadsAfterCheckers"] == seen["restReadsBefore"]
    # A name the standard library does not have fails as usual, without fetching anything.
    assert seen["missing"].startswith("ModuleNotFoundError") and seen["restLoadedByMissing"] is False
    # Anything else in the standard library still imports: the rest is fetched once, then used.
    assert seen["email"] == "ok" and seen["encodingsSubmodule"] == "ok" and seen["restLoadedByEmail"] is True
    assert seen["emailFrom"].startswith("/lib/stdlib-rest.zip/")
    assert seen["restReads"] == seen["restReadsBefore"] + 1


def test_checker_pages_start_python_from_the_head_and_others_do_not(built_site):
    import re

    tag = re.compile(r'<script async[^>]*src="\.\./assets/checkers/start-python\.js" data-start-python>')
    qualifying = (built_site / "qualifying" / "index.html").read_text()
    head = qualifying.split("</head>")[0]
    assert tag.search(head), "no early start in a checker page's head"
    assert 'type="module"' not in tag.search(head).group(0), "the starter must be a classic script (no import levels)"
    # Under the policy (which governs it), ahead of every render-blocking file (whose downloads it
    # would otherwise wait behind).
    starter = tag.search(head).start()
    assert head.index("Content-Security-Policy") < starter < head.index('rel="stylesheet"') < head.index("scope.js")
    # The page script stays at the end of the body, where it adopts the worker.
    assert 'src="../assets/checkers/client.js" type="module"' in qualifying.split("</head>")[1]
    assert "data-start-python" not in (built_site / "glossary" / "index.html").read_text()


def _get(url: str, **headers):
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:  # a 304 arrives as an "error" in urllib
        return error.code, error.headers, b""


@pytest.mark.parametrize(("encoding", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_the_preview_server_serves_siblings_with_the_right_type_and_revalidates(site_url, built_site, encoding, decode):
    url = site_url + "assets/pyodide/pyodide.asm.wasm"
    status, headers, body = _get(url, **{"Accept-Encoding": encoding})
    assert status == 200
    # A wrong type for .wasm makes Pyodide hang: the type is the file's, whatever the encoding.
    assert headers["Content-Type"] == "application/wasm" and headers["Content-Encoding"] == encoding
    assert decode(body) == (built_site / "assets" / "pyodide" / "pyodide.asm.wasm").read_bytes()
    status, headers, _ = _get(url, **{"Accept-Encoding": encoding, "If-None-Match": headers["ETag"]})
    assert status == 304


def test_the_preview_server_sends_identity_to_clients_without_compression(site_url, built_site):
    status, headers, body = _get(site_url + "assets/pyodide/pyodide.asm.mjs", **{"Accept-Encoding": "identity"})
    assert status == 200 and "Content-Encoding" not in headers
    assert headers["Content-Type"] == "text/javascript"
    assert body == (built_site / "assets" / "pyodide" / "pyodide.asm.mjs").read_bytes()


@pytest.mark.parametrize(("encoding", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_the_preview_server_compresses_a_directory_urls_index_page(site_url, built_site, encoding, decode):
    # The URL readers open (/paged/, not /paged/index.html) is the one Lighthouse checks.
    status, headers, body = _get(site_url + "paged/", **{"Accept-Encoding": encoding})
    assert status == 200
    assert headers["Content-Encoding"] == encoding and headers["Content-Type"] == "text/html; charset=utf-8"
    assert decode(body) == (built_site / "paged" / "index.html").read_bytes()
    status, _, _ = _get(site_url + "paged/", **{"Accept-Encoding": encoding, "If-None-Match": headers["ETag"]})
    assert status == 304
    # The site's root too.
    status, headers, body = _get(site_url, **{"Accept-Encoding": encoding})
    assert status == 200 and decode(body) == (built_site / "index.html").read_bytes()


def test_the_preview_server_compresses_the_sitemap_it_rewrites(site_url):
    status, headers, body = _get(site_url + "sitemap.xml", **{"Accept-Encoding": "gzip, br"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    # Still rewritten for the origin served, which instant navigation matches links against.
    assert f"<loc>{site_url}paged/</loc>" in gzip.decompress(body).decode()
    status, headers, body = _get(site_url + "sitemap.xml", **{"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in headers and f"<loc>{site_url}</loc>" in body.decode()
