"""A checker answers on the site as ProperDocs and Zensical build it (scripts/build --engine ...),
after an instant navigation, and search finds a page, under the same checks as every browser test:
nothing from another origin, no console error, no CSP violation. The rest of the browser suite runs
on MkDocs' build."""

from __future__ import annotations

import pytest

from tests.browser.helpers import answer_every_checker
from tests.browser.test_service_worker import wait_cached


@pytest.fixture(scope="module", params=["properdocs", "zensical"])
def site_url(request, engine_site):
    from site_build.serve import serve_in_thread

    server, url = serve_in_thread(engine_site(request.param))
    yield url
    server.shutdown()


def test_the_checkers_answer(watch, site_url):
    page = watch.page
    # Two checkers on one page, and the one that needs the time-zone database and draws a clock.
    for path, expected in (("qualifying/", {"qualification", "borderline"}), ("us-federal/", {"us-federal"})):
        page.goto(site_url + path)
        answered = answer_every_checker(watch)
        assert {outcome.split(":")[0] for outcome in answered} == expected, answered
    # The static decision table's links (root placeholders made relative by the finishing step).
    table_link = page.locator("[data-checker=us-federal] .checker__table a").first
    assert table_link.evaluate("a => a.href").startswith(site_url + "us-federal/#")


def test_search_finds_the_grace_period_and_instant_navigation_keeps_python(watch, site_url):
    page = watch.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Licence emergencies", exact=True).first.click()
    page.wait_for_url(site_url + "licence/")
    watch.wait_ready("[data-checker=licence]")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    # Material's search is a field in the header, Zensical's a button that opens a dialog.
    opener = page.locator(".md-search__button")
    (opener if opener.count() else page.locator(".md-search__input")).first.click()
    page.keyboard.type("grace period")
    page.get_by_text("Self-managed Subscription Emergencies").last.wait_for()


def test_after_one_visit_the_site_works_offline_and_the_404_page_too(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")
    wait_cached(watch)
    page.context.set_offline(True)
    page.goto(site_url + "licence/")
    assert [outcome.split(":")[0] for outcome in answer_every_checker(watch)] == ["licence"]
    # The page a host serves for any missing path: its links lead back into the site.
    page.goto(site_url + "404.html")
    home = page.locator("a.md-header__button.md-logo")
    assert home.evaluate("a => a.href") == site_url
