"""The post-call and resolution checklists of the guided response, in the handbook's words.

Not a checker: a checklist decides nothing, it only keeps the steps of "Post-call" and "When the
emergency is resolved" in one place, so the page renders them at build time and a test can prove
every item is the handbook's. Item ids are stable: the page stores ticks under them (per ticket link).
"""

from __future__ import annotations

from typing import NamedTuple

POST_CALL = "post-call"
RESOLVED = "when-the-emergency-is-resolved"


class Item(NamedTuple):
    id: str
    text: str


class Checklist(NamedTuple):
    id: str
    title: str
    anchor: str  # the handbook section the items come from
    items: tuple[Item, ...]


CHECKLISTS = (
    Checklist(
        "post-call",
        "Post-call",
        POST_CALL,
        (
            Item(
                "follow-up-said",
                "Before ending an emergency customer call, let the customer know what to do if there is any follow-up, "
                "and who will be available if any follow-up is required.",
            ),
            Item(
                "notes",
                "Write post-call notes (using macro Support::Self-Managed::Post Customer Call) relevant to "
                "the customer in a public reply on the ticket.",
            ),
            Item("internal-note", "Add all relevant internal-only information as an internal note on the ticket."),
            Item("tag-next", "Tag the next on-call engineer in the emergency's Slack thread."),
        ),
    ),
    Checklist(
        "resolved",
        "When the emergency is resolved",
        RESOLVED,
        (
            Item("solved", "As soon as the emergency is resolved, mark the emergency ticket as solved."),
            Item("summary", "Consider whether an emergency summary is necessary to add in an internal comment."),
        ),
    ),
    Checklist(
        "option-1",
        "Option 1: A related ticket already exists",
        RESOLVED,
        (
            Item("link-emergency", "Add an internal comment linking to the (closed) emergency ticket."),
            Item(
                "link-follow-up",
                "Add an internal comment in the emergency ticket, linking to this ticket as the follow up ticket.",
            ),
            Item("priority", "Check that the priority of the ticket fits"),
            Item(
                "tell-customer", "Add a comment letting customer know that follow up work will continue in this ticket"
            ),
        ),
    ),
    Checklist(
        "option-2",
        "Option 2: There is no related ticket",
        RESOLVED,
        (
            Item(
                "create",
                "Use a browser incognito window to create a new ticket via the support portal (not via "
                'Zendesk itself). Use the customer email address in the "Your email address" field. Review the new '
                "ticket to ensure it is properly associated to the correct customer Organization.",
            ),
            Item(
                "tell-customer",
                "Let customer know in the ticket description, that follow up work will continue in this ticket.",
            ),
            Item("link-emergency", "Add an internal comment linking to the (closed) emergency ticket."),
            Item(
                "link-follow-up",
                "Add an internal comment in the emergency ticket, linking to this ticket as the follow up ticket.",
            ),
            Item(
                "assignment",
                "The new ticket will now be picked up by the round robin automation and assigned to an "
                "SGG, like any other ticket. Optionally, an engineer involved in the emergency can take ownership of "
                "the ticket instead.",
            ),
        ),
    ),
)


def checklist(checklist_id: str) -> Checklist:
    for entry in CHECKLISTS:
        if entry.id == checklist_id:
            return entry
    raise KeyError(f"no checklist {checklist_id!r}; expected one of {', '.join(c.id for c in CHECKLISTS)}")
