"""The site in Firefox (Debian's firefox-esr) and WebKit (Debian's WebKitGTK), the engines of the
support engineers' other browsers and of every browser on an iPhone: every checker answers on its
own page as CPython decides, the guided page's walks pass by keyboard, a permalink restores the
answers, an instant navigation keeps the running Python, no CSP violation is reported, and after one
visit the site works offline. The pages are driven through their contracts (element ids, data-*
attributes, answer names), not their wording.

CSP violations are heard the same way in both engines: the test server sends the pages' policy a
second time as a report-only header with a report-uri, so the browser posts every violation of
the enforced (<meta>) policy to the server, the module worker's included."""

from __future__ import annotations

import json
import threading
from functools import partial
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from urllib.request import urlopen

import pytest

import checkers
from site_build.finish.csp import POLICY
from site_build.serve import SiteHandler

from .engines import launch, poll, wait_for
from .helpers import SAMPLE
from .test_keyboard import pages_with_checkers

REPORT_PATH = "/__csp-report"
ENGINES = ["firefox", "webkit"]


class ReportingHandler(SiteHandler):
    reports: list[str]

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        if urlsplit(self.path).path == REPORT_PATH:
            try:
                report = json.loads(body).get("csp-report", {})
                body = (
                    f"{report.get('effective-directive') or report.get('violated-directive')} refused "
                    f"{report.get('blocked-uri') or 'inline code'} on {report.get('document-uri')}"
                )
            except (ValueError, AttributeError):
                pass
            self.reports.append(body)
        self.send_response(HTTPStatus.NO_CONTENT)
        self.end_headers()


class Site:
    """The built site on a free port, hearing CSP reports; stop() takes it off the network."""

    def __init__(self, directory):
        self.reports: list[str] = []
        headers = {"Content-Security-Policy-Report-Only": f"{POLICY}; report-uri {REPORT_PATH}"}
        handler = type("Handler", (ReportingHandler,), {"reports": self.reports, "extra_headers": headers})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module", params=ENGINES)
def browser(request):
    driver = launch(request.param)
    driver.name = request.param
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def site(built_site):
    served = Site(built_site)
    yield served
    served.stop()


@pytest.fixture(autouse=True)
def no_violation_and_no_error(request):
    """Every test ends with no CSP report and no console error (Firefox's; WebKitWebDriver cannot
    read the console)."""
    yield
    if "browser" not in request.fixturenames:
        return
    browser = request.getfixturevalue("browser")
    served = request.getfixturevalue("site") if "site" in request.fixturenames else None
    reports = served.reports[:] if served else []
    if served:
        served.reports.clear()
    errors = browser.errors()
    assert reports == [], "CSP violations reported:\n" + "\n".join(reports)
    assert errors == [], "console errors:\n" + "\n".join(errors)


def wait_ready(browser, selector: str = "[data-checker]") -> None:
    state = wait_for(
        browser,
        f"""(() => {{ const s = document.querySelector('{selector} .checker__status');
        return s && (s.dataset.state === 'ready' || s.dataset.state === 'error') ? s.dataset.state : null; }})()""",
    )
    assert state == "ready", browser.evaluate(f"document.querySelector('{selector} .checker__status').textContent")


# Answers what a checker shows now, as a reader clicking would (the first option of each required
# question, a fixed sample for a typed value), then returns its outcome code or null. A question
# asked only once Python has replied is answered on a later call.
ANSWER_SHOWN = """((index, samples) => {
  const widget = document.querySelectorAll('[data-checker]')[index];
  const shown = (el) => el.getClientRects().length > 0;
  const folded = widget.closest('[data-flow-section-body]');
  if (folded && folded.hidden) {
    document.querySelector(`[data-flow-section-skipped="${folded.dataset.flowSectionBody}"] button`).click();
  }
  for (const field of widget.querySelectorAll('fieldset[data-question]')) {
    const first = field.querySelector('input[type=radio][required]');
    if (first && shown(field) && !field.querySelector('input:checked')) first.click();
  }
  const required = '[data-question] input[required], [data-question] textarea[required]';
  for (const control of widget.querySelectorAll(required)) {
    if (control.type === 'radio' || !shown(control) || control.value) continue;
    control.value = samples[control.closest('[data-question]').dataset.kind];
    control.dispatchEvent(new Event('input', {bubbles: true}));
    control.dispatchEvent(new Event('change', {bubbles: true}));
  }
  const code = widget.querySelector('.checker__result .checker__outcome .checker__code');
  return code ? [widget.dataset.checker, code.textContent, window.handbookCheckers.readAnswers(widget)] : null;
})"""


