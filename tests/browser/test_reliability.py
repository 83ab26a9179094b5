"""The runtime fails in words, never in silence: a Python worker that cannot start (a wheel
that fails its sha256) or stops answering (closed mid-session) is reported on the widget with a Retry
button, and Retry starts a fresh worker that answers. Storage that throws (private modes, a full
quota) costs only the ticks' memory, with a notice; the page keeps working."""

from __future__ import annotations

import re

# As a full quota or Safari's private mode does: every write throws. (Reads that throw, or a
# `localStorage` getter that throws, also break Material's own inline `__md_get`: not this site's code.)
STORAGE_REFUSED = """for (const method of ["setItem"]) {
  Storage.prototype[method] = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  };
}"""


def wait_state(page, status, wanted=("ready",), timeout_ms=60000):
    """Poll the status (no eval-based waits: the pages' CSP forbids them)."""
    state = None
    for _ in range(timeout_ms // 50):
        state = status.get_attribute("data-state")
        if state in wanted:
            break
        page.wait_for_timeout(50)
    return state


def test_a_wheel_that_fails_its_hash_is_reported_and_retry_starts_a_fresh_worker(browser, site_url):
    context = browser.new_context()
    errors: list[str] = []
    tampered = {"on": True, "served": 0}

    def wheel(route):
        if tampered["on"]:
            tampered["served"] += 1
            route.fulfill(
                status=200,
                body=b"PK\x03\x04 not the wheel the build recorded",
                headers={"content-type": "application/zip", "cache-control": "no-store"},
            )
        else:
            route.continue_()

    context.route(re.compile(r".*/checkers-[^/]*\.whl$"), wheel)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "qualifying/")
    widget = page.locator("[data-checker=qualification]")
    status = widget.locator(".checker__status")
    status.get_by_text("Python could not start").wait_for(timeout=60000)
    assert status.get_attribute("data-state") == "error"
    assert tampered["served"] >= 1
    assert widget.locator("table tbody tr").count() == 4  # the decision table still applies

    tampered["on"] = False
    retry = status.get_by_role("button", name="Retry")
    retry.focus()
    page.keyboard.press("Enter")
    assert wait_state(page, status) == "ready", status.text_content()
    page.locator("#chk-qualification-production-unusable-no").check()
    page.locator("#chk-qualification-exception-criteria-no").check()
    widget.locator(".checker__result").get_by_text("Not an emergency", exact=True).wait_for()
    assert errors == []
    context.close()


def test_a_worker_that_stops_answering_is_given_up_and_retried(browser, site_url):
    context = browser.new_context()
    context.add_init_script("window.HANDBOOK_REQUEST_TIMEOUT_MS = 3000")
    page = context.new_page()
    page.goto(site_url + "qualifying/")
    widget = page.locator("[data-checker=qualification]")
    status = widget.locator(".checker__status")
    assert wait_state(page, status) == "ready", status.text_content()
    page.locator("#chk-qualification-production-unusable-no").check()
    page.locator("#chk-qualification-exception-criteria-no").check()
    widget.locator(".checker__result").get_by_text("Not an emergency", exact=True).wait_for()

    # The worker goes away without a word (as after an out-of-memory): the next answer times out.
    python = [worker for worker in page.workers if worker.url.endswith("/assets/checkers/worker.mjs")]
    assert len(python) == 1
    python[0].evaluate("self.close()")
    page.locator("#chk-qualification-exception-criteria-yes").check()
    status.get_by_text("Python did not answer within 3 seconds").wait_for(timeout=20000)
    assert status.get_attribute("data-state") == "error"

    status.get_by_role("button", name="Retry").click()
    widget.locator(".checker__result").get_by_text("exception", exact=True).wait_for(timeout=60000)
    assert status.get_attribute("data-state") == "ready"
    context.close()


def test_storage_that_throws_loses_only_the_ticks_memory(watch, site_url):
    page = watch.page
    page.context.add_init_script(STORAGE_REFUSED)
    page.goto(site_url + "shadow-onboarding/")
    notice = page.locator(".checklist__store")
    notice.get_by_text("does not let the page keep your ticks").wait_for()
    first = page.locator("input[data-step]").first
    first.check()
    page.locator(".checklist__status").get_by_text("1 of 8 steps ticked.").wait_for()

    page.goto(site_url + "paged/")
    watch.wait_ready("[data-response-texts]")
    page.locator("#chk-response-texts-ticket-url").fill("https://gitlab.zendesk.com/agent/tickets/7")
    watch.wait_for(
        "document.querySelector('[data-response-text=slack_thread] .checker__say').textContent.includes('tickets/7')"
    )
    box = page.locator('[data-item="resolved.solved"]')
    box.check()
    assert box.is_checked()
    assert "does not let the page keep your ticks" in page.locator(".flow-checklist__store").first.inner_text()
