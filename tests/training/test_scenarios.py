"""The scenario library: every answer key is the checkers' own output, every example the issue asks
for is there and says what its story says, and a malformed scenario is refused naming file and field."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

import checkers
from checkers.web import bridge
from site_build.render import drills as drill_pages
from training import flow_library, library

SCENARIOS = library.load_all()
BY_ID = {s.id: s for s in SCENARIOS}


def checker_key(result: dict, question: library.Question) -> str:
    """Read the key off a result, written out here rather than imported, as a second opinion."""
    if question.asks == "outcome":
        return result["outcome"]
    if question.asks == "macro":
        return result["tags"][-1] if result["tags"] else "none"
    value = result[question.field]
    return "none" if value is None else str(value)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_answer_key_is_the_checkers_output(scenario):
    result = checkers.evaluate(scenario.checker, scenario.answers)
    keys = scenario.keys()
    card = drill_pages.card_html(scenario, 1, "../")
    for key in keys:
        question = key.question
        expected = checker_key(result, question)
        assert key.key == expected
        covering = [i for i, c in enumerate(question.choices) if expected in c.values]
        assert covering == [key.choice], f"{question.id}: exactly one choice must cover {expected!r}"
        # The browser's grade (the worker runs this same bridge) agrees, for every choice.
        for index in range(len(question.choices)):
            reply = json.loads(
                bridge.handle(
                    json.dumps(
                        {
                            "op": "grade",
                            "checker": scenario.checker,
                            "answers": scenario.answers,
                            "question": question.as_spec(),
                            "choice": index,
                        }
                    )
                )
            )
            assert reply["ok"], reply
            assert reply["result"]["correct"] is (index == key.choice)
            assert reply["result"]["sources"] == result["sources"]
        # And the facilitator card prints that choice as the expected decision.
        assert f"{'ABCDEFGHIJ'[key.choice]}. {drill_pages.escape(key.label)}</p>" in card


def test_every_checker_has_a_scenario():
    assert {s.checker for s in SCENARIOS} == set(checkers.names())


def test_the_library_is_big_enough_for_an_hour():
    assert len(SCENARIOS) >= 20
    assert {s.difficulty for s in SCENARIOS} == set(library.DIFFICULTIES)


def _local(answer: str) -> datetime:
    return datetime.fromisoformat(answer)


# The situations the drill library must cover, each with what its facts must say for the story to be that situation.
REQUIRED_EXAMPLES = {
    "saas-feature-flag-broke-merges": lambda s, r: s.answers["category"] == "feature-flag",
    "saas-regression-broke-pipelines": lambda s, r: s.answers["category"] == "regression",
    "saas-saml-lockout": lambda s, r: s.answers["category"] == "customer-specific" and "SAML" in s.story.ticket,
    "saas-ci-minutes-deploy": lambda s, r: s.answers["category"] == "ci-minutes",
    "saas-storage-quota": lambda s, r: s.answers["category"] == "storage",
    "licence-friday-night-within-grace": lambda s, r: (
        _local(s.answers["now"]).weekday() == 4
        and _local(s.answers["now"]).hour >= 18
        and s.answers["deployment"] == "self-managed"
    ),
    "licence-friday-night-grace-ran-out": lambda s, r: (
        _local(s.answers["now"]).weekday() == 4 and _local(s.answers["now"]).hour >= 18
    ),
    "licence-weekday-expiry": lambda s, r: (
        _local(s.answers["now"]).weekday() < 4 and s.answers["deployment"] == "self-managed"
    ),
    "concurrent-apac-weekend-in-trial": lambda s, r: (
        r["facts"]["region"] == "APAC" and r["facts"]["weekend"] and r["facts"]["in_trial_window"]
    ),
    "concurrent-apac-weekend-after-trial": lambda s, r: (
        r["facts"]["region"] == "APAC" and r["facts"]["weekend"] and not r["facts"]["in_trial_window"]
    ),
    "us-federal-0430-pacific": lambda s, r: r["pacific_time"][11:16] == "04:30",
    "us-federal-1659-pacific": lambda s, r: r["pacific_time"][11:16] == "16:59",
    "special-compromised-instance": lambda s, r: s.answers["case"] == "compromised-instance",
    "entitlement-single-user-same-day": lambda s, r: s.answers["single_user_same_day_purchase"] is True,
    "saas-widespread-incident": lambda s, r: s.answers["category"] == "widespread-incident",
    "follow-up-no-answer-15": lambda s, r: r["facts"]["since_contact"] == "15-to-30",
    "follow-up-no-answer-30": lambda s, r: r["facts"]["since_contact"] == "30-or-more",
    "entitlement-free-user": lambda s, r: r["facts"]["plan_standing"] == "free" and not r["facts"]["org_associated"],
    "qualification-too-little-info": lambda s, r: r["outcome"] == "needs-more-info",
}


@pytest.mark.parametrize("sid", sorted(REQUIRED_EXAMPLES))
def test_the_issues_examples_are_in_the_library_and_their_facts_fit_the_story(sid):
    assert sid in BY_ID, f"missing scenario {sid}"
    scenario = BY_ID[sid]
    assert REQUIRED_EXAMPLES[sid](scenario, scenario.result())


def test_the_right_answer_is_not_given_away_by_its_position_or_length():
    positions, longest = Counter(), 0
    keys = [key for s in SCENARIOS for key in s.keys()]
    for key in keys:
        positions[key.choice] += 1
        lengths = sorted((len(c.label) for c in key.question.choices), reverse=True)
        if len(key.label) == lengths[0] and len(key.label) >= 1.3 * lengths[1]:
            longest += 1
    assert max(positions.values()) <= len(keys) / 2, positions
    assert longest <= len(keys) / 10, f"{longest} of {len(keys)} right answers are by far the longest choice"


# Words that decide, not describe: a title saying them tells the trainee the answer before the story.
VERDICT_WORDS = (
    "qualifies",
    "does not qualify",
    "it does not",
    "an exception",
    "not an emergency",
    "strict definition",
    "needs more info",
    "entitled",
)


@pytest.mark.parametrize("drill", [*SCENARIOS, *flow_library.load_all()], ids=lambda d: d.id)
def test_a_title_describes_the_situation_and_never_the_answer(drill):
    title = drill.title.lower()
    assert not any(word in title for word in VERDICT_WORDS), drill.title
    keys = drill.keys()
    labels = [
        k.label if isinstance(k, library.Key) else q.choices[k["choice"]].label
        for q, k in zip(drill.questions, keys, strict=True)
    ]
    # A choice of a word or two ("No", "Yes") may be in any sentence; a longer one in the title is the answer.
    assert not any(label.lower() in title for label in labels if len(label.split()) > 2), (
        f"{drill.title!r} holds its answer"
    )


def test_the_drill_page_data_holds_no_answer_key():
    for scenario in SCENARIOS:
        payload = drill_pages.drill_payload(scenario)
        assert set(payload) == {
            "id",
            "version",
            "title",
            "difficulty",
            "seconds",
            "story",
            "facts",
            "known",
            "questions",
            "whole_page",
            "sections",
        }
        assert payload["sections"] and all(set(s) >= {"anchor", "title", "href"} for s in payload["sections"])
        for question in payload["questions"]:
            assert set(question) <= {"id", "prompt", "asks", "field", "choices"}
            for choice in question["choices"]:
                assert set(choice) == {"value", "label"}


# ---- a malformed scenario is refused, naming the file and the field -----------------------------

VALID = """
id = "{id}"
title = "A second page on an APAC Saturday"
difficulty = "advanced"

