"""The guided response page as built: one step from the home page, first in the navigation, its
steps in the handbook's order each citing their section, the checkers and texts in place, and
checklists whose every item is the handbook's own sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkers.texts import checklists, response_texts

from .test_site import SEED_MARKDOWN
from .text import html_text, normalise, seed_lines


@pytest.fixture(scope="module")
def paged(built_site) -> str:
    return (built_site / "paged" / "index.html").read_text(encoding="utf-8")


def test_the_home_pages_primary_button_opens_the_flow(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    button = re.search(r'<a[^>]*class="[^"]*md-button--primary[^"]*"[^>]*>', home)
    assert button and 'href="paged/"' in button.group(0)


def test_the_flow_comes_first_in_the_navigation_after_home(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    primary = home[home.index('class="md-nav md-nav--primary"') :]
    links = re.findall(r'<a href="([^"]*)"[^>]*class="md-nav__link[^"]*"', primary)
    pages = [link for link in links if link not in ("", ".", "./") and not link.startswith("#")]  # not Home's own TOC
    assert pages[0] == "paged/"
    assert pages[1] == "responding/"  # the handbook's own section stays, right after it


STEPS = [
    ("step-acknowledge", "responding/#respond-to-pagerduty-alerts"),
    ("step-open-ticket", "responding/#respond-to-pagerduty-alerts"),
    ("step-entitlement", None),
    ("step-qualify", None),
    ("step-reply", "qualifying/#determine-if-the-situation-qualifies-as-an-emergency"),
    ("step-resolve-pagerduty", "responding/#pagerduty-status"),
    ("step-slack-thread", "responding/#respond-to-pagerduty-alerts"),
    ("step-clock", "responding/#respond-to-pagerduty-alerts"),
    ("step-post-call", "calls/#post-call"),
    ("step-resolved", "calls/#when-the-emergency-is-resolved"),
]


def _sections(html: str) -> dict[str, str]:
    """Each step's HTML, from its h2 to the next h2."""
    parts = re.split(r'(?=<h2 id=")', html[html.index('<h2 id="step-') :])
    return {re.match(r'<h2 id="([^"]+)"', part).group(1): part for part in parts if part.startswith("<h2")}


def test_steps_come_in_the_handbooks_order_and_cite_their_section(paged):
    sections = _sections(paged)
    assert [anchor for anchor in sections if anchor.startswith("step-")] == [anchor for anchor, _ in STEPS]
    for anchor, cite in STEPS:
        if cite:
            assert f'href="../{cite}"' in sections[anchor], anchor


@pytest.mark.parametrize(
    ("step", "widget"),
    [
        ("step-open-ticket", "data-response-texts"),
        ("step-entitlement", 'data-checker="entitlement"'),
        ("step-qualify", 'data-checker="qualification"'),
        ("step-qualify", 'data-checker="borderline"'),
        ("step-reply", 'data-response-text="public_comment"'),
        ("step-slack-thread", 'data-response-text="slack_thread"'),
        ("step-clock", 'data-checker="follow-up"'),
        ("step-clock", 'data-response-text="follow_up"'),
        ("step-post-call", 'data-flow-checklist="post-call"'),
        ("step-post-call", 'data-response-text="next_engineer"'),
        ("step-resolved", 'data-flow-checklist="option-1"'),
        ("step-resolved", 'data-flow-checklist="option-2"'),
    ],
)
def test_each_step_carries_its_checker_text_or_checklist(paged, step, widget):
    assert widget in _sections(paged)[step]


def test_pagerduty_statuses_and_resolved_is_not_solved_are_where_the_engineer_acts(paged):
    sections = _sections(paged)
    for step in ("step-acknowledge", "step-resolve-pagerduty"):
        text = html_text(sections[step])
        for status in ("Triggered", "Acknowledged", "Resolved"):
            assert status in text, (step, status)
    assert "Resolved does not mean solved" in html_text(sections["step-resolve-pagerduty"])
    assert '"Resolved" in PagerDuty does not mean the underlying issue has been resolved.' in normalise(
        html_text(sections["step-resolve-pagerduty"])
    )


def test_texts_read_before_python_starts_with_their_placeholders(paged):
    empty = response_texts.texts({})["texts"]
    for text_id, entry in empty.items():
        slot = re.search(
            rf'<div class="flow-text" data-response-text="{text_id}">(.*?)<p class="flow-text__todo', paged, re.S
        )
        assert slot, text_id
        assert normalise(entry["text"]) in normalise(html_text(slot.group(1)))


