"""A second emergency page while you are already handling one: "Handling multiple simultaneous
emergencies" and its "FY23Q4-FY24Q1 Trial - Backup engineers on weekends in APAC".

Outcomes: `handle` (no other emergency: acknowledge and own the page), `contact-manager` (the normal
process: the Support Manager on-call finds a second engineer through the regional group),
`escalate-page` (APAC, a Saturday or Sunday in `at`'s own offset, inside the trial window: escalate
the page so the manager may page the backup pool).

Result field of this checker: `regional_group`, the Slack group the Support Manager pings, when the
outcome is `contact-manager` and the handbook names the group (it names only `@support-team-americas`,
as an example, for AMER); otherwise null.
"""

from __future__ import annotations

from datetime import date

from .model import NOW, Checker, Fact, Option, Outcome, Question, Rule
from .timeutil import is_weekend

MULTIPLE = "handling-multiple-simultaneous-emergencies"
TRIAL = "fy23q4-fy24q1-trial---backup-engineers-on-weekends-in-apac"
ESCALATE = "escalate-to-initiate-page-to-backup-engineers"
RESPOND = "respond-to-pagerduty-alerts"

# GitLab's fiscal year starts on 1 February, so FY23Q4 is November 2022 to January 2023 and FY24Q1 is
# February to April 2023. The handbook gives only the quarter names; these are the dates they mean.
TRIAL_FIRST_DAY = date(2022, 11, 1)
TRIAL_LAST_DAY = date(2023, 4, 30)

# The only group the handbook names, and only as an example ("e.g."), for the Americas.
REGIONAL_GROUPS = {"AMER": "@support-team-americas"}

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
        help="Date and time with your UTC offset, e.g. 2023-01-14T09:30+10:00. The weekend and the trial "
        "dates are judged on this clock. Leave empty for now.",
        # Only the APAC weekend trial depends on the day.
        asked_when=(("handling_other_emergency", (True,)), ("region", ("APAC",))),
    ),
    Question("region", "Which region's on-call are you?", "choice", REGIONS,
             asked_when=(("handling_other_emergency", (True,)),)),
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
    Fact("in_trial_window", "Within the FY23Q4-FY24Q1 trial (2022-11-01 to 2023-04-30)?"),
)

MANAGER_FINDS_ENGINEER = (
    "The Support Manager is responsible for finding an engineer to own the new emergency page."
)

OUTCOMES = (
    Outcome(
        "handle",
        "No other emergency: acknowledge the page and own it",
        (
            "Acknowledge the alert in PagerDuty or Slack. This means that you received the emergency page, "
            "and are starting the response process.",
            "Only Resolve the PagerDuty alert after you have contacted the customer. This means that you are "
            "actively handling the emergency now and will see it through.",
        ),
        cite=(RESPOND,),
    ),
    Outcome(
        "contact-manager",
        "Concurrent emergency: contact the Support Manager on-call",
        (
            "Remember that you are not alone; you need only take the first step.",
            "You: Contact the on-call Support Manager to inform them of the new incoming emergency. "
            + MANAGER_FINDS_ENGINEER,
            "Support Manager: In Slack, ping the regional support group (e.g. @support-team-americas) and "
            "request assistance from anyone who is available to assist with the new incoming emergency case.",
            "Second Support Engineer: Acknowledge and resolve the emergency page to indicate that you are "
            "assisting the customer with the case.",
        ),
        cite=(MULTIPLE,),
    ),
    Outcome(
        "escalate-page",
        "APAC weekend during the trial: escalate the page to reach the backup engineers",
        (
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
    Rule({"handling_other_emergency": (False,)}, "handle",
         "You are not handling another emergency, so this page is yours to acknowledge and handle.", (RESPOND,)),
    Rule({"region": ("APAC",), "weekend": (True,), "in_trial_window": (True,)}, "escalate-page",
         "A concurrent emergency on an APAC weekend during the FY23Q4-FY24Q1 trial: escalate the page "
         "instead of acknowledging it.", (ESCALATE, TRIAL)),
    Rule({"region": ("APAC",), "weekend": (True,), "in_trial_window": (False,)}, "contact-manager",
         "An APAC weekend, but outside the FY23Q4-FY24Q1 trial window (2022-11-01 to 2023-04-30): the "
         "backup-engineer trial does not apply, so the normal process for concurrent emergencies does.",
         (TRIAL, MULTIPLE)),
    Rule({}, "contact-manager",
         "A concurrent emergency: contact the Support Manager on-call, who finds an engineer to own the new page.",
         (MULTIPLE,)),
)


def derive(values):
    at = values["at"]
    local_day = at.date()  # the calendar day in `at`'s own offset, not in UTC
    return {
        "handling_other_emergency": values["handling_other_emergency"],
        "region": values["region"],
        "weekend": is_weekend(local_day),
        "in_trial_window": TRIAL_FIRST_DAY <= local_day <= TRIAL_LAST_DAY,
    }


def _regional_action(region: str) -> str:
    group = REGIONAL_GROUPS.get(region)
    if group:
        return (f"Support Manager: In Slack, ping the regional support group ({group}, the handbook's example "
                "for the Americas) and request assistance from anyone who is available to assist with the new "
                "incoming emergency case.")
    return (f"Support Manager: In Slack, ping the regional support group for {region} and request assistance "
            "from anyone who is available to assist with the new incoming emergency case. The handbook does not "
            f"name the {region} group (its only example is @support-team-americas, for the Americas).")


def finish(values, facts, result):
    region = values["region"]
    result["regional_group"] = None
    if result["outcome"] == "contact-manager":
        result["regional_group"] = REGIONAL_GROUPS.get(region)
        result["actions"] = [
            _regional_action(region) if action.startswith("Support Manager: In Slack") else action
            for action in result["actions"]
        ]
    return result


CHECKER = Checker(
    name="concurrent",
    title="A second emergency while you handle one: who takes it?",
    summary="Decide whether to own a new page, contact the Support Manager on-call, or (APAC weekends during "
    "the FY23Q4-FY24Q1 trial) escalate it to reach the backup engineers.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(MULTIPLE, TRIAL, ESCALATE),
    derive=derive,
    finish=finish,
    notes=(
        "The handbook names the trial only as FY23Q4-FY24Q1. GitLab's fiscal year starts on 1 February, so "
        "this checker takes the trial to run from 2022-11-01 to 2023-04-30 inclusive; the handbook does not say "
        "whether it was extended, ended early or made permanent, so outside those dates the normal process applies.",
        "The trial's heading says weekends; its steps say only \"during FY23Q4-FY24Q1 in APAC\". This checker "
        "applies the trial on Saturdays and Sundays only, judged on the calendar of your own UTC offset.",
        "The handbook names a regional Slack group only as an example for the Americas (@support-team-americas). "
        "It does not name the EMEA or APAC groups, and this checker does not guess them.",
    ),
)
