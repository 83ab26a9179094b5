"""The training record in Chromium: a missed scenario comes back (after a few others, then the next
day) until it is answered right twice in a row; the training page's figures per handbook section and
the text for the rotation request; a downloaded record imported into a new profile; keyboard and axe,
at phone width too. The page's clock is Playwright's, set by the test."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from training import flow_library, library

from .test_accessibility import axe_violations
from .test_drills import wait_python

SCENARIOS = {s.id: s for s in library.load_all()}
MISSED = "concurrent-first-page"  # one question each: a round is one answer
OTHERS = ["entitlement-free-user", "entitlement-needs-org", "borderline-weekday-disk-filling"]
MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def answer(page, scenario_id: str, right: bool):
    """Open the scenario from the picker and answer its one question, right or wrong."""
    scenario = SCENARIOS[scenario_id]
    (key,) = scenario.keys()
    pick = key.choice if right else next(i for i in range(len(key.question.choices)) if i != key.choice)
    page.locator("#drills-pick").select_option(scenario_id)
    article = page.locator(f'[data-scenario="{scenario_id}"]')
    form = article.locator(f'form[data-question="{key.question.id}"]')
    form.locator(f'input[value="{pick}"]').check()
    form.get_by_role("button", name="Check answer").click()
    form.get_by_text("Correct." if right else "Not quite.").wait_for()
    return article


def due_line(page) -> str:
    return page.locator(".drills__due-count").inner_text()


def test_a_missed_scenario_comes_back_after_others_and_the_next_day_until_right_twice(watch, site_url):
    page = watch.page
    page.clock.install(time=MONDAY)
    page.goto(site_url + "drills/")
    wait_python(watch)
    assert due_line(page).startswith("Due for review: none now.")
    assert not page.get_by_role("button", name="Practise the next one due").is_visible(), "nothing to offer"

    answer(page, MISSED, right=False)
    for other in OTHERS[:-1]:
        answer(page, other, right=True)
        assert due_line(page).startswith("Due for review: none now."), "not before three others"
    article = answer(page, OTHERS[-1], right=True)
    assert due_line(page) == "Due for review: 1 missed scenario comes back now."
    assert "(due for review)" in page.locator(f'#drills-pick option[value="{MISSED}"]').inner_text()

    # The end of a scenario offers the missed one first, as a fresh attempt.
    article.get_by_role("button", name=f"Back for review: {SCENARIOS[MISSED].title}").click()
    back = page.locator(f'[data-scenario="{MISSED}"]')
    assert "Back for review." in back.locator(".drills__back").inner_text()
    assert back.locator("input[type=radio]:checked").count() == 0
    answer(page, MISSED, right=True)
    assert due_line(page).startswith("Due for review: none now."), "right once: not again the same day"

    page.clock.set_system_time(MONDAY + timedelta(days=1))
    page.reload()
    wait_python(watch)
    assert due_line(page) == "Due for review: 1 missed scenario comes back now."
    page.get_by_role("button", name="Practise the next one due").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "H2", "the scenario's heading takes the focus"
    assert "right again today" in page.locator(f'[data-scenario="{MISSED}"] .drills__back').inner_text()
    answer(page, MISSED, right=True)
    assert due_line(page).startswith("Due for review: none now.")

    page.clock.set_system_time(MONDAY + timedelta(days=5))
    page.reload()
    wait_python(watch)
    assert due_line(page).startswith("Due for review: none now."), "right twice in a row: it stops coming back"


def _finish_some_drills_and_tick(watch, site_url):
    page = watch.page
    page.goto(site_url + "drills/")
    wait_python(watch)
    answer(page, MISSED, right=False)
    answer(page, OTHERS[0], right=True)
    page.goto(site_url + "shadow-onboarding/")
    page.locator(".checklist__status").get_by_text("0 of").wait_for()  # mounted: a tick is kept from now on
    page.get_by_label("Complete the Customer Emergency On-Call training module").check()
    page.locator(".checklist__status").get_by_text("1 of").wait_for()


def test_the_record_shows_sections_exports_its_text_and_json_and_imports_into_a_new_profile(
    watch, site_url, browser, tmp_path
):
    page = watch.page
    _finish_some_drills_and_tick(watch, site_url)
    page.goto(site_url + "training/")
    status = page.locator(".training-record__status")
    status.get_by_text("Scenario drills: 2 of").wait_for()
    assert "Shadow checklist: 1 step ticked." in status.inner_text()

    drills = [SCENARIOS[MISSED], SCENARIOS[OTHERS[0]]]
    table = page.locator(".training-record__table table")
    row = table.locator("tr", has=page.get_by_role("rowheader", name="Respond to PagerDuty alerts"))
    cited = sum(
        1 for s in [*library.load_all(), *flow_library.load_all()] if "respond-to-pagerduty-alerts" in s.anchors
    )
    assert row.locator("td").all_inner_texts()[:2] == [f"1 of {cited}", "1"]  # both cite it: one right, one missed
    assert all(s.anchors == ("respond-to-pagerduty-alerts",) for s in drills)
    practise = page.locator("#practise-next + ol")
    assert practise.get_by_role("link", name=f"Try again: {SCENARIOS[MISSED].title}").count() == 1

    page.get_by_text("The text for the rotation request", exact=True).click()
    text = page.locator(".training-record__text").inner_text()
    sections = table.locator("tbody th").all_inner_texts()
    assert len(sections) > 10
    for title in sections:
        assert f"- {title}: " in text, title
    assert "- [x] Complete the Customer Emergency On-Call training module (20" in text  # its date

    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download the record (JSON)").click()
    path = tmp_path / "record.json"
    downloading.value.save_as(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "handbook-training-record" and data["version"] == 1
    assert [(r["drill"], [a["correct"] for a in r["answers"]]) for r in data["rounds"]] == [
        (MISSED, [False]),
        (OTHERS[0], [True]),
    ]

    # Another browser: nothing there, until the file is imported, by keyboard.
    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(site_url + "training/")
        other.locator(".training-record__status").get_by_text("Scenario drills: 0 of").wait_for()
        other.get_by_text("Bring a record from another browser").click()
        other.locator("#training-record-file").set_input_files(str(path))
        other.locator("#training-record-file").focus()
        other.keyboard.press("Tab")
        assert other.evaluate("document.activeElement.dataset.record") == "import"
        other.keyboard.press("Enter")
        other.locator(".training-record__import-status").get_by_text(
            "Imported: 2 finished drills added, 1 checklist ticks."
        ).wait_for()
        assert other.locator(".training-record__status").inner_text() == status.inner_text()
        assert other.locator(".training-record__table table").inner_text() == table.inner_text()

        # A record whose drill changed since: kept, named, not counted.
        data["rounds"][1]["version"] = "changed-since"
        data["rounds"][1]["at"] = "2026-01-01T00:00:00.000Z"
        other.locator("#training-record-paste").fill(json.dumps(data))
        other.locator("#training-record-file").set_input_files([])
        other.get_by_role("button", name="Import").click()
        other.locator(".training-record__import-status").get_by_text(
            f"Kept but marked out of date, and not counted: “{SCENARIOS[OTHERS[0]].title}” "
            "(changed since the record was made)."
        ).wait_for()
        # A file that is not a record changes nothing, and says which field is wrong.
        other.locator("#training-record-paste").fill('{"format": "something-else"}')
        other.get_by_role("button", name="Import").click()
        other.locator(".training-record__import-status").get_by_text(
            "Not imported, nothing changed. format:"
        ).wait_for()
    finally:
        context.close()


def test_the_training_page_leads_somewhere_and_is_axe_clean_at_phone_width(watch, site_url):
    page = watch.page
    _finish_some_drills_and_tick(watch, site_url)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "training/")
    page.locator(".training-record__status").get_by_text("Scenario drills: 2 of").wait_for()
    where = page.locator("#where-to-start ~ ol").first
    for name, href in [
        ("shadow onboarding checklist", "shadow-onboarding/"),
        ("scenario drills", "drills/"),
        ("whole-page drills", "drills/#whole-page-drills"),
        ("facilitator cards", "drill-cards/"),
    ]:
        assert where.get_by_role("link", name=name).first.get_attribute("href").endswith(href.replace(site_url, "")), (
            name
        )
    page.get_by_text("The text for the rotation request", exact=True).click()
    page.get_by_text("Bring a record from another browser").click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []
    page.goto(site_url + "drills/")
    wait_python(watch)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []


def test_the_training_pages_come_alive_after_an_instant_navigation(watch, site_url):
    # Material's instant navigation re-creates the inline scripts of the page it swaps in: the
    # drills, the record and the role-play carry their data in an attribute it leaves alone.
    page = watch.page
    page.goto(site_url + "training/")
    page.locator(".training-record__status").get_by_text("Scenario drills: 0 of").wait_for()
    page.locator("#where-to-start ~ ol").first.get_by_role("link", name="scenario drills").click()
    page.wait_for_url(site_url + "drills/")
    page.locator("#drills-pick").wait_for()
    page.locator(".md-content").get_by_role("link", name="training record").first.click()
    page.wait_for_url(site_url + "training/#your-training-record")
    page.locator(".training-record__status").get_by_text("Scenario drills: 0 of").wait_for()
    page.locator("#where-to-start ~ ol").first.get_by_role("link", name="guided page's role-play").click()
    page.wait_for_url(site_url + "paged/#role-play")
    page.locator(".role-play__open button:not([disabled])").wait_for()
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1, "one page load, the rest instant"
