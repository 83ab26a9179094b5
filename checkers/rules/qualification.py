"""Is this page an emergency? Sections "Determine if the situation qualifies as an emergency",
"Communicate if ..." and "Tag the ticket appropriately"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checkers.engine.handbook import section
from checkers.engine.model import Checker, Fact, InvalidAnswer, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.texts.qualification import QualificationCase, actions

DETERMINE = "determine-if-the-situation-qualifies-as-an-emergency"
COMMUNICATE = "communicate-if-the-situation-qualifies-as-an-emergency-or-as-an-exception"
TAG = "tag-the-ticket-appropriately"
CRITERIA = "exception-criteria"  # a section of the Emergency Exception Workflow, December 2025

# The page's five criteria, the second split into its four cases, in the page's own words (Markdown
# code marks dropped: a reader never sees raw Markdown). A unit test checks each against the page.
UNUSABLE = "The problem is rendering GitLab essentially unusable for business purposes"
CRITERIA_OPTIONS = (
    Option(
        "financial-impact",
        "The problem poses a significant financial impact to the customer's company either "
        "immediately or as an after-effect",
    ),
    Option("servers-not-running", f"{UNUSABLE}: One or more GitLab servers or services will not run"),
    Option(
        "vital-features-unavailable",
        f"{UNUSABLE}: GitLab features vital to a customer's daily operations are unavailable",
    ),
    Option(
        "performance-degradation",
        f"{UNUSABLE}: The GitLab instance is suffering a significant and persistent performance degradation",
    ),
    Option(
        "basic-operations-failing",
        f"{UNUSABLE}: Basic operations such as clone, push, or login are not working "
        "for a significant portion of users",
    ),
    Option("legal", "The problem will create immediate legal problems for a customer's business"),
    Option("audit", "The problem will create immediate audit problems for a customer's business"),
    Option("security-risk", "The problem will create an immediate security risk for a customer's business"),
)
STRICT_NOT_MET = (("production_unusable", ("no", "unknown")),)

YES_NO_UNKNOWN = (
    Option("yes", "Yes"),
    Option("no", "No"),
    Option("unknown", "Not sure yet"),
)

STRICT_TAG = "General::Emergency::Strict Definition"
EXCEPTION_TAG = "General::Emergency::Exception"
NEEDS_MORE_INFO_TAG = "General::Emergency::Needs more info"
NOT_AN_EMERGENCY_TAG = "General::Emergency::Not an Emergency"

QUESTIONS = (
    Question(
        "production_unusable",
        "Is a GitLab server or cluster in production not available, or otherwise unusable?",
        "choice",
        YES_NO_UNKNOWN,
        help='The definition of Severity 1. Answer "Not sure yet" if the ticket does not say.',
    ),
    Question(
        "exception_criteria",
        "Does the situation meet one of the exception criteria of the Emergency Exception Workflow?",
        "choice",
        YES_NO_UNKNOWN,
        help="Asked when the strict definition is not met. Ticking a criterion below answers it with yes.",
        asked_when=STRICT_NOT_MET,
        answered_by="criteria",
    ),
    Question(
        "criteria",
        "Which exception criteria apply? (Emergency Exception Workflow)",
        "multi-choice",
        CRITERIA_OPTIONS,
        default=(),
        help="An exception may be granted if any of these is true. Tick each that applies.",
        asked_when=STRICT_NOT_MET,
    ),
    Question(
        "had_needs_more_info",
        'Was the ticket already tagged "Needs more info" earlier?',
        "boolean",
        default=False,
        help="That tag intentionally remains attached beside the final determination.",
    ),
)

FACTS = (
    Fact(
        "production_unusable",
        "Production unusable (Severity 1)?",
        (("yes", "yes"), ("no", "no"), ("unknown", "not sure")),
    ),
    Fact("exception_criteria", "Exception criterion met?", (("yes", "yes"), ("no", "no"), ("unknown", "not sure"))),
)

OUTCOMES = (
    Outcome(
        code="strict",
        title="An emergency under the strict definition",
        actions=(
            "Handle it as an emergency: a GitLab server or cluster in production is not available, or otherwise "
            "unusable.",
            "Tag the ticket with the macro General::Emergency::Strict Definition.",
        ),
        tags=(STRICT_TAG,),
        cite=(DETERMINE, TAG),
    ),
    Outcome(
        code="exception",
        title="Not a strict emergency, but an exception is warranted",
        actions=(
            "Articulate to the customer that the situation is being treated as an emergency as a courtesy.",
            "Tag the ticket with the macro General::Emergency::Exception.",
        ),
        tags=(EXCEPTION_TAG,),
        cite=(DETERMINE, COMMUNICATE, TAG),
        say="The situation does not strictly meet our definition of an emergency, but we are treating it as an "
        "emergency as a courtesy.",
    ),
    Outcome(
        code="needs-more-info",
        title="Not enough information yet: proceed asynchronously",
        actions=(
            "Proceed asynchronously until the determination can be made. Send the customer a message through the "
            "ticket:",
            "1. explaining that in order to correctly categorise the situation, you would like to understand more "
            "about the effect it is having on their ability to work, or meet their business objectives;",
            "2. asking for the specific additional context that you need.",
            "Tag the ticket with the macro General::Emergency::Needs more info. Once you have enough information, "
            "use one of the other macros to tag the final determination (the Needs more info tag intentionally "
            "remains).",
        ),
        tags=(NEEDS_MORE_INFO_TAG,),
        cite=(DETERMINE, TAG),
        say="Thank you for contacting GitLab Support. In order to correctly categorise the situation, we would like "
        "to understand more about the effect it is having on your ability to work, or meet your business objectives. "
        "Could you also share: [the specific additional context you need]",
    ),
    Outcome(
        code="not-an-emergency",
        title="Not an emergency",
        actions=(
            "The situation qualifies neither under the definition of Severity 1 nor under an exception criterion.",
            "Tag the ticket with the macro General::Emergency::Not an Emergency.",
        ),
        tags=(NOT_AN_EMERGENCY_TAG,),
        cite=(DETERMINE, TAG),
    ),
)

RULES = (
    Rule(
        {"production_unusable": ("yes",)},
        "strict",
        "Production is not available or otherwise unusable: the definition of Severity 1.",
        (DETERMINE,),
    ),
    Rule(
        {"exception_criteria": ("yes",)},
        "exception",
        "The strict definition is not clearly met, but an exception criterion is.",
        (DETERMINE, CRITERIA),
    ),
    Rule(
        {"production_unusable": ("no",), "exception_criteria": ("no",)},
        "not-an-emergency",
        "Neither the definition of Severity 1 nor an exception criterion applies.",
        (TAG,),
    ),
    Rule(
        {},
        "needs-more-info",
        "The ticket does not yet tell whether the situation qualifies as an emergency or for an exception.",
        (DETERMINE,),
    ),
)


def _derive(values: Mapping[str, Any]) -> dict[str, Any]:
    criteria, judged = values["criteria"] or (), values["exception_criteria"]
    if criteria and judged == "no":
        raise InvalidAnswer(
            "criteria",
            f'contradicts exception_criteria "no": {", ".join(criteria)} ticked; untick them or answer yes',
        )
    return {
        "production_unusable": values["production_unusable"],
        # A ticked criterion is an exception criterion met: it answers the yes/no question.
        "exception_criteria": "yes" if criteria else judged,
    }


def _keep_needs_more_info_tag(
    values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]
) -> dict[str, Any]:
    result["criteria_met"] = list(values["criteria"] or ())
    labels = {o.value: o.label for o in CRITERIA_OPTIONS}
    keeps_needs_more_info = values["had_needs_more_info"] and NEEDS_MORE_INFO_TAG not in result["tags"]
    if keeps_needs_more_info:
        result["tags"] = [NEEDS_MORE_INFO_TAG, *result["tags"]]
    case = QualificationCase(
        criteria_section=section(CRITERIA).title,
        criteria_said=tuple(labels[c] for c in result["criteria_met"]) if result["outcome"] == "exception" else (),
        needs_more_info_kept=keeps_needs_more_info,
        needs_more_info_tag=NEEDS_MORE_INFO_TAG,
    )
    result["actions"] = list(actions(case, tuple(result["actions"])))
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        DETERMINE,
        'According to our definition of Severity 1 an emergency exists when a "GitLab server or cluster in '
        'production is not available, or otherwise unusable".',
    ),
    Pin(
        DETERMINE,
        "In the event that the situation does not clearly qualify under the strict definition of emergency, an "
        "exception may be granted.",
    ),
    Pin(
        DETERMINE,
        "If the information presented in the ticket is insufficient for determining whether the situation qualifies "
        "as an emergency or for an exception, it is best to proceed asynchronously until that determination can "
        "be made.",
    ),
    Pin(
        COMMUNICATE,
        "If an exception is warranted, articulate to the customer that the situation is being treated as an "
        "emergency as a courtesy.",
    ),
    Pin(
        TAG,
        "General::Emergency::Strict Definition - for emergency requests where the situation does meet the definition "
        "of Severity 1.",
    ),
    Pin(
        TAG,
        "General::Emergency::Exception - for emergency requests that qualify under one of our exception criteria in "
        "the Emergency Exception Workflow.",
    ),
    Pin(
        TAG,
        "General::Emergency::Needs more info - for emergency requests that do not contain enough information to "
        "allow us to determine if they meet the emergency or exception criteria.",
    ),
    Pin(TAG, "Note that the Needs more info tag will intentionally remain attached."),
    Pin(
        TAG,
        "General::Emergency::Not an Emergency - For emergency requests where the situation does not qualify under "
        "definition of Severity 1 nor one of our exception criteria.",
    ),
)


CHECKER = Checker(
    name="qualification",
    title="Does this qualify as an emergency?",
    summary="Decide between the strict definition, an exception, not an emergency, or asking for more information, "
    "and get the Zendesk macro to apply.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(DETERMINE, COMMUNICATE, TAG),
    derive=_derive,
    finish=_keep_needs_more_info_tag,
    notes=(
        "The exception criteria come from the Emergency Exception Workflow, a separate handbook page (copy of "
        "December 2025, later than the runbook). Tick the ones that apply, or answer the yes/no question with your "
        "judgement; the page's examples beside the question help and decide nothing.",
    ),
)
