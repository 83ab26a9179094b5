"""The glossary page, built from the same abbreviation list that gives every page its tooltips."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

ABBREVIATIONS = Path(__file__).resolve().parents[2] / "docs" / "includes" / "abbreviations.md"
_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$")


def entries() -> list[tuple[str, str]]:
    found = [_LINE.match(line) for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines()]
    return sorted(((m["term"], m["meaning"]) for m in found if m), key=lambda e: e[0].lower())


def anchor(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "", term.lower())


def list_html() -> str:
    """The `<!-- glossary -->` marker: every abbreviation with its meaning, each under a heading of its
    own. The site search indexes a page section by section, a section being what follows a heading
    with an id: so each term is an entry of its own, titled by the term, and searching "CMOC" finds it
    first (as a definition list, the entries were one section with the terms run into their meanings)."""
    items = "".join(f'<h2 id="{anchor(t)}">{escape(t)}</h2><p>{escape(m)}</p>' for t, m in entries())
    return f'<div class="glossary">{items}</div>'
