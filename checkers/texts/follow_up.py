"""The follow-up checker's sentences that depend on the clock: what checkers/rules/follow_up.py
decided, in words.

The rules name the case (`ClockCase`: the outcome, the two instants, the delay the follow-up message
promised); `wording` makes the countdown's words and the step that goes with the clock from it.
The delays arrive in the case, never as constants of this module, so a new delay changes every
sentence at once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple


def minutes(delay: timedelta) -> int:
    return int(delay.total_seconds() // 60)


def minutes_words(delay: timedelta) -> str:
    return f"{minutes(delay)} minutes"


def another_minutes_words(delay: timedelta) -> str:
    return f"another {minutes(delay)} minutes"


# What the countdown counts down to, per outcome: the page never picks it from the outcome code.
NEXT_STEP = {"wait": "send the follow-up message", "send-follow-up": "close the bridge"}


class ClockCase(NamedTuple):
    """What the rules decided: everything the sentences need."""

    outcome: str
    follow_up_at: str  # ISO 8601, on the engineer's clock
    close_bridge_at: str
    bridge_open_for: timedelta  # the delay the follow-up message promises before the bridge closes


class Wording(NamedTuple):
    next_step: str | None
    actions: tuple[str, ...]


def wording(case: ClockCase, steps: tuple[str, ...]) -> Wording:
    """`steps`: the outcome's steps as its table states them; the step that goes with the clock follows them."""
    clock_steps = {
        "wait": f"Send the follow-up at {case.follow_up_at} if there is still no response.",
        "send-follow-up": f"If there is still no response at {case.close_bridge_at}, close the bridge.",
        "close-bridge": f'The follow-up message promised "{another_minutes_words(case.bridge_open_for)}"; this clock '
        f"assumes it went out at {case.follow_up_at}. If you sent it later, keep the bridge open until "
        f"{minutes(case.bridge_open_for)} minutes after you sent it.",
    }
    clock_step = clock_steps.get(case.outcome)
    return Wording(next_step=NEXT_STEP.get(case.outcome), actions=(*steps, clock_step) if clock_step else steps)
