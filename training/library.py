"""The scenario library: one TOML file per drill under training/scenarios/, read and checked here.

A scenario is a story (what the paged engineer sees), facts (a checker's answers) and questions for
the trainee. The answer keys are never in the files: `Scenario.keys()` runs the checker on the facts
(`checkers.drills`). Anything wrong raises `ScenarioError` naming the file and the field, e.g.
``training/scenarios/x.toml: facts.answers.at: ... has no UTC offset``; the site build turns that into
a failed build.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import checkers
from checkers import drills
from checkers.engine import handbook
from checkers.engine.model import InvalidAnswer

ROOT = Path(__file__).resolve().parent.parent
# HANDBOOK_SCENARIOS points the build at another folder (a test breaks a private copy on purpose).
SCENARIOS = Path(os.environ.get("HANDBOOK_SCENARIOS") or Path(__file__).resolve().parent / "scenarios")

DIFFICULTIES = ("introductory", "intermediate", "advanced")
REGIONS = ("AMER", "EMEA", "APAC", "US Federal")
# The drill's clock in timed mode, per difficulty: a practice pace, not a handbook rule.
SECONDS_BY_DIFFICULTY = {"introductory": 90, "intermediate": 120, "advanced": 180}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

TOP_LEVEL = {
    "id",
    "title",
    "difficulty",
    "story",
    "facts",
    "questions",
    "debrief",
    "pins",
}  # pins: the handbook sentences the scenario stands on (handbook_tools/pins.py)
STORY = {"time", "region", "ticket", "context"}
FACTS = {"checker", "answers", "reveal"}
QUESTION = {"id", "prompt", "asks", "field", "choices"}
CHOICE = {"value", "label"}
DEBRIEF = {"questions"}


class ScenarioError(ValueError):
    def __init__(self, path: Path | str, field: str, message: str) -> None:
        self.path = _display(path)
        self.field = field
        self.message = message
        super().__init__(f"{self.path}: {field}: {message}")


def _display(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Choice:
    values: tuple[str, ...]
    label: str

    def as_json(self) -> dict[str, Any]:
        return {"value": list(self.values), "label": self.label}


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    asks: str
    field: str | None
    choices: tuple[Choice, ...]

    def as_spec(self) -> dict[str, Any]:
        """What `checkers.drills` grades against: the same shape the page sends to the worker."""
        spec: dict[str, Any] = {"asks": self.asks, "choices": [c.as_json() for c in self.choices]}
        if self.field is not None:
            spec["field"] = self.field
        return spec


@dataclass(frozen=True)
class Story:
    time: datetime
    region: str
    ticket: str
    context: str = ""


@dataclass(frozen=True)
class Key:
    question: Question
    key: str
    choice: int
    result: dict[str, Any]

    @property
    def label(self) -> str:
        return self.question.choices[self.choice].label


@dataclass(frozen=True)
class Scenario:
    path: Path
    id: str
    title: str
    difficulty: str
    story: Story
    checker: str
    answers: dict[str, Any]  # JSON values, as the checker's form or the CLI would send them
    reveal: dict[str, str]
    questions: tuple[Question, ...]
    debrief: tuple[str, ...] = field(default=())
    anchors: tuple[str, ...] = ()  # the handbook sections its pins cite: the training record's sections

    @property
    def seconds(self) -> int:
        return SECONDS_BY_DIFFICULTY[self.difficulty]

    def result(self) -> dict[str, Any]:
        return checkers.evaluate(self.checker, self.answers)

    def keys(self) -> list[Key]:
        keys = []
        for index, question in enumerate(self.questions):
            try:
                found = drills.answer_key(self.checker, self.answers, question.as_spec())
            except InvalidAnswer as error:
                raise ScenarioError(self.path, f"questions[{index}].{error.field}", error.message) from None
            keys.append(Key(question, found["key"], found["choice"], found["result"]))
        return keys


# ---- reading ------------------------------------------------------------------------------------


def _fail(path: Path, where: str, message: str):
    raise ScenarioError(path, where, message)


def _table(path: Path, data: Any, where: str, allowed: set[str], required: set[str]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        _fail(path, where, f"expected a table, got {data!r}")
    prefix = f"{where}." if where else ""
    unknown = sorted(set(data) - allowed)
    if unknown:
        _fail(path, prefix + unknown[0], f"is not a known field here; expected one of {', '.join(sorted(allowed))}")
    for name in sorted(required):
        if name not in data:
            _fail(path, prefix + name, "is required")
    return data


def _text(path: Path, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(path, where, f"expected non-empty text, got {value!r}")
    return value.strip()


def _json_answer(path: Path, value: Any, where: str) -> Any:
    """TOML values as the checkers take them from JSON: dates and date-times become ISO text."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            _fail(path, where, f"{value.isoformat()} has no UTC offset; write it like 2024-03-09T22:15:00+11:00")
        return value.isoformat()
    if isinstance(value, time):
        _fail(path, where, f"{value.isoformat()} is a time without a date; give a full date-time with a UTC offset")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_answer(path, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (str, bool, int, float)):
        return value
    _fail(path, where, f"expected a text, boolean, number, date or date-time, got {value!r}")


