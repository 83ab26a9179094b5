"""Every row of every rule table can decide: for each row, an answer set that the row decides
(found by searching the checker's schema: `rule_witnesses.py`), or the reason it is kept though
unreachable. A new checker, or a new row, fails here until it has its witness."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

import checkers

from .rule_witnesses import UNREACHABLE

WITNESSES = json.loads((Path(__file__).with_name("rule_witnesses.json")).read_text(encoding="utf-8"))
ROWS = [(name, row) for name in checkers.names() for row in range(1, len(checkers.get(name).rules) + 1)]
REGENERATE = (
    "write them anew: .venv/bin/python -m tests.properties.rule_witnesses > tests/properties/rule_witnesses.json"
)


@pytest.mark.parametrize(("name", "row"), ROWS, ids=[f"{name}-row-{row}" for name, row in ROWS])
def test_the_row_decides_for_its_witness(name, row):
    if (name, row) in UNREACHABLE:
        assert UNREACHABLE[(name, row)].strip(), "an unreachable row says why it is kept"
        return
    witness = WITNESSES.get(name, {}).get(str(row))
    assert witness, f"{name} row {row} has no answer set that reaches it: {REGENERATE}"
    result = checkers.evaluate(name, witness["answers"], now=datetime.fromisoformat(witness["now"]))
    assert result["rule"] == row, f"{name} row {row}: its witness is now decided by row {result['rule']}; {REGENERATE}"


def test_no_witness_is_left_for_a_row_that_is_gone():
    assert {(name, int(row)) for name, rows in WITNESSES.items() for row in rows} == set(ROWS), REGENERATE
