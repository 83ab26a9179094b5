import json

import pytest

from checkers import evaluate
from checkers.cli import main
from checkers.engine.model import InvalidAnswer


@pytest.mark.parametrize(
    ("case", "outcome", "tags", "cite"),
    [
        (
            "compromised-instance",
            "compromised-instance",
            ["Incident::Compromised Instance"],
            "special-handling/#compromised-instances",
        ),
        (
            "single-user-same-day-purchase",
            "engage-manager-before-call",
            [],
            "special-handling/#single-user-same-day-purchases",
        ),
        ("other", "connect-with-manager", [], "special-handling/#special-handling-notes"),
    ],
    ids=lambda v: str(v),
)
def test_each_case_gets_its_outcome(case, outcome, tags, cite):
    result = evaluate("special-handling", {"case": case})
    assert result["outcome"] == outcome
    assert result["tags"] == tags
    assert result["cite"] == [cite]


def test_compromised_instance_uses_the_macro_then_the_steps_in_order_then_no_call():
    actions = evaluate("special-handling", {"case": "compromised-instance"})["actions"]
    assert "Use the Zendesk macro Incident::Compromised Instance" in actions[1]
    steps = actions[actions.index("The customer should:") + 1 : -1]
    assert [s.split(" ", 1)[0] for s in steps] == ["1.", "2.", "3.", "4.", "5."]
    assert steps[0] == "1. Shut the instance down immediately."
    assert "exact same version and restore their most recent backup" in steps[1]
    assert "Avoid exposing the new instance to the Internet" in steps[1]
    assert "gitlab-secrets.json" in steps[1] and "/var/opt/gitlab/backups" in steps[1]
    assert steps[2].startswith("3. Rotate secrets on the new instance:")
    assert "gitlab.rb" in steps[2] and "CI jobs" in steps[2] and "Runner registration tokens" in steps[2]
    assert "upgrade the new instance" in steps[3] and "remove network access restrictions" in steps[3]
    assert "forensics" in steps[4]
    assert actions[-1].startswith("Do not offer or join a call without engaging the Support Manager on-call")


def test_compromised_instance_gives_the_steps_as_structure():
    steps = evaluate("special-handling", {"case": "compromised-instance"})["customer_steps"]
    assert [len(s["points"]) for s in steps] == [0, 2, 3, 1, 0]
    assert steps[0] == {"step": "Shut the instance down immediately.", "points": []}


@pytest.mark.parametrize("case", ["single-user-same-day-purchase", "other"])
def test_other_outcomes_have_no_customer_steps(case):
    assert evaluate("special-handling", {"case": case})["customer_steps"] == []


def test_same_day_purchase_engages_the_manager_before_a_call():
    actions = evaluate("special-handling", {"case": "single-user-same-day-purchase"})["actions"]
    assert "engage the Support manager on-call before offering a call" in actions[-1]


def test_other_connects_with_the_manager():
    actions = evaluate("special-handling", {"case": "other"})["actions"]
    assert actions == [
        "If you think an emergency is special and not called out below, connect with the Support "
        "Manager On-call for help as how best to approach it."
    ]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({}, "case", id="missing"),
        pytest.param({"case": "ransomware"}, "case", id="unknown"),
        pytest.param({"case": True}, "case", id="wrong-type"),
    ],
)
def test_bad_input_names_the_field(answers, field, capsys):
    with pytest.raises(InvalidAnswer) as error:
        evaluate("special-handling", answers)
    assert error.value.field == field
    assert main(["evaluate", "special-handling", "--json", json.dumps(answers)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {field}: ") and err.count("\n") == 1