def test_every_checklist_item_is_a_sentence_of_the_handbook():
    seed = normalise(" ".join(seed_lines(SEED_MARKDOWN)))
    for entry in checklists.CHECKLISTS:
        for item in entry.items:
            assert normalise(item.text) in seed, (entry.id, item.id)


def test_the_borderline_checker_sits_under_its_own_heading_in_its_section(built_site):
    html = (built_site / "qualifying" / "index.html").read_text(encoding="utf-8")
    section = html.index('id="situations-that-might-or-might-not-be-emergencies"')
    heading = html.index('id="checker-borderline"')
    widget = html.index('data-checker="borderline"')
    assert section < heading < widget
    assert re.search(r'<h3 id="checker-borderline"', html)


def test_the_flow_page_keeps_every_script_in_a_file(paged):
    # Our markup adds no inline script or handler (the theme's own are the CSP's business).
    for block in re.findall(
        r'<section class="checker flow-texts".*?</section>|<fieldset class="flow-checklist".*?</fieldset>'
        r'|<div class="flow-toolbar".*?</div>',
        paged,
        re.S,
    ):
        assert "<script" not in block and not re.search(r"\son[a-z]+=", block)


def test_the_path_panel_does_not_number_steps_against_the_pages_headings(paged):
    # One numbering on the page: the headings' (1 to 10). The panel lists every step of the flow in
    # order under its own title, with no count of its own that would disagree with them.
    from checkers.flows import paged as flow

    panel = paged[paged.index('data-hb-component="flow-path"') :]
    titles = [html_text(t) for t in re.findall(r'<li class="flow-path__step"[^>]*><a [^>]*>(.*?)</a>', panel)]
    assert titles == [step.title for step in flow.STEPS]
    headings = {m.group(1): m.group(2) for m in re.finditer(r'<h[23] id="(step-[^"]+)"[^>]*>(.*?)</h[23]>', paged)}
    for step in flow.STEPS:
        section = flow.PAGE_SECTIONS.get(step.id)
        if section:
            assert section in headings, step.id


def test_the_path_panels_list_shows_no_numbers_of_its_own(built_site):
    css = (built_site / "assets" / "stylesheets" / "flow.css").read_text(encoding="utf-8")
    assert re.search(r"\.flow-path__steps \{[^}]*list-style: none", css)


def test_each_step_section_has_a_body_the_path_can_fold_with_its_reason(paged):
    # "Skipped steps fold away with their reason": every section a step is read in has a note (hidden
    # until the path skips it) right under its heading, and a body that is not folded without JavaScript.
    from checkers.flows import paged as flow

    for section in set(flow.PAGE_SECTIONS.values()):
        note = re.search(
            rf'</h[23]><p class="flow-section__skipped" data-flow-section-skipped="{section}"'
            rf"(?: data-flow-folded-first)? hidden>",
            paged,
        )
        assert note, section
        body = re.search(
            rf'<div class="flow-section__body" id="{section}-body" data-flow-section-body="{section}"[^>]*>', paged
        )
        assert body and body.start() > note.start(), section
    reply = paged[paged.index('data-flow-section-body="step-reply"') : paged.index('id="step-call"')]
    assert 'data-response-text="public_comment"' in reply  # the reply's text folds with the reply, not the call
    clock = paged[paged.index('data-flow-section-body="step-clock"') : paged.index('id="step-post-call"')]
    assert 'data-response-text="follow_up"' in clock and 'data-checker="follow-up"' in clock


def test_the_path_panel_shows_a_first_visits_path_before_python_starts(paged):
    """Drawn at build time as Python's first answer draws it, so the page does not move when it comes."""
    from html import escape

    from checkers import flows
    from site_build.render import flow_path

    first = flows.run("paged", {})
    for step in first["steps"]:
        item = re.search(
            rf'<li class="flow-path__step" data-flow-step="{step["id"]}" data-status="([a-z]+)">(.*?)</li>', paged, re.S
        )
        assert item, step["id"]
        assert item[1] == step["status"], step["id"]
        assert normalise(f"({step['status_text']})") in html_text(item[2])
        assert ('aria-current="step"' in item[2]) == (step["status"] == "next")
    skipped = [s for s in first["steps"] if s["status"] == "skipped"]
    assert skipped, "a first visit skips the steps that need a topic or a second emergency"
    listed = re.search(r"<ul data-flow-skipped-list>(.*?)</ul>", paged, re.S)
    assert listed
    entries = [html_text(entry) for entry in re.findall(r"<li>.*?</li>", listed[1], re.S)]
    assert entries == [normalise(f"{step['title']}: {step['because']}") for step in skipped]
    for text_id in flow_path.SHOWN_TEXTS:
        assert escape(first["texts"][text_id]["text"]) in paged


