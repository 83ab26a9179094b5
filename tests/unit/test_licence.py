"""The licence checker: grace period, next business day, trial-licence length and the texts.

Calendar used below (2025): Fri 03-07, Sat 03-08, Sun 03-09, Mon 03-10 ... Fri 03-14, Mon 03-17,
Mon 03-24.
"""

import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from checkers import InvalidAnswer, evaluate, schema
from checkers.cli import main
from checkers.rules.licence import GRACE_DAYS, next_business_day, trial_licence

SATURDAY = "2025-03-08T10:00+00:00"


def licence(**answers):
    answers.setdefault("deployment", "self-managed")
    return evaluate("licence", answers)


@pytest.mark.parametrize(
    ("answers", "outcome", "today", "next_business", "grace_ends_on"),
    [
        # Grace ending exactly on the next business day still covers it; one day earlier does not.
        ({"expires_on": "2025-02-24", "now": SATURDAY}, "standard-lr", "2025-03-08", "2025-03-10", "2025-03-10"),
        ({"expires_on": "2025-02-23", "now": SATURDAY}, "trial-licence", "2025-03-08", "2025-03-10", "2025-03-09"),
        # Friday evening west of UTC (already Saturday in UTC): today is still Friday.
        (
            {"expires_on": "2025-02-21", "now": "2025-03-07T20:00-08:00"},
            "trial-licence",
            "2025-03-07",
            "2025-03-10",
            "2025-03-07",
        ),
        (
            {"expires_on": "2025-02-24", "now": "2025-03-07T20:00-08:00"},
            "standard-lr",
            "2025-03-07",
            "2025-03-10",
            "2025-03-10",
        ),
        # Sunday night west of UTC (already Monday in UTC): the next business day is Monday, not
        # Tuesday, so a grace period ending on Monday still covers it.
        (
            {"expires_on": "2025-02-24", "now": "2025-03-09T22:00-05:00"},
            "standard-lr",
            "2025-03-09",
            "2025-03-10",
            "2025-03-10",
        ),
        (
            {"expires_on": "2025-02-23", "now": "2025-03-09T22:00-05:00"},
            "trial-licence",
            "2025-03-09",
            "2025-03-10",
            "2025-03-09",
        ),
        # Monday morning east of UTC (still Sunday in UTC): today is Monday, next business day Tuesday,
        # so a grace period ending on Monday no longer covers it.
        (
            {"expires_on": "2025-02-24", "now": "2025-03-10T06:00+11:00"},
            "trial-licence",
            "2025-03-10",
            "2025-03-11",
            "2025-03-10",
        ),
        (
            {"expires_on": "2025-02-25", "now": "2025-03-10T06:00+11:00"},
            "standard-lr",
            "2025-03-10",
            "2025-03-11",
            "2025-03-11",
        ),
        (
            {"expires_on": "2025-02-24", "now": "2025-03-10T05:00+05:45"},
            "trial-licence",
            "2025-03-10",
            "2025-03-11",
            "2025-03-10",
        ),
        # A holiday on Monday moves the next business day to Tuesday, past the grace period.
        (
            {"expires_on": "2025-02-24", "now": SATURDAY, "holidays": ["2025-03-10"]},
            "trial-licence",
            "2025-03-08",
            "2025-03-11",
            "2025-03-10",
        ),
        (
            {"expires_on": "2025-02-25", "now": SATURDAY, "holidays": "2025-03-10"},
            "standard-lr",
            "2025-03-08",
            "2025-03-11",
            "2025-03-11",
        ),
        # Holidays on the weekend or before today change nothing.
        (
            {"expires_on": "2025-02-24", "now": SATURDAY, "holidays": ["2025-03-08", "2025-03-09", "2025-03-07"]},
            "standard-lr",
            "2025-03-08",
            "2025-03-10",
            "2025-03-10",
        ),
        # A trial has no grace period.
        (
            {"expires_on": "2025-03-07", "now": SATURDAY, "trial": True},
            "trial-licence",
            "2025-03-08",
            "2025-03-10",
            None,
        ),
        # Expiry still in the future: the grace period reaches the working week.
        ({"expires_on": "2025-03-20", "now": SATURDAY}, "standard-lr", "2025-03-08", "2025-03-10", "2025-04-03"),
        ({"expires_on": "2025-03-08", "now": SATURDAY}, "standard-lr", "2025-03-08", "2025-03-10", "2025-03-22"),
        # Grace period long over.
        ({"expires_on": "2024-12-01", "now": SATURDAY}, "trial-licence", "2025-03-08", "2025-03-10", "2024-12-15"),
        # SaaS decides first, trial or not.
        (
            {"deployment": "saas", "expires_on": "2025-02-23", "now": SATURDAY},
            "saas-plan",
            "2025-03-08",
            "2025-03-10",
            "2025-03-09",
        ),
        # `trial` is asked for self-managed only: on SaaS it is ignored, so the grace period is reported.
        (
            {"deployment": "saas", "expires_on": "2025-03-07", "now": SATURDAY, "trial": True},
            "saas-plan",
            "2025-03-08",
            "2025-03-10",
            "2025-03-21",
        ),
    ],
    ids=[
        "grace-ends-on-next-business-day",
        "grace-ends-the-day-before",
        "friday-evening-west-grace-ended-today",
        "friday-evening-west-grace-ends-monday",
        "sunday-night-west-grace-ends-monday",
        "sunday-night-west-grace-ended-sunday",
        "monday-morning-east-grace-ended-today",
        "monday-morning-east-grace-ends-tuesday",
        "monday-morning-nepal-grace-ends-today",
        "monday-holiday-moves-past-grace",
        "monday-holiday-grace-ends-tuesday",
        "weekend-and-past-holidays-ignored",
        "trial",
        "expiry-in-the-future",
        "expires-today",
        "grace-long-over",
        "saas",
        "saas-trial",
    ],
)
def test_decision_and_dates(answers, outcome, today, next_business, grace_ends_on):
    result = licence(**answers)
    assert result["outcome"] == outcome
    assert result["today"] == today
    assert result["next_business_day"] == next_business
    assert result["grace_ends_on"] == grace_ends_on
    assert (result["trial_licence_days"] is not None) == (outcome == "trial-licence")


