"""The site on a real static host: Debian's nginx with deploy/nginx.conf, started from the test on a
loopback port (not a daemon, a temporary prefix) and stopped after. The fast Python start-up,
the strict CSP, instant navigation and the offline copy all work there; the headers are the
ones the configuration promises."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .helpers import answer_every_checker
from .test_offline import origin_of
from .test_service_worker import build_into, open_every_page_offline, wait_cached

CONFIG = ROOT / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_block(site: Path, port: int) -> str:
    text = CONFIG.read_text(encoding="utf-8")
    text, listens = re.subn(r"^\s*listen \[::\]:8080;\n", "", text, flags=re.MULTILINE)
    text, listen = re.subn(r"listen 8080;", f"listen 127.0.0.1:{port};", text)
    text, root = re.subn(r"root /srv/handbook/site;", f"root {site};", text)
    assert (listens, listen, root) == (1, 1, 1), "deploy/nginx.conf no longer has the lines this test replaces"
    return text


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not binary:
        pytest.fail("nginx is not installed (Debian: apt-get install -y nginx); scripts/test installs it as root")
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    site = prefix / "site"
    build_into(site, site_url=f"http://127.0.0.1:{port}/")  # instant navigation needs its origin
    (prefix / "logs").mkdir()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the pytest temp folder
    (prefix / "nginx.conf").write_text(
        f"{user}daemon off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n  access_log off;\n  default_type application/octet-stream;\n"
        + "".join(
            f"  {kind}_temp_path {prefix}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + server_block(site, port)
        + "\n}\n"
    )
    process = subprocess.Popen(
        [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start:\n{process.stdout.read().decode()}")
            time.sleep(0.1)
    yield site, url
    process.terminate()
    process.wait(timeout=10)
    errors = (prefix / "logs" / "error.log").read_text()
    assert "[emerg]" not in errors and "[crit]" not in errors, errors


def head(url: str, **headers) -> dict[str, str]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return {name.lower(): value for name, value in response.headers.items()}


def test_the_configuration_sends_the_types_siblings_and_cache_headers_it_promises(nginx):
    site, url = nginx
    page = head(url + "qualifying/")
    assert page["content-type"] == "text/html; charset=utf-8" and page["cache-control"] == "no-cache"
    worker = head(url + "assets/checkers/worker.mjs")
    assert worker["content-type"].startswith("text/javascript")
    wasm = head(url + "assets/pyodide/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert wasm["content-type"] == "application/wasm" and wasm["content-encoding"] == "gzip"
    assert wasm["cache-control"] == "no-cache"  # fixed name, content tied to the lock file
    for path in ("sw.js", "offline-manifest.json"):
        assert head(url + path)["cache-control"] == "no-cache", path
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    assert head(url + f"assets/javascripts/{bundle}")["cache-control"] == "public, max-age=31536000, immutable"
    assert head(url + "assets/pyodide/checkers-0.1.0-py3-none-any.whl")["x-content-type-options"] == "nosniff"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url + "no-such-page/", timeout=10)
    assert missing.value.code == 404 and b"404 - Not found" in missing.value.read()


def test_under_nginx_the_fast_start_up_answers_under_the_strict_csp(watch, nginx):
    site, url = nginx
    watch.origin = origin_of(url)
    page = watch.page
    page.goto(url + "qualifying/")
    assert answer_every_checker(watch)
    fetched = {u.rsplit("/", 1)[1] for u in watch.requests}
    assert "python_startup.zip" in fetched and "python_stdlib.zip" not in fetched, "not the fast path"
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav__link[href$="licence/"]').first.click()
    page.wait_for_url(url + "licence/")
    # Material changes the address before it swaps the page in: wait for the new content.
    watch.wait_for("document.querySelector('[data-checker=licence]') !== null")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation fell back to a page load"
    assert answer_every_checker(watch)
    # The watch fixture fails the test on any CSP violation or console error.


def test_under_nginx_every_page_works_offline_after_one_visit(watch, nginx):
    site, url = nginx
    watch.origin = origin_of(url)
    watch.page.goto(url)
    wait_cached(watch)
    watch.page.context.set_offline(True)
    assert open_every_page_offline(watch, site, url)
