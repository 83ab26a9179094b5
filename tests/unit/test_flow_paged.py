"""The guided response as one flow: every route of the seed, the texts that follow the
path, and the CLI contract `python -m checkers flow paged --json ANSWERS`."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

from checkers import flows
from checkers.cli import main
from checkers.engine.model import InvalidAnswer
from checkers.web import bridge, urlstate

ENTITLED = {"entitlement.org_associated": True, "entitlement.plan": "premium"}
TUESDAY = datetime.fromisoformat("2024-03-12T10:00+00:00")


def walk(**answers):
    return flows.run("paged", {k.replace("__", ".").replace("_dash_", "-"): v for k, v in answers.items()}, now=TUESDAY)


def run(answers):
    return flows.run("paged", answers, now=TUESDAY)


def steps(result):
    return {s["id"]: s for s in result["steps"]}


# (id, answers, {step: status}, {step: outcome})
ROUTES = [
    (
        "free-user-ends-the-path",
        {"entitlement.org_associated": False, "entitlement.plan": "free"},
        {
            "qualification": "skipped",
            "call": "skipped",
            "follow-up": "skipped",
            "borderline": "skipped",
            "reply": "skipped",
            "slack-thread": "skipped",
            "resolved": "skipped",
            "not-entitled": "open",
        },
        {"entitlement": "free-user"},
    ),
    (
        "below-premium-ends-the-path",
        {"entitlement.org_associated": True, "entitlement.plan": "bronze"},
        {"qualification": "skipped", "call": "skipped", "follow-up": "skipped", "not-entitled": "open"},
        {"entitlement": "below-premium"},
    ),
    (
        "needs-org-waits",
        {"entitlement.org_associated": False, "entitlement.plan": "unknown"},
        {
            "entitlement": "open",
            "qualification": "open",
            "follow-up": "open",
            "reply": "open",
            "not-entitled": "skipped",
        },
        {"entitlement": "needs-org"},
    ),
    (
        "verify-subscription-is-next",
        {
            "entitlement.org_associated": True,
            "entitlement.plan": "unknown",
            "paged.done": ["acknowledge", "open-ticket"],
        },
        {"entitlement": "next", "qualification": "open"},
        {"entitlement": "verify-subscription"},
    ),
    (
        "engage-manager-brings-special-handling",
        {**ENTITLED, "entitlement.single_user_same_day_purchase": True},
        {"special-handling": "done"},
        {"entitlement": "engage-manager", "special-handling": "engage-manager-before-call"},
    ),
    (
        "compromised-instance-brings-special-handling",
        {**ENTITLED, "paged.topic": "compromised-instance"},
        {"special-handling": "done"},
        {"special-handling": "compromised-instance"},
    ),
    ("general-topic-skips-special-handling", ENTITLED, {"special-handling": "skipped", "licence": "skipped"}, {}),
    (
        "strict-skips-borderline",
        {**ENTITLED, "qualification.production_unusable": "yes"},
        {"qualification": "done", "borderline": "skipped", "call": "open", "follow-up": "open"},
        {"qualification": "strict"},
    ),
    (
        "exception-skips-borderline",
        {**ENTITLED, "qualification.production_unusable": "no", "qualification.criteria": ["audit"]},
        {"borderline": "skipped", "call": "open"},
        {"qualification": "exception"},
    ),
    (
        "not-an-emergency-applies-borderline",
        {**ENTITLED, "qualification.production_unusable": "no", "qualification.exception_criteria": "no"},
        {"borderline": "done", "follow-up": "skipped", "call": "skipped", "resolved": "skipped"},
        {"qualification": "not-an-emergency", "borderline": "contact-manager"},
    ),
    (
        "needs-more-info-stays-open",
        {**ENTITLED, "qualification.production_unusable": "unknown", "qualification.exception_criteria": "unknown"},
        {"qualification": "open", "call": "skipped", "follow-up": "skipped", "borderline": "skipped", "reply": "open"},
        {"qualification": "needs-more-info"},
    ),
    (
        "already-handling-brings-concurrent",
        {**ENTITLED, "paged.already_handling": True, "concurrent.region": "EMEA"},
        {"concurrent": "done"},
        {"concurrent": "contact-manager"},
    ),
    ("not-handling-skips-concurrent", ENTITLED, {"concurrent": "skipped"}, {}),
    (
        "licence-topic-brings-licence",
        {**ENTITLED, "paged.topic": "licence", "paged.deployment": "saas", "licence.expires_on": "2024-03-01"},
        {"licence": "done"},
        {"licence": "saas-plan"},
    ),
    ("saas-brings-triage", {**ENTITLED, "paged.deployment": "saas"}, {"saas-triage": "open"}, {}),
    ("self-managed-skips-triage", {**ENTITLED, "paged.deployment": "self-managed"}, {"saas-triage": "skipped"}, {}),
    ("deployment-unknown-triage-waits", ENTITLED, {"saas-triage": "open"}, {}),
    (
        "saas-public-incident-no-call",
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "saas",
            "saas-triage.category": "regression",
            "saas-triage.known_incident": True,
        },
        {"call": "skipped", "post-call": "skipped", "follow-up": "skipped"},
        {"saas-triage": "known-incident"},
    ),
    (
        "saas-widespread-incident-no-call",
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "saas",
            "saas-triage.category": "widespread-incident",
        },
        {"call": "skipped"},
        {"saas-triage": "widespread-incident"},
    ),
    (
        "saas-regression-without-incident-offers-call",
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "saas",
            "saas-triage.category": "regression",
        },
        {"call": "open"},
        {"saas-triage": "regression"},
    ),
    # Whether there is a call (and so a bridge to follow up about) waits, like the call, on the SaaS triage.
    (
        "follow-up-clock-waits-for-the-deployment",
        {**ENTITLED, "qualification.production_unusable": "yes", "follow-up.contacted_at": "2024-03-12T09:55+00:00"},
        {"call": "open", "follow-up": "open"},
        {"follow-up": None},
    ),
    (
        "saas-without-incident-keeps-the-clock",
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "saas",
            "saas-triage.category": "regression",
            "saas-triage.known_incident": False,
            "follow-up.contacted_at": "2024-03-12T09:55+00:00",
        },
        {"call": "open", "follow-up": "open"},
        {"follow-up": "wait"},
    ),
    ("us-federal-when-said", {**ENTITLED, "paged.us_federal": True}, {"us-federal": "done"}, {}),
    (
        "follow-up-clock-waits",
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "self-managed",
            "follow-up.contacted_at": "2024-03-12T09:55+00:00",
        },
        {"follow-up": "open"},
        {"follow-up": "wait"},
    ),
    (
        "follow-up-due-is-next",
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "self-managed",
            "follow-up.contacted_at": "2024-03-12T09:40+00:00",
            "paged.done": ["acknowledge", "open-ticket", "reply", "call", "resolve-pagerduty", "slack-thread"],
        },
        {"follow-up": "next"},
        {"follow-up": "send-follow-up"},
    ),
]


@pytest.mark.parametrize(("answers", "statuses", "outcomes"), [r[1:] for r in ROUTES], ids=[r[0] for r in ROUTES])
def test_routes(answers, statuses, outcomes):
    result = run(answers)
    found = steps(result)
    assert {k: found[k]["status"] for k in statuses} == statuses
    assert {k: found[k]["outcome"] for k in outcomes} == outcomes
    assert sum(s["status"] == "next" for s in result["steps"]) <= 1
    for step in result["steps"]:
        if step["status"] == "skipped":
            assert step["because"].strip()


def test_a_skipped_step_says_why_in_the_handbooks_terms():
    found = steps(run({"entitlement.org_associated": False, "entitlement.plan": "free"}))
    assert "not entitled to emergency support (entitlement: free-user)" in found["qualification"]["because"]
    found = steps(
        run(
            {
                **ENTITLED,
                "qualification.production_unusable": "yes",
                "paged.deployment": "saas",
                "saas-triage.category": "regression",
                "saas-triage.known_incident": True,
            }
        )
    )
    assert "public incident published on the status page would not warrant a call" in found["call"]["because"]
    # No call, no bridge: the 15-minute follow-up (whose points are the bridge) is skipped too, and its text is
    # not offered.
    assert found["follow-up"]["status"] == "skipped" and "no bridge" in found["follow-up"]["because"]
    needs_org = steps(run({"entitlement.org_associated": False, "entitlement.plan": "unknown"}))
    assert needs_org["qualification"]["because"].startswith("Waits until the requester is connected")


@pytest.mark.parametrize(
    ("answers", "has", "lacks"),
    [
        pytest.param(
            {"entitlement.org_associated": False, "entitlement.plan": "free"},
            "marking this emergency request as solved",
            "changed the priority",
            id="free-user",
        ),
        pytest.param(
            {"entitlement.org_associated": True, "entitlement.plan": "bronze"},
            "changed the priority of this ticket accordingly",
            "solved",
            id="below-premium",
        ),
        pytest.param(
            {"entitlement.org_associated": False, "entitlement.plan": "unknown"},
            "connected you to an account that is currently entitled to priority support",
            "courtesy",
            id="needs-org",
        ),
        pytest.param(
            {**ENTITLED, "qualification.production_unusable": "no", "qualification.exception_criteria": "yes"},
            "we are treating it as an emergency as a courtesy",
            "Could you please send",
            id="exception",
        ),
        pytest.param(
            {**ENTITLED, "qualification.production_unusable": "unknown", "qualification.exception_criteria": "unknown"},
            "effect it is having on your ability to work",
            "courtesy",
            id="needs-more-info",
        ),
        pytest.param(
            {**ENTITLED, "qualification.production_unusable": "yes"}, "reviewing it now", "courtesy", id="strict"
        ),
    ],
)
def test_the_public_comment_follows_the_path(answers, has, lacks):
    text = run(answers)["texts"]["public_comment"]["text"]
    assert has in text and lacks not in text


def test_the_asynchronous_request_carries_both_points_and_the_missing_info():
    text = run(
        {
            **ENTITLED,
            "qualification.production_unusable": "unknown",
            "qualification.exception_criteria": "unknown",
            "response-texts.missing_info": "the exact error",
        }
    )["texts"]["public_comment"]["text"]
    assert "understand more about the effect it is having on your ability to work" in text
    assert text.endswith("the exact error")


def test_the_texts_follow_the_path():
    free = run({"entitlement.org_associated": False, "entitlement.plan": "free"})["texts"]
    assert set(free) == {"public_comment", "internal_note"}
    full = run(
        {
            **ENTITLED,
            "qualification.production_unusable": "yes",
            "paged.deployment": "self-managed",
            "response-texts.ticket_url": "https://gitlab.zendesk.com/agent/tickets/1",
            "follow-up.contacted_at": "2024-03-12T09:55+00:00",
        }
    )["texts"]
    assert {"public_comment", "slack_thread", "follow_up", "next_engineer", "internal_note"} <= set(full)
    assert full["slack_thread"]["text"] == "Thread for emergency ticket https://gitlab.zendesk.com/agent/tickets/1"
    note = full["internal_note"]["text"]
    assert "Emergency ticket: https://gitlab.zendesk.com/agent/tickets/1" in note
    assert "- entitlement: Entitled to emergency support (entitled)" in note
    assert "- qualification: An emergency under the strict definition (strict)" in note
    assert "Macros applied: General::Emergency::Strict Definition" in note
    assert "First contact: 2024-03-12T09:55+00:00" in note and "Follow-up due: 2024-03-12T10:10+00:00" in note


def test_next_moves_as_steps_are_marked_done():
    assert run({})["next"] == "acknowledge"
    assert run({"paged.done": ["acknowledge"]})["next"] == "open-ticket"
    assert run({"paged.done": ["acknowledge", "open-ticket"]})["next"] == "entitlement"
    assert run({**ENTITLED, "paged.done": ["acknowledge", "open-ticket"]})["next"] == "qualification"


def test_presets_come_from_the_path():
    # stuck and licence take the deployment of the page; borderline the "already handling" answer.
    found = steps(
        run(
            {
                **ENTITLED,
                "paged.deployment": "saas",
                "paged.already_handling": True,
                "concurrent.region": "AMER",
                "qualification.production_unusable": "no",
                "qualification.exception_criteria": "no",
            }
        )
    )
    assert found["stuck"]["status"] == "done"
    assert found["borderline"]["outcome"] == "contact-manager"


def test_the_output_has_the_contracts_shape():
    result = run(ENTITLED)
    assert set(result) == {"flow", "steps", "next", "texts", "summary"}
    assert result["flow"] == "paged" and "public_comment" in result["texts"]
    for step in result["steps"]:
        assert set(step) == {"id", "title", "status", "status_text", "checker", "outcome", "because", "cite", "asks"}
        assert step["status"] in ("done", "next", "open", "skipped")
        assert step["cite"] and all("/#" in c for c in step["cite"])
        if step["checker"]:
            assert step["id"] == step["checker"]
    assert "entitlement: Entitled to emergency support (entitled)." in result["summary"]


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        pytest.param(
            {"qualification.production_unusable": "maybe"}, "qualification.production_unusable", id="checker-value"
        ),
        pytest.param({"paged.deployment": "mars"}, "paged.deployment", id="flow-value"),
        pytest.param({"paged.already_handling": "yes"}, "paged.already_handling", id="flow-boolean"),
        pytest.param({"paged.done": ["fly"]}, "paged.done", id="flow-done"),
        pytest.param({"entitlement.org_associated": "sure"}, "entitlement.org_associated", id="entitlement"),
        pytest.param(
            {
                **ENTITLED,
                "qualification.production_unusable": "no",
                "qualification.exception_criteria": "no",
                "qualification.criteria": ["legal"],
            },
            "qualification.criteria",
            id="criteria-contradiction",
        ),
        pytest.param({"response-texts.ticket_url": "nope"}, "response-texts.ticket_url", id="ticket-link"),
    ],
)
def test_an_invalid_value_exits_2_naming_its_key(answers, key, capsys):
    with pytest.raises(InvalidAnswer) as error:
        run(answers)
    assert error.value.field == key
    assert main(["flow", "paged", "--json", json.dumps(answers)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"error: {key}: ")


def test_unknown_keys_are_ignored_as_in_the_link(capsys):
    answers = {**ENTITLED, "nope.x": 1, "entitlement.colour": "blue", "plain": True, "paged.zzz": 3}
    assert main(["flow", "paged", "--json", json.dumps(answers)]) == 0
    assert steps(json.loads(capsys.readouterr().out))["entitlement"]["outcome"] == "entitled"


def test_the_cli_reads_standard_input(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(ENTITLED)))
    assert main(["flow", "paged", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["flow"] == "paged"


def test_an_unknown_flow_exits_2(capsys):
    assert main(["flow", "nope", "--json", "{}"]) == 2
    assert capsys.readouterr().err.startswith("error: flow: ")


def test_the_bridge_op_gives_the_same_json_from_answers_or_from_the_link():
    answers = {**ENTITLED, "qualification.production_unusable": "yes", "paged.deployment": "saas"}
    query = (
        "?entitlement.org_associated=true&entitlement.plan=premium&paged.deployment=saas"
        "&qualification.production_unusable=yes"
    )
    by_answers = json.loads(bridge.handle(json.dumps({"op": "flow", "name": "paged", "answers": answers})))
    by_link = json.loads(bridge.handle(json.dumps({"op": "flow", "name": "paged", "query": query})))
    assert by_answers["ok"] and by_link["ok"]
    strip = lambda r: [(s["id"], s["status"], s["outcome"]) for s in r["result"]["steps"]]  # noqa: E731
    assert strip(by_answers) == strip(by_link)
    refused = json.loads(bridge.handle(json.dumps({"op": "flow", "answers": {"paged.topic": "weather"}})))
    assert refused["error"]["field"] == "paged.topic" and refused["error"]["code"] == "invalid"


def test_the_link_keeps_the_flows_answers():
    query = urlstate.write(
        "", "paged", {"deployment": "saas", "already_handling": True, "done": ["acknowledge"], "topic": "general"}
    )
    assert query == "?paged.already_handling=true&paged.deployment=saas&paged.done=acknowledge"
    assert urlstate.flow_answers(query) == {
        "paged.already_handling": True,
        "paged.deployment": "saas",
        "paged.done": ["acknowledge"],
    }


def test_a_free_users_public_comment_fits_marking_the_ticket_solved():
    # The handbook: "If you learn that they are a free user, mark the ticket solved." No priority is
    # lowered on that path, so its comment does not say so; it says only what the handbook does.
    result = run({"entitlement.org_associated": False, "entitlement.plan": "free"})
    comment = result["texts"]["public_comment"]
    assert "does not include emergency support" in comment["text"]
    assert "solved" in comment["text"] and "priority" not in comment["text"]
    assert "solved" in comment["label"]
    assert steps(result)["not-entitled"]["status"] == "open"


def test_each_step_carries_the_words_shown_beside_it():
    found = steps(run({**ENTITLED, "paged.topic": "general"}))
    assert found["entitlement"]["status_text"] == f"Done: {found['entitlement']['outcome']}"
    assert found["licence"]["status_text"] == "Skipped"
    assert {s["status_text"] for s in run({})["steps"]} <= {"Next", "Open", "Skipped"}


def test_a_first_visits_walk_looks_up_only_the_checkers_the_link_names(monkeypatch):
    """The browser's first request on the guided page is this walk, ahead of every form's. Looking up
    (importing) every step's checker there loaded US Federal's time zone (the tzdata wheel, in
    Pyodide) before the page's first answer; tests/browser/test_fast_startup.py checks
    the wheel is not fetched."""
    from checkers.engine import registry

    looked_up = []
    real_get = registry.get
    monkeypatch.setattr(registry, "get", lambda name: looked_up.append(name) or real_get(name))

    def walk(query: str) -> dict:
        return json.loads(bridge.handle(json.dumps({"op": "flow", "name": "paged", "query": query})))

    assert walk("")["ok"]
    assert "us-federal" not in looked_up
    # A link that answers the US Federal step does look its checker up.
    assert walk("?paged.us_federal=true&us-federal.at=2026-03-10T10:00")["ok"]
    assert "us-federal" in looked_up


# ---- the guided page's forms: the path's presets, and the link that keeps what they make matter ----


@pytest.mark.parametrize(
    ("answers", "checker", "presets"),
    [
        ({"paged.already_handling": True}, "concurrent", {"handling_other_emergency": True}),
        (
            {
                "paged.topic": "licence",
                "paged.deployment": "saas",
                "entitlement.org_associated": True,
                "entitlement.plan": "premium",
            },
            "licence",
            {"deployment": "saas"},
        ),
        (
            {
                "paged.topic": "licence",
                "paged.deployment": "saas",
                "entitlement.org_associated": True,
                "entitlement.plan": "premium",
                "licence.deployment": "self-managed",
            },
            "licence",
            {},
        ),  # the engineer's answer wins
        (
            {"paged.topic": "compromised-instance", "entitlement.org_associated": True, "entitlement.plan": "premium"},
            "special-handling",
            {"case": "compromised-instance"},
        ),
        ({}, "concurrent", {}),  # the step is skipped: the path gives its form nothing
    ],
    ids=["concurrent", "licence-deployment", "licence-engineer-wins", "special-handling", "skipped"],
)
def test_the_path_gives_each_checker_steps_form_its_presets(answers, checker, presets):
    from checkers import flows

    result, given = flows.run_for_page("paged", answers)
    assert given[checker] == presets
    assert result == flows.run("paged", answers)  # the flow's own result keeps its shape


def test_the_bridge_sends_the_presets_beside_the_flows_result():
    import json

    from checkers.web import bridge

    reply = json.loads(
        bridge.handle(json.dumps({"op": "flow", "name": "paged", "query": "?paged.already_handling=true"}))
    )
    assert reply["ok"] and set(reply["result"]) == {"flow", "steps", "next", "texts", "summary"}
    assert reply["presets"]["concurrent"] == {"handling_other_emergency": True}


def test_the_link_keeps_an_answer_that_the_paths_preset_makes_matter():
    from checkers.web import urlstate

    # "Already handling another emergency" is the path's answer to the concurrent form: the region
    # it asks for is kept, on the form's own write and on every other form's write after it.
    query = urlstate.write("?paged.already_handling=true", "concurrent", {"region": "AMER"})
    assert "concurrent.region=AMER" in query
    assert "concurrent.region=AMER" in urlstate.write(
        query, "response-texts", {"ticket_url": "https://gitlab.zendesk.com/agent/tickets/1"}
    )
    # Without the path (not handling another emergency), the region cannot matter: dropped.
    assert "concurrent.region" not in urlstate.write("?paged.already_handling=false", "concurrent", {"region": "AMER"})
    assert "concurrent.region" not in urlstate.write("", "concurrent", {"region": "AMER"})
