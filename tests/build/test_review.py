"""`python -m checkers review` on copies of the snapshot, the strict build refusing a pinned change,
and the update end to end: replace the snapshot, read the list, re-pin, build again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.review import large_page
from handbook_tools import pins, review, review_cli, snapshot
from tests.conftest import ROOT
from tests.tools.review_before import report_before

from .variant import build_variant

SNAPSHOT = ROOT / "handbook" / "customer_emergencies_workflows.md"
LATER = Path(__file__).parent / "fixtures" / "customer_emergencies_workflows_2025.md"
SEED = SNAPSHOT.read_text(encoding="utf-8")


def run_review(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checkers", "review", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def review_of(tmp_path: Path, text: str) -> tuple[int, dict]:
    """The CLI's report on `text`, checked to be the one it printed when it computed every ratio."""
    new = tmp_path / "new.md"
    new.write_text(text, encoding="utf-8")
    done = run_review(str(new), "--json")
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == report_before(lambda: review_in_process(text)) + "\n"
    return done.returncode, json.loads(done.stdout)


def review_in_process(text: str, dependents: list[pins.Dependent] | None = None) -> dict:
    dependents = pins.dependents(review_cli.SCENARIOS) if dependents is None else dependents
    return review.review(snapshot.parse(text), review_cli.last_reviewed(), dependents, review_cli.exception_workflow())


def edited(old: str, new: str, text: str = SEED) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_every_dependent_pins_what_it_relies_on_and_every_pin_holds_today():
    dependents = pins.dependents(review_cli.SCENARIOS)
    assert review.unpinned(dependents) == []
    assert {d.kind for d in dependents} >= {"checker", "checklist", "text", "scenario"}
    assert (
        review.review(snapshot.parse(SEED), review_cli.last_reviewed(), dependents, review_cli.exception_workflow())[
            "dependents"
        ]
        == []
    )


def test_the_lock_is_the_snapshot_last_reviewed():
    assert review_cli.last_reviewed() == review.lock_of(snapshot.parse(SEED))


@pytest.mark.parametrize(
    "old, new, checkers, named",
    [
        (
            "between the hours of 0500 and 1700",
            "between the hours of 0600 and 1700",
            ["us-federal"],
            "us-federal-0430-pacific",
        ),
        ("a 14 days grace period", "a 7 days grace period", ["licence"], "licence-friday-night-within-grace"),
        ("1. After 15 minutes, if the customer", "1. After 20 minutes, if the customer", ["follow-up"], "follow_up"),
        (
            'not available, or otherwise unusable".',
            'unavailable or severely degraded".',
            ["qualification"],
            "qualification-production-down",
        ),
    ],
)
def test_a_changed_pinned_sentence_lists_exactly_its_dependents(tmp_path, old, new, checkers, named):
    code, result = review_of(tmp_path, edited(old, new))
    assert code == 1
    assert result["checkers_to_review"] == checkers
    assert named in {d["name"] for d in result["dependents"]}
    assert {d["status"] for d in result["dependents"]} == {"changed"}
    assert all(
        new.split()[1] in d["new_sentence"] or new.strip("1. ")[:20] in d["new_sentence"] for d in result["dependents"]
    )
    assert set(result) == {"sections", "dependents", "checkers_to_review"}
    assert all(set(d) >= {"kind", "name", "anchor", "status"} for d in result["dependents"])
    assert [s["anchor"] for s in result["sections"] if s["status"] != "unchanged"] == [
        result["dependents"][0]["anchor"]
    ]


def test_the_follow_up_delay_does_not_list_the_entitlement(tmp_path):
    _, result = review_of(
        tmp_path, edited("1. After 15 minutes, if the customer", "1. After 20 minutes, if the customer")
    )
    names = {d["name"] for d in result["dependents"]}
    assert "entitlement" not in names and "follow-up" in names
    assert {d["anchor"] for d in result["dependents"]} == {"respond-to-pagerduty-alerts"}


def test_the_follow_up_delay_lists_the_flow_step_that_runs_the_clock(tmp_path):
    _, result = review_of(
        tmp_path, edited("1. After 15 minutes, if the customer", "1. After 20 minutes, if the customer")
    )
    steps = {d["name"]: d for d in result["dependents"] if d["kind"] == "flow-step"}
    assert set(steps) == {"paged.follow-up"}
    assert (
        steps["paged.follow-up"]["status"] == "changed"
        and "After 20 minutes" in steps["paged.follow-up"]["new_sentence"]
    )
    assert steps["paged.follow-up"]["source"] == "checkers/flows/paged.py"


