"""The guided page's "Your path" panel, built from the flow definition (checkers/flows/paged.py):
the flow's own questions (deployment, topic, already handling, US Federal), every step in order
with a link to where it is read, and a "Done" box for each step the engineer marks done. The
component `flow-path` (docs/assets/checkers/flow-path.js) asks the worker's "flow" op with the
page's link and shows each step's status, its reason when skipped, and which step is next.

Marker: `<!-- flow-path: paged -->` (`render_flow_path(arg) -> str`).
"""

from __future__ import annotations

import re
from html import escape

from checkers import flows
from checkers.engine import handbook
from checkers.flows import paged
from site_build.render import widgets


def _step_link(step, base: str) -> str:
    section = paged.PAGE_SECTIONS.get(step.id)
    return f"#{section}" if section else f"{base}{handbook.href(step.cite[0])}"


# The path's texts the panel shows, in this order (checkers/flows/paged.py's `texts`).
SHOWN_TEXTS = ("public_comment", "internal_note")


def _text_block(text_id: str, label: str, text: str) -> str:
    """One of the path's texts: drawn filled for a first visit, and empty as the template flow-path.js
    fills for every later one. Its Copy button works once the page's script runs; its note says when
    the text waits for Python (link-state.js)."""
    return (
        f'<div class="flow-path__text" data-flow-text="{text_id}"><p><strong>{escape(label)}</strong></p>'
        f'<pre class="flow-path__say">{escape(text)}</pre>{widgets.copy_button_html(label)}'
        f'<p class="flow-text__todo checker__hint" hidden></p></div>'
    )


def _skipped_entry(title: str, because: str) -> str:
    return (
        f"<li><span data-flow-skipped-title>{escape(title)}</span>: "
        f"<span data-flow-skipped-because>{escape(because)}</span></li>"
    )


# What flow-path.js draws after each of Python's answers, written once here (widgets.template_html).
TEMPLATES = {
    "flow-path-text": _text_block("", "", ""),
    "flow-path-skipped": _skipped_entry("", ""),
    "flow-path-next": "Next: <a data-flow-next-link></a>",
    "flow-path-no-next": "Nothing is waiting for you now.",
}


def render_flow_path(arg: str, base: str = "../") -> str:
    flow = flows.get(arg or "paged")
    own = [q for q in flow.questions if q.id != "done"]
    fields = "".join(widgets.question_html(flow.name, q) for q in own)
    markable = {s.id for s in paged.MARKABLE}
    # The path of a first visit (no answers yet), drawn now: when Python's first answer says the same,
    # nothing on the page moves (a phone's reader is not thrown off the line they were reading).
    first = flows.run(flow.name, {})
    statuses = {step["id"]: step for step in first["steps"]}
    items, skipped = [], []
    for step in flow.steps:
        state = statuses[step.id]
        done_box = ""
        if step.id in markable:
            box_id = f"flow-done-{step.id}"
            disabled = " disabled" if state["status"] == "skipped" else ""
            done_box = (
                f' <label class="flow-path__done" for="{box_id}"><input type="checkbox" id="{box_id}" '
                f'data-flow-done value="{step.id}"{disabled}> Done</label>'
            )
        because = state["because"] if state["status"] in ("skipped", "open") else ""
        current = ' aria-current="step"' if state["status"] == "next" else ""
        items.append(
            f'<li class="flow-path__step" data-flow-step="{step.id}" data-status="{state["status"]}">'
            f'<a href="{escape(_step_link(step, base), quote=True)}"{current}>{escape(step.title)}</a>'
            f'<span class="flow-path__status"> (<span data-flow-status>{escape(state["status_text"])}</span>)</span>'
            f"{done_box}"
            f'<p class="flow-path__because" data-flow-because{"" if because else " hidden"}>{escape(because)}</p></li>'
        )
        if state["status"] == "skipped":
            skipped.append(_skipped_entry(step.title, state["because"]))
    texts = "".join(
        _text_block(text_id, first["texts"][text_id]["label"], first["texts"][text_id]["text"])
        for text_id in SHOWN_TEXTS
        if text_id in first["texts"]
    )
    templates = "".join(widgets.template_html(name, content) for name, content in TEMPLATES.items())
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
        f'<div class="flow-path__texts" data-flow-texts="{" ".join(SHOWN_TEXTS)}" aria-live="polite">{texts}</div>'
        f'<details class="flow-path__skipped" data-flow-skipped{"" if skipped else " hidden"}>'
        f"<summary>Skipped steps, and why</summary>"
        f"<ul data-flow-skipped-list>{''.join(skipped)}</ul></details>{templates}"
        f"</section>"
    )


# A step's section on the guided page: its heading (`<h2|h3 id="step-...">`), then everything up to
# the next heading of the content. Markdown's top-level blocks in between are balanced HTML.
_STEP_HEADING = re.compile(r'<h([23]) id="(step-[a-z0-9-]+)"[^>]*>.*?</h\1>', re.S)
_ANY_HEADING = re.compile(r"<h[1-6][\s>]")


class FlowPageError(ValueError):
    """A guided page that cannot answer its flow: a step with no section, sections out of the
    flow's order, or a checker step whose section has no form for its checker."""