PAGE_SCRIPTS = Path(__file__).parents[2] / "docs" / "assets" / "checkers"


def test_the_path_and_the_texts_take_their_markup_from_the_build(paged):
    """What "Your path" draws after each answer (a text, the "Next:" line, a skipped step) is written
    once, by the build, as a template on the page; the scripts that show the path and the texts fill
    the build's markup with text and create no element of their own."""
    from site_build.render import flow_path

    for name in flow_path.TEMPLATES:
        assert paged.count(f'<template data-hb-template="{name}">') == 1, name
    path_script = (PAGE_SCRIPTS / "flow-path.js").read_text(encoding="utf-8")
    assert set(re.findall(r'fromTemplate\(panel, "([a-z-]+)"\)', path_script)) == set(flow_path.TEMPLATES)
    for script in ("flow-path.js", "render/response-texts.js", "link-state.js"):
        source = (PAGE_SCRIPTS / script).read_text(encoding="utf-8")
        assert not re.search(r"\bel\(|createElement|copyButton|innerHTML|className", source), script
    # The build draws every text's Copy button (disabled until the script gives it its text).
    for text_id in response_texts.texts({})["texts"]:
        slot = re.search(rf'data-response-text="{text_id}">(.*?)<p class="flow-text__todo', paged, re.S)
        assert slot and 'class="md-button checker__copy"' in slot[1], text_id


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<section data-hb-component="flow-path" data-flow="paged"></section>', "step 'acknowledge' has no section"),
    ],
    ids=["no-sections"],
)
def test_a_flow_page_that_cannot_answer_its_steps_is_refused(html, problem):
    from site_build.render.flow_path import FlowPageError, check_flow_page

    with pytest.raises(FlowPageError, match=problem):
        check_flow_page(html)


def test_the_guided_page_as_built_answers_every_step_of_its_flow(paged):
    from site_build.render.flow_path import check_flow_page

    check_flow_page(paged)  # every step has its section, in order, each checker step its form


def test_a_checker_step_whose_form_is_missing_from_its_page_fails_the_build(tmp_path):
    from tests.build.variant import build_variant, copy_docs

    docs = copy_docs(tmp_path)
    page = docs / "paged.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- checker: licence -->", ""), encoding="utf-8")
    done = build_variant(tmp_path / "site", docs_dir=docs)
    assert done.returncode != 0
    assert "checker step 'licence' has no form in its section #step-licence" in done.stdout + done.stderr


def test_sections_out_of_the_flows_order_are_refused(paged):
    from site_build.render.flow_path import FlowPageError, check_flow_page

    # The licence section moved after US Federal's: the page no longer follows the flow.
    start, end = paged.index('<h3 id="step-licence"'), paged.index('<h3 id="step-saas-triage"')
    licence = paged[start:end]
    moved = paged[:start] + paged[end:]
    federal_end = moved.index('<h2 id="step-reply"')
    moved = moved[:federal_end] + licence + moved[federal_end:]
    with pytest.raises(FlowPageError, match="stands before an earlier step"):
        check_flow_page(moved)


def test_the_sections_a_first_visit_skips_are_drawn_folded_and_their_forms_wait(paged):
    """A section whose every step a first visit skips is drawn folded, with the path's reason and its
    heading marked as the panel marks it (flow.css applies these only where scripts run), and
    widget.js holds back its form's first answer."""
    from html import escape

    from checkers import flows
    from checkers.flows import paged as flow

    first = {step["id"]: step for step in flows.run("paged", {})["steps"]}
    folded = 0
    for section in set(flow.PAGE_SECTIONS.values()):
        steps = [step for step_id, step in first.items() if flow.PAGE_SECTIONS.get(step_id) == section]
        skipped = all(step["status"] == "skipped" for step in steps)
        body = f'data-flow-section-body="{section}" data-flow-first-skipped data-flow-folded-first>'
        assert (body in paged) == skipped, section
        note = re.search(
            rf'data-flow-section-skipped="{section}" data-flow-folded-first hidden><strong>Skipped:</strong> '
            r"<span data-flow-section-because>([^<]*)</span>",
            paged,
        )
        assert (note is not None) == skipped, section
        assert (f'id="{section}" data-flow-first-status="skipped"' in paged) == skipped, section
        if skipped:
            folded += 1
            assert note.group(1) == escape(" ".join(dict.fromkeys(step["because"] for step in steps)))
    assert folded >= 3
    assert 'data-flow-section-body="step-us-federal" data-flow-first-skipped data-flow-folded-first>' in paged
    assert 'data-flow-section-body="step-entitlement">' in paged
