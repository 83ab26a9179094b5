"""The page markers, as one Python-Markdown extension (mkdocs.yml `markdown_extensions`), so every
engine that runs Python-Markdown renders them the same: MkDocs, ProperDocs and Zensical.

A marker is an HTML comment on a line of its own, `<!-- KIND: ARG -->` or `<!-- KIND -->`, and
`RENDERERS` is the one table from its kind to the function that returns its Markdown or HTML
(markdown-exec's formatter dictionary is the model). A comment of that shape whose kind is not in
the table fails the build, as does a renderer that raises: `MarkerError` names the page (when the
engine says which page it is rendering) and the marker.

Links from a marker's HTML to other pages start with `SITE_ROOT` (a root-relative placeholder), not
with a path relative to the page: the extension is not told where the page will be written, and
Zensical rewrites relative links in raw HTML while MkDocs does not, so this is the one form every
engine leaves alone. The finishing step (`python -m site_build.finish`) turns it into the page's own
relative path to the site root.

The same extension marks external links in the page's content (`links.mark_external`), as a
postprocessor after the raw HTML is back in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from checkers import flows
from site_build.render import (
    drills,
    glossary,
    handbook_pages,
    incident_helper,
    links,
    response_chart,
    response_flow,
    rule_chart,
    widgets,
)
from site_build.render.exception_aids import render_exception_aids
from site_build.render.flow_path import FlowPageError, check_flow_page, fold_sections, render_flow_path
from training import library

try:  # MkDocs and ProperDocs print a BuildError's message and stop cleanly, without a traceback
    from mkdocs.exceptions import PluginError as _EngineError
except ImportError:  # Zensical (no MkDocs installed): its own report of a Python exception
    _EngineError = RuntimeError

SITE_ROOT = "/__site_root__/"

# An argument is a name; a handbook placement also names its heading level first (`## anchor`).
MARKER = re.compile(r"^<!-- (?P<kind>[a-z][a-z-]*)(?:: (?P<arg>(?:#{1,6} )?[A-Za-z0-9_.-]+))? -->$")

# Set by an engine that tells which page is being rendered (site_build/hooks.py under MkDocs and
# ProperDocs); Zensical's own rendering context is read from the Markdown instance.
current_page: ContextVar[str | None] = ContextVar("current_page", default=None)


class MarkerError(_EngineError):
    pass


def _needs_argument(render: Callable[[str], str], what: str) -> Callable[[str | None], str]:
    def checked(arg: str | None) -> str:
        if arg is None:
            raise ValueError(f"needs {what}: <!-- KIND: {what.upper().replace(' ', '_')} -->")
        return render(arg)

    return checked


def _no_argument(render: Callable[[], str]) -> Callable[[str | None], str]:
    def checked(arg: str | None) -> str:
        if arg is not None:
            raise ValueError("takes no argument: write it as <!-- KIND -->")
        return render()

    return checked


def render_checker(name: str) -> str:
    return widgets.checker_html(name, SITE_ROOT)


def render_flowchart(name: str) -> str:
    """A checker's rule table, or a whole flow's steps (`paged`), as a chart in plain HTML."""
    if name in flows.NAMES:
        return response_chart.render_flow_chart(name)
    return rule_chart.render_chart(name)


def render_training(what: str) -> str:
    """`drills` (the drill app, keys left out), `facilitator-cards` (keys included), `record` (the
    training record on the training page) or `role-play` (the guided page's drill mode)."""
    views = {
        "drills": drills.drills_html,
        "facilitator-cards": drills.cards_html,
        "record": drills.record_html,
        "role-play": lambda _scenarios, base: drills.role_play_html(base),
    }
    if what not in views:
        raise ValueError(f"unknown training view {what!r}; expected one of {', '.join(views)}")
    return views[what](library.load_all(), SITE_ROOT)


def render_incident_helper() -> str:
    return incident_helper.form_html()


def render_response_texts(what: str) -> str:
    if what != "form":
        raise ValueError(f"unknown response-texts view {what!r}; expected 'form'")
    return response_flow.form_html()


def render_response_text(text_id: str) -> str:
    return response_flow.text_html(text_id, SITE_ROOT)


def render_checklist(checklist_id: str) -> str:
    return response_flow.checklist_html(checklist_id, SITE_ROOT)


def render_flow_toolbar() -> str:
    return response_flow.toolbar_html()


def render_glossary() -> str:
    return glossary.list_html()


RENDERERS: dict[str, Callable[[str | None], str]] = {
    "handbook": _needs_argument(handbook_pages.render_handbook, "heading level and section anchor"),
    "checker": _needs_argument(render_checker, "checker name"),
    "flowchart": _needs_argument(render_flowchart, "checker or flow name"),
    "flow-path": _needs_argument(lambda name: render_flow_path(name, SITE_ROOT), "flow name"),
    "exception-aids": _no_argument(render_exception_aids),
    "training": _needs_argument(render_training, "view"),
    "incident-helper": _no_argument(render_incident_helper),
    "response-texts": _needs_argument(render_response_texts, "view"),
    "response-text": _needs_argument(render_response_text, "text id"),
    "checklist": _needs_argument(render_checklist, "checklist id"),
    "flow-toolbar": _no_argument(render_flow_toolbar),
    "glossary": _no_argument(render_glossary),
}


def render(kind: str, arg: str | None, page: str | None = None) -> str:
    """One marker's Markdown or HTML; any failure is a MarkerError naming the page and the marker."""
    marker = f"<!-- {kind}: {arg} -->" if arg is not None else f"<!-- {kind} -->"
    where = f"{page}: " if page else ""
    renderer = RENDERERS.get(kind)
    if renderer is None:
        raise MarkerError(f"{where}unknown marker {marker}; the kinds are: {', '.join(sorted(RENDERERS))}")
    try:
        return renderer(arg)
    except Exception as error:  # name the page and the marker, not just the traceback
        raise MarkerError(f"{where}cannot render {marker}: {type(error).__name__}: {error}") from error


def markers_in(text: str) -> list[tuple[str, str | None]]:
    """(kind, argument) of every marker line in a page's Markdown, in order."""
    return [(m["kind"], m["arg"]) for m in map(MARKER.match, text.splitlines()) if m]


def _page_of(md: Markdown) -> str | None:
    page = current_page.get()
    if page:
        return page
    for processor in md.preprocessors:  # Zensical's rendering context (zensical.extensions.context)
        context_page = getattr(processor, "page", None)
        if getattr(context_page, "path", None):
            return context_page.path
    return None


class MarkerPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = MARKER.match(line)
            if not match:
                out.append(line)
                continue
            rendered = render(match["kind"], match["arg"], _page_of(self.md))
            # Blank lines around it: raw HTML is a block of its own, a fence starts on a fresh line.
            out.extend(["", *rendered.split("\n"), ""])
        return out


class ExternalLinkPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return links.mark_external(text)


class FlowSectionPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        try:
            check_flow_page(text)
        except FlowPageError as error:
            page = _page_of(self.md)
            raise MarkerError(f"{page}: {error}" if page else str(error)) from error
        return fold_sections(text)


class MarkerExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalising (30) and before fenced code (25), so a marker's Markdown
        # fence would be a fence, and before the raw HTML is stashed (20).
        md.preprocessors.register(MarkerPreprocessor(md), "handbook_markers", 28)
        # After the raw HTML is back in place (30) and `&` substitution (20): the whole content.
        md.postprocessors.register(ExternalLinkPostprocessor(md), "handbook_external_links", 5)
        # The guided page's step sections, each a body "Your path" can fold away (site_build/render/flow_path.py).
        md.postprocessors.register(FlowSectionPostprocessor(md), "handbook_flow_sections", 4)


def makeExtension(**kwargs) -> MarkerExtension:
    return MarkerExtension(**kwargs)
