"""Run pytest and print one machine-readable line with every test's outcome, so a run inside
Pyodide (run_unit_tests.mjs) and one on CPython can be compared test by test.

    python -m tests.pyodide.run_pytest tests/unit
"""

from __future__ import annotations

import json
import sys

import pytest

MARK = "PYTEST-OUTCOMES "


class Outcomes:
    def __init__(self) -> None:
        self.by_test: dict[str, str] = {}

    def pytest_runtest_logreport(self, report) -> None:
        # A test passes when its call passes; a failing or skipped setup/teardown decides otherwise.
        if report.when == "call" or report.outcome != "passed":
            if self.by_test.get(report.nodeid) in (None, "passed"):
                self.by_test[report.nodeid] = report.outcome

    def pytest_collectreport(self, report) -> None:
        if report.outcome != "passed":  # a module that fails to import, or skips itself whole
            self.by_test[report.nodeid] = f"collection {report.outcome}"


def run(args: list[str]) -> int:
    outcomes = Outcomes()
    code = pytest.main(["-q", "-p", "no:cacheprovider", *args], plugins=[outcomes])
    print(MARK + json.dumps({"exit": int(code), "outcomes": outcomes.by_test}, sort_keys=True))
    return int(code)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
