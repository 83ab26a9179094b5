import json

import pytest

from checkers import evaluate
from checkers.cli import main
from checkers.engine.model import InvalidAnswer
from checkers.rules.saas_triage import CATEGORIES, INCIDENT_MACRO

ALL_CATEGORIES = [o.value for o in CATEGORIES]


def triage(category, known_incident=False, multiple_customers=False):
    return evaluate(
        "saas-triage",
        {"category": category, "known_incident": known_incident, "multiple_customers": multiple_customers},
    )


@pytest.mark.parametrize(
    ("category", "known", "multiple", "outcome"),
    [
        ("regression", False, False, "regression"),
        ("regression", False, True, "regression"),
        ("regression", True, False, "known-incident"),
        ("feature-flag", False, False, "feature-flag"),
        ("feature-flag", False, True, "feature-flag"),
        ("feature-flag", True, True, "known-incident"),
        ("customer-specific", False, False, "customer-specific"),
        ("customer-specific", False, True, "customer-specific"),
        ("customer-specific", True, False, "known-incident"),
        ("performance", False, False, "declare-incident"),
        ("performance", False, True, "declare-incident"),
        ("performance", True, False, "known-incident"),
        ("ci-minutes", False, False, "ci-minutes"),
        ("ci-minutes", True, True, "ci-minutes"),
        ("storage", False, False, "storage"),
        ("storage", True, True, "storage"),
        ("licence", False, False, "licence"),
        ("licence", True, True, "licence"),
        ("widespread-incident", False, False, "widespread-incident"),
        ("widespread-incident", True, True, "widespread-incident"),
    ],
    ids=lambda v: str(v),
)
def test_routing(category, known, multiple, outcome):
    assert triage(category, known, multiple)["outcome"] == outcome


def test_every_outcome_is_reachable():
    from checkers import get

    reached = {triage(c, k, m)["outcome"] for c in ALL_CATEGORIES for k in (False, True) for m in (False, True)}
    assert reached == {o.code for o in get("saas-triage").outcomes}


@pytest.mark.parametrize(
    ("category", "success"),
    [
        (
            "regression",
            "reproducing, identifying or creating a bug report and escalating to have a patch created and deployed",
        ),
        (
            "feature-flag",
            "reproducing, identifying or creating a bug report and escalating to have a patch created and deployed",
        ),
        (
            "customer-specific",
            "escalating to have the specific data corrected (and creating a bug report so our code is better)",
        ),
        ("performance", "making sure it's not actually one of the top two before declaring an incident"),
        ("ci-minutes", "unblocked and making sure the license team is equipped to take the handover"),
        ("storage", "unblocked and making sure the license team is equipped to take the handover"),
        ("licence", "unblocked and making sure the license team is equipped to take the handover"),
        (
            "widespread-incident",
            "tagging and bulk responding to the issues pointing to the GitLab.com Status Page and production issue",
        ),
    ],
)
@pytest.mark.parametrize("known", [False, True], ids=["no-incident", "known-incident"])
def test_success_is_the_categorys_own(category, success, known):
    assert success in triage(category, known)["success"]


@pytest.mark.parametrize("category", ["regression", "feature-flag", "customer-specific", "performance"])
def test_broken_functionality_checks_the_status_page_first(category):
    first = triage(category)["actions"][0]
    assert first.startswith("First check GitLab.com Status (https://status.gitlab.com) and #incident-management")


@pytest.mark.parametrize("category", ["regression", "feature-flag", "customer-specific", "performance"])
def test_known_incident_links_it_with_the_macro_and_no_call(category):
    result = triage(category, known_incident=True)
    assert result["tags"] == [INCIDENT_MACRO]
    assert result["actions"][0].startswith("First check GitLab.com Status")
    assert any("link to the public status page and related incident issue" in a for a in result["actions"])
    assert any(f"Consider using the macro {INCIDENT_MACRO}" in a for a in result["actions"])
    assert any("would not warrant a call" in a for a in result["actions"])
    assert "saas/#broken-functionality-due-to-an-incident" in result["cite"]


