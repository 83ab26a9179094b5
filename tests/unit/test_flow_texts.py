"""The guided response's texts on each path: the call offer and the bridge link, the public incident,
the one Slack channel, the rule said at the step it governs, and an internal note and summary that
list only what the reader's answers decided."""

from __future__ import annotations

from datetime import datetime

import pytest

from checkers import flows
from checkers.texts import response_texts

ENTITLED = {"entitlement.org_associated": True, "entitlement.plan": "premium"}
STRICT = {**ENTITLED, "qualification.production_unusable": "yes", "paged.deployment": "self-managed"}
EXCEPTION = {
    **ENTITLED,
    "qualification.production_unusable": "no",
    "qualification.exception_criteria": "yes",
    "paged.deployment": "self-managed",
}
NEEDS_INFO = {**ENTITLED, "qualification.production_unusable": "unknown", "qualification.exception_criteria": "unknown"}
SAME_DAY = {**STRICT, "entitlement.single_user_same_day_purchase": True}
BRIDGE = "https://gitlab.zoom.us/j/123456"
INCIDENT = "https://status.gitlab.com/pages/incident/5b36dc6502d06804c08349f7/123"
TICKET = "https://gitlab.zendesk.com/agent/tickets/1"
TUESDAY = datetime.fromisoformat("2024-03-12T10:00+00:00")


def run(answers):
    return flows.run("paged", answers, now=TUESDAY)


def steps(result):
    return {s["id"]: s for s in result["steps"]}


def comment(answers):
    return run(answers)["texts"]["public_comment"]


# ---- the public comment -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "has", "lacks"),
    [
        pytest.param(
            {**STRICT, "response-texts.bridge_url": BRIDGE},
            ["reviewing it now", "Zoom call", BRIDGE],
            [response_texts.BRIDGE_PLACEHOLDER],
            id="strict-with-bridge",
        ),
        pytest.param(STRICT, ["Zoom call", response_texts.BRIDGE_PLACEHOLDER], [], id="strict-bridge-still-to-fill"),
        pytest.param({**EXCEPTION, "response-texts.bridge_url": BRIDGE}, ["as a courtesy", BRIDGE], [], id="exception"),
        # Not known to be an emergency yet: no call to offer.
        pytest.param(
            {**NEEDS_INFO, "response-texts.bridge_url": BRIDGE},
            ["Could you please send"],
            ["Zoom", BRIDGE],
            id="needs-more-info",
        ),
        pytest.param(
            {
                **ENTITLED,
                "qualification.production_unusable": "no",
                "qualification.exception_criteria": "no",
                "response-texts.bridge_url": BRIDGE,
            },
            ["reviewing it now"],
            ["Zoom"],
            id="not-an-emergency",
        ),
        # SaaS with the triage still open: it may be a public incident, which would not warrant a call.
        pytest.param(
            {**STRICT, "paged.deployment": "saas", "response-texts.bridge_url": BRIDGE},
            ["reviewing it now"],
            ["Zoom"],
            id="saas-triage-undecided",
        ),
        pytest.param(
            {
                **STRICT,
                "paged.deployment": "saas",
                "saas-triage.category": "regression",
                "response-texts.bridge_url": BRIDGE,
            },
            ["Zoom", BRIDGE],
            [],
            id="saas-regression",
        ),
        # The Support Manager on-call comes before any call offer.
        pytest.param(
            {**SAME_DAY, "response-texts.bridge_url": BRIDGE},
            ["reviewing it now"],
            ["Zoom", BRIDGE],
            id="same-day-purchase",
        ),
        pytest.param(
            {**STRICT, "paged.topic": "compromised-instance", "response-texts.bridge_url": BRIDGE},
            ["reviewing it now"],
            ["Zoom", BRIDGE],
            id="compromised-instance",
        ),
    ],
)
def test_the_public_comment_offers_a_call_where_one_applies(answers, has, lacks):
    text = comment(answers)["text"]
    assert all(part in text for part in has), text
    assert not any(part in text for part in lacks), text


@pytest.mark.parametrize(
    "triage",
    [
        pytest.param({"saas-triage.category": "regression", "saas-triage.known_incident": True}, id="known-incident"),
        pytest.param({"saas-triage.category": "widespread-incident"}, id="widespread-incident"),
    ],
)
def test_a_public_incident_is_linked_with_a_visible_placeholder_until_given(triage):
    answers = {**STRICT, "paged.deployment": "saas", **triage, "response-texts.bridge_url": BRIDGE}
    missing = comment(answers)
    assert response_texts.INCIDENT_PLACEHOLDER in missing["text"]
    assert response_texts.INCIDENT_PLACEHOLDER in missing["placeholders"]
    assert "Zoom" not in missing["text"] and BRIDGE not in missing["text"]  # no call for a public incident
    linked = comment({**answers, "response-texts.incident_url": INCIDENT})
    assert linked["text"].endswith(INCIDENT) and linked["placeholders"] == []


def test_a_bad_incident_link_is_refused_naming_its_key():
    with pytest.raises(Exception) as error:
        run({**STRICT, "response-texts.incident_url": "javascript:alert(1)"})
    assert getattr(error.value, "field", "") == "response-texts.incident_url"


