"""Each chart is in the page as the build wrote it, laid out by CSS alone: visible with every
outcome's code, with no diagram library fetched and no script needed, on a full load and after
instant navigation alike; on a phone it stacks into one column and never overflows the screen."""

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
CHART_PAGES = (*PAGES.values(), "paged/")  # paged/ carries the whole flow's chart


def chart_requests(watch) -> list[str]:
    return [url for url in watch.requests if "mermaid" in url.lower() or "/flowchart/" in url]


def on_screen(page, chart) -> None:
    """Scroll the chart into view and wait until it is rendered (innerText is empty for content the
    browser skips off screen, should a chart ever be given content-visibility)."""
    fold = chart.locator("xpath=ancestor::details[1]")
    if fold.count() and not fold.evaluate("d => d.open"):  # the guided page's chart is folded: open it as a reader does
        fold.locator("summary").click()
    chart.scroll_into_view_if_needed()
    for _ in range(100):
        if chart.evaluate("f => f.innerText.trim() !== ''"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the chart was never rendered")


def chart_text(page, name: str) -> str:
    chart = page.locator(f'figure.flowchart[data-flowchart="{name}"]')
    chart.wait_for()
    assert chart.is_visible() and chart.bounding_box()["height"] > 100
    return chart.inner_text()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_chart_is_visible_with_every_outcome_and_no_library(watch, site_url, name):
    page = watch.page
    page.goto(site_url + PAGES[name])
    text = chart_text(page, name)
    for outcome in checkers.get(name).outcomes:
        assert f"({outcome.code})" in text, f"{outcome.code} is not in the chart"
    assert "matches" in text and "no match" in text  # the arrows' words are text a screen reader reads
    assert chart_requests(watch) == []
    # Nothing on the page is, or defines, a diagram library.
    assert page.evaluate("typeof window.mermaid") == "undefined"


def test_the_flow_chart_shows_every_step_once_on_screen(watch, site_url):
    from checkers.flows.paged import FLOW

    page = watch.page
    page.goto(site_url + "paged/")
    fold = page.locator("details.flowchart__fold")
    assert fold.evaluate("d => !d.open"), "the guided page's chart starts folded"
    assert f"({len(FLOW.steps)} steps)" in fold.locator("summary").inner_text()
    on_screen(page, page.locator('figure.flowchart[data-flowchart="paged"]'))  # at the end of the page
    text = chart_text(page, "paged")
    kinds = {"checker": "checker", "text": "do", "checklist": "checklist"}
    for index, step in enumerate(FLOW.steps, start=1):
        assert f"{index}. {step.title}" in text and f"({kinds[step.kind]}: {step.id})" in text, step.id
    assert text.index("The page comes in") < text.index("1. ") and text.rstrip().endswith("Resolved, or handed over")
    assert chart_requests(watch) == []


@pytest.mark.parametrize("path", ["us-federal/", "paged/"])
def test_the_chart_needs_no_script(browser, site_url, path):
    # With JavaScript off the chart is exactly the same: the build wrote it, CSS lays it out.
    def layout(context):
        page = context.new_page()
        page.goto(site_url + path)
        chart = page.locator("figure.flowchart")
        on_screen(page, chart)
        shape = chart.evaluate(
            "f => [f.innerText, f.getBoundingClientRect().height,"
            " [...f.querySelectorAll('.flowchart__box')].map(b => b.getBoundingClientRect().x)]"
        )
        context.close()
        return shape

    with_script = layout(browser.new_context())
    without = layout(browser.new_context(java_script_enabled=False))
    assert without == with_script and with_script[1] > 100


def test_instant_navigation_shows_the_charts_with_nothing_loaded_for_them(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")  # a page without a chart
    page.locator("[data-checker=qualification]").wait_for()
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Multiple emergencies").first.click()
    page.wait_for_url(site_url + "multiple-emergencies/")
    assert "(escalate-page)" in chart_text(page, "concurrent")
    page.locator(".md-nav__link", has_text="US Federal").first.click()
    page.wait_for_url(site_url + "us-federal/")
    assert "(off-hours)" in chart_text(page, "us-federal")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert chart_requests(watch) == []


def boxes(page, name: str) -> dict[str, dict]:
    """Row 1's decision box and its outcome box, where the browser laid them out, both read in the
    same moment (the page above may still grow as its form mounts)."""
    page.locator(f'figure.flowchart[data-flowchart="{name}"] [data-row="1"]').wait_for()
    return page.evaluate(
        """(name) => {
            const row = document.querySelector(`figure.flowchart[data-flowchart="${name}"] [data-row="1"]`);
            const box = (selector) => {
                const r = row.querySelector(selector).getBoundingClientRect();
                return { x: r.x, y: r.y, width: r.width, height: r.height };
            };
            return { decision: box(".flowchart__box--decision"), outcome: box(".flowchart__box--outcome") };
        }""",
        name,
    )


def test_on_a_wide_screen_the_outcome_sits_to_the_right_of_its_decision(watch, site_url):
    watch.page.goto(site_url + "multiple-emergencies/")
    found = boxes(watch.page, "concurrent")
    assert found["outcome"]["x"] > found["decision"]["x"] + found["decision"]["width"]
    decision_middle = found["decision"]["y"] + found["decision"]["height"] / 2
    assert found["outcome"]["y"] < decision_middle < found["outcome"]["y"] + found["outcome"]["height"]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_on_a_phone_the_chart_stacks_and_fits_the_screen(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + path)
    chart = page.locator("figure.flowchart")
    on_screen(page, chart)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), f"{path} overflows at 390 px"
    assert chart.evaluate("f => f.scrollWidth <= f.clientWidth"), f"{path}: the chart is wider than its box"
    if path != "paged/":
        name = chart.get_attribute("data-flowchart")
        found = boxes(page, name)
        # Under its decision, indented.
        assert found["outcome"]["y"] >= found["decision"]["y"] + found["decision"]["height"]
        assert found["outcome"]["x"] > found["decision"]["x"]
    context.close()
