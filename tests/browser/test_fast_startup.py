"""The fast Python start-up in the browser: the precompiled start-up library answers
every checker without the stock library or the rest of the standard library; anything wrong with
the fast bundle falls back to the plain boot; a wheel that does not match the lock file never runs."""

from __future__ import annotations

from tests.browser.helpers import answer_every_checker, hold_requests, page_paths

STOCK_LIBRARY = "/assets/pyodide/python_stdlib.zip"
START_UP_LIBRARY = "/assets/pyodide/python_startup.zip"
REST_LIBRARY = "/assets/pyodide/python_stdlib_rest.zip"
TZDATA_WHEEL = "/assets/pyodide/tzdata-"


def fetched(watch, path: str) -> bool:
    return any(path in url for url in watch.requests)


def answer_qualification(page) -> None:
    page.locator("#chk-qualification-production-unusable-no").check()
    page.locator("#chk-qualification-exception-criteria-no").check()
    page.locator("[data-checker=qualification] .checker__result").get_by_text("Not an emergency", exact=True).wait_for()


def checker_pages(site) -> list[str]:
    return [
        path
        for path in page_paths(site)
        if path.endswith("/") and "data-checker=" in (site / path / "index.html").read_text(encoding="utf-8")
    ]


def test_every_checker_answers_from_the_start_up_library_alone(watch, site_url, built_site):
    pages = checker_pages(built_site)
    assert "qualifying/" in pages and "us-federal/" in pages
    for path in ["qualifying/"] + [p for p in pages if p != "qualifying/"]:
        watch.page.goto(site_url + path)
        assert answer_every_checker(watch), path
        if path == "qualifying/":  # no time zone there: the time-zone database is not fetched
            assert not fetched(watch, TZDATA_WHEEL)
    assert fetched(watch, START_UP_LIBRARY)
    assert fetched(watch, TZDATA_WHEEL), "the US Federal checker did not get the time-zone database"
    # Neither the stock library (the plain boot) nor the rest (an import the trace missed) was needed.
    assert not fetched(watch, STOCK_LIBRARY) and not fetched(watch, REST_LIBRARY)


def test_the_guided_page_answers_without_the_time_zone_database(watch, site_url):
    """The guided page's walk of the response imports only the checkers its link has answers for,
    and a step's form far below the reader asks Python only once it comes near: a first visit that
    answers the first steps does not fetch the time-zone database (for the US Federal step, which a
    first visit skips)."""
    page = watch.page
    page.goto(site_url + "paged/")
    watch.wait_ready("[data-checker=entitlement]")
    page.locator("#chk-entitlement-org-associated-true").check()
    page.locator("#chk-entitlement-plan-premium").check()
    watch.wait_for("document.querySelector('[data-checker=entitlement] .checker__code')?.textContent === 'entitled'")
    page.locator("[data-flow-next]").get_by_text("Next:").wait_for()
    page.wait_for_timeout(1000)
    assert not fetched(watch, TZDATA_WHEEL)
    # The US Federal form, once the reader comes to it, answers as ever.
    page.locator("[data-flow-section-skipped=step-us-federal] button").click()
    page.locator("[data-checker=us-federal]").scroll_into_view_if_needed()
    watch.wait_for("document.querySelector('[data-checker=us-federal] .checker__code')?.textContent")
    assert fetched(watch, TZDATA_WHEEL)


def test_without_the_start_up_library_the_plain_boot_answers(watch, site_url):
    page = watch.page
    page.context.route("**/python_startup.zip", lambda route: route.abort())
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    answer_qualification(page)
    assert fetched(watch, STOCK_LIBRARY)


def test_a_start_up_library_that_is_not_the_one_built_is_not_used(watch, site_url):
    page = watch.page

    def stale(route):
        body = route.fetch().body()
        route.fulfill(status=200, body=body[:-1] + bytes([body[-1] ^ 1]), headers={"Content-Type": "application/zip"})

    page.context.route("**/python_startup.zip", stale)
    page.goto(site_url + "qualifying/")
    watch.wait_ready()
    answer_qualification(page)
    assert fetched(watch, STOCK_LIBRARY), "the altered library was not refused"


