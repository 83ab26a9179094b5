"""Each routing checker's flowchart is drawn in the browser by the site's own Mermaid: an SVG with
every outcome appears, and nothing is fetched from another origin (Material would otherwise fetch
Mermaid from unpkg.com), on a full load and after instant navigation alike."""

from __future__ import annotations

import pytest

import checkers

PAGES = {
    "concurrent": "multiple-emergencies/",
    "us-federal": "us-federal/",
    "saas-triage": "saas/",
    "special-handling": "special-handling/",
    "stuck": "when-stuck/",
}

# Material draws each diagram into a *closed* shadow root. Test-only instrumentation opens it, so
# Playwright's locators (which pierce open shadow roots) can see the SVG.
OPEN_SHADOW_ROOTS = """
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


def mermaid_loads(watch) -> list[str]:
    return [url for url in watch.requests if url.endswith("/mermaid.min.js")]


@pytest.fixture
def chart_watch(watch):
    watch.page.context.add_init_script(OPEN_SHADOW_ROOTS)
    return watch


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_chart_renders_as_svg_with_every_outcome(chart_watch, site_url, name):
    page = chart_watch.page
    page.goto(site_url + PAGES[name])
    svg = page.locator("div.mermaid svg")
    svg.wait_for(timeout=30000)
    assert page.locator("pre.mermaid").count() == 0, "a fence was left undrawn"
    text = svg.text_content()
    for outcome in checkers.get(name).outcomes:
        assert f"({outcome.code})" in text, f"{outcome.code} is not in the drawn chart"
    assert svg.get_attribute("aria-roledescription") == "flowchart-v2"
    assert svg.bounding_box()["height"] > 100
    assert mermaid_loads(chart_watch) == [site_url + "assets/mermaid/mermaid.min.js"]


def test_instant_navigation_draws_charts_with_the_same_local_library(chart_watch, site_url):
    page = chart_watch.page
    page.goto(site_url + "qualifying/")  # a page without a chart: Mermaid is not loaded at all
    page.locator("[data-checker=qualification]").wait_for()
    assert mermaid_loads(chart_watch) == []
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Multiple emergencies").first.click()
    page.wait_for_url(site_url + "multiple-emergencies/")
    page.locator("div.mermaid svg").wait_for(timeout=30000)
    page.locator(".md-nav__link", has_text="US Federal").first.click()
    page.wait_for_url(site_url + "us-federal/")
    page.locator("div.mermaid svg").get_by_text("(off-hours)").wait_for(timeout=30000)
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert len(mermaid_loads(chart_watch)) == 1, "Mermaid was loaded more than once"
