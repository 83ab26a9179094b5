"""Grading a drill answer (checkers/drills.py and the worker's "grade" op): the key is read off the
checker's result, the right choice is the one covering it, and a bad request names its field."""

from __future__ import annotations

import json

import pytest

from checkers import drills, evaluate
from checkers.engine.model import InvalidAnswer
from checkers.web import bridge

APAC_SATURDAY_IN_TRIAL = {"at": "2023-01-14T10:05+10:00", "region": "APAC", "handling_other_emergency": True}
NEW_PAGE = {
    "asks": "outcome",
    "choices": [{"value": "handle"}, {"value": "contact-manager"}, {"value": "escalate-page"}],
}


def grade(**request):
    return json.loads(bridge.handle(json.dumps({"op": "grade", **request})))


@pytest.mark.parametrize("choice, correct", [(0, False), (1, False), (2, True), (None, False)])
def test_grade_marks_only_the_choice_covering_the_checkers_outcome(choice, correct):
    reply = grade(checker="concurrent", answers=APAC_SATURDAY_IN_TRIAL, question=NEW_PAGE, choice=choice)
    assert reply["ok"], reply
    result = reply["result"]
    assert result["correct"] is correct
    assert result["key_choice"] == 2 and result["key"] == "escalate-page"
    assert result["chosen"] == choice
    expected = evaluate("concurrent", APAC_SATURDAY_IN_TRIAL)
    assert result["because"] == expected["because"]
    assert result["sources"] == expected["sources"]  # the feedback's citation


def test_the_same_facts_a_day_later_outside_the_weekend_change_the_key():
    monday = {**APAC_SATURDAY_IN_TRIAL, "at": "2023-01-16T10:05+10:00"}
    assert grade(checker="concurrent", answers=monday, question=NEW_PAGE, choice=1)["result"]["correct"] is True


def test_a_choice_may_stand_for_several_outcomes_and_an_empty_one_is_never_right():
    question = {
        "asks": "outcome",
        "choices": [{"value": []}, {"value": ["compromised-instance", "engage-manager-before-call"]}],
    }
    for case, key_choice in (("compromised-instance", 1), ("single-user-same-day-purchase", 1)):
        result = grade(checker="special-handling", answers={"case": case}, question=question, choice=1)["result"]
        assert result["correct"] and result["key_choice"] == key_choice


def test_macro_key_is_the_final_determination_even_with_needs_more_info_kept():
    answers = {"production_unusable": "yes", "exception_criteria": "unknown", "had_needs_more_info": True}
    assert evaluate("qualification", answers)["tags"] == [
        "General::Emergency::Needs more info",
        "General::Emergency::Strict Definition",
    ]
    question = {
        "asks": "macro",
        "choices": [
            {"value": "General::Emergency::Needs more info"},
            {"value": "General::Emergency::Strict Definition"},
        ],
    }
    assert grade(checker="qualification", answers=answers, question=question, choice=1)["result"]["correct"]


def test_macro_key_is_none_when_the_result_names_no_macro():
    question = {"asks": "macro", "choices": [{"value": "Support::SaaS::Incident First Response"}, {"value": "none"}]}
    reply = grade(checker="saas-triage", answers={"category": "feature-flag"}, question=question, choice=1)
    assert reply["result"]["correct"] and reply["result"]["key"] == "none"


@pytest.mark.parametrize(
    "at, key", [("2024-11-20T00:59Z", "PM"), ("2024-11-20T01:00Z", "none"), ("2024-11-19T13:00Z", "AM")]
)
def test_field_keys_read_the_checkers_own_field_null_as_none(at, key):
    question = {"asks": "field", "field": "shift", "choices": [{"value": "AM"}, {"value": "PM"}, {"value": "none"}]}
    result = grade(checker="us-federal", answers={"at": at}, question=question, choice=0)["result"]
    assert result["key"] == key


def test_a_field_key_that_is_a_number_is_compared_as_text():
    answers = {"deployment": "self-managed", "expires_on": "2024-03-02", "now": "2024-03-15T22:40+01:00"}
    question = {"asks": "field", "field": "trial_licence_days", "choices": [{"value": "7"}, {"value": "14"}]}
    assert grade(checker="licence", answers=answers, question=question, choice=0)["result"]["correct"]


@pytest.mark.parametrize(
    "request_, field",
    [
        (
            {
                "checker": "concurrent",
                "answers": {"region": "APAC", "handling_other_emergency": True},
                "question": NEW_PAGE,
                "choice": 0,
            },
            "at",
        ),
        ({"checker": "concurrent", "answers": APAC_SATURDAY_IN_TRIAL, "question": NEW_PAGE, "choice": 3}, "choice"),
        ({"checker": "concurrent", "answers": APAC_SATURDAY_IN_TRIAL, "question": NEW_PAGE, "choice": True}, "choice"),
        ({"checker": "nope", "answers": {}, "question": NEW_PAGE, "choice": 0}, "checker"),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {**NEW_PAGE, "asks": "vibes"},
                "choice": 0,
            },
            "asks",
        ),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {"asks": "outcome", "choices": [{"value": "handle"}, {"value": "page-everyone"}]},
                "choice": 0,
            },
            "choices[1].value",
        ),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {"asks": "outcome", "choices": [{"value": "handle"}, {"value": "contact-manager"}]},
                "choice": 0,
            },
            "choices",
        ),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {
                    "asks": "outcome",
                    "choices": [{"value": "handle"}, {"value": ["handle", "escalate-page"]}],
                },
                "choice": 0,
            },
            "choices[1].value",
        ),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {"asks": "field", "field": "weather", "choices": [{"value": "a"}, {"value": "b"}]},
                "choice": 0,
            },
            "field",
        ),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {"asks": "macro", "choices": [{"value": "General::Emergency::Typo"}, {"value": "none"}]},
                "choice": 0,
            },
            "choices[0].value",
        ),
        (
            {
                "checker": "concurrent",
                "answers": APAC_SATURDAY_IN_TRIAL,
                "question": {"asks": "outcome", "choices": [{"value": "handle"}]},
                "choice": 0,
            },
            "choices",
        ),
    ],
    ids=[
        "clock-dependent",
        "out-of-range",
        "boolean-choice",
        "unknown-checker",
        "unknown-asks",
        "unknown-outcome",
        "key-not-covered",
        "value-twice",
        "unknown-field",
        "unknown-macro",
        "one-choice",
    ],
)
def test_a_bad_grade_request_is_refused_naming_the_field(request_, field):
    reply = grade(**request_)
    assert reply["ok"] is False
    assert reply["error"]["field"] == field, reply


def test_require_explicit_times_names_each_now_defaulting_question():
    with pytest.raises(InvalidAnswer) as caught:
        drills.require_explicit_times("follow-up", {"contacted_at": "2024-03-09T03:05+11:00"})
    assert caught.value.field == "now"
    drills.require_explicit_times(
        "follow-up", {"contacted_at": "2024-03-09T03:05+11:00", "now": "2024-03-09T03:21+11:00"}
    )


def test_an_unknown_op_lists_grade_among_the_operations():
    reply = json.loads(bridge.handle(json.dumps({"op": "guess"})))
    assert reply["error"]["field"] == "op" and "grade" in reply["error"]["message"]
