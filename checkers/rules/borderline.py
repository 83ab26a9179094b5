"""Not quite an emergency yet, but it may quickly become one: section "Situations that Might or Might
not Be Emergencies". What to do depends on whether it is the week or the weekend, and on whether you
are already engaged with another emergency."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checkers.engine.model import NOW, Checker, Fact, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import DAY_NAMES, is_weekend
from checkers.texts.borderline import MANAGER_STEP_IN_THE_WEEK, BorderlineCase, actions

BORDERLINE = "situations-that-might-or-might-not-be-emergencies"
MANAGER = "optional-contact-the-on-call-support-manager"

QUESTIONS = (
    Question(
        "at",
        "When did the page come in, on your own clock?",
        "datetime",
        default=NOW,
        help="In your time zone, or the one you choose beside it. Leave empty for now. "
        "Week or weekend is judged on this clock.",
    ),
    Question(
        "handling_other_emergency",
        "Are you actively engaged with another emergency?",
        "boolean",
        default=False,
    ),
)

FACTS = (
    Fact("weekend", "Weekend on your own clock (Saturday or Sunday)?"),
    Fact("handling_other_emergency", "Actively engaged with another emergency?"),
)

OUTCOMES = (
    Outcome(
        code="contact-manager",
        title="Contact the on-call Support Manager to request assistance",
        actions=(
            "Contact the on-call Support Manager to request assistance.",
            MANAGER_STEP_IN_THE_WEEK,
        ),
        cite=(BORDERLINE, MANAGER),
    ),
    Outcome(
        code="handle-as-high",
        title="Handle it yourself as a high-priority ticket that needs an immediate response",
        actions=(
            "Handle the page as a high priority ticket that requires an immediate response.",
            "Work with the customer to try to resolve or mitigate the issue before it becomes an emergency.",
        ),
        cite=(BORDERLINE,),
    ),
)

RULES = (
    Rule(
        {"weekend": (False,)},
        "contact-manager",
        "During the week: the Support Manager finds another Support Engineer.",
        (BORDERLINE,),
    ),
    Rule(
        {"weekend": (True,), "handling_other_emergency": (True,)},
        "contact-manager",
        "During the weekend, while you are actively engaged with another emergency.",
        (BORDERLINE,),
    ),
    Rule(
        {},
        "handle-as-high",
        "During the weekend, and you are free: handle it yourself before it becomes an emergency.",
        (BORDERLINE,),
    ),
)


def _derive(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        # weekday() of an aware datetime is its own local date's: the engineer's day, not UTC's.
        "weekend": is_weekend(values["at"]),
        "handling_other_emergency": values["handling_other_emergency"],
    }


def _finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    result["local_day"] = DAY_NAMES[values["at"].weekday()]
    result["actions"] = list(actions(BorderlineCase(weekend=facts["weekend"]), tuple(result["actions"])))
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        BORDERLINE,
        "At times, an emergency page may come in for a situation that is not quite yet an emergency, but may quickly "
        "become one.",
    ),
    Pin(BORDERLINE, "If this situation arises during the week:"),
    Pin(BORDERLINE, "Contact the on-call Support Manager to request assistance."),
    Pin(
        BORDERLINE,
        "They will work to find another Support Engineer to handle the ticket as a high priority that requires an "
        "immediate response.",
    ),
    Pin(BORDERLINE, "If this situation arises during the weekend:"),
    Pin(BORDERLINE, "Handle the page as a high priority ticket that requires an immediate response."),
    Pin(
        BORDERLINE,
        "If you are actively engaged with another emergency, contact the on-call Support Manager to request "
        "assistance.",
    ),
    Pin(MANAGER, "Managers are on-call during weekends, so you can page for help at any time."),
)


CHECKER = Checker(
    name="borderline",
    title="Not quite an emergency yet: who handles it?",
    summary="During the week, contact the on-call Support Manager; during the weekend, handle it yourself as "
    "a high-priority ticket, unless you are already engaged with another emergency.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(BORDERLINE,),
    derive=_derive,
    finish=_finish,
    field_labels={"local_day": "Day on your clock"},
    notes=(
        'The handbook does not say whose clock decides "during the week" or "during the weekend"; this '
        "checker uses yours (the UTC offset of the time you give), Saturday 00:00 to Sunday 23:59.",
        "Public holidays and weekends other than Saturday and Sunday are not mentioned in the handbook; a "
        "weekday holiday counts as a weekday here.",
        "Whether the situation might become an emergency is your judgement; this checker starts from it.",
    ),
)
