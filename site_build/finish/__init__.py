"""The steps after an engine has written the pages, as one command over the built site, so the site
comes out the same whichever engine wrote it (MkDocs calls it from `on_post_build` in hooks.py;
`scripts/build` runs it after ProperDocs or Zensical):

    python -m site_build.finish SITE_DIR [--base /sub/path/]

In order: the markers' root placeholders become each page's relative path to the site root; every
HTML file gets the Content-Security-Policy `<meta>` (404.html included); pages with a checker get
the early start of Python; the Python runtime is copied in; the external
links are listed; last, the `.br`/`.gz` siblings of everything written. Running it twice gives the
same site.

`--base` is the path the site is served under (the path of mkdocs.yml's `site_url`; read from the
site's sitemap.xml when not given). Only 404.html needs it: a host serves that one page at any
path, so its links to the site are written from the root.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from site_build import markers
from site_build.render import flow_path

NOT_FOUND_PAGE = "404.html"


class FinishError(RuntimeError):
    pass


def _pages(site_dir: Path):
    for path in sorted(site_dir.rglob("*.html")):
        if "assets" not in path.relative_to(site_dir).parts:  # Pyodide's files are not pages
            yield path


def relative_root(site_dir: Path, page: Path) -> str:
    """'' for a page at the root (index.html), '../' for licence/index.html, and so on."""
    return "../" * (len(page.relative_to(site_dir).parts) - 1)


def served_base(site_dir: Path) -> str:
    """The sub-path the site is built for, from the shortest <loc> of its sitemap (the home page)."""
    sitemap = site_dir / "sitemap.xml"
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else []
    return normalise_base(urlparse(min(locs, key=len)).path) if locs else "/"


def normalise_base(base: str) -> str:
    return "/" + base.strip("/") + "/" if base.strip("/") else "/"


def finish_page(html: str, root: str, not_found_base: str | None = None) -> str:
    """One page: `root` is its relative path to the site root; `not_found_base` is the served
    sub-path, for 404.html only. Idempotent: a finished page comes back unchanged."""
    # The steps are imported where they run, not with the package: each also runs on its own
    # (`python -m site_build.finish.external_links SITE`), which a package importing it first spoils.
    from site_build.finish import csp, early_start, offline

    html = html.replace(markers.SITE_ROOT, not_found_base or root or "./")
    html = early_start.add_early_start(html, not_found_base or root)
    html = flow_path.add_skip_link(html)
    html = offline.add_notice_region(html)
    return csp.add_policy(html)


def finish(site_dir: Path, base: str | None = None) -> None:
    from site_build.finish import external_links, offline, precompress, pyodide_bundle

    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise FinishError(f"{site_dir} is not a built site (no index.html)")
    base = normalise_base(base) if base is not None else served_base(site_dir)
    for page in _pages(site_dir):
        html = page.read_text(encoding="utf-8")
        not_found_base = base if page.relative_to(site_dir).as_posix() == NOT_FOUND_PAGE else None
        finished = finish_page(html, relative_root(site_dir, page), not_found_base)
        if finished != html:
            page.write_text(finished, encoding="utf-8")
    try:
        pyodide_bundle.bundle(site_dir)
    except (FileNotFoundError, pyodide_bundle.BundleError) as error:
        raise FinishError(str(error)) from error
    external_links.write_report(site_dir)  # external-links.txt: listed, never fetched
    # After every step that writes or changes a file (it hashes the final files and stamps the
    # pages with the build id), before the siblings: offline-manifest.json and sw.js.
    offline.step(site_dir)
    # Last, after every other step has written its files: .br/.gz siblings, as static hosts serve them.
    precompress.precompress(site_dir, unchanging=pyodide_bundle.unchanging)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_build.finish",
        description="Finish a built site: CSP, early start, Python runtime, link report, offline manifest and "
        "service worker, .br/.gz.",
    )
    parser.add_argument("site_dir", type=Path, help="the folder the engine wrote (e.g. site)")
    parser.add_argument(
        "--base", help="the sub-path the site is served under, e.g. /handbook/ (default: from sitemap.xml)"
    )
    args = parser.parse_args(argv)
    try:
        finish(args.site_dir, args.base)
    except FinishError as error:
        print(f"site_build.finish: {error}", file=sys.stderr)
        return 2
    return 0
