"""The in-browser measurements: one function per kind of run, each in a fresh browser context
(an empty profile: no HTTP cache, no wasm code cache) unless it measures a warm cache on purpose.
Times are read in the page with performance.now(), whose zero is the navigation start."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from benchmarks import tasks

# The guided response page (the page an engineer opens first when paged): its first checker,
# entitlement, answered "associated with an org" and "Premium" the moment the page is parsed, as a
# reader who already knows would. (a), (b), (d) and (h) measure it.
GUIDED_PAGE = "paged/"
GUIDED_CHECKER = "entitlement"
GUIDED_ANSWERS = ("#chk-entitlement-org-associated-true", "#chk-entitlement-plan-premium")
# (c) and (e), as before: the qualification checker's page, answered "not in production" and "no
# exception"; (e) flips the first answer, (c) follows the navigation link to another checker page.
CHECKER_PAGE = "qualifying/"
CHECKER = "qualification"
ANSWERS = ("#chk-qualification-production-unusable-no", "#chk-qualification-exception-criteria-no")
TOGGLE = ("#chk-qualification-production-unusable-yes", "#chk-qualification-production-unusable-no")
# (c): another page with a checker, reached through Material's instant navigation.
OTHER_CHECKER_PAGE = "multiple-emergencies/"
# Chromium writes its wasm code cache a few seconds after a boot; a warm visit before that would
# measure a half-warm browser.
CODE_CACHE_WAIT_S = 8
# Before every cold visit: the previous profile's processes wind down first, so one run does not
# pay for the one before it (site and stock alike).
SETTLE_S = 2
TIMEOUT_S = 120
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8, "uploadThroughput": 20e6 / 8}
# Lighthouse's mobile default: the page's main thread four times slower than this machine's.
CPU_SLOWDOWN = 4

# Per page (by the end of its path): which answers to set once parsed, and which checker's outcome
# counts as the first answer.
MEASURED = {
    GUIDED_PAGE: {"answers": GUIDED_ANSWERS, "checker": GUIDED_CHECKER},
    CHECKER_PAGE: {"answers": ANSWERS, "checker": CHECKER},
}

INSTRUMENT = """(() => {
  if (window.__bench) return;
  const bench = (window.__bench = { firstAnswer: null });
  const measured = __MEASURED__;
  const key = Object.keys(measured).find((suffix) => location.pathname.endsWith("/" + suffix));
  // Another page (python -m benchmarks profile): its first checker reply of any kind, if it has one.
  const { answers, checker } = measured[key] || { answers: [], checker: null };
  const answered = checker
    ? `[data-checker="${checker}"] .checker__result .checker__outcome`
    : "[data-checker] .checker__result > *";
  document.addEventListener("DOMContentLoaded", () => {
    if (!checker && !document.querySelector("[data-checker]")) {
      addEventListener("load", () => (bench.firstAnswer = performance.now()));
      return;
    }
    for (const selector of answers) {
      const input = document.querySelector(selector);
      if (input) input.checked = true;
    }
    const watch = new MutationObserver(() => {
      if (document.querySelector(answered)) {
        bench.firstAnswer = performance.now();
        watch.disconnect();
      }
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
})();""".replace("__MEASURED__", json.dumps(MEASURED))  # JavaScript's braces: no format()

# (e): flip one answer back and forth; time each change until the new outcome is on the page.
CHANGES = """async ([selectors, checker, count]) => {
  const widget = document.querySelector(`[data-checker="${checker}"]`);
  const result = widget.querySelector(".checker__result");
  const times = [];
  for (let i = 0; i < count; i++) {
    const input = widget.querySelector(selectors[i % 2]);
    const before = result.textContent;
    const shown = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no new outcome within 5 s")), 5000);
      const watch = new MutationObserver(() => {
        if (result.querySelector(".checker__outcome") && result.textContent !== before) {
          watch.disconnect();
          clearTimeout(timer);
          resolve(performance.now());
        }
      });
      watch.observe(result, { childList: true, subtree: true, characterData: true });
    });
    const start = performance.now();
    input.click();
    times.push((await shown) - start);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return times;
}"""

# (c): click the navigation link; time until the new page's checker shows Python's reply, and
# how much of that came after Material had put the new page's checker into the document.
NAVIGATE = """async (href) => {
  for (const widget of document.querySelectorAll("[data-checker]")) widget.dataset.benchOld = "true";
  window.__benchSameDocument = true;
  let swapped = null;
  const shown = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer within 10 s of the navigation")), 10000);
    const watch = new MutationObserver(() => {
      const widget = document.querySelector("[data-checker]:not([data-bench-old])");
      if (widget && swapped === null) swapped = performance.now();
      const result = widget && widget.querySelector(".checker__result");
      if (result && result.childNodes.length) {
        watch.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      }
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
  const link = [...document.querySelectorAll("a.md-nav__link")].find((a) => a.getAttribute("href").endsWith(href));
  if (!link) throw new Error(`no navigation link to ${href}`);
  const start = performance.now();
  link.click();
  const end = await shown;
  return [end - start, end - swapped];
}"""


def _wait(page, expression: str, timeout: float = TIMEOUT_S):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value is not None:
            return value
        time.sleep(0.02)
    raise TimeoutError(f"{page.url}: {expression} still null after {timeout:.0f} s")


def first_answer_ms(page) -> float:
    return _wait(page, "window.__bench ? window.__bench.firstAnswer : null")


def stock_done_ms(page) -> float:
    if page.evaluate("window.__stockAnswer === undefined ? null : window.__stockAnswer") not in (None, 2):
        raise AssertionError("stock Pyodide did not answer 2 to 1+1")
    return _wait(page, "window.__stockDone === undefined ? null : window.__stockDone")


@dataclass
class Transfer:
    """Bytes on the wire (headers and encoded bodies) of the page's requests that finished within a
    second of the first answer: those started before it, the site's own and Pyodide's (listed in
    `requests`), and the sum of those started after it. The service worker's own fetches (the
    offline copy) are not among them: Playwright reports them only with
    PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS set, which this benchmark does not set."""

    site: int = 0
    pyodide: int = 0
    after_answer: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)


def _record(context) -> list:
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    return finished


def _transfer(finished, origin: str, answered_at: float) -> Transfer:
    """`answered_at`: the first answer, in milliseconds since the epoch (as Playwright's timings)."""
    transfer = Transfer()
    for request in finished:
        if not request.url.startswith(origin):
            continue
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if request.timing["startTime"] > answered_at:
            transfer.after_answer += size
            continue
        transfer.requests.append((request.url[len(origin) :], size))
        if "/assets/pyodide/" in request.url:
            transfer.pyodide += size
        else:
            transfer.site += size
    return transfer


def _context(browser, throttled: bool = False, cpu_slowdown: float = 1):
    time.sleep(SETTLE_S)
    context = browser.new_context()
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    if throttled or cpu_slowdown != 1:
        session = context.new_cdp_session(page)
        if throttled:
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", THROTTLE)
        if cpu_slowdown != 1:
            session.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    return context, page


def site_visits(browser, root: str) -> dict:
    """(a) the guided page cold, (g) its bytes, then in the same profile (b) the guided page again
    (a returning reader), (e) answer changes on the qualification page, (c) an instant navigation
    from there to another checker page."""
    context, page = _context(browser)
    finished = _record(context)
    page.goto(root + GUIDED_PAGE, wait_until="commit")
    cold = first_answer_ms(page)
    answered_at = page.evaluate("performance.timeOrigin") + cold
    time.sleep(1)  # let the last responses finish before counting bytes
    transfer = _transfer(finished, root, answered_at)
    time.sleep(CODE_CACHE_WAIT_S)
    page.close()
    page = context.new_page()
    page.goto(root + GUIDED_PAGE, wait_until="commit")
    warm = first_answer_ms(page)
    page.close()
    page = context.new_page()
    page.goto(root + CHECKER_PAGE, wait_until="commit")
    first_answer_ms(page)
    changes = page.evaluate(CHANGES, [list(TOGGLE), CHECKER, 20])
    navigation, after_swap = page.evaluate(NAVIGATE, OTHER_CHECKER_PAGE)
    if not page.evaluate("window.__benchSameDocument === true"):
        raise AssertionError("the navigation reloaded the page: instant navigation is off")
    context.close()
    return {
        "cold": cold,
        "warm": warm,
        "changes": changes,
        "navigation": navigation,
        "after_swap": after_swap,
        "transfer": transfer,
    }


def cold_then_returning(browser, url: str, read):
    """`read(page)` on a cold visit of `url`, then on a second visit in the same profile once the
    code cache has been written (a returning reader): (cold, returning)."""
    context, page = _context(browser)
    page.goto(url, wait_until="commit")
    cold = read(page)
    time.sleep(CODE_CACHE_WAIT_S)
    page.close()
    page = context.new_page()
    page.goto(url, wait_until="commit")
    returning = read(page)
    context.close()
    return cold, returning


def throttled_visit(browser, url: str, read):
    """`read(page)` on a cold visit of `url` over the throttled link."""
    context, page = _context(browser, throttled=True)
    page.goto(url, wait_until="commit")
    value = read(page)
    context.close()
    return value


def stock_visits(browser, stock_url: str) -> dict:
    cold, warm = cold_then_returning(browser, stock_url, stock_done_ms)
    return {"cold": cold, "warm": warm}


def throttled_site(browser, root: str) -> float:
    return throttled_visit(browser, root + GUIDED_PAGE, first_answer_ms)


def throttled_stock(browser, stock_url: str) -> float:
    return throttled_visit(browser, stock_url, stock_done_ms)


PYTHON_WORKER = "/assets/checkers/worker.mjs"
PYTHON_MARKS = """() => [performance.timeOrigin, performance.getEntriesByType("mark")
  .filter((mark) => mark.name.startsWith("python:")).map((mark) => [mark.name.slice(7), mark.startTime])]"""


def python_phases(page) -> dict[str, float]:
    """The Python worker's start-up marks (worker.mjs, `python:*`), in ms since the page's navigation
    started. Where a phase was marked twice (a restore that failed, then the fast start), the later."""
    worker = next((w for w in page.workers if w.url.split("?")[0].endswith(PYTHON_WORKER)), None)
    if worker is None:
        raise AssertionError(f"{page.url}: no Python worker")
    worker_origin, marks = worker.evaluate(PYTHON_MARKS)
    offset = worker_origin - page.evaluate("performance.timeOrigin")
    return {name: offset + at for name, at in marks}


def timeline_visits(browser, root: str) -> dict[str, dict[str, float]]:
    """Where the first answer's time goes on the guided page, cold, as a returning reader (the same
    profile, as (b)) and cold on the throttled link (as (h)): each phase of Python's start and the
    answer on the page, in ms since navigation started."""
    cold, returning = cold_then_returning(browser, root + GUIDED_PAGE, python_phases_after_answer)
    throttled = throttled_visit(browser, root + GUIDED_PAGE, python_phases_after_answer)
    return {"cold": cold, "returning": returning, "throttled": throttled}


def python_phases_after_answer(page) -> dict[str, float]:
    answer = first_answer_ms(page)
    return {**python_phases(page), "answer on the page": answer}


TRACE_CATEGORIES = [
    "toplevel",
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "blink.user_timing",
    "disabled-by-default-v8.cpu_profiler",
]
# After the first answer the page keeps working (the other widgets' replies); tasks that start this
# long after it still count.
AFTER_ANSWER_MS = 3000


def traced_visit(browser, root: str, path: str = GUIDED_PAGE, cpu_slowdown: float = CPU_SLOWDOWN) -> dict:
    """A cold visit traced from navigation start until AFTER_ANSWER_MS after the first answer, at
    Lighthouse's CPU slowdown. Returns the page's tasks (benchmarks/tasks.py), its CPU profile,
    the window and the first answer's time."""
    context, page = _context(browser, cpu_slowdown=cpu_slowdown)
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    page.goto(root + path, wait_until="commit")
    answer = first_answer_ms(page)
    time.sleep(AFTER_ANSWER_MS / 1000)
    events = json.loads(browser.stop_tracing())
    context.close()
    events = events["traceEvents"] if isinstance(events, dict) else events
    page_url = root + path
    starts = [
        e
        for e in events
        if e.get("name") == "navigationStart"
        and (e.get("args", {}).get("data", {}).get("documentLoaderURL") or "").startswith(page_url)
    ]
    if not starts:
        raise AssertionError(f"no navigationStart for {page_url} in the trace")
    start = starts[-1]
    end = start["ts"] + (answer + AFTER_ANSWER_MS) * 1000
    profile = tasks.main_thread_profile(events, start["pid"], start["tid"])
    found = tasks.tasks_between(events, start["pid"], start["tid"], start["ts"], end, profile, page_url)
    return {
        "tasks": found,
        "profile": profile,
        "start": start["ts"],
        "end": end,
        "answer": answer,
        "page_url": page_url,
        "events": events,
        "pid": start["pid"],
        "tid": start["tid"],
    }


def longest_task(browser, root: str) -> dict:
    """(d): the longest stretch of the main thread held by the site's own scripts, the theme
    and the page itself, in ms, on a cold visit to the guided page at Lighthouse's CPU slowdown."""
    visit = traced_visit(browser, root)
    longest, culprit = tasks.longest_by_owner(visit["tasks"], visit["page_url"])
    return {**longest, "answer": visit["answer"], "culprit": {k: v.replace(root, "/") for k, v in culprit.items()}}


def load_trace_figures(browser, root: str, path: str = GUIDED_PAGE) -> dict:
    """(k): on a cold visit at Lighthouse's CPU slowdown, until AFTER_ANSWER_MS after the first
    answer (the load event on a page without checkers): the longest main-thread task, style and
    layout included (ms), and how many elements had their style recalculated (machine-independent)."""
    visit = traced_visit(browser, root, path)
    longest = max(visit["tasks"], key=lambda task: task.ms)
    return {
        "longest_ms": longest.ms,
        "longest_at_ms": (longest.start - visit["start"]) / 1000,
        "restyled": tasks.restyled_elements(visit["events"], visit["pid"], visit["tid"], visit["start"], visit["end"]),
    }
