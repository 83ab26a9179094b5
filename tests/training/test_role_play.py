"""Role-play: each whole-page drill's short code, and the worker's grading of a trainee's own walk of
the guided page against the drill (checkers.drills.grade_walk), step by step as it settles."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest

from checkers.web import bridge
from site_build.render import drills as drill_pages
from tests.build.test_training import payload_of
from training import flow_library

DRILLS = {d.id: d for d in flow_library.load_all()}
BORDERLINE = DRILLS["paged-borderline-weekend"]
ENTITLED = {"entitlement.org_associated": "true", "entitlement.plan": "premium", "paged.deployment": "self-managed"}


def grade(drill, **answers):
    request = {
        "op": "grade",
        "flow": drill.flow,
        "answers": drill.answers,
        "steps": [q.as_spec() for q in drill.questions],
        "query": "?" + urlencode(answers),
    }
    reply = json.loads(bridge.handle(json.dumps(request)))
    assert reply["ok"], reply
    return {s["field"]: s for s in reply["result"]["steps"]}, reply["result"]["done"]


def test_every_whole_page_drill_has_its_own_short_code_that_survives_a_rebuild():
    codes = drill_pages.codes(list(DRILLS.values()))
    assert len(set(codes.values())) == len(DRILLS)
    assert all(re.fullmatch(f"[{drill_pages.CODE_ALPHABET}]{{4}}", code) for code in codes.values())
    assert codes == drill_pages.codes(list(reversed(DRILLS.values()))), "a code depends on the drill, not the list"


def test_two_drills_sharing_a_code_fail_the_build(monkeypatch):
    monkeypatch.setattr(drill_pages, "drill_code", lambda drill_id: "AAAA")
    with pytest.raises(ValueError, match="share the code AAAA"):
        drill_pages.codes(list(DRILLS.values())[:2])


def test_the_guided_page_carries_codes_stories_and_debriefs_but_no_key():
    html = drill_pages.role_play_html("/")
    data = payload_of(html, "role-play")
    assert {d["id"]: d["code"] for d in data["drills"]} == drill_pages.codes(list(DRILLS.values()))
    for drill in data["drills"]:
        assert drill["debrief"] and drill["story"]["ticket"]
        assert all(set(q) == {"id", "prompt", "step_title", "asks", "field", "choices"} for q in drill["questions"])
    for giveaway in ("key_choice", '"key"', '"correct"'):
        assert giveaway not in html


def test_nothing_is_graded_before_the_trainee_has_answered():
    graded, done = grade(BORDERLINE)
    assert not done and not any(s["answered"] for s in graded.values())
    assert all("key" not in s for s in graded.values()), "no key before the step is settled"


def test_a_step_is_graded_once_settled_and_one_deciding_from_a_time_waits_for_the_story_s_time():
    graded, done = grade(
        BORDERLINE, **ENTITLED, **{"qualification.production_unusable": "no", "qualification.exception_criteria": "no"}
    )
    assert graded["qualification"]["answered"] and graded["qualification"]["correct"]
    assert graded["qualification"]["given_text"] == "Done: not-an-emergency"
    assert not graded["borderline"]["answered"], "its time is the drill's, not the trainee's clock"
    assert not graded["resolved"]["answered"] and not done
    graded, done = grade(
        BORDERLINE,
        **ENTITLED,
        **{
            "qualification.production_unusable": "no",
            "qualification.exception_criteria": "no",
            "borderline.at": "2024-09-21T09:15:00+02:00",
        },
    )
    assert done and all(s["correct"] for s in graded.values())


def test_a_different_walk_is_graded_wrong_with_the_handbook_s_answer_and_sections():
    graded, done = grade(
        BORDERLINE,
        **ENTITLED,
        **{"qualification.production_unusable": "yes", "borderline.at": "2024-09-21T09:15:00+02:00"},
    )
    assert graded["qualification"]["correct"] is False and graded["qualification"]["given"] == "strict"
    assert graded["qualification"]["key"] == "not-an-emergency"
    assert graded["qualification"]["sources"][0]["href"].startswith("qualifying/")
    assert graded["borderline"]["answered"] and graded["borderline"]["given"] == "skipped"
    assert graded["borderline"]["correct"] is False


def test_a_bad_step_in_the_request_is_refused_naming_it():
    request = {"op": "grade", "flow": "paged", "answers": {}, "steps": [{"field": "dance", "choices": []}], "query": ""}
    reply = json.loads(bridge.handle(json.dumps(request)))
    assert reply["ok"] is False and reply["error"]["field"] == "steps[0].field"


def test_every_facilitator_card_of_a_whole_page_drill_shows_its_code_and_the_trainee_s_page():
    html = drill_pages.cards_html([], "/", list(DRILLS.values()))
    for drill_id, code in drill_pages.codes(list(DRILLS.values())).items():
        card = re.search(
            rf'<article class="drill-card" id="card-{drill_id}" data-card data-code="{code}".*?</article>', html, re.S
        )
        assert card, drill_id
        assert f'code <strong class="drill-card__code">{code}</strong>' in card.group(0)
        assert 'href="/paged/#role-play"' in card.group(0)
        assert "<h3>Debrief</h3>" in card.group(0)
