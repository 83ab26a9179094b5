"""Build-time HTML for the training pages, from the scenario library (training/library.py).

- ``<!-- training: drills -->``: the drill app's mount point and the scenarios as JSON *without*
  their answer keys (the worker grades each answer with the checkers, see checkers/drills.py);
- ``<!-- training: facilitator-cards -->``: one printable card per scenario, keys included.

A scenario whose facts or questions are wrong raises `library.ScenarioError` (file and field named);
the marker (site_build/markers.py) turns it into a failed build naming the page.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
from datetime import date, datetime
from html import escape
from typing import Any

import checkers
from checkers import flows
from checkers.engine import handbook
from checkers.engine.answers import parse_date, parse_datetime
from training import flow_library, library

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LETTERS = "ABCDEFGHIJ"


def _attr(text: str) -> str:
    return escape(text, quote=True)


def offset_label(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def when_label(moment: datetime) -> str:
    """'Saturday 14 January 2023, 10:05 (UTC+10:00)': spelled out, so no locale decides it."""
    return (
        f"{WEEKDAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]} {moment.year}, "
        f"{moment:%H:%M} ({offset_label(moment)})"
    )


def _day_label(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.isoformat()}"


def fact_value(question, raw: Any) -> str:
    """A checker answer as a person reads it: option labels, Yes/No, spelled-out dates."""
    if question.kind == "boolean":
        return "Yes" if raw else "No"
    if question.kind == "choice":
        for option in question.options:
            if option.value == raw:
                return option.label
        return str(raw)
    if question.kind == "multi-choice":
        labels = {option.value: option.label for option in question.options}
        return ", ".join(labels.get(value, str(value)) for value in raw) or "none"
    if question.kind == "datetime":
        return when_label(parse_datetime(question.id, raw))
    if question.kind == "date":
        return _day_label(parse_date(question.id, raw))
    if question.kind == "date-list":
        return ", ".join(_day_label(parse_date(question.id, d)) for d in raw) or "none"
    return str(raw)


def known_facts(scenario: library.Scenario) -> list[dict[str, str]]:
    """The facts in the checker's question order, each with the facilitator's line if any."""
    checker = checkers.get(scenario.checker)
    facts = []
    for question in checker.questions:
        if question.id in scenario.answers:
            facts.append(
                {
                    "id": question.id,
                    "label": question.label,
                    "value": fact_value(question, scenario.answers[question.id]),
                    "reveal": scenario.reveal.get(question.id, ""),
                }
            )
    return facts


def fingerprint(drill: library.Scenario | flow_library.FlowDrill) -> str:
    """Changes when the facts or the questions change: saved progress is dropped, and the training
    record marks the drill's earlier answers out of date."""
    if isinstance(drill, flow_library.FlowDrill):
        data = json.dumps([drill.flow, drill.answers, [q.as_spec() for q in drill.questions]], sort_keys=True)
    else:
        data = json.dumps([drill.answers, [q.as_spec() for q in drill.questions]], sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:12]


# Letters and digits nobody misreads when a facilitator reads one out (no I, L, O, U, 0 or 1).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 4


