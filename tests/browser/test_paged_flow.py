"""The guided response ("I just got paged"), as an engineer at 3 a.m. uses it: reached from the home
page in one step, walked by keyboard only, texts copied, the link pasted and reopened with the same
answers, the follow-up countdown running and handing over to Python at its end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, urlsplit

TICKET = "https://gitlab.zendesk.com/agent/tickets/148028"


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focus is on `selector`: the keyboard's way to reach a control."""
    for _ in range(limit):
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def outcome_of(watch, name: str) -> str:
    return watch.wait_for(f"document.querySelector('[data-checker={name}] .checker__code')?.textContent")


def wait_outcome(watch, name: str, code: str) -> None:
    watch.wait_for(f"document.querySelector('[data-checker={name}] .checker__code')?.textContent === '{code}'")


def text_of(page, text_id: str) -> str:
    return page.locator(f"[data-response-text={text_id}] .checker__say").inner_text()


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def wait_flow_ready(watch) -> None:
    watch.wait_ready("[data-checker=entitlement]")
    watch.wait_for("document.querySelector('[data-response-texts] .checker__status')?.dataset.state === 'ready'")


def test_the_whole_flow_by_keyboard_survives_the_permalink(watch, site_url):
    page = watch.page
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)

    # One step from the home page: its primary button.
    page.goto(site_url)
    tab_to(page, "a.md-button--primary")
    assert page.evaluate("document.activeElement.textContent").strip().startswith("I just got paged")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "paged/")
    wait_flow_ready(watch)

    # Step 2: the ticket link fills in the texts.
    tab_to(page, "#chk-response-texts-ticket-url")
    page.keyboard.type(TICKET)
    watch.wait_for(
        f"document.querySelector('[data-response-text=slack_thread] .checker__say').textContent.includes('{TICKET}')"
    )
    assert text_of(page, "slack_thread") == f"Thread for emergency ticket {TICKET}"

    # Step 3: entitled (associated with an org, Premium), by Space and arrow keys.
    tab_to(page, "#chk-entitlement-org-associated-true")
    page.keyboard.press("Space")
    tab_to(page, "#chk-entitlement-plan-free")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # Bronze
    page.keyboard.press("ArrowRight")  # Premium
    wait_outcome(watch, "entitlement", "entitled")

    # Step 4: a strict emergency.
    tab_to(page, "#chk-qualification-production-unusable-yes")
    page.keyboard.press("Space")
    # Production is down: the exception questions are not asked, so none is reached.
    wait_outcome(watch, "qualification", "strict")
    assert page.locator("[data-checker=qualification] [data-question=exception_criteria]").is_hidden()

    # Step 7: copy the Slack thread starter.
    tab_to(page, "[data-response-text=slack_thread] .checker__copy")
    page.keyboard.press("Enter")
    watch.wait_for(
        "document.querySelector('[data-response-text=slack_thread] .checker__copy').textContent === 'Copied'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == f"Thread for emergency ticket {TICKET}"

    # Step 8: "Now" for the first contact starts the clock; the countdown moves.
    tab_to(page, "[data-checker=follow-up] [data-now-for=chk-follow-up-contacted-at]")
    page.keyboard.press("Enter")
    wait_outcome(watch, "follow-up", "wait")
    countdown = "document.querySelector('[data-checker=follow-up] .checker__countdown-value')?.textContent"
    first = watch.wait_for(countdown)
    assert (
        page.locator("[data-checker=follow-up] .checker__countdown")
        .inner_text()
        .startswith("Next: send the follow-up message, in ")
    )
    watch.wait_for(f"(() => {{ const t = {countdown}; return t && t !== '{first}'; }})()", timeout=10)

    # Step 9: a tick in the post-call checklist.
    tab_to(page, '[data-item="post-call.notes"]')
    page.keyboard.press("Space")
    assert page.locator('[data-item="post-call.notes"]').is_checked()

    # The permalink holds every answer, namespaced and sorted.
    watch.wait_for("document.querySelector('.flow-permalink').textContent.includes('follow-up.contacted_at')")
    permalink = page.locator(".flow-permalink").inner_text()
    assert permalink == page.url.split("#")[0]
    pairs = query_of(permalink)
    assert [key for key, _ in pairs] == sorted(key for key, _ in pairs)
    found = dict(pairs)
    assert found["entitlement.org_associated"] == "true"
    assert found["entitlement.plan"] == "premium"
    assert found["qualification.production_unusable"] == "yes"
    assert "qualification.exception_criteria" not in found  # not asked once production is down
    assert found["response-texts.ticket_url"] == TICKET
    assert "follow-up.contacted_at" in found

    # Copy the permalink itself, by keyboard.
    tab_to(page, ".flow-copy-link")
    page.keyboard.press("Enter")
    watch.wait_for("document.querySelector('.flow-copy-link').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == permalink

    # Reopen from the link: the same state.
    page.goto("about:blank")
    page.goto(permalink)
    wait_flow_ready(watch)
    wait_outcome(watch, "entitlement", "entitled")
    wait_outcome(watch, "qualification", "strict")
    wait_outcome(watch, "follow-up", "wait")
    assert page.locator("#chk-entitlement-plan-premium").is_checked()
    assert page.locator("#chk-response-texts-ticket-url").input_value() == TICKET
    watch.wait_for(
        f"document.querySelector('[data-response-text=slack_thread] .checker__say').textContent.includes('{TICKET}')"
    )
    assert page.locator('[data-item="post-call.notes"]').is_checked(), "the tick is kept for this ticket"
    assert watch.wait_for(countdown)
    assert dict(query_of(page.url)) == found  # and the link, rewritten by Python, is the same


def test_a_reply_arriving_while_the_reader_is_on_a_copy_button_leaves_them_on_it(watch, site_url):
    """Each answer brings replies that rewrite the texts; a keyboard reader who has just tabbed to a
    Copy button is still on it, and Enter copies the text the page shows now."""
    page = watch.page
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page.goto(site_url + "paged/")
    wait_flow_ready(watch)
    watch.wait_for("document.querySelector('[data-flow-texts] .checker__copy:not([disabled])')")
    page.evaluate("window.__pathReplies = 0; addEventListener('hb:path-texts', () => window.__pathReplies++)")
    ticket_typed = (
        "(url) => { const box = document.querySelector('#chk-response-texts-ticket-url');"
        " box.value = url; box.dispatchEvent(new Event('input', { bubbles: true })); }"
    )
    for n, (button, say) in enumerate(
        [
            ("[data-response-text=slack_thread] .checker__copy", "[data-response-text=slack_thread] .checker__say"),
            ("[data-flow-text=internal_note] .checker__copy", "[data-flow-text=internal_note] .flow-path__say"),
        ]
    ):
        ticket = f"{TICKET}{n}"
        tab_to(page, button)
        # An answer lands while the focus is on the button (typed a moment before, as at 3 a.m.).
        before = page.evaluate("window.__pathReplies")
        page.evaluate(ticket_typed, ticket)
        watch.wait_for(f"window.__pathReplies > {before}")
        watch.wait_for(
            "document.querySelector('[data-response-text=slack_thread] .checker__say')"
            f".textContent.includes('{ticket}')"
        )
        assert page.evaluate("(s) => document.activeElement.matches(s)", button), f"the focus left {button}"
        page.keyboard.press("Enter")
        watch.wait_for(f"document.querySelector('{button}').textContent === 'Copied'")
        assert page.evaluate("navigator.clipboard.readText()") == page.locator(say).text_content()


def test_values_from_a_link_are_checked_by_python_and_shown_only_as_text(watch, site_url):
    page = watch.page
    evil = '<img src=x id=injected onerror="window.__pwned=1">'
    page.goto(
        site_url + "paged/?zzz=1&entitlement.plan=platinum&entitlement.org_associated=true"
        f"&response-texts.ticket_url={quote(evil)}&follow-up.contacted_at=yesterday"
    )
    wait_flow_ready(watch)
    plan_error = page.locator("[data-checker=entitlement] [data-question=plan] .checker__error")
    plan_error.wait_for()
    assert "platinum" in plan_error.inner_text() and "premium" in plan_error.inner_text()
    ticket_error = page.locator("[data-question=ticket_url] .checker__error")
    ticket_error.wait_for()
    assert "http(s) URL" in ticket_error.inner_text()
    contacted_error = page.locator("[data-checker=follow-up] [data-question=contacted_at] .checker__error")
    contacted_error.wait_for()
    assert "yesterday" in contacted_error.inner_text()
    # The rejected link stays a value in its box, never markup on the page, and is used in no text.
    assert page.locator("#chk-response-texts-ticket-url").input_value() == evil
    assert page.locator("#injected").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert text_of(page, "slack_thread") == "Thread for emergency ticket [ticket link]"
    # The link is rewritten by Python: sorted, unknown keys dropped, the legible answers kept.
    watch.wait_for("!location.search.includes('zzz')")
    keys = [key for key, _ in query_of(page.url)]
    assert keys == sorted(keys) and "entitlement.org_associated" in keys


def test_the_countdown_hands_over_to_python_at_fifteen_minutes(watch, site_url):
    page = watch.page
    # The page's clock stands still at 11:30 (Python's runtime boots in its worker on real time);
    # the first contact was 14 min 57 s earlier, so Python says "wait", 3 seconds to go.
    start = datetime(2024, 3, 9, 11, 30, tzinfo=UTC)
    page.clock.install(time=start)
    page.clock.pause_at(start)
    contacted = (start - timedelta(minutes=14, seconds=57)).isoformat(timespec="seconds")
    page.goto(site_url + "paged/?follow-up.contacted_at=" + quote(contacted))
    watch.wait_ready("[data-checker=follow-up]")
    wait_outcome(watch, "follow-up", "wait")
    countdown = page.locator("[data-checker=follow-up] .checker__countdown")
    assert countdown.inner_text() == "Next: send the follow-up message, in 00:03"
    # Five seconds pass: the countdown reaches zero and asks Python, which moves on to the next step.
    page.clock.run_for(5000)
    wait_outcome(watch, "follow-up", "send-follow-up")
    assert countdown.inner_text().startswith("Next: close the bridge, in 1")


def test_the_clocks_message_and_the_follow_up_text_carry_the_same_bridge_link(watch, site_url):
    page = watch.page
    bridge = "https://gitlab.zoom.us/j/987654"
    contacted = (datetime.now(UTC) - timedelta(minutes=20)).isoformat(timespec="seconds")
    page.goto(site_url + f"paged/?follow-up.contacted_at={quote(contacted)}&response-texts.bridge_url={quote(bridge)}")
    wait_flow_ready(watch)
    wait_outcome(watch, "follow-up", "send-follow-up")
    clock_say = "document.querySelector('[data-checker=follow-up] .checker__say')?.textContent"
    watch.wait_for(f"({clock_say} || '').includes('{bridge}')")
    assert page.locator("[data-checker=follow-up] .checker__say").inner_text() == text_of(page, "follow_up")
    assert "[bridge link]" not in text_of(page, "follow_up")


def test_start_again_clears_every_answer_and_the_link(watch, site_url):
    page = watch.page
    page.goto(
        site_url
        + f"paged/?entitlement.org_associated=false&entitlement.plan=free&response-texts.ticket_url={quote(TICKET)}"
    )
    wait_flow_ready(watch)
    wait_outcome(watch, "entitlement", "free-user")
    page.get_by_role("button", name="Start again").first.click()
    watch.wait_for("location.search === ''")
    watch.wait_for(
        "document.querySelector('[data-response-text=slack_thread] .checker__say')"
        ".textContent.endsWith('[ticket link]')"
    )
    assert (
        page.locator("[data-checker=entitlement] input:checked").count() == 1
    )  # the default "No" of the last question
    assert page.locator("#chk-response-texts-ticket-url").input_value() == ""
    assert page.get_by_role("status").filter(has_text="Started again").count() == 1


def test_checklist_ticks_belong_to_their_ticket(watch, site_url):
    page = watch.page
    page.goto(site_url + "paged/")
    wait_flow_ready(watch)
    link = page.locator("#chk-response-texts-ticket-url")
    box = page.locator('[data-item="resolved.solved"]')
    link.fill(TICKET)
    page.get_by_text(f"Your ticks are kept in this browser for the ticket {TICKET}.").first.wait_for()
    box.check()
    link.fill("https://gitlab.zendesk.com/agent/tickets/2")
    page.get_by_text("for the ticket https://gitlab.zendesk.com/agent/tickets/2.").first.wait_for()
    assert not box.is_checked()
    link.fill(TICKET)
    page.get_by_text(f"for the ticket {TICKET}.").first.wait_for()
    assert box.is_checked()


def test_change_takes_the_keyboard_back_to_the_answer(watch, site_url):
    page = watch.page
    page.goto(site_url + "paged/?entitlement.org_associated=true&entitlement.plan=ultimate")
    wait_flow_ready(watch)
    wait_outcome(watch, "entitlement", "entitled")
    answers = page.locator("[data-checker=entitlement] .flow-answers")
    assert "Ultimate" in answers.inner_text()
    answers.get_by_role("button", name="Change: Which subscription does the requester have?").click()
    assert page.evaluate("document.activeElement.id") == "chk-entitlement-plan-ultimate"
    page.keyboard.press("ArrowLeft")  # Premium
    wait_outcome(watch, "entitlement", "entitled")
    watch.wait_for("location.search.includes('entitlement.plan=premium')")


def test_the_borderline_checker_answers_on_the_qualifying_page(watch, site_url):
    page = watch.page
    # Saturday 10:00 in Sydney, still Friday in UTC: the weekend on the engineer's own clock.
    page.goto(site_url + "qualifying/?borderline.at=" + quote("2024-03-09T10:00+11:00"))
    watch.wait_ready("[data-checker=borderline]")
    wait_outcome(watch, "borderline", "handle-as-high")
    page.locator("#chk-borderline-handling-other-emergency-true").check()
    wait_outcome(watch, "borderline", "contact-manager")
    watch.wait_for("location.search.includes('borderline.handling_other_emergency=true')")
    assert "borderline.at=2024-03-09T10:00%2B11:00" in page.url  # kept in its own offset


def test_your_path_is_drawn_before_python_starts_as_python_draws_it(watch, site_url):
    """The build draws a first visit's path; Python's first answer changes none of its words."""
    page = watch.page
    page.goto(site_url + "paged/")
    panel = page.locator("[data-hb-component=flow-path]")
    before = panel.locator(".flow-path__steps").inner_text()
    wait_flow_ready(watch)
    watch.wait_for("document.querySelector('[data-flow-next]').textContent.startsWith('Next:')")
    assert panel.locator(".flow-path__steps").inner_text() == before
    assert panel.locator("[data-flow-text] button").first.is_enabled()  # the Copy buttons work now
