"""Training drills: the answer key of a drill question is read off the checker's own result, never typed.

A drill question asks one thing about what a checker decides for a scenario's facts:

- ``asks = "outcome"``: the outcome code (what to do, who to contact);
- ``asks = "macro"``: the Zendesk macro, i.e. the last tag of the result (the final determination; an
  earlier "Needs more info" tag stays in front of it), or ``"none"`` when the result names no macro;
- ``asks = "field"``: one of the checker's own result fields (``field`` names it, e.g. ``shift`` or
  ``trial_licence_days``), as text: ``None`` reads ``"none"``, booleans ``"yes"``/``"no"``.

Each choice covers one value or a list of values (a list lets one wording stand for several outcomes;
an empty list is a distractor that is never right). Exactly one choice may cover the key.

The same functions serve the site build (facilitator cards, validation), the tests and the browser:
``checkers.web.bridge`` answers ``{"op": "grade", ...}`` with :func:`grade`, so the page never holds the key.
Not a checker (no ``CHECKER``): the registry imports it and passes over it.

A drill may also walk a whole flow (``flow``, e.g. ``paged``, with answers keyed as in the page's
link): each question then asks ``asks = "step"`` about one step (``field`` names it), and its key is
that step's outcome when it has one, else its status (``skipped``, ``next``, ``open``, ``done``), so a
trainee is graded step by step on the path the flow itself computes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from checkers.engine.model import NOW, InvalidAnswer
from checkers.engine.registry import evaluate, get, names

if TYPE_CHECKING:  # the flow's model is imported on demand: checker drills do not need it
    from checkers.flows.model import Path, Step

ASKS = ("outcome", "macro", "field")
NONE = "none"  # the key when a result names no macro, or a field holds null


def all_macros() -> set[str]:
    """Every tag any checker can put on a ticket: distractors may come from another checker."""
    return {tag for name in names() for outcome in get(name).outcomes for tag in outcome.tags}


def choice_values(raw: Any, where: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, (list, tuple)) and all(isinstance(v, str) for v in raw):
        return tuple(raw)
    raise InvalidAnswer(where, f"expected a value or a list of values (text), got {raw!r}")


def check_question(checker_name: str, question: Mapping[str, Any]) -> None:
    """Reject a question the checker cannot answer. Fields are named relative to the question."""
    if not isinstance(question, Mapping):
        raise InvalidAnswer("question", f"expected an object with asks and choices, got {question!r}")
    checker = get(checker_name)
    asks = question.get("asks")
    if asks not in ASKS:
        raise InvalidAnswer("asks", f"expected one of {', '.join(ASKS)}; got {asks!r}")
    field = question.get("field")
    if asks == "field" and not (isinstance(field, str) and field):
        raise InvalidAnswer("field", 'asks = "field" needs the name of a result field, e.g. "shift"')
    if asks != "field" and field is not None:
        raise InvalidAnswer("field", f'only questions with asks = "field" name a field; this one asks {asks!r}')
    choices = question.get("choices")
    if not isinstance(choices, (list, tuple)) or len(choices) < 2:
        raise InvalidAnswer("choices", f"expected a list of at least two choices, got {choices!r}")
    allowed = None
    if asks == "outcome":
        allowed = {o.code for o in checker.outcomes}
        what = f"an outcome of checker {checker.name}"
    elif asks == "macro":
        allowed = all_macros() | {NONE}
        what = 'a macro any checker applies (or "none")'
    seen: dict[str, int] = {}
    for index, choice in enumerate(choices):
        values = choice_values(
            choice.get("value") if isinstance(choice, Mapping) else choice, f"choices[{index}].value"
        )
        for value in values:
            if allowed is not None and value not in allowed:
                raise InvalidAnswer(
                    f"choices[{index}].value", f"{value!r} is not {what}; expected one of {', '.join(sorted(allowed))}"
                )
            if value in seen:
                raise InvalidAnswer(
                    f"choices[{index}].value", f"{value!r} is already covered by choices[{seen[value]}]"
                )
            seen[value] = index


def require_explicit_times(checker_name: str, answers: Mapping[str, Any]) -> None:
    """A drill's key must not depend on when it is played: every "now"-defaulting time is given."""
    if not isinstance(answers, Mapping):
        raise InvalidAnswer("answers", f"expected an object of answers keyed by question id, got {answers!r}")
    for q in get(checker_name).questions:
        if q.kind == "datetime" and q.default is NOW and answers.get(q.id) in (None, ""):
            raise InvalidAnswer(
                q.id, "must be given in a drill, with a UTC offset, so the answer key never depends on the clock"
            )


def as_key(value: Any) -> str:
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, str)):
        return str(value)
    raise InvalidAnswer("field", f"holds {type(value).__name__}, not a single value a trainee can choose")