def _story(path: Path, data: Any) -> Story:
    data = _table(path, data, "story", STORY, {"time", "region", "ticket"})
    moment = data["time"]
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            _fail(path, "story.time", f"{moment!r} is not an ISO 8601 date-time")
    if not isinstance(moment, datetime):
        _fail(path, "story.time", f"expected a date-time with a UTC offset, got {moment!r}")
    if moment.tzinfo is None:
        _fail(path, "story.time", f"{moment.isoformat()} has no UTC offset; write it like 2024-03-09T22:15:00+11:00")
    region = data["region"]
    if region not in REGIONS:
        _fail(path, "story.region", f"expected one of {', '.join(REGIONS)}; got {region!r}")
    context = _text(path, data["context"], "story.context") if "context" in data else ""
    return Story(moment, region, _text(path, data["ticket"], "story.ticket"), context)


def _facts(path: Path, data: Any) -> tuple[str, dict[str, Any], dict[str, str]]:
    data = _table(path, data, "facts", FACTS, {"checker", "answers"})
    name = data["checker"]
    if name not in checkers.names():
        _fail(path, "facts.checker", f"unknown checker {name!r}; expected one of {', '.join(checkers.names())}")
    raw = data["answers"]
    if not isinstance(raw, Mapping):
        _fail(path, "facts.answers", f"expected a table of the checker's answers, got {raw!r}")
    answers = {key: _json_answer(path, value, f"facts.answers.{key}") for key, value in raw.items()}
    try:
        drills.require_explicit_times(name, answers)
        checkers.evaluate(name, answers)
    except InvalidAnswer as error:
        raise ScenarioError(path, f"facts.answers.{error.field}", error.message) from None
    reveal = data.get("reveal", {})
    if not isinstance(reveal, Mapping):
        _fail(path, "facts.reveal", f"expected a table keyed by answer, got {reveal!r}")
    for key, text in reveal.items():
        if key not in answers:
            _fail(path, f"facts.reveal.{key}", f"is not one of this scenario's answers ({', '.join(answers)})")
        _text(path, text, f"facts.reveal.{key}")
    return name, answers, dict(reveal)


