"""The routing checkers answer in the browser, computed by Python in Pyodide: who takes a
second page, whether US Federal on-call is working (with its live Pacific clock), the SaaS triage,
special handling, the "stuck" ladder, and the widespread-incident helper. The `watch` fixture fails
each test on a console error or a request to another origin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from checkers.rules import stuck
from checkers.rules.special_handling import CUSTOMER_STEPS
from checkers.texts.incident import SEARCHES

PDT = timezone(timedelta(hours=-7))
ISSUE = "https://gitlab.com/gitlab-com/gl-infra/production/-/issues/12345"


def result_of(page, name: str):
    return page.locator(f"[data-checker={name}] .checker__result")


def wait_outcome(watch, name: str, code: str, title: str) -> None:
    """Wait until the checker shows `code`, then check the title shown with it."""
    watch.wait_for(f"document.querySelector('[data-checker={name}] .checker__code')?.textContent === '{code}'")
    assert watch.page.locator(f"[data-checker={name}] .checker__outcome strong").inner_text() == title


def local_input_value(page, instant: datetime) -> str:
    """The datetime-local value for an instant in the browser's own time zone, whatever it is."""
    millis = int(instant.timestamp() * 1000)
    return page.evaluate(
        f"""(() => {{ const d = new Date({millis}); const p = (n) => String(n).padStart(2, "0");
            return `${{d.getFullYear()}}-${{p(d.getMonth() + 1)}}-${{p(d.getDate())}}` +
              `T${{p(d.getHours())}}:${{p(d.getMinutes())}}`; }})()"""
    )


def allow_clipboard(watch, site_url):
    watch.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


# ---- concurrent ----------------------------------------------------------------------------------


def test_apac_saturday_during_the_trial_escalates_the_page(watch, site_url):
    page = watch.page
    page.goto(site_url + "multiple-emergencies/")
    watch.wait_ready("[data-checker=concurrent]")
    # In the order each answer brings in the next question: region, then the time for APAC.
    page.locator("#chk-concurrent-handling-other-emergency-true").check()
    page.locator("#chk-concurrent-region-APAC").check()
    page.locator("#chk-concurrent-at").fill("2023-01-14T09:30")  # a Saturday on the reader's own clock
    page.locator("#chk-concurrent-at").dispatch_event("change")
    result = result_of(page, "concurrent")
    wait_outcome(
        watch,
        "concurrent",
        "escalate-page",
        "APAC weekend during the trial: escalate the page to reach the backup engineers",
    )
    assert "Escalate the page, instead of acknowledging/resolving it." in result.inner_text()
    assert page.locator("[data-checker=concurrent] tr.is-current").get_attribute("data-outcome") == "escalate-page"


def test_amer_concurrent_emergency_names_the_regional_group(watch, site_url):
    page = watch.page
    page.goto(site_url + "multiple-emergencies/")
    watch.wait_ready("[data-checker=concurrent]")
    page.locator("#chk-concurrent-handling-other-emergency-true").check()  # brings in the region question
    page.locator("#chk-concurrent-region-AMER").check()
    result = result_of(page, "concurrent")
    wait_outcome(watch, "concurrent", "contact-manager", "Concurrent emergency: contact the Support Manager on-call")
    assert "@support-team-americas" in result.inner_text()
    page.locator("#chk-concurrent-handling-other-emergency-false").check()
    wait_outcome(watch, "concurrent", "handle", "No other emergency: acknowledge the page and own it")


# ---- us-federal ----------------------------------------------------------------------------------


