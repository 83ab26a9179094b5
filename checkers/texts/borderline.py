"""The borderline checker's sentences that depend on the case: what checkers/rules/borderline.py
decided, in words. Nothing here decides."""

from __future__ import annotations

from typing import NamedTuple

HIGH_PRIORITY = "handle the ticket as a high priority that requires an immediate response"

# The Support Manager's step, as the handbook words it for the week and for the weekend, where it
# gives the manager one more option.
MANAGER_STEP_IN_THE_WEEK = f"They will work to find another Support Engineer to {HIGH_PRIORITY}."
MANAGER_STEP_AT_THE_WEEKEND = (
    f"They will assist the customer or work to find another Support Engineer to {HIGH_PRIORITY}."
)


class BorderlineCase(NamedTuple):
    """What the rules decided: everything the sentences need."""

    weekend: bool


def actions(case: BorderlineCase, steps: tuple[str, ...]) -> tuple[str, ...]:
    """`steps`: the outcome's steps as its table states them (the week's wording)."""
    if not case.weekend:
        return steps
    return tuple(MANAGER_STEP_AT_THE_WEEKEND if step == MANAGER_STEP_IN_THE_WEEK else step for step in steps)
