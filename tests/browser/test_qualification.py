"""The qualification checker answers in the browser, computed by Python in Pyodide, and one
Python runtime serves the whole visit across instant navigations."""

from __future__ import annotations


def wasm_loads(watch) -> int:
    return sum(1 for url in watch.requests if url.endswith("pyodide.asm.wasm"))


def test_answering_the_form_shows_outcome_macro_and_citation(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    page.get_by_role("group", name="Is a GitLab server or cluster in production").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="Does the situation meet one of the exception criteria").get_by_label(
        "Yes", exact=True
    ).check()
    result = page.locator("[data-checker=qualification] .checker__result")
    result.get_by_text("Not a strict emergency, but an exception is warranted").wait_for()
    assert "General::Emergency::Exception" in result.inner_text()
    assert "as a courtesy" in result.inner_text()
    link = result.get_by_role("link", name="Communicate if the situation qualifies as an emergency or as an exception")
    assert (
        link.get_attribute("href")
        == site_url + "qualifying/#communicate-if-the-situation-qualifies-as-an-emergency-or-as-an-exception"
    )
    # The matching row of the static decision table is highlighted.
    assert page.locator("[data-checker=qualification] tr.is-current").get_attribute("data-outcome") == "exception"


def test_a_question_asked_again_keeps_its_answer(watch, site_url):
    """Production down hides the exception question; back to "no", it shows again with the answer the
    reader gave, and the result uses that answer (it said "is required" beside a checked "No")."""
    page = watch.page
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    result = page.locator("[data-checker=qualification] .checker__result")
    page.locator("#chk-qualification-production-unusable-no").check()
    page.locator("#chk-qualification-exception-criteria-no").check()
    result.locator(".checker__outcome", has_text="not-an-emergency").wait_for()
    page.locator("#chk-qualification-production-unusable-yes").check()
    result.locator(".checker__outcome", has_text="strict").wait_for()
    assert page.locator("#chk-qualification-exception-criteria-no").is_hidden()
    page.locator("#chk-qualification-production-unusable-no").check()
    result.locator(".checker__outcome", has_text="not-an-emergency").wait_for()
    assert page.locator("#chk-qualification-exception-criteria-no").is_checked()
    assert "required" not in result.inner_text()
    # The link keeps it too, so that a reader it is shared with sees the same decision: it was
    # written before the reply showed the question again, and left the answer out.
    watch.wait_for("location.search.includes('exception_criteria=no')")


def test_needs_more_info_keeps_the_earlier_tag(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    page.locator("#chk-qualification-production-unusable-yes").check()
    # The exception question is not asked once production is down.
    page.locator("#chk-qualification-had-needs-more-info-true").check()
    result = page.locator("[data-checker=qualification] .checker__result")
    # Wait for the answer to the last change, not an earlier one that also said "strict".
    result.get_by_text("General::Emergency::Needs more info", exact=True).wait_for()
    text = result.inner_text()
    assert "General::Emergency::Needs more info" in text and "General::Emergency::Strict Definition" in text


def test_an_unanswered_question_is_named_not_shouted(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    # The exception question waits for the strict definition's answer: answer another one.
    page.locator("#chk-qualification-had-needs-more-info-true").check()
    result = page.locator("[data-checker=qualification] .checker__result")
    result.get_by_text("Still to answer: Is a GitLab server or cluster in production").wait_for()
    assert page.locator("[data-checker=qualification] .checker__error:visible").count() == 0


def test_instant_navigation_reuses_the_python_runtime(watch, site_url):
    page = watch.page
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Responding to a page").first.click()
    page.wait_for_url(site_url + "responding/")
    page.locator(".md-nav__link", has_text="Qualifying an emergency").first.click()
    page.wait_for_url(site_url + "qualifying/")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    watch.wait_ready()
    page.locator("#chk-qualification-production-unusable-no").check()
    page.locator("#chk-qualification-exception-criteria-no").check()
    page.locator("[data-checker=qualification] .checker__result").get_by_text("Not an emergency", exact=True).wait_for()
    assert wasm_loads(watch) == 1, "Pyodide was booted more than once"


def test_without_the_runtime_the_page_says_so_and_keeps_the_table(browser, site_url):
    context = browser.new_context()
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    context.add_init_script("window.HANDBOOK_STARTUP_TIMEOUT_MS = 8000")  # the real one is a minute
    page = context.new_page()
    page.goto(site_url + "qualifying/")
    status = page.locator("[data-checker=qualification] .checker__status")
    status.get_by_text("Python could not start").wait_for(timeout=30000)
    assert status.get_attribute("data-state") == "error"
    table = page.locator("[data-checker=qualification] table")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 4
    context.close()
