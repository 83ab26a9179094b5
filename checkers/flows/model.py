"""The shapes of a flow and the engine that walks it.

A flow is an ordered list of steps. A step applies under conditions (`When`, data): each names keys
of the path so far, `<namespace>.<answer id>` for an answer (the page's link keys) or
`<step id>.outcome` for an earlier checker step's outcome, with the values under which it holds.
When a condition does not hold the step is skipped (`because` says why) or, for a condition marked
`waits`, stays open until it does. A checker step is done when its checker decides from the answers
given; a text or checklist step when the engineer marks it done (`<flow>.done`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from checkers.engine import handbook, registry
from checkers.engine.answers import parse_answers
from checkers.engine.model import InvalidAnswer, Question
from checkers.engine.pins import Pin

STATUSES = ("done", "next", "open", "skipped")
KINDS = ("checker", "text", "checklist")


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()  # a key whose value the path does not know yet (its step is not decided)


@dataclass(frozen=True)
class When:
    """Holds when any (key, allowed values) of `any_of` holds. `otherwise` says, in the handbook's
    terms, why the step does not apply; `{key}` in it is filled with that key's value."""

    any_of: tuple[tuple[str, tuple[Any, ...]], ...]
    otherwise: str
    waits: bool = False  # not holding keeps the step open ("waits until ..."), instead of skipping it
    # The handbook sentences this routing stands on: every step it gates pins them too (checkers/engine/pins.py).
    pins: tuple[Pin, ...] = ()


@dataclass(frozen=True)
class Preset:
    """An answer the path gives a checker step, unless the engineer gave it: `value`, or the value
    of the key `from_key`, when every condition holds."""

    answer: str
    value: Any = None
    from_key: str | None = None
    when: tuple[tuple[str, tuple[Any, ...]], ...] = ()


@dataclass(frozen=True)
class Wording:
    """What a step asks on the paths where every (key, allowed values) of `when` holds, in place of its
    `does`: a rule that governs the step is said at the step (the call waits for the Support Manager
    on-call after a same-day single-user purchase; the Slack thread goes to the deployment's channel).
    The first wording that holds wins."""

    when: tuple[tuple[str, tuple[Any, ...]], ...]
    does: str
    pins: tuple[Pin, ...] = ()


@dataclass(frozen=True)
class Step:
    """One step of a flow: a checker to answer, a text to read or a checklist to tick, and the
    conditions under which it applies."""

    id: str
    title: str
    kind: str
    cite: tuple[str, ...]
    applies: tuple[When, ...] = ()
    checker: str | None = None  # a checker step's id is its checker's name
    presets: tuple[Preset, ...] = ()
    # Outcomes after which a checker step stays open: "waiting" (to revisit later, never `next`)
    # or "actionable" (the engineer has something to find out now).
    open_outcomes: Mapping[str, str] | None = None
    does: str = ""  # what a text or checklist step asks, in one line
    wordings: tuple[Wording, ...] = ()  # `does` on particular paths, first match wins
    pins: tuple[Pin, ...] = ()  # the sentences its title, `does` and texts restate; its conditions add theirs

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"step {self.id}: unknown kind {self.kind!r}")
        if (self.kind == "checker") != (self.checker is not None):
            raise ValueError(f"step {self.id}: a checker step names its checker, and only it")
        for anchor in self.cite:
            handbook.section(anchor)


@dataclass(frozen=True)
class Flow:
    """A decision flow: its own questions and its steps in order; a step may depend only on the
    outcomes of the steps before it."""

    name: str
    title: str
    questions: tuple[Question, ...]  # the flow's own answers, in the namespace `name`
    steps: tuple[Step, ...]
    texts: Callable[[Path], dict[str, Any]]
    summary: Callable[[Path], str]

    def __post_init__(self) -> None:
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError(f"flow {self.name}: duplicate step ids")
        for index, step in enumerate(self.steps):
            earlier = set(ids[:index])
            for when in step.applies:
                for key, _ in when.any_of:
                    space, _, rest = key.partition(".")
                    if rest == "outcome" and space not in earlier:
                        raise ValueError(f"flow {self.name}: step {step.id} depends on {key}, not an earlier step")

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


