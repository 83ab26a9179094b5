"""The guided page in a paged engineer's first second: what they answer before Python has started
is kept (still selected, typed text whole, in the link) and decided on once Python answers; nothing
moves the view or the focus under their hand; a long permalink opens without its layout jumping;
every step is answered where it stands; "Start again" empties the link; the next question is a few
Tab presses from the top."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest

from .helpers import hold_requests
from .test_flow_walks import choose, status
from .test_layout_shift import RECORD_SHIFTS
from .test_paged_flow import TICKET

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

PYTHON_STATE = "window.handbookCheckers ? window.handbookCheckers.runtime.state : 'not loaded'"
PATH_READY = "document.querySelector('[data-flow-next]')?.textContent.startsWith('Next:')"
FOCUSED = "document.activeElement && (document.activeElement.id || document.activeElement.tagName)"


def link_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def open_before_python(watch, size, url: str):
    """Open the page with Python's runtime files held back (as on a slow phone) until `release()`:
    whatever the test does before that happens before Python has started, every time."""
    page = watch.page
    page.set_viewport_size(size)
    release = hold_requests(page, "**/assets/pyodide/**")
    page.goto(url, wait_until="domcontentloaded")
    return page, release


def place_of(page, selector: str) -> float:
    return page.evaluate("(s) => document.querySelector(s).getBoundingClientRect().top", selector)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_answer_at_first_paint_moves_neither_view_nor_focus(watch, site_url, size):
    page, release = open_before_python(watch, size, site_url + "paged/")
    answer = "#chk-paged-deployment-self-managed"
    page.locator(answer).check()
    assert page.evaluate(PYTHON_STATE) != "ready"
    place, focus = place_of(page, answer), page.evaluate(FOCUSED)
    release()
    watch.wait_for(PATH_READY)
    watch.wait_for("location.search.includes('paged.deployment=self-managed')")
    page.wait_for_timeout(500)  # the folds and texts of the first reply, in their own tasks
    # What the reader answered stays where it was on the screen, and keeps the focus.
    assert abs(place_of(page, answer) - place) < 1
    assert page.evaluate(FOCUSED) == focus == "chk-paged-deployment-self-managed"
    assert page.locator("#chk-paged-deployment-self-managed").is_checked()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_ticket_link_typed_in_the_first_second_is_kept_whole_with_every_answer(watch, site_url, size):
    page, release = open_before_python(watch, size, site_url + "paged/")
    page.locator("#chk-paged-deployment-self-managed").check()
    box = page.locator("#chk-response-texts-ticket-url")
    box.click()
    page.keyboard.type(TICKET[:20])
    assert page.evaluate(PYTHON_STATE) != "ready"
    release()
    page.keyboard.type(TICKET[20:], delay=20)  # typing on while Python starts
    place = place_of(page, "#chk-response-texts-ticket-url")
    watch.wait_for(PATH_READY)
    watch.wait_for(
        "location.search.includes('response-texts.ticket_url=') && location.search.includes('paged.deployment=')"
    )
    watch.wait_for(
        f"document.querySelector('[data-response-text=slack_thread] .checker__say').textContent.includes('{TICKET}')"
    )
    assert box.input_value() == TICKET
    assert abs(place_of(page, "#chk-response-texts-ticket-url") - place) < 1
    assert page.evaluate(FOCUSED) == "chk-response-texts-ticket-url"
    assert page.locator("#chk-paged-deployment-self-managed").is_checked()
    link = link_of(page)
    assert link["paged.deployment"] == ["self-managed"]
    assert link["response-texts.ticket_url"] == [TICKET]


def test_the_links_answers_show_before_python_and_its_texts_say_they_wait(watch, site_url):
    page, release = open_before_python(
        watch,
        DESKTOP,
        site_url
        + f"paged/?paged.deployment=saas&entitlement.org_associated=true&response-texts.ticket_url={quote(TICKET)}",
    )
    watch.wait_for("document.querySelector('#chk-paged-deployment-saas').checked")
    assert page.locator("#chk-entitlement-org-associated-true").is_checked()
    assert page.locator("#chk-response-texts-ticket-url").input_value() == TICKET
    waiting = page.locator("[data-response-text=slack_thread] .flow-text__todo")
    assert waiting.is_visible() and "Waiting for Python" in waiting.inner_text()
    assert page.locator("[data-flow-text=public_comment][data-waiting]").count() == 1
    release()
    watch.wait_for(
        f"document.querySelector('[data-response-text=slack_thread] .checker__say').textContent.includes('{TICKET}')"
    )
    assert not waiting.is_visible()
    # The path's texts, changed in place, no longer wait either: their Copy buttons show and work.
    watch.wait_for("!document.querySelector('[data-flow-text][data-waiting]')")
    assert page.locator("[data-flow-text=public_comment] .checker__copy").is_enabled()
    assert not page.locator("[data-flow-text=public_comment] .flow-text__todo").is_visible()


# A free user: the path ends, and most sections fold away.
LONG_PATH = (
    f"?entitlement.org_associated=true&entitlement.plan=free&paged.deployment=self-managed"
    f"&paged.topic=licence&paged.done=acknowledge,open-ticket&response-texts.ticket_url={quote(TICKET)}"
)


def test_a_long_permalink_opened_cold_does_not_shift_the_layout(watch, site_url):
    page = watch.page
    page.set_viewport_size(PHONE)
    page.add_init_script(RECORD_SHIFTS)
    page.goto(site_url + "paged/" + LONG_PATH)  # as "Copy link" gives it: no #section
    watch.wait_for(PATH_READY)
    watch.wait_for("document.querySelector('[data-flow-step=\"slack-thread\"]').dataset.status === 'skipped'")
    page.wait_for_timeout(800)
    shifts = page.evaluate("window.__shifts")
    assert sum(shift["value"] for shift in shifts) <= 0.1, shifts


def test_a_long_permalink_opened_at_a_section_keeps_that_section_in_view(watch, site_url):
    page = watch.page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "paged/" + LONG_PATH + "#step-slack-thread", wait_until="load")
    heading = "document.getElementById('step-slack-thread').getBoundingClientRect().top"
    before = page.evaluate(heading)
    watch.wait_for(PATH_READY)
    watch.wait_for("document.querySelector('[data-flow-step=\"slack-thread\"]').dataset.status === 'skipped'")
    page.wait_for_timeout(800)
    assert abs(page.evaluate(heading) - before) < 2, "the anchored section stays where the reader sees it"


# A block of content inserted by the page itself: at the article's start (around the reader's place,
# no node before it), right before the section's heading, or at the article's end (below).
INSERT = """(where) => {
  const heading = document.getElementById('step-slack-thread');
  const article = heading.closest('article');
  const block = Object.assign(document.createElement('div'), { className: 'inserted-block' });
  block.style.height = '300px';
  if (where === 'start') article.prepend(block);
  else if (where === 'before') heading.before(block);
  else article.append(block);
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""


@pytest.mark.parametrize(
    "where, view_moves",
    [("start", True), ("before", True), ("end", False)],
    ids=["above-at-the-start", "right-above", "below"],
)
def test_the_view_holds_for_a_change_above_the_reader_and_ignores_one_below(watch, site_url, where, view_moves):
    page = watch.page
    page.set_viewport_size(PHONE)
    page.goto(site_url + "paged/" + LONG_PATH + "#step-slack-thread", wait_until="load")
    watch.wait_for(PATH_READY)
    watch.wait_for("document.querySelector('[data-flow-step=\"slack-thread\"]').dataset.status === 'skipped'")
    page.wait_for_timeout(800)
    heading = "document.getElementById('step-slack-thread').getBoundingClientRect().top"
    before, scrolled = page.evaluate(heading), page.evaluate("scrollY")
    page.evaluate(INSERT, where)
    assert abs(page.evaluate(heading) - before) < 2, "the section the reader is at stays where they see it"
    moved = page.evaluate("scrollY") - scrolled
    # Above: by the block and what margins it stops from collapsing; below: not at all.
    assert moved >= 298 if view_moves else moved == 0, moved


def test_the_concurrent_step_is_answered_on_the_guided_page_by_keyboard(watch, site_url):
    page = watch.page
    page.goto(site_url + "paged/?paged.done=acknowledge")
    watch.wait_ready("[data-checker=concurrent]")
    choose(page, "chk-paged-already-handling-true")
    status(watch, "concurrent", "next")
    # The path says yes to "handling another emergency" for this form; the reader need not.
    watch.wait_for("document.querySelector('#chk-concurrent-handling-other-emergency-true')?.checked")
    choose(page, "chk-concurrent-region-AMER")
    status(watch, "concurrent", "done")
    outcome = watch.wait_for("document.querySelector('[data-checker=concurrent] .checker__code')?.textContent")
    assert outcome
    link = link_of(page)
    assert link["concurrent.region"] == ["AMER"]
    assert "concurrent.handling_other_emergency" not in link  # the path's answer, not the reader's


def test_start_again_clears_the_flows_own_answers_and_empties_the_link(watch, site_url):
    page = watch.page
    page.goto(
        site_url + f"paged/?paged.deployment=self-managed&paged.already_handling=true&paged.done=acknowledge"
        f"&response-texts.ticket_url={quote(TICKET)}"
    )
    watch.wait_for(PATH_READY)
    assert page.locator("#chk-paged-deployment-self-managed").is_checked()
    page.get_by_role("button", name="Start again").first.click()
    watch.wait_for("location.search === ''")
    page.wait_for_timeout(300)
    assert page.evaluate("location.search") == ""
    assert not page.locator("#chk-paged-deployment-self-managed").is_checked()
    assert page.locator("#chk-paged-already-handling-false").is_checked()
    assert not page.locator("#flow-done-acknowledge").is_checked()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_next_question_is_within_five_tab_presses_from_the_top(watch, site_url, size):
    page = watch.page
    page.set_viewport_size(size)
    page.goto(site_url + "paged/?paged.done=acknowledge")
    watch.wait_for(PATH_READY)
    presses = 0
    while not page.evaluate("document.activeElement?.matches('[data-flow-skip-link]')"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= 5, "the skip link to the next question is not within five Tab presses"
    page.keyboard.press("Enter")
    # Acknowledged: the next step is the ticket, whose first question is its link.
    watch.wait_for("document.activeElement?.id === 'chk-response-texts-ticket-url'")
    page.keyboard.type(TICKET)
    watch.wait_for("location.search.includes('response-texts.ticket_url=')")


def test_a_step_of_your_path_leads_to_its_section_with_every_answer_kept(watch, site_url):
    page = watch.page
    page.goto(site_url + "paged/")
    watch.wait_for(PATH_READY)
    page.locator("#chk-paged-deployment-saas").check()
    page.locator("#chk-paged-already-handling-true").check()
    page.locator("#chk-response-texts-ticket-url").fill(TICKET)
    watch.wait_for("location.search.includes('paged.already_handling=true') && location.search.includes('ticket_url')")
    query = page.evaluate("location.search")
    page.locator('[data-flow-step="concurrent"] a').first.click()
    watch.wait_for("document.activeElement?.id === 'step-concurrent'")
    assert page.evaluate("location.search") == query and page.evaluate("location.hash") == "#step-concurrent"
    assert page.locator("#chk-paged-deployment-saas").is_checked()
    assert page.locator("#chk-response-texts-ticket-url").input_value() == TICKET
    top = page.evaluate("document.getElementById('step-concurrent').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, "the section is brought into view"


def test_an_answer_given_before_the_pages_scripts_run_is_kept_and_decided(watch, site_url):
    page = watch.page
    release = hold_requests(page, "**/assets/checkers/client.js*")
    page.goto(site_url + "paged/", wait_until="commit")  # the page's module holds DOMContentLoaded back
    page.wait_for_selector("#chk-paged-deployment-saas", state="attached")
    page.locator("#chk-paged-deployment-saas").check()  # no script of the page has run yet
    release()
    watch.wait_for(PATH_READY)
    watch.wait_for("location.search.includes('paged.deployment=saas')")
    assert page.locator("#chk-paged-deployment-saas").is_checked()
    # Decided on: a GitLab.com emergency's triage is no longer waiting for the deployment.
    watch.wait_for("document.querySelector('[data-flow-step=\"saas-triage\"]').dataset.status !== 'skipped'")


def test_start_again_before_python_has_started_clears_the_answers_for_good(watch, site_url):
    page, release = open_before_python(watch, DESKTOP, site_url + "paged/" + LONG_PATH)
    watch.wait_for("!document.querySelector('.flow-start-again').disabled")
    page.get_by_role("button", name="Start again").first.click()
    assert page.evaluate("location.search") == ""
    release()
    watch.wait_for(PATH_READY)
    page.wait_for_timeout(1500)  # Python's reading of the old link, and every form's first answer
    assert page.evaluate("location.search") == ""
    assert page.locator("#chk-response-texts-ticket-url").input_value() == ""
    assert not page.locator("#chk-paged-deployment-self-managed").is_checked()
    assert not page.locator("#chk-entitlement-org-associated-true").is_checked()


def test_a_default_the_reader_gives_again_is_kept_in_the_link(watch, site_url):
    page = watch.page
    page.goto(
        site_url + "paged/?entitlement.org_associated=true&entitlement.plan=premium&paged.topic=licence"
        "&paged.deployment=self-managed"
    )
    watch.wait_ready("[data-checker=licence]")
    expiry = page.locator("[data-checker=licence] [data-question=expires_on] input").first
    today = watch.wait_for("document.querySelector('[data-checker=licence] [data-question=expires_on] input').value")
    # ...the page starts the date at today
    assert today
    expiry.fill(today)  # the reader says: today
    watch.wait_for(f"location.search.includes('licence.expires_on={today}')")
    watch.wait_for("document.querySelector('[data-flow-step=\"licence\"]').dataset.status === 'done'")


FOLDED_FIRST = "step-concurrent"  # "Handling another emergency": a first visit's path skips it
HEADING_SAYS = f"getComputedStyle(document.getElementById('{FOLDED_FIRST}'), '::after').content"


def test_a_first_visits_folds_are_drawn_before_python_and_answer_the_reader_at_once(watch, site_url):
    """What a first visit's path folds away is folded from the first paint (a phone neither styles
    nor lays it out), with its reason; "Show this step anyway" works before Python, and Python's
    first answer keeps the reader's choice."""
    page, release = open_before_python(watch, PHONE, site_url + "paged/")
    body = page.locator(f"#{FOLDED_FIRST}-body")
    note = page.locator(f'[data-flow-section-skipped="{FOLDED_FIRST}"]')
    assert page.evaluate(PYTHON_STATE) != "ready"
    assert body.is_hidden()
    assert note.is_visible()
    assert "You are not handling another emergency." in note.inner_text()
    assert "skipped on your path" in page.evaluate(HEADING_SAYS)
    note.get_by_role("button", name="Show this step anyway").click()
    assert body.is_visible()
    assert note.get_by_role("button", name="Fold it away again").get_attribute("aria-expanded") == "true"
    release()
    watch.wait_for(PATH_READY)
    page.wait_for_timeout(500)  # the folds of the first reply, in a task of their own
    assert body.is_visible(), "Python's first answer keeps a step the reader chose to see"
    note.get_by_role("button", name="Fold it away again").click()
    assert body.is_hidden()
    # Every fold is the panel's own now: the build's first-visit marks are gone.
    assert page.locator("[data-flow-folded-first], [data-flow-first-status]").count() == 0


def test_show_this_step_works_before_the_pages_module_has_loaded(watch, site_url):
    """On a slow phone the page's module may come late (or not at all): the button answers anyway,
    and the module keeps the step shown once it runs and Python answers."""
    page = watch.page
    page.set_viewport_size(PHONE)
    release = hold_requests(page, "**/assets/checkers/flow-path.js")
    page.goto(site_url + "paged/", wait_until="commit")
    note = page.locator(f'[data-flow-section-skipped="{FOLDED_FIRST}"]')
    note.get_by_role("button", name="Show this step anyway").click()
    assert page.locator(f"#{FOLDED_FIRST}-body").is_visible()
    assert note.get_by_role("button", name="Fold it away again").get_attribute("aria-expanded") == "true"
    release()
    watch.wait_for(PATH_READY)
    page.wait_for_timeout(500)
    assert page.locator(f"#{FOLDED_FIRST}-body").is_visible()
    assert "skipped on your path" in page.evaluate(HEADING_SAYS)  # still skipped, shown all the same


@pytest.mark.parametrize("how", ["link-with-answers", "answered-before-python"])
def test_a_step_the_path_may_not_skip_is_never_shown_folded(watch, site_url, how):
    """The build's folds are a first visit's: a link with answers, or a path answered before Python's
    first word, shows the page as written until Python says what it skips."""
    query = "?paged.already_handling=true" if how == "link-with-answers" else ""
    page, release = open_before_python(watch, PHONE, site_url + "paged/" + query)
    body = page.locator(f"#{FOLDED_FIRST}-body")
    if how == "answered-before-python":
        assert body.is_hidden()  # a first visit: folded
        page.locator("#chk-paged-deployment-self-managed").check()
    watch.wait_for(
        f"!document.querySelector('#{FOLDED_FIRST}-body').hidden && "
        f"getComputedStyle(document.querySelector('#{FOLDED_FIRST}-body')).display !== 'none'"
    )
    assert "skipped" not in page.evaluate(HEADING_SAYS)
    release()
    watch.wait_for(PATH_READY)
    page.wait_for_timeout(500)
    if how == "link-with-answers":
        assert body.is_visible(), "the link's path takes the step: it is never folded"
        assert page.locator(f'[data-flow-section-skipped="{FOLDED_FIRST}"]').is_hidden()


def test_without_javascript_nothing_is_folded(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "paged/")
    assert page.locator(f"#{FOLDED_FIRST}-body").is_visible()
    assert page.locator(f'[data-flow-section-skipped="{FOLDED_FIRST}"]').is_hidden()
    assert "skipped" not in page.evaluate(HEADING_SAYS)
    context.close()
