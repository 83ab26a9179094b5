"""The in-browser measurements: one function per kind of run, each in a fresh browser context
(an empty profile: no HTTP cache, no wasm code cache) unless it measures a warm cache on purpose.
Times are read in the page with performance.now(), whose zero is the navigation start."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

# The page and the answers: the qualification checker, answered "not in production" and "no
# exception" the moment the page is parsed, as a reader who already knows would.
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

INSTRUMENT = """(() => {
  if (window.__bench) return;
  const bench = (window.__bench = { firstAnswer: null });
  const answers = %s;
  document.addEventListener("DOMContentLoaded", () => {
    for (const selector of answers) {
      const input = document.querySelector(selector);
      if (input) input.checked = true;
    }
    const watch = new MutationObserver(() => {
      if (document.querySelector('[data-checker="%s"] .checker__result .checker__outcome')) {
        bench.firstAnswer = performance.now();
        watch.disconnect();
      }
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
})();""" % (json.dumps(ANSWERS), CHECKER)

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
    """Bytes on the wire (headers and encoded bodies), the site's own and Pyodide's."""

    site: int = 0
    pyodide: int = 0
    requests: list[tuple[str, int]] = field(default_factory=list)


def _record(context) -> list:
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    return finished


def _transfer(finished, origin: str) -> Transfer:
    transfer = Transfer()
    for request in finished:
        if not request.url.startswith(origin):
            continue
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        transfer.requests.append((request.url[len(origin):], size))
        if "/assets/pyodide/" in request.url:
            transfer.pyodide += size
        else:
            transfer.site += size
    return transfer


def _context(browser, throttled: bool = False):
    time.sleep(SETTLE_S)
    context = browser.new_context()
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    if throttled:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", THROTTLE)
    return context, page


def site_visits(browser, root: str) -> dict:
    """(a) cold, (g) its bytes, then in the same profile (b) warm, (e) answer changes, (c) an
    instant navigation to another checker page."""
    context, page = _context(browser)
    finished = _record(context)
    page.goto(root + CHECKER_PAGE, wait_until="commit")
    cold = first_answer_ms(page)
    time.sleep(1)  # let the last responses finish before counting bytes
    transfer = _transfer(finished, root)
    time.sleep(CODE_CACHE_WAIT_S)
    page.close()
    page = context.new_page()
    page.goto(root + CHECKER_PAGE, wait_until="commit")
    warm = first_answer_ms(page)
    changes = page.evaluate(CHANGES, [list(TOGGLE), CHECKER, 20])
    navigation, after_swap = page.evaluate(NAVIGATE, OTHER_CHECKER_PAGE)
    if not page.evaluate("window.__benchSameDocument === true"):
        raise AssertionError("the navigation reloaded the page: instant navigation is off")
    context.close()
    return {"cold": cold, "warm": warm, "changes": changes, "navigation": navigation, "after_swap": after_swap,
            "transfer": transfer}


def stock_visits(browser, stock_url: str) -> dict:
    context, page = _context(browser)
    page.goto(stock_url, wait_until="commit")
    cold = stock_done_ms(page)
    time.sleep(CODE_CACHE_WAIT_S)
    page.close()
    page = context.new_page()
    page.goto(stock_url, wait_until="commit")
    warm = stock_done_ms(page)
    context.close()
    return {"cold": cold, "warm": warm}


def throttled_site(browser, root: str) -> float:
    context, page = _context(browser, throttled=True)
    page.goto(root + CHECKER_PAGE, wait_until="commit")
    value = first_answer_ms(page)
    context.close()
    return value


def throttled_stock(browser, stock_url: str) -> float:
    context, page = _context(browser, throttled=True)
    page.goto(stock_url, wait_until="commit")
    value = stock_done_ms(page)
    context.close()
    return value


TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing"]


def longest_task(browser, root: str) -> float:
    """(d): the longest task on the page's main thread between navigation start and the first
    answer, from a Chromium trace (the Long Tasks API only reports tasks over 50 ms); and the
    longest the site's own checker scripts ran in one go."""
    context, page = _context(browser)
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    page.goto(root + CHECKER_PAGE, wait_until="commit")
    answer = first_answer_ms(page)
    events = json.loads(browser.stop_tracing())
    context.close()
    events = events["traceEvents"] if isinstance(events, dict) else events
    starts = [
        e for e in events
        if e.get("name") == "navigationStart"
        and (e.get("args", {}).get("data", {}).get("documentLoaderURL") or "").startswith(root + CHECKER_PAGE)
    ]
    if not starts:
        raise AssertionError("no navigationStart for the checker page in the trace")
    start = starts[-1]
    end = start["ts"] + answer * 1000
    on_main = [e for e in events if e.get("pid") == start["pid"] and e.get("tid") == start["tid"] and e.get("ph") == "X"]
    tasks = [e for e in on_main
             if e.get("name") in ("RunTask", "ThreadControllerImpl::RunTask") and start["ts"] <= e["ts"] <= end]
    # The longest stretch of the site's own checker code (client.js, renderers, worker replies)
    # in one go, to tell it apart from the theme's work in the same tasks.
    ours = [e["dur"] for e in on_main if start["ts"] <= e["ts"] <= end
            and "/assets/checkers/" in str((e.get("args") or {}).get("data", {}).get("url", ""))]
    return max((t["dur"] for t in tasks), default=0) / 1000, max(ours, default=0) / 1000