def test_the_pacific_clock_ticks_and_python_decides_again_when_the_minute_changes(watch, site_url):
    page = watch.page
    # 2024-03-10 is the day daylight saving time starts: 04:59 PDT is 11:59 UTC.
    # The fake clock starts 30 s before the pause: time enough to load the page, and a jump shorter
    # than the page's 60 s start-up timeout for Python, which a longer jump would set off.
    page.clock.install(time=datetime(2024, 3, 10, 4, 59, 0, tzinfo=PDT))
    # The clock reads the Pacific offsets the build wrote, not an Intl formatter (~100 ms on a phone).
    page.add_init_script("""{
      const Formatter = Intl.DateTimeFormat;
      window.formattersMade = 0;
      Intl.DateTimeFormat = function (...args) { window.formattersMade += 1; return new Formatter(...args); };
    }""")
    page.goto(site_url + "us-federal/")
    page.clock.pause_at(datetime(2024, 3, 10, 4, 59, 30, tzinfo=PDT))
    watch.wait_ready("[data-checker=us-federal]")
    clock = page.locator("[data-checker=us-federal] .fed-clock__time")
    assert clock.text_content() == "Sun 10 Mar 2024, 04:59:30 PDT"
    result = result_of(page, "us-federal")
    wait_outcome(watch, "us-federal", "off-hours", "Outside US Federal on-call hours")
    assert "2024-03-10T05:00-07:00" in result.inner_text()  # the next start, in Pacific Time

    page.clock.run_for(1000)
    assert clock.text_content() == "Sun 10 Mar 2024, 04:59:31 PDT"

    page.clock.run_for(30_000)  # past 05:00:00: the new minute is sent to Python, which says on-call
    wait_outcome(watch, "us-federal", "on-call", "Within US Federal on-call hours")
    assert "the AM shift" in result.inner_text()
    assert clock.text_content() == "Sun 10 Mar 2024, 05:00:01 PDT"
    assert page.locator("[data-checker=us-federal] tr.is-current").get_attribute("data-outcome") == "on-call"
    # The new decision is announced; the clock itself is a timer, not a live region.
    assert result.get_attribute("aria-live") == "polite"
    assert page.locator("[data-checker=us-federal] .fed-clock").get_attribute("role") == "timer"
    assert page.evaluate("window.formattersMade") == 0


def test_a_pacific_time_is_entered_as_such_whatever_the_readers_zone(watch, site_url):
    page = watch.page
    page.goto(site_url + "us-federal/")
    watch.wait_ready("[data-checker=us-federal]")
    widget = page.locator("[data-checker=us-federal]")
    # The help says what the control takes: no offset to type.
    assert "UTC offset" not in widget.locator("#chk-us-federal-at-help").inner_text()
    widget.get_by_label("Time zone").select_option(label="Pacific Time")
    field = page.locator("#chk-us-federal-at")
    field.fill("2024-11-03T04:59")  # the morning the clocks went back: PST, UTC-08:00
    field.dispatch_event("change")
    wait_outcome(watch, "us-federal", "off-hours", "Outside US Federal on-call hours")
    offset = widget.locator(".checker__offset")
    assert offset.inner_text() == "UTC-08:00 (Pacific Time)"
    watch.wait_for("decodeURIComponent(location.search).includes('us-federal.at=2024-11-03T04:59-08:00')")
    field.fill("2024-11-03T05:00")
    field.dispatch_event("change")
    wait_outcome(watch, "us-federal", "on-call", "Within US Federal on-call hours")
    watch.wait_for("decodeURIComponent(location.search).includes('us-federal.at=2024-11-03T05:00-08:00')")

    # The link opens with the same wall-clock time, in Pacific Time, and the offset beside it.
    permalink = page.url
    page.goto("about:blank")
    page.goto(permalink)
    watch.wait_ready("[data-checker=us-federal]")
    wait_outcome(watch, "us-federal", "on-call", "Within US Federal on-call hours")
    assert field.input_value() == "2024-11-03T05:00"
    assert widget.get_by_label("Time zone").input_value() == "America/Los_Angeles"
    assert offset.inner_text() == "UTC-08:00 (Pacific Time)"


def test_an_entered_time_is_judged_in_pacific_time_across_the_november_change(watch, site_url):
    page = watch.page
    page.goto(site_url + "us-federal/")
    watch.wait_ready("[data-checker=us-federal]")
    field = page.locator("#chk-us-federal-at")
    # 2024-11-03 12:59 UTC is 04:59 PST, the morning the clocks went back.
    field.fill(local_input_value(page, datetime(2024, 11, 3, 12, 59, tzinfo=UTC)))
    field.dispatch_event("change")
    result = result_of(page, "us-federal")
    wait_outcome(watch, "us-federal", "off-hours", "Outside US Federal on-call hours")
    text = result.inner_text()
    assert "2024-11-03T04:59-08:00" in text and "2024-11-03T05:00-08:00" in text
    assert "04:59 Pacific Time falls outside the on-call hours" in text  # the day bar's caption
    # Details under the checker's own labels, never a raw field name.
    details = result.locator(".checker__fields dt").all_inner_texts()
    assert "Next start of business hours, in Pacific Time" in details
    assert not [d for d in details if "_" in d or d.lower().startswith("next on call")]
    assert "Sunday 2024-11-03 at 04:59 Pacific Time falls outside on-call hours" in text  # a given time: no "It is"

    field.fill(local_input_value(page, datetime(2024, 11, 3, 19, 0, tzinfo=UTC)))  # 11:00 PST
    field.dispatch_event("change")
    wait_outcome(watch, "us-federal", "on-call", "Within US Federal on-call hours")
    assert "the PM shift" in result.inner_text()