def test_a_sentence_nothing_relies_on_lists_no_dependent(tmp_path):
    code, result = review_of(
        tmp_path,
        edited("Good notes in Slack help others follow along", "Good notes in Slack help everyone follow along"),
    )
    assert code == 0 and result["dependents"] == [] and result["checkers_to_review"] == []
    assert [(s["anchor"], s["status"]) for s in result["sections"] if s["status"] != "unchanged"] == [
        ("communicate", "changed")
    ]


def test_a_removed_section_lists_its_dependents_as_removed(tmp_path):
    start = SEED.index("### Single user, same day purchases")
    code, result = review_of(
        tmp_path, SEED[:start] + SEED[SEED.index("# Customer Emergency On-Call Training Resources") :]
    )
    assert code == 1
    assert {s["anchor"]: s["status"] for s in result["sections"]}["single-user-same-day-purchases"] == "removed"
    assert {(d["name"], d["status"]) for d in result["dependents"]} >= {
        ("entitlement", "removed"),
        ("special-handling", "removed"),
    }
    assert result["checkers_to_review"] == ["entitlement", "special-handling"]


def test_a_later_hugo_era_page_is_matched_by_title_and_says_what_moved(tmp_path):
    code, result = review_of(tmp_path, LATER.read_text(encoding="utf-8"))
    assert code == 1
    sections = {s["anchor"]: s for s in result["sections"]}
    federal = sections["us-federal-emergencies"]
    assert (
        federal["moved"]
        and federal["new_anchor"] == "us-government-on-call"
        and federal["new_title"] == "US Government On-call"
    )
    assert (
        sections["fy23q4-fy24q1-trial---backup-engineers-on-weekends-in-apac"]["new_anchor"]
        == "backup-engineers-on-weekends-in-apac"
    )
    assert sections["escalate-to-initiate-page-to-backup-engineers"]["moved"]  # a level up
    assert (
        sections["special-handling-notes"]["status"] == "unchanged"
        and sections["special-handling-notes"]["new_anchor"] == "special-handling"
    )
    assert sections["stage-5-follow-up"]["status"] == "added"
    assert sections["introduction"] == {
        "anchor": "introduction",
        "title": "Introduction",
        "status": "unchanged",
        "moved": False,
    }
    rows = {(d["kind"], d["name"], d["status"], d["new_anchor"]) for d in result["dependents"]}
    assert ("checker", "follow-up", "moved", "stage-5-follow-up") in rows
    assert ("checker", "us-federal", "changed", "us-government-on-call") in rows
    assert ("checklist", "post-call/notes", "changed", "post-call") in rows
    assert {"concurrent", "entitlement", "follow-up", "us-federal"} <= set(result["checkers_to_review"])


def test_a_large_rewritten_page_gets_the_report_computing_every_ratio_gave():
    """The page `python -m benchmarks review` times (the snapshot twice, reworded: 73,000 characters),
    against one pin in forty of every kind, exception drills too: computing every ratio for all the
    pins takes minutes."""
    every = [d._replace(pins=(pin,)) for d in pins.dependents(review_cli.SCENARIOS) for pin in d.pins]
    dependents = [d for kind in sorted({d.kind for d in every}) for d in [d for d in every if d.kind == kind][::40]]
    dependents += [d for d in every if review.cites_exception_workflow(d.pins[0].anchor)][:2]
    page = large_page()
    result = review_in_process(page, dependents)
    assert {d["status"] for d in result["dependents"]} >= {"changed", "moved"}
    assert review.json_report(result) == report_before(lambda: review_in_process(page, dependents))


@pytest.mark.parametrize(
    "content, said",
    [
        (None, "cannot read it"),
        (b"\x00\x01\xff\xfe", "cannot read it"),
        (b"just words, no heading\n", "no headings"),
    ],
)
def test_a_bad_file_exits_2_naming_it(tmp_path, content, said):
    path = tmp_path / "bad.md"
    if content is not None:
        path.write_bytes(content)
    done = run_review(str(path))
    assert done.returncode == 2 and str(path) in done.stderr and said in done.stderr and done.stdout == ""


