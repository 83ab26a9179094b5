"""For every row of every checker's rule table, one answer set (and the reader's `now`) that the
row decides: the proof that no row is dead. `tests/properties/test_rule_rows.py` replays them.

When a checker gains or changes rows, write them anew (hypothesis searches the checker's schema):
    .venv/bin/python -m tests.properties.rule_witnesses > tests/properties/rule_witnesses.json
A row no answer set can reach is listed in `UNREACHABLE` with the reason it is kept."""

from __future__ import annotations

import json
import sys

# (checker, row) -> why the row stays although no answer set reaches it. None today.
UNREACHABLE: dict[tuple[str, int], str] = {}


def find_witnesses() -> dict[str, dict[str, dict | None]]:
    from hypothesis import HealthCheck, find, settings
    from hypothesis import strategies as st
    from hypothesis.errors import NoSuchExample

    import checkers
    from checkers.engine.model import InvalidAnswer

    from .strategies import AWARE_DATETIMES, valid_answers

    search = settings(max_examples=20000, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    found: dict[str, dict[str, dict | None]] = {}
    for name in checkers.names():
        cases = st.tuples(valid_answers(checkers.schema(name)), AWARE_DATETIMES)
        found[name] = {}
        for row in range(1, len(checkers.get(name).rules) + 1):

            def decided_by_row(case, name=name, row=row):
                try:
                    return checkers.evaluate(name, case[0], now=case[1])["rule"] == row
                except InvalidAnswer:
                    return False

            try:
                answers, now = find(cases, decided_by_row, settings=search)
                found[name][str(row)] = {"answers": answers, "now": now.isoformat()}
            except NoSuchExample:
                found[name][str(row)] = None
    return found


if __name__ == "__main__":
    json.dump(find_witnesses(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
