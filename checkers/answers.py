"""Turn raw answers (JSON values from a form, a URL, a terminal) into typed values, or say which
field is wrong and what it accepts. Nothing here decides policy."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from .model import NOW, REQUIRED, InvalidAnswer, Question

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
    if isinstance(raw, str):  # a form or a link gives the values separated by commas
        raw = [part for part in raw.split(",") if part.strip()]
    if not isinstance(raw, (list, tuple)):
        raise InvalidAnswer(q.id, f"expected a list of {', '.join(o.value for o in q.options)}; got {raw!r}")
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
        raise InvalidAnswer(q.id, f"expected an http(s) URL such as https://example.zendesk.com/agent/tickets/1, got {raw!r}")
    return text


_PARSERS: dict[str, Callable[[Question, Any], Any]] = {
    "boolean": _boolean,
    "choice": _choice,
    "multi-choice": _multi_choice,
    "datetime": lambda q, raw: parse_datetime(q.id, raw),
    "date": lambda q, raw: parse_date(q.id, raw),
    "date-list": _date_list,
    "text": _text,
    "url": _url,
}


def parse_answers(
    questions: tuple[Question, ...], answers: Mapping[str, Any], now: Callable[[], datetime]
) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        raise InvalidAnswer("answers", f"expected an object of answers keyed by question id, got {answers!r}")
    known = {q.id for q in questions}
    for key in answers:
        if key not in known:
            raise InvalidAnswer(
                str(key), f"is not a question of this checker; expected one of {', '.join(sorted(known))}", "unknown"
            )
    values: dict[str, Any] = {}
    for q in questions:
        raw = answers.get(q.id)
        if raw is None or raw == "" or (q.kind == "multi-choice" and raw == []):
            if q.default is REQUIRED and q.kind != "multi-choice":
                raise InvalidAnswer(q.id, "is required", "required")
            values[q.id] = now() if q.default is NOW else (() if q.default is REQUIRED else q.default)
            continue
        values[q.id] = _PARSERS[q.kind](q, raw)
    return values


def to_json(value: Any) -> Any:
    """Answers as JSON again, so a result says exactly what it was computed from."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes") if value.second == 0 and value.microsecond == 0 else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [to_json(v) for v in value]
    return value
