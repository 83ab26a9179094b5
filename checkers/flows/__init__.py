"""Decision flows: a whole response as an ordered list of steps, each applying under conditions on
earlier outcomes and answers (data), run over the checkers. See `paged` (the guided response to a
page) and `model` (the shapes and the engine)."""

from __future__ import annotations

from typing import Any

from checkers.engine.model import InvalidAnswer
from checkers.flows import model

NAMES = ("paged",)


def get(name: object) -> model.Flow:
    if name == "paged":
        from checkers.flows.paged import FLOW

        return FLOW
    raise InvalidAnswer("flow", f"unknown flow {name!r}; expected paged", "unknown")


def run(name: str, answers: Any, **kwargs: Any) -> dict[str, Any]:
    return model.run(get(name), answers, **kwargs)


def run_for_page(name: str, answers: Any, **kwargs: Any) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    return model.run_for_page(get(name), answers, **kwargs)
