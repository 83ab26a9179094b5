import json
from datetime import UTC, datetime
from itertools import pairwise

import pytest

from checkers import evaluate
from checkers.cli import main
from checkers.engine.model import InvalidAnswer

OFF, ON = "off-hours", "on-call"


# at, outcome, pacific_time, shift, next_on_call_start (in at's offset), next_on_call_start_pacific
CASES = [
    # Summer (PDT, UTC-7): the edges of the day and of the shifts.
    pytest.param(
        "2024-07-01T04:59-07:00",
        OFF,
        "2024-07-01T04:59-07:00",
        None,
        "2024-07-01T05:00-07:00",
        "2024-07-01T05:00-07:00",
        id="04-59-pdt",
    ),
    pytest.param("2024-07-01T05:00-07:00", ON, "2024-07-01T05:00-07:00", "AM", None, None, id="05-00-pdt-exactly"),
    pytest.param("2024-07-01T10:59-07:00", ON, "2024-07-01T10:59-07:00", "AM", None, None, id="10-59-still-am"),
    pytest.param("2024-07-01T11:00-07:00", ON, "2024-07-01T11:00-07:00", "PM", None, None, id="11-00-pm-starts"),
    pytest.param("2024-07-01T16:59-07:00", ON, "2024-07-01T16:59-07:00", "PM", None, None, id="16-59-still-pm"),
    pytest.param(
        "2024-07-01T17:00-07:00",
        OFF,
        "2024-07-01T17:00-07:00",
        None,
        "2024-07-02T05:00-07:00",
        "2024-07-02T05:00-07:00",
        id="17-00-pdt-exactly",
    ),
    pytest.param(
        "2024-07-01T23:59-07:00",
        OFF,
        "2024-07-01T23:59-07:00",
        None,
        "2024-07-02T05:00-07:00",
        "2024-07-02T05:00-07:00",
        id="before-midnight",
    ),
    # Given in other offsets: the instant is converted, the next start is given back in the same offset.
    pytest.param("2024-07-01T12:00Z", ON, "2024-07-01T05:00-07:00", "AM", None, None, id="05-00-pdt-given-in-utc"),
    pytest.param(
        "2024-07-01T11:59+00:00",
        OFF,
        "2024-07-01T04:59-07:00",
        None,
        "2024-07-01T12:00+00:00",
        "2024-07-01T05:00-07:00",
        id="04-59-pdt-given-in-utc",
    ),
    pytest.param(
        "2024-07-02T00:00Z",
        OFF,
        "2024-07-01T17:00-07:00",
        None,
        "2024-07-02T12:00+00:00",
        "2024-07-02T05:00-07:00",
        id="17-00-pdt-given-in-utc",
    ),
    pytest.param(
        "2024-07-01T02:00+09:00", ON, "2024-06-30T10:00-07:00", "AM", None, None, id="tokyo-morning-is-pacific-am"
    ),
    pytest.param(
        "2024-07-01T12:00+10:00",
        OFF,
        "2024-06-30T19:00-07:00",
        None,
        "2024-07-01T22:00+10:00",
        "2024-07-01T05:00-07:00",
        id="sydney-noon-is-pacific-evening",
    ),
    # Winter (PST, UTC-8).
    pytest.param(
        "2024-01-15T12:59Z",
        OFF,
        "2024-01-15T04:59-08:00",
        None,
        "2024-01-15T13:00+00:00",
        "2024-01-15T05:00-08:00",
        id="04-59-pst",
    ),
    pytest.param("2024-01-15T13:00Z", ON, "2024-01-15T05:00-08:00", "AM", None, None, id="05-00-pst-exactly"),
    pytest.param(
        "2024-01-15T17:00-08:00",
        OFF,
        "2024-01-15T17:00-08:00",
        None,
        "2024-01-16T05:00-08:00",
        "2024-01-16T05:00-08:00",
        id="17-00-pst-exactly",
    ),
    # 7 days a week.
    pytest.param("2024-07-06T09:00-07:00", ON, "2024-07-06T09:00-07:00", "AM", None, None, id="saturday"),
    pytest.param("2024-07-07T15:00-07:00", ON, "2024-07-07T15:00-07:00", "PM", None, None, id="sunday"),
    # March change, 2024-03-10: 02:00 PST becomes 03:00 PDT, so 05:00 that day is 12:00 UTC, not 13:00.
    pytest.param(
        "2024-03-09T17:00-08:00",
        OFF,
        "2024-03-09T17:00-08:00",
        None,
        "2024-03-10T04:00-08:00",
        "2024-03-10T05:00-07:00",
        id="march-eve-17-00-23-hour-night",
    ),
    pytest.param(
        "2024-03-10T01:59-08:00",
        OFF,
        "2024-03-10T01:59-08:00",
        None,
        "2024-03-10T04:00-08:00",
        "2024-03-10T05:00-07:00",
        id="march-before-the-switch",
    ),
    pytest.param(
        "2024-03-10T03:00-07:00",
        OFF,
        "2024-03-10T03:00-07:00",
        None,
        "2024-03-10T05:00-07:00",
        "2024-03-10T05:00-07:00",
        id="march-right-after-the-switch",
    ),
    pytest.param(
        "2024-03-10T11:59Z",
        OFF,
        "2024-03-10T04:59-07:00",
        None,
        "2024-03-10T12:00+00:00",
        "2024-03-10T05:00-07:00",
        id="march-04-59-pdt",
    ),
    pytest.param(
        "2024-03-10T12:00Z", ON, "2024-03-10T05:00-07:00", "AM", None, None, id="march-05-00-pdt-is-12-00-utc"
    ),
    pytest.param("2024-03-10T16:59-07:00", ON, "2024-03-10T16:59-07:00", "PM", None, None, id="march-16-59-pdt"),
    pytest.param(
        "2024-03-10T17:00-07:00",
        OFF,
        "2024-03-10T17:00-07:00",
        None,
        "2024-03-11T05:00-07:00",
        "2024-03-11T05:00-07:00",
        id="march-17-00-pdt",
    ),
    # November change, 2024-11-03: 02:00 PDT becomes 01:00 PST, so 05:00 that day is 13:00 UTC, not 12:00.
    pytest.param(
        "2024-11-02T17:00-07:00",
        OFF,
        "2024-11-02T17:00-07:00",
        None,
        "2024-11-03T06:00-07:00",
        "2024-11-03T05:00-08:00",
        id="november-eve-17-00-25-hour-night",
    ),
    pytest.param(
        "2024-11-03T01:30-07:00",
        OFF,
        "2024-11-03T01:30-07:00",
        None,
        "2024-11-03T06:00-07:00",
        "2024-11-03T05:00-08:00",
        id="november-first-01-30-pdt",
    ),
    pytest.param(
        "2024-11-03T01:30-08:00",
        OFF,
        "2024-11-03T01:30-08:00",
        None,
        "2024-11-03T05:00-08:00",
        "2024-11-03T05:00-08:00",
        id="november-second-01-30-pst",
    ),
    pytest.param(
        "2024-11-03T12:00Z",
        OFF,
        "2024-11-03T04:00-08:00",
        None,
        "2024-11-03T13:00+00:00",
        "2024-11-03T05:00-08:00",
        id="november-12-00-utc-is-04-00-pst",
    ),
    pytest.param(
        "2024-11-03T13:00Z", ON, "2024-11-03T05:00-08:00", "AM", None, None, id="november-05-00-pst-is-13-00-utc"
    ),
    pytest.param(
        "2024-11-03T17:00-08:00",
        OFF,
        "2024-11-03T17:00-08:00",
        None,
        "2024-11-04T05:00-08:00",
        "2024-11-04T05:00-08:00",
        id="november-17-00-pst",
    ),
]