def test_every_outcome_is_reachable():
    reached = {
        licence(expires_on="2025-02-24", now=SATURDAY)["outcome"],
        licence(expires_on="2025-02-23", now=SATURDAY)["outcome"],
        licence(deployment="saas", expires_on="2025-02-23", now=SATURDAY)["outcome"],
    }
    assert (
        reached == {o["code"] for o in schema("licence")["outcomes"]} == {"standard-lr", "trial-licence", "saas-plan"}
    )


# ---- trial-licence length: the smallest of 7..14 whose end date is after the next business day ----


def weekdays(first, last):
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [
        (start + timedelta(n)).isoformat()
        for n in range((end - start).days + 1)
        if (start + timedelta(n)).weekday() < 5
    ]


@pytest.mark.parametrize(
    ("now", "holidays", "next_business", "days", "ends_on", "capped"),
    [
        (SATURDAY, [], "2025-03-10", 7, "2025-03-15", False),
        ("2025-03-07T20:00-08:00", [], "2025-03-10", 7, "2025-03-14", False),
        # Next business day 6 days away: 7 days still reaches past it.
        ("2025-03-11T10:00+00:00", weekdays("2025-03-12", "2025-03-14"), "2025-03-17", 7, "2025-03-18", False),
        # Exactly 7 days away: a 7-day licence ends on that day, so 8.
        ("2025-03-10T10:00+00:00", weekdays("2025-03-11", "2025-03-14"), "2025-03-17", 8, "2025-03-18", False),
        ("2025-03-08T10:00+00:00", weekdays("2025-03-10", "2025-03-14"), "2025-03-17", 10, "2025-03-18", False),
        # 13 days away: 14, the longest, just reaches past it.
        ("2025-03-11T10:00+00:00", weekdays("2025-03-12", "2025-03-21"), "2025-03-24", 14, "2025-03-25", False),
        # 14 and 16 days away: even 14 does not; capped at 14.
        ("2025-03-10T10:00+00:00", weekdays("2025-03-11", "2025-03-21"), "2025-03-24", 14, "2025-03-24", True),
        (SATURDAY, weekdays("2025-03-10", "2025-03-21"), "2025-03-24", 14, "2025-03-22", True),
    ],
    ids=[
        "saturday",
        "friday-evening-west",
        "6-days-away",
        "7-days-away",
        "9-days-away",
        "13-days-away",
        "14-days-away-capped",
        "16-days-away-capped",
    ],
)
def test_trial_licence_length(now, holidays, next_business, days, ends_on, capped):
    result = licence(trial=True, expires_on="2025-03-07", now=now, holidays=holidays)
    assert result["outcome"] == "trial-licence"
    assert result["next_business_day"] == next_business
    assert (result["trial_licence_days"], result["trial_licence_ends_on"], result["trial_licence_capped"]) == (
        days,
        ends_on,
        capped,
    )
    assert 7 <= result["trial_licence_days"] <= 14
    assert f"Make it {days} days" in " ".join(result["actions"])
    assert f"Make it {days} days" in result["because"]
    assert ("does NOT reach past" in result["because"]) == capped
    assert ("even 14 days does not reach past" in result["handover"]) == capped
    assert ("we will follow up before that licence ends" in result["say"]) == capped
    assert f"{days}-day licence" in result["say"]


