"""Totality, for every checker the registry finds: any answer set its schema accepts gets exactly
one of its outcomes, with the fields every page and the training keys rely on; any answer set
with one thing wrong is refused with InvalidAnswer naming that field, never another exception.
The worker's JSON entry point (checkers.web.bridge) keeps the same promises."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checkers
from checkers.engine import handbook, registry
from checkers.engine.model import InvalidAnswer
from checkers.web import bridge

from .strategies import AWARE_DATETIMES, invalid_answers, valid_answers

NAMES = checkers.names()
COMMON_FIELDS = {
    "checker": str,
    "outcome": str,
    "title": str,
    "actions": list,
    "tags": list,
    "say": str,
    "cite": list,
    "sources": list,
    "because": str,
    "rule": int,
    "answers": dict,
    "facts": dict,
}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_is_a_result(name: str, result: dict) -> None:
    schema = checkers.schema(name)
    codes = [o["code"] for o in schema["outcomes"]]
    for field, kind in COMMON_FIELDS.items():
        assert isinstance(result.get(field), kind), f"{name}: field {field!r} is {result.get(field)!r}"
    assert result["checker"] == name
    assert result["outcome"] in codes, f"{name}: outcome {result['outcome']!r} is not one of {codes}"
    assert result["title"].strip()
    assert all(isinstance(item, str) and item.strip() for item in result["actions"] + result["tags"])
    assert 1 <= result["rule"] <= len(checkers.get(name).rules)
    known = {handbook.href(anchor) for anchor in handbook.SECTIONS}
    assert result["cite"] and set(result["cite"]) <= known, f"{name}: cites {result['cite']}"
    assert [s["href"] for s in result["sources"]] == result["cite"]
    # Every detail the page lists has a label of its own: no raw field name reaches the reader.
    assert set(result["field_labels"]) == set(result["shown_fields"]), f"{name}: {result['shown_fields']}"
    assert all(label.strip() and "_" not in label for label in result["field_labels"].values())
    json.dumps(result)  # the worker sends it as JSON


@pytest.mark.parametrize("name", NAMES)
def test_every_valid_answer_set_gets_exactly_one_known_outcome(name):
    schema = checkers.schema(name)
    decided = set()

    @FUZZ
    @given(answers=valid_answers(schema), now=AWARE_DATETIMES)
    def check(answers, now):
        try:
            result = checkers.evaluate(name, answers, now=now)
        except InvalidAnswer as error:
            # Only a rule across fields (follow-up: "now" before the contact) may refuse a set each
            # field of which is valid, and it must name the field: a question of this checker.
            assert error.field in {q["id"] for q in schema["questions"]}, error
            assert error.message.strip()
            return
        assert_is_a_result(name, result)
        assert checkers.evaluate(name, answers, now=now) == result  # the same answers, the same decision
        decided.add(result["outcome"])

    check()
    assert decided, f"{name}: no generated answer set was decided; the property says nothing"


@pytest.mark.parametrize("name", NAMES)
def test_one_wrong_answer_is_refused_naming_its_field(name):
    schema = checkers.schema(name)

    @FUZZ
    @given(case=invalid_answers(schema), now=AWARE_DATETIMES)
    def check(case, now):
        answers, field = case
        with pytest.raises(InvalidAnswer) as refused:
            checkers.evaluate(name, answers, now=now)
        assert refused.value.field == field, f"{answers!r}: named {refused.value.field!r}, not {field!r}"
        assert refused.value.message.strip()

    check()


@pytest.mark.parametrize("name", NAMES)
def test_the_worker_entry_point_answers_anything_with_json(name):
    schema = checkers.schema(name)
    anything = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    )

    @FUZZ
    @given(
        answers=st.one_of(
            valid_answers(schema),
            anything,
            st.dictionaries(st.sampled_from([q["id"] for q in schema["questions"]] or ["x"]), anything),
        )
    )
    def check(answers):
        reply = json.loads(bridge.handle(json.dumps({"op": "form", "name": name, "answers": answers})))
        if reply["ok"]:
            assert_is_a_result(name, reply["result"])
        else:
            assert set(reply["error"]) == {"field", "message", "code"} and reply["error"]["message"]
            assert reply["error"]["code"] in ("required", "invalid", "unknown")
            # A bug would surface as a message without a field: every refusal here names one.
            assert reply["error"]["field"] is not None, reply["error"]
        # Asked or not, the page learns which questions to show.
        assert reply["asked"] == registry.asked_questions(name, answers or {})

    check()
