"""One operation for every form on a page ("form"), error codes the page reads instead of messages,
and the structured fields the page's renderers read instead of looking for words."""

from __future__ import annotations

import json

import pytest

from checkers.engine import handbook, registry
from checkers.engine.model import InvalidAnswer
from checkers.texts.incident import CAUTION
from checkers.web import bridge, forms
from checkers.web.bridge import handle


def ask(request) -> dict:
    return json.loads(handle(json.dumps(request)))


QUALIFICATION = {"production_unusable": "no", "exception_criteria": "yes"}


def test_the_form_op_answers_a_checker_and_says_what_it_asked():
    reply = ask({"op": "form", "name": "qualification", "answers": QUALIFICATION})
    assert reply["ok"] is True and reply["result"]["outcome"] == "exception"
    assert reply["asked"] == registry.asked_questions("qualification", QUALIFICATION)
    assert reply["result"]["asked"] == reply["asked"]


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        ("response-texts", {"ticket_url": "https://gitlab.zendesk.com/agent/tickets/1"}),
        ("incident", {"incident_number": "12345"}),
    ],
)
def test_the_helpers_are_forms_too(name, answers):
    reply = ask({"op": "form", "name": name, "answers": answers})
    assert reply["ok"] is True and reply["result"] == forms.compute(name, answers)
    assert reply["asked"] == [q.id for q in forms.get(name).questions]


def test_the_ops_request_names_the_table_and_what_the_worker_answers_first():
    reply = ask({"op": "ops"})
    assert reply == {"ok": True, "result": {"ops": list(bridge.OPS), "first": list(bridge.FIRST)}}
    assert set(bridge.FIRST) <= set(bridge.OPS) and {"form", "read-url", "write-url", "flow", "grade"} <= set(
        bridge.OPS
    )


@pytest.mark.parametrize("op", ["evaluate", "texts", "incident", None, ["form"], {"op": "form"}])
def test_an_op_not_in_the_table_is_refused_naming_the_ones_that_are(op):
    reply = ask({"op": op, "name": "qualification", "answers": QUALIFICATION})
    assert reply["ok"] is False and reply["error"]["field"] == "op" and reply["error"]["code"] == "unknown"
    assert all(name in reply["error"]["message"] for name in bridge.OPS)
    assert "asked" not in reply


@pytest.mark.parametrize(
    ("request_", "field", "code"),
    [
        ({"op": "form", "name": "qualification", "answers": {}}, "production_unusable", "required"),
        (
            {"op": "form", "name": "qualification", "answers": {"production_unusable": "maybe"}},
            "production_unusable",
            "invalid",
        ),
        ({"op": "form", "name": "qualification", "answers": {"colour": "red"}}, "colour", "unknown"),
        ({"op": "form", "name": "no-such-checker", "answers": {}}, "checker", "unknown"),
        ({"op": "schema"}, "name", "unknown"),
        ({"op": "schema", "name": ["qualification"]}, "name", "unknown"),
        ({"op": "schema", "name": "no-such-checker"}, "checker", "unknown"),
        ({"op": "launch"}, "op", "unknown"),
    ],
)
def test_an_error_reply_carries_a_code_beside_the_message(request_, field, code):
    reply = ask(request_)
    assert reply["ok"] is False
    assert reply["error"]["field"] == field
    assert reply["error"]["code"] == code
    assert reply["error"]["message"]


def test_a_failed_form_request_still_says_which_questions_are_asked():
    reply = ask({"op": "form", "name": "qualification", "answers": {}})
    assert reply["ok"] is False
    # the exception questions wait for the strict definition's answer.
    assert reply["asked"] == ["production_unusable", "had_needs_more_info"]
    assert ask({"op": "form", "name": "no-such-checker"})["asked"] == []


def test_asked_questions_never_raises():
    assert registry.asked_questions("no-such-checker", {"x": 1}) == []
    # Not an object: nothing is answered, so `trial` (asked for self-managed only) waits.
    assert registry.asked_questions("licence", "not an object") == ["deployment", "expires_on", "now", "holidays"]


def test_invalid_answer_refuses_an_unknown_code():
    with pytest.raises(ValueError):
        InvalidAnswer("field", "message", "bad-code")


