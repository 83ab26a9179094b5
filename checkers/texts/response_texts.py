"""Copy-ready texts for the guided response to a page ("I just got paged").

Not a checker (no `CHECKER`, so the registry passes over it): nothing is decided here, the texts
are only filled in. `texts(answers)` takes the engineer's raw answers (the ticket link and a few
optional details), checks each one on its own, and returns

- `values`: the answers that are valid, as JSON;
- `errors`: `{answer id: message}` for each answer that is not, so every field can say what is wrong
  at once (a bad ticket link does not hide a bad Slack handle);
- `ticket_url`: the validated ticket link, or null: the page keys its checklists by it;
- `texts`: `{id: {"label", "text", "cite", "placeholders"}}` in the order of the flow, where
  `placeholders` lists the [bracketed] parts still to fill in by hand.

Texts are plain text. The page shows them with `textContent`, never as HTML, so a link that holds
markup stays a string. Nothing here raises for bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from checkers.engine import handbook
from checkers.engine.answers import parse_answers
from checkers.engine.model import InvalidAnswer, Question
from checkers.engine.pins import Pin
from checkers.rules.follow_up import FOLLOW_UP_MESSAGE, FOLLOW_UP_MINUTES

# The namespace of these answers in the page's URL query (beside the checkers' names).
NAMESPACE = "response-texts"

RESPOND = "respond-to-pagerduty-alerts"
DETERMINE = "determine-if-the-situation-qualifies-as-an-emergency"
POST_CALL = "post-call"
INCIDENT = "broken-functionality-due-to-an-incident"

TICKET_PLACEHOLDER = "[ticket link]"
BRIDGE_PLACEHOLDER = "[bridge link]"
INCIDENT_PLACEHOLDER = "[status page or incident link]"
INFO_PLACEHOLDER = "[the specific information you need]"
BACKGROUND_PLACEHOLDER = "[the background of the situation: what happened, what was done, what the customer was told]"
ENGINEER_PLACEHOLDER = "@[next on-call engineer]"

QUESTIONS = (
    Question(
        "ticket_url",
        "Link to the Zendesk ticket",
        "url",
        default=None,
        help="From the PagerDuty alert, e.g. https://gitlab.zendesk.com/agent/tickets/123456. "
        "It fills in the texts below and keeps your checklist ticks for this ticket.",
    ),
    Question(
        "missing_info",
        "What do you still need to know to decide if it qualifies?",
        "text",
        default="",
        help="Optional. The specific information to ask the customer for, e.g. the exact error and since when.",
    ),
    Question(
        "bridge_url",
        "Link to the bridge (the Zoom call) you created",
        "url",
        default=None,
        help="Optional. Goes into the call offer of the public comment and the follow-up message.",
    ),
    Question(
        "incident_url",
        "Link to the status page or the production incident",
        "url",
        default=None,
        help="For a SaaS emergency tied to a public incident, e.g. https://status.gitlab.com: the public comment "
        "links it.",
    ),
    Question(
        "next_engineer",
        "Slack handle of the next on-call engineer",
        "text",
        default="",
        help="Optional, for the hand-over at the end of your shift, e.g. @francesca.",
    ),
)

# The sentences each copy-ready text restates or follows (checkers/engine/pins.py; `python -m checkers review`).
PINS = {
    "public_comment": (
        Pin(
            RESPOND,
            "Create a Public Comment in the ticket acknowledging receipt of the emergency request and asking for any "
            "specific information that you need to be able to determine if the situation qualifies as an "
            "emergency or for an exception.",
        ),
        Pin(
            DETERMINE,
            "explaining that in order to correctly categorise the situation, you would like to understand more about "
            "the effect it is having on their ability to work, or meet their business objectives",
        ),
        Pin(DETERMINE, "asking for the specific additional context that you need"),
        Pin(RESPOND, "Offer a Zoom call to the customer if appropriate to the reported situation."),
        Pin(
            INCIDENT,
            "If there is a known incident, it's acceptable to link to the public status page and related incident "
            "issue.",
        ),
    ),
    "slack_thread": (
        Pin(RESPOND, "Start a thread in #support_self-managed or #support_gitlab-com with the ticket link."),
        Pin(RESPOND, '"Thread for emergency ticket LINK HERE".'),
    ),
    "follow_up": (
        Pin(
            RESPOND,
            "After 15 minutes, if the customer has not responded to our initial contact with them, send a follow up "
            "message covering the following points:",
        ),
        Pin(RESPOND, "The bridge created to work on the emergency."),
        Pin(RESPOND, "If the customer is not able to join immediately, we can make other arrangements."),
        Pin(
            RESPOND,
            "After another 15 minutes without response the bridge will be closed and the ticket will be assigned a "
            "HIGH priority.",
        ),
        Pin(RESPOND, "Feel free to open a new emergency request if the need arises."),
    ),
    "next_engineer": (
        Pin(POST_CALL, "Tag the next on-call engineer in the emergency's Slack thread."),
        Pin(POST_CALL, "I'll make sure that she has the background of the situation before I leave for the day."),
    ),
}

_SLACK_HANDLE = re.compile(r"^@?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_PLACEHOLDER = re.compile(r"\[[^\]\n]+\]")


def _valid_values(answers: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each answer checked on its own with the shared parser; unknown ids are reported, not fatal."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    known = {q.id for q in QUESTIONS}
    for key in answers:
        if key not in known:
            errors[str(key)] = f"is not an answer of the response texts; expected one of {', '.join(sorted(known))}"
    for q in QUESTIONS:
        try:
            # No clock is needed: none of these answers is a time.
            values.update(parse_answers((q,), {q.id: answers.get(q.id)}, lambda: datetime.now(UTC)))
        except InvalidAnswer as error:
            errors[q.id] = error.message
            values[q.id] = q.default
    handle = values.get("next_engineer") or ""
    if handle and not _SLACK_HANDLE.match(handle):
        errors["next_engineer"] = f"expected a Slack handle such as @francesca (letters, digits, . _ -), got {handle!r}"
        values["next_engineer"] = ""
    elif handle and not handle.startswith("@"):
        values["next_engineer"] = "@" + handle
    return values, errors


def public_comment(missing_info: str) -> str:
    # The handbook: acknowledge receipt, and ask for what you need to determine if the situation
    # qualifies; "Determine if ..." says how to ask (the effect on their work, the specific context).
    ask = missing_info or INFO_PLACEHOLDER
    return (
        "Hello,\n\n"
        "Thank you for contacting GitLab Support. We have received your emergency request and I am "
        "reviewing it now.\n\n"
        "In order to correctly categorise the situation, I would like to understand more about the effect it "
        "is having on your ability to work, or meet your business objectives. Could you please send us the "
        f"following: {ask}"
    )


def call_offer(bridge_url: str | None) -> str:
    # "Offer a Zoom call to the customer if appropriate to the reported situation", with "the bridge
    # created to work on the emergency" the follow-up message also carries.
    return (
        "I would like to offer you a Zoom call so that we can work on this together: "
        f"{bridge_url or BRIDGE_PLACEHOLDER}"
    )


def incident_link(incident_url: str | None) -> str:
    # "If there is a known incident, it's acceptable to link to the public status page and related incident issue."
    return (
        "This is related to an incident we are already working on, published on our status page. You can follow "
        f"its progress here: {incident_url or INCIDENT_PLACEHOLDER}"
    )


def slack_thread(ticket_url: str | None) -> str:
    # Verbatim from the handbook: "Thread for emergency ticket LINK HERE".
    return f"Thread for emergency ticket {ticket_url or TICKET_PLACEHOLDER}"


def follow_up_message(bridge_url: str | None) -> str:
    return FOLLOW_UP_MESSAGE.replace(BRIDGE_PLACEHOLDER, bridge_url or BRIDGE_PLACEHOLDER)


def next_engineer_tag(next_engineer: str, ticket_url: str | None) -> str:
    # "Tag the next on-call engineer in the emergency's Slack thread", with the background the
    # post-call example promises them ("I'll make sure that she has the background of the situation").
    return (
        f"{next_engineer or ENGINEER_PLACEHOLDER} you are the next on-call engineer: handing over emergency ticket "
        f"{ticket_url or TICKET_PLACEHOLDER}. Background: {BACKGROUND_PLACEHOLDER}"
    )


def placeholders(text: str) -> list[str]:
    """The [bracketed] parts of a text still to fill in by hand."""
    return _PLACEHOLDER.findall(text)


def _entry(label: str, text: str, anchor: str) -> dict[str, Any]:
    return {
        "label": label,
        "text": text,
        "cite": handbook.href(anchor),
        "placeholders": placeholders(text),
    }


def texts(answers: Any) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        answers, errors = {}, {"answers": "expected an object of answers keyed by answer id"}
    else:
        errors = {}
    values, field_errors = _valid_values(answers)
    errors.update(field_errors)
    ticket_url = values["ticket_url"]
    return {
        "values": {q.id: values[q.id] for q in QUESTIONS},
        "errors": errors,
        "ticket_url": ticket_url,
        "texts": {
            "public_comment": _entry(
                "Public comment: acknowledge receipt and ask for what you need",
                public_comment(values["missing_info"]),
                DETERMINE,
            ),
            "slack_thread": _entry("Slack thread starter", slack_thread(ticket_url), RESPOND),
            "follow_up": _entry(
                f"Follow-up message after {FOLLOW_UP_MINUTES} without a response",
                follow_up_message(values["bridge_url"]),
                RESPOND,
            ),
            "next_engineer": _entry(
                "Tag the next on-call engineer in the Slack thread",
                next_engineer_tag(values["next_engineer"], ticket_url),
                POST_CALL,
            ),
        },
    }
