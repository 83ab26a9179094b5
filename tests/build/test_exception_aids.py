"""The Emergency Exception Workflow's aids and criteria come from the page itself."""

from __future__ import annotations

import re

import pytest

from checkers.engine import registry
from site_build.render import exception_aids

PAGE = exception_aids.SOURCE.read_text(encoding="utf-8")
AIDS = exception_aids.load()


def test_every_example_and_non_emergency_of_the_page_is_read():
    assert [e.title for e in AIDS.examples] == re.findall(
        r"^#### (.+)$",
        PAGE.split("### Examples of situations")[1].split("### Situations that Are not")[0],
        re.MULTILINE,
    )
    assert len(AIDS.examples) == 9 and len(AIDS.not_emergencies) == 6
    both = [e for e in AIDS.examples if e.emergency and e.not_emergency]
    assert len(both) == 8 and all(e.reasoning for e in both)
    assert AIDS.not_emergencies[0].title == "Third party integration is not working"


def test_the_criteria_labels_are_the_pages_own_wording():
    question = {q["id"]: q for q in registry.schema("qualification")["questions"]}["criteria"]
    cases = [case for _, subs in AIDS.criteria for case in subs]
    page_lines = [text for text, _ in AIDS.criteria] + cases
    plain_lines = [exception_aids.plain(line) for line in page_lines]
    for option in question["options"]:
        parts = option["label"].split(": ")
        assert all(any(part == line for line in plain_lines) for part in parts), option


def test_the_aids_render_collapsed_with_a_filter_and_no_raw_markdown():
    html = exception_aids.render_exception_aids("")
    assert html.count("<details") == 3 and " open" not in html
    assert (
        "data-aids-filter" in html
        and '<label for="aids-filter">' in html
        and 'data-hb-component="exception-aids"' in html
    )
    assert "<code>clone</code>" in html and "`" not in html and "**" not in html and "](#" not in html
    assert 'href="#exception-criteria"' in html and 'id="exception-criteria"' in html
    assert "December 2025" in html
    assert "<script" not in html and not re.search(r"<[^>]*\son[a-z]+=", html)  # CSP: no inline script or handler


@pytest.mark.parametrize("broken", ["### Exception Criteria", "### Situations that Are not Emergencies"])
def test_a_page_without_a_section_fails_naming_it(broken):
    with pytest.raises(exception_aids.AidsError) as error:
        exception_aids.parse(PAGE.replace(broken, "### Renamed"))
    assert broken.removeprefix("### ") in str(error.value)
