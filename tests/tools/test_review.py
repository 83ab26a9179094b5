"""The review of a new handbook version against the pins (pure text in, data out), and re-pinning."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Callable

import pytest

from handbook_tools import placements, repin, review, snapshot
from handbook_tools.pins import REPOSITORY, Dependent, Pin

from .review_before import report_before

OLD = """---
layout: markdown_page
title: A page
---

- TOC
{:toc}

## Respond to alerts

1. Acknowledge the alert in PagerDuty or Slack.
1. Verify that the requester is entitled:
   1. If the customer is associated with an org, verify that their
      subscription is Premium or above.
1. After 15 minutes, if the customer has not responded, send a follow up message.

#### Status
{:.no_toc}

Start a thread in `#support_self-managed` with the _ticket_ link.

```
# not a heading
```

## US Federal Emergencies

Support is provided between the hours of 0500 and 1700 Pacific Time.
Customers are permitted to submit emergencies via email.
The schedule is split into two shifts.
"""

DEPENDENTS = [
    Dependent(
        "checker",
        "follow-up",
        (Pin("respond-to-alerts", "After 15 minutes, if the customer has not responded, send a follow up message."),),
        "checkers/rules/follow_up.py",
    ),
    Dependent(
        "checker",
        "entitlement",
        (
            Pin(
                "respond-to-alerts",
                "If the customer is associated with an org, verify that their subscription is Premium or above.",
            ),
        ),
        "checkers/rules/entitlement.py",
    ),
    Dependent(
        "scenario",
        "us-federal-0430",
        (Pin("us-federal-emergencies", "Support is provided between the hours of 0500 and 1700 Pacific Time."),),
        "training/x.toml",
    ),
    Dependent(
        "text", "slack_thread", (Pin("status", "Start a thread in #support_self-managed with the ticket link."),), ""
    ),
]


def _review(new: str) -> dict:
    old = snapshot.parse(OLD)
    return same_report_as_every_ratio(lambda: review.review(snapshot.parse(new), review.lock_of(old), DEPENDENTS))


def same_report_as_every_ratio(run: Callable[[], dict]) -> dict:
    """`run`'s review, checked to be the report the review gave when it computed every ratio."""
    result = run()
    assert review.json_report(result) == report_before(run)
    return result


def test_a_kramdown_page_reads_into_sections_with_their_slugs():
    snap = snapshot.parse(OLD)
    assert [(s.anchor, s.level, s.parent) for s in snap.sections] == [
        ("respond-to-alerts", 2, None),
        ("status", 4, "respond-to-alerts"),
        ("us-federal-emergencies", 2, None),
    ]
    assert "Start a thread in #support_self-managed with the ticket link." in snap.sections[1].sentences
    assert "{:.no_toc}" not in snap.sections[1].text


def test_a_hugo_page_reads_too():
    hugo = '+++\ntitle = "x"\n+++\n\n{{% alert %}}Hi{{% /alert %}}\n\n## US Government On-call {#us-gov}\n\nText.\n'
    (section,) = snapshot.parse(hugo).sections
    assert (section.anchor, section.title) == ("us-gov", "US Government On-call")


@pytest.mark.parametrize("text", ["no heading here\n", "", "---\ntitle: x\n---\n"])
def test_a_page_with_no_headings_is_refused(text):
    with pytest.raises(snapshot.SnapshotError, match="no headings"):
        snapshot.parse(text)


def test_an_unchanged_page_has_no_dependent_to_review():
    result = _review(OLD)
    assert {s["status"] for s in result["sections"]} == {"unchanged"}
    assert result["dependents"] == [] and result["checkers_to_review"] == []


def test_rewrapped_lines_and_changed_emphasis_are_no_change():
    result = _review(
        OLD.replace("verify that their\n      subscription", "verify that their subscription").replace(
            "_ticket_", "**ticket**"
        )
    )
    assert result["dependents"] == []


def test_a_changed_delay_lists_the_follow_up_not_the_entitlement():
    result = _review(OLD.replace("After 15 minutes", "After 20 minutes"))
    assert [(d["kind"], d["name"], d["status"]) for d in result["dependents"]] == [("checker", "follow-up", "changed")]
    assert (
        result["dependents"][0]["new_sentence"]
        == "After 20 minutes, if the customer has not responded, send a follow up message."
    )
    assert result["checkers_to_review"] == ["follow-up"]
    assert {s["anchor"]: s["status"] for s in result["sections"]}["respond-to-alerts"] == "changed"


def test_a_changed_sentence_nothing_relies_on_lists_no_dependent():
    result = _review(OLD.replace("submit emergencies via email", "submit emergencies via the portal"))
    assert result["dependents"] == []
    assert {s["anchor"]: s["status"] for s in result["sections"]}["us-federal-emergencies"] == "changed"