@pytest.mark.parametrize("gap", range(1, 20), ids=lambda gap: f"gap-{gap}")
def test_trial_licence_is_the_shortest_that_reaches_past(gap):
    today = date(2025, 3, 8)
    chosen = trial_licence(today, today + timedelta(gap))
    if chosen.capped:
        assert chosen.days == 14 and chosen.ends_on <= today + timedelta(gap)
    else:
        assert chosen.ends_on > today + timedelta(gap)
        assert chosen.days == 7 or today + timedelta(chosen.days - 1) <= today + timedelta(gap)


def test_next_business_day_skips_weekends_and_holidays():
    assert next_business_day(date(2025, 3, 7), frozenset()) == date(2025, 3, 10)
    assert next_business_day(date(2025, 3, 10), frozenset()) == date(2025, 3, 11)
    assert next_business_day(date(2025, 3, 7), frozenset({date(2025, 3, 10), date(2025, 3, 11)})) == date(2025, 3, 12)


# ---- an expiry still in the future ---------------------------------------------------------------


def test_future_expiry_says_expires_not_expired():
    result = licence(expires_on="2025-03-20", now=SATURDAY)
    assert result["expired"] is False
    assert "expires on Thursday 2025-03-20" in result["say"]
    assert result["timeline"][-1] == {
        "date": "2025-04-03",
        "weekday": "Thursday",
        "label": "14-day grace period ends",
        "kind": "grace-end",
    }


# A licence is expired on and after its expiry date, trial or not (GitLab's licence code:
# `Date.today >= expires_at`); the grace period still ends GRACE_DAYS after the expiry date.
@pytest.mark.parametrize("trial", [False, True], ids=["subscription", "trial"])
@pytest.mark.parametrize(
    ("expires_on", "expired", "words", "timeline_label"),
    [
        ("2025-03-07", True, "expired on Friday 2025-03-07", "expired"),
        ("2025-03-08", True, "expired today, Saturday 2025-03-08", "expired"),
        ("2025-03-09", False, "expires on Sunday 2025-03-09", "expires"),
    ],
    ids=["yesterday", "today", "tomorrow"],
)
def test_expiry_at_the_boundary(trial, expires_on, expired, words, timeline_label):
    result = licence(trial=trial, expires_on=expires_on, now=SATURDAY)
    assert result["expired"] is expired
    assert words in result["say"]
    assert words in result["handover"]
    expiry = next(p for p in result["timeline"] if p["kind"] == "expiry")
    assert expiry["label"] == f"{'Trial' if trial else 'Subscription'} {timeline_label}"
    # "Check first: the trial has not expired yet" only for a trial that truly has not.
    assert any(a.startswith("Check first") for a in result["actions"]) is (trial and not expired)
    grace = date.fromisoformat(expires_on) + timedelta(days=GRACE_DAYS)
    assert result["grace_ends_on"] == (None if trial else grace.isoformat())


