"""Everything the page asks and computes, as one kind of thing: a form is questions plus a compute
function. A checker, the guided response's texts and the widespread-incident helper are all forms;
the page mounts each the same way and the worker answers each through one operation (`bridge`'s
"form"). The flow's steps are meant to be forms too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checkers.engine import registry
from checkers.engine.model import InvalidAnswer, Question
from checkers.texts import incident, response_texts


@dataclass(frozen=True)
class Form:
    name: str
    questions: tuple[Question, ...]
    compute: Callable[[Any], dict[str, Any]]
    # The page keeps its answers in the link as `<name>.<id>` (checkers/web/urlstate.py knows the namespace).
    keeps_link: bool = True


def _helpers() -> dict[str, Form]:
    return {
        response_texts.NAMESPACE: Form(response_texts.NAMESPACE, response_texts.QUESTIONS, response_texts.texts),
        incident.NAME: Form(incident.NAME, incident.QUESTIONS, incident.bulk_response_for, keeps_link=False),
    }


def get(name: Any) -> Form:
    """The form called `name`: a helper above, or a checker (which raises "unknown" if there is none)."""
    helpers = _helpers()
    if isinstance(name, str) and name in helpers:
        return helpers[name]
    if not isinstance(name, str):
        raise InvalidAnswer("name", f"expected the name of a form, got {name!r}", "unknown")
    checker = registry.get(name)
    return Form(checker.name, checker.questions, lambda answers: registry.evaluate(checker.name, answers or {}))


def asked(name: Any, answers: Any) -> list[str]:
    """The ids of the questions asked for these raw answers; never raises."""
    try:
        form = get(name)
    except Exception:
        return []
    if form.name in _helpers():
        return [q.id for q in form.questions]
    return registry.asked_questions(form.name, answers)


def compute(name: Any, answers: Any) -> dict[str, Any]:
    return get(name).compute(answers if answers is not None else {})