def test_the_text_report_names_the_dependents_and_the_sentence(tmp_path):
    new = tmp_path / "new.md"
    new.write_text(edited("between the hours of 0500 and 1700", "between the hours of 0600 and 1700"), encoding="utf-8")
    done = run_review(str(new))
    assert done.returncode == 1
    assert "checker us-federal: #us-federal-emergencies changed" in done.stdout
    assert (
        "now:    US Federal on-call support is provided 7 days a week between the hours of 0600 and 1700" in done.stdout
    )
    assert "Checkers to review: us-federal" in done.stdout


def test_the_strict_build_refuses_a_pinned_change_naming_each_dependent(tmp_path):
    new = tmp_path / "snapshot.md"
    new.write_text(edited("between the hours of 0500 and 1700", "between the hours of 0600 and 1700"), encoding="utf-8")
    done = build_variant(tmp_path / "site", snapshot=new)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "checker us-federal (checkers/rules/us_federal.py): #us-federal-emergencies changed" in out
    assert "scenario us-federal-0430-pacific" in out and "pinned: US Federal on-call support is provided" in out
    assert "python -m checkers review --repin" in out


def test_the_strict_build_takes_an_unpinned_change_silently(tmp_path):
    new = tmp_path / "snapshot.md"
    new.write_text(
        edited("Good notes in Slack help others follow along", "Good notes in Slack help everyone follow along"),
        encoding="utf-8",
    )
    done = build_variant(tmp_path / "site", snapshot=new)
    assert done.returncode == 0, done.stderr
    assert "Good notes in Slack help everyone follow along" in (
        tmp_path / "site" / "rotation" / "index.html"
    ).read_text(encoding="utf-8")


def _scratch_repository(into: Path) -> Path:
    for folder in ("checkers", "handbook_tools", "handbook", "docs", "training"):
        shutil.copytree(ROOT / folder, into / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return into


def test_an_update_end_to_end_review_repin_review(tmp_path):
    scratch = _scratch_repository(tmp_path / "repo")
    snapshot_file = scratch / "handbook" / "customer_emergencies_workflows.md"
    snapshot_file.write_text(
        edited("between the hours of 0500 and 1700", "between the hours of 0600 and 1700").replace(
            "post-call notes (using macro", "post-call notes (using the macro"
        ),
        encoding="utf-8",
    )
    listed = run_review(str(snapshot_file), "--json", cwd=scratch)
    assert listed.returncode == 1 and json.loads(listed.stdout)["checkers_to_review"] == ["us-federal"]
    repinned = run_review("--repin", cwd=scratch)
    assert repinned.returncode == 0, repinned.stderr
    assert "re-pinned 1 sentence(s) in checkers/rules/us_federal.py" in repinned.stdout
    assert "0600 and 1700 Pacific Time." in (scratch / "checkers" / "rules" / "us_federal.py").read_text(
        encoding="utf-8"
    )
    assert "post-call notes (using the macro" in (scratch / "checkers" / "texts" / "checklists.py").read_text(
        encoding="utf-8"
    )
    again = run_review(str(snapshot_file), "--json", cwd=scratch)
    assert again.returncode == 0, again.stdout
    assert {s["status"] for s in json.loads(again.stdout)["sections"]} == {"unchanged"}


def test_repin_leaves_a_removed_sentence_to_a_person(tmp_path):
    scratch = _scratch_repository(tmp_path / "repo")
    snapshot_file = scratch / "handbook" / "customer_emergencies_workflows.md"
    snapshot_file.write_text(
        edited("Shut the instance down immediately.\n", "Contact the security team.\n"), encoding="utf-8"
    )
    repinned = run_review("--repin", cwd=scratch)
    assert repinned.returncode == 1
    assert (
        "fix by hand: checker special-handling #compromised-instances (removed): Shut the instance down immediately."
        in repinned.stderr
    )


def test_the_exception_drills_pin_the_exception_workflow_page_they_are_drawn_from():
    page = review_cli.EXCEPTION_WORKFLOW.read_text(encoding="utf-8")
    seed = snapshot.parse(SEED)
    dependents = pins.dependents(review_cli.SCENARIOS)
    drills = [d for d in dependents if d.name.startswith("exception-")]
    assert len(drills) >= 15 and all(any(review.cites_exception_workflow(p.anchor) for p in d.pins) for d in drills)
    changed = edited(
        "- **Emergency**:  all users are unable to login", "- **Emergency**:  every user is unable to login", page
    )
    result = review.review(seed, review_cli.last_reviewed(), dependents, snapshot.parse(changed))
    assert {(d["name"], d["status"]) for d in result["dependents"]} == {("exception-login-emergency", "changed")}
    assert result["checkers_to_review"] == []
