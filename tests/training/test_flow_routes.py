"""Every route of the guided response has a whole-page drill (checkers/flows/routes.py says what a route
is): the routes are enumerated from the flow, each drill's own walk says which it takes, and a route
counts as drilled only where the drill asks the trainee about that step."""

from __future__ import annotations

import pytest

from checkers import flows
from checkers.flows import model, routes
from training import flow_library

FLOW = flows.get("paged")
DRILLS = flow_library.load_all()


def drilled() -> dict[tuple[str, str], list[str]]:
    """(step, branch) -> the drills that ask about that step on a walk taking that branch."""
    found: dict[tuple[str, str], list[str]] = {}
    for drill in DRILLS:
        taken = routes.path_routes(FLOW, model.walk(FLOW, drill.answers))
        for question in drill.questions:
            found.setdefault((question.field, taken[question.field]), []).append(drill.id)
    return found


ROUTES = [(step, branch) for step, branches in routes.routes(FLOW).items() for branch in branches]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]}:{r[1]}")
def test_every_route_of_the_flow_has_a_whole_page_drill(route):
    assert route in drilled(), f"no whole-page drill asks about {route[0]} on a walk where it is {route[1]!r}"


def test_the_enumeration_finds_the_routes_the_handbook_describes():
    found = routes.routes(FLOW)
    # The entitlement's outcomes the path tells apart, the qualification's, a public incident or not.
    assert "needs-org" in found["entitlement"] and "free-user or below-premium" in found["entitlement"]
    assert {"strict or exception", "needs-more-info", "not-an-emergency", "skipped", "waits"} == set(
        found["qualification"]
    )
    assert any("known-incident" in b for b in found["saas-triage"]) and any(
        "regression" in b for b in found["saas-triage"]
    )
    assert "acknowledge" not in found, "a step that always applies is no route"
    assert len(ROUTES) == sum(len(b) for b in found.values()) < 80, "finite, and small enough to drill"


def test_a_drill_whose_walk_no_longer_takes_its_route_leaves_it_undrilled(monkeypatch):
    # As if the flow changed under a drill: the walks now skip the licence step everywhere.
    real = routes.path_routes
    monkeypatch.setattr(routes, "path_routes", lambda flow, path: {**real(flow, path), "licence": "skipped"})
    assert ("licence", "decided") not in drilled()


def test_a_drill_key_the_flow_no_longer_gives_fails_naming_file_and_step(tmp_path):
    source = (flow_library.FLOW_DRILLS / "paged-us-federal-off-hours.toml").read_text(encoding="utf-8")
    path = tmp_path / "paged-us-federal-off-hours.toml"
    # The walk says off-hours; a drill offering only other keys has no right choice.
    path.write_text(source.replace('value = "off-hours"', 'value = "gone"'), encoding="utf-8")
    with pytest.raises(flow_library.ScenarioError) as error:
        flow_library.parse(path, path.read_text(encoding="utf-8"))
    assert "steps[0].choices" in str(error.value) and "off-hours" in str(error.value)


# The situations, beside the three first walks: each drill's keys, as the flow computes them.
SITUATIONS = {
    "paged-needs-org": {"entitlement": "needs-org", "qualification": "open"},
    "paged-below-premium": {"entitlement": "below-premium", "slack-thread": "skipped"},
    "paged-needs-more-info": {"qualification": "needs-more-info", "call": "skipped"},
    "paged-borderline-weekend": {"qualification": "not-an-emergency", "borderline": "handle-as-high"},
    "paged-concurrent-apac-trial": {"concurrent": "escalate-page"},
    "paged-licence-trial": {"licence": "trial-licence"},
    "paged-compromised-instance": {"special-handling": "compromised-instance"},
    "paged-single-user-same-day": {"entitlement": "engage-manager", "special-handling": "engage-manager-before-call"},
    "paged-us-federal-off-hours": {"us-federal": "off-hours"},
    "paged-saas-regression": {"saas-triage": "regression", "follow-up": "send-follow-up"},
}


@pytest.mark.parametrize("drill_id", sorted(SITUATIONS))
def test_each_situation_of_the_guided_response_is_walked(drill_id):
    drill = next(d for d in DRILLS if d.id == drill_id)
    keys = {q.field: k["key"] for q, k in zip(drill.questions, drill.keys(), strict=True)}
    assert {step: keys[step] for step in SITUATIONS[drill_id]} == SITUATIONS[drill_id]
