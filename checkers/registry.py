"""Find the checkers (every module of this package with a `CHECKER`), describe and run them."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime
from typing import Any, Mapping

from . import handbook
from .answers import parse_answers, to_json
from .model import Checker, InvalidAnswer

# Modules that hold machinery, not checkers: skipped so the browser never imports the CLI.
_MACHINERY = {"model", "answers", "handbook", "registry", "cli", "bridge", "timeutil", "urlstate"}
_CHECKERS: dict[str, Checker] = {}


def _discover() -> dict[str, Checker]:
    if not _CHECKERS:
        package = importlib.import_module(__package__)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if info.name.startswith("_") or info.name in _MACHINERY:
                continue
            module = importlib.import_module(f"{__package__}.{info.name}")
            checker = getattr(module, "CHECKER", None)
            if isinstance(checker, Checker):
                _CHECKERS[checker.name] = checker
    return _CHECKERS


def names() -> list[str]:
    return sorted(_discover())


def get(name: str) -> Checker:
    checkers = _discover()
    if name not in checkers:
        raise InvalidAnswer("checker", f"unknown checker {name!r}; expected one of {', '.join(sorted(checkers))}")
    return checkers[name]


def schema(name: str) -> dict[str, Any]:
    checker = get(name)
    return {
        "checker": checker.name,
        "title": checker.title,
        "summary": checker.summary,
        "questions": [q.as_schema() for q in checker.questions],
        "outcomes": [{"code": o.code, "title": o.title} for o in checker.outcomes],
        "cite": [handbook.href(a) for a in checker.cite],
        "notes": list(checker.notes),
    }


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def evaluate(name: str, answers: Mapping[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """Decide. `now` stands in for the clock, so any instant can be tested; it must carry an offset."""
    checker = get(name)
    clock = (lambda: now) if now is not None else (lambda: datetime.now().astimezone())
    values = parse_answers(checker.questions, answers, clock)
    facts = checker.derive(values)
    rule = checker.first_rule(facts)
    outcome = checker.outcome(rule.outcome)
    anchors = _unique(rule.cite + outcome.cite)
    result: dict[str, Any] = {
        "checker": checker.name,
        "outcome": outcome.code,
        "title": outcome.title,
        "actions": list(outcome.actions),
        "tags": list(outcome.tags),
        "say": outcome.say,
        "cite": [handbook.href(a) for a in anchors],
        "sources": [{"href": handbook.href(a), "title": handbook.section(a).title} for a in anchors],
        "because": rule.because,
        "rule": checker.rules.index(rule) + 1,  # the row of the decision table that decided
        "answers": {k: to_json(v) for k, v in values.items()},
        "facts": {k: to_json(v) for k, v in facts.items()},
    }
    return checker.finish(values, facts, result)