[story]
time = 2023-01-14T10:05:00+10:00
region = "APAC"
ticket = "Our instance is down."

[facts]
checker = "concurrent"

[facts.answers]
at = 2023-01-14T10:05:00+10:00
region = "APAC"
handling_other_emergency = true

[[questions]]
id = "new-page"
prompt = "What do you do with the new page?"
asks = "outcome"
choices = [
  {{ value = "handle", label = "Own it" }},
  {{ value = "contact-manager", label = "Contact the Support Manager" }},
  {{ value = "escalate-page", label = "Escalate the page" }},
]
"""


def write(tmp_path: Path, text: str, name: str = "apac-drill") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text.format(id=name), encoding="utf-8")
    return path


def test_the_valid_example_loads(tmp_path):
    scenario = library.load(write(tmp_path, VALID))
    assert [k.key for k in scenario.keys()] == ["escalate-page"]


BROKEN = [
    (
        "naive-time",
        ("at = 2023-01-14T10:05:00+10:00\nregion", "at = 2023-01-14T10:05:00\nregion"),
        "facts.answers.at",
        "no UTC offset",
    ),
    (
        "missing-time",
        ("at = 2023-01-14T10:05:00+10:00\nregion", "region"),
        "facts.answers.at",
        "never depends on the clock",
    ),
    (
        "unknown-answer",
        ("handling_other_emergency = true", 'handling_other_emergency = true\nweather = "rain"'),
        "facts.answers.weather",
        "is not a question of this checker",
    ),
    (
        "bad-answer",
        ('region = "APAC"\nhandling', 'region = "Mars"\nhandling'),
        "facts.answers.region",
        "expected one of AMER, EMEA, APAC",
    ),
    (
        "unknown-checker",
        ('checker = "concurrent"', 'checker = "concurent"'),
        "facts.checker",
        "unknown checker 'concurent'",
    ),
    (
        "bad-difficulty",
        ('difficulty = "advanced"', 'difficulty = "hard"'),
        "difficulty",
        "expected one of introductory",
    ),
    ("no-title", ('title = "A second page on an APAC Saturday"\n', ""), "title", "is required"),
    (
        "typo-field",
        ('difficulty = "advanced"', 'difficulty = "advanced"\ndificulty = "x"'),
        "dificulty",
        "is not a known field",
    ),
    (
        "bad-outcome",
        ('value = "handle"', 'value = "handel"'),
        "questions[0].choices[0].value",
        "not an outcome of checker concurrent",
    ),
    (
        "key-not-covered",
        ('  {{ value = "escalate-page", label = "Escalate the page" }},\n', ""),
        "questions[0].choices",
        "no choice covers the answer key 'escalate-page'",
    ),
    (
        "story-naive-time",
        ("time = 2023-01-14T10:05:00+10:00", "time = 2023-01-14T10:05:00"),
        "story.time",
        "no UTC offset",
    ),
    ("bad-region", ('region = "APAC"\nticket', 'region = "Asia"\nticket'), "story.region", "expected one of AMER"),
    (
        "no-label",
        ('{{ value = "handle", label = "Own it" }}', '{{ value = ["handle", "contact-manager"] }}'),
        "questions[0].choices[0].label",
        "is required",
    ),
    (
        "field-without-name",
        ('asks = "outcome"', 'asks = "field"'),
        "questions[0].field",
        "needs the name of a result field",
    ),
    (
        "toml-syntax",
        ('title = "A second page on an APAC Saturday"', 'title = "unterminated'),
        "(file)",
        "not valid TOML",
    ),
]


@pytest.mark.parametrize("name, edit, field, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_malformed_scenario_is_refused_naming_file_and_field(tmp_path, name, edit, field, message):
    old, new = edit
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(library.ScenarioError) as caught:
        library.load(path)
    error = caught.value
    assert error.field == field
    assert message in error.message
    assert str(error).startswith(f"{path}: {field}: ")


def test_the_id_must_match_the_file_name(tmp_path):
    path = tmp_path / "other-name.toml"
    path.write_text(VALID.format(id="apac-drill"), encoding="utf-8")
    with pytest.raises(library.ScenarioError, match=r"other-name.toml: id: 'apac-drill' must match the file name"):
        library.load(path)


def test_a_library_file_is_named_relative_to_the_repository():
    error = library.ScenarioError(library.SCENARIOS / "x.toml", "id", "bad")
    assert str(error) == "training/scenarios/x.toml: id: bad"
