"""Turn raw answers (JSON values from a form, a URL, a terminal) into typed values, or say which
field is wrong and what it accepts. Nothing here decides policy."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from checkers.engine.model import NOW, REQUIRED, Derived, InvalidAnswer, Question

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_date(field: str, raw: Any) -> date:
    if not isinstance(raw, str) or not _ISO_DATE.match(raw):
        raise InvalidAnswer(field, f"expected a date as YYYY-MM-DD, got {raw!r}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidAnswer(field, f"{raw!r} is not a date that exists") from None


def parse_datetime(field: str, raw: Any) -> datetime:
    if not isinstance(raw, str) or not _ISO_DATETIME.match(raw.strip()):
        raise InvalidAnswer(
            field, f"expected an ISO 8601 date-time with a UTC offset, e.g. 2024-03-09T22:15+11:00, got {raw!r}"
        )
    try:
        value = datetime.fromisoformat(raw.strip().replace("z", "Z"))
    except ValueError:
        raise InvalidAnswer(field, f"{raw!r} is not a date-time that exists") from None
    if value.tzinfo is None:
        raise InvalidAnswer(field, f"{raw!r} has no UTC offset; add one, e.g. +00:00 or Z")
    return value


def _boolean(q: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    raise InvalidAnswer(q.id, f"expected true or false, got {raw!r}")


def _choice(q: Question, raw: Any) -> str:
    if isinstance(raw, str):
        key = raw.strip().lower()
        for option in q.options:
            if key == option.value.lower() or key in (a.lower() for a in option.aliases):
                return option.value
    allowed = ", ".join(o.value for o in q.options)
    raise InvalidAnswer(q.id, f"expected one of {allowed}; got {raw!r}")


def _multi_choice(q: Question, raw: Any) -> tuple[str, ...]:
    """A list of option values (a form's checkbox group), in the options' order, each once. Not a
    string, not even one option's value: a link's comma-separated text is urlstate's to split."""
    if not isinstance(raw, (list, tuple)):
        allowed = ", ".join(o.value for o in q.options)
        hint = (
            f" (as a list: {json.dumps([p.strip() for p in raw.split(',') if p.strip()])})"
            if isinstance(raw, str)
            else ""
        )
        raise InvalidAnswer(q.id, f"expected a list of values from {allowed}; got {raw!r}{hint}")
    chosen = {_choice(q, item) for item in raw}
    return tuple(o.value for o in q.options if o.value in chosen)


def _date_list(q: Question, raw: Any) -> tuple[date, ...]:
    if isinstance(raw, str):  # a form's text box: dates separated by commas, spaces or lines
        raw = [part for part in re.split(r"[\s,;]+", raw) if part]
    if not isinstance(raw, (list, tuple)):
        raise InvalidAnswer(q.id, f"expected a list of dates as YYYY-MM-DD, got {raw!r}")
    return tuple(sorted({parse_date(q.id, item) for item in raw}))


def _text(q: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise InvalidAnswer(q.id, f"expected text, got {raw!r}")
    return raw.strip()


def _url(q: Question, raw: Any) -> str:
    text = _text(q, raw)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise InvalidAnswer(
            q.id, f"expected an http(s) URL such as https://example.zendesk.com/agent/tickets/1, got {raw!r}"
        )
    return text


# Each kind of question's parser: a raw JSON value in, the typed value out, or InvalidAnswer naming
# the question. urlstate reads a link's text through the same ones.
PARSERS: dict[str, Callable[[Question, Any], Any]] = {
    "boolean": _boolean,
    "choice": _choice,
    "multi-choice": _multi_choice,
    "datetime": lambda q, raw: parse_datetime(q.id, raw),
    "date": lambda q, raw: parse_date(q.id, raw),
    "date-list": _date_list,
    "text": _text,
    "url": _url,
}


def _missing(raw: Any) -> bool:
    return raw is None or raw == ""


class _Asking:
    """Which questions are asked for a set of raw answers: each `asked_when` is read against the
    parsed answers of the questions it names (a bad or missing answer there means "not asked yet")."""

    def __init__(
        self,
        questions: tuple[Question, ...],
        answers: Mapping[str, Any],
        now: Callable[[], datetime],
        derived: tuple[Derived, ...],
        parse: Callable[[Question, Any], Any],
    ) -> None:
        self.by_id = {q.id: q for q in questions}
        self.derived = {d.id: d for d in derived}
        self.answers, self.now, self.parse = answers, now, parse
        self._asked: dict[str, bool] = {}
        self._busy: set[str] = set()

    def value(self, qid: str) -> tuple[bool, Any]:
        """(known, value) of an asked question: given and valid, or its default."""
        q = self.by_id[qid]
        if not self.asked(qid):
            return False, None
        raw = self.answers.get(qid)
        if _missing(raw):
            if q.default is REQUIRED:
                return False, None
            return True, self.now() if q.default is NOW else q.default
        try:
            return True, self.parse(q, raw)
        except Exception:  # noqa: BLE001 - a bad value counts as not given
            return False, None

    def holds(self, key: str, allowed: tuple[Any, ...]) -> bool:
        derived = self.derived.get(key)
        source = derived.of if derived else key
        if source not in self.by_id:  # a caller parsing some questions only: ask, so the value is checked
            return True
        known, value = self.value(source)
        if not known:
            return False
        if derived:
            try:
                value = derived.compute(value)
            except Exception:  # noqa: BLE001 - a value the fact cannot be computed from: not asked
                return False
        return any(value == a and type(value) is type(a) for a in allowed)

    def asked(self, qid: str) -> bool:
        if qid not in self._asked:
            condition = self.by_id[qid].asked_when
            if condition is None:
                self._asked[qid] = True
            elif qid in self._busy:  # a circular condition: never asked
                return False
            else:
                self._busy.add(qid)
                self._asked[qid] = all(self.holds(key, allowed) for key, allowed in condition)
                self._busy.discard(qid)
        return self._asked[qid]


def _parse_one(q: Question, raw: Any) -> Any:
    return PARSERS[q.kind](q, raw)


def asked_ids(
    questions: tuple[Question, ...],
    answers: Mapping[str, Any],
    now: Callable[[], datetime],
    derived: tuple[Derived, ...] = (),
    parse: Callable[[Question, Any], Any] = _parse_one,
) -> list[str]:
    """The ids of the questions asked for these raw answers, in order. Never raises."""
    if not isinstance(answers, Mapping):
        answers = {}
    asking = _Asking(questions, answers, now, derived, parse)
    return [q.id for q in questions if asking.asked(q.id)]


def parse_answers(
    questions: tuple[Question, ...],
    answers: Mapping[str, Any],
    now: Callable[[], datetime],
    derived: tuple[Derived, ...] = (),
) -> dict[str, Any]:
    """Typed values for every question. A question that is not asked gets its default (None when it
    has none) whatever was given for it: an answer that cannot matter is ignored, not refused."""
    if not isinstance(answers, Mapping):
        raise InvalidAnswer("answers", f"expected an object of answers keyed by question id, got {answers!r}")
    known = {q.id for q in questions}
    for key in answers:
        if key not in known:
            raise InvalidAnswer(
                str(key), f"is not a question of this checker; expected one of {', '.join(sorted(known))}", "unknown"
            )
    asking = _Asking(questions, answers, now, derived, _parse_one)
    by_id = {q.id: q for q in questions}
    values: dict[str, Any] = {}
    for q in questions:
        raw = answers.get(q.id)
        if not asking.asked(q.id):
            values[q.id] = None if q.default is REQUIRED else now() if q.default is NOW else q.default
        elif _missing(raw):
            if q.default is REQUIRED:
                other = q.answered_by
                if other and asking.asked(other) and not _missing(answers.get(other)):
                    if _parse_one(by_id[other], answers[other]):  # raises naming the other question
                        values[q.id] = None
                        continue
                raise InvalidAnswer(q.id, "is required", "required")
            values[q.id] = now() if q.default is NOW else q.default
        else:
            values[q.id] = _parse_one(q, raw)
    return values


def to_json(value: Any) -> Any:
    """Answers as JSON again, so a result says exactly what it was computed from."""
    if isinstance(value, datetime):
        return (
            value.isoformat(timespec="minutes") if value.second == 0 and value.microsecond == 0 else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_json(v) for v in value]
    return value
