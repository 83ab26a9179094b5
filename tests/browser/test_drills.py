"""The training pages in Chromium: a drill done by keyboard alone, graded by Python in the worker,
with its score, reason and citation, kept across a reload; timed mode; the facilitator cards; the
shadow checklist. The fixture fails any test with a console error or a request off the site."""

from __future__ import annotations

import checkers
from training import flow_library, library

from .test_accessibility import axe_violations

SCENARIOS = {s.id: s for s in library.load_all()}
FLOW_DRILLS = {d.id: d for d in flow_library.load_all()}
ALL_DRILLS = len(SCENARIOS) + len(FLOW_DRILLS)  # the picker's list: the scenarios, then the whole-page drills
DRILL = "licence-friday-night-grace-ran-out"  # two questions: one answered right, one wrong


def wait_python(watch):
    state = watch.wait_for("document.querySelector('.drills__status')?.dataset.state || null")
    assert state == "ready", watch.page.locator(".drills__status").text_content()


def tab_to(page, js_test: str, limit: int = 300):
    """Press Tab until the focused element passes `js_test` (a JS expression over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return Boolean(el && ({js_test})); }})()"):
            return
    raise AssertionError(f"Tab never reached {js_test}")


def answer_by_keyboard(page, question_id: str, choice: int):
    """Tab into the question's radio group, choose with the keyboard, Tab to Check answer, Enter."""
    tab_to(page, f"el.type === 'radio' && el.closest('form')?.dataset.question === '{question_id}'")
    if choice == 0:
        page.keyboard.press("Space")  # the first radio has focus but is not checked yet
    for _ in range(choice):
        page.keyboard.press("ArrowDown")  # moves to the next radio and checks it
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('drills__check')")
    page.keyboard.press("Enter")


def test_a_drill_done_by_keyboard_is_graded_cited_scored_and_kept_after_a_reload(watch, site_url):
    page = watch.page
    scenario = SCENARIOS[DRILL]
    first, second = scenario.keys()
    wrong = next(i for i in range(len(second.question.choices)) if i != second.choice)
    sources = checkers.evaluate(scenario.checker, scenario.answers)["sources"]

    page.goto(site_url + f"drills/#drill-{DRILL}")
    wait_python(watch)
    article = page.locator(f'[data-scenario="{DRILL}"]')
    assert article.get_by_role("heading", name=scenario.title).is_visible()
    # The second question waits until the first is answered.
    assert article.locator(f'form[data-question="{second.question.id}"]').is_hidden()

    answer_by_keyboard(page, first.question.id, first.choice)
    feedback = article.locator(f'form[data-question="{first.question.id}"] .drills__feedback')
    feedback.get_by_text("Correct.").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('drills__feedback')"), "feedback gets the focus"
    link = feedback.get_by_role("link", name=sources[0]["title"])
    assert link.get_attribute("href") == site_url + sources[0]["href"]
    assert "Why:" in feedback.inner_text()

    answer_by_keyboard(page, second.question.id, wrong)
    feedback2 = article.locator(f'form[data-question="{second.question.id}"] .drills__feedback')
    feedback2.get_by_text("Not quite.").wait_for()
    assert f"The handbook's answer: {second.label}" in feedback2.inner_text()
    assert feedback2.get_by_role("link", name=sources[0]["title"]).count() == 1
    score = page.locator(".drills__score")
    assert score.inner_text() == f"Score: 1 of 2 answers right. Scenarios done: 1 of {ALL_DRILLS}."
    assert article.locator(".drills__summary").get_by_text("Scenario done: 1 of 2 right.").is_visible()
    assert axe_violations(page) == []

    page.reload()
    article = page.locator(f'[data-scenario="{DRILL}"]')
    article.locator(".drills__summary").get_by_text("Scenario done: 1 of 2 right.").wait_for()
    assert (
        page.locator(".drills__score").inner_text()
        == f"Score: 1 of 2 answers right. Scenarios done: 1 of {ALL_DRILLS}."
    )
    assert article.locator(".drills__verdict").all_inner_texts() == ["Correct.", "Not quite."]
    assert article.locator("input[type=radio]:checked").count() == 2
    assert "(done: 1 of 2 right)" in page.locator(".drills__pick option:checked").inner_text()

    # Reset takes two presses, so one stray key does not erase the progress.
    reset = page.get_by_role("button", name="Reset progress")
    reset.focus()
    page.keyboard.press("Enter")
    assert page.locator(".drills__score").inner_text().startswith("Score: 1 of 2")
    page.keyboard.press("Enter")
    page.locator(".drills__score").get_by_text("Score: 0 of 0 answers right.").wait_for()
    page.reload()
    page.locator(".drills__score").get_by_text("Score: 0 of 0 answers right.").wait_for()


