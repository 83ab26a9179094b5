"""A checker answers on the site as ProperDocs and Zensical build it (scripts/build --engine ...),
under the same checks as every browser test: nothing from another origin, no console error, no
CSP violation. The rest of the browser suite runs on MkDocs' build."""

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
