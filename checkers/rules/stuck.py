"""What to do when you don't know what to do: the section of that name, as a ladder.

Outcomes, one per rung:
- `coordinate`: remember your primary role is incident management, and coordinate the response;
- `ask-cmoc`: a SaaS emergency at the weekend you are unable to progress: check whether the CMOC
  engineer on call can offer help or guidance;
- `manager-or-dev-escalation`: still stuck and having difficulty finding help: contact the manager
  on-call or initiate the dev-escalation process.
Result fields of this checker: `reminder` (the primary role is incident management) and `phrases`
(the handbook's five phrases, verbatim), on every rung.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checkers.engine.model import NOW, Checker, Derived, Fact, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import is_weekend

STUCK = "what-to-do-if-you-dont-know-what-to-do"
OPTIONAL_MANAGER = "optional-contact-the-on-call-support-manager"

CMOC_POLICY = "https://gitlab.pagerduty.com/escalation_policies#PNH1Z1L"
PAGING_THE_MANAGER = "https://about.gitlab.com/handbook/support/on-call/#paging-the-on-call-manager"
DEV_ESCALATION = (
    "https://about.gitlab.com/handbook/engineering/development/processes/Infra-Dev-Escalation/"
    "process.html#escalation-process"
)

REMINDER = (
    "First, remember that your primary role is incident management. You are not expected to have all the "
    "answers personally and immediately."
)

PHRASES = (
    "What have you done up until now to try to resolve this?",
    "Please give me a few minutes to check the documentation on that.",
    "I'm doing some research to find the answer to that; please give me a few minutes.",
    "I'm working on finding someone who has specific expertise in this area.",
    "I don't know the answer just yet, but I'm here for you and I will use all the resources at my disposal to get "
    "this resolved.",
)

DEPLOYMENTS = (
    Option("saas", "GitLab.com (SaaS)", aliases=("gitlab.com", "com")),
    Option("self-managed", "Self-managed", aliases=("self managed", "sm")),
)

QUESTIONS = (
    Question("deployment", "Is the emergency on GitLab.com (SaaS) or a self-managed instance?", "choice", DEPLOYMENTS),
    Question(
        "at",
        "When is it, on your own clock?",
        "datetime",
        default=NOW,
        help="In your time zone, or the one you choose beside it; Saturday and Sunday count as the weekend on that "
        "clock. Leave empty for now.",
    ),
    Question(
        "still_stuck",
        "Are you unable to progress, and having difficulty finding help?",
        "boolean",
        default=False,
        help="Answer no while you are still coordinating: researching, or finding experts in Support or development.",
    ),
    Question(
        "cmoc_tried",
        "Have you already checked whether the CMOC engineer on call can help?",
        "boolean",
        default=False,
        help="Asked for a SaaS emergency at the weekend that you are unable to progress.",
        asked_when=(("deployment", ("saas",)), ("weekend", (True,)), ("still_stuck", (True,))),
    ),
)

FACTS = (
    Fact("still_stuck", "Unable to progress and having difficulty finding help?"),
    Fact("deployment", "Deployment", tuple((o.value, o.label) for o in DEPLOYMENTS)),
    Fact("weekend", "Saturday or Sunday on your own clock?"),
    Fact("cmoc_tried", "Already checked with the CMOC engineer on call?"),
)

OUTCOMES = (
    Outcome(
        code="coordinate",
        title="Coordinate: your primary role is incident management",
        actions=(
            "Your primary job is to coordinate the emergency response. That could mean: directing the customer to "
            "take specific actions; finding relevant documentation or doing other research into the problem; "
            "identifying a known bug or regression and providing a workaround; analyzing log data.",
            "It could equally mean: identifying other experts on the Support team to help do the above; reaching out "
            "to development teams to find a subject matter expert (SME); suggesting that the customer reach out to "
            "additional experts on their side (for example, if the problem is slow storage, you might suggest getting "
            "someone from their storage team).",
            "Remember to say only things that help the customer and that maintain their confidence in you as the "
            "person in charge of getting their problem resolved.",
            "If at any point you would like advice or help finding additional support, go ahead and contact the "
            "on-call Support Manager. The on-call manager is there to support you.",
        ),
        cite=(STUCK, OPTIONAL_MANAGER),
    ),
    Outcome(
        code="ask-cmoc",
        title="A SaaS emergency at the weekend: check whether the CMOC engineer on call can help",
        actions=(
            "If you encounter a SaaS emergency at the weekend that you are unable to progress, then consider checking "
            f"if the CMOC engineer on call ({CMOC_POLICY}) is available to offer any help or guidance.",
            "If you are still stuck and are having difficulty finding help, contact the manager on-call or initiate "
            "the dev-escalation process.",
        ),
        cite=(STUCK,),
    ),
    Outcome(
        code="manager-or-dev-escalation",
        title="Still stuck: contact the manager on-call or start the dev-escalation process",
        actions=(
            f"Contact the manager on-call ({PAGING_THE_MANAGER}) or initiate the dev-escalation process "
            f"({DEV_ESCALATION}).",
            "Managers are on-call during weekends, so you can page for help at any time.",
        ),
        cite=(STUCK, OPTIONAL_MANAGER),
    ),
)

RULES = (
    Rule(
        {"still_stuck": (False,)},
        "coordinate",
        "You can still progress: your primary job is to coordinate the emergency response.",
        (STUCK,),
    ),
    Rule(
        {"deployment": ("saas",), "weekend": (True,), "cmoc_tried": (False,)},
        "ask-cmoc",
        "A SaaS emergency at the weekend that you are unable to progress: consider the CMOC engineer on call.",
        (STUCK,),
    ),
    Rule({}, "manager-or-dev-escalation", "You are still stuck and having difficulty finding help.", (STUCK,)),
)


def derive(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "still_stuck": values["still_stuck"],
        "deployment": values["deployment"],
        "weekend": is_weekend(values["at"]),  # the weekday in `at`'s own offset
        "cmoc_tried": values["cmoc_tried"],
    }


def finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    result["reminder"] = REMINDER
    result["phrases"] = list(PHRASES)
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(STUCK, "Your primary job is to coordinate the emergency response."),
    Pin(
        STUCK,
        "If you encounter a SaaS emergency at the weekend that you are unable to progress, then consider checking if "
        "the CMOC engineer on call is available to offer any help or guidance.",
    ),
    Pin(
        STUCK,
        "If you are still stuck and are having difficulty finding help, contact the manager on-call or initiate the "
        "dev-escalation process.",
    ),
    Pin(
        OPTIONAL_MANAGER,
        "If at any point you would like advice or help finding additional support, go ahead and contact the on-call "
        "Support Manager.",
    ),
    Pin(OPTIONAL_MANAGER, "Managers are on-call during weekends, so you can page for help at any time."),
)


CHECKER = Checker(
    name="stuck",
    title="Stuck? What to do when you don't know what to do",
    summary="The ladder: coordinate as the incident manager, then the CMOC for a SaaS emergency at the weekend, "
    "then the manager on-call or the dev-escalation process, with phrases that help.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(STUCK,),
    derive=derive,
    finish=finish,
    field_labels={"reminder": "Remember"},
    derived=(Derived("weekend", "Saturday or Sunday on your own clock?", "at", is_weekend),),
    notes=(
        '"At the weekend" is judged on your own clock (the UTC offset of the time you give), Saturday and Sunday; the '
        "handbook does not say whose weekend it means.",
        "The handbook offers the manager on-call or the dev-escalation process without ranking them; both are "
        "given. For SaaS on a weekday, or self-managed at any time, there is no CMOC rung.",
        'The CMOC step says "consider": it is a suggestion, so answering that you already tried it (or chose not '
        "to) moves you to the next rung.",
    ),
)