def pinned_anchors(path: Path, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The sections a drill's pins cite, in order, once each (`handbook_tools.pins` checks the sentences)."""
    raw = data.get("pins", [])
    if not isinstance(raw, list):
        _fail(path, "pins", "expected a list of {anchor, sentence} tables")
    anchors = []
    for index, pin in enumerate(raw):
        anchor = pin.get("anchor") if isinstance(pin, Mapping) else None
        try:
            handbook.section(anchor)
        except (KeyError, TypeError):
            _fail(path, f"pins[{index}].anchor", f"{anchor!r} is not a handbook section")
        anchors.append(anchor)
    return tuple(dict.fromkeys(anchors))


def _question(path: Path, data: Any, index: int, checker: str) -> Question:
    where = f"questions[{index}]"
    data = _table(path, data, where, QUESTION, {"id", "prompt", "asks", "choices"})
    qid = data["id"]
    if not isinstance(qid, str) or not _ID.match(qid):
        _fail(path, f"{where}.id", f"expected lowercase words joined by hyphens, e.g. next-step; got {qid!r}")
    choices = data["choices"]
    if not isinstance(choices, list):
        _fail(path, f"{where}.choices", f"expected a list of choices, got {choices!r}")
    built = []
    for number, choice in enumerate(choices):
        cwhere = f"{where}.choices[{number}]"
        choice = _table(path, choice, cwhere, CHOICE, {"value"})
        try:
            values = drills.choice_values(choice["value"], f"{cwhere}.value")
        except InvalidAnswer as error:
            raise ScenarioError(path, error.field, error.message) from None
        label = choice.get("label")
        if label is None:
            if data.get("asks") != "outcome" or len(values) != 1:
                _fail(path, f"{cwhere}.label", "is required (only a choice of one outcome takes the outcome's title)")
            try:
                label = checkers.get(checker).outcome(values[0]).title
            except KeyError:
                label = values[0]  # check_question below names the unknown outcome
        built.append(Choice(values, _text(path, label, f"{cwhere}.label")))
    question = Question(
        qid, _text(path, data["prompt"], f"{where}.prompt"), data["asks"], data.get("field"), tuple(built)
    )
    try:
        drills.check_question(checker, question.as_spec())
    except InvalidAnswer as error:
        raise ScenarioError(path, f"{where}.{error.field}", error.message) from None
    return question


def parse(path: Path, text: str) -> Scenario:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path, "(file)", f"not valid TOML: {error}") from None
    data = _table(path, data, "", TOP_LEVEL, {"id", "title", "difficulty", "story", "facts", "questions"})
    sid = data["id"]
    if not isinstance(sid, str) or not _ID.match(sid):
        _fail(path, "id", f"expected lowercase words joined by hyphens, got {sid!r}")
    if sid != Path(path).stem:
        _fail(path, "id", f"{sid!r} must match the file name ({Path(path).stem!r}), so a scenario is easy to find")
    difficulty = data["difficulty"]
    if difficulty not in DIFFICULTIES:
        _fail(path, "difficulty", f"expected one of {', '.join(DIFFICULTIES)}; got {difficulty!r}")
    story = _story(path, data["story"])
    checker, answers, reveal = _facts(path, data["facts"])
    raw_questions = data["questions"]
    if not isinstance(raw_questions, list) or not raw_questions:
        _fail(path, "questions", "expected at least one [[questions]] entry")
    questions = tuple(_question(path, q, i, checker) for i, q in enumerate(raw_questions))
    ids = [q.id for q in questions]
    for index, qid in enumerate(ids):
        if ids.index(qid) != index:
            _fail(path, f"questions[{index}].id", f"{qid!r} is used twice in this scenario")
    debrief: tuple[str, ...] = ()
    if "debrief" in data:
        table = _table(path, data["debrief"], "debrief", DEBRIEF, {"questions"})
        items = table["questions"]
        if not isinstance(items, list) or not items:
            _fail(path, "debrief.questions", "expected a list of questions for the group")
        debrief = tuple(_text(path, item, f"debrief.questions[{i}]") for i, item in enumerate(items))
    scenario = Scenario(
        Path(path),
        sid,
        _text(path, data["title"], "title"),
        difficulty,
        story,
        checker,
        answers,
        reveal,
        questions,
        debrief,
        pinned_anchors(path, data),
    )
    scenario.keys()  # every question must have exactly one right choice for these facts
    return scenario


def load(path: Path) -> Scenario:
    return parse(path, Path(path).read_text(encoding="utf-8"))


def load_all(directory: Path = SCENARIOS) -> list[Scenario]:
    scenarios = [load(p) for p in sorted(directory.glob("*.toml"))]
    if not scenarios:
        raise ScenarioError(directory, "(directory)", "holds no *.toml scenarios")
    return scenarios
