from datetime import datetime

import pytest

from checkers import evaluate, schema

CONTACTED = "2024-03-09T22:15+11:00"  # late Saturday evening in Sydney, still Saturday morning in UTC


def decide(now, responded=None, contacted_at=CONTACTED):
    answers = {"contacted_at": contacted_at, "now": now}
    if responded is not None:
        answers["customer_responded"] = responded
    return evaluate("follow-up", answers)


@pytest.mark.parametrize(
    ("now", "responded", "outcome", "seconds"),
    [
        pytest.param("2024-03-09T22:15+11:00", None, "wait", 900, id="at-contact"),
        pytest.param("2024-03-09T22:29:59+11:00", None, "wait", 1, id="one-second-before-15"),
        pytest.param("2024-03-09T22:29:59.500+11:00", None, "wait", 1, id="half-second-before-15-rounds-up"),
        pytest.param("2024-03-09T22:30+11:00", None, "send-follow-up", 900, id="exactly-15"),
        pytest.param("2024-03-09T22:44:59+11:00", None, "send-follow-up", 1, id="one-second-before-30"),
        pytest.param("2024-03-09T22:45+11:00", None, "close-bridge", None, id="exactly-30"),
        pytest.param("2024-03-10T09:00+11:00", None, "close-bridge", None, id="next-morning"),
        pytest.param("2024-03-09T22:20+11:00", True, "engaged", None, id="responded-early"),
        pytest.param("2024-03-09T22:35+11:00", True, "engaged", None, id="responded-after-follow-up"),
        pytest.param("2024-03-09T22:50+11:00", True, "engaged", None, id="responded-late"),
        pytest.param("2024-03-09T22:35+11:00", False, "send-follow-up", 600, id="explicitly-not-responded"),
    ],
)
def test_clock_decides(now, responded, outcome, seconds):
    result = decide(now, responded)
    assert result["outcome"] == outcome
    assert result["seconds_to_next_step"] == seconds


def test_every_outcome_is_reachable():
    reached = {
        decide(now, responded)["outcome"]
        for now in ("2024-03-09T22:16+11:00", "2024-03-09T22:31+11:00", "2024-03-09T22:46+11:00")
        for responded in (True, False)
    }
    assert reached == {o["code"] for o in schema("follow-up")["outcomes"]}


def test_times_keep_the_offset_of_contacted_at():
    result = decide("2024-03-09T11:20Z")  # the same clock read in UTC: 22:20+11:00
    assert result["outcome"] == "wait"
    assert result["follow_up_at"] == "2024-03-09T22:30+11:00"
    assert result["close_bridge_at"] == "2024-03-09T22:45+11:00"
    assert result["seconds_to_next_step"] == 600


def test_times_keep_seconds_when_contacted_at_has_them():
    result = decide("2024-03-09T09:00:00-05:00", contacted_at="2024-03-09T08:59:30-05:00")
    assert result["follow_up_at"] == "2024-03-09T09:14:30-05:00"
    assert result["close_bridge_at"] == "2024-03-09T09:29:30-05:00"


@pytest.mark.parametrize("outcome_now", ["2024-03-09T22:20+11:00", "2024-03-09T22:50+11:00"], ids=["wait", "close"])
def test_times_are_given_whatever_the_outcome(outcome_now):
    for responded in (True, False):
        result = decide(outcome_now, responded)
        assert result["follow_up_at"] == "2024-03-09T22:30+11:00"
        assert result["close_bridge_at"] == "2024-03-09T22:45+11:00"


def test_follow_up_message_covers_the_four_points():
    result = decide("2024-03-09T22:30+11:00")
    say = result["say"]
    assert "bridge" in say and "[bridge link]" in say
    assert "not able to join immediately" in say and "other arrangements" in say
    assert "another 15 minutes" in say and "HIGH priority" in say
    assert "open a new emergency request" in say
    assert len([a for a in result["actions"] if a[:2] in ("1.", "2.", "3.", "4.")]) == 4
    assert "2024-03-09T22:45+11:00" in result["actions"][-1]


def test_close_bridge_sets_high_priority_and_allows_a_new_emergency():
    result = decide("2024-03-09T22:45+11:00")
    assert "Close the bridge." in result["actions"]
    assert "Set the ticket to HIGH priority." in result["actions"]
    assert "open a new emergency request" in result["say"]
    assert result["cite"] == ["responding/#respond-to-pagerduty-alerts"]


