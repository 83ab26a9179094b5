"""Nothing leaves the site's origin, workers included; and the built site works from a plain static
server and from a sub-path (a site_url such as http://host/handbook/), instant navigation too."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .helpers import SUB_PATH, answer_every_checker, wait_checkers_ready
from .test_keyboard import pages_with_checkers

CDN_URL = "https://cdn.jsdelivr.net/pyodide/v0.27.0/full/pyodide.js"


def origin_of(url: str) -> str:
    return "{0.scheme}://{0.netloc}".format(urlsplit(url))


def test_a_request_from_a_worker_is_caught_by_the_offline_gate(watch, site_url):
    """The gate routes the whole browser context, so a worker fetching from a CDN is caught too."""
    page = watch.page
    page.goto(site_url)
    probe = site_url + "__offline-gate-probe__.js"  # same origin, so the page's worker-src allows it
    page.route(
        probe,
        lambda route: route.fulfill(
            content_type="text/javascript", body=f"fetch({CDN_URL!r}).catch(() => postMessage('blocked'));"
        ),
    )
    page.evaluate(f"""() => new Promise(resolve => {{ const w = new Worker({probe!r});
                          w.onmessage = () => {{ w.terminate(); resolve(); }}; }})""")
    assert watch.foreign_requests == [CDN_URL]
    watch.foreign_requests.clear()  # caught, as it should be: that was the point


def test_the_python_worker_fetches_through_the_gate(watch, site_url, built_site):
    path = sorted(pages_with_checkers(built_site).values())[0][0]
    watch.page.goto(site_url + path)
    wait_checkers_ready(watch)
    # Only the worker fetches these: seeing them proves the gate sees the worker's requests.
    fetched = {url.rsplit("/", 1)[1] for url in watch.requests}
    assert "worker.mjs" in fetched
    assert any(name.endswith(".wasm") for name in fetched), fetched
    assert any(name.startswith("checkers-") and name.endswith(".whl") for name in fetched), fetched


def test_the_site_works_from_a_plain_static_server(watch, built_site):
    """No sitemap rewriting, no precompressed files, the standard library's MIME types."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(built_site)))
    server.RequestHandlerClass.log_message = lambda *args: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        watch.origin = origin_of(url)
        path = sorted(pages_with_checkers(built_site).values())[0][0]
        watch.page.goto(url + path)
        assert answer_every_checker(watch)
    finally:
        server.shutdown()


def test_the_site_works_from_a_sub_path_with_instant_navigation(watch, sub_path_site):
    site, url = sub_path_site
    assert urlsplit(url).path == SUB_PATH
    watch.origin = origin_of(url)
    page = watch.page
    pages = sorted({paths[0] for paths in pages_with_checkers(site).values()})
    assert len(pages) >= 2, "needs two pages with checkers"
    page.goto(url + pages[0])
    assert answer_every_checker(watch)
    page.evaluate("window.__sameDocument = true")
    page.locator(f'.md-nav__link[href$="{pages[1]}"]').first.click()  # Material intercepts: no page load
    page.wait_for_url(url + pages[1])
    # Material changes the address before it swaps the page in: wait for the new content.
    arriving = next(name for name, paths in pages_with_checkers(site).items() if paths[0] == pages[1])
    watch.wait_for(f"document.querySelector('[data-checker=\"{arriving}\"]') !== null")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation fell back to a page load"
    assert answer_every_checker(watch)
    assert all(urlsplit(u).path.startswith(SUB_PATH) for u in watch.requests if u.startswith("http"))
    assert sum(u.endswith("pyodide.asm.wasm") for u in watch.requests) == 1, "Python started twice"