@pytest.mark.parametrize(("at", "outcome", "pacific_time", "shift", "next_start", "next_start_pacific"), CASES)
def test_hours_shifts_and_next_start(at, outcome, pacific_time, shift, next_start, next_start_pacific):
    result = evaluate("us-federal", {"at": at})
    assert result["outcome"] == outcome
    assert result["pacific_time"] == pacific_time
    assert result["shift"] == shift
    assert result["next_on_call_start"] == next_start
    assert result["next_on_call_start_pacific"] == next_start_pacific


@pytest.mark.parametrize(
    "at", [p.values[0] for p in CASES if p.values[1] == OFF], ids=[p.id for p in CASES if p.values[1] == OFF]
)
def test_next_start_is_one_instant_in_two_offsets_and_in_the_future(at):
    result = evaluate("us-federal", {"at": at})
    mine = datetime.fromisoformat(result["next_on_call_start"])
    pacific = datetime.fromisoformat(result["next_on_call_start_pacific"])
    assert mine == pacific
    assert mine.utcoffset() == datetime.fromisoformat(at.replace("Z", "+00:00")).utcoffset()
    assert (
        0 < (mine - datetime.fromisoformat(at)).total_seconds() <= 12 * 3600 + 3600
    )  # at most 12 h (13 h on the 25-hour night)


