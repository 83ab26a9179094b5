"""Time helpers shared by the checkers. Every instant carries its own UTC offset, and calendar
questions (which day is it? is it the weekend?) are answered in that offset, as the handbook's
reader would on their own clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

SATURDAY, SUNDAY = 5, 6
# The zones a date-time control offers beside the reader's own (IANA name, label): the handbook states
# US Federal on-call hours in Pacific Time; UTC is the common ground between regions.
NAMED_ZONES = (("America/Los_Angeles", "Pacific Time"), ("UTC", "UTC"))
# Spelled out rather than strftime("%A"), which follows the process locale.
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def is_weekend(moment: datetime | date) -> bool:
    return moment.weekday() in (SATURDAY, SUNDAY)


def iso(moment: datetime) -> str:
    """ISO 8601 with the offset kept, to the minute when seconds are zero (as people write it)."""
    if moment.second == 0 and moment.microsecond == 0:
        return moment.isoformat(timespec="minutes")
    return moment.isoformat(timespec="seconds")


def days(n: int) -> timedelta:
    return timedelta(days=n)
