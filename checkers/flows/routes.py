"""The routes of a flow: every way each of its steps can go, enumerated from the flow itself.

A **route** is one step taking one branch:

- ``skipped``: a condition says the step does not apply on this path;
- ``waits``: a ``waits`` condition holds a checker step open until an earlier step or answer is known
  (a text step that waits is on the path all the same: ``applies``);
- ``applies``: a text or checklist step that is part of the path, or a checker step that decides with
  an outcome no later condition reads (``decided``);
- for a checker step whose outcome a later condition reads (entitlement, qualification, the SaaS
  triage), the class of its outcome: the outcomes that every condition reading it, and the step's own
  ``open_outcomes``, treat alike (``free-user or below-premium``, ``strict or exception``).

Why steps one by one, not whole paths: the flow's side steps (another emergency, a licence, special
handling, US Federal, the SaaS triage) are switched on by answers of their own, and their
combinations multiply (the paged flow has about three hundred distinct whole paths, most of them the
same routes in another mix). Each branch of each step is what a trainee must recognise, so each is
drilled; which of a checker's own outcomes applies (which licence rule, which shift) is drilled by
that checker's scenario drills.

The enumeration walks the flow with the real engine (`model.walk`) over every value of the flow's own
questions and every outcome class of the steps whose outcomes are read, giving each checker step its
outcome through `decide` instead of a checker. Steps that can go only one way are not routes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from checkers.engine import registry
from checkers.flows.model import Flow, Path, Step, walk

Route = tuple[str, str]  # (step id, branch)


def _readers(flow: Flow, step: Step) -> list[tuple[str, tuple[Any, ...]]]:
    key = f"{step.id}.outcome"
    return [(key, allowed) for later in flow.steps for when in later.applies for k, allowed in when.any_of if k == key]


def read_steps(flow: Flow) -> list[Step]:
    """The checker steps whose outcome some condition reads: their outcome classes are routes."""
    return [s for s in flow.steps if s.checker and _readers(flow, s)]


def outcome_classes(flow: Flow, step: Step) -> list[tuple[str, ...]]:
    """The step's outcomes grouped by how the flow's conditions and its open outcomes treat them."""
    assert step.checker is not None, "only a checker step has outcomes"
    readers = _readers(flow, step)
    groups: dict[tuple[tuple[bool, ...], str], list[str]] = {}
    for outcome in registry.get(step.checker).outcomes:
        signature = (
            tuple(outcome.code in allowed for _, allowed in readers),
            (step.open_outcomes or {}).get(outcome.code, "done"),
        )
        groups.setdefault(signature, []).append(outcome.code)
    return [tuple(codes) for codes in groups.values()]


def branch(path: Path, step: Step, classes: dict[str, list[tuple[str, ...]]]) -> str:
    """How `step` goes on `path` (see the module's docstring)."""
    state = path.states[step.id]
    if state == "skipped":
        return "skipped"
    outcome = path.outcome(step.id)
    if outcome is not None:
        for group in classes.get(step.id, ()):
            if outcome in group:
                return " or ".join(group)
        return "decided"
    # A text step held by a `waits` condition is still on the path, to do once what it waits for is
    # known: its key (`open`) is the same as any later step's, so waiting is a branch of checker steps only.
    return "waits" if state == "waiting" and step.checker else "applies"


def _own_values(flow: Flow) -> list[tuple[str, tuple[Any, ...]]]:
    """Every value of each of the flow's own routing questions (not its list of steps marked done)."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    for question in flow.questions:
        if question.kind == "boolean":
            found.append((question.id, (False, True)))
        elif question.kind == "choice":
            values = tuple(option.value for option in question.options)
            found.append((question.id, ((None,) if question.default is None else ()) + values))
    return found


def _decider(chosen: dict[str, str]) -> Callable[[Step, dict[str, Any], datetime | None], dict[str, Any] | str]:
    def decide(step: Step, answers: dict[str, Any], now: datetime | None) -> dict[str, Any] | str:
        assert step.checker is not None, "only a checker step is decided"
        code = chosen.get(step.id) or registry.get(step.checker).outcomes[0].code
        return {"outcome": code, "answers": {}, "because": "", "cite": [], "tags": [], "title": code}

    return decide


def paths(flow: Flow) -> Iterable[Path]:
    """The flow walked over every value of its own questions and every outcome class of its read steps."""
    own = _own_values(flow)
    read = read_steps(flow)
    choices = [[group[0] for group in outcome_classes(flow, step)] for step in read]
    for own_values in itertools.product(*(values for _, values in own)):
        answers = {
            f"{flow.name}.{qid}": value for (qid, _), value in zip(own, own_values, strict=True) if value is not None
        }
        for outcomes in itertools.product(*choices):
            yield walk(flow, answers, decide=_decider({s.id: o for s, o in zip(read, outcomes, strict=True)}))


def routes(flow: Flow) -> dict[str, list[str]]:
    """Step id -> the branches the flow can take there, for every step that can go more than one way."""
    classes = {step.id: outcome_classes(flow, step) for step in read_steps(flow)}
    found: dict[str, set[str]] = {step.id: set() for step in flow.steps}
    for path in paths(flow):
        for step in flow.steps:
            found[step.id].add(branch(path, step, classes))
    return {step_id: sorted(branches) for step_id, branches in found.items() if len(branches) > 1}


def path_routes(flow: Flow, path: Path) -> dict[str, str]:
    """Step id -> the branch a real walk (a drill's answers) takes at each step."""
    classes = {step.id: outcome_classes(flow, step) for step in read_steps(flow)}
    return {step.id: branch(path, step, classes) for step in flow.steps}