def test_off_hours_gives_the_two_automatic_effects():
    result = evaluate("us-federal", {"at": "2024-07-01T17:00-07:00"})
    text = " ".join(result["actions"])
    assert "#spt_us-federal" in result["actions"][0]
    assert "Off hours emergency request" in result["actions"][1]
    assert "either create an emergency case in Global support or wait for US Federal support" in text
    assert "2024-07-02T05:00-07:00" in result["actions"][-1]
    assert result["cite"][0] == "us-federal/#emergencies-outside-on-call-hours"


def test_on_call_names_the_shift():
    result = evaluate("us-federal", {"at": "2024-07-01T11:00-07:00"})
    assert any("the PM shift (1100 to 1700 Pacific Time)" in a for a in result["actions"])
    assert "0500 and 1700 Pacific Time" in result["actions"][0]


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("2024-07-01T18:30-07:00", "Monday 2024-07-01 at 18:30 Pacific Time falls outside on-call hours."),
        ("2024-07-01T11:00-07:00", "Monday 2024-07-01 at 11:00 Pacific Time falls in the PM shift"),
        ("2024-03-10T12:30Z", "Sunday 2024-03-10 at 05:30 Pacific Time falls in the AM shift"),
    ],
    ids=["off-hours", "pm", "utc-given"],
)
def test_a_given_time_is_described_as_that_time_not_as_now(at, said):
    # A time that may be past or future: the result names it, and never says "It is" or "now".
    result = evaluate("us-federal", {"at": at}, now=datetime.fromisoformat("2025-01-01T00:00+00:00"))
    assert any(a.startswith(said) for a in result["actions"]), result["actions"]
    shown = [result["title"], result["because"], *result["actions"]]
    assert not [t for t in shown if t.startswith("It is") or " now" in t]


