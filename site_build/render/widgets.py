"""Build-time HTML for every form on a page (a checker, the response texts, the incident helper;
see checkers/web/forms.py): the fields from the form's own questions and one shell around them, so the
page is useful before Python starts in the browser (and without JavaScript). A checker adds its
decision table. The browser mounts every shell the same way (docs/assets/checkers/widget.js), found
by `data-hb-component="form"`; `data-form` names the form for the worker's "form" operation."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

import checkers
from checkers.engine import handbook
from checkers.engine.model import NOW, Checker, Question
from checkers.engine.timeutil import NAMED_ZONES
from checkers.rules.us_federal import clock_periods
from checkers.web import forms
from checkers.web.forms import Form


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _described_by(dom_id: str, q: Question) -> str:
    ids = [f"{dom_id}-error"] + ([f"{dom_id}-help"] if q.help else [])
    return " ".join(ids)


def _help_and_error(dom_id: str, q: Question) -> str:
    help_html = f'<p class="checker__help" id="{dom_id}-help">{escape(q.help)}</p>' if q.help else ""
    return help_html + f'<p class="checker__error" id="{dom_id}-error" hidden></p>'


def _radios(
    dom_id: str, q: Question, choices: list[tuple[str, str]], checked: str | None, *, multiple=False, hidden: str = ""
) -> str:
    # `required` on the radios, not aria-required on the fieldset: a group may not carry it (axe).
    required = " required" if q.required and not multiple else ""
    kind = "checkbox" if multiple else "radio"
    # A checkbox group's values are read as a list; its `name` is the question's id.
    name = q.id if multiple else dom_id
    items = []
    for value, label in choices:
        input_id = f"{dom_id}-{value}"
        mark = " checked" if value == checked else ""
        items.append(
            f'<label class="checker__choice" for="{input_id}"><input type="{kind}" id="{input_id}" '
            f'name="{name}" value="{_attr(value)}"{required}{mark}> {escape(label)}</label>'
        )
    return (
        f'<fieldset class="checker__field"{hidden} data-question="{q.id}" data-kind="{q.kind}" '
        f'aria-describedby="{_described_by(dom_id, q)}">'
        f'<legend>{escape(q.label)}</legend><div class="checker__choices">{"".join(items)}</div>'
        f"{_help_and_error(dom_id, q)}</fieldset>"
    )


_INPUT_TYPES = {"datetime": "datetime-local", "date": "date", "text": "text", "url": "url"}


def _input(dom_id: str, q: Question, *, hidden: str = "") -> str:
    extra = ""
    if q.kind == "datetime":
        extra = ' step="60"'
    if q.kind == "date-list":
        control = (
            f'<textarea id="{dom_id}" name="{dom_id}" rows="2" aria-describedby="{_described_by(dom_id, q)}" '
            f'placeholder="YYYY-MM-DD, one per line"></textarea>'
        )
    else:
        control = (
            f'<input type="{_INPUT_TYPES[q.kind]}" id="{dom_id}" name="{dom_id}"{extra} '
            f'aria-describedby="{_described_by(dom_id, q)}"{" required" if q.required else ""}>'
        )
    now_note, default_now = "", ""
    if q.kind == "datetime":
        # The time is read in the zone chosen beside it (the reader's own unless they pick another), and
        # the offset that gives is shown once a time is entered (docs/assets/checkers/zones.js).
        options = "".join(f'<option value="{_attr(zone)}">{escape(label)}</option>' for zone, label in NAMED_ZONES)
        now_note = (
            f'<label class="checker__zone-label" for="{dom_id}-zone">Time zone</label>'
            f'<select class="checker__zone" id="{dom_id}-zone" data-zone-for="{dom_id}">'
            f'<option value="" selected>your time zone</option>{options}</select>'
            f'<output class="checker__offset" for="{dom_id} {dom_id}-zone" data-offset-for="{dom_id}"></output>'
        )
        # Every date-time gets "Now": "when did you send it?" is usually answered "just now".
        now_note += f'<button type="button" class="md-button checker__now" data-now-for="{dom_id}">Now</button>'
    if q.default is NOW:
        now_note += '<span class="checker__hint">Empty means now, whichever time zone is chosen.</span>'
        default_now = ' data-default="now"'  # the page fills these in with the current time when empty
    return (
        f'<div class="checker__field"{hidden} data-question="{q.id}" data-kind="{q.kind}"{default_now}>'
        f'<label for="{dom_id}">{escape(q.label)}</label>'
        f'<div class="checker__control">{control}{now_note}</div>{_help_and_error(dom_id, q)}</div>'
    )


def question_html(form_name: str, q: Question, *, asked: bool = True) -> str:
    """One field. Its ids are `chk-<form>-<question>` (underscores as hyphens). A question not
    `asked` for the form's defaults is drawn hidden, as the first answer will show it."""
    dom_id = f"chk-{form_name}-{q.id}".replace("_", "-")
    hidden = "" if asked else " hidden"
    if q.kind == "multi-choice":
        return _radios(dom_id, q, [(o.value, o.label) for o in q.options], None, multiple=True, hidden=hidden)
    if q.kind == "choice":
        checked = None if q.required else q.default
        return _radios(dom_id, q, [(o.value, o.label) for o in q.options], checked, hidden=hidden)
    if q.kind == "boolean":
        checked = None if q.required else ("true" if q.default else "false")
        return _radios(dom_id, q, [("true", "Yes"), ("false", "No")], checked, hidden=hidden)
    return _input(dom_id, q, hidden=hidden)