def test_running_trial_that_outlasts_the_next_business_day_is_flagged():
    result = licence(trial=True, expires_on="2025-03-12", now=SATURDAY)
    assert result["outcome"] == "trial-licence"
    assert result["expired"] is False
    assert result["actions"][0].startswith("Check first: the trial has not expired yet")
    assert "already lasts beyond the next business day" in result["actions"][0]
    assert "silent" in result["because"]


def test_running_trial_that_ends_before_the_next_business_day_gets_a_licence():
    result = licence(trial=True, expires_on="2025-03-09", now=SATURDAY)
    assert "will not last beyond the next business day" in result["actions"][0]
    assert result["trial_licence_days"] == 7


def test_expired_trial_has_no_caveat():
    result = licence(trial=True, expires_on="2025-03-07", now=SATURDAY)
    assert not any(a.startswith("Check first") for a in result["actions"])


# ---- timeline, texts, fields ---------------------------------------------------------------------


def test_timeline_is_ordered_and_complete_for_a_trial_licence():
    result = licence(expires_on="2025-02-23", now=SATURDAY)
    assert [(p["date"], p["kind"]) for p in result["timeline"]] == [
        ("2025-02-23", "expiry"),
        ("2025-03-08", "today"),
        ("2025-03-09", "grace-end"),
        ("2025-03-10", "next-business-day"),
        ("2025-03-15", "trial-licence-ends"),
    ]
    assert result["timeline"][1]["label"] == "Today (your date, UTC+00:00)"
    assert result["timeline"][4]["label"] == "7-day trial licence ends"


def test_timeline_keeps_story_order_on_the_same_date():
    result = licence(expires_on="2025-02-24", now=SATURDAY)
    kinds = [p["kind"] for p in result["timeline"]]
    assert kinds == ["expiry", "today", "grace-end", "next-business-day"]
    assert "next business day itself" in " ".join(result["actions"])
    assert "that very day" in result["handover"]


def test_timeline_shows_the_engineers_offset():
    result = licence(expires_on="2025-02-24", now="2025-03-09T22:00-05:00")
    assert any(p["label"] == "Today (your date, UTC-05:00)" for p in result["timeline"])


def test_saas_timeline_has_no_grace_period():
    result = licence(deployment="saas", expires_on="2025-03-07", now=SATURDAY)
    assert [p["kind"] for p in result["timeline"]] == ["expiry", "today", "next-business-day"]


@pytest.mark.parametrize(
    ("answers", "in_say", "in_handover", "channel"),
    [
        ({"expires_on": "2025-02-24"}, "14 days grace period", "standard L&R case", None),
        ({"expires_on": "2025-02-23"}, "temporary 7-day licence", "7-day trial licence in CustomersDot", None),
        (
            {"expires_on": "2025-03-07", "trial": True},
            "Your GitLab trial expired on Friday 2025-03-07",
            "trial expired",
            None,
        ),
        (
            {"deployment": "saas", "expires_on": "2025-03-07"},
            "GitLab.com",
            "Manage GitLab Plan and Trials",
            "#support_licensing-subscription",
        ),
    ],
    ids=["standard-lr", "trial-licence-after-grace", "trial-licence-for-a-trial", "saas-plan"],
)
def test_copy_ready_texts(answers, in_say, in_handover, channel):
    result = licence(now=SATURDAY, **answers)
    assert in_say in result["say"]
    assert in_handover in result["handover"]
    assert "[ticket link]" in result["handover"]
    assert result["handover_channel"] == channel


