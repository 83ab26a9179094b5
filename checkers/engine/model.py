"""The shapes every checker is made of: questions, outcomes, and a first-match rule table.

A checker is data. The same definition renders the form and the decision table at build time,
the flowchart, the CLI's schema, and the training answer keys; only `derive` and `finish` are code.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from checkers.engine.handbook import section

# Question kinds. The page renders a control for each; `answers.parse_answer` validates each.
KINDS = ("choice", "multi-choice", "boolean", "datetime", "date", "date-list", "text", "url")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


REQUIRED = _Marker("REQUIRED")
NOW = _Marker("NOW")  # datetime questions whose default is "the moment of evaluation"


ERROR_CODES = ("required", "invalid", "unknown")


class InvalidAnswer(ValueError):
    """An answer set the checker cannot decide on. `field` names the answer at fault; `code` says how,
    so the page never reads the message: "required" (missing), "invalid" (a value not accepted),
    "unknown" (a key that is not a question, an unknown checker or operation)."""

    def __init__(self, field: str, message: str, code: str = "invalid") -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}; expected one of {', '.join(ERROR_CODES)}")
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Option:
    """One answer a choice question offers: the value sent and kept in links, the label shown, and other
    names it is accepted by (an old plan name, a spelling: "silver" for Premium, "license")."""

    value: str
    label: str
    aliases: tuple[str, ...] = ()


# A condition under which a question is asked: every (key, allowed values) pair must hold, where a
# key is another question's id (its parsed answer) or a `Derived` fact of the checker. A key whose
# question is not asked, or not answered yet, does not hold: the question waits.
AskedWhen = tuple[tuple[str, tuple[Any, ...]], ...]


@dataclass(frozen=True)
class Derived:
    """A fact computed from one answer, that a question's `asked_when` may name (e.g. "weekend" from
    a time), so the condition stays data a table or a chart can show."""

    id: str
    label: str
    of: str  # the question id it is computed from
    compute: Callable[[Any], Any]


@dataclass(frozen=True)
class Question:
    """One question a form asks: what kind of answer it takes, its default (`REQUIRED`: none), and when
    it is asked at all (`asked_when`)."""

    id: str
    label: str
    kind: str
    options: tuple[Option, ...] = ()
    default: Any = REQUIRED
    help: str = ""
    asked_when: AskedWhen | None = None  # None: always asked
    # A required question that another one answers: missing is fine when that answer is non-empty.
    answered_by: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"question {self.id}: unknown kind {self.kind!r}")
        if self.kind in ("choice", "multi-choice") and not self.options:
            raise ValueError(f"question {self.id}: a {self.kind} needs options")

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def as_schema(self) -> dict[str, Any]:
        default: Any
        if self.default is REQUIRED:
            default = None
        elif self.default is NOW:
            default = "now"
        elif isinstance(self.default, tuple):
            default = list(self.default)
        else:
            default = self.default
        schema: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "required": self.required,
            "default": default,
            "help": self.help,
            "options": [{"value": o.value, "label": o.label} for o in self.options],
            "asked_when": self.asked_when,
        }
        schema["asked_when"] = None if self.asked_when is None else describe_condition(self.asked_when)
        if self.answered_by:
            schema["answered_by"] = self.answered_by
        aliases = {a: o.value for o in self.options for a in o.aliases}
        if aliases:
            schema["aliases"] = aliases
        return schema


def describe_condition(condition: AskedWhen) -> dict[str, Any]:
    """`{"all": [{"key": id, "in": [values]}, ...]}`: JSON any face (form, table, chart) can read."""
    return {"all": [{"key": key, "in": list(allowed)} for key, allowed in condition]}


@dataclass(frozen=True)
class Fact:
    """A column of the decision table: an answer as asked, or something derived from answers."""

    id: str
    label: str
    values: tuple[tuple[Any, str], ...] = ((True, "yes"), (False, "no"))

    def label_of(self, value: Any) -> str:
        for known, label in self.values:
            if known == value and type(known) is type(value):
                return label
        return str(value)


@dataclass(frozen=True)
class Outcome:
    """One decision a checker can reach: what to do, the handbook sections it rests on, and the text to
    say to the customer."""

    code: str
    title: str
    actions: tuple[str, ...]
    tags: tuple[str, ...] = ()
    cite: tuple[str, ...] = ()  # handbook anchors, see handbook.SECTIONS
    say: str = ""  # copy-ready text for the customer, in the handbook's words where it has them


@dataclass(frozen=True)
class Rule:
    """One row: when every named fact has one of the listed values, the outcome applies.

    Rows are read top to bottom and the first match wins, so a row only needs the facts that
    separate it from the rows above it. `because` says in one line why, in the handbook's terms.
    """

    when: Mapping[str, tuple[Any, ...]]
    outcome: str
    because: str
    cite: tuple[str, ...] = ()

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return all(
            any(facts[fact] == v and type(facts[fact]) is type(v) for v in allowed)
            for fact, allowed in self.when.items()
        )


Derive = Callable[[Mapping[str, Any]], dict[str, Any]]
Finish = Callable[[Mapping[str, Any], Mapping[str, Any], dict[str, Any]], dict[str, Any]]


def _same(values: Mapping[str, Any]) -> dict[str, Any]:
    return dict(values)


def _unchanged(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    return result


@dataclass(frozen=True)
class Checker:
    """A whole checker: its questions, its decision table (facts, rules top to bottom, outcomes), the
    handbook sections it implements and the notes on where the handbook is silent."""

    name: str
    title: str
    summary: str
    questions: tuple[Question, ...]
    facts: tuple[Fact, ...]
    outcomes: tuple[Outcome, ...]
    rules: tuple[Rule, ...]
    cite: tuple[str, ...]  # the sections the checker as a whole implements
    derive: Derive = _same
    finish: Finish = _unchanged
    notes: tuple[str, ...] = field(default=())  # where the handbook is silent or ambiguous
    derived: tuple[Derived, ...] = ()  # facts the questions' `asked_when` may name
    # The result fields the page lists under "Details" (None: every plain value `finish` added); a
    # field the checker shows in a picture or a clock of its own is left out here, not hidden by JS.
    shown_fields: tuple[str, ...] | None = None
    # What "Details" calls each field it may list: the reader never sees a raw field name.
    field_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        keys = {q.id for q in self.questions} | {d.id for d in self.derived}
        for q in self.questions:
            for key, _ in q.asked_when or ():
                if key not in keys or key == q.id:
                    raise ValueError(
                        f"{self.name}: question {q.id} is asked when {key!r}, which is not a question or derived fact"
                    )
        codes = [o.code for o in self.outcomes]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.name}: duplicate outcome codes")
        fact_ids = {f.id for f in self.facts}
        for rule in self.rules:
            if rule.outcome not in codes:
                raise ValueError(f"{self.name}: rule names unknown outcome {rule.outcome!r}")
            unknown = set(rule.when) - fact_ids
            if unknown:
                raise ValueError(f"{self.name}: rule uses unknown facts {sorted(unknown)}")
        for anchor in self.cite + tuple(a for r in self.rules for a in r.cite):
            section(anchor)  # raises for an anchor the handbook does not have

    def outcome(self, code: str) -> Outcome:
        for outcome in self.outcomes:
            if outcome.code == code:
                return outcome
        raise KeyError(code)

    def question(self, qid: str) -> Question:
        for question in self.questions:
            if question.id == qid:
                return question
        raise KeyError(qid)

    def first_rule(self, facts: Mapping[str, Any]) -> Rule:
        for rule in self.rules:
            if rule.matches(facts):
                return rule
        raise LookupError(f"{self.name}: no rule matches {dict(facts)!r}")
