"""MkDocs and ProperDocs hooks (mkdocs.yml `hooks:`): the two things only these engines offer.

The markers are rendered by the Python-Markdown extension `site_build.markers` and the built site
is finished by `site_build.finish`, which every engine shares (Zensical ignores `hooks:`; there
`scripts/build` runs the finishing command itself). Here, MkDocs tells the extension which page it
is rendering, so a marker's error names it, and runs the finishing command after its build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by path; the repo root holds `checkers`
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from site_build import markers  # noqa: E402
from site_build.render import handbook_pages  # noqa: E402


def on_config(config):
    # The handbook snapshot is read once per build, before any page: a section placed nowhere or
    # twice, or a pinned sentence the snapshot no longer holds, fails the build here.
    snapshot_file = Path(config["extra"]["seed"].get("file", handbook_pages.SNAPSHOT))
    try:
        handbook_pages.load(ROOT / snapshot_file, Path(config["docs_dir"]))
    except handbook_pages.HandbookError as error:
        raise PluginError(str(error)) from error
    return config


def on_page_markdown(markdown, page, config, files):
    markers.current_page.set(page.file.src_uri)
    return markdown


def on_post_build(config):
    markers.current_page.set(None)
    if os.environ.get("HANDBOOK_FINISH") == "separately":  # scripts/build finishes it with the project's Python
        return
    from site_build import finish  # here: ProperDocs' own venv has no brotli, and needs none

    try:
        finish.finish(Path(config["site_dir"]), urlparse(config["site_url"] or "/").path)
    except finish.FinishError as error:
        raise PluginError(str(error)) from error
