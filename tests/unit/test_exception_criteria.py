"""The exception criteria of the Emergency Exception Workflow as a qualification answer."""

from __future__ import annotations

import json

import pytest

from checkers.cli import main
from checkers.engine import registry
from checkers.engine.model import InvalidAnswer
from checkers.web import urlstate

IDS = [
    "financial-impact",
    "servers-not-running",
    "vital-features-unavailable",
    "performance-degradation",
    "basic-operations-failing",
    "legal",
    "audit",
    "security-risk",
]


def qualify(**answers):
    return registry.evaluate("qualification", answers)


def test_the_criteria_are_a_multi_choice_in_the_issues_order():
    question = {q["id"]: q for q in registry.schema("qualification")["questions"]}["criteria"]
    assert question["kind"] == "multi-choice"
    assert question["default"] == []
    assert [o["value"] for o in question["options"]] == IDS
    assert all("`" not in o["label"] for o in question["options"])


@pytest.mark.parametrize(
    ("answers", "outcome", "criteria_met"),
    [
        pytest.param(
            {"production_unusable": "no", "criteria": ["legal"]}, "exception", ["legal"], id="one-criterion-answers-yes"
        ),
        pytest.param(
            {"production_unusable": "unknown", "criteria": ["audit", "financial-impact"]},
            "exception",
            ["financial-impact", "audit"],
            id="in-the-options-order",
        ),
        pytest.param(
            {"production_unusable": "no", "criteria": ["legal", "legal"]}, "exception", ["legal"], id="once-each"
        ),
        pytest.param(
            {"production_unusable": "no", "exception_criteria": "yes", "criteria": ["audit"]},
            "exception",
            ["audit"],
            id="both-agree",
        ),
        pytest.param(
            {"production_unusable": "no", "exception_criteria": "unknown", "criteria": ["audit"]},
            "exception",
            ["audit"],
            id="ticked-beats-not-sure",
        ),
        pytest.param(
            {"production_unusable": "no", "exception_criteria": "no"}, "not-an-emergency", [], id="no-criteria-no"
        ),
        pytest.param(
            {"production_unusable": "no", "exception_criteria": "no", "criteria": []},
            "not-an-emergency",
            [],
            id="empty-list-no",
        ),
        pytest.param({"production_unusable": "yes"}, "strict", [], id="strict-asks-nothing-more"),
        pytest.param({"production_unusable": "yes", "criteria": ["legal"]}, "strict", [], id="strict-ignores-criteria"),
        pytest.param(
            {"production_unusable": "unknown", "exception_criteria": "unknown"}, "needs-more-info", [], id="not-sure"
        ),
    ],
)
def test_criteria_decide(answers, outcome, criteria_met):
    result = qualify(**answers)
    assert result["outcome"] == outcome
    assert result["criteria_met"] == criteria_met


def test_an_exception_cites_the_exception_workflow_with_its_date():
    result = qualify(production_unusable="no", criteria=["security-risk"])
    source = next(s for s in result["sources"] if s["href"] == "qualifying/#exception-criteria")
    assert source["source"] == "Emergency Exception Workflow" and source["date"] == "December 2025"
    assert "qualifying/#exception-criteria" in result["cite"]
    assert any("immediate security risk" in action for action in result["actions"])


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param(
            {"production_unusable": "no", "exception_criteria": "no", "criteria": ["legal"]},
            "criteria",
            id="contradiction",
        ),
        pytest.param({"production_unusable": "no", "criteria": ["legal", "weather"]}, "criteria", id="unknown-id"),
        pytest.param({"production_unusable": "no", "criteria": 3}, "criteria", id="not-a-list"),
        pytest.param({"production_unusable": "no", "criteria": "audit"}, "criteria", id="one-criterion-as-text"),
        pytest.param(
            {"production_unusable": "unknown", "criteria": "audit,financial-impact"}, "criteria", id="comma-text"
        ),
        pytest.param({"production_unusable": "no", "criteria": {"legal": True}}, "criteria", id="an-object"),
        pytest.param(
            {"production_unusable": "no", "exception_criteria": "yes", "criteria": [7]}, "criteria", id="not-text-item"
        ),
        pytest.param(
            {"production_unusable": "no"}, "exception_criteria", id="empty-criteria-still-requires-the-answer"
        ),
        pytest.param(
            {"production_unusable": "no", "criteria": []}, "exception_criteria", id="empty-list-requires-the-answer"
        ),
    ],
)
def test_bad_criteria_exit_2_naming_the_field(answers, field, capsys):
    with pytest.raises(InvalidAnswer) as error:
        qualify(**answers)
    assert error.value.field == field
    assert main(["evaluate", "qualification", "--json", json.dumps(answers)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {field}: ")


def test_the_link_writes_the_criteria_once_comma_separated():
    query = urlstate.write("", "qualification", {"production_unusable": "no", "criteria": ["audit", "legal"]})
    assert query == "?qualification.criteria=legal,audit&qualification.production_unusable=no"
    assert urlstate.read(query, "qualification")["answers"]["criteria"] == ["legal", "audit"]
    assert urlstate.read("?qualification.criteria=legal,nope", "qualification")["errors"]["criteria"]