def answer_every_checker(browser) -> list[tuple[str, str, dict]]:
    """(checker, outcome shown, answers) for every checker on the page."""
    count = wait_for(
        browser,
        """(() => { const all = [...document.querySelectorAll('[data-checker]')];
        return all.every((w) =>
                 ['ready', 'error'].includes(w.querySelector('.checker__status')?.dataset.state ?? 'ready'))
               ? all.length : null; })()""",
    )
    answered = []
    for index in range(count):
        expression = f"{ANSWER_SHOWN}({index}, {json.dumps(SAMPLE)})"
        answered.append(wait_for(browser, expression, timeout=60))
    return answered


def test_every_checker_answers_on_its_own_page_as_python_decides(browser, site, built_site):
    on_pages = pages_with_checkers(built_site)
    # Each checker on the first page that holds it outside the guided page (its own page), else there.
    own_page = {name: next((p for p in paths if p != "paged/"), paths[0]) for name, paths in on_pages.items()}
    assert set(own_page) == set(checkers.names())
    decided = {}
    for path in sorted(set(own_page.values())):
        browser.goto(site.url + path)
        for name, code, answers in answer_every_checker(browser):
            if own_page.get(name) == path:
                assert code == checkers.evaluate(name, answers)["outcome"], (browser.name, path, name, answers)
                decided[name] = code
    assert set(decided) == set(checkers.names())


# -- The guided page ------------------------------------------------------------------------------


def tab_to(browser, selector: str, limit: int = 400) -> None:
    for _ in range(limit):
        if browser.evaluate(f"!!document.activeElement && document.activeElement.matches({json.dumps(selector)})"):
            return
        browser.press("Tab")
    raise AssertionError(f"{browser.name}: Tab never reached {selector}")


def choose(browser, input_id: str) -> None:
    """Tab to the choice's group, arrow keys within it (Tab between checkboxes), Space to select."""
    element = f"document.getElementById({json.dumps(input_id)})"
    tab_to(browser, f"input[name={json.dumps(browser.evaluate(f'{element}.name'))}]")
    kind = browser.evaluate(f"{element}.type")
    for _ in range(12):
        # Where the target is from the focused option, in document order (WebKit's arrows do not
        # wrap around a group as Chromium's do).
        after = browser.evaluate(f"!!(document.activeElement.compareDocumentPosition({element}) & 4)")
        if browser.evaluate(f"document.activeElement === {element}"):
            break
        browser.press("Tab" if kind == "checkbox" else "ArrowDown" if after else "ArrowUp")
    assert browser.evaluate("document.activeElement.id") == input_id
    if not browser.evaluate(f"{element}.checked"):
        browser.press("Space")
    wait_for(browser, f"{element}.checked", timeout=5)


def step_is(browser, step: str, wanted: str) -> None:
    wait_for(browser, f"document.querySelector('[data-flow-step=\"{step}\"]')?.dataset.status === '{wanted}'")


def outcome_is(browser, name: str, code: str) -> None:
    wait_for(browser, f"document.querySelector('[data-checker=\"{name}\"] .checker__code')?.textContent === '{code}'")


def open_guided_page(browser, url: str) -> None:
    browser.goto(url)
    wait_ready(browser, "[data-checker=entitlement]")
    step_is(browser, "acknowledge", "next")


# Each walk: the choices (input ids, in the order a reader makes them, each waiting for the step it
# settles), then what the path then says of its steps, and the answers the permalink carries.
WALKS = {
    "free user": (
        [("chk-entitlement-org-associated-false", None), ("chk-entitlement-plan-free", ("entitlement", "done"))],
        {"entitlement": "done", "qualification": "skipped", "call": "skipped", "not-entitled": "open"},
        {"entitlement.org_associated": "false", "entitlement.plan": "free"},
    ),
    "strict emergency": (
        [
            ("chk-entitlement-org-associated-true", None),
            ("chk-entitlement-plan-premium", ("entitlement", "done")),
            ("chk-qualification-production-unusable-yes", ("qualification", "done")),
        ],
        {"entitlement": "done", "qualification": "done", "not-entitled": "skipped", "borderline": "skipped"},
        {"entitlement.plan": "premium", "qualification.production_unusable": "yes"},
    ),
    "SaaS emergency with a public incident": (
        [
            ("chk-paged-deployment-saas", None),
            ("chk-entitlement-org-associated-true", None),
            ("chk-entitlement-plan-ultimate", ("entitlement", "done")),
            ("chk-qualification-production-unusable-yes", ("qualification", "done")),
            ("chk-saas-triage-category-regression", None),
            ("chk-saas-triage-known-incident-true", ("saas-triage", "done")),
        ],
        {"saas-triage": "done", "call": "skipped", "follow-up": "skipped"},
        {"paged.deployment": "saas", "saas-triage.known_incident": "true"},
    ),
}