def asked_when_text(checker: Checker, q: Question) -> str:
    """`asked_when` in words: each key's label (a question's, or a derived fact's) and its values."""
    labels = {other.id: other for other in checker.questions}
    derived = {d.id: d.label for d in checker.derived}
    parts = []
    for key, allowed in q.asked_when or ():
        if key in derived:
            label, values = derived[key], ["yes" if v is True else "no" if v is False else str(v) for v in allowed]
        else:
            other = labels[key]
            names = {o.value: o.label for o in other.options} | {True: "Yes", False: "No"}
            label, values = other.label, [names.get(v, str(v)) for v in allowed]
        parts.append(f"{label.rstrip('?')}: {' or '.join(values)}")
    return "; ".join(parts)


def decision_table_html(checker: Checker) -> str:
    used = [f for f in checker.facts if any(f.id in r.when for r in checker.rules)]
    head = "".join(f'<th scope="col">{escape(f.label)}</th>' for f in used)
    rows = []
    for number, rule in enumerate(checker.rules, start=1):
        cells = []
        for fact in used:
            if fact.id in rule.when:
                text = " or ".join(fact.label_of(v) for v in rule.when[fact.id])
                cells.append(f"<td>{escape(text)}</td>")
            else:
                cells.append('<td class="checker__any">any</td>')
        outcome = checker.outcome(rule.outcome)
        links = ", ".join(
            f'<a href="{{{{base}}}}{handbook.href(a)}">{escape(handbook.section(a).title)}</a>' for a in rule.cite
        )
        rows.append(
            f'<tr data-outcome="{outcome.code}"><th scope="row">{number}</th>{"".join(cells)}'
            f"<td><strong>{escape(outcome.title)}</strong><br><code>{outcome.code}</code></td>"
            f"<td>{escape(rule.because)}</td><td>{links}</td></tr>"
        )
    return (
        f'<div class="checker__table md-typeset__scrollwrap"><div class="md-typeset__table"><table>'
        f"<caption>How the checker decides: the first row that matches wins.</caption>"
        f'<thead><tr><th scope="col">Row</th>{head}<th scope="col">Outcome</th><th scope="col">Why</th>'
        f'<th scope="col">Handbook</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></div>'
    )


RENDERERS = Path(__file__).resolve().parents[2] / "docs" / "assets" / "checkers" / "render"

# Data a form's renderer reads from its shell, computed by Python at build time: form name ->
# data attributes. The US Federal clock's Pacific Time offsets (checkers.rules.us_federal.clock_periods).
RENDERER_DATA = {
    "us-federal": cache(lambda: {"data-pacific-periods": json.dumps(clock_periods(), separators=(",", ":"))}),
}


def _renderer_data(name: str) -> str:
    return (
        "".join(f' {attr}="{_attr(value)}"' for attr, value in RENDERER_DATA[name]().items())
        if name in RENDERER_DATA
        else ""
    )


