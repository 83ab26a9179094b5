"""Drills that walk a whole page: one TOML file per drill under training/flows/, graded step by step.

A flow drill is a story, the answers of the whole response keyed as in the page's link
(`"entitlement.plan" = "premium"`), and one question per step the trainee must get right: its key is
that step's outcome, or its status (`skipped`, `open`, ...), as `checkers.flows` computes it for the
facts (`checkers.drills.flow_answer_key`); the files hold no key. Errors name file and field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkers import drills
from checkers.engine.model import InvalidAnswer

from .library import (
    _ID,
    DIFFICULTIES,
    SECONDS_BY_DIFFICULTY,
    Choice,
    Question,
    ScenarioError,
    Story,
    _fail,
    _json_answer,
    _story,
    _table,
    _text,
    pinned_anchors,
)

FLOW_DRILLS = Path(__file__).resolve().parent / "flows"
# pins: as a scenario's (handbook_tools/pins.py); reveal: what the customer says when asked about an answer
# (keyed as `answers`), for the facilitator; debrief: the questions a role-play ends with.
TOP_LEVEL = {"id", "title", "difficulty", "flow", "story", "answers", "steps", "pins", "reveal", "debrief"}
REQUIRED = TOP_LEVEL - {"pins", "reveal"}
STEP = {"id", "prompt", "step", "choices"}


@dataclass(frozen=True)
class FlowDrill:
    path: Path
    id: str
    title: str
    difficulty: str
    flow: str
    story: Story
    answers: dict[str, Any]
    questions: tuple[Question, ...]  # asks "step", field the step's id
    anchors: tuple[str, ...] = ()  # the handbook sections its pins cite, as a scenario's
    reveal: dict[str, str] = field(default_factory=dict)
    debrief: tuple[str, ...] = ()

    @property
    def seconds(self) -> int:
        return SECONDS_BY_DIFFICULTY[self.difficulty]

    def keys(self) -> list[dict[str, Any]]:
        found = []
        for index, question in enumerate(self.questions):
            try:
                found.append(drills.flow_answer_key(self.flow, self.answers, question.as_spec()))
            except InvalidAnswer as error:  # an answer's key has a dot (entitlement.plan); a step's field has none
                where = f"answers.{error.field}" if "." in error.field else f"steps[{index}].{error.field}"
                raise ScenarioError(self.path, where, error.message) from None
        return found


def _step(path: Path, data: Any, index: int) -> Question:
    where = f"steps[{index}]"
    data = _table(path, data, where, STEP, STEP)
    if not isinstance(data["id"], str) or not _ID.match(data["id"]):
        _fail(path, f"{where}.id", f"expected lowercase words joined by hyphens, got {data['id']!r}")
    if not isinstance(data["choices"], list):
        _fail(path, f"{where}.choices", "expected a list of choices")
    choices = []
    for number, choice in enumerate(data["choices"]):
        cwhere = f"{where}.choices[{number}]"
        choice = _table(path, choice, cwhere, {"value", "label"}, {"value", "label"})
        try:
            values = drills.choice_values(choice["value"], f"{cwhere}.value")
        except InvalidAnswer as error:
            raise ScenarioError(path, error.field, error.message) from None
        choices.append(Choice(values, _text(path, choice["label"], f"{cwhere}.label")))
    return Question(data["id"], _text(path, data["prompt"], f"{where}.prompt"), "step", data["step"], tuple(choices))


def parse(path: Path, text: str) -> FlowDrill:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path, "(file)", f"not valid TOML: {error}") from None
    data = _table(path, data, "", TOP_LEVEL, REQUIRED)
    if data["id"] != Path(path).stem:
        _fail(path, "id", f"{data['id']!r} must match the file name ({Path(path).stem!r})")
    if data["difficulty"] not in DIFFICULTIES:
        _fail(path, "difficulty", f"expected one of {', '.join(DIFFICULTIES)}; got {data['difficulty']!r}")
    if not isinstance(data["answers"], dict):
        _fail(path, "answers", "expected a table keyed <namespace>.<answer id>")
    answers = {key: _json_answer(path, value, f"answers.{key}") for key, value in data["answers"].items()}
    questions = tuple(_step(path, step, i) for i, step in enumerate(data["steps"] or ()))
    if not questions:
        _fail(path, "steps", "expected at least one [[steps]] entry")
    reveal = data.get("reveal", {})
    if not isinstance(reveal, dict):
        _fail(path, "reveal", "expected a table keyed as answers")
    for key, line in reveal.items():
        if key not in answers:
            _fail(path, f"reveal.{key}", f"is not one of this drill's answers ({', '.join(answers)})")
        _text(path, line, f"reveal.{key}")
    debrief = _table(path, data["debrief"], "debrief", {"questions"}, {"questions"})["questions"]
    if not isinstance(debrief, list) or not debrief:
        _fail(path, "debrief.questions", "expected a list of questions for the debrief")
    drill = FlowDrill(
        Path(path),
        data["id"],
        _text(path, data["title"], "title"),
        data["difficulty"],
        data["flow"],
        _story(path, data["story"]),
        answers,
        questions,
        pinned_anchors(path, data),
        dict(reveal),
        tuple(_text(path, q, f"debrief.questions[{i}]") for i, q in enumerate(debrief)),
    )
    drill.keys()  # every step question has exactly one right choice for these facts
    return drill


def load_all(directory: Path = FLOW_DRILLS) -> list[FlowDrill]:
    drills_found = [parse(p, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.toml"))]
    if not drills_found:
        raise ScenarioError(directory, "(directory)", "holds no *.toml flow drills")
    return drills_found
