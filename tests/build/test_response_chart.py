"""The chart of the whole response is drawn from the flow definition, as plain HTML."""

from __future__ import annotations

import re

from checkers.flows.paged import FLOW
from site_build.render.response_chart import chart_html, condition_lines, render_flow_chart

from .chart_html import Box, Part, chart

KIND = {"checker": "checker", "text": "do", "checklist": "checklist"}


def test_every_step_is_drawn_in_order_with_its_conditions():
    figure, items = chart(chart_html(FLOW))
    assert items[0] == [Part("node", box=Box("terminal", "The page comes in", (), ""))]
    assert items[-1] == [Part("link"), Part("node", box=Box("terminal", "Resolved, or handed over", (), ""))]
    steps = items[1:-1]
    assert len(steps) == len(FLOW.steps)
    for index, (step, parts) in enumerate(zip(FLOW.steps, steps, strict=True)):
        step_box = Box("step", f"{index + 1}. {step.title}", (), f"({KIND[step.kind]}: {step.id})")
        if not step.applies:
            assert parts == [Part("link"), Part("node", box=step_box)], step.id
            continue
        link, condition, no, yes, drawn = parts
        assert link == Part("link") and yes == Part("link", "yes") and drawn == Part("node", box=step_box), step.id
        assert condition.box == Box(
            "decision",
            "Applies when all of:",
            tuple(line for when in step.applies for line in condition_lines(FLOW, when)),
            "",
        )
        after = f"step {index + 2}" if index + 1 < len(FLOW.steps) else "the end"
        assert no.role == "branch" and no.box == Box("note", f"Go on to {after}", (), ""), step.id


def test_the_no_arrow_says_whether_the_step_is_skipped_or_waits():
    _, items = chart(chart_html(FLOW))
    labels = {
        step.id: next(p.label for p in parts if p.role == "branch")
        for step, parts in zip(FLOW.steps, items[1:-1], strict=True)
        if step.applies
    }
    for step in FLOW.steps:
        if step.applies:
            waits = {when.waits for when in step.applies}
            expected = "no: waits" if waits == {True} else "no: skipped" if waits == {False} else "no: skipped or waits"
            assert labels[step.id] == expected, step.id
    assert labels["concurrent"] == "no: skipped" and labels["qualification"] == "no: skipped or waits"


def test_conditions_read_as_the_routing_says():
    _, items = chart(chart_html(FLOW))
    lines = [line for item in items for p in item if p.box and p.box.kind == "decision" for line in p.box.lines]
    # In the reader's words: the question asked and the answer's label, never the link's key.
    assert "Are you already handling another emergency? yes" in lines
    assert "saas-triage is not widespread-incident or known-incident" in lines
    assert (
        "either What is the page about? A compromised instance" in lines and "or entitlement: engage-manager" in lines
    )
    assert not [line for line in lines if re.search(r"\b[a-z-]+\.[a-z_]+\b", line)], "a link key in the chart"


def test_the_marker_renders_the_titled_chart():
    figure, _ = chart(render_flow_chart("paged"))
    assert figure.attrs["data-flowchart"] == "paged" and "flowchart--flow" in figure.classes
    assert figure.find_all("flowchart__title")[0].text() == f"The whole response: {FLOW.title}"
