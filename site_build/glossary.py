"""The glossary page, built from the same abbreviation list that gives every page its tooltips."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

ABBREVIATIONS = Path(__file__).resolve().parent.parent / "docs" / "includes" / "abbreviations.md"
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$")


def entries() -> list[tuple[str, str]]:
    found = [_LINE.match(line) for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines()]
    return sorted(((m["term"], m["meaning"]) for m in found if m), key=lambda e: e[0].lower())


def list_html() -> str:
    """The `<!-- glossary -->` marker: every abbreviation with its meaning, as a definition list."""
    items = "".join(f'<dt id="term-{escape(t.lower().replace("&", ""))}">{escape(t)}</dt><dd>{escape(m)}</dd>' for t, m in entries())
    return f'<dl class="glossary">{items}</dl>'
