"""The guided response's flow over any answers: a valid answer set gives a flow with at
most one `next` step, a reason on every skipped step, and no crash; an invalid value is refused
naming its `<namespace>.<answer id>` key."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checkers
from checkers import flows
from checkers.engine.model import InvalidAnswer
from checkers.flows.paged import FLOW
from checkers.texts import response_texts
from checkers.web import bridge

from .strategies import AWARE_DATETIMES, invalid_value, valid_answers, valid_value

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FLOW_SCHEMA = {"checker": "paged", "questions": [q.as_schema() for q in FLOW.questions]}
STEP_CHECKERS = [s.checker for s in FLOW.steps if s.checker]


@st.composite
def flow_answers(draw):
    answers = {}
    for question in FLOW_SCHEMA["questions"]:
        if draw(st.booleans()):
            answers[f"paged.{question['id']}"] = draw(valid_value(question))
    for name in draw(st.lists(st.sampled_from(STEP_CHECKERS), unique=True)):
        for key, value in draw(valid_answers(checkers.schema(name))).items():
            answers[f"{name}.{key}"] = value
    return answers


def _check(result: dict) -> None:
    assert result["flow"] == "paged"
    statuses = [s["status"] for s in result["steps"]]
    assert statuses.count("next") <= 1
    assert result["next"] == next((s["id"] for s in result["steps"] if s["status"] == "next"), None)
    assert all(s["because"].strip() for s in result["steps"] if s["status"] == "skipped")
    assert result["texts"]["public_comment"]["text"].strip()
    json.dumps(result)


@FUZZ
@given(answers=flow_answers(), now=AWARE_DATETIMES)
def test_any_valid_answer_set_gives_a_flow_with_at_most_one_next_step(answers, now):
    known = {f"paged.{q.id}" for q in FLOW.questions} | {
        f"{name}.{q['id']}" for name in STEP_CHECKERS for q in checkers.schema(name)["questions"]
    }
    try:
        result = flows.run("paged", answers, now=now)
    except InvalidAnswer as error:
        # Only a rule across answers of one checker (follow-up's "now" before the contact, ticked
        # criteria beside "no") refuses a set each value of which is valid; it names the key.
        assert error.field in known, error
        return
    _check(result)


@FUZZ
@given(answers=flow_answers(), fault=st.data())
def test_an_invalid_value_names_its_key(answers, fault):
    # The flow's own answers and entitlement's are always asked: a bad one is always refused.
    schemas = [("paged", q) for q in FLOW_SCHEMA["questions"]] + [
        ("entitlement", q)
        for q in checkers.schema("entitlement")["questions"]
        if q["id"] != "single_user_same_day_purchase"
    ]
    space, question = fault.draw(st.sampled_from(schemas))
    key = f"{space}.{question['id']}"
    answers[key] = fault.draw(invalid_value(question))
    try:
        flows.run("paged", answers)
    except InvalidAnswer as error:
        assert error.field == key, (answers, error)
    else:
        raise AssertionError(f"{key}={answers[key]!r} was accepted")
    reply = json.loads(bridge.handle(json.dumps({"op": "flow", "name": "paged", "answers": answers})))
    assert reply["ok"] is False and reply["error"]["field"] == key


@FUZZ
@given(
    anything=st.one_of(
        st.none(),
        st.integers(),
        st.text(max_size=20),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=20), st.one_of(st.none(), st.booleans(), st.text(max_size=10)), max_size=4),
    )
)
def test_the_bridge_never_crashes(anything):
    reply = json.loads(bridge.handle(json.dumps({"op": "flow", "name": "paged", "answers": anything})))
    if reply["ok"]:
        _check(reply["result"])
    else:
        assert reply["error"]["field"] is not None and reply["error"]["message"]


# Every key a link may carry (`<namespace>.<answer id>`) and every `<step>.outcome`: machine names the
# reader never needs to see.
MACHINE_KEYS = sorted(
    {f"paged.{q.id}" for q in FLOW.questions}
    | {f"{name}.{q['id']}" for name in STEP_CHECKERS for q in checkers.schema(name)["questions"]}
    | {f"response-texts.{q.id}" for q in response_texts.QUESTIONS}
    | {f"{s.id}.outcome" for s in FLOW.steps},
    key=len,
    reverse=True,
)


def _reader_facing(result: dict) -> list[tuple[str, str]]:
    shown = [("summary", result["summary"])]
    for step in result["steps"]:
        shown += [(f"{step['id']}.{part}", step[part]) for part in ("title", "because", "status_text")]
    for name, entry in result["texts"].items():
        shown += [(f"texts.{name}.label", entry["label"]), (f"texts.{name}.text", entry["text"])]
    return shown


RESPONSE_SCHEMA = {"questions": [q.as_schema() for q in response_texts.QUESTIONS]}


@FUZZ
@given(answers=flow_answers(), texts=valid_answers(RESPONSE_SCHEMA), now=AWARE_DATETIMES)
def test_no_machine_key_in_anything_a_reader_sees(answers, texts, now):
    answers.update({f"response-texts.{k}": v for k, v in texts.items()})
    try:
        result = flows.run("paged", answers, now=now)
    except InvalidAnswer:
        return
    found = [(where, key) for where, text in _reader_facing(result) for key in MACHINE_KEYS if key in text]
    assert not found, found
