"""The offline copy: after one visit every page of the sitemap opens, search works and
every checker answers with the network off; a new deploy is offered with a notice, taken by
keyboard, and the page then reads the new text; a missing or broken service worker changes
nothing. Each test builds its own site, because some rebuild it in place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_build.serve import serve_in_thread
from tests.build.variant import build_variant, copy_docs

from .helpers import SUB_PATH, answer_every_checker, page_paths
from .test_accessibility import axe_violations
from .test_offline import origin_of

CACHING_TIMEOUT = 180  # ~30 MB, checked file by file, on a machine shared with other builds
NEW_TEXT = "This sentence arrived with the second deploy."


def wait_cached(watch, timeout: float = CACHING_TIMEOUT) -> str:
    state = watch.wait_for(
        """(() => { const s = document.documentElement.dataset.offline;
                  return s === 'ready' || s === 'failed' || s === 'unavailable' ? s : null; })()""",
        timeout=timeout,
    )
    assert state == "ready", f"the offline copy is {state!r}"
    return state


def build_into(target: Path, *, docs_dir: Path | None = None, site_url: str | None = None) -> None:
    done = build_variant(target, docs_dir=docs_dir, site_url=site_url)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture
def own_site(tmp_path):
    target = tmp_path / "site"
    build_into(target)
    server, url = serve_in_thread(target)
    yield target, url
    server.shutdown()


def search(page, words: str) -> int:
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    return page.locator(".md-search-result__item").count()


def open_every_page_offline(watch, site: Path, url: str) -> list[str]:
    page = watch.page
    outcomes = []
    for path in page_paths(site):
        response = page.goto(url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        assert page.locator("h1").count() >= 1, path
        outcomes += answer_every_checker(watch)
    return outcomes


def test_after_one_visit_every_page_search_and_checker_work_offline(watch, own_site):
    site, url = own_site
    watch.origin = origin_of(url)
    page = watch.page
    page.goto(url)
    wait_cached(watch)
    manifest = json.loads((site / "offline-manifest.json").read_text())
    downloaded = {u[len(url) :] for u in watch.service_worker_requests}
    assert "assets/pyodide/pyodide.asm.wasm" in downloaded and "search/search_index.json" in downloaded
    assert not any(u.endswith(".map") for u in downloaded), "source maps are not needed offline"

    page.context.set_offline(True)
    outcomes = open_every_page_offline(watch, site, url)
    names = {outcome.split(":")[0] for outcome in outcomes}
    assert len(names) >= 8, outcomes  # every checker of the site answered, from the cache
    missing = page.goto(url + "no-such-page/")  # the site's own 404 page, not the browser's
    assert missing.status == 404 and page.locator("h1").inner_text() == "404 - Not found"
    watch.errors[:] = [e for e in watch.errors if "status of 404" not in e]  # that one, on purpose
    page.goto(url)
    assert search(page, "licence") >= 1
    wait_cached(watch)  # still the cached build, with no network
    assert manifest["build"] == page.evaluate("document.querySelector('meta[name=handbook-build]').content")


def test_a_new_deploy_is_offered_and_taken_by_keyboard(watch, own_site, tmp_path):
    site, url = own_site
    watch.origin = origin_of(url)
    page = watch.page
    page.goto(url + "about/")
    wait_cached(watch)
    first_build = json.loads((site / "offline-manifest.json").read_text())["build"]

    page.context.set_offline(True)
    docs = copy_docs(tmp_path / "changed")
    about = docs / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{NEW_TEXT}\n", encoding="utf-8")
    build_into(site, docs_dir=docs)  # the new deploy, into the directory being served
    second_build = json.loads((site / "offline-manifest.json").read_text())["build"]
    assert second_build != first_build
    page.goto(url + "about/")  # offline: the first build's copy, consistent with its own files
    assert NEW_TEXT not in page.locator("article").inner_text()

    page.context.set_offline(False)
    notice = page.get_by_role("status").filter(has_text="A new version of the handbook is ready")
    notice.wait_for(timeout=CACHING_TIMEOUT * 1000)
    button = notice.get_by_role("button", name="Reload")
    assert notice.get_attribute("aria-live") == "polite"
    assert axe_violations(page) == []  # the notice included
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(3):  # the notice is the first stop in the tab order
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    assert button.evaluate("b => b === document.activeElement"), "the Reload button is not reachable by Tab"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert NEW_TEXT in page.locator("article").inner_text()
    assert page.evaluate("document.querySelector('meta[name=handbook-build]').content") == second_build
    wait_cached(watch)
    page.goto(url + "qualifying/")  # the new build's page with the new build's worker and wheels
    assert answer_every_checker(watch)


def test_the_site_works_when_the_service_worker_is_missing(watch, own_site):
    site, url = own_site
    watch.origin = origin_of(url)
    page = watch.page
    page.context.route(re.compile(r".*/sw\.js$"), lambda route: route.fulfill(status=404, body="gone"))
    page.goto(url + "qualifying/")
    state = watch.wait_for("document.documentElement.dataset.offline === 'unavailable' ? 'unavailable' : null")
    assert state == "unavailable"
    assert answer_every_checker(watch)
    # Chromium's own report of the 404, not the page's: the page only warns.
    watch.errors[:] = [e for e in watch.errors if "(404) was received when fetching the script" not in e]


def test_the_site_works_when_the_service_worker_is_broken(watch, own_site):
    site, url = own_site
    watch.origin = origin_of(url)
    page = watch.page
    page.context.route(
        re.compile(r".*/sw\.js$"),
        lambda route: route.fulfill(content_type="text/javascript", body="throw new Error('a broken deploy');"),
    )
    page.goto(url + "qualifying/")
    watch.wait_for("document.documentElement.dataset.offline === 'unavailable' ? 'unavailable' : null")
    page.goto(url + "licence/")
    assert answer_every_checker(watch)


def test_under_a_sub_path_the_offline_copy_is_scoped_to_it(watch, sub_path_site):
    site, url = sub_path_site
    watch.origin = origin_of(url)
    page = watch.page
    page.goto(url + "licence/")
    wait_cached(watch)
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert scope == url and url.endswith(SUB_PATH)
    page.context.set_offline(True)
    assert open_every_page_offline(watch, site, url)
    assert all(u.startswith(url) for u in watch.service_worker_requests), "fetched outside the sub-path"


def test_offline_the_first_page_navigates_instantly_and_its_python_keeps_answering(watch, own_site):
    """The first page was loaded before the service worker existed: once it takes the page over,
    instant navigation and the page's running Python worker (its on-demand tzdata included) are
    served from the cache too."""
    site, url = own_site
    watch.origin = origin_of(url)
    page = watch.page
    page.goto(url + "qualifying/")
    assert answer_every_checker(watch)
    wait_cached(watch)
    page.context.set_offline(True)
    page.evaluate("window.__sameDocument = true")
    for path, checker in (("us-federal/", "us-federal"), ("paged/", "entitlement")):
        page.locator(f'.md-nav__link[href$="{path}"]').first.click()
        page.wait_for_url(url + path)
        watch.wait_for(f"document.querySelector('[data-checker={checker}]') !== null")
        assert answer_every_checker(watch), path
    assert page.evaluate("window.__sameDocument === true"), "instant navigation fell back to a page load"
