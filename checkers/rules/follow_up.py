"""The two clocks after the first contact (`FOLLOW_UP_AFTER`, then `BRIDGE_OPEN_FOR` more): the last
step of "Respond to PagerDuty alerts".

Every decision is a comparison of `now` with two instants fixed by `contacted_at`, so the page can
show a countdown from `seconds_to_next_step` and ask again when it reaches zero."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from checkers.engine.model import NOW, Checker, Fact, InvalidAnswer, Outcome, Question, Rule
from checkers.engine.pins import Pin
from checkers.engine.timeutil import iso
from checkers.texts.follow_up import ClockCase, another_minutes_words, minutes, minutes_words, wording

RESPOND = "respond-to-pagerduty-alerts"

FOLLOW_UP_AFTER = timedelta(minutes=15)  # "After 15 minutes, if the customer has not responded"
BRIDGE_OPEN_FOR = timedelta(minutes=15)  # "After another 15 minutes without response the bridge will be closed"
CLOSE_BRIDGE_AFTER = FOLLOW_UP_AFTER + BRIDGE_OPEN_FOR


# The delays in words, for the sentences below: a new delay is a change of the constants above, never
# of a sentence.
FOLLOW_UP_MINUTES = minutes_words(FOLLOW_UP_AFTER)
ANOTHER_MINUTES = another_minutes_words(BRIDGE_OPEN_FOR)
CLOSE_BRIDGE_MINUTES = minutes_words(CLOSE_BRIDGE_AFTER)

QUESTIONS = (
    Question(
        "contacted_at",
        "When did you send the first contact to the customer?",
        "datetime",
        help="In your time zone, or the one you choose beside it.",
    ),
    Question(
        "now",
        "What time is it now?",
        "datetime",
        default=NOW,
        help="Leave empty for the current time.",
    ),
    Question(
        "customer_responded",
        "Has the customer responded to the first contact?",
        "boolean",
        default=False,
    ),
)

# Where `now` stands on the clock that starts at the first contact. The codes are a contract (the
# results' `facts`, which the decision table and the drills' tests read): they stay as they are if the
# delays change; the labels follow the delays.
BEFORE_FOLLOW_UP, FOLLOW_UP_WINDOW, BRIDGE_EXPIRED = "under-15", "15-to-30", "30-or-more"

FACTS = (
    Fact("customer_responded", "Customer responded to the first contact?"),
    Fact(
        "since_contact",
        "Time since the first contact",
        (
            (BEFORE_FOLLOW_UP, f"under {FOLLOW_UP_MINUTES}"),
            (FOLLOW_UP_WINDOW, f"{minutes(FOLLOW_UP_AFTER)} to under {CLOSE_BRIDGE_MINUTES}"),
            (BRIDGE_EXPIRED, f"{CLOSE_BRIDGE_MINUTES} or more"),
        ),
    ),
)

FOLLOW_UP_MESSAGE = (
    "We have not heard back from you since our first reply, so we are following up on your emergency request.\n"
    "- We have created a bridge to work on the emergency: [bridge link]\n"
    "- If you are not able to join immediately, let us know and we can make other arrangements.\n"
    f"- After {ANOTHER_MINUTES} without a response, the bridge will be closed and this ticket will be "
    "assigned a HIGH priority.\n"
    "- Feel free to open a new emergency request if the need arises."
)

OUTCOMES = (
    Outcome(
        code="engaged",
        title="The customer responded: no follow-up clock",
        actions=(
            "The customer has responded to the initial contact, so no follow-up message is needed.",
            "Carry on handling the emergency with them.",
        ),
        cite=(RESPOND,),
    ),
    Outcome(
        code="wait",
        title=f"Wait: it is not yet {FOLLOW_UP_MINUTES} since the first contact",
        actions=(
            f"Wait for the customer's response. If they have not responded {FOLLOW_UP_MINUTES} after the initial "
            "contact, send the follow-up message.",
        ),
        cite=(RESPOND,),
    ),
    Outcome(
        code="send-follow-up",
        title=f"{FOLLOW_UP_MINUTES} without a response: send the follow-up message",
        actions=(
            "Send a follow-up message covering the following points:",
            "1. the bridge created to work on the emergency;",
            "2. if the customer is not able to join immediately, we can make other arrangements;",
            f"3. after {ANOTHER_MINUTES} without response the bridge will be closed and the ticket will be "
            "assigned a HIGH priority;",
            "4. feel free to open a new emergency request if the need arises.",
        ),
        cite=(RESPOND,),
        say=FOLLOW_UP_MESSAGE,
    ),
    Outcome(
        code="close-bridge",
        title=f"{ANOTHER_MINUTES.capitalize()} without a response: close the bridge",
        actions=(
            "Close the bridge.",
            "Set the ticket to HIGH priority.",
            "The customer may open a new emergency request if the need arises.",
        ),
        cite=(RESPOND,),
        say="As we have not heard back from you, we have closed the bridge for this emergency and this ticket "
        "now has HIGH priority. Feel free to open a new emergency request if the need arises.",
    ),
)

RULES = (
    Rule({"customer_responded": (True,)}, "engaged", "The customer responded to the initial contact.", (RESPOND,)),
    Rule(
        {"since_contact": (BEFORE_FOLLOW_UP,)},
        "wait",
        f"Less than {FOLLOW_UP_MINUTES} since the initial contact.",
        (RESPOND,),
    ),
    Rule(
        {"since_contact": (FOLLOW_UP_WINDOW,)},
        "send-follow-up",
        f"{FOLLOW_UP_MINUTES} since the initial contact without a response: send the follow-up message.",
        (RESPOND,),
    ),
    Rule(
        {},
        "close-bridge",
        f"{ANOTHER_MINUTES.capitalize()} after the follow-up without a response: close the bridge, HIGH priority.",
        (RESPOND,),
    ),
)


def _derive(values: Mapping[str, Any]) -> dict[str, Any]:
    contacted_at, now = values["contacted_at"], values["now"]
    if now < contacted_at:
        raise InvalidAnswer("now", f"{iso(now)} is earlier than contacted_at {iso(contacted_at)}")
    elapsed = now - contacted_at
    if elapsed < FOLLOW_UP_AFTER:
        since = BEFORE_FOLLOW_UP
    elif elapsed < CLOSE_BRIDGE_AFTER:
        since = FOLLOW_UP_WINDOW
    else:
        since = BRIDGE_EXPIRED
    return {"customer_responded": values["customer_responded"], "since_contact": since}


def _add_clock(values: Mapping[str, Any], facts: Mapping[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    # Offsets are kept from contacted_at, so the times read on the same clock the engineer typed.
    contacted_at: datetime = values["contacted_at"]
    now: datetime = values["now"]
    follow_up_at = contacted_at + FOLLOW_UP_AFTER
    close_bridge_at = contacted_at + CLOSE_BRIDGE_AFTER
    next_step = {"wait": follow_up_at, "send-follow-up": close_bridge_at}.get(result["outcome"])
    said = wording(
        ClockCase(
            outcome=result["outcome"],
            follow_up_at=iso(follow_up_at),
            close_bridge_at=iso(close_bridge_at),
            bridge_open_for=BRIDGE_OPEN_FOR,
        ),
        tuple(result["actions"]),
    )
    result["follow_up_at"] = iso(follow_up_at)
    result["close_bridge_at"] = iso(close_bridge_at)
    # Rounded up: while a step is still ahead the countdown never shows 0.
    result["seconds_to_next_step"] = math.ceil((next_step - now).total_seconds()) if next_step is not None else None
    result["next_step"] = said.next_step
    # The follow-up message is also a copy-ready text of the guided page (checkers.texts.response_texts), filled in
    # there from the reader's answers (the bridge link): the page shows that copy in place of this one, so
    # both copies read the same.
    result["say_text_id"] = "follow_up" if result["say"] == FOLLOW_UP_MESSAGE else None
    result["actions"] = list(said.actions)
    return result


# The sentences these rules and outcomes decide from (checkers/engine/pins.py; `python -m checkers review`).
PINS = (
    Pin(
        RESPOND,
        "After 15 minutes, if the customer has not responded to our initial contact with them, send a follow up "
        "message covering the following points:",
    ),
    Pin(RESPOND, "The bridge created to work on the emergency."),
    Pin(RESPOND, "If the customer is not able to join immediately, we can make other arrangements."),
    Pin(
        RESPOND,
        "After another 15 minutes without response the bridge will be closed and the ticket will be assigned a HIGH "
        "priority.",
    ),
    Pin(RESPOND, "Feel free to open a new emergency request if the need arises."),
)


CHECKER = Checker(
    name="follow-up",
    title="The customer has not responded: follow up or close the bridge?",
    summary=f"From the time of the first contact: wait, send the follow-up message after {FOLLOW_UP_MINUTES}, "
    f"close the bridge after another {minutes(BRIDGE_OPEN_FOR)}.",
    questions=QUESTIONS,
    facts=FACTS,
    outcomes=OUTCOMES,
    rules=RULES,
    cite=(RESPOND,),
    derive=_derive,
    finish=_add_clock,
    # The seconds left and the next step are the countdown's, which ticks: a number listed here would be stale.
    shown_fields=("follow_up_at", "close_bridge_at"),
    field_labels={
        "follow_up_at": "Send the follow-up at",
        "close_bridge_at": "Close the bridge at, if still no response",
    },
    notes=(
        "Both clocks count from contacted_at, as the handbook's follow-up message assumes it is sent "
        f"{FOLLOW_UP_MINUTES} after the first contact. The handbook counts the second {minutes(BRIDGE_OPEN_FOR)} "
        "minutes from the follow-up message itself; if it went out late, wait "
        f"{minutes(BRIDGE_OPEN_FOR)} minutes from when you sent it.",
        '"Responded" means a response to the initial contact or the follow-up while the bridge is open. '
        "The handbook does not say what to do when the customer responds after the bridge was closed; its "
        "message tells them they may open a new emergency request.",
        "The handbook does not ask for a message when the bridge is closed; the text offered is optional.",
        "[bridge link] in the follow-up message is for you to fill in; the guided page fills it in from the bridge "
        "link you give there.",
    ),
)