def test_a_renamed_heading_is_matched_by_its_text_and_said_to_have_moved():
    result = _review(OLD.replace("## US Federal Emergencies", "## US Government On-call"))
    (row,) = [s for s in result["sections"] if s["anchor"] == "us-federal-emergencies"]
    assert row["status"] == "unchanged" and row["moved"] and row["new_anchor"] == "us-government-on-call"
    assert [(d["name"], d["status"], d["new_anchor"]) for d in result["dependents"]] == [
        ("us-federal-0430", "moved", "us-government-on-call")
    ]


def test_a_heading_at_another_level_is_the_same_section_moved():
    result = _review(OLD.replace("#### Status", "### Status"))
    (row,) = [s for s in result["sections"] if s["anchor"] == "status"]
    assert row["moved"] and row["new_level"] == 3 and result["dependents"] == []


def test_a_removed_section_lists_what_stood_on_it():
    result = _review(OLD.split("## US Federal Emergencies")[0] + "## Something new\n\nNew text.\n")
    statuses = {s["anchor"]: s["status"] for s in result["sections"]}
    assert statuses["us-federal-emergencies"] == "removed" and statuses["something-new"] == "added"
    assert [(d["name"], d["status"]) for d in result["dependents"]] == [("us-federal-0430", "removed")]


def test_a_sentence_moved_to_another_section_is_found_there():
    moved = (
        OLD.replace("1. After 15 minutes, if the customer has not responded, send a follow up message.\n", "")
        + "\n## Follow up\n\nAfter 15 minutes, if the customer has not responded, send a follow up message.\n"
    )
    result = _review(moved)
    assert [(d["name"], d["status"], d["new_anchor"]) for d in result["dependents"]] == [
        ("follow-up", "moved", "follow-up")
    ]


def test_repin_rewrites_a_literal_split_over_lines():
    source = 'PINS = (\n    Pin(A, "After 15 minutes, "\n        "send it."),  # why\n    Pin(B, "other"),\n)\n'
    assert (
        repin.replace_in_python(source, "After 15 minutes, send it.", 'After 20 "minutes", send it.')
        == 'PINS = (\n    Pin(A, "After 20 \\"minutes\\", send it."),  # why\n    Pin(B, "other"),\n)\n'
    )
    with pytest.raises(repin.RepinError):
        repin.replace_in_python(source, "not there", "x")
    toml = 'pins = [\n  { anchor = "a", sentence = "Between 0500 and 1700." },\n]\n'
    assert "0600" in repin.replace_in_toml(toml, "Between 0500 and 1700.", "Between 0600 and 1700.")


