"""The URL-state parser (checkers/web/urlstate.py) fuzzed: whatever a link holds, reading and writing
never raise, read values are valid answers, and nothing written into a query can carry markup.

The first test moved here unchanged from tests/unit/test_urlstate.py (CPython only: hypothesis)."""

from __future__ import annotations

import json
from urllib.parse import quote

import hypothesis
import pytest
from hypothesis import strategies

import checkers
from checkers.engine.answers import parse_answers
from checkers.engine.model import InvalidAnswer
from checkers.web import bridge, urlstate

from .strategies import invalid_value, valid_value


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    query=strategies.one_of(
        strategies.text(max_size=300),
        strategies.lists(
            strategies.tuples(
                strategies.sampled_from(
                    [
                        "entitlement.plan",
                        "entitlement.org_associated",
                        "follow-up.contacted_at",
                        "follow-up.now",
                        "response-texts.ticket_url",
                        "borderline.at",
                        "x",
                        "",
                    ]
                ),
                strategies.text(max_size=60),
            ),
            max_size=8,
        ).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)),
    ),
    namespace=strategies.sampled_from(sorted(urlstate.namespaces())),
    answers=strategies.dictionaries(
        strategies.sampled_from(["plan", "org_associated", "contacted_at", "ticket_url", "at", "missing_info", "zzz"]),
        strategies.one_of(
            strategies.text(max_size=40), strategies.booleans(), strategies.none(), strategies.integers()
        ),
        max_size=5,
    ),
)
def test_fuzzed_queries_never_raise_and_written_queries_stay_inert(query, namespace, answers):
    state = urlstate.read(query, namespace)
    assert all(isinstance(v, str) for v in state["errors"].values())
    written = urlstate.write(query, namespace, answers)
    assert written == "" or written.startswith("?")
    assert not set("<>\"' \n") & set(written)
    # Writing what was read changes nothing: the query is already normal.
    again = urlstate.write(
        written, namespace, urlstate.read(written, namespace)["answers"] | urlstate.read(written, namespace)["raw"]
    )
    assert again == written


MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "%3Cscript%3E",
    "&lt;b&gt;",
    "\u2028<b>",
    "a b\nc",
]
ANY_TEXT = strategies.one_of(strategies.text(max_size=120), strategies.sampled_from(MARKUP))


def _questions(namespace):
    return urlstate.namespaces()[namespace]


@strategies.composite
def queries(draw, namespace):
    """A query as a link might hold it: known keys with valid, wrong or hostile values, unknown keys,
    repeated keys, raw or percent-encoded, and plain garbage."""
    schemas = {q.id: q for q in _questions(namespace)}
    pairs = []
    for _ in range(draw(strategies.integers(0, 8))):
        answer_id = draw(strategies.sampled_from(sorted(schemas) + ["unknown", ""]))
        key = draw(strategies.sampled_from([f"{namespace}.{answer_id}", answer_id, f"other.{answer_id}"]))
        question = schemas.get(answer_id)
        choices = [ANY_TEXT]
        if question is not None:
            schema = question.as_schema()
            choices += [
                valid_value(schema).map(
                    lambda v: v if isinstance(v, str) else ",".join(v) if isinstance(v, list) else json.dumps(v)
                ),
                invalid_value(schema).map(str),
            ]
        value = draw(strategies.one_of(*choices))
        encode = draw(strategies.booleans())
        pairs.append(f"{quote(key) if encode else key}={quote(str(value)) if encode else value}")
    query = "&".join(pairs)
    return draw(strategies.sampled_from([query, "?" + query, query + "&&=&", draw(strategies.text(max_size=200))]))


def _namespace_and_query():
    return strategies.sampled_from(sorted(urlstate.namespaces())).flatmap(
        lambda ns: strategies.tuples(strategies.just(ns), queries(ns))
    )


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(case=_namespace_and_query())
def test_any_query_reads_into_valid_answers_and_field_errors(case):
    namespace, query = case
    state = urlstate.read(query, namespace)
    assert set(state) == {"answers", "errors", "raw"}
    ids = {q.id for q in _questions(namespace)}
    assert set(state["answers"]) <= ids and set(state["errors"]) == set(state["raw"]) <= ids
    assert not set(state["answers"]) & set(state["errors"])
    assert all(isinstance(m, str) and m for m in state["errors"].values())
    assert all(isinstance(r, str) and len(r) <= urlstate.MAX_VALUE_LENGTH for r in state["raw"].values())
    # What was read is a valid answer: the checker's own parser takes each value as it is.
    questions = tuple(q for q in _questions(namespace) if q.id in state["answers"])
    try:
        parse_answers(questions, state["answers"], now=lambda: None)
    except InvalidAnswer as error:
        pytest.fail(f"read {state['answers'][error.field]!r} for {error.field}, which its checker refuses: {error}")
    json.dumps(state)


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(case=_namespace_and_query(), hostile=strategies.sampled_from(MARKUP))
def test_hostile_values_never_reach_a_query_as_markup(case, hostile):
    namespace, query = case
    answers = {q.id: hostile for q in _questions(namespace)}
    written = urlstate.write(query, namespace, answers)
    assert written == "" or written.startswith("?")
    assert not set("<>\"' \n\t`\u2028") & set(written), written
    # Through the worker's entry point too, whatever the name.
    for name in (namespace, "<script>", None, 42):
        reply = json.loads(
            bridge.handle(json.dumps({"op": "write-url", "name": name, "query": query, "answers": answers}))
        )
        if reply["ok"]:
            assert not set("<>\"' \n") & set(reply["result"]["query"])
        else:
            assert reply["error"]["field"] == "name"


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(
    query=strategies.one_of(strategies.none(), strategies.integers(), strategies.text(max_size=50)),
    name=strategies.one_of(strategies.text(max_size=20), strategies.none(), strategies.integers()),
)
def test_the_bridge_read_url_never_raises(query, name):
    reply = json.loads(bridge.handle(json.dumps({"op": "read-url", "name": name, "query": query})))
    assert reply["ok"] or reply["error"]["field"] == "name"


def test_every_checker_has_a_url_namespace():
    assert set(checkers.names()) <= set(urlstate.namespaces())