def test_a_wheel_that_does_not_match_the_lock_file_never_runs(browser, site_url):
    # No service worker: it takes over the Python worker as it activates (clients.claim), so the
    # plain boot's ask for the wheel went through it or not depending on timing, and its offline
    # copy downloaded the same wheel through the same route while Python was still starting.
    context = browser.new_context(service_workers="block")
    context.add_init_script("window.HANDBOOK_STARTUP_TIMEOUT_MS = 60000")
    tampered_for = []

    def tampered(route):
        tampered_for.append("service worker" if route.request.service_worker else "Python worker")
        body = bytearray(route.fetch().body())
        body[len(body) // 2] ^= 1
        route.fulfill(status=200, body=bytes(body), headers={"Content-Type": "application/zip"})

    context.route("**/checkers-*.whl", tampered)
    page = context.new_page()
    page.goto(site_url + "qualifying/")
    status = page.locator("[data-checker=qualification] .checker__status")
    # Both ways in check the sha256: the fast one refuses, then loadPackage refuses too.
    status.get_by_text("Python could not start").wait_for(timeout=90000)
    assert tampered_for == ["Python worker", "Python worker"], tampered_for
    assert page.locator("[data-checker=qualification] table tbody tr").count() >= 1
    context.unroute_all(behavior="ignoreErrors")  # a handler still fetching must not fail the next test
    context.close()


# Every request to the Python worker and every reply, in order, with "ready" among them; and, as
# the worker starts, a walk of the guided response asked ahead of anything the page asks (the page's
# own order depends on which of its modules loads first). Its reply goes to no one (transport.js
# ignores an id it did not give).
RECORD_WORKER_TRAFFIC = """(() => {
  const traffic = (window.__workerTraffic = []);
  const Plain = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Plain(url, options);
    if (!String(url).includes("worker.mjs")) return worker;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message) => {
      traffic.push({ asked: message.id, op: message.request.op, name: message.request.name || null });
      post(message);
    };
    worker.addEventListener("message", ({ data }) =>
      traffic.push(data.type === "reply" ? { replied: data.id } : { event: data.type }));
    worker.postMessage({ id: "walk-first", request: { op: "flow", name: "paged", query: "" } });
    return worker;
  };
})();"""


def test_the_guided_pages_forms_are_answered_before_its_walk(watch, site_url):
    """What a first visit asks while Python starts waits for it together; the worker answers the
    forms first (the reader is looking at them), then the walk of the response, which imports the
    whole flow (~150 ms on a cold visit): asked first, it used to be answered first."""
    page = watch.page
    page.add_init_script(RECORD_WORKER_TRAFFIC)
    # Python's files wait until the page has asked its first form, as on a phone, whose network and
    # CPU make the start longer than the page's mounting (on a fast machine either may come first).
    release = hold_requests(page, "**/assets/pyodide/**")
    page.goto(site_url + "paged/")
    watch.wait_for("(window.__workerTraffic || []).some((e) => e.op === 'form' && e.name === 'entitlement')")
    release()
    page.locator("[data-flow-next]").get_by_text("Next:").wait_for()
    traffic = page.evaluate("window.__workerTraffic")
    ready = traffic.index({"event": "ready"})
    waited = {entry["asked"]: (entry["op"], entry["name"]) for entry in traffic[:ready] if "asked" in entry}
    assert ("form", "entitlement") in waited.values(), traffic  # asked as the page mounted, before Python ran
    replies = [waited[entry["replied"]] for entry in traffic if entry.get("replied") in waited]
    assert len(replies) == len(waited), traffic
    walk = replies.index(("flow", "paged"))
    assert all(op == "form" for op, _ in replies[:walk]), replies
    assert ("form", "entitlement") in replies[:walk], replies


def test_an_answer_that_makes_a_question_matter_costs_one_reply(watch, site_url):
    """Premium with an org makes the entitlement checker ask about a same-day single-user purchase,
    a question drawn hidden with its default (No) checked. Its answer goes to Python with the
    reader's, which ignores it until it matters: the reader's answer is one round trip to Python,
    not two (the second, asked once the first reply showed the question, was most of the time
    between the worker's first reply and the first answer on the guided page)."""
    page = watch.page
    page.add_init_script(RECORD_WORKER_TRAFFIC)
    page.goto(site_url + "paged/")
    watch.wait_ready('[data-checker="entitlement"]')
    page.locator("#chk-entitlement-org-associated-true").check()
    # How many times the entitlement form asked Python, once every one of them has its reply.
    settled = """(() => { const traffic = window.__workerTraffic;
        const ids = traffic.filter((entry) => entry.op === "form" && entry.name === "entitlement")
          .map((entry) => entry.asked);
        const replied = new Set(traffic.map((entry) => entry.replied));
        return ids.length && ids.every((id) => replied.has(id)) ? ids.length : null; })()"""
    before = watch.wait_for(settled)
    page.locator("#chk-entitlement-plan-premium").check()
    widget = page.locator('[data-checker="entitlement"]')
    widget.locator(".checker__code").get_by_text("entitled", exact=True).wait_for()
    assert widget.locator('[data-question="single_user_same_day_purchase"]').is_visible()
    assert watch.wait_for(settled) - before == 1
    # The reader's own answer, not the default: kept while the question is hidden (Free), and used
    # in the one reply that asks it again (Premium).
    page.locator("#chk-entitlement-single-user-same-day-purchase-true").check()
    widget.locator(".checker__code").get_by_text("engage-manager", exact=True).wait_for()
    page.locator("#chk-entitlement-plan-free").check()
    widget.locator('[data-question="single_user_same_day_purchase"]').wait_for(state="hidden")
    before = watch.wait_for(settled)
    page.locator("#chk-entitlement-plan-premium").check()
    widget.locator(".checker__code").get_by_text("engage-manager", exact=True).wait_for()
    assert watch.wait_for(settled) - before == 1
