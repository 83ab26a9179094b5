"""The guided response to a page ("I just got paged") as one flow, in the order of the handbook's
"Respond to PagerDuty alerts", with the sections it leads to where they apply.

Routing, from the seed:
- entitlement `free-user` / `below-premium`: the emergency path ends; what applies instead is the
  `not-entitled` step (lower the priority, kindly say the subscription does not include emergency
  support; a free user's ticket is marked solved). `needs-org`: the reply is the needs-org
  explanation and the rest waits until the org is connected. `engage-manager` brings in special
  handling (engage the Support Manager on-call before offering a call).
- qualification `exception`: the public comment says it is treated as an emergency as a courtesy;
  `needs-more-info`: the public comment is the asynchronous request, the step stays open;
  `not-an-emergency`: no 15-minute clock, the borderline step applies; `strict`/`exception`: no
  borderline step.
- `paged.deployment`, `paged.topic`, `paged.already_handling` (and `paged.us_federal`) bring in
  saas-triage, licence, special-handling, concurrent (and us-federal). A SaaS emergency tied to a
  public incident on the status page gets no call offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checkers.engine import handbook
from checkers.engine.model import Option, Outcome, Question
from checkers.engine.pins import Pin
from checkers.flows.model import Flow, Path, Preset, Step, When, Wording
from checkers.rules.entitlement import OUTCOMES as ENTITLEMENT_OUTCOMES
from checkers.rules.qualification import OUTCOMES as QUALIFICATION_OUTCOMES
from checkers.rules.saas_triage import OUTCOMES as TRIAGE_OUTCOMES
from checkers.texts import response_texts

NAMESPACE = "paged"

RESPOND = "respond-to-pagerduty-alerts"
STATUS = "pagerduty-status"
DETERMINE = "determine-if-the-situation-qualifies-as-an-emergency"
COMMUNICATE = "communicate-if-the-situation-qualifies-as-an-emergency-or-as-an-exception"
MULTIPLE = "handling-multiple-simultaneous-emergencies"
CALL = "taking-an-emergency-customer-call"
POST_CALL = "post-call"
RESOLVED = "when-the-emergency-is-resolved"
SAAS = "saas-emergencies"
SPECIAL = "special-handling-notes"
STUCK = "what-to-do-if-you-dont-know-what-to-do"
BORDERLINE = "situations-that-might-or-might-not-be-emergencies"
LICENCE = "license-emergencies"
SELF_MANAGED_LICENCE = "self-managed-subscription-emergencies"
SAAS_LICENCE = "saas-subscription-emergencies"
FEDERAL = "us-federal-emergencies"
COMPROMISED = "compromised-instances"
SINGLE_USER = "single-user-same-day-purchases"
INCIDENT = "broken-functionality-due-to-an-incident"

NOT_ENTITLED = ("free-user", "below-premium")
INCIDENT_OUTCOMES = ("known-incident", "widespread-incident")  # a public incident on the status page
EMERGENCY = ("strict", "exception")
# Special handling that puts the Support Manager on-call before any call.
MANAGER_BEFORE_CALL = (("special-handling.outcome", ("engage-manager-before-call", "compromised-instance")),)
# The one Slack channel for each deployment ("Start a thread in #support_self-managed or #support_gitlab-com").
SLACK_CHANNELS = {"self-managed": "#support_self-managed", "saas": "#support_gitlab-com"}


def _codes(outcomes: Iterable[Outcome], *excluded: str) -> tuple[str, ...]:
    return tuple(o.code for o in outcomes if o.code not in excluded)


# ---- the sentences the routing and the steps stand on (checkers/engine/pins.py) -----------------------------

VERIFY_ENTITLEMENT = Pin(RESPOND, "Verify that the requester is a customer with emergency support entitlement:")
NEEDS_ORG = Pin(
    RESPOND,
    "If the customer's email address is not associated with an org in Zendesk, follow the normal "
    '"needs-org" process and include an explanation that you cannot deliver emergency assistance until you '
    "have connected the user to an account that is currently entitled to priority support.",
)
FREE_USER = Pin(RESPOND, "If you learn that they are a free user, mark the ticket solved.")
BELOW_PREMIUM = Pin(
    RESPOND,
    "If it is not, lower the priority of the ticket and inform the customer kindly that their "
    "subscription does not include emergency support.",
)
SEVERITY_1 = Pin(
    DETERMINE,
    'According to our definition of Severity 1 an emergency exists when a "GitLab server or '
    'cluster in production is not available, or otherwise unusable".',
)
EXCEPTION_GRANTED = Pin(
    DETERMINE,
    "In the event that the situation does not clearly qualify under the strict definition "
    "of emergency, an exception may be granted.",
)
PROCEED_ASYNCHRONOUSLY = Pin(
    DETERMINE,
    "If the information presented in the ticket is insufficient for determining "
    "whether the situation qualifies as an emergency or for an exception, it is best to proceed "
    "asynchronously until that determination can be made.",
)
COURTESY = Pin(
    COMMUNICATE,
    "If an exception is warranted, articulate to the customer that the situation is being treated "
    "as an emergency as a courtesy.",
)
BRIDGE_CREATED = Pin(RESPOND, "The bridge created to work on the emergency.")
OFFER_CALL = Pin(RESPOND, "Offer a Zoom call to the customer if appropriate to the reported situation.")
NO_CALL_FOR_PUBLIC_INCIDENT = Pin(
    RESPOND,
    "A SaaS emergency related to a public incident published on the status page, "
    "for example, would not warrant a call.",
)

# ---- conditions, as data -------------------------------------------------------------------------

PATH_GOES_ON = When(
    (("entitlement.outcome", _codes(ENTITLEMENT_OUTCOMES, *NOT_ENTITLED)),),
    "The requester is not entitled to emergency support (entitlement: {entitlement.outcome}): the emergency "
    'path ends; see "What applies instead".',
    pins=(VERIFY_ENTITLEMENT, BELOW_PREMIUM),
)
ORG_CONNECTED = When(
    (("entitlement.outcome", ("entitled", "engage-manager")),),
    "Waits until the requester is connected to an account entitled to priority support (entitlement: "
    "{entitlement.outcome}).",
    waits=True,
    pins=(NEEDS_ORG,),
)
AN_EMERGENCY = When(
    (("qualification.outcome", EMERGENCY),),
    "Not an emergency yet (qualification: {qualification.outcome}).",
    pins=(SEVERITY_1, EXCEPTION_GRANTED),
)
NO_PUBLIC_INCIDENT = When(
    (("saas-triage.outcome", (None, *_codes(TRIAGE_OUTCOMES, *INCIDENT_OUTCOMES))),),
    "A SaaS emergency related to a public incident published on the status page would not warrant a call "
    "(saas-triage: {saas-triage.outcome}).",
    pins=(NO_CALL_FOR_PUBLIC_INCIDENT,),
)
CALL_CONDITIONS = (
    PATH_GOES_ON,
    ORG_CONNECTED,
    When(
        (("qualification.outcome", EMERGENCY),),
        "No call: the situation is not an emergency, or not known to be one yet (qualification: "
        "{qualification.outcome}); proceed asynchronously.",
        pins=(SEVERITY_1, EXCEPTION_GRANTED, PROCEED_ASYNCHRONOUSLY),
    ),
    NO_PUBLIC_INCIDENT,
)

# ---- the steps, in the handbook's order ------------------------------------------------------------

STEPS = (
    Step(
        "acknowledge",
        "Acknowledge the alert",
        "text",
        (RESPOND, STATUS),
        does="Acknowledge the alert in PagerDuty or Slack: you received the page and are starting the response.",
        pins=(
            Pin(RESPOND, "Acknowledge the alert in PagerDuty or Slack."),
            Pin(RESPOND, "This means that you received the emergency page, and are starting the response process."),
            Pin(STATUS, 'Acknowledged - "I have seen the page and am reviewing the ticket"'),
        ),
    ),
    Step(
        "concurrent",
        "Already handling another emergency: who takes this one?",
        "checker",
        (MULTIPLE,),
        applies=(
            When(
                ((f"{NAMESPACE}.already_handling", (True,)),),
                "You are not handling another emergency.",
                pins=(
                    Pin(
                        MULTIPLE,
                        "In rare cases, the on-call engineer may experience concurrent emergencies "
                        "triggered by separate customers.",
                    ),
                ),
            ),
        ),
        checker="concurrent",
        presets=(Preset("handling_other_emergency", True),),
    ),
    Step(
        "open-ticket",
        "Open the Zendesk ticket",
        "text",
        (RESPOND,),
        does="Open the ticket from the alert's link (or search Zendesk for priority: urgent) and paste its link.",
        pins=(
            Pin(RESPOND, "Open the Zendesk ticket."),
            Pin(RESPOND, "Most PagerDuty notification formats provide a direct link to the ticket."),
            Pin(RESPOND, "Alternatively, use Zendesk search with the term priority: urgent to find the ticket."),
        ),
    ),
    Step(
        "entitlement",
        "Is the requester entitled to emergency support?",
        "checker",
        (RESPOND,),
        checker="entitlement",
        open_outcomes={"needs-org": "waiting", "verify-subscription": "actionable"},
        pins=(VERIFY_ENTITLEMENT, NEEDS_ORG),
    ),
    Step(
        "not-entitled",
        "What applies instead",
        "text",
        (RESPOND,),
        applies=(
            When(
                (("entitlement.outcome", NOT_ENTITLED),),
                "The requester is entitled to emergency support, or may be (entitlement: {entitlement.outcome}).",
                pins=(FREE_USER, BELOW_PREMIUM),
            ),
        ),
        does="Lower the priority of the ticket and inform the customer kindly that their subscription does not "
        "include emergency support; for a free user, mark the ticket solved.",
    ),
    Step(
        "special-handling",
        "Special handling",
        "checker",
        (SPECIAL,),
        applies=(
            PATH_GOES_ON,
            When(
                ((f"{NAMESPACE}.topic", ("compromised-instance",)), ("entitlement.outcome", ("engage-manager",))),
                "Neither a compromised instance nor a single-user licence bought the same day.",
                pins=(
                    Pin(
                        SPECIAL,
                        "If an emergency page falls in one of these categories please follow these "
                        "special handling instructions.",
                    ),
                    Pin(
                        COMPROMISED,
                        "In the event that an emergency is raised about a compromised instance a "
                        "call can quickly move well beyond the scope of support.",
                    ),
                    Pin(
                        SINGLE_USER,
                        "There have been a few documented cases of folks purchasing a single user "
                        "GitLab license specifically to raise an emergency.",
                    ),
                    Pin(
                        SINGLE_USER,
                        "If you encounter such a case, engage the Support manager on-call before offering a call.",
                    ),
                ),
            ),
        ),
        checker="special-handling",
        presets=(
            Preset("case", "compromised-instance", when=((f"{NAMESPACE}.topic", ("compromised-instance",)),)),
            Preset("case", "single-user-same-day-purchase", when=(("entitlement.outcome", ("engage-manager",)),)),
        ),
    ),
    Step(
        "qualification",
        "Does it qualify as an emergency?",
        "checker",
        (DETERMINE,),
        applies=(PATH_GOES_ON, ORG_CONNECTED),
        checker="qualification",
        open_outcomes={"needs-more-info": "waiting"},
        pins=(
            Pin(
                RESPOND, "Work with the on-call Support Manager to determine if the situation qualifies as an emergency"
            ),
            SEVERITY_1,
            EXCEPTION_GRANTED,
            PROCEED_ASYNCHRONOUSLY,
        ),
    ),
    Step(
        "borderline",
        "Not quite an emergency yet: might it quickly become one?",
        "checker",
        (BORDERLINE,),
        applies=(
            PATH_GOES_ON,
            ORG_CONNECTED,
            When(
                (("qualification.outcome", ("not-an-emergency",)),),
                "Only for a situation that is not an emergency (qualification: {qualification.outcome}).",
                pins=(
                    Pin(
                        BORDERLINE,
                        "At times, an emergency page may come in for a situation that is not "
                        "quite yet an emergency, but may quickly become one.",
                    ),
                ),
            ),
        ),
        checker="borderline",
        presets=(Preset("handling_other_emergency", from_key=f"{NAMESPACE}.already_handling"),),
        pins=(
            Pin(
                BORDERLINE,
                "If you are actively engaged with another emergency, contact the on-call Support Manager "
                "to request assistance.",
            ),
        ),
    ),
    Step(
        "licence",
        "Licence emergency: grace period or trial licence?",
        "checker",
        (LICENCE,),
        applies=(
            PATH_GOES_ON,
            ORG_CONNECTED,
            When(
                ((f"{NAMESPACE}.topic", ("licence",)),),
                "Not a licence emergency.",
                pins=(
                    Pin(
                        SELF_MANAGED_LICENCE,
                        "There may be times when a customer's subscription expires over "
                        "the weekend, leaving their instance unusable until a new subscription is generated.",
                    ),
                    Pin(
                        SAAS_LICENCE,
                        "A customer may be blocked because of a license expiring or neglecting to apply a renewal.",
                    ),
                ),
            ),
        ),
        checker="licence",
        presets=(Preset("deployment", from_key=f"{NAMESPACE}.deployment"),),
    ),
    Step(
        "saas-triage",
        "SaaS emergency: which kind, and what next?",
        "checker",
        (SAAS,),
        applies=(
            PATH_GOES_ON,
            ORG_CONNECTED,
            When(
                ((f"{NAMESPACE}.deployment", ("saas", None)),),
                "Self-managed: the SaaS triage is for GitLab.com.",
                pins=(
                    Pin(SAAS, "The workflow for these calls is the same as with self-managed emergencies:"),
                    Pin(SAAS, "We're expecting, broadly that emergencies will fall into one of five categories:"),
                ),
            ),
            When(
                ((f"{NAMESPACE}.deployment", ("saas",)),),
                "Waits until you know whether the emergency is on GitLab.com (SaaS) or self-managed.",
                waits=True,
            ),
        ),
        checker="saas-triage",
    ),
    Step(
        "us-federal",
        "US Federal: is on-call support working now?",
        "checker",
        (FEDERAL,),
        applies=(
            PATH_GOES_ON,
            When(
                ((f"{NAMESPACE}.us_federal", (True,)),),
                "Not a US Federal emergency.",
                pins=(
                    Pin(
                        FEDERAL,
                        "Customers are permitted to submit emergencies via email or via the emergency "
                        "form in the US Federal support portal.",
                    ),
                ),
            ),
        ),
        checker="us-federal",
        pins=(
            Pin(
                FEDERAL,
                "US Federal on-call support is provided 7 days a week between the hours of 0500 and 1700 Pacific Time.",
            ),
        ),
    ),
    Step(
        "reply",
        "Reply to the customer",
        "text",
        (RESPOND, DETERMINE),
        applies=(
            PATH_GOES_ON,
            When(
                (("entitlement.outcome", ("entitled", "engage-manager", "needs-org")),),
                "Waits until the requester's entitlement is known (entitlement: {entitlement.outcome}).",
                waits=True,
                pins=(VERIFY_ENTITLEMENT,),
            ),
        ),
        does="Create a public comment in the ticket (the text below): acknowledge receipt and ask for what you need.",
        wordings=(
            Wording(
                (("saas-triage.outcome", INCIDENT_OUTCOMES),),
                "Create a public comment in the ticket (the text below): acknowledge receipt and link the public "
                "status page and the incident's issue.",
                pins=(
                    Pin(
                        INCIDENT,
                        "If there is a known incident, it's acceptable to link to the public status page and related "
                        "incident issue.",
                    ),
                ),
            ),
        ),
        # The public comment follows the path (see `_public_comment`): each of its variants stands on one of these.
        pins=(
            Pin(
                RESPOND,
                "Create a Public Comment in the ticket acknowledging receipt of the emergency request and asking "
                "for any specific information that you need to be able to determine if the situation qualifies as an "
                "emergency or for an exception.",
            ),
            NEEDS_ORG,
            FREE_USER,
            BELOW_PREMIUM,
            COURTESY,
            PROCEED_ASYNCHRONOUSLY,
            Pin(DETERMINE, "Please send the customer a message through the ticket:"),
        ),
    ),
    Step(
        "call",
        "Offer a Zoom call",
        "text",
        (RESPOND, CALL),
        applies=CALL_CONDITIONS,
        does="Offer a Zoom call if appropriate to the reported situation; put the bridge link in the follow-up.",
        wordings=(
            Wording(
                (("special-handling.outcome", ("engage-manager-before-call",)),),
                "Engage the Support Manager on-call before offering a call: a single user licence bought the same "
                "day (special handling). Then offer a Zoom call if appropriate; put the bridge link in the follow-up.",
                pins=(
                    Pin(
                        SINGLE_USER,
                        "If you encounter such a case, engage the Support manager on-call before offering a call.",
                    ),
                ),
            ),
            Wording(
                (("special-handling.outcome", ("compromised-instance",)),),
                "Do not offer or join a call without engaging the Support Manager on-call to align and set "
                "expectations with the customer through the ticket: a compromised instance (special handling).",
                pins=(
                    Pin(
                        COMPROMISED,
                        "Do not offer or join a call without engaging the Support Manager on-call to "
                        "align and set expectations with the customer through the ticket.",
                    ),
                ),
            ),
        ),
        pins=(OFFER_CALL, BRIDGE_CREATED),
    ),
    Step(
        "resolve-pagerduty",
        "Resolve the PagerDuty alert, only now",
        "text",
        (RESPOND, STATUS),
        applies=(PATH_GOES_ON,),
        does="Resolve the PagerDuty alert only after you have contacted the customer.",
        pins=(
            Pin(RESPOND, "Only Resolve the PagerDuty alert after you have contacted the customer."),
            Pin(STATUS, 'Resolved - "I\'ve engaged with the customer by sending a reply to the emergency ticket"'),
        ),
    ),
    Step(
        "slack-thread",
        "Start the Slack thread",
        "text",
        (RESPOND,),
        applies=(PATH_GOES_ON, ORG_CONNECTED),
        does=f"Start a thread in {' or '.join(SLACK_CHANNELS.values())} with the ticket link.",
        wordings=tuple(
            Wording(((f"{NAMESPACE}.deployment", (deployment,)),), f"Start a thread in {channel} with the ticket link.")
            for deployment, channel in SLACK_CHANNELS.items()
        ),
        pins=(
            Pin(RESPOND, "Start a thread in #support_self-managed or #support_gitlab-com with the ticket link."),
            Pin(RESPOND, '"Thread for emergency ticket LINK HERE".'),
        ),
    ),
    Step(
        "follow-up",
        "The 15-minute clock",
        "checker",
        (RESPOND,),
        applies=(
            PATH_GOES_ON,
            ORG_CONNECTED,
            When(
                (("qualification.outcome", EMERGENCY),),
                "No 15-minute clock: not an emergency, or not known to be one yet (qualification: "
                "{qualification.outcome}).",
                pins=(SEVERITY_1, EXCEPTION_GRANTED),
            ),
            # The follow-up's points are the bridge and when it closes: with no call there is no bridge.
            When(
                NO_PUBLIC_INCIDENT.any_of,
                "No call, so no bridge and no 15-minute follow-up about it: a SaaS emergency related to a public "
                "incident published on the status page would not warrant a call (saas-triage: "
                "{saas-triage.outcome}).",
                pins=(NO_CALL_FOR_PUBLIC_INCIDENT, BRIDGE_CREATED),
            ),
        ),
        checker="follow-up",
        open_outcomes={"wait": "waiting", "send-follow-up": "actionable"},
        pins=(
            Pin(
                RESPOND,
                "After 15 minutes, if the customer has not responded to our initial contact with them, send a "
                "follow up message covering the following points:",
            ),
            Pin(
                RESPOND,
                "After another 15 minutes without response the bridge will be closed and the ticket will be "
                "assigned a HIGH priority.",
            ),
        ),
    ),
    Step(
        "post-call",
        "After the call",
        "checklist",
        (POST_CALL,),
        applies=CALL_CONDITIONS,
        does="Post-call notes, the internal note, and tag the next on-call engineer in the Slack thread.",
        pins=(
            Pin(
                POST_CALL,
                "Write post-call notes (using macro Support::Self-Managed::Post Customer Call) relevant to "
                "the customer in a public reply on the ticket.",
            ),
            Pin(POST_CALL, "Add all relevant internal-only information as an internal note on the ticket."),
            Pin(POST_CALL, "Tag the next on-call engineer in the emergency's Slack thread."),
        ),
    ),
    Step(
        "stuck",
        "Stuck? What to do when you don't know what to do",
        "checker",
        (STUCK,),
        applies=(PATH_GOES_ON, ORG_CONNECTED),
        checker="stuck",
        presets=(Preset("deployment", from_key=f"{NAMESPACE}.deployment"),),
        pins=(
            Pin(STUCK, "First, remember that your primary role is incident management."),
            Pin(STUCK, "Your primary job is to coordinate the emergency response."),
            Pin(
                STUCK,
                "If you encounter a SaaS emergency at the weekend that you are unable to progress, then consider "
                "checking if the CMOC engineer on call is available to offer any help or guidance.",
            ),
        ),
    ),
    Step(
        "resolved",
        "When the emergency is resolved",
        "checklist",
        (RESOLVED,),
        applies=(PATH_GOES_ON, ORG_CONNECTED, AN_EMERGENCY),
        does="Mark the emergency ticket solved; any follow-up work goes in a separate ticket.",
        pins=(
            Pin(RESOLVED, "As soon as the emergency is resolved, mark the emergency ticket as solved."),
            Pin(RESOLVED, "Any follow up work should be in a separate ticket."),
        ),
    ),
)

MARKABLE = tuple(s for s in STEPS if s.kind != "checker")

# Where each step is read on the guided page (docs/paged.md), every step of the flow in its order.
# The build refuses a page whose sections are missing, out of order, or lack their checker's form
# (site_build/render/flow_path.py `check_flow_page`).
PAGE_SECTIONS = {
    "acknowledge": "step-acknowledge",
    "concurrent": "step-concurrent",
    "open-ticket": "step-open-ticket",
    "entitlement": "step-entitlement",
    "not-entitled": "step-not-entitled",
    "special-handling": "step-special-handling",
    "qualification": "step-qualify",
    "borderline": "step-borderline",
    "licence": "step-licence",
    "saas-triage": "step-saas-triage",
    "us-federal": "step-us-federal",
    "reply": "step-reply",
    "call": "step-call",
    "resolve-pagerduty": "step-resolve-pagerduty",
    "slack-thread": "step-slack-thread",
    "follow-up": "step-clock",
    "post-call": "step-post-call",
    "stuck": "step-stuck",
    "resolved": "step-resolved",
}

QUESTIONS = (
    Question(
        "deployment",
        "Is the emergency on GitLab.com (SaaS) or a self-managed instance?",
        "choice",
        (Option("self-managed", "Self-managed"), Option("saas", "GitLab.com (SaaS)", aliases=("gitlab.com",))),
        default=None,
        help="Leave unanswered until the ticket says.",
    ),
    Question(
        "topic",
        "What is the page about?",
        "choice",
        (
            Option("general", "An emergency like any other"),
            Option("licence", "A licence or subscription", aliases=("license",)),
            Option("compromised-instance", "A compromised instance"),
        ),
        default="general",
    ),
    Question("already_handling", "Are you already handling another emergency?", "boolean", default=False),
    Question("us_federal", "Is it a US Federal emergency?", "boolean", default=False),
    Question("done", "Steps you have done", "multi-choice", tuple(Option(s.id, s.title) for s in MARKABLE), default=()),
)

# ---- texts that follow the path -------------------------------------------------------------------

ACKNOWLEDGE = (
    "Hello,\n\nThank you for contacting GitLab Support. We have received your emergency request and I am "
    "reviewing it now."
)


def _entry(label: str, text: str, anchor: str) -> dict[str, Any]:
    return {
        "label": label,
        "text": text,
        "cite": handbook.href(anchor),
        "placeholders": response_texts.placeholders(text),
    }


def _outcome_say(outcomes: Iterable[Outcome], code: str) -> str:
    return next(o.say for o in outcomes if o.code == code)


def _public_comment(path: Path, values: dict[str, Any]) -> dict[str, Any]:
    entitlement, qualification = path.outcome("entitlement"), path.outcome("qualification")
    if entitlement == "free-user":  # the ticket is marked solved, not lowered in priority
        text = _outcome_say(ENTITLEMENT_OUTCOMES, "free-user")
        return _entry("Public comment: a free user, no emergency support; the ticket is marked solved", text, RESPOND)
    if entitlement == "below-premium":
        text = _outcome_say(ENTITLEMENT_OUTCOMES, "below-premium")
        return _entry("Public comment: the subscription does not include emergency support", text, RESPOND)
    if entitlement == "needs-org":
        return _entry(
            "Public comment: the needs-org explanation", _outcome_say(ENTITLEMENT_OUTCOMES, "needs-org"), RESPOND
        )
    if qualification == "exception":
        paragraphs = [ACKNOWLEDGE, _outcome_say(QUALIFICATION_OUTCOMES, "exception")]
        label, anchor = "Public comment: acknowledge, and say it is treated as an emergency as a courtesy", COMMUNICATE
    elif qualification in ("strict", "not-an-emergency"):
        paragraphs, label, anchor = [ACKNOWLEDGE], "Public comment: acknowledge receipt", RESPOND
    else:  # not decided yet, or needs more info: the asynchronous request with the handbook's two points
        paragraphs = [response_texts.public_comment(values["missing_info"])]
        label, anchor = "Public comment: acknowledge receipt and ask for what you need", DETERMINE
    if path.outcome("saas-triage") in INCIDENT_OUTCOMES:
        paragraphs.append(response_texts.incident_link(values["incident_url"]))
        label += "; link the public incident"
    elif path.known_to_apply("call"):
        if path.holds(MANAGER_BEFORE_CALL):
            label += " (no call offer until the Support Manager on-call is engaged)"
        else:
            paragraphs.append(response_texts.call_offer(values["bridge_url"]))
            label += "; offer a Zoom call"
    return _entry(label, "\n\n".join(paragraphs), anchor)


def _times(path: Path) -> list[str]:
    result = path.results.get("follow-up")
    if not result or "follow-up" not in path.decided:
        return []
    return [
        f"First contact: {result['answers']['contacted_at']}",
        f"Follow-up due: {result['follow_up_at']}",
        f"Bridge closes if still no response: {result['close_bridge_at']}",
    ]


def _decisions(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """The checker steps decided from the reader's answers, in the flow's order: not the ones that only
    ran on their defaults (the stuck ladder's first rung, say), which nobody decided."""
    return [(s.id, path.results[s.id]) for s in path.flow.steps if s.id in path.results and s.id in path.decided]


def _internal_note(path: Path, ticket_url: str | None) -> str:
    lines = [f"Emergency ticket: {ticket_url or response_texts.TICKET_PLACEHOLDER}", "Decisions:"]
    tags: list[str] = []
    decisions = _decisions(path)
    for step_id, result in decisions:
        lines.append(f"- {step_id}: {result['title']} ({result['outcome']})")
        tags += [t for t in result["tags"] if t not in tags]
    if not decisions:
        lines.append("- none yet")
    lines.append("Macros applied: " + (", ".join(tags) if tags else "none yet"))
    lines += _times(path)
    return "\n".join(lines)


def _slack_thread(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """The thread starter, for the one channel that fits the deployment (both while it is unknown)."""
    deployment = path.own.get("deployment")
    channels = [SLACK_CHANNELS[deployment]] if deployment in SLACK_CHANNELS else list(SLACK_CHANNELS.values())
    return {**entry, "label": f"Slack thread starter, for {' or '.join(channels)}", "channels": channels}


def texts(path: Path) -> dict[str, Any]:
    filled = response_texts.texts(path.answers.get(response_texts.NAMESPACE, {}))
    values, ticket_url = filled["values"], filled["ticket_url"]
    out: dict[str, Any] = {"public_comment": _public_comment(path, values)}
    base = filled["texts"]
    if path.applies("slack-thread"):
        out["slack_thread"] = _slack_thread(path, base["slack_thread"])
    if path.applies("follow-up"):
        out["follow_up"] = base["follow_up"]
    if path.applies("post-call"):
        out["next_engineer"] = base["next_engineer"]
    out["internal_note"] = _entry(
        "Internal note: the decisions on this path, the macros and the times",
        _internal_note(path, ticket_url),
        POST_CALL,
    )
    return out


def summary(path: Path) -> str:
    parts = [f"{step_id}: {result['title']} ({result['outcome']})." for step_id, result in _decisions(path)]
    upcoming = next((s for s in path.flow.steps if path.statuses[s.id] == "next"), None)
    parts.append(f"Next: {upcoming.title}" if upcoming else "Nothing is waiting for you now.")
    return " ".join(parts)


FLOW = Flow(NAMESPACE, "I just got paged", QUESTIONS, STEPS, texts, summary)
