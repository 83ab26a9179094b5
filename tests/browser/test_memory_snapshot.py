"""The returning reader's Python: after a first answer the worker keeps a memory snapshot
of its runtime in Cache Storage; the next visit restores it instead of starting Python, and answers
the same. A snapshot that cannot be restored, or one made for other files, is never used: the
worker starts the fast way and keeps a new one (docs/assets/checkers/worker.mjs, ADR 0009). And
nothing about snapshots stands between a broken runtime manifest and the plain boot."""

from __future__ import annotations

import json
import time

from tests.browser.helpers import answer_every_checker
from tests.browser.test_fast_startup import STOCK_LIBRARY, TZDATA_WHEEL, answer_qualification, fetched

CACHE = "handbook-python-snapshot"
STORED = f"""async () => {{ const cache = await caches.open("{CACHE}");
  return (await cache.keys()).map((request) => request.url); }}"""


def python_worker(page, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in page.workers:
            if worker.url.endswith("/assets/checkers/worker.mjs"):
                return worker
        time.sleep(0.05)
    raise AssertionError("the page started no Python worker")


def worker_value(page, name: str, timeout: float = 60.0):
    worker = python_worker(page)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = worker.evaluate(f"globalThis.{name} || null")
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"the Python worker never set {name}")


# The worker's start-up marks (User Timing, `python:<phase>`), in the order they were made, with
# each one's detail (the way Python started, the snapshot's bytes, the first request's op): what
# DevTools and `python -m benchmarks timeline` show.
PHASES = """() => performance.getEntriesByType("mark").filter((mark) => mark.name.startsWith("python:"))
  .sort((a, b) => a.startTime - b.startTime).map((mark) => [mark.name.slice(7), mark.detail])"""
FAST_START = ["fetches-started", "files-ready", "python-started", "checkers-imported", "first-reply"]


def start_phases(page) -> list[tuple[str, object]]:
    return [tuple(phase) for phase in python_worker(page).evaluate(PHASES)]


def first_visit_keeps_a_snapshot(watch, path: str = "qualifying/") -> list[str]:
    watch.page.goto(watch.origin + "/" + path)
    if path == "qualifying/":
        watch.wait_ready()
        answer_qualification(watch.page)
    else:
        assert answer_every_checker(watch)
    assert worker_value(watch.page, "handbookPythonBoot") == "fast"
    phases = start_phases(watch.page)
    assert [name for name, _ in phases] == FAST_START, phases
    assert all(way == "fast" for name, way in phases if name in ("files-ready", "python-started", "checkers-imported"))
    assert worker_value(watch.page, "handbookPythonSnapshot") == "saved"
    stored = watch.page.evaluate(STORED)
    assert len(stored) == 1 and "/assets/pyodide/__snapshot__/" in stored[0], stored
    return stored


def test_a_returning_reader_answers_from_the_snapshot(watch):
    # The US Federal checker fetches the time-zone database before the snapshot is made: the
    # restored runtime believes it has it, so the worker must write it back.
    first_visit_keeps_a_snapshot(watch, "us-federal/")
    watch.requests.clear()
    watch.page.goto(watch.origin + "/us-federal/")
    assert answer_every_checker(watch)
    assert worker_value(watch.page, "handbookPythonBoot") == "snapshot"
    phases = start_phases(watch.page)
    assert [name for name, _ in phases] == ["fetches-started", "snapshot-read", *FAST_START[1:]], phases
    assert dict(phases)["checkers-imported"] == "snapshot"
    assert fetched(watch, TZDATA_WHEEL), "the time-zone database was not written back"
    watch.page.goto(watch.origin + "/qualifying/")
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "snapshot"
    assert not fetched(watch, STOCK_LIBRARY)


def test_a_snapshot_that_cannot_be_restored_is_replaced(watch):
    [key] = first_visit_keeps_a_snapshot(watch)
    # Memory that is not Pyodide's (its length recorded, so it is read in full and restoring fails).
    watch.page.evaluate(
        f"""async (key) => {{ const cache = await caches.open("{CACHE}");
      const bytes = new Uint8Array(1 << 20).fill(7);
      await cache.put(key, new Response(bytes, {{ headers: {{ "X-Snapshot-Bytes": String(bytes.length) }} }})); }}""",
        key,
    )
    warnings = []
    watch.page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    watch.page.reload()
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "fast"
    assert any("Restoring Python from its snapshot failed" in text for text in warnings), warnings
    # The failed restore's marks, then the fast start's: the timeline shows where the time went.
    phases = start_phases(watch.page)
    assert phases[:3] == [("fetches-started", None), ("snapshot-read", 1 << 20), ("files-ready", "snapshot")], phases
    assert [name for name, _ in phases[-4:]] == FAST_START[1:] and len(phases) >= 7, phases
    assert [way for _, way in phases[-4:-1]] == ["fast"] * 3, phases
    assert worker_value(watch.page, "handbookPythonSnapshot") == "saved", "no new snapshot was kept"
    assert watch.page.evaluate(STORED) == [key]


def test_a_snapshot_made_for_other_files_is_not_restored_and_goes(browser, site_url):
    # Without the offline copy, so that the worker's runtime.json comes from the network (routed).
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site_url + "qualifying/")
    answer_qualification(page)
    assert worker_value(page, "handbookPythonSnapshot") == "saved"
    [key] = page.evaluate(STORED)

    def another_build(route):  # the same runtime but another rest of the standard library
        manifest = json.loads(route.fetch().body())
        manifest["rest"]["sha256"] = "0" * 64
        route.fulfill(status=200, body=json.dumps(manifest), headers={"Content-Type": "application/json"})

    context.route("**/runtime.json", another_build)
    page.reload()
    answer_qualification(page)
    assert worker_value(page, "handbookPythonBoot") == "fast"
    assert worker_value(page, "handbookPythonSnapshot") == "saved"
    [other] = page.evaluate(STORED)
    assert other != key, "the snapshot's key does not follow the files it was made from"
    context.close()


def test_a_runtime_manifest_the_fast_boot_cannot_use_still_gets_an_answer(watch):
    def broken(route):
        manifest = json.loads(route.fetch().body())
        del manifest["rest"]
        route.fulfill(status=200, body=json.dumps(manifest), headers={"Content-Type": "application/json"})

    watch.page.context.route("**/runtime.json", broken)
    watch.page.goto(watch.origin + "/qualifying/")
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "plain"
    assert fetched(watch, STOCK_LIBRARY)
