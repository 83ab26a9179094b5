"""What kind of SaaS emergency is this, and what does success look like? Sections "SaaS Emergencies",
"Broken Functionality" (and its three sub-sections), "Consumption Issues", "SaaS Subscription
Emergencies" and "A widespread incident causes multiple, successive PagerDuty alerts".

Outcome codes, one per path through those sections:
- `widespread-incident`: many successive alerts about one incident: tag and bulk respond.
- `ci-minutes`: the CI minutes quota blocks a production deployment.
- `storage`: the customer has exceeded their storage quota.
- `licence`: a licence expired or a renewal was not applied (SaaS subscription).
- `known-incident`: broken functionality or degradation with a known incident: link it, no call.
- `regression`: broken functionality due to a regression pushed to GitLab.com.
- `feature-flag`: broken functionality due to a feature flag recently turned on.
- `customer-specific`: broken functionality due to data unique to the customer.
- `declare-incident`: access or performance degraded to unusability, not one of the top two.

Result field of this checker: `success`, what success means for the category, in the handbook's words
(checkers/texts/saas_triage.py, where the result's sentences are made).
`multiple_customers` resolves the regression / feature-flag step "If this is affecting multiple
customers, declare an incident" rather than choosing another path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checkers.engine.model import Checker, Fact, Option, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.texts.saas_triage import DECLARE_IF_MULTIPLE, TriageCase, wording

SAAS = "saas-emergencies"
BROKEN = "broken-functionality"
REGRESSION = "broken-functionality-due-to-a-regression-or-feature-flag"
SPECIFIC = "broken-functionality-due-to-something-specific-to-the-customer"
INCIDENT = "broken-functionality-due-to-an-incident"
CI_MINUTES = "ci-minutes-quota-is-blocking-a-production-deployment"
STORAGE = "customer-has-exceeded-their-storage-quota"
LICENCE = "saas-subscription-emergencies"
WIDESPREAD = "a-widespread-incident-causes-multiple-successive-pagerduty-alerts"
BULK_UPDATE = "using-zendesk-bulk-update"
RESPOND = "respond-to-pagerduty-alerts"
MULTIPLE = "handling-multiple-simultaneous-emergencies"

INCIDENT_MACRO = "Support::SaaS::Incident First Response"
STATUS_PAGE = "https://status.gitlab.com"

CATEGORIES = (
    Option("regression", "Broken functionality: a regression pushed to GitLab.com"),
    Option("feature-flag", "Broken functionality: a feature flag recently turned on"),
    Option("customer-specific", "Broken functionality: an inconsistency in data unique to the customer"),
    Option("performance", 'GitLab.com access or "performance" degraded to the level of unusability'),
    Option("ci-minutes", "CI minutes quota is blocking a production deployment"),
    Option("storage", "Customer has exceeded their storage quota"),
    Option("licence", "Licence expired or renewal not applied (SaaS subscription)", aliases=("license",)),
    Option("widespread-incident", "A widespread incident causes multiple, successive PagerDuty alerts"),
)
BROKEN_CATEGORIES = ("regression", "feature-flag", "customer-specific", "performance")

QUESTIONS = (
    Question(
        "category",
        "What is the emergency about?",
        "choice",
        CATEGORIES,
        help="Your best reading so far; the broken-functionality paths start with the status page check anyway.",
    ),
    Question(
        "multiple_customers",
        "Is it affecting multiple customers?",
        "boolean",
        default=False,
        asked_when=(("category", BROKEN_CATEGORIES),),
    ),
    Question(
        "known_incident",
        "Is there a known incident on GitLab.com Status or in #incident-management?",
        "boolean",
        default=False,
        help=f"For broken functionality, check {STATUS_PAGE} and #incident-management first.",
        asked_when=(("category", BROKEN_CATEGORIES),),
    ),
)

FACTS = (
    Fact("category", "Category", tuple((o.value, o.label) for o in CATEGORIES)),
    Fact("known_incident", "Known incident on the status page or in #incident-management?"),
)

CHECK_STATUS = (
    f"First check GitLab.com Status ({STATUS_PAGE}) and #incident-management for any on-going "
    "incidents. If there's no known incident, continue below."
)
CALL = (
    "Initiate a call with the customer. You're specifically looking to: observe broken behavior; determine if "
    "there's a known issue, bug report, or other customers reporting similar behavior; ascertain whether or not "
    "a feature flag that may have been recently turned on; find/build reproduction steps devoid of customer data "
    "to build a bug report if none exists."
)
BUG_ISSUE = 'Create a ~"type::bug" issue and have the customer review it.'
UPDATE_CUSTOMER = "Once the original functionality is restored, update the customer."
TWO_WAY_DOOR = (
    "You are empowered to perform any two-way door action required to unblock the customer without "
    "seeking approval first"
)

OUTCOMES = (
    Outcome(
        code="widespread-incident",
        title="A widespread incident: tag and bulk respond",
        actions=(
            "Don't panic! Slack and PD alerts may come quickly and frequently. Consider silencing both temporarily "
            "and focus on ZD.",
            "Verify that an incident has been declared and that the incident is actively being worked.",
            "If there is no update on the status page yet, advocate for urgency with the CMOC so that you can point "
            "to it in responses.",
            "Choose a unique tag that will help you identify tickets, using the incident number would be typical. "
            "For example: incident-12345",
            "Create a bulk response that points to the incident on the status page, @gitlabstatus on Twitter and the "
            "production issue. If any of these aren't available yet, you can send a response without to keep "
            "customers informed. Share the response with #support_gitlab-com and others fielding first responses.",
            "Create the tag by typing it into the tag field of at least one ticket and submitting it - if you "
            "don't, it won't show as available in the bulk edit view of Zendesk.",
            "Use Zendesk search to identify customer-raised emergencies: priority:urgent order_by:created_at "
            "sort:desc (all emergency tickets), and the same with status:new (all new emergencies).",
            "CAREFUL: Verify that each ticket is related to the incident - if it is not, follow handling multiple "
            "simultaneous emergencies.",
            "Use Zendesk Bulk Update to respond to all open tickets.",
            "At any point, you may ack/resolve PD alerts. It may be faster to do so through the PagerDuty web "
            "interface.",
        ),
        cite=(WIDESPREAD, BULK_UPDATE, MULTIPLE),
    ),
    Outcome(
        code="ci-minutes",
        title="CI minutes quota is blocking a production deployment",
        actions=(
            "Advise them to purchase additional minutes or set up individual runners.",
            "At your discretion, as a courtesy, set an additional 1000 minutes on their namespace through ChatOps.",
            TWO_WAY_DOOR + " (adding extra CI minutes is one of the handbook's examples).",
        ),
        cite=(CI_MINUTES, SAAS),
    ),
    Outcome(
        code="storage",
        title="Customer has exceeded their storage quota",
        actions=(
            "Advise them to purchase additional storage.",
            "In cases where a customer is unable to complete a purchase because of a defect or outage, as a "
            "courtesy, someone with GitLab.com admin can override the storage limit on a group.",
            TWO_WAY_DOOR + " (adding additional storage is one of the handbook's examples).",
        ),
        cite=(STORAGE, SAAS),
    ),
    Outcome(
        code="licence",
        title="A licence or renewal problem is blocking access",
        actions=(
            "If you're familiar with L&R Workflows, you may solve the case completely by yourself. If you are not, "
            "you may:",
            "1. Use the mechanizer app from the ticket in the Manage GitLab Plan and Trials option and making sure "
            "to add the existing subscription name.",
            "2. Alert #support_licensing-subscription that you've done so and link to the ticket for follow-up.",
            TWO_WAY_DOOR + " (manually setting a subscription level is one of the handbook's examples).",
        ),
        cite=(LICENCE, SAAS),
    ),
    Outcome(
        code="known-incident",
        title="A known incident: link the status page and the incident issue",
        actions=(
            f"First check GitLab.com Status ({STATUS_PAGE}) and #incident-management for any on-going incidents: "
            "there is a known incident.",
            "If there is a known incident, it's acceptable to link to the public status page and related incident "
            "issue.",
            f"Consider using the macro {INCIDENT_MACRO}.",
            "A SaaS emergency related to a public incident published on the status page would not warrant a call.",
        ),
        tags=(INCIDENT_MACRO,),
        cite=(INCIDENT, BROKEN, RESPOND),
    ),
    Outcome(
        code="regression",
        title="Broken functionality due to a regression",
        actions=(
            CHECK_STATUS,
            CALL,
            BUG_ISSUE,
            'Escalate the ~"type::bug" issue: if it\'s a new bug, or a bug with S1/S2 severity, escalate using the '
            "InfraDev Escalation Process. In most cases we will generate a roll-back patch and apply it to GitLab.com.",
            DECLARE_IF_MULTIPLE,
            UPDATE_CUSTOMER,
        ),
        cite=(REGRESSION, BROKEN),
    ),
    Outcome(
        code="feature-flag",
        title="Broken functionality due to a feature flag",
        actions=(
            CHECK_STATUS,
            CALL,
            BUG_ISSUE,
            'Escalate the ~"type::bug" issue: as it\'s a feature flag, work with whoever turned it on to disable it '
            "through ChatOps. In some cases, you may need to use the InfraDev Escalation Process to raise a developer.",
            DECLARE_IF_MULTIPLE,
            UPDATE_CUSTOMER,
            TWO_WAY_DOOR + " (toggling a feature flag is one of the handbook's examples).",
        ),
        cite=(REGRESSION, BROKEN, SAAS),
    ),
    Outcome(
        code="customer-specific",
        title="Broken functionality due to something specific to the customer",
        actions=(
            CHECK_STATUS,
            CALL,
            "Page the Support Manager on-call to review the best way to unblock the customer. It may be that you "
            "will need someone with .com console access to fully investigate / resolve.",
        ),
        cite=(SPECIFIC, BROKEN),
    ),
    Outcome(
        code="declare-incident",
        title="Access or performance degraded to unusability: declare an incident",
        actions=(
            CHECK_STATUS,
            "Make sure it's not actually one of the top two: broken functionality due to a regression (or feature "
            "flag), or due to an inconsistency in data unique to the customer.",
            "Declare an incident (report an incident via Slack) and let the SRE team diagnose and correct the root "
            "cause.",
        ),
        cite=(SAAS,),
    ),
)

RULES = (
    Rule(
        {"category": ("widespread-incident",)},
        "widespread-incident",
        "Many successive alerts about one incident: tag and bulk respond, and sort out unrelated emergencies.",
        (WIDESPREAD,),
    ),
    Rule(
        {"category": ("ci-minutes",)},
        "ci-minutes",
        "The customer has run out of CI minutes and a production deployment is blocked.",
        (CI_MINUTES,),
    ),
    Rule(
        {"category": ("storage",)},
        "storage",
        "The customer is blocked because they've exceeded their storage quota.",
        (STORAGE,),
    ),
    Rule(
        {"category": ("licence",)},
        "licence",
        "A licence expiring or a renewal not applied is blocking the customer.",
        (LICENCE,),
    ),
    Rule(
        {"known_incident": (True,)},
        "known-incident",
        "There is a known incident: link to the public status page and the related incident issue.",
        (INCIDENT,),
    ),
    Rule(
        {"category": ("regression",)},
        "regression",
        "No known incident, and a regression pushed to GitLab.com broke the functionality.",
        (REGRESSION,),
    ),
    Rule(
        {"category": ("feature-flag",)},
        "feature-flag",
        "No known incident, and a feature flag turned on recently broke the functionality.",
        (REGRESSION,),
    ),
    Rule(
        {"category": ("customer-specific",)},
        "customer-specific",
        "No known incident, and the breakage comes from data unique to the customer.",
        (SPECIFIC,),
    ),
    Rule(
        {},
        "declare-incident",
        "No known incident, and GitLab.com access or performance is degraded to unusability: once it is not one "
        "of the top two categories, declare an incident.",
        (SAAS,),
    ),
)


def derive(values: Mapping[str, Any]) -> dict[str, Any]:
    return {"category": values["category"], "known_incident": values["known_incident"]}


def finish(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    case = TriageCase(
        outcome=result["outcome"], category=values["category"], multiple_customers=values["multiple_customers"]
    )
    said = wording(case, tuple(result["actions"]))
    result["success"] = said.success
    result["actions"] = list(said.actions)
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(SAAS, "We're expecting, broadly that emergencies will fall into one of five categories:"),
    Pin(
        SAAS,
        "For any customer facing a SaaS Emergency you are empowered to perform any two-way door action required to "
        "unblock them without seeking approval first.",
    ),
    Pin(
        BROKEN,
        "If a customer is reporting that behaviour has recently changed, first check GitLab.com Status and "
        "#incident-management for any on-going incidents.",
    ),
    Pin(BROKEN, "Initiate a call with the customer."),
    Pin(REGRESSION, 'Create a ~"type::bug" issue and have the customer review it.'),
    Pin(
        REGRESSION,
        "If this is affecting multiple customers, declare an incident to engage the incident response team who will "
        "update the status page.",
    ),
    Pin(SPECIFIC, "Page the Support Manager on-call to review the best way to unblock the customer."),
    Pin(
        INCIDENT,
        "If there is a known incident, it's acceptable to link to the public status page and related incident issue.",
    ),
    Pin(INCIDENT, "Consider using Support::SaaS::Incident First Response."),
    Pin(CI_MINUTES, "Advise them to purchase additional minutes or set up individual runners."),
    Pin(
        CI_MINUTES,
        "At your discretion, as a courtesy, set an additional 1000 minutes on their namespace through ChatOps",
    ),
    Pin(STORAGE, "Advise them to purchase additional storage"),
    Pin(
        STORAGE,
        "In cases where a customer is unable to complete a purchase because of a defect or outage, as a courtesy, "
        "someone with GitLab.com admin can override the storage limit on a group.",
    ),
    Pin(LICENCE, "A customer may be blocked because of a license expiring or neglecting to apply a renewal."),
    Pin(
        WIDESPREAD,
        "If an incident occurs on GitLab.com and hasn't been posted on the status page, SaaS customers may raise "
        "emergencies in bulk.",
    ),
    Pin(
        WIDESPREAD,
        "Verify that each ticket is related to the incident - if it is not, follow handling multiple simultaneous "
        "emergencies",
    ),
    Pin(
        RESPOND,
        "A SaaS emergency related to a public incident published on the status page, for example, would not warrant "
        "a call.",
    ),
)


CHECKER = Checker(
    name="saas-triage",
    title="SaaS emergency: which kind, and what next?",
    summary="Pick the kind of GitLab.com emergency and get what success means and the ordered steps: status page "
    "first, bug and InfraDev escalation, feature flags, the Support Manager, incidents, CI minutes, storage, licences.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(SAAS, BROKEN, REGRESSION, SPECIFIC, INCIDENT, CI_MINUTES, STORAGE, LICENCE, WIDESPREAD),
    derive=derive,
    finish=finish,
    field_labels={"success": "What success looks like"},
    notes=(
        "The handbook's list of categories names five; a feature flag is one of the two causes of the first "
        "(regression or feature flag) and shares its success criterion; CI minutes, storage and licences share "
        '"License / Consumption issues".',
        '"Check the status page first" is written for broken functionality. This checker applies it to the '
        "access/performance category too, before declaring an incident; a known incident is not checked for the "
        "CI minutes, storage and licence paths or the widespread-incident path (which verifies the incident itself).",
        "The handbook says to declare an incident when a regression or feature flag affects multiple customers; "
        "it says nothing about several customers with customer-specific data, so that path stays with the Support "
        "Manager and the result points out the contradiction.",
        'The feature-flag step reads "work with the who turned it on" in the handbook; read here as "whoever turned '
        'it on".',
    ),
)
