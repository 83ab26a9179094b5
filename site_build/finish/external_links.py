"""List every link that leaves the site, with the pages that carry it, in external-links.txt at
the root of the built site. Nothing is fetched: the report is for a person (or a scheduled job with
network access) to check, because a build must never depend on other hosts being up.

Internal links and anchors need no report: `mkdocs build --strict` with `validation:` in mkdocs.yml
fails on any that is broken.

    python -m site_build.finish.external_links [site]      # writes site/external-links.txt, prints it
"""

from __future__ import annotations

import argparse
import re
from html import unescape
from pathlib import Path

REPORT = "external-links.txt"
_HREF = re.compile(r'<a\s[^>]*?href="(https?://[^"]+)"', re.IGNORECASE)


def _page_name(site: Path, html: Path) -> str:
    return html.relative_to(site).as_posix().removesuffix("index.html") or "/"


def _site_url(site: Path) -> str | None:
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return None
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    return min(locs, key=len) if locs else None  # the home page's <loc> is the site_url


def collect(site: Path) -> dict[str, list[str]]:
    """External URL -> the pages linking to it (sorted). Links to the site's own URL are not external."""
    own = _site_url(site)
    found: dict[str, set[str]] = {}
    for html in sorted(site.rglob("*.html")):
        if "assets" in html.relative_to(site).parts:
            continue
        for href in _HREF.findall(html.read_text(encoding="utf-8")):
            url = unescape(href)
            if own and url.startswith(own):
                continue
            found.setdefault(url, set()).add(_page_name(site, html))
    return {url: sorted(pages) for url, pages in sorted(found.items())}


def write_report(site: Path) -> Path:
    links = collect(site)
    pages = {page for where in links.values() for page in where}
    lines = [
        f"# {len(links)} external links on {len(pages)} pages of the built site. Not checked at build time",
        "# (a build must not depend on other hosts); check them with network access when you review.",
        "# URL<TAB>pages that link to it",
        *(f"{url}\t{' '.join(where)}" for url, where in links.items()),
    ]
    report = site / REPORT
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description="List the built site's external links (no network).")
    parser.add_argument("site", nargs="?", default="site", type=Path)
    args = parser.parse_args()
    print(write_report(args.site).read_text(encoding="utf-8"), end="")


if __name__ == "__main__":
    main()
