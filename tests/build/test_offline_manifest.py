"""The offline copy's manifest (site_build/finish/offline.py): every file of the build with its sha256
and size, a build id that changes exactly when a page or an asset does, and every page naming it."""

from __future__ import annotations

import hashlib
import json
import re

from site_build.finish import offline
from site_build.finish.csp import META as CSP_META
from tests.browser.helpers import page_paths

PAGE = '<!doctype html><html><head><meta charset="utf-8">{csp}<title>t</title></head><body>{body}</body></html>'


def write_site(root, body="hello"):
    (root / "assets" / "pyodide").mkdir(parents=True)
    (root / "index.html").write_text(PAGE.format(csp=CSP_META, body=body))
    (root / "index.html.gz").write_bytes(b"a sibling")
    (root / "assets" / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (root / "assets" / "bundle.min.js.map").write_text("{}")
    (root / "sitemap.xml").write_text("<urlset/>")
    return root


def test_kinds():
    assert offline.kind_of("about/index.html") == "page"
    assert offline.kind_of("404.html") == "page"
    assert offline.kind_of("assets/pyodide/checkers-0.1.0-py3-none-any.whl") == "asset"
    assert offline.kind_of("search/search_index.json") == "asset"
    assert offline.kind_of("sitemap.xml") == "host"
    assert offline.kind_of("assets/javascripts/bundle.a5f9d56c.min.js.map") == "skip"
    assert offline.kind_of("assets/javascripts/lunr/min/lunr.de.min.js") == "skip"


def test_the_manifest_lists_files_not_their_siblings_and_pages_name_the_build(tmp_path):
    site = write_site(tmp_path)
    manifest = offline.make_manifest(site)
    assert set(manifest["files"]) == {
        "index.html",
        "assets/pyodide/pyodide.asm.wasm",
        "assets/bundle.min.js.map",
        "sitemap.xml",
    }
    html = (site / "index.html").read_text()
    assert offline.page_build(html) == manifest["build"]
    # After the policy, which must stay the first thing after the charset.
    assert html.index(CSP_META) < html.index('name="handbook-build"')
    entry = manifest["files"]["index.html"]
    assert entry == {"sha256": hashlib.sha256(html.encode()).hexdigest(), "size": len(html.encode()), "kind": "page"}


def test_the_build_id_changes_with_a_page_or_an_asset_only(tmp_path):
    first = offline.make_manifest(write_site(tmp_path / "a"))["build"]
    assert offline.make_manifest(write_site(tmp_path / "b"))["build"] == first  # same sources, same id
    changed_page = offline.make_manifest(write_site(tmp_path / "c", body="changed"))["build"]
    assert changed_page != first
    site = write_site(tmp_path / "d")
    (site / "sitemap.xml").write_text("<urlset><lastmod>another day</lastmod></urlset>")
    (site / "assets" / "bundle.min.js.map").write_text('{"other": 1}')
    assert offline.make_manifest(site)["build"] == first  # a new date in the sitemap is no new version
    site = write_site(tmp_path / "e")
    (site / "assets" / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm2")
    assert offline.make_manifest(site)["build"] != first


def test_stamping_twice_keeps_one_tag():
    html = PAGE.format(csp="", body="x")
    twice = offline.stamp_page(offline.stamp_page(html, "aaaa"), "bbbb")
    assert twice.count('name="handbook-build"') == 1 and offline.page_build(twice) == "bbbb"


def test_the_built_site_manifest_matches_every_file(built_site):
    manifest = json.loads((built_site / offline.MANIFEST).read_text())
    assert re.fullmatch(r"[0-9a-f]{16}", manifest["build"])
    on_disk = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    siblings = {p for p in on_disk if p.endswith((".br", ".gz")) and p[:-3] in on_disk}
    assert set(manifest["files"]) == on_disk - siblings - {offline.MANIFEST, offline.SERVICE_WORKER}
    for path, entry in manifest["files"].items():
        data = (built_site / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data), path


def test_every_sitemap_page_and_the_runtime_are_cached(built_site):
    files = json.loads((built_site / offline.MANIFEST).read_text())["files"]
    build = json.loads((built_site / offline.MANIFEST).read_text())["build"]
    for path in page_paths(built_site):
        file = path + "index.html" if path == "" or path.endswith("/") else path
        assert files[file]["kind"] == "page", file
        assert offline.page_build((built_site / file).read_text(encoding="utf-8")) == build, file
    runtime = json.loads((built_site / "assets/pyodide/runtime.json").read_text())
    lock = json.loads((built_site / "assets/pyodide/pyodide-lock.json").read_text())
    needed = [
        "search/search_index.json",
        "assets/pyodide/pyodide-lock.json",
        "assets/pyodide/runtime.json",
        "assets/pyodide/pyodide.asm.wasm",
        "assets/pyodide/pyodide.mjs",
        "assets/checkers/worker.mjs",
        f"assets/pyodide/{runtime['startup']['file']}",
        f"assets/pyodide/{runtime['rest']['file']}",
        *(f"assets/pyodide/{spec['file_name']}" for spec in lock["packages"].values()),
    ]
    for path in needed:
        assert files[path]["kind"] == "asset", path


def test_the_service_worker_is_at_the_site_root(built_site):
    assert (built_site / offline.SERVICE_WORKER).read_bytes() == offline.SOURCE.read_bytes()