def key_of(result: Mapping[str, Any], question: Mapping[str, Any]) -> str:
    asks = question["asks"]
    if asks == "outcome":
        outcome: str = result["outcome"]
        return outcome
    if asks == "macro":
        tags: list[str] = result["tags"]
        return tags[-1] if tags else NONE
    field = question["field"]
    if field not in result:
        fields = ", ".join(sorted(k for k, v in result.items() if v is None or isinstance(v, (bool, int, str))))
        raise InvalidAnswer(
            "field", f"{field!r} is not a field of the {result['checker']} result; expected one of {fields}"
        )
    return as_key(result[field])


def key_choice(question: Mapping[str, Any], key: str) -> int:
    for index, choice in enumerate(question["choices"]):
        raw = choice.get("value") if isinstance(choice, Mapping) else choice
        if key in choice_values(raw, f"choices[{index}].value"):
            return index
    raise InvalidAnswer("choices", f"no choice covers the answer key {key!r}: add it, or change the facts")


def answer_key(checker_name: str, answers: Mapping[str, Any], question: Mapping[str, Any]) -> dict[str, Any]:
    """The checker's result for the facts, the key read off it, and the index of the right choice."""
    check_question(checker_name, question)
    require_explicit_times(checker_name, answers)
    result = evaluate(checker_name, answers)
    key = key_of(result, question)
    return {"result": result, "key": key, "choice": key_choice(question, key)}


def flow_step_key(result: Mapping[str, Any], step_id: Any) -> str:
    for step in result["steps"]:
        if step["id"] == step_id:
            key: str = step["outcome"] or step["status"]
            return key
    ids = ", ".join(s["id"] for s in result["steps"])
    raise InvalidAnswer("field", f"{step_id!r} is not a step of the {result['flow']} flow; expected one of {ids}")


def flow_answer_key(flow_name: str, answers: Mapping[str, Any], question: Mapping[str, Any]) -> dict[str, Any]:
    """The flow's walk of the facts, the key of one step read off it, and the right choice's index."""
    from checkers import flows  # imported on demand: checker drills do not need it

    if not isinstance(question, Mapping) or question.get("asks") != "step":
        raise InvalidAnswer("asks", 'a flow drill question asks "step" (and names the step in field)')
    choices = question.get("choices")
    if not isinstance(choices, (list, tuple)) or len(choices) < 2:
        raise InvalidAnswer("choices", f"expected a list of at least two choices, got {choices!r}")
    if not isinstance(answers, Mapping):
        raise InvalidAnswer("answers", f"expected an object keyed <namespace>.<answer id>, got {answers!r}")
    for name in names():  # a drill's key must not depend on when it is played
        own = {k.partition(".")[2]: v for k, v in answers.items() if isinstance(k, str) and k.startswith(f"{name}.")}
        if own:
            require_explicit_times(name, own)
    result = flows.run(flow_name, answers)
    key = flow_step_key(result, question.get("field"))
    return {"result": result, "key": key, "choice": key_choice(question, key)}


def _grade_flow(request: Mapping[str, Any]) -> dict[str, Any]:
    question: Any = request.get("question")  # JSON, checked by flow_answer_key
    chosen = request.get("choice")
    key = flow_answer_key(request["flow"], request.get("answers") or {}, question)
    if chosen is not None and not (
        isinstance(chosen, int) and not isinstance(chosen, bool) and 0 <= chosen < len(question["choices"])
    ):
        raise InvalidAnswer(
            "choice", f"expected the index of a choice, 0 to {len(question['choices']) - 1}, or null; got {chosen!r}"
        )
    step = next(s for s in key["result"]["steps"] if s["id"] == question["field"])
    # The drill page's feedback reads the same fields as a checker drill's: the step's reason and its sections.
    return {
        "correct": chosen == key["choice"],
        "chosen": chosen,
        "key_choice": key["choice"],
        "key": key["key"],
        "step": step,
        "next": key["result"]["next"],
        "title": step["title"],
        "because": step["because"],
        "actions": [],
        "sources": [_source_of(href) for href in step["cite"]],
    }


def _source_of(href: str) -> dict[str, str]:
    from checkers.engine import handbook

    return handbook.source_entry(href.partition("#")[2])  # a step cites with handbook.href(anchor)


