"""The concurrent-emergency checker's sentences that depend on the region: what
checkers/rules/concurrent.py decided, in words. Nothing here decides.

The handbook's example group arrives in the case, never as a constant of this module.
"""

from __future__ import annotations

from typing import NamedTuple

_ASK_FOR_HELP = "request assistance from anyone who is available to assist with the new incoming emergency case"


def regional_group_step(example_group: str) -> str:
    """The Support Manager's step as the handbook words it, with its one example group."""
    return f"Support Manager: In Slack, ping the regional support group (e.g. {example_group}) and {_ASK_FOR_HELP}."


class ConcurrentCase(NamedTuple):
    """What the rules decided: everything the sentences need."""

    region: str
    regional_group: str | None  # the region's Slack group, where the handbook names it
    example_group: str  # the one group the handbook names, for the Americas


def _regional_step(case: ConcurrentCase) -> str:
    if case.regional_group:
        return (
            f"Support Manager: In Slack, ping the regional support group ({case.regional_group}, the handbook's "
            f"example for the Americas) and {_ASK_FOR_HELP}."
        )
    return (
        f"Support Manager: In Slack, ping the regional support group for {case.region} and {_ASK_FOR_HELP}. The "
        f"handbook does not name the {case.region} group (its only example is {case.example_group}, for the "
        "Americas)."
    )


def actions(case: ConcurrentCase, steps: tuple[str, ...]) -> tuple[str, ...]:
    """`steps`: the outcome's steps as its table states them; the Support Manager's step names the
    reader's region."""
    table_step = regional_group_step(case.example_group)
    return tuple(_regional_step(case) if step == table_step else step for step in steps)