@dataclass
class Path:
    """What the engine found: each step's status and result, and the answers as parsed."""

    flow: Flow
    answers: dict[str, dict[str, Any]]  # raw answers by namespace
    own: dict[str, Any]  # the flow's own answers, parsed
    statuses: dict[str, str]
    because: dict[str, str]
    results: dict[str, dict[str, Any]]  # checker steps with an outcome
    # Answers the path gave a checker step (its presets), not the engineer: the page shows them in
    # that step's form until the engineer answers otherwise.
    presets: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Every key of the path as walked (the answers, `<step>.outcome`, the checkers' parsed answers).
    values: dict[str, Any] = field(default_factory=dict)
    # Checker steps whose result comes from the reader's answers: an answer given to the checker, or
    # one the path itself gave it (a preset under a condition). The rest decided on defaults alone.
    decided: set[str] = field(default_factory=set)
    waiting: set[str] = field(default_factory=set)  # steps that stay open until an earlier step decides
    asks: dict[str, str] = field(default_factory=dict)  # checker steps: the `<checker>.<answer id>` still missing
    # Why each step stands where it does: done, actionable, waiting (held by a `waits` condition or a
    # waiting outcome) or skipped; `statuses` folds these into what the page shows.
    states: dict[str, str] = field(default_factory=dict)

    def outcome(self, step_id: str) -> str | None:
        result = self.results.get(step_id)
        return result["outcome"] if result else None

    def applies(self, step_id: str) -> bool:
        return self.statuses.get(step_id) not in (None, "skipped")

    def known_to_apply(self, step_id: str) -> bool:
        """Applies, and not only perhaps: no earlier step it waits for is still undecided."""
        return self.applies(step_id) and step_id not in self.waiting

    def holds(self, when: tuple[tuple[str, tuple[Any, ...]], ...]) -> bool:
        """Every (key, allowed values) holds on this path (a key not known yet does not)."""
        return all(_holds(((key, allowed),), self.values) is True for key, allowed in when)

    def does(self, step: Step) -> str | None:
        """What the step asks on this path, when one of its wordings holds (None: its plain `does`)."""
        return next((w.does for w in step.wordings if self.holds(w.when)), None)

    def reason(self, step: Step) -> str:
        """What "Your path" says beside the step: why it is skipped, or what it asks on this path and
        what it may still wait for."""
        because, does = self.because.get(step.id), self.does(step)
        if self.statuses[step.id] == "skipped" or not does:
            return because or step.does
        return f"{does} {because}" if because and step.id in self.waiting else does


def split_keys(flow: Flow, answers: Any) -> dict[str, dict[str, Any]]:
    """`{"ns.id": value}` as `{ns: {id: value}}`, keeping only known keys (as the link does)."""
    if not isinstance(answers, Mapping):
        raise InvalidAnswer("answers", "expected a JSON object keyed <namespace>.<answer id>")
    spaces: dict[str, dict[str, Any]] = {}
    # A step's checker is imported only when the answers name it: a first visit's walk (no answers)
    # would otherwise import every checker of the flow, the time-zone database with US Federal's,
    # ahead of the page's first answer in the browser.
    step_checkers = {s.checker for s in flow.steps if s.checker}
    for key, value in answers.items():
        if not isinstance(key, str):
            continue
        space, dot, answer_id = key.partition(".")
        if not dot:
            continue
        if space == flow.name:
            ids = {q.id for q in flow.questions}
        elif space in step_checkers:
            ids = {q.id for q in registry.get(space).questions}
        elif space == "response-texts":
            from checkers.texts.response_texts import QUESTIONS

            ids = {q.id for q in QUESTIONS}
        else:
            continue
        if answer_id in ids:
            spaces.setdefault(space, {})[answer_id] = value
    return spaces


_PLACE = re.compile(r"\{([a-z][a-z0-9_.-]*)\}")


def _fill(text: str, values: Mapping[str, Any]) -> str:
    return _PLACE.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def _holds(any_of: tuple[tuple[str, tuple[Any, ...]], ...], values: Mapping[str, Any]) -> bool | _Unknown:
    """True, False, or UNKNOWN when no pair holds and some key is not known yet."""
    unknown = False
    for key, allowed in any_of:
        value = values.get(key, UNKNOWN)
        if value is UNKNOWN:
            unknown = True
        elif any(value == a and type(value) is type(a) for a in allowed):
            return True
    return UNKNOWN if unknown else False


def _namespaced(space: str, error: InvalidAnswer) -> InvalidAnswer:
    return InvalidAnswer(f"{space}.{error.field}", error.message, error.code)


def _preset_answers(step: Step, given: dict[str, Any], values: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The answers the step's checker decides from, and whether the path chose one of them by a
    condition of its own (a preset with a `when`), which makes the result a decision of the path."""
    answers = dict(given)
    chosen = False
    for preset in step.presets:
        if preset.answer in answers or not all(_holds(((k, a),), values) is True for k, a in preset.when):
            continue
        value = values.get(preset.from_key, UNKNOWN) if preset.from_key else preset.value
        if value is not UNKNOWN and value is not None:
            answers[preset.answer] = value
            chosen = chosen or bool(preset.when)
    return answers, chosen


def _check_given(checker_name: str, answers: dict[str, Any], now: datetime | None) -> None:
    """Each answer given to a question asked, on its own: an invalid one raises naming
    `<checker>.<answer id>`, whether or not its step applies (the link may hold it; the CLI says so)."""
    checker = registry.get(checker_name)
    asked = set(registry.asked_questions(checker_name, answers, now=now))
    for q in checker.questions:
        if q.id in asked and q.id in answers and answers[q.id] not in (None, ""):
            try:
                parse_answers((q,), {q.id: answers[q.id]}, lambda: now or datetime.now().astimezone())
            except InvalidAnswer as error:
                raise _namespaced(checker_name, error) from None


def _evaluate(step: Step, answers: dict[str, Any], now: datetime | None) -> dict[str, Any] | str:
    """The step's result, or the id of the required answer still missing; an invalid value raises
    naming `<checker>.<answer id>`."""
    assert step.checker is not None, "only a checker step is evaluated"
    _check_given(step.checker, answers, now)  # first, so a missing answer hides no bad one
    try:
        return registry.evaluate(step.checker, answers, now=now)
    except InvalidAnswer as error:
        if error.code == "required":
            return error.field
        raise _namespaced(step.checker, error) from None


def walk(
    flow: Flow,
    answers: Any,
    *,
    now: datetime | None = None,
    decide: Callable[[Step, dict[str, Any], datetime | None], dict[str, Any] | str] | None = None,
) -> Path:
    """The path for these answers. `decide` stands in for running a checker step's checker (the route
    enumeration, checkers/flows/routes.py, gives each step an outcome of its own choosing)."""
    spaces = split_keys(flow, answers)
    try:
        own = parse_answers(flow.questions, spaces.get(flow.name, {}), lambda: now or datetime.now().astimezone())
    except InvalidAnswer as error:
        raise _namespaced(flow.name, error) from None
    for step in flow.steps:
        if step.checker and step.checker in spaces:
            _check_given(step.checker, spaces[step.checker], now)
    response = spaces.get("response-texts")
    if response:
        from checkers.texts.response_texts import texts as response_texts

        errors = response_texts(response)["errors"]
        if errors:
            field, message = next(iter(errors.items()))
            raise InvalidAnswer(f"response-texts.{field}", message)
    values: dict[str, Any] = {f"{flow.name}.{k}": v for k, v in own.items()}
    for space, given in spaces.items():
        if space != flow.name:
            values.update({f"{space}.{k}": v for k, v in given.items()})
    done_marks = set(own.get("done") or ())
    path = Path(flow, spaces, own, {}, {}, {}, values=values)
    state = path.states  # done / actionable / waiting / skipped
    for step in flow.steps:
        skipped = waiting = None
        for when in step.applies:
            holds = _holds(when.any_of, values)
            if holds is False and not when.waits:
                skipped = skipped or _fill(when.otherwise, values)
            elif holds is not True:
                waiting = waiting or _fill(when.otherwise if holds is False else _waiting_for(when, flow), values)
        if skipped:
            state[step.id], path.because[step.id] = "skipped", skipped
            values[f"{step.id}.outcome"] = None
            continue
        if waiting:
            state[step.id], path.because[step.id] = "waiting", waiting
            path.waiting.add(step.id)
            values[f"{step.id}.outcome"] = UNKNOWN
            continue
        if step.checker is None:  # a text or checklist step
            state[step.id] = "done" if step.id in done_marks else "actionable"
            continue
        given = spaces.get(step.checker, {})
        answers, chosen_by_path = _preset_answers(step, given, values)
        path.presets[step.id] = {k: v for k, v in answers.items() if k not in given}
        result = (decide or _evaluate)(step, answers, now)
        if isinstance(result, str):
            state[step.id] = "actionable"
            question = registry.get(step.checker).question(result)
            path.because[step.id] = f"Still to answer: {question.label}"
            path.asks[step.id] = f"{step.checker}.{result}"
            values[f"{step.id}.outcome"] = UNKNOWN
            continue
        if chosen_by_path or any(v not in (None, "", [], ()) for v in given.values()):
            path.decided.add(step.id)
        path.results[step.id] = result
        values[f"{step.id}.outcome"] = result["outcome"]
        values.update({f"{step.checker}.{k}": v for k, v in result["answers"].items()})
        state[step.id] = (step.open_outcomes or {}).get(result["outcome"], "done")
        path.because[step.id] = result["because"]
    first = next((sid for sid, s in state.items() if s == "actionable"), None)
    for sid, s in state.items():
        path.statuses[sid] = {"done": "done", "skipped": "skipped"}.get(s, "next" if sid == first else "open")
    return path


def _waiting_for(when: When, flow: Flow) -> str:
    steps = [key.partition(".")[0] for key, _ in when.any_of if key.endswith(".outcome")]
    titles = [flow.step(s).title for s in steps if s in {x.id for x in flow.steps}]
    named = "; ".join(titles or [k for k, _ in when.any_of])
    return f"Waits for an earlier step: {named}" + ("" if named.endswith(("?", ".")) else ".")


def describe(when: When) -> dict[str, Any]:
    return {
        "any": [{"key": key, "in": list(allowed)} for key, allowed in when.any_of],
        "otherwise": when.otherwise,
        "waits": when.waits,
    }


# The words the page shows beside a step, for each status `run` reports.
STATUS_WORDS = {"done": "Done", "next": "Next", "open": "Open", "skipped": "Skipped"}


def status_text(status: str, outcome: str | None) -> str:
    """ "Done: strict", "Skipped": what "Your path" shows beside a step."""
    return f"{STATUS_WORDS[status]}: {outcome}" if outcome else STATUS_WORDS[status]


def run(flow: Flow, answers: Any, *, now: datetime | None = None) -> dict[str, Any]:
    return _result(walk(flow, answers, now=now))


def run_for_page(
    flow: Flow, answers: Any, *, now: datetime | None = None
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """`run`'s result, and the answers the path gives each checker step's form (its presets, not the
    engineer's), by checker: the page shows them in that form until the engineer answers otherwise."""
    path = walk(flow, answers, now=now)
    presets = {step.checker: path.presets.get(step.id, {}) for step in flow.steps if step.checker}
    return _result(path), presets


def _result(path: Path) -> dict[str, Any]:
    flow = path.flow
    steps = []
    for step in flow.steps:
        result = path.results.get(step.id)
        anchors = step.cite
        steps.append(
            {
                "id": step.id,
                "title": step.title,
                "status": path.statuses[step.id],
                "checker": step.checker,
                "outcome": result["outcome"] if result else None,
                "status_text": status_text(path.statuses[step.id], result["outcome"] if result else None),
                "because": path.reason(step),
                "cite": result["cite"] if result else [handbook.href(a) for a in anchors],
                # The link key of the answer the step still needs (the reader sees its question, not the key).
                "asks": path.asks.get(step.id),
            }
        )
    upcoming = next((s["id"] for s in steps if s["status"] == "next"), None)
    return {
        "flow": flow.name,
        "steps": steps,
        "next": upcoming,
        "texts": flow.texts(path),
        "summary": flow.summary(path),
    }