# ---- the Slack thread -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deployment", "channels"),
    [
        ("self-managed", ["#support_self-managed"]),
        ("saas", ["#support_gitlab-com"]),
        (None, ["#support_self-managed", "#support_gitlab-com"]),
    ],
    ids=["self-managed", "saas", "unknown"],
)
def test_the_slack_step_and_text_name_the_channel_of_the_deployment(deployment, channels):
    answers = {**STRICT, "response-texts.ticket_url": TICKET}
    answers.pop("paged.deployment")
    if deployment:
        answers["paged.deployment"] = deployment
    result = run(answers)
    thread = result["texts"]["slack_thread"]
    assert thread["channels"] == channels
    assert thread["text"] == f"Thread for emergency ticket {TICKET}"
    because = steps(result)["slack-thread"]["because"]
    for channel in ["#support_self-managed", "#support_gitlab-com"]:
        assert (channel in because) is (channel in channels)
        assert (channel in thread["label"]) is (channel in channels)


# ---- a rule said at the step it governs --------------------------------------------------------


def test_after_a_same_day_purchase_the_call_step_says_to_engage_the_manager_first():
    call = steps(run(SAME_DAY))["call"]
    assert call["because"].startswith("Engage the Support Manager on-call before offering a call")
    # Said while the call still waits for an earlier step too (the deployment not known yet).
    waiting = steps(run({**SAME_DAY, "paged.deployment": None}))["call"]
    assert waiting["because"].startswith("Engage the Support Manager on-call before offering a call")
    assert "Waits for an earlier step" in waiting["because"]
    assert steps(run(STRICT))["call"]["because"].startswith("Offer a Zoom call if appropriate")


def test_for_a_compromised_instance_the_call_step_says_no_call_without_the_manager():
    call = steps(run({**STRICT, "paged.topic": "compromised-instance"}))["call"]
    assert call["because"].startswith("Do not offer or join a call without engaging the Support Manager on-call")


@pytest.mark.parametrize(
    ("triage", "links_the_incident"),
    [
        ({"saas-triage.category": "widespread-incident"}, True),
        ({"saas-triage.category": "regression", "saas-triage.known_incident": True}, True),
        ({"saas-triage.category": "regression"}, False),
    ],
    ids=["widespread-incident", "known-incident", "regression"],
)
def test_on_a_public_incident_the_reply_step_says_to_link_it(triage, links_the_incident):
    """The reply step says what its text does on this path: link the public incident, not ask for
    what you need (the public comment links it there too)."""
    result = run({**STRICT, "paged.deployment": "saas", **triage})
    reply = steps(result)["reply"]
    assert ("link the public status page and the incident's issue" in reply["because"]) is links_the_incident
    assert ("ask for what you need" in reply["because"]) is not links_the_incident
    assert ("link the public incident" in result["texts"]["public_comment"]["label"]) is links_the_incident


# ---- every copy shows the same values ------------------------------------------------------------


def test_the_follow_up_copy_carries_the_bridge():
    texts = run({**STRICT, "response-texts.bridge_url": BRIDGE})["texts"]
    assert BRIDGE in texts["follow_up"]["text"] and response_texts.BRIDGE_PLACEHOLDER not in texts["follow_up"]["text"]
    assert BRIDGE in texts["public_comment"]["text"]


# ---- the internal note and the summary: only what the reader's answers decided --------------------


@pytest.mark.parametrize(
    ("answers", "lines"),
    [
        pytest.param(
            STRICT,
            [
                "- entitlement: Entitled to emergency support (entitled)",
                "- qualification: An emergency under the strict definition (strict)",
            ],
            id="strict",
        ),
        # Special handling was decided by the path (the same-day purchase), not by a default.
        pytest.param(
            SAME_DAY,
            [
                "- entitlement: ",
                "- special-handling: Single user, same day purchase: engage the "
                "Support Manager on-call before offering a call (engage-manager-before-call)",
                "- qualification: ",
            ],
            id="same-day-purchase",
        ),
        pytest.param(
            {**STRICT, "stuck.still_stuck": True, "stuck.deployment": "self-managed"},
            ["- entitlement: ", "- qualification: ", "- stuck: "],
            id="stuck-answered",
        ),
        pytest.param({}, ["- none yet"], id="nothing-answered"),
    ],
)
def test_the_internal_note_lists_the_decisions_made_from_the_answers(answers, lines):
    result = run({**answers, "paged.deployment": "self-managed"})
    note = result["texts"]["internal_note"]["text"].split("\n")
    decisions = note[note.index("Decisions:") + 1 : next(i for i, line in enumerate(note) if line.startswith("Macros"))]
    assert len(decisions) == len(lines)
    assert all(line.startswith(start) for line, start in zip(decisions, lines, strict=True)), decisions
    # Checkers left at their defaults (the stuck ladder's first rung, US Federal, borderline) are not decisions.
    if "stuck.still_stuck" not in answers:
        assert "stuck" not in result["summary"] and "Coordinate" not in "\n".join(note)
    assert "skipped" not in "\n".join(decisions)


def test_the_summary_names_the_same_decisions_as_the_note():
    result = run({**STRICT, "paged.deployment": "self-managed"})
    assert result["summary"].startswith("entitlement: Entitled to emergency support (entitled). qualification: ")
    assert "stuck:" not in result["summary"]


def test_the_clocks_own_message_is_the_copy_ready_text_it_names():
    from checkers import evaluate

    clock = evaluate("follow-up", {"contacted_at": "2024-03-12T09:40+00:00", "now": "2024-03-12T10:00+00:00"})
    assert clock["outcome"] == "send-follow-up" and clock["say_text_id"] == "follow_up"
    filled = response_texts.texts({"bridge_url": BRIDGE})["texts"][clock["say_text_id"]]["text"]
    assert filled == clock["say"].replace(response_texts.BRIDGE_PLACEHOLDER, BRIDGE)
    closed = evaluate("follow-up", {"contacted_at": "2024-03-12T09:20+00:00", "now": "2024-03-12T10:00+00:00"})
    assert closed["say_text_id"] is None  # the closing message is the clock's own
