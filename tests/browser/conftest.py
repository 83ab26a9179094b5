"""Playwright (Python) driving Debian's Chromium against the built site on 127.0.0.1.

Every page fixture blocks and records requests to any other origin, and fails the test on a
console error or an uncaught exception: the site must work offline and without noise."""

from __future__ import annotations

import os
import shutil
import time
from urllib.parse import urlsplit

import pytest

from site_build.serve import serve_in_thread
from tests.build.variant import build_variant

from .helpers import SUB_PATH

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    pytest.fail("No Chromium found: scripts/test installs Debian's chromium, or set CHROMIUM")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.foreign_requests: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []  # the pages' and their workers' requests
        self.service_worker_requests: list[str] = []  # the offline copy's own downloads (sw.js)

    def wait_for(self, predicate_js: str, timeout: float = 60.0):
        """Poll with evaluate (no eval-based waits, so this also works under a strict CSP)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.page.evaluate(predicate_js)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {predicate_js}")

    def wait_ready(self, selector: str = "[data-checker]"):
        state = self.wait_for(
            f"""(() => {{ const s = document.querySelector('{selector} .checker__status');
                 return s && (s.dataset.state === 'ready' || s.dataset.state === 'error') ?
                   s.dataset.state : null; }})()"""
        )
        assert state == "ready", self.page.locator(f"{selector} .checker__status").text_content()


CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (e) => window.__handbookCspViolation(
  `${e.effectiveDirective} refused ${e.blockedURI || "inline code"} ` +
  `at ${e.sourceFile || location.href}:${e.lineNumber}`));"""


@pytest.fixture
def watch(browser, site_url):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    context = browser.new_context()
    page = context.new_page()
    result = PageWatch(page, origin)

    def route(route):
        url = route.request.url
        if url.startswith(result.origin) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            result.foreign_requests.append(url)
            route.abort()

    def record(request):
        # What the pages and their workers asked for, answered by the network or by the offline
        # copy (a request the service worker answers is not routed); the service worker's own
        # downloads are kept apart, so they do not count as the page's.
        if request.url.startswith(result.origin):
            (result.service_worker_requests if request.service_worker else result.requests).append(request.url)

    context.route("**/*", route)  # the pages', their workers' and the service worker's requests
    context.on("request", record)
    # Every page carries a strict CSP (site_build/finish/csp.py): a violation fails the test, named.
    context.expose_function("__handbookCspViolation", lambda text: result.errors.append(f"CSP violation: {text}"))
    context.add_init_script(CSP_LISTENER)
    page.on("console", lambda m: m.type == "error" and result.errors.append(m.text))
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    yield result
    # A test's own route handler may still be fetching for the service worker's offline download
    # (python_startup.zip, say) as the context closes: that fetch failing is not the next test's error.
    context.unroute_all(behavior="ignoreErrors")
    context.close()
    assert result.foreign_requests == [], "requests left the site's origin"
    assert result.errors == [], "console errors or CSP violations:\n" + "\n".join(result.errors)


# Built once per module that asks for it (the offline and the service worker tests).
@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    target = tmp_path_factory.mktemp("sub-path") / "site"
    done = build_variant(target, site_url=f"http://127.0.0.1:8000{SUB_PATH}")
    if done.returncode != 0:
        pytest.fail(f"mkdocs build with a sub-path site_url failed:\n{done.stdout}\n{done.stderr}")
    server, url = serve_in_thread(target, base=SUB_PATH)
    yield target, url
    server.shutdown()
