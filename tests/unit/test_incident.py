import pytest

from checkers import names
from checkers.engine.model import InvalidAnswer
from checkers.texts.incident import bulk_response

ISSUE = "https://gitlab.com/gitlab-com/gl-infra/production/-/issues/12345"
STATUS = "https://status.gitlab.com/pages/incident/5b36dc6502d06804c08349f7/64b0f3c0a1b2"


def test_tag_from_the_incident_number():
    assert bulk_response("12345")["tag"] == "incident-12345"
    assert bulk_response(" 987 ")["tag"] == "incident-987"


def test_the_two_searches_verbatim_with_their_links():
    searches = bulk_response("12345")["searches"]
    assert [s["query"] for s in searches] == [
        "priority:urgent order_by:created_at sort:desc",
        "priority:urgent order_by:created_at sort:desc status:new",
    ]
    assert [s["url"] for s in searches] == [
        "https://gitlab.zendesk.com/agent/search/1?type=ticket&q=priority%3Aurgent%20order_by%3Acreated_at%20sort%3Adesc",
        "https://gitlab.zendesk.com/agent/search/1?type=ticket&q=priority%3Aurgent%20order_by%3Acreated_at%20sort%3Adesc%20status%3Anew",
    ]


@pytest.mark.parametrize(
    ("status_page_url", "production_issue_url", "ticket_status", "links", "has_follow_up"),
    [
        pytest.param(STATUS, ISSUE, "Solved", [STATUS, ISSUE], False, id="everything-known"),
        pytest.param(
            None, ISSUE, "Solved", ["https://status.gitlab.com", ISSUE], False, id="issue-but-no-status-entry"
        ),
        pytest.param(STATUS, None, "Open", [STATUS], True, id="no-production-issue-yet"),
        pytest.param(None, None, "Open", ["https://status.gitlab.com"], True, id="nothing-yet"),
        pytest.param("", "", "Open", ["https://status.gitlab.com"], True, id="empty-fields-mean-unknown"),
    ],
)
def test_draft_links_what_is_known(status_page_url, production_issue_url, ticket_status, links, has_follow_up):
    result = bulk_response("12345", status_page_url, production_issue_url)
    assert result["ticket_status"] == ticket_status
    assert all(link in result["draft"] for link in links)
    assert "@gitlabstatus on Twitter" in result["draft"]
    assert "actively working to address the problem" in result["draft"]
    assert (result["follow_up"] is not None) is has_follow_up


def test_with_a_production_issue_the_draft_solves_the_ticket_and_invites_a_reply():
    draft = bulk_response("12345", STATUS, ISSUE)["draft"]
    assert "follow along at the production issue" in draft
    assert "marking this ticket as Solved" in draft
    assert "closed / the incident has been declared resolved" in draft


def test_without_a_production_issue_the_draft_promises_a_link_and_the_ticket_stays_open():
    result = bulk_response("12345")
    assert "follow up with a link to a tracking issue as soon as one is created" in result["draft"]
    assert "Solved" not in result["draft"]
    assert result["ticket_status"] == "Open"
    assert "marking the ticket as Solved" in result["follow_up"]


def test_caution_and_steps_name_the_tag_and_the_multiple_emergencies_process():
    result = bulk_response("12345")
    assert "Verify that each ticket is related to the incident" in result["caution"]
    assert "handling multiple simultaneous emergencies" in result["caution"]
    assert "multiple-emergencies/#handling-multiple-simultaneous-emergencies" in result["cite"]
    assert any("typing incident-12345 into the tag field of at least one ticket" in s for s in result["steps"])
    assert result["caution"] in result["steps"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        pytest.param(("12a",), "incident_number", id="letters"),
        pytest.param(("#12345",), "incident_number", id="hash"),
        pytest.param(("incident-12345",), "incident_number", id="already-a-tag"),
        pytest.param(("١٢٣",), "incident_number", id="non-ascii-digits"),
        pytest.param(("",), "incident_number", id="empty"),
        pytest.param((12345,), "incident_number", id="not-text"),
        pytest.param(("12345", "status.gitlab.com"), "status_page_url", id="status-without-scheme"),
        pytest.param(("12345", "javascript:alert(1)"), "status_page_url", id="status-javascript"),
        pytest.param(("12345", None, "ftp://example.com/issue"), "production_issue_url", id="issue-ftp"),
        pytest.param(("12345", None, "https://gitlab.com/a b"), "production_issue_url", id="issue-with-space"),
    ],
)
def test_bad_input_names_the_field(args, field):
    with pytest.raises(InvalidAnswer) as error:
        bulk_response(*args)
    assert error.value.field == field


def test_the_registry_does_not_take_it_for_a_checker():
    assert "incident" not in names()
