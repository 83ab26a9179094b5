"""The review as it matched a changed sentence before it learnt to skip: every candidate's ratio
computed, the first best kept. Kept here, and only here, as the reference `review.closest` must
agree with, report for report."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from handbook_tools import review


def closest_by_every_ratio[T](wanted: str, candidates: Iterable[tuple[str, T]]) -> tuple[str, T, float] | None:
    best, score, owner = None, 0.0, None
    for candidate, section in candidates:
        ratio = difflib.SequenceMatcher(None, wanted, candidate, autojunk=False).ratio()
        if ratio > score:
            best, score, owner = candidate, ratio, section
    if best is not None and score >= review._SIMILAR_SENTENCE:
        return best, owner, score
    return None


def report_before(run: Callable[[], dict[str, Any]]) -> str:
    """`run`'s review as `python -m checkers review --json` printed it with every ratio computed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(review, "closest", closest_by_every_ratio)
        return review.json_report(run())
