"""Find the checkers (every module of `checkers.rules` with a `CHECKER`), describe and run them."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import datetime
from typing import Any

from checkers.engine import handbook
from checkers.engine.answers import asked_ids, parse_answers, to_json
from checkers.engine.model import Checker, InvalidAnswer

# Every checker lives in this package, one module each, named after it (`saas-triage` in saas_triage.py).
RULES_PACKAGE = "checkers.rules"
_CHECKERS: dict[str, Checker] = {}
_ALL_FOUND: list[bool] = []  # non-empty once every module has been looked at


def _discover() -> dict[str, Checker]:
    if not _ALL_FOUND:
        package = importlib.import_module(RULES_PACKAGE)
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{RULES_PACKAGE}.{info.name}")
            checker = getattr(module, "CHECKER", None)
            if isinstance(checker, Checker):
                _CHECKERS[checker.name] = checker
        _ALL_FOUND.append(True)
    return _CHECKERS


def names() -> list[str]:
    return sorted(_discover())


def _load(name: str) -> Checker | None:
    """Import only the module named after the checker (`saas-triage` lives in saas_triage.py), so the
    browser answers a page's checker without importing every other one first (nor the time-zone
    database only some of them need). None if the module does not follow that convention."""
    module_name = name.replace("-", "_")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", module_name):
        return None
    try:
        module = importlib.import_module(f"{RULES_PACKAGE}.{module_name}")
    except ModuleNotFoundError as error:
        if error.name != f"{RULES_PACKAGE}.{module_name}":
            raise  # the checker's module exists but something it imports does not
        return None
    checker = getattr(module, "CHECKER", None)
    if isinstance(checker, Checker) and checker.name == name:
        _CHECKERS[name] = checker
        return checker
    return None


def get(name: str) -> Checker:
    if name in _CHECKERS or _load(name):
        return _CHECKERS[name]
    checkers = _discover()
    if name not in checkers:
        raise InvalidAnswer(
            "checker", f"unknown checker {name!r}; expected one of {', '.join(sorted(checkers))}", "unknown"
        )
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
        "derived": [{"id": d.id, "label": d.label, "of": d.of} for d in checker.derived],
    }


def _clock(now: datetime | None) -> Callable[[], datetime]:
    return (lambda: now) if now is not None else (lambda: datetime.now().astimezone())


def asked_questions(name: str, answers: Any, *, now: datetime | None = None) -> list[str]:
    """The ids of the questions asked for these raw answers, in order. Never raises: an unknown
    checker asks nothing, and a bad value counts as not given."""
    try:
        checker = get(name)
    except Exception:  # noqa: BLE001 - not a checker's name (not even a string): nothing is asked
        return []
    return asked_ids(checker.questions, answers, _clock(now), checker.derived)


# The fields every result has; the rest are the checker's own, listed under "Details" on the page
# unless the checker names the ones it wants shown (`Checker.shown_fields`).
COMMON_FIELDS = frozenset(
    {
        "checker",
        "outcome",
        "title",
        "actions",
        "tags",
        "say",
        "cite",
        "sources",
        "because",
        "rule",
        "answers",
        "facts",
        "asked",
        "shown_fields",
        "field_labels",
        "say_text_id",
    }
)


def _shown_fields(checker: Checker, result: Mapping[str, Any]) -> list[str]:
    if checker.shown_fields is not None:
        return list(checker.shown_fields)
    return [
        key
        for key, value in result.items()
        if key not in COMMON_FIELDS and value is not None and not isinstance(value, (dict, list))
    ]


def _unique[T: Hashable](items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


def evaluate(name: str, answers: Mapping[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """Decide. `now` stands in for the clock, so any instant can be tested; it must carry an offset."""
    checker = get(name)
    clock = _clock(now)
    values = parse_answers(checker.questions, answers, clock, checker.derived)
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
        "sources": [handbook.source_entry(a) for a in anchors],
        "because": rule.because,
        "rule": checker.rules.index(rule) + 1,  # the row of the decision table that decided
        "answers": {k: to_json(v) for k, v in values.items()},
        "facts": {k: to_json(v) for k, v in facts.items()},
        "asked": asked_ids(checker.questions, answers, clock, checker.derived),
    }
    result = checker.finish(values, facts, result)
    result["shown_fields"] = _shown_fields(checker, result)
    result["field_labels"] = {
        key: checker.field_labels[key] for key in result["shown_fields"] if key in checker.field_labels
    }
    return result
