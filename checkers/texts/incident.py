"""The widespread-incident helper: "A widespread incident causes multiple, successive PagerDuty alerts".

Not a checker (no `CHECKER`, so the registry passes over it): there is nothing to decide, only text to
prepare. `bulk_response(incident_number, status_page_url, production_issue_url)` returns

- `tag`: the unique ticket tag, e.g. "incident-12345";
- `searches`: the two Zendesk searches, each `{"label", "query", "url"}`, verbatim from the handbook;
- `steps`: the handbook's procedure with this tag filled in;
- `draft`: a bulk response linking the status page, @gitlabstatus on Twitter and the production issue
  when known; `ticket_status`: the status to submit it with ("Solved", or "Open" while there is no
  production issue); `follow_up`: what to send once the issue exists, or null;
- `caution`: verify each ticket belongs to the incident; `cite`: the handbook sections used.

Bad input raises InvalidAnswer naming `incident_number` (digits only) or the URL field (http(s) only).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from checkers.engine import handbook
from checkers.engine.answers import parse_answers
from checkers.engine.model import InvalidAnswer, Question
from checkers.engine.pins import Pin

NAME = "incident"  # the form's name for the page and the worker (checkers/web/forms.py)

WIDESPREAD = "a-widespread-incident-causes-multiple-successive-pagerduty-alerts"
BULK_UPDATE = "using-zendesk-bulk-update"
MULTIPLE = "handling-multiple-simultaneous-emergencies"

# The sentences the helper's steps, searches and draft restate (checkers/engine/pins.py; `python -m checkers review`).
PINS = {
    "incident-helper": (
        Pin(
            WIDESPREAD,
            "Choose a unique tag that will help you identify tickets, using the incident number would be typical.",
        ),
        Pin(
            WIDESPREAD,
            "Create a bulk response that points to the incident on the status page, @gitlabstatus on Twitter and the "
            "production issue.",
        ),
        Pin(
            WIDESPREAD,
            "Create the tag by typing it into the tag field of at least one ticket and submitting it - if you don't, "
            "it won't show as available in the bulk edit view of Zendesk.",
        ),
        Pin(
            WIDESPREAD,
            "priority:urgent order_by:created_at sort:desc will show all emergency tickets, sorted by those opened "
            "most recently",
        ),
        Pin(WIDESPREAD, "priority:urgent order_by:created_at sort:desc status:new will show all new emergencies"),
        Pin(
            WIDESPREAD,
            "Verify that each ticket is related to the incident - if it is not, follow handling multiple "
            "simultaneous emergencies",
        ),
        Pin(WIDESPREAD, "Set the ticket to Open."),
        Pin(
            WIDESPREAD,
            "Once the issue is available, send a follow-up note letting the customer know that they should follow "
            "along with the issue and that we are marking the ticket as Solved.",
        ),
        Pin(BULK_UPDATE, "During an incident, you can use it to:"),
    ),
}

STATUS_PAGE = "https://status.gitlab.com"
GITLABSTATUS = "@gitlabstatus on Twitter (https://twitter.com/gitlabstatus)"

SEARCHES = (
    {
        "label": "All emergency tickets, sorted by those opened most recently",
        "query": "priority:urgent order_by:created_at sort:desc",
        "url": "https://gitlab.zendesk.com/agent/search/1?type=ticket&q=priority%3Aurgent%20order_by%3Acreated_at"
        "%20sort%3Adesc",
    },
    {
        "label": "All new emergencies",
        "query": "priority:urgent order_by:created_at sort:desc status:new",
        "url": "https://gitlab.zendesk.com/agent/search/1?type=ticket&q=priority%3Aurgent%20order_by%3Acreated_at"
        "%20sort%3Adesc%20status%3Anew",
    },
)

CAUTION_TITLE = "Before you bulk update"
CAUTION_LINK_TEXT = "handling multiple simultaneous emergencies"
CAUTION_BEFORE = "CAREFUL: Verify that each ticket is related to the incident - if it is not, follow "
CAUTION = f"{CAUTION_BEFORE}{CAUTION_LINK_TEXT}."

QUESTIONS = (
    Question("incident_number", "Incident number", "text", help="Digits only, e.g. 12345."),
    Question(
        "status_page_url",
        "Link to the incident on the status page",
        "url",
        default=None,
        help=f"Leave empty if it is not posted yet; the draft then links {STATUS_PAGE}.",
    ),
    Question(
        "production_issue_url",
        "Link to the production issue",
        "url",
        default=None,
        help="Leave empty if there is no production issue yet.",
    ),
)


def _validate(incident_number: Any, status_page_url: Any, production_issue_url: Any) -> dict[str, Any]:
    answers = {
        "incident_number": incident_number,
        "status_page_url": status_page_url,
        "production_issue_url": production_issue_url,
    }
    # The shared answer parser gives the same messages and field names as the checkers; no clock is needed.
    values = parse_answers(QUESTIONS, answers, lambda: datetime.now(UTC))
    number = values["incident_number"]
    if not (number.isascii() and number.isdecimal()):  # isdecimal alone accepts other scripts' digits
        raise InvalidAnswer("incident_number", f"expected digits only, e.g. 12345, got {incident_number!r}")
    return values


def _draft(status_page: str, production_issue: str | None) -> str:
    where = f"our status page ({status_page}) and {GITLABSTATUS}"
    if production_issue:
        return (
            "Thank you for contacting GitLab Support. We are aware of an incident affecting GitLab.com and we are "
            "actively working to address the problem.\n\n"
            f"Please follow along at the production issue: {production_issue}\n"
            f"Updates are also posted on {where}.\n\n"
            "We are marking this ticket as Solved. If you still have trouble once the production issue has been "
            "closed / the incident has been declared resolved, please reply to this ticket."
        )
    return (
        "Thank you for contacting GitLab Support. We are aware of an incident affecting GitLab.com and we are "
        "actively working to address the problem.\n\n"
        "We will follow up with a link to a tracking issue as soon as one is created. In the meantime, updates are "
        f"posted on {where}."
    )


def _steps(tag: str) -> list[str]:
    return [
        "Don't panic! Slack and PD alerts may come quickly and frequently. Consider silencing both temporarily and "
        "focus on ZD.",
        "Verify that an incident has been declared and that the incident is actively being worked.",
        "If there is no update on the status page yet, advocate for urgency with the CMOC so that you can point to "
        "it in responses.",
        f"Use the tag {tag}.",
        "Share the response below with #support_gitlab-com and others fielding first responses: using the same "
        "response increases the efficiency with which we can all respond to customer inquiries about the problem.",
        f"Create the tag by typing {tag} into the tag field of at least one ticket and submitting it - if you don't, "
        "it won't show as available in the bulk edit view of Zendesk.",
        "Use the Zendesk searches to identify customer-raised emergencies.",
        CAUTION,
        'Use Zendesk Bulk Update to respond to all open tickets: select the tickets in the search, click "Edit n '
        f'tickets", add the public reply and the tag {tag}, and submit with the status change.',
        "At any point, you may ack/resolve PD alerts. It may be faster to do so through the PagerDuty web interface.",
    ]


def bulk_response(
    incident_number: str, status_page_url: str | None = None, production_issue_url: str | None = None
) -> dict[str, Any]:
    values = _validate(incident_number, status_page_url, production_issue_url)
    tag = f"incident-{values['incident_number']}"
    # Without the incident's own status page entry, the status page itself is still where to look.
    status_page = values["status_page_url"] or STATUS_PAGE
    production_issue = values["production_issue_url"]
    if production_issue:
        ticket_status, follow_up = "Solved", None
    else:
        ticket_status = "Open"
        follow_up = (
            "Once the issue is available, send a follow-up note letting the customer know that they should follow "
            "along with the issue and that we are marking the ticket as Solved. Include a note that they should "
            "reply if they still have trouble once the production issue has been closed / the incident has been "
            "declared resolved. (Enter the production issue link here to get that text.)"
        )
    return {
        "tag": tag,
        "searches": [dict(search) for search in SEARCHES],
        "steps": _steps(tag),
        "status_page_url": status_page,
        "production_issue_url": production_issue,
        "draft": _draft(status_page, production_issue),
        "ticket_status": ticket_status,
        "follow_up": follow_up,
        "caution": CAUTION,
        # The same caution in parts, so the page links the section without looking for the words.
        "caution_title": CAUTION_TITLE,
        "caution_parts": [
            {"text": CAUTION_BEFORE, "href": None},
            {"text": CAUTION_LINK_TEXT, "href": handbook.href(MULTIPLE)},
            {"text": ".", "href": None},
        ],
        "cite": [handbook.href(anchor) for anchor in (WIDESPREAD, BULK_UPDATE, MULTIPLE)],
    }


def bulk_response_for(answers: Any) -> dict[str, Any]:
    """`bulk_response` from an answers object, as the worker receives it: a key that is not one of
    QUESTIONS, or answers that are not an object, are named rather than ignored."""
    _validate_shape(answers)
    return bulk_response(
        answers.get("incident_number"), answers.get("status_page_url"), answers.get("production_issue_url")
    )


def _validate_shape(answers: Any) -> None:
    if not isinstance(answers, dict):
        raise InvalidAnswer("answers", f"expected an object of answers keyed by question id, got {answers!r}")
    known = [q.id for q in QUESTIONS]
    for key in answers:
        if key not in known:
            raise InvalidAnswer(
                str(key), f"is not a field of the incident helper; expected one of {', '.join(known)}", "unknown"
            )
