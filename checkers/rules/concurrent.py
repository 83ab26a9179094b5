"""A second emergency page while you are already handling one: "Handling multiple simultaneous
emergencies" and its "FY23Q4-FY24Q1 Trial - Backup engineers on weekends in APAC".

Outcomes: `handle` (no other emergency: acknowledge and own the page), `contact-manager` (the normal
process: the Support Manager on-call finds a second engineer through the regional group),
`escalate-page` (APAC, a Saturday or Sunday in `at`'s own offset, inside the trial window: escalate
the page so the manager may page the backup pool).

Result field of this checker: `regional_group`, the Slack group the Support Manager pings, when the
outcome is `contact-manager` and the handbook names the group (it names only `AMERICAS_GROUP`, as an
example, for AMER); otherwise null.

The trial's name and dates and the Americas group are stated once, in the constants below; every
sentence that mentions them is formatted from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checkers.engine.model import NOW, Checker, Fact, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import is_weekend
from checkers.texts.concurrent import ConcurrentCase, actions, regional_group_step

MULTIPLE = "handling-multiple-simultaneous-emergencies"
TRIAL = "fy23q4-fy24q1-trial---backup-engineers-on-weekends-in-apac"
ESCALATE = "escalate-to-initiate-page-to-backup-engineers"
RESPOND = "respond-to-pagerduty-alerts"

# GitLab's fiscal year starts on 1 February, so FY23Q4 is November 2022 to January 2023 and FY24Q1 is
# February to April 2023. The handbook gives only the quarter names; these are the dates they mean.
TRIAL_NAME = "FY23Q4-FY24Q1"
TRIAL_FIRST_DAY = date(2022, 11, 1)
TRIAL_LAST_DAY = date(2023, 4, 30)
TRIAL_DATES = f"{TRIAL_FIRST_DAY.isoformat()} to {TRIAL_LAST_DAY.isoformat()}"

# The only group the handbook names, and only as an example ("e.g."), for the Americas.
AMERICAS_GROUP = "@support-team-americas"
REGIONAL_GROUPS = {"AMER": AMERICAS_GROUP}

REGIONS = (
    Option("AMER", "AMER (the Americas)", aliases=("americas",)),
    Option("EMEA", "EMEA (Europe, Middle East and Africa)"),
    Option("APAC", "APAC (Asia-Pacific)"),
)

QUESTIONS = (
    Question(
        "at",
        "When did the new page come in, on your own clock?",
        "datetime",
        default=NOW,
        help="In your time zone, or the one you choose beside it. The weekend and the trial "
        "dates are judged on this clock. Leave empty for now.",
        # Only the APAC weekend trial depends on the day.
        asked_when=(("handling_other_emergency", (True,)), ("region", ("APAC",))),
    ),
    Question(
        "region",
        "Which region's on-call are you?",
        "choice",
        REGIONS,
        asked_when=(("handling_other_emergency", (True,)),),
    ),
    # Required on purpose: this one answer decides between acknowledging the page and handing it on,
    # so a lost or forgotten answer must not quietly become "no".
    Question(
        "handling_other_emergency",
        "Are you still working on another emergency when this page comes in?",
        "boolean",
        help="Yes if you are actively handling an emergency for a different customer.",
    ),
)

FACTS = (
    Fact("handling_other_emergency", "Already handling another emergency?"),
    Fact("region", "Region", tuple((o.value, o.value) for o in REGIONS)),
    Fact("weekend", "Saturday or Sunday on your own clock?"),
    Fact("in_trial_window", f"Within the {TRIAL_NAME} trial ({TRIAL_DATES})?"),
)

MANAGER_FINDS_ENGINEER = "The Support Manager is responsible for finding an engineer to own the new emergency page."

OUTCOMES = (
    Outcome(
        code="handle",
        title="No other emergency: acknowledge the page and own it",
        actions=(
            "Acknowledge the alert in PagerDuty or Slack. This means that you received the emergency page, "
            "and are starting the response process.",
            "Only Resolve the PagerDuty alert after you have contacted the customer. This means that you are "
            "actively handling the emergency now and will see it through.",
        ),
        cite=(RESPOND,),
    ),
    Outcome(
        code="contact-manager",
        title="Concurrent emergency: contact the Support Manager on-call",
        actions=(
            "Remember that you are not alone; you need only take the first step.",
            "You: Contact the on-call Support Manager to inform them of the new incoming emergency. "
            + MANAGER_FINDS_ENGINEER,
            regional_group_step(AMERICAS_GROUP),
            "Second Support Engineer: Acknowledge and resolve the emergency page to indicate that you are "
            "assisting the customer with the case.",
        ),
        cite=(MULTIPLE,),
    ),
    Outcome(
        code="escalate-page",
        title="APAC weekend during the trial: escalate the page to reach the backup engineers",
        actions=(
            "You: Escalate the page, instead of acknowledging/resolving it. " + MANAGER_FINDS_ENGINEER,
            "Support Manager: Assess the situation. It's possible to initiate a page of the backup pool to "
            "request assistance from backup engineers if the situation calls for it.",
            "Backup Support Engineer: Acknowledge and resolve the emergency page to indicate that you are "
            "assisting the customer with the case.",
        ),
        cite=(ESCALATE, TRIAL),
    ),
)

RULES = (
    Rule(
        {"handling_other_emergency": (False,)},
        "handle",
        "You are not handling another emergency, so this page is yours to acknowledge and handle.",
        (RESPOND,),
    ),
    Rule(
        {"region": ("APAC",), "weekend": (True,), "in_trial_window": (True,)},
        "escalate-page",
        f"A concurrent emergency on an APAC weekend during the {TRIAL_NAME} trial: escalate the page "
        "instead of acknowledging it.",
        (ESCALATE, TRIAL),
    ),
    Rule(
        {"region": ("APAC",), "weekend": (True,), "in_trial_window": (False,)},
        "contact-manager",
        f"An APAC weekend, but outside the {TRIAL_NAME} trial window ({TRIAL_DATES}): the "
        "backup-engineer trial does not apply, so the normal process for concurrent emergencies does.",
        (TRIAL, MULTIPLE),
    ),
    Rule(
        {},
        "contact-manager",
        "A concurrent emergency: contact the Support Manager on-call, who finds an engineer to own the new page.",
        (MULTIPLE,),
    ),
)


def derive(values: Mapping[str, Any]) -> dict[str, Any]:
    at = values["at"]
    local_day = at.date()  # the calendar day in `at`'s own offset, not in UTC
    return {
        "handling_other_emergency": values["handling_other_emergency"],
        "region": values["region"],
        "weekend": is_weekend(local_day),
        "in_trial_window": TRIAL_FIRST_DAY <= local_day <= TRIAL_LAST_DAY,
    }


def finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    region = values["region"]
    result["regional_group"] = None
    if result["outcome"] == "contact-manager":
        result["regional_group"] = REGIONAL_GROUPS.get(region)
        case = ConcurrentCase(region=region, regional_group=result["regional_group"], example_group=AMERICAS_GROUP)
        result["actions"] = list(actions(case, tuple(result["actions"])))
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(RESPOND, "Acknowledge the alert in PagerDuty or Slack."),
    Pin(
        MULTIPLE,
        "In rare cases, the on-call engineer may experience concurrent emergencies triggered by separate customers.",
    ),
    Pin(MULTIPLE, "Contact the on-call Support Manager to inform them of the new incoming emergency."),
    Pin(MULTIPLE, "The Support Manager is responsible for finding an engineer to own the new emergency page."),
    Pin(TRIAL, "In APAC, the team will trial a pool of Support Engineers volunteering as backup engineers."),
    Pin(
        ESCALATE,
        "During FY23Q4-FY24Q1 in APAC, in the event that a concurrent emergency comes through while you are still "
        "working on the current emergency:",
    ),
    Pin(ESCALATE, "Escalate the page, instead of acknowledging/resolving it."),
)


CHECKER = Checker(
    name="concurrent",
    title="A second emergency while you handle one: who takes it?",
    summary="Decide whether to own a new page, contact the Support Manager on-call, or (APAC weekends during "
    f"the {TRIAL_NAME} trial) escalate it to reach the backup engineers.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(MULTIPLE, TRIAL, ESCALATE),
    derive=derive,
    finish=finish,
    field_labels={"regional_group": "Slack group the Support Manager pings"},
    notes=(
        f"The handbook names the trial only as {TRIAL_NAME}. GitLab's fiscal year starts on 1 February, so "
        f"this checker takes the trial to run from {TRIAL_DATES} inclusive; the handbook does not say "
        "whether it was extended, ended early or made permanent, so outside those dates the normal process applies.",
        f'The trial\'s heading says weekends; its steps say only "during {TRIAL_NAME} in APAC". This checker '
        "applies the trial on Saturdays and Sundays only, judged on the calendar of your own UTC offset.",
        f"The handbook names a regional Slack group only as an example for the Americas ({AMERICAS_GROUP}). "
        "It does not name the EMEA or APAC groups, and this checker does not guess them.",
    ),
)