def test_known_incident_with_several_customers_points_to_the_widespread_procedure():
    assert "widespread-incident" in triage("regression", True, True)["actions"][-1]


def index_of(actions, text):
    return next(i for i, a in enumerate(actions) if text in a)


def test_regression_steps_in_order_with_multiple_customers():
    actions = triage("regression", multiple_customers=True)["actions"]
    order = [
        index_of(actions, t)
        for t in (
            "First check GitLab.com Status",
            "Initiate a call with the customer",
            'Create a ~"type::bug" issue',
            "InfraDev Escalation Process",
            "This is affecting multiple customers: declare an incident",
            "Once the original functionality is restored, update the customer",
        )
    ]
    assert order == sorted(order)
    assert "S1/S2" in actions[order[3]]


@pytest.mark.parametrize("category", ["regression", "feature-flag"])
def test_declare_step_only_when_several_customers(category):
    assert not any("declare an incident" in a for a in triage(category)["actions"])
    assert any("declare an incident" in a for a in triage(category, multiple_customers=True)["actions"])


def test_feature_flag_is_disabled_through_chatops_with_whoever_turned_it_on():
    actions = triage("feature-flag")["actions"]
    escalate = actions[index_of(actions, "ChatOps")]
    assert "whoever turned it on to disable it through ChatOps" in escalate
    assert "InfraDev Escalation Process to raise a developer" in escalate
    assert any("toggling a feature flag" in a for a in actions)


def test_customer_specific_pages_the_support_manager():
    result = triage("customer-specific")
    assert result["actions"][-1].startswith(
        "Page the Support Manager on-call to review the best way to unblock the customer."
    )
    assert ".com console access" in result["actions"][-1]


def test_customer_specific_with_several_customers_says_so():
    assert "data unique to one customer" in triage("customer-specific", multiple_customers=True)["actions"][-1]


def test_performance_rules_out_the_top_two_before_declaring():
    actions = triage("performance")["actions"]
    assert index_of(actions, "not actually one of the top two") < index_of(actions, "Declare an incident")
    assert "SRE team" in actions[-1]


@pytest.mark.parametrize(
    ("category", "texts"),
    [
        (
            "ci-minutes",
            [
                "purchase additional minutes or set up individual runners",
                "an additional 1000 minutes on their namespace through ChatOps",
            ],
        ),
        ("storage", ["purchase additional storage", "override the storage limit on a group"]),
        ("licence", ["mechanizer app", "#support_licensing-subscription"]),
        (
            "widespread-incident",
            [
                "Don't panic!",
                "Verify that an incident has been declared",
                "CMOC",
                "incident-12345",
                "@gitlabstatus on Twitter",
                "at least one ticket",
                "priority:urgent order_by:created_at sort:desc",
                "CAREFUL: Verify that each ticket is related to the incident",
                "Zendesk Bulk Update",
            ],
        ),
    ],
)
def test_ordered_actions(category, texts):
    actions = triage(category)["actions"]
    order = [index_of(actions, t) for t in texts]
    assert order == sorted(order)


def test_licence_accepts_the_american_spelling():
    assert triage("license")["outcome"] == "licence"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({}, "category", id="category-missing"),
        pytest.param({"category": "outage"}, "category", id="category-unknown"),
        pytest.param(
            {"category": "regression", "multiple_customers": "yes"}, "multiple_customers", id="multiple-not-boolean"
        ),
        pytest.param({"category": "regression", "known_incident": 1}, "known_incident", id="known-not-boolean"),
    ],
)
def test_bad_input_names_the_field(answers, field, capsys):
    with pytest.raises(InvalidAnswer) as error:
        evaluate("saas-triage", answers)
    assert error.value.field == field
    assert main(["evaluate", "saas-triage", "--json", json.dumps(answers)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {field}: ") and err.count("\n") == 1
