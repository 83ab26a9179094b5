"""Is US Federal on-call support working now? Sections "US Federal Emergencies" and "Emergencies
outside on-call hours".

Outcomes: `on-call` (05:00 inclusive to 17:00 exclusive, Pacific Time, 7 days a week) and `off-hours`.
Result fields of this checker:
- `pacific_time`: `at` in America/Los_Angeles, ISO 8601 with that zone's offset (-08:00 or -07:00);
- `shift`: "AM" (05:00-11:00 Pacific), "PM" (11:00-17:00 Pacific), or null off-hours;
- `next_on_call_start`: off-hours, the next 05:00 Pacific expressed in `at`'s own offset; else null;
- `next_on_call_start_pacific`: the same instant in Pacific Time; else null.
Pacific Time follows the IANA rules, so daylight saving time is respected on the days it changes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import NOW, Checker, Fact, Outcome, Question, Rule
from .timeutil import iso

FEDERAL = "us-federal-emergencies"
OFF_HOURS = "emergencies-outside-on-call-hours"

PACIFIC = ZoneInfo("America/Los_Angeles")
ON_CALL_START = time(5, 0)  # "0500 Pacific Time": the AM shift starts
SHIFT_CHANGE = time(11, 0)  # the AM shift ends and the PM shift starts
ON_CALL_END = time(17, 0)  # "1700 Pacific Time": the PM shift ends (exclusive)

PAGERDUTY_SCHEDULE = "https://gitlab.pagerduty.com/schedules#P89ZYHZ"
ONCALL_PAGE = "https://gitlab-com.gitlab.io/support/team/oncall.html"

QUESTIONS = (
    Question(
        "at",
        "When was (or is) the emergency submitted?",
        "datetime",
        default=NOW,
        help="Date and time with a UTC offset, e.g. 2024-03-10T04:30-07:00 or 2024-03-10T12:30Z. Leave empty for now.",
    ),
)

FACTS = (
    Fact("on_call_hours", "Between 05:00 and 17:00 Pacific Time?"),
)

OUTCOMES = (
    Outcome(
        "on-call",
        "US Federal on-call support is working now",
        (
            "US Federal on-call support is provided 7 days a week between the hours of 0500 and 1700 Pacific Time.",
            f"The current on-call schedule can be viewed in PagerDuty ({PAGERDUTY_SCHEDULE}, internal link), or "
            f"in the Support Team on-call page ({ONCALL_PAGE}, GitLab employees only).",
            "Customers are permitted to submit emergencies via email or via the emergency form in the US Federal "
            "support portal.",
        ),
        cite=(FEDERAL,),
    ),
    Outcome(
        "off-hours",
        "Outside US Federal on-call hours",
        (
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
    Rule({"on_call_hours": (True,)}, "on-call",
         "US Federal on-call support is provided 7 days a week between 0500 and 1700 Pacific Time.", (FEDERAL,)),
    Rule({}, "off-hours",
         "The emergency falls outside the US Federal on-call hours (0500 to 1700 Pacific Time).", (OFF_HOURS,)),
)


def _pacific(values) -> datetime:
    return values["at"].astimezone(PACIFIC)


def derive(values):
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
    """The next 05:00 Pacific strictly after an off-hours moment. Built from the calendar day, not by
    adding hours, so the 23- and 25-hour days of the DST changes come out right (05:00 always exists:
    the clocks change at 02:00)."""
    day = pacific.date() if pacific.time() < ON_CALL_START else pacific.date() + timedelta(days=1)
    return datetime.combine(day, ON_CALL_START, tzinfo=PACIFIC)


def finish(values, facts, result):
    at = values["at"]
    pacific = _pacific(values)
    shift = shift_at(pacific)
    result["pacific_time"] = iso(pacific)
    result["shift"] = shift
    # The day's shifts in Pacific Time, for the page's picture: the hours are stated here only.
    result["shifts"] = [
        {"name": "AM", "starts": f"{ON_CALL_START:%H:%M}", "ends": f"{SHIFT_CHANGE:%H:%M}"},
        {"name": "PM", "starts": f"{SHIFT_CHANGE:%H:%M}", "ends": f"{ON_CALL_END:%H:%M}"},
    ]
    result["next_on_call_start"] = None
    result["next_on_call_start_pacific"] = None
    if shift is not None:
        hours = "0500 to 1100" if shift == "AM" else "1100 to 1700"
        result["actions"].insert(1, f"It is {pacific:%H:%M} Pacific Time: the {shift} shift ({hours} Pacific Time).")
    else:
        start = next_on_call_start(pacific)
        result["next_on_call_start"] = iso(start.astimezone(at.tzinfo))
        result["next_on_call_start_pacific"] = iso(start)
        result["actions"].append(
            f"It is {pacific:%H:%M} Pacific Time. The next start of business hours is {iso(start)} "
            f"(0500 Pacific Time), which is {iso(start.astimezone(at.tzinfo))} in the offset you gave."
        )
    return result


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
    notes=(
        "The handbook says \"between the hours of 0500 and 1700 Pacific Time\"; this checker counts 05:00 as on-call "
        "and 17:00 as off-hours (the PM shift \"runs until 1700\").",
        "\"Pacific Time\" is taken as the America/Los_Angeles zone: PST (UTC-8) in winter, PDT (UTC-7) in summer.",
        "The off-hours steps link the US Federal support page's hours of operation. This page says 7 days a week "
        "and names no holidays, so none are applied.",
        "The off-hours Slack notification and the \"Off hours emergency request\" trigger are automatic: they say "
        "what will occur, not something you must do.",
    ),
)