def test_a_whole_page_drill_walked_by_keyboard_is_graded_step_by_step_cited_scored_and_kept(watch, site_url):
    page = watch.page
    drill = FLOW_DRILLS["paged-free-user"]
    keys = drill.keys()
    walk = {s["id"]: s for s in keys[0]["result"]["steps"]}
    wrong_at = 1  # the second step answered wrong, the others right
    picks = [
        k["choice"] if i != wrong_at else next(c for c in range(len(q.choices)) if c != k["choice"])
        for i, (q, k) in enumerate(zip(drill.questions, keys, strict=True))
    ]

    page.goto(site_url + "drills/")
    wait_python(watch)
    # Pick the drill from the list by keyboard, as any other.
    tab_to(page, "el.id === 'drills-pick'")
    option = page.locator(f'#drills-pick option[value="{drill.id}"]')
    assert "whole page" in option.inner_text()
    page.keyboard.press("End")  # the whole-page drills close the list; a select changes with the arrow keys
    while page.evaluate("document.activeElement.value") != drill.id:
        page.keyboard.press("ArrowUp")
    article = page.locator(f'[data-scenario="{drill.id}"]')
    assert article.get_by_role("heading", name=drill.title).is_visible()
    assert "URGENT!!! Our GitLab is down" in article.locator(".drills__ticket").inner_text()
    later = article.locator(f'form[data-question="{drill.questions[1].id}"]')
    assert later.is_hidden(), "the next step waits until this one is answered"

    for number, (question, key, pick) in enumerate(zip(drill.questions, keys, picks, strict=True)):
        form = article.locator(f'form[data-question="{question.id}"]')
        step = walk[question.field]
        stop = "" if step["title"][-1] in ".?!" else "."  # one stop after the title, never two
        assert form.locator("legend").inner_text().startswith(f"Step {number + 1}: {step['title']}{stop} ")
        answer_by_keyboard(page, question.id, pick)
        feedback = form.locator(".drills__feedback")
        feedback.get_by_text("Correct." if pick == key["choice"] else "Not quite.").wait_for()
        assert page.evaluate("document.activeElement.classList.contains('drills__feedback')")
        text = feedback.inner_text()
        assert f"Why: {step['because']}" in text
        if pick != key["choice"]:
            assert f"The handbook's answer: {question.choices[key['choice']].label}" in text
        cited = feedback.locator(".drills__cite a")
        assert [cited.nth(i).get_attribute("href") for i in range(cited.count())] == [
            site_url + h for h in step["cite"]
        ]

    summary = article.locator(".drills__summary")
    assert summary.get_by_text("Whole page walked: 2 of 3 steps right.").is_visible()
    assert (
        page.locator(".drills__score").inner_text()
        == f"Score: 2 of 3 answers right. Scenarios done: 1 of {ALL_DRILLS}."
    )
    assert axe_violations(page) == []

    page.reload()
    article = page.locator(f'[data-scenario="{drill.id}"]')
    article.locator(".drills__summary").get_by_text("Whole page walked: 2 of 3 steps right.").wait_for()
    assert article.locator(".drills__verdict").all_inner_texts() == ["Correct.", "Not quite.", "Correct."]
    assert "(done: 2 of 3 right)" in page.locator(".drills__pick option:checked").inner_text()

    page.set_viewport_size({"width": 360, "height": 740})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_no_choice_is_graded_until_one_is_made(watch, site_url):
    page = watch.page
    page.goto(site_url + "drills/#drill-concurrent-first-page")
    wait_python(watch)
    form = page.locator('[data-scenario="concurrent-first-page"] form').first
    form.get_by_role("button", name="Check answer").click()
    form.get_by_text("Choose an answer first.").wait_for()
    assert page.locator(".drills__score").inner_text().startswith("Score: 0 of 0")


