"""A checker answers on the site as ProperDocs and Zensical build it (scripts/build --engine ...),
after an instant navigation, and search finds a page, under the same checks as every browser test:
nothing from another origin, no console error, no CSP violation. The rest of the browser suite runs
on MkDocs' build."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module", params=["properdocs", "zensical"])
def site_url(request, engine_site):
    from site_build.serve import serve_in_thread

    server, url = serve_in_thread(engine_site(request.param))
    yield url
    server.shutdown()


def test_a_checker_answers(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    page.locator("#chk-qualification-production-unusable-no").check()
    page.locator("#chk-qualification-exception-criteria-yes").check()
    result = page.locator("[data-checker=qualification] .checker__result")
    result.get_by_text("Not a strict emergency, but an exception is warranted").wait_for()
    assert "General::Emergency::Exception" in result.inner_text()
    # The result's handbook link, built from the runtime's answer, points into this site.
    link = result.get_by_role("link", name="Communicate if the situation qualifies as an emergency or as an exception")
    assert link.get_attribute("href") == site_url + "qualifying/#communicate-if-the-situation-qualifies-as-an-emergency-or-as-an-exception"
    # The static decision table's links (root placeholders made relative by the finishing step) too.
    table_link = page.locator("[data-checker=qualification] .checker__table a").first
    assert table_link.evaluate("a => a.href").startswith(site_url + "qualifying/#")


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
