"""One HTML shell for every form (site_build/render/widgets.py): the checkers, the response texts and the
incident helper are all marked the same way for the page's one mount, and a multi-choice question
is a group of checkboxes named by the question's id."""

from __future__ import annotations

import re

from checkers.engine.model import Option, Question
from site_build.render import incident_helper, response_flow, widgets


def test_a_multi_choice_question_is_a_fieldset_of_checkboxes():
    q = Question(
        "criteria",
        "Which criteria apply?",
        "multi-choice",
        (Option("legal", "Legal"), Option("audit", "Audit")),
        default=(),
    )
    html = widgets.question_html("qualification", q)
    assert html.startswith('<fieldset class="checker__field" data-question="criteria" data-kind="multi-choice"')
    assert "<legend>Which criteria apply?</legend>" in html
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)" name="([^"]+)" value="([^"]+)"', html)
    assert boxes == [
        ("chk-qualification-criteria-legal", "criteria", "legal"),
        ("chk-qualification-criteria-audit", "criteria", "audit"),
    ]
    assert " required" not in html  # an empty list is a valid answer


def shell(html: str) -> str:
    return re.match(r"<section [^>]*>", html).group(0)


def test_every_form_shares_one_shell_and_names_its_form():
    checker = shell(widgets.checker_html("licence", ""))
    incident = shell(incident_helper.form_html())
    texts = shell(response_flow.form_html())
    for tag, name in ((checker, "licence"), (incident, "incident"), (texts, "response-texts")):
        assert 'data-hb-component="form"' in tag and f'data-form="{name}"' in tag
        assert f'data-renderer="{name}"' in tag  # docs/assets/checkers/render/<name>.js exists for all three
    assert 'data-checker="licence"' in checker and "data-keeps-link" in checker
    assert 'data-helper="incident"' in incident and "data-keeps-link" not in incident
    assert "data-response-texts" in texts and "data-keeps-link" in texts
    assert "data-prompt=" in incident


def test_the_status_says_what_still_works_without_python():
    html = widgets.checker_html("qualification", "")
    status = re.search(r'<p class="checker__status"[^>]*>', html).group(0)
    assert 'data-fallback="The decision table below still applies."' in status
    assert 'data-ready="Checked by Python in your browser' in status


def test_the_two_checklists_have_distinct_attributes():
    flow = response_flow.checklist_html("post-call", "")
    assert 'data-flow-checklist="post-call"' in flow and "data-checklist=" not in flow


def test_the_us_federal_clock_reads_pacific_offsets_python_wrote_into_its_shell():
    import html
    import json

    from checkers.rules.us_federal import clock_periods

    section = shell(widgets.checker_html("us-federal", ""))
    found = re.search(r'data-pacific-periods="([^"]+)"', section)
    assert found and json.loads(html.unescape(found.group(1))) == json.loads(json.dumps(clock_periods()))
    assert "data-pacific-periods" not in shell(widgets.checker_html("licence", ""))


def test_the_incident_helpers_links_are_marked_by_the_same_markup_as_the_contents():
    """The searches' links in its result are copies of one template the build writes with the function
    that marks every external link of the content; render/incident.js only fills in where and what."""
    from pathlib import Path

    from site_build.render import links

    html = incident_helper.form_html()
    assert html.count('<template data-hb-template="external-link">') == 1
    template = re.search(r'<template data-hb-template="external-link">(.*?)</template>', html, re.S)[1]
    marked = links.mark_external('<a href="https://example.org/">x</a>')
    assert template == marked.replace('href="https://example.org/"', 'href=""').replace(">x<", "><")
    script = Path(__file__).parents[2] / "docs" / "assets" / "checkers" / "render" / "incident.js"
    source = script.read_text(encoding="utf-8")
    assert 'fromTemplate(document, "external-link")' in source
    assert "external link" not in source and '"external"' not in source
