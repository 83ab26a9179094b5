"""Licence emergencies: does the grace period (`GRACE_DAYS`) reach the working week, or does the
customer need a short-term trial licence (`TRIAL_LICENCE_DAYS`)? Section "License Emergencies" and
its two subsections ("Self-managed Subscription Emergencies", "SaaS Subscription Emergencies").

All date arithmetic is on calendar dates in the engineer's own UTC offset (the `now` answer):
"today" is `now`'s local date, and the next business day is the first later date that is Monday to
Friday and not one of the `holidays`. The results carry every date the page needs, including an
ordered `timeline`, so the page draws the picture without computing anything.

The handbook's numbers are stated once, in `GRACE_DAYS` and `TRIAL_LICENCE_DAYS`; every sentence
that mentions them is formatted from them.

`_finish` decides into a `LicenceCase` (every date and every choice between wordings as a named
field); the result's sentences (`because`, `actions`, `caveats`, `say`, `handover`, the timeline's
labels) are made from it in checkers/texts/licence.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from checkers.engine.model import NOW, REQUIRED, Checker, Fact, InvalidAnswer, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import DAY_NAMES, days, is_weekend
from checkers.texts.licence import (
    GRACE_FAQ,
    WORDING,
    GraceEnds,
    LicenceCase,
    grace_period,
    handbook_grace_period,
    licence_days_range,
    licence_days_words,
    ordinal,
    timeline_label,
)

LICENSE = "license-emergencies"
SELF_MANAGED = "self-managed-subscription-emergencies"
SAAS = "saas-subscription-emergencies"

GRACE_DAYS = 14  # "subscriptions have a 14 days grace period"
TRIAL_LICENCE_DAYS = range(7, 15)  # "a short term (7-14 days) trial license"
SAAS_CHANNEL = "#support_licensing-subscription"

LONGEST_LICENCE_DAYS = TRIAL_LICENCE_DAYS[-1]
# The numbers in words, for the sentences below: a new grace period or licence length is a change of
# the two constants above, never of a sentence.
GRACE_PERIOD = grace_period(GRACE_DAYS)
HANDBOOK_GRACE_PERIOD = handbook_grace_period(GRACE_DAYS)  # the handbook's own wording ("a N days grace period")
LICENCE_DAYS_RANGE = licence_days_range(TRIAL_LICENCE_DAYS)
LICENCE_DAYS_WORDS = licence_days_words(TRIAL_LICENCE_DAYS)

CUSTOMERSDOT_ADMIN = "https://customers.gitlab.com/admin"
CREATING_LICENSES = (
    "https://about.gitlab.com/handbook/support/license-and-renewals/workflows/self-managed/creating_licenses.html"
)
LR_WORKFLOWS = "https://about.gitlab.com/handbook/support/license-and-renewals/workflows/"

QUESTIONS = (
    Question(
        "deployment",
        "Where does the customer run GitLab?",
        "choice",
        (
            Option("self-managed", "Self-managed (their own instance)", ("self managed", "selfmanaged")),
            Option("saas", "SaaS (GitLab.com)", ("gitlab.com",)),
        ),
    ),
    Question(
        "trial",
        "Was the expired subscription a trial?",
        "boolean",
        default=False,
        help="Trials have no grace period. Asked for self-managed: on SaaS the procedure is the same for trials.",
        asked_when=(("deployment", ("self-managed",)),),
    ),
    Question(
        "expires_on",
        "When does (or did) the subscription expire?",
        "date",
        default=REQUIRED,
        help="The expiry date shown in CustomersDot or on the licence, as YYYY-MM-DD.",
    ),
    Question(
        "now",
        "Your current date and time",
        "datetime",
        default=NOW,
        help="In your time zone, or the one you choose beside it: today and the next business day are counted on "
        "that clock.",
    ),
    Question(
        "holidays",
        "Holidays that are not business days",
        "date-list",
        default=(),
        help="Optional. Weekdays on which the L&R team will not be working, as YYYY-MM-DD.",
    ),
)

FACTS = (
    Fact("deployment", "Deployment", (("self-managed", "self-managed"), ("saas", "SaaS (GitLab.com)"))),
    Fact("trial", "Was the expired subscription a trial?"),
    Fact(
        "grace_covers_next_business_day",
        f"Does the {GRACE_PERIOD} last until the next business day?",
        ((True, "yes"), (False, "no (a trial has none)")),
    ),
)

OUTCOMES = (
    Outcome(
        code="standard-lr",
        title="A standard L&R case in business hours: the grace period covers the customer",
        actions=(
            f"Remind the customer that subscriptions have a {HANDBOOK_GRACE_PERIOD}: {GRACE_FAQ}",
            "Kindly let the user know that their request will be handled as a standard L&R case during normal "
            "business hours.",
            "Reduce the priority of the case.",
            "Inform the L&R team of the issue.",
        ),
        tags=(),
        cite=(SELF_MANAGED,),
    ),
    Outcome(
        code="trial-licence",
        title=f"Generate a short-term ({LICENCE_DAYS_RANGE} day) trial licence to get them to the working week",
        actions=(
            f"Log in to CustomersDot Admin ({CUSTOMERSDOT_ADMIN}) and generate a short term ({LICENCE_DAYS_RANGE} "
            f"days) trial license for them by following the creating licenses workflow: {CREATING_LICENSES}",
            "The idea is to get them through the weekend so they can solve this with their CSM, Sales Rep, and the "
            "L&R Support team during the regular workweek: hand the case over to them.",
        ),
        tags=(),
        cite=(SELF_MANAGED,),
    ),
    Outcome(
        code="saas-plan",
        title="SaaS: restore the plan with the mechanizer app, then alert L&R",
        actions=(
            f"If you're familiar with the L&R workflows ({LR_WORKFLOWS}), you may solve the case completely by "
            "yourself.",
            'If you are not: use the mechanizer app from the ticket in the "Manage GitLab Plan and Trials" option, '
            "making sure to add the existing subscription name.",
            f"Then alert {SAAS_CHANNEL} that you've done so and link to the ticket for follow-up.",
        ),
        tags=(),
        cite=(SAAS,),
    ),
)

RULES = (
    Rule(
        {"deployment": ("saas",)},
        "saas-plan",
        "A GitLab.com subscription: the handbook gives one SaaS procedure, whatever the dates and whether or not it "
        "was a trial.",
        (SAAS,),
    ),
    Rule(
        {"trial": (False,), "grace_covers_next_business_day": (True,)},
        "standard-lr",
        f"Not a trial, and the expiration will not fall outside the {GRACE_PERIOD} before the next business day.",
        (SELF_MANAGED,),
    ),
    Rule(
        {},
        "trial-licence",
        "A trial has no grace period, or the grace period ends before the next business day: the customer needs a "
        "short-term trial licence to get through to the working week.",
        (SELF_MANAGED,),
    ),
)


def next_business_day(today: date, holidays: frozenset[date]) -> date:
    """The first date after `today` that is Monday to Friday and not a holiday."""
    day = today + days(1)
    while is_weekend(day) or day in holidays:
        day += days(1)
    return day


@dataclass(frozen=True)
class TrialLicence:
    days: int
    ends_on: date
    capped: bool  # even the longest licence the handbook allows ends on or before the next business day


def trial_licence(today: date, next_business: date) -> TrialLicence:
    """The shortest short-term licence that carries the customer past the next business day.

    The handbook allows TRIAL_LICENCE_DAYS and wants the licence "to get them through the weekend",
    to the regular workweek. A licence generated today for N days has its end date on
    today + N. Requiring that end date to come strictly after the next business day keeps the customer
    covered for the whole of that day whichever way the end date is read (the last day the licence
    works, or the first day it no longer does). So the answer is the smallest N in TRIAL_LICENCE_DAYS
    with today + N > next business day: the shortest on an ordinary weekend, more only when holidays
    push the next business day a week or more away. When even the longest ends on or before it, the
    answer is the longest with `capped` set: the handbook says nothing about a longer gap, and the
    result says so.
    """
    for n in TRIAL_LICENCE_DAYS:
        if today + days(n) > next_business:
            return TrialLicence(n, today + days(n), False)
    return TrialLicence(LONGEST_LICENCE_DAYS, today + days(LONGEST_LICENCE_DAYS), True)


def _derive(values: Mapping[str, Any]) -> dict[str, Any]:
    now: datetime = values["now"]
    today = now.date()  # the date on the engineer's own clock, not in UTC
    expires_on: date = values["expires_on"]
    try:
        grace_ends_on = expires_on + days(GRACE_DAYS)
    except OverflowError:
        raise InvalidAnswer("expires_on", f"{expires_on.isoformat()} is too close to the end of the calendar") from None
    try:
        next_business = next_business_day(today, frozenset(values["holidays"]))
        today + days(LONGEST_LICENCE_DAYS)  # the longest licence must have an end date too
    except OverflowError:
        raise InvalidAnswer(
            "now", f"{today.isoformat()} is too close to the end of the calendar to count business days from"
        ) from None
    trial = values["trial"]
    return {
        "deployment": values["deployment"],
        "trial": trial,
        "today": today,
        # Expired on and after its expiry date, as GitLab's own licence code holds it (the MIT-licensed
        # gitlab-license gem: `Date.today >= expires_at`).
        "expired": expires_on <= today,
        "next_business_day": next_business,
        "grace_ends_on": None if trial else grace_ends_on,  # trials have no grace period
        # Covered when next_business_day <= grace_ends_on: a grace period ending on the next business
        # day itself still counts (see the notes; the result's field, a contract).
        "grace_covers_next_business_day": (not trial) and next_business <= grace_ends_on,
    }


# ---- the result: dates, timeline and copy-ready texts (worded in checkers/texts/licence.py) --------

# On the same date, the timeline's points in the order the story is told.
_TIMELINE_ORDER = ("expiry", "grace-end", "today", "next-business-day", "trial-licence-ends")


def _timeline(case: LicenceCase, self_managed: bool) -> list[dict[str, str]]:
    """Dated points in order; the grace period is drawn for self-managed subscriptions only."""
    points = [("expiry", case.expires_on)]
    if case.grace_ends_on is not None and self_managed:
        points.append(("grace-end", case.grace_ends_on))
    points += [("today", case.today), ("next-business-day", case.next_business_day)]
    if case.licence_ends_on is not None:
        points.append(("trial-licence-ends", case.licence_ends_on))
    points.sort(key=lambda point: (point[1], _TIMELINE_ORDER.index(point[0])))
    return [
        {"date": d.isoformat(), "weekday": DAY_NAMES[d.weekday()], "label": timeline_label(kind, case), "kind": kind}
        for kind, d in points
    ]


def _grace_ends(grace_ends_on: date, next_business: date) -> GraceEnds:
    if grace_ends_on < next_business:
        return "before"
    return "on" if grace_ends_on == next_business else "after"


def _case(values: Mapping[str, Any], facts: Mapping[str, Any], licence: TrialLicence | None) -> LicenceCase:
    today: date = facts["today"]
    next_business: date = facts["next_business_day"]
    expires_on: date = values["expires_on"]
    grace_ends_on: date | None = facts["grace_ends_on"]
    now: datetime = values["now"]
    trial_running = values["trial"] and not facts["expired"]
    return LicenceCase(
        grace_days=GRACE_DAYS,
        licence_days=TRIAL_LICENCE_DAYS,
        trial=values["trial"],
        expires_on=expires_on,
        expired=facts["expired"],
        expired_today=expires_on == today,
        today=today,
        utc_offset=now.utcoffset() or timedelta(0),
        next_business_day=next_business,
        grace_ends_on=grace_ends_on,
        grace_ended=grace_ends_on is not None and grace_ends_on < today,
        grace_ends=None if grace_ends_on is None else _grace_ends(grace_ends_on, next_business),
        licence_days_given=licence.days if licence else None,
        licence_ends_on=licence.ends_on if licence else None,
        licence_capped=licence.capped if licence else False,
        trial_running=trial_running,
        trial_lasts_past_next_business_day=trial_running and expires_on > next_business,
    )


def _finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    outcome = result["outcome"]
    licence = trial_licence(facts["today"], facts["next_business_day"]) if outcome == "trial-licence" else None
    case = _case(values, facts, licence)
    wording = WORDING[outcome](case, result["because"], tuple(result["actions"]))
    result.update(
        because=wording.because,
        actions=list(wording.actions),
        say=wording.say,
        # Warnings the page shows as boxes ({"title", "text"}): a case to check before acting.
        caveats=[caveat._asdict() for caveat in wording.caveats],
        handover=wording.handover,
        today=case.today.isoformat(),
        expired=case.expired,
        grace_ends_on=case.grace_ends_on.isoformat() if case.grace_ends_on else None,
        next_business_day=case.next_business_day.isoformat(),
        trial_licence_days=licence.days if licence else None,
        trial_licence_ends_on=licence.ends_on.isoformat() if licence else None,
        trial_licence_capped=licence.capped if licence else None,
        handover_channel=SAAS_CHANNEL if outcome == "saas-plan" else None,
        timeline=_timeline(case, self_managed=values["deployment"] == "self-managed"),
        grace_period_label=GRACE_PERIOD,  # the picture's legend for the span from expiry to grace end
    )
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        SELF_MANAGED,
        "There may be times when a customer's subscription expires over the weekend, leaving their instance unusable "
        "until a new subscription is generated.",
    ),
    Pin(
        SELF_MANAGED,
        "For non-trial subscriptions, you can remind the customer that subscriptions have a 14 days grace period.",
    ),
    Pin(
        SELF_MANAGED,
        "If the expiration will not fall outside the grace period before the next business day, kindly let the user "
        "know that their request will be handled as a standard L&R case during normal business hours.",
    ),
    Pin(SELF_MANAGED, "You should reduce the priority of the case and inform the L&R team of the issue."),
    Pin(
        SELF_MANAGED,
        "Otherwise, you will need to login to CustomersDot Admin and generate a short term (7-14 days) trial license "
        "for them by following this workflow.",
    ),
    Pin(SAAS, "A customer may be blocked because of a license expiring or neglecting to apply a renewal."),
    Pin(SAAS, "If you're familiar with L&R Workflows, you may solve the case completely by yourself."),
    Pin(
        SAAS,
        "Use the mechanizer app from the ticket in the Manage GitLab Plan and Trials option and making sure to add "
        "the existing subscription name.",
    ),
    Pin(SAAS, "Alert #support_licensing-subscription that you've done so and link to the ticket for follow-up."),
)


CHECKER = Checker(
    name="licence",
    title="Licence emergency: grace period or trial licence?",
    summary=f"Work out the {GRACE_PERIOD}, the next business day and, when needed, the length of a short-term "
    "trial licence; get the steps and the texts for the customer and for the L&R hand-over.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(LICENSE, SELF_MANAGED, SAAS),
    derive=_derive,
    finish=_finish,
    shown_fields=(),  # the dates are the timeline's list, the hand-over has its own block
    notes=(
        f"The handbook says subscriptions have a {HANDBOOK_GRACE_PERIOD} but not whether its {ordinal(GRACE_DAYS)} day "
        f"is still covered. This checker takes the grace period to end on the expiry date + {GRACE_DAYS} days and "
        "counts that day as covered, so a grace period ending on the next business day itself is a standard L&R case; "
        "the result then says it ends that very day.",
        "Today and the next business day are counted on your own clock, in your UTC offset. The handbook does not say "
        "whose calendar counts; the customer's instance may already be a day ahead or behind.",
        "The handbook does not say whose holidays count. Enter the weekdays on which the L&R team will not be working, "
        "if you know them.",
        f'The handbook allows a trial licence of {LICENCE_DAYS_WORDS} "to get them through the weekend". This checker '
        f"proposes the shortest length from {LICENCE_DAYS_WORDS} whose end date comes after the next business day. If "
        f"even {LONGEST_LICENCE_DAYS} days does not (a long run of holidays), it proposes {LONGEST_LICENCE_DAYS} and "
        "says so: the handbook is silent on longer gaps.",
        "The handbook describes a subscription that has already expired. An expiry still in the future is decided by "
        "the same rule: a non-trial subscription then almost always has its grace period reach the working week (a "
        'standard L&R case). For a trial that has not expired yet, the handbook\'s "otherwise" still gives a trial '
        "licence, but the result warns when the current trial already lasts beyond the next business day, so you can "
        "check that a new licence is needed at all.",
        "On SaaS the handbook gives one procedure, whatever the dates and whether or not it was a trial. The grace "
        "period is described for self-managed subscriptions only, so it does not decide the SaaS path (grace_ends_on "
        "is still reported, but not drawn on the timeline).",
        "The handbook names no Zendesk macro or tag for licence emergencies, and no channel for informing the L&R "
        f"team about a self-managed case; the SaaS alert goes to {SAAS_CHANNEL}.",
    ),
)
