import json

import pytest

from checkers import evaluate
from checkers.cli import main
from checkers.engine.model import InvalidAnswer


def decide(at, region, handling_other_emergency=True, **kwargs):
    return evaluate(
        "concurrent", {"at": at, "region": region, "handling_other_emergency": handling_other_emergency}, **kwargs
    )


# 2023-01-14 is a Saturday inside the trial; 2024-03-09 a Saturday after it; 2023-01-11 a Wednesday.
@pytest.mark.parametrize(
    ("at", "region", "handling", "outcome", "regional_group"),
    [
        pytest.param("2023-01-11T10:00-05:00", "AMER", False, "handle", None, id="no-other-emergency"),
        pytest.param(
            "2023-01-14T10:00+10:00", "APAC", False, "handle", None, id="apac-trial-weekend-but-no-other-emergency"
        ),
        pytest.param(
            "2023-01-11T10:00-05:00",
            "AMER",
            True,
            "contact-manager",
            "@support-team-americas",
            id="amer-names-the-group",
        ),
        pytest.param(
            "2023-01-14T10:00-05:00",
            "AMER",
            True,
            "contact-manager",
            "@support-team-americas",
            id="amer-weekend-in-trial",
        ),
        pytest.param("2023-01-14T10:00+01:00", "EMEA", True, "contact-manager", None, id="emea-weekend-in-trial"),
        pytest.param("2023-01-11T10:00+10:00", "APAC", True, "contact-manager", None, id="apac-weekday-in-trial"),
        pytest.param("2023-01-14T10:00+10:00", "APAC", True, "escalate-page", None, id="apac-saturday-in-trial"),
        pytest.param("2023-01-15T10:00+08:00", "APAC", True, "escalate-page", None, id="apac-sunday-in-trial"),
        pytest.param("2024-03-09T10:00+11:00", "APAC", True, "contact-manager", None, id="apac-saturday-after-trial"),
    ],
)
def test_routing(at, region, handling, outcome, regional_group):
    result = decide(at, region, handling)
    assert result["outcome"] == outcome
    assert result["regional_group"] == regional_group


@pytest.mark.parametrize(
    ("at", "weekend", "in_trial_window", "outcome"),
    [
        pytest.param("2022-10-30T23:59+10:00", True, False, "contact-manager", id="sunday-before-the-trial"),
        pytest.param("2022-10-31T23:59+10:00", False, False, "contact-manager", id="eve-of-the-first-day"),
        pytest.param("2022-11-01T00:00+10:00", False, True, "contact-manager", id="first-day-tuesday-00-00"),
        # 2022-11-01 05:00 in Brisbane is still 31 October in UTC: the local date decides.
        pytest.param("2022-11-01T05:00+10:00", False, True, "contact-manager", id="first-day-local-still-october-utc"),
        pytest.param("2022-11-05T00:00+10:00", True, True, "escalate-page", id="first-saturday-of-the-trial"),
        pytest.param("2023-04-30T00:00+10:00", True, True, "escalate-page", id="last-day-sunday-00-00"),
        pytest.param("2023-04-30T23:59+10:00", True, True, "escalate-page", id="last-day-sunday-23-59"),
        # 2023-05-01 00:30 in Brisbane is still Sunday 30 April in UTC: locally it is Monday, after the trial.
        pytest.param(
            "2023-05-01T00:30+10:00", False, False, "contact-manager", id="day-after-local-still-last-day-utc"
        ),
        pytest.param("2023-05-06T10:00+10:00", True, False, "contact-manager", id="first-saturday-after-the-trial"),
    ],
)
def test_trial_window_is_judged_on_the_local_date(at, weekend, in_trial_window, outcome):
    result = decide(at, "APAC")
    assert result["facts"]["weekend"] is weekend
    assert result["facts"]["in_trial_window"] is in_trial_window
    assert result["outcome"] == outcome


@pytest.mark.parametrize(
    ("at", "outcome"),
    [
        # 07:00 Saturday in Sydney (summer, +11:00) is 20:00 Friday in UTC.
        pytest.param("2023-01-14T07:00+11:00", "escalate-page", id="saturday-in-apac-friday-in-utc"),
        # 06:00 Monday in Brisbane is 20:00 Sunday in UTC.
        pytest.param("2023-01-16T06:00+10:00", "contact-manager", id="monday-in-apac-sunday-in-utc"),
    ],
)
def test_weekend_is_judged_in_the_offset_of_at(at, outcome):
    assert decide(at, "APAC")["outcome"] == outcome


def test_outside_the_window_the_result_says_the_trial_window_was_the_reason():
    result = decide("2024-03-09T10:00+11:00", "APAC")
    assert result["facts"] == {
        "handling_other_emergency": True,
        "region": "APAC",
        "weekend": True,
        "in_trial_window": False,
    }
    assert "outside the FY23Q4-FY24Q1 trial window" in result["because"]
    assert "2022-11-01 to 2023-04-30" in result["because"]
    assert "multiple-emergencies/#fy23q4-fy24q1-trial---backup-engineers-on-weekends-in-apac" in result["cite"]


def test_escalate_page_says_escalate_instead_of_acknowledging():
    result = decide("2023-01-14T10:00+10:00", "APAC")
    assert result["actions"][0].startswith("You: Escalate the page, instead of acknowledging/resolving it.")
    assert "initiate a page of the backup pool" in result["actions"][1]
    assert result["actions"][2].startswith("Backup Support Engineer: Acknowledge and resolve")


def test_contact_manager_names_the_americas_group_as_the_handbook_does():
    actions = decide("2023-01-11T10:00-05:00", "AMER")["actions"]
    assert any("@support-team-americas" in a and a.startswith("Support Manager:") for a in actions)
    assert actions[-1].startswith("Second Support Engineer: Acknowledge and resolve the emergency page")