_PANEL = re.compile(r'data-hb-component="flow-path" data-flow="([a-z0-9-]+)"')


def check_flow_page(html: str) -> None:
    """Every step of the page's flow has its section, in the flow's order, and every checker step
    has its checker's form in its section: the path never calls a step the page cannot answer."""
    panel = _PANEL.search(html)
    if not panel:
        return
    flow = flows.get(panel.group(1))
    headings = {m.group(2): m.start() for m in _STEP_HEADING.finditer(html)}
    starts = sorted(headings.values())
    problems, last = [], -1
    for step in flow.steps:
        section = paged.PAGE_SECTIONS.get(step.id)
        if section is None or section not in headings:
            problems.append(f"step {step.id!r} has no section on the page" + (f" (#{section})" if section else ""))
            continue
        start = headings[section]
        if start < last:
            problems.append(f"step {step.id!r} (#{section}) stands before an earlier step of the flow")
        last = max(last, start)
        end = next((s for s in starts if s > start), len(html))
        if step.checker and f'data-form="{step.checker}"' not in html[start:end]:
            problems.append(
                f"checker step {step.id!r} has no form in its section #{section} "
                f"(add <!-- checker: {step.checker} --> there)"
            )
    if problems:
        raise FlowPageError(f"the {flow.name} page cannot answer its flow: " + "; ".join(problems))


# The fold's button, folded and shown (flow-path.js swaps them from the button's data attributes).
SHOW_ANYWAY = "Show this step anyway"
FOLD_AGAIN = "Fold it away again"


def fold_sections(html: str) -> str:
    """Give each step section of a page with a "Your path" panel a body that the panel folds away,
    with its reason and "Show it anyway", when the path skips every step read there; a first visit's
    folds are drawn by the build. Without JavaScript nothing is folded: the note is hidden and the
    body is as written."""
    if 'data-hb-component="flow-path"' not in html:
        return html
    panel = _PANEL.search(html)
    first = {step["id"]: step for step in flows.run(panel.group(1), {})["steps"]} if panel else {}
    # The sections whose every step a first visit skips, with why. They are drawn folded from the
    # first paint where scripts run and the link holds no answers (flow.css, keyed on the attribute
    # scope.js sets in <head>), so a phone neither styles nor lays them out; flow-path.js takes each
    # fold over when Python answers, or shows the page as written when the path may differ.
    # Their forms wait to ask Python until the reader comes near (widget.js).
    skipped_first = {}
    for section in dict.fromkeys(paged.PAGE_SECTIONS.values()):
        # In the flow's order, as flow-path.js reads a reply's steps, so the reasons read the same.
        steps = [step for step_id, step in first.items() if paged.PAGE_SECTIONS.get(step_id) == section]
        if steps and all(step["status"] == "skipped" for step in steps):
            skipped_first[section] = " ".join(dict.fromkeys(step["because"] for step in steps))
    out, position = [], 0
    for heading in _STEP_HEADING.finditer(html):
        if heading.start() < position:
            continue
        section = heading.group(2)
        following = _ANY_HEADING.search(html, heading.end())
        end = following.start() if following else len(html)
        folded_first = section in skipped_first
        first_fold = " data-flow-folded-first" if folded_first else ""
        out.append(html[position : heading.start()])
        title = html[heading.start() : heading.end()]
        # Marked skipped as flow-path.js marks it (flow.css shows it only with the first folds).
        if folded_first:
            title = title.replace(f'id="{section}"', f'id="{section}" data-flow-first-status="skipped"', 1)
        out.append(title)
        out.append(
            f'<p class="flow-section__skipped" data-flow-section-skipped="{section}"{first_fold} hidden>'
            f"<strong>Skipped:</strong> <span data-flow-section-because>{escape(skipped_first.get(section, ''))}"
            "</span> "
            f'<button type="button" class="md-button flow-section__show" aria-expanded="false" '
            f'aria-controls="{section}-body" data-label-folded="{SHOW_ANYWAY}" data-label-shown="{FOLD_AGAIN}">'
            f"{SHOW_ANYWAY}</button></p>"
            f'<div class="flow-section__body" id="{section}-body" data-flow-section-body="{section}"'
            f"{' data-flow-first-skipped' if folded_first else ''}{first_fold}>"
            f"{html[heading.end() : end]}</div>"
        )
        position = end
    out.append(html[position:])
    return "".join(out)


_THEME_SKIP_LINK = re.compile(r'(<div data-md-component="skip">\s*<a [^>]*class="md-skip"[^>]*>.*?</a>)', re.S)
SKIP_LINK = '<a href="#flow-path-title" class="md-skip" data-flow-skip-link>Skip to your path and the next question</a>'


def add_skip_link(html: str) -> str:
    """On a page with "Your path": a second skip link, right after the theme's, to the path and the
    next step's question (flow-path.js takes the keyboard there; without JavaScript it leads to the
    path). A finishing step, so every engine's page gets it. Idempotent."""
    if 'data-hb-component="flow-path"' not in html or "data-flow-skip-link" in html:
        return html
    return _THEME_SKIP_LINK.sub(lambda m: m.group(1) + SKIP_LINK, html, count=1)