def drill_code(drill_id: str) -> str:
    """The short code a facilitator and a trainee both type to open the same whole-page drill: a
    digest of its id, so it never changes while the drill keeps its id."""
    number = int.from_bytes(hashlib.sha256(drill_id.encode()).digest()[:8], "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def codes(walks: list[flow_library.FlowDrill]) -> dict[str, str]:
    """id -> code for every whole-page drill; two drills sharing a code fail the build."""
    found: dict[str, str] = {}
    for walk in walks:
        code = drill_code(walk.id)
        if code in found.values():
            other = next(i for i, c in found.items() if c == code)
            raise ValueError(f"whole-page drills {other} and {walk.id} share the code {code}: rename one")
        found[walk.id] = code
    return found


def record_entry(drill: library.Scenario | flow_library.FlowDrill) -> dict[str, Any]:
    """What the training record knows of a drill (docs/assets/training/record.js): its version, title,
    questions and the handbook sections its pins cite, by which the record counts it."""
    return {
        "id": drill.id,
        "version": fingerprint(drill),
        "title": drill.title,
        "whole_page": isinstance(drill, flow_library.FlowDrill),
        "sections": [{"anchor": a, **handbook.source_entry(a)} for a in drill.anchors],
    }


def _ordered(scenarios: list[library.Scenario]) -> list[library.Scenario]:
    rank = {d: i for i, d in enumerate(library.DIFFICULTIES)}
    return sorted(scenarios, key=lambda s: (rank[s.difficulty], s.title.lower()))


# ---- the drill page --------------------------------------------------------------------------


def story_payload(story: library.Story) -> dict[str, Any]:
    moment = story.time
    return {
        "when": when_label(moment),
        "time": moment.isoformat(),
        "offset_minutes": int(moment.utcoffset().total_seconds()) // 60,
        "offset": offset_label(moment),
        "region": story.region,
        "ticket": story.ticket,
        "context": story.context,
    }


def drill_payload(scenario: library.Scenario) -> dict[str, Any]:
    """Everything the page needs to put a scenario to the trainee, and nothing that answers it."""
    return {
        **record_entry(scenario),
        "difficulty": scenario.difficulty,
        "seconds": scenario.seconds,
        "story": story_payload(scenario.story),
        "facts": {"checker": scenario.checker, "answers": scenario.answers},
        "known": [{"label": f["label"], "value": f["value"]} for f in known_facts(scenario)],
        "questions": [{"id": q.id, "prompt": q.prompt, **q.as_spec()} for q in scenario.questions],
    }


def flow_known(drill: flow_library.FlowDrill) -> list[dict[str, str]]:
    """The facts behind a walk, as a person reads them, each with what the customer says when asked."""
    found = []
    for key, raw in drill.answers.items():
        question = _flow_question(key)
        found.append(
            {
                "label": question.label if question else key,
                "value": fact_value(question, raw) if question else str(raw),
                "reveal": drill.reveal.get(key, ""),
            }
        )
    return found


def _flow_question(key: str):
    namespace, _, answer = key.partition(".")
    if namespace in checkers.names():
        questions = checkers.get(namespace).questions
    else:
        questions = (
            getattr(importlib.import_module(f"checkers.flows.{namespace}"), "QUESTIONS", ())
            if namespace in flows.NAMES
            else ()
        )
    return next((q for q in questions if q.id == answer), None)


def flow_payload(drill: flow_library.FlowDrill) -> dict[str, Any]:
    """A whole-page drill as the page puts it: the story, then one question per step in the flow's
    order, each with the step's title; as for a scenario, no key (the worker grades each step)."""
    titles = {step.id: step.title for step in flows.get(drill.flow).steps}
    return {
        **record_entry(drill),
        "difficulty": drill.difficulty,
        "seconds": drill.seconds,
        "story": story_payload(drill.story),
        "flow": {"name": drill.flow, "answers": drill.answers},
        "known": [{"label": f["label"], "value": f["value"]} for f in flow_known(drill)],
        "questions": [
            {"id": q.id, "prompt": q.prompt, "step_title": titles[q.field], **q.as_spec()}
            for q in _in_path_order(drill)
        ],
    }


def _in_path_order(drill: flow_library.FlowDrill) -> list:
    order = [step.id for step in flows.get(drill.flow).steps]
    return sorted(drill.questions, key=lambda q: order.index(q.field))


def payload_attribute(data: Any) -> str:
    """`data-payload='...'`: a component's data as JSON in an attribute. Not a <script type=
    "application/json">: Material's instant navigation re-creates every inline script of the page it
    swaps in as a plain script (its type dropped), which the CSP refuses and the component then cannot
    find. An attribute it leaves alone, and search does not index it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "data-payload='" + text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;") + "'"


def drills_html(
    scenarios: list[library.Scenario], base: str, flow_drills: list[flow_library.FlowDrill] | None = None
) -> str:
    """The scenarios, then the whole-page drills (training/flows/), one list for the picker and progress."""
    ordered = _ordered(scenarios)
    walks = _ordered(flow_library.load_all() if flow_drills is None else flow_drills)
    for drill in [*ordered, *walks]:
        drill.keys()  # a drill with no right answer must fail the build, not the trainee
    payload = {"scenarios": [drill_payload(s) for s in ordered] + [flow_payload(d) for d in walks]}
    items = "".join(
        f'<li id="drill-{s.id}">{escape(s.title)} <span class="drills__tag">{escape(s.difficulty)}</span>'
        + (' <span class="drills__tag">whole page</span>' if s in walks else "")
        + "</li>"
        for s in [*ordered, *walks]
    )
    return (
        f'<div class="drills" data-hb-component="drills" data-drills {payload_attribute(payload)}>'
        f'<p class="drills__status" role="status">The drills check your answers with Python in your browser. '
        f'If nothing happens, JavaScript may be off: the <a href="{base}drill-cards/">facilitator cards</a> '
        f"hold the same scenarios on paper.</p>"
        f'<details class="drills__static"><summary>The {len(ordered) + len(walks)} scenarios</summary>'
        f"<ol>{items}</ol></details>"
        f"</div>"
    )


# ---- the training record (the training page) ---------------------------------------------------------


def record_html(
    scenarios: list[library.Scenario], base: str, flow_drills: list[flow_library.FlowDrill] | None = None
) -> str:
    """The training record's place on the training page: every drill's version, title and sections
    as JSON (no keys), and the record's parts, drawn with their buttons disabled until mounted so
    nothing moves when the page comes alive (docs/assets/training/record-view.js)."""
    drills = [*_ordered(scenarios), *_ordered(flow_library.load_all() if flow_drills is None else flow_drills)]
    payload = {"drills": [record_entry(d) for d in drills]}
    return (
        f'<div class="training-record" data-hb-component="training-record" {payload_attribute(payload)}>'
        f'<p class="training-record__status" role="status">Your record is read from this browser by the page\'s '
        f"script; with JavaScript off there is nothing to show.</p>"
        f'<div class="training-record__figures"></div>'
        f'<div class="training-record__tools">'
        f'<button type="button" class="md-button" data-record="copy-text" disabled>'
        f"Copy the text for the rotation request</button> "
        f'<button type="button" class="md-button" data-record="copy-json" disabled>Copy the record as JSON</button> '
        f'<button type="button" class="md-button" data-record="download" disabled>Download the record (JSON)</button>'
        f"</div>"
        f'<details class="training-record__import"><summary>Bring a record from another browser</summary>'
        f'<p id="training-record-import-help">Paste the JSON you copied or downloaded elsewhere, or choose the file. '
        f"It is added to the record kept here: nothing is removed.</p>"
        f'<label for="training-record-paste">The record as JSON</label>'
        f'<textarea id="training-record-paste" rows="4" aria-describedby="training-record-import-help"></textarea>'
        f'<label for="training-record-file">Or a file</label>'
        f'<input type="file" id="training-record-file" accept="application/json,.json">'
        f'<button type="button" class="md-button md-button--primary" data-record="import" disabled>Import</button>'
        f'<p class="training-record__import-status" role="status"></p>'
        f"</details>"
        f"</div>"
    )


# ---- the facilitator cards ---------------------------------------------------------------------


def _paragraphs(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return "".join(f"<p{cls}>{escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text.strip()) if p.strip())


def _sources(result: dict[str, Any], base: str) -> str:
    return ", ".join(f'<a href="{base}{_attr(s["href"])}">{escape(s["title"])}</a>' for s in result["sources"])


def card_html(scenario: library.Scenario, number: int, base: str) -> str:
    sid = scenario.id
    story = scenario.story
    facts = "".join(
        f'<li class="drill-card__fact"><strong>{escape(f["label"])}</strong> {escape(f["value"])}'
        + (f"<br><em>Say:</em> {escape(f['reveal'])}" if f["reveal"] else "")
        + "</li>"
        for f in known_facts(scenario)
    )
    questions = []
    for q in scenario.questions:
        choices = "".join(f"<li>{escape(c.label)}</li>" for c in q.choices)
        questions.append(f'<li><p>{escape(q.prompt)}</p><ol type="A" class="drill-card__choices">{choices}</ol></li>')
    expected = []
    for key in scenario.keys():
        result = key.result
        expected.append(
            f"<li><p><strong>{escape(key.question.prompt)}</strong> {LETTERS[key.choice]}. {escape(key.label)}</p>"
            f"<p><em>Why:</em> {escape(result['because'])}</p>"
            f"<p><em>Handbook:</em> {_sources(result, base)}</p></li>"
        )
    result = scenario.result()
    actions = "".join(f"<li>{escape(a)}</li>" for a in result["actions"])
    tags = ", ".join(f"<code>{escape(t)}</code>" for t in result["tags"]) or "none named"
    debrief = "".join(f"<li>{escape(d)}</li>" for d in scenario.debrief)
    notes = "".join(f"<li>{escape(n)}</li>" for n in checkers.get(scenario.checker).notes)
    context = _paragraphs(story.context) if story.context else ""
    return (
        f'<article class="drill-card" id="card-{sid}" data-card aria-labelledby="card-{sid}-title">'
        f'<h2 id="card-{sid}-title">{number}. {escape(scenario.title)}</h2>'
        f'<p class="drill-card__meta"><span>{escape(scenario.difficulty)}</span> · '
        f"<span>{escape(story.region)}</span> · <span>{escape(when_label(story.time))}</span> · "
        f"<span>checker <code>{escape(scenario.checker)}</code></span></p>"
        f'<section class="drill-card__part"><h3>Read out the page</h3>'
        f'<blockquote class="drill-card__ticket">{_paragraphs(story.ticket)}</blockquote>{context}</section>'
        f'<section class="drill-card__part"><h3>Reveal the facts, one at a time, when asked</h3>'
        f'<ol class="drill-card__facts" data-facts>{facts}</ol></section>'
        f'<section class="drill-card__part"><h3>Questions to put to the group</h3>'
        f"<ol>{''.join(questions)}</ol></section>"
        f'<section class="drill-card__part drill-card__answers" data-answers><h3>Expected decisions</h3>'
        f"<ol>{''.join(expected)}</ol>"
        f"<p><strong>The checker's outcome:</strong> {escape(result['title'])} "
        f"(<code>{escape(result['outcome'])}</code>); "
        f'macros: {tags}.</p><ol class="drill-card__actions">{actions}</ol></section>'
        + (f'<section class="drill-card__part"><h3>Debrief</h3><ol>{debrief}</ol></section>' if debrief else "")
        + (
            f'<section class="drill-card__part drill-card__notes"><h3>Where the handbook is silent</h3>'
            f"<ul>{notes}</ul></section>"
            if notes
            else ""
        )
        + "</article>"
    )


def _story_html(story: library.Story) -> str:
    context = _paragraphs(story.context) if story.context else ""
    return (
        f'<section class="drill-card__part"><h3>Read out the page</h3>'
        f'<blockquote class="drill-card__ticket">{_paragraphs(story.ticket)}</blockquote>{context}</section>'
    )


def flow_card_html(drill: flow_library.FlowDrill, number: int, base: str, code: str) -> str:
    """A whole-page drill's facilitator view, the same on screen and on paper: the page to read out,
    the customer's lines for each fact when the trainee asks, the steps the trainee decides on the
    guided page with the decisions the handbook expects and their sections, and the debrief."""
    sid = drill.id
    story = drill.story
    facts = "".join(
        f'<li class="drill-card__fact"><strong>{escape(f["label"])}</strong> {escape(f["value"])}'
        + (f"<br><em>The customer says:</em> {escape(f['reveal'])}" if f["reveal"] else "")
        + "</li>"
        for f in flow_known(drill)
    )
    keys = dict(zip(drill.questions, drill.keys(), strict=True))
    titles = {step.id: step.title for step in flows.get(drill.flow).steps}
    expected = []
    for question in _in_path_order(drill):
        key = keys[question]
        step = next(s for s in key["result"]["steps"] if s["id"] == question.field)
        sources = ", ".join(
            f'<a href="{base}{_attr(handbook.source_entry(h.partition("#")[2])["href"])}">'
            f"{escape(handbook.source_entry(h.partition('#')[2])['title'])}</a>"
            for h in step["cite"]
        )
        expected.append(
            f"<li><p><strong>{escape(titles[question.field])}.</strong> {escape(question.prompt)} "
            f"{LETTERS[key['choice']]}. {escape(question.choices[key['choice']].label)}</p>"
            f'<ol type="A" class="drill-card__choices">'
            f"{''.join(f'<li>{escape(c.label)}</li>' for c in question.choices)}</ol>"
            f"<p><em>Why:</em> {escape(step['because'])}</p><p><em>Handbook:</em> {sources}</p></li>"
        )
    debrief = "".join(f"<li>{escape(d)}</li>" for d in drill.debrief)
    return (
        f'<article class="drill-card" id="card-{sid}" data-card data-code="{code}" aria-labelledby="card-{sid}-title">'
        f'<h2 id="card-{sid}-title">{number}. {escape(drill.title)}</h2>'
        f'<p class="drill-card__meta"><span>{escape(drill.difficulty)}</span> · <span>{escape(story.region)}</span> · '
        f"<span>{escape(when_label(story.time))}</span> · <span>whole page</span> · "
        f'<span>code <strong class="drill-card__code">{code}</strong></span></p>'
        f'<p class="drill-card__how">The trainee opens the '
        f'<a href="{base}paged/#role-play">guided page\'s role-play</a> '
        f"and types the code <strong>{code}</strong>; their page grades each step as they answer it.</p>"
        + _story_html(story)
        + f'<section class="drill-card__part"><h3>Reveal the facts, one at a time, when asked</h3>'
        f'<ol class="drill-card__facts" data-facts>{facts}</ol></section>'
        f'<section class="drill-card__part drill-card__answers" data-answers><h3>Expected decisions, step by step</h3>'
        f"<ol>{''.join(expected)}</ol></section>"
        f'<section class="drill-card__part"><h3>Debrief</h3><ol>{debrief}</ol></section>'
        "</article>"
    )


def cards_html(
    scenarios: list[library.Scenario], base: str, flow_drills: list[flow_library.FlowDrill] | None = None
) -> str:
    ordered = _ordered(scenarios)
    walks = _ordered(flow_library.load_all() if flow_drills is None else flow_drills)
    code_of = codes(walks)
    index = "".join(
        f'<li><a href="#card-{s.id}">{escape(s.title)}</a> <span class="drills__tag">{escape(s.difficulty)}</span>'
        + (f' <span class="drills__tag">whole page, code {code_of[s.id]}</span>' if s in walks else "")
        + "</li>"
        for s in [*ordered, *walks]
    )
    cards = "".join(card_html(s, n, base) for n, s in enumerate(ordered, start=1))
    cards += "".join(flow_card_html(d, n, base, code_of[d.id]) for n, d in enumerate(walks, start=len(ordered) + 1))
    opener = (
        '<form class="drill-cards__open" data-open-code novalidate>'
        '<label for="drill-cards-code">Open a whole-page drill by its code</label> '
        '<input id="drill-cards-code" class="drill-cards__code" autocomplete="off" spellcheck="false" '
        f'maxlength="{CODE_LENGTH + 2}" '
        'aria-describedby="drill-cards-code-status" autocapitalize="characters"> '
        '<button type="submit" class="md-button" disabled>Open</button>'
        '<p id="drill-cards-code-status" class="drill-cards__code-status" role="status"></p></form>'
    )
    return (
        f'<div class="drill-cards" data-hb-component="drill-cards" data-drill-cards>{opener}'
        f'<nav class="drill-cards__index" aria-label="Scenario cards"><ol>{index}</ol></nav>{cards}</div>'
    )


# ---- role-play on the guided page ------------------------------------------------------------------


def role_play_payload(walk: flow_library.FlowDrill, code: str) -> dict[str, Any]:
    """A whole-page drill as the trainee's guided page runs it: the story, the steps to grade, the
    debrief; no key (the worker grades the trainee's own walk against the drill's answers)."""
    shown = {
        k: v for k, v in flow_payload(walk).items() if k not in ("known", "sections", "seconds")
    }  # the 3 a.m. page stays light
    return {**shown, "code": code, "debrief": list(walk.debrief)}


def role_play_html(base: str, flow_drills: list[flow_library.FlowDrill] | None = None) -> str:
    walks = _ordered(flow_library.load_all() if flow_drills is None else flow_drills)
    code_of = codes(walks)
    payload = {"drills": [role_play_payload(w, code_of[w.id]) for w in walks]}
    return (
        f'<div class="role-play" data-hb-component="role-play" id="role-play-panel" {payload_attribute(payload)}>'
        f'<form class="role-play__open" novalidate>'
        f'<label for="role-play-code">The drill\'s code, from your facilitator</label> '
        '<input id="role-play-code" class="drill-cards__code" autocomplete="off" spellcheck="false" '
        f'maxlength="{CODE_LENGTH + 2}" '
        f'aria-describedby="role-play-status" autocapitalize="characters"> '
        f'<button type="submit" class="md-button md-button--primary" disabled>Start the drill</button>'
        f'<p id="role-play-status" class="role-play__status" role="status"></p></form>'
        f'<div class="role-play__stage"></div></div>'
    )


def validate() -> int:
    """Load and key every scenario and whole-page drill; returns how many. Raises library.ScenarioError."""
    drills = [*library.load_all(), *flow_library.load_all()]
    for drill in drills:
        drill.keys()
    return len(drills)
