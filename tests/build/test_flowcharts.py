"""The flowcharts are drawn from the checkers' own rule tables, show every outcome, follow the
first-match order, and are rendered by the site's own copy of the pinned Mermaid package."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

import checkers
from checkers import flows, handbook
from site_build import flowchart, markers

ROOT = Path(__file__).resolve().parents[2]
ROUTING = ("concurrent", "us-federal", "saas-triage", "special-handling", "stuck")


def charted_pages() -> dict[str, str]:
    """Checker name -> the page (site-relative directory URL) whose Markdown asks for its chart (a
    flow's chart, drawn from its steps, is tested in test_flow_chart.py)."""
    found = {}
    for source in sorted((ROOT / "docs").glob("*.md")):
        for name in (arg for kind, arg in markers.markers_in(source.read_text(encoding="utf-8")) if kind == "flowchart" and arg not in flows.NAMES):
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


def edges(source: str) -> dict[str, dict[str, str]]:
    """node -> {edge label -> target} from the Mermaid text."""
    found: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"^\s*(\w+) -->(?:\|\"?([^|\"]*)\"?\|)? (\w+)$", source, re.MULTILINE):
        found.setdefault(match[1], {})[match[2] or ""] = match[3]
    return found


def mermaid_unescape(text: str) -> str:
    """Mermaid's own entities (#35; #quot;) back to text, as the reader sees the label."""
    return re.sub(r"#(\w+);", lambda m: chr(int(m[1])) if m[1].isdigit() else unescape(f"&{m[1]};"), text)


def node_labels(source: str) -> dict[str, str]:
    """node -> its label, lines joined by spaces."""
    return {
        m[1]: mermaid_unescape(m[2]).replace("<br>", " ")
        for m in re.finditer(r'^\s*(\w+)[({\[]+"(.*?)"[)}\]]+$', source, re.MULTILINE)
    }


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_every_outcome_of_the_checker_is_in_its_chart(name):
    checker = checkers.get(name)
    labels = node_labels(flowchart.mermaid_source(checker))
    for outcome in checker.outcomes:
        node = flowchart._outcome_id(outcome.code)
        assert node in labels, f"{name}: outcome {outcome.code} is not drawn"
        assert f"({outcome.code})" in labels[node] and outcome.title in labels[node]


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_the_chart_follows_the_rule_table_in_first_match_order(name):
    checker = checkers.get(name)
    source = flowchart.mermaid_source(checker)
    graph, labels = edges(source), node_labels(source)
    (node,) = graph["start"].values()
    for number, rule in enumerate(checker.rules, start=1):
        if not rule.when:  # the row that matches anything: the last "no match" leads to its outcome
            assert node == flowchart._outcome_id(rule.outcome), f"{name}: row {number} is not the fallback"
            return
        assert node == f"row{number}", f"{name}: row {number} is out of order"
        for fact_id, allowed in rule.when.items():  # each condition of the row is written in its node
            fact = next(f for f in checker.facts if f.id == fact_id)
            assert fact.label in labels[node] and all(fact.label_of(v) in labels[node] for v in allowed)
        assert graph[node]["matches"] == flowchart._outcome_id(rule.outcome)
        (node,) = [target for label, target in graph[node].items() if label.startswith("no match")]
    assert node == "nomatch"


def test_labels_are_escaped_for_mermaid():
    # The saas-triage row about #incident-management carries a '#', Mermaid's entity marker.
    source = flowchart.mermaid_source(checkers.get("saas-triage"))
    assert "#35;incident-management" in source and "#incident-management" not in source


@pytest.fixture(scope="module")
def page_html(built_site):
    return lambda page: (built_site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CHARTED))
def test_the_built_page_carries_the_chart_of_the_current_rules(page_html, name):
    html = page_html(CHARTED[name])
    blocks = [unescape(b) for b in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', html, re.DOTALL)]
    assert flowchart.mermaid_source(checkers.get(name)) in [b.strip() for b in blocks]


def test_every_page_has_the_loader_and_none_loads_the_library_itself(built_site):
    # The loader must be there before Material looks for `mermaid` on whichever page instant
    # navigation reaches; the 3.5 MB library is fetched by the loader only when a diagram is drawn.
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loader = re.search(r'<script src="[^"]*assets/flowchart/mermaid-loader\.js"></script>', html)
        bundle = html.find('/javascripts/bundle.')
        assert loader and bundle != -1 and loader.start() > html.index("</article>"), page
        assert "mermaid.min.js" not in html, page


def test_the_site_serves_the_pinned_mermaid_bundle(built_site):
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["mermaid"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "mermaid must be pinned exactly"
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/mermaid"]["version"]
    assert locked == pinned
    served = built_site / "assets" / "mermaid" / "mermaid.min.js"
    assert served.read_bytes() == (flowchart.MERMAID_NPM / "dist" / "mermaid.min.js").read_bytes()
    assert json.loads((flowchart.MERMAID_NPM / "package.json").read_text())["version"] == pinned
    assert (built_site / "assets" / "mermaid" / "LICENSE").exists()
    # The loader asks for that file, relative to itself, and names no other host.
    loader = (built_site / "assets" / "flowchart" / "mermaid-loader.js").read_text()
    assert '"../mermaid/mermaid.min.js"' in loader and not re.search(r"https?://", loader)


@pytest.mark.parametrize("name", ROUTING)
def test_each_routing_checker_sits_under_its_own_heading_with_its_chart(page_html, name):
    html = page_html(CHARTED[name])
    checker_heading = html.index(f'<h2 id="checker-{name}"')
    widget = html.index(f'data-checker="{name}"')
    chart_heading = html.index(f'<h3 id="flowchart-{name}"')
    chart = html.index('<pre class="mermaid">', chart_heading)
    next_heading = re.compile(r"<h[12][ >]").search(html, checker_heading + 1)
    assert checker_heading < widget < chart_heading < chart < (next_heading.start() if next_heading else len(html))
    # The headings are ours; they must not take a handbook section's anchor.
    assert f"flowchart-{name}" not in handbook.SECTIONS and f"checker-{name}" not in handbook.SECTIONS
