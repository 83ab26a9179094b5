"""The Emergency Exception Workflow's decision aids, read from the page's own Markdown at build time
(handbook/emergency_exception_workflow.md, a copy of December 2025) and rendered beside the
qualification question: the exception criteria, the examples that might or might not qualify (each
with its Emergency / Not emergency variants and the reasoning) and the situations that are not
emergencies. They decide nothing; the checker's `criteria` answer does.

Marker: `<!-- exception-aids -->` (`render_exception_aids(arg) -> str`). Nothing here is
retyped: a change of the page changes the aids, and a page the parser cannot read fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from checkers.engine import handbook

SOURCE = Path(__file__).resolve().parents[2] / "handbook" / "emergency_exception_workflow.md"

CRITERIA_ANCHOR = "exception-criteria"
EXAMPLES_ANCHOR = "examples-of-situations-that-might-or-might-not-qualify-for-an-exception"
NOT_EMERGENCIES_ANCHOR = "situations-that-are-not-emergencies"


class AidsError(ValueError):
    """The page does not have the shape the aids are read from; names what is missing."""


@dataclass(frozen=True)
class Example:
    title: str
    emergency: str
    not_emergency: str  # "" for the one example the page gives only an Emergency variant
    reasoning: str


@dataclass(frozen=True)
class NotAnEmergency:
    title: str
    reasoning: str


@dataclass(frozen=True)
class Aids:
    criteria: tuple[tuple[str, tuple[str, ...]], ...]  # each criterion with its sub-cases
    examples: tuple[Example, ...]
    not_emergencies: tuple[NotAnEmergency, ...]


def _sections(text: str, level: str) -> dict[str, str]:
    """{heading: body} for the headings of exactly that level (`###`, `####`)."""
    parts = re.split(rf"^{level} (.+)$", text, flags=re.MULTILINE)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


_VARIANT = re.compile(r"^- \*\*(Emergency|Not Emergency|Reasoning)\*\*:\s*(.+)$", re.MULTILINE)


def _variants(title: str, body: str) -> dict[str, str]:
    found = {label: value.strip() for label, value in _VARIANT.findall(body)}
    if "Emergency" not in found and "Reasoning" not in found:
        raise AidsError(f"{SOURCE.name}: {title!r} has neither an Emergency variant nor a Reasoning")
    return found


def _criteria(body: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    criteria: list[tuple[str, list[str]]] = []
    for indent, item in re.findall(r"^( *)1\. (.+)$", body, flags=re.MULTILINE):
        if indent:
            criteria[-1][1].append(item.strip().removesuffix(", or").strip())
        else:
            criteria.append((item.strip().rstrip(":"), []))
    return tuple((text, tuple(cases)) for text, cases in criteria)


def parse(text: str) -> Aids:
    sections = _sections(text, "###")
    try:
        criteria_body = sections["Exception Criteria"]
        examples_body = sections["Examples of situations that might (or might not) qualify for an exception"]
        not_body = sections["Situations that Are not Emergencies"]
    except KeyError as missing:
        raise AidsError(f"{SOURCE.name}: no section {missing}") from None
    examples = []
    for title, body in _sections(examples_body, "####").items():
        found = _variants(title, body)
        examples.append(
            Example(title, found.get("Emergency", ""), found.get("Not Emergency", ""), found.get("Reasoning", ""))
        )
    not_emergencies = [
        NotAnEmergency(title, _variants(title, body).get("Reasoning", ""))
        for title, body in _sections(not_body, "####").items()
    ]
    criteria = _criteria(criteria_body)
    if not (criteria and examples and not_emergencies):
        raise AidsError(f"{SOURCE.name}: the criteria, examples or non-emergencies are empty")
    return Aids(criteria, tuple(examples), tuple(not_emergencies))


def load() -> Aids:
    return parse(SOURCE.read_text(encoding="utf-8"))


# ---- HTML: the page's inline Markdown (code, links to its own sections) turned into markup ------

_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\(#([a-z0-9-]+)\)")


def inline(text: str) -> str:
    """Escaped HTML of one line of the page: `code` becomes <code>, a link to one of its own
    sections points at that section here; no Markdown stays visible."""
    html = escape(text, quote=True)
    html = _CODE.sub(r"<code>\1</code>", html)
    return _LINK.sub(lambda m: f'<a href="#{m.group(2)}">{m.group(1)}</a>', html)


def plain(text: str) -> str:
    """The same line as plain text (for search and drills): no marks at all."""
    return _LINK.sub(r"\1", _CODE.sub(r"\1", text))


def _filter_words(*texts: str) -> str:
    return escape(" ".join(plain(t) for t in texts).lower(), quote=True)


def _example_html(example: Example) -> str:
    rows = [
        ("Emergency", example.emergency),
        ("Not emergency", example.not_emergency),
        ("Reasoning", example.reasoning),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{inline(value)}</dd>" for label, value in rows if value)
    words = _filter_words(example.title, example.emergency, example.not_emergency, example.reasoning)
    return (
        f'<li class="aids__item" data-aids-text="{words}"><p><strong>{inline(example.title)}</strong></p>'
        f"<dl>{items}</dl></li>"
    )


def _not_emergency_html(item: NotAnEmergency) -> str:
    words = _filter_words(item.title, item.reasoning)
    return (
        f'<li class="aids__item" data-aids-text="{words}"><p><strong>{inline(item.title)}</strong></p>'
        f"<dl><dt>Reasoning</dt><dd>{inline(item.reasoning)}</dd></dl></li>"
    )


def _criteria_html(aids: Aids) -> str:
    items = []
    for text, cases in aids.criteria:
        sub = "".join(f"<li>{inline(c)}</li>" for c in cases)
        items.append(f"<li>{inline(text)}{f'<ul>{sub}</ul>' if sub else ''}</li>")
    return f"<ol>{''.join(items)}</ol>"


def render_exception_aids(arg: str = "") -> str:
    """The aids as HTML, collapsed, with a filter box (docs/assets/checkers/exception-aids.js)."""
    aids = load()
    source = handbook.SOURCES[handbook.EXCEPTION_WORKFLOW]
    attribution = (
        f'<p class="aids__source">From the <a href="{escape(source.url, quote=True)}">{escape(source.title)}</a> '
        f"(copy of {escape(source.date)}, later than this runbook). They help you judge; they decide nothing.</p>"
    )

    def section(anchor: str, body: str, open_: bool = False) -> str:
        title = escape(handbook.section(anchor).title)
        return (
            f'<details class="aids__section" id="{anchor}"{" open" if open_ else ""}>'
            f"<summary>{title}</summary>{body}</details>"
        )

    examples = "".join(_example_html(e) for e in aids.examples)
    not_emergencies = "".join(_not_emergency_html(n) for n in aids.not_emergencies)
    return (
        '<section class="aids" data-hb-component="exception-aids" '
        'aria-label="Decision aids: the Emergency Exception Workflow">'
        f"{attribution}" + section(CRITERIA_ANCHOR, _criteria_html(aids)) + '<p class="aids__filter">'
        '<label for="aids-filter">Filter the examples by a word (e.g. login, pipelines)</label> '
        '<input type="search" id="aids-filter" data-aids-filter autocomplete="off"> '
        '<span class="aids__count" data-aids-count role="status"></span></p>'
        + section(EXAMPLES_ANCHOR, f'<ul class="aids__list">{examples}</ul>')
        + section(NOT_EMERGENCIES_ANCHOR, f'<ul class="aids__list">{not_emergencies}</ul>')
        + "</section>"
    )
