"""The URL query carries the answers of every widget on a page: namespaced, sorted, only known keys,
invalid values reported on their field, and nothing a link holds can raise or smuggle markup."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest

from checkers.engine.model import InvalidAnswer
from checkers.web import bridge, urlstate


def test_reads_one_namespace_and_ignores_the_others():
    query = "?entitlement.plan=premium&follow-up.contacted_at=2024-03-09T22:15%2B11:00&entitlement.org_associated=true"
    assert urlstate.read(query, "entitlement") == {
        "answers": {"org_associated": True, "plan": "premium"},
        "errors": {},
        "raw": {},
    }
    assert urlstate.read(query, "follow-up")["answers"] == {"contacted_at": "2024-03-09T22:15+11:00"}


def test_unknown_keys_and_namespaces_are_dropped():
    query = "utm_source=slack&entitlement.colour=blue&nobody.plan=free&entitlement=1&.plan=free&entitlement.plan=free"
    assert urlstate.read(query, "entitlement")["answers"] == {"plan": "free"}
    assert urlstate.write(query, "qualification", {}) == "?entitlement.plan=free"


def test_invalid_values_are_reported_on_their_field_with_the_raw_text():
    state = urlstate.read("?entitlement.plan=platinum&entitlement.org_associated=maybe", "entitlement")
    assert state["answers"] == {}
    assert set(state["errors"]) == {"plan", "org_associated"}
    assert "premium" in state["errors"]["plan"]  # says what it accepts
    assert "true or false" in state["errors"]["org_associated"]
    assert state["raw"] == {"plan": "platinum", "org_associated": "maybe"}


def test_legacy_names_and_yes_no_are_normalised():
    state = urlstate.read("?entitlement.plan=Silver&entitlement.org_associated=YES", "entitlement")
    assert state["answers"] == {"plan": "premium", "org_associated": True}
    assert urlstate.write("?entitlement.plan=Silver&entitlement.org_associated=YES", "follow-up", {}) == (
        "?entitlement.org_associated=true&entitlement.plan=premium"
    )


def test_an_unencoded_plus_in_an_offset_is_understood():
    # A `+` in a query is a space: a pasted "22:15+11:00" arrives as "22:15 11:00".
    state = urlstate.read("?follow-up.contacted_at=2024-03-09T22:15+11:00", "follow-up")
    assert state["answers"] == {"contacted_at": "2024-03-09T22:15+11:00"}


def test_the_first_of_a_repeated_key_wins():
    assert urlstate.read("?entitlement.plan=free&entitlement.plan=premium", "entitlement")["answers"] == {
        "plan": "free"
    }


def test_write_replaces_one_namespace_sorts_and_keeps_the_others():
    query = "?qualification.production_unusable=yes&entitlement.plan=free&zzz=1"
    written = urlstate.write(query, "entitlement", {"org_associated": True, "plan": "ultimate", "bogus": "x"})
    assert written == "?entitlement.org_associated=true&entitlement.plan=ultimate&qualification.production_unusable=yes"
    keys = [k for k, _ in parse_qsl(written[1:])]
    assert keys == sorted(keys)


def test_defaults_and_empty_answers_are_left_out():
    written = urlstate.write(
        "", "entitlement", {"org_associated": False, "plan": "", "single_user_same_day_purchase": False}
    )
    assert written == "?entitlement.org_associated=false"
    assert urlstate.write("?entitlement.plan=free", "entitlement", {}) == ""


def test_an_invalid_answer_is_kept_so_the_link_shows_the_same_complaint():
    written = urlstate.write("", "response-texts", {"ticket_url": "ftp://example.com/1"})
    assert written == "?response-texts.ticket_url=ftp://example.com/1"
    assert "http(s) URL" in urlstate.read(written, "response-texts")["errors"]["ticket_url"]


def test_values_round_trip_through_write_and_read():
    answers = {
        "ticket_url": "https://gitlab.zendesk.com/agent/tickets/148028?a=1&b=2#x",
        "missing_info": "the exact error & since when; 100% <sure>",
        "next_engineer": "@francesca",
    }
    written = urlstate.write("", "response-texts", answers)
    assert urlstate.read(written, "response-texts") == {"answers": answers, "errors": {}, "raw": {}}


def test_datetimes_keep_their_offset_and_seconds():
    written = urlstate.write("", "follow-up", {"contacted_at": "2024-03-09T22:15:30-05:00", "customer_responded": True})
    assert written == "?follow-up.contacted_at=2024-03-09T22:15:30-05:00&follow-up.customer_responded=true"
    assert urlstate.read(written, "follow-up")["answers"] == {
        "contacted_at": "2024-03-09T22:15:30-05:00",
        "customer_responded": True,
    }


def test_date_lists_travel_as_comma_separated_dates():
    from checkers.engine import registry

    for name in registry.names():
        for q in registry.get(name).questions:
            if q.kind == "date-list":
                written = urlstate.write("", name, {q.id: "2024-03-11\n2024-03-08"})
                assert urlstate.read(written, name)["answers"][q.id] == ["2024-03-08", "2024-03-11"]
                return
    pytest.skip("no checker asks for a list of dates")


@pytest.mark.parametrize("name", [None, "", "nope", 3])
def test_an_unknown_namespace_is_named(name):
    with pytest.raises(InvalidAnswer) as caught:
        urlstate.read("", name)
    assert caught.value.field == "name"


@pytest.mark.parametrize(
    "query",
    [
        None,
        42,
        "",
        "?",
        "&&&",
        "%",
        "%zz=%zz",
        "a=b=c",
        "?entitlement.plan=%00",
        "entitlement.plan=" + "x" * 100000,
        "=" * 5000,
        "entitlement.plan",
        "follow-up.contacted_at=9999-99-99T99:99%2B99:99",
        "x=\ud800",
    ],
)
def test_nothing_in_a_query_raises(query):
    for namespace in urlstate.namespaces():
        state = urlstate.read(query, namespace)
        assert set(state) == {"answers", "errors", "raw"}
        urlstate.write(query, namespace, {"plan": object(), "contacted_at": ["a", 1]})


def test_an_overlong_value_is_reported_not_kept_whole():
    state = urlstate.read("?response-texts.missing_info=" + "a" * 5000, "response-texts")
    assert "too long" in state["errors"]["missing_info"]
    assert len(state["raw"]["missing_info"]) == urlstate.MAX_VALUE_LENGTH


def test_markup_in_answers_never_reaches_the_query_as_markup():
    written = urlstate.write(
        "", "response-texts", {"missing_info": '<img src=x onerror="alert(1)">\'', "ticket_url": "https://x.test/<b>"}
    )
    assert not set("<>\"' ") & set(written)


def test_the_bridge_reads_and_writes_urls():
    read = json.loads(
        bridge.handle(json.dumps({"op": "read-url", "name": "entitlement", "query": "?entitlement.plan=gold"}))
    )
    assert read == {"ok": True, "result": {"answers": {"plan": "ultimate"}, "errors": {}, "raw": {}}}
    written = json.loads(
        bridge.handle(
            json.dumps(
                {
                    "op": "write-url",
                    "name": "borderline",
                    "query": "?entitlement.plan=gold",
                    "answers": {"handling_other_emergency": True},
                }
            )
        )
    )
    assert written["result"] == {"query": "?borderline.handling_other_emergency=true&entitlement.plan=ultimate"}
    unknown = json.loads(bridge.handle(json.dumps({"op": "read-url", "name": "<script>", "query": ""})))
    assert unknown["ok"] is False and unknown["error"]["field"] == "name"


# The fuzz test of read/write is in tests/properties/test_urlstate_fuzz.py: hypothesis runs on CPython
# only (its native extension does not load in Pyodide), and these unit tests also run in Pyodide.
