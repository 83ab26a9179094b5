"""A link can hold anything: every checker page opened with markup in every answer of its query
shows it, at most, as text next to the field. No element is made from it, nothing runs (an inline
handler would also be a CSP violation, which the watch reports), and the checkers keep working."""

from __future__ import annotations

from urllib.parse import quote

import pytest

import checkers

from .helpers import wait_checkers_ready
from .test_keyboard import pages_with_checkers

PAYLOAD = '"><img src="x-injected" onerror="window.__injected=1"><script>window.__injected=2</script>'
INJECTED = """(() => ({
  elements: document.querySelectorAll('img[src="x-injected"], [onerror], script:not([src]):not([type])').length,
  ran: window.__injected !== undefined,
}))()"""


def hostile_query(names: list[str]) -> str:
    keys = [f"{name}.{q.id}" for name in names for q in checkers.get(name).questions] + ["response-texts.ticket_url"]
    return "?" + "&".join(f"{quote(key)}={quote(PAYLOAD)}" for key in keys)


@pytest.fixture(scope="module")
def checker_pages(built_site) -> dict[str, list[str]]:
    by_page: dict[str, list[str]] = {}
    for name, pages in pages_with_checkers(built_site).items():
        for path in pages:
            by_page.setdefault(path, []).append(name)
    return by_page


def test_markup_in_a_link_is_never_markup_on_the_page(watch, site_url, checker_pages):
    page = watch.page
    for path, names in sorted(checker_pages.items()):
        page.goto(site_url + path + hostile_query(names))
        wait_checkers_ready(watch)
        # Python reads the query; wait until the page has flagged what the link gave.
        watch.wait_for("document.querySelectorAll('.checker__error:not([hidden])').length > 0", timeout=30)
        assert page.evaluate(INJECTED) == {"elements": 0, "ran": False}, path
        shown = " ".join(page.locator(".checker__error:not([hidden])").all_inner_texts())
        assert 'src="x-injected"' in shown, path  # shown as the text it is