def test_saas_steps_follow_the_handbook():
    result = licence(deployment="saas", expires_on="2025-03-07", now=SATURDAY, trial=True)
    text = " ".join(result["actions"])
    assert "mechanizer app" in text and "Manage GitLab Plan and Trials" in text and "existing subscription name" in text
    assert "#support_licensing-subscription" in text and "link to the ticket" in text
    assert "solve the case completely by yourself" in text
    assert "same for trials" in text
    assert result["cite"] == ["licence/#saas-subscription-emergencies"]
    assert result["trial_licence_days"] is None


def test_self_managed_cites_its_section():
    assert licence(expires_on="2025-02-24", now=SATURDAY)["cite"] == ["licence/#self-managed-subscription-emergencies"]


def test_result_is_json_and_has_the_contract_fields():
    result = licence(expires_on="2025-02-23", now=SATURDAY, holidays=["2025-03-11"])
    assert json.loads(json.dumps(result)) == result
    assert {
        "grace_ends_on",
        "next_business_day",
        "trial_licence_days",
        "today",
        "expired",
        "timeline",
        "say",
        "handover",
    } <= result.keys()
    assert result["answers"]["holidays"] == ["2025-03-11"]


def test_now_defaults_to_the_clock_in_its_own_offset():
    clock = datetime(2025, 3, 9, 22, 0, tzinfo=timezone(timedelta(hours=-5)))
    result = evaluate("licence", {"deployment": "self-managed", "expires_on": "2025-02-24"}, now=clock)
    assert result["today"] == "2025-03-09"
    assert result["outcome"] == "standard-lr"


def test_schema_questions_and_defaults():
    questions = {q["id"]: q for q in schema("licence")["questions"]}
    assert list(questions) == ["deployment", "trial", "expires_on", "now", "holidays"]
    assert [o["value"] for o in questions["deployment"]["options"]] == ["self-managed", "saas"]
    assert questions["trial"]["default"] is False
    assert questions["expires_on"]["required"] is True
    assert questions["now"]["default"] == "now"
    assert questions["holidays"]["default"] == []


# ---- bad input names the field -------------------------------------------------------------------

BAD = [
    ({"deployment": "self-managed", "expires_on": "2025-02-30"}, "expires_on"),
    ({"deployment": "self-managed", "expires_on": "2025/03/01"}, "expires_on"),
    ({"deployment": "self-managed"}, "expires_on"),
    ({"deployment": "self-managed", "expires_on": "2025-03-01", "now": "2025-03-08T10:00"}, "now"),
    ({"deployment": "self-managed", "expires_on": "2025-03-01", "now": "2025-02-30T10:00+00:00"}, "now"),
    ({"deployment": "dedicated", "expires_on": "2025-03-01"}, "deployment"),
    ({"expires_on": "2025-03-01"}, "deployment"),
    (
        {"deployment": "self-managed", "expires_on": "2025-03-01", "trial": "yes"},
        "trial",
    ),  # asked for self-managed only
    ({"deployment": "saas", "expires_on": "2025-03-01", "holidays": ["2025-02-30"]}, "holidays"),
    ({"deployment": "saas", "expires_on": "9999-12-25"}, "expires_on"),
    ({"deployment": "saas", "expires_on": "2025-03-01", "now": "9999-12-31T10:00+00:00"}, "now"),
]
BAD_IDS = [
    "impossible-date",
    "not-iso-date",
    "missing-expiry",
    "datetime-without-offset",
    "impossible-datetime",
    "unknown-deployment",
    "missing-deployment",
    "trial-not-boolean",
    "impossible-holiday",
    "expiry-at-calendar-end",
    "now-at-calendar-end",
]


