"""The strict Content-Security-Policy in every page is enforced, the gate notices a violation, and
the site works under it: Material's start-up scripts (moved to files) and the Pyodide worker, also
when a host sends the policy as a header, which is the only way it reaches the worker."""

from __future__ import annotations

from urllib.parse import urlsplit

from site_build.finish import csp
from site_build.serve import serve_in_thread

from .helpers import answer_every_checker
from .test_keyboard import pages_with_checkers


def test_an_inline_script_is_refused_and_the_watch_reports_it(watch, site_url):
    page = watch.page
    page.goto(site_url)
    page.evaluate("""() => { const s = document.createElement("script");
                            s.textContent = "window.__inlineRan = true"; document.body.append(s); }""")
    for _ in range(100):  # the report arrives through an exposed function, while Playwright waits
        reported = [e for e in watch.errors if e.startswith("CSP violation: script-src")]
        if reported:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.__inlineRan === undefined"), "an inline script ran despite the policy"
    assert reported, watch.errors
    watch.errors.clear()  # the violation was the point of this test


def test_the_palette_choice_survives_a_page_load(watch, site_url):
    """scope.js and palette.js (Material's inline scripts, moved out) store and restore it."""
    page = watch.page
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.locator("label[title='Switch to dark mode']").first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.goto(site_url + "glossary/")  # a full load: only the restorer can bring the choice back
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"


def test_the_worker_boots_when_the_host_sends_the_policy_as_a_header(watch, built_site):
    server, url = serve_in_thread(built_site, headers={"Content-Security-Policy": csp.POLICY})
    try:
        watch.origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        path = sorted(pages_with_checkers(built_site).values())[0][0]
        response = watch.page.goto(url + path)
        assert response.headers["content-security-policy"] == csp.POLICY
        assert answer_every_checker(watch)
        assert any(u.endswith("/worker.mjs") for u in watch.requests)
    finally:
        server.shutdown()
