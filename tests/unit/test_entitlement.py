import pytest

from checkers import evaluate, schema


def decide(org_associated, plan, single_user_same_day_purchase=None):
    answers = {"org_associated": org_associated, "plan": plan}
    if single_user_same_day_purchase is not None:
        answers["single_user_same_day_purchase"] = single_user_same_day_purchase
    return evaluate("entitlement", answers)


@pytest.mark.parametrize(
    ("org_associated", "plan", "single_user", "outcome"),
    [
        pytest.param(False, "unknown", None, "needs-org", id="no-org-plan-unknown"),
        pytest.param(False, "premium", None, "needs-org", id="no-org-claims-premium"),
        pytest.param(False, "ultimate", True, "needs-org", id="no-org-claims-ultimate-single-user"),
        pytest.param(False, "bronze", None, "needs-org", id="no-org-below-premium"),
        pytest.param(False, "free", None, "free-user", id="no-org-free"),
        pytest.param(True, "free", None, "below-premium", id="org-free"),
        pytest.param(True, "bronze", None, "below-premium", id="org-bronze"),
        pytest.param(True, "bronze", True, "below-premium", id="org-bronze-single-user"),
        pytest.param(True, "unknown", None, "verify-subscription", id="org-plan-unknown"),
        pytest.param(True, "premium", None, "entitled", id="org-premium"),
        pytest.param(True, "ultimate", False, "entitled", id="org-ultimate"),
        pytest.param(True, "premium", True, "engage-manager", id="org-premium-single-user-same-day"),
        pytest.param(True, "ultimate", True, "engage-manager", id="org-ultimate-single-user-same-day"),
    ],
)
def test_every_case_gets_its_outcome(org_associated, plan, single_user, outcome):
    assert decide(org_associated, plan, single_user)["outcome"] == outcome


def test_every_outcome_is_reachable():
    reached = {
        decide(org, plan, single)["outcome"]
        for org in (True, False)
        for plan in ("free", "bronze", "premium", "ultimate", "unknown")
        for single in (True, False)
    }
    assert reached == {o["code"] for o in schema("entitlement")["outcomes"]}


@pytest.mark.parametrize(
    ("given", "plan", "outcome"),
    [
        pytest.param("silver", "premium", "entitled", id="silver-is-premium"),
        pytest.param("Gold", "ultimate", "entitled", id="gold-is-ultimate"),
        pytest.param("bronze", "bronze", "below-premium", id="bronze-below-premium"),
        pytest.param("Starter", "bronze", "below-premium", id="starter-below-premium"),
        pytest.param("core", "free", "below-premium", id="core-is-free"),
        pytest.param(" PREMIUM ", "premium", "entitled", id="case-and-space-insensitive"),
    ],
)
def test_legacy_tier_names_stand_where_they_belong(given, plan, outcome):
    result = decide(True, given)
    assert result["answers"]["plan"] == plan
    assert result["outcome"] == outcome


def test_schema_offers_the_plans_and_says_the_legacy_mapping():
    plan = next(q for q in schema("entitlement")["questions"] if q["id"] == "plan")
    assert [o["value"] for o in plan["options"]] == ["free", "bronze", "premium", "ultimate", "unknown"]
    assert plan["aliases"] == {"core": "free", "starter": "bronze", "silver": "premium", "gold": "ultimate"}
    for name in ("Silver", "Gold", "Bronze", "Starter"):
        assert name in plan["help"]


def test_schema_requires_org_and_plan_but_not_the_single_user_answer():
    questions = {q["id"]: q for q in schema("entitlement")["questions"]}
    assert questions["org_associated"]["required"] is True
    assert questions["org_associated"]["kind"] == "boolean"
    assert questions["plan"]["required"] is True
    assert questions["single_user_same_day_purchase"]["default"] is False


def test_needs_org_explains_that_emergency_help_waits_for_the_account():
    result = decide(False, "unknown")
    assert "needs-org" in " ".join(result["actions"])
    assert "cannot deliver emergency assistance until we have connected you" in result["say"]
    assert "entitled to priority support" in result["say"]
    assert result["cite"] == ["responding/#respond-to-pagerduty-alerts"]


def test_free_user_ticket_is_marked_solved():
    assert "mark the ticket solved" in " ".join(decide(False, "free")["actions"])


def test_below_premium_lowers_priority_and_tells_the_customer_kindly():
    result = decide(True, "bronze")
    assert "Lower the priority of the ticket." in result["actions"]
    assert "does not include emergency support" in result["say"]
    assert result["say"].startswith("Thank you")


def test_entitled_goes_on_to_qualification():
    result = decide(True, "premium")
    assert "qualifying/#determine-if-the-situation-qualifies-as-an-emergency" in result["cite"]


def test_engage_manager_cites_single_user_same_day_purchases():
    result = decide(True, "premium", True)
    assert "special-handling/#single-user-same-day-purchases" in result["cite"]
    assert "before offering a call" in " ".join(result["actions"])


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({"plan": "premium"}, "org_associated", id="missing-org"),
        pytest.param({"org_associated": True}, "plan", id="missing-plan"),
        pytest.param({"org_associated": "yes", "plan": "premium"}, "org_associated", id="org-not-boolean"),
        pytest.param({"org_associated": True, "plan": "platinum"}, "plan", id="unknown-plan"),
        pytest.param(
            {"org_associated": True, "plan": "premium", "single_user_same_day_purchase": 1},
            "single_user_same_day_purchase",
            id="single-user-not-boolean",
        ),
    ],
)
def test_bad_input_exits_2_naming_the_field(cli, answers, field):
    cli.assert_rejects("entitlement", answers, field)


def test_cli_evaluates(cli):
    assert cli.evaluate("entitlement", {"org_associated": True, "plan": "gold"})["outcome"] == "entitled"
