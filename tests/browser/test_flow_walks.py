"""Three walks of the guided page by keyboard: a free user (the path ends, the
qualification is not asked), an exception (the courtesy sentence copied from the public comment), a
SaaS emergency with a public incident (no call offered); a reload from the permalink restores each,
and the path reads at phone width too."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .test_accessibility import axe_violations
from .test_paged_flow import tab_to

PHONE = {"width": 375, "height": 740}


def choose(page, input_id: str) -> None:
    """Reach a radio or checkbox by keyboard (Tab to its group, arrows within it) and select it."""
    group = page.evaluate("(id) => document.getElementById(id).name", input_id)
    tab_to(page, f"input[name='{group}']")
    kind = page.evaluate("(id) => document.getElementById(id).type", input_id)
    for _ in range(12):
        if page.evaluate("(id) => document.activeElement.id === id", input_id):
            break
        page.keyboard.press("Tab" if kind == "checkbox" else "ArrowDown")
    assert page.evaluate("(id) => document.activeElement.id", input_id) == input_id
    if not page.evaluate("(id) => document.getElementById(id).checked", input_id):
        page.keyboard.press("Space")


def status(watch, step: str, wanted: str) -> None:
    watch.wait_for(f"document.querySelector('[data-flow-step=\"{step}\"]')?.dataset.status === '{wanted}'")


def folded(watch, section: str) -> None:
    """The section of the page is folded away: its body hidden, its "Skipped:" note shown."""
    watch.wait_for(
        f"document.querySelector('[data-flow-section-body={section}]').hidden"
        f" && !document.querySelector('[data-flow-section-skipped={section}]').hidden"
    )


def open_paged(watch, site_url, phone: bool) -> None:
    if phone:
        watch.page.set_viewport_size(PHONE)
    watch.page.goto(site_url + "paged/")
    watch.wait_ready("[data-checker=entitlement]")
    status(watch, "acknowledge", "next")


def reload_keeps(watch, checks: dict[str, str]) -> None:
    watch.page.reload()
    for step, wanted in checks.items():
        status(watch, step, wanted)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_free_user_ends_the_path(watch, site_url, phone):
    open_paged(watch, site_url, phone)
    page = watch.page
    choose(page, "chk-entitlement-org-associated-false")
    choose(page, "chk-entitlement-plan-free")
    status(watch, "entitlement", "done")
    for step in ("qualification", "call", "follow-up", "reply"):
        status(watch, step, "skipped")
    status(watch, "not-entitled", "open")
    # The page's own section of the step says so too (its text stays readable).
    watch.wait_for("document.getElementById('step-qualify').dataset.flowStatus === 'skipped'", timeout=10)
    assert "not entitled to emergency support" in page.locator("[data-flow-skipped]").text_content()
    comment = page.locator("[data-flow-text=public_comment] pre").inner_text()
    assert "does not include emergency support" in comment
    # A free user's ticket is marked solved (the handbook): the comment does not say its priority was lowered.
    assert "solved" in comment and "changed the priority" not in comment
    # Its own sections fold away with their reason: the emergency texts and boxes cannot be used here.
    for section in ("step-qualify", "step-reply", "step-call", "step-slack-thread", "step-clock", "step-post-call"):
        folded(watch, section)
    assert "not entitled to emergency support" in page.locator("[data-flow-section-skipped=step-reply]").inner_text()
    assert not page.locator("[data-response-text=public_comment]").is_visible()
    assert page.locator("#flow-done-reply").is_disabled()
    assert axe_violations(page) == []  # the folded sections and their notes too
    reload_keeps(watch, {"qualification": "skipped", "entitlement": "done"})
    folded(watch, "step-reply")
    # "Show this step anyway", by keyboard: the section reads again, and folds back.
    tab_to(page, "[data-flow-section-skipped=step-reply] button")
    page.keyboard.press("Enter")
    assert page.locator("[data-response-text=public_comment]").is_visible()
    assert page.locator("[data-flow-section-skipped=step-reply] button").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    folded(watch, "step-reply")
    if phone:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_an_exception_copies_the_courtesy_sentence(watch, site_url, phone):
    page = watch.page
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    open_paged(watch, site_url, phone)
    choose(page, "chk-entitlement-org-associated-true")
    choose(page, "chk-entitlement-plan-premium")
    status(watch, "entitlement", "done")
    choose(page, "chk-qualification-production-unusable-no")
    watch.wait_for("!document.querySelector('[data-checker=qualification] [data-question=criteria]').hidden")
    choose(page, "chk-qualification-criteria-audit")
    status(watch, "qualification", "done")
    status(watch, "borderline", "skipped")
    tab_to(page, "[data-flow-text=public_comment] button")
    page.keyboard.press("Enter")
    copied = watch.wait_for("navigator.clipboard.readText().then((t) => t.includes('as a courtesy') ? t : null)")
    assert "we are treating it as an emergency as a courtesy" in copied
    # The reply step's own public comment is the path's too, not the general acknowledgement.
    watch.wait_for("""(() => { const s = document.querySelector('[data-response-text=public_comment] .checker__say');
                       return s && s.textContent.includes('as a courtesy'); })()""")
    reload_keeps(watch, {"qualification": "done", "borderline": "skipped"})
    assert "as a courtesy" in page.locator("[data-flow-text=public_comment] pre").inner_text()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_saas_emergency_with_a_public_incident_offers_no_call(watch, site_url, phone):
    open_paged(watch, site_url, phone)
    page = watch.page
    choose(page, "chk-paged-deployment-saas")
    choose(page, "chk-entitlement-org-associated-true")
    choose(page, "chk-entitlement-plan-ultimate")
    # The next step takes the focus once the path has it (flow-path.js): wait, as the other walks do,
    # or that move lands in the middle of the next choice (a flake seen on a phone-sized run).
    status(watch, "entitlement", "done")
    choose(page, "chk-qualification-production-unusable-yes")
    status(watch, "qualification", "done")
    choose(page, "chk-saas-triage-category-regression")
    watch.wait_for("!document.querySelector('[data-checker=saas-triage] [data-question=known_incident]').hidden")
    choose(page, "chk-saas-triage-known-incident-true")
    status(watch, "saas-triage", "done")
    status(watch, "call", "skipped")
    assert "status page would not warrant a call" in page.locator("[data-flow-skipped]").text_content()
    # No call, so no bridge: the call and the 15-minute clock (with its follow-up text) fold away.
    status(watch, "follow-up", "skipped")
    for section in ("step-call", "step-clock", "step-post-call"):
        folded(watch, section)
    assert not page.locator("[data-response-text=follow_up]").is_visible()
    assert page.locator("[data-response-text=public_comment]").is_visible()  # the reply still applies
    reload_keeps(watch, {"call": "skipped", "saas-triage": "done"})
    folded(watch, "step-clock")
    assert "paged.deployment=saas" in page.url