@pytest.mark.parametrize("region", ["EMEA", "APAC"])
def test_other_regions_say_the_handbook_does_not_name_the_group(region):
    result = decide("2023-01-11T10:00+01:00", region)
    ping = next(a for a in result["actions"] if a.startswith("Support Manager:"))
    assert f"The handbook does not name the {region} group" in ping
    handles = {word.strip("(),.") for a in result["actions"] for word in a.split() if word.startswith(("@", "(@"))}
    assert handles <= {"@support-team-americas"}  # no invented group handle
    assert result["regional_group"] is None


def test_handle_acknowledges_and_owns_the_page():
    result = decide("2023-01-11T10:00-05:00", "EMEA", False)
    assert result["actions"][0].startswith("Acknowledge the alert in PagerDuty or Slack.")
    assert result["regional_group"] is None


def test_at_defaults_to_the_evaluation_clock():
    from datetime import datetime

    saturday_in_trial = datetime.fromisoformat("2023-01-14T10:00+10:00")
    result = evaluate("concurrent", {"region": "APAC", "handling_other_emergency": True}, now=saturday_in_trial)
    assert result["outcome"] == "escalate-page"
    assert result["answers"]["at"] == "2023-01-14T10:00+10:00"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({"handling_other_emergency": True}, "region", id="region-missing"),
        pytest.param({"region": "LATAM", "handling_other_emergency": True}, "region", id="region-unknown"),
        pytest.param({"region": "APAC"}, "handling_other_emergency", id="handling-missing"),
        pytest.param(
            {"region": "APAC", "handling_other_emergency": "yes"}, "handling_other_emergency", id="handling-not-boolean"
        ),
        pytest.param(
            {"region": "APAC", "handling_other_emergency": True, "at": "2023-01-14T10:00"}, "at", id="at-without-offset"
        ),
        pytest.param({"region": "APAC", "handling_other_emergency": True, "at": "saturday"}, "at", id="at-not-a-date"),
    ],
)
def test_bad_input_names_the_field(answers, field, capsys):
    with pytest.raises(InvalidAnswer) as error:
        evaluate("concurrent", answers)
    assert error.value.field == field
    assert main(["evaluate", "concurrent", "--json", json.dumps(answers)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {field}: ") and err.count("\n") == 1


def test_region_accepts_lower_case():
    assert decide("2023-01-14T10:00+10:00", "apac")["outcome"] == "escalate-page"


# ---- the trial's name and dates, and the Americas group, are stated once --------------------------


def _fiscal_quarter(label):
    """First and last day of a GitLab fiscal quarter such as FY23Q4 (the fiscal year FY23 starts on
    1 February 2022)."""
    from datetime import date, timedelta

    year, quarter = 2000 + int(label[2:4]), int(label[5])
    months = 1 + 3 * (quarter - 1)  # months after January of the year before

    def first_of(offset):
        return date(year - 1 + offset // 12, offset % 12 + 1, 1)

    return first_of(months), first_of(months + 3) - timedelta(days=1)


def test_the_trial_dates_are_the_pinned_trial_quarters():
    """After a re-pin of a new trial name this fails until TRIAL_NAME and the dates follow."""
    from checkers.engine import handbook
    from checkers.rules import concurrent

    first_quarter, last_quarter = concurrent.TRIAL_NAME.split("-")
    assert (concurrent.TRIAL_FIRST_DAY, concurrent.TRIAL_LAST_DAY) == (
        _fiscal_quarter(first_quarter)[0],
        _fiscal_quarter(last_quarter)[1],
    )
    assert handbook.section(concurrent.TRIAL).title.startswith(f"{concurrent.TRIAL_NAME} Trial")
    assert any(f"During {concurrent.TRIAL_NAME} in APAC" in pin.sentence for pin in concurrent.PINS)


def test_another_trial_changes_every_sentence_that_states_it(monkeypatch):
    from datetime import date

    from tests.unit.rebuild import rebuilt, result_texts, stating, texts_of, use

    checker = use(
        monkeypatch,
        rebuilt(
            "concurrent",
            TRIAL_NAME="FY24Q4-FY25Q1",
            TRIAL_FIRST_DAY=date(2023, 11, 1),
            TRIAL_LAST_DAY=date(2024, 4, 30),
            AMERICAS_GROUP="@support-americas",
        ),
    )
    inside = decide("2024-01-13T10:00+10:00", "APAC")  # a Saturday in the new window
    before = decide("2023-01-14T10:00+10:00", "APAC")  # a Saturday in the old one
    amer = decide("2023-01-11T10:00-05:00", "AMER")
    emea = decide("2023-01-11T10:00+01:00", "EMEA")
    assert [r["outcome"] for r in (inside, before, amer, emea)] == ["escalate-page", *["contact-manager"] * 3]
    assert "during the FY24Q4-FY25Q1 trial" in inside["because"]
    assert "outside the FY24Q4-FY25Q1 trial window (2023-11-01 to 2024-04-30)" in before["because"]
    assert amer["regional_group"] == "@support-americas"
    assert any("(@support-americas, the handbook's example" in a for a in amer["actions"])
    assert any("its only example is @support-americas" in a for a in emea["actions"])
    assert "Within the FY24Q4-FY25Q1 trial (2023-11-01 to 2024-04-30)?" in [f.label for f in checker.facts]
    texts = texts_of(checker) + [t for r in (inside, before, amer, emea) for t in result_texts(r)]
    assert stating(texts, "FY23Q4-FY24Q1", "2022-11-01", "2023-04-30", "@support-team-americas") == []
