"""The copy-ready texts of the guided response: filled in from the engineer's answers, every bad
answer named at once, the handbook's wording kept where it has one."""

from __future__ import annotations

import json

import pytest

from checkers.engine import handbook
from checkers.rules.follow_up import FOLLOW_UP_MESSAGE
from checkers.texts import checklists
from checkers.texts.response_texts import QUESTIONS, texts
from checkers.web import bridge

TICKET = "https://gitlab.zendesk.com/agent/tickets/148028"


def test_the_slack_thread_starter_is_the_handbooks_with_the_link():
    result = texts({"ticket_url": TICKET})
    assert result["texts"]["slack_thread"]["text"] == f"Thread for emergency ticket {TICKET}"
    assert result["texts"]["slack_thread"]["placeholders"] == []
    assert result["ticket_url"] == TICKET


def test_without_a_link_the_texts_say_what_is_missing():
    result = texts({})
    assert result["errors"] == {}
    assert result["ticket_url"] is None
    assert result["texts"]["slack_thread"]["text"] == "Thread for emergency ticket [ticket link]"
    assert "[ticket link]" in result["texts"]["slack_thread"]["placeholders"]


def test_the_public_comment_acknowledges_and_asks_for_the_missing_information():
    text = texts({"missing_info": "the output of gitlab-rake gitlab:check"})["texts"]["public_comment"]["text"]
    assert "received your emergency request" in text
    assert "effect it is having on your ability to work, or meet your business objectives" in text
    assert text.endswith("the output of gitlab-rake gitlab:check")
    assert "[the specific information you need]" in texts({})["texts"]["public_comment"]["text"]


def test_the_follow_up_message_carries_the_four_points_and_the_bridge():
    text = texts({"bridge_url": "https://gitlab.zoom.us/j/123"})["texts"]["follow_up"]["text"]
    assert text == FOLLOW_UP_MESSAGE.replace("[bridge link]", "https://gitlab.zoom.us/j/123")
    assert text.count("\n- ") == 4
    assert "HIGH priority" in text and "open a new emergency request" in text


@pytest.mark.parametrize(("given", "tag"), [("francesca", "@francesca"), ("@fr.an-c_1", "@fr.an-c_1")])
def test_the_next_engineer_is_tagged_in_the_thread(given, tag):
    text = texts({"next_engineer": given, "ticket_url": TICKET})["texts"]["next_engineer"]["text"]
    assert text.startswith(f"{tag} ")
    assert TICKET in text and "[the background of the situation" in text


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"ticket_url": "javascript:alert(1)"}, "ticket_url"),
        ({"ticket_url": "gitlab.zendesk.com/agent/tickets/1"}, "ticket_url"),
        ({"ticket_url": "https://exa mple.com/"}, "ticket_url"),
        ({"ticket_url": 12}, "ticket_url"),
        ({"bridge_url": "zoom.us/j/1"}, "bridge_url"),
        ({"next_engineer": "<b>boss</b>"}, "next_engineer"),
        ({"next_engineer": "two words"}, "next_engineer"),
        ({"missing_info": ["a"]}, "missing_info"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_a_bad_answer_is_named_and_the_texts_still_come(answers, field):
    result = texts(answers)
    assert field in result["errors"]
    assert set(result["texts"]) == {"public_comment", "slack_thread", "follow_up", "next_engineer"}
    # The bad value is never used in a text.
    bad = next(iter(answers.values()))
    for entry in result["texts"].values():
        assert not (isinstance(bad, str) and bad in entry["text"])


def test_every_bad_answer_is_reported_at_once():
    result = texts({"ticket_url": "nope", "bridge_url": "nope", "next_engineer": "a b"})
    assert set(result["errors"]) == {"ticket_url", "bridge_url", "next_engineer"}


def test_not_an_object_is_an_error_not_an_exception():
    assert "answers" in texts(["ticket_url"])["errors"]


def test_every_text_cites_a_section_of_the_handbook():
    cited = {entry["cite"] for entry in texts({})["texts"].values()}
    assert cited <= {handbook.href(anchor) for anchor in handbook.SECTIONS}


def test_the_bridge_serves_the_texts():
    reply = json.loads(
        bridge.handle(json.dumps({"op": "form", "name": "response-texts", "answers": {"ticket_url": TICKET}}))
    )
    assert reply["ok"] and reply["result"]["ticket_url"] == TICKET


def test_questions_are_all_optional_so_texts_come_from_the_first_keystroke():
    assert all(not q.required for q in QUESTIONS)


def test_checklist_ids_are_unique_and_cite_known_sections():
    ids = [c.id for c in checklists.CHECKLISTS]
    assert len(ids) == len(set(ids))
    for entry in checklists.CHECKLISTS:
        handbook.section(entry.anchor)
        item_ids = [item.id for item in entry.items]
        assert len(item_ids) == len(set(item_ids)), entry.id
    with pytest.raises(KeyError):
        checklists.checklist("nope")


def test_the_follow_up_text_follows_the_follow_up_delays():
    from datetime import timedelta

    from tests.unit.rebuild import rebuilt, stating

    follow_up = rebuilt("follow_up", FOLLOW_UP_AFTER=timedelta(minutes=20), BRIDGE_OPEN_FOR=timedelta(minutes=25))
    entry = rebuilt("response_texts", imports={"follow_up": follow_up}).texts({})["texts"]["follow_up"]
    assert entry["label"] == "Follow-up message after 20 minutes without a response"
    assert "After another 25 minutes without a response" in entry["text"]
    assert stating([entry["label"], entry["text"]], "15", "30") == []