@pytest.mark.parametrize(("answers", "field"), BAD, ids=BAD_IDS)
def test_bad_input_names_the_field(answers, field):
    with pytest.raises(InvalidAnswer) as error:
        evaluate("licence", answers)
    assert error.value.field == field


@pytest.mark.parametrize(("answers", "field"), BAD, ids=BAD_IDS)
def test_cli_exits_2_naming_the_field(capsys, answers, field):
    code = main(["evaluate", "licence", "--json", json.dumps(answers)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"error: {field}: ")


def test_cli_evaluates_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(json.dumps({"deployment": "saas", "expires_on": "2025-03-07", "now": SATURDAY}))
    )
    code = main(["evaluate", "licence", "--json", "-"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["outcome"] == "saas-plan"


# ---- the grace period and the licence lengths are stated once ---------------------------------------


def test_the_numbers_are_the_pinned_handbook_numbers():
    """After a re-pin of a new grace period or licence length this fails until the constants follow."""
    from checkers.rules import licence as module

    pinned = [pin.sentence for pin in module.PINS]
    assert any(f"subscriptions have a {module.HANDBOOK_GRACE_PERIOD}." in s for s in pinned)
    assert any(f"a short term ({module.LICENCE_DAYS_RANGE} days) trial license" in s for s in pinned)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (14, "14th"),
        (21, "21st"),
        (22, "22nd"),
    ],
)
def test_ordinal(n, words):
    from checkers.rules.licence import ordinal

    assert ordinal(n) == words


def test_other_numbers_change_every_sentence_that_states_them(monkeypatch):
    from tests.unit.rebuild import rebuilt, result_texts, stating, texts_of, use

    checker = use(monkeypatch, rebuilt("licence", GRACE_DAYS=21, TRIAL_LICENCE_DAYS=range(5, 11)))
    long_holiday = weekdays("2025-03-10", "2025-03-28")
    covered = licence(expires_on="2025-02-17", now=SATURDAY)  # + 21 days: Monday 2025-03-10
    short = licence(expires_on="2025-02-16", now=SATURDAY)
    capped = licence(expires_on="2025-02-16", now=SATURDAY, holidays=long_holiday)
    running_trial = licence(expires_on="2025-03-09", now=SATURDAY, trial=True)
    saas = licence(deployment="saas", expires_on="2025-02-16", now=SATURDAY)
    results = (covered, short, capped, running_trial, saas)
    assert [r["outcome"] for r in results] == [
        "standard-lr",
        "trial-licence",
        "trial-licence",
        "trial-licence",
        "saas-plan",
    ]
    assert covered["grace_ends_on"] == "2025-03-10"
    assert "the 21-day grace period ends on Monday 2025-03-10" in covered["because"]
    assert "Subscriptions have a 21 days grace period" in covered["say"]
    assert "21-day grace period ends" in [p["label"] for p in covered["timeline"]]
    assert (short["trial_licence_days"], short["trial_licence_ends_on"]) == (5, "2025-03-13")
    assert "(5 is the shortest length from 5 to 10 days" in short["because"]
    assert (capped["trial_licence_days"], capped["trial_licence_capped"]) == (10, True)
    assert "even 10 days does not reach past the next business day" in capped["handover"]
    assert any("(5-10 days)" in action for action in short["actions"])
    assert any("its 21st day" in note for note in checker.notes)
    texts = texts_of(checker) + [t for r in results for t in result_texts(r)]
    assert stating(texts, "14", "7") == []


def test_the_timeline_legend_names_the_grace_period_from_the_rule():
    result = evaluate(
        "licence", {"deployment": "self-managed", "expires_on": "2025-03-20", "now": "2025-03-21T10:00+00:00"}
    )
    assert result["grace_period_label"] == f"{GRACE_DAYS}-day grace period"
    assert any(point["label"].startswith(result["grace_period_label"]) for point in result["timeline"])
