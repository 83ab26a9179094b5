"""The licence checker's sentences: what checkers/rules/licence.py decided, in words.

The rules fill a `LicenceCase` (the handbook's numbers in force, the dates, and every decision as a
named field); each outcome's `Wording` is made from it here, and only here. Nothing in this module
decides: where a sentence differs by case, it reads a field the rules set.

The handbook's numbers arrive in the case (`grace_days`, `licence_days`), never as constants of
this module, so a new grace period or licence length changes every sentence at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from checkers.engine.timeutil import DAY_NAMES

GRACE_FAQ = "https://about.gitlab.com/pricing/licensing-faq/#what-happens-when-my-subscription-is-about-to-expire-or-has-expired"
CHECK_FIRST = "Check first"


# ---- the handbook's numbers in words ------------------------------------------------------------


def grace_period(grace_days: int) -> str:
    return f"{grace_days}-day grace period"


def handbook_grace_period(grace_days: int) -> str:
    """The handbook's own wording ("a N days grace period")."""
    return f"{grace_days} days grace period"


def licence_days_range(licence_days: range) -> str:
    return f"{licence_days[0]}-{licence_days[-1]}"


def licence_days_words(licence_days: range) -> str:
    return f"{licence_days[0]} to {licence_days[-1]} days"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---- what the rules decided ---------------------------------------------------------------------

# Where the grace period ends, seen from the next business day.
GraceEnds = Literal["before", "on", "after"]


@dataclass(frozen=True)
class LicenceCase:
    """Everything the sentences need, named once. The optional fields are None where the case has no
    such thing: no grace period for a trial, no licence outside the trial-licence outcome."""

    grace_days: int  # the handbook's grace period, in days
    licence_days: range  # the trial licence lengths the handbook allows
    trial: bool
    expires_on: date
    expired: bool
    expired_today: bool
    today: date
    utc_offset: timedelta  # the engineer's clock, on which today and the next business day are counted
    next_business_day: date
    grace_ends_on: date | None
    grace_ended: bool  # the grace period ended before today
    grace_ends: GraceEnds | None
    licence_days_given: int | None  # the trial licence proposed, and the day it ends
    licence_ends_on: date | None
    licence_capped: bool  # even the longest licence allowed ends on or before the next business day
    trial_running: bool  # a trial that has not expired yet
    trial_lasts_past_next_business_day: bool


class Caveat(NamedTuple):
    """A warning the page shows as a box: a case to check before acting."""

    title: str
    text: str


class Wording(NamedTuple):
    """An outcome's sentences for one case."""

    because: str
    actions: tuple[str, ...]
    caveats: tuple[Caveat, ...]
    say: str
    handover: str


# ---- the phrases the sentences share ------------------------------------------------------------


def day(d: date) -> str:
    return f"{DAY_NAMES[d.weekday()]} {d.isoformat()}"


def utc_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _what(case: LicenceCase) -> str:
    return "trial" if case.trial else "subscription"


def _expiry(case: LicenceCase) -> str:
    """'expired today, ...' / 'expired on ...' / 'expires on ...'."""
    if case.expired_today:
        return f"expired today, {day(case.expires_on)}"
    if case.expired:
        return f"expired on {day(case.expires_on)}"
    return f"expires on {day(case.expires_on)}"


def _grace(case: LicenceCase) -> str:
    """Where the grace period ends relative to the next business day, in words."""
    assert case.grace_ends_on is not None and case.grace_ends is not None, "a trial has no grace period"
    where = {
        "before": f"before the next business day, {day(case.next_business_day)}",
        "on": "the next business day itself",
        "after": f"after the next business day, {day(case.next_business_day)}",
    }[case.grace_ends]
    ends = "ended" if case.grace_ended else "ends"
    return f"the {grace_period(case.grace_days)} {ends} on {day(case.grace_ends_on)}, {where}"


def timeline_label(kind: str, case: LicenceCase) -> str:
    """What the picture calls each dated point of the timeline."""
    if kind == "expiry":
        return f"{_what(case).capitalize()} {'expired' if case.expired else 'expires'}"
    if kind == "grace-end":
        return f"{grace_period(case.grace_days)} ends"
    if kind == "today":
        return f"Today (your date, {utc_offset(case.utc_offset)})"
    if kind == "next-business-day":
        return "Next business day"
    if kind == "trial-licence-ends":
        return f"{case.licence_days_given}-day trial licence ends"
    raise KeyError(kind)


# ---- each outcome's wording ---------------------------------------------------------------------
# `because` is the rule's own line; `steps` are the outcome's steps as its table states them.


def standard_lr(case: LicenceCase, because: str, steps: tuple[str, ...]) -> Wording:
    assert case.grace_ends_on is not None, "a standard L&R case has a grace period"
    next_business = day(case.next_business_day)
    on_the_day = case.grace_ends == "on"
    end_day_step = (
        f"The grace period ends on the next business day itself ({next_business}): tell the L&R team it has to be "
        "dealt with that day."
    )
    return Wording(
        because=f"{because} The {_what(case)} {_expiry(case)}; {_grace(case)}.",
        actions=(*steps, end_day_step) if on_the_day else steps,
        caveats=(),
        say=(
            f"Thank you for contacting GitLab Support. Your GitLab subscription {_expiry(case)}. Subscriptions have a "
            f"{handbook_grace_period(case.grace_days)} after they expire ({GRACE_FAQ}); yours ends on "
            f"{day(case.grace_ends_on)}, which is "
            f"{'our next business day' if on_the_day else 'after our next business day, ' + next_business}. "
            "Your request will be handled as a standard License & Renewals case during normal business hours."
        ),
        handover=(
            f"Licence emergency, self-managed, handled as a standard L&R case: the customer's subscription "
            f"{_expiry(case)}; {_grace(case)}. I reminded the customer of the grace period and reduced the priority "
            "of the case. "
            + (
                "The grace period ends that very day, so please pick it up first thing. "
                if on_the_day
                else "Please pick it up during business hours. "
            )
            + "Ticket: [ticket link]"
        ),
    )


