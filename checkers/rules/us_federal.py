"""Is US Federal on-call support working now? Sections "US Federal Emergencies" and "Emergencies
outside on-call hours".

Outcomes: `on-call` (ON_CALL_START inclusive to ON_CALL_END exclusive, Pacific Time, 7 days a week) and
`off-hours`. The hours are stated once, in the constants below; every sentence is formatted from them.
Result fields of this checker:
- `pacific_time`: `at` in America/Los_Angeles, ISO 8601 with that zone's offset (-08:00 or -07:00);
- `shift`: "AM" (ON_CALL_START to SHIFT_CHANGE), "PM" (SHIFT_CHANGE to ON_CALL_END), or null off-hours;
- `next_on_call_start`: off-hours, the next ON_CALL_START Pacific expressed in `at`'s own offset; else null;
- `next_on_call_start_pacific`: the same instant in Pacific Time; else null.
Pacific Time follows the IANA rules, so daylight saving time is respected on the days it changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from checkers.engine.model import NOW, Checker, Fact, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import iso
from checkers.texts.us_federal import FederalCase, actions, clock_time, handbook_time

FEDERAL = "us-federal-emergencies"
OFF_HOURS = "emergencies-outside-on-call-hours"

PACIFIC = ZoneInfo("America/Los_Angeles")
ON_CALL_START = time(5, 0)  # "0500 Pacific Time": the AM shift starts
SHIFT_CHANGE = time(11, 0)  # the AM shift ends and the PM shift starts
ON_CALL_END = time(17, 0)  # "1700 Pacific Time": the PM shift ends (exclusive)


# The years the page's live clock can show Pacific Time for without a time-zone database of its own.
CLOCK_YEARS = (2020, 2045)


def clock_periods(first_year: int = CLOCK_YEARS[0], last_year: int = CLOCK_YEARS[1]) -> list[list[int | str | None]]:
    """Pacific Time's UTC offsets from the start of `first_year` to the end of `last_year` (UTC), for
    the page's clock: `[start, offset, abbreviation]` rows, `start` in seconds since the epoch,
    `offset` in minutes east of UTC, each in force until the next row's start; a last row
    `[end, None, None]` closes the table. Written into the page at build time, so the browser's
    main thread needs no `Intl` time-zone formatter, whose first use costs ~100 ms on a phone;
    outside the table the page falls back to `Intl`. The rules are the build's
    time-zone database (zoneinfo's), as for every Pacific time Python gives the page."""
    start = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())

    def offset_at(seconds: int) -> list[int | str | None]:
        local = datetime.fromtimestamp(seconds, UTC).astimezone(PACIFIC)
        offset = local.utcoffset()
        assert offset is not None, "an aware time has an offset"
        return [offset // timedelta(minutes=1), local.tzname()]

    rows = [[start, *offset_at(start)]]
    for day in range(start, end, 86400):
        after = min(day + 86400, end)
        if offset_at(after) == rows[-1][1:]:
            continue
        # The change lies within this day: find its first second by halving the interval.
        low, high = day, after
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if offset_at(middle) == rows[-1][1:] else (low, middle)
        rows.append([high, *offset_at(high)])
    rows.append([end, None, None])
    return rows


# The hours as the handbook writes them, for the sentences below: a new version of the hours is a
# change of the three constants above, never of a sentence.
START, CHANGE, END = handbook_time(ON_CALL_START), handbook_time(SHIFT_CHANGE), handbook_time(ON_CALL_END)

PAGERDUTY_SCHEDULE = "https://gitlab.pagerduty.com/schedules#P89ZYHZ"
ONCALL_PAGE = "https://gitlab-com.gitlab.io/support/team/oncall.html"

QUESTIONS = (
    Question(
        "at",
        "When was (or is) the emergency submitted?",
        "datetime",
        default=NOW,
        help="In your time zone, or choose Pacific Time beside it to enter the time as the US Federal hours state it. "
        "Leave empty for now.",
    ),
)

FACTS = (Fact("on_call_hours", f"Between {clock_time(ON_CALL_START)} and {clock_time(ON_CALL_END)} Pacific Time?"),)

OUTCOMES = (
    Outcome(
        code="on-call",
        title="Within US Federal on-call hours",
        actions=(
            f"US Federal on-call support is provided 7 days a week between the hours of {START} and {END} Pacific "
            "Time.",
            f"The current on-call schedule can be viewed in PagerDuty ({PAGERDUTY_SCHEDULE}, internal link), or "
            f"in the Support Team on-call page ({ONCALL_PAGE}, GitLab employees only).",
            "Customers are permitted to submit emergencies via email or via the emergency form in the US Federal "
            "support portal.",
        ),
        cite=(FEDERAL,),
    ),
    Outcome(
        code="off-hours",
        title="Outside US Federal on-call hours",
        actions=(
            "A Slack notification will trigger in the #spt_us-federal channel alerting the team to an off hours "
            "emergency and indicating follow-up is needed at the start of business hours.",
            "The Off hours emergency request trigger will inform the ticket submitter that it is after hours and "
            "give them the option to either create an emergency case in Global support or wait for US Federal "
            "support to follow-up at the next start of business hours.",
        ),
        cite=(OFF_HOURS, FEDERAL),
    ),
)

RULES = (
    Rule(
        {"on_call_hours": (True,)},
        "on-call",
        f"US Federal on-call support is provided 7 days a week between {START} and {END} Pacific Time.",
        (FEDERAL,),
    ),
    Rule(
        {},
        "off-hours",
        f"The emergency falls outside the US Federal on-call hours ({START} to {END} Pacific Time).",
        (OFF_HOURS,),
    ),
)


def _pacific(values: Mapping[str, Any]) -> datetime:
    at: datetime = values["at"]
    return at.astimezone(PACIFIC)


def derive(values: Mapping[str, Any]) -> dict[str, Any]:
    clock = _pacific(values).time()
    return {"on_call_hours": ON_CALL_START <= clock < ON_CALL_END}


def shift_at(pacific: datetime) -> str | None:
    clock = pacific.time()
    if ON_CALL_START <= clock < SHIFT_CHANGE:
        return "AM"
    if SHIFT_CHANGE <= clock < ON_CALL_END:
        return "PM"
    return None


def next_on_call_start(pacific: datetime) -> datetime:
    """The next ON_CALL_START Pacific strictly after an off-hours moment. Built from the calendar day,
    not by adding hours, so the 23- and 25-hour days of the DST changes come out right (a start at
    03:00 or later always exists: the clocks change at 02:00)."""
    day = pacific.date() if pacific.time() < ON_CALL_START else pacific.date() + timedelta(days=1)
    return datetime.combine(day, ON_CALL_START, tzinfo=PACIFIC)


def finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    at: datetime = values["at"]
    pacific = _pacific(values)
    shift = shift_at(pacific)
    result["pacific_time"] = iso(pacific)
    result["shift"] = shift
    # The day's shifts in Pacific Time, for the page's picture: the hours are stated here only.
    result["shifts"] = [
        {"name": "AM", "starts": clock_time(ON_CALL_START), "ends": clock_time(SHIFT_CHANGE)},
        {"name": "PM", "starts": clock_time(SHIFT_CHANGE), "ends": clock_time(ON_CALL_END)},
    ]
    start = next_on_call_start(pacific) if shift is None else None
    start_given = start.astimezone(at.tzinfo) if start else None  # the same instant in the offset given
    result["next_on_call_start"] = iso(start_given) if start_given else None
    result["next_on_call_start_pacific"] = iso(start) if start else None
    case = FederalCase(
        pacific=pacific,
        shift=shift,
        on_call_start=ON_CALL_START,
        shift_change=SHIFT_CHANGE,
        on_call_end=ON_CALL_END,
        next_on_call_start=start,
        next_on_call_start_given=start_given,
    )
    result["actions"] = list(actions(case, tuple(result["actions"])))
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        FEDERAL, "US Federal on-call support is provided 7 days a week between the hours of 0500 and 1700 Pacific Time."
    ),
    Pin(FEDERAL, "The schedule is currently split into two, 6 hour shifts, an AM and a PM shift."),
    Pin(FEDERAL, "The AM shift starts at 0500 Pacific Time and runs until 1100 Pacific Time."),
    Pin(FEDERAL, "The PM shift starts at 1100 Pacific Time and runs until 1700 Pacific Time."),
    Pin(
        OFF_HOURS,
        "If a customer submits an emergency case outside the working hours of Federal Support the following will "
        "occur:",
    ),
    Pin(
        OFF_HOURS,
        "A slack notification will trigger in the #spt_us-federal channel alerting the team to an off hours "
        "emergency and indicating follow-up is needed at the start of business hours",
    ),
    Pin(
        OFF_HOURS,
        "The Off hours emergency request trigger will inform the ticket submitter that it is after hours and give "
        "them the option to either create an emergency case in Global support or wait for US Federal support to "
        "follow-up at the next start of business hours.",
    ),
)


CHECKER = Checker(
    name="us-federal",
    title="Is US Federal on-call support working now?",
    summary="Convert a time to Pacific Time, find the AM or PM shift, or say what happens off-hours and when "
    "US Federal support starts again.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(FEDERAL, OFF_HOURS),
    derive=derive,
    finish=finish,
    field_labels={
        "pacific_time": "In Pacific Time",
        "shift": "Shift",
        "next_on_call_start": "Next start of business hours, in the offset you gave",
        "next_on_call_start_pacific": "Next start of business hours, in Pacific Time",
    },
    notes=(
        f'The handbook says "between the hours of {START} and {END} Pacific Time"; this checker counts '
        f"{clock_time(ON_CALL_START)} as on-call and {clock_time(ON_CALL_END)} as off-hours (the PM shift "
        f'"runs until {END}").',
        '"Pacific Time" is taken as the America/Los_Angeles zone: PST (UTC-8) in winter, PDT (UTC-7) in summer.',
        "The off-hours steps link the US Federal support page's hours of operation. This page says 7 days a week "
        "and names no holidays, so none are applied.",
        'The off-hours Slack notification and the "Off hours emergency request" trigger are automatic: they say '
        "what will occur, not something you must do.",
    ),
)
