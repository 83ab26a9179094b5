"""The pages are assembled from the one snapshot: every section placed exactly once, by marker."""

from __future__ import annotations

import re

import pytest

from checkers.engine import handbook
from handbook_tools import placements, snapshot
from site_build.render import handbook_pages
from tests.conftest import ROOT

from .variant import build_variant, copy_docs

SNAPSHOT = ROOT / "handbook" / "customer_emergencies_workflows.md"


def _docs_pages() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))}


def test_no_page_types_the_handbook_text():
    """Each section's text comes from the snapshot; the pages hold only markers where it goes.
    The guided page (paged.md) quotes steps on purpose; its flow steps pin what they quote."""
    snap = snapshot.parse(SNAPSHOT.read_text(encoding="utf-8"))
    for name, text in _docs_pages().items():
        if name == "paged.md":
            continue
        for section in snap.sections:
            for sentence in section.sentences:
                if len(sentence) > 60:
                    assert sentence not in snapshot.normalise(snapshot.plain(text)), f"{name} types {sentence!r}"


def test_the_generated_map_is_the_markers():
    snap = snapshot.parse(SNAPSHOT.read_text(encoding="utf-8"))
    found, problems = placements.check(snap, _docs_pages())
    assert problems == []
    assert (ROOT / placements.MODULE).read_text(encoding="utf-8") == placements.module_text(snap, found)
    seed_sections = [anchor for anchor, found in handbook.SECTIONS.items() if found.source == "seed"]
    assert seed_sections == [s.anchor for s in snap.sections]


def _move_marker(docs, anchor: str, *, keep: bool) -> None:
    """Drop the marker of `anchor` from its page (keep=False) or repeat it on the home page (keep=True)."""
    page = docs / handbook.section(anchor).page.replace("/", ".md")
    text = page.read_text(encoding="utf-8")
    marker = re.search(rf"^<!-- handbook: #+ {anchor} -->$", text, re.MULTILINE).group(0)
    if keep:
        home = docs / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\n" + marker + "\n", encoding="utf-8")
    else:
        page.write_text(text.replace(marker, ""), encoding="utf-8")


@pytest.mark.parametrize("keep, said", [(False, "is placed on no page"), (True, "is placed twice")])
def test_a_section_placed_nowhere_or_twice_fails_the_build(tmp_path, keep, said):
    docs = copy_docs(tmp_path)
    _move_marker(docs, "pagerduty-status", keep=keep)
    done = build_variant(tmp_path / "site", docs_dir=docs)
    assert done.returncode != 0
    assert "#pagerduty-status" in done.stderr + done.stdout and said in done.stderr + done.stdout


def test_a_marker_naming_no_section_fails_the_build(tmp_path):
    docs = copy_docs(tmp_path)
    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n<!-- handbook: ## no-such-section -->\n", encoding="utf-8")
    done = build_variant(tmp_path / "site", docs_dir=docs)
    assert done.returncode != 0 and "index.md: <!-- handbook: ## no-such-section --> names no section" in done.stderr


def test_the_normalisation_python_markdown_needs():
    snap = snapshot.parse(SNAPSHOT.read_text(encoding="utf-8"))
    where = {
        s.anchor: placements.Placement(handbook.section(s.anchor).page.replace("/", ".md"), 2) for s in snap.sections
    }
    sections = snap.by_anchor()
    bulk = handbook_pages.body_markdown(sections["using-zendesk-bulk-update"], where)
    assert (
        "](https://about.gitlab.com/images/support/zd-bulk-update.png)" in bulk
        and "[Image: ZD Bulk Update View" in bulk
    )
    assert "{:" not in bulk and "\n    - A public reply" in bulk
    respond = handbook_pages.body_markdown(sections["respond-to-pagerduty-alerts"], where)
    assert "](qualifying.md#determine-if-the-situation-qualifies-as-an-emergency)" in respond
    assert "\n    1. If the customer's email address" in respond
    widespread = handbook_pages.body_markdown(
        sections["a-widespread-incident-causes-multiple-successive-pagerduty-alerts"], where
    )
    assert "two-fold:\n\n1. Route" in widespread and "](#using-zendesk-bulk-update)" in widespread
    assert "](https://about.gitlab.com/handbook/support/on-call/" in handbook_pages.body_markdown(
        sections["introduction"], where
    )


def test_moving_a_section_to_another_page_needs_the_map_regenerated(tmp_path):
    """The checkers cite page/#anchor from the generated map: a marker moved without `--repin` fails."""
    docs = copy_docs(tmp_path)
    _move_marker(docs, "pagerduty-status", keep=False)
    calls = docs / "calls.md"
    calls.write_text(calls.read_text(encoding="utf-8") + "\n<!-- handbook: ## pagerduty-status -->\n", encoding="utf-8")
    done = build_variant(tmp_path / "site", docs_dir=docs)
    assert done.returncode != 0
    assert "checkers/engine/handbook_sections.py does not match the pages' handbook markers" in done.stderr
    assert "python -m checkers review --repin" in done.stderr