def test_timed_mode_counts_open_questions_as_missed_when_the_clock_runs_out(watch, site_url):
    page = watch.page
    scenario = SCENARIOS[DRILL]
    page.clock.install()  # the drill's clock is the page's; fast-forward it instead of waiting
    page.goto(site_url + f"drills/#drill-{DRILL}")
    wait_python(watch)
    page.get_by_label("Timed mode").check()
    timer = page.get_by_role("timer")
    assert timer.inner_text() == "Time left: 3:00"  # an advanced scenario
    page.clock.fast_forward(scenario.seconds * 1000 + 1000)
    article = page.locator(f'[data-scenario="{DRILL}"]')
    article.locator(".drills__summary").get_by_text("Scenario done: 0 of 2 right.").wait_for()
    assert article.locator(".drills__verdict").all_inner_texts() == ["Time ran out.", "Time ran out."]
    for key in scenario.keys():
        assert (
            f"The handbook's answer: {key.label}"
            in article.locator(f'form[data-question="{key.question.id}"]').inner_text()
        )


def test_facilitator_cards_reveal_step_by_step_and_print_everything(watch, site_url):
    page = watch.page
    page.goto(site_url + "drill-cards/")
    card = page.locator("#card-concurrent-apac-weekend-in-trial")
    card.get_by_role("button", name="Reveal the next fact").wait_for()
    facts = card.locator(".drill-card__fact")
    assert facts.count() == 3 and all(not facts.nth(i).is_visible() for i in range(3))
    card.get_by_role("button", name="Reveal the next fact").click()
    assert facts.nth(0).is_visible() and not facts.nth(1).is_visible()
    answers = card.locator("[data-answers]")
    assert not answers.is_visible()
    toggle = card.locator("button[aria-controls='card-concurrent-apac-weekend-in-trial-answers']")
    assert toggle.inner_text() == "Show the expected decisions" and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert answers.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert "C. Escalate the page instead of acknowledging it" in answers.inner_text()
    card.get_by_role("button", name="Hide the expected decisions").click()

    page.emulate_media(media="print")
    assert all(facts.nth(i).is_visible() for i in range(3)) and answers.is_visible()
    assert not card.get_by_role("button", name="Print this card").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()


def test_shadow_checklist_ticks_persist_and_clear(watch, site_url):
    page = watch.page
    page.goto(site_url + "shadow-onboarding/")
    status = page.locator(".checklist__status")
    status.get_by_text("0 of 8 steps ticked.").wait_for()
    page.get_by_label("Complete the Customer Emergency On-Call training module").check()
    page.get_by_label("Reverse shadow (not in the handbook)").focus()
    page.keyboard.press("Space")
    assert status.inner_text() == "2 of 8 steps ticked."
    page.reload()
    page.locator(".checklist__status").get_by_text("2 of 8 steps ticked.").wait_for()
    assert page.get_by_label("Reverse shadow (not in the handbook)").is_checked()
    page.get_by_role("button", name="Clear all ticks").click()
    assert page.locator(".checklist__status").inner_text() == "0 of 8 steps ticked."
    page.reload()
    page.locator(".checklist__status").get_by_text("0 of 8 steps ticked.").wait_for()