def form_html(
    form: Form,
    *,
    label: str,
    summary: str = "",
    status: str,
    ready: str,
    fallback: str,
    attrs: str = "",
    result_class: str = "",
    reset: bool = True,
    after: str = "",
    prompt: str = "",
) -> str:
    """The shell every form shares. `status` is shown until Python answers, `ready` once it does;
    `fallback` says what still works if it cannot start; `prompt` (optional) replaces "Still to answer"
    before the first answer;
    `attrs` adds the component's own data attributes; a renderer module named like the form
    (docs/assets/checkers/render/<name>.js) is named in `data-renderer` when it exists, with the data
    RENDERER_DATA gives it."""
    renderer = (
        f' data-renderer="{form.name}"{_renderer_data(form.name)}' if (RENDERERS / f"{form.name}.js").exists() else ""
    )
    link = " data-keeps-link" if form.keeps_link else ""
    prompt_attr = f' data-prompt="{_attr(prompt)}"' if prompt else ""
    # The questions Python asks for the defaults, so the page does not move when its first answer
    # hides the others (the exception criteria: 1,200 px on a phone).
    asked = set(forms.asked(form.name, {}))
    questions = "".join(question_html(form.name, q, asked=q.id in asked) for q in form.questions)
    reset_html = '<button type="reset" class="md-button checker__reset">Start again</button>' if reset else ""
    summary_html = f'<p class="checker__summary">{escape(summary)}</p>' if summary else ""
    return (
        f'<section data-hb-component="form" data-form="{form.name}"{renderer}{link}{prompt_attr}{attrs} '
        f'aria-label="{_attr(label)}">'
        f"{summary_html}"
        f'<form class="checker__form" novalidate aria-label="{_attr(label)}">{questions}{reset_html}</form>'
        f'<p class="checker__status" role="status" data-state="static" data-ready="{_attr(ready)}" '
        f'data-fallback="{_attr(fallback)}">'
        f"{escape(status)}</p>"
        f'<div class="checker__result{" " + result_class if result_class else ""}" aria-live="polite" '
        f'aria-atomic="true"></div>'
        f"{after}</section>"
    )


def checker_html(name: str, base: str) -> str:
    """The whole widget. `base` is the relative path from the page to the site root."""
    checker = checkers.get(name)
    notes = "".join(f"<li>{escape(n)}</li>" for n in checker.notes)
    conditional = "".join(
        f"<li>{escape(q.label)} Asked only when {escape(asked_when_text(checker, q))}.</li>"
        for q in checker.questions
        if q.asked_when
    )
    if conditional:  # the same condition the form, the CLI's schema and the drills read
        notes = f"<li>Questions asked only when they matter:<ul>{conditional}</ul></li>" + notes
    notes_html = (
        f'<div class="checker__notes"><p>Where the handbook is silent:</p><ul>{notes}</ul></div>' if notes else ""
    )
    # The page's own Markdown heading introduces the widget (and puts it in the table of contents).
    html = form_html(
        forms.get(name),
        label=checker.title,
        summary=checker.summary,
        attrs=f' class="checker" data-checker="{name}"',
        status="Answers are checked by Python in your browser once it has started; until then, use the table below.",
        ready="Checked by Python in your browser, from the rules in the table below.",
        fallback="The decision table below still applies.",
        after=f"{notes_html}"
        f'<details class="checker__details" open><summary>Decision table</summary>'
        f"{decision_table_html(checker)}</details>",
    )
    return html.replace("{{base}}", base)


def template_html(name: str, content: str) -> str:
    """Markup the page's script fills at run time, written once: the renderer draws a part for the first
    paint with a function and writes the same function's output, empty, as this template; the script
    clones it and fills it with text only (docs/assets/checkers/dom.js `fromTemplate`). Inert until
    cloned: no ids in it, and axe and the reader never see it."""
    return f'<template data-hb-template="{name}">{content}</template>'


def copy_button_html(what: str) -> str:
    """A Copy button drawn by the build: disabled until the page's script gives it its text
    (dom.js `setCopyText`, which also names it, as "Copy `what`")."""
    return (
        f'<button type="button" class="md-button checker__copy" aria-label="Copy {_attr(what)}" disabled>Copy</button>'
    )
