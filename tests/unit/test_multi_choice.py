"""Every multi-choice answer, of every checker and of the guided response, is a list: a string (even
one option's value), a number or an object is refused naming the field, and the CLI exits 2. A link
carries the list as comma-separated values: reading and writing the URL state keeps working."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from checkers.cli import main
from checkers.engine import registry
from checkers.engine.answers import parse_answers
from checkers.engine.model import InvalidAnswer
from checkers.web import urlstate

NOW = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)

MULTI_CHOICE = [
    pytest.param(space, q, id=f"{space}.{q.id}")
    for space, questions in sorted(urlstate.namespaces().items())
    for q in questions
    if q.kind == "multi-choice"
]


def test_the_table_holds_the_qualification_criteria_and_the_steps_done():
    assert {p.id for p in MULTI_CHOICE} >= {"qualification.criteria", "paged.done"}


def options(q, n: int = 2) -> list[str]:
    return [o.value for o in q.options[:n]]


def not_lists(q) -> list:
    return [options(q, 1)[0], ",".join(options(q)), f" {options(q, 1)[0]} ", 3, True, {"value": options(q, 1)[0]}]


@pytest.mark.parametrize("space, q", MULTI_CHOICE)
def test_a_value_that_is_not_a_list_is_refused_naming_the_field(space, q):
    for raw in not_lists(q):
        with pytest.raises(InvalidAnswer) as refused:
            parse_answers((q,), {q.id: raw}, lambda: NOW)
        assert refused.value.field == q.id and "expected a list" in refused.value.message, raw


@pytest.mark.parametrize("space, q", MULTI_CHOICE)
def test_a_list_of_option_values_is_read_in_the_options_order(space, q):
    assert parse_answers((q,), {q.id: options(q)[::-1]}, lambda: NOW)[q.id] == tuple(options(q))


def asking(q) -> dict:
    """Answers that ask `q` (its condition's first allowed values), so its own value is read."""
    return {key: allowed[0] for key, allowed in q.asked_when or ()}


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("space, q", MULTI_CHOICE)
def test_the_cli_exits_2_naming_a_multi_choice_answer_that_is_not_a_list(capsys, space, q):
    answers = {**asking(q), q.id: options(q, 1)[0]}
    if space in registry.names():
        assert q.id in registry.asked_questions(space, answers)
        argv, field = ["evaluate", space], q.id
        good = ["evaluate", space, "--json", json.dumps({**answers, q.id: options(q, 1)})]
    else:  # the guided response's own answers, or another namespace it reads
        answers = {f"{space}.{key}": value for key, value in answers.items()}
        argv, field = ["flow", "paged"], f"{space}.{q.id}"
        good = ["flow", "paged", "--json", json.dumps({**answers, field: options(q, 1)})]
    code, out, err = cli(capsys, *argv, "--json", json.dumps(answers))
    assert (code, out) == (2, "") and err.startswith(f"error: {field}: expected a list of values from ")
    assert f'(as a list: ["{options(q, 1)[0]}"])' in err
    assert cli(capsys, *good)[0] == 0


def test_the_contract_criteria_audit_as_a_string_exits_2(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"production_unusable": "no", "criteria": "audit"}'))
    code, out, err = cli(capsys, "evaluate", "qualification", "--json", "-")
    assert (code, out) == (2, "") and err.count("\n") == 1 and err.startswith("error: criteria: ")


@pytest.mark.parametrize("space, q", MULTI_CHOICE)
def test_a_link_carries_the_list_as_comma_separated_values(space, q):
    chosen = options(q)
    query = urlstate.write("", space, {**asking(q), q.id: chosen[::-1]})
    assert f"{space}.{q.id}={','.join(chosen)}" in query
    state = urlstate.read(query, space)
    assert state["answers"][q.id] == chosen and state["errors"] == {}
    spaced = urlstate.read(f"?{space}.{q.id}=%20{chosen[1]},,{chosen[0]}%20", space)
    assert spaced["answers"][q.id] == chosen
    wrong = urlstate.read(f"?{space}.{q.id}={chosen[0]},nothing-such", space)
    assert q.id in wrong["errors"] and wrong["raw"][q.id] == f"{chosen[0]},nothing-such"
