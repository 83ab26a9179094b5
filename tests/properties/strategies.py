"""Hypothesis strategies derived from a checker's published schema (`checkers.schema(name)`), so
every checker, including ones added later, is fuzzed without a line written for it.

`valid_answers(schema)` draws answer sets the schema accepts: every required question answered,
optional ones answered, left out or left empty. `invalid_answers(schema)` draws a valid set with
exactly one thing wrong, and says which field an error must name."""

from __future__ import annotations

import string
from datetime import date, datetime, timedelta, timezone

from hypothesis import strategies as st

from checkers.engine import registry

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
AWARE_DATETIMES = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
    OFFSETS,
)
HOSTS = st.from_regex(r"\A[a-z0-9]{1,12}(\.[a-z0-9]{1,8}){1,3}\Z")
URL_PATHS = st.text(alphabet=string.ascii_letters + string.digits + "/-_.~?=&#%", max_size=30)


def _case_variants(word: str):
    return st.sampled_from([word, word.upper(), word.capitalize(), f" {word} "])


def _iso_datetime(value: datetime, style: int) -> str:
    if style == 0:
        return value.isoformat(timespec="minutes")
    if style == 1:
        return value.isoformat(timespec="seconds")
    if value.utcoffset() == timedelta(0):
        return value.strftime("%Y-%m-%dT%H:%MZ")
    return value.isoformat(timespec="minutes").replace("T", " ")


def valid_value(question: dict):
    kind = question["kind"]
    if kind == "choice":
        words = [o["value"] for o in question["options"]] + list(question.get("aliases", {}))
        return st.sampled_from(words).flatmap(_case_variants)
    if kind == "multi-choice":
        return st.lists(st.sampled_from([o["value"] for o in question["options"]]), max_size=4)
    if kind == "boolean":
        return st.booleans()
    if kind == "date":
        return DATES.map(date.isoformat)
    if kind == "datetime":
        return st.builds(_iso_datetime, AWARE_DATETIMES, st.integers(0, 2))
    if kind == "date-list":
        dates = st.lists(DATES.map(date.isoformat), max_size=6)
        return st.one_of(dates, dates.map(", ".join), dates.map("\n".join))
    if kind == "text":
        return st.text(max_size=80)
    if kind == "url":
        return st.builds(
            lambda scheme, host, path: f"{scheme}://{host}/{path}", st.sampled_from(["http", "https"]), HOSTS, URL_PATHS
        )
    raise AssertionError(f"no strategy for question kind {kind!r}: add one to tests/properties/strategies.py")


def valid_answers(schema: dict):
    """A dict of answers the schema accepts."""

    @st.composite
    def draw(draw_):
        answers = {}
        for question in schema["questions"]:
            if question["required"]:
                answers[question["id"]] = draw_(valid_value(question))
            else:
                how = draw_(st.sampled_from(["answer", "omit", "null", "empty"]))
                if how == "answer":
                    answers[question["id"]] = draw_(valid_value(question))
                elif how == "null":
                    answers[question["id"]] = None
                elif how == "empty":
                    answers[question["id"]] = ""
        return answers

    return draw()


def _rejected(question: dict, value) -> bool:
    """True when the value is not a valid answer to the question (so it can serve as a wrong one)."""
    kind = question["kind"]
    if value is None or value == "":
        return False  # empty means "not answered", which is valid for an optional question
    if kind == "choice":
        words = {o["value"].lower() for o in question["options"]} | {a.lower() for a in question.get("aliases", {})}
        return not (isinstance(value, str) and value.strip().lower() in words)
    if kind == "text":
        return not isinstance(value, str)
    if kind == "multi-choice":
        values = {o["value"] for o in question["options"]}
        return not (isinstance(value, list) and all(isinstance(i, str) and i.strip() in values for i in value))
    return True  # the strategies below only produce wrong values for the other kinds


