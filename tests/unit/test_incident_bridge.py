"""The widespread-incident helper as a form through checkers.web.bridge (`{"op": "form", "name": "incident"}`), as
the page calls it (JSON in, JSON out), with bad input named on its field and never an exception."""

from __future__ import annotations

import json

import pytest

from checkers.texts.incident import CAUTION, bulk_response
from checkers.web.bridge import handle

ISSUE = "https://gitlab.com/gitlab-com/gl-infra/production/-/issues/12345"


def ask(answers) -> dict:
    return json.loads(handle(json.dumps({"op": "form", "name": "incident", "answers": answers})))


def test_the_reply_is_the_helpers_result():
    reply = ask({"incident_number": "12345", "production_issue_url": ISSUE})
    assert reply == {
        "ok": True,
        "result": bulk_response("12345", None, ISSUE),
        "asked": ["incident_number", "status_page_url", "production_issue_url"],
    }
    result = reply["result"]
    assert result["tag"] == "incident-12345"
    assert ISSUE in result["draft"] and result["ticket_status"] == "Solved"
    assert result["caution"] == CAUTION
    assert [s["query"] for s in result["searches"]] == [
        "priority:urgent order_by:created_at sort:desc",
        "priority:urgent order_by:created_at sort:desc status:new",
    ]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        pytest.param({}, "incident_number", id="nothing-yet"),
        pytest.param({"incident_number": "12a45"}, "incident_number", id="not-digits"),
        pytest.param(
            {"incident_number": "12345", "status_page_url": "status.gitlab.com"}, "status_page_url", id="no-scheme"
        ),
        pytest.param(
            {"incident_number": "12345", "production_issue_url": "javascript:alert(1)"},
            "production_issue_url",
            id="not-http",
        ),
        pytest.param({"incident_number": "12345", "incident": "12345"}, "incident", id="unknown-field"),
        pytest.param("12345", "answers", id="not-an-object"),
    ],
)
def test_bad_input_is_named_on_its_field(answers, field):
    reply = ask(answers)
    assert reply["ok"] is False
    assert reply["error"]["field"] == field
    assert reply["error"]["message"]
