"""The qualification checker's sentences that depend on the answers: what
checkers/rules/qualification.py decided, in words. Nothing here decides."""

from __future__ import annotations

from typing import NamedTuple


class QualificationCase(NamedTuple):
    """What the rules decided: everything the sentences need."""

    criteria_section: str  # the title of the section the criteria come from
    criteria_said: tuple[str, ...]  # the criteria met, as labels, where the result names them (else empty)
    needs_more_info_kept: bool  # the earlier "needs more info" tag stays on the ticket
    needs_more_info_tag: str


def actions(case: QualificationCase, steps: tuple[str, ...]) -> tuple[str, ...]:
    """`steps`: the outcome's steps as its table states them; what the answers add follows them."""
    criteria = (
        (f"Criteria met ({case.criteria_section}): {'; '.join(case.criteria_said)}.",) if case.criteria_said else ()
    )
    kept = (
        (f"Leave the earlier {case.needs_more_info_tag} tag in place: it intentionally remains attached.",)
        if case.needs_more_info_kept
        else ()
    )
    return (*steps, *criteria, *kept)
