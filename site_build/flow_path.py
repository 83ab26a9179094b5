"""The guided page's "Your path" panel, built from the flow definition (checkers/flows/paged.py):
the flow's own questions (deployment, topic, already handling, US Federal), every step in order
with a link to where it is read, and a "Done" box for each step the engineer marks done. The
component `flow-path` (docs/assets/checkers/flow-path.js) asks the worker's "flow" op with the
page's link and shows each step's status, its reason when skipped, and which step is next.

Marker: `<!-- flow-path: paged -->` (contract 4: `render_flow_path(arg) -> str`).
"""

from __future__ import annotations

import re
from html import escape

from checkers import flows, handbook
from checkers.flows import paged

from . import widgets


def _step_link(step, base: str) -> str:
    section = paged.PAGE_SECTIONS.get(step.id)
    return f"#{section}" if section else f"{base}{handbook.href(step.cite[0])}"


def render_flow_path(arg: str, base: str = "../") -> str:
    flow = flows.get(arg or "paged")
    own = [q for q in flow.questions if q.id != "done"]
    fields = "".join(widgets.question_html(flow.name, q) for q in own)
    markable = {s.id for s in paged.MARKABLE}
    items = []
    for step in flow.steps:
        done_box = ""
        if step.id in markable:
            box_id = f"flow-done-{step.id}"
            done_box = (f' <label class="flow-path__done" for="{box_id}"><input type="checkbox" id="{box_id}" '
                        f'data-flow-done value="{step.id}"> Done</label>')
        items.append(
            f'<li class="flow-path__step" data-flow-step="{step.id}" data-status="open">'
            f'<a href="{escape(_step_link(step, base), quote=True)}">{escape(step.title)}</a>'
            f'<span class="flow-path__status" data-flow-status></span>{done_box}'
            f'<p class="flow-path__because" data-flow-because hidden></p></li>'
        )
    return (
        f'<section class="flow-path" data-hb-component="flow-path" data-flow="{flow.name}" '
        f'aria-labelledby="flow-path-title">'
        f'<h2 id="flow-path-title">Your path</h2>'
        f'<form class="checker__form flow-path__form" novalidate aria-label="About this page">{fields}</form>'
        f'<p class="flow-path__next" role="status" data-flow-next>The path follows your answers once Python has '
        f"started in your browser; until then, work down the page.</p>"
        # In order, but unnumbered: the page's headings carry the step numbers (several steps of the
        # path share one heading, and some are read on another page), so a second count would disagree.
        f'<ol class="flow-path__steps">{"".join(items)}</ol>'
        f'<div class="flow-path__texts" data-flow-texts aria-live="polite"></div>'
        f'<details class="flow-path__skipped" data-flow-skipped hidden><summary>Skipped steps, and why</summary>'
        f'<ul data-flow-skipped-list></ul></details>'
        f"</section>"
    )


# A step's section on the guided page: its heading (`<h2|h3 id="step-...">`), then everything up to
# the next heading of the content. Markdown's top-level blocks in between are balanced HTML.
_STEP_HEADING = re.compile(r'<h([23]) id="(step-[a-z0-9-]+)"[^>]*>.*?</h\1>', re.S)
_ANY_HEADING = re.compile(r"<h[1-6][\s>]")


def fold_sections(html: str) -> str:
    """Give each step section of a page with a "Your path" panel a body that the panel folds away,
    with its reason and "Show it anyway", when the path skips every step read there. Without
    JavaScript nothing is folded: the note is hidden and the body is as written."""
    if 'data-hb-component="flow-path"' not in html:
        return html
    out, position = [], 0
    for heading in _STEP_HEADING.finditer(html):
        if heading.start() < position:
            continue
        section = heading.group(2)
        following = _ANY_HEADING.search(html, heading.end())
        end = following.start() if following else len(html)
        out.append(html[position:heading.end()])
        out.append(
            f'<p class="flow-section__skipped" data-flow-section-skipped="{section}" hidden>'
            f'<strong>Skipped:</strong> <span data-flow-section-because></span> '
            f'<button type="button" class="md-button flow-section__show" aria-expanded="false" '
            f'aria-controls="{section}-body">Show this step anyway</button></p>'
            f'<div class="flow-section__body" id="{section}-body" data-flow-section-body="{section}">'
            f"{html[heading.end():end]}</div>"
        )
        position = end
    out.append(html[position:])
    return "".join(out)
