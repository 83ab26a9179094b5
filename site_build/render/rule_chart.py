"""Flowcharts drawn from a checker's own rule table at build time, so the picture can never disagree
with the code that decides.

`<!-- flowchart: NAME -->` in a page becomes the chart itself, as plain HTML that the site's CSS
lays out (handbook.css, "Flowcharts"): no script draws it (adr/0007). It walks the first-match
table as a chain: row 1's conditions, "matches" to its outcome, "no match" on to row 2, and so on,
down to the row that matches anything. The chain is an ordered list, so a screen reader reads it
in the order a reader follows it; the arrows' words are text, the lines are CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import checkers
from checkers.engine.model import Checker, Rule


@dataclass(frozen=True)
class Decision:
    """One row of the table that tests something: if all `conditions` hold, `outcome` applies."""

    row: int
    conditions: tuple[str, ...]
    outcome: str


@dataclass(frozen=True)
class Chain:
    decisions: tuple[Decision, ...]
    fallback_row: int | None  # the row that matches anything, if the table has one
    fallback: str | None  # its outcome; None means "no row matched" (the checker reports an error)


def _condition(checker: Checker, fact_id: str, allowed: tuple) -> str:
    fact = next(f for f in checker.facts if f.id == fact_id)
    values = " or ".join(fact.label_of(v) for v in allowed)
    # "Region: APAC", but "Saturday or Sunday on your own clock? yes"
    return f"{fact.label} {values}" if fact.label.endswith("?") else f"{fact.label}: {values}"


def chain(checker: Checker) -> Chain:
    """The rule table as the chain a reader follows. Rows after a match-anything row can never
    decide, so they are not drawn (and a test that every outcome is drawn would catch that)."""
    decisions = []
    for number, rule in enumerate(checker.rules, start=1):
        if not rule.when:
            return Chain(tuple(decisions), number, rule.outcome)
        decisions.append(Decision(number, _conditions(checker, rule), rule.outcome))
    return Chain(tuple(decisions), None, None)


def _conditions(checker: Checker, rule: Rule) -> tuple[str, ...]:
    return tuple(_condition(checker, fact_id, allowed) for fact_id, allowed in rule.when.items())


# ---- The chart's HTML: pieces shared with the flow's chart (response_chart.py) ----------------------
# Each list item is one stretch of the chain: the connector coming in (with its label), the box it
# leads to, and, beside a box, a branch (a labelled arrow to another box). The CSS puts connectors
# and boxes in one column (the spine) and a branch to the right of its box, or under it, indented,
# on a phone. Every text is escaped here; callers pass plain text.


def link(label: str = "", direction: str = "down") -> str:
    """An arrow: `down` along the spine (into the next box), `across` into a branch's box."""
    text = f'<span class="flowchart__label">{escape(label)}</span>' if label else ""
    return f'<div class="flowchart__link flowchart__link--{direction}">{text}</div>'


def box(kind: str, heading: str, lines: tuple[str, ...] = (), *, bullets: bool = False, code: str = "") -> str:
    """A box of the chart: `kind` is its shape (terminal, decision, outcome, step, note, error)."""
    parts = [f'<p class="flowchart__heading">{escape(heading)}</p>']
    if bullets:
        parts.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>")
    else:
        parts.extend(f"<p>{escape(line)}</p>" for line in lines)
    if code:
        parts.append(f'<p class="flowchart__code">{escape(code)}</p>')
    return f'<div class="flowchart__box flowchart__box--{kind}">{"".join(parts)}</div>'


def node(box_html: str) -> str:
    """A box on the spine (its cell carries the spine's line past a box shorter than its branch)."""
    return f'<div class="flowchart__node">{box_html}</div>'


def branch(label: str, box_html: str) -> str:
    return f'<div class="flowchart__branch">{link(label, "across")}{box_html}</div>'


def item(*parts: str, end: str = "", attrs: str = "") -> str:
    """One stretch of the chain; `end` is "start" or "end" for the first and the last."""
    kind = f" flowchart__item--{end}" if end else ""
    return f'<li class="flowchart__item{kind}"{attrs}>{"".join(parts)}</li>'


def figure(title: str, caption: str, items: list[str], kind: str, name: str) -> str:
    """The whole chart (`kind`: "checker" or "flow"; `name`: the checker's or the flow's). One block
    of raw HTML with no blank line, so Python-Markdown (under every engine) passes it through untouched."""
    return (
        f'<figure class="flowchart flowchart--{kind}" data-flowchart="{escape(name)}">'
        f'<figcaption><p class="flowchart__title">{escape(title)}</p>'
        f'<p class="flowchart__caption">{escape(caption)}</p></figcaption>'
        f'<ol class="flowchart__chain">{"".join(items)}</ol></figure>'
    )


def _outcome_box(checker: Checker, code: str) -> str:
    return box("outcome", checker.outcome(code).title, code=f"({code})")


def chart_html(checker: Checker) -> str:
    """The flowchart. Every outcome box carries its code, as the result does; an outcome two rows
    share is drawn once per row (merged boxes would need lines crossing the chart)."""
    flow = chain(checker)
    items = [item(node(box("terminal", "Your answers")), end="start")]
    incoming = ""
    for decision in flow.decisions:
        several = len(decision.conditions) > 1
        heading = f"Row {decision.row}" + (": all of" if several else "")
        items.append(
            item(
                link(incoming),
                node(box("decision", heading, decision.conditions, bullets=several)),
                # "matches", not "yes": a row like "Already handling another emergency? no" must not
                # read as if "yes" answered its question.
                branch("matches", _outcome_box(checker, decision.outcome)),
                attrs=f' data-row="{decision.row}" data-outcome="{escape(decision.outcome)}"',
            )
        )
        incoming = "no match"
    if flow.fallback is not None:
        reached = f"row {flow.fallback_row}, any answers"
        label = f"no match: {reached}" if flow.decisions else reached
        items.append(
            item(
                link(label),
                node(_outcome_box(checker, flow.fallback)),
                end="end",
                attrs=f' data-row="{flow.fallback_row}" data-outcome="{escape(flow.fallback)}"',
            )
        )
    else:
        items.append(
            item(link(incoming), node(box("error", "No row matches: the checker reports an error")), end="end")
        )
    return figure(
        f"How the {checker.name} checker decides",
        "The same rules as a flowchart, drawn from the checker's decision table when this site was built: "
        "start at the top; the first row whose answers match decides. Row numbers are those of the "
        "decision table.",
        items,
        "checker",
        checker.name,
    )


def render_chart(name: str) -> str:
    """The marker `<!-- flowchart: NAME -->` for a checker: its chart as HTML."""
    return chart_html(checkers.get(name))
