"""A page's answers in its URL query, so a link to the page brings them back.

Keys are `<namespace>.<answer id>`, e.g. `entitlement.plan=premium`: the namespace is a checker's
name (or `response-texts`), so several widgets on one page never collide. Only known keys are kept,
the first of a repeated key wins, and the query is written sorted with every value percent-encoded
(no `<`, `>`, quotes or spaces can appear in it). Values equal to the question's default are left
out: the link carries what the reader chose, nothing more.

`read(query, namespace)` gives that namespace's answers as JSON values ready for the form, with an
error message for each value that is not valid (the page shows it next to the field) and the raw
text of that value. `write(query, namespace, answers)` puts a widget's answers into the query and
returns the new one. Neither raises, whatever the query holds: the link may come from anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, quote

from checkers.engine import registry
from checkers.engine.answers import PARSERS, to_json
from checkers.engine.model import NOW, REQUIRED, InvalidAnswer, Question
from checkers.texts import response_texts

MAX_QUERY_LENGTH = 8192  # a longer query is cut here: no answer needs more
MAX_VALUE_LENGTH = 2048
MAX_FIELDS = 200

# A `+` in a query means a space, so an offset pasted unencoded (`22:15+11:00`) arrives as `22:15 11:00`.
_SPACED_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?) (\d{2}:?\d{2})$")
_TRUE, _FALSE = ("true", "yes"), ("false", "no")


def namespaces() -> dict[str, tuple[Question, ...]]:
    """Every namespace a query may hold. Imports every checker: the page itself uses `_space`."""
    spaces = {name: registry.get(name).questions for name in registry.names()}
    spaces[response_texts.NAMESPACE] = response_texts.QUESTIONS
    spaces[_FLOW_NAMESPACE] = _flow_questions()
    return spaces


_FLOW_NAMESPACE = "paged"  # the guided response's own answers (checkers.flows.paged.NAMESPACE)


def _flow_questions() -> tuple[Question, ...]:
    from checkers.flows.paged import QUESTIONS  # imported on demand: only the guided page needs it

    return QUESTIONS


def flow_answers(query: Any) -> dict[str, Any]:
    """Every valid answer of the query keyed `<namespace>.<answer id>`, as the flow takes them."""
    answers: dict[str, Any] = {}
    for space in _pairs(query):
        for answer_id, value in read(query, space)["answers"].items():
            answers[f"{space}.{answer_id}"] = value
    return answers


def _space(namespace: Any) -> tuple[Question, ...] | None:
    """One namespace's questions, or None. Only that checker's module is imported (the registry
    loads by name), so a page with one widget does not import every checker to read its link."""
    if not isinstance(namespace, str) or not namespace:
        return None
    if namespace == response_texts.NAMESPACE:
        return response_texts.QUESTIONS
    if namespace == _FLOW_NAMESPACE:
        return _flow_questions()
    try:
        return registry.get(namespace).questions
    except InvalidAnswer:
        return None


def _typed(q: Question, text: str) -> Any:
    """The value a checker expects from the text of a URL, or InvalidAnswer naming the question."""
    if len(text) > MAX_VALUE_LENGTH:
        raise InvalidAnswer(q.id, f"is too long ({len(text)} characters; at most {MAX_VALUE_LENGTH})")
    if q.kind == "boolean":
        key = text.strip().lower()
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise InvalidAnswer(q.id, f"expected true or false, got {text!r}")
    if q.kind == "multi-choice":  # a link carries the list as comma-separated values (see _text_of)
        return PARSERS[q.kind](q, [part.strip() for part in text.split(",") if part.strip()])
    if q.kind == "datetime":
        text = _SPACED_OFFSET.sub(r"\1+\2", text.strip())
    return PARSERS[q.kind](q, text)


def _text_of(value: Any) -> str | None:
    """An answer as the text a URL carries; None for what no form field could have produced."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return ",".join(value)
    return None


def _is_default(q: Question, value: Any) -> bool:
    if q.default is REQUIRED or q.default is NOW:
        return False
    default = list(q.default) if isinstance(q.default, tuple) else q.default
    return value == default and type(value) is type(default)


def _check(q: Question, text: str) -> tuple[Any, str | None]:
    """(JSON value, None) for a valid text, (None, message) otherwise."""
    try:
        return to_json(_typed(q, text)), None
    except InvalidAnswer as error:
        return None, error.message
    except Exception as error:  # a parser bug must not break the page: report it on the field
        return None, f"could not be read ({type(error).__name__})"


def _pairs(query: Any) -> dict[str, dict[str, str]]:
    """The query's known keys, by namespace and answer id, first occurrence wins."""
    if not isinstance(query, str):
        return {}
    query = query[:MAX_QUERY_LENGTH]
    if query.startswith("?"):
        query = query[1:]
    spaces: dict[str, tuple[Question, ...] | None] = {}
    found: dict[str, dict[str, str]] = {}
    try:
        items = parse_qsl(query, keep_blank_values=False, max_num_fields=None)[:MAX_FIELDS]
    except ValueError:
        return {}
    for key, value in items:
        namespace, dot, answer_id = key.partition(".")
        if not dot:
            continue
        if namespace not in spaces:
            spaces[namespace] = _space(namespace)
        questions = spaces[namespace]
        if questions is None or answer_id not in {q.id for q in questions}:
            continue
        found.setdefault(namespace, {}).setdefault(answer_id, value)
    return found