@pytest.mark.parametrize("walk", list(WALKS))
def test_a_guided_walk_and_its_permalink(browser, site, walk):
    choices, steps, carried = WALKS[walk]
    open_guided_page(browser, site.url + "paged/")
    for input_id, settles in choices:
        # A choice shown only once Python has replied to the one before it.
        wait_for(browser, f"document.getElementById('{input_id}')?.getClientRects().length > 0")
        choose(browser, input_id)
        if settles:
            step_is(browser, *settles)
    for step, wanted in steps.items():
        step_is(browser, step, wanted)
    permalink = browser.url
    assert carried.items() <= dict(parse_qsl(urlsplit(permalink).query)).items(), permalink

    # The permalink, opened afresh, restores the answers and the path.
    browser.goto(site.url)
    browser.goto(permalink)
    wait_ready(browser, "[data-checker=entitlement]")
    for input_id, _ in choices:
        wait_for(browser, f"document.getElementById('{input_id}').checked", timeout=30)
    for step, wanted in steps.items():
        step_is(browser, step, wanted)


def test_an_instant_navigation_keeps_the_running_python(browser, site):
    browser.goto(site.url + "qualifying/")
    wait_ready(browser)
    browser.evaluate("window.__sameDocument = true")
    browser.click('.md-sidebar--primary a[href$="licence/"]')  # the window is desktop-wide
    wait_for(browser, "location.pathname === '/licence/'")
    wait_ready(browser, "[data-checker=licence]")
    assert browser.evaluate("window.__sameDocument === true"), "the navigation loaded a new page"
    answered = answer_every_checker(browser)
    assert [name for name, _, _ in answered] == ["licence"]


def test_leaving_a_page_while_the_browser_prefetches_the_next_logs_no_error(browser, site):
    """Firefox prefetches the page a <link rel="next"> names (the home page's is the guided page).
    Leaving before it arrives cancels it: silent with no service worker, and silent with ours."""
    browser.goto(site.url + "about/")
    wait_for(browser, "document.documentElement.dataset.offline === 'ready'", timeout=240)
    browser.goto(site.url)
    assert browser.evaluate("!!navigator.serviceWorker.controller && document.querySelector('link[rel=next]').href")
    browser.goto(site.url + "about/")


def test_a_csp_violation_would_be_heard(browser, site):
    """The report-only channel the other tests rely on does report: a fetch to another origin."""
    browser.goto(site.url + "about/")
    browser.evaluate("fetch('http://127.0.0.2:9/probe').then(() => 0, () => 0)")
    heard = poll(lambda: site.reports[:], timeout=30, what="a CSP report")
    assert any("connect-src" in report for report in heard), heard
    site.reports.clear()
    if browser.reads_console:  # the refusal is logged too, once per policy: that was the point
        refusals = []

        def logged_for_both_policies() -> bool:
            refusals.extend(error for error in browser.errors() if "127.0.0.2" in error)
            return len(refusals) >= 2

        poll(logged_for_both_policies, 30, "the refusal logged by both policies")


def test_after_one_visit_the_site_works_offline(browser, built_site):
    """The network gone (the server stopped, so it works in every engine's automation): another
    page opens from the offline copy and its checker answers."""
    own = Site(built_site)
    try:
        browser.goto(own.url + "qualifying/")
        state = wait_for(
            browser,
            """['ready', 'failed', 'unavailable'].includes(document.documentElement.dataset.offline)
                                     && document.documentElement.dataset.offline""",
            timeout=240,
        )
        assert state == "ready", f"{browser.name}: the offline copy is {state!r}"
    finally:
        own.stop()
    with pytest.raises(OSError):
        urlopen(own.url, timeout=5)  # really offline
    browser.goto(own.url + "licence/")
    assert [name for name, _, _ in answer_every_checker(browser)] == ["licence"]
    assert own.reports == []