def invalid_value(question: dict):
    kind = question["kind"]
    not_text = st.one_of(
        st.integers(),
        st.floats(allow_nan=False),
        st.lists(st.integers(), min_size=1, max_size=2),
        st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
    )
    markup = st.sampled_from(["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"])
    if kind == "choice":
        wrong = st.one_of(st.text(max_size=20), markup, not_text, st.booleans())
    elif kind == "boolean":
        wrong = st.one_of(st.sampled_from(["true", "false", "yes", "1", "0", "on"]), st.integers(), markup, not_text)
    elif kind == "date":
        wrong = st.one_of(
            st.sampled_from(["2023-02-30", "2024-13-01", "2024-1-1", "01/03/2024", "2024-03-01T10:00", "tomorrow"]),
            markup,
            not_text,
            st.booleans(),
            st.text(alphabet=string.ascii_letters, min_size=1, max_size=10),
        )
    elif kind == "datetime":
        wrong = st.one_of(
            st.sampled_from(
                ["2024-03-01T10:00", "2024-03-01", "2024-02-30T10:00+00:00", "10:00+01:00", "2024-03-01T25:00Z", "now"]
            ),
            AWARE_DATETIMES.map(lambda d: d.replace(tzinfo=None).isoformat(timespec="minutes")),  # no offset
            markup,
            not_text,
            st.booleans(),
        )
    elif kind == "date-list":
        wrong = st.one_of(
            st.sampled_from(["2024-02-30", "soon", "2024-03-01, nope"]),
            st.lists(st.sampled_from(["2024-13-01", "x", "2024/03/01"]), min_size=1, max_size=3),
            st.integers(),
            st.booleans(),
            markup,
        )
    elif kind == "text":
        wrong = not_text
    elif kind == "multi-choice":
        values = st.lists(st.sampled_from([o["value"] for o in question["options"]]), min_size=1, max_size=3)
        wrong = st.one_of(
            st.integers(),
            st.booleans(),
            markup,
            st.lists(st.text(max_size=8), min_size=1, max_size=3),
            values.map(",".join),  # a link's encoding, not an answer's
            st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
        )
    elif kind == "url":
        wrong = st.one_of(
            st.sampled_from(
                [
                    "ftp://example.com/x",
                    "example.com/ticket",
                    "https://",
                    "https://exa mple.com",
                    "javascript:alert(1)",
                    "data:text/html,<script>alert(1)</script>",
                ]
            ),
            markup,
            not_text,
        )
    else:
        raise AssertionError(f"no strategy for question kind {kind!r}: add one to tests/properties/strategies.py")
    return wrong.filter(lambda value: _rejected(question, value))


def invalid_answers(schema: dict):
    """(answers, field): a valid answer set with one thing wrong, and the field an error must name.
    Only a question asked for the answers can be wrong: an answer to one that is not asked is ignored."""
    all_questions = schema["questions"]
    known = {q["id"] for q in all_questions}

    @st.composite
    def draw(draw_):
        answers = draw_(valid_answers(schema))
        asked = set(registry.asked_questions(schema["checker"], answers))
        questions = [q for q in all_questions if q["id"] in asked]
        fault = draw_(st.sampled_from(["unknown-key", "missing", "wrong-value"]))
        required = [q for q in questions if q["required"]]
        if fault == "missing" and required:
            question = draw_(st.sampled_from(required))
            if question.get("answered_by"):  # answered by another question unless that one is empty
                answers[question["answered_by"]] = []
            answers[question["id"]] = draw_(st.sampled_from([None, "", "omit"]))
            if answers[question["id"]] == "omit":
                del answers[question["id"]]
            return answers, question["id"]
        if fault == "unknown-key" or not questions:
            key = draw_(st.text(min_size=1, max_size=20).filter(lambda k: k not in known))
            answers[key] = draw_(st.one_of(st.text(max_size=10), st.booleans(), st.none()))
            return answers, key
        question = draw_(st.sampled_from(questions))
        answers[question["id"]] = draw_(invalid_value(question))
        return answers, question["id"]

    return draw()