# ---- saas-triage ---------------------------------------------------------------------------------


def test_a_feature_flag_affecting_several_customers(watch, site_url):
    page = watch.page
    page.goto(site_url + "saas/")
    watch.wait_ready("[data-checker=saas-triage]")
    page.locator("#chk-saas-triage-category-feature-flag").check()
    page.locator("#chk-saas-triage-multiple-customers-true").check()
    result = result_of(page, "saas-triage")
    wait_outcome(watch, "saas-triage", "feature-flag", "Broken functionality due to a feature flag")
    text = result.inner_text()
    assert "disable it through ChatOps" in text
    assert "This is affecting multiple customers: declare an incident" in text
    assert "Success may mean: reproducing, identifying or creating a bug report" in text
    assert text.index("First check GitLab.com Status") < text.index("Initiate a call")


def test_a_known_incident_needs_no_call_and_ci_minutes_get_the_courtesy(watch, site_url):
    page = watch.page
    page.goto(site_url + "saas/")
    watch.wait_ready("[data-checker=saas-triage]")
    page.locator("#chk-saas-triage-category-regression").check()
    page.locator("#chk-saas-triage-known-incident-true").check()
    result = result_of(page, "saas-triage")
    wait_outcome(
        watch, "saas-triage", "known-incident", "A known incident: link the status page and the incident issue"
    )
    assert "Support::SaaS::Incident First Response" in result.inner_text()
    page.locator("#chk-saas-triage-category-ci-minutes").check()
    wait_outcome(watch, "saas-triage", "ci-minutes", "CI minutes quota is blocking a production deployment")
    assert "additional 1000 minutes" in result.inner_text()


# ---- special-handling ----------------------------------------------------------------------------


def test_compromised_instance_steps_are_a_nested_list_to_copy(watch, site_url):
    allow_clipboard(watch, site_url)
    page = watch.page
    page.goto(site_url + "special-handling/")
    watch.wait_ready("[data-checker=special-handling]")
    page.locator("#chk-special-handling-case-compromised-instance").check()
    result = result_of(page, "special-handling")
    steps = result.locator("ol.customer-steps")
    steps.wait_for()
    items = steps.locator(":scope > li")
    assert items.count() == len(CUSTOMER_STEPS)
    for index, (step, points) in enumerate(CUSTOMER_STEPS):
        assert items.nth(index).inner_text().startswith(step)
        assert items.nth(index).locator(":scope > ul > li").all_inner_texts() == list(points)
    # The steps appear once, nested under "The customer should:", not also flattened beside it.
    text = result.inner_text()
    assert text.count(CUSTOMER_STEPS[0][0]) == 1
    assert "Do not offer or join a call without engaging the Support Manager on-call" in text
    assert "Incident::Compromised Instance" in text
    result.get_by_role("button", name="Copy the customer's steps").click()
    copied = clipboard(page)
    assert copied.startswith("The customer should:\n1. Shut the instance down immediately.")
    assert "   - Avoid exposing the new instance to the Internet" in copied


def test_single_user_same_day_purchase_has_no_customer_steps(watch, site_url):
    page = watch.page
    page.goto(site_url + "special-handling/")
    watch.wait_ready("[data-checker=special-handling]")
    page.locator("#chk-special-handling-case-single-user-same-day-purchase").check()
    result = result_of(page, "special-handling")
    wait_outcome(
        watch,
        "special-handling",
        "engage-manager-before-call",
        "Single user, same day purchase: engage the Support Manager on-call before offering a call",
    )
    assert result.locator("ol.customer-steps").count() == 0


# ---- stuck ---------------------------------------------------------------------------------------


def test_saas_weekend_ladder_and_the_phrases_to_copy(watch, site_url):
    allow_clipboard(watch, site_url)
    page = watch.page
    page.goto(site_url + "when-stuck/")
    watch.wait_ready("[data-checker=stuck]")
    page.locator("#chk-stuck-deployment-saas").check()
    page.locator("#chk-stuck-at").fill("2024-03-09T03:00")  # a Saturday on the reader's clock
    page.locator("#chk-stuck-at").dispatch_event("change")
    page.locator("#chk-stuck-still-stuck-true").check()
    result = result_of(page, "stuck")
    wait_outcome(
        watch, "stuck", "ask-cmoc", "A SaaS emergency at the weekend: check whether the CMOC engineer on call can help"
    )
    page.locator("#chk-stuck-cmoc-tried-true").check()
    wait_outcome(
        watch,
        "stuck",
        "manager-or-dev-escalation",
        "Still stuck: contact the manager on-call or start the dev-escalation process",
    )

    phrases = result.locator(".stuck-phrases > li")
    assert phrases.locator(".stuck-phrases__text").all_inner_texts() == list(stuck.PHRASES)
    last = stuck.PHRASES[-1]
    button = phrases.nth(len(stuck.PHRASES) - 1).get_by_role("button")
    assert button.get_attribute("aria-label") == f"Copy phrase 5: {last}"
    button.click()
    assert clipboard(page) == last


