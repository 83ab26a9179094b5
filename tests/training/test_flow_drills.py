"""Drills that walk a whole page: each step's key is the flow's own walk of the facts,
exactly one choice covers it, and the worker's grade agrees."""

from __future__ import annotations

import json

import pytest

from checkers import flows
from checkers.web import bridge
from training import flow_library
from training.library import ScenarioError

DRILLS = flow_library.load_all()


def grade(drill, question, choice):
    """The worker's grade of one step, through the bridge as the page asks it."""
    request = {
        "op": "grade",
        "flow": drill.flow,
        "answers": drill.answers,
        "question": question.as_spec(),
        "choice": choice,
    }
    return json.loads(bridge.handle(json.dumps(request)))


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_each_step_is_graded_by_the_flows_walk(drill):
    walk = {s["id"]: s for s in flows.run(drill.flow, drill.answers)["steps"]}
    for question, key in zip(drill.questions, drill.keys(), strict=True):
        step = walk[question.field]
        assert key["key"] == (step["outcome"] or step["status"])
        covering = [i for i, c in enumerate(question.choices) if key["key"] in c.values]
        assert covering == [key["choice"]]
        for index in range(len(question.choices)):
            reply = grade(drill, question, index)
            assert reply["ok"], reply
            assert reply["result"]["correct"] is (index == key["choice"])


def test_the_graded_step_carries_its_reason_and_its_handbook_sections_with_titles():
    drill = next(d for d in DRILLS if d.id == "paged-saas-public-incident")
    reply = grade(drill, drill.questions[0], 0)
    result = reply["result"]
    assert result["because"] == result["step"]["because"] and result["title"] == result["step"]["title"]
    assert [s["href"] for s in result["sources"]] == result["step"]["cite"]
    assert "Broken functionality due to an incident" in [s["title"] for s in result["sources"]]


def test_each_walk_pins_the_handbook_sentences_it_stands_on():
    from handbook_tools import pins, review_cli

    walks = {d.name: d for d in pins.dependents(review_cli.SCENARIOS) if d.source.startswith("training/flows/")}
    assert sorted(walks) == sorted(d.id for d in DRILLS)
    assert all(d.kind == "scenario" and d.pins for d in walks.values())


def test_the_three_walks_of_the_issue_are_drilled():
    keys = {d.id: [k["key"] for k in d.keys()] for d in DRILLS}
    assert keys["paged-free-user"] == ["free-user", "skipped", "skipped"]
    assert keys["paged-exception-courtesy"] == ["exception", "skipped", "skipped"]
    assert keys["paged-saas-public-incident"][:2] == ["known-incident", "skipped"]


def test_a_bad_drill_names_file_and_field(tmp_path):
    source = (flow_library.FLOW_DRILLS / "paged-free-user.toml").read_text(encoding="utf-8")
    path = tmp_path / "paged-free-user.toml"
    path.write_text(source.replace('step = "call"', 'step = "dance"'), encoding="utf-8")
    with pytest.raises(ScenarioError) as error:
        flow_library.parse(path, path.read_text(encoding="utf-8"))
    assert error.value.field == "steps[2].field" and "dance" in error.value.message
    path.write_text(source.replace('"entitlement.plan" = "free"', '"entitlement.plan" = "platinum"'), encoding="utf-8")
    with pytest.raises(ScenarioError) as error:
        flow_library.parse(path, path.read_text(encoding="utf-8"))
    assert error.value.field == "answers.entitlement.plan"
