"""Role-play in Chromium: the facilitator opens a whole-page drill by its code on the cards page, the
trainee types the same code on the guided page in another browser, both show the same scenario, and
the trainee's page grades each step once their own answers settle it, ending with the debrief."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from site_build.render.drills import drill_code
from training import flow_library

from .conftest import PageWatch
from .test_accessibility import axe_violations
from .test_paged_flow import wait_flow_ready

DRILL = next(d for d in flow_library.load_all() if d.id == "paged-borderline-weekend")
CODE = drill_code(DRILL.id)
SATURDAY = datetime(2024, 9, 21, 9, 15, tzinfo=timezone(timedelta(hours=2)))  # the story's own time


def test_facilitator_and_trainee_open_the_same_drill_by_its_code_and_each_step_is_graded(watch, site_url, browser):
    # The facilitator's device.
    facilitator = watch.page
    facilitator.goto(site_url + "drill-cards/")
    code_box = facilitator.get_by_label("Open a whole-page drill by its code")
    facilitator.locator("[data-open-code] button[type=submit]:not([disabled])").wait_for()
    code_box.fill(CODE.lower())  # typed as heard: the case does not matter
    code_box.press("Enter")
    card = facilitator.locator(f"#card-{DRILL.id}")
    assert card.get_by_role("heading", level=2).inner_text().endswith(DRILL.title)
    assert facilitator.evaluate("document.activeElement.closest('article')?.id") == f"card-{DRILL.id}"
    assert facilitator.locator("[data-card]:visible").count() == 1, "the facilitator view is that card alone"
    assert facilitator.get_by_role("button", name="Show every card").is_visible()
    assert CODE in card.locator(".drill-card__meta").inner_text()
    assert "automatic renewal failed" in card.locator(".drill-card__ticket").text_content()
    facts = card.locator(".drill-card__fact")
    assert not facts.first.is_visible(), "facts wait until the trainee asks"
    card.get_by_role("button", name="Reveal the next fact").click()
    assert facts.first.is_visible() and not facts.nth(1).is_visible()
    assert (
        f"The customer says: {DRILL.reveal['qualification.production_unusable']}"
        in card.locator("[data-facts]").text_content()
    )
    card.get_by_role("button", name="Show the expected decisions").click()
    answers = card.locator("[data-answers]")
    assert answers.is_visible()
    # Read as text, not as laid out: the cards' blocks are drawn only when scrolled near (training.css).
    expected = answers.text_content()
    keys = {q.field: q.choices[k["choice"]].label for q, k in zip(DRILL.questions, DRILL.keys(), strict=True)}
    for label in keys.values():
        assert label in expected
    assert "Handbook:" in expected
    for question in DRILL.debrief:
        assert question in card.text_content()

    # The trainee's device: a fresh browser, on the guided page.
    context = browser.new_context()
    try:
        trainee = context.new_page()
        trainee.goto(site_url + "paged/#role-play")
        box = trainee.get_by_label("The drill's code, from your facilitator")
        trainee.locator(".role-play__open button:not([disabled])").wait_for()
        box.fill(CODE)
        box.press("Enter")
        drill = trainee.locator(f'.role-play [data-scenario="{DRILL.id}"]')
        assert drill.get_by_role("heading", level=2).inner_text() == f"Role-play: {DRILL.title}"
        assert trainee.evaluate("document.activeElement.tagName") == "H2"
        assert not box.is_visible(), "the code's form gives way to the drill"
        assert "automatic renewal failed" in drill.locator(".drills__ticket").inner_text()
        steps = drill.locator(".role-play__step")
        assert steps.count() == len(DRILL.questions)
        # The story sits above the steps the trainee answers.
        assert trainee.evaluate(
            "document.querySelector('.role-play').compareDocumentPosition("
            "document.querySelector('[data-checker=entitlement]')) & Node.DOCUMENT_POSITION_FOLLOWING"
        )

        wait_flow_ready(PageWatch(trainee, watch.origin))
        trainee.locator("#chk-entitlement-org-associated-true").check()
        trainee.locator("#chk-entitlement-plan-premium").check()
        trainee.locator("#chk-paged-deployment-self-managed").check()
        assert steps.locator(".role-play__pending").count() == len(DRILL.questions), (
            "nothing settled before the qualification"
        )
        trainee.locator("#chk-qualification-production-unusable-no").check()
        trainee.locator("#chk-qualification-exception-criteria-no").check()

        first = steps.nth(0)
        first.get_by_text("Right.").wait_for()
        assert "Your path: Done: not-an-emergency." in first.inner_text()
        assert first.locator(".drills__cite a").count() >= 1
        # The borderline step decides from a time: it is graded once the trainee gives the story's.
        assert steps.nth(1).locator(".role-play__pending").count() == 1
        trainee.locator("#chk-borderline-at").fill(SATURDAY.strftime("%Y-%m-%dT%H:%M"))
        steps.nth(1).get_by_text("Right.").wait_for()
        summary = drill.locator(".role-play__summary")
        summary.get_by_text(f"Role-play done: {len(DRILL.questions)} of {len(DRILL.questions)} steps right.").wait_for()
        assert all(q in summary.inner_text() for q in DRILL.debrief)
        assert axe_violations(trainee) == []
        trainee.set_viewport_size({"width": 390, "height": 844})
        assert trainee.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