@pytest.mark.parametrize("clauses", [1, 2, 6], ids=["fits-its-line", "two-pieces", "many-pieces"])
def test_a_repinned_sentence_passes_the_projects_lint_and_format(tmp_path, clauses):
    """After `--repin`, `scripts/test` still passes: a sentence too long for its line is written in
    pieces within the line length, and the file is laid out as ruff lays it out."""
    pytest.importorskip("ruff")
    old = "After 15 minutes, if the customer has not responded, send a follow up message."
    new = " ".join(["After 20 minutes, if the customer has still not responded to anything,"] * clauses)
    module = tmp_path / "checkers" / "rules" / "clock.py"
    module.parent.mkdir(parents=True)
    header = 'from checkers.engine.pins import Pin\n\nRESPOND = "respond"\n'
    module.write_text(f'{header}\nPINS = (\n    Pin(RESPOND, "{old}"),\n    Pin(RESPOND, "other"),\n)\n')
    module.write_text(repin.replace_in_python(module.read_text(), old, new))
    shutil.copy(REPOSITORY / "pyproject.toml", tmp_path / "pyproject.toml")
    assert repin.format_python(tmp_path, [module])
    text = module.read_text()
    pins = next(
        node.value for node in ast.parse(text).body if isinstance(node, ast.Assign) and node.targets[0].id == "PINS"
    )
    assert ast.literal_eval(pins.elts[0].args[1]) == new  # the sentence itself, whole
    config = ["--config", str(tmp_path / "pyproject.toml")]
    for check in (["check", "--quiet"], ["format", "--check", "--quiet"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *check, *config, str(module)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_placements_say_what_is_placed_nowhere_twice_or_unknown():
    snap = snapshot.parse(OLD)
    pages = {
        "a.md": "<!-- handbook: ## respond-to-alerts -->\n<!-- handbook: #### status -->\n",
        "b.md": "<!-- handbook: # respond-to-alerts -->\n<!-- handbook: ## nothing -->\n<!-- handbook: status -->\n",
    }
    found, problems = placements.check(snap, pages)
    assert found["status"] == placements.Placement("a.md", 4)
    assert any("#respond-to-alerts is placed twice: in a.md and in b.md" in p for p in problems)
    assert any("names no section" in p and "nothing" in p for p in problems)
    assert any("expected '<!-- handbook: ## section-anchor -->'" in p for p in problems)
    assert any(
        p.startswith("#us-federal-emergencies ('US Federal Emergencies') is placed on no page") for p in problems
    )


def test_a_flow_step_carries_its_pins_and_is_reviewed_like_the_rest():
    from types import SimpleNamespace

    from handbook_tools.pins import flow_dependents

    step = SimpleNamespace(
        id="follow-up-clock",
        pins=(
            Pin("respond-to-alerts", "After 15 minutes, if the customer has not responded, send a follow up message."),
        ),
    )
    module = SimpleNamespace(
        STEPS=(step, SimpleNamespace(id="acknowledge", pins=())),
        PINS={"acknowledge": (Pin("respond-to-alerts", "Acknowledge the alert in PagerDuty or Slack."),)},
    )
    dependents = flow_dependents("paged", module)
    assert [(d.kind, d.name, len(d.pins)) for d in dependents] == [
        ("flow-step", "paged.follow-up-clock", 1),
        ("flow-step", "paged.acknowledge", 1),
    ]
    result = review.review(
        snapshot.parse(OLD.replace("After 15 minutes", "After 20 minutes")),
        review.lock_of(snapshot.parse(OLD)),
        dependents,
    )
    assert [(d["kind"], d["name"]) for d in result["dependents"]] == [("flow-step", "paged.follow-up-clock")]
    assert result["checkers_to_review"] == []


def test_a_flow_step_pins_what_its_conditions_route_on_once_each():
    from types import SimpleNamespace

    from handbook_tools.pins import flow_dependents

    verify = Pin(
        "respond-to-alerts",
        "If the customer is associated with an org, verify that their subscription is Premium or above.",
    )
    entitled = SimpleNamespace(pins=(verify,))
    step = SimpleNamespace(
        id="follow-up-clock",
        applies=(entitled, entitled),
        pins=(
            Pin("respond-to-alerts", "After 15 minutes, if the customer has not responded, send a follow up message."),
            verify,
        ),
    )
    [dependent] = flow_dependents("paged", SimpleNamespace(STEPS=(step,)))
    assert dependent.pins == step.pins  # the condition's pin is the step's too, listed once
    new = OLD.replace(
        "verify that their\n      subscription is Premium", "verify that their\n      subscription is Ultimate"
    )
    result = review.review(snapshot.parse(new), review.lock_of(snapshot.parse(OLD)), [dependent])
    assert [(d["name"], d["status"]) for d in result["dependents"]] == [("paged.follow-up-clock", "changed")]


EXCEPTION_PAGE = """## Introduction

Some words.

### Exception Criteria

An exception may be granted if any of the following is true:

1. The problem will create immediate audit problems for a customer's business

### Examples of situations that might (or might not) qualify for an exception

Following is a sample list.

#### Your users are unable to login to GitLab

- **Emergency**: all users are unable to login
- **Not Emergency**: some people can login, and some can't
"""

EXAMPLES = "examples-of-situations-that-might-or-might-not-qualify-for-an-exception"
EXCEPTION_DEPENDENTS = [
    Dependent(
        "scenario",
        "exception-login-emergency",
        (Pin(EXAMPLES, "Emergency: all users are unable to login"),),
        "training/a.toml",
    ),
    Dependent(
        "scenario",
        "exception-audit",
        (Pin("exception-criteria", "The problem will create immediate audit problems for a customer's business"),),
        "training/b.toml",
    ),
]


def _exception_review(page: str | None) -> dict:
    old = snapshot.parse(OLD)
    return same_report_as_every_ratio(
        lambda: review.review(
            old, review.lock_of(old), EXCEPTION_DEPENDENTS, snapshot.parse(page) if page is not None else None
        )
    )


def test_a_pin_on_the_exception_workflow_holds_on_that_page_even_in_a_subsection():
    assert _exception_review(EXCEPTION_PAGE)["dependents"] == []


def test_a_changed_exception_workflow_sentence_lists_its_dependent_and_is_repinned_in_place():
    result = _exception_review(EXCEPTION_PAGE.replace("all users are unable to login", "every user is unable to login"))
    [row] = result["dependents"]
    assert (row["name"], row["status"], row["anchor"], row["new_anchor"]) == (
        "exception-login-emergency",
        "changed",
        EXAMPLES,
        EXAMPLES,
    )
    assert row["new_sentence"].startswith("Emergency: every user is unable to login")
    assert result["checkers_to_review"] == []


def test_an_exception_workflow_pin_without_its_section_or_page_is_removed():
    result = _exception_review(EXCEPTION_PAGE.replace("### Exception Criteria", "### Other things"))
    assert [(d["name"], d["status"]) for d in result["dependents"]] == [("exception-audit", "removed")]
    assert {d["status"] for d in _exception_review(None)["dependents"]} == {"removed"}
