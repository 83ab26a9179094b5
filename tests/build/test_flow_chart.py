"""The chart of the whole response is drawn from the flow definition (issue 11 §4)."""

from __future__ import annotations

from checkers.flows.paged import FLOW
from site_build.flow_chart import mermaid_source, render_flow_chart


def test_every_step_is_drawn_in_order_with_its_conditions():
    source = mermaid_source(FLOW)
    positions = [source.index(f"({'checker' if s.kind == 'checker' else 'checklist' if s.kind == 'checklist' else 'do'}: {s.id})")
                 for s in FLOW.steps]
    assert positions == sorted(positions)
    assert "paged.already_handling: yes" in source
    assert "saas-triage is not widespread-incident or known-incident" in source
    assert source.count("-->|yes|") == sum(1 for s in FLOW.steps if s.applies)


def test_the_marker_renders_a_mermaid_fence():
    html = render_flow_chart("paged")
    assert "```mermaid\nflowchart TD" in html and "accTitle: The whole response" in html
