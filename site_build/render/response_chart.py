"""The chart of a whole response, drawn from its flow definition (checkers/flows) at build time, so
the picture cannot disagree with the routing the page and the CLI follow.

Marker: `<!-- flowchart: paged -->` (site_build/markers.py sends a flow's name here). Each step is a
box in order; a step that applies only under conditions gets a condition box before it naming them,
with "no" leading past it (the step is skipped, or waits, as the flow says). The same HTML pieces as
a checker's chart (rule_chart.py), and the same CSS.
"""

from __future__ import annotations

from html import escape

from checkers import flows
from checkers.engine import registry
from checkers.flows.model import Flow, Step, When
from site_build.render.rule_chart import box, branch, figure, item, link, node


def _question(flow: Flow, space: str, field: str):
    """The question behind an answer's key (`paged.topic`), so the chart says what a reader was
    asked, never the link's key."""
    questions = flow.questions if space == flow.name else registry.get(space).questions
    return next(q for q in questions if q.id == field)


def _answer_text(question, value) -> str:
    if value is None:
        return "not known yet"
    if value is True or value is False:
        return "yes" if value else "no"
    return next((o.label for o in question.options if o.value == value), str(value))


def _values(flow: Flow, key: str, allowed: tuple) -> str:
    space, _, field = key.partition(".")
    if field == "outcome":
        codes = [o.code for o in registry.get(space).outcomes] if space in registry.names() else []
        given = [a for a in allowed if a is not None]
        missing = [c for c in codes if c not in given]
        if codes and len(missing) < len(given):
            return f"{space} is not " + " or ".join(missing)
        return f"{space}: " + " or ".join(str(a) for a in given) + (" (or not run)" if None in allowed else "")
    question = _question(flow, space, field)
    return f"{question.label} " + " or ".join(_answer_text(question, a) for a in allowed)


def condition_lines(flow: Flow, when: When) -> list[str]:
    lines = [_values(flow, key, allowed) for key, allowed in when.any_of]
    return [("either " if i == 0 and len(lines) > 1 else "or " if i else "") + line for i, line in enumerate(lines)]


def _when_not(step: Step) -> str:
    """What happens when a step's conditions do not all hold: each `When` either skips the step or
    keeps it waiting (`When.waits`), and the label says which of the two this step can do."""
    waits = {when.waits for when in step.applies}
    return "no: " + {frozenset({False}): "skipped", frozenset({True}): "waits"}.get(
        frozenset(waits), "skipped or waits"
    )


def chart_html(flow: Flow) -> str:
    """The steps in order, each as a box "N. title" with "(kind: id)"; a step that applies only
    under conditions has a condition box before it, "yes" into the step, and a branch saying what
    "no" does (the reader goes on to the next step)."""
    items = [item(node(box("terminal", "The page comes in")), end="start")]
    for index, step in enumerate(flow.steps):
        kind = {"checker": "checker", "text": "do", "checklist": "checklist"}[step.kind]
        step_box = node(box("step", f"{index + 1}. {step.title}", code=f"({kind}: {step.id})"))
        parts = [link()]
        if step.applies:
            conditions = tuple(line for when in step.applies for line in condition_lines(flow, when))
            after = f"step {index + 2}" if index + 1 < len(flow.steps) else "the end"
            parts += [
                node(box("decision", "Applies when all of:", conditions, bullets=True)),
                branch(_when_not(step), box("note", f"Go on to {after}")),
                link("yes"),
            ]
        items.append(item(*parts, step_box, attrs=f' data-step="{escape(step.id)}"'))
    items.append(item(link(), node(box("terminal", "Resolved, or handed over")), end="end"))
    return figure(
        f"The whole response: {flow.title}",
        "The whole response as a chart, drawn from the same flow definition that routes this page and "
        "the command line when this site was built.",
        items,
        "flow",
        flow.name,
    )


def render_flow_chart(arg: str) -> str:
    # Folded until asked for: at the end of the guided page, its 340 elements otherwise cost every
    # phone a share of the theme's start-up (about 0.1 s of blocking time at 4x); a closed
    # <details> is neither styled nor laid out.
    flow = flows.get(arg or "paged")
    return (
        f'<details class="flowchart__fold"><summary>Show the whole response as a chart '
        f"({len(flow.steps)} steps)</summary>{chart_html(flow)}</details>"
    )
