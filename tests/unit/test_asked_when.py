"""Questions asked only when they matter: the condition is data in the schema,
a question not asked is not required and its answer is ignored, and `asked` says which were asked."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from checkers.engine import registry
from checkers.engine.model import InvalidAnswer
from checkers.web import bridge, urlstate

SUNDAY = datetime.fromisoformat("2024-03-10T10:00+00:00")
TUESDAY = datetime.fromisoformat("2024-03-12T10:00+00:00")

# (checker, answers, now, question, asked?)
CASES = [
    ("qualification", {"production_unusable": "yes"}, None, "exception_criteria", False),
    ("qualification", {"production_unusable": "no"}, None, "exception_criteria", True),
    ("qualification", {"production_unusable": "unknown"}, None, "exception_criteria", True),
    ("qualification", {}, None, "exception_criteria", False),  # waits for the strict definition
    ("qualification", {"production_unusable": "yes"}, None, "criteria", False),
    ("qualification", {"production_unusable": "no"}, None, "criteria", True),
    ("qualification", {"production_unusable": "maybe"}, None, "criteria", False),  # a bad value counts as not given
    ("licence", {"deployment": "self-managed"}, None, "trial", True),
    ("licence", {"deployment": "saas"}, None, "trial", False),
    ("licence", {}, None, "trial", False),
    ("stuck", {"deployment": "saas", "still_stuck": True}, SUNDAY, "cmoc_tried", True),
    ("stuck", {"deployment": "saas", "still_stuck": True}, TUESDAY, "cmoc_tried", False),
    ("stuck", {"deployment": "saas", "still_stuck": False}, SUNDAY, "cmoc_tried", False),
    ("stuck", {"deployment": "self-managed", "still_stuck": True}, SUNDAY, "cmoc_tried", False),
    ("stuck", {"deployment": "saas", "still_stuck": True, "at": "2024-03-09T23:30+00:00"}, TUESDAY, "cmoc_tried", True),
    ("stuck", {"deployment": "saas", "still_stuck": True, "at": "not a time"}, SUNDAY, "cmoc_tried", False),
    ("saas-triage", {"category": "regression"}, None, "known_incident", True),
    ("saas-triage", {"category": "feature-flag"}, None, "known_incident", True),
    ("saas-triage", {"category": "customer-specific"}, None, "known_incident", True),
    ("saas-triage", {"category": "performance"}, None, "known_incident", True),
    ("saas-triage", {"category": "ci-minutes"}, None, "known_incident", False),
    ("saas-triage", {"category": "storage"}, None, "multiple_customers", False),
    ("saas-triage", {"category": "widespread-incident"}, None, "known_incident", False),
    ("entitlement", {"org_associated": True, "plan": "premium"}, None, "single_user_same_day_purchase", True),
    ("entitlement", {"org_associated": True, "plan": "gold"}, None, "single_user_same_day_purchase", True),
    ("entitlement", {"org_associated": True, "plan": "free"}, None, "single_user_same_day_purchase", False),
    ("entitlement", {"org_associated": False, "plan": "premium"}, None, "single_user_same_day_purchase", False),
    ("concurrent", {"handling_other_emergency": False}, None, "region", False),
    ("concurrent", {"handling_other_emergency": True}, None, "region", True),
    ("concurrent", {"handling_other_emergency": True, "region": "APAC"}, None, "at", True),
    ("concurrent", {"handling_other_emergency": True, "region": "EMEA"}, None, "at", False),
]


@pytest.mark.parametrize(
    ("name", "answers", "now", "question", "asked"),
    CASES,
    ids=[f"{c[0]}-{c[3]}-{i}-{'asked' if c[4] else 'not-asked'}" for i, c in enumerate(CASES)],
)
def test_a_question_is_asked_only_when_it_matters(name, answers, now, question, asked):
    assert (question in registry.asked_questions(name, answers, now=now)) is asked


@pytest.mark.parametrize(
    ("name", "answers", "ignored"),
    [
        pytest.param(
            "qualification",
            {"production_unusable": "yes", "exception_criteria": "banana"},
            "exception_criteria",
            id="qualification-strict",
        ),
        pytest.param(
            "qualification",
            {"production_unusable": "yes", "criteria": 42},
            "criteria",
            id="qualification-strict-criteria",
        ),
        pytest.param(
            "licence", {"deployment": "saas", "expires_on": "2025-03-07", "trial": "maybe"}, "trial", id="licence-saas"
        ),
        pytest.param(
            "saas-triage", {"category": "storage", "known_incident": "perhaps"}, "known_incident", id="saas-storage"
        ),
        pytest.param(
            "concurrent", {"handling_other_emergency": False, "region": "MARS"}, "region", id="concurrent-free"
        ),
        pytest.param(
            "entitlement",
            {"org_associated": True, "plan": "free", "single_user_same_day_purchase": 3},
            "single_user_same_day_purchase",
            id="entitlement-free",
        ),
    ],
)
def test_an_answer_to_a_question_not_asked_is_ignored_not_refused(name, answers, ignored):
    result = registry.evaluate(name, answers, now=TUESDAY)
    assert ignored not in result["asked"]
    assert result["asked"] == registry.asked_questions(name, answers, now=TUESDAY)


def test_a_question_not_asked_is_not_required():
    # concurrent's region is required, but only asked while handling another emergency.
    assert registry.evaluate("concurrent", {"handling_other_emergency": False})["outcome"] == "handle"
    with pytest.raises(InvalidAnswer) as error:
        registry.evaluate("concurrent", {"handling_other_emergency": True})
    assert (error.value.field, error.value.code) == ("region", "required")


def test_the_schema_carries_the_condition_as_data():
    questions = {q["id"]: q for q in registry.schema("stuck")["questions"]}
    assert questions["deployment"]["asked_when"] is None
    assert questions["cmoc_tried"]["asked_when"] == {
        "all": [
            {"key": "deployment", "in": ["saas"]},
            {"key": "weekend", "in": [True]},
            {"key": "still_stuck", "in": [True]},
        ]
    }
    assert registry.schema("stuck")["derived"] == [
        {"id": "weekend", "label": "Saturday or Sunday on your own clock?", "of": "at"}
    ]
    qualification = {q["id"]: q for q in registry.schema("qualification")["questions"]}
    assert qualification["exception_criteria"]["asked_when"] == {
        "all": [{"key": "production_unusable", "in": ["no", "unknown"]}]
    }


@pytest.mark.parametrize("answers", [None, [], "x", {"production_unusable": ["yes"]}, {"nope": 1}])
def test_asked_questions_never_raises(answers):
    assert isinstance(registry.asked_questions("qualification", answers), list)
    assert registry.asked_questions("no-such-checker", answers) == []
    assert registry.asked_questions(None, answers) == []


def test_the_bridge_reply_carries_asked_whether_ok_or_not():
    ok = json.loads(
        bridge.handle(json.dumps({"op": "form", "name": "qualification", "answers": {"production_unusable": "yes"}}))
    )
    assert ok["ok"] and ok["asked"] == ["production_unusable", "had_needs_more_info"]
    refused = json.loads(
        bridge.handle(json.dumps({"op": "form", "name": "qualification", "answers": {"production_unusable": "no"}}))
    )
    assert refused["ok"] is False and refused["error"] == {
        "field": "exception_criteria",
        "message": "is required",
        "code": "required",
    }
    assert refused["asked"] == ["production_unusable", "exception_criteria", "criteria", "had_needs_more_info"]


@pytest.mark.parametrize(
    ("request_", "code"),
    [
        pytest.param({"op": "form", "name": "qualification", "answers": {"x": 1}}, "unknown", id="unknown-key"),
        pytest.param({"op": "form", "name": "nope", "answers": {}}, "unknown", id="unknown-checker"),
        pytest.param({"op": "frobnicate"}, "unknown", id="unknown-op"),
        pytest.param(
            {"op": "form", "name": "qualification", "answers": {"production_unusable": 7}}, "invalid", id="invalid"
        ),
        pytest.param({"op": "form", "name": "qualification", "answers": {}}, "required", id="required"),
    ],
)
def test_errors_carry_a_code(request_, code):
    assert json.loads(bridge.handle(json.dumps(request_)))["error"]["code"] == code


def test_the_link_never_holds_an_answer_not_asked():
    query = urlstate.write(
        "", "qualification", {"production_unusable": "yes", "exception_criteria": "no", "criteria": ["legal"]}
    )
    assert query == "?qualification.production_unusable=yes"
    query = urlstate.write("", "licence", {"deployment": "saas", "trial": True, "expires_on": "2025-03-07"})
    assert "licence.trial" not in query and "licence.expires_on=2025-03-07" in query
    # An answer already in the link for a question no longer asked is dropped when another widget writes.
    query = urlstate.write("?licence.deployment=saas&licence.trial=true", "borderline", {})
    assert query == "?licence.deployment=saas"