@pytest.mark.parametrize(
    ("now", "responded", "next_step"),
    [
        ("2024-03-09T22:20+11:00", None, "send the follow-up message"),
        ("2024-03-09T22:30+11:00", None, "close the bridge"),
        ("2024-03-09T22:45+11:00", None, None),
        ("2024-03-09T22:20+11:00", True, None),
    ],
)
def test_the_countdown_is_told_what_it_counts_down_to(now, responded, next_step):
    result = decide(now, responded)
    assert result["next_step"] == next_step
    assert (result["seconds_to_next_step"] is None) == (next_step is None)


def test_now_defaults_to_the_evaluation_clock():
    result = evaluate("follow-up", {"contacted_at": CONTACTED}, now=datetime.fromisoformat("2024-03-09T22:40+11:00"))
    assert result["outcome"] == "send-follow-up"
    assert result["seconds_to_next_step"] == 300


def test_schema_defaults():
    questions = {q["id"]: q for q in schema("follow-up")["questions"]}
    assert questions["contacted_at"]["required"] is True
    assert questions["now"]["default"] == "now"
    assert questions["customer_responded"]["default"] is False


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({"contacted_at": CONTACTED, "now": "2024-03-09T22:14+11:00"}, "now", id="now-before-contact"),
        pytest.param(
            {"contacted_at": CONTACTED, "now": "2024-03-09T11:14Z"}, "now", id="now-before-contact-other-offset"
        ),
        pytest.param(
            {"contacted_at": CONTACTED, "now": "2024-03-09T11:00Z", "customer_responded": True},
            "now",
            id="now-before-contact-even-if-responded",
        ),
        pytest.param({"now": "2024-03-09T22:14+11:00"}, "contacted_at", id="missing-contacted-at"),
        pytest.param({"contacted_at": "2024-03-09T22:15"}, "contacted_at", id="contacted-at-without-offset"),
        pytest.param({"contacted_at": "yesterday"}, "contacted_at", id="contacted-at-not-a-date"),
        pytest.param(
            {"contacted_at": CONTACTED, "now": "2024-03-09T22:20+11:00", "customer_responded": "no"},
            "customer_responded",
            id="responded-not-boolean",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_field(cli, answers, field):
    cli.assert_rejects("follow-up", answers, field)


def test_cli_evaluates(cli):
    result = cli.evaluate("follow-up", {"contacted_at": CONTACTED, "now": "2024-03-09T22:45+11:00"})
    assert result["outcome"] == "close-bridge"
    assert result["seconds_to_next_step"] is None


# ---- the two delays are stated once: new delays change every sentence -----------------------------


def test_the_delays_are_the_pinned_handbook_delays():
    """After a re-pin of new delays this fails until FOLLOW_UP_AFTER and BRIDGE_OPEN_FOR follow."""
    from checkers.rules import follow_up

    pinned = [pin.sentence for pin in follow_up.PINS]
    assert any(s.startswith(f"After {follow_up.FOLLOW_UP_MINUTES}, if the customer has not responded") for s in pinned)
    assert any(
        s.startswith(f"After {follow_up.ANOTHER_MINUTES} without response the bridge will be closed") for s in pinned
    )


def test_other_delays_change_every_sentence_that_states_them(monkeypatch):
    from datetime import timedelta

    from tests.unit.rebuild import rebuilt, result_texts, stating, texts_of, use

    checker = use(
        monkeypatch, rebuilt("follow_up", FOLLOW_UP_AFTER=timedelta(minutes=20), BRIDGE_OPEN_FOR=timedelta(minutes=25))
    )
    contacted = "2024-03-09T10:00+01:00"
    results = [decide(f"2024-03-09T10:{m:02d}+01:00", contacted_at=contacted) for m in (19, 20, 44, 45)]
    engaged = decide("2024-03-09T10:50+01:00", True, contacted_at=contacted)
    assert [r["outcome"] for r in results] == ["wait", "send-follow-up", "send-follow-up", "close-bridge"]
    assert (results[0]["follow_up_at"], results[0]["close_bridge_at"]) == (
        "2024-03-09T10:20+01:00",
        "2024-03-09T10:45+01:00",
    )
    assert results[0]["title"] == "Wait: it is not yet 20 minutes since the first contact"
    assert results[3]["title"] == "Another 25 minutes without a response: close the bridge"
    assert "After another 25 minutes without a response" in results[1]["say"]
    assert [label for _, label in checker.facts[1].values] == [
        "under 20 minutes",
        "20 to under 45 minutes",
        "45 minutes or more",
    ]
    assert results[1]["facts"]["since_contact"] == "15-to-30"  # the codes are a contract and stay
    texts = texts_of(checker) + [t for r in [*results, engaged] for t in result_texts(r)]
    assert stating(texts, "15", "30") == []
