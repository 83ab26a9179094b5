"""The returning reader's Python (issue 15): after a first answer the worker keeps a memory snapshot
of its runtime in Cache Storage; the next visit restores it instead of starting Python, and answers
the same. A snapshot that cannot be restored, or one made for other files, is never used: the
worker starts the fast way and keeps a new one (docs/assets/checkers/worker.mjs, ADR 0009)."""

from __future__ import annotations

import time

from tests.browser.helpers import answer_every_checker
from tests.browser.test_fast_startup import STOCK_LIBRARY, answer_qualification, fetched

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


def first_visit_keeps_a_snapshot(watch) -> list[str]:
    watch.page.goto(watch.origin + "/qualifying/")
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "fast"
    assert worker_value(watch.page, "handbookPythonSnapshot") == "saved"
    stored = watch.page.evaluate(STORED)
    assert len(stored) == 1 and "/assets/pyodide/__snapshot__/" in stored[0], stored
    return stored


def test_a_returning_reader_answers_from_the_snapshot(watch):
    first_visit_keeps_a_snapshot(watch)
    watch.requests.clear()
    # Another page, with the checker that needs the time-zone database (fetched after the restore).
    watch.page.goto(watch.origin + "/us-federal/")
    assert answer_every_checker(watch)
    assert worker_value(watch.page, "handbookPythonBoot") == "snapshot"
    watch.page.goto(watch.origin + "/qualifying/")
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "snapshot"
    assert not fetched(watch, STOCK_LIBRARY)


def test_a_snapshot_that_cannot_be_restored_is_replaced(watch):
    [key] = first_visit_keeps_a_snapshot(watch)
    # Memory that is not Pyodide's (its length recorded, so it is read in full and restoring fails).
    watch.page.evaluate(f"""async (key) => {{ const cache = await caches.open("{CACHE}");
      const bytes = new Uint8Array(1 << 20).fill(7);
      await cache.put(key, new Response(bytes, {{ headers: {{ "X-Snapshot-Bytes": String(bytes.length) }} }})); }}""", key)
    warnings = []
    watch.page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    watch.page.reload()
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "fast"
    assert any("Restoring Python from its snapshot failed" in text for text in warnings), warnings
    assert worker_value(watch.page, "handbookPythonSnapshot") == "saved", "no new snapshot was kept"
    assert watch.page.evaluate(STORED) == [key]


def test_a_snapshot_made_for_other_files_is_not_restored_and_goes(watch):
    [key] = first_visit_keeps_a_snapshot(watch)
    other = key[: -8] + "00000000"  # what an earlier build's key looks like: another digest
    watch.page.evaluate(f"""async ([key, other]) => {{ const cache = await caches.open("{CACHE}");
      await cache.put(other, await cache.match(key)); await cache.delete(key); }}""", [key, other])
    watch.page.reload()
    watch.wait_ready()
    answer_qualification(watch.page)
    assert worker_value(watch.page, "handbookPythonBoot") == "fast"
    assert worker_value(watch.page, "handbookPythonSnapshot") == "saved"
    assert watch.page.evaluate(STORED) == [key], "the other build's snapshot was kept"
