"""What the quality-gate browser tests share: every page of the built site (from its sitemap, so
pages others add are covered without a list to maintain), and every checker on a page put into an
answered state through its own controls, whatever checkers exist at test time."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# The path a variant of the site is built and served under (a site_url such as http://host/handbook/).
SUB_PATH = "/handbook/"

# A fixed instant for required date and date-time questions: results do not depend on today.
SAMPLE = {
    "date": "2024-03-01",
    "datetime": "2024-03-01T10:30",
    "url": "https://example.zendesk.com/agent/tickets/1",
    "text": "example",
    "date-list": "2024-03-04",
}


def page_paths(site: Path) -> list[str]:
    """Every page of the built site as a path relative to its root ('' for the home page)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    root = min(locs, key=len)  # the home page's <loc> is the site_url itself
    paths = [loc[len(root) :] for loc in locs]
    if (site / "404.html").exists():  # a theme template, not in the sitemap, but readers land on it
        paths.append("404.html")
    return paths


def wait_checkers_ready(watch) -> int:
    """Wait until every checker on the page has Python ready; return how many there are. One read
    of the page for all of them, so a page swapped in meanwhile (instant navigation) is never
    half-read: the states checked are those of the checkers counted."""
    states = watch.wait_for(
        """(() => { const states = [...document.querySelectorAll('[data-checker]')].map((w) => {
                      const s = w.querySelector('.checker__status');
                      return s ? [s.dataset.state, s.textContent] : ['ready', '']; });
                    return states.every(([state]) => state === 'ready' || state === 'error') ?
                      { states } : null; })()"""
    )["states"]
    failed = [text for state, text in states if state != "ready"]
    assert not failed, failed
    return len(states)


def _answer_visible(widget) -> None:
    """Answer what is shown now. Python's reply to one answer may hide a question seen a moment
    before (it is asked only when it matters): such a question is passed over, not waited for; the
    caller answers again until the checker decides."""
    try:
        for field in widget.locator("fieldset[data-question]:has(input[type=radio][required])").all():
            if field.is_visible() and field.locator("input:checked").count() == 0:
                field.locator("input[type=radio]").first.check(timeout=3000)
        for control in widget.locator("[data-question] input[required], [data-question] textarea[required]").all():
            if control.is_visible() and not control.input_value():
                kind = control.locator("xpath=ancestor::*[@data-question][1]").get_attribute("data-kind")
                control.fill(SAMPLE[kind], timeout=3000)
                control.dispatch_event("change", timeout=3000)
    except PlaywrightTimeoutError:
        pass


def _unfold(widget) -> None:
    """On the guided page a step the path skips folds away; a gate that answers every
    checker opens it as a reader would, with its "Show this step anyway" button."""
    section = widget.evaluate(
        "(w) => { const b = w.closest('[data-flow-section-body]'); "
        "return b && b.hidden ? b.dataset.flowSectionBody : null; }"
    )
    if section:
        widget.page.locator(f'[data-flow-section-skipped="{section}"] button').click()


def answer_every_checker(watch) -> list[str]:
    """Answer every required question of every checker on the page with its first option (or a
    fixed sample value), wait for each result, and return the outcome codes shown."""
    page = watch.page
    widgets = page.locator("[data-checker]")
    outcomes = []
    for index in range(wait_checkers_ready(watch)):
        widget = widgets.nth(index)
        name = widget.get_attribute("data-checker")
        # Answers already on the page (a default, a value from the URL) stay as they are. An answer may
        # bring in a question asked only then: answer again until the checker decides.
        code = None
        for _ in range(4):
            _unfold(widget)
            _answer_visible(widget)
            try:
                code = watch.wait_for(
                    f"""(() => {{ const w = document.querySelectorAll('[data-checker]')[{index}];
                         const o = w.querySelector('.checker__result .checker__outcome .checker__code');
                         return o ? o.textContent : null; }})()""",
                    timeout=15,
                )
                break
            except AssertionError:
                continue
        if code is None:
            raise AssertionError(
                f"{name}: no outcome after answering every required question; the page says: "
                f"{widget.locator('.checker__result').inner_text()!r}"
            )
        outcomes.append(f"{name}:{code}")
    return outcomes


def hold_requests(page, pattern: str):
    """Hold back the page's requests matching `pattern` (as a slow phone would get them late) until
    the returned `release()`: what a test does before then happens first, every time."""
    from playwright.sync_api import Error as PlaywrightError

    held = []

    def hold(route):
        held.append(route)

    page.route(pattern, hold)

    def release():
        page.unroute(pattern, hold)
        for route in held:
            try:
                route.continue_()
            except PlaywrightError:  # the page dropped it, or unroute let it go on, meanwhile
                pass

    return release