def test_at_defaults_to_the_evaluation_clock():
    result = evaluate("us-federal", {}, now=datetime.fromisoformat("2024-07-01T14:00+02:00"))
    assert result["outcome"] == ON
    assert result["pacific_time"] == "2024-07-01T05:00-07:00"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({"at": "2024-07-01T05:00"}, "at", id="no-offset"),
        pytest.param({"at": "5am"}, "at", id="not-a-date-time"),
        pytest.param({"at": "2024-02-30T05:00Z"}, "at", id="no-such-day"),
        pytest.param({"at": "2024-07-01T05:00Z", "zone": "PST"}, "zone", id="unknown-answer"),
    ],
)
def test_bad_input_names_the_field(answers, field, capsys):
    with pytest.raises(InvalidAnswer) as error:
        evaluate("us-federal", answers)
    assert error.value.field == field
    assert main(["evaluate", "us-federal", "--json", json.dumps(answers)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {field}: ") and err.count("\n") == 1


# ---- the hours are stated once: a new version of them changes every sentence ----------------------


def test_the_hours_are_the_pinned_handbook_hours():
    """After a re-pin of new hours this fails until ON_CALL_START, SHIFT_CHANGE and ON_CALL_END follow."""
    from checkers.rules import us_federal

    pinned = [pin.sentence for pin in us_federal.PINS]
    start, change, end = us_federal.START, us_federal.CHANGE, us_federal.END
    assert any(f"between the hours of {start} and {end} Pacific Time." in s for s in pinned)
    assert f"The AM shift starts at {start} Pacific Time and runs until {change} Pacific Time." in pinned
    assert f"The PM shift starts at {change} Pacific Time and runs until {end} Pacific Time." in pinned


def test_other_hours_change_every_sentence_that_states_them(monkeypatch):
    from datetime import time

    from tests.unit.rebuild import rebuilt, result_texts, stating, texts_of, use

    checker = use(
        monkeypatch, rebuilt("us_federal", ON_CALL_START=time(6, 0), SHIFT_CHANGE=time(12, 0), ON_CALL_END=time(18, 0))
    )
    early = evaluate("us-federal", {"at": "2024-07-01T05:30-07:00"})
    morning = evaluate("us-federal", {"at": "2024-07-01T06:00-07:00"})
    evening = evaluate("us-federal", {"at": "2024-07-01T17:30-07:00"})
    late = evaluate("us-federal", {"at": "2024-07-01T18:00-07:00"})
    assert [r["outcome"] for r in (early, morning, evening, late)] == [OFF, ON, ON, OFF]
    assert early["next_on_call_start_pacific"] == "2024-07-01T06:00-07:00"
    assert any("(0600 Pacific Time)" in a for a in early["actions"])
    assert any("the AM shift (0600 to 1200 Pacific Time)" in a for a in morning["actions"])
    assert any("the PM shift (1200 to 1800 Pacific Time)" in a for a in evening["actions"])
    assert "between the hours of 0600 and 1800 Pacific Time" in morning["actions"][0]
    assert "(0600 to 1800 Pacific Time)" in late["because"]
    assert morning["shifts"] == [
        {"name": "AM", "starts": "06:00", "ends": "12:00"},
        {"name": "PM", "starts": "12:00", "ends": "18:00"},
    ]
    texts = texts_of(checker) + [t for r in (early, morning, evening, late) for t in result_texts(r)]
    assert stating(texts, "0500", "1100", "1700", "05:00", "11:00", "17:00") == []


def test_the_clocks_table_of_pacific_offsets_agrees_with_zoneinfo_over_its_years():
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from checkers.rules.us_federal import CLOCK_YEARS, clock_periods

    rows = clock_periods()
    pacific = ZoneInfo("America/Los_Angeles")
    assert rows[0][0] == datetime(CLOCK_YEARS[0], 1, 1, tzinfo=UTC).timestamp()
    assert rows[-1] == [datetime(CLOCK_YEARS[1] + 1, 1, 1, tzinfo=UTC).timestamp(), None, None]
    assert len(rows) == 2 + 2 * (CLOCK_YEARS[1] - CLOCK_YEARS[0] + 1)  # two changes a year under today's rules
    starts = [row[0] for row in rows]
    assert starts == sorted(set(starts))

    def expected(seconds: float) -> list:
        local = datetime.fromtimestamp(seconds, UTC).astimezone(pacific)
        return [local.utcoffset() // timedelta(minutes=1), local.tzname()]

    for (start, *offset), (end, *_) in pairwise(rows):
        assert expected(start) == offset and expected(end - 1) == offset, datetime.fromtimestamp(start, UTC)
        for seconds in range(start, end, 5 * 3600 + 17):
            assert expected(seconds) == offset
    assert {row[2] for row in rows[:-1]} == {"PST", "PDT"}
