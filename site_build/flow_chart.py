"""The chart of a whole response, drawn from its flow definition (checkers/flows) at build time, so
the picture cannot disagree with the routing the page and the CLI follow.

Marker: `<!-- flowchart: paged -->` (site_build/markers.py sends a flow's name here). Each step is a
node in order; a step that applies only under conditions gets a diamond before it naming them, with
"no" leading past it (the step is skipped, or waits, as the flow says).
"""

from __future__ import annotations

from checkers import flows, registry
from checkers.flows.model import Flow, When

from .flowchart import _label


def _values(key: str, allowed: tuple) -> str:
    space, _, field = key.partition(".")
    if field == "outcome":
        codes = [o.code for o in registry.get(space).outcomes] if space in registry.names() else []
        given = [a for a in allowed if a is not None]
        missing = [c for c in codes if c not in given]
        if codes and len(missing) < len(given):
            return f"{space} is not " + " or ".join(missing)
        return f"{space}: " + " or ".join(str(a) for a in given) + (" (or not run)" if None in allowed else "")
    shown = ["not known yet" if a is None else ("yes" if a is True else "no" if a is False else str(a)) for a in allowed]
    return f"{key}: " + " or ".join(shown)


def condition_lines(when: When) -> list[str]:
    lines = [_values(key, allowed) for key, allowed in when.any_of]
    return [("either " if i == 0 and len(lines) > 1 else "or " if i else "") + line for i, line in enumerate(lines)]


def mermaid_source(flow: Flow) -> str:
    lines = [
        "flowchart TD",
        f"    accTitle: The whole response: {flow.title}",
        "    accDescr: The steps in order; a diamond names the conditions under which the next step applies.",
        '    start(["The page comes in"])',
    ]
    previous, skips = "start", []
    for index, step in enumerate(flow.steps):
        node = f"s{index}"
        entry = node
        if step.applies:
            entry = f"c{index}"
            text = [f"• {line}" for when in step.applies for line in condition_lines(when)]
            lines.append(f"    {entry}{{{{{_label('Applies when all of:', *text)}}}}}")
            lines.append(f"    {entry} -->|yes| {node}")
        kind = {"checker": "checker", "text": "do", "checklist": "checklist"}[step.kind]
        lines.append(f"    {node}[{_label(f'{index + 1}. {step.title}', f'({kind}: {step.id})')}]")
        for source in [previous, *skips]:
            arrow = " -->|no: skipped or waits| " if source.startswith("c") else " --> "
            lines.append(f"    {source}{arrow}{entry}")
        skips = [entry] if step.applies else []
        previous = node
    lines.append('    finish(["Resolved, or handed over"])')
    for source in [previous, *skips]:
        lines.append(f"    {source}{' -->|no: skipped or waits| ' if source.startswith('c') else ' --> '}finish")
    return "\n".join(lines)


def render_flow_chart(arg: str) -> str:
    flow = flows.get(arg or "paged")
    return (
        '<p class="flowchart__caption">The whole response as a chart, drawn from the same flow definition that '
        "routes this page and the command line when this site was built.</p>\n\n"
        f"```mermaid\n{mermaid_source(flow)}\n```\n"
    )
