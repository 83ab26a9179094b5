"""Emergencies that need special handling: "Special handling notes", "Compromised instances" and
"Single user, same day purchases".

Outcomes: `compromised-instance`, `engage-manager-before-call` (single user, same day purchase) and
`connect-with-manager` (another case you think is special).
Result field of this checker: `customer_steps`, the compromised-instance steps for the customer in
order, each `{"step": str, "points": [str]}` (an empty list for the other outcomes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checkers.engine.model import Checker, Fact, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin

NOTES = "special-handling-notes"
COMPROMISED = "compromised-instances"
SAME_DAY = "single-user-same-day-purchases"

COMPROMISED_MACRO = "Incident::Compromised Instance"

CASES = (
    Option("compromised-instance", "A compromised instance"),
    Option("single-user-same-day-purchase", "A single user licence purchased the same day, to raise an emergency"),
    Option("other", "Another case I think is special, not called out in the handbook"),
)

QUESTIONS = (Question("case", "Which special case is this emergency?", "choice", CASES),)

FACTS = (Fact("case", "Special case", tuple((o.value, o.label) for o in CASES)),)

CUSTOMER_STEPS_INTRO = "The customer should:"
# CUSTOMER_STEPS_INTRO — the handbook's steps, in order, with their sub-points.
CUSTOMER_STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Shut the instance down immediately.", ()),
    (
        "Create a new instance at the exact same version and restore their most recent backup into it.",
        (
            "Avoid exposing the new instance to the Internet",
            "If they do not have a copy of their gitlab-secrets.json, or if the only backups available are stored "
            "in /var/opt/gitlab/backups, mount the volume of the compromised instance to retrieve it.",
        ),
    ),
    (
        "Rotate secrets on the new instance:",
        (
            "All secrets contained within the gitlab.rb (such as LDAP/email passwords)",
            "All secrets in CI jobs such as API keys or remote server credentials",
            "GitLab Runner registration tokens and Runner environment variables",
        ),
    ),
    (
        "If the exploit used to compromise this instance is known, then upgrade the new instance to a version that "
        "contains a fix for it or apply any known patches/workarounds.",
        (
            "In the case that public access is required by the organization, remove network access restrictions "
            "once the new instance is appropriately secured.",
        ),
    ),
    ("Retain the compromised instance for forensics and additional data recovery.", ()),
)

NO_CALL_WITHOUT_MANAGER = (
    "Do not offer or join a call without engaging the Support Manager on-call to align and set expectations with "
    "the customer through the ticket."
)


def _numbered(step_number: int, step: str, points: tuple[str, ...]) -> str:
    return f"{step_number}. {step}" + "".join(f"\n   - {point}" for point in points)


OUTCOMES = (
    Outcome(
        code="compromised-instance",
        title="A compromised instance: use the macro, and no call without the Support Manager on-call",
        actions=(
            "A call can quickly move well beyond the scope of support.",
            f"Use the Zendesk macro {COMPROMISED_MACRO} which expands on the approach below.",
            CUSTOMER_STEPS_INTRO,
            *(_numbered(n, step, points) for n, (step, points) in enumerate(CUSTOMER_STEPS, start=1)),
            NO_CALL_WITHOUT_MANAGER,
        ),
        tags=(COMPROMISED_MACRO,),
        cite=(COMPROMISED,),
    ),
    Outcome(
        code="engage-manager-before-call",
        title="Single user, same day purchase: engage the Support Manager on-call before offering a call",
        actions=(
            "There have been a few documented cases of folks purchasing a single user GitLab license specifically "
            "to raise an emergency.",
            "If you encounter such a case, engage the Support manager on-call before offering a call.",
        ),
        cite=(SAME_DAY,),
    ),
    Outcome(
        code="connect-with-manager",
        title="Another special case: connect with the Support Manager on-call",
        actions=(
            "If you think an emergency is special and not called out below, connect with the Support Manager On-call "
            "for help as how best to approach it.",
        ),
        cite=(NOTES,),
    ),
)

RULES = (
    Rule(
        {"case": ("compromised-instance",)},
        "compromised-instance",
        "A compromised instance: a call can quickly move well beyond the scope of support.",
        (COMPROMISED,),
    ),
    Rule(
        {"case": ("single-user-same-day-purchase",)},
        "engage-manager-before-call",
        "Single user licences have been bought specifically to raise an emergency.",
        (SAME_DAY,),
    ),
    Rule(
        {},
        "connect-with-manager",
        "A special case the handbook does not call out: connect with the Support Manager On-call.",
        (NOTES,),
    ),
)


def finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    steps = CUSTOMER_STEPS if result["outcome"] == "compromised-instance" else ()
    result["customer_steps"] = [{"step": step, "points": list(points)} for step, points in steps]
    # Where the steps stand in `actions` (the intro, then one flattened item per step), so the page can
    # show them nested in place without looking for the words; and the same steps as text to paste.
    at = result["actions"].index(CUSTOMER_STEPS_INTRO) if steps else None
    result["customer_steps_intro"] = CUSTOMER_STEPS_INTRO if steps else None
    result["customer_steps_at"] = at
    result["customer_steps_text"] = (
        "\n".join([CUSTOMER_STEPS_INTRO, *(_numbered(n, step, points) for n, (step, points) in enumerate(steps, 1))])
        if steps
        else None
    )
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        NOTES,
        "If you think an emergency is special and not called out below, connect with the Support Manager On-call for "
        "help as how best to approach it.",
    ),
    Pin(COMPROMISED, "Use the Zendesk macro Incident::Compromised Instance which expands on the approach below."),
    Pin(COMPROMISED, "Shut the instance down immediately."),
    Pin(COMPROMISED, "Create a new instance at the exact same version and restore their most recent backup into it."),
    Pin(COMPROMISED, "Rotate secrets on the new instance:"),
    Pin(
        COMPROMISED,
        "If the exploit used to compromise this instance is known, then upgrade the new instance to a version that "
        "contains a fix for it or apply any known patches/workarounds.",
    ),
    Pin(COMPROMISED, "Retain the compromised instance for forensics and additional data recovery."),
    Pin(
        COMPROMISED,
        "Do not offer or join a call without engaging the Support Manager on-call to align and set expectations with "
        "the customer through the ticket.",
    ),
    Pin(SAME_DAY, "If you encounter such a case, engage the Support manager on-call before offering a call."),
)


CHECKER = Checker(
    name="special-handling",
    title="Does this emergency need special handling?",
    summary="Compromised instances, single user same day purchases, and other special cases: the macro, the "
    "customer's steps, and when to engage the Support Manager on-call.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(NOTES, COMPROMISED, SAME_DAY),
    finish=finish,
    shown_fields=(),  # the customer's steps are drawn as their nested list
    notes=(
        "The handbook does not say how to recognise a single user, same day purchase (for example which date to "
        "compare); that is your judgement from the subscription.",
        "The Incident::Compromised Instance macro's own text is not in the handbook, so this checker offers no "
        'customer text of its own (its customer text is empty): send the macro, which "expands on" the steps listed '
        "here.",
        '"Other" is for an emergency you think is special but is not called out; an ordinary emergency needs none '
        "of this.",
    ),
)
