from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from checkers import evaluate, schema


def decide(at, busy=None):
    answers = {"at": at}
    if busy is not None:
        answers["handling_other_emergency"] = busy
    return evaluate("borderline", answers)


# 2024-03-09 is a Saturday. Each boundary is given in an offset where UTC is on another day,
# so a checker that judged the day in UTC would get it wrong.
@pytest.mark.parametrize(
    ("at", "busy", "day", "outcome"),
    [
        pytest.param("2024-03-08T23:59+11:00", False, "Friday", "contact-manager", id="friday-23:59+11-weekday"),
        pytest.param("2024-03-09T00:00+11:00", False, "Saturday", "handle-as-high", id="saturday-00:00+11-utc-friday"),
        pytest.param("2024-03-09T00:00+11:00", True, "Saturday", "contact-manager", id="saturday-00:00+11-busy"),
        pytest.param("2024-03-09T13:00Z", False, "Saturday", "handle-as-high", id="saturday-utc"),
        pytest.param("2024-03-10T23:59-08:00", False, "Sunday", "handle-as-high", id="sunday-23:59-08-utc-monday"),
        pytest.param("2024-03-10T23:59:59-08:00", False, "Sunday", "handle-as-high", id="sunday-23:59:59-08"),
        pytest.param("2024-03-10T23:59-08:00", True, "Sunday", "contact-manager", id="sunday-23:59-08-busy"),
        pytest.param("2024-03-11T00:00-08:00", False, "Monday", "contact-manager", id="monday-00:00-08-weekday"),
        pytest.param("2024-03-13T12:00+05:30", True, "Wednesday", "contact-manager", id="weekday-busy"),
    ],
)
def test_week_or_weekend_on_the_engineers_own_clock(at, busy, day, outcome):
    result = decide(at, busy)
    assert result["outcome"] == outcome
    assert result["local_day"] == day
    assert result["facts"]["weekend"] is (day in ("Saturday", "Sunday"))


def test_every_outcome_is_reachable():
    reached = {
        decide(at, busy)["outcome"]
        for at in ("2024-03-09T12:00+00:00", "2024-03-11T12:00+00:00")
        for busy in (True, False)
    }
    assert reached == {o["code"] for o in schema("borderline")["outcomes"]}


def test_a_zone_clock_decides_on_its_own_date():
    # What the page sends for an engineer in Auckland (+13:00 in March) on Saturday morning.
    at = datetime(2024, 3, 9, 8, 30, tzinfo=ZoneInfo("Pacific/Auckland"))
    assert decide(at.isoformat())["outcome"] == "handle-as-high"


def test_at_defaults_to_the_evaluation_clock():
    saturday = datetime.fromisoformat("2024-03-09T00:00+11:00")
    monday = datetime.fromisoformat("2024-03-11T00:00-08:00")
    assert evaluate("borderline", {}, now=saturday)["outcome"] == "handle-as-high"
    assert evaluate("borderline", {}, now=monday)["outcome"] == "contact-manager"


def test_weekend_manager_may_assist_the_customer_themselves():
    weekend = decide("2024-03-09T10:00+00:00", True)
    weekday = decide("2024-03-11T10:00+00:00", False)
    assert "assist the customer or work to find another Support Engineer" in weekend["actions"][1]
    assert weekday["actions"][1].startswith("They will work to find another Support Engineer")
    assert "rotation/#optional-contact-the-on-call-support-manager" in weekday["cite"]


def test_handle_as_high_works_toward_mitigation():
    result = decide("2024-03-09T10:00+00:00")
    text = " ".join(result["actions"])
    assert "high priority" in text and "immediate response" in text and "`" not in text  # no raw Markdown
    assert "resolve or mitigate the issue before it becomes an emergency" in text
    assert result["cite"] == ["qualifying/#situations-that-might-or-might-not-be-emergencies"]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({"at": "2024-03-09T10:00"}, "at", id="at-without-offset"),
        pytest.param({"at": "Saturday"}, "at", id="at-not-a-date"),
        pytest.param({"at": "2024-02-30T10:00Z"}, "at", id="at-does-not-exist"),
        pytest.param(
            {"at": "2024-03-09T10:00Z", "handling_other_emergency": "yes"},
            "handling_other_emergency",
            id="busy-not-boolean",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_field(cli, answers, field):
    cli.assert_rejects("borderline", answers, field)


def test_cli_evaluates(cli):
    assert cli.evaluate("borderline", {"at": "2024-03-10T23:59-08:00"})["outcome"] == "handle-as-high"
