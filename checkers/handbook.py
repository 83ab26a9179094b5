"""Where each section of the handbook lives in the site, so a checker can cite it by anchor.

Anchors are the snapshot's own (kramdown) slugs, kept as `{#id}` on the pages, so links into the
original handbook keep working here (adr/0003). The map is not kept here: the pages place the
sections with `<!-- handbook: ## anchor -->` markers and `handbook_sections.py` is generated from
them (see `checkers/placements.py`); the build fails while the two differ.
"""

from __future__ import annotations

from typing import NamedTuple

from .handbook_sections import PLACED

SOURCE_URL = "https://about.gitlab.com/handbook/support/workflows/customer_emergencies_workflows.html"


class Section(NamedTuple):
    page: str  # site-relative directory URL of the page
    title: str


SECTIONS: dict[str, Section] = {anchor: Section(page, title) for anchor, page, title in PLACED}


def section(anchor: str) -> Section:
    try:
        return SECTIONS[anchor]
    except KeyError:
        raise KeyError(f"no handbook section with anchor {anchor!r}") from None


def href(anchor: str) -> str:
    """The site-relative link to a section, e.g. ``qualifying/#tag-the-ticket-appropriately``."""
    return f"{section(anchor).page}#{anchor}"
