"""The offline copy: a build manifest and the service worker, written over a built site.

    step(site_dir)   (a step of `python -m site_build.finish`, before the precompressed siblings)

- `offline-manifest.json` at the site root: the build id and every file of the build with its
  sha256, its size and how the service worker treats it (`kind`):
    "page"   an HTML document: network first, the cached copy of the same build as the fallback;
    "asset"  never changes within a build (theme assets, the search index, the Python runtime):
             cache first;
    "host"   a file a host may rewrite (the preview server rewrites sitemap.xml for the origin it
             serves): network first, cached without a hash check, not part of the build id;
    "skip"   never needed to read the site (source maps, other languages' search stemmers, the
             external-link report): not cached.
- The build id is a digest of every page and asset as the build wrote them, so two builds of the
  same sources get the same id and a reader is offered a new version only when something changed.
  Every page then carries it as `<meta name="handbook-build">`, which is how the page and the
  service worker tell which build a page came from (the manifest records the pages' final hashes).
- `sw.js` at the site root, from site_build/finish/service_worker.js: at the root because its scope can
  only be its own folder or below (GitLab Pages cannot send Service-Worker-Allowed), and it is
  the same file for every build: what it caches comes from the manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

MANIFEST = "offline-manifest.json"
SERVICE_WORKER = "sw.js"
SOURCE = Path(__file__).resolve().parent / "service_worker.js"
BUILD_META = "handbook-build"
# Siblings the host serves in place of the file (precompress.py): the browser sees the file itself.
ENCODED = (".br", ".gz")
HOST_REWRITTEN = ("sitemap.xml",)
NOT_NEEDED = (
    re.compile(r"\.map$"),
    # Material ships stemmers for every language; this site's search is English only (mkdocs.yml).
    re.compile(r"^assets/javascripts/lunr/"),
    re.compile(r"^external-links\.txt$"),
)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_BUILD_TAG = re.compile(rf'<meta name="{BUILD_META}" content="([0-9a-f]+)">')


def kind_of(path: str) -> str:
    if path in HOST_REWRITTEN:
        return "host"
    if any(pattern.search(path) for pattern in NOT_NEEDED):
        return "skip"
    if path.endswith(".html"):
        return "page"
    return "asset"


def _site_files(site_dir: Path) -> list[str]:
    own = {MANIFEST, SERVICE_WORKER}
    paths = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if relative in own or (path.suffix in ENCODED and path.with_suffix("").is_file()):
            continue
        paths.append(relative)
    return paths


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_id(entries: dict[str, dict]) -> str:
    """A digest of (path, sha256) of every page and asset: the same content, the same id."""
    digest = hashlib.sha256()
    for path in sorted(entries):
        if entries[path]["kind"] in ("page", "asset"):
            digest.update(f"{path}\0{entries[path]['sha256']}\n".encode())
    return digest.hexdigest()[:16]


def stamp_page(html: str, build: str) -> str:
    """The page with its build id in <head>, right after the charset (and the CSP meta that
    follows it), so the service worker finds it in the first bytes of the response."""
    tag = f'<meta name="{BUILD_META}" content="{build}">'
    if _BUILD_TAG.search(html):
        return _BUILD_TAG.sub(tag, html, count=1)
    match = _CHARSET.search(html)
    if not match:
        return html
    end = match.end()
    csp = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>').match(html, end)
    if csp:
        end = csp.end()
    return html[:end] + tag + html[end:]


def page_build(html: str) -> str | None:
    match = _BUILD_TAG.search(html)
    return match.group(1) if match else None


def make_manifest(site_dir: Path) -> dict:
    """Stamp every page with the build id and return the manifest (not yet written)."""
    entries = {}
    for path in _site_files(site_dir):
        data = (site_dir / path).read_bytes()
        kind = kind_of(path)
        if kind == "page":  # as the engine wrote it: finishing a finished site gives the same id
            data = _BUILD_TAG.sub("", data.decode("utf-8")).encode()
        entries[path] = {"sha256": _sha256(data), "size": len(data), "kind": kind}
    build = build_id(entries)
    for path, entry in entries.items():
        if entry["kind"] == "page":
            file = site_dir / path
            stamped = stamp_page(file.read_text(encoding="utf-8"), build).encode()
            file.write_bytes(stamped)
            entry.update(sha256=_sha256(stamped), size=len(stamped))
    return {"build": build, "files": entries}


def step(site_dir: Path) -> None:
    """Write offline-manifest.json and sw.js into the built site (before precompress)."""
    manifest = make_manifest(site_dir)
    (site_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    shutil.copyfile(SOURCE, site_dir / SERVICE_WORKER)


# The live region of the "new version" notice (assets/offline/offline.js writes into it), in every
# page from the start, right after the theme's skip links: early in the tab order, and parsed with
# the page. Inserted by the script once the reader was idle, before the theme's toggles, it made
# their sibling rules (`.md-toggle:checked ~ ...`) restyle the whole page (1,257 elements on the
# guided page). A live region must exist before anything is written into it to be announced.
NOTICE_REGION = '<div class="handbook-update" role="status" aria-live="polite"></div>'
_THEME_SKIP_LINKS = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)


def add_notice_region(html: str) -> str:
    if NOTICE_REGION in html:
        return html
    return _THEME_SKIP_LINKS.sub(lambda match: match.group(0) + NOTICE_REGION, html, count=1)