def _questions(namespace: Any) -> tuple[Question, ...]:
    questions = _space(namespace)
    if questions is None:
        known = ", ".join(sorted(namespaces()))
        raise InvalidAnswer("name", f"unknown namespace {namespace!r}; expected one of {known}", "unknown")
    return questions


def read(query: Any, namespace: Any) -> dict[str, Any]:
    """`{"answers": {id: value}, "errors": {id: message}, "raw": {id: text}}` for one namespace (anything
    else than a namespace's name raises InvalidAnswer naming `name`)."""
    questions = _questions(namespace)
    given = _pairs(query).get(namespace, {})
    state: dict[str, Any] = {"answers": {}, "errors": {}, "raw": {}}
    for q in questions:
        if q.id not in given:
            continue
        value, error = _check(q, given[q.id])
        if error is None:
            state["answers"][q.id] = value
        else:
            state["errors"][q.id] = error
            state["raw"][q.id] = given[q.id][:MAX_VALUE_LENGTH]
    return state


def _normalised(q: Question, text: str) -> str | None:
    """The text to keep in the URL: canonical when valid, as given when not, nothing for a default."""
    if text == "":
        return None
    value, error = _check(q, text)
    if error is not None:
        return text[:MAX_VALUE_LENGTH]  # kept, so the link shows the same complaint next to the field
    if _is_default(q, value):
        return None
    return _text_of(value)


def serialise(pairs: Mapping[str, str]) -> str:
    """`?a=1&b=2` sorted by key, every value percent-encoded; `""` when there is nothing to keep."""
    if not pairs:
        return ""
    return "?" + "&".join(
        f"{quote(key, safe='.-_')}={quote(value, safe='-_.~:/@,')}" for key, value in sorted(pairs.items())
    )


def _asked(namespace: str, answers: Mapping[str, Any]) -> set[str]:
    """The questions asked for these JSON answers: a link never holds an answer that
    cannot matter."""
    if namespace in (response_texts.NAMESPACE, _FLOW_NAMESPACE):
        return {q.id for q in _questions(namespace)}
    return set(registry.asked_questions(namespace, answers))


def _texts_as_json(questions: tuple[Question, ...], given: Mapping[str, str]) -> dict[str, Any]:
    by_id = {q.id: q for q in questions}
    return {answer_id: _check(by_id[answer_id], text)[0] for answer_id, text in given.items()}


def _flow_presets(query: Any, namespace: str, answers: Any) -> dict[str, dict[str, Any]]:
    """On the guided page (the query holds the flow's own answers), the answers the path gives each
    checker's form: a question they make matter is kept in the link although its form leaves them
    out (the path's, not the engineer's). With `namespace`'s new `answers` in place."""
    combined = {key: value for key, value in flow_answers(query).items() if not key.startswith(f"{namespace}.")}
    if isinstance(answers, Mapping):
        combined.update({f"{namespace}.{k}": v for k, v in answers.items()})
    if not any(key.startswith(f"{_FLOW_NAMESPACE}.") for key in combined):
        return {}
    from checkers import flows

    try:
        return flows.run_for_page(_FLOW_NAMESPACE, combined)[1]
    except InvalidAnswer:
        return {}


def write(query: Any, namespace: Any, answers: Any) -> str:
    """The query with `namespace`'s answers replaced by `answers` and every other known key kept."""
    questions = _questions(namespace)
    presets = _flow_presets(query, namespace, answers)
    pairs: dict[str, str] = {}
    for space, given in _pairs(query).items():
        if space == namespace:
            continue
        by_id = {q.id: q for q in _space(space) or ()}
        asked = _asked(space, {**presets.get(space, {}), **_texts_as_json(tuple(by_id.values()), given)})
        for answer_id, text in given.items():
            if answer_id not in asked:
                continue
            kept = _normalised(by_id[answer_id], text)
            if kept is not None:
                pairs[f"{space}.{answer_id}"] = kept
    if isinstance(answers, Mapping):
        asked = _asked(namespace, {**presets.get(namespace, {}), **answers})
        for q in questions:
            if q.id not in asked:
                continue
            answer_text = _text_of(answers.get(q.id))
            kept = _normalised(q, answer_text) if answer_text is not None else None
            if kept is not None:
                pairs[f"{namespace}.{q.id}"] = kept
    return serialise(pairs)


def handle(request: Mapping[str, Any]) -> dict[str, Any]:
    """The bridge's `read-url` and `write-url` operations."""
    if request.get("op") == "read-url":
        return read(request.get("query", ""), request.get("name"))
    return {"query": write(request.get("query", ""), request.get("name"), request.get("answers"))}