def trial_licence(case: LicenceCase, because: str, steps: tuple[str, ...]) -> Wording:
    assert case.licence_days_given is not None and case.licence_ends_on is not None, "a licence was proposed"
    generate, hand_over = steps
    days, today, ends_on = case.licence_days_given, day(case.today), day(case.licence_ends_on)
    next_business = day(case.next_business_day)
    longest = case.licence_days[-1]
    if case.licence_capped:
        length = (
            f"Make it {days} days, the longest the handbook allows: from today, {today}, it ends on {ends_on}, which "
            f"does NOT reach past the next business day, {next_business}. The handbook is silent on a gap this long: "
            "say in the hand-over when the licence ends, so L&R can act before then."
        )
    else:
        length = (
            f"Make it {days} days: from today, {today}, it ends on {ends_on}, after the next business day, "
            f"{next_business} ({days} is the shortest length from {licence_days_words(case.licence_days)} that "
            "carries the customer past it)."
        )
    falls_short = Caveat(
        title=f"Even a {days}-day licence falls short",
        text=f"The longest trial licence the handbook allows ends on {ends_on}, not after the next business day, "
        f"{next_business}. The handbook is silent on a gap this long: say in the hand-over when the licence ends.",
    )
    running_trial = f"trial has not expired yet ({_expiry(case)}). " + (
        f"It already lasts beyond the next business day, {next_business}, so the instance is not blocked before the "
        "working week. The handbook describes a subscription that has already expired and is silent on this case: "
        "make sure a new licence is needed at all before generating one."
        if case.trial_lasts_past_next_business_day
        else f"It will not last beyond the next business day, {next_business}, so the licence below carries the "
        "customer past it."
    )
    check_first = Caveat(title=CHECK_FIRST, text=f"The {running_trial}")
    check_first_step = f"{CHECK_FIRST}: the {running_trial}"
    reasons = "a trial has no grace period" if case.trial else _grace(case)
    return Wording(
        because=f"{because} The {_what(case)} {_expiry(case)}; {reasons}. {length}"
        + (f" {check_first_step}" if case.trial_running else ""),
        actions=((check_first_step,) if case.trial_running else ()) + (generate, length, hand_over),
        caveats=((check_first,) if case.trial_running else ()) + ((falls_short,) if case.licence_capped else ()),
        say=(
            f"Thank you for contacting GitLab Support. Your GitLab {_what(case)} {_expiry(case)}. "
            + (
                f"To keep your instance working, we are generating a temporary {days}-day licence, valid until "
                f"{ends_on}; as our next business day is only {next_business}, we will follow up before that "
                "licence ends. "
                if case.licence_capped
                else f"To get you through to our next business day, {next_business}, we are generating a temporary "
                f"{days}-day licence for your instance, valid until {ends_on}. "
            )
            + "Your CSM, Sales Rep and our License & Renewals team will follow up with you during the regular work "
            "week to resolve the subscription."
        ),
        handover=(
            f"Licence emergency, self-managed: the customer's {_what(case)} {_expiry(case)}"
            + ("" if case.trial else f"; {_grace(case)}")
            + f". I generated a {days}-day trial licence in CustomersDot, from {today} to {ends_on}, "
            + (
                f"the longest the handbook allows. Note: even {longest} days does not reach past the next business "
                f"day, {next_business}, so the licence needs attention before it ends. "
                if case.licence_capped
                else f"to carry them past the next business day, {next_business}. "
            )
            + "Please follow up with the customer, their CSM and Sales Rep during the regular workweek. "
            "Ticket: [ticket link]"
        ),
    )


def saas_plan(case: LicenceCase, because: str, steps: tuple[str, ...]) -> Wording:
    what, expiry = _what(case), _expiry(case)
    return Wording(
        because=f"{because} The {what} {expiry}.",
        # Not asked on SaaS (it cannot change the procedure), so said whatever the subscription was.
        actions=(*steps, "Trial or not: the handbook's SaaS procedure is the same for trials."),
        caveats=(),
        say=(
            f"Thank you for contacting GitLab Support. Your GitLab.com {what} {expiry}. We are restoring your "
            "GitLab.com plan so that you are unblocked, and our License & Renewals team will follow up on this "
            "ticket to complete the subscription."
        ),
        handover=(
            f"Licence emergency, SaaS: the customer's GitLab.com {what} {expiry}. I used the mechanizer app from the "
            'ticket ("Manage GitLab Plan and Trials") with the existing subscription name, [subscription name], to '
            "unblock them. Please follow up: [ticket link]"
        ),
    )


WORDING: dict[str, Callable[[LicenceCase, str, tuple[str, ...]], Wording]] = {
    "standard-lr": standard_lr,
    "trial-licence": trial_licence,
    "saas-plan": saas_plan,
}
