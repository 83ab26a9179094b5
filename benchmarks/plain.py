"""The yardstick for the main thread: a plain Material site (`theme: material`, no features) whose
one page is the seed's whole text, built with the project's own mkdocs and Material in the same run
as the site, and served compressed by the same server. A page of the site that blocks no longer
than twice this page carries its checkers for no more than the theme already costs.

The seed is made to render as the site's own pages render it (site_build.render.handbook_pages): no
kramdown markup, lists re-indented, the handbook's images linked. Heading levels that skip are
closed up so axe's heading-order rule judges the theme, not the seed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from handbook_tools import snapshot
from site_build.finish import precompress
from site_build.render.handbook_pages import body_markdown

ROOT = Path(__file__).resolve().parent.parent
# The seed as published (the snapshot the site's pages are assembled from), front matter included.
SEED = ROOT / "handbook" / "customer_emergencies_workflows.md"
FOLDER = ROOT / ".cache" / "benchmarks" / "plain-material"

# No Google Fonts (`font: false`), as the site: a request to a third-party host would fail offline
# and count against the plain page's best practices and timings, not the theme's.
CONFIG = """site_name: Plain Material
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
markdown_extensions:
  - tables
  - attr_list  # the sections' {#anchor}: the seed's anchors, which its in-page links name
  - toc:
      permalink: true
nav:
  - index.md
"""


def seed_markdown(text: str) -> str:
    """The seed's whole text as one Python-Markdown page: its title as the page's heading, every
    section under it at its own level, never more than one below the section before."""
    snap = snapshot.parse(text)
    title = next(
        (
            line.split(":", 1)[1].strip().strip('"')
            for line in snap.front_matter.splitlines()
            if line.startswith("title:")
        ),
        "Customer Emergencies",
    )
    parts, previous = [f"# {title}\n"], 1
    for section in snap.sections:
        level = max(2, min(section.level, previous + 1))
        parts.append(f"{'#' * level} {section.title} {{#{section.anchor}}}\n\n{body_markdown(section, {})}\n")
        previous = level
    return "\n".join(parts)


def build_plain_site() -> Path:
    """Build the plain site into .cache/benchmarks/plain-material/site, precompressed; return it."""
    docs, site = FOLDER / "docs", FOLDER / "site"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(seed_markdown(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    config = FOLDER / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--config-file", str(config), "--site-dir", str(site)],
        cwd=FOLDER,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"the plain Material site did not build:\n{done.stdout}\n{done.stderr}")
    precompress.precompress(site)
    return site
