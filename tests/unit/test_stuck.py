import json
from datetime import datetime

import pytest

from checkers import evaluate
from checkers.cli import main
from checkers.engine.model import InvalidAnswer

PHRASES = [
    "What have you done up until now to try to resolve this?",
    "Please give me a few minutes to check the documentation on that.",
    "I'm doing some research to find the answer to that; please give me a few minutes.",
    "I'm working on finding someone who has specific expertise in this area.",
    "I don't know the answer just yet, but I'm here for you and I will use all the resources at my disposal "
    "to get this resolved.",
]

SATURDAY, SUNDAY, WEDNESDAY = "2024-03-09T10:00+01:00", "2024-03-10T10:00+01:00", "2024-03-13T10:00+01:00"


@pytest.mark.parametrize(
    ("deployment", "at", "still_stuck", "cmoc_tried", "outcome"),
    [
        pytest.param("saas", SATURDAY, False, False, "coordinate", id="saas-weekend-still-progressing"),
        pytest.param("self-managed", WEDNESDAY, False, False, "coordinate", id="self-managed-still-progressing"),
        pytest.param("saas", SATURDAY, True, False, "ask-cmoc", id="saas-saturday-stuck"),
        pytest.param("saas", SUNDAY, True, False, "ask-cmoc", id="saas-sunday-stuck"),
        pytest.param("saas", SUNDAY, True, True, "manager-or-dev-escalation", id="saas-weekend-cmoc-tried"),
        pytest.param("saas", WEDNESDAY, True, False, "manager-or-dev-escalation", id="saas-weekday-no-cmoc-rung"),
        pytest.param(
            "self-managed", SATURDAY, True, False, "manager-or-dev-escalation", id="self-managed-weekend-no-cmoc-rung"
        ),
        # 08:00 Saturday in Sydney is 21:00 Friday in UTC: the weekend is judged on the engineer's clock.
        pytest.param("saas", "2024-03-09T08:00+11:00", True, False, "ask-cmoc", id="saturday-local-friday-utc"),
        # 20:00 Friday in California is 04:00 Saturday in UTC.
        pytest.param(
            "saas", "2024-03-08T20:00-08:00", True, False, "manager-or-dev-escalation", id="friday-local-saturday-utc"
        ),
    ],
)
def test_ladder(deployment, at, still_stuck, cmoc_tried, outcome):
    answers = {"deployment": deployment, "at": at, "still_stuck": still_stuck, "cmoc_tried": cmoc_tried}
    assert evaluate("stuck", answers)["outcome"] == outcome


@pytest.mark.parametrize(
    "answers",
    [
        {"deployment": "saas"},
        {"deployment": "saas", "at": SATURDAY, "still_stuck": True},
        {"deployment": "self-managed", "still_stuck": True},
    ],
    ids=["coordinate", "ask-cmoc", "manager-or-dev-escalation"],
)
def test_every_rung_carries_the_reminder_and_the_five_phrases(answers):
    result = evaluate("stuck", answers, now=datetime.fromisoformat(WEDNESDAY))
    assert result["phrases"] == PHRASES
    assert result["reminder"].startswith("First, remember that your primary role is incident management.")


def test_coordinate_lists_both_kinds_of_coordination():
    actions = evaluate("stuck", {"deployment": "saas"})["actions"]
    assert "directing the customer to take specific actions" in actions[0]
    assert "reaching out to development teams to find a subject matter expert (SME)" in actions[1]


def test_ask_cmoc_links_the_escalation_policy_and_names_the_next_rung():
    actions = evaluate("stuck", {"deployment": "saas", "at": SATURDAY, "still_stuck": True})["actions"]
    assert "CMOC engineer on call (https://gitlab.pagerduty.com/escalation_policies#PNH1Z1L)" in actions[0]
    assert "contact the manager on-call or initiate the dev-escalation process" in actions[1]


def test_manager_or_dev_escalation_links_both():
    action = evaluate("stuck", {"deployment": "self-managed", "still_stuck": True})["actions"][0]
    assert "#paging-the-on-call-manager" in action and "Infra-Dev-Escalation" in action


def test_at_defaults_to_the_evaluation_clock():
    result = evaluate("stuck", {"deployment": "saas", "still_stuck": True}, now=datetime.fromisoformat(SUNDAY))
    assert result["outcome"] == "ask-cmoc"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({}, "deployment", id="deployment-missing"),
        pytest.param({"deployment": "dedicated"}, "deployment", id="deployment-unknown"),
        pytest.param({"deployment": "saas", "at": "Saturday"}, "at", id="at-not-a-date-time"),
        pytest.param({"deployment": "saas", "still_stuck": "very"}, "still_stuck", id="still-stuck-not-boolean"),
        # cmoc_tried is asked only for SaaS at the weekend while still stuck.
        pytest.param(
            {"deployment": "saas", "still_stuck": True, "at": SUNDAY, "cmoc_tried": "no"},
            "cmoc_tried",
            id="cmoc-tried-not-boolean",
        ),
    ],
)
def test_bad_input_names_the_field(answers, field, capsys):
    with pytest.raises(InvalidAnswer) as error:
        evaluate("stuck", answers)
    assert error.value.field == field
    assert main(["evaluate", "stuck", "--json", json.dumps(answers)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {field}: ") and err.count("\n") == 1
