"""The built site holds the whole runbook, keeps its anchors, and carries its attribution."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import checkers
from checkers.engine import handbook
from tests.conftest import ROOT

from .text import html_text, seed_lines, sentences

# The one source of the runbook text: the snapshot of the page as GitLab publishes it.
SEED = Path(os.environ.get("HANDBOOK_SEED", ROOT / "handbook" / "customer_emergencies_workflows.md"))


def pages(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): p.read_text(encoding="utf-8")
        for p in site.rglob("index.html")
        if "assets" not in p.parts
    }


@pytest.fixture(scope="module")
def site_pages(built_site):
    return pages(built_site)


@pytest.fixture(scope="module")
def site_text(site_pages):
    return " ".join(html_text(html) for html in site_pages.values())


def kramdown_slug(title: str) -> str:
    return re.sub(r"[^a-z0-9 \-]", "", title.strip().rstrip(":").lower()).replace(" ", "-")


SEED_MARKDOWN = SEED.read_text(encoding="utf-8")
SEED_HEADINGS = [
    m.group(1).strip() for m in re.finditer(r"^#+\s+(.+)$", SEED_MARKDOWN.split("---", 2)[2], re.MULTILINE)
]


def test_every_seed_heading_is_a_known_section():
    seed_sections = [anchor for anchor, found in handbook.SECTIONS.items() if found.source == "seed"]
    assert sorted(kramdown_slug(h) for h in SEED_HEADINGS) == sorted(seed_sections)


@pytest.mark.parametrize("heading", SEED_HEADINGS, ids=kramdown_slug)
def test_every_seed_heading_keeps_its_anchor_on_its_page(site_pages, heading):
    anchor = kramdown_slug(heading)
    page = handbook.section(anchor).page + "index.html"
    assert re.search(rf'<h[1-6][^>]*\bid="{re.escape(anchor)}"', site_pages[page]), f"#{anchor} missing from {page}"


def test_no_sentence_of_the_seed_is_lost(site_text):
    missing = [s for s in sentences(seed_lines(SEED_MARKDOWN)) if s not in site_text]
    assert missing == []


@pytest.mark.parametrize("leftover", ["{:toc}", "{:.no_toc}", "{: .shadow}", "- TOC", "{:"])
def test_no_kramdown_markup_leaks(site_pages, leftover):
    leaking = [name for name, html in site_pages.items() if leftover in html_text(html)]
    assert leaking == []


def test_every_page_carries_the_attribution(site_pages):
    for name, html in site_pages.items():
        footer = html[html.index('class="md-footer"') :] if 'class="md-footer"' in html else html
        assert "CC BY-SA 4.0" in footer, name
        assert "customer_emergencies_workflows.html" in footer, name
        assert "snapshot of" in footer, name


def test_links_to_the_rest_of_the_handbook_are_absolute_and_marked_external(site_pages):
    html = site_pages["responding/index.html"]
    assert 'href="https://about.gitlab.com/handbook/' in html or 'href="https://gitlab.com/' in html
    for match in re.finditer(r'<a href="(https?://[^"]+)"([^>]*)>', html):
        assert 'class="external"' in match.group(2), match.group(1)
    assert not re.search(r'href="/handbook/', "".join(site_pages.values()))


def test_abbreviations_have_tooltips_where_they_occur(site_pages):
    html = site_pages["calls/index.html"]
    assert re.search(r'<abbr title="Support Global Groups[^"]*">SGG</abbr>', html)
    assert re.search(r'<abbr title="Paid time off">PTO</abbr>', html)


def test_glossary_lists_every_abbreviation(site_pages):
    text = html_text(site_pages["glossary/index.html"])
    for term in ("CSM", "SGG", "NRT", "SLO", "L&R", "CMOC", "SME", "PD", "ZD", "MR", "PTO", "SE"):
        assert re.search(rf"(^| ){re.escape(term)} ", text), term


@pytest.mark.parametrize("term", ["CMOC", "L&R", "NRT", "SGG"])
def test_each_glossary_term_is_a_search_entry_of_its_own(built_site, term):
    # Material's search indexes a page section by section (a section follows a heading with an id) and
    # ranks a match in a section's title first: each term is a section titled by the term alone, its
    # meaning its text, not run into the next entry.
    from site_build.render.glossary import anchor, entries

    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    meaning = dict(entries())[term]
    titled = [doc for doc in index["docs"] if html_text(doc["title"]) == term]
    assert [doc["location"] for doc in titled] == [f"glossary/#{anchor(term)}"]
    assert html_text(titled[0]["text"]) == meaning
    glossary_page = next(doc for doc in index["docs"] if doc["location"] == "glossary/")
    assert term not in html_text(glossary_page["text"])  # the entries are no longer one run-together section


@pytest.mark.parametrize("name", checkers.names())
def test_every_citation_of_a_checker_points_at_a_real_anchor(site_pages, name):
    checker = checkers.get(name)
    anchors = (
        set(checker.cite)
        | {a for rule in checker.rules for a in rule.cite}
        | {a for o in checker.outcomes for a in o.cite}
    )
    for anchor in anchors:
        page = handbook.section(anchor).page + "index.html"
        assert f'id="{anchor}"' in site_pages[page], f"{name} cites #{anchor}, missing from {page}"


def test_no_page_names_a_third_party_host_for_assets(site_pages):
    for name, html in site_pages.items():
        for tag in re.finditer(
            r'<(?:script[^>]+src|link(?![^>]*rel="canonical")[^>]+href|img[^>]+src|iframe[^>]+src)="(https?:)?//[^"]+"',
            html,
        ):
            pytest.fail(f"{name}: {tag.group(0)}")
