"""The flowcharts are drawn from the checkers' own rule tables at build time, as plain HTML: they
show every outcome with its code, follow the first-match order row by row, and need no script."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import checkers
from checkers import flows
from checkers.engine import handbook
from checkers.engine.model import Fact
from site_build import markers
from site_build.render import rule_chart

from .chart_html import Box, Part, chart, parse

ROOT = Path(__file__).resolve().parents[2]
ROUTING = ("concurrent", "us-federal", "saas-triage", "special-handling", "stuck")


def charted_pages() -> dict[str, str]:
    """Checker name -> the page (site-relative directory URL) whose Markdown asks for its chart (a
    flow's chart, drawn from its steps, is tested in test_response_chart.py)."""
    found = {}
    for source in sorted((ROOT / "docs").glob("*.md")):
        for name in (
            arg
            for kind, arg in markers.markers_in(source.read_text(encoding="utf-8"))
            if kind == "flowchart" and arg not in flows.NAMES
        ):
            found[name] = f"{source.stem}/" if source.stem != "index" else ""
    return found


CHARTED = charted_pages()


def test_every_routing_checker_has_a_chart_on_its_page():
    assert {name: CHARTED.get(name) for name in ROUTING} == {
        "concurrent": "multiple-emergencies/",
        "us-federal": "us-federal/",
        "saas-triage": "saas/",
        "special-handling": "special-handling/",
        "stuck": "when-stuck/",
    }


def outcome_box(checker, code: str) -> Box:
    return Box("outcome", checker.outcome(code).title, (), f"({code})")


def expected_chain(checker) -> list[list[Part]]:
    """The chart a reader should follow, written out from the rule table itself."""
    items = [[Part("node", box=Box("terminal", "Your answers", (), ""))]]
    incoming = ""
    for number, rule in enumerate(checker.rules, start=1):
        if not rule.when:  # the row that matches anything ends the chain: later rows never decide
            reached = f"row {number}, any answers"
            items.append(
                [
                    Part("link", f"no match: {reached}" if incoming else reached),
                    Part("node", box=outcome_box(checker, rule.outcome)),
                ]
            )
            return items
        conditions = tuple(rule_chart._condition(checker, fact_id, allowed) for fact_id, allowed in rule.when.items())
        heading = f"Row {number}" + (": all of" if len(conditions) > 1 else "")
        items.append(
            [
                Part("link", incoming),
                Part("node", box=Box("decision", heading, conditions, "")),
                Part("branch", "matches", outcome_box(checker, rule.outcome)),
            ]
        )
        incoming = "no match"
    items.append(
        [Part("link", incoming), Part("node", box=Box("error", "No row matches: the checker reports an error", (), ""))]
    )
    return items


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_the_chart_follows_the_rule_table_in_first_match_order(name):
    checker = checkers.get(name)
    figure, items = chart(rule_chart.render_chart(name))
    assert items == expected_chain(checker)
    # Each condition of a row names its question and the answers that match, as the table does.
    decisions = [part.box for item in items for part in item if part.box and part.box.kind == "decision"]
    for rule, box in zip([r for r in checker.rules if r.when], decisions, strict=True):
        for fact_id, allowed in rule.when.items():
            fact = next(f for f in checker.facts if f.id == fact_id)
            line = next(line for line in box.lines if line.startswith(fact.label))
            assert all(fact.label_of(v) in line for v in allowed), (name, line)


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_every_outcome_of_the_checker_is_in_its_chart_with_its_code(name):
    checker = checkers.get(name)
    _, items = chart(rule_chart.render_chart(name))
    drawn = {
        part.box.code: part.box.heading for item in items for part in item if part.box and part.box.kind == "outcome"
    }
    assert drawn == {f"({o.code})": o.title for o in checker.outcomes}, f"{name}: an outcome is missing or wrong"


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_the_chart_is_a_titled_figure_with_its_caption(name):
    figure, _ = chart(rule_chart.render_chart(name))
    assert figure.attrs["data-flowchart"] == name
    (caption,) = [c for c in figure.elements() if c.tag == "figcaption"]
    title, text = caption.elements()
    assert title.text() == f"How the {name} checker decides"
    assert text.text().startswith("The same rules as a flowchart, drawn from the checker's decision table")


def us_federal(**changes):
    return dataclasses.replace(checkers.get("us-federal"), **changes)


def test_without_a_match_anything_row_the_chain_ends_in_the_no_row_matches_box():
    checker = us_federal(rules=checkers.get("us-federal").rules[:1])
    _, items = chart(rule_chart.chart_html(checker))
    assert items[-1] == [
        Part("link", "no match"),
        Part("node", box=Box("error", "No row matches: the checker reports an error", (), "")),
    ]
    assert items == expected_chain(checker)


def test_a_match_anything_row_ends_the_chain_and_later_rows_are_not_drawn():
    rules = checkers.get("us-federal").rules
    checker = us_federal(rules=(rules[1], rules[0]))  # the fallback first: row 2 can never decide
    _, items = chart(rule_chart.chart_html(checker))
    assert items == [
        [Part("node", box=Box("terminal", "Your answers", (), ""))],
        [Part("link", "row 1, any answers"), Part("node", box=outcome_box(checker, "off-hours"))],
    ]


def test_labels_are_escaped():
    original = checkers.get("us-federal")
    fact = Fact("on_call_hours", 'Is it <b>on call</b> & "now"?')
    outcomes = tuple(dataclasses.replace(o, title=o.title + " <script>x</script>") for o in original.outcomes)
    html = rule_chart.chart_html(us_federal(facts=(fact,), outcomes=outcomes))
    assert "<b>" not in html and "<script>" not in html and "&lt;b&gt;on call&lt;/b&gt; &amp; &quot;now&quot;?" in html
    _, items = chart(html)
    assert items[1][1].box.lines == ('Is it <b>on call</b> & "now"? yes',)
    assert items[1][2].box.heading.endswith(" <script>x</script>")
    # The saas-triage row about #incident-management keeps its '#' as plain text.
    _, items = chart(rule_chart.render_chart("saas-triage"))
    assert any("#incident-management" in line for item in items for p in item if p.box for line in p.box.lines)


def test_an_outcome_two_rows_share_is_drawn_for_each_row():
    _, items = chart(rule_chart.render_chart("concurrent"))
    codes = [p.box.code for item in items for p in item if p.box and p.box.kind == "outcome"]
    assert codes.count("(contact-manager)") == 2  # row 3 and the match-anything row 4


@pytest.fixture(scope="module")
def page_html(built_site):
    return lambda page: (built_site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_the_built_page_carries_the_chart_of_the_current_rules(page_html, name):
    assert rule_chart.render_chart(name) in page_html(CHARTED[name])


def test_no_page_loads_a_script_for_the_charts(built_site):
    # The charts are drawn by CSS alone: no diagram library is served, and no page names one.
    assert not (built_site / "assets" / "mermaid").exists()
    assert not (built_site / "assets" / "flowchart").exists()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "mermaid" not in html.lower(), page
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html)
        assert not [s for s in scripts if "flowchart" in s], page
    manifest = (built_site / "offline-manifest.json").read_text(encoding="utf-8")
    assert "mermaid" not in manifest.lower()


@pytest.mark.parametrize("name", ROUTING)
def test_each_routing_checker_sits_under_its_own_heading_with_its_chart(page_html, name):
    html = page_html(CHARTED[name])
    checker_heading = html.index(f'<h2 id="checker-{name}"')
    widget = html.index(f'data-checker="{name}"')
    chart_heading = html.index(f'<h3 id="flowchart-{name}"')
    figure = html.index(f'<figure class="flowchart flowchart--checker" data-flowchart="{name}">', chart_heading)
    next_heading = re.compile(r"<h[12][ >]").search(html, checker_heading + 1)
    assert checker_heading < widget < chart_heading < figure < (next_heading.start() if next_heading else len(html))
    # The headings are ours; they must not take a handbook section's anchor.
    assert f"flowchart-{name}" not in handbook.SECTIONS and f"checker-{name}" not in handbook.SECTIONS


def test_the_chart_is_one_block_of_raw_html_that_markdown_leaves_alone():
    # Blank lines inside would end the raw block and hand the rest to Markdown (every engine).
    for name in CHARTED:
        html = rule_chart.render_chart(name)
        assert "\n" not in html.strip()
        assert parse(html).elements()[0].tag == "figure"
