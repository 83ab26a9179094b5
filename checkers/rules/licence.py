"""Licence emergencies: does the grace period (`GRACE_DAYS`) reach the working week, or does the
customer need a short-term trial licence (`TRIAL_LICENCE_DAYS`)? Section "License Emergencies" and
its two subsections ("Self-managed Subscription Emergencies", "SaaS Subscription Emergencies").

All date arithmetic is on calendar dates in the engineer's own UTC offset (the `now` answer):
"today" is `now`'s local date, and the next business day is the first later date that is Monday to
Friday and not one of the `holidays`. The results carry every date the page needs, including an
ordered `timeline`, so the page draws the picture without computing anything.

The handbook's numbers are stated once, in `GRACE_DAYS` and `TRIAL_LICENCE_DAYS`; every sentence
that mentions them is formatted from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from checkers.engine.model import NOW, REQUIRED, Checker, Fact, InvalidAnswer, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import DAY_NAMES, days, is_weekend

LICENSE = "license-emergencies"
SELF_MANAGED = "self-managed-subscription-emergencies"
SAAS = "saas-subscription-emergencies"

GRACE_DAYS = 14  # "subscriptions have a 14 days grace period"
TRIAL_LICENCE_DAYS = range(7, 15)  # "a short term (7-14 days) trial license"
SAAS_CHANNEL = "#support_licensing-subscription"

SHORTEST_LICENCE_DAYS, LONGEST_LICENCE_DAYS = TRIAL_LICENCE_DAYS[0], TRIAL_LICENCE_DAYS[-1]
# The numbers in words, for the sentences below: a new grace period or licence length is a change of
# the two constants above, never of a sentence.
GRACE_PERIOD = f"{GRACE_DAYS}-day grace period"
HANDBOOK_GRACE_PERIOD = f"{GRACE_DAYS} days grace period"  # the handbook's own wording ("a N days grace period")
LICENCE_DAYS_RANGE = f"{SHORTEST_LICENCE_DAYS}-{LONGEST_LICENCE_DAYS}"
LICENCE_DAYS_WORDS = f"{SHORTEST_LICENCE_DAYS} to {LONGEST_LICENCE_DAYS} days"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


GRACE_FAQ = "https://about.gitlab.com/pricing/licensing-faq/#what-happens-when-my-subscription-is-about-to-expire-or-has-expired"
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
        "standard-lr",
        "A standard L&R case in business hours: the grace period covers the customer",
        (
            f"Remind the customer that subscriptions have a {HANDBOOK_GRACE_PERIOD}: {GRACE_FAQ}",
            "Kindly let the user know that their request will be handled as a standard L&R case during normal business hours.",
            "Reduce the priority of the case.",
            "Inform the L&R team of the issue.",
        ),
        (),
        (SELF_MANAGED,),
    ),
    Outcome(
        "trial-licence",
        f"Generate a short-term ({LICENCE_DAYS_RANGE} day) trial licence to get them to the working week",
        (
            f"Log in to CustomersDot Admin ({CUSTOMERSDOT_ADMIN}) and generate a short term ({LICENCE_DAYS_RANGE} days) trial license "
            f"for them by following the creating licenses workflow: {CREATING_LICENSES}",
            "The idea is to get them through the weekend so they can solve this with their CSM, Sales Rep, and the "
            "L&R Support team during the regular workweek: hand the case over to them.",
        ),
        (),
        (SELF_MANAGED,),
    ),
    Outcome(
        "saas-plan",
        "SaaS: restore the plan with the mechanizer app, then alert L&R",
        (
            f"If you're familiar with the L&R workflows ({LR_WORKFLOWS}), you may solve the case completely by yourself.",
            'If you are not: use the mechanizer app from the ticket in the "Manage GitLab Plan and Trials" option, '
            "making sure to add the existing subscription name.",
            f"Then alert {SAAS_CHANNEL} that you've done so and link to the ticket for follow-up.",
        ),
        (),
        (SAAS,),
    ),
)

RULES = (
    Rule(
        {"deployment": ("saas",)},
        "saas-plan",
        "A GitLab.com subscription: the handbook gives one SaaS procedure, whatever the dates and whether or not it was a trial.",
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


def _derive(values):
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
        # The contract: covered when next_business_day <= grace_ends_on, so a grace period
        # ending on the next business day itself still counts (see the notes).
        "grace_covers_next_business_day": (not trial) and next_business <= grace_ends_on,
    }


# ---- the result: dates, timeline and copy-ready texts -------------------------------------------


def _day(d: date) -> str:
    return f"{DAY_NAMES[d.weekday()]} {d.isoformat()}"


def _offset(now: datetime) -> str:
    minutes = int(now.utcoffset().total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@dataclass(frozen=True)
class _Case:
    """Everything the texts need, named once."""

    deployment: str
    trial: bool
    expires_on: date
    expired: bool
    today: date
    offset: str
    next_business: date
    grace_ends_on: date | None
    licence: TrialLicence | None

    @property
    def what(self) -> str:
        return "trial" if self.trial else "subscription"

    @property
    def expiry(self) -> str:
        """'expired today, ...' / 'expired on ...' / 'expires on ...'."""
        if self.expires_on == self.today:
            return f"expired today, {_day(self.expires_on)}"
        if self.expired:
            return f"expired on {_day(self.expires_on)}"
        return f"expires on {_day(self.expires_on)}"

    @property
    def grace(self) -> str:
        """Where the grace period ends relative to the next business day, in words."""
        ends = "ended" if self.grace_ends_on < self.today else "ends"
        if self.grace_ends_on < self.next_business:
            where = f"before the next business day, {_day(self.next_business)}"
        elif self.grace_ends_on == self.next_business:
            where = "the next business day itself"
        else:
            where = f"after the next business day, {_day(self.next_business)}"
        return f"the {GRACE_PERIOD} {ends} on {_day(self.grace_ends_on)}, {where}"


def _timeline(case: _Case) -> list[dict]:
    """Dated points in order; on the same date, in the order the story is told."""
    points = [("expiry", case.expires_on, f"{case.what.capitalize()} {'expired' if case.expired else 'expires'}")]
    if case.grace_ends_on is not None and case.deployment == "self-managed":
        points.append(("grace-end", case.grace_ends_on, f"{GRACE_PERIOD} ends"))
    points.append(("today", case.today, f"Today (your date, {case.offset})"))
    points.append(("next-business-day", case.next_business, "Next business day"))
    if case.licence is not None:
        points.append(("trial-licence-ends", case.licence.ends_on, f"{case.licence.days}-day trial licence ends"))
    order = ("expiry", "grace-end", "today", "next-business-day", "trial-licence-ends")
    points.sort(key=lambda p: (p[1], order.index(p[0])))
    return [
        {"date": d.isoformat(), "weekday": DAY_NAMES[d.weekday()], "label": label, "kind": kind}
        for kind, d, label in points
    ]


CHECK_FIRST = "Check first"


def _standard_lr(case: _Case, result: dict) -> None:
    result["because"] += f" The {case.what} {case.expiry}; {case.grace}."
    if case.grace_ends_on == case.next_business:
        result["actions"].append(
            f"The grace period ends on the next business day itself ({_day(case.next_business)}): tell the L&R team "
            "it has to be dealt with that day."
        )
    result["say"] = (
        f"Thank you for contacting GitLab Support. Your GitLab subscription {case.expiry}. Subscriptions have a "
        f"{HANDBOOK_GRACE_PERIOD} after they expire ({GRACE_FAQ}); yours ends on {_day(case.grace_ends_on)}, which is "
        f"{'our next business day' if case.grace_ends_on == case.next_business else 'after our next business day, ' + _day(case.next_business)}. "
        "Your request will be handled as a standard License & Renewals case during normal business hours."
    )
    result["handover"] = (
        f"Licence emergency, self-managed, handled as a standard L&R case: the customer's subscription {case.expiry}; "
        f"{case.grace}. I reminded the customer of the grace period and reduced the priority of the case. "
        + (
            "The grace period ends that very day, so please pick it up first thing. "
            if case.grace_ends_on == case.next_business
            else "Please pick it up during business hours. "
        )
        + "Ticket: [ticket link]"
    )


def _trial_licence(case: _Case, result: dict) -> None:
    licence = case.licence
    reasons = f" The {case.what} {case.expiry}"
    reasons += "; a trial has no grace period." if case.trial else f"; {case.grace}."
    if licence.capped:
        length = (
            f"Make it {licence.days} days, the longest the handbook allows: from today, {_day(case.today)}, it ends on "
            f"{_day(licence.ends_on)}, which does NOT reach past the next business day, {_day(case.next_business)}. "
            "The handbook is silent on a gap this long: say in the hand-over when the licence ends, so L&R can act before then."
        )
    else:
        length = (
            f"Make it {licence.days} days: from today, {_day(case.today)}, it ends on {_day(licence.ends_on)}, after the "
            f"next business day, {_day(case.next_business)} ({licence.days} is the shortest length from {LICENCE_DAYS_WORDS} that "
            "carries the customer past it)."
        )
    result["because"] += reasons + " " + length
    result["actions"].insert(1, length)
    if licence.capped:
        result["caveats"].append(
            {
                "title": f"Even a {licence.days}-day licence falls short",
                "text": f"The longest trial licence the handbook allows ends on {_day(licence.ends_on)}, not after the next "
                f"business day, {_day(case.next_business)}. The handbook is silent on a gap this long: say in the "
                "hand-over when the licence ends.",
            }
        )
    if case.trial and not case.expired:
        still = case.expires_on > case.next_business
        caveat_text = f"The trial has not expired yet ({case.expiry}). " + (
            f"It already lasts beyond the next business day, {_day(case.next_business)}, so the instance is not blocked "
            "before the working week. The handbook describes a subscription that has already expired and is silent "
            "on this case: make sure a new licence is needed at all before generating one."
            if still
            else f"It will not last beyond the next business day, {_day(case.next_business)}, so the licence below carries "
            "the customer past it."
        )
        caveat = f"{CHECK_FIRST}: {caveat_text[0].lower()}{caveat_text[1:]}"
        result["actions"].insert(0, caveat)
        result["because"] += " " + caveat
        result["caveats"].insert(0, {"title": CHECK_FIRST, "text": caveat_text})
    result["say"] = (
        f"Thank you for contacting GitLab Support. Your GitLab {case.what} {case.expiry}. "
        + (
            f"To keep your instance working, we are generating a temporary {licence.days}-day licence, valid until "
            f"{_day(licence.ends_on)}; as our next business day is only {_day(case.next_business)}, we will follow up "
            "before that licence ends. "
            if licence.capped
            else f"To get you through to our next business day, {_day(case.next_business)}, we are generating a temporary "
            f"{licence.days}-day licence for your instance, valid until {_day(licence.ends_on)}. "
        )
        + "Your CSM, Sales Rep and our License & Renewals team will follow up with you during the regular work week "
        "to resolve the subscription."
    )
    result["handover"] = (
        f"Licence emergency, self-managed: the customer's {case.what} {case.expiry}"
        + ("" if case.trial else f"; {case.grace}")
        + f". I generated a {licence.days}-day trial licence in CustomersDot, from {_day(case.today)} to "
        f"{_day(licence.ends_on)}, "
        + (
            f"the longest the handbook allows. Note: even {LONGEST_LICENCE_DAYS} days does not reach past the next business day, "
            f"{_day(case.next_business)}, so the licence needs attention before it ends. "
            if licence.capped
            else f"to carry them past the next business day, {_day(case.next_business)}. "
        )
        + "Please follow up with the customer, their CSM and Sales Rep during the regular workweek. Ticket: [ticket link]"
    )


def _saas_plan(case: _Case, result: dict) -> None:
    result["because"] += f" The {case.what} {case.expiry}."
    # Not asked on SaaS (it cannot change the procedure), so said whatever the subscription was.
    result["actions"].append("Trial or not: the handbook's SaaS procedure is the same for trials.")
    result["say"] = (
        f"Thank you for contacting GitLab Support. Your GitLab.com {case.what} {case.expiry}. We are restoring your "
        "GitLab.com plan so that you are unblocked, and our License & Renewals team will follow up on this ticket "
        "to complete the subscription."
    )
    result["handover"] = (
        f"Licence emergency, SaaS: the customer's GitLab.com {case.what} {case.expiry}. I used the mechanizer app from "
        'the ticket ("Manage GitLab Plan and Trials") with the existing subscription name, [subscription name], to '
        "unblock them. Please follow up: [ticket link]"
    )


_TEXTS = {"standard-lr": _standard_lr, "trial-licence": _trial_licence, "saas-plan": _saas_plan}


def _finish(values, facts, result):
    today, next_business = facts["today"], facts["next_business_day"]
    licence = trial_licence(today, next_business) if result["outcome"] == "trial-licence" else None
    case = _Case(
        deployment=values["deployment"],
        trial=values["trial"],
        expires_on=values["expires_on"],
        expired=facts["expired"],
        today=today,
        offset=_offset(values["now"]),
        next_business=next_business,
        grace_ends_on=facts["grace_ends_on"],
        licence=licence,
    )
    # Warnings the page shows as boxes ({"title", "text"}): a case to check before acting.
    result["caveats"] = []
    _TEXTS[result["outcome"]](case, result)
    result.update(
        today=today.isoformat(),
        expired=case.expired,
        grace_ends_on=case.grace_ends_on.isoformat() if case.grace_ends_on else None,
        next_business_day=next_business.isoformat(),
        trial_licence_days=licence.days if licence else None,
        trial_licence_ends_on=licence.ends_on.isoformat() if licence else None,
        trial_licence_capped=licence.capped if licence else None,
        handover_channel=SAAS_CHANNEL if result["outcome"] == "saas-plan" else None,
        timeline=_timeline(case),
        grace_period_label=GRACE_PERIOD,  # the picture's legend for the span from expiry to grace end
    )
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        SELF_MANAGED,
        "There may be times when a customer's subscription expires over the weekend, leaving their instance unusable until a new subscription is generated.",
    ),
    Pin(
        SELF_MANAGED,
        "For non-trial subscriptions, you can remind the customer that subscriptions have a 14 days grace period.",
    ),
    Pin(
        SELF_MANAGED,
        "If the expiration will not fall outside the grace period before the next business day, kindly let the user know that their request will be handled as a standard L&R case during normal business hours.",
    ),
    Pin(SELF_MANAGED, "You should reduce the priority of the case and inform the L&R team of the issue."),
    Pin(
        SELF_MANAGED,
        "Otherwise, you will need to login to CustomersDot Admin and generate a short term (7-14 days) trial license for them by following this workflow.",
    ),
    Pin(SAAS, "A customer may be blocked because of a license expiring or neglecting to apply a renewal."),
    Pin(SAAS, "If you're familiar with L&R Workflows, you may solve the case completely by yourself."),
    Pin(
        SAAS,
        "Use the mechanizer app from the ticket in the Manage GitLab Plan and Trials option and making sure to add the existing subscription name.",
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
        f"even {LONGEST_LICENCE_DAYS} days does not (a long run of holidays), it proposes {LONGEST_LICENCE_DAYS} and says "
        "so: the handbook is silent on longer gaps.",
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
