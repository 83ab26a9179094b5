"""The site search, as a reader uses it to look up an abbreviation met in the runbook: the glossary
entry of the term is the first result."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from site_build.render.glossary import anchor


@pytest.mark.parametrize("term", ["CMOC", "L&R", "NRT", "SGG"])
def test_a_glossary_term_finds_its_entry_first(watch, site_url, term):
    page = watch.page
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(term)  # Material searches on key events
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=30_000)
    # Material groups the results by page: the page first, then its sections that match.
    where = [urlsplit(a.get_attribute("href")) for a in first.locator("a.md-search-result__link").all()]
    assert [(w.path, w.fragment) for w in where[:2]] == [("/glossary/", ""), ("/glossary/", anchor(term))], where