# ---- the widespread-incident helper --------------------------------------------------------------


def helper(page):
    return page.locator("[data-helper=incident]")


def wait_helper_ready(watch):
    watch.wait_for("document.querySelector('[data-helper=incident] .checker__status')?.dataset.state === 'ready'")


def test_incident_helper_prepares_tag_searches_and_response(watch, site_url):
    allow_clipboard(watch, site_url)
    page = watch.page
    page.goto(site_url + "saas/")
    wait_helper_ready(watch)
    helper(page).locator(".incident-helper__result").get_by_text("Enter the incident number").wait_for()
    page.locator("#chk-incident-incident-number").fill("12345")
    page.locator("#chk-incident-production-issue-url").fill(ISSUE)
    output = helper(page).locator(".incident-helper__result")
    output.get_by_text("incident-12345", exact=True).wait_for()
    for search in SEARCHES:
        link = output.get_by_role("link", name=search["label"])
        assert link.get_attribute("href") == search["url"]
        assert output.get_by_text(search["query"], exact=True).count() == 1
    draft = output.locator(".incident-helper__draft")
    draft.get_by_text(ISSUE).wait_for()
    assert "status.gitlab.com" in draft.inner_text()
    assert "Submit it with the status Solved." in output.inner_text()
    assert (
        "Verify that each ticket is related to the incident" in output.locator(".incident-helper__caution").inner_text()
    )

    output.get_by_role("button", name="Copy the bulk response").click()
    assert clipboard(page) == draft.inner_text()
    output.get_by_role("button", name="Copy tag incident-12345").click()
    assert clipboard(page) == "incident-12345"


def test_incident_helper_names_bad_input_next_to_its_field(watch, site_url):
    page = watch.page
    page.goto(site_url + "saas/")
    wait_helper_ready(watch)
    page.locator("#chk-incident-incident-number").fill("12a45")
    error = page.locator("#chk-incident-incident-number-error")
    error.get_by_text("expected digits only").wait_for()
    assert error.inner_text().startswith("Incident number:")
    assert page.locator("#chk-incident-incident-number").get_attribute("aria-invalid") == "true"

    page.locator("#chk-incident-incident-number").fill("12345")
    page.locator("#chk-incident-status-page-url").fill("status.gitlab.com")
    url_error = page.locator("#chk-incident-status-page-url-error")
    url_error.get_by_text("expected an http(s) URL").wait_for()
    assert error.is_hidden() and page.locator("#chk-incident-incident-number").get_attribute("aria-invalid") is None
    assert page.locator("#chk-incident-status-page-url").get_attribute("aria-invalid") == "true"

    page.locator("#chk-incident-status-page-url").fill("")
    helper(page).locator(".incident-helper__result").get_by_text("incident-12345", exact=True).wait_for()
    assert url_error.is_hidden()
    # No production issue yet: the ticket stays open, and the follow-up is spelled out.
    assert "Submit it with the status Open." in helper(page).inner_text()


def test_incident_helper_mounts_after_instant_navigation(watch, site_url):
    page = watch.page
    page.goto(site_url + "when-stuck/")
    watch.wait_ready("[data-checker=stuck]")
    page.evaluate("window.__sameDocument = true")
    for _ in range(2):  # the second visit reuses the module already loaded
        page.locator(".md-nav__link", has_text="SaaS emergencies").first.click()
        page.wait_for_url(site_url + "saas/")
        wait_helper_ready(watch)
        page.locator("#chk-incident-incident-number").fill("777")
        helper(page).get_by_text("incident-777", exact=True).first.wait_for()
        page.locator(".md-nav__link", has_text="US Federal").first.click()
        page.wait_for_url(site_url + "us-federal/")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"


@pytest.mark.parametrize("width", [375])
def test_widgets_fit_a_phone(browser, site_url, width):
    # Nothing on these pages is wider than a phone's screen (the flowcharts reflow into one column).
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("multiple-emergencies/", "us-federal/", "saas/", "special-handling/", "when-stuck/"):
        page.goto(site_url + path)
        page.locator("[data-checker] .checker__form").first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    context.close()
