"""Flowcharts drawn from a checker's own rule table at build time, so the picture can never disagree
with the code that decides.

`<!-- flowchart: NAME -->` in a page becomes a Mermaid fence (rendered by pymdownx.superfences and
Material) that walks the first-match table as a chain: row 1's conditions, "matches" to its outcome,
"no match" on to row 2, and so on, down to the row that matches anything. The Mermaid library, from
the pinned npm package, is copied into the site by `copy_library`; the theme (overrides/main.html)
gives every page a small loader that fetches it only when a diagram is drawn (adr/0004).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import checkers
from checkers.model import Checker, Rule

ROOT = Path(__file__).resolve().parent.parent
MERMAID_NPM = ROOT / "node_modules" / "mermaid"
# The browser (IIFE) bundle: one file, defines globalThis.mermaid, no chunks fetched later.
MERMAID_FILES = ("dist/mermaid.min.js", "LICENSE")
MERMAID_TARGET = Path("assets") / "mermaid"

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


def _text(text: str) -> str:
    """Escape for a quoted Mermaid label (its own #entity; syntax), '#' first as the others add it."""
    for raw, entity in (("#", "#35;"), ("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(raw, entity)
    return text


def _label(*lines: str) -> str:
    """One quoted label, a line per item (Mermaid wraps long lines itself)."""
    return '"' + "<br>".join(_text(line) for line in lines) + '"'


def _outcome_id(code: str) -> str:
    return "out_" + re.sub(r"[^A-Za-z0-9]", "_", code)


def mermaid_source(checker: Checker) -> str:
    """The flowchart as Mermaid text. Every outcome node carries its code, as the result does."""
    flow = chain(checker)
    lines = [
        "flowchart TD",
        f"    accTitle: How the {checker.name} checker decides",
        "    accDescr: The rows of its decision table, tried from the top; the first row that matches decides.",
        '    start(["Your answers"])',
    ]
    previous, edge = "start", ""
    drawn: list[str] = []

    def outcome_node(code: str) -> str:
        node = _outcome_id(code)
        if code not in drawn:
            drawn.append(code)
            lines.append(f"    {node}({_label(checker.outcome(code).title, f'({code})')})")
        return node

    for decision in flow.decisions:
        node = f"row{decision.row}"
        conditions = decision.conditions
        if len(conditions) > 1:  # bullets keep the conditions apart once Mermaid wraps them
            conditions = tuple(f"• {condition}" for condition in conditions)
        heading = f"Row {decision.row}" + (": all of" if len(conditions) > 1 else "")
        lines.append(f"    {node}{{{{{_label(heading, *conditions)}}}}}")
        lines.append(f"    {previous} -->{edge} {node}")
        # "matches", not "yes": a row like "Already handling another emergency? no" must not read as
        # if "yes" answered its question.
        lines.append(f"    {node} -->|matches| {outcome_node(decision.outcome)}")
        previous, edge = node, "|no match|"
    if flow.fallback is not None:
        target = outcome_node(flow.fallback)
        label = f'|"no match: row {flow.fallback_row}, any answers"|' if flow.decisions else f"|row {flow.fallback_row}|"
    else:
        target = "nomatch"
        lines.append(f"    nomatch[{_label('No row matches: the checker reports an error')}]")
        label = edge
    lines.append(f"    {previous} -->{label} {target}")
    return "\n".join(lines)


def chart_markdown(name: str) -> str:
    checker = checkers.get(name)
    return (
        f'<p class="flowchart__caption">The same rules as a flowchart, drawn from the checker\'s '
        f"decision table when this site was built: start at the top; the first row whose answers match "
        f"decides. Row numbers are those of the decision table.</p>\n\n"
        f"```mermaid\n{mermaid_source(checker)}\n```\n"
    )


def copy_library(site_dir: Path) -> Path:
    """Copy Mermaid's browser bundle (and its licence) from node_modules into the built site."""
    target = site_dir / MERMAID_TARGET
    target.mkdir(parents=True, exist_ok=True)
    for name in MERMAID_FILES:
        source = MERMAID_NPM / name
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing: run `npm ci` (the README's commands do it for you)")
        shutil.copy2(source, target / Path(name).name)
    return target
