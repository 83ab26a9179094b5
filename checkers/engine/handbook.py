"""Where each section of the handbook lives in the site, so a checker can cite it by anchor.

Anchors are the snapshot's own (kramdown) slugs, kept as `{#id}` on the pages, so links into the
original handbook keep working here (adr/0003). The map is not kept here: the pages place the
sections with `<!-- handbook: ## anchor -->` markers and `handbook_sections.py` is generated from
them (see `handbook_tools/placements.py`); the build fails while the two differ.
"""

from __future__ import annotations

from typing import NamedTuple

from checkers.engine.handbook_sections import PLACED

SOURCE_URL = "https://about.gitlab.com/handbook/support/workflows/customer_emergencies_workflows.html"


EXCEPTION_WORKFLOW = "exception-workflow"


class Source(NamedTuple):
    title: str
    url: str
    date: str


# The handbook pages the site's decisions come from. The seed is the runbook itself; the Emergency
# Exception Workflow is the separate page it links to for the exception criteria (a later copy, so
# it is cited with its own date). See the header of handbook/emergency_exception_workflow.md (a copy of it).
SOURCES = {
    "seed": Source("Customer Emergencies On-Call Workflows", SOURCE_URL, "early 2023"),
    EXCEPTION_WORKFLOW: Source(
        "Emergency Exception Workflow",
        "https://handbook.gitlab.com/handbook/support/workflows/emergency_exception_workflow/",
        "December 2025",
    ),
}


class Section(NamedTuple):
    page: str  # site-relative directory URL of the page
    title: str
    source: str = "seed"  # a key of SOURCES


SECTIONS: dict[str, Section] = {anchor: Section(page, title) for anchor, page, title in PLACED}

# The Emergency Exception Workflow's sections, shown on the qualifying page beside the question
# they inform (site_build/render/exception_aids.py renders them with these anchors). That page is not the
# snapshot the pages are assembled from, so its sections are not in PLACED.
_EXCEPTION_SECTIONS = [
    ("exception-criteria", "Exception Criteria"),
    (
        "examples-of-situations-that-might-or-might-not-qualify-for-an-exception",
        "Examples of situations that might (or might not) qualify for an exception",
    ),
    ("situations-that-are-not-emergencies", "Situations that Are not Emergencies"),
]
SECTIONS.update({anchor: Section("qualifying/", title, EXCEPTION_WORKFLOW) for anchor, title in _EXCEPTION_SECTIONS})


def section(anchor: str) -> Section:
    try:
        return SECTIONS[anchor]
    except KeyError:
        raise KeyError(f"no handbook section with anchor {anchor!r}") from None


def source_entry(anchor: str) -> dict[str, str]:
    """One entry of a result's `sources`: its link and title, and for a page other than the seed
    which page it is and its date (the seed's entries keep their two keys)."""
    found = section(anchor)
    entry = {"href": href(anchor), "title": found.title}
    if found.source != "seed":
        source = SOURCES[found.source]
        entry.update(source=source.title, date=source.date, url=source.url)
    return entry


def href(anchor: str) -> str:
    """The site-relative link to a section, e.g. ``qualifying/#tag-the-ticket-appropriately``."""
    return f"{section(anchor).page}#{anchor}"
