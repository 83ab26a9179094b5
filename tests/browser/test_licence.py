"""The licence checker as a new user meets it on a Saturday: the outcome, the dates on screen (the
timeline's text equivalent), and text to paste for the customer and the L&R team.

The page runs in America/Los_Angeles, so Saturday 20:00 there is already Sunday in UTC: the dates
shown must be the reader's own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect


def clipboard_once_it_starts_with(watch, prefix: str) -> str:
    """The clipboard write is asynchronous: poll until the copied text has arrived."""
    return watch.wait_for(
        f"navigator.clipboard.readText().then(text => text.startsWith({prefix!r}) ? text : null)", timeout=15
    )


READER_ZONE = "America/Los_Angeles"


def open_checker(watch, site_url, zone: str = READER_ZONE):
    page = watch.page
    # Chromium's own time-zone emulation, set before the page loads so its scripts see it.
    page.context.new_cdp_session(page).send("Emulation.setTimezoneOverride", {"timezoneId": zone})
    page.goto(site_url + "licence/")
    watch.wait_ready("[data-checker=licence]")
    return page, page.locator("[data-checker=licence]")


def reader_today() -> str:
    return datetime.now(ZoneInfo(READER_ZONE)).date().isoformat()


def timeline_items(widget):
    return widget.get_by_role("figure", name="The dates that decide this case").get_by_role("listitem")


def test_saturday_self_managed_with_a_monday_holiday(watch, site_url):
    page, widget = open_checker(watch, site_url)
    before = reader_today()
    expiry = widget.get_by_label("When does (or did) the subscription expire?")
    assert expiry.input_value() in {before, reader_today()}, "the expiry date starts at today on the reader's clock"

    widget.get_by_role("group", name="Where does the customer run GitLab?").get_by_label("Self-managed").check()
    page.locator("#chk-licence-now").fill("2025-03-08T20:00")  # Saturday evening; Sunday 04:00 in UTC
    expiry.fill("2025-02-24")
    widget.get_by_label("Holidays that are not business days").fill("2025-03-10")
    result = widget.locator(".checker__result")

    # The grace period ends on Monday, a holiday: Tuesday is the next business day, too late.
    result.get_by_text("Generate a short-term (7-14 day) trial licence", exact=False).wait_for()
    assert result.locator(".checker__code").inner_text() == "trial-licence"
    expect(timeline_items(widget)).to_have_text(
        [
            "Monday 2025-02-24: Subscription expired",
            "Saturday 2025-03-08: Today (your date, UTC-08:00)",
            "Monday 2025-03-10: 14-day grace period ends",
            "Tuesday 2025-03-11: Next business day",
            "Saturday 2025-03-15: 7-day trial licence ends",
        ]
    )
    # The picture is for the eyes only; the list above is what a screen reader reads.
    picture = widget.locator("figure svg")
    assert picture.get_attribute("aria-hidden") == "true"
    assert picture.locator("circle").count() == 5
    assert "Sat 15 Mar" in picture.text_content()
    assert picture.bounding_box()["width"] <= widget.locator(".checker__result").bounding_box()["width"]
    assert widget.locator(".licence-warning").count() == 0

    say = result.locator(".checker__say").first.inner_text()
    assert "Tuesday 2025-03-11" in say and "7-day licence" in say and "valid until Saturday 2025-03-15" in say
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=watch.origin)
    result.get_by_role("button", name="Copy the hand-over for the L&R team").click()
    pasted = clipboard_once_it_starts_with(watch, "Licence emergency, self-managed")
    assert pasted.startswith("Licence emergency, self-managed")
    assert "from Saturday 2025-03-08 to Saturday 2025-03-15" in pasted and "Ticket: [ticket link]" in pasted

    # Without the holiday, Monday is the next business day and the grace period just covers it.
    widget.get_by_label("Holidays that are not business days").fill("")
    result.get_by_text("A standard L&R case in business hours", exact=False).wait_for()
    assert result.locator(".checker__code").inner_text() == "standard-lr"
    expect(timeline_items(widget)).to_have_text(
        [
            "Monday 2025-02-24: Subscription expired",
            "Saturday 2025-03-08: Today (your date, UTC-08:00)",
            "Monday 2025-03-10: 14-day grace period ends",
            "Monday 2025-03-10: Next business day",
        ]
    )
    assert "ends on the next business day itself" in result.inner_text()


def test_left_alone_the_form_answers_for_today_on_the_readers_clock(watch, site_url):
    page, widget = open_checker(watch, site_url)
    widget.get_by_role("group", name="Where does the customer run GitLab?").get_by_label("Self-managed").check()
    result = widget.locator(".checker__result")
    result.get_by_text("A standard L&R case in business hours", exact=False).wait_for()
    today = widget.get_by_label("When does (or did) the subscription expire?").input_value()
    items = timeline_items(widget)
    expect(items.filter(has_text="Today (your date, UTC-0")).to_have_count(1)
    assert items.filter(has_text="Today (your date").inner_text().split(" ")[1].rstrip(":") == today
    assert "expired today" in result.locator(".checker__say").first.inner_text()

    # "Start again" brings today back, not an empty (and so unanswerable) date.
    widget.get_by_label("When does (or did) the subscription expire?").fill("2025-01-01")
    widget.get_by_role("button", name="Start again").click()
    expect(widget.get_by_label("When does (or did) the subscription expire?")).to_have_value(today)


def test_saas_gets_the_mechanizer_path_and_an_alert_to_paste(watch, site_url):
    page, widget = open_checker(watch, site_url)
    widget.get_by_role("group", name="Where does the customer run GitLab?").get_by_label("SaaS").check()
    page.locator("#chk-licence-now").fill("2025-03-08T20:00")
    widget.get_by_label("When does (or did) the subscription expire?").fill("2025-02-23")
    result = widget.locator(".checker__result")
    result.get_by_text("SaaS: restore the plan with the mechanizer app", exact=False).wait_for()
    assert result.locator(".checker__code").inner_text() == "saas-plan"
    assert "Manage GitLab Plan and Trials" in result.inner_text()
    # No grace period on the SaaS path: the picture shows expiry, today and the next business day.
    expect(timeline_items(widget)).to_have_text(
        [
            "Sunday 2025-02-23: Subscription expired",
            "Saturday 2025-03-08: Today (your date, UTC-08:00)",
            "Monday 2025-03-10: Next business day",
        ]
    )
    result.get_by_text("Alert to post in #support_licensing-subscription").wait_for()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=watch.origin)
    result.get_by_role("button", name="Copy the alert for #support_licensing-subscription").click()
    clipboard_once_it_starts_with(watch, "Licence emergency, SaaS")
    result.get_by_role("button", name="Copy the text for the customer").click()
    assert "Your GitLab.com subscription expired on Sunday 2025-02-23" in clipboard_once_it_starts_with(
        watch, "Thank you for contacting GitLab Support"
    )


def test_warnings_when_the_answer_needs_a_second_look(watch, site_url):
    page, widget = open_checker(watch, site_url)
    widget.get_by_role("group", name="Where does the customer run GitLab?").get_by_label("Self-managed").check()
    widget.get_by_role("group", name="Was the expired subscription a trial?").get_by_label("Yes").check()
    page.locator("#chk-licence-now").fill("2025-03-08T20:00")
    # A trial that has not expired and lasts past Monday: the handbook does not cover it.
    widget.get_by_label("When does (or did) the subscription expire?").fill("2025-03-12")
    warning = widget.locator(".licence-warning")
    warning.get_by_text("Check first").wait_for()
    assert "already lasts beyond the next business day, Monday 2025-03-10" in warning.inner_text()

    # Two weeks of holidays: even the longest licence the handbook allows falls short.
    widget.get_by_label("When does (or did) the subscription expire?").fill("2025-03-01")
    holidays = [f"2025-03-{d:02d}" for d in (10, 11, 12, 13, 14, 17, 18, 19, 20, 21)]
    widget.get_by_label("Holidays that are not business days").fill("\n".join(holidays))
    warning.get_by_text("Even a 14-day licence falls short").wait_for()
    assert "ends on Saturday 2025-03-22, not after the next business day, Monday 2025-03-24" in warning.inner_text()
    expect(timeline_items(widget).last).to_have_text("Monday 2025-03-24: Next business day")
