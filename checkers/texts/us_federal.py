"""The US Federal checker's sentences that depend on the moment given: what
checkers/rules/us_federal.py decided, in words. Nothing here decides.

The hours arrive in the case, never as constants of this module, so a new version of the hours
changes every sentence at once.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import NamedTuple

from checkers.engine.timeutil import DAY_NAMES, iso


def handbook_time(moment: time) -> str:
    """The handbook's way of writing a time of day: "0500"."""
    return f"{moment:%H%M}"


def clock_time(moment: time) -> str:
    """The page's way: "05:00"."""
    return f"{moment:%H:%M}"


class FederalCase(NamedTuple):
    """What the rules decided: everything the sentences need."""

    pacific: datetime  # the moment given, in Pacific Time
    shift: str | None  # "AM", "PM", or None outside on-call hours
    on_call_start: time
    shift_change: time
    on_call_end: time
    next_on_call_start: datetime | None  # outside on-call hours: the next start, in Pacific Time
    next_on_call_start_given: datetime | None  # the same instant in the offset the engineer gave


def _moment(pacific: datetime) -> str:
    """Said of the moment given, which may be past or future: never "it is"."""
    return f"{DAY_NAMES[pacific.weekday()]} {pacific:%Y-%m-%d} at {pacific:%H:%M} Pacific Time"


def actions(case: FederalCase, steps: tuple[str, ...]) -> tuple[str, ...]:
    """`steps`: the outcome's steps as its table states them. Within on-call hours the shift is said
    right after the hours; outside them, the next start of business hours comes last."""
    start, change, end = (handbook_time(t) for t in (case.on_call_start, case.shift_change, case.on_call_end))
    moment = _moment(case.pacific)
    if case.shift is not None:
        hours_step, *other_steps = steps
        hours = f"{start} to {change}" if case.shift == "AM" else f"{change} to {end}"
        return (hours_step, f"{moment} falls in the {case.shift} shift ({hours} Pacific Time).", *other_steps)
    assert case.next_on_call_start is not None and case.next_on_call_start_given is not None, "off hours"
    return (
        *steps,
        f"{moment} falls outside on-call hours. The next start of business hours after it is "
        f"{iso(case.next_on_call_start)} ({start} Pacific Time), which is {iso(case.next_on_call_start_given)} in the "
        "offset you gave.",
    )