def test_the_incident_caution_comes_in_parts_that_make_the_same_sentence():
    result = ask({"op": "form", "name": "incident", "answers": {"incident_number": "1"}})["result"]
    assert "".join(part["text"] for part in result["caution_parts"]) == CAUTION
    linked = [part for part in result["caution_parts"] if part["href"]]
    assert [part["href"] for part in linked] == [handbook.href("handling-multiple-simultaneous-emergencies")]
    assert linked[0]["text"] == "handling multiple simultaneous emergencies"
    assert result["caution_title"]


def test_us_federal_states_its_shift_hours_in_the_result():
    result = registry.evaluate("us-federal", {"at": "2024-03-12T09:00-07:00"})
    assert result["shifts"] == [
        {"name": "AM", "starts": "05:00", "ends": "11:00"},
        {"name": "PM", "starts": "11:00", "ends": "17:00"},
    ]
    assert result["shift"] in [shift["name"] for shift in result["shifts"]]


def test_special_handling_says_where_its_customer_steps_stand_in_the_actions():
    result = registry.evaluate("special-handling", {"case": "compromised-instance"})
    at = result["customer_steps_at"]
    assert result["actions"][at] == result["customer_steps_intro"]
    assert len(result["customer_steps"]) == 5
    assert result["actions"][at + 1].startswith("1. " + result["customer_steps"][0]["step"])
    assert result["customer_steps_text"].splitlines()[0] == result["customer_steps_intro"]
    other = registry.evaluate("special-handling", {"case": "other"})
    assert other["customer_steps"] == [] and other["customer_steps_at"] is None


def test_the_follow_up_clock_fields_are_not_listed_as_details():
    result = registry.evaluate("follow-up", {"contacted_at": "2024-03-12T09:00Z", "now": "2024-03-12T09:05Z"})
    assert result["seconds_to_next_step"] == 600
    assert "seconds_to_next_step" not in result["shown_fields"]
    assert "next_step" not in result["shown_fields"]
    assert all(field in result for field in result["shown_fields"])


def test_a_checker_without_a_choice_lists_its_own_plain_fields():
    result = registry.evaluate("us-federal", {"at": "2024-03-12T09:00-07:00"})
    assert "pacific_time" in result["shown_fields"] and "shift" in result["shown_fields"]
    assert not set(result["shown_fields"]) & registry.COMMON_FIELDS


def test_licence_caveats_are_fields_not_actions_to_parse():
    capped = registry.evaluate(
        "licence",
        {
            "deployment": "self-managed",
            "trial": True,
            "expires_on": "2024-12-20",
            "now": "2024-12-21T10:00+00:00",
            "holidays": [f"2024-12-{d}" for d in range(23, 32)] + [f"2025-01-0{d}" for d in range(1, 10)],
        },
    )
    assert capped["outcome"] == "trial-licence" and capped["trial_licence_capped"] is True
    assert [c["title"] for c in capped["caveats"]] == ["Even a 14-day licence falls short"]
    not_expired = registry.evaluate(
        "licence",
        {
            "deployment": "self-managed",
            "trial": True,
            "expires_on": "2024-12-30",
            "now": "2024-12-21T10:00+00:00",
        },
    )
    assert not_expired["caveats"][0]["title"] == "Check first"
    assert not_expired["actions"][0].startswith("Check first: the trial has not expired yet")
    assert (
        registry.evaluate(
            "licence", {"deployment": "saas", "expires_on": "2024-12-20", "now": "2024-12-21T10:00+00:00"}
        )["caveats"]
        == []
    )


def test_multi_choice_answers_parse_in_the_options_order():
    from checkers.engine.answers import parse_answers
    from checkers.engine.model import Option, Question

    q = Question(
        "criteria", "Which apply?", "multi-choice", (Option("a", "A"), Option("b", "B"), Option("c", "C")), default=()
    )
    clock = lambda: None  # noqa: E731 - no time question
    assert parse_answers((q,), {"criteria": ["c", "a"]}, clock) == {"criteria": ("a", "c")}
    assert parse_answers((q,), {}, clock) == {"criteria": ()}
    for wrong in (["z"], "b,a"):  # a link's comma-separated text is urlstate's to split
        with pytest.raises(InvalidAnswer) as error:
            parse_answers((q,), {"criteria": wrong}, clock)
        assert error.value.field == "criteria" and error.value.code == "invalid"