def grade(request: Mapping[str, Any]) -> dict[str, Any]:
    """The worker's "grade": ``{checker, answers, question: {asks, field?, choices}, choice}`` where
    ``choice`` is the index the trainee picked, or null when the drill's clock ran out; with ``flow``, a
    whole-page drill's step, or with ``query`` too, a role-play's walk (`grade_walk`)."""
    if isinstance(request, Mapping) and isinstance(request.get("flow"), str):
        # A role-play grades the trainee's own walk (its link's query); a drill, one chosen answer.
        return grade_walk(request) if "query" in request else _grade_flow(request)
    checker_name = request.get("checker")
    if not isinstance(checker_name, str):
        raise InvalidAnswer("checker", f"expected a checker name, got {checker_name!r}")
    question: Any = request.get("question")  # JSON, checked by answer_key
    answers: Any = request.get("answers")
    chosen = request.get("choice")
    key = answer_key(checker_name, answers, question)
    if chosen is not None and not (
        isinstance(chosen, int) and not isinstance(chosen, bool) and 0 <= chosen < len(question["choices"])
    ):
        raise InvalidAnswer(
            "choice", f"expected the index of a choice, 0 to {len(question['choices']) - 1}, or null; got {chosen!r}"
        )
    result = key["result"]
    return {
        "correct": chosen == key["choice"],
        "chosen": chosen,
        "key_choice": key["choice"],
        "key": key["key"],
        "outcome": result["outcome"],
        "title": result["title"],
        "because": result["because"],
        "actions": result["actions"],
        "tags": result["tags"],
        "sources": result["sources"],
    }


# ---- role-play: the trainee's own walk of the guided page, graded step by step --------------------


def _branch_key(path: Path, step: Step) -> str:
    """A step's way on a path, as a drill grades a walk: its outcome, `skipped`, `waits` (a checker
    step held by a condition) or `applies` (a text step on the path, whichever of open/next/done)."""
    outcome = path.outcome(step.id)
    if outcome is not None:
        return outcome
    state = path.states[step.id]
    if state == "skipped":
        return "skipped"
    return "waits" if step.checker else "applies"


def _pending(path: Path, step: Step, given: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    """A checker step still missing an answer the trainee can give now: a required one, or a time the
    drill states (a step deciding from "now" would otherwise be graded on the trainee's own clock)."""
    if not step.checker or path.states[step.id] == "skipped":
        return False
    if step.id not in path.results:
        return path.states[step.id] == "actionable"
    times = {q.id for q in get(step.checker).questions if q.kind == "datetime" and q.default is NOW}
    return any(f"{step.checker}.{qid}" in expected and f"{step.checker}.{qid}" not in given for qid in times)


def grade_walk(request: Mapping[str, Any]) -> dict[str, Any]:
    """The worker's "grade" for a role-play: ``{flow, answers, steps: [{field, choices}], query}``, the
    drill's answers and step questions, and the trainee's own answers on the guided page (its link's query).

    A step is graded once the trainee's path has settled it: no checker step up to it still waits for
    an answer the trainee can give (a time the drill states included). It is right when the trainee's walk
    goes the same way there as the drill's (the same outcome; skipped; held; or on the path). Only a settled
    step's key is returned."""
    from checkers import flows
    from checkers.flows import model
    from checkers.web import urlstate

    flow = flows.get(request.get("flow"))
    expected_answers = request.get("answers") or {}
    steps = request.get("steps")
    if not isinstance(steps, list) or not steps:
        raise InvalidAnswer("steps", "expected the drill's step questions")
    given = urlstate.flow_answers(request.get("query") or "")
    try:
        trainee = model.walk(flow, given)
    except InvalidAnswer:
        trainee = model.walk(flow, {})  # an answer the page itself is flagging: grade nothing yet
    expected = model.walk(flow, expected_answers)
    order = [s.id for s in flow.steps]
    graded = []
    for index, question in enumerate(steps):
        if not isinstance(question, Mapping) or question.get("field") not in order:
            raise InvalidAnswer(f"steps[{index}].field", f"expected a step of the {flow.name} flow")
        step = flow.step(question["field"])
        upto = flow.steps[: order.index(step.id) + 1]
        settled = not any(_pending(trainee, s, given, expected_answers) for s in upto)
        entry: dict[str, Any] = {"field": step.id, "title": step.title, "answered": settled}
        if entry["answered"]:
            key = flow_answer_key(
                flow.name, expected_answers, {"asks": "step", "field": step.id, "choices": question.get("choices")}
            )
            walked = next(s for s in key["result"]["steps"] if s["id"] == step.id)
            mine = _branch_key(trainee, step)
            entry.update(
                correct=mine == _branch_key(expected, step),
                key_choice=key["choice"],
                key=key["key"],
                given=mine,
                given_text=model.status_text(trainee.statuses[step.id], trainee.outcome(step.id)),
                because=walked["because"],
                sources=[_source_of(href) for href in walked["cite"]],
            )
        graded.append(entry)
    return {"steps": graded, "done": all(entry["answered"] for entry in graded)}
