"""The training pages in the built site: the drills hold no answer key, the facilitator cards one
card per scenario (printable), the shadow checklist its steps; and a bad scenario fails the build."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape

from checkers import flows
from tests.conftest import build_site
from training import flow_library, library

SCENARIOS = library.load_all()
FLOW_DRILLS = flow_library.load_all()


def read(site, page):
    return (site / page / "index.html").read_text(encoding="utf-8")


def payload_of(html, component):
    """The JSON a component carries in its data-payload attribute (site_build/render/drills.py)."""
    match = re.search(rf'data-hb-component="{component}"[^>]*? data-payload=\'([^\']*)\'', html)
    assert match, f"the {component} component carries its data"
    return json.loads(unescape(match.group(1)))


def drill_data(html):
    return payload_of(html, "drills")


def test_the_drill_page_carries_every_scenario_and_no_answer_key(built_site):
    html = read(built_site, "drills")
    data = drill_data(html)
    assert sorted(s["id"] for s in data["scenarios"]) == sorted(s.id for s in [*SCENARIOS, *FLOW_DRILLS])
    for giveaway in ("data-correct", "key_choice", '"correct"', '"key"', "is-key"):
        assert giveaway not in html, giveaway
    # The data is an attribute, not a <script>: instant navigation leaves it as it is, search skips it.
    assert '<script type="application/json"' not in html


def test_the_whole_page_drills_are_on_the_drill_page_step_by_step_without_their_keys(built_site):
    html = read(built_site, "drills")
    walks = {s["id"]: s for s in drill_data(html)["scenarios"] if "flow" in s}
    assert sorted(walks) == sorted(d.id for d in FLOW_DRILLS)
    order = [step.id for step in flows.get("paged").steps]
    for drill in FLOW_DRILLS:
        walk = walks[drill.id]
        assert walk["flow"] == {"name": drill.flow, "answers": drill.answers}
        assert walk["story"]["ticket"] == drill.story.ticket
        fields = [q["field"] for q in walk["questions"]]
        assert fields == sorted(fields, key=order.index), "the steps come in the path's order"
        assert all(q["asks"] == "step" and q["step_title"] for q in walk["questions"])
        for question in walk["questions"]:
            # Exactly the choices of the file, with nothing that says which one is right.
            assert set(question) == {"id", "prompt", "step_title", "asks", "field", "choices"}
            assert all(set(choice) == {"value", "label"} for choice in question["choices"])
        assert f'<li id="drill-{drill.id}">' in html
    # The facts behind a walk, read as a person reads them (a list of exception criteria by their labels).
    assert {
        "label": "Which exception criteria apply? (Emergency Exception Workflow)",
        "value": "The problem will create immediate audit problems for a customer's business",
    } in walks["paged-exception-courtesy"]["known"]


def test_every_scenario_has_a_facilitator_card_with_its_expected_decisions(built_site):
    html = read(built_site, "drill-cards")
    cards = re.findall(r'<article class="drill-card" id="card-([a-z0-9-]+)"', html)
    assert sorted(cards) == sorted(s.id for s in [*SCENARIOS, *FLOW_DRILLS]), "the whole-page drills have theirs too"
    assert html.count('class="drill-card__part drill-card__answers" data-answers') == len(SCENARIOS) + len(FLOW_DRILLS)
    # The cards link the handbook sections their keys come from, relative to the page.
    assert 'href="../multiple-emergencies/#escalate-to-initiate-page-to-backup-engineers"' in html


def test_the_training_page_links_where_to_start_and_carries_every_drill_for_the_record(built_site):
    html = read(built_site, "training")
    for href in (
        'href="../shadow-onboarding/"',
        'href="../drills/"',
        'href="../drills/#whole-page-drills"',
        'href="../drill-cards/"',
        'href="../paged/#role-play"',
    ):
        assert href in html, href
    data = payload_of(html, "training-record")
    drills = {d["id"]: d for d in data["drills"]}
    assert sorted(drills) == sorted(s.id for s in [*SCENARIOS, *FLOW_DRILLS])
    shown = {d["id"]: d for d in drill_data(read(built_site, "drills"))["scenarios"]}
    for drill_id, entry in drills.items():
        # The record counts a drill by the same version and sections the drill page records it with.
        assert (entry["version"], entry["sections"]) == (shown[drill_id]["version"], shown[drill_id]["sections"])
        assert entry["sections"], drill_id
    assert '"key"' not in html and "key_choice" not in html


def test_the_cards_print_one_per_sheet_with_everything_revealed(built_site):
    css = (built_site / "assets" / "stylesheets" / "training.css").read_text(encoding="utf-8")
    printing = css[css.index("@media print") :]
    assert ".drill-card { break-before: page;" in printing
    screen_only = re.search(r"@media screen \{\s*\.drill-card \.is-concealed \{ display: none; \}", css)
    assert screen_only, "facts and answers are covered on screen only, never on paper"
    assert 'href="../assets/stylesheets/training.css"' in read(built_site, "drill-cards")


def test_the_answer_keys_stay_out_of_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("drill-cards/")]


def test_the_shadow_checklist_has_its_steps_and_says_what_the_handbook_does_not(built_site):
    html = read(built_site, "shadow-onboarding")
    steps = re.findall(r'<input type="checkbox" id="([a-z-]+)" data-step="([a-z-]+)"', html)
    assert [step for _, step in steps] == [
        "module",
        "shadow-schedule",
        "short-shadow",
        "drills",
        "reverse-shadow",
        "manager",
        "pagerduty-issue",
        "join",
    ]
    for dom_id, _ in steps:
        assert f'<label for="{dom_id}">' in html
    assert "does not mention a reverse shadow" in html
    assert 'href="../rotation/#how-to-be-added-to-the-customer-emergencies-pagerduty-rotation"' in html
    assert 'href="../training/#customer-emergency-shadow-pagerduty-schedule"' in html
    assert 'href="../drills/#drill-concurrent-first-page"' in html


def test_the_training_section_is_in_the_navigation(built_site):
    html = read(built_site, "drills")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    for title in ("Training resources", "Shadow onboarding", "Scenario drills", "Facilitator cards"):
        assert title in nav


def test_a_scenario_with_invalid_facts_fails_the_build_naming_file_and_field(tmp_path, monkeypatch):
    scenarios = tmp_path / "scenarios"
    shutil.copytree(library.SCENARIOS, scenarios)
    broken = scenarios / "us-federal-0430-pacific.toml"
    text = broken.read_text(encoding="utf-8")
    assert "at = 2024-03-14T04:30:00-07:00" in text
    broken.write_text(text.replace("at = 2024-03-14T04:30:00-07:00", "at = 2024-03-14T04:30:00"), encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_SCENARIOS", str(scenarios))
    done = build_site(tmp_path / "site")
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert re.search(
        r"us-federal-0430-pacific\.toml: facts\.answers\.at: 2024-03-14T04:30:00 has no UTC offset", output
    ), output
