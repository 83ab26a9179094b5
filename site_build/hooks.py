"""MkDocs hooks (mkdocs.yml `hooks:`): render checkers and the glossary into pages, mark external
links, and bundle the Python runtime into the built site. Standard hooks, no plugin, so the same
`mkdocs.yml` keeps working under Zensical."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are loaded by path; the repo root holds `checkers`
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from site_build import csp, glossary, links, pyodide_bundle, widgets  # noqa: E402
from site_build import flowchart, incident_helper  # noqa: E402
from site_build import drills  # noqa: E402
from site_build import external_links  # noqa: E402
from site_build import early_start, precompress  # noqa: E402
from site_build import offline  # noqa: E402
from site_build import response_flow  # noqa: E402
from training.library import ScenarioError  # noqa: E402

_CHECKER_MARKER = re.compile(r"^<!-- checker: ([a-z][a-z-]*) -->$", re.MULTILINE)


def _base(page) -> str:
    """Relative path from a page to the site root ('' for the home page)."""
    return "../" * page.url.count("/")


def on_page_markdown(markdown, page, config, files):
    def render(match: re.Match) -> str:
        try:
            return "\n" + widgets.checker_html(match.group(1), _base(page)) + "\n"
        except Exception as error:  # name the page and the marker, not just the traceback
            raise PluginError(f"{page.file.src_path}: cannot render checker {match.group(1)!r}: {error}") from error

    markdown = _CHECKER_MARKER.sub(render, markdown)
    try:  # <!-- training: drills|facilitator-cards -->; a bad scenario names its file and field
        markdown = drills.render(markdown, _base(page))
    except ScenarioError as error:
        raise PluginError(f"{page.file.src_path}: invalid training scenario: {error}") from error
    markdown = flowchart.render_markers(markdown, page)  # <!-- flowchart: NAME -->
    markdown = incident_helper.render_marker(markdown, page)  # <!-- incident-helper -->
    try:  # <!-- response-texts|response-text|checklist|flow-toolbar --> of the guided response page
        markdown = response_flow.render_markers(markdown, _base(page))
    except (KeyError, TypeError) as error:
        raise PluginError(f"{page.file.src_path}: cannot render a response-flow marker: {error}") from error
    return glossary.render_marker(markdown)


def on_page_content(html, page, config, files):
    return links.mark_external(html)


def on_post_page(output, page, config):
    return csp.add_policy(early_start.add_early_start(output, _base(page)))


def on_post_template(output_content, template_name, config):
    # 404.html is a theme template, not a page: it needs the policy too (sitemap.xml is left alone).
    return csp.add_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    flowchart.copy_library(Path(config["site_dir"]))
    try:
        pyodide_bundle.bundle(Path(config["site_dir"]))
    except pyodide_bundle.BundleError as error:
        raise PluginError(str(error)) from error
    external_links.write_report(Path(config["site_dir"]))  # external-links.txt: listed, never fetched
    offline.step(Path(config["site_dir"]))  # offline-manifest.json (every file, hashed) and sw.js
    # Last, after every other step has written its files: .br/.gz siblings, as static hosts serve them.
    precompress.precompress(Path(config["site_dir"]), unchanging=pyodide_bundle.unchanging)
