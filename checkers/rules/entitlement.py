"""Is the requester entitled to emergency support? The step "Verify that the requester is a customer
with emergency support entitlement" of "Respond to PagerDuty alerts", and the special handling note
"Single user, same day purchases"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checkers.engine.model import Checker, Fact, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin

RESPOND = "respond-to-pagerduty-alerts"
DETERMINE = "determine-if-the-situation-qualifies-as-an-emergency"
SINGLE_USER = "single-user-same-day-purchases"
MANAGER = "optional-contact-the-on-call-support-manager"

# Legacy tier names, placed where they stand against Premium (the only line the handbook draws).
# GitLab renamed its tiers in 2021: Core became Free, Silver became Premium, Gold became Ultimate,
# and Bronze (SaaS) and Starter (self-managed) were retired below Premium.
PLANS = (
    Option("free", "Free", aliases=("core",)),
    Option("bronze", "Bronze / Starter (legacy, below Premium)", aliases=("starter",)),
    Option("premium", "Premium", aliases=("silver",)),
    Option("ultimate", "Ultimate", aliases=("gold",)),
    Option("unknown", "Not known yet"),
)

# Where each plan stands against the handbook's line "Premium or above".
STANDING = {
    "free": "free",
    "bronze": "below-premium",
    "premium": "premium-or-above",
    "ultimate": "premium-or-above",
    "unknown": "unknown",
}

QUESTIONS = (
    Question(
        "org_associated",
        "Is the requester's email address associated with an org in Zendesk?",
        "boolean",
        help="Look at the requester in the Zendesk ticket: is their email address part of an organization?",
    ),
    Question(
        "plan",
        "Which subscription does the requester have?",
        "choice",
        PLANS,
        help="The org's subscription in Zendesk. Legacy tier names are accepted: Silver counts as Premium, "
        "Gold as Ultimate, Core as Free; Bronze and Starter stand below Premium. "
        'Answer "Not known yet" if you cannot tell (for example, no org is associated).',
    ),
    Question(
        "single_user_same_day_purchase",
        "Was the subscription a single-user licence bought the same day as the emergency?",
        "boolean",
        default=False,
        help="There have been documented cases of a single-user licence bought specifically to raise an emergency.",
        asked_when=(("org_associated", (True,)), ("plan", ("premium", "ultimate"))),
    ),
)

FACTS = (
    Fact("org_associated", "Email associated with an org in Zendesk?"),
    Fact(
        "plan_standing",
        "Subscription against Premium",
        (
            ("free", "Free"),
            ("below-premium", "below Premium (Bronze / Starter)"),
            ("premium-or-above", "Premium or above"),
            ("unknown", "not known"),
        ),
    ),
    Fact("single_user_same_day_purchase", "Single-user licence bought the same day?"),
)

OUTCOMES = (
    Outcome(
        code="needs-org",
        title="Not associated with an org: follow the needs-org process",
        actions=(
            'Follow the normal "needs-org" process.',
            "Include an explanation that you cannot deliver emergency assistance until you have connected the "
            "user to an account that is currently entitled to priority support.",
            "If you learn that they are a free user, mark the ticket solved.",
        ),
        cite=(RESPOND,),
        say="Thank you for contacting GitLab Support. Your email address is not yet associated with a GitLab "
        "customer account in our support system, and we cannot deliver emergency assistance until we have "
        "connected you to an account that is currently entitled to priority support. "
        "[The details the needs-org process asks for.]",
    ),
    Outcome(
        code="free-user",
        title="A free user: mark the ticket solved",
        actions=("The requester is not associated with an org and is a free user: mark the ticket solved.",),
        cite=(RESPOND,),
        # The handbook gives no words for a free user: this says only what it does (no emergency
        # support without an entitled subscription; the ticket is marked solved). See the notes.
        say="Thank you for contacting GitLab Support. We have looked at your account: as a free user, your "
        "subscription does not include emergency support, so we are marking this emergency request as solved.",
    ),
    Outcome(
        code="below-premium",
        title="Below Premium: no emergency support",
        actions=(
            "Lower the priority of the ticket.",
            "Inform the customer kindly that their subscription does not include emergency support.",
        ),
        cite=(RESPOND,),
        say="Thank you for contacting GitLab Support, and we are sorry to hear you are having trouble. "
        "We have looked at your account: your current subscription does not include emergency support, "
        "so we have changed the priority of this ticket accordingly.",
    ),
    Outcome(
        code="verify-subscription",
        title="Associated with an org: verify its subscription first",
        actions=(
            "The requester is associated with an org in Zendesk: verify that their subscription is Premium or above.",
            "Then answer with the plan you find.",
        ),
        cite=(RESPOND,),
    ),
    Outcome(
        code="entitled",
        title="Entitled to emergency support",
        actions=(
            "The requester is associated with an org whose subscription is Premium or above.",
            "Go on: work with the on-call Support Manager to determine if the situation qualifies as an emergency.",
        ),
        cite=(RESPOND, DETERMINE),
    ),
    Outcome(
        code="engage-manager",
        title="Single user, same day purchase: engage the Support Manager on-call before offering a call",
        actions=(
            "Engage the Support Manager on-call before offering a call: there have been documented cases of "
            "people purchasing a single-user GitLab licence specifically to raise an emergency.",
            "Do not offer a call until you have done so. The rest of the response goes on as usual: work with "
            "the on-call Support Manager to determine if the situation qualifies as an emergency.",
        ),
        cite=(SINGLE_USER, MANAGER),
    ),
)

RULES = (
    Rule(
        {"org_associated": (False,), "plan_standing": ("free",)},
        "free-user",
        "Not associated with an org and a free user: mark the ticket solved.",
        (RESPOND,),
    ),
    Rule(
        {"org_associated": (False,)},
        "needs-org",
        "Not associated with an org in Zendesk (and not known to be a free user): emergency assistance waits "
        "until the user is connected to an entitled account.",
        (RESPOND,),
    ),
    Rule(
        {"org_associated": (True,), "plan_standing": ("unknown",)},
        "verify-subscription",
        "Associated with an org, but its subscription is not known yet: verify that it is Premium or above.",
        (RESPOND,),
    ),
    Rule(
        {"org_associated": (True,), "plan_standing": ("free", "below-premium")},
        "below-premium",
        "Associated with an org whose subscription is not Premium or above.",
        (RESPOND,),
    ),
    Rule(
        {"org_associated": (True,), "plan_standing": ("premium-or-above",), "single_user_same_day_purchase": (True,)},
        "engage-manager",
        "Premium or above, but a single-user licence bought the same day: engage the Support Manager on-call "
        "before offering a call.",
        (SINGLE_USER,),
    ),
    Rule({}, "entitled", "Associated with an org whose subscription is Premium or above.", (RESPOND,)),
)


def _derive(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "org_associated": values["org_associated"],
        "plan_standing": STANDING[values["plan"]],
        "single_user_same_day_purchase": values["single_user_same_day_purchase"],
    }


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(RESPOND, "Verify that the requester is a customer with emergency support entitlement:"),
    Pin(
        RESPOND,
        'If the customer\'s email address is not associated with an org in Zendesk, follow the normal "needs-org" '
        "process and include an explanation that you cannot deliver emergency assistance until you have connected "
        "the user to an account that is currently entitled to priority support.",
    ),
    Pin(RESPOND, "If you learn that they are a free user, mark the ticket solved."),
    Pin(
        RESPOND,
        "If the customer is associated with an org in Zendesk, verify that their subscription is Premium or above.",
    ),
    Pin(
        RESPOND,
        "If it is not, lower the priority of the ticket and inform the customer kindly that their subscription does "
        "not include emergency support.",
    ),
    Pin(RESPOND, "Work with the on-call Support Manager to determine if the situation qualifies as an emergency"),
    Pin(
        SINGLE_USER,
        "There have been a few documented cases of folks purchasing a single user GitLab license specifically to "
        "raise an emergency.",
    ),
    Pin(SINGLE_USER, "If you encounter such a case, engage the Support manager on-call before offering a call."),
)


CHECKER = Checker(
    name="entitlement",
    title="Is the requester entitled to emergency support?",
    summary="Check the org in Zendesk and its subscription before anything else: needs-org, free user, "
    "below Premium, entitled, or a single-user same-day purchase that needs the Support Manager on-call.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(RESPOND, SINGLE_USER),
    derive=_derive,
    notes=(
        'The handbook draws one line, "Premium or above". Legacy tier names are not in it; they are placed by '
        "GitLab's 2021 renaming: Silver is Premium, Gold is Ultimate, Core is Free, Bronze and Starter are below "
        "Premium.",
        'The "needs-org" process itself is described outside this page; this checker names it and gives the '
        "explanation the handbook requires. The text in brackets is for you to fill in.",
        "The handbook does not say which priority to lower a below-Premium ticket to; this checker does not decide it.",
        "The handbook gives no words for a free user whose ticket is marked solved: the free-user text is this "
        "site's wording, and says only what the handbook does (the subscription does not include emergency "
        "support, and the ticket is marked solved).",
        "A single-user licence bought the same day is your judgement of the ticket; the handbook says only to "
        "engage the Support Manager on-call before offering a call, not to refuse help.",
        "Trials are not mentioned in the handbook; if you meet one, ask the on-call Support Manager.",
    ),
)
