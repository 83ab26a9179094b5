"""Handbook pages assembled from the one snapshot (`handbook/customer_emergencies_workflows.md`).

A page places a section of the snapshot with a marker on a line of its own, naming the heading
level it sits at on that page and the section's anchor:

    <!-- handbook: ## determine-if-the-situation-qualifies-as-an-emergency -->

`render_handbook(arg)` turns the marker into the section's heading (with the seed's anchor, adr/0003)
and body, normalised for Python-Markdown (the traps in shared/pitfalls.md, "The seed as Markdown").
`load()` runs once per build, before any page: it reads the snapshot, fails when a section is placed
nowhere, twice, or a marker names no section, and when the snapshot no longer holds a sentence that a
checker, step, checklist, text or drill pins (`handbook_tools.pins`).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from handbook_tools import pins, placements, review, review_cli, snapshot
from handbook_tools.snapshot import Section, Snapshot

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "handbook" / "customer_emergencies_workflows.md"
PUBLIC_HANDBOOK = "https://about.gitlab.com"


class HandbookError(Exception):
    """A page, marker or snapshot the build cannot assemble; the message names what to fix."""


class _Loaded:
    snapshot: Snapshot | None = None
    pages: dict[str, placements.Placement] = {}  # anchor -> where it is placed


_loaded = _Loaded()


def load(snapshot_file: Path, docs_dir: Path) -> Snapshot:
    """Read the snapshot and every page's markers; raise HandbookError naming each problem."""
    try:
        snap = snapshot.parse(snapshot_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, snapshot.SnapshotError) as error:
        raise HandbookError(f"{snapshot_file}: cannot read the handbook snapshot: {error}") from error
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(docs_dir.glob("*.md"))}
    found, problems = placements.check(snap, pages)
    if problems:
        raise HandbookError("handbook sections are not placed once each:\n  " + "\n  ".join(problems))
    try:
        other = review_cli.exception_workflow()
    except snapshot.SnapshotError as error:
        raise HandbookError(
            f"{review_cli.EXCEPTION_WORKFLOW}: cannot read the Emergency Exception Workflow: {error}"
        ) from error
    stale = review.review(snap, review_cli.last_reviewed(), pins.dependents(review_cli.SCENARIOS), other)["dependents"]
    if stale:
        raise HandbookError(pinned_changes(stale))
    generated = ROOT / placements.MODULE
    if generated.read_text(encoding="utf-8") != placements.module_text(snap, found):
        raise HandbookError(
            f"{placements.MODULE} does not match the pages' handbook markers: "
            "run `python -m checkers review --repin` and commit the result"
        )
    _loaded.snapshot, _loaded.pages = snap, found
    return snap


def pinned_changes(rows: list[dict]) -> str:
    lines = [
        "the handbook snapshot (or the Emergency Exception Workflow copy) changed text that these rely on."
        " Review each one; when it is right for the "
        "new text, run `python -m checkers review --repin` "
        '(CONTRIBUTING.md: "Take in a new version of the handbook page"):'
    ]
    for row in rows:
        lines.append(f"  {row['kind']} {row['name']} ({row['source']}): #{row['anchor']} {row['status']}")
        lines.append(f"      pinned: {row['sentence']}")
        if row["new_sentence"]:
            lines.append(f"      now:    {row['new_sentence']}")
    return "\n".join(lines)


def render_handbook(arg: str) -> str:
    """`## anchor` -> the section as Markdown: its heading at that level, `{#anchor}`, its body."""
    if _loaded.snapshot is None:  # an engine that ran no on_config hook: the repository's own files
        load(SNAPSHOT, ROOT / "docs")
    level, anchor = placements.parse_arg(arg)
    section = _loaded.snapshot.by_anchor().get(anchor)
    if section is None:
        raise HandbookError(f"no section #{anchor} in the handbook snapshot")
    return f"{'#' * level} {section.title} {{#{anchor}}}\n\n{body_markdown(section, _loaded.pages)}\n"


_IMAGE = re.compile(r"!\[([^\]]*)\]\((/[^)\s]*)\)(\{:[^}]*\})?")
_SITE_LINK = re.compile(r"\]\((/[^)\s]*)\)")
_IN_PAGE_LINK = re.compile(r"\]\(#([A-Za-z0-9_-]+)\)")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


def body_markdown(section: Section, where: dict[str, placements.Placement]) -> str:
    lines: list[str] = []
    fenced = False
    for line in section.body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append(line)
            continue
        if fenced:
            lines.append(line)
            continue
        line = line.rstrip()
        if line.strip() in ("{:.no_toc}", "{:toc}", "- TOC"):
            continue
        # The handbook's own images are not part of this site: link them, visibly external, alt kept.
        line = _IMAGE.sub(
            lambda m: f"[Image: {m.group(1)} (on the public GitLab handbook)]({PUBLIC_HANDBOOK}{m.group(2)})", line
        )
        line = re.sub(r"\{:[^}]*\}", "", line).rstrip()
        line = _SITE_LINK.sub(lambda m: f"]({PUBLIC_HANDBOOK}{m.group(1)})", line)
        line = _IN_PAGE_LINK.sub(lambda m: f"]({_page_of(m.group(1), section.anchor, where)}#{m.group(1)})", line)
        indent = len(line) - len(line.lstrip(" "))
        if indent >= 2 and indent % 4:  # kramdown nests by 3 (or 2); Python-Markdown needs 4
            line = " " * (math.ceil(indent / 3) * 4) + line.lstrip(" ")
        elif indent == 1:
            line = line[1:]
        item = _LIST_ITEM.match(line)
        if (
            item
            and not item.group(1)
            and lines
            and lines[-1].strip()
            and not _LIST_ITEM.match(lines[-1])
            and not lines[-1].startswith(" ")
        ):
            lines.append("")  # Python-Markdown needs a blank line before a list
        lines.append(line)
    return "\n".join(lines).strip("\n")


def _page_of(anchor: str, source: str, where: dict[str, placements.Placement]) -> str:
    """The page to prefix to an in-page `#anchor` of the snapshot, now that the page is split."""
    if anchor not in where or where[anchor].page == where.get(source, placements.Placement("", 0)).page:
        return ""  # the same page, or not a section anchor: `#anchor`, which --strict checks here
    return where[anchor].page
